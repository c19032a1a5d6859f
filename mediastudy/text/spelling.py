"""How far apart two spellings are: the edit distance both kinds of variant finder use."""

from __future__ import annotations

__all__ = ["edit_distance"]


def edit_distance(a: str, b: str) -> int:
    """Letters to insert, delete or replace to turn ``a`` into ``b`` (Levenshtein).

    >>> edit_distance("kiev", "kyiv"), edit_distance("donbas", "donbass")
    (2, 1)
    """
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
