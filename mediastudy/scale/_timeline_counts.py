"""Timeline tables built from counts summed across chunks (see :mod:`mediastudy.scale.chunked`)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..checks import require_columns
from ..deprecation import renamed_parameters
from ..errors import InvalidParameterError

__all__ = ["timeline_counts", "timeline_tables"]


_COUNT_KEYS = ("outlet", "date", "topic", "topic_label")


@renamed_parameters(chunk="corpus", date="date_column", outlet="outlet_column",
                    topic="topic_column", id="id_column")
def timeline_counts(corpus: pd.DataFrame, stance: pd.DataFrame | None = None, *,
                    date_column: str = "date", outlet_column: str = "outlet",
                    topic_column: str = "topic", topic_label_column: str = "topic_label",
                    id_column: str = "id") -> dict[str, pd.DataFrame]:
    """Counts of one chunk of a corpus that the timeline tables are built from.

    Returns ``{"articles": ..., "stance": ...}``: articles per outlet, day (and topic when
    the chunk has one), and article-level stance rows per outlet, day, target, number of
    mentions and score (rows of articles that do not mention a target are counted per
    target only: they do not enter the stance timeline). Counts of many chunks are added
    up with :func:`timeline_tables`. Their size grows with the number of distinct days and
    outlets, not articles.

    Parameters
    ----------
    corpus : DataFrame
        One chunk of a corpus (e.g. from :func:`iter_article_chunks`).
    stance : DataFrame, optional
        Article-level stance scores of these articles (``StanceResult.articles``).
    date_column, outlet_column, topic_column, topic_label_column, id_column : str
        Column names (default "date", "outlet", "topic", "topic_label", "id"); the topic
        columns are used when present.
    """
    chunk, date, outlet, topic, id = corpus, date_column, outlet_column, topic_column, id_column
    require_columns(chunk, [date, outlet], func="timeline_counts", param="corpus")
    day = chunk[date].dt.floor("D")
    cols = {"outlet": chunk[outlet].astype(str), "date": day}
    if topic in chunk.columns:
        cols["topic"] = chunk[topic]
        label = topic_label_column
        if label in chunk.columns:
            cols["topic_label"] = chunk[label].astype(str)
    keys = pd.DataFrame(cols)
    out = {"articles": keys.groupby(list(keys.columns), dropna=False, sort=False).size()
           .rename("n").reset_index()}
    if stance is not None:
        require_columns(stance, [id, "target", "n_mentions", "score"], func="timeline_counts",
                        param="stance")
        meta = pd.DataFrame({"_id": chunk[id].astype(str), "outlet": cols["outlet"], "date": day})
        rows = stance[[id, "target", "n_mentions", "score"]].rename(columns={id: "_id"})
        rows = rows.merge(meta, on="_id", how="inner").drop(columns="_id")
        # Only scored rows (a mention and a score) enter the stance timeline; the others
        # are kept as one row per target without outlet or date, so the table still
        # knows every target. Otherwise nearly every article would add a row of its own.
        scored = (rows["n_mentions"] > 0).to_numpy() & rows["score"].notna().to_numpy()
        if not scored.all():
            rest = rows.loc[~scored]
            rest = rest.assign(outlet=pd.Series(np.nan, index=rest.index, dtype=rest["outlet"].dtype),
                               date=pd.NaT, n_mentions=0, score=np.nan)
            rows = pd.concat([rows.loc[scored], rest], ignore_index=True)
        out["stance"] = (rows.groupby(["outlet", "date", "target", "n_mentions", "score"],
                                      dropna=False, sort=False).size().rename("n").reset_index())
    return out


def _add_counts(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if p is not None]
    if not parts:
        return pd.DataFrame(columns=["n"])
    table = pd.concat(parts, ignore_index=True)
    keys = [c for c in table.columns if c != "n"]
    return table.groupby(keys, dropna=False, sort=True).agg(n=("n", "sum")).reset_index()


def _expand(counts: pd.DataFrame) -> pd.DataFrame:
    """One row per counted article (only the key columns), for the public table functions."""
    rows = np.repeat(np.arange(len(counts)), counts["n"].to_numpy())
    out = counts.drop(columns="n").iloc[rows].reset_index(drop=True)
    return out


def timeline_tables(counts: Iterable[dict], *, freq: str = "W", n_boot: int = 1000,
                    random_state: int | None = 0, min_articles: int = 5,
                    tables: Iterable[str] = ("volume", "topic_share", "stance"),
                    ) -> dict[str, pd.DataFrame]:
    """Timeline tables from the counts of every chunk (see :func:`timeline_counts`).

    The counts are added up, then passed to :func:`mediastudy.volume_table`,
    :func:`mediastudy.topic_share_table` (when the chunks had a topic) and
    :func:`mediastudy.stance_timeline_table` (when stance was counted), so the tables are
    those of the whole corpus.

    Parameters
    ----------
    counts : iterable of dict
        What :func:`timeline_counts` returned for each chunk.
    freq, n_boot, random_state, min_articles
        Options of the table functions.
    tables : iterable of str, default ("volume", "topic_share", "stance")
        Which tables to build.

    Returns
    -------
    dict
        ``"volume"``, and ``"topic_share"`` and ``"stance"`` when asked and counted.

    Examples
    --------
    >>> from mediastudy import demo_path, iter_article_chunks, load_articles, volume_table
    >>> counts = [timeline_counts(c) for c in iter_article_chunks(demo_path(), chunk_size=30)]
    >>> tables = timeline_tables(counts, freq="M")
    >>> tables["volume"].equals(volume_table(load_articles(demo_path()), freq="M"))
    True
    """
    from ..timeline.stance_timeline import stance_timeline_table
    from ..timeline.topic_share import topic_share_table
    from ..timeline.volume import volume_table

    counts = list(counts)
    wanted = set(tables)
    unknown = wanted - {"volume", "topic_share", "stance"}
    if unknown:
        raise InvalidParameterError(
            "The 'tables' parameter of timeline_tables takes 'volume', 'topic_share' and "
            f"'stance'. Got {sorted(unknown)}.", param="tables"
        )
    out: dict[str, pd.DataFrame] = {}
    if wanted & {"volume", "topic_share"}:
        slim = _expand(_add_counts([c.get("articles") for c in counts]))
        if "date" in slim.columns:
            slim["date"] = slim["date"].astype("datetime64[ns]")
        if "volume" in wanted and "date" in slim.columns:
            out["volume"] = volume_table(slim, freq=freq)
        if "topic_share" in wanted and "topic" in slim.columns:
            out["topic_share"] = topic_share_table(slim, freq=freq, n_boot=n_boot,
                                                   random_state=random_state)
        del slim
    if "stance" in wanted and any("stance" in c for c in counts):
        st = _expand(_add_counts([c.get("stance") for c in counts]))
        st["date"] = st["date"].astype("datetime64[ns]")
        st.insert(0, "id", pd.array(np.arange(len(st)).astype(str), dtype="str"))
        out["stance"] = stance_timeline_table(st, freq=freq, min_articles=min_articles)
    return out
