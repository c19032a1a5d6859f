"""The shared look: outlet colours, date ticks from days to decades, saving figures."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from mediastudy import format_date_axis, outlet_colors, save_figure, set_outlet_colors
from mediastudy.style import PALETTE


@pytest.fixture
def fresh_colours():
    saved = set_outlet_colors({})
    set_outlet_colors(None)
    yield
    set_outlet_colors(None)
    set_outlet_colors(saved)


def test_outlet_colours_are_stable_distinct_and_order_free(fresh_colours):
    first = outlet_colors(["RT", "BBC", "NYT"])
    assert len(set(first.values())) == 3
    assert set(first.values()) <= set(PALETTE)
    # Registered in sorted order: the result does not depend on the order given.
    set_outlet_colors(None)
    again = outlet_colors(["NYT", "RT", "BBC"])
    assert again == first
    later = outlet_colors(["CNN", "RT"])
    assert later["RT"] == first["RT"] and later["CNN"] not in first.values()
    assert outlet_colors(["all"])["all"] != first["RT"]


def test_many_outlets_still_get_a_colour(fresh_colours):
    names = [f"outlet{i:02d}" for i in range(30)]
    colours = outlet_colors(names)
    assert len(set(colours[n] for n in names[:14])) == 14  # the palette has 14 colours
    assert outlet_colors(names) == colours


def test_set_outlet_colors_fixes_and_checks(fresh_colours):
    set_outlet_colors({"RT": "red"})
    assert outlet_colors(["RT"]) == {"RT": "#ff0000"}
    with pytest.raises(ValueError, match="'blurple' for outlet 'BBC' is not a matplotlib colour"):
        set_outlet_colors({"BBC": "blurple"})


@pytest.mark.parametrize(
    ("start", "end"),
    [("2022-03-01 00:00", "2022-03-04"), ("2022-01-01", "2022-04-01"),
     ("2019-11-01", "2022-12-31"), ("1987-02-26", "1987-10-20"), ("1950-01-01", "2020-01-01")],
)  # fmt: skip
def test_date_ticks_are_readable_at_every_span(start, end):
    fig, ax = plt.subplots(figsize=(8, 3))
    days = pd.date_range(start, end, periods=50)
    ax.plot(days, range(50))
    format_date_axis(ax)
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert 3 <= len(labels) <= 12
    # The year is always readable: in a tick label or in the offset text at the corner.
    offset = ax.xaxis.get_major_formatter().get_offset()
    assert any(ch.isdigit() for ch in offset) or any(len(lab) == 4 for lab in labels)
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    boxes = [t.get_window_extent() for t in ax.get_xticklabels() if t.get_text()]
    assert all(not a.overlaps(b) for a, b in zip(boxes, boxes[1:], strict=False))


def test_save_figure_writes_png_and_svg(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    written = save_figure(fig, tmp_path / "sub" / "volume.png", dpi=100)
    assert [p.name for p in written] == ["volume.png", "volume.svg"]
    assert all(p.stat().st_size > 0 for p in written)
    assert written[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in written[1].read_text(encoding="utf-8")[:500]


def test_set_outlet_colors_registers_a_list_at_once_whatever_its_order(fresh_colours):
    set_outlet_colors(["Zeta", "Alpha", "Mid"])
    registered = outlet_colors(["Alpha", "Mid", "Zeta"])
    set_outlet_colors(None)
    set_outlet_colors(["Mid", "Zeta", "Alpha"])
    assert outlet_colors(["Zeta", "Mid", "Alpha"]) == registered
    assert set(registered.values()) <= set(PALETTE) and len(set(registered.values())) == 3
    with pytest.raises(ValueError, match=r"wrap a single name in a list: \['RT'\]"):
        set_outlet_colors("RT")


@pytest.mark.parametrize("freq", ["M", "Q"])
def test_a_short_span_of_monthly_values_is_ticked_by_month(freq):
    # three monthly values: "Apr, May, Jun" under the values, not "15, May, 15, Jun, 15"
    fig, ax = plt.subplots(figsize=(8, 3))
    ax.plot(pd.to_datetime(["2022-04-15 12:00", "2022-05-16 00:00", "2022-06-15 12:00"]), [1, 2, 3])
    format_date_axis(ax, freq=freq)
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels == ["Apr", "May", "Jun"]
    assert "2022" in ax.xaxis.get_major_formatter().get_offset()
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(8, 3))  # weekly or daily values keep day ticks
    ax.plot(pd.to_datetime(["2022-04-15 12:00", "2022-05-16 00:00", "2022-06-15 12:00"]), [1, 2, 3])
    format_date_axis(ax, freq="W")
    fig.canvas.draw()
    assert "15" in [t.get_text() for t in ax.get_xticklabels()]
    plt.close(fig)


def test_plot_volume_ticks_monthly_values_by_month():
    import mediastudy as ms

    corpus = ms.load_demo()
    part = corpus[(corpus["date"] >= "2023-04-01") & (corpus["date"] < "2023-07-01")]
    fig, ax = plt.subplots()
    ms.plot_volume(part, freq="M", ax=ax)
    fig.canvas.draw()
    assert [t.get_text() for t in ax.get_xticklabels() if t.get_text()] == ["Apr", "May", "Jun"]
    plt.close(fig)
