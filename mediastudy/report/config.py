"""The settings of a report: every option with its default, the YAML config file, checks.

:data:`REPORT_OPTIONS` lists every setting of :func:`mediastudy.run_report` with its
default and meaning (the command line and the config file use the same names);
:func:`read_config` reads a YAML config file; :func:`check_options` checks settings
and names the one that is wrong. Also here: where the bundled demo inputs are, and
the note a report gives when it has no lexicon.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from ..errors import ConfigError, MediaStudyError
from ..io.corpus import demo_path
from ..io.yaml_files import SafeLoader, duplicate_key, read_limited, refuse_aliases
from .options import REPORT_OPTIONS

__all__ = ["REPORT_OPTIONS", "read_config", "check_options", "resolve_options", "NO_LEXICON_NOTE"]


_CONFIG_ONLY = {"source", "out"}
FREQ_NAMES = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}



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
        raw = read_limited(path, what="Config", error=ConfigError).decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"Config file '{path}' does not exist. Check the path given to --config.",
                          path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Config file '{path}' cannot be read ({exc}).", path=path) from None
    data = _parse_config(raw, path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(
            f"Config file '{path}' must be a YAML mapping of settings (name: value). "
            f"Got a {type(data).__name__}."
        )
    config = {str(k): v for k, v in data.items()}
    check_options(config, where=f"Config file '{path}'", allow=_CONFIG_ONLY)
    for key in ("source", "lexicon", "events"):  # relative to the config file, not the shell
        value = config.get(key)
        if isinstance(value, str) and value and not os.path.isabs(value) and not has_glob(value):
            config[key] = str((path.parent / value).resolve()) if (path.parent / value).exists() \
                else value
    return config


def _parse_config(raw: str, path: Path):
    """The settings of a config file's text: no anchors or aliases, no key written twice."""
    try:
        refuse_aliases(raw, source=f"Config file '{path}'", error=ConfigError)
        loader = _ConfigLoader(raw)
        try:
            node = loader.get_single_node()
            twice = duplicate_key(node) if node is not None else None
            if twice is not None:
                keys, first, line = twice
                raise ConfigError(f"Config file '{path}' line {line}: '{keys[-1]}' is set twice "
                                  f"(first at line {first}); keep one.", param=str(keys[0]),
                                  path=path, line=line)
            return loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"Config file '{path}'{where}: not valid YAML ({problem}).", path=path,
                          line=None if mark is None else mark.line + 1) from None


class _ConfigLoader(SafeLoader):
    """The safe YAML loader, but ``2022-13-01`` stays text: the date check names the setting.

    (``yaml.safe_load`` turns a date-like value into a date itself and fails on an impossible
    one with a bare "month must be in 1..12", naming neither the file nor the setting.)
    """


_ConfigLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def has_glob(value: str) -> bool:
    return any(ch in value for ch in "*?[")


def check_options(options: Mapping[str, object], *, where: str, allow=frozenset()) -> None:
    known = set(REPORT_OPTIONS) | set(allow)
    for key, value in options.items():
        if key not in known:
            close = [k for k in sorted(known) if k.replace("_", "") == key.replace("_", "").replace("-", "")]
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise ConfigError(
                f"{where}: unknown setting '{key}'.{hint} Known settings: {', '.join(sorted(known))}.",
                param=key, allowed=tuple(sorted(known)))
        if value is None:
            continue
        expect = _EXPECTED_TYPES.get(key)
        if expect is not None and not _type_ok(value, expect[0]):
            raise ConfigError(f"{where}: '{key}' must be {expect[1]}. Got {value!r}.", param=key,
                              value=value)
    for key in ("freq", "share_freq", "stance_freq"):
        if options.get(key) is not None and options[key] not in FREQ_NAMES:
            raise ConfigError(f"{where}: '{key}' must be one of D, W, M, Q, Y. Got {options[key]!r}.",
                              param=key, value=options[key], allowed=tuple(FREQ_NAMES))
    bad_formats = [f for f in options.get("figure_formats") or () if f not in ("png", "svg")]
    if bad_formats:
        raise ConfigError(f"{where}: 'figure_formats' may hold png and svg. Got {bad_formats!r}.",
                          param="figure_formats", value=bad_formats, allowed=("png", "svg"))
    if options.get("boilerplate") is not None and options["boilerplate"] not in ("remove", "keep"):
        raise ConfigError(
            f"{where}: 'boilerplate' must be 'remove' or 'keep'. Got {options['boilerplate']!r}.",
            param="boilerplate", value=options["boilerplate"], allowed=("remove", "keep"))
    if options.get("outlet_from") is not None and options["outlet_from"] not in (
            "auto", "column", "folder", "url"):
        raise ConfigError(
            f"{where}: 'outlet_from' must be auto, column, folder or url. Got {options['outlet_from']!r}.",
            param="outlet_from", value=options["outlet_from"])
    for key in ("k", "k_min", "k_max", "sample", "max_outlets", "n_evidence", "min_articles",
                "n_representative", "dpi", "n_jobs"):
        value = options.get(key)
        if value is not None and value < (2 if key.startswith("k") else 1):
            raise ConfigError(f"{where}: '{key}' must be at least {2 if key.startswith('k') else 1}. "
                              f"Got {value!r}.", param=key, value=value)
    if options.get("random_state") is not None and not 0 <= options["random_state"] < 2**32:
        raise ConfigError(f"{where}: 'random_state' must be a whole number from 0 to 2**32 - 1. "
                          f"Got {options['random_state']!r}.", param="random_state",
                          value=options["random_state"])
    topic_options = options.get("topic_options") or {}
    # (only when there are some: reading TopicModel's settings imports scikit-learn, 0.9 s)
    known_topic = _topic_options() if topic_options else frozenset()
    unknown = sorted(set(map(str, topic_options)) - known_topic)
    if unknown:
        raise ConfigError(f"{where}: 'topic_options' holds {', '.join(map(repr, unknown))}, not a "
                          f"TopicModel setting. Known: {', '.join(sorted(known_topic))}.",
                          param="topic_options", value=unknown, allowed=tuple(sorted(known_topic)))
    days = {key: _check_date(options.get(key), key, where) for key in ("start", "end")}
    if days["start"] is not None and days["end"] is not None and days["start"] > days["end"]:
        raise ConfigError(f"{where}: 'start' ({days['start']:%Y-%m-%d}) is after 'end' "
                          f"({days['end']:%Y-%m-%d}); no article could be kept.", param="start",
                          value=options.get("start"))


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
                      f"Got {text!r} ({problem}).", param=key, value=value)


def _type_ok(value, kind: str) -> bool:
    if kind == "str_or_map":
        return isinstance(value, (str, os.PathLike, Mapping))
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
    "n_jobs": ("int", "a whole number"),
    "figure_formats": ("str_list", "a list of image formats: png, svg"),
    "colors": ("str_or_map", "a mapping of outlet names to colours, or the path of a JSON/YAML file"),
    "source": ("str", "a path"),
    "out": ("str", "a path"),
}




#: What a report says (and warns) when it has no lexicon to score stance with.
NO_LEXICON_NOTE = (
    "Stance is not scored: no lexicon was given. The example lexicon names the invented "
    "targets of the fictional demo corpus and is used for the demo only; scoring your articles "
    "with it would measure nothing real. Write a lexicon for your targets (the example shows "
    "the format: mediastudy.demo_path('lexicon')) and pass it: --lexicon FILE on the command "
    "line, 'lexicon: FILE' in the config file, or run_report(..., lexicon=FILE)."
)


@lru_cache(maxsize=1)
def _topic_options() -> frozenset[str]:
    """TopicModel settings a report's 'topic_options' may hold (n_topics is the k setting)."""
    from ..topics.model import TopicModel

    return frozenset(inspect.signature(TopicModel).parameters) - {"n_topics"}


def resolve_options(config, options: Mapping[str, object]) -> tuple[object, dict]:
    """The source and every setting of a report, from ``config`` and keyword ``options``.

    ``config`` is a YAML file, a mapping or None; ``options`` win over it. Returns
    ``(source, opts)``: ``source`` as the config gives it (or None), ``opts`` every
    name of :data:`REPORT_OPTIONS` with its value or default, checked.
    """
    settings: dict[str, object] = {}
    if config is not None:
        cfg = read_config(config) if isinstance(config, (str, os.PathLike)) else dict(config)
        check_options(cfg, where="config", allow=_CONFIG_ONLY)
        settings.update(cfg)
    check_options(options, where="run_report")
    settings.update(options)
    source = settings.pop("source", None)
    settings.pop("out", None)
    opts = {k: settings.get(k, default) for k, (default, _) in REPORT_OPTIONS.items()}
    check_options(opts, where="run_report")
    if opts["k"] is None and opts["k_min"] > opts["k_max"]:
        raise ConfigError(f"run_report: 'k_min' ({opts['k_min']}) is larger than 'k_max' ({opts['k_max']}).",
                          param="k_min", value=opts["k_min"])
    return source, opts


def read_events_file(path) -> pd.DataFrame:
    """:func:`mediastudy.read_events`, its errors naming the file (they may not say which)."""
    from ..timeline.events import read_events

    try:
        return read_events(path)
    except (MediaStudyError, ValueError) as exc:
        if os.path.basename(os.fspath(path)) in str(exc):
            raise
        raise type(exc)(f"Events file '{os.fspath(path)}': {exc}") from None


def is_demo_source(source) -> bool:
    """Whether ``source`` is the bundled demo corpus (its folder, or a file or folder in it)."""
    if isinstance(source, (list, tuple)):
        return bool(source) and all(is_demo_source(s) for s in source)
    if not isinstance(source, (str, os.PathLike)):
        return False
    try:
        demo = os.path.realpath(demo_path())
    except MediaStudyError:
        return False
    where = os.path.realpath(os.fspath(source))
    return where == demo or where.startswith(demo + os.sep)
