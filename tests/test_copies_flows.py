"""Copy flows between outlets, each outlet's share of copies, agency credits, the plot."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import mediastudy as ms
from mediastudy.errors import InvalidParameterError

WIRE = "WASHINGTON (AP) \u2014 " + " ".join(f"wire{i}" for i in range(80))
TASS = "MOSCOW, June 3 (TASS) - " + " ".join(f"tass{i}" for i in range(80))
OWN = " ".join(f"own{i}" for i in range(80))


@pytest.fixture
def corpus():
    return pd.DataFrame({
        "id": ["ap1", "a1", "b1", "b2", "t1", "c1", "c2", "b3"],
        "outlet": ["AP", "Daily $ News", "Weekly", "Weekly", "TASS", "Daily $ News", "Daily $ News", "Weekly"],
        "date": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-02", "2024-01-03",
                                "2024-01-05", "2024-01-06", "2024-01-07", "2024-01-08"]),
        "text": [WIRE, WIRE, WIRE, WIRE + " An update.", TASS, TASS[24:], OWN, OWN],
    })


def test_wire_credits():
    corpus = pd.DataFrame({"text": [
        "KYIV (Reuters) - Talks ended.", "BEIJING, May 2 (Xinhua) -- Talks ended.",
        "Talks ended.\n\nReporting by Jane Doe; Editing by John Roe", "AFP \u2014 Talks ended.",
        "Talks ended, RIA Novosti said. " + "Nothing more. " * 40, "", None,
        "Talks ended.\n\nThe Associated Press contributed to this report.",
        "MOSCOW (TASS) - Talks ended, Reuters said."]})
    assert ms.wire_credits(corpus).tolist() == ["Reuters", "Xinhua", "Reuters", "AFP", "", "", "",
                                                "AP", "Reuters, TASS"]


def test_copy_flow_table(corpus):
    before = corpus.copy(deep=True)
    flows = ms.copy_flow_table(corpus)
    pd.testing.assert_frame_equal(corpus, before)
    got = {(r.origin_outlet, r.outlet): r.n_articles for r in flows.itertuples()}
    assert got == {("AP", "Weekly"): 2, ("AP", "Daily $ News"): 1, ("TASS", "Daily $ News"): 1,
                   ("Daily $ News", "Weekly"): 1}
    row = flows[(flows.origin_outlet == "AP") & (flows.outlet == "Weekly")].iloc[0]
    assert row.share == pytest.approx(2 / 3)
    assert row.agencies == "AP 2"
    tass = flows[flows.origin_outlet == "TASS"].iloc[0]
    assert tass.agencies == "TASS 1"  # the copy dropped the dateline; its origin has it
    assert ms.copy_flow_table(corpus, min_articles=2)["n_articles"].tolist() == [2]
    same = ms.copy_flow_table(corpus, ms.find_duplicates(corpus))
    pd.testing.assert_frame_equal(flows, same)
    with pytest.raises(InvalidParameterError, match="min_articles"):
        ms.copy_flow_table(corpus, min_articles=0)


def test_copy_share_table(corpus):
    shares = ms.copy_share_table(corpus).set_index("outlet")
    assert shares.loc["Weekly", "n_copies"] == 3 and shares.loc["Weekly", "n_articles"] == 3
    assert shares.loc["Weekly", "share"] == 1.0
    assert shares.loc["Weekly", "copied_from"] == "AP 2, Daily $ News 1"
    assert shares.loc["Daily $ News", "n_copies"] == 2
    assert shares.loc["Daily $ News", "n_copied"] == 1
    assert shares.loc["AP", "n_copied"] == 1 and shares.loc["AP", "n_copies"] == 0
    assert shares["n_articles"].sum() == len(corpus)


def test_plot_copy_flows(corpus):
    fig, ax = plt.subplots()
    assert ms.plot_copy_flows(corpus, ax=ax) is ax
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["Daily $ News", "Weekly"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["AP", "Daily $ News", "TASS"]
    for t in ax.get_xticklabels():
        assert not t.get_parse_math()  # "$" is shown, not read as math
    cells = sorted(t.get_text() for t in ax.texts)
    assert cells == ["1", "1", "1", "2"]
    # from the table as well
    fig2, ax2 = plt.subplots()
    ms.plot_copy_flows(ms.copy_flow_table(corpus), ax=ax2)
    assert sorted(t.get_text() for t in ax2.texts) == cells


def test_plot_copy_flows_without_copies():
    corpus = pd.DataFrame({"id": ["a"], "outlet": ["A"], "date": pd.to_datetime(["2024-01-01"]),
                           "text": [OWN]})
    ax = ms.plot_copy_flows(corpus)
    assert ax.texts[0].get_text() == "No copies between outlets"
