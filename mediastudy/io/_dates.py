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
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        if dayfirst is None:
            raise DateProblem(_numeric_needs_setting(s, a, b, year))
        day, month = (a, b) if dayfirst else (b, a)
        try:
            return datetime(year, month, day)
        except ValueError:
            fmt = "dd/mm/yyyy" if dayfirst else "mm/dd/yyyy, dayfirst=False"
            other = _day(year, day, month)  # the other reading
            hint = (f"; read {'month' if dayfirst else 'day'}-first it is {_spoken(other)}: "
                    f"pass dayfirst={not dayfirst} if the dates are written "
                    f"{'mm/dd/yyyy' if dayfirst else 'dd/mm/yyyy'}") if other else ""
            raise DateProblem(f"impossible date '{s}' (read as {fmt}){hint}") from None
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


def _day(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day)
    except ValueError:
        return None


def _spoken(day: datetime) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _numeric_needs_setting(s: str, a: int, b: int, year: int) -> str:
    """Why a numeric date was not read without ``dayfirst``, and the setting that reads it."""
    day_first, month_first = _day(year, b, a), _day(year, a, b)
    if day_first and month_first:
        return (f"date '{s}' can be read day-first ({_spoken(day_first)}) or month-first "
                f"({month_first:%B} {month_first.day}, {year}); pass dayfirst=True (dd/mm/yyyy) or "
                "dayfirst=False (mm/dd/yyyy)")
    if day_first:
        return (f"date '{s}' can only be day-first (dd/mm/yyyy: {_spoken(day_first)}), and numeric "
                "dates are read only when the order is given; pass dayfirst=True")
    if month_first:
        return (f"date '{s}' can only be month-first (mm/dd/yyyy: {_spoken(month_first)}), and "
                "numeric dates are read only when the order is given; pass dayfirst=False")
    return f"impossible date '{s}': neither dd/mm/yyyy nor mm/dd/yyyy"


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


def order_doubt(values, problems, dayfirst: bool | None) -> str | None:
    """When ``dayfirst`` was given but some numeric dates can only be read the other way
    round, the dates that read either way were read as asked and may be swapped: a sentence
    saying so (None when there is no such doubt).

    >>> values = ["14/02/2023", "03/02/2023", "2023-05-01"]
    >>> _, problems = parse_date_values(values, dayfirst=False)
    >>> order_doubt(values, problems, dayfirst=False)[:68]
    "1 date can only be read day-first ('14/02/2023'), so the 1 date that"
    """
    if dayfirst is None:
        return None
    other, asked = ("month", "day") if dayfirst else ("day", "month")
    sign = f"read {other}-first it is"
    wrong = [i for i, p in enumerate(problems) if p and sign in p]
    if not wrong:
        return None
    either = []
    for i, v in enumerate(values):
        m = _NUMERIC.fullmatch(str(v).strip()) if isinstance(v, str) and problems[i] is None else None
        if m and int(m[1]) <= 12 and int(m[2]) <= 12 and m[1] != m[2]:
            either.append(i)
    if not either:
        return None
    n_wrong, n_either = len(wrong), len(either)
    return (f"{n_wrong:,} date{'s' * (n_wrong != 1)} can only be read {other}-first "
            f"('{str(values[wrong[0]]).strip()}'), so the {n_either:,} "
            f"date{'s' * (n_either != 1)} that {'read' if n_either != 1 else 'reads'} either way "
            f"('{str(values[either[0]]).strip()}'), read {asked}-first as dayfirst={dayfirst} asks, "
            f"may have day and month swapped: check the dayfirst setting")


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
