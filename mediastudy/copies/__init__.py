"""Copies: near-duplicate articles and wire copy across outlets, who ran a story first, and
who copies whom."""

from .chunked import find_duplicates_chunked
from .duplicates import find_duplicates
from .flows import copy_flow_table, copy_share_table, plot_copy_flows, wire_credits
from .marks import mark_duplicates

__all__ = ["find_duplicates", "find_duplicates_chunked", "mark_duplicates", "copy_flow_table",
           "copy_share_table", "plot_copy_flows", "wire_credits"]
