"""Who makes each topic: outlet make-up, outlet-dominated and unstable topics.

A topic that one outlet writes almost alone may be that outlet's wording
(spelling, boilerplate, a regular column) rather than a subject every outlet
covers; a topic the k-means seeds rarely find again is not a finding. Both are
flagged here, so topic share by outlet is read with care.

The rule for an outlet-dominated topic (:data:`DOMINANCE_SHARE`,
:data:`DOMINANCE_ODDS`): one outlet wrote at least half of the topic's articles,
and the odds that an article of the topic comes from that outlet are at least
4 times the odds for the corpus as a whole. With 8 outlets of equal size (12.5%
of the corpus each) that is any outlet writing half the topic; for an outlet
that wrote 40% of the corpus it takes 73% of the topic; an outlet that wrote
most of the corpus (80%) needs more than 94%. A topic with fewer than ``min_articles``
articles is not judged. In a one-outlet corpus nothing is flagged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..checks import check_int, require_columns
from ..errors import InvalidParameterError

__all__ = ["DOMINANCE_SHARE", "DOMINANCE_ODDS", "MIN_TOPIC_STABILITY", "is_dominant",
           "topic_outlets_table", "topic_flags_table"]

DOMINANCE_SHARE = 0.5
DOMINANCE_ODDS = 4.0
MIN_TOPIC_STABILITY = 0.5  # the default of min_topic_stability


def _odds(p: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.where(p >= 1, np.inf, p / np.maximum(1 - p, 1e-300))


def is_dominant(share: np.ndarray, corpus_share: np.ndarray) -> np.ndarray:
    """The dominance rule of the module docstring, elementwise."""
    share, corpus_share = np.asarray(share, dtype=float), np.asarray(corpus_share, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = _odds(share) / _odds(corpus_share)
    return (share >= DOMINANCE_SHARE) & (corpus_share < 1) & (ratio >= DOMINANCE_ODDS)


def _check(corpus, model, func: str, outlet_column: str, min_articles, min_topic_stability):
    from .describe import _check_corpus_model

    model = _check_corpus_model(corpus, model, func)
    require_columns(corpus, [outlet_column], func=func, param="corpus")
    check_int(min_articles, func=func, param="min_articles")
    if isinstance(min_topic_stability, bool) or not isinstance(min_topic_stability, int | float) \
            or not 0 <= min_topic_stability <= 1:
        raise InvalidParameterError(
            f"The 'min_topic_stability' parameter of {func} must be a number in [0, 1]. "
            f"Got {min_topic_stability!r} instead.",
            param="min_topic_stability", value=min_topic_stability,
        )
    return model


def _topics_of(corpus: pd.DataFrame, model) -> np.ndarray:
    if len(corpus) == 0:
        return np.zeros(0, dtype=np.int64)
    return model.predict(corpus)


def topic_outlets_table(
    corpus: pd.DataFrame,
    model,
    *,
    outlet_column: str = "outlet",
    min_articles: int = 10,
    min_topic_stability: float = MIN_TOPIC_STABILITY,
) -> pd.DataFrame:
    """Each outlet's share of each topic against its share of the corpus.

    Parameters
    ----------
    corpus : DataFrame
        Articles (with the model's text column and ``outlet_column``); they are
        placed in the model's topics.
    model : TopicModel
        A fitted model.
    outlet_column : str, default="outlet"
        Column naming the outlet.
    min_articles : int, default=10
        Fewest articles a topic needs before it can be flagged as dominated.
    min_topic_stability : float, default=0.5
        A topic whose stability (how reliably the seeds find it again, from
        :attr:`TopicModel.topic_stability_`) is below this is flagged
        ``low_stability``.

    Returns
    -------
    DataFrame
        One row per topic and outlet that has articles in it: ``topic,
        topic_label, outlet, n_articles, share`` (of the topic's articles),
        ``corpus_share`` (the outlet's share of the corpus), ``dominant`` (this
        outlet dominates the topic, by the rule of
        :mod:`mediastudy.topics.outlet_makeup`), ``stability`` and
        ``low_stability`` (of the topic).

    Examples
    --------
    >>> import pandas as pd
    >>> from mediastudy import TopicModel, topic_outlets_table
    >>> corpus = pd.DataFrame({"outlet": ["A", "A", "A", "B", "B", "B"],
    ...     "text": ["goal match striker", "match goal team", "cup goal match",
    ...              "bank rates inflation", "rates bank markets", "goal match cup"]})
    >>> model = TopicModel(2, min_df=1, max_df=1.0, random_state=0).fit(corpus)
    >>> table = topic_outlets_table(corpus, model, min_articles=1)
    >>> table[["topic", "outlet", "n_articles", "share", "dominant"]].values.tolist()
    [[0, 'A', 3, 0.75, False], [0, 'B', 1, 0.25, False], [1, 'B', 2, 1.0, True]]
    """
    func = "topic_outlets_table"
    model = _check(corpus, model, func, outlet_column, min_articles, min_topic_stability)
    topics = _topics_of(corpus, model)
    outlets = corpus[outlet_column].astype("string").fillna("(missing)").to_numpy(dtype=object)
    frame = pd.DataFrame({"topic": topics, "outlet": outlets})
    counts = frame.groupby(["topic", "outlet"]).size().rename("n_articles").reset_index()
    topic_n = counts.groupby("topic")["n_articles"].transform("sum")
    counts["share"] = counts["n_articles"] / topic_n
    corpus_share = frame["outlet"].value_counts(normalize=True)
    counts["corpus_share"] = counts["outlet"].map(corpus_share).astype(float)
    counts["dominant"] = is_dominant(counts["share"], counts["corpus_share"]) & (topic_n >= min_articles)
    stability = np.asarray(model.topic_stability_, dtype=float)
    counts["stability"] = stability[counts["topic"].to_numpy()]
    counts["low_stability"] = counts["stability"] < min_topic_stability
    labels = np.asarray(model.topic_labels_, dtype=object)
    counts.insert(1, "topic_label", pd.array(labels[counts["topic"].to_numpy()], dtype="string"))
    counts["outlet"] = counts["outlet"].astype("string")
    return counts.sort_values(["topic", "n_articles", "outlet"], ascending=[True, False, True],
                              kind="stable").reset_index(drop=True)


def topic_flags_table(
    corpus: pd.DataFrame,
    model,
    *,
    outlet_column: str = "outlet",
    min_articles: int = 10,
    min_topic_stability: float = MIN_TOPIC_STABILITY,
) -> pd.DataFrame:
    """One row per topic: its largest outlet, whether one outlet dominates it, its stability.

    Parameters
    ----------
    corpus, model, outlet_column, min_articles, min_topic_stability
        As for :func:`topic_outlets_table`.

    Returns
    -------
    DataFrame
        ``topic, topic_label, n_articles, outlet`` (the outlet with the most
        articles in the topic), ``share``, ``corpus_share`` (that outlet's share
        of the topic and of the corpus), ``dominant``, ``stability``,
        ``low_stability`` and ``note``: a sentence for a reader, empty when
        nothing is flagged.

    Examples
    --------
    >>> import pandas as pd
    >>> from mediastudy import TopicModel, topic_flags_table
    >>> corpus = pd.DataFrame({"outlet": ["A", "A", "A", "B", "B", "B"],
    ...     "text": ["goal match striker", "match goal team", "cup goal match",
    ...              "bank rates inflation", "rates bank markets", "goal match cup"]})
    >>> model = TopicModel(2, min_df=1, max_df=1.0, random_state=0).fit(corpus)
    >>> note = topic_flags_table(corpus, model, min_articles=1)["note"].iloc[1]
    >>> note.startswith('Topic 1 "bank / rates / inflation": 100% of its 2 articles come from B')
    True
    """
    table = topic_outlets_table(corpus, model, outlet_column=outlet_column, min_articles=min_articles,
                                min_topic_stability=min_topic_stability)
    rows = []
    n_topics = len(model.topic_labels_)
    for t in range(n_topics):
        part = table[table["topic"] == t]
        label = str(model.topic_labels_[t])
        stability = float(np.asarray(model.topic_stability_, dtype=float)[t])
        low = bool(stability < min_topic_stability)
        if len(part) == 0:
            rows.append((t, label, 0, None, np.nan, np.nan, False, stability, low,
                         _note(t, label, 0, None, 0, 0, False, stability, low)))
            continue
        top = part.iloc[0]
        n = int(part["n_articles"].sum())
        dominant = bool(part["dominant"].any())
        rows.append((t, label, n, str(top["outlet"]), float(top["share"]), float(top["corpus_share"]),
                     dominant, stability, low,
                     _note(t, label, n, str(top["outlet"]), float(top["share"]),
                           float(top["corpus_share"]), dominant, stability, low)))
    out = pd.DataFrame(rows, columns=["topic", "topic_label", "n_articles", "outlet", "share",
                                      "corpus_share", "dominant", "stability", "low_stability", "note"])
    for col in ("topic_label", "outlet", "note"):
        out[col] = out[col].astype("string")
    return out


def _note(t, label, n, outlet, share, corpus_share, dominant, stability, low) -> str:
    parts = []
    if dominant:
        parts.append(
            f"{share:.0%} of its {n} articles come from {outlet}, which wrote {corpus_share:.0%} of "
            f"the corpus; it may reflect how {outlet} writes rather than a subject all outlets cover"
        )
    if low and not np.isnan(stability):
        parts.append(
            f"the seeded runs find it again only {stability:.0%} of the time (by overlap), so its "
            "articles could be grouped differently by another run"
        )
    if not parts:
        return ""
    return f'Topic {t} "{label}": ' + "; ".join(parts) + "."
