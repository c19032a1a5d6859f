"""A 2-D map of articles coloured by topic, and the table behind it.

The map's two axes are fixed when the model is fitted: they are the two
directions of the LSA space along which the topic centroids differ most (a
PCA of the centroids), so topics appear as separate clouds and the same model
always draws the same map, for the training articles or for new ones.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import SchemaError
from ._input import _text_chunks
from .describe import _check_corpus_model
from .model import TopicModel
from .outlet_adjust import unit_rows

__all__ = ["topic_map_table", "plot_topic_map"]

_META = ("id", "title", "outlet", "date")


def _check_order(corpus: object, model: object, func: str) -> TopicModel:
    """The fitted model, after making sure the arguments did not come model first."""
    # The map functions took the model first before 0.1.0; like every other corpus
    # function they take the corpus first, and the old order gets the same TypeError.
    model = _check_corpus_model(corpus, model, func)
    if isinstance(corpus, pd.DataFrame) and model.text_column not in corpus.columns:
        have = ", ".join(map(str, corpus.columns[:12]))
        raise SchemaError(
            f"{func} needs the column '{model.text_column}' in 'corpus' (the text column the model "
            f"was fitted on, TopicModel(text_column={model.text_column!r})); 'corpus' has: {have}. Rename "
            f"the column to '{model.text_column}'."
        )
    # Type errors name this function's parameter, not the model method doing the work.
    _text_chunks(corpus, text=model.text_column, title=model.title_column, func=func, param="corpus")
    return model


def topic_map_table(corpus: object, model: TopicModel) -> pd.DataFrame:
    """Map coordinates and topic of each article.

    Parameters
    ----------
    corpus : DataFrame or list of str
        Articles, as for :meth:`TopicModel.fit`.
    model : TopicModel
        A fitted model.

    Returns
    -------
    DataFrame
        One row per article, in input order: ``x, y, topic, topic_label`` and,
        for a corpus DataFrame, its ``id, title, outlet, date`` where present.

    Examples
    --------
    >>> from mediastudy import TopicModel, topic_map_table
    >>> texts = ["goal match striker", "match goal team", "cup goal match",
    ...          "bank rates inflation", "rates bank markets"]
    >>> model = TopicModel(2, min_df=1, max_df=1.0, random_state=0).fit(texts)
    >>> table = topic_map_table(texts, model)
    >>> list(table.columns)
    ['x', 'y', 'topic', 'topic_label']
    >>> table["topic"].tolist()
    [0, 0, 0, 1, 1]
    """
    model = _check_order(corpus, model, "topic_map_table")
    lsa = model._lsa(corpus, "topic_map_table")
    topics = np.argmax(lsa @ model.cluster_centers_.T, axis=1) if len(lsa) else np.zeros(0, int)
    # drawn by direction (what decides the topic), not by the length an outlet-adjusted
    # vector keeps; a zero vector stays where an article with no known word is drawn
    if getattr(model, "outlet_centres_", None) is not None:
        lsa = unit_rows(lsa)
    xy = (lsa - model.map_mean_) @ model.map_components_.T
    out = pd.DataFrame(
        {
            "x": xy[:, 0].astype(float),
            "y": xy[:, 1].astype(float),
            "topic": topics.astype(np.int64),
            "topic_label": pd.array(np.asarray(model.topic_labels_, dtype=object)[topics], dtype="string"),
        }
    )
    if isinstance(corpus, pd.DataFrame):
        for col in _META:
            if col in corpus.columns:
                out[col] = corpus[col].to_numpy()
    return out


def plot_topic_map(corpus: object, model: TopicModel, *, ax=None, **kwargs):
    """Scatter articles on the model's 2-D map, one colour per topic (:func:`topic_colors`,
    as in :func:`plot_topic_share`; with more than 14 topics colours repeat: their labels in
    the legend tell them apart).

    The numbers drawn are those of :func:`topic_map_table` with the same arguments.

    Parameters
    ----------
    corpus : DataFrame or list of str
        Articles to draw.
    model : TopicModel
        A fitted model.
    ax : matplotlib Axes or None, default=None
        Where to draw; the current Axes if None.
    **kwargs
        Passed to ``ax.scatter`` (defaults ``s=8, alpha=0.6``).

    Returns
    -------
    matplotlib.axes.Axes
        One scatter collection per topic, with a legend of topic labels.

    Examples
    --------
    >>> from mediastudy import TopicModel, plot_topic_map
    >>> texts = ["goal match striker", "match goal team", "cup goal match",
    ...          "bank rates inflation", "rates bank markets"]
    >>> model = TopicModel(2, min_df=1, max_df=1.0, random_state=0).fit(texts)
    >>> ax = plot_topic_map(texts, model)
    >>> len(ax.collections)
    2
    """
    import matplotlib.pyplot as plt

    from ..style import literal_text, topic_colors

    model = _check_order(corpus, model, "plot_topic_map")
    table = topic_map_table(corpus, model)
    if ax is None:
        ax = plt.gca()
    kwargs.setdefault("s", 8)
    kwargs.setdefault("alpha", 0.6)
    colours = topic_colors(range(model.n_topics))
    for topic, label in enumerate(model.topic_labels_):
        part = table[table["topic"] == topic]
        if part.empty:
            continue
        ax.scatter(
            part["x"],
            part["y"],
            color=colours[topic],
            label=literal_text(f"{topic}: {label}"),
            **kwargs,
        )
    ax.set_xlabel("map axis 1")
    ax.set_ylabel("map axis 2")
    ax.legend(fontsize="small", markerscale=2, loc="best")
    return ax
