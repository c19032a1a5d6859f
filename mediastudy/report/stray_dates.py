"""A note for the report when a few articles lie far from the dates of the rest.

186 HuffPost articles of 2019-21 in a corpus of 2022 stretch every timeline over three years
and make its periods months instead of weeks. The report says so, with the range of the
rest and the ``start``/``end`` setting that keeps to it; it never leaves articles out itself.

The rule, on calendar months (weeks when the dates span a year or less): the *core* is the
fewest consecutive periods holding ``CORE_SHARE`` of the articles, widened by each period
next to it holding at least ``EDGE_SHARE`` of its mean count, and by one more period on each
side (articles just before or after the core stay). The articles beyond that, on one side,
are strays when that side's periods hold on average at most ``STRAY_DENSITY`` of the core's
mean, none of them more than ``EDGE_SHARE`` of it or 2 articles (a dense cluster is a second
study period, not strays), and they stretch the time axis by at least ``STRETCH`` of the
core's span.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["stray_dates_note", "CORE_SHARE", "EDGE_SHARE", "STRAY_DENSITY", "STRETCH"]

CORE_SHARE = 0.95
EDGE_SHARE = 0.1
STRAY_DENSITY = 0.02
STRETCH = 0.25


def stray_dates_note(dates: pd.Series, start_given: bool = False, end_given: bool = False) -> str | None:
    """The note (None when there is nothing to say); a side whose setting was given is left
    alone.

    >>> days = pd.date_range("2022-03-01", "2022-12-31", freq="D")
    >>> dates = pd.Series(days.append(pd.DatetimeIndex(["2019-06-01", "2020-02-03"])))
    >>> stray_dates_note(dates)[:99]
    '306 of the 308 articles date from 2022-03-01 to 2022-12-31. The 2 before (2019-06-01 to 2020-02-03)'
    """
    d = pd.DatetimeIndex(dates.dropna())
    if d.tz is not None:
        d = d.tz_convert(None)
    d = d.sort_values()
    n = len(d)
    if n < 50:
        return None
    if (d[-1] - d[0]).days > 366:
        index = np.asarray(d.year * 12 + d.month, dtype=np.int64)
    else:
        index = np.asarray((d - pd.Timestamp("1970-01-05")).days // 7, dtype=np.int64)
    index -= index[0]
    counts = np.bincount(index)
    if len(counts) < 8:
        return None
    # the fewest consecutive periods holding CORE_SHARE of the articles: periods lo .. hi-1
    cum = np.concatenate([[0], np.cumsum(counts)])
    ends = np.searchsorted(cum, cum[:-1] + CORE_SHARE * n, "left")
    lengths = np.where(ends <= len(counts), ends - np.arange(len(counts)), len(counts) + 1)
    lo = int(np.argmin(lengths))
    hi = int(ends[lo])
    mean = counts[lo:hi].mean()
    while lo > 0 and counts[lo - 1] >= EDGE_SHARE * mean:
        lo -= 1
    while hi < len(counts) and counts[hi] >= EDGE_SHARE * mean:
        hi += 1
    lo, hi = max(lo - 1, 0), min(hi + 1, len(counts))  # one period of slack on each side
    inside = (index >= lo) & (index < hi)
    first, last = d[inside][0], d[inside][-1]
    core_days = max((last - first).days, 1)

    def strays(side: np.ndarray, stretch_days: int) -> bool:
        return (side.sum() > 0 and side.mean() <= STRAY_DENSITY * mean
                and side.max() <= max(EDGE_SHARE * mean, 2) and stretch_days >= STRETCH * core_days)

    cut_start = not start_given and strays(counts[:lo], (first - d[0]).days)
    cut_end = not end_given and strays(counts[hi:], (d[-1] - last).days)
    if not (cut_start or cut_end):
        return None
    start, end = (first if cut_start else d[0]).date(), (last if cut_end else d[-1]).date()
    kept = int(((d >= pd.Timestamp(start)) & (d < pd.Timestamp(end) + pd.Timedelta(days=1))).sum())

    def span(x: pd.DatetimeIndex) -> str:
        return f"{x[0].date()}" + (f" to {x[-1].date()}" if x[-1].date() != x[0].date() else "")

    parts, settings = [], []
    if cut_start:
        before = d[d < pd.Timestamp(start)]
        parts.append(f"the {len(before):,} before ({span(before)})")
        settings.append(("start", start))
    if cut_end:
        after = d[d >= pd.Timestamp(end) + pd.Timedelta(days=1)]
        parts.append(f"the {len(after):,} after ({span(after)})")
        settings.append(("end", end))
    config = " and ".join(f"{k}: {v}" for k, v in settings)
    cli = " ".join(f"--{k} {v}" for k, v in settings)
    strayed = " and ".join(parts)
    return (f"{kept:,} of the {n:,} articles date from {start} to {end}. {strayed[0].upper()}"
            f"{strayed[1:]} stretch every timeline and make its periods longer: to leave them "
            f"out, set {config} in the config file ({cli} on the command line).")
