"""Stance results of chunks or partitions (see :mod:`mediastudy.scale.chunked`).

What the out-of-core and the Dask paths share: keeping, dropping or writing each chunk's
evidence table, and joining the chunks' results into one :class:`mediastudy.StanceResult`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..errors import InvalidParameterError
from ..stance.lexicon import Lexicon
from ..stance.score import StanceResult, score_stance


def _mentions_folder(mentions) -> Path | None:
    if isinstance(mentions, str) and mentions in ("keep", "drop"):
        return None
    if not isinstance(mentions, (str, os.PathLike)):
        raise InvalidParameterError(
            "The 'mentions' parameter must be 'keep', 'drop' or a folder path to write the "
            f"evidence to. Got {mentions!r} instead.", param="mentions"
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
