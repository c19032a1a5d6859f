"""Reading files into rows and keeping the load report (private; see corpus.load_articles)."""

from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import pyarrow as pa

from ..errors import InvalidParameterError, LoadError
from ..schema import CORPUS_COLUMNS
from ._dates import MAX_YEAR, MIN_YEAR, order_doubt, parse_date_values
from ._seed import content_key, count_words
from ._seed_block import SeedBlock, read_seed_block
from ._tabular import TABULAR_SUFFIXES, FileProblem, read_table
from .ids import article_ids
from .sources import SEED_SUFFIXES

# source_line and source_article are 1-based (the article is counted within its file);
# the rows store the article 0-based and report_columns turns it into the number a reader
# counts.
REPORT_COLUMNS = ["source_path", "source_line", "source_article", "problem", "action"]


def report_columns(report: pd.DataFrame) -> pd.DataFrame:
    """Give a load report frame built from stored rows its column types (1-based numbers)."""
    report["source_line"] = report["source_line"].astype("Int64")
    report["source_article"] = report["source_article"].astype("Int64") + 1
    return report


@contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector while a load builds its objects.

    A load makes a few objects per file (paths, rows, lists) and no reference cycles, but
    the collector, triggered by the number of new objects, would scan them again and again:
    10-20% of a 100,000-file load. Worker processes forked inside inherit the pause.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def date_bounds(valid_dates) -> tuple[np.datetime64, np.datetime64]:
    try:
        start, end = valid_dates
    except (TypeError, ValueError):
        raise InvalidParameterError(
            "The 'valid_dates' parameter of load_articles must be a pair (start, end), e.g. "
            f"('1990-01-01', None). Got {valid_dates!r} instead.", param="valid_dates"
        ) from None
    lo = pd.Timestamp(start) if start is not None else pd.Timestamp(f"{MIN_YEAR}-01-01")
    hi = pd.Timestamp(end) if end is not None else pd.Timestamp(date.today() + timedelta(days=1))
    return np.datetime64(lo, "ns"), np.datetime64(hi, "ns")


class Loader:
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
        # Seed-layout articles as blocks of columns (see _seed_block), with the paths of
        # their files and, per file, its outlet: turned into one frame in frame().
        self.blocks: list[SeedBlock] = []
        self.tables: list[pd.DataFrame] = []

    # -- problems -------------------------------------------------------------------------
    def file_failed(self, path: Path, line, problem: str) -> None:
        if self.errors == "raise":
            raise _problem_error(path, line, problem)
        self.files_failed += 1
        self.report.append((str(path), line, None, problem, "skipped"))

    def article_skipped(self, path, line, article, problem: str) -> None:
        if self.errors == "raise":
            raise _problem_error(path, line, problem)
        self.articles_skipped += 1
        self.report.append((str(path), line, article, problem, "skipped"))

    # -- reading --------------------------------------------------------------------------
    def read(self, path: str, key: str, problem: str | None = None) -> None:
        """Read one file; ``key`` names it stably (root folder name / path under the root).

        ``problem`` says why a listed entry is not to be opened at all (a FIFO, a socket, a
        link that loops: see :class:`mediastudy._sources.Unreadable`).
        """
        suffix = os.path.splitext(path)[1].lower()
        if problem is not None:
            self.file_failed(path, None, problem)
        elif suffix in SEED_SUFFIXES:
            root, _, rel = key.partition("/")
            batch = [(path, root, rel)]
            self.add_block(batch, read_seed_block(batch, self.encoding, self.dayfirst is not False))
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

    def add_block(self, batch: list[tuple[str, str, str]], block: SeedBlock) -> None:
        """Take in the articles of a batch of seed-layout files (read here or by a worker)."""
        self.articles_found += len(batch) - len(block.files)  # files with one clean article
        for f, (problems, n_found, failure) in block.files.items():
            path = batch[f][0]
            if failure:
                self.file_failed(path, *failure)
                continue
            self.articles_found += n_found
            for line, index, problem in problems:
                self.article_skipped(path, line, index, problem)
        self.blocks.append(block)

    def _read_table(self, path: Path, key: str, kind: str) -> None:
        try:
            if path.stat().st_size == 0:
                self.file_failed(path, None, "empty file: no header and no rows")
                return
            df, bad_records = read_table(path, kind, self.columns, self.encoding)
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
        raw_text, not_text, joined = _text_column(df["text"])
        text = raw_text.astype("string").fillna("").str.strip()
        no_text = (text == "").to_numpy()
        for i in np.flatnonzero(no_text):
            self.article_skipped(path, int(lines[i]), int(i), not_text.get(i, "no body text"))
        for i, problem in joined.items():
            if not no_text[i]:
                self.report.append((str(path), int(lines[i]), int(i), problem, "kept"))
        keep = ~no_text
        df = df.loc[keep].reset_index(drop=True)
        lines = lines[keep]
        rows = np.flatnonzero(keep)
        title = df["title"].astype("str").fillna("").str.strip() if "title" in df else ""
        out = pd.DataFrame({
            "title": title,
            "text": text[keep].reset_index(drop=True).astype("str"),
            "url": df["url"].astype("string").astype(object).where(df["url"].notna(), None)
            if "url" in df else None,
        })
        out["outlet"] = self._table_outlet(df, out, path)
        if "date" in df.columns:
            dates, problems = _table_dates(df["date"], self.dayfirst)
            for note in (_time_zone_note(df["date"]),
                         order_doubt(df["date"].tolist(), problems, self.dayfirst)):
                if note:
                    self.report.append((str(path), None, None, note, "kept"))
            out["date"] = dates
            out["date_problem"] = [
                (int(lines[i]), p) if p else None
                for i, p in enumerate(problems)
            ]
        else:
            out["date"] = np.full(len(out), np.datetime64("NaT"), dtype="datetime64[ns]")
            out["date_problem"] = None
            dated = _date_like_columns(df)
            hint = (f"the column '{dated[0]}' holds dates: map it with columns={{{dated[0]!r}: "
                    f"'date'}}" if dated else "or map one with columns=")
            self.report.append((
                str(path), None, None,
                f"no date column (expected one named date, publish_date, published...; {hint}): "
                f"the {len(out)} articles have no date (NaT)", "kept",
            ))
        out["id"] = article_ids(key, out["title"], out["text"], out["url"])
        out["n_words"] = [count_words(t) for t in out["text"]]
        out["content"] = [
            content_key(t.encode(), x.encode()) for t, x in zip(out["title"], out["text"], strict=True)
        ]
        out["quotes"] = [[] for _ in range(len(out))]
        out["related"] = [[] for _ in range(len(out))]
        if "_saved_id" in df.columns:
            self._keep_saved(df, out, path)
        out["source_path"] = str(path)
        out["source_line"] = lines.astype("int64")
        out["article"] = rows.astype("int64")
        extras = [c for c in df.columns if c not in CORPUS_COLUMNS and c not in out.columns]
        for c in extras:
            out[c] = df[c].to_numpy()
        self.tables.append(out)

    def _keep_saved(self, df: pd.DataFrame, out: pd.DataFrame, path: Path) -> None:
        """A corpus saved by mediastudy keeps its ids (so results saved with them still join),
        its quotes and its "Read more" links, which a table cannot otherwise hold."""
        saved = df.pop("_saved_id")
        if saved.isna().any() or not saved.is_unique:
            self.report.append((
                str(path), None, None,
                "the file has every corpus column but its 'id' column has missing or repeated "
                "values: new ids were made (the old ones are in 'source_id')", "kept",
            ))
            out["source_id"] = saved.to_numpy()
            return
        out["id"] = saved.astype("str").to_numpy()
        for col in ("quotes", "related"):
            out[col] = [list(v) if isinstance(v, (list, tuple, np.ndarray)) else [] for v in df[col]]

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
        seed = self._seed_frame()
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

    def _seed_frame(self) -> pd.DataFrame:
        """The seed-layout articles of all blocks as one frame, in file order."""
        blocks = self.blocks
        n = sum(b.n_rows for b in blocks)
        date_problem = np.full(n, None, dtype=object)
        quotes = np.empty(n, dtype=object)
        related = np.empty(n, dtype=object)
        quotes[:] = [[] for _ in range(n)]
        related[:] = [[] for _ in range(n)]
        at = 0
        for block in blocks:
            for row, (problem, row_quotes, row_related) in block.extras.items():
                date_problem[at + row] = problem
                quotes[at + row] = row_quotes
                related[at + row] = row_related
            at += block.n_rows

        def strings(field: str):
            return pd.array(pa.chunked_array([getattr(b, field).array() for b in blocks],
                                             type=pa.large_string()), dtype="str")

        def numbers(field: str, dtype):
            return np.concatenate([getattr(b, field) for b in blocks] or [np.empty(0, dtype)])

        return pd.DataFrame({
            "id": strings("ids"),
            "date": numbers("dates", "datetime64[ns]"),
            "date_problem": date_problem,
            "title": strings("titles"),
            "text": strings("texts"),
            "quotes": quotes,
            "related": related,
            "source_line": numbers("lines", np.int64),
            "article": numbers("articles", np.int64),
            "n_words": numbers("n_words", np.int64),
            "content": numbers("content", "S20").astype(object),
            "outlet": strings("folders") if self.outlet is None else pd.array(
                pa.repeat(pa.scalar(self.outlet, pa.large_string()), n), dtype="str"),
            "source_path": strings("paths"),
        })

    def report_frame(self, *, n_files: int, n_loaded: int) -> pd.DataFrame:
        report = report_columns(pd.DataFrame(self.report, columns=REPORT_COLUMNS))
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

# The parameter named in a problem's own advice (the loader's wording), as the error's field.
_ADVISED = (("dayfirst=", "dayfirst"), ("encoding=", "encoding"), ("bad_dates=", "bad_dates"),
            ("valid_dates", "valid_dates"), ("columns=", "columns"), ("outlet=", "outlet"))


def _problem_error(path, line, problem: str) -> LoadError:
    """The error of ``errors="raise"``: where, what, and the parameter that would fix it
    (``param``; ``errors`` when only skipping the input would)."""
    where = f"{path} line {line}" if line else str(path)
    param = next((name for text, name in _ADVISED if text in problem), "errors")
    return LoadError(f"{where}: {problem}. {_HINT}", param=param, path=path, line=line)


def _text_column(col: pd.Series) -> tuple[pd.Series, dict[int, str], dict[int, str]]:
    """The text column as strings, with what was not text in it.

    A number, a mapping or any other value that is not text is no article body: its row is
    emptied (so it is skipped), with the reason in the first dict. A list of strings (a
    body scraped paragraph by paragraph) is joined with blank lines, noted in the second.
    """
    if pd.api.types.is_string_dtype(col.dtype) and col.dtype != object:
        return col, {}, {}
    values = col.to_numpy(dtype=object)
    if all(type(v) is str or v is None for v in values):
        return col, {}, {}
    out = values.copy()
    not_text: dict[int, str] = {}
    joined: dict[int, str] = {}
    for i, v in enumerate(values):
        if isinstance(v, str) or v is None or (isinstance(v, float) and np.isnan(v)):
            continue
        if isinstance(v, (list, tuple, np.ndarray)) and all(isinstance(p, str) for p in v):
            out[i] = "\n\n".join(p.strip() for p in v if p.strip())
            joined[i] = (f"the text is a list of {len(v)} strings, not one text: joined with a "
                         "blank line between them")
            continue
        out[i] = None
        kind = ("a number" if isinstance(v, (bool, int, float, np.number)) else
                "a mapping (JSON object)" if isinstance(v, dict) else
                "a list" if isinstance(v, (list, tuple, np.ndarray)) else
                f"a {type(v).__name__}")
        shown = repr(v) if len(repr(v)) <= 40 else repr(v)[:37] + "..."
        not_text[i] = (f"the text is {kind} ({shown}), not text: map the column that holds the "
                       "article body with columns={'my_body': 'text'}")
    return pd.Series(out, index=col.index, dtype=object), not_text, joined


def _folder_name(path: str) -> str:
    return os.path.basename(os.path.dirname(os.path.abspath(path)))


def _domain(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


_ZONED = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*"
                    r"(Z|[+-]\d{2}(?::?\d{2})?)?", re.IGNORECASE)


def _time_zone_note(col: pd.Series) -> str | None:
    """A load-report note when a date column mixes time zones, else None.

    Times with a UTC offset are converted to UTC and times without one are kept as written:
    mixed in one column, the two kinds can be hours apart, and offsets that differ move
    some articles to the next or previous day.
    """
    if col.dtype != object and not pd.api.types.is_string_dtype(col.dtype):
        return None
    offsets: dict[str, int] = {}
    naive = 0
    for value, count in col.dropna().value_counts(sort=False).items():
        m = _ZONED.fullmatch(str(value).strip())
        if m is None:
            continue
        if m[1] is None:
            naive += count
        else:
            zone = "Z" if m[1].upper() == "Z" else m[1]
            offsets[zone] = offsets.get(zone, 0) + count
    if not offsets or (len(offsets) == 1 and not naive):
        return None
    shown = ", ".join(sorted(offsets)[:5]) + (", ..." if len(offsets) > 5 else "")
    if naive:
        return (f"dates mix time zones: {sum(offsets.values()):,} times with a UTC offset "
                f"({shown}) were converted to UTC, {naive:,} without one were kept as written; "
                "the two kinds may be hours apart (give every date an offset to compare them)")
    return (f"dates carry {len(offsets)} different UTC offsets ({shown}): all were converted "
            "to UTC, so an article published late or early in its own day may fall on the "
            "next or previous day")


#: A column is offered as the date column when this share of its first values reads as dates.
_DATE_LIKE_SHARE = 0.9


def _date_like_columns(df: pd.DataFrame, sample: int = 50) -> list[str]:
    """Columns of a table (not mapped onto the schema) whose first values read as dates
    ("When", "Datum"), to name in the message when a table has no date column."""
    found = []
    for name in df.columns:
        if name in CORPUS_COLUMNS or str(name).startswith("_"):
            continue
        col = df[name]
        if pd.api.types.is_datetime64_any_dtype(col.dtype):
            found.append(str(name))
            continue
        if col.dtype.kind in "iufb":  # numbers are counts or ids far more often than dates
            continue
        filled = col.dropna()
        if len(filled) < 0.5 * len(col):
            continue  # a date or two in an empty column is no date column
        first = filled.head(sample).tolist()
        if all(isinstance(v, (date, pd.Timestamp)) for v in first):  # a parquet date32
            found.append(str(name))
            continue
        values = [v for v in first
                  if isinstance(v, str) and 6 <= len(v) <= 40 and any(c.isdigit() for c in v)]
        if len(values) < max(1, _DATE_LIKE_SHARE * len(first)):
            continue
        # day-first and month-first both tried: either reading makes it a date column
        dates = [parse_date_values(values, dayfirst=first)[0] for first in (True, False)]
        if max(int(pd.notna(d).sum()) for d in dates) >= _DATE_LIKE_SHARE * len(values):
            found.append(str(name))
    return found


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


def check_dates(df, loader: Loader, bad_dates: str, start, end) -> pd.DataFrame:
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
    if bad.all() and loader.errors != "raise":
        raise _no_date_read(problems, paths)
    for i in np.flatnonzero(bad):
        line, msg = problems[i]
        if "dayfirst=" not in msg:  # a numeric date's message names its own fix
            msg += " (pass bad_dates='keep' to keep such articles with no date)"
        loader.article_skipped(paths[i], line, int(articles[i]), msg)
    return df.loc[~bad].drop(columns=["date_problem"]).reset_index(drop=True)


def _no_date_read(problems: list, paths) -> LoadError:
    """The error of a load where no article's date could be read (nothing would be loaded)."""
    messages = [msg for _, msg in problems]
    line, first = problems[0]
    if any("dayfirst=True" in m for m in messages):
        param = "dayfirst"
        fix = ("Numeric dates are read only when their order is given: pass dayfirst=True "
               "(dd/mm/yyyy) or dayfirst=False (mm/dd/yyyy).")
    elif all("outside valid_dates" in m for m in messages):
        param = "valid_dates"
        fix = "Widen valid_dates=(start, end) if these dates are right."
    else:
        param = "bad_dates"
        fix = ("Map the right column with columns={'my_date': 'date'}, or pass bad_dates='keep' "
               "to load the articles without dates.")
    return LoadError(
        f"none of the {len(problems):,} articles has a date that could be read, so nothing "
        f"would be loaded. The first: {paths[0]} line {line}: {first}. {fix}",
        param=param, path=paths[0], line=line)


def finish(df: pd.DataFrame, loader: Loader, drop_duplicates: bool) -> pd.DataFrame:
    if not len(df):
        empty = pd.DataFrame({c: pd.Series(dtype=object) for c in CORPUS_COLUMNS})
        empty["date"] = empty["date"].astype("datetime64[ns]")
        return empty.astype({"source_line": "int64", "n_words": "int64", "is_duplicate": bool})
    df["n_words"] = df["n_words"].astype("int64")
    if not df["id"].is_unique:  # the same file reached twice under different folder names
        df["id"] = _unique(df["id"].to_list())
    # Same outlet and same digest of title and text (computed while reading, see content_key).
    df["is_duplicate"] = df.duplicated(["outlet", "content"], keep="first").to_numpy()
    if drop_duplicates and df["is_duplicate"].any():
        first_id = df.groupby(["outlet", "content"], sort=False)["id"].transform("first")
        for i in np.flatnonzero(df["is_duplicate"].to_numpy()):
            loader.article_skipped(
                df["source_path"].iat[i], int(df["source_line"].iat[i]), int(df["article"].iat[i]),
                f"exact duplicate of article {first_id.iat[i]} (same outlet, title and text)",
            )
        df = df.loc[~df["is_duplicate"]].reset_index(drop=True)
    extras = [c for c in df.columns if c not in CORPUS_COLUMNS and c not in ("article", "content")]
    df = df[list(CORPUS_COLUMNS) + extras]
    # pandas' string dtype throughout. Title and text are Arrow strings: UTF-8 in one buffer
    # takes half the memory of Python str objects for most news text, and building them costs
    # no Python object per article.
    for c in ("id", "outlet", "source_path", "title", "text"):
        if df[c].dtype != "str":
            df[c] = df[c].astype("str")
    return df


def _unique(ids: list[str]) -> list[str]:
    counts: dict[str, int] = {}
    for i, v in enumerate(ids):
        n = counts.get(v, 0)
        counts[v] = n + 1
        if n:
            ids[i] = f"{v}-{n}"
    return ids
