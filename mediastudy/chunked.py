"""Out-of-core analysis on one machine: corpora larger than memory, read chunk by chunk.

Every step reads a bounded number of articles at a time, so peak memory depends on
``chunk_size`` and not on the size of the corpus:

- :func:`iter_article_chunks` streams a folder, a file or a list of them (seed-layout
  ``.txt``, Parquet, CSV, JSON) as DataFrames in the corpus schema, with the same ids, rows
  and duplicate flags as :func:`mediastudy.load_articles` gives for the whole corpus.
- :func:`score_stance_chunked` scores stance chunk by chunk (the article table is kept,
  the evidence table can be written to disk or dropped).
- :class:`StreamingTopicModel` is a topic model fitted in one pass over chunks: hashed term
  counts (no vocabulary to hold), document frequencies summed over chunks for the IDF, and
  an LSA projection plus k-means fitted on a fixed, seeded sample of articles. Its fit does
  not depend on how the corpus is cut into chunks or partitions.
- :func:`timeline_counts` and :func:`timeline_tables` build the timeline tables of
  :mod:`mediastudy.volume`, :mod:`mediastudy.topic_share` and
  :mod:`mediastudy.stance_timeline` from counts per outlet, day, topic and score summed
  across chunks.
- :func:`analyze_chunked` runs all of it; :func:`estimate_memory` says beforehand how much
  memory a run will need.

The same functions run on a Dask cluster: see :mod:`mediastudy.distributed`.
"""

from __future__ import annotations

import glob
import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from numbers import Integral, Real
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize
from sklearn.utils import check_random_state, murmurhash3_32

from ._checks import check_choice, require_columns
from ._stopwords import NEWS_STOP_WORDS
from .errors import NotFittedError
from .lexicon import Lexicon, load_lexicon
from .stance import StanceResult, score_stance

logger = logging.getLogger(__name__)

__all__ = [
    "iter_article_chunks",
    "estimate_memory",
    "MemoryEstimate",
    "score_stance_chunked",
    "StreamingTopicModel",
    "timeline_counts",
    "timeline_tables",
    "analyze_chunked",
    "ScaleResult",
]

_TABLE_SUFFIXES = {".parquet", ".pq", ".csv", ".tsv", ".json", ".jsonl", ".ndjson"}


# --------------------------------------------------------------------------------------
# Loading in chunks
# --------------------------------------------------------------------------------------
def _discover_files(source) -> list[tuple[str, str, str]]:
    """(path, root name, path under root) of every file, in load_articles' order."""
    # The same discovery as load_articles, so chunks hold the same articles in the same order.
    from ._sources import discover

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
    from .corpus import load_articles

    if isinstance(chunk_size, bool) or not isinstance(chunk_size, Integral) or chunk_size < 1:
        raise ValueError(
            "The 'chunk_size' parameter of iter_article_chunks must be a positive integer, "
            f"e.g. 10_000. Got {chunk_size!r} instead."
        )
    drop = bool(load_kwargs.pop("drop_duplicates", False))
    if drop:
        load_kwargs["drop_duplicates"] = True  # within a chunk, load_articles does it
    seen = np.empty(0, dtype=np.uint64)  # keys of the articles of earlier chunks, sorted
    for units in _plan_chunks(_discover_files(source), chunk_size):
        chunk = _load_units(units, load_articles, load_kwargs)
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


def _load_units(units, load_articles, load_kwargs) -> pd.DataFrame:
    if len(units) == 1 and units[0][3] is not None:
        return _load_slice(*units[0], load_articles, load_kwargs)
    patterns = [_keyed_pattern(p, r, rel) for p, r, rel, _ in units]
    return load_articles(patterns, **load_kwargs)


def _load_slice(path, root_name, rel, rows, load_articles, load_kwargs) -> pd.DataFrame:
    """Rows ``start:stop`` of a big Parquet file, as load_articles would give them."""
    import tempfile

    import pyarrow.parquet as pq

    from ._loader import _ids

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
    # Put back what the whole file gives: its path, its row numbers and the ids made from them.
    row = df["source_line"].to_numpy() - 1 + start
    df = df.assign(
        source_path=str(path),
        source_line=df["source_line"].to_numpy() + start,
        id=pd.array(_ids(f"{root_name}/{rel}", row, df["title"], df["text"]), dtype="str"),
    )
    if report is not None:
        df.attrs["load_report"] = report
    return df


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
        from .errors import LoadError

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


# --------------------------------------------------------------------------------------
# Memory estimate
# --------------------------------------------------------------------------------------
# What a run holds at its peak, calibrated with benchmarks/bench_scale.py on
# allsides_news.parquet (250k and 1M articles, chunks of 12,500):
# - _BASE: the libraries, the topic model's hashed-term cache and what the allocators keep.
# - _CHUNK_FACTOR: bytes of memory per byte of (uncompressed) table data while a chunk is
#   processed: its str objects, the token lists of the topic model, stance sentences.
# - per article and target, kept across chunks from pass 1 on: the stance rows (96 bytes)
#   and their timeline counts; per article: its duplicate key and allocator overhead.
# - at the end, per article: its topic row and timeline counts, and the rows the timeline
#   tables are built from (while no chunk is held).
# The peak is the larger of pass 1 (a chunk + what is kept) and the end (everything kept +
# the tables); pass 1 is larger up to several million articles.
_BASE = 450 * 2**20
_CHUNK_FACTOR = 13.0
_PER_ARTICLE_PASS1 = 60
_PER_TARGET = 140
_PER_ARTICLE_END = 240
_TABLE_BYTES_PER_ARTICLE = 300


@dataclass(frozen=True)
class MemoryEstimate:
    """What :func:`estimate_memory` returns; ``str()`` of it is a one-line summary."""

    n_articles: int
    n_files: int
    bytes_on_disk: int
    text_bytes_per_article: float
    chunk_size: int
    chunk_bytes: int
    kept_bytes: int
    peak_bytes: int

    def __str__(self) -> str:
        gib = 2**30
        return (
            f"{self.n_articles:,} articles in {self.n_files:,} files "
            f"({self.bytes_on_disk / gib:.2f} GiB on disk): about "
            f"{self.peak_bytes / gib:.2f} GiB peak memory with chunk_size={self.chunk_size:,} "
            f"({self.chunk_bytes / gib:.2f} GiB per chunk, {self.kept_bytes / gib:.2f} GiB of "
            "results kept across chunks)"
        )


def estimate_memory(source, *, chunk_size: int = 10_000, n_targets: int = 2,
                    sample_size: int = 20_000) -> MemoryEstimate:
    """Estimate the memory an out-of-core run over ``source`` will need, before it starts.

    Counts rows from Parquet metadata (other files are counted by size: one seed-layout
    file is about one article) and scales the text size of a chunk and the per-article
    results kept across chunks by factors measured on real news corpora.

    Parameters
    ----------
    source : path, glob or list of these
        As for :func:`iter_article_chunks`.
    chunk_size : int, default=10_000
        Articles per chunk.
    n_targets : int, default=2
        Stance targets (one row per article and target is kept).
    sample_size : int, default=20_000
        Articles the topic model is fitted on.

    Returns
    -------
    MemoryEstimate
        ``peak_bytes`` and its parts; ``str(estimate)`` reads as one line.

    Examples
    --------
    >>> from mediastudy import demo_path
    >>> est = estimate_memory(demo_path(), chunk_size=40)
    >>> est.n_files, est.n_articles, est.peak_bytes < 2**30  # a .txt file counts as one
    (88, 88, True)
    """
    import pyarrow.parquet as pq

    files = _discover_files(source)
    n_articles, disk, text_bytes = 0, 0, 0
    for path, _, _ in files:
        size = os.path.getsize(path)
        disk += size
        suffix = os.path.splitext(path)[1].lower()
        if suffix in (".parquet", ".pq"):
            try:
                meta = pq.ParquetFile(path).metadata
            except Exception:
                continue
            n_articles += meta.num_rows
            text_bytes += sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
        elif suffix in _TABLE_SUFFIXES:
            n_articles += max(1, size // 3000)
            text_bytes += size
        else:
            n_articles += 1 if size else 0
            text_bytes += size
    per_article = text_bytes / max(n_articles, 1)
    chunk = int(min(chunk_size, max(n_articles, 1)) * per_article * _CHUNK_FACTOR)
    sample = int(min(sample_size, n_articles) * per_article * 0.5)
    kept_pass1 = n_articles * (_PER_ARTICLE_PASS1 + _PER_TARGET * n_targets)
    kept = int(n_articles * (_PER_ARTICLE_END + _PER_TARGET * n_targets))
    tables = n_articles * _TABLE_BYTES_PER_ARTICLE
    peak = _BASE + sample + max(chunk + kept_pass1, kept + tables)
    return MemoryEstimate(
        n_articles=int(n_articles), n_files=len(files), bytes_on_disk=int(disk),
        text_bytes_per_article=float(per_article), chunk_size=int(chunk_size),
        chunk_bytes=chunk, kept_bytes=kept, peak_bytes=int(peak),
    )


# --------------------------------------------------------------------------------------
# Stance, chunk by chunk
# --------------------------------------------------------------------------------------
def _as_chunks(data) -> Iterator[pd.DataFrame]:
    if isinstance(data, pd.DataFrame):
        yield data
        return
    if isinstance(data, (str, os.PathLike)):
        raise TypeError(
            "Expected a DataFrame or an iterable of DataFrames (chunks), got a path. "
            "Pass iter_article_chunks(path) to stream a folder or file."
        )
    for i, chunk in enumerate(data):
        if not isinstance(chunk, pd.DataFrame):
            raise TypeError(f"Chunk {i} is a {type(chunk).__name__}, expected a DataFrame.")
        yield chunk


def _bare(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` without ``attrs`` (a load report there cannot be written to Parquet)."""
    if df.attrs:
        df = df.copy(deep=False)
        df.attrs = {}
    return df


def _is_dask(data) -> bool:
    mod = type(data).__module__
    return mod.startswith("dask.") or mod.startswith("dask_expr")


def score_stance_chunked(
    chunks,
    lexicon,
    *,
    mentions: str | os.PathLike | None = "keep",
    **stance_kwargs,
) -> StanceResult:
    """Score stance chunk by chunk: :func:`mediastudy.score_stance` on each chunk.

    Articles are scored independently, so the result equals ``score_stance`` on the
    whole corpus (rows in the same order).

    Parameters
    ----------
    chunks : DataFrame, iterable of DataFrames or dask DataFrame
        The corpus, e.g. ``iter_article_chunks(folder)``; a ``dask.dataframe.DataFrame``
        is scored partition by partition on its cluster.
    lexicon : Lexicon, dict or path
        As for :func:`mediastudy.score_stance`.
    mentions : "keep", "drop" or path, default "keep"
        The evidence table (one row per mention, with its sentence) can outgrow memory:
        ``"keep"`` returns it, ``"drop"`` returns it empty, and a folder path writes one
        Parquet file per chunk there (read it back with ``pandas.read_parquet(folder)``)
        and returns it empty.
    **stance_kwargs
        Options of :func:`mediastudy.score_stance` (``text``, ``window``...).

    Returns
    -------
    StanceResult

    Examples
    --------
    >>> from mediastudy import demo_path, score_stance, load_articles
    >>> chunks = iter_article_chunks(demo_path(), chunk_size=30)
    >>> res = score_stance_chunked(chunks, demo_path("lexicon"))
    >>> whole = score_stance(load_articles(demo_path()), demo_path("lexicon"))
    >>> res.articles.equals(whole.articles), res.mentions.equals(whole.mentions)
    (True, True)
    """
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    folder = _mentions_folder(mentions)
    if _is_dask(chunks):
        from .distributed import _score_stance_dask

        return _score_stance_dask(chunks, lex, mentions=mentions, folder=folder, **stance_kwargs)
    arts, ments = [], []
    for i, chunk in enumerate(_as_chunks(chunks)):
        res = score_stance(chunk, lex, **stance_kwargs)
        arts.append(res.articles)
        _keep_mentions(res.mentions, i, mentions, folder, ments)
    return _combine_stance(arts, ments, lex, stance_kwargs)


def _mentions_folder(mentions) -> Path | None:
    if isinstance(mentions, str) and mentions in ("keep", "drop"):
        return None
    if not isinstance(mentions, (str, os.PathLike)):
        raise ValueError(
            "The 'mentions' parameter must be 'keep', 'drop' or a folder path to write the "
            f"evidence to. Got {mentions!r} instead."
        )
    folder = Path(mentions)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _empty_like(df: pd.DataFrame) -> pd.DataFrame:
    """An empty frame with the columns and dtypes of ``df``, sharing no memory with it.

    ``df.iloc[:0].copy()`` is not enough: an Arrow-backed column (pandas' ``str``) is
    immutable, so its copy is the same zero-length slice of the same buffers, and it keeps
    the whole column (every evidence sentence of a chunk) alive.
    """
    return pd.DataFrame({c: pd.Series([], dtype=df[c].dtype) for c in df.columns})


def _keep_mentions(table: pd.DataFrame, i: int, mentions, folder: Path | None, out: list) -> None:
    if folder is not None:
        table.to_parquet(folder / f"mentions-{i:06d}.parquet", index=False)
        out.append(_empty_like(table))
    elif mentions == "keep":
        out.append(table)
    else:
        out.append(_empty_like(table))


def _combine_stance(arts: list, ments: list, lex: Lexicon, stance_kwargs) -> StanceResult:
    if not arts:  # no chunk at all: the empty result of an empty corpus
        empty = pd.DataFrame({"id": pd.Series([], dtype="str"), "text": pd.Series([], dtype=object)})
        return score_stance(empty, lex, **stance_kwargs)
    articles = pd.concat(arts, ignore_index=True) if len(arts) > 1 else arts[0]
    mentions = pd.concat(ments, ignore_index=True) if len(ments) > 1 else ments[0]
    return StanceResult(articles=articles, mentions=mentions)


# --------------------------------------------------------------------------------------
# Streaming topic model
# --------------------------------------------------------------------------------------
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_HASH_CACHE: dict[tuple, dict[str, int]] = {}
_HASH_CACHE_MAX = 3_000_000


def _token_lists(texts) -> list[list[str]]:
    findall = _TOKEN.findall
    return [findall(t.lower()) if isinstance(t, str) else [] for t in texts]


def _lookup(n_features: int, stop: frozenset) -> dict[str, int]:
    key = (n_features, hash(stop))
    cache = _HASH_CACHE.get(key)
    if cache is None or len(cache) > _HASH_CACHE_MAX:
        cache = _HASH_CACHE[key] = {}
    return cache


def _hashed_counts(token_lists, n_features: int, stop: frozenset) -> sp.csr_matrix:
    """Term counts of each document in ``n_features`` hashed columns (float32 CSR)."""
    cache = _lookup(n_features, stop)
    new = set(chain.from_iterable(token_lists)).difference(cache)
    for tok in new:
        cache[tok] = -1 if tok in stop else murmurhash3_32(tok, seed=0, positive=True) % n_features
    lengths = np.fromiter((len(t) for t in token_lists), dtype=np.int64, count=len(token_lists))
    cols = np.fromiter(map(cache.__getitem__, chain.from_iterable(token_lists)), dtype=np.int64,
                       count=int(lengths.sum()))
    rows = np.repeat(np.arange(len(token_lists), dtype=np.int64), lengths)
    keep = cols >= 0
    mat = sp.coo_matrix(
        (np.ones(int(keep.sum()), dtype=np.float32), (rows[keep], cols[keep])),
        shape=(len(token_lists), n_features),
    ).tocsr()
    mat.sum_duplicates()
    mat.sort_indices()
    return mat


_BATCH = 1000  # documents tokenised at once: token lists take ~10x the memory of the text


def _hash_documents(docs: list, n_features: int, stop: frozenset,
                    with_terms: bool = False) -> tuple[sp.csr_matrix, dict]:
    """Hashed counts of ``docs``, tokenised a batch at a time to bound memory.

    With ``with_terms``, also returns the smallest token seen for each hashed column (to
    name topics): the minimum over all documents, so it does not depend on the chunking.
    """
    parts, terms = [], {}
    for lo in range(0, max(len(docs), 1), _BATCH):
        tokens = _token_lists(docs[lo:lo + _BATCH])
        parts.append(_hashed_counts(tokens, n_features, stop))
        if with_terms:
            cache = _lookup(n_features, stop)
            for tok in set(chain.from_iterable(tokens)):
                col = cache[tok]
                if col >= 0:
                    old = terms.get(col)
                    if old is None or tok < old:
                        terms[col] = tok
        del tokens
    mat = parts[0] if len(parts) == 1 else sp.vstack(parts, format="csr")
    return mat, terms


@dataclass
class _Stats:
    """What one chunk adds to a streaming fit; merged across chunks or partitions."""

    n: int
    df: np.ndarray
    keys: np.ndarray  # uint64 sample keys of the candidate rows
    ids: np.ndarray  # their article ids (object)
    tf: sp.csr_matrix  # their hashed counts
    terms: dict = field(default_factory=dict)  # hashed column -> smallest token seen


def _merge_stats(a: _Stats | None, b: _Stats | None, sample_size: int) -> _Stats | None:
    if a is None:
        return b
    if b is None:
        return a
    keys = np.concatenate([a.keys, b.keys])
    ids = np.concatenate([a.ids, b.ids])
    tf = sp.vstack([a.tf, b.tf], format="csr")
    order = np.lexsort((ids.astype(str), keys))[:sample_size]
    terms = dict(a.terms)
    for col, tok in b.terms.items():
        old = terms.get(col)
        if old is None or tok < old:
            terms[col] = tok
    return _Stats(n=a.n + b.n, df=a.df + b.df, keys=keys[order], ids=ids[order], tf=tf[order],
                  terms=terms)


class StreamingTopicModel(ClusterMixin, TransformerMixin, BaseEstimator):
    """Topic model that learns from chunks: hashed TF-IDF, LSA and k-means on a sample.

    Fitting reads each article once. Terms are hashed into ``n_features`` columns (no
    vocabulary to hold); the document frequency of every column is summed over all
    chunks, giving the IDF; a sample of ``sample_size`` articles, chosen by a seeded hash
    of their ids (so the same articles whatever the chunking), is kept to fit the LSA
    projection (truncated SVD) and the k-means centroids. Articles are then placed in the
    topic whose centroid is nearest (cosine) in the LSA space. Fitting on one DataFrame, on
    chunks of it or on a Dask DataFrame gives the same model.

    Parameters
    ----------
    n_topics : int, default=10
        Number of topics (k).
    text : str, default="text"
        Column of the article body.
    title : str or None, default="title"
        Column of the headline, put before the body when present; ``None``: body only.
    n_features : int, default=2**18
        Hashed term columns; more means fewer collisions and more memory for the counts.
    min_df : int, default=2
        Drop terms found in fewer articles.
    max_df : float, default=0.5
        Drop terms found in more than this share of the articles.
    stop_words : "news", "english", collection of str or None, default="news"
        Words left out: the news stop list of :class:`mediastudy.TopicModel`,
        scikit-learn's English list, your own, or none.
    sublinear_tf : bool, default=True
        Use ``1 + log(tf)`` for term counts.
    n_components : int, default=100
        Dimensions of the LSA space.
    sample_size : int, default=20_000
        Articles the LSA and k-means are fitted on.
    n_init : int, default=4
        k-means restarts on the sample (the best inertia is kept).
    random_state : int, RandomState or None, default=None
        Seed of the sample, the SVD and k-means; an int gives the same model every run.

    Attributes
    ----------
    n_documents_ : int
        Articles seen by ``fit``/``partial_fit``.
    document_frequency_ : ndarray of shape (n_features,)
        Articles containing each hashed term.
    idf_ : ndarray of shape (n_features,)
        Inverse document frequency (0 for dropped terms).
    sample_ids_ : ndarray of str
        Ids of the articles the LSA and k-means were fitted on.
    svd_ : TruncatedSVD
        The LSA projection (fitted on the sample's kept columns ``columns_``).
    cluster_centers_ : ndarray of shape (n_topics, n_components)
        Unit-length topic centroids in the LSA space.
    topic_labels_ : list of str
        The three most distinctive terms of each topic, e.g. ``"goal, match, striker"``.

    Examples
    --------
    >>> import pandas as pd
    >>> texts = ["goal match striker", "match goal team", "cup goal striker",
    ...          "vote election party", "party vote poll", "election poll vote"]
    >>> df = pd.DataFrame({"id": list("abcdef"), "text": texts})
    >>> model = StreamingTopicModel(n_topics=2, min_df=1, max_df=1.0, n_components=2,
    ...                             random_state=0).fit(df)
    >>> labels = model.predict(df)
    >>> bool(labels[0] == labels[1] == labels[2]) and bool(labels[3] == labels[4] == labels[5])
    True
    >>> bool(labels[0] != labels[3])
    True
    """

    def __init__(
        self,
        n_topics: int = 10,
        *,
        text: str = "text",
        title: str | None = "title",
        n_features: int = 2**18,
        min_df: int = 2,
        max_df: float = 0.5,
        stop_words="news",
        sublinear_tf: bool = True,
        n_components: int = 100,
        sample_size: int = 20_000,
        n_init: int = 4,
        random_state=None,
    ) -> None:
        self.n_topics = n_topics
        self.text = text
        self.title = title
        self.n_features = n_features
        self.min_df = min_df
        self.max_df = max_df
        self.stop_words = stop_words
        self.sublinear_tf = sublinear_tf
        self.n_components = n_components
        self.sample_size = sample_size
        self.n_init = n_init
        self.random_state = random_state

    # -- parameters --------------------------------------------------------------------
    def _check_params(self) -> None:
        def positive_int(name, value):
            if isinstance(value, bool) or not isinstance(value, Integral) or value < 1:
                raise ValueError(
                    f"The '{name}' parameter of StreamingTopicModel must be a positive integer. "
                    f"Got {value!r} instead."
                )

        for name in ("n_topics", "n_features", "min_df", "n_components", "sample_size", "n_init"):
            positive_int(name, getattr(self, name))
        if self.n_topics < 2:
            raise ValueError(f"StreamingTopicModel needs n_topics >= 2. Got {self.n_topics}.")
        if not isinstance(self.max_df, Real) or not 0 < self.max_df <= 1:
            raise ValueError(
                "The 'max_df' parameter of StreamingTopicModel must be a share in (0, 1]. "
                f"Got {self.max_df!r} instead."
            )

    def _stop_set(self) -> frozenset:
        sw = self.stop_words
        if sw is None:
            return frozenset()
        if isinstance(sw, str):
            check_choice(sw, ("news", "english"), func="StreamingTopicModel", param="stop_words")
            if sw == "news":
                return frozenset(NEWS_STOP_WORDS)
            from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

            return frozenset(ENGLISH_STOP_WORDS)
        return frozenset(str(w).lower() for w in sw)

    def _hash_key(self) -> str:
        seed = self.random_state if isinstance(self.random_state, Integral) else 0
        return f"{int(seed) % 10**16:016d}"

    # -- input -------------------------------------------------------------------------
    def _frame(self, X) -> pd.DataFrame:
        if isinstance(X, pd.DataFrame):
            require_columns(X, [self.text], func="StreamingTopicModel")
            return X
        if isinstance(X, pd.Series) or (isinstance(X, Iterable) and not isinstance(X, (str, bytes))):
            values = list(X)
            if values and not all(isinstance(v, str) for v in values):
                raise TypeError(
                    "StreamingTopicModel takes a DataFrame, a list of texts, an iterable of "
                    "DataFrames (fit only) or a dask DataFrame."
                )
            return pd.DataFrame({self.text: pd.Series(values, dtype=object)})
        raise TypeError(
            f"StreamingTopicModel takes a DataFrame or a list of texts. Got {type(X).__name__}."
        )

    def _documents(self, df: pd.DataFrame) -> list:
        body = df[self.text].tolist()
        if self.title is not None and self.title in df.columns:
            heads = df[self.title].tolist()
            return [f"{h}\n{b}" if isinstance(h, str) and h else b for h, b in zip(heads, body, strict=True)]
        return body

    def _ids(self, df: pd.DataFrame) -> np.ndarray:
        if "id" in df.columns:
            return df["id"].astype(str).to_numpy(dtype=object)
        # Plain texts: the text itself names the document (the same text, the same key).
        return df[self.text].astype(str).to_numpy(dtype=object)

    # -- fitting -------------------------------------------------------------------------
    def chunk_stats(self, X) -> _Stats:
        """What one chunk contributes to the fit (used by ``partial_fit`` and Dask)."""
        return self._chunk_stats(X)[0]

    def _chunk_stats(self, X) -> tuple[_Stats, sp.csr_matrix]:
        self._check_params()
        df = self._frame(X)
        stop = self._stop_set()
        ids = self._ids(df)
        keys = pd.util.hash_pandas_object(pd.Series(ids, dtype=object), index=False,
                                          hash_key=self._hash_key()).to_numpy()
        order = np.lexsort((ids.astype(str), keys))[: self.sample_size]
        tf, terms = _hash_documents(self._documents(df), self.n_features, stop, with_terms=True)
        dfreq = np.bincount(tf.indices, minlength=self.n_features).astype(np.int64)
        stats = _Stats(n=len(df), df=dfreq, keys=keys[order], ids=ids[order], tf=tf[order],
                       terms=terms)
        return stats, tf

    def partial_fit(self, X, y=None) -> StreamingTopicModel:
        """Add one chunk of articles to the fit.

        Document frequencies and the sample are updated at once; the LSA projection and
        the centroids are refitted from them at the end of every call, so the model can
        be used after any chunk. (:meth:`fit` with an iterable of chunks refits only
        once, at the end.)
        """
        stats = self.chunk_stats(X)
        self._stats_ = _merge_stats(getattr(self, "_stats_", None), stats, self.sample_size)
        return self._finish_fit()

    def fit(self, X, y=None) -> StreamingTopicModel:
        """Fit on a DataFrame, a list of texts, an iterable of DataFrames or a dask DataFrame."""
        self._check_params()
        if _is_dask(X):
            from .distributed import _fit_stats_dask

            self._stats_ = _fit_stats_dask(self, X)
            return self._finish_fit()
        if isinstance(X, pd.DataFrame) or isinstance(X, pd.Series):
            chunks: Iterable = [X]
        elif isinstance(X, Iterable) and not isinstance(X, (str, bytes)):
            items = iter(X)
            first = next(items, None)
            if first is None:
                raise ValueError("StreamingTopicModel.fit got no articles (an empty iterable).")
            if isinstance(first, str):
                chunks = [[first, *items]]
            else:
                chunks = chain([first], items)
        else:
            raise TypeError(
                f"StreamingTopicModel.fit takes a DataFrame or chunks of them. Got {type(X).__name__}."
            )
        stats = None
        for chunk in chunks:
            stats = _merge_stats(stats, self.chunk_stats(chunk), self.sample_size)
        self._stats_ = stats
        return self._finish_fit()

    def _finish_fit(self) -> StreamingTopicModel:
        st = self._stats_
        if st is None or st.n == 0:
            raise ValueError("StreamingTopicModel cannot be fitted on zero articles.")
        if len(st.ids) < self.n_topics:
            raise ValueError(
                f"StreamingTopicModel needs at least n_topics={self.n_topics} articles to fit; "
                f"got {len(st.ids)}. Lower n_topics or pass more articles."
            )
        rs = check_random_state(self.random_state)
        n = st.n
        max_docs = self.max_df * n
        keep = (st.df >= self.min_df) & (st.df <= max_docs)
        idf = (np.log((1.0 + n) / (1.0 + st.df)) + 1.0).astype(np.float32)
        idf[~keep] = 0.0
        self.n_documents_ = int(n)
        self.document_frequency_ = st.df
        self.idf_ = idf
        self.sample_ids_ = st.ids.astype(str)
        sample = self._weigh(st.tf)
        cols = np.flatnonzero(np.asarray((sample != 0).sum(axis=0)).ravel() > 0)
        if len(cols) < 2:
            raise ValueError(
                "StreamingTopicModel: fewer than two terms are left after min_df/max_df and the "
                "stop words. Lower min_df, raise max_df or pass more articles."
            )
        self.columns_ = cols
        Xs = sample[:, cols]
        k = int(min(self.n_components, Xs.shape[0] - 1, Xs.shape[1] - 1))
        self.svd_ = TruncatedSVD(n_components=max(k, 1), random_state=rs)
        Z = normalize(self.svd_.fit_transform(Xs))
        km = KMeans(n_clusters=self.n_topics, n_init=self.n_init, random_state=rs).fit(Z)
        centers = normalize(km.cluster_centers_)
        # Order topics by size in the sample (topic 0 = largest) so ids read the same every run.
        sizes = np.bincount(np.argmax(Z @ centers.T, axis=1), minlength=self.n_topics)
        order = np.lexsort((np.arange(self.n_topics), -sizes))
        self.cluster_centers_ = centers[order]
        self.topic_labels_ = self._labels(st.terms)
        return self

    def _weigh(self, tf: sp.csr_matrix) -> sp.csr_matrix:
        X = tf.astype(np.float32, copy=True)
        if self.sublinear_tf:
            np.log(X.data, out=X.data)
            X.data += 1.0
        X = X @ sp.diags(self.idf_)
        X.eliminate_zeros()
        return normalize(X.tocsr(), copy=False)

    def _labels(self, terms: dict) -> list[str]:
        weights = self.cluster_centers_ @ self.svd_.components_  # topics x kept columns
        labels = []
        for row in weights:
            best = []
            for j in np.argsort(-row, kind="stable"):
                tok = terms.get(int(self.columns_[j]))
                if tok is not None:
                    best.append(tok)
                if len(best) == 3:
                    break
            labels.append(", ".join(best))
        return labels

    # -- applying ------------------------------------------------------------------------
    def _check_fitted(self) -> None:
        if not hasattr(self, "cluster_centers_"):
            raise NotFittedError(
                "This StreamingTopicModel is not fitted yet: call fit(chunks) or partial_fit(chunk) "
                "before transform or predict."
            )

    def transform(self, X) -> np.ndarray:
        """Unit-length LSA coordinates of each article (n_articles, n_components)."""
        self._check_fitted()
        df = self._frame(X)
        tf, _ = _hash_documents(self._documents(df), self.n_features, self._stop_set())
        return self._transform_counts(tf)

    def _transform_counts(self, tf: sp.csr_matrix) -> np.ndarray:
        Z = self.svd_.transform(self._weigh(tf)[:, self.columns_])
        return normalize(Z)

    def _predict_counts(self, tf: sp.csr_matrix) -> np.ndarray:
        if tf.shape[0] == 0:
            return np.zeros(0, dtype=np.int64)
        Z = self._transform_counts(tf)
        return np.argmax(Z @ self.cluster_centers_.T, axis=1).astype(np.int64)

    def predict(self, X) -> np.ndarray:
        """Topic of each article (int); a dask DataFrame gives a dask Series."""
        if _is_dask(X):
            from .distributed import _predict_dask

            return _predict_dask(self, X)
        Z = self.transform(X)
        if not len(Z):
            return np.zeros(0, dtype=np.int64)
        return np.argmax(Z @ self.cluster_centers_.T, axis=1).astype(np.int64)

    def fit_predict(self, X, y=None, **kwargs) -> np.ndarray:
        """Fit on ``X`` (a DataFrame or list of texts) and return its topics."""
        return self.fit(X).predict(X)

    def assign(self, X: pd.DataFrame, *, column: str = "topic") -> pd.DataFrame:
        """A copy of ``X`` with the topic id in ``column`` and its label in ``column_label``."""
        self._check_fitted()
        if _is_dask(X):
            from .distributed import _assign_dask

            return _assign_dask(self, X, column=column)
        topics = self.predict(X)
        labels = np.asarray(self.topic_labels_, dtype=object)[topics] if len(topics) else []
        return X.assign(**{column: topics, f"{column}_label": pd.array(labels, dtype="str")})


# --------------------------------------------------------------------------------------
# Timeline tables from counts
# --------------------------------------------------------------------------------------
_COUNT_KEYS = ("outlet", "date", "topic", "topic_label")


def timeline_counts(chunk: pd.DataFrame, stance: pd.DataFrame | None = None, *,
                    date: str = "date", outlet: str = "outlet", topic: str = "topic",
                    id: str = "id") -> dict[str, pd.DataFrame]:
    """Counts of one chunk that the timeline tables are built from.

    Returns ``{"articles": ..., "stance": ...}``: articles per outlet, day (and topic when
    the chunk has one), and article-level stance rows per outlet, day, target, number of
    mentions and score (rows of articles that do not mention a target are counted per
    target only: they do not enter the stance timeline). Counts of many chunks are added
    up with :func:`timeline_tables`. Their size grows with the number of distinct days and
    outlets, not articles.
    """
    require_columns(chunk, [date, outlet], func="timeline_counts", param="chunk")
    day = chunk[date].dt.floor("D")
    cols = {"outlet": chunk[outlet].astype(str), "date": day}
    if topic in chunk.columns:
        cols["topic"] = chunk[topic]
        label = f"{topic}_label"
        if label in chunk.columns:
            cols["topic_label"] = chunk[label].astype(str)
    keys = pd.DataFrame(cols)
    out = {"articles": keys.groupby(list(keys.columns), dropna=False, sort=False).size()
           .rename("n").reset_index()}
    if stance is not None:
        require_columns(stance, [id, "target", "n_mentions", "score"], func="timeline_counts",
                        param="stance")
        meta = pd.DataFrame({"_id": chunk[id].astype(str), "outlet": cols["outlet"], "date": day})
        rows = stance[[id, "target", "n_mentions", "score"]].rename(columns={id: "_id"})
        rows = rows.merge(meta, on="_id", how="inner").drop(columns="_id")
        # Only scored rows (a mention and a score) enter the stance timeline; the others
        # are kept as one row per target without outlet or date, so the table still
        # knows every target. Otherwise nearly every article would add a row of its own.
        scored = (rows["n_mentions"] > 0).to_numpy() & rows["score"].notna().to_numpy()
        if not scored.all():
            rest = rows.loc[~scored]
            rest = rest.assign(outlet=pd.Series(np.nan, index=rest.index, dtype=rest["outlet"].dtype),
                               date=pd.NaT, n_mentions=0, score=np.nan)
            rows = pd.concat([rows.loc[scored], rest], ignore_index=True)
        out["stance"] = (rows.groupby(["outlet", "date", "target", "n_mentions", "score"],
                                      dropna=False, sort=False).size().rename("n").reset_index())
    return out


def _add_counts(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if p is not None]
    if not parts:
        return pd.DataFrame(columns=["n"])
    table = pd.concat(parts, ignore_index=True)
    keys = [c for c in table.columns if c != "n"]
    return table.groupby(keys, dropna=False, sort=True).agg(n=("n", "sum")).reset_index()


def _expand(counts: pd.DataFrame) -> pd.DataFrame:
    """One row per counted article (only the key columns), for the public table functions."""
    rows = np.repeat(np.arange(len(counts)), counts["n"].to_numpy())
    out = counts.drop(columns="n").iloc[rows].reset_index(drop=True)
    return out


def timeline_tables(counts: Iterable[dict], *, freq: str = "W", n_boot: int = 1000,
                    random_state: int | None = 0, min_articles: int = 5,
                    tables: Iterable[str] = ("volume", "topic_share", "stance"),
                    ) -> dict[str, pd.DataFrame]:
    """Timeline tables from the counts of every chunk (see :func:`timeline_counts`).

    The counts are added up, then passed to :func:`mediastudy.volume_table`,
    :func:`mediastudy.topic_share_table` (when the chunks had a topic) and
    :func:`mediastudy.stance_timeline_table` (when stance was counted), so the tables are
    those of the whole corpus.

    Parameters
    ----------
    counts : iterable of dict
        What :func:`timeline_counts` returned for each chunk.
    freq, n_boot, random_state, min_articles
        Options of the table functions.
    tables : iterable of str, default ("volume", "topic_share", "stance")
        Which tables to build.

    Returns
    -------
    dict
        ``"volume"``, and ``"topic_share"`` and ``"stance"`` when asked and counted.

    Examples
    --------
    >>> from mediastudy import demo_path, load_articles, volume_table
    >>> counts = [timeline_counts(c) for c in iter_article_chunks(demo_path(), chunk_size=30)]
    >>> tables = timeline_tables(counts, freq="M")
    >>> tables["volume"].equals(volume_table(load_articles(demo_path()), freq="M"))
    True
    """
    from .stance_timeline import stance_timeline_table
    from .topic_share import topic_share_table
    from .volume import volume_table

    counts = list(counts)
    wanted = set(tables)
    unknown = wanted - {"volume", "topic_share", "stance"}
    if unknown:
        raise ValueError(
            "The 'tables' parameter of timeline_tables takes 'volume', 'topic_share' and "
            f"'stance'. Got {sorted(unknown)}."
        )
    out: dict[str, pd.DataFrame] = {}
    if wanted & {"volume", "topic_share"}:
        slim = _expand(_add_counts([c.get("articles") for c in counts]))
        if "date" in slim.columns:
            slim["date"] = slim["date"].astype("datetime64[ns]")
        if "volume" in wanted and "date" in slim.columns:
            out["volume"] = volume_table(slim, freq=freq)
        if "topic_share" in wanted and "topic" in slim.columns:
            out["topic_share"] = topic_share_table(slim, freq=freq, n_boot=n_boot,
                                                   random_state=random_state)
        del slim
    if "stance" in wanted and any("stance" in c for c in counts):
        st = _expand(_add_counts([c.get("stance") for c in counts]))
        st["date"] = st["date"].astype("datetime64[ns]")
        st.insert(0, "id", pd.array(np.arange(len(st)).astype(str), dtype="str"))
        out["stance"] = stance_timeline_table(st, freq=freq, min_articles=min_articles)
    return out


# --------------------------------------------------------------------------------------
# The whole run
# --------------------------------------------------------------------------------------
@dataclass
class ScaleResult:
    """What :func:`analyze_chunked` (and :func:`mediastudy.distributed.analyze_dask`) return.

    Attributes
    ----------
    stance : StanceResult or None
        Article-level scores (and the evidence, unless dropped or written to disk).
    topics : DataFrame
        ``id, outlet, date, topic, topic_label``: one row per article.
    model : StreamingTopicModel
        The fitted topic model.
    tables : dict of DataFrame
        ``"volume"``, ``"topic_share"`` and ``"stance"`` timeline tables.
    estimate : MemoryEstimate or None
        The memory estimate made before the run.
    """

    stance: StanceResult | None
    topics: pd.DataFrame
    model: StreamingTopicModel
    tables: dict
    estimate: MemoryEstimate | None = None


def analyze_chunked(
    source,
    lexicon=None,
    *,
    n_topics: int = 10,
    freq: str = "W",
    chunk_size: int = 10_000,
    mentions="drop",
    topic_model: StreamingTopicModel | None = None,
    random_state: int | None = 0,
    load_kwargs: Mapping | None = None,
    stance_kwargs: Mapping | None = None,
    n_boot: int = 1000,
    tables: Iterable[str] = ("volume", "topic_share", "stance"),
    progress: bool = False,
) -> ScaleResult:
    """Load, score stance, find topics and build timeline tables, out of core.

    Two passes over the source: the first loads each chunk, scores its stance, counts it
    for the timelines and feeds the topic model; the model is then fitted from what the
    chunks gave; the second pass places each chunk's articles in topics. Memory stays
    bounded by the chunk size (plus small per-article results: ids, outlet, date, topic and
    stance scores). The memory estimate is logged (``logging``, at INFO) before the run.

    Parameters
    ----------
    source : path, glob or list of these
        As for :func:`iter_article_chunks`.
    lexicon : Lexicon, dict, path or None
        Stance lexicon; ``None`` skips stance.
    n_topics : int, default=10
        Topics of the default :class:`StreamingTopicModel`.
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        Period of the timeline tables.
    chunk_size : int, default=10_000
        Articles per chunk.
    mentions : "keep", "drop" or path, default "drop"
        What to do with the stance evidence (see :func:`score_stance_chunked`).
    topic_model : StreamingTopicModel, optional
        A configured (unfitted) model; by default ``StreamingTopicModel(n_topics,
        random_state=random_state)``.
    random_state : int or None, default=0
        Seed of the topic model and of the bootstrap of the topic shares.
    load_kwargs, stance_kwargs : dict, optional
        Options for :func:`mediastudy.load_articles` and :func:`mediastudy.score_stance`.
    n_boot : int, default=1000
        Bootstrap replicates of :func:`mediastudy.topic_share_table`.
    tables : iterable of str, default ("volume", "topic_share", "stance")
        Timeline tables to build (see :func:`timeline_tables`).
    progress : bool, default=False
        Show a progress bar per chunk.

    Returns
    -------
    ScaleResult

    Examples
    --------
    >>> from mediastudy import demo_path
    >>> res = analyze_chunked(demo_path(), demo_path("lexicon"), n_topics=3, freq="M",
    ...                       chunk_size=40, n_boot=50)
    >>> len(res.topics), sorted(res.tables)
    (91, ['stance', 'topic_share', 'volume'])
    """
    import tempfile

    from tqdm.auto import tqdm

    load_kwargs = dict(load_kwargs or {})
    stance_kwargs = dict(stance_kwargs or {})
    estimate = estimate_memory(source, chunk_size=chunk_size)
    logger.info("analyze_chunked: %s", estimate)
    lex = None if lexicon is None else (lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon))
    model = topic_model if topic_model is not None else StreamingTopicModel(
        n_topics, random_state=random_state)
    folder = _mentions_folder(mentions)
    stats = None
    arts, ments, counts = [], [], []
    with tempfile.TemporaryDirectory(prefix="mediastudy-chunks-") as tmp:
        # Pass 1 reads the text once: stance, timeline counts and the topic model's
        # statistics; the hashed term counts and the few columns kept are cached on disk,
        # so pass 2 (placing articles in topics once the model is fitted) reads no text.
        n_chunks = 0
        chunks = iter_article_chunks(source, chunk_size=chunk_size, **load_kwargs)
        # The bar is updated by hand: tqdm wrapping the iterator would hold the previous
        # chunk while the next one loads.
        bar = tqdm(desc="load, stance, topic statistics", unit="chunk", disable=not progress)
        for i, chunk in enumerate(chunks):
            n_chunks += 1
            st, tf = model._chunk_stats(chunk)
            stats = _merge_stats(stats, st, model.sample_size)
            sp.save_npz(os.path.join(tmp, f"tf-{i:06d}.npz"), tf, compressed=False)
            _bare(chunk[["id", "outlet", "date"]]).to_parquet(os.path.join(tmp, f"meta-{i:06d}.parquet"))
            del tf, st
            if lex is not None:
                res = score_stance(chunk, lex, **stance_kwargs)
                arts.append(res.articles)
                _keep_mentions(res.mentions, i, mentions, folder, ments)
                counts.append({"stance": timeline_counts(chunk, res.articles)["stance"]})
                del res
            del chunk
            bar.update()
        bar.close()
        if stats is None:
            raise ValueError(f"analyze_chunked: no articles found in {source!r}.")
        model._stats_ = stats
        model._finish_fit()
        topics = []
        labels = np.asarray(model.topic_labels_, dtype=object)
        for i in tqdm(range(n_chunks), desc="topics", unit="chunk", disable=not progress):
            tf = sp.load_npz(os.path.join(tmp, f"tf-{i:06d}.npz"))
            meta = pd.read_parquet(os.path.join(tmp, f"meta-{i:06d}.parquet"))
            topic = model._predict_counts(tf)
            slim = meta.assign(topic=topic, topic_label=pd.array(labels[topic], dtype="str"))
            counts.append({"articles": timeline_counts(slim)["articles"]})
            topics.append(slim)
    # The tables first, while the per-article results are still in their chunks.
    built = timeline_tables(counts, freq=freq, n_boot=n_boot, random_state=random_state,
                            tables=tables)
    del counts
    stance = _combine_stance(arts, ments, lex, stance_kwargs) if lex is not None else None
    del arts, ments
    topics_df = pd.concat(topics, ignore_index=True)
    del topics
    return ScaleResult(stance=stance, topics=topics_df, model=model, tables=built, estimate=estimate)
