"""Volume tables and plots: zero-filled periods, incomplete ends, filters, what is drawn."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from mediastudy import SchemaError, plot_volume, plot_volume_grid, volume_table


@pytest.fixture
def corpus() -> pd.DataFrame:
    """Two outlets over five ISO weeks; nobody publishes in the week of 2022-01-17."""
    rows = [
        ("a1", "A", "2022-01-05", "Troops mass at the border", "..."),  # Wed: week 1 partial
        ("a2", "A", "2022-01-06", "Football results", "..."),
        ("a3", "A", "2022-01-12", "Talks on the border fail", "NATO says ..."),
        ("b1", "B", "2022-01-11", "Weather", "Rain"),
        ("b2", "B", "2022-01-26", "Border crossing reopened", "..."),
        ("a4", "A", "2022-01-31", "Markets calm", "..."),  # Mon: last week partial
        ("b3", "B", None, "Undated story", "..."),
    ]
    df = pd.DataFrame(rows, columns=["id", "outlet", "date", "title", "text"])
    return df.assign(date=pd.to_datetime(df["date"]), topic=[1, 2, 1, 3, 1, 2, 1])


def test_weekly_table_is_zero_filled_and_flags_partial_ends(corpus):
    with pytest.warns(UserWarning, match="left out 1 without a date of 7 articles"):
        t = volume_table(corpus, freq="W")
    weeks = ["2022-01-03", "2022-01-10", "2022-01-17", "2022-01-24", "2022-01-31"]
    for name in ("A", "B"):
        part = t[t["outlet"] == name]
        assert part["period"].dt.strftime("%Y-%m-%d").tolist() == weeks
        assert part["incomplete"].tolist() == [True, False, False, False, True]
    a = t[t["outlet"] == "A"]["n_articles"].tolist()
    b = t[t["outlet"] == "B"]["n_articles"].tolist()
    assert a == [2, 1, 0, 0, 1]
    assert b == [0, 1, 0, 1, 0]
    assert t.attrs["n_no_date"] == 1 and t.attrs["n_out_of_range"] == 0
    assert list(t.columns) == ["period", "period_end", "outlet", "n_articles", "n_total",
                               "share", "incomplete"]  # fmt: skip


def test_input_frame_is_not_changed(corpus):
    before = corpus.copy(deep=True)
    with pytest.warns(UserWarning):
        volume_table(corpus, freq="M", keyword="border", span="outlet")
        fig, ax = plt.subplots()
        plot_volume(corpus, ax=ax, keyword="border")
    pd.testing.assert_frame_equal(corpus, before)


def test_counts_add_up_to_dated_articles(corpus):
    dated = corpus.dropna(subset=["date"])
    t = volume_table(dated, freq="D")
    assert t["n_articles"].sum() == len(dated)
    per_outlet = t.groupby("outlet", observed=True)["n_articles"].sum().to_dict()
    assert per_outlet == dated["outlet"].value_counts().to_dict()


def test_keyword_filter_counts_matches_and_share_of_outlet_output(corpus):
    dated = corpus.dropna(subset=["date"])
    t = volume_table(dated, freq="W", keyword="BORDER")  # case-insensitive, title or text
    a = t[t["outlet"] == "A"]
    assert a["n_articles"].tolist() == [1, 1, 0, 0, 0]
    assert a["n_total"].tolist() == [2, 1, 0, 0, 1]
    np.testing.assert_allclose(a["share"].to_numpy(), [0.5, 1.0, np.nan, np.nan, 0.0])
    both = volume_table(dated, freq="W", keyword=["weather", "football"], by=None)
    assert both["n_articles"].tolist() == [1, 1, 0, 0, 0]
    assert set(both["outlet"]) == {"all"}


def test_keyword_matches_literally_not_as_regex():
    df = pd.DataFrame({"date": pd.to_datetime(["2022-01-03", "2022-01-04"]),
                       "title": ["C++ news", "C news"], "text": ["", ""]})  # fmt: skip
    t = volume_table(df, freq="W", keyword="c++", by=None)
    assert t["n_articles"].tolist() == [1]


def test_a_keyword_that_is_not_text_is_named_in_the_error():
    df = pd.DataFrame({"date": pd.to_datetime(["2022-01-03"]), "title": ["C news"], "text": [""]})
    with pytest.raises(ValueError, match="'keyword' parameter of volume_table .* Got 5"):
        volume_table(df, freq="W", keyword=5, by=None)


def test_topic_filter(corpus):
    dated = corpus.dropna(subset=["date"])
    t = volume_table(dated, freq="M", topic=1)
    assert t.set_index("outlet")["n_articles"].to_dict() == {"A": 2, "B": 1}
    t2 = volume_table(dated, freq="M", topic=[2, 3])
    assert t2.set_index("outlet")["n_articles"].to_dict() == {"A": 2, "B": 1}


def test_start_end_window_and_implausible_years_are_reported():
    df = pd.DataFrame({
        "outlet": ["A"] * 4,
        "date": pd.to_datetime(["0001-01-01", "2022-01-10", "2022-01-12", "2050-09-30"],
                               format="ISO8601"),
    })  # fmt: skip
    with pytest.warns(UserWarning, match=r"1 dated outside 1800-01-01\.\.2199-12-31"):
        t = volume_table(df, freq="W")
    assert t["n_articles"].sum() == 3  # 2050 is plausible by default
    with pytest.warns(UserWarning, match=r"2 dated outside 2022-01-01\.\.2022-01-31"):
        t = volume_table(df, freq="W", start="2022-01-01", end="2022-01-31")
    assert t.attrs["n_out_of_range"] == 2
    # The window, not the data, decides coverage: 2021-12-27 week is partly outside it.
    assert t["period"].min() == pd.Timestamp("2021-12-27")
    assert t["incomplete"].tolist() == [True, False, False, False, False, True]


def test_outlets_selects_by_name_or_top_n(corpus):
    dated = corpus.dropna(subset=["date"])
    assert set(volume_table(dated, outlets=["B"])["outlet"]) == {"B"}
    assert set(volume_table(dated, outlets=1)["outlet"]) == {"A"}  # A has most articles
    with pytest.raises(ValueError, match=r"names outlet\(s\) \['CNN'\].*Outlets present: A, B"):
        volume_table(dated, outlets=["CNN"])


def test_span_outlet_keeps_each_outlet_to_its_own_dates(corpus):
    dated = corpus.dropna(subset=["date"])
    t = volume_table(dated, freq="W", span="outlet")
    b = t[t["outlet"] == "B"]
    assert b["period"].dt.strftime("%m-%d").tolist() == ["01-10", "01-17", "01-24"]
    # B starts on a Tuesday and stops on a Wednesday: both its end weeks are partial.
    assert b["incomplete"].tolist() == [True, False, True]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"freq": "weekly"}, r"The 'freq' parameter of volume_table must be one of 'D', 'W', "
                             r"'M', 'Q', 'Y'\. Got 'weekly' instead\."),
        ({"span": "each"}, r"The 'span' parameter of volume_table must be one of"),
        ({"keyword": ""}, r"The 'keyword' parameter of volume_table must be a non-empty"),
        ({"start": "not a date"}, r"The 'start' parameter of volume_table must be a date"),
        ({"start": "2022-02-01", "end": "2022-01-01"}, r"'end' parameter .* is before 'start'"),
        ({"outlets": 0}, r"The 'outlets' parameter of volume_table must be >= 1"),
    ],
)  # fmt: skip
def test_bad_arguments_say_what_to_do(corpus, kwargs, message):
    with pytest.raises(ValueError, match=message):
        volume_table(corpus.dropna(subset=["date"]), **kwargs)


def test_missing_columns_are_named():
    with pytest.raises(SchemaError, match=r"needs the column\(s\) \['date'\]"):
        volume_table(pd.DataFrame({"outlet": ["A"]}))
    with pytest.raises(SchemaError, match=r"\['topic'\]"):
        volume_table(pd.DataFrame({"date": pd.to_datetime(["2022-01-01"]), "outlet": ["A"]}),
                     topic=1)  # fmt: skip


def test_no_usable_dates_is_an_error():
    df = pd.DataFrame({"outlet": ["A"], "date": pd.to_datetime([None])})
    with pytest.raises(ValueError, match="no articles with a usable date"), pytest.warns(UserWarning):
        volume_table(df)


def _solid(ax):
    return [ln for ln in ax.lines if not ln.get_label().startswith("_")]


def test_plot_volume_draws_one_line_per_outlet_with_zeros_not_gaps(corpus):
    dated = corpus.dropna(subset=["date"])
    fig, ax = plt.subplots()
    out = plot_volume(dated, freq="W", ax=ax, linewidth=3)
    assert out is ax
    lines = _solid(ax)
    assert [ln.get_label() for ln in lines] == ["A", "B"]
    assert all(ln.get_linewidth() == 3 for ln in lines)  # kwargs reach Axes.plot
    y_a = np.asarray(lines[0].get_ydata(), dtype=float)
    # The empty week is a drawn zero; the incomplete ends are left to the dashed pieces.
    assert np.isnan(y_a[0]) and np.isnan(y_a[-1])
    assert y_a[1:-1].tolist() == [1, 0, 0]
    dashed = [ln for ln in ax.lines if ln.get_linestyle() == "--"]
    assert len(dashed) == 2
    hollow = [ln for ln in ax.lines if ln.get_marker() == "o" and ln.get_markerfacecolor()
              in ("white", (1.0, 1.0, 1.0, 1.0))]  # fmt: skip
    assert len(hollow) == 2 and all(len(ln.get_xdata()) == 2 for ln in hollow)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["A", "B", "incomplete period"]
    assert ax.get_ylabel() == "Articles per week"


def test_plot_volume_share_and_keyword_labels(corpus):
    dated = corpus.dropna(subset=["date"])
    fig, ax = plt.subplots()
    plot_volume(dated, freq="W", share=True, keyword="border", ax=ax)
    assert ax.get_ylabel() == "% of the outlet's articles mentioning 'border',\nper week"
    assert "mentioning 'border'" in ax.get_title(loc="left")
    y = [np.asarray(ln.get_ydata(), float) for ln in ax.lines if ln.get_label() == "A"][0]
    assert np.nanmax(y) == 100  # percent, not a fraction


def test_plot_volume_accepts_its_table_and_formats_dates(corpus):
    dated = corpus.dropna(subset=["date"])
    table = volume_table(dated, freq="D")
    fig, ax = plt.subplots()
    plot_volume(table, ax=ax)
    fig.canvas.draw()
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert len(labels) >= 3
    assert ax.get_ylabel() == "Articles per day"
    # Legend sits right of the Axes, outside the data.
    legend_box = ax.get_legend().get_window_extent()
    assert legend_box.x0 >= ax.get_window_extent().x1


def test_plot_volume_grid_one_panel_per_outlet(corpus):
    dated = corpus.dropna(subset=["date"])
    axes = plot_volume_grid(dated, freq="W", ncols=1)
    assert [a.get_title(loc="left") for a in axes] == ["A", "B"]
    assert len(axes[0].figure.axes) == 2
    assert all(_solid(a) for a in axes)
    with pytest.raises(ValueError, match="'ncols' parameter of plot_volume_grid"):
        plot_volume_grid(dated, ncols=0)


def test_series_of_only_partial_periods_is_drawn_dashed():
    df = pd.DataFrame({"outlet": "C", "date": pd.to_datetime(["2022-10-13", "2022-10-19"])})
    fig, ax = plt.subplots()
    plot_volume(df, freq="W", ax=ax)  # Thu..Wed: both weeks are partly covered
    dashed = [ln for ln in ax.lines if ln.get_linestyle() == "--"]
    assert len(dashed) == 1 and list(dashed[0].get_ydata()) == [1, 1]


def test_isolated_value_gets_a_dot(corpus):
    dated = corpus.dropna(subset=["date"])
    fig, ax = plt.subplots()
    plot_volume(dated, freq="W", share=True, ax=ax)  # B: share 1, gap, 1 between partial weeks
    dots = [ln for ln in ax.lines if ln.get_marker() == "o" and ln.get_markersize() == 3]
    assert dots and all(ln.get_linestyle() == "None" for ln in dots)
