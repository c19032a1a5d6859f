"""Who copies whom: stories taken from one outlet by another, each outlet's share of copies,
and the news agencies credited in them.

:func:`copy_flow_table` counts, for each pair of outlets, the articles one took from the other
(origin outlet -> copying outlet); :func:`copy_share_table` gives each outlet's share of its
articles that are copies, who it copies from and which agencies its copies credit;
:func:`plot_copy_flows` draws the pairs as a matrix. :func:`wire_credits` finds the agency
credits (AP, Reuters, AFP, TASS, RIA ...) in the texts.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..checks import check_int, require_columns
from .duplicates import find_duplicates

__all__ = ["wire_credits", "copy_flow_table", "copy_share_table", "plot_copy_flows",
           "AGENCY_PATTERNS"]

# An agency credit: the agency in the dateline at the start of the text, in parentheses or
# before a dash ("MOSCOW (Reuters) -", "TASS -"), or named in the last CREDIT_CHARS characters,
# where credit lines stand ("The Associated Press contributed to this report", "Reporting by
# ...; Editing by ..."). A story that merely quotes an agency in its body is not credited to it.
AGENCY_PATTERNS = {
    "AP": r"AP|The Associated Press|Associated Press|AP Photo",
    "Reuters": r"Reuters|Thomson Reuters",
    "AFP": r"AFP|Agence France[- ]Presse",
    "TASS": r"TASS",
    "RIA": r"RIA Novosti|RIA",
    "Xinhua": r"Xinhua",
    "Interfax": r"Interfax",
    "UPI": r"UPI|United Press International",
    "dpa": r"dpa|Deutsche Presse-Agentur",
}
CREDIT_CHARS = 300
_DATELINE = {name: re.compile(rf"^[^\n]{{0,120}}?(?:\(\s*(?:{p})\s*\)|\b(?:{p})\s*[-\u2013\u2014])")
             for name, p in AGENCY_PATTERNS.items()}
_CREDIT = {name: re.compile(rf"\b(?:{p})\b" + (r"|\bReporting by\b" if name == "Reuters" else ""))
           for name, p in AGENCY_PATTERNS.items()}
_COPY_KINDS = ("copy", "excerpt", "passage")


def wire_credits(corpus: pd.DataFrame, *, text_column: str = "text") -> pd.Series:
    """The news agencies each article credits, as a string ("AP", "AP, Reuters", or "").

    Parameters
    ----------
    corpus : DataFrame
        The articles.
    text_column : str
        Column of article texts.

    Returns
    -------
    Series
        Indexed like ``corpus``: the agencies (names of :data:`AGENCY_PATTERNS`) credited in
        the first or last 300 characters of the text (a dateline or a credit line), joined by
        ", " in the table's order; "" for none.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"text": [
    ...     "MOSCOW (Reuters) - The talks ended without a deal.",
    ...     "The talks ended, TASS said, without a deal. " + "More was said. " * 30,
    ...     "The talks ended without a deal.\\n\\nThe Associated Press contributed to this report."]})
    >>> wire_credits(corpus).tolist()
    ['Reuters', '', 'AP']
    """
    require_columns(corpus, [text_column], func="wire_credits", param="corpus")
    out = []
    for text in corpus[text_column].tolist():
        if not isinstance(text, str) or not text:
            out.append("")
            continue
        start, end = text.lstrip()[:200], text[-CREDIT_CHARS:]
        out.append(", ".join(name for name in AGENCY_PATTERNS
                             if _DATELINE[name].search(start) or _CREDIT[name].search(end)))
    return pd.Series(out, index=corpus.index, dtype="string", name="agencies")


def _count_string(values) -> str:
    """'AP 3, Reuters 1' from a list of comma-joined names, most frequent first."""
    counts: dict[str, int] = {}
    for v in values:
        for name in (v.split(", ") if isinstance(v, str) and v else []):
            counts[name] = counts.get(name, 0) + 1
    return ", ".join(f"{k} {n}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _members(corpus, duplicates, id_column, outlet_column, text_column, func):
    require_columns(corpus, [id_column, outlet_column, text_column], func=func, param="corpus")
    if duplicates is None:
        duplicates = find_duplicates(corpus, id_column=id_column, outlet_column=outlet_column,
                                     text_column=text_column)
    require_columns(duplicates, ["id", "outlet", "kind", "origin_id", "origin_outlet"], func=func,
                    param="duplicates")
    copies = duplicates[duplicates["kind"].isin(_COPY_KINDS)]
    texts = corpus.set_index(id_column)[text_column]
    credits = wire_credits(pd.DataFrame({"text": texts.reindex(copies["id"]).to_numpy()}))
    origin_credits = wire_credits(pd.DataFrame({"text": texts.reindex(copies["origin_id"]).to_numpy()}))
    # a copy credits what it or its origin credits (an outlet often drops the dateline)
    both = [", ".join(dict.fromkeys([x for x in (a, b) if x])) for a, b in
            zip(credits, origin_credits, strict=True)]
    return duplicates, copies.assign(agencies=both)


def copy_flow_table(
    corpus: pd.DataFrame,
    duplicates: pd.DataFrame | None = None,
    *,
    min_articles: int = 1,
    id_column: str = "id",
    outlet_column: str = "outlet",
    text_column: str = "text",
) -> pd.DataFrame:
    """How many articles each outlet took from each other outlet (origin -> copy).

    Parameters
    ----------
    corpus : DataFrame
        The articles.
    duplicates : DataFrame, optional
        :func:`find_duplicates`' result on ``corpus``; found with its defaults when not given.
    min_articles : int, default 1
        Pairs with fewer copies are left out.
    id_column, outlet_column, text_column : str
        Column names in ``corpus``.

    Returns
    -------
    DataFrame
        One row per (origin outlet, copying outlet): ``origin_outlet``, ``outlet``,
        ``n_articles`` (copies, excerpts and pasted passages the outlet ran of stories the
        origin outlet ran first), ``share`` (of all the copying outlet's articles),
        ``agencies`` (agency credits in those copies or their origins, "AP 3, Reuters 1"),
        most copies first. An outlet rerunning its own story is a row with both outlets equal.

    Examples
    --------
    >>> import pandas as pd
    >>> story = ("MOSCOW (Reuters) - The talks on grain exports ended on Friday without a deal, "
    ...          "and the delegations left the capital without a date for the next round.")
    >>> corpus = pd.DataFrame({"id": ["r1", "d1", "w1", "w2"],
    ...     "outlet": ["Reuters", "Daily", "Weekly", "Weekly"],
    ...     "date": pd.to_datetime(["2024-05-02", "2024-05-03", "2024-05-04", "2024-05-05"]),
    ...     "text": [story, story, story.replace("Friday", "Friday night"),
    ...              "Snow closed the mountain roads for a second day."]})
    >>> copy_flow_table(corpus)
      origin_outlet  outlet  n_articles  share   agencies
    0       Reuters   Daily           1    1.0  Reuters 1
    1       Reuters  Weekly           1    0.5  Reuters 1
    """
    check_int(min_articles, func="copy_flow_table", param="min_articles")
    _, copies = _members(corpus, duplicates, id_column, outlet_column, text_column, "copy_flow_table")
    totals = corpus[outlet_column].astype("string").value_counts()
    rows = []
    for (origin, outlet), part in copies.groupby(["origin_outlet", "outlet"], sort=False, observed=True):
        rows.append({"origin_outlet": origin, "outlet": outlet, "n_articles": len(part),
                     "share": len(part) / totals.get(outlet, len(part)),
                     "agencies": _count_string(part["agencies"])})
    table = pd.DataFrame(rows, columns=["origin_outlet", "outlet", "n_articles", "share", "agencies"])
    table = table[table["n_articles"] >= min_articles]
    table = table.sort_values(["n_articles", "origin_outlet", "outlet"], ascending=[False, True, True])
    return table.reset_index(drop=True).astype({"n_articles": "int64", "share": float})


def copy_share_table(
    corpus: pd.DataFrame,
    duplicates: pd.DataFrame | None = None,
    *,
    id_column: str = "id",
    outlet_column: str = "outlet",
    text_column: str = "text",
) -> pd.DataFrame:
    """Each outlet's share of its articles that are copies, who it copies and which agencies.

    Parameters
    ----------
    corpus : DataFrame
        The articles.
    duplicates : DataFrame, optional
        :func:`find_duplicates`' result on ``corpus``; found with its defaults when not given.
    id_column, outlet_column, text_column : str
        Column names in ``corpus``.

    Returns
    -------
    DataFrame
        One row per outlet: ``outlet``, ``n_articles`` (all its articles), ``n_copies``
        (copies, excerpts and pasted passages of another article that ran first), ``share``
        (``n_copies / n_articles``), ``n_copied`` (its articles others copied: origins of a
        cluster), ``copied_from`` (the outlets it copies most, "Reuters 3, AP 1") and
        ``agencies`` (agency credits in its copies or their origins); most copies first.

    Examples
    --------
    >>> import pandas as pd
    >>> story = "MOSCOW (Reuters) - The talks on grain exports ended on Friday without a deal."
    >>> corpus = pd.DataFrame({"id": ["r1", "d1", "d2"], "outlet": ["Reuters", "Daily", "Daily"],
    ...     "date": pd.to_datetime(["2024-05-02", "2024-05-03", "2024-05-04"]),
    ...     "text": [story, story, "Snow closed the mountain roads for a second day."]})
    >>> copy_share_table(corpus)[["outlet", "n_articles", "n_copies", "share", "n_copied", "copied_from"]]
        outlet  n_articles  n_copies  share  n_copied copied_from
    0    Daily           2         1    0.5         0   Reuters 1
    1  Reuters           1         0    0.0         1
    """
    duplicates, copies = _members(corpus, duplicates, id_column, outlet_column, text_column,
                                  "copy_share_table")
    origins = duplicates.loc[duplicates["kind"] == "origin", "id"]
    outlet_of = corpus.set_index(id_column)[outlet_column]
    n_copied = outlet_of.reindex(origins).astype("string").value_counts()
    rows = []
    for outlet, n in corpus[outlet_column].astype("string").value_counts().items():
        part = copies[copies["outlet"].astype("string") == outlet]
        rows.append({"outlet": outlet, "n_articles": int(n), "n_copies": len(part),
                     "share": len(part) / n, "n_copied": int(n_copied.get(outlet, 0)),
                     "copied_from": _count_string(part["origin_outlet"].astype(str)),
                     "agencies": _count_string(part["agencies"])})
    table = pd.DataFrame(rows, columns=["outlet", "n_articles", "n_copies", "share", "n_copied",
                                        "copied_from", "agencies"])
    table = table.sort_values(["n_copies", "n_articles", "outlet"], ascending=[False, False, True])
    return table.reset_index(drop=True)


def plot_copy_flows(data: pd.DataFrame, *, duplicates: pd.DataFrame | None = None,
                    top_n: int | None = 15, ax=None, **kwargs):
    """A matrix of copying between outlets: rows the origin outlet, columns the outlet that
    ran the copy, each cell the number of copies.

    Parameters
    ----------
    data : DataFrame
        A corpus, or :func:`copy_flow_table`'s table.
    duplicates : DataFrame, optional
        With a corpus: :func:`find_duplicates`' result (found when not given).
    top_n : int or None, default 15
        Keep the outlets with the most copies given or taken; None keeps all.
    ax : matplotlib Axes, optional
        Where to draw; the current Axes by default.
    **kwargs
        Passed to ``Axes.imshow`` (e.g. ``cmap``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"origin_outlet": ["Reuters", "AP"], "outlet": ["Daily", "Daily"],
    ...                       "n_articles": [3, 1], "share": [0.3, 0.1], "agencies": ["", ""]})
    >>> ax = plot_copy_flows(table)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['AP', 'Reuters']
    """
    import matplotlib.pyplot as plt

    if {"origin_outlet", "outlet", "n_articles"} <= set(data.columns):
        table = data
    else:
        table = copy_flow_table(data, duplicates)
    if ax is None:
        ax = plt.gca()
    if table.empty:
        ax.text(0.5, 0.5, "No copies between outlets", ha="center", va="center",
                transform=ax.transAxes, parse_math=False)
        ax.set_axis_off()
        return ax
    weight = pd.concat([table.groupby("origin_outlet")["n_articles"].sum(),
                        table.groupby("outlet")["n_articles"].sum()]).groupby(level=0).sum()
    keep = weight.sort_values(ascending=False, kind="stable")
    keep = set(keep.index[:top_n] if top_n is not None else keep.index)
    part = table[table["origin_outlet"].isin(keep) & table["outlet"].isin(keep)]
    matrix = part.pivot_table(index="origin_outlet", columns="outlet", values="n_articles",
                              aggfunc="sum", fill_value=0)
    matrix = matrix.sort_index().sort_index(axis=1)
    kwargs.setdefault("cmap", "Blues")
    image = ax.imshow(matrix.to_numpy(), aspect="auto", **kwargs)
    ax.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns], rotation=45, ha="right")
    ax.set_yticks(range(matrix.shape[0]), [str(i) for i in matrix.index])
    for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
        label.set_parse_math(False)  # outlet names are shown as written ("$" included)
    high = matrix.to_numpy().max()
    for (i, j), n in np.ndenumerate(matrix.to_numpy()):
        if n:
            ax.text(j, i, str(n), ha="center", va="center", fontsize=8,
                    color="white" if n > high / 2 else "black")
    ax.set_xlabel("Outlet that ran the copy")
    ax.set_ylabel("Origin outlet (ran it first)")
    ax.set_title("Copies between outlets")
    ax.figure.colorbar(image, ax=ax, label="copies")
    return ax
