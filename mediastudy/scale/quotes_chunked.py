"""Quotes at scale: :func:`mediastudy.extract_quotes` chunk by chunk, or partition by partition
on a Dask cluster.

Each article's quotes depend on that article's text only, so the result equals
``extract_quotes`` on the whole corpus (same rows, same order); memory grows with the number
of attributions, not of articles.
"""

from __future__ import annotations

import pandas as pd

from ..quotes import extract_quotes
from ._dispatch import is_dask_collection
from .chunked import _as_chunks

__all__ = ["extract_quotes_chunked"]


def extract_quotes_chunked(chunks, **quote_kwargs) -> pd.DataFrame:
    """:func:`mediastudy.extract_quotes` on each chunk of a corpus, the rows put together.

    Parameters
    ----------
    chunks : DataFrame, iterable of DataFrames or dask DataFrame
        The corpus, e.g. ``iter_article_chunks(folder)``; a ``dask.dataframe.DataFrame`` is
        read partition by partition on its cluster (no Dask import here: it is recognised
        by Dask's collection protocol).
    **quote_kwargs
        Options of :func:`mediastudy.extract_quotes` (``text_column``, ``id_column``).

    Returns
    -------
    DataFrame
        The quotes table of :func:`mediastudy.extract_quotes`.

    Examples
    --------
    >>> from mediastudy import demo_path, extract_quotes, iter_article_chunks, load_articles
    >>> chunked = extract_quotes_chunked(iter_article_chunks(demo_path(), chunk_size=30))
    >>> chunked.equals(extract_quotes(load_articles(demo_path())))
    True
    """
    if is_dask_collection(chunks):
        meta = extract_quotes(chunks._meta, **quote_kwargs)
        parts = chunks.map_partitions(extract_quotes, meta=meta, **quote_kwargs)
        return parts.compute().reset_index(drop=True)
    tables = [extract_quotes(chunk, **quote_kwargs) for chunk in _as_chunks(chunks)]
    if not tables:
        return extract_quotes(pd.DataFrame({"id": [], "text": []}), **quote_kwargs)
    return pd.concat(tables, ignore_index=True)
