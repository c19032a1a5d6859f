"""Topic share tables and plots: shares sum to 1, CIs hold the estimate, seeded bootstrap."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PolyCollection

import mediastudy as ms
from mediastudy import SchemaError, bootstrap_share_ci, plot_topic_share, topic_share_table


@pytest.fixture
def corpus() -> pd.DataFrame:
    """Three outlets, 300 articles over four months, with a synthetic topic column."""
    rng = np.random.default_rng(7)
    n = 300
    dates = pd.Timestamp("2022-01-10") + pd.to_timedelta(rng.integers(0, 110, n), unit="D")
    outlet = rng.choice(["A", "B", "C"], n, p=[0.5, 0.3, 0.2])
    # Outlet A writes mostly about topic 0, the others spread out.
    topic = np.where(outlet == "A", rng.choice(4, n, p=[0.7, 0.1, 0.1, 0.1]), rng.choice(4, n))
    labels = np.array(["war", "economy", "sport", "weather"])[topic]
    return pd.DataFrame({"id": [f"x{i}" for i in range(n)], "outlet": outlet, "date": dates,
                         "topic": topic, "topic_label": labels})  # fmt: skip


def test_shares_sum_to_one_per_outlet_and_period(corpus):
    t = topic_share_table(corpus, freq="W", random_state=0)
    sums = t.groupby(["outlet", "period"], observed=True)["share"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0)
    totals = t.groupby(["outlet", "period"], observed=True)["n_articles"].sum()
    np.testing.assert_array_equal(
        totals.to_numpy(), t.groupby(["outlet", "period"], observed=True)["n_total"].first()
    )
    assert t["n_articles"].sum() == len(corpus)
    assert list(t.columns) == ["period", "period_end", "outlet", "topic", "topic_label",
                               "n_articles", "n_total", "share", "ci_low", "ci_high",
                               "incomplete"]  # fmt: skip


def test_every_topic_listed_in_each_published_cell_and_no_rows_for_empty_cells(corpus):
    small = corpus[corpus["outlet"] == "C"].iloc[:5]
    t = topic_share_table(small, freq="D")
    n_days_with_articles = small["date"].dt.normalize().nunique()
    assert len(t) == n_days_with_articles * small["topic"].nunique()


def test_confidence_intervals_contain_the_estimate(corpus):
    t = topic_share_table(corpus, freq="W", n_boot=500, random_state=3)
    assert (t["ci_low"] <= t["share"]).all() and (t["share"] <= t["ci_high"]).all()
    assert (t["ci_low"] >= 0).all() and (t["ci_high"] <= 1).all()
    varying = t[(t["n_articles"] > 0) & (t["n_articles"] < t["n_total"])]
    assert (varying["ci_high"] > varying["ci_low"]).all()
    degenerate = t[t["n_articles"] == 0]
    assert (degenerate["ci_low"] == 0).all() and (degenerate["ci_high"] == 0).all()


def test_bootstrap_is_seeded(corpus):
    a = topic_share_table(corpus, freq="M", random_state=11)
    b = topic_share_table(corpus.sample(frac=1, random_state=1), freq="M", random_state=11)
    c = topic_share_table(corpus, freq="M", random_state=12)
    pd.testing.assert_frame_equal(a, b)  # same seed, any row order: same table
    assert not np.allclose(a["ci_low"], c["ci_low"])


def test_vectorised_bootstrap_agrees_with_resampling_articles():
    """The binomial shortcut gives the same interval as resampling articles in a loop."""
    labels = np.array([1] * 15 + [0] * 35)  # share 0.3 of 50 articles
    rng = np.random.default_rng(0)
    loop = [labels[rng.integers(0, 50, 50)].mean() for _ in range(4000)]
    lo_loop, hi_loop = np.quantile(loop, [0.025, 0.975])
    lo, hi = bootstrap_share_ci(np.array([15]), np.array([50]), n_boot=4000, random_state=5)
    assert abs(lo[0] - lo_loop) <= 0.03 and abs(hi[0] - hi_loop) <= 0.03
    # and both near the normal approximation 0.3 +- 1.96 * sqrt(.3 * .7 / 50)
    assert abs(lo[0] - 0.173) < 0.04 and abs(hi[0] - 0.427) < 0.04


def test_top_n_pools_the_rest_as_other(corpus):
    t = topic_share_table(corpus, freq="M", top_n=2)
    labels = list(dict.fromkeys(t["topic_label"].astype(str)))
    assert labels[-1] == "other" and len(labels) == 3
    assert t.loc[t["topic_label"] == "other", "topic"].isna().all()
    assert t.loc[t["topic_label"] != "other", "topic"].notna().all()
    sums = t.groupby(["outlet", "period"], observed=True)["share"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0)
    assert "war" in labels  # the largest topic is kept


def test_labels_default_to_topic_ids_and_pooled_outlets(corpus):
    t = topic_share_table(corpus.drop(columns="topic_label"), freq="Q", by=None)
    assert set(t["outlet"]) == {"all"}
    assert sorted(set(t["topic_label"].astype(str))) == ["0", "1", "2", "3"]


def test_input_not_changed_and_missing_topics_reported(corpus):
    df = corpus.assign(topic=corpus["topic"].astype("Int64"))
    df.loc[df.index[:4], "topic"] = pd.NA
    before = df.copy(deep=True)
    with pytest.warns(UserWarning, match="left out 4 articles without a topic"):
        t = topic_share_table(df, freq="M")
    assert t.attrs["n_no_topic"] == 4
    pd.testing.assert_frame_equal(df, before)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"freq": "fortnight"}, ValueError, r"'freq' parameter of topic_share_table"),
        ({"topic_column": "cluster"}, SchemaError, r"needs a column of topic ids, 'cluster'.*assign_topics"),
        ({"topic_column": "topic_label"}, ValueError, r"needs whole-number topic ids.*topic_column="),
        ({"n_boot": 1}, ValueError, r"'n_boot' parameter must be an integer >= 2"),
        ({"ci": 95}, ValueError, r"'ci' parameter must be between 0 and 1"),
        ({"top_n": 0}, ValueError, r"'top_n' parameter of topic_share_table"),
    ],
)
def test_bad_arguments(corpus, kwargs, error, message):
    with pytest.raises(error, match=message):
        topic_share_table(corpus, **kwargs)


@pytest.mark.parametrize("value", [2, [0, 1], "war", "cluster"])
def test_topic_is_not_a_filter_here(corpus, value):
    # volume_table(topic=2) keeps topic 2; here every topic gets its share, so topic=
    # says what to use instead of failing on a missing column named 2
    with pytest.raises(TypeError, match=r"has no topic filter.*topic_column=.*topics=\["):
        topic_share_table(corpus, topic=value)


def test_topic_column_names_the_topic_ids(corpus):
    renamed = corpus.rename(columns={"topic": "cluster"})
    before = renamed.copy(deep=True)
    got = topic_share_table(renamed, freq="M", topic_column="cluster", random_state=0)
    pd.testing.assert_frame_equal(renamed, before)
    expected = topic_share_table(corpus, freq="M", random_state=0)
    pd.testing.assert_frame_equal(got, expected)
    # the column name given as topic= (its name before) still works, with a warning
    with pytest.warns(FutureWarning, match="'topic' parameter of topic_share_table is deprecated"):
        old = topic_share_table(renamed, freq="M", topic="cluster", random_state=0)
    pd.testing.assert_frame_equal(old, expected)


def test_plot_area_stacks_every_topic(corpus):
    fig, ax = plt.subplots()
    out = plot_topic_share(corpus, outlet="A", freq="M", top_n=None, ax=ax)
    assert out is ax
    polys = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(polys) == 4
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "war", "economy", "sport", "weather"]  # fmt: skip
    assert ax.get_ylim() == (0, 100)
    assert ax.get_title(loc="left") == "Topic share: A"


def test_plot_lines_draws_a_band_per_line(corpus):
    fig, ax = plt.subplots()
    plot_topic_share(corpus, outlet="B", kind="line", topics=[0, "sport"], freq="M", ax=ax,
                     linewidth=2.5)  # fmt: skip
    assert [ln.get_label() for ln in ax.lines] == ["war", "sport"]
    assert all(ln.get_linewidth() == 2.5 for ln in ax.lines)
    assert len(ax.collections) == 2
    assert "95% bootstrap CI" in ax.get_ylabel()


def test_plot_needs_one_outlet(corpus):
    fig, ax = plt.subplots()
    table = topic_share_table(corpus, freq="M")
    for data in (corpus, table):
        with pytest.raises(
            TypeError, match=r"takes one outlet name .*Got \['A', 'B'\]\. .*for name, ax in zip"
        ):
            plot_topic_share(data, outlet=["A", "B"], ax=ax)
        with pytest.raises(TypeError, match=r"one outlet per Axes: pass outlet= \(singular\)"):
            plot_topic_share(data, outlets=["A", "B"], ax=ax)
    assert not ax.collections and not ax.lines
    with pytest.raises(ValueError, match=r"one outlet per Axes; pass outlet= one of \['A', 'B'"):
        plot_topic_share(corpus, ax=ax)
    with pytest.raises(ValueError, match=r"'kind' parameter of plot_topic_share"):
        plot_topic_share(corpus, outlet="A", kind="pie", ax=ax)
    table = topic_share_table(corpus, freq="M")
    with pytest.raises(ValueError, match="topic 'politics' is not in the table"):
        plot_topic_share(table, outlet="A", kind="line", topics=["politics"], ax=ax)


@pytest.fixture
def patchy() -> pd.DataFrame:
    """Outlet A publishes only in January and April; B every month from January to June."""
    return pd.DataFrame({
        "outlet": ["A"] * 4 + ["B"] * 6,
        "date": pd.to_datetime(["2022-01-05", "2022-01-20", "2022-04-03", "2022-04-09",
                                "2022-01-05", "2022-02-05", "2022-03-05", "2022-04-05",
                                "2022-05-05", "2022-06-05"]),
        "topic": [0, 1, 0, 0, 0, 1, 0, 1, 0, 1],
        "topic_label": ["war", "sport", "war", "war", "war", "sport", "war", "sport", "war",
                        "sport"],
    })  # fmt: skip


def _visible_points(ax) -> set[tuple[float, float]]:
    """(x, y) of every value a reader can see: a marker, or an end of a drawn segment."""
    seen = set()
    for line in ax.lines:
        xy = np.asarray(line.get_xydata(), dtype=float)
        finite = np.isfinite(xy).all(axis=1)
        has_marker = line.get_marker() not in (None, "None", "none", "", " ")
        has_line = line.get_linestyle() not in ("None", "none", "", " ")
        for i in np.flatnonzero(finite):
            joined = (i > 0 and finite[i - 1]) or (i + 1 < len(xy) and finite[i + 1])
            if has_marker or (has_line and joined):
                seen.add((round(xy[i, 0], 3), round(xy[i, 1], 3)))
    return seen


def test_plot_lines_shows_an_outlet_with_gaps_between_its_months(patchy):
    table = topic_share_table(patchy, freq="M", random_state=0)
    fig, ax = plt.subplots()
    plot_topic_share(table, outlet="A", kind="line", ax=ax)
    part = table[table["outlet"] == "A"]
    mid = part["period"] + (part["period_end"] + pd.Timedelta(days=1) - part["period"]) / 2
    expected = {(round(float(x), 3), round(float(y), 3))
                for x, y in zip(mdates.date2num(mid), part["share"] * 100, strict=True)}  # fmt: skip
    jan, apr = (round(float(mdates.date2num(pd.Timestamp(d))), 3)
                for d in ("2022-01-16 12:00", "2022-04-16"))  # fmt: skip
    assert expected == {(jan, 50.0), (apr, 100.0), (apr, 0.0)}  # both topics 50% in January
    assert _visible_points(ax) == expected
    # February and March (no articles) stay a gap: no line runs from January to April.
    for line in ax.lines:
        if line.get_linestyle() in ("None", "none", "", " "):
            continue
        xy = np.asarray(line.get_xydata(), dtype=float)
        assert not (np.isfinite(xy[:-1]).all(axis=1) & np.isfinite(xy[1:]).all(axis=1)).any()
    # Each lone value keeps its interval, as a bar (a band one point wide is invisible).
    bars = [c for c in ax.collections if isinstance(c, LineCollection)]
    spans = sorted(tuple(np.round(seg[:, 1], 6)) for c in bars for seg in c.get_segments())
    want = sorted(tuple(np.round([lo * 100, hi * 100], 6))
                  for lo, hi in zip(part["ci_low"], part["ci_high"], strict=True))  # fmt: skip
    assert spans == want


def test_plot_lines_joins_consecutive_months_and_dots_only_lone_ones(patchy):
    fig, ax = plt.subplots()
    plot_topic_share(patchy, outlet="B", kind="line", freq="M", ax=ax)
    assert [ln.get_label() for ln in ax.lines] == ["war", "sport"]  # no extra dots
    assert not any(isinstance(c, LineCollection) for c in ax.collections)
    assert len(_visible_points(ax)) == 12  # 6 months x 2 topics


def test_plot_area_shows_an_outlet_with_gaps_between_its_months(patchy):
    fig, ax = plt.subplots()
    plot_topic_share(patchy, outlet="A", freq="M", ax=ax)
    polys = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(polys) == 2
    # One block per month with articles (January, April), nothing over February-March.
    for poly in polys:
        assert len(poly.get_paths()) == 2
    feb = mdates.date2num(pd.Timestamp("2022-02-15"))
    for path in polys[0].get_paths():
        x = path.vertices[:, 0]
        assert not (x.min() < feb < x.max())


def test_plot_a_table_that_lost_its_attrs_puts_values_in_their_own_weeks(patchy):
    table = topic_share_table(patchy[patchy["outlet"] == "B"], freq="W", random_state=0)
    fig, ax = plt.subplots()
    plot_topic_share(table, kind="line", ax=ax)
    with_attrs = _visible_points(ax)
    bare = table.copy()
    bare.attrs = {}  # as after a round trip through CSV or parquet
    fig, ax2 = plt.subplots()
    plot_topic_share(bare, kind="line", ax=ax2)
    assert _visible_points(ax2) == with_attrs
    assert len(with_attrs) == 2 * table["period"].nunique()
    assert "per week" in ax2.get_ylabel()


def test_topics_that_share_a_label_keep_one_row_each():
    # Labels come from the data (or from merged topics); two topics with one label must not
    # collapse into one category or crash the table.
    corpus = ms.load_demo()
    corpus = corpus.assign(topic=[i % 3 for i in range(len(corpus))],
                           topic_label=["same" if i % 3 < 2 else "apart" for i in range(len(corpus))])
    table = ms.topic_share_table(corpus, freq="Q")
    assert sorted(table["topic_label"].cat.categories) == ["apart", "same (0)", "same (1)"]
    per_topic = table.groupby("topic")["topic_label"].agg(lambda s: set(s.astype(str)))
    assert per_topic.to_dict() == {0: {"same (0)"}, 1: {"same (1)"}, 2: {"apart"}}
