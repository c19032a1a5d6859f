"""What describes a fitted topic model's topics: their terms, sizes and representative
articles, and each article's topic (:func:`assign_topics`)."""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral

import numpy as np
import pandas as pd

from ..checks import require_columns
from ..deprecation import renamed_parameters
from ..errors import InvalidParameterError
from ..glossary import shared_docs
from ..periods import check_freq, period_start
from .model import TopicModel, _term_table

__all__ = ["topic_terms", "assign_topics", "topic_sizes", "representative_articles"]


def _check_model(model: object, func: str) -> TopicModel:
    if not isinstance(model, TopicModel):
        raise InvalidParameterError(
            f"The 'model' parameter of {func} must be a TopicModel. Got {type(model).__name__} instead.",
            param="model"
        )
    model._check_fitted(func)
    return model


def _check_corpus_model(corpus: object, model: object, func: str) -> TopicModel:
    """The fitted model, after making sure the corpus did not come second.

    Every function of a corpus and a model takes the corpus first,
    ``func(corpus, model)``; the other order gets a TypeError that says so
    instead of a confusing message about the 'model' parameter.
    """
    if isinstance(corpus, TopicModel):
        raise InvalidParameterError(
            f"{func} takes the corpus first and the model second: {func}(corpus, model). "
            f"Got a TopicModel as the 'corpus' argument (and {type(model).__name__} as 'model')."
        )
    return _check_model(model, func)


@renamed_parameters(n="n_terms")
def topic_terms(model: TopicModel, *, n_terms: int = 10) -> pd.DataFrame:
    """Most distinctive terms of each topic, one row per (topic, term).

    A term's weight is its mean TF-IDF in the topic minus its mean in the rest
    of the corpus, so words frequent everywhere score low.

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    n_terms : int, default=10
        Terms per topic (fewer if a topic has fewer with a positive weight), as
        in :meth:`TopicModel.topic_info` and :func:`mediastudy.find_peaks_table`.

    Returns
    -------
    DataFrame
        Columns ``topic, topic_label, rank, term, weight`` (rank 1 = most
        distinctive).

    Examples
    --------
    >>> from mediastudy import TopicModel, topic_terms
    >>> texts = ["goal match striker", "match goal team", "cup goal match",
    ...          "bank rates inflation", "rates bank markets"]
    >>> model = TopicModel(2, min_df=1, max_df=1.0, random_state=0).fit(texts)
    >>> topic_terms(model, n_terms=2)[["topic", "rank", "term"]].values.tolist()
    [[0, 1, 'goal'], [0, 2, 'match'], [1, 1, 'bank'], [1, 2, 'rates']]
    """
    model = _check_model(model, "topic_terms")
    return _term_table(model, n_terms, "topic_terms")


@renamed_parameters(column="topic_column")
def assign_topics(corpus: pd.DataFrame, model: TopicModel, *, topic_column: str = "topic",
                  topic_label_column: str = "topic_label") -> pd.DataFrame:
    """A copy of the corpus with each article's topic id and label.

    Parameters
    ----------
    corpus : DataFrame
        Articles with the model's text column (default ``text``).
    model : TopicModel
        A fitted model; new articles are placed in its topics.
    topic_column : str, default="topic"
        Name of the topic id column to write.
    topic_label_column : str, default="topic_label"
        Name of the topic label column to write (the name
        :func:`mediastudy.topic_share_table` reads). An existing column of either
        name is replaced (with a warning).

    Returns
    -------
    DataFrame
        The corpus (same index and rows, input unchanged) plus ``topic`` (int)
        and ``topic_label`` (str), or the columns named by ``topic_column`` and
        ``topic_label_column``.

    Examples
    --------
    >>> import pandas as pd
    >>> from mediastudy import TopicModel, assign_topics
    >>> corpus = pd.DataFrame({"text": ["goal match striker", "match goal team",
    ...     "cup goal match", "bank rates inflation", "rates bank markets"]})
    >>> model = TopicModel(2, min_df=1, max_df=1.0, random_state=0).fit(corpus)
    >>> assigned = assign_topics(corpus, model)
    >>> assigned["topic"].tolist()
    [0, 0, 0, 1, 1]
    >>> assigned["topic_label"].iloc[-1]
    'bank / rates / inflation'
    >>> list(corpus.columns)  # the input is unchanged
    ['text']
    """
    model = _check_corpus_model(corpus, model, "assign_topics")
    require_columns(corpus, [model.text_column], func="assign_topics", param="corpus")
    column, label_col = topic_column, topic_label_column
    clash = [c for c in (column, label_col) if c in corpus.columns]
    if clash:
        import warnings

        warnings.warn(
            f"assign_topics replaces the existing column(s) {clash} of the corpus in the "
            "returned frame; pass topic_column='...' / topic_label_column='...' to keep them.",
            UserWarning,
            stacklevel=2,
        )
    scores = model.transform(corpus) if len(corpus) else np.zeros((0, model.n_topics))
    topics = np.argmax(scores, axis=1)
    blank = int(np.sum(~scores.any(axis=1)))
    if blank:
        import warnings

        warnings.warn(
            f"assign_topics: {blank} of {len(corpus)} articles contain no word of the model's "
            "vocabulary (empty or very short texts?) and were put in topic 0. Filter them out "
            f"(e.g. corpus[corpus['{model.text_column}'].str.len() > 0]) if that matters.",
            UserWarning,
            stacklevel=2,
        )
    labels = np.asarray(model.topic_labels_, dtype=object)[topics]
    return corpus.assign(**{column: topics.astype(np.int64), label_col: pd.array(labels, dtype="string")})


def _check_groups(corpus: object, by: str | None, freq: str | None, date: str, func: str) -> str | None:
    """Check ``by``/``freq``/``date`` before any work; return ``freq`` (one of D/W/M/Q/Y) or None."""
    if freq is not None:
        # The calendar periods of every timeline table; pandas aliases such as
        # '2W' would silently become something else.
        freq = check_freq(freq, func=func)
    need = [c for c in (by, date if freq is not None else None) if c is not None]
    require_columns(corpus, need, func=func, param="corpus")
    return freq


def _group_keys(frame: pd.DataFrame, by: str | None, freq: str | None, date: str) -> list[str]:
    """Add the period column (first day of the calendar period) and return the grouping columns."""
    keys = [] if by is None else [by]
    if freq is not None:
        # Unreadable dates become NaT and their rows are left out of the groups.
        dates = pd.to_datetime(frame[date], errors="coerce")
        frame["period"] = period_start(dates, freq).to_numpy()
        keys.append("period")
    return keys


@renamed_parameters(date="date_column")
@shared_docs
def topic_sizes(
    corpus: pd.DataFrame,
    model: TopicModel,
    *,
    by: str | None = None,
    freq: str | None = None,
    date_column: str = "date",
) -> pd.DataFrame:
    """Articles per topic, optionally per outlet (``by``) and/or per period (``freq``).

    Parameters
    ----------
    corpus : DataFrame
        Articles to place in the model's topics.
    model : TopicModel
        A fitted model.
    by : str or None, default=None
        A column to split by, e.g. ``"outlet"``.
    freq : {"D", "W", "M", "Q", "Y"} or None, default=None
        Split by calendar period of the date column (day, Monday-to-Sunday
        week, month, quarter, year), as in :func:`mediastudy.volume_table`. None (the
        default here): no periods, the sizes over the whole corpus.
    .. glossary:: date_column

    Returns
    -------
    DataFrame
        Columns ``topic, topic_label, [by], [period], n_articles, share``; the
        share is within each group (``by``/``period``), or of the whole corpus.
        ``period`` is the first day of the calendar period (a Timestamp).

    Examples
    --------
    >>> import pandas as pd
    >>> from mediastudy import TopicModel, topic_sizes
    >>> corpus = pd.DataFrame({"outlet": ["A", "A", "B", "B", "B"],
    ...     "text": ["goal match striker", "match goal team", "bank rates inflation",
    ...              "rates bank markets", "goal match cup"]})
    >>> model = TopicModel(2, min_df=1, max_df=1.0, random_state=0).fit(corpus)
    >>> topic_sizes(corpus, model, by="outlet")[["topic", "outlet", "n_articles"]].values.tolist()
    [[0, 'A', 2], [0, 'B', 1], [1, 'B', 2]]
    """
    func = "topic_sizes"
    model = _check_corpus_model(corpus, model, func)
    date = date_column
    freq = _check_groups(corpus, by, freq, date, func)
    assigned = assign_topics(corpus, model, topic_column="__topic",
                             topic_label_column="__topic_label")
    frame = pd.DataFrame({"topic": assigned["__topic"].to_numpy()}, index=corpus.index)
    for col in {by, date if freq else None} - {None}:
        frame[col] = corpus[col]
    keys = _group_keys(frame, by, freq, date)
    counts = frame.groupby(["topic", *keys], observed=True).size().rename("n_articles")
    out = counts.reset_index()
    if keys:
        out["share"] = out["n_articles"] / out.groupby(keys)["n_articles"].transform("sum")
    else:
        out["share"] = out["n_articles"] / max(1, len(frame))
    out.insert(1, "topic_label", np.asarray(model.topic_labels_, dtype=object)[out["topic"]])
    out["topic_label"] = out["topic_label"].astype("string")
    return out


@renamed_parameters(date="date_column")
@shared_docs
def representative_articles(
    corpus: pd.DataFrame,
    model: TopicModel,
    *,
    n: int = 5,
    by: str | None = None,
    freq: str | None = None,
    date_column: str = "date",
    columns: Sequence[str] = ("id", "title", "outlet", "date", "url"),
) -> pd.DataFrame:
    """The ``n`` articles closest to each topic's centre, with their metadata.

    Parameters
    ----------
    corpus : DataFrame
        Articles; they are placed in the model's topics first.
    model : TopicModel
        A fitted model.
    n : int, default=5
        Articles per topic (per group with ``by``/``freq``).
    by : str or None, default=None
        Pick ``n`` per topic *and* value of this column, e.g. ``"outlet"``.
    freq : {"D", "W", "M", "Q", "Y"} or None, default=None
        Pick ``n`` per topic *and* calendar period of the date column; None (the
        default here): no periods.
    .. glossary:: date_column
    columns : sequence of str
        Metadata columns to include when the corpus has them.

    Returns
    -------
    DataFrame
        Columns ``topic, topic_label, [by], [period], rank, similarity`` and the
        available ``columns``; ``rank`` 1 is the most typical article.
        ``period`` is the first day of the calendar period (a Timestamp).

    Examples
    --------
    >>> import pandas as pd
    >>> from mediastudy import TopicModel, representative_articles
    >>> corpus = pd.DataFrame(
    ...     {"title": ["Cup final", "Derby", "Cup replay", "Rates up", "Rates hold"],
    ...      "text": ["goal match striker", "match goal team", "cup goal match",
    ...               "bank rates inflation", "rates bank markets"]})
    >>> model = TopicModel(2, min_df=1, max_df=1.0, random_state=0).fit(corpus)
    >>> representative_articles(corpus, model, n=1)[["topic", "rank", "title"]].values.tolist()
    [[0, 1, 'Cup final'], [1, 1, 'Rates up']]
    """
    func = "representative_articles"
    model = _check_corpus_model(corpus, model, func)
    if not isinstance(n, Integral) or n < 1:
        raise InvalidParameterError(
            f"The 'n' parameter of representative_articles must be an int >= 1. Got {n!r}.",
            param="n",
        )
    require_columns(corpus, [model.text_column], func=func, param="corpus")
    date = date_column
    freq = _check_groups(corpus, by, freq, date, func)
    scores = model.transform(corpus) if len(corpus) else np.zeros((0, model.n_topics))
    topics = np.argmax(scores, axis=1) if len(corpus) else np.zeros(0, dtype=np.int64)
    keep = [c for c in columns if c in corpus.columns]
    wanted = [*keep, *([by] if by else []), *([date] if freq else [])]
    frame = corpus[list(dict.fromkeys(wanted))]
    frame = frame.reset_index(drop=True).assign(
        topic=topics, similarity=scores[np.arange(len(topics)), topics]
    )
    keys = _group_keys(frame, by, freq, date)
    frame = frame.sort_values(
        ["topic", *keys, "similarity"], ascending=[True] * (1 + len(keys)) + [False], kind="stable"
    )
    frame["rank"] = frame.groupby(["topic", *keys], observed=True).cumcount() + 1
    frame = frame[frame["rank"] <= n]
    frame["topic_label"] = pd.array(
        np.asarray(model.topic_labels_, dtype=object)[frame["topic"].to_numpy()], dtype="string"
    )
    lead = ["topic", "topic_label", *keys, "rank", "similarity"]
    return frame[lead + [c for c in keep if c not in lead]].reset_index(drop=True)
