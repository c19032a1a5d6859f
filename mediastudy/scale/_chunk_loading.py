"""Loading a corpus chunk by chunk (see :mod:`mediastudy.scale.chunked`).

:func:`iter_article_chunks` cuts the files :func:`mediastudy.load_articles` would read into
chunks of about ``chunk_size`` articles, with the ids, rows and duplicate flags of a whole load.
"""

from __future__ import annotations

import functools
import glob
import os
from collections.abc import Iterator
from numbers import Integral
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InvalidParameterError

__all__ = ["iter_article_chunks"]

_TABLE_SUFFIXES = {".parquet", ".pq", ".csv", ".tsv", ".json", ".jsonl", ".ndjson"}


def _discover_files(source) -> list[tuple[str, str, str]]:
    """(path, root name, path under root) of every file, in load_articles' order."""
    # The same discovery as load_articles, so chunks hold the same articles in the same order.
    from ..io.sources import discover

    return discover(source)


def _keyed_pattern(path: str, root_name: str, rel: str) -> str:
    """A glob matching only ``path`` whose root (the part before the first wildcard)
    is the folder named ``root_name``, so load_articles gives the file the same id key
    ``root_name/rel`` as when the whole source is loaded at once."""
    parts = rel.split("/")
    root = os.path.abspath(path)
    for _ in parts:
        root = os.path.dirname(root)
    first = parts[0]
    c = first[0]
    if c in "[]!*?":
        magic = "[" + c + "]" if c not in "!]" else None
        if magic is None:
            return path  # rare file names: the id key falls back to the file's own folder
    else:
        magic = "[" + c + "]"
    pattern = os.path.join(glob.escape(root), magic + glob.escape(first[1:]),
                           *[glob.escape(p) for p in parts[1:]])
    if os.path.basename(root) != root_name:
        return path
    return pattern


def _parquet_rows(path: str) -> int | None:
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path).metadata.num_rows
    except Exception:  # unreadable: load_articles will report it
        return None


def iter_article_chunks(
    source,
    *,
    chunk_size: int = 10_000,
    **load_kwargs,
) -> Iterator[pd.DataFrame]:
    """Load articles chunk by chunk, each chunk a DataFrame in the corpus schema.

    Whole files are grouped until a chunk holds about ``chunk_size`` articles; a Parquet
    file with more rows than that is read in slices of ``chunk_size`` rows. Concatenated,
    the chunks equal ``load_articles(source, **load_kwargs)``: same rows in the same order,
    same ids, and ``is_duplicate`` flags an article that repeats one of an earlier chunk.
    (``drop_duplicates=True`` is applied the same way, across chunks.)

    Parameters
    ----------
    source : path, glob or list of these
        As for :func:`mediastudy.load_articles`: a folder, a file, a glob, or a list.
    chunk_size : int, default=10_000
        About how many articles one chunk holds. Memory grows with it; 10,000 news
        articles take a few hundred MB.
    **load_kwargs
        Passed to :func:`mediastudy.load_articles` (``outlet``, ``errors``,
        ``bad_dates``, ``columns``...). The counts of each chunk's load report are in
        ``chunk.attrs["load_summary"]`` (see :func:`mediastudy.load_report`).

    Yields
    ------
    DataFrame
        One chunk of articles (index from 0 within the chunk).

    Examples
    --------
    >>> from mediastudy import demo_path, load_articles
    >>> chunks = list(iter_article_chunks(demo_path(), chunk_size=40))
    >>> [len(c) for c in chunks]  # 40 files a chunk; a few files hold two articles
    [41, 42, 8]
    >>> whole = load_articles(demo_path())
    >>> pd.concat(chunks, ignore_index=True)["id"].equals(whole["id"])
    True
    """
    from ..io.corpus import load_articles

    if isinstance(chunk_size, bool) or not isinstance(chunk_size, Integral) or chunk_size < 1:
        raise InvalidParameterError(
            "The 'chunk_size' parameter of iter_article_chunks must be a positive integer, "
            f"e.g. 10_000. Got {chunk_size!r} instead.", param="chunk_size"
        )
    drop = bool(load_kwargs.pop("drop_duplicates", False))
    if drop:
        load_kwargs["drop_duplicates"] = True  # within a chunk, load_articles does it
    seen = np.empty(0, dtype=np.uint64)  # keys of the articles of earlier chunks, sorted
    sliced: dict[str, np.ndarray] = {}  # big file -> row hashes of its slices read so far
    for units in _plan_chunks(_discover_files(source), chunk_size):
        chunk = _load_units(units, load_articles, load_kwargs, sliced)
        keys = _duplicate_keys(chunk)
        chunk = _flag_duplicates(chunk, seen, drop, load_kwargs.get("errors", "raise"), keys)
        seen = np.union1d(seen, keys)
        yield chunk
        del chunk  # not held while the next chunk loads


def _plan_chunks(files, chunk_size: int):
    """Group files (or slices of big Parquet files) into chunks of about chunk_size rows."""
    batch: list = []
    rows = 0
    for path, root_name, rel in files:
        suffix = os.path.splitext(path)[1].lower()
        n = _parquet_rows(path) if suffix in (".parquet", ".pq") else None
        if n is not None and n > chunk_size:
            if batch:
                yield batch
                batch, rows = [], 0
            for start in range(0, n, chunk_size):
                yield [(path, root_name, rel, (start, min(n, start + chunk_size)))]
            continue
        batch.append((path, root_name, rel, None))
        rows += n if n is not None else (1 if suffix not in _TABLE_SUFFIXES else chunk_size)
        if rows >= chunk_size:
            yield batch
            batch, rows = [], 0
    if batch:
        yield batch


def _load_units(units, load_articles, load_kwargs, earlier: dict) -> pd.DataFrame:
    if len(units) == 1 and units[0][3] is not None:
        return _load_slice(*units[0], load_articles, load_kwargs, earlier)
    patterns = [_keyed_pattern(p, r, rel) for p, r, rel, _ in units]
    return load_articles(patterns, **load_kwargs)


def _load_slice(path, root_name, rel, rows, load_articles, load_kwargs, earlier) -> pd.DataFrame:
    """Rows ``start:stop`` of a big Parquet file, as load_articles would give them."""
    import tempfile

    import pyarrow.parquet as pq

    from ..io.ids import hash_values, ids_from_hashes, row_hashes

    start, stop = rows
    # Read only the row groups that hold rows start..stop.
    pf = pq.ParquetFile(path)
    groups, first, pos = [], None, 0
    for g in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(g).num_rows
        if pos < stop and pos + n > start:
            groups.append(g)
            first = pos if first is None else first
        pos += n
    table = pf.read_row_groups(groups).slice(start - first, stop - start)
    with tempfile.TemporaryDirectory(prefix="mediastudy-slice-") as tmp:
        part = Path(tmp) / Path(path).name
        pq.write_table(table, part)
        del table
        df = load_articles(str(part), **load_kwargs)
    report = df.attrs.get("load_report")
    df.attrs = {}
    if keeps_saved_ids(path, load_kwargs):  # a saved corpus: its own ids, as load_articles keeps
        return df.assign(source_path=str(path), source_line=df["source_line"].to_numpy() + start)
    # Put back what the whole file gives: its path, its row numbers and its ids, which
    # number the rows that repeat one of an earlier slice as the whole file does.
    hashes = row_hashes(f"{root_name}/{rel}", df["title"], df["text"], df["url"])
    df = df.assign(
        source_path=str(path),
        source_line=df["source_line"].to_numpy() + start,
        id=pd.array(ids_from_hashes(hashes, earlier.get(path)), dtype="str"),
    )
    earlier[path] = hash_values(hashes, earlier.get(path))
    if report is not None:
        df.attrs["load_report"] = report
    return df


def keeps_saved_ids(path, load_kwargs: dict) -> bool:
    """Whether ``load_articles`` keeps the file's own ids: a Parquet file saved by
    mediastudy (every corpus column, after any ``columns=`` renaming that leaves ``id``
    alone) whose ``id`` column is complete and unique. Slices of such a file keep their
    saved ids instead of getting ids derived from their content, so that chunked, Dask
    and in-memory loading give the same ids."""
    columns = load_kwargs.get("columns") or {}
    if "id" in columns or "id" in columns.values():
        return False
    try:
        stat = os.stat(path)
    except OSError:  # unreadable: load_articles reports it
        return False
    return _saved_ids_complete(str(path), stat.st_mtime_ns, stat.st_size,
                               tuple(sorted(columns.items())))


@functools.lru_cache(maxsize=64)
def _saved_ids_complete(path: str, mtime_ns: int, size: int, columns: tuple) -> bool:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from ..schema import CORPUS_COLUMNS

    renamed = dict(columns)
    try:
        names = {renamed.get(n, n) for n in pq.ParquetFile(path).schema_arrow.names}
        if not set(CORPUS_COLUMNS) <= names:
            return False
        ids = pq.read_table(path, columns=["id"]).column("id")
    except Exception:  # unreadable: load_articles reports it
        return False
    return ids.null_count == 0 and pc.count_distinct(ids).as_py() == len(ids)


def renumber_slice(df: pd.DataFrame, units, earlier: np.ndarray | None, load_kwargs=None):
    """For a slice of a big file loaded without the slices before it (a Dask partition):
    the slice with the ids the whole file gives, and the row hashes to hand on to the next
    slice of the file. Other chunks come back as they are, with None."""
    from ..io.ids import hash_values, ids_from_hashes, row_hashes

    if not (len(units) == 1 and units[0][3] is not None):
        return df, None
    path, root_name, rel, _ = units[0]
    if keeps_saved_ids(path, load_kwargs or {}):
        return df, None
    hashes = row_hashes(f"{root_name}/{rel}", df["title"], df["text"], df["url"])
    if earlier is not None and len(earlier):
        df = df.assign(id=pd.array(ids_from_hashes(hashes, earlier), dtype="str"))
    return df, hash_values(hashes, earlier)


def _duplicate_keys(chunk: pd.DataFrame) -> np.ndarray:
    """One hash of (outlet, title, text) per article of ``chunk``."""
    if not len(chunk):
        return np.empty(0, dtype=np.uint64)
    return pd.util.hash_pandas_object(chunk[["outlet", "title", "text"]].astype(str), index=False).to_numpy()


def _flag_duplicates(chunk: pd.DataFrame, earlier: np.ndarray, drop: bool, errors: str = "raise",
                     keys: np.ndarray | None = None) -> pd.DataFrame:
    """Mark articles repeating one of an earlier chunk (same outlet, title, text).

    ``earlier`` holds the keys (:func:`_duplicate_keys`) of the earlier chunks; repeats
    within the chunk are already flagged (or dropped) by ``load_articles``.
    """
    if not len(chunk):
        return chunk
    report = chunk.attrs.get("load_report")
    chunk.attrs = {}  # a DataFrame in attrs breaks pandas' attrs comparison in astype/concat
    keys = _duplicate_keys(chunk) if keys is None else keys
    dup = np.isin(keys, earlier) | chunk["is_duplicate"].to_numpy(dtype=bool)
    out = chunk.assign(is_duplicate=dup)
    if drop and dup.any() and errors == "raise":
        from ..errors import LoadError

        i = int(np.flatnonzero(dup)[0])
        raise LoadError(
            f"{chunk['source_path'].iat[i]} line {chunk['source_line'].iat[i]}: exact duplicate of "
            "an article of an earlier chunk (same outlet, title and text). Pass errors='skip' to "
            "leave duplicates out, or drop_duplicates=False to keep them flagged in is_duplicate."
        )
    if drop:
        out = out.loc[~dup].reset_index(drop=True)
    if report is not None:
        # Only the counts: a DataFrame in attrs makes pandas.concat of chunks fail.
        out.attrs["load_summary"] = dict(report.get("summary", {}))
    return out
