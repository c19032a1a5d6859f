"""Quotations and reported speech: who said it, and who is quoted by whom."""

from .extract import QUOTE_COLUMNS, extract_quotes
from .speakers import plot_speakers, speakers_table
from .validate import validate_quotes
from .variants import find_speaker_variants

__all__ = ["extract_quotes", "QUOTE_COLUMNS", "speakers_table", "plot_speakers",
           "find_speaker_variants", "validate_quotes"]
