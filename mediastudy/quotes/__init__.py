"""Quotations and reported speech: who said it, and who is quoted by whom."""

from .extract import QUOTE_COLUMNS, extract_quotes
from .speakers import plot_speakers, speakers_table

__all__ = ["extract_quotes", "QUOTE_COLUMNS", "speakers_table", "plot_speakers"]
