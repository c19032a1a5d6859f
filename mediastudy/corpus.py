"""Loading articles into one tidy DataFrame, with an account of every input.

:func:`load_articles` reads the seed article layout (``.txt`` files) and CSV, TSV,
JSON, JSON Lines and Parquet exports into the corpus schema
(:mod:`mediastudy.schema`). :func:`load_report` returns the account of every file
and article that could not be used. :func:`demo_path` and :func:`load_demo` give
the fictional demo corpus that ships with the package.
"""

from __future__ import annotations

import glob
import hashlib
import multiprocessing
import os
import warnings
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date, timedelta
from functools import partial
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
from tqdm import tqdm

from ._checks import check_choice
from ._dates import MAX_YEAR, MIN_YEAR, parse_date_values
from ._seed import SeedFileResult, count_words, read_seed_batch, read_seed_file
from ._tabular import TABULAR_SUFFIXES, FileProblem, read_table
from .errors import LoadError
from .schema import CORPUS_COLUMNS

__all__ = ["load_articles", "load_report", "demo_path", "load_demo"]

SEED_SUFFIXES = frozenset({".txt"})
REPORT_COLUMNS = ["source", "line", "article", "problem", "action"]
_PROGRESS_MIN_FILES = 200
_PARALLEL_MIN_FILES = 500
_SEED_FIELDS = (
    "id", "date", "date_problem", "title", "text", "quotes", "related", "source_line", "article",
    "n_words",
)

Source = str | os.PathLike | Iterable[str | os.PathLike]


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
) -> pd.DataFrame:
    """Load news articles from files into a DataFrame in the corpus schema.

    Parameters
    ----------
    source : path, glob or list of these
        A file, a folder (read recursively), a glob such as ``"rt/**/*.txt"``,
        or a list of any of these. ``.txt`` files are read in the seed article
        layout; ``.csv``, ``.tsv``, ``.json``, ``.jsonl``/``.ndjson`` and
        ``.parquet`` as tables. Other files in a folder are listed in the load
        report as ignored.
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
        Text encoding of seed-layout files. A UTF-8 byte-order mark is dropped.
    progress : bool, optional
        Show a progress bar; by default only when reading 200 files or more.
    n_jobs : int
        Worker processes that read and parse seed-layout files (``-1``: one per
        core). Worth it from a few thousand files; the result is the same as with
        one process.

    Returns
    -------
    pandas.DataFrame
        One row per article with the columns of :data:`mediastudy.CORPUS_COLUMNS`
        (plus any other columns of a table). :func:`load_report` gives the
        account of what could not be used.

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
    if columns is not None and not isinstance(columns, dict):
        raise TypeError(
            "The 'columns' parameter of load_articles must be a dict such as "
            f"{{'Headline': 'title'}}. Got {type(columns).__name__} instead."
        )
    start, end = _date_bounds(valid_dates)
    files = _discover(source)
    loader = _Loader(
        outlet=outlet, outlet_from=outlet_from, columns=columns, dayfirst=dayfirst,
        errors=errors, encoding=encoding,
    )
    show = progress if progress is not None else len(files) >= _PROGRESS_MIN_FILES
    with _parallel_seed_reader(files, n_jobs, encoding, dayfirst is not False) as parsed:
        for path, root_name, rel in tqdm(files, desc="loading articles", unit="file", disable=not show):
            if parsed is not None and _is_seed(path):
                loader.add_seed(path, next(parsed))
            else:
                loader.read(path, f"{root_name}/{rel}")
    df = loader.frame()
    df = _check_dates(df, loader, bad_dates, start, end)
    df = _finish(df, loader, drop_duplicates)
    report = loader.report_frame(n_files=len(files), n_loaded=len(df))
    if errors == "warn" and (report["action"] == "skipped").any():
        s = report.attrs["summary"]
        warnings.warn(
            f"load_articles left out {s['articles_skipped']} of {s['articles_found']} articles "
            f"and {s['files_failed']} of {s['files_found']} files; "
            "mediastudy.load_report(df) lists each with its file, line and problem.",
            stacklevel=2,
        )
    df.attrs["load_report"] = report
    return df


def load_report(corpus: pd.DataFrame) -> pd.DataFrame:
    """The load report of a corpus made by :func:`load_articles`.

    One row per file or article that was skipped, ignored or kept with a
    problem: ``source``, ``line`` (1-based line of a text file, or row of a
    table), ``article`` (position in its file), ``problem`` and ``action``
    (``"skipped"``, ``"kept"`` or ``"ignored"``). Its ``attrs["summary"]`` holds
    the counts: ``files_found = files_read + files_failed + files_ignored`` and
    ``articles_found = articles_loaded + articles_skipped``.

    Examples
    --------
    >>> report = load_report(load_demo())
    >>> list(report.columns)
    ['source', 'line', 'article', 'problem', 'action']
    """
    if not isinstance(corpus, pd.DataFrame) or "load_report" not in corpus.attrs:
        raise LoadError(
            "This DataFrame carries no load report: it was not returned by load_articles, or "
            "an operation (e.g. pd.concat or merge) dropped its attrs. Call load_report on the "
            "frame load_articles returned."
        )
    report = corpus.attrs["load_report"]
    out = report.copy()
    out.attrs = {"summary": dict(report.attrs["summary"])}
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
    candidates = []
    try:
        candidates.append(Path(str(resources.files("mediastudy.data"))))
    except (ModuleNotFoundError, TypeError):
        pass
    candidates.append(Path(__file__).resolve().parents[1] / "data")
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


# ---------------------------------------------------------------------------------------------


def _date_bounds(valid_dates) -> tuple[np.datetime64, np.datetime64]:
    try:
        start, end = valid_dates
    except (TypeError, ValueError):
        raise ValueError(
            "The 'valid_dates' parameter of load_articles must be a pair (start, end), e.g. "
            f"('1990-01-01', None). Got {valid_dates!r} instead."
        ) from None
    lo = pd.Timestamp(start) if start is not None else pd.Timestamp(f"{MIN_YEAR}-01-01")
    hi = pd.Timestamp(end) if end is not None else pd.Timestamp(date.today() + timedelta(days=1))
    return np.datetime64(lo, "ns"), np.datetime64(hi, "ns")


def _discover(source: Source) -> list[tuple[str, str, str]]:
    """Expand the sources into (file, root name, path under root), each file once, stably ordered."""
    if isinstance(source, (str, os.PathLike)):
        sources = [source]
    elif isinstance(source, Iterable):
        sources = list(source)
    else:
        raise TypeError(
            "The 'source' parameter of load_articles must be a path, a glob or a list of them. "
            f"Got {type(source).__name__} instead."
        )
    if not sources:
        raise LoadError("The 'source' parameter of load_articles is an empty list: name a file or folder.")
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for item in sources:
        if not isinstance(item, (str, os.PathLike)):
            raise TypeError(
                f"load_articles sources must be paths or globs. Got {type(item).__name__}: {item!r}."
            )
        path = os.fspath(item)
        if os.path.isdir(path):
            found = _walk(path)
        elif os.path.isfile(path):
            found = [(path, os.path.basename(os.path.dirname(os.path.abspath(path))),
                      os.path.basename(path))]
        elif glob.has_magic(path):
            root = _glob_root(path)
            root_name = os.path.basename(os.path.abspath(root))
            found = [(m, root_name, os.path.relpath(m, root).replace(os.sep, "/"))
                     for m in sorted(glob.glob(path, recursive=True)) if os.path.isfile(m)]
            if not found:
                raise LoadError(f"The glob '{item}' matches no file. Check the pattern and folder.")
        else:
            raise LoadError(
                f"Source '{item}' does not exist. Pass a file, a folder, a glob such as "
                "'articles/**/*.txt', or a list of these."
            )
        if len(sources) == 1:
            return found  # one folder or glob lists each file once
        for entry in found:
            key = os.path.realpath(entry[0])
            if key not in seen:
                seen.add(key)
                out.append(entry)
    return out


def _walk(folder: str) -> list[tuple[str, str, str]]:
    """Files below ``folder`` in sorted order, leaving out hidden files and folders."""
    root_name = os.path.basename(os.path.abspath(folder))
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = os.path.relpath(dirpath, folder).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        for name in sorted(filenames):
            if not name.startswith("."):
                found.append((os.path.join(dirpath, name), root_name, prefix + name))
    return found


def _is_seed(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in SEED_SUFFIXES


@contextmanager
def _parallel_seed_reader(files, n_jobs: int, encoding: str, dayfirst: bool):
    """Yield an iterator of SeedFileResult, in file order, read by worker processes.

    Yields None when one process should do the work (n_jobs=1 or few files).
    """
    if not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(
            "The 'n_jobs' parameter of load_articles must be a positive integer or -1 (one "
            f"process per core). Got {n_jobs!r} instead."
        )
    jobs = os.cpu_count() or 1 if n_jobs == -1 else n_jobs
    seed = [(path, f"{root}/{rel}") for path, root, rel in files if _is_seed(path)]
    if jobs == 1 or len(seed) < _PARALLEL_MIN_FILES:
        yield None
        return
    size = max(50, min(1000, len(seed) // (jobs * 8)))
    batches = [seed[i:i + size] for i in range(0, len(seed), size)]
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    task = partial(read_seed_batch, encoding=encoding, dayfirst=dayfirst)
    with ctx.Pool(jobs) as pool:
        yield (result for batch in pool.imap(task, batches) for result in batch)


def _glob_root(pattern: str) -> str:
    parts = Path(pattern).parts
    fixed = []
    for part in parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else "."


class _Loader:
    """Reads files one by one, collecting rows and the load report."""

    def __init__(self, *, outlet, outlet_from, columns, dayfirst, errors, encoding):
        self.outlet = outlet
        self.outlet_from = outlet_from
        self.columns = columns
        self.dayfirst = dayfirst
        self.errors = errors
        self.encoding = encoding
        self.report: list[tuple] = []
        self.files_failed = 0
        self.files_ignored = 0
        self.articles_found = 0
        self.articles_skipped = 0
        self.seed: dict[str, list] = {k: [] for k in (
            "id", "outlet", "date", "date_problem", "title", "text", "quotes", "related",
            "source_path", "source_line", "article", "n_words")}
        self.folder_outlets: dict[str, str] = {}
        self.tables: list[pd.DataFrame] = []

    # -- problems -------------------------------------------------------------------------
    def file_failed(self, path: Path, line, problem: str) -> None:
        if self.errors == "raise":
            where = f"{path} line {line}" if line else str(path)
            raise LoadError(f"{where}: {problem}. {_HINT}")
        self.files_failed += 1
        self.report.append((str(path), line, None, problem, "skipped"))

    def article_skipped(self, path, line, article, problem: str) -> None:
        if self.errors == "raise":
            where = f"{path} line {line}" if line else str(path)
            raise LoadError(f"{where}: {problem}. {_HINT}")
        self.articles_skipped += 1
        self.report.append((str(path), line, article, problem, "skipped"))

    # -- reading --------------------------------------------------------------------------
    def read(self, path: str, key: str) -> None:
        """Read one file; ``key`` names it stably (root folder name / path under the root)."""
        suffix = os.path.splitext(path)[1].lower()
        if suffix in SEED_SUFFIXES:
            self._read_seed(path, key)
        elif suffix in TABULAR_SUFFIXES:
            self._read_table(Path(path), key, TABULAR_SUFFIXES[suffix])
        else:
            self.files_ignored += 1
            self.report.append((
                str(path), None, None,
                f"not an article file ({suffix or 'no extension'}): load_articles reads .txt "
                f"(seed layout) and {', '.join(sorted(TABULAR_SUFFIXES))}",
                "ignored",
            ))

    def _read_seed(self, path: str, key: str) -> None:
        self.add_seed(path, read_seed_file(path, key, self.encoding, self.dayfirst is not False))

    def add_seed(self, path: str, result: SeedFileResult) -> None:
        """Take in what one seed-layout file gave (read here or by a worker process)."""
        if result.failure:
            self.file_failed(path, *result.failure)
            return
        self.articles_found += result.n_found
        for line, index, problem in result.problems:
            self.article_skipped(path, line, index, problem)
        if not result.rows:
            return
        outlet = self.outlet if self.outlet is not None else self._folder_outlet(path)
        col = self.seed
        for row in result.rows:
            for name, value in zip(_SEED_FIELDS, row, strict=True):
                col[name].append(value)
        n = len(result.rows)
        col["outlet"].extend([outlet] * n)
        col["source_path"].extend([path] * n)

    def _folder_outlet(self, path: str) -> str:
        folder = os.path.dirname(path)
        name = self.folder_outlets.get(folder)
        if name is None:
            name = self.folder_outlets[folder] = _folder_name(path)
        return name

    def _read_table(self, path: Path, key: str, kind: str) -> None:
        try:
            if path.stat().st_size == 0:
                self.file_failed(path, None, "empty file: no header and no rows")
                return
            df, bad_records = read_table(path, kind, self.columns)
        except FileProblem as exc:
            self.file_failed(path, None, str(exc))
            return
        except OSError as exc:
            self.file_failed(path, None, f"cannot read the file ({exc.strerror or exc})")
            return
        self.articles_found += len(bad_records)
        for line, problem in bad_records:
            self.article_skipped(path, line, None, problem)
        n = len(df)
        self.articles_found += n
        if n == 0:
            return
        if "_line" in df.columns:
            lines = df.pop("_line").to_numpy()
        else:
            lines = np.arange(n) + (2 if kind in ("csv", "tsv") else 1)
        text = df["text"].astype("string").fillna("").str.strip()
        no_text = (text == "").to_numpy()
        for i in np.flatnonzero(no_text):
            self.article_skipped(path, int(lines[i]), int(i), f"row {int(lines[i])}: no body text")
        keep = ~no_text
        df = df.loc[keep].reset_index(drop=True)
        lines = lines[keep]
        rows = np.flatnonzero(keep)
        title = df["title"].astype("string").fillna("").str.strip() if "title" in df else ""
        out = pd.DataFrame({
            "title": title,
            "text": text[keep].reset_index(drop=True).astype(object),
            "url": df["url"].astype("string").astype(object).where(df["url"].notna(), None)
            if "url" in df else None,
        })
        out["outlet"] = self._table_outlet(df, out, path)
        if "date" in df.columns:
            dates, problems = _table_dates(df["date"], self.dayfirst)
            out["date"] = dates
            out["date_problem"] = [
                (int(lines[i]), f"row {int(lines[i])}: {p}") if p else None
                for i, p in enumerate(problems)
            ]
        else:
            out["date"] = np.full(len(out), np.datetime64("NaT"), dtype="datetime64[ns]")
            out["date_problem"] = None
            self.report.append((
                str(path), None, None,
                f"no date column (expected one named date, publish_date, published...; or map "
                f"one with columns=): the {len(out)} articles have no date (NaT)", "kept",
            ))
        out["id"] = _ids(key, rows, out["title"], out["text"])
        out["n_words"] = [count_words(t) for t in out["text"]]
        out["quotes"] = [[] for _ in range(len(out))]
        out["related"] = [[] for _ in range(len(out))]
        out["source_path"] = str(path)
        out["source_line"] = lines.astype("int64")
        out["article"] = rows.astype("int64")
        extras = [c for c in df.columns if c not in CORPUS_COLUMNS and c not in out.columns]
        for c in extras:
            out[c] = df[c].to_numpy()
        self.tables.append(out)

    def _table_outlet(self, df: pd.DataFrame, out: pd.DataFrame, path: Path):
        if self.outlet is not None:
            return self.outlet
        how = self.outlet_from
        if how in ("auto", "column") and "outlet" in df.columns:
            return df["outlet"].astype("string").fillna("").astype(object).to_numpy()
        if how == "column":
            raise LoadError(
                f"{path}: outlet_from='column' but the file has no outlet column; its columns are "
                f"{list(df.columns)}. Map one with columns={{'my_col': 'outlet'}} or pass outlet=."
            )
        if how in ("auto", "url") and out["url"].notna().any():
            return [_domain(u) if u else _folder_name(str(path)) for u in out["url"]]
        return _folder_name(str(path))

    # -- assembling -----------------------------------------------------------------------
    def frame(self) -> pd.DataFrame:
        seed = pd.DataFrame({
            k: pd.Series(v, dtype=object) if k in ("title", "text", "date_problem") else v
            for k, v in self.seed.items()
        })
        if len(seed):
            seed["date"] = pd.to_datetime(seed["date"]).astype("datetime64[ns]")
        parts = [p for p in [seed, *self.tables] if len(p)]
        if not parts:
            return seed.assign(url=None)
        if len(parts) == 1:
            df = parts[0]
        else:
            df = pd.concat(parts, ignore_index=True, sort=False)
        if "url" not in df.columns:
            df["url"] = None
        df["date"] = df["date"].astype("datetime64[ns]")
        return df

    def report_frame(self, *, n_files: int, n_loaded: int) -> pd.DataFrame:
        report = pd.DataFrame(self.report, columns=REPORT_COLUMNS)
        report["line"] = report["line"].astype("Int64")
        report["article"] = report["article"].astype("Int64")
        report.attrs["summary"] = {
            "files_found": n_files,
            "files_read": n_files - self.files_failed - self.files_ignored,
            "files_failed": self.files_failed,
            "files_ignored": self.files_ignored,
            "articles_found": self.articles_found,
            "articles_loaded": n_loaded,
            "articles_skipped": self.articles_skipped,
        }
        return report


_HINT = (
    "Fix the input, or pass errors='skip' (or 'warn') to load everything else and list each "
    "problem in mediastudy.load_report(df)"
)


def _folder_name(path: str) -> str:
    return os.path.basename(os.path.dirname(os.path.abspath(path)))


def _domain(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def _table_dates(col: pd.Series, dayfirst):
    if pd.api.types.is_datetime64_any_dtype(col):
        if getattr(col.dt, "tz", None) is not None:
            col = col.dt.tz_convert(None)
        years = col.dt.year
        ok = col.notna() & years.between(MIN_YEAR, MAX_YEAR)
        # Convert only the representable dates: numpy would wrap year 0001 around silently.
        dates = np.full(len(col), np.datetime64("NaT"), dtype="datetime64[ns]")
        dates[ok.to_numpy()] = col[ok].astype("datetime64[ns]").to_numpy()
        problems = [
            None if good else ("missing date" if pd.isna(v) else f"implausible date '{v}' (year {v.year})")
            for good, v in zip(ok.to_numpy(), col, strict=True)
        ]
        return dates, problems
    values = col.astype(object).where(col.notna(), None)
    return parse_date_values(values, dayfirst=dayfirst)


def _check_dates(df, loader: _Loader, bad_dates: str, start, end) -> pd.DataFrame:
    """Apply the date range and the bad_dates policy; returns the rows kept."""
    if not len(df):
        return df.drop(columns=["date_problem"], errors="ignore")
    problems = df["date_problem"].to_list()
    dates = df["date"].to_numpy()
    outside = ~np.isnat(dates) & ((dates < start) | (dates > end))
    for i in np.flatnonzero(outside):
        shown = pd.Timestamp(dates[i]).date().isoformat()
        problems[i] = (int(df["source_line"].iat[i]),
                       f"implausible date {shown}: outside valid_dates "
                       f"({pd.Timestamp(start).date()} to {pd.Timestamp(end).date()})")
    bad = np.array([p is not None for p in problems], dtype=bool)
    if not bad.any():
        return df.drop(columns=["date_problem"])
    paths = df["source_path"].to_numpy()
    articles = df["article"].to_numpy()
    if bad_dates == "keep":
        for i in np.flatnonzero(bad):
            line, msg = problems[i]
            loader.report.append((paths[i], line, int(articles[i]), msg + "; kept with date NaT", "kept"))
        dates = dates.copy()
        dates[bad] = np.datetime64("NaT")
        return df.assign(date=dates).drop(columns=["date_problem"])
    for i in np.flatnonzero(bad):
        line, msg = problems[i]
        loader.article_skipped(paths[i], line, int(articles[i]),
                               msg + " (pass bad_dates='keep' to keep such articles with no date)")
    return df.loc[~bad].drop(columns=["date_problem"]).reset_index(drop=True)


def _finish(df: pd.DataFrame, loader: _Loader, drop_duplicates: bool) -> pd.DataFrame:
    if not len(df):
        empty = pd.DataFrame({c: pd.Series(dtype=object) for c in CORPUS_COLUMNS})
        empty["date"] = empty["date"].astype("datetime64[ns]")
        return empty.astype({"source_line": "int64", "n_words": "int64", "is_duplicate": bool})
    df["n_words"] = df["n_words"].astype("int64")
    if not df["id"].is_unique:  # the same file reached twice under different folder names
        df["id"] = _unique(df["id"].to_list())
    # Compare full texts only where outlet, title and length already agree: hashing every
    # text would cost more than reading the files.
    maybe = df.duplicated(["outlet", "title", "n_words"], keep=False).to_numpy()
    dup = np.zeros(len(df), dtype=bool)
    if maybe.any():
        dup[maybe] = df.loc[maybe].duplicated(["outlet", "title", "text"], keep="first").to_numpy()
    df["is_duplicate"] = dup
    if drop_duplicates and df["is_duplicate"].any():
        first_id = df.groupby(["outlet", "title", "text"], sort=False)["id"].transform("first")
        for i in np.flatnonzero(df["is_duplicate"].to_numpy()):
            loader.article_skipped(
                df["source_path"].iat[i], int(df["source_line"].iat[i]), int(df["article"].iat[i]),
                f"exact duplicate of article {first_id.iat[i]} (same outlet, title and text)",
            )
        df = df.loc[~df["is_duplicate"]].reset_index(drop=True)
    extras = [c for c in df.columns if c not in CORPUS_COLUMNS and c != "article"]
    df = df[list(CORPUS_COLUMNS) + extras]
    # Short columns get pandas' string dtype. Title and text stay Python str objects (object
    # dtype): every later pass (topics, stance) iterates over them, and an Arrow-backed
    # column would convert each value back on every pass.
    for c in ("id", "outlet", "source_path"):
        df[c] = df[c].astype("str")
    for c in ("title", "text"):
        if df[c].dtype != object:
            df[c] = df[c].astype(object)
    return df


def _ids(key: str, rows, titles, texts) -> list[str]:
    """Stable ids of table rows: a hash of the file's name, the row and what it says."""
    return [
        hashlib.sha1(f"{key}#{r}\x1f{t}\x1f{x}".encode()).hexdigest()[:16]
        for r, t, x in zip(rows, titles, texts, strict=True)
    ]


def _unique(ids: list[str]) -> list[str]:
    counts: dict[str, int] = {}
    for i, v in enumerate(ids):
        n = counts.get(v, 0)
        counts[v] = n + 1
        if n:
            ids[i] = f"{v}-{n}"
    return ids
