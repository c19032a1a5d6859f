"""select_articles: the report's and the CLI's filters as a function."""

from __future__ import annotations

import pandas as pd
import pytest

import mediastudy as ms
from mediastudy.errors import DataError, InvalidParameterError


@pytest.fixture()
def corpus() -> pd.DataFrame:
    return pd.DataFrame({
        "id": [f"a{i}" for i in range(8)],
        "outlet": ["RT", "RT", "BBC", "BBC", "BBC", "AP", "RT", "AP"],
        "date": pd.to_datetime(["2022-01-01 00:00", "2022-01-31 18:30", "2022-02-01", None,
                                "2022-03-15", "2022-01-15", "2022-02-28", "2021-12-31"],
                               format="mixed"),
        "text": list("abcdefgh"),
    }, index=[10, 11, 12, 13, 14, 15, 16, 17])


def test_outlets_keep_only_those_outlets_and_the_index(corpus):
    out = ms.select_articles(corpus, outlets=["RT", "AP"])
    assert out["outlet"].tolist() == ["RT", "RT", "AP", "RT", "AP"]
    assert out.index.tolist() == [10, 11, 15, 16, 17]


def test_start_and_end_include_both_days_and_leave_out_undated(corpus):
    out = ms.select_articles(corpus, start="2022-01-01", end="2022-01-31")
    assert out["id"].tolist() == ["a0", "a1", "a5"]  # 31 Jan 18:30 is in; undated a3 is out
    assert ms.select_articles(corpus, end="2022-01-01")["id"].tolist() == ["a0", "a7"]


def test_without_dates_undated_articles_are_kept(corpus):
    assert "a3" in ms.select_articles(corpus, outlets=["BBC"])["id"].tolist()


def test_sample_per_outlet_is_seeded_and_keeps_the_order(corpus):
    one = ms.select_articles(corpus, n=1, random_state=3)
    assert sorted(one["outlet"]) == ["AP", "BBC", "RT"]
    assert one.index.is_monotonic_increasing
    again = ms.select_articles(corpus, n=1, random_state=3)
    pd.testing.assert_frame_equal(one, again)
    draws = {tuple(ms.select_articles(corpus, n=1, random_state=s)["id"]) for s in range(12)}
    assert len(draws) > 1  # the seed matters
    assert len(ms.select_articles(corpus, n=10)) == len(corpus)


def test_the_callers_frame_is_unchanged(corpus):
    before = corpus.copy(deep=True)
    out = ms.select_articles(corpus, outlets=["RT"], start="2022-01-01", n=1)
    pd.testing.assert_frame_equal(corpus, before)
    out["text"] = "changed"
    pd.testing.assert_frame_equal(corpus, before)


def test_unknown_outlets_warn_and_none_known_is_an_error(corpus):
    with pytest.warns(UserWarning, match="not in the corpus: CNN"):
        out = ms.select_articles(corpus, outlets=["RT", "CNN"])
    assert set(out["outlet"]) == {"RT"}
    with pytest.raises(DataError, match="none of the outlets.*Its outlets are: AP, BBC, RT"):
        ms.select_articles(corpus, outlets=["CNN"])


@pytest.mark.parametrize(("kwargs", "param"), [
    ({"outlets": "RT"}, "outlets"),
    ({"start": "the first of May"}, "start"),
    ({"start": "2022-03-01", "end": "2022-01-01"}, "end"),
    ({"n": 0}, "n"),
    ({"n": 2.5}, "n"),
])
def test_bad_parameters_name_the_parameter(corpus, kwargs, param):
    with pytest.raises(InvalidParameterError, match=f"'{param}' parameter of select_articles") as info:
        ms.select_articles(corpus, **kwargs)
    assert info.value.param == param


def test_a_missing_column_is_named(corpus):
    with pytest.raises(ms.SchemaError, match="published"):
        ms.select_articles(corpus, start="2022-01-01", date_column="published")


@pytest.mark.corpora
def test_on_the_ukraine_corpus_it_equals_a_hand_written_filter(corpora):
    corpus = ms.load_articles(corpora / "news_ukraine_2022.parquet", errors="skip", bad_dates="keep")
    out = ms.select_articles(corpus, outlets=["RT", "BBC"], start="2022-03-01", end="2022-05-31")
    by_hand = corpus[corpus["outlet"].isin(["RT", "BBC"]) & (corpus["date"] >= "2022-03-01")
                     & (corpus["date"] < "2022-06-01")]
    assert len(out) > 100
    assert out["id"].tolist() == by_hand["id"].tolist()
