"""Loading articles into one tidy DataFrame, with an account of every input.

:func:`load_articles` reads the seed article layout (``.txt`` files) and CSV, TSV,
JSON, JSON Lines and Parquet exports into the corpus schema
(:mod:`mediastudy.schema`). :func:`load_report` returns the account of every file
and article that could not be used. :func:`demo_path` and :func:`load_demo` give
the fictional demo corpus that ships with the package.
"""

from __future__ import annotations

import codecs
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..checks import check_choice
from ..errors import InvalidParameterError, LoadError
from ..progress import progress_bar as tqdm
from ._loader import REPORT_COLUMNS, Loader, check_dates, date_bounds, finish, gc_paused
from .sources import READ_KINDS, Listing, Source, seed_blocks

__all__ = ["load_articles", "load_report", "LoadReport", "demo_path", "load_demo"]

_PROGRESS_MIN_FILES = 200


def load_articles(
    source: Source,
    *,
    outlet: str | None = None,
    outlet_from: str = "auto",
    columns: dict[str, str] | None = None,
    dayfirst: bool | None = None,
    errors: str = "raise",
    bad_dates: str = "skip",
    valid_dates: tuple[object, object] = ("1800-01-01", None),
    drop_duplicates: bool = False,
    encoding: str = "utf-8",
    progress: bool | None = None,
    n_jobs: int = 1,
    return_report: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, LoadReport]:
    """Load news articles from files into a DataFrame in the corpus schema.

    Parameters
    ----------
    source : path, glob or list of these
        A file, a folder (read recursively), a glob such as ``"rt/**/*.txt"``,
        or a list of any of these. ``.txt`` files are read in the seed article
        layout; ``.csv``, ``.tsv``, ``.json``, ``.jsonl``/``.ndjson`` and
        ``.parquet`` as tables. Other files in a folder are listed in the load
        report as ignored. A table's own ``id`` column is kept as ``source_id``;
        a corpus saved from this function (a table with every schema column)
        loads back with its ids, quotes and links.
    outlet : str, optional
        Outlet name for every article (overrides ``outlet_from``).
    outlet_from : {"auto", "column", "folder", "url"}
        Where to take the outlet from when ``outlet`` is not given. ``"auto"``:
        a table's outlet column, else the URL's domain, else the name of the
        folder holding the file.
    columns : dict, optional
        Renames table columns onto the schema, e.g. ``{"Headline": "title",
        "Body": "text"}``. Common names (title, headline, text, content, body,
        date, publish_date, url, link, source, publisher...) are mapped
        automatically; two candidates for the same field is an error that asks
        for a mapping.
    dayfirst : bool, optional
        How to read numeric dates such as ``03/04/2017``. Seed-layout files are
        ``dd/mm/yyyy`` unless ``dayfirst=False``. In tables a numeric date with
        ``dayfirst=None`` is a problem, never a silent guess. ISO and written
        dates ("20 March 2017", "11 Mar, 2007") need no setting.
    errors : {"raise", "skip", "warn"}
        ``"raise"`` stops at the first bad input with a :class:`LoadError` that
        names the file and line. ``"skip"`` leaves bad files and articles out and
        accounts for each in the load report; ``"warn"`` does the same and also
        warns with the counts.
    bad_dates : {"skip", "keep"}
        A missing, unreadable, impossible or implausible date makes the article
        bad input (``"skip"``, handled by ``errors``), or keeps it with a NaT
        date and a line in the load report (``"keep"``).
    valid_dates : (start, end)
        Dates outside this range are implausible (e.g. year 0001 or 2050 in a
        scraped archive). ``None`` as the end means today.
    drop_duplicates : bool
        Leave out the second and later copies of an article with the same
        outlet, title and text (each is listed in the load report). Otherwise
        they are kept and flagged in ``is_duplicate``.
    encoding : str
        Text encoding of the files: seed-layout ``.txt``, CSV, TSV, JSON and JSON
        Lines (Parquet files say their own). A UTF-8 byte-order mark is dropped.
    progress : bool, optional
        Show a progress bar; by default only when reading 200 files or more.
    n_jobs : int
        Worker processes that read and parse seed-layout files (``-1``: one per
        core). Worth it from a few thousand files; the result is the same as with
        one process. Where there is a ``/dev/shm`` (Linux), the workers hand the
        text back through files there, which this process maps and removes at
        once; the text's memory then shows as shared memory. Without room there,
        the text goes through a pipe instead.

    return_report : bool
        Also return the :class:`LoadReport` (every input that could not be used, and the
        counts), as ``corpus, report = load_articles(..., return_report=True)``. Use it
        for a record that lasts: :func:`load_report` reads a copy kept in the frame's
        ``attrs``, which pandas drops in ``concat``/``merge`` and some other operations.

    Returns
    -------
    pandas.DataFrame
        One row per article with the columns of :data:`mediastudy.CORPUS_COLUMNS`
        (plus any other columns of a table). :func:`load_report` gives the
        account of what could not be used. With ``return_report=True``, a tuple
        ``(corpus, report)`` with the :class:`LoadReport`.

    Raises
    ------
    LoadError
        A source does not exist, or (with ``errors="raise"``) a file or article
        cannot be read.

    Examples
    --------
    >>> corpus = load_articles(demo_path())
    >>> sorted(corpus["outlet"].unique())
    ['CapitalWire', 'KestrovaToday', 'MeridianPost']
    >>> load_report(corpus).attrs["summary"]["articles_skipped"]
    0
    """
    check_choice(errors, ("raise", "skip", "warn"), func="load_articles", param="errors")
    check_choice(bad_dates, ("skip", "keep"), func="load_articles", param="bad_dates")
    check_choice(
        outlet_from, ("auto", "column", "folder", "url"), func="load_articles", param="outlet_from"
    )
    if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
        raise InvalidParameterError(
            "The 'outlet' parameter of load_articles must be the outlet's name as a non-empty "
            f"string, e.g. outlet='RT'. Got {outlet!r} instead.", param="outlet"
        )
    if columns is not None and not isinstance(columns, dict):
        raise InvalidParameterError(
            "The 'columns' parameter of load_articles must be a dict such as "
            f"{{'Headline': 'title'}}. Got {type(columns).__name__} instead.", param="columns"
        )
    try:
        codecs.lookup(encoding)
    except (LookupError, TypeError):
        raise InvalidParameterError(
            "The 'encoding' parameter of load_articles must name a text encoding, e.g. "
            f"'utf-8' or 'latin-1'. Got {encoding!r} instead.",
            param="encoding", value=encoding) from None
    start, end = date_bounds(valid_dates)
    with gc_paused():  # ~100,000 new objects per 100,000 files: no cycles to collect
        listing = Listing(source)  # checks the sources; folders are listed as they are read
        loader = Loader(
            outlet=outlet, outlet_from=outlet_from, columns=columns, dayfirst=dayfirst,
            errors=errors, encoding=encoding,
        )
        with seed_blocks(listing, n_jobs, encoding, dayfirst is not False) as blocks:
            # Every file is listed by now, or (with workers) enough to call the load large.
            show = progress if progress is not None else len(listing.files) >= _PROGRESS_MIN_FILES
            bar = tqdm(total=len(listing.files) if listing.done else None,
                       desc="loading articles", unit="file", disable=not show)
            with bar:
                for paths, block in blocks:
                    loader.add_block(paths, block)
                    if bar.total is None and listing.done:
                        bar.total = len(listing.files)
                    bar.update(len(paths))
                bar.total = len(listing.files)
                for entry, seed in zip(listing.files, listing.seeds, strict=True):
                    if not seed:
                        path, root_name, rel = entry
                        loader.read(path, f"{root_name}/{rel}", getattr(entry, "problem", None))
                        bar.update(1)
        df = loader.frame()
        df = check_dates(df, loader, bad_dates, start, end)
        df = finish(df, loader, drop_duplicates)
    report = loader.report_frame(n_files=len(listing.files), n_loaded=len(df))
    counts = report.attrs["summary"]
    if counts["files_read"] + counts["files_failed"] == 0:
        where = _sources_text(source)
        ignored = report.loc[report["action"] == "ignored", "source_path"].map(
            lambda p: os.path.splitext(str(p))[1].lower() or "(no extension)").value_counts()
        kinds = ", ".join(f"{k}: {v:,}" for k, v in ignored.head(5).items())
        message = (f"load_articles found no article file in {where}: " + (
            f"{counts['files_ignored']:,} files of other kinds were ignored ({kinds}); articles are "
            f"read from {READ_KINDS} files." if len(ignored)
            else "an empty folder, or a glob that matches nothing. Check the path (folders are "
            "read recursively)."))
        if errors == "raise":
            raise LoadError(message + " With errors='skip' or 'warn' an empty corpus is returned.",
                            path=where)
        warnings.warn(message, UserWarning, stacklevel=2)
    elif listing.empty:  # some of several sources: the others were read
        n = len(listing.empty)
        warnings.warn(
            f"load_articles found no file in {n} of the sources ({_sources_text(listing.empty)}): "
            f"{'an empty folder' if n == 1 else 'empty folders'} (hidden files are not read). Check "
            "the path; the other sources were read.", UserWarning, stacklevel=2)
    problem = report["problem"].astype(str)
    for kind in (problem.str.startswith("no date column"), problem.str.contains("day and month swapped")):
        # kept, but their dates are missing or may be wrong: said whatever `errors` is
        if kind.any():
            first = report[kind].iloc[0]
            n_more = int(kind.sum()) - 1
            more = f" (and {n_more} more file{'s' * (n_more != 1)})" if n_more else ""
            warnings.warn(f"load_articles: {first['source_path']}{more}: {first['problem']}.",
                          UserWarning, stacklevel=2)
    if errors == "warn" and (report["action"] == "skipped").any():
        warnings.warn(
            f"load_articles left out {counts['articles_skipped']:,} of {counts['articles_found']:,} articles "
            f"and {counts['files_failed']:,} of {counts['files_found']:,} files ({_most_common(report)}); "
            "mediastudy.load_report(df) lists each with its file, line and problem.",
            stacklevel=2,
        )
    df.attrs["load_report"] = _StoredReport(
        columns=_StoredReport({k: tuple(v) for k, v in report.to_dict("list").items()}),
        summary=_StoredReport(report.attrs["summary"]),
    )
    if return_report:
        problems = report.copy()
        problems.attrs = {}
        return df, LoadReport(problems, dict(report.attrs["summary"]))
    return df


@dataclass(frozen=True)
class LoadReport:
    """What a load could not use, and the counts that account for every input.

    Returned by ``load_articles(..., return_report=True)``; a plain value, so it lasts
    whatever is later done to the corpus (filtering, ``concat``, saving to Parquet).

    Attributes
    ----------
    problems : DataFrame
        One row per file or article that was skipped, ignored or kept with a problem
        (the columns of :func:`load_report`).
    summary : dict
        The counts: ``files_found = files_read + files_failed + files_ignored`` and
        ``articles_found = articles_loaded + articles_skipped``.

    Examples
    --------
    >>> corpus, report = load_articles(demo_path(), return_report=True)
    >>> report.summary["articles_loaded"] == len(corpus), len(report.problems)
    (True, 0)
    """

    problems: pd.DataFrame
    summary: dict


class _StoredReport(dict):
    """The load report as a corpus keeps it in ``attrs``: a dict of tuples, never changed.

    Not a DataFrame: pandas compares attrs with ``==``, which a frame breaks, and saves them
    to Parquet as JSON. pandas deep-copies ``attrs`` into the result of every operation on the
    corpus (each ``corpus["text"]``): a copy of thousands of problems cost 15 ms each time, so
    this value, which nothing changes in place, is shared instead of copied.
    """

    __slots__ = ()

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self

    def __reduce__(self):  # pickled as what it holds (unpickling must not set items one by one)
        return (type(self), (dict(self),))

    def _read_only(self, *args, **kwargs):
        raise LoadError("A corpus's stored load report is read-only: load_report(corpus) "
                        "gives a DataFrame to work on.")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _read_only
    __ior__ = _read_only


def _sources_text(source) -> str:
    """The source(s) as given, for a message: 'x' or 'x', 'y' (the first 3)."""
    items = list(source) if isinstance(source, (list, tuple)) else [source]
    shown = ", ".join(repr(str(x)) for x in items[:3])
    return shown + (f" and {len(items) - 3} more" if len(items) > 3 else "")


def _most_common(report: pd.DataFrame, n: int = 3) -> str:
    """The commonest kinds of problem among the skipped inputs, e.g. "missing date: 812"."""
    skipped = report.loc[report["action"] == "skipped", "problem"]
    # The kind is the wording without quoted values and numbers, up to any explanation.
    kinds = (skipped.str.replace(r"'[^']*'|\d+", "", regex=True)
             .str.split(r"[:(;]", n=1, regex=True).str[0]
             .str.replace(r"\s+", " ", regex=True).str.strip())
    counts = kinds.value_counts()
    text = ", ".join(f"{kind}: {count:,}" for kind, count in counts.head(n).items())
    if len(counts) > n:
        others = len(counts) - n
        text += f" and {others} other kind{'s' if others > 1 else ''}"
    numeric = skipped.str.contains("dayfirst=", regex=False)
    if numeric.any():
        text += "; dayfirst=True (dd/mm/yyyy) or dayfirst=False (mm/dd/yyyy) reads numeric dates"
    if kinds[~numeric].str.contains("date").any():
        text += "; bad_dates='keep' keeps articles whose date is missing or implausible"
    return text


def load_report(corpus: pd.DataFrame) -> pd.DataFrame:
    """The load report of a corpus made by :func:`load_articles`.

    One row per file or article that was skipped, ignored or kept with a
    problem: ``source_path`` (the file), ``source_line`` (1-based line of a text file,
    or row of a table, as the corpus' own ``source_line``), ``source_article`` (1-based:
    the article's number in its file), ``problem`` and ``action`` (``"skipped"``,
    ``"kept"`` or ``"ignored"``). (Before 0.2 the first three were ``source``, ``line``
    and a 0-based ``article``.) Its ``attrs["summary"]`` holds
    the counts: ``files_found = files_read + files_failed + files_ignored`` and
    ``articles_found = articles_loaded + articles_skipped``.

    Examples
    --------
    >>> report = load_report(load_demo())
    >>> list(report.columns)
    ['source_path', 'source_line', 'source_article', 'problem', 'action']
    """
    if not isinstance(corpus, pd.DataFrame) or "load_report" not in corpus.attrs:
        raise LoadError(
            "This DataFrame carries no load report: it was not returned by load_articles, or "
            "an operation (e.g. pd.concat or merge) dropped its attrs. Call load_report on the "
            "frame load_articles returned."
        )
    stored = corpus.attrs["load_report"]
    # "rows" (a dict per row): a frame saved before the columns were kept
    out = pd.DataFrame(stored["columns"] if "columns" in stored else stored["rows"],
                       columns=REPORT_COLUMNS)  # already 1-based
    out = out.astype({"source_line": "Int64", "source_article": "Int64"})
    out.attrs = {"summary": dict(stored["summary"])}
    return out


_DEMO_FILES = {"corpus": "demo", "lexicon": "lexicon.yaml", "events": "events.csv"}


def demo_path(what: str = "corpus") -> Path:
    """Path of the bundled demo material: fictional articles by three fictional outlets.

    Parameters
    ----------
    what : {"corpus", "lexicon", "events"}
        The folder of demo articles, the example stance lexicon for their
        stories (YAML), or the table of the story's key events (CSV).

    Examples
    --------
    >>> (demo_path() / "MeridianPost").is_dir()
    True
    >>> demo_path("lexicon").name
    'lexicon.yaml'
    """
    check_choice(what, _DEMO_FILES, func="demo_path", param="what")
    import importlib.util

    # Where the installed data package is: its search locations are real folders in every
    # install (a regular install can make mediastudy.data a namespace package, whose
    # resources.files() is a MultiplexedPath, not a folder); a source tree has data/ at the top.
    spec = importlib.util.find_spec("mediastudy.data")
    candidates = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    here = Path(__file__).resolve()
    candidates += [here.parents[1] / "data", here.parents[2] / "data"]
    for folder in candidates:
        path = folder / _DEMO_FILES[what]
        if path.exists():
            return path
    raise LoadError(
        f"The demo {what} is not installed: reinstall mediastudy (pip install .) from a "
        "complete source tree, which has data/."
    )


def load_demo(**kwargs) -> pd.DataFrame:
    """Load the bundled fictional demo corpus (see :func:`demo_path`).

    Keyword arguments are passed to :func:`load_articles`.

    Examples
    --------
    >>> corpus = load_demo()
    >>> len(corpus) >= 60, corpus["date"].dtype.kind
    (True, 'M')
    """
    return load_articles(demo_path(), **kwargs)
