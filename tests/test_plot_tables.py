"""Plots never silently drop an option (issue 13, item 5).

Given a finished table, a plot draws it as it is: an option that would build another table
(freq, keyword, outlets, start, n_boot, ...) raises InvalidParameterError saying what to
do; with a corpus, the same options and the column names go to the table function.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import mediastudy as ms
from mediastudy.errors import InvalidParameterError


@pytest.fixture(scope="module")
def demo():
    return ms.load_demo()


def test_plot_volume_refuses_table_options(demo):
    weekly = ms.volume_table(demo, freq="W")
    fig, ax = plt.subplots()
    with pytest.raises(InvalidParameterError, match=r"plot_volume was given a finished table "
                       r"\(from volume_table\).*cannot apply freq='M', keyword='nato'. Build "
                       r"the table with them") as info:
        ms.plot_volume(weekly, freq="M", keyword="nato", ax=ax)
    assert info.value.param == "freq" and info.value.value == "M"
    assert not ax.lines  # nothing half-drawn
    with pytest.raises(InvalidParameterError, match="cannot apply outlets=2"):
        ms.plot_volume(weekly, outlets=2, ax=ax)
    with pytest.raises(InvalidParameterError, match="cannot apply date_column='published'"):
        ms.plot_volume(weekly, date_column="published", ax=ax)
    # the table's own period, or no option at all, is fine
    ms.plot_volume(weekly, freq="W", ax=ax)
    assert len(ax.get_legend().get_texts()) >= 2


def test_plot_volume_passes_options_and_column_names_with_a_corpus(demo):
    renamed = demo.rename(columns={"date": "published", "outlet": "source"})
    fig, (ax1, ax2) = plt.subplots(2)
    ms.plot_volume(renamed, freq="M", date_column="published", outlet_column="source",
                   keyword="NATO", ax=ax1)
    ms.plot_volume(demo, freq="M", keyword="NATO", ax=ax2)
    for a, b in zip(ax1.lines, ax2.lines, strict=True):
        np.testing.assert_array_equal(a.get_ydata(), b.get_ydata())


def test_plot_volume_grid_refuses_table_options(demo):
    table = ms.volume_table(demo, freq="W")
    with pytest.raises(InvalidParameterError, match="plot_volume_grid .* cannot apply span='outlet'"):
        ms.plot_volume_grid(table, span="outlet")
    axes = ms.plot_volume_grid(table)
    assert len(axes) == table["outlet"].nunique()


def test_plot_topic_share_refuses_table_options(demo):
    topic = np.arange(len(demo)) % 3
    corpus = demo.assign(topic=topic, topic_label=[f"t{t}" for t in topic])
    table = ms.topic_share_table(corpus, freq="M", n_boot=50)
    outlet = str(table["outlet"].iloc[0])
    fig, ax = plt.subplots()
    with pytest.raises(InvalidParameterError, match=r"plot_topic_share was given a finished "
                       r"table \(from topic_share_table\).*n_boot=200"):
        ms.plot_topic_share(table, outlet=outlet, n_boot=200, ax=ax)
    with pytest.raises(InvalidParameterError, match="cannot apply freq='Q'"):
        ms.plot_topic_share(table, outlet=outlet, freq="Q", ax=ax)  # the table is monthly
    ms.plot_topic_share(table, outlet=outlet, freq="M", ax=ax)  # its own period: fine
    assert ax.collections
    # with a corpus, the column names are passed on
    fig, ax2 = plt.subplots()
    renamed = corpus.rename(columns={"topic": "cluster", "date": "published"})
    ms.plot_topic_share(renamed, outlet=outlet, freq="M", n_boot=50, topic_column="cluster",
                        date_column="published", ax=ax2)
    assert len(ax2.collections) == len(ax.collections)


def test_plot_stance_timeline_refuses_table_options(demo):
    stance = ms.score_stance(demo, ms.demo_path("lexicon"))
    table = ms.stance_timeline_table(stance, demo, freq="M", min_articles=2)
    target = str(table["target"].iloc[0])
    fig, ax = plt.subplots()
    with pytest.raises(InvalidParameterError, match=r"plot_stance_timeline was given a "
                       r"finished table .*cannot apply rolling=3, start='2022-01-01'"):
        ms.plot_stance_timeline(table, target=target, rolling=3, start="2022-01-01", ax=ax)
    ms.plot_stance_timeline(table, target=target, ax=ax)
    assert ax.collections
    renamed = demo.rename(columns={"id": "doc"})
    scores = stance.articles.rename(columns={"id": "doc"})
    fig, ax2 = plt.subplots()
    ms.plot_stance_timeline(scores, renamed, target=target, freq="M", min_articles=2,
                            id_column="doc", ax=ax2)
    assert len(ax2.lines) == len(ax.lines)


def test_the_caller_frames_are_not_changed(demo):
    table = ms.volume_table(demo)
    before = table.copy(deep=True)
    with pytest.raises(InvalidParameterError):
        ms.plot_volume(table, freq="Q")
    pd.testing.assert_frame_equal(table, before)
