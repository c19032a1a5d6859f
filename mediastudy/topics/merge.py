"""Fold topics together: a catch-all, or two halves of one subject (``merge_topics``)."""

from __future__ import annotations

from numbers import Integral

import numpy as np

from ..errors import InvalidParameterError

__all__ = ["merge_topics"]


def _check_groups(groups: object, k: int) -> list[list[int]]:
    def fail(why: str) -> None:
        raise InvalidParameterError(
            f"The 'groups' parameter of merge_topics must be a list of lists of topic ids "
            f"(0 to {k - 1}), e.g. [[0, 3], [2, 5]]: {why}. Got {groups!r} instead.",
            param="groups", value=groups,
        )

    if isinstance(groups, str | bytes) or not hasattr(groups, "__iter__"):
        fail("it is not a list")
    out: list[list[int]] = []
    seen: set[int] = set()
    for group in groups:
        if isinstance(group, str | bytes) or not hasattr(group, "__iter__"):
            fail("each group must be a list of topic ids")
        ids = list(group)
        if not all(isinstance(t, Integral) and not isinstance(t, bool) for t in ids):
            fail("topic ids are integers")
        ids = [int(t) for t in ids]
        if any(t < 0 or t >= k for t in ids):
            fail(f"the model has topics 0 to {k - 1}")
        if len(set(ids)) < 2:
            fail("each group needs at least two different topics")
        if seen & set(ids):
            fail(f"topic {sorted(seen & set(ids))[0]} is in two groups")
        seen |= set(ids)
        out.append(sorted(set(ids)))
    if not out:
        fail("no group given")
    return out


def merge_topics(model, groups):
    """A copy of a fitted model with some of its topics merged into one.

    Each group of topics becomes one topic; the other topics are kept. Topics
    are then numbered by size again (0 the largest), as :meth:`TopicModel.fit`
    numbers them. The model's vocabulary, LSA space and outlet centres are
    unchanged; the model given is not modified.

    - ``cluster_centers_``: a merged topic's centre is the size-weighted mean
      of its parts' centres, made unit length again; new articles go to the
      nearest centre, as before.
    - ``term_weights_`` and so ``topic_labels_`` and :func:`mediastudy.topic_terms`:
      exact, as if computed from the merged topic's articles (a term's mean
      TF-IDF inside minus outside the topic follows from the parts' weights and
      sizes).
    - ``labels_`` and ``topic_sizes_``: the training articles of the parts
      belong to the merged topic.
    - ``topic_stability_``: NaN for a merged topic (no ensemble was run for it);
      kept for the others.

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    groups : list of list of int
        Topics to merge, e.g. ``[[0, 3]]`` or ``[[0, 3], [2, 5, 6]]``; a topic
        may be in one group only.

    Returns
    -------
    TopicModel
        The new model, with ``n_topics`` reduced; it can be saved, loaded and
        used like any fitted model.

    Examples
    --------
    >>> from mediastudy import TopicModel, merge_topics
    >>> texts = ["goal match striker", "match goal team", "cup final tennis",
    ...          "tennis cup final", "bank rates inflation", "rates bank markets"]
    >>> model = TopicModel(3, min_df=1, max_df=1.0, random_state=0).fit(texts)
    >>> model.topic_labels_
    ['cup / final / tennis', 'bank / rates / inflation', 'goal / match / striker']
    >>> merged = merge_topics(model, [[0, 2]])  # the two sports
    >>> merged.n_topics, merged.labels_.tolist()
    (2, [0, 0, 0, 0, 1, 1])
    >>> merged.topic_labels_
    ['cup / final / tennis', 'bank / rates / inflation']
    """
    import copy

    from ._clustering import _make_labels
    from .describe import _check_model

    model = _check_model(model, "merge_topics")
    k = len(model.topic_labels_)
    groups = _check_groups(groups, k)
    # old topic -> provisional new topic (groups first, then the others in order)
    provisional = np.full(k, -1, dtype=np.int64)
    for i, group in enumerate(groups):
        provisional[group] = i
    rest = np.flatnonzero(provisional < 0)
    provisional[rest] = np.arange(len(groups), len(groups) + len(rest))
    n_new = len(groups) + len(rest)
    sizes = np.asarray(model.topic_sizes_, dtype=np.float64)
    total = sizes.sum()
    new_sizes = np.bincount(provisional, weights=sizes, minlength=n_new)
    centers = np.zeros((n_new, model.cluster_centers_.shape[1]))
    np.add.at(centers, provisional, model.cluster_centers_ * sizes[:, None])
    norms = np.linalg.norm(centers, axis=1, keepdims=True)
    centers = centers / np.where(norms > 0, norms, 1.0)
    # w = mean inside - mean outside; the sum of n(N - n) w over the parts, over n(N - n) of
    # the whole, is the merged topic's w exactly (the corpus total cancels out)
    weights = np.asarray(model.term_weights_, dtype=np.float64)
    scaled = np.zeros((n_new, weights.shape[1]))
    np.add.at(scaled, provisional, weights * (sizes * (total - sizes))[:, None])
    denom = new_sizes * (total - new_sizes)
    new_weights = scaled / np.where(denom > 0, denom, 1.0)[:, None]
    stability = np.full(n_new, np.nan)
    old_stability = np.asarray(model.topic_stability_, dtype=float)
    stability[provisional[rest]] = old_stability[rest]
    # number by size, largest first (ties: provisional order), as fit does
    order = np.lexsort((np.arange(n_new), -new_sizes))
    rank = np.empty(n_new, dtype=np.int64)
    rank[order] = np.arange(n_new)
    new = copy.deepcopy(model)
    new.n_topics = int(n_new)
    new.labels_ = rank[provisional[np.asarray(model.labels_)]]
    new.topic_sizes_ = new_sizes[order].astype(np.int64)
    new.cluster_centers_ = centers[order].astype(np.float32)
    new.term_weights_ = new_weights[order].astype(np.float32)
    new.topic_stability_ = stability[order]
    new.topic_labels_ = _make_labels(new.term_weights_, new.terms_)
    if n_new >= 3:  # the map's axes spread the centres; with fewer, keep the old ones
        new._fit_map(None)
    return new
