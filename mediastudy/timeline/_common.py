"""Shared preparation for the timeline tables (private).

:func:`prepare` checks the columns, leaves out (and reports) rows without a
usable date, picks the outlets and turns every kept row into an integer period
number, so the public tables only count with ``np.bincount``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..checks import require_columns
from ..errors import DataError, InvalidParameterError
from ..periods import check_freq, grid_frame, ordinals, to_days

# Dates outside these bounds are typing errors in the source (years 0001, 9999 ...).
PLAUSIBLE = (np.datetime64("1800-01-01", "D"), np.datetime64("2199-12-31", "D"))
ALL_OUTLETS = "all"


@dataclass
class Prepared:
    """Rows kept for a timeline, with their period numbers and outlet codes."""

    rows: pd.DataFrame  # the kept rows (a new frame; the caller's is untouched)
    days: np.ndarray  # day (datetime64[D]) of each kept row
    ords: np.ndarray  # period number of each kept row
    codes: np.ndarray  # outlet code of each kept row
    outlets: list[str]  # outlet name of each code
    freq: str
    lo: int  # first period number of the common range
    hi: int  # last period number of the common range
    first: np.datetime64  # first day covered
    last: np.datetime64  # last day covered
    report: dict = field(default_factory=dict)

    @property
    def n_periods(self) -> int:
        return self.hi - self.lo + 1

    def grid(self) -> pd.DataFrame:
        """Every period of the common range with its incomplete flag."""
        return grid_frame(self.lo, self.hi, self.freq, self.first, self.last)

    def counts(self, mask: np.ndarray | None = None) -> np.ndarray:
        """Articles per (outlet, period) as an array of shape (n_outlets, n_periods)."""
        idx = self.codes * self.n_periods + (self.ords - self.lo)
        if mask is not None:
            idx = idx[mask]
        n = len(self.outlets) * self.n_periods
        return np.bincount(idx, minlength=n).reshape(len(self.outlets), self.n_periods)


def _bound(value: object, name: str, func: str) -> np.datetime64 | None:
    if value is None:
        return None
    try:
        day = to_days([pd.Timestamp(value)])[0]
    except (ValueError, TypeError) as exc:
        raise InvalidParameterError(
            f"The '{name}' parameter of {func} must be a date such as '2022-01-31'. Got {value!r} instead.",
            param=name
        ) from exc
    if np.isnat(day):
        raise InvalidParameterError(
            f"The '{name}' parameter of {func} must be a date, not {value!r}.",
            param=name,
        )
    return day


def prepare(
    df: pd.DataFrame,
    *,
    func: str,
    freq: str,
    date: str,
    outlet: str,
    by_outlet: bool,
    outlets: object,
    start: object,
    end: object,
    columns: tuple[str, ...] = (),
) -> Prepared:
    """Check ``df``, drop rows without a usable date (with a warning), bin the rest."""
    freq = check_freq(freq, func=func)
    need = [date, *([outlet] if by_outlet or outlets is not None else []), *columns]
    require_columns(df, need, func=func)
    lo_day, hi_day = _bound(start, "start", func), _bound(end, "end", func)
    if lo_day is not None and hi_day is not None and hi_day < lo_day:
        raise InvalidParameterError(
            f"The 'end' parameter of {func} ({end}) is before 'start' ({start}).",
            param="end",
        )

    days = to_days(df[date])
    missing = np.isnat(days)
    low = PLAUSIBLE[0] if lo_day is None else lo_day
    high = PLAUSIBLE[1] if hi_day is None else hi_day
    outside = ~missing & ((days < low) | (days > high))
    keep = ~(missing | outside)

    if outlets is not None and not by_outlet:
        raise InvalidParameterError(
            f"{func}: 'outlets' selects outlets to draw one by one; it needs by='outlet'. "
            "To count several outlets together, filter the frame first.",
            param="outlets",
        )
    if by_outlet:
        codes_all, uniques = pd.factorize(df[outlet], use_na_sentinel=False)
        names = np.array([str(u) if not pd.isna(u) else "(no outlet)" for u in uniques])
        counts = np.bincount(codes_all[keep], minlength=len(names))
        chosen = _choose_outlets(names, counts, outlets, func)
        # Re-code to positions in `chosen`; outlets not chosen become -1 and are dropped.
        position = {name: i for i, name in enumerate(chosen)}
        remap = np.array([position.get(name, -1) for name in names], dtype=np.int64)
        codes_all = remap[codes_all] if len(remap) else np.zeros(len(df), dtype=np.int64)
        keep &= codes_all >= 0
    else:
        chosen = [ALL_OUTLETS]
        codes_all = np.zeros(len(df), dtype=np.int64)

    n_missing, n_outside = int(missing.sum()), int(outside.sum())
    report = {"n_no_date": n_missing, "n_out_of_range": n_outside}
    if n_missing or n_outside:
        window = f"{np.datetime_as_string(low)}..{np.datetime_as_string(high)}"
        parts = []
        if n_missing:
            parts.append(f"{n_missing:,} without a date")
        if n_outside:
            parts.append(f"{n_outside:,} dated outside {window}")
        warnings.warn(
            f"{func} left out {' and '.join(parts)} of {len(df):,} articles "
            "(counts in the table's .attrs; pass start=/end= to set the study window).",
            UserWarning,
            stacklevel=3,
        )
    kept_days = days[keep]
    if kept_days.size == 0 and (lo_day is None or hi_day is None):
        raise DataError(
            f"{func} has no articles with a usable date in column '{date}' to count "
            f"({len(df):,} rows, {n_missing:,} without a date); check the column or "
            "pass both start= and end=."
        )
    first = lo_day if lo_day is not None else kept_days.min()
    last = hi_day if hi_day is not None else kept_days.max()
    lo, hi = (int(x) for x in ordinals(np.array([first, last]), freq))
    return Prepared(
        rows=df[[c for c in dict.fromkeys([date, *columns]) if c in df.columns]].loc[keep],
        days=kept_days,
        ords=ordinals(kept_days, freq),
        codes=np.asarray(codes_all, dtype=np.int64)[keep],
        outlets=list(chosen),
        freq=freq,
        lo=lo,
        hi=hi,
        first=first,
        last=last,
        report=report,
    )


def _choose_outlets(names: np.ndarray, counts: np.ndarray, outlets: object, func: str):
    """The outlets to keep, in a stable order: by name, by article count or as listed."""
    present = counts > 0
    values, counts = names[present], counts[present]
    order = np.argsort(values, kind="stable")
    values, counts = values[order], counts[order]
    if outlets is None:
        return [str(v) for v in values]
    if isinstance(outlets, (int, np.integer)) and not isinstance(outlets, bool):
        if outlets < 1:
            raise InvalidParameterError(
                f"The 'outlets' parameter of {func} must be >= 1. Got {outlets}.",
                param="outlets",
            )
        top = np.lexsort((values, -counts))  # most articles first, ties by name
        return [str(v) for v in values[top][: int(outlets)]]
    if isinstance(outlets, str):
        outlets = [outlets]
    wanted = [str(o) for o in outlets]
    have_set = set(values.tolist())
    unknown = [o for o in wanted if o not in have_set]
    if unknown:
        have = ", ".join(map(str, values[:15]))
        raise InvalidParameterError(
            f"The 'outlets' parameter of {func} names outlet(s) {unknown} that have no "
            f"dated articles. Outlets present: {have}{' ...' if len(values) > 15 else ''}.", param="outlets"
        )
    return list(dict.fromkeys(wanted))


def _by_from_by_outlet(value: object) -> str | None:
    """The ``by=`` that the deprecated ``by_outlet=`` meant (True: per outlet)."""
    return "outlet" if value else None


# ``renamed_parameters(by_outlet=BY_OUTLET)`` keeps ``by_outlet=True/False`` working (0.2).
BY_OUTLET = ("by", _by_from_by_outlet)


def split_by_outlet(by: object, outlet_column: str, func: str) -> bool:
    """Whether a timeline table is split by outlet: ``by`` is "outlet" (or the name of
    ``outlet_column``) or None (all articles pooled as outlet ``"all"``)."""
    if by is None:
        return False
    if isinstance(by, str) and by in ("outlet", outlet_column):
        return True
    raise InvalidParameterError(
        f"The 'by' parameter of {func} must be 'outlet' (one series per outlet, from the "
        f"column outlet_column={outlet_column!r}) or None (all articles pooled). Got {by!r} "
        "instead. To split by another column, filter the corpus for each of its values.",
        param="by", value=by, allowed=("outlet", None),
    )


def check_count(value: object, name: str, func: str | None, low: int = 1) -> None:
    """Raise an actionable ``ValueError`` unless ``value`` is an integer >= ``low``."""
    if not isinstance(value, (int, np.integer)) or value < low:
        where = f" of {func}" if func else ""
        raise InvalidParameterError(
            f"The '{name}' parameter{where} must be an integer >= {low}. Got {value!r}.",
            param=name,
        )


def check_ci(ci: object, func: str | None) -> None:
    """Raise an actionable ``ValueError`` unless ``0 < ci < 1``."""
    if not 0 < ci < 1:
        where = f" of {func}" if func else ""
        raise InvalidParameterError(
            f"The 'ci' parameter{where} must be between 0 and 1 (e.g. 0.95). Got {ci!r}.",
            param="ci",
        )


def _names(value: object) -> list:
    """A str, or a list of them, as a list (anything else as a one-item list, for the
    caller's check to reject by name)."""
    if isinstance(value, str):
        return [value]
    try:
        return list(value)
    except TypeError:
        return [value]


def filter_columns(
    columns: pd.Index, keyword: object, topic: object, text_columns, topic_column: str
) -> tuple[str, ...]:
    """The columns a keyword/topic filter reads (all text columns named, when none is present)."""
    need: tuple[str, ...] = (topic_column,) if topic is not None else ()
    if keyword is not None:
        cols = _names(text_columns)
        need += tuple(c for c in cols if c in columns) or tuple(cols)
    return need


def filter_mask(
    rows: pd.DataFrame, keyword: object, topic: object, *, text_columns, topic_column: str, func: str
) -> np.ndarray | None:
    """Rows whose text mentions the keyword (any of them) and whose topic is one of ``topic``.

    None when there is no filter. Keywords are case-insensitive plain text (not
    regexes), looked for in every present column of ``text_columns``.
    """
    mask = None
    if keyword is not None:
        mask = keyword_mask(rows, keyword, text_columns, func)
    if topic is not None:
        wanted = [topic] if np.isscalar(topic) else list(topic)
        tmask = rows[topic_column].isin(wanted).to_numpy(dtype=bool)
        mask = tmask if mask is None else mask & tmask
    return mask


def keyword_mask(rows: pd.DataFrame, keyword: object, text_columns, func: str) -> np.ndarray:
    """Rows whose ``text_columns`` contain any of the keywords."""
    words = _names(keyword)
    if not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise InvalidParameterError(
            f"The 'keyword' parameter of {func} must be a non-empty string or a list of "
            f"them. Got {keyword!r} instead.", param="keyword"
        )
    cols = _names(text_columns)
    present = [c for c in cols if c in rows.columns]
    if not present:
        require_columns(rows, cols, func=func)
    mask = np.zeros(len(rows), dtype=bool)
    for col in present:
        values = rows[col].astype("string")
        for w in words:
            mask |= values.str.contains(w, case=False, regex=False).fillna(False).to_numpy(bool)
    return mask


def is_table(data: object, columns) -> bool:
    """Whether ``data`` is a table a timeline function returned (it has ``columns``)."""
    return isinstance(data, pd.DataFrame) and set(columns) <= set(data.columns)


def pick_one(table: pd.DataFrame, column: str, value: str | None, *, func: str):
    """The rows of ``table`` whose ``column`` is ``value``, and that value.

    ``value`` may be None when the column holds a single value. A plot draws one
    outlet (or target) per Axes: the error lists the ones to choose from.
    """
    names = list(dict.fromkeys(table[column].astype(str)))
    shown = f"{names[:10]}{' ...' if len(names) > 10 else ''}"
    if value is None:
        if len(names) != 1:
            raise InvalidParameterError(
                f"{func} draws one {column} per Axes; pass {column}= one of {shown}.",
                param=column,
            )
        value = names[0]
    elif value not in names:
        raise InvalidParameterError(
            f"{func}: {column} {value!r} is not in the table ({shown}).",
            param=column,
        )
    return value, table[table[column].astype(str) == value]


def outlet_palette(names, colors: dict | None) -> dict[str, str]:
    """The study-wide colour of each outlet, overridden by ``colors`` where given."""
    from ..style import outlet_colors

    palette = outlet_colors(names)
    if colors:
        palette.update(colors)
    return palette


def finish(table: pd.DataFrame, prep: Prepared, **extra: object) -> pd.DataFrame:
    """Attach what was left out and the binning to ``table.attrs``."""
    table.attrs.update(prep.report)
    table.attrs.update(
        freq=prep.freq,
        coverage=(pd.Timestamp(prep.first), pd.Timestamp(prep.last)),
        **extra,
    )
    return table


def current_axes(ax):
    """``ax``, or pyplot's current Axes (pyplot is imported only when a plot is drawn)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.gca()


def t_quantile(q: float, dof: np.ndarray) -> np.ndarray:
    """Student t quantile, as ``scipy.stats.t.ppf(q, dof)`` computes it: from
    ``scipy.special`` (imported when needed), without the 0.7 s import of ``scipy.stats``."""
    from scipy.special import stdtrit

    return stdtrit(dof, q)


def midpoints(table: pd.DataFrame) -> pd.Series:
    """Where a period is drawn: the middle of its first and last day."""
    end = table["period_end"] + pd.Timedelta(days=1)
    return table["period"] + (end - table["period"]) / 2


def outlet_spans(prep: Prepared) -> tuple[np.ndarray, np.ndarray]:
    """First and last day (datetime64[D]) of each outlet's own articles (NaT if none)."""
    n = len(prep.outlets)
    as_int = prep.days.astype(np.int64)
    first = np.full(n, np.iinfo(np.int64).max)
    last = np.full(n, np.iinfo(np.int64).min)
    np.minimum.at(first, prep.codes, as_int)
    np.maximum.at(last, prep.codes, as_int)
    empty = first > last
    first_d = first.astype("datetime64[D]")
    last_d = last.astype("datetime64[D]")
    first_d[empty] = np.datetime64("NaT")
    last_d[empty] = np.datetime64("NaT")
    return first_d, last_d


def isolated_values(y) -> np.ndarray:
    """Finite values with no finite neighbour: a line through them draws nothing."""
    finite = np.isfinite(np.asarray(y, dtype=float))
    before = np.concatenate([[False], finite[:-1]])
    after = np.concatenate([finite[1:], [False]])
    return finite & ~before & ~after


def table_freq(table: pd.DataFrame, default: str) -> str:
    """The period of a timeline table: from its ``.attrs``, else from its periods' length.

    A table read back from a file (or rebuilt by concat) has lost its ``.attrs``;
    its ``period``/``period_end`` columns still say how long a period is.
    """
    freq = table.attrs.get("freq")
    if freq is not None:
        return freq
    if len(table) and {"period", "period_end"} <= set(table.columns):
        days = (pd.to_datetime(table["period_end"]) - pd.to_datetime(table["period"])).dt.days
        longest = int(days.max()) + 1
        for freq, most in (("D", 1), ("W", 7), ("M", 31), ("Q", 92), ("Y", 366)):
            if longest <= most:
                return freq
    return default


def draw_series(ax, x, y, incomplete, *, color, label=None, **kwargs):
    """A line whose incomplete first/last periods are dashed with hollow markers.

    Returns the solid Line2D (the one carrying the legend label).
    """
    x = pd.to_datetime(pd.Series(x)).to_numpy()
    y = np.asarray(y, dtype=float)
    inc = np.asarray(incomplete, dtype=bool)
    solid_y = np.where(inc, np.nan, y)
    opts = {"linewidth": 1.6}
    opts.update(kwargs)
    (solid,) = ax.plot(x, solid_y, color=color, label=label, **opts)
    # A value with gaps on both sides draws no line segment: give it a dot.
    isolated = isolated_values(solid_y)
    if isolated.any():
        ax.plot(x[isolated], solid_y[isolated], linestyle="none", marker="o", markersize=3,
                color=color)  # fmt: skip
    if inc.any():
        complete = np.flatnonzero(~inc)
        seg_x, seg_y = [], []
        for i in np.flatnonzero(inc):
            if complete.size:
                j = complete[np.argmin(np.abs(complete - i))]
                seg_x += [x[j], x[i], np.datetime64("NaT")]
                seg_y += [y[j], y[i], np.nan]
        dash = {k: v for k, v in opts.items() if k not in {"linestyle", "ls", "marker"}}
        if not complete.size:  # every period incomplete (e.g. two partial weeks): join them
            seg_x, seg_y = list(x[inc]), list(y[inc])
        if seg_x:
            ax.plot(seg_x, seg_y, color=color, linestyle="--", **dash)
        ax.plot(
            x[inc], y[inc], linestyle="none", marker="o", markersize=5,
            markerfacecolor="white", markeredgecolor=color, color=color,
        )  # fmt: skip
    return solid


def period_word(freq: str) -> str:
    from ..periods import FREQ_NAMES

    return FREQ_NAMES[freq]


def check_one_per_axes(func: str, param: str, value: object, kwargs: dict, table: str) -> None:
    """A plot draws one ``param`` (target, outlet) per Axes: say how to draw several.

    ``value`` is what the caller passed as ``param``; ``kwargs`` the plot's other keyword
    arguments (where a plural ``param + "s"`` would land); ``table`` names the table function
    that takes all of them at once.
    """
    loop = (f"fig, axes = plt.subplots(len(names)); for name, ax in zip(names, axes): "
            f"{func}(..., {param}=name, ax=ax)")
    if param + "s" in kwargs:
        raise InvalidParameterError(
            f"{func} draws one {param} per Axes: pass {param}= (singular) one name, e.g. "
            f"{param}={_first(kwargs[param + 's'])!r}. For several, call it once per {param}, "
            f"each on its own Axes: {loop}."
        )
    if value is not None and not isinstance(value, str):
        raise InvalidParameterError(
            f"The '{param}' parameter of {func} takes one {param} name (a plot draws one {param} "
            f"per Axes). Got {value!r}. For several, call it once per {param}: {loop}. "
            f"{table}(..., {param}s=[...]) gives the table of all of them.", param=param
        )


def _first(value: object) -> object:
    """The first name of a str or list of names (for an example in an error message)."""
    if isinstance(value, str):
        return value
    try:
        return next(iter(value))
    except (TypeError, StopIteration):
        return value
