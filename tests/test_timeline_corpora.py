"""Timelines on the real corpora: Ukraine 2019-2022 (14 outlets), Reuters 1987, AllSides."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

from mediastudy import (
    find_peaks_table,
    mark_events,
    plot_stance_timeline,
    plot_topic_share,
    plot_volume,
    stance_timeline_table,
    topic_share_table,
    volume_table,
)

pytestmark = pytest.mark.corpora

UKRAINE_EVENTS = pd.DataFrame({
    "date": ["2022-02-24", "2022-04-03", "2022-06-28", "2022-09-21", "2022-09-30", "2022-11-11"],
    "label": ["Invasion begins", "Bucha killings reported", "NATO summit, Madrid",
              "Partial mobilisation", "Annexation claimed", "Kherson retaken"],
    "end_date": [None, None, "2022-06-30", None, None, None],
})  # fmt: skip


@pytest.fixture(scope="module")
def ukraine(corpora) -> pd.DataFrame:
    df = pd.read_parquet(corpora / "news_ukraine_2022.parquet")
    title = df["title"].fillna("").str.lower()
    # A synthetic topic column (the topic model is tested elsewhere).
    topic = np.select([title.str.contains("nato"), title.str.contains("putin"),
                       title.str.contains("grain|gas|energy")], [0, 1, 2], default=3)  # fmt: skip
    return df.assign(id=[f"u{i}" for i in range(len(df))], topic=topic)


@pytest.fixture(scope="module")
def reuters(corpora) -> pd.DataFrame:
    df = pd.read_parquet(corpora / "reuters21578.parquet")
    first = df["topics"].map(lambda t: t[0] if len(t) else "(none)")
    codes, labels = pd.factorize(first, sort=True)
    return pd.DataFrame({"id": df["newid"].astype(str), "outlet": "Reuters", "date": df["date"],
                         "title": df["title"].fillna(""), "text": df["body"].fillna(""),
                         "topic": codes, "topic_label": np.asarray(labels)[codes]})  # fmt: skip


def _no_overlaps(boxes) -> bool:
    return all(not a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_ukraine_weekly_volume_is_complete_and_reports_undated(ukraine):
    with pytest.warns(UserWarning, match="left out 3,334 without a date of 11,087"):
        t = volume_table(ukraine, freq="W")
    assert t.attrs["n_no_date"] == 3334
    assert t["n_articles"].sum() == len(ukraine) - 3334
    assert t["outlet"].nunique() == 14
    weeks = t.groupby("outlet", observed=True)["period"].agg(["min", "max", "count"])
    assert (weeks["min"] == pd.Timestamp("2019-11-18")).all()  # 2019-11-21 is a Thursday
    assert (weeks["max"] == pd.Timestamp("2022-12-26")).all()  # 2022-12-28 is a Wednesday
    n_weeks = (pd.Timestamp("2022-12-26") - pd.Timestamp("2019-11-18")).days // 7 + 1
    assert (weeks["count"] == n_weeks).all()  # zero-filled: no week missing
    flags = t[t["outlet"] == "RT"]["incomplete"].to_numpy()
    assert flags[0] and flags[-1] and not flags[1:-1].any()
    assert (t["n_articles"] == 0).mean() > 0.5  # outlets cover different months


def test_ukraine_volume_plot_with_events_has_no_overlapping_labels(ukraine):
    fig, ax = plt.subplots(figsize=(10, 4.2), layout="constrained")
    with pytest.warns(UserWarning):
        plot_volume(ukraine, freq="W", ax=ax)
    mark_events(ax, UKRAINE_EVENTS)
    fig.canvas.draw()
    lines = [ln for ln in ax.lines if not ln.get_label().startswith("_")]
    assert len(lines) == 14
    assert len({ln.get_color() for ln in lines}) == 14
    events = [t for t in ax.texts if t.get_gid() == "event"]
    assert len(events) == 6
    boxes = [Text.get_window_extent(t) for t in events]
    assert _no_overlaps(boxes)
    assert min(b.y0 for b in boxes) >= ax.get_window_extent().y1
    for j, note in enumerate(events):  # connectors cross no other label
        line = note.arrow_patch.get_window_extent()
        assert all(not line.overlaps(b) for i, b in enumerate(boxes) if i != j)
    ticks = [t.get_window_extent() for t in ax.get_xticklabels() if t.get_text()]
    assert len(ticks) >= 3 and _no_overlaps(ticks)
    legend = ax.get_legend().get_window_extent()
    assert legend.x0 >= ax.get_window_extent().x1


def test_ukraine_topic_share_by_outlet(ukraine):
    with pytest.warns(UserWarning):
        t = topic_share_table(ukraine, freq="M", random_state=0)
    sums = t.groupby(["outlet", "period"], observed=True)["share"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0)
    assert ((t["ci_low"] <= t["share"]) & (t["share"] <= t["ci_high"])).all()
    fig, ax = plt.subplots()
    plot_topic_share(t, outlet="RT", kind="line", ax=ax)
    assert len(ax.lines) == 4 and len(ax.collections) == 4


def test_ukraine_stance_timeline_with_synthetic_scores(ukraine):
    rng = np.random.default_rng(0)
    mentions = rng.integers(0, 3, len(ukraine))
    scores = pd.DataFrame({"id": ukraine["id"], "target": "NATO", "n_mentions": mentions,
                           "score": np.where(mentions > 0, rng.uniform(-1, 1, len(ukraine)),
                                             np.nan)})  # fmt: skip
    with pytest.warns(UserWarning, match="without a date"):
        t = stance_timeline_table(scores, ukraine, freq="M", outlets=["RT", "BBC"], rolling=2)
    assert set(t["outlet"].astype(str)) == {"RT", "BBC"}
    sure = t[~t["too_few"]]
    assert len(sure) > 0 and (sure["ci_low"] <= sure["mean_score"]).all()
    fig, ax = plt.subplots()
    plot_stance_timeline(t, ax=ax)
    assert len([c for c in ax.collections]) >= 2


def test_reuters_daily_volume_and_peaks(reuters):
    with pytest.warns(UserWarning, match="left out 1 without a date"):
        t = volume_table(reuters, freq="D")
    assert len(t) == (pd.Timestamp("1987-10-20") - pd.Timestamp("1987-02-26")).days + 1
    assert t["n_articles"].max() > 1000 and (t["n_articles"] == 0).sum() > 100
    assert not t["incomplete"].any()  # a day is never partly covered
    fig, ax = plt.subplots(figsize=(10, 4), layout="constrained")
    plot_volume(t, ax=ax)
    fig.canvas.draw()
    ticks = [t.get_window_extent() for t in ax.get_xticklabels() if t.get_text()]
    assert len(ticks) >= 3 and _no_overlaps(ticks)
    with pytest.warns(UserWarning):
        peaks = find_peaks_table(reuters, freq="D", window=7)
    assert len(peaks) >= 1
    assert (peaks["n_articles"] >= 1.5 * peaks["baseline"]).all()
    assert peaks["headline"].str.len().gt(0).all()


def test_reuters_topic_share_weekly(reuters):
    with pytest.warns(UserWarning):
        t = topic_share_table(reuters, freq="W", top_n=6, random_state=1)
    labels = set(t["topic_label"].astype(str))
    assert {"earn", "acq", "other"} <= labels and len(labels) == 7
    sums = t.groupby("period")["share"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0)
    fig, ax = plt.subplots()
    plot_topic_share(t, ax=ax)
    assert len(ax.collections) == 7


def test_allsides_bad_dates_reported_and_left_out(corpora):
    df = pd.read_parquet(corpora / "allsides_news.parquet", columns=["outlet", "date", "topic"])
    with pytest.warns(UserWarning, match=r"4,444 without a date and 2 dated outside"):
        default = volume_table(df, freq="Y")
    assert default["period"].min().year == 2001  # year 0001 is left out by default
    with pytest.warns(UserWarning, match=r"4,444 without a date and 7 dated outside "
                                         r"2012-01-01\.\.2020-12-31"):  # fmt: skip
        t = volume_table(df, freq="W", start="2012-01-01", end="2020-12-31")
    assert t["n_articles"].sum() == len(df) - 4444 - 7
    assert t["outlet"].nunique() == df.loc[df["date"].between("2012", "2021"), "outlet"].nunique()
