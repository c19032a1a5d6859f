"""mediastudy: load news articles, find their topics, score stance with evidence,
and draw coverage timelines.

The public API is what ``__all__`` lists, by area:

* Loading: :func:`load_articles` (seed-layout files, CSV, JSON Lines, Parquet) into the
  corpus schema (:data:`CORPUS_COLUMNS`), :func:`load_report` (every input that could not be
  read), :func:`load_demo` / :func:`demo_path` (the bundled fictional demo corpus),
  :func:`find_boilerplate` / :func:`remove_boilerplate` (sentences an outlet repeats in
  article after article).
* Topics: :class:`TopicModel` (a scikit-learn estimator; save / load without pickle),
  :func:`choose_k`, :func:`assign_topics`, :func:`topic_terms`, :func:`representative_articles`,
  :func:`plot_topic_map`.
* Stance: :func:`load_lexicon`, :func:`score_stance` (scores with the sentences behind them),
  :func:`aggregate_stance`, :func:`kwic`, :func:`sample_evidence`.
* Timelines: each ``*_table`` function returns the table a ``plot_*`` function draws:
  :func:`volume_table`, :func:`topic_share_table`, :func:`stance_timeline_table`,
  :func:`find_peaks_table`; :func:`mark_events`, :func:`outlet_colors`, :func:`save_figure`.
* Reports: :func:`run_report` (what ``mediastudy report`` runs), :func:`write_run_record`.
* Scale: :func:`analyze_chunked` (bounded memory on one machine), :func:`analyze_dask`
  (a Dask cluster; ``pip install "mediastudy[scale]"``).
* Errors: :class:`MediaStudyError` and its subclasses, in :mod:`mediastudy.errors`.
"""

from importlib.metadata import PackageNotFoundError as _PackageNotFoundError
from importlib.metadata import version as _version

from .errors import (
    ConfigError,
    LexiconError,
    LoadError,
    MediaStudyError,
    ModelFileError,
    NotFittedError,
    SchemaError,
)
from .schema import CORPUS_COLUMNS

# --- loading (issue 2) ---
from .corpus import demo_path, load_articles, load_demo, load_report
from .boilerplate import find_boilerplate, remove_boilerplate
# --- topics (issue 3) ---
from .topics import (
    TopicModel,
    assign_topics,
    representative_articles,
    topic_sizes,
    topic_terms,
)
from .topic_map import plot_topic_map, topic_map_table
from .topic_selection import choose_k, plot_choose_k
# --- stance (issue 4) ---
from .kwic import kwic, sample_evidence
from .lexicon import Lexicon, load_lexicon
from .stance import StanceResult, aggregate_stance, score_stance
# --- timelines (issue 5) ---
from .events import mark_events, read_events
from .peaks import find_peaks_table, mark_peaks
from .periods import FREQS, period_range, period_start
from .stance_timeline import plot_stance_timeline, stance_timeline_table
from .style import format_date_axis, legend_outside, outlet_colors, save_figure, set_outlet_colors
from .topic_share import bootstrap_share_ci, plot_topic_share, topic_share_table
from .volume import plot_volume, plot_volume_grid, volume_table
# --- report (issue 6) ---
from .report import read_config, run_report
from .run_record import file_fingerprints, write_run_record
# --- scale (issue 7) ---
from .chunked import (
    MemoryEstimate,
    ScaleResult,
    StreamingTopicModel,
    analyze_chunked,
    estimate_memory,
    iter_article_chunks,
    score_stance_chunked,
    timeline_counts,
    timeline_tables,
)
from .distributed import analyze_dask, read_articles_dask, score_stance_dask

try:
    __version__ = _version("mediastudy")
except _PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "__version__",
    "CORPUS_COLUMNS",
    "MediaStudyError",
    "LoadError",
    "SchemaError",
    "LexiconError",
    "ModelFileError",
    "ConfigError",
    "NotFittedError",
    # loading
    "load_articles",
    "load_report",
    "load_demo",
    "demo_path",
    "find_boilerplate",
    "remove_boilerplate",
    # topics
    "TopicModel",
    "assign_topics",
    "topic_terms",
    "topic_sizes",
    "representative_articles",
    "choose_k",
    "plot_choose_k",
    "topic_map_table",
    "plot_topic_map",
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
    "stance_timeline_table",
    "plot_stance_timeline",
    "read_events",
    "mark_events",
    "find_peaks_table",
    "mark_peaks",
    "outlet_colors",
    "set_outlet_colors",
    "format_date_axis",
    "legend_outside",
    "save_figure",
    # report
    "run_report",
    "read_config",
    "write_run_record",
    "file_fingerprints",
    # scale
    "iter_article_chunks",
    "estimate_memory",
    "MemoryEstimate",
    "score_stance_chunked",
    "StreamingTopicModel",
    "timeline_counts",
    "timeline_tables",
    "analyze_chunked",
    "ScaleResult",
    "read_articles_dask",
    "score_stance_dask",
    "analyze_dask",
]
