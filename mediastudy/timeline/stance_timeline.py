"""Stance over time: the mean article score per outlet, target and calendar period.

:func:`stance_timeline_table` joins article-level stance scores (``id, target,
n_mentions, score`` as :func:`mediastudy.score_stance` returns them) to the
corpus for outlet and date, and averages the scores of the articles that
mention the target, with a t confidence interval and the number of articles
behind each value. Periods with fewer than ``min_articles`` scored articles are
flagged ``too_few``; :func:`plot_stance_timeline` draws them as hollow markers
without a band, so they do not pass for confident values.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from ..checks import refuse_table_options, require_columns
from ..deprecation import renamed_parameters
from ..errors import DataError, InvalidParameterError, SchemaError
from ..glossary import shared_docs
from ..stance.aggregate import check_scores_first
from ..style import format_date_axis, literal_text
from ._common import (
    BY_OUTLET,
    check_ci,
    check_count,
    check_one_per_axes,
    current_axes,
    finish,
    is_table,
    midpoints,
    outlet_palette,
    period_word,
    pick_one,
    prepare,
    split_by_outlet,
    t_quantile,
    table_freq,
)

__all__ = ["stance_timeline_table", "plot_stance_timeline"]

STANCE_TIMELINE_COLUMNS = (
    "period", "period_end", "outlet", "target", "n_articles", "n_mentions", "mean_score",
    "ci_low", "ci_high", "too_few", "incomplete",
)  # fmt: skip


def _join(stance, corpus, *, id, date, outlet, by_outlet, func) -> pd.DataFrame:
    check_scores_first(stance, corpus, func)
    articles = getattr(stance, "articles", stance)  # a StanceResult or its articles frame
    # score_stance names its id column "id" whatever the corpus calls it; a scores
    # frame of one's own may use the corpus' name.
    sid = id if isinstance(articles, pd.DataFrame) and id in articles.columns else "id"
    require_columns(articles, [sid, "target", "score", "n_mentions"], func=func, param="stance")
    if corpus is None:
        missing = [c for c in (date, *([outlet] if by_outlet else [])) if c not in articles]
        if missing:
            raise SchemaError(
                f"{func}: the scores have no {missing} column(s); pass the corpus as the "
                f"second argument, so they can be joined to it on '{id}'."
            )
        return articles
    need = [id, date, *([outlet] if by_outlet else [])]
    require_columns(corpus, need, func=func, param="corpus")
    meta = corpus[need]
    if meta[id].duplicated().any():
        dup = meta.loc[meta[id].duplicated(), id].iloc[0]
        raise SchemaError(
            f"{func}: the corpus has duplicate ids (e.g. {dup!r}) in column '{id}', so "
            "scores cannot be matched to one article; drop the duplicates first."
        )
    clash = [c for c in need[1:] if c in articles.columns]
    left = articles.drop(columns=clash)
    if sid == id:
        return left.merge(meta, on=id, how="left", validate="many_to_one")
    return left.merge(meta, left_on=sid, right_on=id, how="left", validate="many_to_one")


def _listed(names: list[str], limit: int = 10) -> str:
    return f"{names[:limit]}{' ...' if len(names) > limit else ''}"


def _check_scored(joined, scored, *, targets, by_outlet, outlets, start, end, date, outlet, func):
    """Say what is missing when the scores leave nothing to draw.

    The timeline only counts articles that mention a target: an outlet can have many dated
    articles and still no stance toward it. The errors say so instead of blaming the dates.
    """
    wanted = _listed(targets)
    if scored.empty:
        mentioned = joined.loc[joined["n_mentions"] > 0, "target"].astype(str).value_counts()
        if len(mentioned):
            others = ", ".join(f"{t!r} ({n:,} articles)" for t, n in mentioned.head(10).items())
            hint = f"targets that are mentioned: {others}"
        else:
            hint = "no article mentions any target of these scores"
        n_articles = joined["id"].nunique() if "id" in joined else len(joined)
        raise DataError(
            f"{func}: no article mentions the target(s) {wanted} (n_mentions is 0 in all "
            f"{n_articles:,} scored articles), so there is no stance to put on a timeline; "
            f"{hint}. Pass targets= one of those, or check the target's aliases in the lexicon "
            "(kwic(corpus, 'word') shows where a word occurs)."
        )
    dated = scored[date].notna()
    if not dated.any() and (start is None or end is None):
        raise DataError(
            f"{func}: the {len(scored):,} scored articles that mention {wanted} have no date "
            f"in column '{date}'; check that column of the corpus (load_report(corpus) lists "
            "dates that could not be read) or pass both start= and end=."
        )
    if not by_outlet or outlets is None or isinstance(outlets, (int, np.integer)):
        return
    named = [outlets] if isinstance(outlets, str) else [str(o) for o in outlets]
    have = sorted(set(scored.loc[dated, outlet].dropna().astype(str)))
    missing = [o for o in named if o not in have]
    if not missing:
        return
    in_corpus = set(joined.loc[joined[date].notna(), outlet].dropna().astype(str))
    unscored = [o for o in missing if o in in_corpus]
    absent = [o for o in missing if o not in in_corpus]
    parts = []
    if unscored:
        parts.append(f"{unscored} (dated articles, but none that mentions the target)")
    if absent:
        every = sorted(in_corpus)
        parts.append(f"{absent} (no dated article at all; outlets with dated articles: "
                     f"{_listed(every, 15)})")  # fmt: skip
    raise InvalidParameterError(
        f"The 'outlets' parameter of {func} names outlet(s) without a scored article on "
        f"{wanted}: {'; '.join(parts)}. Outlets with dated articles that mention it: "
        f"{_listed(have, 15)}. Leave the others out (an outlet that never mentions a target "
        "has no stance toward it), choose other targets, or pass outlets=None.", param="outlets"
    )


@renamed_parameters(by_outlet=BY_OUTLET, id="id_column", date="date_column",
                    outlet="outlet_column")
def stance_timeline_table(
    stance: pd.DataFrame,
    corpus: pd.DataFrame | None = None,
    *,
    freq: str = "W",
    targets: str | Sequence[str] | None = None,
    target: str | None = None,
    by: str | None = "outlet",
    outlets: int | Sequence[str] | None = None,
    min_articles: int = 5,
    rolling: int | None = None,
    ci: float = 0.95,
    start: object = None,
    end: object = None,
    id_column: str = "id",
    date_column: str = "date",
    outlet_column: str = "outlet",
    voice: str | None = None,
) -> pd.DataFrame:
    """Mean stance score per outlet, target and period, with a CI and the article count.

    Parameters
    ----------
    stance : DataFrame or StanceResult
        Article-level scores: ``id, target, n_mentions, score`` (score in
        [-1, 1], NaN when the article does not mention the target).
    corpus : DataFrame, optional
        The corpus, joined on ``id`` for ``date`` and ``outlet``. Omit it when
        ``stance`` already has those columns. Articles without a date are left
        out with a warning (counted in ``.attrs``).
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        Calendar period.
    targets : str or list of str, optional
        Targets to keep; all by default. Only articles that mention a target count:
        when none does (in the chosen ``outlets``), a ``ValueError`` says so and lists
        the targets (outlets) that have scores.
    target : str, optional
        One target, as :func:`plot_stance_timeline` takes it: the same as
        ``targets=[target]``. Give ``target`` or ``targets``, not both.
    by : {"outlet", None}, default "outlet"
        One series per outlet; None pools them as ``"all"``.
    outlets, start, end
        As in :func:`mediastudy.volume_table`.
    min_articles : int, default 5
        Periods with fewer scored articles are flagged ``too_few``.
    rolling : int, optional
        Also give ``rolling_n``, ``rolling_mean``, ``rolling_low`` and
        ``rolling_high``: the mean score (and its interval) of all articles in
        this many periods up to and including each one, each article weighing
        the same; NaN where the window holds fewer than ``min_articles``.
    ci : float, default 0.95
        Coverage of the t interval around the mean (NaN with fewer than 2 articles).
    id_column, date_column, outlet_column : str, default "id", "date", "outlet"
        Column names in the corpus (``id_column`` is joined to the scores' ``id`` column,
        as :func:`mediastudy.score_stance` names it, or to their column of that name if
        they have one).
    voice : str or None, default None
        Whose words count: None for every voice, ``"outlet"``, ``"quoted"`` or one
        speaker's name; needs the StanceResult (see :mod:`mediastudy.stance.voice`).

    Returns
    -------
    DataFrame
        One row per (period, outlet, target), every period of the window:
        ``period, period_end, outlet, target, n_articles`` (articles mentioning
        the target), ``n_mentions``, ``mean_score``, ``ci_low``, ``ci_high``,
        ``too_few``, ``incomplete`` (and the ``rolling_*`` columns when asked).

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({
    ...     "id": ["a", "b", "c", "d"], "outlet": ["X"] * 4,
    ...     "date": pd.to_datetime(["2022-03-01", "2022-03-02", "2022-03-20", "2022-04-02"]),
    ... })
    >>> scores = pd.DataFrame({
    ...     "id": ["a", "b", "c", "d"], "target": ["NATO"] * 4,
    ...     "n_mentions": [2, 1, 0, 1], "pro": [0, 1, 0, 0], "anti": [2, 0, 0, 1],
    ...     "score": [-0.6, 0.5, float("nan"), -0.5],
    ... })
    >>> t = stance_timeline_table(scores, corpus, freq="M", min_articles=2)
    >>> t[["period", "n_articles", "mean_score", "too_few"]]
          period  n_articles  mean_score  too_few
    0 2022-03-01           2       -0.05    False
    1 2022-04-01           1       -0.50     True
    """
    func = "stance_timeline_table"
    id, date, outlet = id_column, date_column, outlet_column
    by_outlet = split_by_outlet(by, outlet_column, func)
    if voice is not None:
        from ..stance.voice import stance_by_voice

        stance = stance_by_voice(stance, voice)
    if target is not None:
        if targets is not None:
            raise InvalidParameterError(f"{func} takes target= (one) or targets= (several), not both.")
        if not isinstance(target, str):
            raise InvalidParameterError(
                f"The 'target' parameter of {func} must be one target's name, e.g. "
                f"target='NATO' (several: targets=[...]). Got {target!r}.", param="target"
            )
        targets = [target]
    param = "target" if target is not None else "targets"
    check_count(min_articles, "min_articles", func)
    if rolling is not None and (not isinstance(rolling, (int, np.integer)) or rolling < 1):
        raise InvalidParameterError(
            f"The 'rolling' parameter of {func} must be a number of periods >= 1 or None. Got {rolling!r}.",
            param="rolling"
        )
    check_ci(ci, func)
    joined = _join(stance, corpus, id=id, date=date, outlet=outlet, by_outlet=by_outlet,
                   func=func)  # fmt: skip
    all_targets = sorted(pd.unique(joined["target"].dropna().astype(str)))
    if targets is not None:
        wanted = [targets] if isinstance(targets, str) else [str(t) for t in targets]
        unknown = [t for t in wanted if t not in all_targets]
        if unknown:
            raise InvalidParameterError(
                f"The '{param}' parameter of {func} names {unknown}, not in the scores; "
                f"targets present: {all_targets}.", param=param
            )
        all_targets = wanted
    scored = joined[joined["target"].astype(str).isin(all_targets)
                    & (joined["n_mentions"] > 0) & joined["score"].notna()]  # fmt: skip
    if date in joined.columns and (not by_outlet or outlet in joined.columns):
        _check_scored(joined, scored, targets=all_targets, by_outlet=by_outlet, outlets=outlets,
                      start=start, end=end, date=date, outlet=outlet, func=func)  # fmt: skip
    prep = prepare(
        scored, func=func, freq=freq, date=date, outlet=outlet, by_outlet=by_outlet,
        outlets=outlets, start=start, end=end, columns=("target", "score", "n_mentions"),
    )  # fmt: skip
    n_out, n_per, n_tgt = len(prep.outlets), prep.n_periods, len(all_targets)
    # Categorical codes are int8 for few targets: widen before combining them with the
    # number of outlets and periods, or more than 127 outlets overflow.
    tcode = pd.Categorical(prep.rows["target"].astype(str), categories=all_targets).codes.astype(np.int64)
    cell = (tcode * n_out + prep.codes) * n_per + (prep.ords - prep.lo)
    size = n_tgt * n_out * n_per
    score = prep.rows["score"].to_numpy(dtype=float)
    n = np.bincount(cell, minlength=size).reshape(-1, n_per)
    s1 = np.bincount(cell, weights=score, minlength=size).reshape(-1, n_per)
    s2 = np.bincount(cell, weights=score**2, minlength=size).reshape(-1, n_per)
    mentions = np.bincount(cell, weights=prep.rows["n_mentions"].to_numpy(dtype=float),
                           minlength=size).reshape(-1, n_per)  # fmt: skip
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = s1 / n
        var = np.maximum(s2 - n * mean**2, 0.0) / (n - 1)
        half = t_quantile(0.5 + ci / 2, np.maximum(n - 1, 1)) * np.sqrt(var / n)
    half[n < 2] = np.nan
    low = np.clip(mean - half, -1, 1)
    high = np.clip(mean + half, -1, 1)

    grid = prep.grid()
    series = np.arange(n_tgt * n_out)
    table = pd.DataFrame(
        {
            "period": np.tile(grid["period"].to_numpy(), n_tgt * n_out),
            "period_end": np.tile(grid["period_end"].to_numpy(), n_tgt * n_out),
            "outlet": pd.Categorical.from_codes(np.repeat(series % n_out, n_per),
                                                categories=pd.Index(prep.outlets, dtype=str)),
            "target": pd.Categorical.from_codes(np.repeat(series // n_out, n_per),
                                                categories=pd.Index(all_targets, dtype=str)),
            "n_articles": n.ravel().astype(np.int64),
            "n_mentions": mentions.ravel().astype(np.int64),
            "mean_score": mean.ravel(),
            "ci_low": low.ravel(),
            "ci_high": high.ravel(),
            "too_few": n.ravel() < min_articles,
            "incomplete": np.tile(grid["incomplete"].to_numpy(), n_tgt * n_out),
        }
    )  # fmt: skip
    if rolling is not None:
        r_n, r_mean, r_low, r_high = _rolling(n, s1, s2, rolling, ci, min_articles)
        table["rolling_n"] = r_n.ravel().astype(np.int64)
        table["rolling_mean"] = r_mean.ravel()
        table["rolling_low"] = r_low.ravel()
        table["rolling_high"] = r_high.ravel()
    table = table.sort_values(["period", "target", "outlet"], kind="stable")
    return finish(table.reset_index(drop=True), prep, min_articles=min_articles,
                  rolling=rolling, ci=ci)  # fmt: skip


def _trailing(a: np.ndarray, window: int) -> np.ndarray:
    """Sum over the last ``window`` periods (fewer at the start), along the last axis."""
    c = np.cumsum(a, axis=1)
    out = c.copy()
    out[:, window:] = c[:, window:] - c[:, :-window]
    return out


def _rolling(n, s1, s2, window, ci, min_articles):
    """Trailing mean and t interval over ``window`` periods, each article weighing the same.

    Windows holding fewer than ``min_articles`` articles get NaN: no confident line
    is drawn through sparse stretches.
    """
    r_n, r_s1, r_s2 = _trailing(n, window), _trailing(s1, window), _trailing(s2, window)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = r_s1 / r_n
        var = np.maximum(r_s2 - r_n * mean**2, 0.0) / (r_n - 1)
        half = t_quantile(0.5 + ci / 2, np.maximum(r_n - 1, 1)) * np.sqrt(var / r_n)
    sparse = r_n < max(min_articles, 2)
    mean[sparse] = np.nan
    half[sparse] = np.nan
    return r_n, mean, np.clip(mean - half, -1, 1), np.clip(mean + half, -1, 1)


@shared_docs
def plot_stance_timeline(
    data: pd.DataFrame,
    corpus: pd.DataFrame | None = None,
    *,
    target: str | None = None,
    freq: str = "W",
    outlets: int | Sequence[str] | None = None,
    min_articles: int = 5,
    rolling: int | None = None,
    ci: float = 0.95,
    start: object = None,
    end: object = None,
    id_column: str = "id",
    date_column: str = "date",
    outlet_column: str = "outlet",
    colors: dict | None = None,
    title: str | None = None,
    legend: bool = True,
    ylim: tuple[float, float] | None = None,
    ax=None,
    **kwargs,
):
    """Draw mean stance toward one target over time, one line and CI band per outlet.

    Marker area shows the number of articles behind each point; periods with
    fewer than ``min_articles`` are hollow markers with no band and no line.

    Parameters
    ----------
    data : DataFrame or StanceResult
        Article scores (with ``corpus``, as for :func:`stance_timeline_table`),
        or a table that function returned.
    corpus : DataFrame, optional
        Corpus for outlet and date, joined on ``id``.
    target : str, optional
        The one target to draw; may be omitted when there is only one. (For several,
        call this once per target, each on its own Axes.)
    freq, outlets, min_articles, rolling, ci, start, end
        As in :func:`stance_timeline_table`. With a rolling mean, it is drawn as the
        main line with its band, and the per-period means as thin lines and markers.
        Given a table, these build nothing: setting one raises
        :class:`~mediastudy.errors.InvalidParameterError` (build the table with it, or
        pass the scores and the corpus).
    .. glossary:: id_column date_column outlet_column
    colors : dict, optional
        Outlet -> colour; defaults to :func:`mediastudy.outlet_colors`.
    title : str, optional
        Axes title ("" for none).
    legend : bool, default True
    ylim : (float, float), optional
        Limits of the score axis. By default they fit the points, 0 and the bands of
        periods with at least ``BAND_FIT_FACTOR`` (2) times ``min_articles`` articles, so
        small differences show (a band of a few articles can span -1..1: it runs past the
        edge); ``ylim=(-1, 1)`` fixes them, e.g. to compare figures.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``Axes.plot`` for the outlet lines.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> scores = pd.DataFrame({
    ...     "id": list("abcdef"), "target": "NATO", "n_mentions": 1,
    ...     "score": [-0.5, -0.2, 0.0, 0.4, 0.1, -0.3], "outlet": "X",
    ...     "date": pd.to_datetime(["2022-03-01", "2022-03-02", "2022-03-03",
    ...                             "2022-03-08", "2022-03-09", "2022-03-15"]),
    ... })
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_stance_timeline(scores, min_articles=2, ax=ax)
    >>> len(ax.collections) >= 2   # a CI band and the sized markers
    True
    """
    func = "plot_stance_timeline"
    check_scores_first(data, corpus, func)
    check_one_per_axes(func, "target", target, kwargs, "stance_timeline_table")
    options = dict(freq=freq, outlets=outlets, min_articles=min_articles, rolling=rolling,
                   ci=ci, start=start, end=end, id_column=id_column, date_column=date_column,
                   outlet_column=outlet_column)
    if is_table(data, STANCE_TIMELINE_COLUMNS):
        table = data
        refuse_table_options(plot_stance_timeline, "stance_timeline_table", options,
                             freq=table_freq(table, freq))
    else:
        table = stance_timeline_table(data, corpus, target=target, **options)
    target, part = pick_one(table, "target", target, func=func)
    ax = current_axes(ax)
    names = list(dict.fromkeys(part["outlet"].astype(str)))
    palette = outlet_palette(names, colors)
    n_max = max(int(part["n_articles"].max()), 1)
    has_rolling = "rolling_mean" in part.columns and part["rolling_mean"].notna().any()
    any_sparse = False
    ax.axhline(0, color="0.6", linewidth=0.8, zorder=0)
    for name in names:
        rows = part[part["outlet"].astype(str) == name].sort_values("period")
        x = midpoints(rows).to_numpy()
        n = rows["n_articles"].to_numpy()
        sure = ~rows["too_few"].to_numpy()
        mean = rows["mean_score"].to_numpy(dtype=float)
        color = palette[name]
        if has_rolling:  # the band goes with the line that carries the message
            band_lo, band_hi = rows["rolling_low"], rows["rolling_high"]
        else:
            band_lo = np.where(sure, rows["ci_low"], np.nan)
            band_hi = np.where(sure, rows["ci_high"], np.nan)
        ax.fill_between(x, band_lo, band_hi, color=color, alpha=0.18, linewidth=0)
        opts = {"linewidth": 0.9 if has_rolling else 1.5}
        opts.update(kwargs)
        ax.plot(x, np.where(sure, mean, np.nan), color=color,
                label=None if has_rolling else literal_text(name), **opts)  # fmt: skip
        if has_rolling:
            ax.plot(x, rows["rolling_mean"].to_numpy(dtype=float), color=color, linewidth=2.2,
                    label=literal_text(name))  # fmt: skip
        ax.scatter(x[sure], mean[sure], s=_area(n[sure], n_max), color=color, zorder=3,
                   edgecolors="white", linewidths=0.5)  # fmt: skip
        sparse = ~sure & (n > 0)
        if sparse.any():
            any_sparse = True
            ax.scatter(x[sparse], mean[sparse], s=_area(n[sparse], n_max), facecolors="none",
                       edgecolors=color, linewidths=1.0, zorder=3)  # fmt: skip
    ax.set_ylim(*(ylim if ylim is not None else _fitted_limits(
        part, has_rolling, table.attrs.get("min_articles", min_articles))))
    word = period_word(table.attrs.get("freq", freq))
    level = int(round(table.attrs.get("ci", ci) * 100))
    ax.set_ylabel(literal_text(f"Mean stance toward {target} per {word}\n"
                               f"(-1 anti, +1 pro; band: {level}% CI)"))
    if title is None:
        title = f"Stance toward {target}"
        if has_rolling:
            title += f" ({table.attrs.get('rolling')}-{word} rolling mean)"
    if title:
        ax.set_title(literal_text(title), loc="left")
    format_date_axis(ax, freq=table_freq(table, None))
    if legend:
        handles, labels = ax.get_legend_handles_labels()
        k = table.attrs.get("min_articles", min_articles)
        if any_sparse:
            handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor="none",
                                  markeredgecolor="0.3"))  # fmt: skip
            labels.append(f"fewer than {k} articles")
        for count in sorted({1, max(n_max // 2, 1), n_max}):
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="o",
                    color="0.55",
                    markersize=np.sqrt(_area(np.array([count]), n_max)[0]),
                )
            )
            labels.append(f"{count} article{'s' if count != 1 else ''}")
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
                  fontsize="small", borderaxespad=0.0)  # fmt: skip
    return ax


#: The score axis fits the bands of periods with at least this many times ``min_articles``.
BAND_FIT_FACTOR = 2


def _fitted_limits(part: pd.DataFrame, has_rolling: bool, min_articles) -> tuple[float, float]:
    """Score-axis limits around what is drawn: the means, 0, and the bands of the points with
    at least twice the fewest articles (a band of 3 articles can span -1..1 and would flatten
    every difference; such bands run off the Axes instead)."""
    k = max(int(min_articles or 1), 1)
    n = part["n_articles"].to_numpy(dtype=float)
    sure = ~part["too_few"].to_numpy(dtype=bool) & (n >= BAND_FIT_FACTOR * k)
    values = [part["mean_score"].to_numpy(dtype=float), np.zeros(1),
              part["ci_low"].to_numpy(dtype=float)[sure], part["ci_high"].to_numpy(dtype=float)[sure]]
    if has_rolling:
        values += [part[c].to_numpy(dtype=float) for c in ("rolling_low", "rolling_high")]
    values = np.concatenate(values)
    values = values[np.isfinite(values)]
    lo, hi = float(values.min()), float(values.max())
    pad = max((hi - lo) * 0.08, 0.02)
    return max(lo - pad, -1.05), min(hi + pad, 1.05)


def _area(n: np.ndarray, n_max: int) -> np.ndarray:
    """Marker area in points^2, proportional to the number of articles (6..120)."""
    return 6 + 114 * np.asarray(n, dtype=float) / n_max
