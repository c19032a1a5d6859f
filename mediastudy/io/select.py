"""Choosing the articles to study: by outlet, by date, and a seeded sample per outlet."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import pandas as pd

from ..checks import require_columns
from ..errors import DataError, InvalidParameterError

__all__ = ["select_articles"]


def _day(value: object, param: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise InvalidParameterError(
            f"The '{param}' parameter of select_articles must be a date such as '2022-01-31'. "
            f"Got {value!r} instead.", param=param, value=value,
        ) from exc
    if pd.isna(day):
        raise InvalidParameterError(
            f"The '{param}' parameter of select_articles must be a date, not {value!r}.",
            param=param, value=value,
        )
    return day.tz_localize(None).normalize() if day.tzinfo is not None else day.normalize()


def select_articles(
    corpus: pd.DataFrame,
    *,
    outlets: Sequence[str] | None = None,
    start: object = None,
    end: object = None,
    n: int | None = None,
    random_state: int | None = 0,
    outlet_column: str = "outlet",
    date_column: str = "date",
) -> pd.DataFrame:
    """The articles of some outlets, within dates, optionally a sample of each outlet.

    The filters of ``mediastudy report`` (``--outlets``, ``--start``, ``--end``,
    ``--sample``) as a function, with the same meaning: the report and the command line
    call it, so a notebook selects exactly what a report on the same settings analyses.

    Parameters
    ----------
    corpus : DataFrame
        Articles in the corpus schema (see :func:`mediastudy.load_articles`).
    outlets : list of str, optional
        Keep only these outlets. Names not in the corpus are named in a warning; if none
        of them is there, a :class:`~mediastudy.DataError` says which outlets are.
    start, end : date-like, optional
        First and last day to keep, both included (``end="2022-03-31"`` keeps the whole of
        31 March). With either, articles without a date are left out, since they cannot
        be placed in the window; without both, undated articles are kept.
    n : int, optional
        Keep at most ``n`` articles of each outlet, drawn at random (seeded by
        ``random_state``) and returned in their original order.
    random_state : int, optional
        Seed of the sample (default 0: the same articles every run).
    outlet_column, date_column : str
        The columns holding the outlet name and the date.

    Returns
    -------
    DataFrame
        A new frame with the selected rows and the original index; ``corpus`` is not
        changed.

    Examples
    --------
    >>> import mediastudy as ms
    >>> corpus = ms.load_demo()
    >>> picked = ms.select_articles(corpus, outlets=["CapitalWire"], start="2023-06-01",
    ...                             end="2023-12-31")
    >>> picked["outlet"].unique().tolist(), str(picked["date"].min().date())
    (['CapitalWire'], '2023-06-06')
    >>> len(ms.select_articles(corpus, n=5))  # five of each of the three outlets
    15
    """
    func = "select_articles"
    needed = [outlet_column] if outlets is not None or n is not None else []
    if start is not None or end is not None:
        needed.append(date_column)
    require_columns(corpus, needed, func=func, param="corpus")
    keep = pd.Series(True, index=corpus.index)
    if outlets is not None:
        if isinstance(outlets, str) or not all(isinstance(o, str) for o in outlets):
            raise InvalidParameterError(
                f"The 'outlets' parameter of {func} must be a list of outlet names, e.g. "
                f"outlets=['RT', 'BBC']. Got {outlets!r} instead.", param="outlets", value=outlets,
            )
        present = set(corpus[outlet_column].dropna().astype(str).unique())
        missing = [o for o in dict.fromkeys(outlets) if o not in present]
        if len(missing) == len(set(outlets)):
            shown = ", ".join(sorted(present)[:30]) + (", ..." if len(present) > 30 else "")
            raise DataError(
                f"{func}: none of the outlets {list(outlets)} is in the corpus. Its outlets "
                f"are: {shown or '(none)'}.")
        if missing:
            warnings.warn(
                f"{func}: {len(missing)} of the outlets asked for {'is' if len(missing) == 1 else 'are'} "
                f"not in the corpus: {', '.join(missing)}.", UserWarning, stacklevel=2)
        keep &= corpus[outlet_column].astype("string").isin(list(outlets)).fillna(False).astype(bool)
    first, last = _day(start, "start"), _day(end, "end")
    if first is not None and last is not None and last < first:
        raise InvalidParameterError(
            f"The 'end' parameter of {func} ({end}) is before 'start' ({start}); swap them.",
            param="end", value=end,
        )
    if first is not None or last is not None:
        dates = pd.to_datetime(corpus[date_column], errors="coerce")
        if isinstance(dates.dtype, pd.DatetimeTZDtype):
            dates = dates.dt.tz_localize(None)
        keep &= dates.notna()
        if first is not None:
            keep &= dates >= first
        if last is not None:
            keep &= dates < last + pd.Timedelta(days=1)
    out = corpus[keep.to_numpy()]
    if n is not None:
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise InvalidParameterError(
                f"The 'n' parameter of {func} must be a whole number >= 1. Got {n!r} instead.",
                param="n", value=n,
            )
        shuffled = out.sample(frac=1.0, random_state=random_state)
        chosen = shuffled.groupby(outlet_column, sort=False, dropna=False).head(n).index
        out = out[out.index.isin(chosen)]
    return out.copy()
