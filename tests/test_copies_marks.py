"""mark_duplicates and the timeline tables' copies= option."""

from __future__ import annotations

import pandas as pd
import pytest

import mediastudy as ms
from mediastudy.errors import InvalidParameterError, SchemaError

STORY = " ".join(f"word{i}" for i in range(80))
OTHER = " ".join(f"other{i}" for i in range(80))


@pytest.fixture
def corpus():
    # one wire story run by Wire (origin), Daily twice and Weekly once; one story of Daily's own
    return pd.DataFrame({
        "id": ["w1", "d1", "d2", "k1", "d3", "x1"],
        "outlet": ["Wire", "Daily", "Daily", "Weekly", "Daily", "Daily"],
        "date": pd.to_datetime(["2024-01-02", "2024-01-03", "2024-01-04", "2024-02-05",
                                "2024-02-06", "2024-02-07"]),
        "title": ["t"] * 6,
        "text": [STORY, STORY, STORY + " More words at the end of it.", STORY, OTHER, "Too short."],
        "topic": [0, 0, 0, 0, 1, 1],
    })


def test_mark_duplicates_columns(corpus):
    before = corpus.copy(deep=True)
    dups = ms.find_duplicates(corpus, window=None)
    marked = ms.mark_duplicates(corpus, dups)
    pd.testing.assert_frame_equal(corpus, before)
    assert list(marked.columns) == [*corpus.columns, "cluster", "origin_id", "copy_kind", "is_copy", "is_repeat"]
    m = marked.set_index("id")
    assert m.loc["w1", "copy_kind"] == "origin" and not m.loc["w1", "is_copy"]
    assert m.loc[["d1", "d2", "k1"], "is_copy"].all()
    assert m.loc[["d1", "d2", "k1"], "origin_id"].eq("w1").all()
    assert m.loc["d2", "is_repeat"] and not m.loc["d1", "is_repeat"] and not m.loc["k1", "is_repeat"]
    assert m.loc["d3", "copy_kind"] == "unique" and pd.isna(m.loc["d3", "cluster"])
    assert m.loc["x1", "copy_kind"] == "not comparable"


def test_mark_duplicates_empty_result(corpus):
    marked = ms.mark_duplicates(corpus, ms.find_duplicates(corpus.iloc[4:5]))
    assert (marked["copy_kind"] == "unique").all() and not marked["is_copy"].any()


@pytest.mark.parametrize("copies, daily_jan, weekly_feb, wire_jan", [
    ("each", 2, 1, 1), ("outlet", 1, 1, 1), ("once", 0, 0, 1),
])
def test_volume_table_copies(corpus, copies, daily_jan, weekly_feb, wire_jan):
    marked = ms.mark_duplicates(corpus, ms.find_duplicates(corpus, window=None))
    t = ms.volume_table(marked, freq="M", copies=copies).set_index(["outlet", "period"])["n_articles"]
    assert t[("Daily", pd.Timestamp("2024-01-01"))] == daily_jan
    assert t.get(("Weekly", pd.Timestamp("2024-02-01")), 0) == weekly_feb
    assert t[("Wire", pd.Timestamp("2024-01-01"))] == wire_jan
    assert t[("Daily", pd.Timestamp("2024-02-01"))] == 2  # its own story and the short one


def test_topic_share_table_copies(corpus):
    marked = ms.mark_duplicates(corpus, ms.find_duplicates(corpus, window=None))
    each = ms.topic_share_table(marked, freq="M", n_boot=10, copies="each")
    once = ms.topic_share_table(marked, freq="M", n_boot=10, copies="once")
    assert each["n_articles"].sum() == 6
    assert once["n_articles"].sum() == 3
    assert "Weekly" not in set(once["outlet"])


def test_copies_needs_the_marks(corpus):
    with pytest.raises(SchemaError, match=r"mark_duplicates"):
        ms.volume_table(corpus, copies="once")
    with pytest.raises(InvalidParameterError, match="'copies' parameter of volume_table"):
        ms.volume_table(corpus, copies="twice")
    # the default counts every article, marked or not
    assert ms.volume_table(corpus, freq="M")["n_articles"].sum() == 6
