"""Events: dates and date ranges to mark on any timeline.

Events come from a DataFrame or a CSV file with the columns ``date, label`` and
optionally ``end_date`` (for a range, e.g. a summit)::

    date,label,end_date
    2022-02-24,Invasion begins,
    2022-06-28,NATO summit in Madrid,2022-06-30

:func:`mark_events` draws a dotted line (or a shaded range) per event and writes
the labels on a top axis, above the data, so they never cover a line; labels
go to a higher row instead of touching each other.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from ..checks import require_columns
from ..deprecation import renamed_parameters
from ..errors import LoadError
from ..style import literal_text

__all__ = ["read_events", "mark_events"]

EXPECTED = "yyyy-mm-dd"


@renamed_parameters(date="date_column", label="label_column", end_date="end_date_column")
def read_events(
    source: pd.DataFrame | str | Path,
    *,
    date_column: str = "date",
    label_column: str = "label",
    end_date_column: str = "end_date",
) -> pd.DataFrame:
    """Read events from a DataFrame or a CSV file (``date,label[,end_date]``).

    Parameters
    ----------
    source : DataFrame, str or Path
        A frame, or the path of a UTF-8 CSV file with a header line.
    date_column, label_column, end_date_column : str, default "date", "label", "end_date"
        Column names; the end date column is optional and may be empty on a row.

    Returns
    -------
    DataFrame
        ``date``, ``label`` and ``end_date`` (NaT for single-day events), sorted
        by date. A new frame; ``source`` is not changed.

    Raises
    ------
    LoadError
        A date cannot be read (the message names the file and line), or an
        event ends before it starts.

    Examples
    --------
    >>> import io
    >>> csv = io.StringIO("date,label,end_date\\n2022-06-28,NATO summit,2022-06-30\\n"
    ...                   "2022-02-24,Invasion,\\n")
    >>> read_events(csv)
            date        label   end_date
    0 2022-02-24     Invasion        NaT
    1 2022-06-28  NATO summit 2022-06-30
    """
    if isinstance(source, pd.DataFrame):
        frame, where, first_line = source, "events", 0
    else:
        where = str(source) if isinstance(source, (str, Path)) else "events"
        first_line = 2  # line 1 is the header
        try:
            frame = pd.read_csv(source, dtype=str, keep_default_na=False, skipinitialspace=True)
        except FileNotFoundError as exc:
            raise LoadError(f"Events file not found: {source}. Give the path of a CSV file "
                            "with the columns date,label[,end_date].") from exc  # fmt: skip
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise LoadError(f"{where}: cannot read the events CSV ({exc}).") from exc
    date, label, end_date = date_column, label_column, end_date_column
    require_columns(frame, [date, label], func="read_events", param="source")
    starts = _dates(frame[date], where, first_line, date)
    if end_date in frame.columns:
        ends = _dates(frame[end_date], where, first_line, end_date, optional=True)
    else:
        ends = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[s]")
    backwards = ends.notna() & (ends < starts)
    if backwards.any():
        i = int(np.flatnonzero(backwards.to_numpy())[0])
        raise LoadError(
            f"{where}{_line(i, first_line)}: event {frame[label].iloc[i]!r} ends "
            f"({ends.iloc[i].date()}) before it starts ({starts.iloc[i].date()}); "
            "swap date and end_date."
        )
    out = pd.DataFrame(
        {
            "date": starts.to_numpy(),
            "label": frame[label].astype("string").fillna("").str.strip().to_numpy(),
            "end_date": ends.to_numpy(),
        }
    )
    return out.sort_values("date", kind="stable").reset_index(drop=True)


def _line(i: int, first_line: int) -> str:
    return f" line {i + first_line}" if first_line else f" row {i}"


def _dates(values: pd.Series, where: str, first_line: int, column: str,
           optional: bool = False) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values.dt.normalize().reset_index(drop=True).astype("datetime64[s]")
    text = values.astype("string").fillna("").str.strip()
    parsed = pd.to_datetime(text.where(text != ""), errors="coerce", format="ISO8601")
    bad = (text != "") & parsed.isna()
    if not optional:
        bad |= text == ""
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise LoadError(
            f"{where}{_line(i, first_line)}: cannot read {column} '{text.iloc[i]}' (expected {EXPECTED})."
        )
    return parsed.dt.normalize().reset_index(drop=True).astype("datetime64[s]")


def mark_events(
    ax,
    events: pd.DataFrame | str | Path,
    *,
    color: str = "0.35",
    fontsize: float = 7.5,
    span_alpha: float = 0.12,
    **kwargs,
):
    """Mark events on a date axis: lines or shaded ranges, labels in rows above the data.

    Call it last, after drawing the data and setting the title, so the axis
    limits are known and the title can be moved above the labels. Labels are
    written level, just above the Axes (so above a legend placed at the Axes'
    upper right, outside), each starting at its event's date and tied to it by a
    thin line; a label that would run into another goes one row higher, so labels
    cover neither the data, nor each other, nor each other's lines. The title is
    moved up above the label rows. Events outside the dates shown are not drawn,
    and a warning names them.

    Parameters
    ----------
    ax : matplotlib Axes
        An Axes with dates on x (e.g. from :func:`mediastudy.plot_volume`).
    events : DataFrame, str or Path
        Events as :func:`read_events` reads them.
    color : matplotlib colour, default "0.35"
        Colour of the lines, ranges and labels.
    fontsize : float, default 7.5
        Label size in points.
    span_alpha : float, default 0.12
        Opacity of the shaded date ranges.
    **kwargs
        Passed to ``Axes.axvline`` for single-day events.

    Returns
    -------
    matplotlib Axes
        ``ax``; the labels are the Axes' texts whose ``gid`` is ``"event"``.

    Warns
    -----
    UserWarning
        Some events fall outside the dates shown (they are named).

    Examples
    --------
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot(pd.date_range("2022-01-01", periods=200), range(200))
    >>> events = pd.DataFrame({"date": ["2022-02-24", "2022-05-01"],
    ...                        "label": ["Invasion", "May Day"]})
    >>> ax = mark_events(ax, events)
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "event"]
    ['Invasion', 'May Day']
    """
    table = read_events(events)
    lo, hi = ax.get_xlim()
    starts = mdates.date2num(table["date"].to_numpy())
    ends = mdates.date2num((table["end_date"] + pd.Timedelta(days=1)).to_numpy())
    visible = (starts <= hi) & (np.where(np.isnan(ends), starts, ends) >= lo)
    if (~visible).any():
        left_out = [f"'{table['label'].iloc[i]}' ({table['date'].iloc[i]:%Y-%m-%d})"
                    for i in np.flatnonzero(~visible)]
        warnings.warn(
            f"mark_events: {len(left_out)} of {len(table)} events fall outside the dates shown "
            f"({mdates.num2date(lo):%Y-%m-%d} to {mdates.num2date(hi):%Y-%m-%d}) and are not "
            f"marked: {', '.join(left_out[:5])}{', ...' if len(left_out) > 5 else ''}. Widen the "
            "axis (ax.set_xlim) before marking them to show them.", UserWarning, stacklevel=2)
    # Above filled areas (zorder 1), below data lines (zorder 2).
    line_opts = {"color": color, "linestyle": ":", "linewidth": 1.0, "zorder": 1.5}
    line_opts.update(kwargs)
    positions, labels = [], []
    for i in np.flatnonzero(visible):
        if np.isnan(ends[i]):
            ax.axvline(starts[i], **line_opts)
        else:
            ax.axvspan(starts[i], ends[i], color=color, alpha=span_alpha, linewidth=0, zorder=1.4)
        positions.append(max(starts[i], lo))
        labels.append(literal_text(table["label"].iloc[i]))
    ax.set_xlim(lo, hi)  # the lines must not widen the axis
    if not labels:
        return ax
    # The root Figure: ``ax.figure`` may be a SubFigure, which cannot draw itself.
    fig = ax.get_figure(root=True)
    settle = fig.get_layout_engine() is not None
    if settle:  # a layout engine moves the Axes: settle it, so widths in pixels are final
        fig.draw_without_rendering()
    box = ax.get_window_extent()
    # The labels themselves may change the layout (a long last label widens the
    # right margin): place them, re-measure, and place again if the Axes moved.
    for _ in range(3 if settle else 1):
        artists, n_rows = _place_labels(ax, positions, labels, box, lo, hi, fontsize, color)
        if not settle:
            break
        fig.draw_without_rendering()
        new_box = ax.get_window_extent()
        if abs(new_box.width - box.width) < 1 and abs(new_box.height - box.height) < 1:
            break
        box = new_box
        for artist in artists:
            artist.remove()
    _lift_titles(ax, 4 + n_rows * fontsize * 1.35 + 4)
    return ax


def _place_labels(ax, positions, labels, box, lo, hi, fontsize, color):
    """Write the labels in rows above ``ax``; return the artists and the row count.

    Labels are placed from the right, each in the lowest row where it ends
    before every label already placed in that row or above: so it covers
    neither those labels nor their connector lines, which run down from
    their rows to the Axes. Labels further left only sit in rows whose
    connectors they stop short of, so no connector ever crosses a label, and
    a new top row always fits: no label is ever left out.
    """
    fig = ax.get_figure(root=True)
    line_pt = fontsize * 1.35
    gap = fontsize * fig.dpi / 72 * 2.0  # two letters of air between neighbours
    placed: list[tuple[float, str, int, float]] = []  # (x, text, row, left px)
    for x, text in sorted(zip(positions, labels, strict=True), reverse=True):
        left = (x - lo) / (hi - lo) * box.width
        probe = ax.text(0, 0, text, fontsize=fontsize)
        # No renderer passed: the figure supplies one whatever its canvas (a bare
        # ``Figure()`` has a FigureCanvasBase, without ``get_renderer``).
        right = left + probe.get_window_extent().width
        probe.remove()
        n_rows = 1 + max((p[2] for p in placed), default=-1)
        row = next(
            (r for r in range(n_rows + 1)
             if all(right + gap < p[3] for p in placed if p[2] >= r)),
            n_rows,
        )  # fmt: skip
        placed.append((x, text, row, left))
    artists = []
    for x, text, row, _ in sorted(placed):
        artists.append(ax.annotate(
            text, xy=(x, 1.0), xycoords=ax.get_xaxis_transform(),
            xytext=(1.5, 4 + row * line_pt), textcoords="offset points",
            ha="left", va="bottom", fontsize=fontsize, color=color, annotation_clip=False,
            # patchA None: the line starts at the label's corner; clipping it to the
            # label's box (the default) is what makes an annotation slow to draw.
            arrowprops={"arrowstyle": "-", "color": color, "linewidth": 0.6, "patchA": None,
                        "shrinkA": 0, "shrinkB": 0, "alpha": 0.6, "relpos": (0.0, 0.0)},
            gid="event",
        ))  # fmt: skip
    return artists, 1 + max(p[2] for p in placed)


def _lift_titles(ax, pad_pt: float) -> None:
    """Move the Axes titles above the event label rows."""
    for loc in ("left", "center", "right"):
        title = ax.get_title(loc=loc)
        if title:
            current = getattr(ax, {"left": "_left_title", "center": "title",
                                   "right": "_right_title"}[loc])  # fmt: skip
            ax.set_title(title, loc=loc, pad=pad_pt, fontsize=current.get_fontsize())
