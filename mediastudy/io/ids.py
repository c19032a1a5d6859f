"""Article ids of table rows (shared by the in-memory loader and the chunked and Dask paths)."""

from __future__ import annotations

import hashlib

__all__ = ["article_ids"]


def article_ids(key: str, rows, titles, texts) -> list[str]:
    """Stable ids of table rows: a hash of the file's name, the row and what it says."""
    return [
        hashlib.sha1(f"{key}#{r}\x1f{t}\x1f{x}".encode()).hexdigest()[:16]
        for r, t, x in zip(rows, titles, texts, strict=True)
    ]
