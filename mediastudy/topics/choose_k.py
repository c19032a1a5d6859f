"""Choosing the number of topics: a quality table over k and its plot.

:func:`choose_k` builds the TF-IDF and LSA space once, then for every k runs
the same seeded k-means ensemble as :class:`~mediastudy.TopicModel` and
measures

- ``silhouette``: how well articles sit inside their topic rather than the
  nearest other one (cosine, in the LSA space; from -1 to 1, higher is better);
- ``stability``: how reliably the seeds find the same topics (size-weighted
  mean of the per-topic best-match Jaccard; 1.0 = identical every time);
- ``lowest_stability`` and ``smallest_share``: the weakest and smallest topic.

The recommended k is the one with the best silhouette among those whose
stability reaches ``min_stability``; when none does, the most stable k.
"""

from __future__ import annotations

from collections.abc import Iterable
from numbers import Integral

import numpy as np
import pandas as pd
from sklearn.metrics import silhouette_score
from sklearn.utils import check_random_state
from threadpoolctl import threadpool_limits

from ..errors import InvalidParameterError
from ..glossary import shared_docs
from ._clustering import _consensus_kmeans
from .model import TopicModel
from .outlet_adjust import fit_outlet_centres
from .outlet_makeup import MIN_TOPIC_STABILITY, is_dominant

__all__ = ["choose_k", "plot_choose_k"]


@shared_docs
def choose_k(
    corpus: object,
    ks: Iterable[int] = range(2, 16),
    *,
    min_stability: float = 0.8,
    silhouette_sample: int = 5000,
    outlet_column: str = "outlet",
    progress: bool = False,
    random_state: int | np.random.RandomState | None = 0,
    **model_params: object,
) -> pd.DataFrame:
    """Fit the topic model for several k and tabulate their quality.

    Parameters
    ----------
    corpus : DataFrame or list of str
        Articles, as for :meth:`TopicModel.fit`.
    ks : iterable of int, default=range(2, 16)
        Numbers of topics to try (each >= 2).
    min_stability : float, default=0.8
        Stability a k needs to be recommended.
    silhouette_sample : int, default=5000
        Articles (a seeded sample) used for the silhouette, which costs the
        square of their number.
    outlet_column : str, default="outlet"
        Column naming the outlet, used to count outlet-dominated topics (when
        the corpus is a DataFrame that has it).
    progress : bool, default=False
        Show a progress bar (tqdm) over the values of k.
    .. glossary:: random_state
    **model_params
        Other :class:`TopicModel` parameters (``min_df``, ``n_components``,
        ``n_init``, ``stop_words``, ...).

    Returns
    -------
    DataFrame
        One row per k: ``k, silhouette, stability, lowest_stability`` (of
        the weakest topic; ``min_stability`` before 0.2, the name of the threshold),
        ``consensus_nmi, smallest_share``,
        ``n_low_stability`` (topics whose own stability is below 0.5, as
        :func:`mediastudy.topic_flags_table` flags them), ``n_outlet_dominated``
        (topics one outlet dominates, by the rule of
        :mod:`mediastudy.topics.outlet_makeup`; NaN without an outlet column),
        ``stability_needed`` (the ``min_stability`` asked for),
        ``recommended`` and ``reason`` (why a k is or is not recommended, in
        words). ``.attrs["recommended_k"]`` also holds the recommended k, for
        older code. When no k reaches ``min_stability`` a warning says so and
        the most stable k is recommended.

    Examples
    --------
    >>> from mediastudy import choose_k
    >>> texts = ["goal match striker", "match goal team", "cup goal match",
    ...          "bank rates inflation", "rates bank markets", "bank rates loans",
    ...          "vote election party", "party vote poll", "election poll party"]
    >>> table = choose_k(texts, ks=[2, 3, 4], min_df=1, max_df=1.0, random_state=0)
    >>> int(table.loc[table["recommended"], "k"].iloc[0])
    3
    >>> print(table.loc[table["recommended"], "reason"].iloc[0])
    the best silhouette (separation) among the k whose stability reaches 0.8 (3, 4)
    >>> table["k"].tolist()
    [2, 3, 4]
    """
    ks = list(ks)
    if not ks or not all(isinstance(k, Integral) and not isinstance(k, bool) and k >= 2 for k in ks):
        raise InvalidParameterError(
            f"The 'ks' parameter of choose_k must be integers >= 2. Got {ks!r} instead.",
            param="ks",
        )
    if not 0 <= min_stability <= 1:
        raise InvalidParameterError(
            f"The 'min_stability' parameter of choose_k must be in [0, 1]. Got {min_stability!r}.",
            param="min_stability"
        )
    model_params.pop("n_topics", None)
    model = TopicModel(n_topics=min(ks), random_state=random_state, **model_params)
    rng = check_random_state(random_state)
    outlets = None
    if isinstance(corpus, pd.DataFrame) and outlet_column in corpus.columns:
        outlets = corpus[outlet_column].astype("string").fillna("(missing)").to_numpy(dtype=object)
    with threadpool_limits(limits=1, user_api="blas"):
        lsa, _ = model._fit_space(corpus, rng)
        groups = model._outlets(corpus, "fit")
        if groups is not None:  # as TopicModel(adjust_for=...) clusters
            lsa = fit_outlet_centres(lsa, groups).apply(lsa, groups)
    n = lsa.shape[0]
    if max(ks) >= n:
        raise InvalidParameterError(
            f"choose_k got ks up to {max(ks)} for {n} articles; every k must be below {n}.",
            param="ks",
        )
    sample = np.sort(rng.choice(n, size=min(n, silhouette_sample), replace=False))
    rows = []
    from ..progress import progress_bar

    # One step per number of topics tried ("k" as a unit would read as thousands: 1.69k/s).
    for k in progress_bar(ks, desc="choose_k: numbers of topics tried", unit=" fits",
                          disable=not progress):
        labels, _, stability, consensus = _consensus_kmeans(
            lsa, k, n_runs=model.n_init, rng=rng, n_jobs=model.n_jobs
        )
        sizes = np.bincount(labels, minlength=k)
        sub = labels[sample]
        sil = (
            float(silhouette_score(lsa[sample], sub, metric="cosine")) if len(np.unique(sub)) > 1 else np.nan
        )
        rows.append(
            {
                "k": int(k),
                "silhouette": sil,
                "stability": float(np.sum(stability * sizes) / n),
                "lowest_stability": float(np.min(stability)),
                "consensus_nmi": consensus,
                "smallest_share": float(sizes.min() / n),
                "n_low_stability": int(np.sum(stability < MIN_TOPIC_STABILITY)),
                "n_outlet_dominated": _n_dominated(labels, outlets, k),
            }
        )
    table = pd.DataFrame(rows)
    table["stability_needed"] = float(min_stability)
    stable = table[table["stability"] >= min_stability]
    listed = ", ".join(map(str, stable["k"]))
    if len(stable) and stable["silhouette"].notna().any():
        best = int(stable.loc[stable["silhouette"].idxmax(), "k"])
        why = (f"the best silhouette (separation) among the k whose stability reaches {min_stability} "
               f"({listed})")
    else:
        best = int(table.loc[table["stability"].idxmax(), "k"])
        why = (f"no k reached the stability of {min_stability}, so the most stable one "
               f"(stability {table.loc[table['k'] == best, 'stability'].iloc[0]:.3f}); other seeds may "
               "group the articles differently: read the topics as tentative")
        import warnings

        warnings.warn(
            f"choose_k: no k in {list(table['k'])} reached min_stability={min_stability} (the best "
            f"was {table['stability'].max():.3f}); k={best}, the most stable, is recommended, but "
            "its topics may change with the seed. Try other ks, more articles, or a lower "
            "min_stability.",
            UserWarning,
            stacklevel=2,
        )
    table["recommended"] = table["k"] == best
    table["reason"] = [
        why if k == best else (f"stability {st:.3f} below {min_stability}" if st < min_stability
                               else f"stable, but a lower silhouette than k={best}")
        for k, st in zip(table["k"], table["stability"], strict=True)
    ]
    table["reason"] = table["reason"].astype("string")
    table.attrs["recommended_k"] = best
    return table


def _n_dominated(labels: np.ndarray, outlets: np.ndarray | None, k: int) -> float:
    """Topics (of at least 10 articles) one outlet dominates; NaN without outlets."""
    if outlets is None:
        return float("nan")
    codes, names = pd.factorize(outlets)
    both = np.zeros((k, len(names)))
    np.add.at(both, (labels, codes), 1)
    sizes = both.sum(axis=1, keepdims=True)
    share = both / np.maximum(sizes, 1)
    corpus_share = both.sum(axis=0, keepdims=True) / max(1, len(labels))
    dominant = is_dominant(share, np.broadcast_to(corpus_share, share.shape)) & (sizes >= 10)
    return float(dominant.any(axis=1).sum())


def plot_choose_k(table: pd.DataFrame, *, ax=None, **kwargs):
    """Plot silhouette and stability against k, marking the recommended k.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`choose_k` (columns ``k``, ``silhouette``,
        ``stability``; ``recommended`` optional).
    ax : matplotlib Axes or None, default=None
        Where to draw; the current Axes if None.
    **kwargs
        Passed to both ``ax.plot`` calls (e.g. ``marker="o"``).

    Returns
    -------
    matplotlib.axes.Axes
        Two lines (silhouette, stability), a vertical line at the recommended
        k when known, and a dotted horizontal line at the stability needed
        (column ``stability_needed`` of :func:`choose_k`'s table).

    Examples
    --------
    >>> import pandas as pd
    >>> from mediastudy import plot_choose_k
    >>> table = pd.DataFrame({"k": [2, 3, 4], "silhouette": [0.1, 0.3, 0.2],
    ...                       "stability": [0.9, 0.95, 0.7],
    ...                       "recommended": [False, True, False]})
    >>> ax = plot_choose_k(table)
    >>> [line.get_label() for line in ax.lines[:2]]
    ['silhouette', 'stability']
    """
    import matplotlib.pyplot as plt

    from ..checks import require_columns

    require_columns(table, ["k", "silhouette", "stability"], func="plot_choose_k", param="table")
    if ax is None:
        ax = plt.gca()
    kwargs.setdefault("marker", "o")
    ax.plot(table["k"], table["silhouette"], label="silhouette", **kwargs)
    ax.plot(table["k"], table["stability"], label="stability", **kwargs)
    best = table.attrs.get("recommended_k")
    if best is None and "recommended" in table.columns and table["recommended"].any():
        best = int(table.loc[table["recommended"].astype(bool), "k"].iloc[0])
    if best is not None:
        ax.axvline(best, color="grey", linestyle="--", linewidth=1, label=f"recommended k = {best}")
    if "stability_needed" in table.columns and len(table):
        needed = float(table["stability_needed"].iloc[0])
        ax.axhline(needed, color="grey", linestyle=":", linewidth=1,
                   label=f"stability needed = {needed:g}")
        lo, hi = ax.get_ylim()
        if needed > hi - 0.04 * (hi - lo):  # a line on the frame is hard to see: room above it
            ax.set_ylim(lo, needed + 0.08 * (needed - lo))
    ax.set_xlabel("number of topics (k)")
    ax.set_ylabel("score")
    ax.set_xticks(list(table["k"]))
    ax.legend()
    return ax
