"""Date parsing for article files and tables (private).

One scalar parser, :func:`parse_date`, that knows the formats news exports use and
never guesses day-first versus month-first: a numeric ``03/04/2017`` needs an
explicit ``dayfirst``. :func:`parse_date_values` maps it over many values, parsing
each distinct string once.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import numpy as np
import pandas as pd

_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_YMD_SLASH = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?")
_WEEKDAY = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE
)
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_WRITTEN_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y")

MIN_YEAR, MAX_YEAR = 1678, 2261
EXPECTED = "dd/mm/yyyy, ISO yyyy-mm-dd, or a written date such as '20 March 2017'"


class DateProblem(ValueError):
    """A date string that cannot be read; the message says why."""


def parse_date(value: str, *, dayfirst: bool | None) -> datetime:
    """Parse one date string, or raise :class:`DateProblem` saying what is wrong.

    Examples
    --------
    >>> parse_date("31/10/2022", dayfirst=True)
    datetime.datetime(2022, 10, 31, 0, 0)
    >>> parse_date("11 Mar, 2007", dayfirst=None)
    datetime.datetime(2007, 3, 11, 0, 0)
    >>> parse_date("2017-03-20T10:00:00Z", dayfirst=None)
    datetime.datetime(2017, 3, 20, 10, 0)
    """
    s = value.strip()
    if not s:
        raise DateProblem("missing date")
    m = _NUMERIC.fullmatch(s)
    if m:
        if dayfirst is None:
            raise DateProblem(
                f"date '{s}' can be read day-first or month-first; "
                "pass dayfirst=True (dd/mm/yyyy) or dayfirst=False (mm/dd/yyyy)"
            )
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        day, month = (a, b) if dayfirst else (b, a)
        try:
            return datetime(year, month, day)
        except ValueError:
            fmt = "dd/mm/yyyy" if dayfirst else "mm/dd/yyyy"
            raise DateProblem(f"impossible date '{s}' (read as {fmt})") from None
    if _ISO.fullmatch(s):
        try:
            parsed = datetime.fromisoformat(s)
        except ValueError:
            raise DateProblem(f"impossible or malformed ISO date '{s}'") from None
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        return parsed
    m = _YMD_SLASH.fullmatch(s)
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise DateProblem(f"impossible date '{s}' (read as yyyy/mm/dd)") from None
    written = _WEEKDAY.sub("", s)
    written = _ORDINAL.sub(r"\1", written).replace(",", " ").replace(".", " ")
    written = re.sub(r"\bsept\b", "sep", " ".join(written.split()), flags=re.IGNORECASE)
    if any(ch.isalpha() for ch in written):
        for fmt in _WRITTEN_FORMATS:
            try:
                return datetime.strptime(written, fmt)
            except ValueError:
                continue
    raise DateProblem(f"cannot read date '{s}' (expected {EXPECTED})")


def parse_date_values(values, *, dayfirst: bool | None):
    """Parse many date strings; return (datetime64[ns] array, list of problems or None).

    Each distinct string is parsed once, so a column of repeated dates is cheap.
    """
    values = list(values)
    cache: dict[object, tuple[object, str | None]] = {}
    out = np.empty(len(values), dtype="datetime64[ns]")
    problems: list[str | None] = [None] * len(values)
    for i, v in enumerate(values):
        hit = cache.get(v)
        if hit is None:
            hit = _parse_one(v, dayfirst)
            cache[v] = hit
        out[i], problems[i] = hit
    return out, problems


def _parse_one(v, dayfirst):
    if v is None or v is pd.NaT or (isinstance(v, float) and np.isnan(v)):
        return np.datetime64("NaT"), "missing date"
    if isinstance(v, (datetime, pd.Timestamp, np.datetime64)):
        stamp = pd.Timestamp(v)
        if stamp is pd.NaT:
            return np.datetime64("NaT"), "missing date"
        parsed = stamp.tz_convert(None) if stamp.tzinfo else stamp
        shown = str(v)
    else:
        shown = str(v).strip()
        try:
            parsed = parse_date(shown, dayfirst=dayfirst)
        except DateProblem as exc:
            return np.datetime64("NaT"), str(exc)
    # datetime64[ns] holds 1678-2261; outside it numpy would wrap around silently.
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return np.datetime64("NaT"), f"implausible date '{shown}' (year {parsed.year})"
    return np.datetime64(parsed.replace(tzinfo=None), "ns"), None
