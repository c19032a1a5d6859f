"""Stance scores summed up by group and period (:func:`aggregate_stance`)."""

from __future__ import annotations

import pandas as pd

from ..checks import check_int, require_columns
from ..deprecation import renamed_parameters
from ..errors import InvalidParameterError
from ..periods import check_freq, period_start
from .score import ARTICLE_COLUMNS, StanceResult, cue_counts

__all__ = ["aggregate_stance", "check_scores_first"]


def check_scores_first(stance: object, corpus: object, func: str) -> None:
    """Raise a TypeError naming the order when the corpus came first and the scores second.

    The stance tables take what they summarise (the scores) first and the corpus (for
    outlet and date) second; a swapped call would otherwise fail on missing columns.
    """

    def scores_like(x: object) -> bool:
        return isinstance(x, StanceResult) or (
            isinstance(x, pd.DataFrame) and {"target", "score", "n_mentions"} <= set(x.columns)
        )

    if scores_like(corpus) and not scores_like(stance):
        raise InvalidParameterError(
            f"{func} takes the scores first and the corpus second: {func}(stance, corpus), "
            "where stance = score_stance(corpus, lexicon). Got the scores as the 'corpus' "
            f"argument (and {type(stance).__name__} as 'stance')."
        )


@renamed_parameters(date="date_column", id="id_column")
def aggregate_stance(
    stance: StanceResult | pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    by: str | list[str] | None = "outlet",
    freq: str | None = None,
    date_column: str = "date",
    id_column: str = "id",
    voice: str | None = None,
    min_cues: int = 0,
) -> pd.DataFrame:
    """Stance by group (outlet, period, ...) and target, from article scores.

    Parameters
    ----------
    stance : StanceResult or DataFrame
        The output of :func:`score_stance`, or its ``articles`` table (joined to the
        corpus on its ``id`` column).
    corpus : DataFrame
        The corpus that was scored, holding ``id`` and the ``by`` columns.
    by : str, list of str or None, default "outlet"
        Corpus columns to group by; None (or ``[]``) for one row per target (and period),
        as ``by=None`` in :func:`mediastudy.topic_sizes`.
    freq : {"D", "W", "M", "Q", "Y"} or None, default None
        Also group by calendar period of the date column: day, Monday-to-Sunday
        week, month, quarter or year, as in :func:`mediastudy.stance_timeline_table`.
        None (the default here): no periods, one row per group over the whole corpus.
    date_column, id_column : str, default "date", "id"
        Column names in ``corpus`` (``id_column`` is joined to the scores' ``id`` column,
        as :func:`score_stance` names it, or to their column of that name if they have
        one).
    voice : str or None, default None
        Whose words count: None for every voice (the scores as given), ``"outlet"`` for the
        outlet's own, ``"quoted"`` for the people it quotes, or one speaker's name; needs the
        StanceResult (see :mod:`mediastudy.stance.voice`).
    min_cues : int, default 0
        Fewest cues a group's scores must rest on: below it ``mean_score`` and
        ``pooled_score`` are NaN (a pooled score of +1 from one cue is not a finding). Needs
        the StanceResult (the cues are counted in its mentions).

    Returns
    -------
    DataFrame
        One row per group and target: the ``by`` columns, ``period`` (with ``freq``: the
        first day of the period as a Timestamp, like the ``period`` column of
        :func:`mediastudy.volume_table` and the other timeline tables; ``NaT`` for
        articles without a date), ``target``, ``n_articles``, ``n_mentioning`` (articles
        that name the target), ``n_mentions``, ``n_cues`` (cues counted; NA when only an
        articles table was given), ``pro``, ``anti``, ``mean_score`` (mean of
        the article scores of mentioning articles, each article one vote) and
        ``pooled_score`` (``(pro - anti) / (pro + anti)`` over the group, NaN without
        cues).

    Examples
    --------
    >>> corpus = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...                        "date": pd.to_datetime(["2022-03-01", "2022-04-15", "2022-03-09"]),
    ...                        "text": ["NATO is reckless.", "NATO is defensive.", "Hi."]})
    >>> lexicon = {"targets": {"NATO": ["NATO"]},
    ...            "cues": {"pro": ["defensive"], "anti": ["reckless"]}}
    >>> from mediastudy import score_stance
    >>> stance = score_stance(corpus, lexicon)
    >>> table = aggregate_stance(stance, corpus)
    >>> table[["outlet", "target", "n_articles", "n_mentioning", "mean_score", "pooled_score"]]
      outlet target  n_articles  n_mentioning  mean_score  pooled_score
    0      X   NATO           2             2         0.0           0.0
    1      Y   NATO           1             0         NaN           NaN
    >>> monthly = aggregate_stance(stance, corpus, freq="M")
    >>> monthly[["outlet", "period", "target", "n_mentioning", "mean_score"]]
      outlet     period target  n_mentioning  mean_score
    0      X 2022-03-01   NATO             1        -0.5
    1      X 2022-04-01   NATO             1         0.5
    2      Y 2022-03-01   NATO             0         NaN
    """
    func = "aggregate_stance"
    date, id = date_column, id_column
    check_scores_first(stance, corpus, func)
    check_int(min_cues, func=func, param="min_cues", low=0)
    if voice is not None:
        from .voice import stance_by_voice

        stance = stance_by_voice(stance, voice)
    articles = stance.articles if isinstance(stance, StanceResult) else stance
    # score_stance names its id column "id" whatever the corpus calls it; a scores frame
    # of one's own may use the corpus' name (as in stance_timeline_table).
    sid = id if isinstance(articles, pd.DataFrame) and id in articles.columns else "id"
    require_columns(articles, [sid, *ARTICLE_COLUMNS[1:7]], func=func, param="stance")
    keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    if freq is not None:
        freq = check_freq(freq, func=func)
    need = [id, *keys] + ([date] if freq is not None else [])
    require_columns(corpus, need, func=func, param="corpus")
    meta = corpus[need].drop_duplicates(subset=[id])
    if isinstance(stance, StanceResult):
        articles = articles.drop(columns=["n_cues"], errors="ignore").merge(
            cue_counts(stance.mentions), left_on=[sid, "target"], right_on=["id", "target"],
            how="left", suffixes=("", "_m"),
        ).drop(columns=["id_m"], errors="ignore")  # fmt: skip
        articles["n_cues"] = articles["n_cues"].fillna(0).astype("int64")
    elif "n_cues" not in articles.columns:
        if min_cues > 0:
            raise InvalidParameterError(
                f"{func}: min_cues={min_cues} counts the cues in the mentions; pass the "
                "StanceResult of score_stance, not its articles table.",
                param="min_cues", value=min_cues,
            )  # fmt: skip
        articles = articles.assign(n_cues=pd.NA)
    joined = articles.merge(meta, left_on=sid, right_on=id, how="left", suffixes=("", "_c"))
    groups = list(keys)
    if freq is not None:
        # The first day of each calendar period, as every timeline table gives it.
        joined = joined.assign(period=period_start(joined[date], freq))
        groups.append("period")
    groups.append("target")
    joined = joined.assign(mentioning=joined["n_mentions"] > 0)
    out = joined.groupby(groups, sort=True, observed=True, dropna=False).agg(
        n_articles=(sid, "size"),
        n_mentioning=("mentioning", "sum"),
        n_mentions=("n_mentions", "sum"),
        n_cues=("n_cues", lambda v: v.sum(min_count=1)),
        pro=("pro", "sum"),
        anti=("anti", "sum"),
        mean_score=("score", "mean"),
    )
    total = out["pro"] + out["anti"]
    out["pooled_score"] = ((out["pro"] - out["anti"]) / total).where(total > 0)
    if min_cues > 0:
        too_few = (out["n_cues"] < min_cues).to_numpy(dtype=bool)
        out.loc[too_few, ["mean_score", "pooled_score"]] = float("nan")
    return out.reset_index()
