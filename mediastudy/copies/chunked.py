"""find_duplicates over a corpus read in chunks: the same result, without the whole text in
memory."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from ..checks import require_columns
from ..errors import InvalidParameterError
from .steps import check_duplicate_options, duplicates_from_fingerprints, text_fingerprints

__all__ = ["find_duplicates_chunked"]

_FUNC = "find_duplicates_chunked"


def _chunks(source) -> Iterable[pd.DataFrame]:
    chunks = source() if callable(source) else source
    if isinstance(chunks, pd.DataFrame) or not isinstance(chunks, Iterable):
        raise InvalidParameterError(
            f"The 'chunks' parameter of {_FUNC} must be a function returning DataFrames (e.g. "
            "lambda: ms.iter_article_chunks(path, chunk_size=10_000)) or a list of DataFrames. "
            f"Got {type(chunks).__name__} instead.", param="chunks", value=source)
    return chunks


def find_duplicates_chunked(
    chunks: Callable[[], Iterable[pd.DataFrame]] | Iterable[pd.DataFrame],
    *,
    threshold: float = 0.5,
    containment: float = 0.8,
    window: int | str | pd.Timedelta | None = 30,
    random_state: int = 0,
    text_column: str = "text",
    date_column: str = "date",
    outlet_column: str = "outlet",
    id_column: str = "id",
) -> pd.DataFrame:
    """:func:`find_duplicates` on a corpus read chunk by chunk, with the same result.

    The chunks are read twice: once to take each text's fingerprints (kept: about 2 bytes
    per word of text, with each article's id, outlet and date), once to compare the candidate
    pairs on their full texts. Memory grows with the number of articles, never with the
    number of pairs, and only one chunk's text is held at a time.

    Parameters
    ----------
    chunks : callable or list of DataFrame
        A function returning an iterable of corpus chunks, called twice (e.g.
        ``lambda: ms.iter_article_chunks(path, chunk_size=10_000)``), or a list of chunks.
        The chunks must come in the same order both times.
    threshold, containment, window, random_state, text_column, date_column, outlet_column, id_column
        As in :func:`find_duplicates`.

    Returns
    -------
    DataFrame
        What :func:`find_duplicates` returns on the chunks put together.

    Examples
    --------
    >>> import pandas as pd
    >>> story = ("The central bank of Brenn raised its main rate by half a point on Monday, "
    ...          "the third rise this year, citing prices that keep climbing faster than wages.")
    >>> corpus = pd.DataFrame({"id": ["a1", "b1", "c1"], "outlet": ["Agency", "Daily", "Weekly"],
    ...     "date": pd.to_datetime(["2024-03-04", "2024-03-05", "2024-03-05"]),
    ...     "text": [story, "Snow closed the roads for a second day.", story]})
    >>> from mediastudy.copies import find_duplicates
    >>> chunked = find_duplicates_chunked([corpus.iloc[:2], corpus.iloc[2:]])
    >>> chunked.equals(find_duplicates(corpus))
    True
    """
    window_days = check_duplicate_options(threshold, containment, window, _FUNC)
    columns = [id_column, outlet_column, date_column]
    metas, values, owners, n_shingles, sizes = [], [], [], [], []
    start = 0
    for chunk in _chunks(chunks):
        require_columns(chunk, [*columns, text_column], func=_FUNC, param="chunks")
        v, o, n_sh = text_fingerprints(chunk, text_column=text_column)
        values.append(v)
        owners.append((o + start).astype(np.int32))
        n_shingles.append(n_sh)
        metas.append(chunk[columns].reset_index(drop=True))
        sizes.append(len(chunk))
        start += len(chunk)
    if not metas:
        raise InvalidParameterError(f"The 'chunks' parameter of {_FUNC} gave no chunk.",
                                    param="chunks")
    meta = pd.concat(metas, ignore_index=True)
    bounds = np.cumsum([0, *sizes])

    def texts_of(docs):
        # a second pass over the chunks for the candidates' texts, in the order of ``docs``
        docs = np.asarray(docs, dtype=np.int64)
        found: dict[int, str] = {}
        for k, chunk in enumerate(_chunks(chunks)):
            if k >= len(sizes) or len(chunk) != sizes[k]:
                raise InvalidParameterError(
                    f"{_FUNC}: the chunks changed between the two readings (chunk {k}); give "
                    "a function that reads the same chunks in the same order each time.",
                    param="chunks")
            lo, hi = bounds[k], bounds[k + 1]
            inside = docs[(docs >= lo) & (docs < hi)]
            if inside.size:
                text = chunk[text_column].iloc[inside - lo].tolist()
                found.update(zip(inside.tolist(), text, strict=True))
        return [t if isinstance(t, str) else "" for t in (found.get(int(d), "") for d in docs)]

    fingerprints = (np.concatenate(values), np.concatenate(owners), np.concatenate(n_shingles))
    return duplicates_from_fingerprints(
        meta, fingerprints, texts_of, threshold=threshold, containment=containment,
        window_days=window_days, random_state=random_state, id_column=id_column,
        outlet_column=outlet_column, date_column=date_column)
