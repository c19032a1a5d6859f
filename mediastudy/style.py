"""A consistent look for the timeline figures.

* :func:`outlet_colors` gives each outlet one colour for the whole study, from a
  14-colour palette that stays apart for red-green colour blindness too (any two
  colours at least :data:`MIN_COLOUR_DISTANCE` CIEDE2000 apart, checked by
  :func:`colour_distances`): its home colour, a fixed hash of its name, unless
  another outlet holds it (see :func:`outlet_colors` for the exact rule and what
  it guarantees). :func:`set_outlet_colors` fixes colours up front or reads a
  saved mapping, so scripts, notebooks and reports agree.
* :func:`topic_colors` gives each topic id one colour from the same palette, the same in
  every topic figure (the map, topic share): the first few topics get the colours that
  stand furthest apart (:data:`TOPIC_ORDER`).
* :func:`literal_text` makes text from the data safe to show: a ``$`` in an outlet
  name stays a dollar sign, never starts matplotlib math text.
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
    "MIN_COLOUR_DISTANCE",
    "outlet_colors",
    "set_outlet_colors",
    "topic_colors",
    "TOPIC_ORDER",
    "OTHER_COLOR",
    "colour_distances",
    "format_date_axis",
    "legend_outside",
    "save_figure",
]

# Fourteen colours chosen by our own search (benchmarks/palette_search.py) over an sRGB
# grid for the largest smallest CIEDE2000 distance between any two of them, for normal
# vision and in the Machado et al. (2009) simulations of deuteranopia and protanopia
# (severity 1), with CIELAB lightness 35-75 (visible on white) and chroma >= 30.
# colour_distances() recomputes the guarantee; a test holds it.
PALETTE: tuple[str, ...] = (
    "#00b4ff", "#ffa500", "#3c9687", "#873c4b", "#008796", "#b45a5a", "#5a1ee1",
    "#78c3a5", "#c36900", "#3c78f0", "#c39669", "#a50069", "#00c3c3", "#a51e00",
)  # fmt: skip
#: The smallest CIEDE2000 distance between two colours of :data:`PALETTE`, over normal
#: vision and simulated deuteranopia and protanopia (see :func:`colour_distances`).
MIN_COLOUR_DISTANCE = 12.8
ALL_COLOR = "#222222"
#: The palette in the order topics take it: each colour the one furthest (CIEDE2000, the
#: worst of normal vision and simulated deuteranopia and protanopia) from all those before
#: it, from the first. The first 5 topics are at least 23.9 apart, the first 8 14.3 (in the
#: palette's own order: 12.8). A test recomputes it.
TOPIC_ORDER: tuple[int, ...] = (0, 13, 1, 6, 2, 8, 3, 7, 9, 5, 12, 10, 11, 4)
#: The colour of topics pooled as "other" (``plot_topic_share(top_n=...)``).
OTHER_COLOR = "#d9d9d9"

# The study-wide registry: outlet name -> colour. An outlet keeps the colour it first got
# for the rest of the Python session (set_outlet_colors(None) forgets them).
_REGISTRY: dict[str, str] = {}


def _home(name: str) -> int:
    """The outlet's own palette slot: a stable hash of its name (not salted per process)."""
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % len(PALETTE)


def outlet_colors(outlets: Iterable[object] | None = None) -> dict[str, str]:
    """The colour of each outlet, the same in every plot, script, notebook and report.

    The rule: each outlet has a *home colour*, picked from :data:`PALETTE` by a fixed
    hash of its name. It gets that colour unless an outlet that already has a colour
    in this session holds it, or a new outlet given in the same call whose name sorts
    first wants it; then it takes the next free colour of the palette after its home.
    So:

    * the same outlets give the same colours whatever the order they come in;
    * an outlet keeps its colour for the whole session once it has one;
    * an outlet whose home colour no other outlet of the study shares has that colour
      in every subset, script, notebook and report, with no setup;
    * for a guarantee over a whole study, give every outlet its colour at once
      (``outlet_colors(corpus["outlet"].unique())``), save the mapping and pass it on
      with :func:`set_outlet_colors` (a ``mediastudy report`` writes it as
      ``outlet_colors.json`` and takes one with its ``colors`` setting).

    Any two of the 14 palette colours differ by a CIEDE2000 distance of at least
    :data:`MIN_COLOUR_DISTANCE` (12.8) for normal vision and for simulated
    deuteranopia and protanopia (red-green colour blindness). With more than 14
    outlets, colours repeat (by home colour): pass fewer outlets to a plot, or
    fix colours with :func:`set_outlet_colors`.

    Parameters
    ----------
    outlets : iterable of str, optional
        Outlet names. None returns every colour given so far (a mapping to save).

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
    if outlets is None:
        return dict(_REGISTRY)
    if isinstance(outlets, str):
        outlets = [outlets]
    names = [str(o) for o in outlets]
    new = sorted(set(names) - set(_REGISTRY) - {"all"})
    if new:
        taken = {c: n for n, c in _REGISTRY.items()}
        for name in new:
            home = _home(name)
            for step in range(len(PALETTE)):
                color = PALETTE[(home + step) % len(PALETTE)]
                if color not in taken:
                    break
            else:  # more outlets than colours: share the home colour
                color = PALETTE[home]
            taken.setdefault(color, name)
            _REGISTRY[name] = color
    return {n: (ALL_COLOR if n == "all" else _REGISTRY[n]) for n in names}


def topic_colors(topics: Iterable[object] | None = None) -> dict:
    """The colour of each topic id, the same in every topic figure of any model.

    Topic ``t`` takes colour ``t`` of :data:`TOPIC_ORDER` (a reordering of :data:`PALETTE`
    that keeps the first topics furthest apart, for red-green colour blindness too); with
    more than 14 topics, colours repeat. A missing id (the pooled "other" topic of a
    topic-share table) is light grey (:data:`OTHER_COLOR`).

    Parameters
    ----------
    topics : iterable of int, optional
        Topic ids, e.g. ``range(model.n_topics)`` or a table's ``topic`` column. None
        gives ids 0-13, every colour once.

    Returns
    -------
    dict
        Topic id -> hex colour, in the order given (each id once).

    Raises
    ------
    InvalidParameterError
        A topic id is not a whole number of at least 0.

    Examples
    --------
    >>> topic_colors([0, 1, 2])
    {0: '#00b4ff', 1: '#a51e00', 2: '#ffa500'}
    >>> topic_colors([14])[14] == topic_colors([0])[0]
    True
    """
    import math
    import numbers

    import pandas as pd

    out: dict = {}
    for topic in range(len(TOPIC_ORDER)) if topics is None else topics:
        if topic in out:
            continue
        whole = isinstance(topic, numbers.Integral) or (
            isinstance(topic, float) and topic.is_integer())  # (a column read back from CSV)
        if whole and not isinstance(topic, bool) and topic >= 0:
            out[topic] = PALETTE[TOPIC_ORDER[int(topic) % len(TOPIC_ORDER)]]
        elif topic is None or topic is pd.NA or (isinstance(topic, float) and math.isnan(topic)):
            out[topic] = OTHER_COLOR
        else:
            raise InvalidParameterError(
                f"topic_colors takes topic ids (whole numbers from 0); got {topic!r}.",
                param="topics", value=topic)
    return out


def set_outlet_colors(colors: Mapping[str, object] | Iterable[str] | str | Path | None) -> dict[str, str]:
    """Fix outlet colours for the study, read them from a file, or forget them all.

    Parameters
    ----------
    colors : mapping, iterable of str, path, or None
        A mapping outlet -> matplotlib colour sets those colours (e.g. the one
        :func:`outlet_colors` returns, saved and passed on). A path of a JSON or YAML
        file holding such a mapping (e.g. a report's ``outlet_colors.json``) reads it.
        A list of outlet names gives them their colours in one call (see
        :func:`outlet_colors`), so later plots of any subset agree. None forgets every
        assigned colour.

    Returns
    -------
    dict
        A copy of the whole registry after the change.

    Examples
    --------
    >>> _ = set_outlet_colors(None)
    >>> colours = outlet_colors(["RT", "BBC"])
    >>> _ = set_outlet_colors(None)
    >>> _ = set_outlet_colors(colours)            # passed on: the same colours again
    >>> outlet_colors(["BBC", "RT"]) == colours
    True
    >>> _ = set_outlet_colors({"BBC": "black"})
    >>> outlet_colors(["BBC"])
    {'BBC': '#000000'}
    >>> _ = set_outlet_colors(None)
    """
    if colors is None:
        _REGISTRY.clear()
        return {}
    if isinstance(colors, (str, Path)) and _looks_like_file(colors):
        colors = _read_colors(Path(colors))
    if isinstance(colors, Mapping):
        checked = {}
        for name, color in colors.items():
            if not mcolors.is_color_like(color):
                raise InvalidParameterError(
                    f"set_outlet_colors: {color!r} for outlet {name!r} is not a matplotlib "
                    "colour; use a name ('black') or hex code ('#1f77b4').",
                    param="colors", value=color,
                )
            checked[str(name)] = mcolors.to_hex(color)
        _REGISTRY.update(checked)
    elif isinstance(colors, str):
        raise InvalidParameterError(
            f"set_outlet_colors takes a mapping, a list of outlet names or the path of a JSON or "
            f"YAML file, not the string {colors!r}; wrap a single name in a list: [{colors!r}].",
            param="colors", value=colors,
        )
    else:
        outlet_colors(list(dict.fromkeys(str(c) for c in colors)))
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
def _looks_like_file(value) -> bool:
    return isinstance(value, Path) or str(value).lower().endswith((".json", ".yaml", ".yml"))


def _read_colors(path: Path) -> dict:
    import json

    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise InvalidParameterError(
            f"set_outlet_colors: cannot read the colours file '{path}' ({exc}). It must hold a "
            "mapping of outlet name to colour, e.g. {\"BBC\": \"#00b4ff\"}.",
            param="colors", value=str(path)) from None
    if not isinstance(data, Mapping):
        raise InvalidParameterError(
            f"set_outlet_colors: the colours file '{path}' must hold a mapping of outlet name to "
            f"colour. Got a {type(data).__name__}.", param="colors", value=str(path))
    return data


# ---------------------------------------------------------------- colour distance
# sRGB -> linear RGB -> XYZ (D65) -> CIELAB, CIEDE2000 (Sharma, Wu & Dalal 2005), and the
# colour-vision-deficiency simulation of Machado, Oliveira & Fernandes (2009), severity 1,
# applied to linear RGB.
_SRGB_TO_XYZ = (
    (0.4124564, 0.3575761, 0.1804375),
    (0.2126729, 0.7151522, 0.0721750),
    (0.0193339, 0.1191920, 0.9503041),
)  # fmt: skip
CVD_MATRICES = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968),
                     (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868),
                   (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
}  # fmt: skip


def to_lab(colors, *, vision: str = "normal"):
    """CIELAB (D65) coordinates of matplotlib colours, as seen with ``vision``.

    ``vision`` is "normal", "deuteranopia" or "protanopia" (simulated as Machado et
    al. 2009, severity 1). Returns an array of shape (n, 3).
    """
    import numpy as np

    rgb = np.array([mcolors.to_rgb(c) for c in colors], dtype=float)
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    if vision != "normal":
        lin = np.clip(lin @ np.array(CVD_MATRICES[vision]).T, 0.0, 1.0)
    m = np.array(_SRGB_TO_XYZ)
    xyz = lin @ m.T / m.sum(axis=1)
    eps, kappa = 216 / 24389, 24389 / 27
    f = np.where(xyz > eps, np.cbrt(xyz), (kappa * xyz + 16) / 116)
    return np.stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])], axis=1)


def ciede2000(lab1, lab2):
    """CIEDE2000 colour difference between CIELAB colours (arrays broadcast, last axis L, a, b)."""
    import numpy as np

    L1, a1, b1 = np.moveaxis(np.asarray(lab1, dtype=float), -1, 0)
    L2, a2, b2 = np.moveaxis(np.asarray(lab2, dtype=float), -1, 0)
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    chroma0 = c1p * c2p == 0
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(chroma0, 0.0, dh)
    d_l, d_c = L2 - L1, c2p - c1p
    d_h = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    l_mean, cp_mean = (L1 + L2) / 2, (c1p + c2p) / 2
    h_sum = h1p + h2p
    h_mean = np.where(chroma0, h_sum, np.where(np.abs(h1p - h2p) <= 180, h_sum / 2,
                                               np.where(h_sum < 360, (h_sum + 360) / 2,
                                                        (h_sum - 360) / 2)))
    t = (1 - 0.17 * np.cos(np.radians(h_mean - 30)) + 0.24 * np.cos(np.radians(2 * h_mean))
         + 0.32 * np.cos(np.radians(3 * h_mean + 6)) - 0.20 * np.cos(np.radians(4 * h_mean - 63)))
    d_theta = 30 * np.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(cp_mean**7 / (cp_mean**7 + 25.0**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / np.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    return np.sqrt((d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2
                   + r_t * (d_c / s_c) * (d_h / s_h))


def colour_distances(colors=PALETTE) -> dict[str, float]:
    """The smallest CIEDE2000 distance between two of ``colors``, per kind of vision.

    Examples
    --------
    >>> d = colour_distances()
    >>> sorted(d), min(d.values()) >= MIN_COLOUR_DISTANCE
    (['deuteranopia', 'normal', 'protanopia'], True)
    """
    import numpy as np

    out = {}
    for vision in ("normal", "deuteranopia", "protanopia"):
        lab = to_lab(colors, vision=vision)
        d = ciede2000(lab[:, None, :], lab[None, :, :])
        d[np.diag_indices_from(d)] = np.inf
        out[vision] = float(d.min())
    return out

def format_date_axis(ax, *, axis: str = "x", freq: str | None = None):
    """Concise date ticks that stay readable from a few days to several decades.

    Parameters
    ----------
    ax : matplotlib Axes
        Axes whose date axis to format.
    axis : {"x", "y"}, default "x"
        Which axis holds the dates.
    freq : {"D", "W", "M", "Q", "Y"} or None, default None
        The calendar period of the values drawn: with months, quarters or years, no tick
        falls between month starts (three months of monthly values read "Apr, May, Jun",
        not "15, May, 15"). None: any ticks.

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
    if freq not in (None, "D", "W", "M", "Q", "Y"):
        raise InvalidParameterError(
            "The 'freq' parameter of format_date_axis must be one of 'D', 'W', 'M', 'Q', 'Y' or "
            f"None. Got {freq!r} instead.", param="freq", value=freq)
    target = ax.xaxis if axis == "x" else ax.yaxis
    locator = _PeriodDateLocator(freq in ("M", "Q", "Y"), minticks=4, maxticks=9)
    target.set_major_locator(locator)
    target.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=True))
    return ax


class _PeriodDateLocator(mdates.AutoDateLocator):
    """matplotlib's automatic date ticks, one a month at the finest when ``months``: monthly
    values drawn over a short span otherwise get ticks on the 1st and the 15th. (Such a span
    gets them in the middle of each month, where a month's value is drawn.)"""

    def __init__(self, months: bool, **kwargs):
        super().__init__(**kwargs)
        self.months = months

    def get_locator(self, dmin, dmax):
        locator = super().get_locator(dmin, dmax)
        chosen = getattr(self, "_freq", mdates.MONTHLY)  # (set by get_locator; private)
        if self.months and chosen not in (mdates.YEARLY, mdates.MONTHLY):
            locator = mdates.MonthLocator(bymonthday=15, tz=self.tz)  # (a month's middle)
            locator.set_axis(self.axis)
        return locator


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
