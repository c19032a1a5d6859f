"""Stance by outlet: one mean score per outlet and target, with its interval and n.

:func:`stance_by_outlet_table` averages the article scores of each outlet's articles
that mention a target (each article one vote), with a Student t interval and the
number of articles behind it; :func:`plot_stance_by_outlet` draws the table as a
dot-and-whisker chart, one row per outlet, so differences between outlets show with
their uncertainty. Outlets with fewer than ``min_articles`` scored articles are
flagged ``too_few`` and drawn hollow, without a whisker.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import InvalidParameterError, SchemaError

__all__ = ["stance_by_outlet_table", "plot_stance_by_outlet"]

STANCE_BY_OUTLET_COLUMNS = (
    "outlet", "target", "n_articles", "n_mentions", "mean_score", "ci_low", "ci_high", "too_few",
)  # fmt: skip
#: ... and the articles among n_articles that carry a cue (the others score 0)
_COUNT_COLUMNS = ("n_with_cues",)


def _scores(stance, func: str) -> pd.DataFrame:
    articles = getattr(stance, "articles", stance)  # a StanceResult or its articles frame
    if not isinstance(articles, pd.DataFrame):
        raise InvalidParameterError(
            f"The 'stance' parameter of {func} must be a StanceResult (from score_stance) or its "
            f"'articles' table. Got {type(stance).__name__} instead.",
            param="stance", value=stance)
    missing = [c for c in ("id", "target", "n_mentions", "score") if c not in articles.columns]
    if missing:
        raise SchemaError(f"{func}: the stance scores have no {missing} column(s); pass the "
                          "result of score_stance (or its .articles).")
    return articles


def stance_by_outlet_table(
    stance,
    corpus: pd.DataFrame | None = None,
    *,
    target: str | None = None,
    targets: str | Sequence[str] | None = None,
    outlets: int | Sequence[str] | None = None,
    min_articles: int = 3,
    ci: float = 0.95,
    id_column: str = "id",
    outlet_column: str = "outlet",
) -> pd.DataFrame:
    """Mean stance score per outlet and target, with a t interval and the article count.

    Parameters
    ----------
    stance : StanceResult or DataFrame
        Article scores as :func:`mediastudy.score_stance` returns them (``id, target,
        n_mentions, score``).
    corpus : DataFrame, optional
        The corpus, joined on ``id_column`` for the outlet. Omit it when the scores
        already have an ``outlet`` column.
    target, targets : str or list of str, optional
        One target or several to keep; all by default.
    outlets : int or list of str, optional
        Outlets to keep: a list of names, or an int for the N with the most scored
        articles; all by default.
    min_articles : int, default 3
        Outlets with fewer scored articles (articles that mention the target) are
        flagged ``too_few``.
    ci : float, default 0.95
        Coverage of the Student t interval around the mean (NaN with fewer than 2
        articles).
    id_column, outlet_column : str
        Column names in the corpus.

    Returns
    -------
    DataFrame
        One row per (target, outlet): ``outlet, target, n_articles`` (articles that
        mention the target), ``n_mentions``, ``mean_score``, ``ci_low``, ``ci_high``,
        ``too_few``, ``n_with_cues`` (the articles that carry at least one cue: the others
        score 0 and pull the mean toward it; ``<NA>`` when the scores lack their ``pro`` and
        ``anti`` columns); sorted by target, then mean score.

    Examples
    --------
    >>> import pandas as pd
    >>> scores = pd.DataFrame({
    ...     "id": list("abcde"), "target": "NATO", "n_mentions": [1, 2, 1, 1, 0],
    ...     "score": [-0.5, -0.2, 0.4, 0.2, float("nan")]})
    >>> corpus = pd.DataFrame({"id": list("abcde"), "outlet": ["X", "X", "Y", "Y", "Y"]})
    >>> t = stance_by_outlet_table(scores, corpus, min_articles=2)
    >>> t[["outlet", "n_articles", "mean_score", "too_few"]]
      outlet  n_articles  mean_score  too_few
    0      X           2       -0.35    False
    1      Y           2        0.30    False
    """
    func = "stance_by_outlet_table"
    _check_count(min_articles, "min_articles", func)
    if isinstance(ci, bool) or not isinstance(ci, (float, int)) or not 0 < ci < 1:
        raise InvalidParameterError(
            f"The 'ci' parameter of {func} must be a coverage between 0 and 1, e.g. 0.95. "
            f"Got {ci!r} instead.", param="ci", value=ci)
    wanted = _targets(target, targets, func)
    scores = _scores(stance, func)
    if corpus is not None:
        for col in (id_column, outlet_column):
            if col not in corpus.columns:
                raise SchemaError(f"{func}: the corpus has no '{col}' column.")
        meta = corpus[[id_column, outlet_column]].drop_duplicates(id_column)
        meta = meta.rename(columns={id_column: "id", outlet_column: "outlet"})
        scores = scores.drop(columns=[c for c in ("outlet",) if c in scores.columns]).merge(
            meta, on="id", how="left")
    elif outlet_column not in scores.columns:
        raise SchemaError(f"{func}: the scores have no '{outlet_column}' column; pass the corpus "
                          "as the second argument, so they can be joined to it on 'id'.")
    else:
        scores = scores.rename(columns={outlet_column: "outlet"})
    present = sorted(pd.unique(scores["target"].dropna().astype(str)))
    if wanted is not None:
        unknown = [t for t in wanted if t not in present]
        if unknown:
            param = "target" if target is not None else "targets"
            raise InvalidParameterError(
                f"The '{param}' parameter of {func} names {unknown}, not in the scores. "
                f"Targets present: {present}.", param=param, value=unknown, allowed=present)
    rows = scores[(scores["n_mentions"] > 0) & scores["score"].notna() & scores["outlet"].notna()]
    if wanted is not None:
        rows = rows[rows["target"].astype(str).isin(wanted)]
    rows = rows.assign(outlet=rows["outlet"].astype(str), target=rows["target"].astype(str))
    if outlets is not None:
        if isinstance(outlets, (int, np.integer)) and not isinstance(outlets, bool):
            sizes = rows.groupby("outlet").size().sort_values(ascending=False, kind="stable")
            keep = list(sizes.index[: int(outlets)])
        elif isinstance(outlets, str):
            keep = [outlets]
        else:
            keep = [str(o) for o in outlets]
        rows = rows[rows["outlet"].isin(keep)]
    has_cues = {"pro", "anti"} <= set(rows.columns)
    rows = rows.assign(cued=(rows["pro"] + rows["anti"] > 0) if has_cues else False)
    grouped = rows.groupby(["target", "outlet"], sort=True)
    table = grouped.agg(n_articles=("score", "size"), n_mentions=("n_mentions", "sum"),
                        mean_score=("score", "mean"), sd=("score", "std"),
                        n_with_cues=("cued", "sum")).reset_index()
    table["n_with_cues"] = table["n_with_cues"].astype("Int64")
    if not has_cues:  # scores without their pro and anti columns: unknown
        table["n_with_cues"] = pd.array([pd.NA] * len(table), dtype="Int64")
    n = table["n_articles"].to_numpy(dtype=float)
    half = np.full(len(table), np.nan)
    if len(table):
        from scipy.special import stdtrit  # the Student t quantile, as scipy.stats.t.ppf computes it

        with np.errstate(invalid="ignore", divide="ignore"):
            half = stdtrit(np.maximum(n - 1, 1), 0.5 + ci / 2) * table["sd"].to_numpy() / np.sqrt(n)
        half[n < 2] = np.nan
    mean = table["mean_score"].to_numpy(dtype=float)
    table["ci_low"] = np.clip(mean - half, -1, 1)
    table["ci_high"] = np.clip(mean + half, -1, 1)
    table["too_few"] = table["n_articles"] < min_articles
    table["n_mentions"] = table["n_mentions"].astype(np.int64)
    table["n_articles"] = table["n_articles"].astype(np.int64)
    table = table.sort_values(["target", "mean_score", "outlet"], kind="stable")
    return table[[*STANCE_BY_OUTLET_COLUMNS, *_COUNT_COLUMNS]].reset_index(drop=True)


def plot_stance_by_outlet(
    data,
    corpus: pd.DataFrame | None = None,
    *,
    target: str | None = None,
    outlets: int | Sequence[str] | None = None,
    min_articles: int = 3,
    ci: float = 0.95,
    xlim: tuple[float, float] | None = None,
    colors: dict | None = None,
    title: str | None = None,
    ax=None,
    **kwargs,
):
    """Draw the mean stance of each outlet toward one target: a dot and its interval.

    One row per outlet, sorted by mean score; the dot is the mean article score,
    the whisker its interval, and the number of scored articles is written at the
    right. Outlets with fewer than ``min_articles`` scored articles are hollow dots
    without a whisker. The score axis is fitted to the data (the intervals and 0);
    pass ``xlim=(-1, 1)`` to fix it, e.g. to compare several figures.

    Parameters
    ----------
    data : StanceResult or DataFrame
        Article scores (with ``corpus``, as for :func:`stance_by_outlet_table`), or
        a table that function returned.
    corpus : DataFrame, optional
        Corpus for the outlet, joined on ``id``.
    target : str, optional
        The one target to draw; may be omitted when there is only one.
    outlets, min_articles, ci
        As in :func:`stance_by_outlet_table` (ignored when ``data`` is a table).
    xlim : (float, float), optional
        Limits of the score axis; by default fitted to the data.
    colors : dict, optional
        Outlet -> colour; defaults to :func:`mediastudy.outlet_colors`.
    title : str, optional
        Axes title ("" for none).
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``Axes.scatter`` for the dots.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> scores = pd.DataFrame({
    ...     "id": list("abcdef"), "target": "NATO", "n_mentions": 1,
    ...     "score": [-0.5, -0.2, 0.4, 0.2, 0.1, 0.3]})
    >>> corpus = pd.DataFrame({"id": list("abcdef"), "outlet": list("XXYYYZ")})
    >>> fig, ax = plt.subplots()
    >>> ax = plot_stance_by_outlet(scores, corpus, min_articles=2, ax=ax)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['X', 'Y', 'Z']
    """
    from ..style import literal_text, outlet_colors

    func = "plot_stance_by_outlet"
    if isinstance(data, pd.DataFrame) and set(STANCE_BY_OUTLET_COLUMNS) <= set(data.columns):
        table = data
    else:
        table = stance_by_outlet_table(data, corpus, target=target, outlets=outlets,
                                       min_articles=min_articles, ci=ci)
    present = list(dict.fromkeys(table["target"].astype(str)))
    if target is None:
        if len(present) != 1:
            raise InvalidParameterError(
                f"{func} draws one target per Axes; pass target=, one of {present}.",
                param="target", value=None, allowed=present)
        target = present[0]
    elif str(target) not in present:
        raise InvalidParameterError(
            f"The 'target' parameter of {func} must be one of {present}. Got {target!r} instead.",
            param="target", value=target, allowed=present)
    part = table[table["target"].astype(str) == str(target)]
    part = part.sort_values(["mean_score", "outlet"], kind="stable").reset_index(drop=True)
    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.gca()
    names = part["outlet"].astype(str).tolist()
    palette = outlet_colors(names)
    if colors:
        palette.update(colors)
    y = np.arange(len(part))
    sure = ~part["too_few"].to_numpy(dtype=bool)
    mean = part["mean_score"].to_numpy(dtype=float)
    low = part["ci_low"].to_numpy(dtype=float)
    high = part["ci_high"].to_numpy(dtype=float)
    cols = [palette[n] for n in names]
    ax.axvline(0, color="0.6", linewidth=0.8, zorder=0)
    whisk = sure & np.isfinite(low) & np.isfinite(high)
    ax.hlines(y[whisk], low[whisk], high[whisk], colors=[c for c, w in zip(cols, whisk, strict=True) if w],
              linewidth=2.2, zorder=2)
    opts = {"s": 42, "zorder": 3}
    opts.update(kwargs)
    ax.scatter(mean[sure], y[sure], color=[c for c, s in zip(cols, sure, strict=True) if s],
               edgecolors="white", linewidths=0.6, **opts)
    if (~sure).any():
        ax.scatter(mean[~sure], y[~sure], facecolors="none",
                   edgecolors=[c for c, s in zip(cols, sure, strict=True) if not s], linewidths=1.2,
                   **{k: v for k, v in opts.items() if k not in ("color", "c")})
    ax.set_yticks(y, [literal_text(n) for n in names])
    ax.set_ylim(-0.6, len(part) - 0.4)
    if xlim is None:
        values = np.concatenate([mean, low[whisk], high[whisk], [0.0]])
        values = values[np.isfinite(values)]
        lo, hi = float(values.min()), float(values.max())
        pad = max((hi - lo) * 0.08, 0.02)
        xlim = (max(lo - pad, -1.05), min(hi + pad, 1.05))
    ax.set_xlim(*xlim)
    trans = ax.get_yaxis_transform()
    for yi, n in zip(y, part["n_articles"].to_numpy(), strict=True):
        ax.text(1.01, yi, f"n = {int(n):,}", transform=trans, va="center", ha="left",
                fontsize="small", color="0.3")
    k = int(table.attrs.get("min_articles", min_articles))
    level = int(round(ci * 100))
    label = f"Mean article score toward {literal_text(str(target))} (-1 anti, +1 pro); {level}% CI"
    if (~sure).any():
        label += f"\nhollow: fewer than {k} scored articles, no interval"
    ax.set_xlabel(label)
    if title is None:
        title = f"Stance toward {target} by outlet"
    if title:
        ax.set_title(literal_text(title), loc="left")
    ax.grid(axis="x", color="0.92", linewidth=0.8)
    ax.set_axisbelow(True)
    return ax


def _targets(target, targets, func) -> list[str] | None:
    if target is not None and targets is not None:
        raise InvalidParameterError(f"{func} takes target= (one) or targets= (several), not both.",
                                    param="targets", value=targets)
    if target is not None:
        if not isinstance(target, str):
            raise InvalidParameterError(
                f"The 'target' parameter of {func} must be one target's name, e.g. target='NATO' "
                f"(several: targets=[...]). Got {target!r} instead.", param="target", value=target)
        return [target]
    if targets is None:
        return None
    return [targets] if isinstance(targets, str) else [str(t) for t in targets]


def _check_count(value, name: str, func: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise InvalidParameterError(
            f"The '{name}' parameter of {func} must be a whole number >= 1. Got {value!r} instead.",
            param=name, value=value)
