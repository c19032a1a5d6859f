"""Who is quoted: speakers counted by outlet and period, and a plot of the most quoted."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..checks import require_columns
from ..errors import InvalidParameterError

__all__ = ["speakers_table", "plot_speakers"]

SPEAKER_COLUMNS = ["speaker", "n_quotes", "n_direct", "n_reported", "n_articles", "share"]


def speakers_table(
    quotes: pd.DataFrame,
    corpus: pd.DataFrame | None = None,
    *,
    by: str | list[str] | None = "outlet",
    freq: str | None = None,
    top_n: int | None = None,
    variants: dict[str, str] | None = None,
    id_column: str = "id",
    date_column: str = "date",
) -> pd.DataFrame:
    """Who is quoted, how often, by which outlet (and period), directly or reported.

    A paragraph an outlet pastes into many articles (a standing line of background, "Kiev
    insists the offensive was unprovoked") is counted once per article: run
    :func:`mediastudy.remove_boilerplate` on the corpus before :func:`extract_quotes` to count
    what the articles say rather than what they repeat (the report does, by default).
    ``n_articles`` beside ``n_quotes`` shows such a speaker: nearly one quote per article.
    Speakers are names as resolved, institutions ("the ministry") and places ("Kiev")
    standing for their government included, as the articles write them.

    Parameters
    ----------
    quotes : DataFrame
        The result of :func:`extract_quotes`. Rows without a speaker are left out.
    corpus : DataFrame or None
        The articles, for the ``by`` columns and the dates (joined on ``id_column``). None
        when ``by`` and ``freq`` are None.
    by : str, list of str or None
        Corpus column(s) to split by (default ``"outlet"``); None for one group.
    freq : {"D", "W", "M", "Q", "Y"} or None
        Split by calendar period too (``period`` = first day of the period); None: no time
        split.
    top_n : int or None
        Keep the ``top_n`` most quoted speakers of each group.
    variants : dict, DataFrame or None
        Other spellings of a speaker's name, each mapped to the name to count it as
        (``{"Vladimir Zelensky": "Volodymyr Zelensky", "Zelensky": "Volodymyr Zelensky"}``;
        chains are followed), or a :func:`find_speaker_variants` table (its ``variant`` and
        ``speaker`` columns), once the rows that are two people are dropped. Without it one
        person spelt two ways (by two outlets, or with and without the first name) counts as
        two speakers, and outlets are not compared on the same person. A warning says when no
        name in it is a speaker.
    id_column, date_column : str
        Names of the article-id column (in both frames) and the date column of ``corpus``.

    Returns
    -------
    DataFrame
        One row per group and speaker: the ``by`` columns, ``period`` (with ``freq``),
        ``speaker``, ``n_quotes`` (attributions), ``n_direct`` (with quotation marks),
        ``n_reported``, ``n_articles`` (articles quoting the speaker) and ``share`` (of the
        group's attributed quotes), the most quoted first within each group.

    Examples
    --------
    >>> import pandas as pd
    >>> from mediastudy import extract_quotes
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "text": [
    ...     '"It will pass," said Senator Ann Lee. Lee added that it was fair.',
    ...     'The plan is unfair, Tom Ray said.']})
    >>> quotes = extract_quotes(corpus)
    >>> speakers_table(quotes, corpus)
      outlet  speaker  n_quotes  n_direct  n_reported  n_articles  share
    0      X  Ann Lee         2         1           1           1    1.0
    1      Y  Tom Ray         1         0           1           1    1.0
    >>> speakers_table(quotes, by=None, variants={"Tom Ray": "Thomas Ray"})[["speaker", "n_quotes"]]
          speaker  n_quotes
    0     Ann Lee         2
    1  Thomas Ray         1
    """
    func = "speakers_table"
    _require(quotes, [id_column, "speaker", "direct"], func, "quotes")
    by_cols = [] if by is None else ([by] if isinstance(by, str) else list(by))
    if freq is not None:
        from ..periods import check_freq, period_start

        check_freq(freq, func=func)
    _check_top_n(top_n, func, optional=True)
    names = _check_speaker_variants(variants, func)
    rows = quotes.loc[quotes["speaker"].notna(), [id_column, "speaker", "direct"]]
    if names:
        if not rows["speaker"].isin(list(names)).any():
            warnings.warn(
                f"{func}: none of the {len(names):,} names in 'variants' is a speaker in 'quotes' "
                "(names must match as written, capitals included); the counts are as written.",
                stacklevel=2,
            )
        rows = rows.assign(speaker=rows["speaker"].map(lambda s: names.get(s, s)))
    need = by_cols + ([date_column] if freq is not None else [])
    if need:
        if corpus is None:
            raise InvalidParameterError(
                f"{func} needs 'corpus' for by={by!r}"
                + (f" and freq={freq!r}" if freq is not None else "")
                + "; pass the articles, or by=None and freq=None.",
                param="corpus", value=None,
            )
        _require(corpus, [id_column, *need], func, "corpus")
        meta = corpus[[id_column, *need]].drop_duplicates(subset=[id_column])
        rows = rows.merge(meta, on=id_column, how="left")
    keys = list(by_cols)
    if freq is not None:
        rows = rows.assign(period=period_start(rows[date_column], freq))
        keys.append("period")
    grouped = rows.groupby([*keys, "speaker"], sort=False, dropna=False)
    table = grouped.agg(
        n_quotes=("direct", "size"),
        n_direct=("direct", "sum"),
        n_articles=(id_column, "nunique"),
    ).reset_index()
    table["n_direct"] = table["n_direct"].astype("int64")
    table["n_reported"] = table["n_quotes"] - table["n_direct"]
    if keys:
        totals = table.groupby(keys, dropna=False)["n_quotes"].transform("sum")
    else:
        totals = table["n_quotes"].sum()
    table["share"] = table["n_quotes"] / totals
    table = table.sort_values([*keys, "n_quotes", "speaker"], ascending=[True] * len(keys) + [False, True],
                              kind="stable")
    if top_n is not None:
        table = table.groupby(keys, dropna=False).head(top_n) if keys else table.head(top_n)
    table = table[[*keys, *SPEAKER_COLUMNS]].reset_index(drop=True)
    if top_n is not None and keys:
        table.attrs["top_n_per_group"] = top_n  # (plot_speakers refuses to add up a cut table)
    return table


def plot_speakers(
    data: pd.DataFrame,
    corpus: pd.DataFrame | None = None,
    *,
    by: str = "outlet",
    top_n: int = 10,
    stacked: bool | None = None,
    variants: dict[str, str] | pd.DataFrame | None = None,
    text_column: str = "text",
    id_column: str = "id",
    ax=None,
    **kwargs,
):
    """Horizontal bars of the most quoted speakers, split by ``by`` group (outlet).

    Parameters
    ----------
    data : DataFrame
        A corpus (quotes are extracted from it), an :func:`extract_quotes` table (with
        ``corpus``, for the ``by`` column) or a :func:`speakers_table` result split by
        ``by`` (or by nothing), with every speaker of every group: one cut to each group's
        ``top_n`` is refused (a speaker cut from one group would be drawn as 0 there).
    corpus : DataFrame, optional
        The articles of an :func:`extract_quotes` table ``data`` (as for
        :func:`speakers_table`).
    by : str or None
        The grouping column (default ``"outlet"``; data without an outlet column is drawn
        as one group); None for one group.
    top_n : int
        How many speakers to show: the most quoted over all groups.
    stacked : bool, optional
        One bar per speaker with the groups end to end, its total written after it (the
        largest groups first), rather than a bar per group side by side. By default stacked
        when there are more than 4 groups, where side-by-side bars get too thin to read.
    variants : dict, DataFrame or None
        Other spellings of a speaker's name to count as that name (see
        :func:`speakers_table`), when ``data`` is a corpus or a quotes table; a
        :func:`speakers_table` result has them counted already (pass them there).
    text_column, id_column : str
        Column names, when ``data`` is a corpus.
    ax : matplotlib Axes, optional
        Where to draw; the current Axes by default.
    **kwargs
        Passed to ``Axes.barh``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import mediastudy as ms
    >>> fig, ax = plt.subplots()
    >>> ax = plot_speakers(ms.load_demo(), top_n=5, ax=ax)
    >>> len(ax.get_yticklabels()) <= 5
    True
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    from ..style import literal_text, outlet_colors

    func = "plot_speakers"
    require_columns(data, [], func=func, param="data")
    _check_top_n(top_n, func, optional=False)
    if corpus is not None:
        require_columns(corpus, [id_column], func=func, param="corpus")
    if by is not None and by != "outlet" and by not in data.columns and (
            corpus is None or by not in corpus.columns):
        raise InvalidParameterError(
            f"{func}: by={by!r} names no column of 'data'" + (" or 'corpus'" if corpus is not None
                                                            else "") + "; pass a column name or by=None.",
            param="by", value=by)
    if variants is not None:
        _check_speaker_variants(variants, func)  # (errors name this function)
    if "n_quotes" in data.columns and "speaker" in data.columns:  # a speakers table
        for name, value in (("corpus", corpus), ("variants", variants)):
            if value is not None:
                raise InvalidParameterError(
                    f"{func}: 'data' is a speakers_table result, whose speakers are counted "
                    f"already; pass '{name}' to speakers_table(quotes, corpus, ...) instead, or "
                    f"pass the quotes table (extract_quotes) here.", param=name, value=None)
        table = data
    elif "speaker" in data.columns and text_column not in data.columns:  # a quotes table
        if corpus is None and by is not None and by not in data.columns:
            raise InvalidParameterError(
                f"{func}: 'data' is a quotes table (extract_quotes); the '{by}' of its articles "
                f"is in the corpus: pass it too, plot_speakers(quotes, corpus), or by=None.",
                param="corpus", value=None)
        table = speakers_table(data, corpus, by=by if corpus is not None and by in corpus.columns
                               else None, variants=variants, id_column=id_column)
    else:
        from .extract import extract_quotes

        quotes = extract_quotes(data, text_column=text_column, id_column=id_column)
        table = speakers_table(quotes, data, by=by if by in data.columns else None,
                               variants=variants, id_column=id_column)
    if stacked is not None and not isinstance(stacked, bool):
        raise InvalidParameterError(f"The 'stacked' parameter of {func} must be True, False or "
                                    f"None. Got {stacked!r} instead.", param="stacked", value=stacked)
    group = by if by in table.columns else None
    cut = table.attrs.get("top_n_per_group")
    if cut is not None and group is not None:
        raise InvalidParameterError(
            f"{func} adds up each speaker's quotes over the {by} groups, but this table keeps "
            f"only each group's {cut} most quoted speakers (speakers_table(..., top_n={cut})): a "
            f"speaker cut from one group would be drawn as 0 there. Pass speakers_table(...) "
            f"without top_n (or the corpus); {func}'s own top_n picks the speakers to draw.",
            param="data", value=None)
    totals = table.groupby("speaker")["n_quotes"].sum().sort_values(ascending=False, kind="stable")
    speakers = list(totals.index[:top_n])[::-1]  # the most quoted at the top
    ax = ax if ax is not None else plt.gca()
    groups = [None] if group is None else sorted(table[group].dropna().unique(), key=str)
    counts = {g: (table if g is None else table[table[group] == g]).groupby("speaker")["n_quotes"].sum()
              for g in groups}
    xs = {g: np.array([int(counts[g].get(s, 0)) for s in speakers]) for g in groups}
    stacked = len(groups) > 4 if stacked is None else stacked
    if stacked:  # the groups quoting these speakers most first, end to end
        groups = sorted(groups, key=lambda g: -int(xs[g].sum()))
    colors = outlet_colors([str(g) for g in groups]) if group is not None else {}
    height = 0.8 if stacked else 0.8 / max(len(groups), 1)
    left = np.zeros(len(speakers))
    for k, g in enumerate(groups):
        ys = np.arange(len(speakers)) + (0.0 if stacked else height * (k + 0.5) - 0.4)
        style = {"height": height, "left": left} if stacked else {"height": height}
        if g is not None:
            style["color"] = colors.get(str(g))
            style["label"] = literal_text(g)
        style.update(kwargs)
        ax.barh(ys, xs[g], **style)
        if stacked:
            left = left + xs[g]
    if stacked:
        for y, total in enumerate(left):
            ax.text(total, y, f" {int(total):,}", va="center", ha="left", fontsize="small")
        ax.set_xlim(right=max(float(left.max(initial=0)), 1.0) * 1.12)  # room for the totals
    ax.set_yticks(range(len(speakers)))
    ax.set_yticklabels([literal_text(s) for s in speakers])
    ax.set_xlabel("quotes and reported statements")
    if group is not None and groups:
        ax.legend(title=literal_text(group), loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  frameon=False, fontsize="small", borderaxespad=0.0)
    return ax


def _check_speaker_variants(variants: object, func: str) -> dict[str, str]:
    """``variants`` as a dict with chains followed to their end ({} for None): a mapping, a
    Series (index -> name) or a table with ``variant`` and ``speaker`` columns."""
    from collections.abc import Mapping

    from ..checks import follow_variants

    if variants is None:
        return {}
    if isinstance(variants, pd.DataFrame) and {"variant", "speaker"} <= set(variants.columns):
        variants = dict(zip(variants["variant"], variants["speaker"], strict=True))
    elif isinstance(variants, pd.Series):
        variants = variants.to_dict()
    if not isinstance(variants, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
            for k, v in variants.items()):
        got = type(variants).__name__ if not isinstance(variants, Mapping) else "a mapping of other values"
        raise InvalidParameterError(
            f"The 'variants' parameter of {func} must map speaker names to the names to count "
            "them as (non-empty strings), e.g. {'Vladimir Zelensky': 'Volodymyr Zelensky'}, or be "
            f"a find_speaker_variants table (columns variant and speaker). Got {got} instead.",
            param="variants", value=variants,
        )
    return follow_variants(dict(variants), func=func, what="names")


def _require(df: object, columns: list[str], func: str, param: str) -> None:
    require_columns(df, columns, func=func, param=param)


def _check_top_n(top_n: object, func: str, *, optional: bool) -> None:
    if optional and top_n is None:
        return
    if isinstance(top_n, bool) or not isinstance(top_n, int) or top_n < 1:
        raise InvalidParameterError(
            f"The 'top_n' parameter of {func} must be {'None or ' if optional else ''}an int >= 1. "
            f"Got {top_n!r} instead.", param="top_n", value=top_n,
        )
