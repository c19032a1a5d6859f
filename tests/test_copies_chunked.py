"""find_duplicates_chunked gives find_duplicates' result, chunk by chunk."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mediastudy as ms
from mediastudy.errors import InvalidParameterError

from test_copies_duplicates import _edits


@pytest.fixture(scope="module")
def edited():
    corpus, _ = _edits(ms.load_demo())
    return corpus


@pytest.mark.parametrize("size", [1, 7, 40, 1000])
def test_chunked_equals_in_memory(edited, size):
    chunks = [edited.iloc[i:i + size] for i in range(0, len(edited), size)]
    expected = ms.find_duplicates(edited, window=10)
    assert len(expected) >= 12
    pd.testing.assert_frame_equal(ms.find_duplicates_chunked(chunks, window=10), expected)


def test_chunked_from_files(edited, tmp_path):
    path = tmp_path / "corpus.parquet"
    edited.to_parquet(path)
    got = ms.find_duplicates_chunked(lambda: ms.iter_article_chunks(path, chunk_size=20))
    whole = pd.concat(list(ms.iter_article_chunks(path, chunk_size=20)), ignore_index=True)
    pd.testing.assert_frame_equal(got, ms.find_duplicates(whole))
    assert len(got) >= 12


def test_chunks_that_change_are_an_error(edited):
    calls = []

    def chunks():
        calls.append(1)
        size = 10 if len(calls) == 1 else 12
        return [edited.iloc[i:i + size] for i in range(0, len(edited), size)]

    with pytest.raises(InvalidParameterError, match="changed between the two readings"):
        ms.find_duplicates_chunked(chunks)
    with pytest.raises(InvalidParameterError, match="'chunks' parameter of find_duplicates_chunked"):
        ms.find_duplicates_chunked(edited)
    with pytest.raises(InvalidParameterError, match="'threshold' parameter of find_duplicates_chunked"):
        ms.find_duplicates_chunked([edited], threshold=2)


@pytest.mark.corpora
def test_chunked_equals_in_memory_on_real_articles(corpora):
    articles = pd.read_parquet(corpora / "allsides_news.parquet")
    rng = np.random.default_rng(3)
    sample = articles.iloc[np.sort(rng.choice(len(articles), size=3000, replace=False))].reset_index(drop=True)
    chunks = [sample.iloc[i:i + 700] for i in range(0, len(sample), 700)]
    pd.testing.assert_frame_equal(ms.find_duplicates_chunked(chunks, window=None),
                                  ms.find_duplicates(sample, window=None))
