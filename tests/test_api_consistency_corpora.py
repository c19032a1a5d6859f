"""The consistent API on a real corpus: calendar periods in the topic tables, corpus-first
order, topic_column= in topic_share_table and find_peaks_table, one outlet per plot.

World news 2016-2017 (9 outlets, one year, dated articles), with a topic model of k=6.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from mediastudy import (
    TopicModel,
    assign_topics,
    find_peaks_table,
    plot_topic_share,
    representative_articles,
    topic_share_table,
    topic_sizes,
    topic_terms,
    volume_table,
)

pytestmark = pytest.mark.corpora


@pytest.fixture(scope="module")
def world(corpora) -> pd.DataFrame:
    df = pd.read_parquet(corpora / "news_world_2016_2017.parquet")
    df = df[df["text"].fillna("").str.len() > 0].reset_index(drop=True)
    return df.assign(id=[f"w{i}" for i in range(len(df))])


@pytest.fixture(scope="module")
def model(world) -> TopicModel:
    return TopicModel(6, random_state=0).fit(world)


@pytest.fixture(scope="module")
def assigned(world, model) -> pd.DataFrame:
    return assign_topics(world, model)


@pytest.mark.parametrize("freq", ["W", "M"])
def test_topic_sizes_periods_are_the_volume_periods(world, model, freq):
    before = world.copy(deep=True)
    sizes = topic_sizes(world, model, freq=freq)
    pd.testing.assert_frame_equal(world, before)
    volume = volume_table(world, freq=freq, by=None)
    assert sizes["period"].dtype == volume["period"].dtype
    # per period, the topics add up to the articles volume_table counts
    per_period = sizes.groupby("period")["n_articles"].sum()
    counted = volume.set_index("period")["n_articles"]
    counted = counted[counted > 0]
    pd.testing.assert_series_equal(per_period, counted, check_names=False)
    np.testing.assert_allclose(sizes.groupby("period")["share"].sum().to_numpy(), 1.0)


def test_topic_tables_refuse_pandas_aliases(world, model):
    for func in (topic_sizes, representative_articles):
        with pytest.raises(ValueError, match=rf"'freq' parameter of {func.__name__} must be one of"):
            func(world, model, freq="2W")


def test_representative_articles_per_outlet_and_quarter(world, model):
    reps = representative_articles(world, model, n=1, by="outlet", freq="Q")
    assert reps["period"].dtype == "datetime64[s]"
    assert set(reps["period"].dt.month) <= {1, 4, 7, 10}
    assert (reps["period"].dt.day == 1).all()
    assert reps.groupby(["topic", "outlet", "period"]).size().max() == 1


@pytest.mark.parametrize("func", [assign_topics, topic_sizes, representative_articles])
def test_model_first_names_the_order(world, model, func):
    with pytest.raises(TypeError, match=rf"{func.__name__}\(corpus, model\)"):
        func(model, world)


def test_topic_terms_n_terms_matches_topic_info(model):
    terms = topic_terms(model, n_terms=4)
    info = model.topic_info(n_terms=4)
    assert info["top_terms"].tolist() == terms.groupby("topic")["term"].agg(", ".join).tolist()


def test_topic_share_topic_column_and_no_topic_filter(assigned):
    renamed = assigned.rename(columns={"topic": "cluster"})
    got = topic_share_table(renamed, freq="Q", topic_column="cluster", n_boot=200)
    pd.testing.assert_frame_equal(got, topic_share_table(assigned, freq="Q", n_boot=200))
    with pytest.raises(TypeError, match=r"no topic filter.*topic=2.*topic_column="):
        topic_share_table(assigned, freq="Q", topic=2)


def test_plot_topic_share_one_outlet_per_axes(assigned):
    names = assigned["outlet"].value_counts().index[:2].tolist()
    fig, axes = plt.subplots(2)
    with pytest.raises(TypeError, match=r"one outlet name .*zip\(names, axes\)"):
        plot_topic_share(assigned, outlet=names, freq="Q", n_boot=200, ax=axes[0])
    for name, ax in zip(names, axes, strict=True):  # the loop the message suggests
        plot_topic_share(assigned, outlet=name, freq="Q", n_boot=200, ax=ax)
        assert ax.get_title(loc="left") == f"Topic share: {name}"


def test_find_peaks_topic_column(assigned):
    big = int(assigned["topic"].value_counts().idxmax())
    expected = find_peaks_table(assigned, freq="W", topic=big)
    assert len(expected) >= 1
    renamed = assigned.rename(columns={"topic": "cluster", "date": "published"})
    got = find_peaks_table(renamed, freq="W", topic=big, topic_column="cluster", date_column="published")
    pd.testing.assert_frame_equal(got, expected)
    counted = volume_table(assigned, freq="W", by=None, topic=big)["n_articles"]
    assert set(expected["n_articles"]) <= set(counted)
