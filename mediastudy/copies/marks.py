"""Copies in the corpus: mark each article with its cluster, and count clusters once or per
outlet in the timeline tables.

:func:`mark_duplicates` adds :func:`~mediastudy.copies.find_duplicates`' result to the corpus
as columns. The timeline tables (``volume_table``, ``topic_share_table``) take
``copies="each" | "outlet" | "once"`` and use these columns through :func:`filter_copies`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..checks import check_choice, require_columns
from ..errors import SchemaError

__all__ = ["mark_duplicates", "filter_copies", "COPIES", "MARK_COLUMNS"]

COPIES = ("each", "outlet", "once")
MARK_COLUMNS = ["cluster", "origin_id", "copy_kind", "is_copy", "is_repeat"]


def mark_duplicates(corpus: pd.DataFrame, duplicates: pd.DataFrame, *,
                    id_column: str = "id") -> pd.DataFrame:
    """A new corpus with each article's copy cluster as columns.

    Parameters
    ----------
    corpus : DataFrame
        The articles :func:`find_duplicates` was run on.
    duplicates : DataFrame
        :func:`find_duplicates`' result.
    id_column : str
        The column of article ids in ``corpus``.

    Returns
    -------
    DataFrame
        A copy of ``corpus`` with the columns ``cluster`` (``<NA>`` for an article in no
        cluster), ``origin_id``, ``copy_kind`` (find_duplicates' ``kind``: "origin", "copy",
        "excerpt", "passage", "not comparable"; "unique" for an article in no cluster),
        ``is_copy`` (True for every member of a cluster but its origin) and ``is_repeat``
        (True when an earlier member of its cluster ran in the same outlet). Columns of
        these names already in ``corpus`` are replaced. The input is not changed.

    Examples
    --------
    >>> import pandas as pd
    >>> from mediastudy.copies import find_duplicates
    >>> story = "Flooding closed the coastal road near Vessen on Monday, the harbour office said."
    >>> corpus = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["Wire", "Daily", "Daily"],
    ...     "date": pd.to_datetime(["2024-05-06", "2024-05-06", "2024-05-07"]),
    ...     "text": [story, story, "Parliament passed the budget after a night of debate."]})
    >>> marked = mark_duplicates(corpus, find_duplicates(corpus))
    >>> marked[["id", "cluster", "copy_kind", "is_copy", "is_repeat"]]
      id  cluster copy_kind  is_copy  is_repeat
    0  a        0    origin    False      False
    1  b        0      copy     True      False
    2  c     <NA>    unique    False      False
    """
    require_columns(corpus, [id_column], func="mark_duplicates", param="corpus")
    require_columns(duplicates, ["id", "cluster", "kind", "origin_id"], func="mark_duplicates",
                    param="duplicates")
    dups = duplicates.drop_duplicates("id").set_index("id")
    ids = corpus[id_column]
    pos = dups.index.get_indexer(ids)
    hit = pos >= 0
    take = np.maximum(pos, 0)
    cluster = pd.array(np.where(hit, dups["cluster"].to_numpy(dtype=object, na_value=pd.NA)[take]
                                if len(dups) else pd.NA, pd.NA), dtype="Int64")
    kind = np.where(hit, dups["kind"].to_numpy(dtype=object)[take] if len(dups) else "", "unique")
    origin = np.where(hit, dups["origin_id"].to_numpy(dtype=object, na_value=None)[take]
                      if len(dups) else None, None)
    is_copy = np.isin(kind, ["copy", "excerpt", "passage"])
    # a repeat: an earlier member of its cluster (duplicates lists them by date) ran in the
    # same outlet
    repeats, seen = set(), set()
    outlet_of = dups["outlet"] if "outlet" in dups.columns else pd.Series(None, index=dups.index)
    for i, c, o in zip(dups.index, dups["cluster"], outlet_of, strict=True):
        if pd.isna(c):
            continue
        if (c, o) in seen:
            repeats.add(i)
        seen.add((c, o))
    is_repeat = ids.isin(repeats).to_numpy(dtype=bool)
    return corpus.assign(
        cluster=cluster,
        origin_id=pd.array(origin, dtype="string"),
        copy_kind=pd.array(kind, dtype="string"),
        is_copy=is_copy,
        is_repeat=is_repeat,
    )


def filter_copies(corpus: pd.DataFrame, copies: str, *, func: str) -> pd.DataFrame:
    """The articles a table counts for ``copies`` ("each": all; "outlet": each cluster once
    per outlet that ran it; "once": each cluster once, at its origin). Used by the timeline
    tables; "outlet" and "once" need :func:`mark_duplicates`' columns."""
    check_choice(copies, COPIES, func=func, param="copies")
    if copies == "each" or not isinstance(corpus, pd.DataFrame):
        return corpus  # the table's own checks speak about a wrong corpus
    column = "is_copy" if copies == "once" else "is_repeat"
    if column not in corpus.columns:
        raise SchemaError(
            f"{func}(copies={copies!r}) needs the column '{column}' in the corpus, which it does "
            "not have. Mark the copies first: corpus = ms.mark_duplicates(corpus, "
            "ms.find_duplicates(corpus)), or use copies='each'."
        )
    return corpus[~corpus[column].fillna(False).to_numpy(dtype=bool)]
