"""mediastudy: load news articles, find their topics, score stance with evidence,
and draw coverage timelines.

The public API is what ``__all__`` lists, by area:

* Loading: :func:`load_articles` (seed-layout files, CSV, JSON Lines, Parquet) into the
  corpus schema (:data:`CORPUS_COLUMNS`), :func:`load_report` (every input that could not be
  read), :func:`load_demo` / :func:`demo_path` (the bundled fictional demo corpus),
  :func:`find_boilerplate` / :func:`remove_boilerplate` (sentences an outlet repeats in
  article after article), :func:`select_articles` (outlets, dates, a sample per outlet).
* Topics: :class:`TopicModel` (a scikit-learn estimator; save / load without pickle),
  :func:`choose_k`, :func:`assign_topics`, :func:`topic_terms`, :func:`representative_articles`,
  :func:`plot_topic_map`.
* Stance: :func:`load_lexicon`, :func:`score_stance` (scores with the sentences behind them),
  :func:`aggregate_stance`, :func:`kwic`, :func:`sample_evidence`, :func:`learn_lexicon`
  (cues from hand-coded examples), :func:`validate_stance` / :func:`plot_validation`;
  :func:`keyness` / :func:`plot_keyness` (the words that set outlets apart).
* Quotes: :func:`extract_quotes` (quotations and reported speech with their speakers),
  :func:`speakers_table`, :func:`plot_speakers` (who is quoted, by outlet and period),
  :func:`find_speaker_variants` (one person spelt several ways), :func:`validate_quotes` (found
  and speaker right against hand-coded attributions).
* Timelines: each ``*_table`` function returns the table a ``plot_*`` function draws:
  :func:`volume_table`, :func:`topic_share_table`, :func:`stance_timeline_table`,
  :func:`find_peaks_table`; :func:`mark_events`, :func:`outlet_colors`, :func:`topic_colors`,
  :func:`save_figure`.
* Copies: :func:`find_duplicates` (near copies and wire stories across outlets, with each
  cluster's origin; :func:`find_duplicates_chunked` for a corpus read in chunks,
  :func:`find_duplicates_dask` on a Dask DataFrame),
  :func:`mark_duplicates`, :func:`copy_flow_table`,
  :func:`copy_share_table`, :func:`plot_copy_flows`, :func:`wire_credits`.
* Reports: :func:`run_report` (what ``mediastudy report`` runs), :func:`write_run_record`.
* Scale: :func:`analyze_chunked` (bounded memory on one machine), :func:`analyze_dask`
  (a Dask cluster; ``pip install "mediastudy[scale]"``).
* Errors: :class:`MediaStudyError` and its subclasses, in :mod:`mediastudy.errors`.

The code is laid out by stage of the analysis: :mod:`mediastudy.io` (loading),
:mod:`mediastudy.text`, :mod:`mediastudy.topics`, :mod:`mediastudy.stance`,
:mod:`mediastudy.quotes`, :mod:`mediastudy.timeline`, :mod:`mediastudy.scale`,
:mod:`mediastudy.report`. The names
below are imported from those subpackages on first use (SPEC 1 lazy loading), so
``import mediastudy`` does not import scikit-learn, matplotlib or Dask.
"""

from importlib import import_module as _import_module
from typing import TYPE_CHECKING

# Each public name and the subpackage that defines it. ``import mediastudy`` imports
# none of them; the first use of a name imports its subpackage (see __getattr__).
_SOURCES: dict[str, str] = {
    # errors
    "MediaStudyError": "errors",
    "InvalidParameterError": "errors",
    "SchemaError": "errors",
    "LoadError": "errors",
    "LexiconError": "errors",
    "ConfigError": "errors",
    "ModelFileError": "errors",
    "DataError": "errors",
    "NotFittedError": "errors",
    # the corpus schema
    "CORPUS_COLUMNS": "schema",
    # loading
    "load_articles": "io",
    "load_report": "io",
    "write_workbook": "io",
    "LoadReport": "io",
    "load_demo": "io",
    "demo_path": "io",
    "find_boilerplate": "io",
    "remove_boilerplate": "io",
    "select_articles": "io",
    # topics
    "TopicModel": "topics",
    "assign_topics": "topics",
    "topic_terms": "topics",
    "topic_sizes": "topics",
    "representative_articles": "topics",
    "choose_k": "topics",
    "plot_choose_k": "topics",
    "topic_map_table": "topics",
    "plot_topic_map": "topics",
    "find_variants": "topics",
    "topic_outlets_table": "topics",
    "topic_flags_table": "topics",
    "merge_topics": "topics",
    # stance
    "load_lexicon": "stance",
    "Lexicon": "stance",
    "score_stance": "stance",
    "StanceResult": "stance",
    "aggregate_stance": "stance",
    "stance_by_outlet_table": "stance",
    "plot_stance_by_outlet": "stance",
    "kwic": "stance",
    "sample_evidence": "stance",
    "stance_by_voice": "stance",
    "learn_lexicon": "stance",
    "validate_stance": "stance",
    "StanceValidation": "stance",
    "validation_table": "stance",
    "plot_validation": "stance",
    # distinctive words
    "keyness": "text",
    "plot_keyness": "text",
    # quotes: who said it
    "extract_quotes": "quotes",
    "speakers_table": "quotes",
    "plot_speakers": "quotes",
    "find_speaker_variants": "quotes",
    "validate_quotes": "quotes",
    # timelines
    "FREQS": "periods",
    "period_start": "periods",
    "period_range": "periods",
    "volume_table": "timeline",
    "plot_volume": "timeline",
    "plot_volume_grid": "timeline",
    "topic_share_table": "timeline",
    "plot_topic_share": "timeline",
    "bootstrap_share_ci": "timeline",
    "stance_timeline_table": "timeline",
    "plot_stance_timeline": "timeline",
    "read_events": "timeline",
    "mark_events": "timeline",
    "find_peaks_table": "timeline",
    "mark_peaks": "timeline",
    # figures
    "outlet_colors": "style",
    "set_outlet_colors": "style",
    "topic_colors": "style",
    "format_date_axis": "style",
    "legend_outside": "style",
    "save_figure": "style",
    # copies
    "find_duplicates": "copies",
    "find_duplicates_chunked": "copies",
    "mark_duplicates": "copies",
    "copy_flow_table": "copies",
    "copy_share_table": "copies",
    "plot_copy_flows": "copies",
    "wire_credits": "copies",
    # report
    "run_report": "report",
    "read_config": "report",
    "write_run_record": "report",
    "file_fingerprints": "report",
    # scale
    "iter_article_chunks": "scale",
    "estimate_memory": "scale",
    "MemoryEstimate": "scale",
    "score_stance_chunked": "scale",
    "StreamingTopicModel": "scale",
    "timeline_counts": "scale",
    "timeline_tables": "scale",
    "analyze_chunked": "scale",
    "ScaleResult": "scale",
    "read_articles_dask": "scale",
    "score_stance_dask": "scale",
    "analyze_dask": "scale",
    "find_duplicates_dask": "scale",
    "extract_quotes_chunked": "scale",
}

__all__ = ["__version__", *_SOURCES]


def __getattr__(name: str) -> object:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("mediastudy")
        except PackageNotFoundError:  # a source tree that was not installed
            value = "0.0.0+unknown"
    elif name in _SOURCES:
        value = getattr(_import_module(f"{__name__}.{_SOURCES[name]}"), name)
    else:
        raise AttributeError(f"module 'mediastudy' has no attribute {name!r}")
    globals()[name] = value  # later look-ups do not come back here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # what type checkers and IDEs see: the same names, imported eagerly
    from .copies import (  # noqa: F401
        copy_flow_table,
        copy_share_table,
        find_duplicates,
        find_duplicates_chunked,
        mark_duplicates,
        plot_copy_flows,
        wire_credits,
    )
    from .errors import (  # noqa: F401
        ConfigError,
        DataError,
        InvalidParameterError,
        LexiconError,
        LoadError,
        MediaStudyError,
        ModelFileError,
        NotFittedError,
        SchemaError,
    )
    from .io import (  # noqa: F401
        LoadReport,
        demo_path,
        find_boilerplate,
        load_articles,
        load_demo,
        load_report,
        remove_boilerplate,
        select_articles,
        write_workbook,
    )
    from .report import file_fingerprints, read_config, run_report, write_run_record  # noqa: F401
    from .scale import (  # noqa: F401
        MemoryEstimate,
        ScaleResult,
        StreamingTopicModel,
        analyze_chunked,
        analyze_dask,
        estimate_memory,
        extract_quotes_chunked,
        find_duplicates_dask,
        iter_article_chunks,
        read_articles_dask,
        score_stance_chunked,
        score_stance_dask,
        timeline_counts,
        timeline_tables,
    )
    from .quotes import (  # noqa: F401
        extract_quotes,
        find_speaker_variants,
        plot_speakers,
        speakers_table,
        validate_quotes,
    )
    from .schema import CORPUS_COLUMNS  # noqa: F401
    from .stance import (  # noqa: F401
        Lexicon,
        StanceResult,
        StanceValidation,
        aggregate_stance,
        plot_stance_by_outlet,
        stance_by_outlet_table,
        kwic,
        learn_lexicon,
        load_lexicon,
        plot_validation,
        sample_evidence,
        score_stance,
        stance_by_voice,
        validate_stance,
        validation_table,
    )
    from .text import keyness, plot_keyness  # noqa: F401
    from .style import (  # noqa: F401
        format_date_axis,
        legend_outside,
        outlet_colors,
        save_figure,
        set_outlet_colors,
        topic_colors,
    )
    from .periods import FREQS, period_range, period_start  # noqa: F401
    from .timeline import (  # noqa: F401
        bootstrap_share_ci,
        find_peaks_table,
        mark_events,
        mark_peaks,
        plot_stance_timeline,
        plot_topic_share,
        plot_volume,
        plot_volume_grid,
        read_events,
        stance_timeline_table,
        topic_share_table,
        volume_table,
    )
    from .topics import (  # noqa: F401
        TopicModel,
        assign_topics,
        choose_k,
        find_variants,
        merge_topics,
        topic_flags_table,
        topic_outlets_table,
        plot_choose_k,
        plot_topic_map,
        representative_articles,
        topic_map_table,
        topic_sizes,
        topic_terms,
    )
