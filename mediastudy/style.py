"""A consistent look for the timeline figures.

* :func:`outlet_colors` gives each outlet one colour for the whole study: the
  first time an outlet is seen it takes the next free colour of a 20-colour
  palette (the ten most distinct first), and keeps it in every later plot of the
  session. Past 20 outlets, colours are reused by a stable hash of the name.
  :func:`set_outlet_colors` fixes colours up front (e.g. all outlets of the
  study in one call, so the assignment does not depend on the order of plots).
* :func:`format_date_axis` puts readable date ticks on any span, from days to
  decades (matplotlib's ``ConciseDateFormatter``).
* :func:`legend_outside` puts the legend right of the data.
* :func:`save_figure` writes a PNG and an SVG at print resolution.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

import matplotlib.dates as mdates
from matplotlib import colors as mcolors

from .errors import InvalidParameterError

__all__ = [
    "PALETTE",
    "literal_text",
    "outlet_colors",
    "set_outlet_colors",
    "format_date_axis",
    "legend_outside",
    "save_figure",
]

# Tableau 10 followed by ten darker / lighter companions: distinct on screen and
# in print, and the first ten are the familiar ones.
PALETTE: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    "#1f3f66", "#a35a12", "#8c1d1f", "#2f6f6a", "#2d5f26",
    "#9a7d0a", "#6b3f63", "#c44e6b", "#5c4030", "#6e6e6e",
)  # fmt: skip
ALL_COLOR = "#222222"

# The study-wide registry: outlet name -> colour. Filled on first use, so the
# same outlet keeps its colour across all plots made in this Python session.
_REGISTRY: dict[str, str] = {}


def _slot(name: str) -> int:
    """A stable (not salted per process) palette slot for a name."""
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % len(PALETTE)


def outlet_colors(outlets: Iterable[object]) -> dict[str, str]:
    """The colour of each outlet, the same in every plot of the study.

    Parameters
    ----------
    outlets : iterable of str
        Outlet names. New names are registered in sorted order, so the result
        does not depend on the order they are given in.

    Returns
    -------
    dict
        Outlet name -> hex colour. The pooled series ``"all"`` is near-black.

    Examples
    --------
    >>> a = outlet_colors(["BBC", "RT"])
    >>> b = outlet_colors(["RT", "NYT", "BBC"])
    >>> a["RT"] == b["RT"] and a["BBC"] == b["BBC"]
    True
    >>> len(set(b.values()))
    3
    """
    names = [str(o) for o in outlets]
    for name in sorted(set(names) - set(_REGISTRY) - {"all"}):
        used = set(_REGISTRY.values())
        free = [c for c in PALETTE if c not in used]
        # More outlets than colours: share, but stay deterministic.
        _REGISTRY[name] = free[0] if free else PALETTE[_slot(name)]
    return {n: (ALL_COLOR if n == "all" else _REGISTRY[n]) for n in names}


def set_outlet_colors(colors: Mapping[str, object] | Iterable[str] | None) -> dict[str, str]:
    """Fix outlet colours for the study, or forget them all.

    Parameters
    ----------
    colors : mapping, iterable of str, or None
        A mapping outlet -> matplotlib colour sets those colours. A list of
        outlet names registers the new ones in that order, so they take the
        palette's colours first to last (call it once at the top of a study to
        make colours independent of the order plots are drawn in). None forgets
        every assigned colour.

    Returns
    -------
    dict
        A copy of the whole registry after the change.

    Examples
    --------
    >>> _ = set_outlet_colors(None)
    >>> _ = set_outlet_colors(["RT", "BBC"])
    >>> outlet_colors(["BBC", "RT"]) == {"BBC": PALETTE[1], "RT": PALETTE[0]}
    True
    >>> _ = set_outlet_colors({"BBC": "black"})
    >>> outlet_colors(["BBC"])
    {'BBC': '#000000'}
    >>> _ = set_outlet_colors(None)
    """
    if colors is None:
        _REGISTRY.clear()
    elif isinstance(colors, Mapping):
        for name, color in colors.items():
            if not mcolors.is_color_like(color):
                raise InvalidParameterError(
                    f"set_outlet_colors: {color!r} for outlet {name!r} is not a matplotlib "
                    "colour; use a name ('black') or hex code ('#1f77b4').",
                    param="colors", value=color,
                )
            _REGISTRY[str(name)] = mcolors.to_hex(color)
    elif isinstance(colors, str):
        raise InvalidParameterError(
            f"set_outlet_colors takes a mapping or a list of outlet names, not the string "
            f"{colors!r}; wrap a single name in a list: [{colors!r}].",
            param="colors", value=colors,
        )
    else:
        for name in dict.fromkeys(str(c) for c in colors):
            outlet_colors([name])
    return dict(_REGISTRY)


def literal_text(text: object) -> str:
    """``text`` as matplotlib will show it as written: never read as math text.

    Matplotlib reads anything between two ``$`` as a formula (``Cash$$Flow`` fails to draw;
    ``$x^2$`` becomes a superscript). Every plot passes names and labels that come from the
    data (outlets, titles, topic labels, events) through this.

    Examples
    --------
    >>> print(literal_text("Cash$$Flow"))
    Cash\\$\\$Flow
    """
    return str(text).replace("$", r"\$")


def format_date_axis(ax, *, axis: str = "x"):
    """Concise date ticks that stay readable from a few days to several decades.

    Parameters
    ----------
    ax : matplotlib Axes
        Axes whose date axis to format.
    axis : {"x", "y"}, default "x"
        Which axis holds the dates.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot(pd.date_range("2022-01-01", periods=90), range(90))
    >>> ax = format_date_axis(ax)
    >>> type(ax.xaxis.get_major_formatter()).__name__
    'ConciseDateFormatter'
    """
    target = ax.xaxis if axis == "x" else ax.yaxis
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    target.set_major_locator(locator)
    target.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=True))
    return ax


def legend_outside(ax, *, title: str | None = None, **kwargs):
    """A legend to the right of the data, so it never hides a line.

    Returns the Legend, or None when nothing on ``ax`` has a label.
    """
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return None
    opts = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0), "frameon": False,
            "fontsize": "small", "borderaxespad": 0.0}  # fmt: skip
    opts.update(kwargs)
    return ax.legend(handles, labels, title=title, **opts)


def save_figure(fig, path_stem: str | Path, *, dpi: int = 300, formats=("png", "svg")):
    """Save ``fig`` as ``<path_stem>.png`` and ``<path_stem>.svg`` at print resolution.

    Parameters
    ----------
    fig : matplotlib Figure
    path_stem : str or Path
        Path without extension; missing folders are created.
    dpi : int, default 300
        Resolution of the raster formats.
    formats : sequence of str, default ("png", "svg")

    Returns
    -------
    list of Path
        The files written.

    Examples
    --------
    >>> import tempfile, matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.suffix for p in save_figure(fig, f"{tmp}/volume")]
    ['.png', '.svg']
    """
    stem = Path(path_stem)
    if stem.suffix.lower() in {".png", ".svg", ".pdf"}:
        stem = stem.with_suffix("")
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = stem.with_name(f"{stem.name}.{fmt}")
        fig.savefig(path, dpi=dpi, bbox_inches="tight", metadata=_metadata(fmt))
        written.append(path)
    return written


def _metadata(fmt: str) -> dict | None:
    # Keep files byte-stable between runs (no creation dates in them).
    if fmt == "svg":
        return {"Date": None}
    if fmt == "png":
        return {"Software": None}
    return None
