"""Topic share: what part of each outlet's articles went to each topic, per period.

:func:`topic_share_table` gives, for every outlet and calendar period in which
the outlet published, the share of its articles in each topic (shares sum to 1)
with a seeded bootstrap confidence interval; :func:`plot_topic_share` draws one
outlet as stacked areas, or several topics as lines with bands.

The bootstrap resamples the outlet's articles of the period with replacement.
The number of resampled articles in one topic then follows a binomial law
``Binomial(n_total, n_articles / n_total)``, so the bootstrap draws that count
directly, for all cells at once, and only once per distinct
``(n_articles, n_total)`` pair: the same replicates as resampling article by
article, without a Python loop.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..checks import refuse_table_options
from ..copies.marks import filter_copies
from ..deprecation import renamed_parameters, warn_renamed
from ..errors import InvalidParameterError, SchemaError
from ..glossary import shared_docs
from ..style import OTHER_COLOR, format_date_axis, legend_outside, literal_text, topic_colors
from ._common import (
    BY_OUTLET,
    check_ci,
    check_count,
    check_one_per_axes,
    current_axes,
    finish,
    is_table,
    isolated_values,
    midpoints,
    period_word,
    pick_one,
    prepare,
    split_by_outlet,
    table_freq,
)

__all__ = ["topic_share_table", "plot_topic_share", "bootstrap_share_ci"]

OTHER_LABEL = "other"


def bootstrap_share_ci(
    n_articles: np.ndarray,
    n_total: np.ndarray,
    *,
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: int | np.random.Generator | None = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval of the shares ``n_articles / n_total``, vectorised.

    Parameters
    ----------
    n_articles, n_total : array of int
        Articles in the topic and all articles of the cell (``n_total >= 1``).
    n_boot : int, default 1000
        Bootstrap replicates.
    ci : float, default 0.95
        Coverage of the interval.
    random_state : int, Generator or None, default 0
        Seed; the same seed and counts give the same interval.

    Returns
    -------
    (ci_low, ci_high) : arrays of float
        Always containing the share itself; ``[0, 0]`` and ``[1, 1]`` for shares
        of 0 and 1 (resampling cannot move them).

    Examples
    --------
    >>> lo, hi = bootstrap_share_ci(np.array([5, 0]), np.array([20, 20]), random_state=1)
    >>> bool(lo[0] < 0.25 < hi[0]), float(lo[1]), float(hi[1])
    (True, 0.0, 0.0)
    """
    k = np.asarray(n_articles, dtype=np.int64)
    n = np.asarray(n_total, dtype=np.int64)
    check_ci(ci, None)
    check_count(n_boot, "n_boot", None, low=2)
    if np.any(n < 1) or np.any(k < 0) or np.any(k > n):
        raise InvalidParameterError(
            "bootstrap_share_ci needs 0 <= n_articles <= n_total and n_total >= 1.",
            param="n_articles",
        )
    share = k / n
    low, high = share.copy(), share.copy()
    varying = (k > 0) & (k < n)
    if varying.any():
        # The interval depends only on (k, n): draw once per distinct pair, in
        # sorted order, so the result does not depend on row order.
        width = int(n.max()) + 1
        keys, inverse = np.unique(n[varying] * width + k[varying], return_inverse=True)
        pair_n, pair_k = np.divmod(keys, width)
        rng = np.random.default_rng(random_state)
        draws = rng.binomial(pair_n, pair_k / pair_n, size=(n_boot, len(keys)))
        alpha = (1 - ci) / 2
        q_lo, q_hi = np.quantile(draws, [alpha, 1 - alpha], axis=0) / pair_n
        low[varying] = q_lo[inverse]
        high[varying] = q_hi[inverse]
    return np.minimum(low, share), np.maximum(high, share)


@renamed_parameters(df="corpus", by_outlet=BY_OUTLET, topic_label="topic_label_column",
                    date="date_column", outlet="outlet_column")
@shared_docs
def topic_share_table(
    corpus: pd.DataFrame,
    *,
    freq: str = "W",
    by: str | None = "outlet",
    top_n: int | None = None,
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: int | None = 0,
    outlets: int | Sequence[str] | None = None,
    start: object = None,
    end: object = None,
    topic_column: str = "topic",
    topic_label_column: str = "topic_label",
    date_column: str = "date",
    outlet_column: str = "outlet",
    topic: None = None,
    copies: str = "each",
) -> pd.DataFrame:
    """Share of each outlet's articles per topic and calendar period, with bootstrap CIs.

    Parameters
    ----------
    corpus : DataFrame
        A corpus with ``date``, ``outlet`` and an integer topic column
        (``topic_column``, and optionally ``topic_label_column``), e.g. the output of
        :func:`mediastudy.assign_topics`. Rows
        without a date (or outside ``start``..``end``) are left out with a
        warning and counted in ``.attrs``; rows without a topic are left out too
        and counted in ``.attrs["n_no_topic"]``.
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        Calendar period (the default of every timeline table).
    by : {"outlet", None}, default "outlet"
        Shares within each outlet; None pools all outlets as ``"all"``.
    top_n : int, optional
        Keep the ``top_n`` largest topics (over the whole frame) and pool the
        rest as one topic labelled ``"other"`` (``topic`` is <NA> there). By
        default every topic is kept: a table loses nothing (the plot keeps 8, for a
        legend one can read).
    n_boot : int, default 1000
        Bootstrap replicates.
    ci : float, default 0.95
        Coverage of the confidence interval.
    random_state : int or None, default 0
        Seed of the bootstrap.
    outlets, start, end
        As in :func:`mediastudy.volume_table`.
    topic_column : str, default "topic"
        Column of integer topic ids, as in :func:`mediastudy.volume_table`.
    .. glossary:: topic_label_column date_column outlet_column
    topic : None
        Not a filter here (every topic gets its share); given anyway, it raises a
        ``TypeError`` saying what to use. A column name given as ``topic=`` (the
        name of ``topic_column`` before 0.1.0) still works, with a
        ``FutureWarning``.
    copies : {"each", "outlet", "once"}, default "each"
        How copies of one story count, as in :func:`mediastudy.volume_table`.

    Returns
    -------
    DataFrame
        One row per (period, outlet, topic) for every period in which the
        outlet published: ``period, period_end, outlet, topic, topic_label,
        n_articles, n_total, share, ci_low, ci_high, incomplete``. Within an
        outlet and period the shares sum to 1. Periods in which the outlet
        published nothing have no rows (a share of nothing is undefined).

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({
    ...     "outlet": ["A"] * 4 + ["B"] * 2,
    ...     "date": pd.to_datetime(["2022-01-03", "2022-01-10", "2022-01-12",
    ...                             "2022-01-31", "2022-01-05", "2022-02-01"]),
    ...     "topic": [0, 0, 1, 1, 1, 0],
    ... })
    >>> t = topic_share_table(corpus, freq="M", random_state=0)
    >>> t[["period", "outlet", "topic", "n_articles", "n_total", "share"]]
          period outlet  topic  n_articles  n_total  share
    0 2022-01-01      A      0           2        4    0.5
    1 2022-01-01      A      1           2        4    0.5
    2 2022-01-01      B      0           0        1    0.0
    3 2022-01-01      B      1           1        1    1.0
    4 2022-02-01      B      0           1        1    1.0
    5 2022-02-01      B      1           0        1    0.0
    """
    func = "topic_share_table"
    corpus = filter_copies(corpus, copies, func=func)
    topic_column = _topic_column(corpus, topic, topic_column, func)
    topic_label = topic_label_column
    prep = prepare(
        corpus, func=func, freq=freq, date=date_column, outlet=outlet_column,
        by_outlet=split_by_outlet(by, outlet_column, func), outlets=outlets, start=start,
        end=end, columns=(topic_column, *([topic_label] if topic_label in corpus.columns else [])),
    )  # fmt: skip
    raw = prep.rows[topic_column]
    has_topic = raw.notna().to_numpy(dtype=bool)
    n_no_topic = int((~has_topic).sum())
    if n_no_topic:
        warnings.warn(
            f"{func} left out {n_no_topic:,} articles without a topic in column '{topic_column}'.",
            UserWarning,
            stacklevel=2,
        )
    try:
        topics_int = raw[has_topic].to_numpy(dtype=np.int64)
    except (TypeError, ValueError) as exc:
        raise SchemaError(
            f"{func} needs whole-number topic ids in column '{topic_column}' "
            f"(got dtype {raw.dtype}); pass topic_column='<column>' naming the integer topic column."
        ) from exc
    ids, tcode = np.unique(topics_int, return_inverse=True)
    labels = _topic_labels(prep.rows[has_topic], topic_column, topic_label, ids, tcode)
    if top_n is not None:
        ids, tcode, labels = _pool_small_topics(ids, tcode, labels, top_n, func)
    n_topics = len(ids)
    is_other = np.array([lab == OTHER_LABEL for lab in labels]) if top_n else np.zeros(n_topics, bool)

    # Cells (outlet, period) -> topic counts, all by bincount.
    n_per = prep.n_periods
    # Period-major cell numbers, so the table comes out sorted by period, outlet, topic.
    n_out = len(prep.outlets)
    cell = (prep.ords[has_topic] - prep.lo) * n_out + prep.codes[has_topic]
    counts = np.bincount(cell * n_topics + tcode, minlength=n_out * n_per * n_topics)
    counts = counts.reshape(-1, n_topics)
    totals = counts.sum(axis=1)
    nonempty = np.flatnonzero(totals)
    k = counts[nonempty].ravel()
    n = np.repeat(totals[nonempty], n_topics)
    ci_low, ci_high = bootstrap_share_ci(k, n, n_boot=n_boot, ci=ci, random_state=random_state)

    grid = prep.grid()
    per_idx, out_idx = np.divmod(nonempty, n_out)
    per_rows = np.repeat(per_idx, n_topics)
    table = pd.DataFrame(
        {
            "period": grid["period"].to_numpy()[per_rows],
            "period_end": grid["period_end"].to_numpy()[per_rows],
            "outlet": pd.Categorical.from_codes(
                np.repeat(out_idx, n_topics), categories=pd.Index(prep.outlets, dtype=str)
            ),
            "topic": pd.arrays.IntegerArray(
                np.tile(ids, len(nonempty)), np.tile(is_other, len(nonempty))
            ),
            "topic_label": pd.Categorical.from_codes(
                np.tile(np.arange(n_topics), len(nonempty)),
                categories=pd.Index(_distinct_labels(labels, ids, is_other), dtype=str),
            ),
            "n_articles": k,
            "n_total": n,
            "share": k / n,
            "ci_low": ci_low,
            "ci_high": ci_high,
            "incomplete": grid["incomplete"].to_numpy()[per_rows],
        }
    )  # fmt: skip
    return finish(table, prep, n_no_topic=n_no_topic, n_boot=n_boot, ci=ci,
                  random_state=random_state)  # fmt: skip


def _distinct_labels(labels, ids, is_other) -> list[str]:
    """Labels made distinct: a label that two topics share gets each topic's id in brackets
    (labels come from the data or from merged topics; a legend needs one entry per topic)."""
    labels = [str(label) for label in labels]
    counts = pd.Series(labels).value_counts()
    if (counts <= 1).all():
        return labels
    return [f"{label} ({ids[i]})" if counts[label] > 1 and not is_other[i] else label
            for i, label in enumerate(labels)]


def _topic_column(df: object, topic: object, topic_column: str, func: str) -> str:
    """The topic id column, after checking that ``topic=`` was not meant as a filter.

    Elsewhere (volume_table, find_peaks_table) ``topic=`` keeps the articles of
    some topics and ``topic_column=`` names the column; here every topic gets its
    share, so there is nothing to filter.
    """
    if topic is None:
        if isinstance(df, pd.DataFrame) and topic_column not in df.columns:
            have = ", ".join(map(str, df.columns[:12]))
            raise SchemaError(
                f"{func} needs a column of topic ids, '{topic_column}', in 'corpus', which has: "
                f"{have}. Add one with assign_topics(corpus, model), or pass "
                "topic_column='<column>' naming yours.",
                param="topic_column",
            )
        return topic_column
    if isinstance(topic, str) and isinstance(df, pd.DataFrame) and topic in df.columns:
        warn_renamed(func, "topic", "topic_column", stacklevel=5)
        return topic
    raise InvalidParameterError(
        f"{func} has no topic filter: it gives the share of every topic (an outlet's shares "
        f"in a period sum to 1). Got topic={topic!r}. Name the column of topic ids with "
        f"topic_column= (default 'topic'). For some topics only, select rows of the table, "
        f"e.g. table[table['topic'].isin([{topic!r}])], or draw them with "
        f"plot_topic_share(..., kind='line', topics=[{topic!r}])."
    )


def _topic_labels(rows, topic, topic_label, ids, tcode) -> list[str]:
    if topic_label in rows.columns:
        first = pd.Series(rows[topic_label].astype("string").to_numpy(), index=tcode)
        first = first[~first.index.duplicated()]
        return [str(first.get(i, ids[i])) for i in range(len(ids))]
    return [str(i) for i in ids]


def _label_colors(part: pd.DataFrame, labels: list[str]) -> dict[str, str]:
    """Each topic label's colour: its topic id's (:func:`topic_colors`, as in every topic
    figure); the pooled "other" grey; by position when the table has no ids."""
    ids = (part.drop_duplicates("topic_label").assign(topic_label=lambda t: t["topic_label"].astype(str))
           .set_index("topic_label")["topic"]) if "topic" in part.columns else pd.Series(dtype=object)
    out = {}
    for i, lab in enumerate(labels):
        topic = ids.get(lab)
        if lab == OTHER_LABEL:
            out[lab] = OTHER_COLOR
        elif topic is None or pd.isna(topic):
            out[lab] = topic_colors([i])[i]
        else:
            out[lab] = topic_colors([int(topic)])[int(topic)]
    return out


def _pool_small_topics(ids, tcode, labels, top_n, func):
    check_count(top_n, "top_n", func)
    if top_n >= len(ids):
        return ids, tcode, labels
    sizes = np.bincount(tcode, minlength=len(ids))
    keep = np.sort(np.lexsort((ids, -sizes))[:top_n])  # largest first, ties by id
    remap = np.full(len(ids), top_n)
    remap[keep] = np.arange(top_n)
    new_ids = np.append(ids[keep], 0)  # the pooled "other" topic; masked to <NA> later
    new_labels = [labels[i] for i in keep] + [OTHER_LABEL]
    return new_ids, remap[tcode], new_labels


@shared_docs
def plot_topic_share(
    data: pd.DataFrame,
    *,
    outlet: str | None = None,
    kind: str = "area",
    topics: Sequence[object] | None = None,
    freq: str = "W",
    top_n: int | None = 8,
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: int | None = 0,
    start: object = None,
    end: object = None,
    min_articles: int | None = None,
    show_n: bool = True,
    topic_column: str = "topic",
    topic_label_column: str = "topic_label",
    date_column: str = "date",
    outlet_column: str = "outlet",
    title: str | None = None,
    legend: bool = True,
    ax=None,
    **kwargs,
):
    """Draw one outlet's topic shares over time: stacked areas or lines with CI bands.

    Parameters
    ----------
    data : DataFrame
        A corpus with a ``topic`` column (passed to :func:`topic_share_table`
        with the options below), or a table that function returned.
    outlet : str, optional
        The one outlet to draw (one outlet per Axes: loop over outlets for
        several); may be omitted when the table holds one outlet.
    kind : {"area", "line"}, default "area"
        Stacked areas (shares add up to 100%; each period a block over its own
        dates, periods without articles left blank) or one line per topic with
        its bootstrap band (``"lines"``, the name before 0.2, still works with a
        ``FutureWarning``).
    topics : list, optional
        With ``kind="line"``: the topic ids (or labels) to draw; all by default.
    freq, top_n, n_boot, ci, random_state, start, end
        As in :func:`topic_share_table`, except that ``top_n`` is 8 by default (a
        legend one can read; the table keeps every topic). Given a table, these build
        nothing: setting one raises :class:`~mediastudy.errors.InvalidParameterError`
        (build the table with it, or pass the corpus).
    .. glossary:: topic_column topic_label_column date_column outlet_column
    min_articles : int, optional
        Periods in which the outlet has fewer articles are hatched (a share of 3
        articles can read 100%); with ``kind="line"`` their shares are hollow dots
        without a band. None marks none.
    show_n : bool, default True
        Write the outlet's number of articles in each period above the Axes.
    title : str, optional
        Axes title; by default says which outlet.
    legend : bool, default True
        Legend outside, right of the data.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``Axes.stackplot`` (areas) or ``Axes.plot`` (lines).

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({
    ...     "outlet": ["A"] * 6,
    ...     "date": pd.to_datetime(["2022-01-03", "2022-01-10", "2022-02-12",
    ...                             "2022-02-13", "2022-03-05", "2022-03-06"]),
    ...     "topic": [0, 0, 1, 0, 1, 1],
    ... })
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_topic_share(corpus, freq="M", kind="line", ax=ax)
    >>> len(ax.lines), len(ax.collections)
    (2, 2)
    """
    from ..checks import check_choice

    func = "plot_topic_share"
    check_one_per_axes(func, "outlet", outlet, kwargs, "topic_share_table")
    if kind == "lines":
        warnings.warn(
            f"kind='lines' in {func} is deprecated; use kind='line' (as pandas does; "
            "'lines' is removed in 0.3).", FutureWarning, stacklevel=2,
        )
        kind = "line"
    check_choice(kind, ("area", "line"), func=func, param="kind")
    options = dict(freq=freq, top_n=top_n, n_boot=n_boot, ci=ci, random_state=random_state,
                   start=start, end=end, topic_column=topic_column,
                   topic_label_column=topic_label_column, date_column=date_column,
                   outlet_column=outlet_column)
    if is_table(data, ("share", "ci_low", "topic_label")):
        table = data
        refuse_table_options(plot_topic_share, "topic_share_table", options,
                             freq=table_freq(table, freq))
    else:
        table = topic_share_table(data, outlets=None if outlet is None else [outlet], **options)
    outlet, part = pick_one(table, "outlet", outlet, func="plot_topic_share")
    labels = list(dict.fromkeys(part["topic_label"].astype(str)))
    freq = table_freq(table, freq)
    grid, wide = _wide(part, freq, table)
    x = midpoints(grid)
    colors = _label_colors(part, labels)
    ax = current_axes(ax)
    n_total = (part.drop_duplicates("period").set_index("period")["n_total"]
               .reindex(grid["period"]).fillna(0).to_numpy(dtype=int))
    sparse = ((n_total > 0) & (n_total < min_articles) if min_articles
              else np.zeros(len(grid), dtype=bool))
    if kind == "area":
        # Each period is drawn as a block over its own dates (a step area), so a
        # period standing alone between empty ones is still visible.
        starts = grid["period"].to_numpy()
        stops = (grid["period_end"] + pd.Timedelta(days=1)).to_numpy()
        step_x = np.column_stack([starts, stops]).ravel()
        ys = [np.repeat(wide[("share", lab)] * 100, 2) for lab in labels]
        opts = {"linewidth": 0.0}
        opts.update(kwargs)
        ax.stackplot(step_x, *ys, labels=[literal_text(lab) for lab in labels],
                     colors=[colors[lab] for lab in labels],
                     **opts)  # fmt: skip
        ax.set_ylim(0, 100)
    else:
        chosen = labels if topics is None else _select_topics(part, topics, labels)
        xs = x.to_numpy()
        for lab in chosen:
            share = wide[("share", lab)] * 100
            lo = np.where(sparse, np.nan, wide[("ci_low", lab)] * 100)
            hi = np.where(sparse, np.nan, wide[("ci_high", lab)] * 100)
            ax.fill_between(xs, lo, hi, color=colors[lab], alpha=0.2, linewidth=0)
            (line,) = ax.plot(xs, np.where(sparse, np.nan, share), color=colors[lab],
                              label=literal_text(lab), **kwargs)
            if sparse.any():  # too few articles: a hollow dot, no line through it, no band
                ax.scatter(xs[sparse], share[sparse], s=18, facecolors="none",
                           edgecolors=colors[lab], linewidths=1.0, zorder=3)
                share = np.where(sparse, np.nan, share)
            # Periods without articles break the line; a period with empty
            # neighbours on both sides would draw nothing: a dot and an
            # interval bar instead.
            alone = isolated_values(share)
            if alone.any():
                ax.vlines(xs[alone], lo[alone], hi[alone], color=colors[lab], alpha=0.35,
                          linewidth=3)  # fmt: skip
                ax.plot(xs[alone], share[alone], linestyle="none", marker="o",
                        markersize=max(3.0, line.get_linewidth() * 2), color=colors[lab])  # fmt: skip
        ax.set_ylim(bottom=0)
    starts = grid["period"].to_numpy()
    stops = (grid["period_end"] + pd.Timedelta(days=1)).to_numpy()
    for a, b in zip(starts[sparse], stops[sparse], strict=True):
        ax.axvspan(a, b, facecolor="none", edgecolor="0.8", hatch="//", linewidth=0, zorder=0.5)
    if show_n:
        _write_n(ax, x.to_numpy(), n_total)
    word = period_word(freq)
    level = int(round(table.attrs.get("ci", ci) * 100))
    ylabel = f"% of the outlet's articles per {word}"
    if kind == "line":
        ylabel += f"\n(bands: {level}% bootstrap CI)"
    ax.set_ylabel(ylabel)
    if title is None:
        title = f"Topic share: {outlet}"
    if title:
        ax.set_title(literal_text(title), loc="left", pad=16 if show_n else None)
    format_date_axis(ax, freq=freq)
    if legend:
        key = legend_outside(ax, title="topic")
        if key is not None and sparse.any():
            from matplotlib.patches import Patch

            handles, texts = ax.get_legend_handles_labels()
            handles.append(Patch(facecolor="none", edgecolor="0.6", hatch="//"))
            texts.append(f"fewer than {min_articles} articles")
            ax.legend(handles, texts, title="topic", loc="upper left", bbox_to_anchor=(1.01, 1.0),
                      frameon=False, fontsize="small", borderaxespad=0.0)
    return ax


def _write_n(ax, xs: np.ndarray, n: np.ndarray, most: int = 30) -> None:
    """The number of articles of each period, small, above the Axes (every k-th when many)."""
    shown = np.flatnonzero(n > 0)
    step = max(1, int(np.ceil(len(shown) / most)))
    trans = ax.get_xaxis_transform()
    for i in shown[::step]:
        ax.text(xs[i], 1.01, f"{n[i]:,}", transform=trans, ha="center", va="bottom",
                fontsize=6.5, color="0.35", gid="n_articles")
    ax.text(0.0, 1.01, "n =  ", transform=ax.transAxes, ha="right", va="bottom", fontsize=6.5,
            color="0.35", gid="n_articles")


def _wide(part: pd.DataFrame, freq: str, table: pd.DataFrame):
    """Every period of the outlet's span, and its shares as {(column, label): array}."""
    from ..periods import period_range

    first, last = table.attrs.get("coverage", (part["period"].min(), part["period_end"].max()))
    grid = period_range(max(first, part["period"].min()), min(last, part["period_end"].max()),
                        freq)  # fmt: skip
    pos = pd.Index(grid["period"]).get_indexer(part["period"])
    labels = part["topic_label"].astype(str).to_numpy()
    values = {}
    for col in ("share", "ci_low", "ci_high"):
        col_values = part[col].to_numpy(dtype=float)
        for lab in dict.fromkeys(labels):
            arr = np.full(len(grid), np.nan)
            sel = labels == lab
            arr[pos[sel]] = col_values[sel]
            values[(col, lab)] = arr
    return grid, values


def _select_topics(part, topics, labels) -> list[str]:
    lookup = dict(zip(part["topic"].astype("string").astype(str),
                      part["topic_label"].astype(str), strict=False))  # fmt: skip
    chosen = []
    for t in topics:
        lab = lookup.get(str(t), str(t) if str(t) in labels else None)
        if lab is None:
            raise InvalidParameterError(
                f"plot_topic_share: topic {t!r} is not in the table; topics present: {labels[:12]}.",
                param="topics",
            )
        chosen.append(lab)
    return chosen
