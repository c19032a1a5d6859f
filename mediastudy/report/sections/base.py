"""What every section of a report is made of, and the helpers sections share.

A section is one part of the page under its own heading. It has a ``build``
function, run once the analysis steps are done, that draws its figures and computes
its tables (``job.add_figure``, ``job.add_table``, ``job.note``), and a ``render``
function that returns its HTML (everything from the data escaped with
:func:`mediastudy.report.html.esc`). See :mod:`mediastudy.report.sections` to add one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..config import FREQ_NAMES

#: Matplotlib settings while a report draws: text from the data is never math text, and
#: text is measured without hinting, so a label placed at one resolution fits at another
#: (hinted widths of small text vary by up to 10% between 100 and 120 dpi).
#: SVG text as outlines (the same in every browser) with stable ids between runs.
FIGURE_RC = {"text.parse_math": False, "text.hinting": "none", "svg.fonttype": "path",
             "svg.hashsalt": "mediastudy"}

__all__ = ["Section", "FIGURE_RC", "new_figure", "coarser_until", "median_nonzero", "has_consecutive"]


@dataclass(frozen=True)
class Section:
    """One part of the report page.

    Attributes
    ----------
    key : str
        The anchor of its heading (``#key``), unique in the page.
    title : str
        Its heading and its entry in the navigation line.
    render : callable
        ``render(job) -> str``: the HTML below the heading.
    build : callable, optional
        ``build(job) -> None``: draws the section's figures and computes its tables,
        after the analysis steps (load, topics, stance) and before any HTML is written.
    nav : tuple of (anchor, text)
        More links for the navigation line, e.g. a sub-heading of the section.
    early : callable, optional
        ``early(job) -> None``: the part of the work that needs only what the load step
        gives (``job.corpus``, ``job.freq``, ``job.top_outlets``, ``job.events``,
        ``job.colors``), run before ``build``; with two processes it runs in the second
        one while the topics are fitted (see :mod:`mediastudy.report.parallel`).
    parts : tuple of callables
        ``build`` cut into parts that do not read each other's results (each may run in
        another process); when given, they are run instead of ``build``.
    early_cost : float
        Roughly how much CPU ``early`` (and each of ``stance_parts``) takes on a large
        corpus, relative to the other sections' (1 by default). With two processes the
        costliest early work is started first, so that the last to end is short (see
        :mod:`mediastudy.report.parallel`).
    stance_parts : tuple of callables
        Parts of the build that need what the load step gives and the stance scores
        (``job.stance``, the stance tables), not the topics: with two processes they run
        in the second one, which scores stance first, while the topics are fitted. They
        come after ``parts`` on the page.
    """

    key: str
    title: str
    render: Callable[..., str]
    build: Callable[..., None] | None = None
    nav: tuple[tuple[str, str], ...] = ()
    early: Callable[..., None] | None = None
    parts: tuple[Callable[..., None], ...] = ()
    early_cost: float = 1.0
    stance_parts: tuple[Callable[..., None], ...] = ()


def new_figure(figsize):
    """A figure outside pyplot (no global state, no GUI backend), drawn with Agg."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure, SubplotParams

    # No layout engine: constrained layout re-measures every text of a figure several
    # times. The figure is saved cropped to what is drawn (bbox_inches="tight"), which
    # takes in the legend outside the Axes and the label rows above it.
    fig = Figure(figsize=figsize, subplotpars=SubplotParams(left=0.08, right=0.97, bottom=0.1,
                                                            top=0.92))
    FigureCanvasAgg(fig)
    return fig


def has_consecutive(periods: pd.DataFrame) -> bool:
    """Whether some period directly follows another (``period`` = previous ``period_end`` + 1 day)."""
    starts = pd.DatetimeIndex(periods["period"])
    ends = pd.DatetimeIndex(periods["period_end"])
    return bool(len(starts) > 1 and (starts[1:] == ends[:-1].normalize() + pd.Timedelta(days=1)).any())


def coarser_until(freq: str, good_enough) -> str:
    """``freq``, or the next coarser calendar period when ``good_enough(freq)`` fails."""
    order = list(FREQ_NAMES)
    start = order.index(freq)
    for f in order[start:start + 2]:  # one step coarser at most: a two-point timeline says nothing
        if good_enough(f):
            return f
    return order[min(start + 1, len(order) - 1)]


def median_nonzero(table: pd.DataFrame, column: str) -> float:
    values = table.loc[table[column] > 0, column]
    return float(values.median()) if len(values) else 0.0


def mark_events(job, ax) -> None:
    """The report's events on a timeline, the axis widened to every event within the corpus'
    dates; events that still fall outside are named in the page's notes, once."""
    import warnings

    import matplotlib.dates as mdates

    from ...timeline.events import mark_events as mark

    events = job.events
    if events is None or not len(events):
        return
    first, last = job.corpus["date"].min(), job.corpus["date"].max()
    inside = events[(events["date"] >= first.normalize()) & (events["date"] <= last)]
    if len(inside):
        lo, hi = ax.get_xlim()
        ax.set_xlim(min(lo, mdates.date2num(inside["date"].min()) - 3),
                    max(hi, mdates.date2num(inside["date"].max()) + 3))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mark(ax, events)
    for w in caught:
        text = str(w.message).replace("mark_events: ", "Events: ").split(" Widen the axis")[0]
        if text not in job.notes:
            job.note(text)
