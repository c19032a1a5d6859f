"""One colour per topic id in every topic figure, the first topics furthest apart."""

from __future__ import annotations

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import mediastudy as ms
from mediastudy.errors import InvalidParameterError
from mediastudy.style import OTHER_COLOR, PALETTE, TOPIC_ORDER, ciede2000, to_lab


def _distances():
    worst = np.full((len(PALETTE), len(PALETTE)), np.inf)
    for vision in ("normal", "deuteranopia", "protanopia"):
        lab = to_lab(PALETTE, vision=vision)
        worst = np.minimum(worst, ciede2000(lab[:, None, :], lab[None, :, :]))
    np.fill_diagonal(worst, np.inf)
    return worst


def test_topic_order_is_the_palette_furthest_first():
    d = _distances()
    order = [0]
    while len(order) < len(PALETTE):
        rest = [i for i in range(len(PALETTE)) if i not in order]
        order.append(max(rest, key=lambda i: (d[i, order].min(), -i)))
    assert tuple(order) == TOPIC_ORDER
    first = [d[np.ix_(TOPIC_ORDER[:n], TOPIC_ORDER[:n])].min() for n in (5, 8)]
    plain = [d[:n, :n].min() for n in (5, 8)]
    assert first[0] >= 23.9 and first[1] >= 14.3  # as TOPIC_ORDER's comment says
    assert first[0] > plain[0] and first[1] > plain[1]


def test_topic_colors_by_id():
    assert list(ms.topic_colors([2, 0, 2]).items()) == [(2, PALETTE[TOPIC_ORDER[2]]),
                                                        (0, PALETTE[TOPIC_ORDER[0]])]
    assert ms.topic_colors([np.int64(15)])[15] == PALETTE[TOPIC_ORDER[1]]  # repeats after 14
    assert set(ms.topic_colors().values()) == set(PALETTE)
    assert ms.topic_colors([None, pd.NA]) == {None: OTHER_COLOR, pd.NA: OTHER_COLOR}
    for bad in ("a", -1, 1.5, True):
        with pytest.raises(InvalidParameterError, match="topic_colors takes topic ids"):
            ms.topic_colors([bad])


@pytest.fixture(scope="module")
def assigned():
    corpus = ms.load_demo()
    model = ms.TopicModel(6, random_state=0).fit(corpus)
    return corpus, model, ms.assign_topics(corpus, model)


def test_the_map_and_topic_share_give_a_topic_one_colour(assigned):
    corpus, model, topics = assigned
    fig, ax = plt.subplots()
    ms.plot_topic_map(corpus, model, ax=ax)
    on_map = {int(c.get_label().split(":")[0]): mcolors.to_hex(c.get_facecolor()[0])
              for c in ax.collections}
    assert on_map == ms.topic_colors(range(6))
    table = ms.topic_share_table(topics, top_n=3)
    ids = table.drop_duplicates("topic_label").set_index("topic_label")["topic"]
    for outlet in table["outlet"].unique():
        fig, ax = plt.subplots()
        ms.plot_topic_share(table, outlet=outlet, kind="line", ax=ax)
        drawn = {t.get_text(): mcolors.to_hex(h.get_color())
                 for t, h in zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles, strict=True)
                 if hasattr(h, "get_color") and t.get_text() in ids.index}
        assert len(drawn) == 4  # three topics kept by size, the rest pooled
        for label, colour in drawn.items():
            topic = ids[label]
            assert colour == (OTHER_COLOR if pd.isna(topic) else on_map[int(topic)])
        plt.close(fig)


def test_topic_colors_takes_whole_floats_and_format_date_axis_checks_freq():
    assert ms.topic_colors([1.0])[1.0] == ms.topic_colors([1])[1]
    with pytest.raises(InvalidParameterError, match="'freq' parameter of format_date_axis"):
        fig, ax = plt.subplots()
        ms.format_date_axis(ax, freq="weekly")
