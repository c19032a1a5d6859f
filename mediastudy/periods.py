"""Calendar periods: bin dates into days, weeks, months, quarters or years.

Timelines count articles per *calendar* period (a week runs Monday to Sunday, a
month from its 1st to its last day), never per equal-width slice of the data's
span. Every period in a range is listed, so a period without articles is a zero
and not a gap, and a period that the data covers only in part (the first or the
last) is flagged as ``incomplete``.

======= ===================================
freq    period
======= ===================================
``D``   calendar day
``W``   ISO week, Monday to Sunday
``M``   calendar month
``Q``   calendar quarter (Jan, Apr, Jul, Oct)
``Y``   calendar year
======= ===================================
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .checks import check_choice
from .errors import InvalidParameterError

__all__ = ["FREQS", "period_start", "period_range"]

FREQS: tuple[str, ...] = ("D", "W", "M", "Q", "Y")

FREQ_NAMES: dict[str, str] = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}

# 1970-01-01 (day 0 of numpy's calendar) was a Thursday: shifting by 3 days puts
# Mondays on multiples of 7.
_MONDAY_SHIFT = 3


def check_freq(freq: object, *, func: str) -> str:
    """Raise an actionable ``ValueError`` unless ``freq`` is one of :data:`FREQS`."""
    check_choice(freq, FREQS, func=func, param="freq")
    return str(freq)


def to_days(dates: object) -> np.ndarray:
    """Dates (Series, Index, array or list) as ``datetime64[D]``, time of day dropped."""
    values = pd.Series(dates) if not isinstance(dates, pd.Series) else dates
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_localize(None)
    elif not pd.api.types.is_datetime64_any_dtype(values.dtype):
        values = pd.to_datetime(values)
    return values.to_numpy(dtype="datetime64[D]")


def ordinals(days: np.ndarray, freq: str) -> np.ndarray:
    """Integer period number of each day: consecutive periods differ by exactly 1."""
    if freq == "D":
        return days.astype(np.int64)
    if freq == "W":
        return (days.astype(np.int64) + _MONDAY_SHIFT) // 7
    if freq == "M":
        return days.astype("datetime64[M]").astype(np.int64)
    if freq == "Q":
        return days.astype("datetime64[M]").astype(np.int64) // 3
    return days.astype("datetime64[Y]").astype(np.int64)


def starts_from_ordinals(ords: np.ndarray, freq: str) -> np.ndarray:
    """First day (``datetime64[D]``) of each period number made by :func:`ordinals`."""
    ords = np.asarray(ords, dtype=np.int64)
    if freq == "D":
        return ords.astype("datetime64[D]")
    if freq == "W":
        return (ords * 7 - _MONDAY_SHIFT).astype("datetime64[D]")
    if freq == "M":
        return ords.astype("datetime64[M]").astype("datetime64[D]")
    if freq == "Q":
        return (ords * 3).astype("datetime64[M]").astype("datetime64[D]")
    return ords.astype("datetime64[Y]").astype("datetime64[D]")


def period_start(dates: object, freq: str = "W") -> pd.DatetimeIndex:
    """Start (first day, midnight) of the calendar period holding each date.

    Parameters
    ----------
    dates : Series, Index, array-like of datetimes
        Dates to bin; time of day and time zone are ignored. ``NaT`` stays ``NaT``.
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        Day, Monday-to-Sunday week, month, quarter or year.

    Returns
    -------
    DatetimeIndex
        One period start per input date, in input order.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.Series(pd.to_datetime(["2022-02-24 05:00", "2022-02-27 00:00", "2022-03-01 23:59"]))
    >>> [str(x.date()) for x in period_start(d, "W")]
    ['2022-02-21', '2022-02-21', '2022-02-28']
    >>> [str(x.date()) for x in period_start(d, "Q")]
    ['2022-01-01', '2022-01-01', '2022-01-01']
    """
    freq = check_freq(freq, func="period_start")
    days = to_days(dates)
    out = np.full(days.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    ok = ~np.isnat(days)
    out[ok] = starts_from_ordinals(ordinals(days[ok], freq), freq)
    return pd.DatetimeIndex(out.astype("datetime64[s]"))


def period_range(start: object, end: object, freq: str = "W") -> pd.DataFrame:
    """Every calendar period from the one holding ``start`` to the one holding ``end``.

    Parameters
    ----------
    start, end : date-like
        First and last day the data covers (inclusive). A period that begins
        before ``start`` or ends after ``end`` is only partly covered and is
        flagged ``incomplete``.
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        Day, Monday-to-Sunday week, month, quarter or year.

    Returns
    -------
    DataFrame
        ``period`` (first day), ``period_end`` (last day, inclusive) and
        ``incomplete`` (bool), one row per period, in calendar order.

    Examples
    --------
    >>> period_range("2022-01-15", "2022-03-31", "M")
          period period_end  incomplete
    0 2022-01-01 2022-01-31        True
    1 2022-02-01 2022-02-28       False
    2 2022-03-01 2022-03-31       False
    """
    freq = check_freq(freq, func="period_range")
    first, last = to_days([pd.Timestamp(start), pd.Timestamp(end)])
    if np.isnat(first) or np.isnat(last):
        raise InvalidParameterError(
            f"period_range needs real dates for 'start' and 'end'. Got {start!r} and {end!r}.",
            param="start",
        )
    if last < first:
        raise InvalidParameterError(
            f"The 'end' parameter of period_range ({end}) is before 'start' ({start}); swap them.",
            param="end"
        )
    lo, hi = ordinals(np.array([first, last]), freq)
    return grid_frame(lo, hi, freq, first, last)


def grid_frame(lo: int, hi: int, freq: str, first: np.datetime64, last: np.datetime64):
    """Periods ``lo..hi`` (ordinals) as a frame, flagged against coverage [first, last]."""
    ords = np.arange(lo, hi + 1, dtype=np.int64)
    starts = starts_from_ordinals(ords, freq)
    ends = starts_from_ordinals(ords + 1, freq) - np.timedelta64(1, "D")
    incomplete = (starts < first) | (ends > last)
    return pd.DataFrame(
        {
            "period": starts.astype("datetime64[s]"),
            "period_end": ends.astype("datetime64[s]"),
            "incomplete": incomplete,
        }
    )
