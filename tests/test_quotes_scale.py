"""extract_quotes chunk by chunk and on Dask: the same rows as on the whole corpus."""

from __future__ import annotations

import pandas as pd
import pytest

import mediastudy as ms


@pytest.fixture(scope="module")
def demo():
    corpus = ms.load_articles(ms.demo_path())
    return corpus, ms.extract_quotes(corpus)


def test_chunks_give_the_whole_corpus_table(demo):
    corpus, whole = demo
    chunks = [corpus.iloc[i:i + 17] for i in range(0, len(corpus), 17)]
    pd.testing.assert_frame_equal(ms.extract_quotes_chunked(chunks), whole)
    pd.testing.assert_frame_equal(ms.extract_quotes_chunked(corpus), whole)
    streamed = ms.extract_quotes_chunked(ms.iter_article_chunks(ms.demo_path(), chunk_size=25))
    pd.testing.assert_frame_equal(streamed, whole)


def test_no_chunks_and_bad_chunks():
    empty = ms.extract_quotes_chunked([])
    assert empty.empty and "speaker" in empty.columns
    with pytest.raises(ms.InvalidParameterError, match="path"):
        ms.extract_quotes_chunked("articles/")


def test_dask_partitions_give_the_whole_corpus_table(demo):
    dd = pytest.importorskip("dask.dataframe")
    corpus, whole = demo
    ddf = dd.from_pandas(corpus[["id", "outlet", "date", "text"]], npartitions=3)
    got = ms.extract_quotes_chunked(ddf)
    pd.testing.assert_frame_equal(got, whole, check_dtype=False)
