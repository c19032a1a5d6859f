"""The steps of :func:`~mediastudy.copies.find_duplicates`, for the paths that run them apart.

The chunked path (:func:`~mediastudy.copies.find_duplicates_chunked`) and the Dask path
(:func:`mediastudy.scale.distributed.find_duplicates_dask`) take each part's fingerprints
where its texts are (a chunk, a Dask partition), put them together, and then form the
candidates and clusters as :func:`~mediastudy.copies.find_duplicates` does, fetching only
the candidates' texts for the exact comparison. These are the public entry points they
share, so the engine itself stays private to this subpackage.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from . import _minhash as mh
from .duplicates import _check_share, _find, _window_days

__all__ = ["check_duplicate_options", "text_fingerprints", "duplicates_from_fingerprints"]


def check_duplicate_options(threshold, containment, window, func: str) -> float | None:
    """Check find_duplicates' options (errors name ``func``); the window in days or None.

    Examples
    --------
    >>> check_duplicate_options(0.5, 0.8, "7D", "find_duplicates_dask")
    7.0
    """
    _check_share(threshold, "threshold", func)
    _check_share(containment, "containment", func)
    return _window_days(window, func)


def text_fingerprints(corpus: pd.DataFrame, *, text_column: str = "text"):
    """The winnowed fingerprints of one part's texts: (values, text position, shingles per text).

    Positions count from 0 within ``corpus``; a text's fingerprints depend on the text
    alone, so parts fingerprinted apart and put together (positions shifted) give what the
    whole corpus gives.

    Examples
    --------
    >>> import pandas as pd
    >>> values, owners, n_shingles = text_fingerprints(pd.DataFrame(
    ...     {"text": ["one two three four five six", "too short", None]}))
    >>> n_shingles.tolist(), sorted(set(owners.tolist()))
    ([2, 0, 0], [0])
    """
    text = corpus[text_column]

    def get_texts(rows):
        return [t if isinstance(t, str) else "" for t in text.iloc[rows].tolist()]

    n = len(corpus)
    lengths = text.str.len().fillna(0).to_numpy(dtype=np.int64) if n else np.zeros(0, np.int64)
    return mh.fingerprints(get_texts, lengths)


def duplicates_from_fingerprints(
    meta: pd.DataFrame,
    fingerprints: tuple[np.ndarray, np.ndarray, np.ndarray],
    texts_of: Callable[[np.ndarray], Sequence[str]],
    *,
    threshold: float,
    containment: float,
    window_days: float | None,
    random_state: int,
    id_column: str,
    outlet_column: str,
    date_column: str,
) -> pd.DataFrame:
    """find_duplicates' result from the fingerprints of all the articles.

    ``meta`` holds the id, outlet and date columns of every article in corpus order;
    ``fingerprints`` is :func:`text_fingerprints` of the whole corpus (or of its parts, put
    together with the positions shifted); ``texts_of(positions)`` returns the texts of those
    articles in that order (called once, for the candidates only).

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"],
    ...     "date": pd.to_datetime(["2024-01-01", "2024-01-02"]),
    ...     "text": ["the same story of thirty words " * 5] * 2})
    >>> out = duplicates_from_fingerprints(
    ...     corpus[["id", "outlet", "date"]], text_fingerprints(corpus),
    ...     lambda rows: corpus["text"].iloc[rows].tolist(), threshold=0.5, containment=0.8,
    ...     window_days=30.0, random_state=0, id_column="id", outlet_column="outlet",
    ...     date_column="date")
    >>> out[["id", "kind", "origin_id"]].values.tolist()
    [['a', 'origin', 'a'], ['b', 'copy', 'a']]
    """
    return _find(meta, fingerprints, texts_of, threshold=threshold, containment=containment,
                 window_days=window_days, random_state=random_state, id_column=id_column,
                 outlet_column=outlet_column, date_column=date_column)
