"""Copies: near-duplicate articles and wire copy across outlets, who ran a story first, and
who copies whom."""

from .duplicates import find_duplicates
from .marks import mark_duplicates

__all__ = ["find_duplicates", "mark_duplicates"]
