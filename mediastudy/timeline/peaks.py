"""Peaks: the periods in which coverage jumps well above its recent level.

:func:`find_peaks_table` compares each period's article count with the median
of the ``window`` periods before it. A period is a peak when it holds at least
``min_articles`` articles, ``min_ratio`` times that recent level and
``threshold`` Poisson standard deviations above it; of consecutive peak periods
only the highest is kept (one burst, one peak). Each peak is labelled with the
words that set its headlines apart from the rest of the corpus and with its most
typical headline. :func:`mark_peaks` numbers them on a volume plot.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from numpy.lib.stride_tricks import sliding_window_view

from ..deprecation import renamed_parameters
from ..glossary import shared_docs
from ..periods import check_freq
from ..style import literal_text
from ._common import BY_OUTLET, check_count, filter_mask, midpoints, split_by_outlet
from .volume import volume_table

__all__ = ["find_peaks_table", "mark_peaks"]


@renamed_parameters(df="corpus", by_outlet=BY_OUTLET, date="date_column",
                    outlet="outlet_column")
@shared_docs
def find_peaks_table(
    corpus: pd.DataFrame,
    *,
    freq: str = "W",
    by: str | None = None,
    window: int = 8,
    threshold: float = 3.0,
    min_ratio: float = 1.5,
    min_articles: int = 5,
    n_terms: int = 5,
    keyword: str | Sequence[str] | None = None,
    topic: object = None,
    outlets: int | Sequence[str] | None = None,
    start: object = None,
    end: object = None,
    label_column: str = "title",
    date_column: str = "date",
    outlet_column: str = "outlet",
    text_columns: Sequence[str] = ("title", "text"),
    topic_column: str = "topic",
) -> pd.DataFrame:
    """Periods whose article count jumps well above its recent level, with what drove them.

    Parameters
    ----------
    corpus : DataFrame
        A corpus with a date column (an outlet column with ``by="outlet"``) and
        ``label_column`` (headlines, used to label the peaks).
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        Calendar period.
    by : {None, "outlet"}, default None
        None (unlike the other timeline tables, whose default is "outlet") finds the
        peaks of all coverage pooled: the events every outlet covered, one row each.
        "outlet" finds peaks in each outlet's series.
    window : int, default 8
        Periods before each one whose median is its "recent level"; a period
        needs at least half of them (so no peaks at the very start).
    threshold : float, default 3.0
        Minimum ``z = (n - level) / sqrt(max(level, 1))``.
    min_ratio : float, default 1.5
        Minimum ``n / level``.
    min_articles : int, default 5
        Minimum articles in the period.
    n_terms : int, default 5
        Distinctive words to report per peak.
    keyword, topic, outlets, start, end
        As in :func:`mediastudy.volume_table`: find peaks in that coverage only.
    label_column : str, default "title"
        Column of headlines the peaks are labelled with.
    .. glossary:: date_column outlet_column
    text_columns, topic_column
        Columns the ``keyword`` and ``topic`` filters read, as in
        :func:`mediastudy.volume_table`.

    Returns
    -------
    DataFrame
        One row per peak, by date: ``period, period_end, outlet, n_articles,
        baseline`` (recent level), ``ratio, z, incomplete, terms`` (the
        distinctive words, comma-separated) and ``headline`` (the headline
        closest to the peak's centre of vocabulary).

    Examples
    --------
    >>> import pandas as pd
    >>> days = pd.date_range("2022-01-03", periods=70, freq="D")
    >>> titles = ["Weather report"] * 70
    >>> corpus = pd.DataFrame({"date": days, "title": titles})
    >>> burst = pd.DataFrame({"date": [pd.Timestamp("2022-02-23")] * 12,
    ...                       "title": ["Tanks cross the border"] * 12})
    >>> peaks = find_peaks_table(pd.concat([corpus, burst]), freq="W", window=4)
    >>> peaks[["period", "n_articles", "baseline", "terms"]]
          period  n_articles  baseline                 terms
    0 2022-02-21          19       7.0  border, cross, tanks
    """
    func = "find_peaks_table"
    df, date, outlet = corpus, date_column, outlet_column
    by_outlet = split_by_outlet(by, outlet_column, func)
    freq = check_freq(freq, func=func)
    check_count(window, "window", func, low=2)
    check_count(min_articles, "min_articles", func)
    check_count(n_terms, "n_terms", func)
    table = volume_table(
        df, freq=freq, by=by, keyword=keyword, topic=topic, outlets=outlets,
        start=start, end=end, date_column=date, outlet_column=outlet, text_columns=text_columns,
        topic_column=topic_column,
    )  # fmt: skip
    found = []
    for _, part in table.groupby("outlet", sort=False, observed=True):
        found.append(_peaks_in_series(part, window, threshold, min_ratio, min_articles))
    columns = ["period", "period_end", "outlet", "n_articles", "baseline", "ratio", "z",
               "incomplete"]  # fmt: skip
    peaks = pd.concat(found)[columns] if found else table.iloc[:0][columns[:4]]
    peaks = peaks.sort_values(["period", "outlet"], kind="stable").reset_index(drop=True)
    terms, headlines = _describe(peaks, df, table.attrs["freq"], by_outlet, keyword, topic,
                                 n_terms, label_column, date, outlet, func,
                                 text_columns, topic_column)  # fmt: skip
    peaks = peaks.assign(terms=terms, headline=headlines)
    peaks.attrs.update(table.attrs, window=window, threshold=threshold)
    return peaks


def _peaks_in_series(part, window, threshold, min_ratio, min_articles) -> pd.DataFrame:
    n = part["n_articles"].to_numpy(dtype=float)
    padded = np.concatenate([np.full(window, np.nan), n[:-1]]) if len(n) else n
    history = sliding_window_view(padded, window)[: len(n)]
    enough = np.sum(~np.isnan(history), axis=1) >= max(2, window // 2)
    with np.errstate(all="ignore"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN windows at the start
            level = np.nanmedian(history, axis=1)
        z = (n - level) / np.sqrt(np.maximum(level, 1.0))
        ratio = n / np.maximum(level, 0.5)
    hit = enough & (n >= min_articles) & (z >= threshold) & (ratio >= min_ratio)
    # One burst, one peak: keep the highest period of each run of consecutive hits.
    keep = np.zeros(len(n), dtype=bool)
    run_start = None
    for i in range(len(n) + 1):
        if i < len(n) and hit[i]:
            run_start = i if run_start is None else run_start
        elif run_start is not None:
            best = run_start + int(np.argmax(n[run_start:i]))
            keep[best] = True
            run_start = None
    return part.assign(baseline=level, ratio=ratio, z=z)[keep]


def _describe(peaks, df, freq, by_outlet, keyword, topic, n_terms, label_column, date,
              outlet, func, text_columns, topic_column):  # fmt: skip
    """Distinctive words and most typical headline of each peak."""
    if peaks.empty:
        return [], []
    if label_column not in df.columns:
        return [""] * len(peaks), [""] * len(peaks)
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.preprocessing import normalize

    from ..periods import period_start

    # The rows volume_table counted.
    mask = filter_mask(df, keyword, topic, text_columns=text_columns, topic_column=topic_column,
                       func=func)  # fmt: skip
    frame = df if mask is None else df[mask]
    frame = frame[frame[date].notna()]
    starts = period_start(frame[date], freq).to_numpy()
    owner = (frame[outlet].astype(str).to_numpy() if by_outlet
             else np.full(len(frame), "all", dtype=object))  # fmt: skip
    titles = frame[label_column].astype("string").fillna("").to_numpy(dtype=object)
    vec = CountVectorizer(stop_words="english", binary=True, min_df=2,
                          token_pattern=r"(?u)\b[^\W\d_][\w'-]{2,}\b")  # fmt: skip
    try:
        x = vec.fit_transform(titles).tocsr()
    except ValueError:  # no usable words at all
        return [""] * len(peaks), [""] * len(peaks)
    vocab = vec.get_feature_names_out()
    total_df = np.asarray(x.sum(axis=0)).ravel()
    terms, headlines = [], []
    for row in peaks.itertuples(index=False):
        inside = (starts == np.datetime64(row.period)) & (owner == str(row.outlet))
        idx = np.flatnonzero(inside)
        if idx.size == 0:
            terms.append("")
            headlines.append("")
            continue
        peak_df = np.asarray(x[idx].sum(axis=0)).ravel()
        rest_df = total_df - peak_df
        n_in, n_rest = idx.size, max(len(titles) - idx.size, 1)
        # z-scored log odds ratio of a headline using the word, in the peak vs the rest:
        # frequent and distinctive words rank first, one-off rarities do not.
        a = 0.5
        log_odds = (np.log((peak_df + a) / (n_in - peak_df + a))
                    - np.log((rest_df + a) / (n_rest - rest_df + a)))  # fmt: skip
        score = log_odds / np.sqrt(1 / (peak_df + a) + 1 / (rest_df + a))
        score[(peak_df < min(2, n_in)) | (score <= 0)] = -np.inf  # only over-represented words
        top = [i for i in np.lexsort((vocab, -score))[:n_terms] if np.isfinite(score[i])]
        terms.append(", ".join(vocab[top]))
        rows = normalize(x[idx].astype(float))
        centre = np.asarray(rows.mean(axis=0)).ravel()
        headlines.append(str(titles[idx[int(np.argmax(rows @ centre))]]))
    return terms, headlines


@renamed_parameters(top="top_n", label="label_column", y="y_column")
def mark_peaks(ax, peaks: pd.DataFrame, *, top_n: int | None = 6, label_column: str = "terms",
               color: str = "black", y_column: str = "n_articles"):  # fmt: skip
    """Number the peaks on a volume plot and explain them in a key below the axes.

    Parameters
    ----------
    ax : matplotlib Axes
        A plot of the same counts (e.g. :func:`mediastudy.plot_volume`).
    peaks : DataFrame
        From :func:`find_peaks_table`.
    top_n : int or None, default 6
        Mark the ``top_n`` highest peaks (by z); None marks all.
    label_column : {"terms", "headline"}, default "terms"
        The column of ``peaks`` the key shows for each peak.
    color : matplotlib colour, default "black"
    y_column : str, default "n_articles"
        Column giving the height of each marker.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> peaks = pd.DataFrame({"period": pd.to_datetime(["2022-02-21"]),
    ...     "period_end": pd.to_datetime(["2022-02-27"]), "outlet": ["all"],
    ...     "n_articles": [40], "z": [9.0], "terms": ["invasion, tanks"],
    ...     "headline": ["Tanks cross the border"]})
    >>> fig, ax = plt.subplots()
    >>> ax = mark_peaks(ax, peaks)
    >>> [t.get_text() for t in ax.texts]
    ['1']
    """
    from ..checks import check_choice

    check_choice(label_column, ("terms", "headline"), func="mark_peaks", param="label_column")
    label, y = label_column, y_column
    if peaks.empty:
        return ax
    chosen = peaks.nlargest(top_n, "z") if top_n is not None else peaks
    chosen = chosen.sort_values("period", kind="stable")
    x = midpoints(chosen).to_numpy()
    ax.set_ylim(top=ax.get_ylim()[1] * 1.08)  # room for the numbers
    heights = chosen[y].to_numpy(dtype=float)
    for _ in range(3):  # numbers raised above a neighbour's must stay inside the Axes
        lifts, top = _number_lifts(ax, x, heights, len(chosen))
        ax_top = ax.get_window_extent().y1 / (ax.get_figure(root=True).dpi / 72.0)
        if top <= ax_top:
            break
        lo, hi = ax.get_ylim()
        ax_height = ax_top - ax.get_window_extent().y0 / (ax.get_figure(root=True).dpi / 72.0)
        ax.set_ylim(top=lo + (hi - lo) * (1 + (top - ax_top) / max(ax_height, 1.0)) * 1.02)
    handles, texts = [], []
    for i, (xi, row) in enumerate(zip(x, chosen.itertuples(index=False), strict=True), start=1):
        ax.annotate(str(i), (xi, getattr(row, y)), xytext=(0, 4 + lifts[i - 1]),
                    textcoords="offset points", ha="center", va="bottom", fontsize=_NUMBER_PT,
                    fontweight="bold", color=color, gid="peak")  # fmt: skip
        what = getattr(row, label) or "(no words)"
        who = "" if str(row.outlet) == "all" else f"{row.outlet}, "
        when = pd.Timestamp(row.period).date().isoformat()
        if len(what) > 70:
            what = what[:67] + "..."
        handles.append(Line2D([], [], linestyle="none", marker=f"${i}$", color=color))
        texts.append(literal_text(f"{who}{when}: {what}"))
    if len(chosen) < len(peaks):  # never leave a peak out without saying so
        rest = len(peaks) - len(chosen)
        handles.append(Line2D([], [], linestyle="none"))
        texts.append(f"{rest} lower peak{'s' if rest != 1 else ''} not numbered (top_n={top_n}; "
                     "all are in the peaks table)")
    existing = ax.get_legend()
    key = ax.legend(handles, texts, loc="upper left", bbox_to_anchor=(0.0, -0.16),
                    frameon=False, fontsize="x-small", ncols=1, borderaxespad=0.0,
                    title="peaks", title_fontsize="small", alignment="left")  # fmt: skip
    if existing is not None:
        ax.add_artist(existing)  # keep the outlet legend too...
        existing.set_clip_path(None)  # ...drawn outside the Axes, where add_artist would clip it
        existing.set_clip_on(False)
    key.set_in_layout(True)
    return ax


_NUMBER_PT = 8.0


def _number_lifts(ax, x: np.ndarray, y: np.ndarray, n: int) -> tuple[list[float], float]:
    """Points to raise each peak number so that no two numbers touch, and the top of the highest.

    Peaks in neighbouring periods at similar heights would print their numbers
    on top of each other. Each number is a box of its digits' width (bold
    digits are about 0.62 em wide) and one line high, centred above its peak;
    going left to right, a number that would overlap one already placed is
    raised above it. Positions are taken from the Axes as drawn now, so mark
    the peaks after setting the limits.
    """
    import matplotlib.dates as mdates

    fig = ax.get_figure(root=True)
    px_per_pt = fig.dpi / 72.0
    xs = np.asarray(mdates.date2num(x) if np.issubdtype(x.dtype, np.datetime64) else x, dtype=float)
    pts = ax.transData.transform(np.column_stack([xs, y])) / px_per_pt  # in points
    height = _NUMBER_PT * 1.25
    placed: list[tuple[float, float, float, float]] = []  # left, right, bottom, top (points)
    lifts = []
    for i in range(n):
        half = 0.5 * (0.62 * _NUMBER_PT * len(str(i + 1)) + 2.0)
        left, right = pts[i, 0] - half, pts[i, 0] + half
        bottom = pts[i, 1] + 4
        for _ in range(n):
            clash = [top for (x0, x1, b, top) in placed
                     if x0 < right and left < x1 and b < bottom + height and bottom < top]  # fmt: skip
            if not clash:
                break
            bottom = max(clash) + 1.0
        placed.append((left, right, bottom, bottom + height))
        lifts.append(bottom - (pts[i, 1] + 4))
    return lifts, max((p[3] for p in placed), default=0.0)
