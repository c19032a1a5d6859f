"""mediastudy: load news articles, find their topics, score stance with evidence,
and draw coverage timelines.

The whole public API is listed here.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .errors import (
    LexiconError,
    LoadError,
    MediaStudyError,
    ModelFileError,
    NotFittedError,
    SchemaError,
)
from .schema import CORPUS_COLUMNS

# --- loading (issue 2) ---
# --- topics (issue 3) ---
# --- stance (issue 4) ---
# --- timelines (issue 5) ---

try:
    __version__ = version("mediastudy")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "__version__",
    "CORPUS_COLUMNS",
    "MediaStudyError",
    "LoadError",
    "SchemaError",
    "LexiconError",
    "ModelFileError",
    "NotFittedError",
    # loading
    # topics
    # stance
    # timelines
]
