"""Coverage volume: articles per calendar period, overall or per outlet.

:func:`volume_table` counts, :func:`plot_volume` draws one line per outlet and
:func:`plot_volume_grid` one small panel per outlet. Periods without articles
are zeros (a line never jumps across a gap) and the first and last periods,
when the data covers them only in part, are flagged ``incomplete`` and drawn
dashed with hollow markers, so a half-covered month does not look like a dip.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from ..checks import check_choice, refuse_table_options
from ..copies.marks import filter_copies
from ..deprecation import renamed_parameters
from ..glossary import shared_docs
from ..style import format_date_axis, literal_text
from ._common import (
    BY_OUTLET,
    check_count,
    current_axes,
    draw_series,
    filter_columns,
    filter_mask,
    finish,
    is_table,
    midpoints,
    outlet_palette,
    outlet_spans,
    period_word,
    prepare,
    split_by_outlet,
    table_freq,
)

__all__ = ["volume_table", "plot_volume", "plot_volume_grid"]

VOLUME_COLUMNS = ("period", "period_end", "outlet", "n_articles", "n_total", "share", "incomplete")


@renamed_parameters(df="corpus", by_outlet=BY_OUTLET, date="date_column",
                    outlet="outlet_column")
@shared_docs
def volume_table(
    corpus: pd.DataFrame,
    *,
    freq: str = "W",
    by: str | None = "outlet",
    keyword: str | Sequence[str] | None = None,
    topic: object = None,
    outlets: int | Sequence[str] | None = None,
    start: object = None,
    end: object = None,
    span: str = "common",
    date_column: str = "date",
    outlet_column: str = "outlet",
    text_columns: Sequence[str] = ("title", "text"),
    topic_column: str = "topic",
    copies: str = "each",
) -> pd.DataFrame:
    """Articles per calendar period, per outlet, with empty periods as zeros.

    Parameters
    ----------
    corpus : DataFrame
        A corpus with at least a date column (and an outlet column unless ``by=None``).
        Rows without a date, or dated outside ``start``..``end`` (by default:
        before 1800 or after 2199), are left out with a warning and counted in
        ``.attrs["n_no_date"]`` and ``.attrs["n_out_of_range"]``.
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        Calendar day, Monday-to-Sunday week, month, quarter or year.
    by : {"outlet", None}, default "outlet"
        One series per outlet; None pools all articles as outlet ``"all"``.
    keyword : str or list of str, optional
        Count only articles whose ``text_columns`` contain the keyword (any of
        them), case-insensitive, as plain text (not a regex).
    topic : int or list of int, optional
        Count only articles in these topics (``topic_column``).
    outlets : int or list of str, optional
        The outlets to keep: a list of names, or N for the N with most articles.
    start, end : date-like, optional
        The study window. Defaults to the first and last date in the data.
        Periods only partly inside it are flagged ``incomplete``.
    span : {"common", "outlet"}, default "common"
        "common": every outlet gets every period of the window (zeros where it
        has no articles). "outlet": each outlet only from its first to its last
        article, with its own incomplete first and last period.
    .. glossary:: date_column outlet_column
    text_columns, topic_column : str
        Columns the ``keyword`` and ``topic`` filters read.
    copies : {"each", "outlet", "once"}, default "each"
        How copies of one story count: "each" counts every article as published; "outlet"
        counts a copy cluster once per outlet that ran it; "once" counts it once, for its
        origin's outlet and date. "outlet" and "once" need the columns of
        :func:`mediastudy.mark_duplicates`.

    Returns
    -------
    DataFrame
        One row per (period, outlet): ``period`` (first day), ``period_end``
        (last day), ``outlet``, ``n_articles`` (matching the keyword/topic),
        ``n_total`` (all the outlet's articles in the period), ``share``
        (``n_articles / n_total``, NaN when the outlet published nothing),
        ``incomplete`` (the period is only partly covered by the data).

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({
    ...     "outlet": ["A", "A", "B", "A"],
    ...     "date": pd.to_datetime(["2022-01-05", "2022-01-06", "2022-01-20", "2022-01-26"]),
    ...     "title": ["War news", "Sports", "War again", "Weather"],
    ...     "text": ["", "", "", ""],
    ... })
    >>> t = volume_table(corpus, freq="W", keyword="war")
    >>> t[t.outlet == "A"][["period", "n_articles", "n_total", "incomplete"]]
          period  n_articles  n_total  incomplete
    0 2022-01-03           1        2        True
    1 2022-01-10           0        0       False
    2 2022-01-17           0        0       False
    3 2022-01-24           0        1        True
    """
    func = "volume_table"
    corpus = filter_copies(corpus, copies, func=func)
    check_choice(span, ("common", "outlet"), func=func, param="span")
    columns = filter_columns(corpus.columns, keyword, topic, text_columns, topic_column)
    prep = prepare(
        corpus, func=func, freq=freq, date=date_column, outlet=outlet_column,
        by_outlet=split_by_outlet(by, outlet_column, func),
        outlets=outlets, start=start, end=end, columns=columns,
    )  # fmt: skip
    mask = filter_mask(prep.rows, keyword, topic, text_columns=text_columns,
                       topic_column=topic_column, func=func)  # fmt: skip
    n_total = prep.counts()
    n_match = prep.counts(mask) if mask is not None else n_total

    grid = prep.grid()
    n_out, n_per = n_total.shape
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n_total > 0, n_match / np.maximum(n_total, 1), np.nan)
    table = pd.DataFrame(
        {
            "period": np.tile(grid["period"].to_numpy(), n_out),
            "period_end": np.tile(grid["period_end"].to_numpy(), n_out),
            "outlet": pd.Categorical.from_codes(
                np.repeat(np.arange(n_out), n_per), categories=pd.Index(prep.outlets, dtype=str)
            ),
            "n_articles": n_match.ravel().astype(np.int64),
            "n_total": n_total.ravel().astype(np.int64),
            "share": share.ravel(),
            "incomplete": np.tile(grid["incomplete"].to_numpy(), n_out),
        }
    )  # fmt: skip
    if span == "outlet":
        table = _clip_to_outlet_spans(table, prep)
    return finish(table, prep, keyword=keyword, topic=topic, span=span)


def _clip_to_outlet_spans(table: pd.DataFrame, prep) -> pd.DataFrame:
    first, last = outlet_spans(prep)
    n_per = prep.n_periods
    first_rep = np.repeat(first, n_per)
    last_rep = np.repeat(last, n_per)
    starts = table["period"].to_numpy().astype("datetime64[D]")
    ends = table["period_end"].to_numpy().astype("datetime64[D]")
    # An outlet's span runs from the period holding its first article to the one
    # holding its last; those two are incomplete when it starts/stops mid-period.
    inside = (ends >= first_rep) & (starts <= last_rep)
    incomplete = (starts < first_rep) | (ends > last_rep) | table["incomplete"].to_numpy()
    out = table.assign(incomplete=incomplete)
    return out.loc[inside].reset_index(drop=True)


def _ylabel(table: pd.DataFrame, share: bool) -> str:
    word = period_word(table.attrs.get("freq", "W"))
    what = _what(table)
    if share:
        return f"% of the outlet's articles{what},\nper {word}"
    return f"Articles{what} per {word}"


def _what(table: pd.DataFrame) -> str:
    kw, topic = table.attrs.get("keyword"), table.attrs.get("topic")
    parts = []
    if kw is not None:
        kws = [kw] if isinstance(kw, str) else list(kw)
        parts.append(" mentioning " + " or ".join(f"'{k}'" for k in kws))
    if topic is not None:
        parts.append(f" in topic {topic}")
    return "".join(parts)


@renamed_parameters(by_outlet=BY_OUTLET)
@shared_docs
def plot_volume(
    data: pd.DataFrame,
    *,
    share: bool = False,
    freq: str = "W",
    by: str | None = "outlet",
    keyword: str | Sequence[str] | None = None,
    topic: object = None,
    outlets: int | Sequence[str] | None = None,
    start: object = None,
    end: object = None,
    span: str = "common",
    date_column: str = "date",
    outlet_column: str = "outlet",
    text_columns: Sequence[str] = ("title", "text"),
    topic_column: str = "topic",
    colors: dict | None = None,
    title: str | None = None,
    legend: bool = True,
    ax=None,
    **kwargs,
):
    """Draw coverage volume over calendar time, one line per outlet.

    Parameters
    ----------
    data : DataFrame
        A corpus (passed with the options to :func:`volume_table`) or a table
        that :func:`volume_table` returned.
    share : bool, default False
        Plot the share (in %) of each outlet's articles instead of counts.
    freq, by, keyword, topic, outlets, start, end, span
        As in :func:`volume_table`. Given a table, these build nothing: setting one
        raises :class:`~mediastudy.errors.InvalidParameterError` (build the table with
        it, or pass the corpus).
    .. glossary:: date_column outlet_column text_columns topic_column
    colors : dict, optional
        Outlet -> colour; defaults to the study-wide :func:`outlet_colors`.
    title : str, optional
        Axes title; a description of what is counted by default ("" for none).
    legend : bool, default True
        Legend outside the data, on the right.
    ax : matplotlib Axes, optional
        Where to draw; the current Axes by default.
    **kwargs
        Passed to ``Axes.plot`` for every outlet line.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({
    ...     "outlet": ["A", "B", "A"],
    ...     "date": pd.to_datetime(["2022-01-05", "2022-01-20", "2022-02-26"]),
    ... })
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_volume(corpus, freq="W", ax=ax)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['A', 'B', 'incomplete period']
    """
    options = dict(freq=freq, by=by, keyword=keyword, topic=topic, outlets=outlets,
                   start=start, end=end, span=span, date_column=date_column,
                   outlet_column=outlet_column, text_columns=text_columns,
                   topic_column=topic_column)
    if is_table(data, VOLUME_COLUMNS):
        table = data
        refuse_table_options(plot_volume, "volume_table", options, freq=table_freq(table, freq))
    else:
        table = volume_table(data, **options)
    ax = current_axes(ax)
    names = list(dict.fromkeys(table["outlet"].astype(str)))
    palette = outlet_palette(names, colors)
    value = "share" if share else "n_articles"
    any_incomplete = False
    for name, part in table.groupby(table["outlet"].astype(str), sort=False):
        y = part[value].to_numpy(dtype=float) * (100 if share else 1)
        draw_series(
            ax, midpoints(part), y, part["incomplete"].to_numpy(),
            color=palette[name], label=literal_text(name), **kwargs,
        )  # fmt: skip
        any_incomplete |= bool(part["incomplete"].any())
    ax.set_ylabel(_ylabel(table, share))
    ax.set_ylim(bottom=0)
    if title is None:
        title = ("Share of coverage" if share else "Coverage volume") + _what(table)
    if title:
        ax.set_title(literal_text(title), loc="left")
    format_date_axis(ax, freq=table_freq(table, None))
    if legend:
        handles, labels = ax.get_legend_handles_labels()
        if any_incomplete:
            handles.append(_incomplete_handle())
            labels.append("incomplete period")
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  frameon=False, fontsize="small", borderaxespad=0.0)  # fmt: skip
    return ax


def _incomplete_handle() -> Line2D:
    return Line2D([], [], color="0.3", linestyle="--", marker="o", markerfacecolor="white")


@shared_docs
def plot_volume_grid(
    data: pd.DataFrame,
    *,
    share: bool = False,
    ncols: int = 3,
    sharex: bool | None = None,
    sharey: bool = True,
    freq: str = "W",
    keyword: str | Sequence[str] | None = None,
    topic: object = None,
    outlets: int | Sequence[str] | None = None,
    start: object = None,
    end: object = None,
    span: str = "common",
    date_column: str = "date",
    outlet_column: str = "outlet",
    text_columns: Sequence[str] = ("title", "text"),
    topic_column: str = "topic",
    colors: dict | None = None,
    fig=None,
    **kwargs,
) -> np.ndarray:
    """Small multiples: one panel of coverage volume per outlet, on one time axis.

    Parameters
    ----------
    data : DataFrame
        A corpus or a :func:`volume_table` result.
    share : bool, default False
        Plot % of each outlet's articles instead of counts.
    ncols : int, default 3
        Panels per row.
    sharex : bool, optional
        The same dates in every panel; by default True, but False with
        ``span="outlet"`` (each panel zooms in on its outlet's own span).
    sharey : bool, default True
        The same y scale in every panel (False: each outlet its own).
    freq, keyword, topic, outlets, start, end, span
        As in :func:`volume_table`; given a table, setting one raises
        :class:`~mediastudy.errors.InvalidParameterError`.
    .. glossary:: date_column outlet_column text_columns topic_column
    colors : dict, optional
        Outlet -> colour; defaults to :func:`outlet_colors`.
    fig : matplotlib Figure, optional
        Figure to draw on (must be empty); a new one sized to the grid by default.
    **kwargs
        Passed to ``Axes.plot``.

    Returns
    -------
    numpy.ndarray of Axes
        One per outlet, in table order (unused grid cells are removed).

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({
    ...     "outlet": ["A", "B", "A", "C"],
    ...     "date": pd.to_datetime(["2022-01-05", "2022-01-20", "2022-02-26", "2022-02-01"]),
    ... })
    >>> axes = plot_volume_grid(corpus, freq="W", ncols=2)
    >>> [a.get_title(loc="left") for a in axes]
    ['A', 'B', 'C']
    """
    check_count(ncols, "ncols", "plot_volume_grid")
    options = dict(freq=freq, keyword=keyword, topic=topic, outlets=outlets, start=start,
                   end=end, span=span, date_column=date_column, outlet_column=outlet_column,
                   text_columns=text_columns, topic_column=topic_column)
    if is_table(data, VOLUME_COLUMNS):
        table = data
        refuse_table_options(plot_volume_grid, "volume_table", options,
                             freq=table_freq(table, freq))
    else:
        table = volume_table(data, **options)
    names = list(dict.fromkeys(table["outlet"].astype(str)))
    ncols = min(ncols, len(names))
    nrows = -(-len(names) // ncols)
    if fig is None:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=(3.4 * ncols, 2.2 * nrows + 0.6), layout="constrained")
    if sharex is None:
        sharex = table.attrs.get("span", span) != "outlet"
    grid = fig.subplots(nrows, ncols, sharex=sharex, sharey=sharey, squeeze=False)
    palette = outlet_palette(names, colors)
    value = "share" if share else "n_articles"
    parts = dict(list(table.groupby(table["outlet"].astype(str), sort=False)))
    used = []
    for ax, name in zip(grid.ravel(), names, strict=False):
        part = parts[name]
        y = part[value].to_numpy(dtype=float) * (100 if share else 1)
        draw_series(ax, midpoints(part), y, part["incomplete"].to_numpy(),
                    color=palette[name], label=literal_text(name), **kwargs)  # fmt: skip
        ax.set_title(literal_text(name), loc="left", fontsize="medium")
        ax.set_ylim(bottom=0)
        format_date_axis(ax, freq=table_freq(table, None))
        used.append(ax)
    for ax in grid.ravel()[len(names) :]:
        ax.remove()
    fig.supylabel(_ylabel(table, share), fontsize="medium")
    return np.array(used, dtype=object)
