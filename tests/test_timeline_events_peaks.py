"""Events (reading, marking without overlaps) and peaks (finding, labelling, marking)."""

from __future__ import annotations

import io

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from mediastudy import (
    LoadError,
    SchemaError,
    find_peaks_table,
    mark_events,
    mark_peaks,
    plot_volume,
    read_events,
)

EVENTS_CSV = """date,label,end_date
2022-06-28,NATO summit,2022-06-30
2022-02-24,Invasion begins,
2022-02-26,SWIFT ban announced,
"""


def _event_texts(ax):
    return [t for t in ax.texts if t.get_gid() == "event"]


def _text_box(annotation):
    """The box of an annotation's text alone (its own extent includes the connector)."""
    return Text.get_window_extent(annotation)


def test_read_events_from_csv_sorted_with_optional_end(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(EVENTS_CSV, encoding="utf-8")
    ev = read_events(path)
    assert ev["label"].tolist() == ["Invasion begins", "SWIFT ban announced", "NATO summit"]
    assert ev["end_date"].isna().tolist() == [True, True, False]
    assert ev.loc[2, "end_date"] == pd.Timestamp("2022-06-30")
    no_end = read_events(pd.DataFrame({"date": ["2022-01-01"], "label": ["x"]}))
    assert no_end["end_date"].isna().all()


def test_read_events_errors_name_file_and_line(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("date,label\n2022-02-24,ok\n31/02/2022,bad\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"events\.csv line 3: cannot read date '31/02/2022' "
                                        r"\(expected yyyy-mm-dd\)"):  # fmt: skip
        read_events(path)
    path.write_text("date,label,end_date\n2022-02-24,backwards,2022-02-20\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"line 2: event 'backwards' ends .* before it starts"):
        read_events(path)
    with pytest.raises(LoadError, match="Events file not found"):
        read_events(tmp_path / "missing.csv")
    with pytest.raises(SchemaError, match=r"\['label'\]"):
        read_events(pd.DataFrame({"date": ["2022-01-01"]}))


def test_read_events_leaves_frame_unchanged():
    df = pd.DataFrame({"date": ["2022-03-01", "2022-01-01"], "label": ["b", "a"]})
    before = df.copy()
    read_events(df)
    pd.testing.assert_frame_equal(df, before)


def _timeline_ax():
    fig, ax = plt.subplots(figsize=(6, 3), layout="constrained")
    days = pd.date_range("2022-01-01", "2022-12-31")
    ax.plot(days, np.sin(np.arange(len(days)) / 20), label="series")
    ax.set_title("A title", loc="left")
    return fig, ax


def test_mark_events_draws_lines_spans_and_labels_above_the_data():
    fig, ax = _timeline_ax()
    xlim = ax.get_xlim()
    n_lines = len(ax.lines)
    events = pd.DataFrame({
        "date": ["2022-02-24", "2022-06-28", "2023-05-01"],  # the last is off the axis
        "label": ["Invasion", "Summit", "Later"],
        "end_date": [None, "2022-06-30", None],
    })  # fmt: skip
    with pytest.warns(UserWarning, match="'Later' \\(2023-05-01\\)"):  # named, not dropped silently
        mark_events(ax, events)
    assert ax.get_xlim() == xlim
    assert len(ax.lines) == n_lines + 1  # one dotted line; the summit is a shaded range
    assert len(ax.patches) == 1
    assert [t.get_text() for t in _event_texts(ax)] == ["Invasion", "Summit"]
    fig.canvas.draw()
    top = ax.get_window_extent().y1
    for t in _event_texts(ax):
        assert _text_box(t).y0 >= top  # above the data, never on a line
    title = ax._left_title.get_window_extent()
    assert all(title.y0 >= _text_box(t).y1 - 0.5 for t in _event_texts(ax))


def test_close_event_labels_do_not_overlap():
    fig, ax = _timeline_ax()
    dates = pd.date_range("2022-03-01", periods=8, freq="4D")
    events = pd.DataFrame({"date": dates, "label": [f"Event number {i}" for i in range(8)]})
    mark_events(ax, events)
    fig.canvas.draw()
    boxes = [_text_box(t) for t in _event_texts(ax)]
    assert len(boxes) == 8
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (i, j)
    # No connector line (from the event's date on the Axes up to its label) crosses a label.
    notes = _event_texts(ax)
    xs = ax.transData.transform(np.column_stack([mdates.date2num(dates), np.zeros(8)]))[:, 0]
    for j, note in enumerate(notes):
        line = note.arrow_patch.get_window_extent()
        assert line.width < 6  # (near) vertical, from the date to the label's corner
        assert abs(line.x0 - xs[j]) < 6
        for i, box in enumerate(boxes):
            if i != j:
                assert not line.overlaps(box), (j, i)


def _figure(kind):
    """An Axes on a pyplot figure, on a bare ``Figure()`` (no pyplot, no canvas
    manager), or on a subfigure of a bare one."""
    if kind == "pyplot":
        fig = plt.figure(figsize=(6, 3))
        return fig, fig.add_subplot()
    fig = Figure(figsize=(6, 3))
    host = fig.subfigures(1, 1) if kind == "subfigure" else fig
    return fig, host.add_subplot()


@pytest.mark.parametrize("kind", ["bare", "subfigure", "pyplot"])
def test_mark_events_on_figures_without_pyplot(kind):
    fig, ax = _figure(kind)
    days = pd.date_range("2022-01-01", "2022-12-31")
    ax.plot(days, np.cos(np.arange(len(days)) / 30))
    ax.set_title("A title", loc="left")
    dates = pd.date_range("2022-03-01", periods=5, freq="5D")
    events = pd.DataFrame({"date": dates, "label": [f"Event number {i}" for i in range(5)]})
    assert mark_events(ax, events) is ax
    notes = _event_texts(ax)
    assert [t.get_text() for t in notes] == [f"Event number {i}" for i in range(5)]
    fig.draw_without_rendering()
    boxes = [_text_box(t) for t in notes]
    top = ax.get_window_extent().y1
    assert all(box.y0 >= top for box in boxes)
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (i, j)
    # Close labels are stacked in rows, exactly as on a pyplot figure of the same size.
    ref_fig, ref_ax = _figure("pyplot")
    ref_ax.plot(days, np.cos(np.arange(len(days)) / 30))
    ref_ax.set_title("A title", loc="left")
    mark_events(ref_ax, events)
    rows = [t.xyann for t in notes]
    assert rows == [t.xyann for t in _event_texts(ref_ax)]
    assert len({y for _, y in rows}) > 1
    fig.savefig(io.BytesIO(), format="png")  # and the figure still saves


@pytest.fixture
def bursty() -> pd.DataFrame:
    """Ten quiet weeks (3 a day), then a week with 40 extra articles about a ceasefire."""
    days = pd.date_range("2022-01-03", periods=84, freq="D")
    quiet = pd.DataFrame({"date": np.repeat(days, 3),
                          "title": [f"Local news item {i % 7} about roads" for i in
                                    range(len(days) * 3)]})  # fmt: skip
    burst = pd.DataFrame({
        "date": pd.Timestamp("2022-03-16") + pd.to_timedelta(np.arange(40) % 5, unit="D"),
        "title": [f"Ceasefire talks collapse, shelling resumes ({i})" for i in range(40)],
    })  # fmt: skip
    burst.loc[7, "title"] = "Ceasefire talks collapse as shelling resumes"
    return pd.concat([quiet, burst], ignore_index=True).assign(outlet="X", text="")


def test_find_peaks_flags_the_burst_and_labels_it(bursty):
    before = bursty.copy(deep=True)
    peaks = find_peaks_table(bursty, freq="W", window=4)
    assert len(peaks) == 1
    row = peaks.iloc[0]
    assert row["period"] == pd.Timestamp("2022-03-14")
    assert row["n_articles"] == 21 + 40 and row["baseline"] == 21
    assert set(row["terms"].split(", ")[:3]) <= {"ceasefire", "talks", "collapse", "shelling",
                                                 "resumes"}  # fmt: skip
    assert row["headline"].startswith("Ceasefire talks collapse")
    pd.testing.assert_frame_equal(bursty, before)


def test_flat_series_has_no_peaks_and_a_long_burst_one(bursty):
    quiet = bursty[~bursty["title"].str.startswith("Ceasefire")]
    assert find_peaks_table(quiet, freq="W", window=4).empty
    # Two consecutive high weeks: one peak, at the higher one.
    extra = bursty[bursty["title"].str.startswith("Ceasefire")].iloc[:25]
    extra = extra.assign(date=extra["date"] + pd.Timedelta(days=7))
    peaks = find_peaks_table(pd.concat([bursty, extra]), freq="W", window=4)
    assert peaks["period"].tolist() == [pd.Timestamp("2022-03-14")]


def test_peak_arguments_are_checked(bursty):
    with pytest.raises(ValueError, match=r"'window' parameter of find_peaks_table must be an "
                                         r"integer >= 2"):  # fmt: skip
        find_peaks_table(bursty, window=1)
    with pytest.raises(ValueError, match=r"'freq' parameter of find_peaks_table must be one of 'D'"):
        find_peaks_table(bursty, freq="weekly")


def test_find_peaks_reads_the_columns_it_is_given(bursty):
    # topic= keeps some topics and topic_column= names the column, as in volume_table;
    # the date and outlet columns named reach the counting too
    tagged = bursty.assign(topic=bursty["title"].str.startswith("Ceasefire").astype(int))
    expected = find_peaks_table(tagged, freq="W", window=4, topic=1)
    assert expected["period"].tolist() == [pd.Timestamp("2022-03-14")]
    assert expected["n_articles"].tolist() == [40]
    renamed = tagged.rename(columns={"topic": "cluster", "date": "published", "outlet": "source"})
    before = renamed.copy(deep=True)
    got = find_peaks_table(renamed, freq="W", window=4, topic=1, topic_column="cluster",
                           date_column="published", outlet_column="source")  # fmt: skip
    pd.testing.assert_frame_equal(renamed, before)
    pd.testing.assert_frame_equal(got, expected)
    # keyword= reads text_columns, as in volume_table
    by_word = find_peaks_table(bursty.rename(columns={"title": "headline"}), freq="W", window=4,
                               keyword="ceasefire", text_columns=["headline"],
                               label_column="headline")  # fmt: skip
    assert by_word["n_articles"].tolist() == [40]
    assert by_word["headline"].iloc[0].startswith("Ceasefire talks collapse")


def test_mark_peaks_numbers_points_and_keeps_the_outlet_legend(bursty):
    fig, ax = plt.subplots(layout="constrained")
    plot_volume(bursty, freq="W", by=None, ax=ax)
    outlet_legend = ax.get_legend()
    peaks = find_peaks_table(bursty, freq="W", window=4)
    mark_peaks(ax, peaks, label_column="headline")
    assert [t.get_text() for t in ax.texts] == ["1"]
    key = ax.get_legend()
    assert key.get_title().get_text() == "peaks"
    assert key.get_texts()[0].get_text().startswith("2022-03-14: Ceasefire talks collapse")
    assert outlet_legend in ax.get_children()
    assert not outlet_legend.get_clip_on()  # outside the Axes, so it must not be clipped
    with pytest.raises(ValueError, match=r"'label_column' parameter of mark_peaks"):
        mark_peaks(ax, peaks, label_column="words")
