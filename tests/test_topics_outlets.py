"""Outlet make-up of topics and their flags; choose_k's warning and threshold (issue 16)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_topics_adjust import SMALL, styled_corpus

from mediastudy import (
    InvalidParameterError,
    SchemaError,
    TopicModel,
    choose_k,
    plot_choose_k,
    topic_flags_table,
    topic_outlets_table,
)
from mediastudy.topics.outlet_makeup import is_dominant


def test_the_dominance_rule():
    share = np.array([0.5, 0.49, 0.73, 0.72, 0.95, 0.94, 1.0, 1.0])
    corpus = np.array([0.125, 0.125, 0.4, 0.4, 0.8, 0.8, 0.2, 1.0])
    assert is_dominant(share, corpus).tolist() == [True, False, True, False, True, False, True, False]


def test_house_style_topics_are_flagged_and_adjusted_ones_are_not():
    corpus = styled_corpus()
    before = corpus.copy()
    plain = TopicModel(2, random_state=0, **SMALL).fit(corpus)
    table = topic_outlets_table(corpus, plain)
    pd.testing.assert_frame_equal(corpus, before)
    assert list(table.columns) == ["topic", "topic_label", "outlet", "n_articles", "share", "corpus_share",
                                   "dominant", "stability", "low_stability"]
    assert table["dominant"].all() and (table["share"] == 1.0).all()
    flags = topic_flags_table(corpus, plain)
    assert flags["dominant"].all()
    assert "come from Alpha, which wrote 50% of the corpus" in " ".join(flags["note"])
    adjusted = TopicModel(2, random_state=0, adjust_for="outlet", **SMALL).fit(corpus)
    flags = topic_flags_table(corpus, adjusted)
    assert not flags["dominant"].any()
    assert (flags["note"] == "").all()
    assert (topic_outlets_table(corpus, adjusted)["share"] == 0.5).all()


def test_low_stability_topics_are_flagged_in_words():
    corpus = styled_corpus()
    model = TopicModel(2, random_state=0, **SMALL).fit(corpus)
    model.topic_stability_ = np.array([0.9, 0.03])
    flags = topic_flags_table(corpus, model)
    assert flags["low_stability"].tolist() == [False, True]
    assert "only 3% of the time" in flags["note"].iloc[1]


def test_small_topics_and_one_outlet_are_not_judged():
    corpus = styled_corpus()
    model = TopicModel(2, random_state=0, **SMALL).fit(corpus)
    assert not topic_outlets_table(corpus, model, min_articles=100)["dominant"].any()
    one = corpus.assign(outlet="Only")
    assert not topic_flags_table(one, model)["dominant"].any()


def test_outlet_table_checks_its_input():
    corpus = styled_corpus()
    model = TopicModel(2, random_state=0, **SMALL).fit(corpus)
    with pytest.raises(SchemaError, match="source"):
        topic_outlets_table(corpus, model, outlet_column="source")
    with pytest.raises(InvalidParameterError, match="min_topic_stability"):
        topic_flags_table(corpus, model, min_topic_stability=2)
    with pytest.raises(TypeError, match="corpus first"):
        topic_outlets_table(model, corpus)


@pytest.mark.filterwarnings("ignore:choose_k")
def test_choose_k_counts_flagged_topics_and_gives_its_reason():
    corpus = styled_corpus()
    table = choose_k(corpus, ks=[2, 3], random_state=0, **SMALL)
    assert {"n_low_stability", "n_outlet_dominated", "stability_needed", "reason"} <= set(table.columns)
    assert table.loc[table["k"] == 2, "n_outlet_dominated"].iloc[0] == 2
    adjusted = choose_k(corpus, ks=[2], random_state=0, adjust_for="outlet", **SMALL)
    assert adjusted["n_outlet_dominated"].iloc[0] == 0
    best = table[table["recommended"]]
    assert len(best) == 1 and best["reason"].iloc[0]
    texts = list(corpus["text"])
    assert np.isnan(choose_k(texts, ks=[2], random_state=0, **SMALL)["n_outlet_dominated"].iloc[0])


def test_choose_k_warns_when_no_k_is_stable_enough():
    corpus = styled_corpus()
    with pytest.warns(UserWarning, match="no k in .* reached min_stability=1.0"):
        table = choose_k(corpus, ks=[3, 4], min_stability=1.0, random_state=0, n_init=4, **SMALL)
    assert table["reason"][table["recommended"]].iloc[0].startswith("no k reached")


def test_plot_choose_k_draws_the_stability_needed():
    corpus = styled_corpus()
    table = choose_k(corpus, ks=[2, 3], min_stability=0.7, random_state=0, **SMALL)
    ax = plot_choose_k(table)
    flat = [line for line in ax.lines if list(line.get_ydata()) == [0.7, 0.7]]
    assert len(flat) == 1 and "0.7" in flat[0].get_label()


def test_plot_choose_k_leaves_room_above_the_stability_needed():
    # scores just under the line: the dotted line must not sit on the Axes' frame
    import matplotlib.pyplot as plt
    import pandas as pd

    table = pd.DataFrame({"k": [4, 6, 8], "silhouette": [0.15, 0.15, 0.12],
                          "stability": [0.777, 0.69, 0.56], "stability_needed": [0.8] * 3})
    fig, ax = plt.subplots()
    plot_choose_k(table, ax=ax)
    lo, hi = ax.get_ylim()
    assert hi - 0.8 >= 0.05 * (hi - lo)
    plt.close(fig)
