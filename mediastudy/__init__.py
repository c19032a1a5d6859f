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
from .kwic import kwic, sample_evidence
from .lexicon import Lexicon, load_lexicon
from .stance import StanceResult, aggregate_stance, score_stance
# --- timelines (issue 5) ---
from .periods import FREQS, period_range, period_start
from .style import format_date_axis, legend_outside, outlet_colors, save_figure, set_outlet_colors
from .topic_share import bootstrap_share_ci, plot_topic_share, topic_share_table
from .volume import plot_volume, plot_volume_grid, volume_table

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
    "load_lexicon",
    "Lexicon",
    "score_stance",
    "StanceResult",
    "aggregate_stance",
    "kwic",
    "sample_evidence",
    # timelines
    "FREQS",
    "period_start",
    "period_range",
    "volume_table",
    "plot_volume",
    "plot_volume_grid",
    "topic_share_table",
    "plot_topic_share",
    "bootstrap_share_ci",
    "outlet_colors",
    "set_outlet_colors",
    "format_date_axis",
    "legend_outside",
    "save_figure",
]
