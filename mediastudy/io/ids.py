"""Article ids of table rows (shared by the in-memory loader and the chunked and Dask paths).

The id of a table row is a hash of the file's name under the loaded folder and of what the
row says (title, text, url): it does not depend on the order of the rows. Rows of one file
that say the same are numbered in order: the second gets the hash of the first and ``#1``.
"""

from __future__ import annotations

import hashlib

import numpy as np

__all__ = ["article_ids", "row_hashes", "ids_from_hashes", "hash_values"]


def article_ids(key: str, titles, texts, urls=None) -> list[str]:
    """Stable ids of the rows of one table file named ``key``.

    Examples
    --------
    >>> a = article_ids("o/x.csv", ["A", "B", "A"], ["a", "b", "a"])
    >>> b = article_ids("o/x.csv", ["B", "A", "A"], ["b", "a", "a"])
    >>> a[0] == b[1] and a[1] == b[0] and a[2] == b[2] and len(set(a)) == 3
    True
    """
    return ids_from_hashes(row_hashes(key, titles, texts, urls))


def row_hashes(key: str, titles, texts, urls=None) -> list[str]:
    """The hash of each row behind its id (16 hex digits)."""
    urls = [None] * len(titles) if urls is None or isinstance(urls, str) else urls
    return [
        hashlib.sha1(f"{key}\x1f{t}\x1f{x}\x1f{u or ''}".encode("utf-8", "surrogatepass")
                     ).hexdigest()[:16]
        for t, x, u in zip(titles, texts, urls, strict=True)
    ]


def ids_from_hashes(hashes: list[str], earlier: np.ndarray | None = None) -> list[str]:
    """Ids from row hashes, numbering repeats; ``earlier`` holds the hashes of the rows of
    the same file read before these (a big file read in slices: see :func:`hash_values`)."""
    seen: dict[str, int] = {}
    out = []
    for base in hashes:
        n = seen.get(base)
        if n is None:
            n = 0
            if earlier is not None and len(earlier):
                value = np.uint64(int(base, 16))
                n = int(np.searchsorted(earlier, value, "right") - np.searchsorted(earlier, value))
        seen[base] = n + 1
        out.append(base if n == 0 else hashlib.sha1(f"{base}#{n}".encode()).hexdigest()[:16])
    return out


def hash_values(hashes: list[str], earlier: np.ndarray | None = None) -> np.ndarray:
    """Row hashes as sorted unsigned integers, merged with ``earlier`` ones."""
    values = np.array([int(h, 16) for h in hashes], dtype=np.uint64)
    if earlier is not None:
        values = np.concatenate([earlier, values])
    return np.sort(values)
