"""Articles as chunks of texts for counting, and their order by id (private)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..checks import require_columns
from ..errors import InvalidParameterError


def _is_nan(value: object) -> bool:
    return isinstance(value, float) and np.isnan(value) or value is pd.NA


_CHUNK = 2000  # articles per counting task: bounds memory, lets n_jobs share the work


def _id_order(data: object, columns) -> np.ndarray | None:
    """The order of a corpus's rows by their ids, or None without unique ids."""
    if not isinstance(data, pd.DataFrame) or "id" not in data.columns or "id" in columns:
        return None
    ids = data["id"]
    if ids.isna().any() or not ids.is_unique:
        return None
    return np.argsort(ids.astype(str).to_numpy(), kind="stable")


def _text_chunks(
    data: object, *, text: str, title: str | None, func: str, param: str
) -> tuple[list[tuple[Sequence | None, Sequence]], int]:
    """Articles as chunks ``(titles or None, bodies)`` for counting, and their number.

    DataFrame columns are sliced, not copied into Python strings, to keep memory low.
    """
    if isinstance(data, pd.DataFrame):
        require_columns(data, [text], func=func, param=param)
        bodies: Sequence = data[text]
        titles = data[title] if title is not None and title in data.columns else None
    elif isinstance(data, str | bytes):
        raise InvalidParameterError(
            f"The '{param}' parameter of {func} must be a corpus DataFrame or a list of "
            f"strings. Got a single {type(data).__name__}; wrap it in a list: [text].", param=param
        )
    elif isinstance(data, pd.Series | np.ndarray | Sequence):
        bodies = data.tolist() if isinstance(data, pd.Series | np.ndarray) else list(data)
        titles = None
        for i, value in enumerate(bodies):
            if not (isinstance(value, str) or value is None or _is_nan(value)):
                raise InvalidParameterError(
                    f"The '{param}' parameter of {func} must hold strings; item {i} is "
                    f"{type(value).__name__} ({value!r:.40}). Convert it with str() or drop it.", param=param
                )
    else:
        raise InvalidParameterError(
            f"The '{param}' parameter of {func} must be a corpus DataFrame or a list of "
            f"strings. Got {type(data).__name__} instead.", param=param
        )
    n = len(bodies)
    chunks = []
    for start in range(0, n, _CHUNK):
        stop = min(start + _CHUNK, n)
        if isinstance(bodies, pd.Series):
            chunk_titles = None if titles is None else titles.iloc[start:stop]
            chunks.append((chunk_titles, bodies.iloc[start:stop]))
        else:
            chunks.append((None, bodies[start:stop]))
    return chunks, n
