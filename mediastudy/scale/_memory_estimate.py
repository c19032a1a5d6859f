"""How much memory an out-of-core run will need (see :mod:`mediastudy.scale.chunked`)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ._chunk_loading import _TABLE_SUFFIXES, _discover_files

__all__ = ["estimate_memory", "MemoryEstimate"]


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
_PER_ARTICLE_PASS1 = 250
_PER_TARGET = 140
_PER_ARTICLE_END = 400
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
