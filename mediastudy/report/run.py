"""The main job: one reproducible report of a whole corpus.

:func:`run_report` loads a corpus (the bundled demo corpus by default), removes the
sentences each outlet repeats in many of its articles (boilerplate), finds its topics,
scores stance with a lexicon and draws the timelines, then writes into one folder:

* ``report.html``: a self-contained page (figures embedded as PNG, no external
  files, no scripts) with the load report, the topics, the stance scores and the
  evidence behind them, and the timelines;
* ``tables/``: every table of the report as CSV and Parquet;
* ``figures/``: every figure as PNG and SVG;
* ``topic_model/``: the fitted topic model (see :meth:`mediastudy.TopicModel.save`);
* ``run_record.json``: parameters, input hashes, package versions, seeds, times
  (see :mod:`mediastudy.run_record`), and the list of files written (``outputs``).

Only the demo corpus is scored with the example lexicon by default: its targets are
the invented countries of the demo. A report on any other corpus without a
``lexicon`` skips the stance section and says how to add one.

Writing into the folder of an earlier report replaces its files; the files that earlier
report wrote (listed in its ``run_record.json``) and this one does not write again are
deleted, so no figure or table of the old run passes for a result of the new one. Any
other file in the folder (one the report did not write) is left alone.

Settings come as keyword arguments or from a YAML file (:func:`read_config`);
:data:`REPORT_OPTIONS` lists every one with its default and meaning. Everything
taken from the articles (titles, text, outlet names, file names) is escaped, so an
article holding ``<script>`` or broken HTML shows as text and cannot change the page.
"""

from __future__ import annotations

import base64
import html
import inspect
import io
import logging
import os
import re
import time
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import yaml
from tqdm import tqdm

from ..io.boilerplate import remove_boilerplate
from ..io.corpus import demo_path, load_articles, load_report
from ..io.select import select_articles
from ..errors import ConfigError, DataError, LoadError, MediaStudyError
from ..timeline.events import mark_events, read_events
from ..stance.kwic import sample_evidence
from ..stance.lexicon import load_lexicon
from ..timeline.peaks import find_peaks_table, mark_peaks
from .run_record import now_utc, write_run_record
from ..stance.aggregate import aggregate_stance
from ..stance.score import score_stance
from ..timeline.stance_timeline import plot_stance_timeline, stance_timeline_table
from ..style import outlet_colors
from ..topics.topic_map import plot_topic_map
from ..topics.choose_k import choose_k, plot_choose_k
from ..timeline.topic_share import plot_topic_share, topic_share_table
from ..topics.describe import assign_topics, representative_articles, topic_terms
from ..topics.model import TopicModel
from ..timeline.volume import plot_volume, volume_table

__all__ = ["REPORT_OPTIONS", "read_config", "run_report"]

logger = logging.getLogger(__name__)

#: Every setting of :func:`run_report`: name -> (default, meaning). The YAML config
#: file and the command line use the same names.
REPORT_OPTIONS: dict[str, tuple[object, str]] = {
    "title": (None, "Title of the report (default: 'mediastudy report: <input name>')."),
    "columns": (None, "Mapping of table columns onto the corpus schema, e.g. "
                      "{Headline: title, Body: text, Source: outlet} (CSV/Parquet/JSON inputs)."),
    "outlet": (None, "One outlet name for every article (overrides the outlet column)."),
    "outlet_from": ("auto", "Where the outlet comes from: auto, column, folder or url."),
    "outlet_map": (None, "Renames outlets after loading, e.g. {nytimes.com: NYT}; several "
                         "names may map to one outlet."),
    "outlets": (None, "Keep only these outlets (names after outlet_map)."),
    "dayfirst": (None, "Read numeric table dates as dd/mm (true) or mm/dd (false)."),
    "start": (None, "First day to keep (yyyy-mm-dd)."),
    "end": (None, "Last day to keep (yyyy-mm-dd)."),
    "sample": (None, "Keep at most this many articles per outlet (a seeded random sample)."),
    "drop_duplicates": (False, "Leave out repeated copies of an article (same outlet, title, text)."),
    "boilerplate": ("remove", "Sentences an outlet repeats word for word in many of its articles "
                              "(at least 20 and 5%; see mediastudy.find_boilerplate): 'remove' them "
                              "before topics and stance, or 'keep' them."),
    "k": (None, "Number of topics; by default chosen between k_min and k_max."),
    "k_min": (4, "Smallest number of topics tried when k is not given."),
    "k_max": (10, "Largest number of topics tried when k is not given."),
    "topic_options": (None, "More TopicModel settings, e.g. {min_df: 5, n_runs: 5}."),
    "lexicon": (None, "Stance lexicon (YAML file). The demo corpus uses its example lexicon by "
                      "default; any other corpus needs one, else the stance section is skipped."),
    "events": (None, "Events CSV (date,label[,end_date]) marked on timelines; by default the "
                     "demo events for the demo corpus and none otherwise."),
    "freq": (None, "Calendar period of the timelines: D, W, M, Q or Y (default: from the span)."),
    "share_freq": (None, "Period of the topic-share figures (default: freq, or coarser when the "
                         "outlets publish fewer than 4 articles per period)."),
    "stance_freq": (None, "Period of the stance timelines (default: freq, or coarser when fewer "
                          "than min_articles articles per outlet and period mention a target)."),
    "min_articles": (3, "Fewer scored articles than this in a period: drawn hollow, no band."),
    "max_outlets": (8, "Outlets drawn in the timelines and topic-share figures (the largest)."),
    "n_evidence": (8, "Evidence sentences shown per stance target (all are in the tables)."),
    "n_representative": (3, "Representative articles listed per topic."),
    "random_state": (0, "Seed of every random step (sampling, topic model, bootstrap)."),
    "dpi": (120, "Resolution of the PNG figures."),
}

_CONFIG_ONLY = {"source", "out"}
#: TopicModel settings a report's 'topic_options' may hold (n_topics is the k setting).
_TOPIC_OPTIONS = set(inspect.signature(TopicModel).parameters) - {"n_topics"}
_MIN_STABILITY = 0.8  # choose_k's default, which _choose_k keeps
_STANCE_TIMELINE_COLUMNS = {  # stance_timeline_table's columns, for an empty table
    "period": "datetime64[s]", "period_end": "datetime64[s]", "outlet": "str", "target": "str",
    "n_articles": "int64", "n_mentions": "int64", "mean_score": "float64", "ci_low": "float64",
    "ci_high": "float64", "too_few": "bool", "incomplete": "bool"}
_FREQ_NAMES = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
_TABLE_NOTE = "Only the first {shown} of {total} rows are shown; tables/{name}.csv holds all."


# ------------------------------------------------------------------------------------- config
def read_config(path: str | os.PathLike) -> dict:
    """Read report settings from a YAML file.

    The file is a mapping of the names in :data:`REPORT_OPTIONS`, plus optionally
    ``source`` (the input, relative paths taken from the config's folder) and
    ``out`` (the output folder)::

        source: ../shared/corpora/news_ukraine_2022.parquet
        columns: {title: title, text: text}
        outlet_map: {HuffPost: HuffPost, DailyMail: Daily Mail}
        outlets: [BBC, RT, Daily Mail]
        k: 8

    Parameters
    ----------
    path : str or Path
        The YAML file.

    Returns
    -------
    dict
        The settings, checked: unknown names and wrong types are errors.

    Raises
    ------
    ValueError
        The file cannot be read or parsed, is not a mapping, or holds an unknown
        setting or a value of the wrong type; the message names the file and key.

    Examples
    --------
    >>> import tempfile
    >>> cfg = Path(tempfile.mkdtemp()) / "report.yaml"
    >>> _ = cfg.write_text("k: 5\\nfreq: M\\n")
    >>> read_config(cfg)
    {'k': 5, 'freq': 'M'}
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"Config file '{path}' does not exist. Check the path given to --config.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Config file '{path}' cannot be read ({exc}).") from None
    try:
        data = yaml.load(raw, Loader=_ConfigLoader)  # noqa: S506 - a safe loader, dates kept as text
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"Config file '{path}'{where}: not valid YAML ({problem}).") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(
            f"Config file '{path}' must be a YAML mapping of settings (name: value). "
            f"Got a {type(data).__name__}."
        )
    config = {str(k): v for k, v in data.items()}
    _check_options(config, where=f"Config file '{path}'", allow=_CONFIG_ONLY)
    for key in ("source", "lexicon", "events"):  # relative to the config file, not the shell
        value = config.get(key)
        if isinstance(value, str) and value and not os.path.isabs(value) and not _has_glob(value):
            config[key] = str((path.parent / value).resolve()) if (path.parent / value).exists() \
                else value
    return config


class _ConfigLoader(yaml.SafeLoader):
    """The safe YAML loader, but ``2022-13-01`` stays text: the date check names the setting.

    (``yaml.safe_load`` turns a date-like value into a date itself and fails on an impossible
    one with a bare "month must be in 1..12", naming neither the file nor the setting.)
    """


_ConfigLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _has_glob(value: str) -> bool:
    return any(ch in value for ch in "*?[")


def _check_options(options: Mapping[str, object], *, where: str, allow=frozenset()) -> None:
    known = set(REPORT_OPTIONS) | set(allow)
    for key, value in options.items():
        if key not in known:
            close = [k for k in sorted(known) if k.replace("_", "") == key.replace("_", "").replace("-", "")]
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise ConfigError(
                f"{where}: unknown setting '{key}'.{hint} Known settings: {', '.join(sorted(known))}."
            )
        if value is None:
            continue
        expect = _EXPECTED_TYPES.get(key)
        if expect is not None and not _type_ok(value, expect[0]):
            raise ConfigError(f"{where}: '{key}' must be {expect[1]}. Got {value!r}.")
    for key in ("freq", "share_freq", "stance_freq"):
        if options.get(key) is not None and options[key] not in _FREQ_NAMES:
            raise ConfigError(f"{where}: '{key}' must be one of D, W, M, Q, Y. Got {options[key]!r}.")
    if options.get("boilerplate") is not None and options["boilerplate"] not in ("remove", "keep"):
        raise ConfigError(
            f"{where}: 'boilerplate' must be 'remove' or 'keep'. Got {options['boilerplate']!r}.")
    if options.get("outlet_from") is not None and options["outlet_from"] not in (
            "auto", "column", "folder", "url"):
        raise ConfigError(
            f"{where}: 'outlet_from' must be auto, column, folder or url. Got {options['outlet_from']!r}."
        )
    for key in ("k", "k_min", "k_max", "sample", "max_outlets", "n_evidence", "min_articles",
                "n_representative", "dpi"):
        value = options.get(key)
        if value is not None and value < (2 if key.startswith("k") else 1):
            raise ConfigError(f"{where}: '{key}' must be at least {2 if key.startswith('k') else 1}. "
                             f"Got {value!r}.")
    if options.get("random_state") is not None and not 0 <= options["random_state"] < 2**32:
        raise ConfigError(f"{where}: 'random_state' must be a whole number from 0 to 2**32 - 1. "
                          f"Got {options['random_state']!r}.")
    topic_options = options.get("topic_options") or {}
    unknown = sorted(set(map(str, topic_options)) - _TOPIC_OPTIONS)
    if unknown:
        raise ConfigError(f"{where}: 'topic_options' holds {', '.join(map(repr, unknown))}, not a "
                          f"TopicModel setting. Known: {', '.join(sorted(_TOPIC_OPTIONS))}.")
    days = {key: _check_date(options.get(key), key, where) for key in ("start", "end")}
    if days["start"] is not None and days["end"] is not None and days["start"] > days["end"]:
        raise ConfigError(f"{where}: 'start' ({_day(days['start'])}) is after 'end' "
                          f"({_day(days['end'])}); no article could be kept.")


def _check_date(value, key: str, where: str) -> pd.Timestamp | None:
    """The day of a ``start``/``end`` setting; an error naming it when it is not a real date."""
    if value is None:
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    problem = None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ].*)?", text.strip()):
        problem = "not written yyyy-mm-dd"
    else:
        try:
            return pd.Timestamp(text.strip())
        except (ValueError, OverflowError) as exc:
            problem = str(exc).split(":")[0]  # e.g. "month must be in 1..12"
    raise ConfigError(f"{where}: '{key}' must be a date written yyyy-mm-dd, e.g. 2022-03-01. "
                      f"Got {text!r} ({problem}).")


def _type_ok(value, kind: str) -> bool:
    if kind == "int":
        return isinstance(value, (int, np.integer)) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "str":
        return isinstance(value, (str, os.PathLike))
    if kind == "date":
        return isinstance(value, (str, pd.Timestamp)) or hasattr(value, "isoformat")
    if kind == "str_map":
        return isinstance(value, Mapping) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    if kind == "map":
        return isinstance(value, Mapping)
    if kind == "str_list":
        return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
    return True


_EXPECTED_TYPES = {
    "title": ("str", "a string"),
    "columns": ("str_map", "a mapping of column names to schema fields, e.g. {Headline: title}"),
    "outlet": ("str", "a string"),
    "outlet_from": ("str", "a string"),
    "boilerplate": ("str", "'remove' or 'keep'"),
    "outlet_map": ("str_map", "a mapping of outlet names, e.g. {nytimes.com: NYT}"),
    "outlets": ("str_list", "a list of outlet names"),
    "dayfirst": ("bool", "true or false"),
    "start": ("date", "a date (yyyy-mm-dd)"),
    "end": ("date", "a date (yyyy-mm-dd)"),
    "sample": ("int", "a whole number"),
    "drop_duplicates": ("bool", "true or false"),
    "k": ("int", "a whole number"),
    "k_min": ("int", "a whole number"),
    "k_max": ("int", "a whole number"),
    "topic_options": ("map", "a mapping of TopicModel settings, e.g. {min_df: 5}"),
    "lexicon": ("str", "the path of a YAML lexicon"),
    "events": ("str", "the path of an events CSV"),
    "freq": ("str", "one of D, W, M, Q, Y"),
    "share_freq": ("str", "one of D, W, M, Q, Y"),
    "stance_freq": ("str", "one of D, W, M, Q, Y"),
    "min_articles": ("int", "a whole number"),
    "max_outlets": ("int", "a whole number"),
    "n_evidence": ("int", "a whole number"),
    "n_representative": ("int", "a whole number"),
    "random_state": ("int", "a whole number"),
    "dpi": ("int", "a whole number"),
    "source": ("str", "a path"),
    "out": ("str", "a path"),
}


# ------------------------------------------------------------------------------------- run
def run_report(
    source: str | os.PathLike | None = None,
    out: str | os.PathLike = "mediastudy-report",
    *,
    config: str | os.PathLike | Mapping[str, object] | None = None,
    progress: bool | Callable[[str], None] = False,
    **options,
) -> Path:
    """Run the whole analysis on a corpus and write the report folder.

    Parameters
    ----------
    source : path, optional
        A corpus file, folder or glob (anything :func:`mediastudy.load_articles`
        reads). By default the ``source`` of the config, else the demo corpus.
    out : str or Path, default "mediastudy-report"
        Output folder, created if needed. Files of an earlier report there are replaced,
        and those it wrote that this report does not are deleted (only files listed in
        its ``run_record.json``; nothing else in the folder is touched).
    config : path or mapping, optional
        A YAML config file (see :func:`read_config`) or a dict of settings.
        Keyword ``options`` override it.
    progress : bool or callable, default False
        ``True`` shows a progress bar of the steps on stderr; a callable is called
        with a one-line message as each step starts and ends (the command line
        prints these).
    **options
        Any setting of :data:`REPORT_OPTIONS`.

    Returns
    -------
    Path
        The ``report.html`` written.

    Raises
    ------
    ValueError
        A setting is unknown or invalid (:class:`ConfigError`, naming the setting and, for
        a config file, the file), or too few articles are left to analyse.
    LoadError, LexiconError
        The input holds no readable article, or the lexicon or events file cannot be
        read; the lexicon and events are read first, before any long step.

    Warns
    -----
    UserWarning
        No ``lexicon`` for a corpus other than the demo: the stance section is skipped.

    Examples
    --------
    >>> import tempfile
    >>> page = run_report(out=tempfile.mkdtemp(), k=3, outlets=["CapitalWire"])  # demo corpus
    >>> page.name, (page.parent / "tables" / "topics.csv").exists()
    ('report.html', True)
    """
    started = now_utc()
    settings: dict[str, object] = {}
    if config is not None:
        cfg = read_config(config) if isinstance(config, (str, os.PathLike)) else dict(config)
        _check_options(cfg, where="config", allow=_CONFIG_ONLY)
        settings.update(cfg)
    _check_options(options, where="run_report")
    settings.update({k: v for k, v in options.items()})
    if source is None:
        source = settings.get("source")
    settings.pop("source", None)
    settings.pop("out", None)
    opts = {k: settings.get(k, default) for k, (default, _) in REPORT_OPTIONS.items()}
    _check_options(opts, where="run_report")
    if opts["k"] is None and opts["k_min"] > opts["k_max"]:
        raise ConfigError(f"run_report: 'k_min' ({opts['k_min']}) is larger than 'k_max' ({opts['k_max']}).")
    source_path = demo_path() if source is None else source
    is_demo = _is_demo_source(source_path)
    # The example lexicon and events belong to the fictional demo corpus: on a user's own
    # corpus they would score real news against invented countries.
    lexicon_path = opts["lexicon"] or (demo_path("lexicon") if is_demo else None)
    events_path = opts["events"] or (demo_path("events") if is_demo else None)
    # Read them before anything heavy: a broken file stops the run in a second, not after
    # the topics were fitted.
    lexicon = load_lexicon(lexicon_path) if lexicon_path is not None else None
    events = _read_events(events_path) if events_path is not None else None
    out = Path(out)

    steps = ["load", "topics", "stance", "timelines", "write"]
    say = progress if callable(progress) else None
    bar = tqdm(total=len(steps), desc="mediastudy report", unit="step",
               disable=not progress or say is not None,
               bar_format="{desc}: {n_fmt}/{total_fmt} steps [{elapsed}] {postfix}")
    job = _Report(opts, source_path, is_demo, lexicon_path, events_path, out)
    job.lexicon, job.events = lexicon, events
    job.previous_outputs = _previous_outputs(out)
    job.load_progress = None if progress else False  # the loader's own bar for many files
    clock = time.perf_counter()
    with bar:
        for i, step in enumerate(steps, 1):
            bar.set_postfix_str(step)
            getattr(job, f"step_{step}")()
            if step == "load" and lexicon is None:  # once the corpus is known to be readable
                warnings.warn(NO_LEXICON_NOTE, UserWarning, stacklevel=2)
            bar.update(1)
            if say is not None:
                say(f"[{i}/{len(steps)}] {step}: {job.done[step]} ({time.perf_counter() - clock:.1f} s)")
    page = job.page
    inputs = [source_path] if not _has_glob(str(source_path)) else []
    inputs += [p for p in (lexicon_path, events_path) if p is not None]
    write_run_record(
        out / "run_record.json",
        command="mediastudy report",
        parameters={"source": os.fspath(source_path), "out": os.fspath(out), **opts,
                    "lexicon": os.fspath(lexicon_path) if lexicon_path else None,
                    "events": os.fspath(events_path) if events_path else None,
                    "k_chosen": job.k, "freq_used": job.freq,
                    "share_freq_used": job.share_freq, "stance_freq_used": job.stance_freq},
        inputs=inputs,
        seeds={"random_state": opts["random_state"], "topic_model": opts["random_state"],
               "sample": opts["random_state"], "bootstrap": opts["random_state"],
               "evidence_sample": opts["random_state"]},
        started=started,
        outputs=sorted({*job.written, "run_record.json"}),
    )
    return page


#: What a report says (and warns) when it has no lexicon to score stance with.
NO_LEXICON_NOTE = (
    "Stance is not scored: no lexicon was given. The example lexicon names the invented "
    "targets of the fictional demo corpus and is used for the demo only; scoring your articles "
    "with it would measure nothing real. Write a lexicon for your targets (the example shows "
    "the format: mediastudy.demo_path('lexicon')) and pass it: --lexicon FILE on the command "
    "line, 'lexicon: FILE' in the config file, or run_report(..., lexicon=FILE)."
)

# The only files a report writes; a stale one is removed only if it also matches these.
_OUTPUT_PATTERN = re.compile(
    r"(figures/[^/]+\.(png|svg)|tables/[^/]+\.(csv|parquet)|topic_model/topic_model\.(json|npz))")


def _read_events(path) -> pd.DataFrame:
    """:func:`mediastudy.read_events`, its errors naming the file (they may not say which)."""
    try:
        return read_events(path)
    except (MediaStudyError, ValueError) as exc:
        if os.path.basename(os.fspath(path)) in str(exc):
            raise
        raise type(exc)(f"Events file '{os.fspath(path)}': {exc}") from None


def _is_demo_source(source) -> bool:
    """Whether ``source`` is the bundled demo corpus (its folder, or a file or folder in it)."""
    if isinstance(source, (list, tuple)):
        return bool(source) and all(_is_demo_source(s) for s in source)
    if not isinstance(source, (str, os.PathLike)):
        return False
    try:
        demo = os.path.realpath(demo_path())
    except MediaStudyError:
        return False
    where = os.path.realpath(os.fspath(source))
    return where == demo or where.startswith(demo + os.sep)


def _previous_outputs(out: Path) -> set[str]:
    """The files an earlier report wrote into ``out``, from its run record (empty if none)."""
    import json

    try:
        record = json.loads((out / "run_record.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(record, dict) or record.get("command") != "mediastudy report":
        return set()
    return {str(p) for p in record.get("outputs") or () if isinstance(p, str)}


def _remove_stale(out: Path, stale: set[str]) -> list[str]:
    """Delete the files of an earlier report that this one did not write again.

    Only names the earlier run record lists *and* that look like a report's own output
    (figures/*.png|svg, tables/*.csv|parquet, topic_model/topic_model.*) are deleted, so a
    file a person put in the folder is never touched.
    """
    root = out.resolve()
    removed = []
    for name in sorted(stale):
        path = (out / name).resolve()
        if (not _OUTPUT_PATTERN.fullmatch(name) or root not in path.parents
                or (out / name).is_symlink() or not path.is_file()):
            continue
        path.unlink()
        removed.append(name)
    return removed


class _Report:
    """The steps of one report; holds the intermediate tables."""

    def __init__(self, opts, source, is_demo, lexicon, events, out: Path):
        self.opts = opts
        self.source = source
        self.is_demo = is_demo
        self.lexicon_path = lexicon
        self.events_path = events
        self.out = out
        self.tables: dict[str, pd.DataFrame] = {}
        self.figures: dict[str, tuple[str, bytes]] = {}  # name -> (caption, png bytes)
        self.notes: list[str] = []
        self.k: int | None = None
        self.done: dict[str, str] = {}  # step -> one-line account, for progress messages
        self.load_progress: bool | None = False
        self.freq: str | None = None
        self.share_freq: str | None = None
        self.stance_freq: str | None = None
        self.lexicon = None  # read by run_report before any step
        self.events: pd.DataFrame | None = None
        self.stance = None
        self.written: set[str] = set()  # files written, relative to out (the run record's outputs)
        self.previous_outputs: set[str] = set()
        self.removed: list[str] = []

    # ---------------------------------------------------------------- load
    def step_load(self) -> None:
        o = self.opts
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            corpus, loaded = load_articles(
                self.source, outlet=o["outlet"], outlet_from=o["outlet_from"], columns=o["columns"],
                dayfirst=o["dayfirst"], errors="warn", drop_duplicates=o["drop_duplicates"],
                progress=self.load_progress, return_report=True,
            )
        for w in caught:  # the page has the load report itself: point there, not to Python
            self.notes.append(str(w.message).replace(
                "mediastudy.load_report(df) lists", "the Load report below (tables/load_report.csv) lists"))
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        report = loaded.problems
        self.load_summary = dict(loaded.summary)
        self.tables["load_report"] = report
        n_loaded = len(corpus)
        if n_loaded == 0:
            raise LoadError(_nothing_loaded(self.source, report))
        corpus = corpus.copy()
        corpus.attrs = {}
        if o["outlet_map"]:
            corpus["outlet"] = corpus["outlet"].map(lambda v: o["outlet_map"].get(v, v))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            corpus = select_articles(corpus, outlets=o["outlets"], start=o["start"], end=o["end"],
                                     n=o["sample"], random_state=o["random_state"])
        self.notes += [f"{w.message} ('outlet_map' can rename them.)" for w in caught]
        corpus = corpus[corpus["date"].notna()]
        corpus = corpus.reset_index(drop=True)
        if n_loaded < 10:
            raise LoadError(
                f"'{os.fspath(self.source)}' holds only {_n(n_loaded, 'readable article')}; a report "
                "needs at least 10 (the load report lists any article left out)."
            )
        if len(corpus) < 10:
            raise DataError(
                f"Only {len(corpus)} articles are left to analyse (of {n_loaded} loaded) after the "
                "outlets/start/end/sample settings; a report needs at least 10. Widen the selection."
            )
        if n_loaded != len(corpus):
            self.notes.append(f"{len(corpus):,} of {n_loaded:,} loaded articles kept by the "
                              "outlets/start/end/sample settings.")
        self.boilerplate = None
        if o["boilerplate"] == "remove":
            corpus = self._remove_boilerplate(corpus)
        self.corpus = corpus
        days = (corpus["date"].max() - corpus["date"].min()).days
        self.freq = o["freq"] or ("W" if days <= 180 else "M" if days <= 6 * 366 else "Q")
        by_outlet = (corpus.groupby("outlet", sort=True)
                     .agg(n_articles=("id", "size"), first_date=("date", "min"),
                          last_date=("date", "max"), mean_words=("n_words", "mean"))
                     .reset_index()
                     .sort_values(["n_articles", "outlet"], ascending=[False, True], kind="stable"))
        by_outlet["mean_words"] = by_outlet["mean_words"].round(1)
        self.tables["outlets"] = by_outlet.reset_index(drop=True)
        self.top_outlets = by_outlet["outlet"].head(o["max_outlets"]).tolist()
        outlet_colors(sorted(corpus["outlet"].unique()))
        self.done["load"] = (f"{_n(len(corpus), 'article')} from {_n(corpus['outlet'].nunique(), 'outlet')} "
                             f"({self.load_summary['articles_skipped']:,} skipped on load)")
        if self.boilerplate is not None and self.boilerplate["removed"]:
            self.done["load"] += (f"; boilerplate: {_n(self.boilerplate['removed'], 'sentence')} "
                                  f"removed from {_n(self.boilerplate['articles'], 'article')}")

    def _remove_boilerplate(self, corpus: pd.DataFrame) -> pd.DataFrame:
        """The corpus without the sentences each outlet repeats across many of its articles."""
        clean = remove_boilerplate(corpus)
        table = pd.DataFrame(clean.attrs.get("boilerplate", []),
                             columns=["outlet", "sentence", "n_articles", "share", "outlet_articles"])
        table["share"] = table["share"].astype(float).round(4)
        n = clean["n_boilerplate"]
        self.boilerplate = {"sentences": len(table), "removed": int(n.sum()),
                            "articles": int((n > 0).sum()),
                            "emptied": int(((n > 0) & (clean["n_words"] == 0)).sum())
                            if "n_words" in clean.columns else 0}
        self.tables["boilerplate"] = table
        clean = clean.drop(columns=["n_boilerplate"])
        clean.attrs = {}
        return clean

    # ---------------------------------------------------------------- topics
    def step_topics(self) -> None:
        o = self.opts
        extra = dict(o["topic_options"] or {})
        extra.setdefault("random_state", o["random_state"])
        n = len(self.corpus)
        try:
            if o["k"] is not None:
                k = min(o["k"], n - 1)
                self.k_how = "given" if k == o["k"] else (
                    f"k = {o['k']} was given, but {_n(n, 'article')} allow at most {k}")
            else:
                k, scores = _choose_k(self.corpus, _k_candidates(o["k_min"], o["k_max"], n), extra)
                self.tables["choose_k"] = scores
                self.k_how = _k_account(scores, k)
            model = TopicModel(n_topics=k, **extra).fit(self.corpus)
        except (TypeError, ValueError) as exc:
            if not o["topic_options"]:
                raise
            # e.g. {n_runs: many} fails deep inside with "invalid literal for int()"
            raise ConfigError(f"The 'topic_options' setting {dict(o['topic_options'])!r} was not "
                              f"usable: {exc}") from None
        self.k = k
        self.model = model
        self.assigned = assign_topics(self.corpus, model)
        info = model.topic_info(n_terms=8)
        info["share"] = info["share"].round(4)
        info["stability"] = info["stability"].round(3)
        self.tables["topics"] = info
        self.tables["topic_terms"] = topic_terms(model, n_terms=15)
        if "choose_k" in self.tables:
            fig = _new_figure((7, 3.2))
            plot_choose_k(self.tables["choose_k"], ax=fig.subplots(), marker="o")
            self._figure("choose_k", fig, "Quality of each number of topics tried: silhouette "
                         "(separation) and stability (agreement across seeds); the dashed line marks "
                         f"the k taken. choose_k asks for a stability of at least {_MIN_STABILITY}.")
        fig = _new_figure((8, 6))
        plot_topic_map(self.corpus, model, ax=fig.subplots())
        self._figure("topic_map", fig, "Map of the articles: nearby points use similar words; "
                     "colour is the topic.")
        reps = representative_articles(self.corpus, model, n=o["n_representative"])
        self.tables["representative_articles"] = reps
        self.done["topics"] = f"{k} topics ({'given' if o['k'] is not None else 'chosen'})"
        try:
            saved = Path(model.save(self.out / "topic_model"))
            self.written |= {f"topic_model/{p.name}" for p in saved.iterdir()
                             if p.is_file() and p.name.startswith("topic_model.")}
        except ImportError as exc:  # the saving code is not in this installation
            self.notes.append(f"The topic model could not be saved ({exc}).")

    # ---------------------------------------------------------------- stance
    def step_stance(self) -> None:
        o = self.opts
        lexicon = self.lexicon
        if lexicon is None:
            self.evidence_shown = None
            self.done["stance"] = ("skipped: no lexicon given (pass --lexicon FILE, or "
                                   "'lexicon: FILE' in the config)")
            return
        self.tables["lexicon"] = lexicon.to_frame()
        result = score_stance(self.corpus, lexicon)
        self.stance = result
        self.tables["stance_articles"] = result.articles
        self.tables["stance_by_outlet"] = aggregate_stance(result, self.corpus, by="outlet")
        meta = self.corpus[["id", "outlet", "date", "title"]]
        evidence = result.mentions[result.mentions["weight"] != 0]
        evidence = meta.merge(evidence, on="id", how="inner", validate="one_to_many")
        self.tables["stance_evidence"] = evidence
        self.done["stance"] = (f"{_n(len(lexicon.targets), 'target')}, "
                               f"{_n(len(evidence), 'evidence sentence')} with a cue")
        if len(evidence):
            shown = sample_evidence(evidence, o["n_evidence"], random_state=o["random_state"], by="target")
            self.evidence_shown = shown.sort_values(["target", "date", "id", "start"], kind="stable")
        else:
            self.evidence_shown = evidence

    # ---------------------------------------------------------------- timelines
    def step_timelines(self) -> None:
        o, freq, corpus = self.opts, self.freq, self.corpus
        outlets = self.top_outlets
        period = _FREQ_NAMES[freq]
        events = self.events
        if events is not None:
            self.tables["events"] = events
        self.tables["volume"] = volume_table(corpus, freq=freq, outlets=outlets)
        peaks = find_peaks_table(corpus, freq=freq)
        self.tables["peaks"] = peaks

        fig = _new_figure((10, 4.2))
        ax = plot_volume(self.tables["volume"], freq=freq, ax=fig.subplots(),
                         title=f"Articles per {period} and outlet")
        if events is not None:
            mark_events(ax, events)
        n_all = corpus["outlet"].nunique()
        which = ("the only outlet" if n_all == 1 else
                 f"all {_n(n_all, 'outlet')}" if len(outlets) == n_all else
                 f"the largest {_n(len(outlets), 'outlet')} of {n_all}")
        self._figure("volume", fig, f"Coverage volume: articles per {period} and outlet "
                     f"({which}). Dashed: a {period} the data covers only in part." + self._events_text())

        fig = _new_figure((10, 4.6))
        ax = plot_volume(corpus, freq=freq, by_outlet=False, ax=fig.subplots(),
                         title=f"All articles per {period}", legend=False)
        mark_peaks(ax, peaks)
        if len(peaks):
            found = (f"numbered: {_n(len(peaks), 'peak')} of coverage ({period}s well above their "
                     "recent level), explained below the plot and in the table that follows.")
        else:
            found = (f"no peak of coverage was found: no {period} stands well above its recent "
                     f"level (a peak needs at least 5 articles, 1.5 times the median of the 8 "
                     f"{period}s before it, and a z-score of 3 over it).")
        self._figure("volume_peaks", fig, f"All articles per {period}; {found}")

        # Shares and mean scores of one or two articles swing wildly: use a coarser period
        # for them when the outlets publish too little per period.
        self.share_freq = o["share_freq"] or _coarser_until(
            freq, lambda f: _median_nonzero(volume_table(corpus, freq=f, outlets=outlets), "n_articles") >= 4)
        share_period = _FREQ_NAMES[self.share_freq]
        self.tables["topic_share"] = topic_share_table(
            self.assigned, freq=self.share_freq, outlets=outlets, random_state=o["random_state"])
        for i, outlet in enumerate(outlets):
            rows = self.tables["topic_share"]
            rows = rows[rows["outlet"] == outlet].drop_duplicates("period").sort_values("period")
            if not _has_consecutive(rows):  # an area needs two neighbouring periods to show
                if len(rows):
                    self.notes.append(
                        f"Topic share of {outlet} is not drawn: no two consecutive {share_period}s "
                        "with articles (see tables/topic_share.csv).")
                continue
            fig = _new_figure((10, 3.8))
            plot_topic_share(self.tables["topic_share"], outlet=outlet, freq=self.share_freq,
                             ax=fig.subplots(), title=f"Topic share: {outlet}")
            self._figure(f"topic_share_{i + 1}", fig,
                         f"Share of {outlet}'s articles per topic and {share_period}.")

        if self.stance is not None:
            self._stance_timelines(outlets, events)
        self.done["timelines"] = (f"{_n(len(self.figures), 'figure')}; " + self._periods_text())

    def _events_text(self) -> str:
        """The caption sentence on the event lines drawn on a timeline ('' without events)."""
        if self.events is None or not len(self.events):
            return ""
        return (f" Vertical lines and shaded spans: {_n(len(self.events), 'event')} from "
                f"{os.path.basename(os.fspath(self.events_path))} (tables/events.csv).")

    def _periods_text(self) -> str:
        """The calendar periods really used, e.g. 'volume per month, topic share per quarter'."""
        parts = [f"volume per {_FREQ_NAMES[self.freq]}"]
        if self.share_freq:
            parts.append(f"topic share per {_FREQ_NAMES[self.share_freq]}")
        if self.stance_freq:
            parts.append(f"stance per {_FREQ_NAMES[self.stance_freq]}")
        return ", ".join(parts)

    def _stance_timelines(self, outlets: list, events) -> None:
        o, freq, corpus = self.opts, self.freq, self.corpus
        articles = self.stance.articles
        scored_ids = articles.loc[articles["n_mentions"] > 0, "id"]
        scored_outlets = set(corpus.loc[corpus["id"].isin(scored_ids) & corpus["date"].notna(), "outlet"])
        stance_outlets = [n for n in outlets if n in scored_outlets]
        if not stance_outlets:  # never fall back to other outlets than the chosen ones
            self.notes.append(
                f"No stance timeline: none of the outlets drawn ({', '.join(map(str, outlets))}) "
                "has a dated article that mentions a target of the lexicon.")
            self.tables["stance_timeline"] = pd.DataFrame(
                {c: pd.Series(dtype=t) for c, t in _STANCE_TIMELINE_COLUMNS.items()})
            return

        def stance_table(f):
            return stance_timeline_table(self.stance, corpus, freq=f, outlets=stance_outlets,
                                         min_articles=o["min_articles"])

        self.stance_freq = o["stance_freq"] or _coarser_until(
            freq, lambda f: _median_nonzero(stance_table(f), "n_articles") >= o["min_articles"])
        stance_period = _FREQ_NAMES[self.stance_freq]
        self.tables["stance_timeline"] = stance_table(self.stance_freq)
        for i, target in enumerate(self.lexicon.targets):
            if not (articles.loc[articles["target"] == target, "n_mentions"] > 0).any():
                self.notes.append(f"No article mentions the stance target '{target}'.")
                continue
            target_outlets = outlets
            if outlets is not None:  # only the outlets with a dated, scored article on the target
                scored = articles.loc[(articles["target"] == target) & (articles["n_mentions"] > 0), "id"]
                have = set(corpus.loc[corpus["id"].isin(scored) & corpus["date"].notna(), "outlet"])
                target_outlets = [name for name in outlets if name in have]
                left_out = [name for name in outlets if name not in have]
                if left_out:
                    self.notes.append(f"Stance toward '{target}': no scored article of "
                                      f"{', '.join(map(str, left_out))}, left out of the figure.")
                if not target_outlets:
                    continue
            fig = _new_figure((10, 4.2))
            ax = plot_stance_timeline(self.stance, corpus, target=target, freq=self.stance_freq,
                                      outlets=target_outlets,
                                      min_articles=o["min_articles"], ax=fig.subplots(),
                                      title=f"Stance toward {target}")
            if events is not None:
                mark_events(ax, events)
            self._figure(f"stance_{i + 1}", fig,
                         f"Mean article score toward {target} per {stance_period} and outlet "
                         "(below 0: more anti cues, above 0: more pro cues), with its "
                         f"95% interval. Hollow: fewer than {_n(o['min_articles'], 'scored article')}."
                         + self._events_text())

    def _figure(self, name: str, fig, caption: str) -> None:
        folder = self.out / "figures"
        folder.mkdir(parents=True, exist_ok=True)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=self.opts["dpi"], metadata={"Software": None})
        png = buf.getvalue()
        (folder / f"{name}.png").write_bytes(png)
        fig.set_layout_engine("none")  # keep the layout just computed: the second save is faster
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "mediastudy"}):
            fig.savefig(folder / f"{name}.svg", format="svg", metadata={"Date": None})
        self.written |= {f"figures/{name}.png", f"figures/{name}.svg"}
        self.figures[name] = (caption, png)

    # ---------------------------------------------------------------- write
    def step_write(self) -> None:
        folder = self.out / "tables"
        folder.mkdir(parents=True, exist_ok=True)
        self.tables["articles"] = self.assigned[
            [c for c in ("id", "outlet", "date", "title", "url", "n_words", "is_duplicate", "topic",
                         "topic_label", "source_path", "source_line") if c in self.assigned.columns]]
        for name, table in self.tables.items():
            flat = _flatten(table)
            flat.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
            flat.to_parquet(folder / f"{name}.parquet", index=False)
            self.written |= {f"tables/{name}.csv", f"tables/{name}.parquet"}
        self.page = self.out / "report.html"
        self.written.add("report.html")
        # Files an earlier report wrote here and this one did not: left in place they would
        # pass for results of this run.
        self.removed = _remove_stale(self.out, self.previous_outputs - self.written - {"run_record.json"})
        if self.removed:
            self.notes.append(
                f"This folder held an earlier report: its {_n(len(self.removed), 'file')} that this "
                f"run did not write again {'was' if len(self.removed) == 1 else 'were'} removed "
                f"({', '.join(self.removed[:6])}{', ...' if len(self.removed) > 6 else ''}).")
        self.page.write_text(self._html(), encoding="utf-8")
        self.done["write"] = f"{self.page} and {_n(len(self.tables), 'table')}" + (
            f"; removed {_n(len(self.removed), 'stale file')} of an earlier report" if self.removed else "")

    def _html(self) -> str:
        from .. import __version__

        o = self.opts
        c = self.corpus
        name = "demo corpus (fictional)" if self.is_demo else os.path.basename(
            os.path.normpath(os.fspath(self.source)))
        title = o["title"] or f"mediastudy report: {name}"
        s = self.load_summary
        parts = [_HEAD.format(title=_e(title))]
        parts.append(f"<h1>{_e(title)}</h1>")
        parts.append(
            "<p class='meta'>"
            f"Input: <code>{_e(os.fspath(self.source))}</code><br>"
            f"{_e(_n(len(c), 'article'))} from {_e(_n(c['outlet'].nunique(), 'outlet'))}, "
            f"{_e(_day(c['date'].min()))} to {_e(_day(c['date'].max()))}; "
            f"{_e(_n(self.k, 'topic'))}; {_e(self._periods_text())}; "
            + (f"lexicon <code>{_e(os.path.basename(os.fspath(self.lexicon_path)))}</code>; "
               if self.lexicon is not None else "no lexicon (stance not scored); ") +
            f"seed {o['random_state']}; mediastudy {_e(__version__)}. "
            "Settings, input hashes and package versions: <code>run_record.json</code>.</p>")
        parts.append("<nav>" + " · ".join(
            f"<a href='#{a}'>{t}</a>" for a, t in (
                ("load", "Load report"), ("corpus", "Corpus"), ("topics", "Topics"),
                ("stance", "Stance"), ("evidence", "Evidence"), ("timelines", "Timelines"))) + "</nav>")
        if self.notes:
            parts.append("<div class='notes'><b>Notes</b><ul>" +
                         "".join(f"<li>{_e(n)}</li>" for n in self.notes) + "</ul></div>")

        parts.append("<h2 id='load'>Load report</h2>")
        parts.append(
            f"<p>{_n(s['files_found'], 'file')} found: {s['files_read']:,} read, {s['files_failed']:,} "
            f"failed, {s['files_ignored']:,} ignored. {_n(s['articles_found'], 'article')} found: "
            f"{s['articles_loaded']:,} loaded, {s['articles_skipped']:,} skipped.</p>")
        report = self.tables["load_report"]
        if len(report):
            # The loader's advice "(pass bad_dates='keep' ...)" is for load_articles: a report
            # cannot place an undated article on a timeline, so it is dropped here.
            kinds = (report["problem"].astype(str).str.replace(r"\s*\(pass [^)]*\)", "", regex=True)
                     .str.replace(r"'[^']*'|\d+", "…", regex=True))
            problems = (report.assign(problem_kind=kinds).groupby(["action", "problem_kind"]).size()
                .rename("n").reset_index().sort_values("n", ascending=False, kind="stable"))
            parts.append("<p>Problems by kind:</p>" + _table(problems, "load_report", 30))
            parts.append("<p>Each problem with its file and line:</p>" + _table(report, "load_report", 50))
        else:
            parts.append("<p>Every file and article was read without a problem.</p>")

        parts.append("<h2 id='corpus'>Corpus</h2>")
        parts.append(_table(self.tables["outlets"], "outlets", 50))
        parts.append(self._boilerplate_html())
        parts.append(self._fig_html("volume"))
        parts.append(self._fig_html("volume_peaks"))
        if len(self.tables["peaks"]):
            parts.append(_table(self.tables["peaks"], "peaks", 20))

        parts.append("<h2 id='topics'>Topics</h2>")
        parts.append(f"<p>{_e(_n(self.k, 'topic'))} ({_e(self.k_how)}). Each topic's label is its "
                     "three most distinctive terms; stability is how often the topic comes back "
                     "across seeded runs (1 = always).</p>")
        parts.append(_table(self.tables["topics"], "topics", 60))
        if self.tables.get("choose_k") is not None:
            parts.append(self._fig_html("choose_k"))
            parts.append("<details><summary>Scores of the numbers of topics tried</summary>" +
                         _table(self.tables["choose_k"], "choose_k", 40) + "</details>")
        parts.append(self._fig_html("topic_map"))
        parts.append("<h3>Representative articles</h3>")
        reps = self.tables["representative_articles"]
        parts.append(_table(reps.drop(columns=[x for x in ("url",) if x in reps.columns]),
                            "representative_articles", 200, links=reps.get("url")))

        parts.append("<h2 id='stance'>Stance</h2>")
        parts.extend(self._stance_html())

        parts.append("<h2 id='timelines'>Timelines</h2>")
        parts.append(f"<p>{_e(self._periods_text()).capitalize()}: a coarser period is used for "
                     "topic share and stance when too few articles fall in each period.</p>")
        for name in self.figures:
            if name.startswith(("topic_share_", "stance_")):
                parts.append(self._fig_html(name))
        parts.append("<h2>Files</h2><p>Tables (CSV and Parquet): " + ", ".join(
            f"<code>tables/{_e(n)}.csv</code>" for n in self.tables) +
            ". Figures (PNG and SVG) in <code>figures/</code>; the topic model in "
            "<code>topic_model/</code>.</p>")
        parts.append("</body></html>\n")
        return "\n".join(parts)

    def _boilerplate_html(self) -> str:
        b = self.boilerplate
        if b is None:
            return ("<p>Boilerplate (sentences an outlet repeats in many of its articles) was "
                    "kept, as the <code>boilerplate: keep</code> setting asks.</p>")
        if not b["sentences"]:
            return ("<p>No boilerplate found: no sentence of 5 words or more is repeated word for "
                    "word in at least 20 articles and 5% of an outlet's articles.</p>")
        verb = "is" if b["emptied"] == 1 else "are"
        emptied = (f"; {_n(b['emptied'], 'article')} held nothing else and {verb} left without text"
                   if b["emptied"] else "")
        return (f"<p>Boilerplate removed before topics and stance: {_e(_n(b['sentences'], 'sentence'))} "
                "that an outlet repeats word for word in at least 20 and 5% of its articles, taken "
                f"out {_e(_n(b['removed'], 'time'))} from {_e(_n(b['articles'], 'article'))}{_e(emptied)}. "
                "The sentences are in <code>tables/boilerplate.csv</code>; the setting "
                "<code>boilerplate: keep</code> (<code>--keep-boilerplate</code>) leaves them in.</p>"
                + _table(self.tables["boilerplate"], "boilerplate", 10))

    def _stance_html(self) -> list[str]:
        o = self.opts
        if self.lexicon is None:
            return [f"<div class='notes'><p>{_e(NO_LEXICON_NOTE)}</p></div>",
                    "<h3 id='evidence'>Evidence</h3><p>None: stance was not scored.</p>"]
        smoothing = float(self.stance.smoothing)
        targets = ", ".join(self.lexicon.targets)
        if smoothing > 0:
            examples = ", ".join(f"{n} {'cue' if n == 1 else 'cues'} {n / (n + smoothing):+.2f}"
                                 for n in (1, 2, 5))
            reach = (f"It is 0 when the cues balance or there are none, and nears +1 only with many "
                     f"pro cues and no anti ones: only pro cues give {examples} (anti cues the same "
                     "toward -1). The +" f"{smoothing:g} pulls scores that rest on few cues toward 0.")
        else:
            reach = "It runs from -1 (only anti cues) to +1 (only pro cues); 0 when they balance."
        parts = [
            f"<p>Stance toward {_e(targets)}, scored with the lexicon "
            f"<code>{_e(os.fspath(self.lexicon_path))}</code>. In every sentence that names a "
            "target, the lexicon's pro and anti cue words are counted for that target (a negator "
            "such as 'not' up to 3 words before a cue flips it; a cue after 'but' or 'however' "
            "counts double). Summed over an article, this gives its score "
            f"(pro &minus; anti) / (pro + anti + {smoothing:g}). {_e(reach)}</p>",
            "<p>In the table: <code>n_mentioning</code> is the number of the outlet's articles that "
            "name the target; <code>mean_score</code> the mean of their scores (each article one "
            "vote); <code>pooled_score</code> (pro &minus; anti) / (pro + anti) over all of the "
            "outlet's cues, without the pull toward 0 (empty when there is no cue). "
            "<b>Read the evidence before trusting a number</b>: a lexicon is a blunt instrument.</p>",
            _table(self.tables["stance_by_outlet"], "stance_by_outlet", 100),
            "<h3 id='evidence'>Evidence</h3>",
            f"<p>A seeded sample of up to {_e(_n(o['n_evidence'], 'sentence'))} per target that carried "
            f"a cue ({len(self.tables['stance_evidence']):,} in all, in "
            "<code>tables/stance_evidence.csv</code>). Target mention and cue words are "
            "highlighted; the weight is pro minus anti of the cues counted for that mention.</p>",
            self._evidence_html(),
        ]
        return parts

    def _fig_html(self, name: str) -> str:
        caption, png = self.figures[name]
        data = base64.b64encode(png).decode("ascii")
        return (f"<figure><img alt='{_e(caption)}' src='data:image/png;base64,{data}'>"
                f"<figcaption>{_e(caption)} <span class='files'>figures/{_e(name)}.png, .svg</span>"
                "</figcaption></figure>")

    def _evidence_html(self) -> str:
        ev = self.evidence_shown
        if not len(ev):
            return "<p>No sentence carried a cue.</p>"
        rows = []
        for r in ev.itertuples(index=False):
            cues = _as_list(r.matched)
            marked = _highlight(str(r.sentence), [str(r.mention)], cues)
            negated = [str(v).lower() == "true" for v in _as_list(r.negated)]
            pol = ", ".join(
                f"{m} ({p}{', negated' if i < len(negated) and negated[i] else ''})"
                for i, (m, p) in enumerate(zip(cues, _as_list(r.polarities), strict=False)))
            rows.append(
                f"<tr><td>{_e(str(r.target))}</td><td>{_e(str(r.outlet))}</td><td>{_e(_day(r.date))}</td>"
                f"<td>{_e(str(r.title))}</td><td class='sent'>{marked}</td><td>{_e(pol)}</td>"
                f"<td class='num'>{float(r.weight):+.1f}</td></tr>")
        return ("<table><thead><tr><th>target</th><th>outlet</th><th>date</th><th>title</th>"
                "<th>sentence</th><th>cues</th><th>weight</th></tr></thead><tbody>"
                + "".join(rows) + "</tbody></table>")


# ------------------------------------------------------------------------------------- helpers
#: The kinds of file load_articles reads (named when a folder holds none of them).
_READ_KINDS = ".txt (the seed layout), .csv, .tsv, .json, .jsonl, .ndjson, .parquet and .pq"


def _nothing_loaded(source, report: pd.DataFrame) -> str:
    """Why no article was loaded from ``source``, and what to do."""
    where = os.fspath(source)
    ignored = report[report["action"] == "ignored"] if len(report) else report
    if len(ignored) == len(report):  # no article file at all (other files are only ignored)
        kind = "folder" if os.path.isdir(where) else "input"
        others = ""
        if len(ignored):
            names = [os.path.basename(str(p)) for p in ignored["source"].head(3)]
            others = (f" {_n(len(ignored), 'other file')} ignored ({', '.join(names)}"
                      f"{', ...' if len(ignored) > 3 else ''}).")
        return (f"The {kind} '{where}' holds no readable articles: no article file was found "
                f"(files read: {_READ_KINDS}; folders are searched recursively).{others} Check the "
                "path, or save the articles in one of these formats.")
    first = report[report["action"] != "ignored"].iloc[0]
    return (f"No article could be read from '{where}': {_n(len(report), 'problem')} in the load "
            f"report, the first in {first['source']}: {first['problem']}")


def _k_candidates(k_min: int, k_max: int, n_articles: int, most: int = 5) -> list[int]:
    """At most ``most`` numbers of topics spread over k_min..k_max (below the article count)."""
    hi = min(k_max, n_articles - 1)
    if hi < k_min:
        return []
    return sorted({int(round(x)) for x in np.linspace(k_min, hi, min(most, hi - k_min + 1))})


def _choose_k(corpus: pd.DataFrame, ks, extra: dict) -> tuple[int, pd.DataFrame]:
    """The number of topics :func:`mediastudy.choose_k` recommends among ``ks``, and its table.

    The candidate models are cheaper than the final fit (fewer runs and LSA
    dimensions), which keeps the report quick.
    """
    ks = list(ks)
    if not ks:
        raise DataError("Too few articles to choose a number of topics; give k.")
    params = {**extra, "n_runs": min(int(extra.get("n_runs", 10)), 3),
              "n_components": min(int(extra.get("n_components", 100)), 50)}
    seed = params.pop("random_state", 0)
    table = choose_k(corpus, ks, random_state=seed, silhouette_sample=2000, **params)
    scores = table.copy()
    scores.attrs = {}
    for col in scores.columns:
        if scores[col].dtype.kind == "f":
            scores[col] = scores[col].round(4)
    return int(table.attrs["recommended_k"]), scores


def _k_account(scores: pd.DataFrame, k: int) -> str:
    """How :func:`_choose_k` came to ``k``, in words, from its table (as choose_k decides)."""
    tried = ", ".join(map(str, scores["k"]))
    stable = scores[scores["stability"] >= _MIN_STABILITY]
    cheap = ("; the candidates were fitted with fewer seeded runs and LSA dimensions than the "
             "final model, to keep the report quick")
    if len(stable) and stable["silhouette"].notna().any() and k in set(stable["k"]):
        return (f"chosen among {tried}: the best silhouette (separation) among the numbers whose "
                f"stability reaches {_MIN_STABILITY} ({', '.join(map(str, stable['k']))})" + cheap)
    best = float(scores.loc[scores["k"] == k, "stability"].iloc[0])
    return (f"chosen among {tried}, but none of them reached the stability of {_MIN_STABILITY} "
            f"that choose_k asks for, so the most stable one was taken (stability {best:.3f}): "
            "other seeds may split the articles differently, so read the topics as tentative or "
            "give k" + cheap)


def _has_consecutive(periods: pd.DataFrame) -> bool:
    """Whether some period directly follows another (``period`` = previous ``period_end`` + 1 day)."""
    starts = pd.DatetimeIndex(periods["period"])
    ends = pd.DatetimeIndex(periods["period_end"])
    return bool(len(starts) > 1 and (starts[1:] == ends[:-1].normalize() + pd.Timedelta(days=1)).any())


def _coarser_until(freq: str, good_enough) -> str:
    """``freq``, or the next coarser calendar period when ``good_enough(freq)`` fails."""
    order = list(_FREQ_NAMES)
    start = order.index(freq)
    for f in order[start:start + 2]:  # one step coarser at most: a two-point timeline says nothing
        if good_enough(f):
            return f
    return order[min(start + 1, len(order) - 1)]


def _median_nonzero(table: pd.DataFrame, column: str) -> float:
    values = table.loc[table[column] > 0, column]
    return float(values.median()) if len(values) else 0.0


def _new_figure(figsize) -> matplotlib.figure.Figure:  # noqa: F821
    """A figure outside pyplot (no global state, no GUI backend), drawn with Agg."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _flatten(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose list cells are '; '-joined strings, so CSV and Parquet hold the same thing."""
    out = df.copy()
    out.attrs = {}
    for col in out.columns:
        is_list = out[col].map(lambda v: isinstance(v, (list, tuple, np.ndarray)))
        if out[col].dtype == object and is_list.any():
            out[col] = out[col].map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple, np.ndarray)) else v)
    return out


def _as_list(value) -> list:
    if isinstance(value, (list, tuple, np.ndarray)):
        return list(value)
    if isinstance(value, str):
        return [v for v in value.split("; ") if v]
    return []


def _highlight(sentence: str, mentions: list[str], cues: list[str]) -> str:
    """Escape ``sentence``, marking target mentions and cue words (matched on the raw text)."""
    spans: list[tuple[int, int, str]] = []
    for words, cls in ((mentions, "t"), (cues, "c")):
        for w in words:
            if not w:
                continue
            for m in re.finditer(r"(?<!\w)" + re.escape(w) + r"(?!\w)", sentence, flags=re.IGNORECASE):
                if not any(s < m.end() and m.start() < e for s, e, _ in spans):
                    spans.append((m.start(), m.end(), cls))
    spans.sort()
    out, pos = [], 0
    for s, e, cls in spans:
        out.append(_e(sentence[pos:s]))
        out.append(f"<mark class='{cls}'>{_e(sentence[s:e])}</mark>")
        pos = e
    out.append(_e(sentence[pos:]))
    return "".join(out)


def _n(count: int, word: str) -> str:
    """``count`` and ``word``, plural unless the count is one: '1 outlet', '3 outlets'."""
    plural = word if count == 1 else (word[:-1] + "ies" if word.endswith("y") else word + "s")
    return f"{count:,} {plural}"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _day(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _cell(value) -> str:
    if isinstance(value, (list, tuple, np.ndarray)):
        return _e("; ".join(map(str, value)))
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return _e(value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat())
    if isinstance(value, (float, np.floating)):
        return _e(f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}")
    return _e(value)


def _table(df: pd.DataFrame, name: str, max_rows: int, links: pd.Series | None = None) -> str:
    shown = df.head(max_rows)
    head = "".join(f"<th>{_e(c)}</th>" for c in shown.columns)
    body = []
    for i, row in enumerate(shown.itertuples(index=False)):
        cells = []
        for col, value in zip(shown.columns, row, strict=True):
            numeric = isinstance(value, (int, float, np.number)) and not isinstance(value, bool)
            cls = " class='num'" if numeric else ""
            text = _cell(value)
            url = links.iloc[i] if links is not None and col == "title" else None
            if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
                text = f"<a href='{_e(url)}' rel='noopener noreferrer'>{text}</a>"
            cells.append(f"<td{cls}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    note = ""
    if len(df) > max_rows:
        note = f"<p class='note'>{_e(_TABLE_NOTE.format(shown=max_rows, total=len(df), name=name))}</p>"
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{note}"


_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em;
       color: #222; line-height: 1.45; }}
h1 {{ font-size: 1.7em; }} h2 {{ border-bottom: 1px solid #ccc; margin-top: 2em; }}
.meta {{ color: #555; }} nav {{ margin: 1em 0; }}
table {{ border-collapse: collapse; font-size: 0.85em; margin: 0.8em 0; }}
th, td {{ border: 1px solid #ddd; padding: 3px 6px; vertical-align: top; text-align: left; }}
th {{ background: #f3f3f3; }} td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.sent {{ max-width: 480px; }}
figure {{ margin: 1.5em 0; }} figure img {{ max-width: 100%; border: 1px solid #eee; }}
figcaption {{ font-size: 0.9em; color: #444; }} .files {{ color: #888; font-size: 0.85em; }}
mark.t {{ background: #cde3ff; }} mark.c {{ background: #ffe08a; }}
.notes {{ background: #fff8e1; border: 1px solid #f0d98c; padding: 0.5em 1em; }}
.note {{ color: #666; font-size: 0.85em; }}
</style></head><body>"""
