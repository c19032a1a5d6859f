"""Consensus spherical k-means on LSA vectors, and the terms that label each cluster."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

_MAX_SEED = np.iinfo(np.int32).max


# ---------------------------------------------------------------- clustering
def _centroids(lsa: np.ndarray, labels: np.ndarray, k: int, previous: np.ndarray) -> np.ndarray:
    onehot = sp.csr_matrix(
        (np.ones(len(labels), dtype=np.float32), (labels, np.arange(len(labels)))),
        shape=(k, len(labels)),
    )
    sums = np.asarray(onehot @ lsa, dtype=np.float32)
    norms = np.linalg.norm(sums, axis=1)
    empty = norms == 0
    sums[empty] = previous[empty]  # an emptied topic keeps its old direction
    norms[empty] = 1.0
    return sums / norms[:, None]


def _spherical_kmeans(
    lsa: np.ndarray, labels: np.ndarray, k: int, max_iter: int = 300
) -> tuple[np.ndarray, np.ndarray]:
    """Polish a partition until every article is nearest (by cosine) to its own centroid."""
    centers = _centroids(lsa, labels, k, np.zeros((k, lsa.shape[1]), dtype=np.float32))
    for _ in range(max_iter):
        new = np.argmax(lsa @ centers.T, axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
        centers = _centroids(lsa, labels, k, centers)
    return np.argmax(lsa @ centers.T, axis=1), centers


def _nmi(a: np.ndarray, b: np.ndarray, k: int) -> float:
    """Normalised mutual information (arithmetic mean), as scikit-learn's default, but fast."""
    joint = np.bincount(a * k + b, minlength=k * k).reshape(k, k) / len(a)
    pa, pb = joint.sum(axis=1), joint.sum(axis=0)
    nz = joint > 0
    mi = float(np.sum(joint[nz] * np.log(joint[nz] / np.outer(pa, pb)[nz])))
    ha = -float(np.sum(pa[pa > 0] * np.log(pa[pa > 0])))
    hb = -float(np.sum(pb[pb > 0] * np.log(pb[pb > 0])))
    return 1.0 if ha + hb == 0 else max(0.0, mi / ((ha + hb) / 2))


def _best_jaccard(labels: np.ndarray, other: np.ndarray, k: int) -> np.ndarray:
    """Per topic of ``labels``, the best Jaccard overlap with any cluster of ``other``."""
    k_other = int(other.max()) + 1
    both = np.zeros((k, k_other))
    np.add.at(both, (labels, other), 1)
    size_a = both.sum(axis=1, keepdims=True)
    size_b = both.sum(axis=0, keepdims=True)
    union = size_a + size_b - both
    with np.errstate(invalid="ignore", divide="ignore"):
        jac = np.where(union > 0, both / union, 0.0)
    return jac.max(axis=1)


def _kmeans_runs(
    lsa: np.ndarray, k: int, n_runs: int, rng: np.random.RandomState, n_jobs: int | None = None
) -> list[np.ndarray]:
    """Labels of ``n_runs`` seeded k-means runs.

    Each run is single-threaded and the runs share the cores (threads; k-means
    releases the GIL): coarse parallelism that, unlike OpenMP inside each run,
    does not stall when other programs keep the cores busy.
    """
    from concurrent.futures import ThreadPoolExecutor

    from joblib import effective_n_jobs

    seeds = [int(s) for s in rng.randint(_MAX_SEED, size=n_runs)]

    def run(seed: int) -> np.ndarray:
        return KMeans(k, n_init=1, random_state=seed).fit(lsa).labels_

    with threadpool_limits(limits=1):
        workers = min(effective_n_jobs(n_jobs), n_runs)
        if workers <= 1:
            return [run(seed) for seed in seeds]
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(run, seeds))


def _consensus_kmeans(
    lsa: np.ndarray,
    k: int,
    *,
    n_runs: int,
    rng: np.random.RandomState,
    n_jobs: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Most central of ``n_runs`` seeded k-means partitions, polished, with its stability."""
    runs = _kmeans_runs(lsa, k, n_runs, rng, n_jobs)
    agree = np.eye(n_runs)
    for i in range(n_runs):
        for j in range(i + 1, n_runs):
            agree[i, j] = agree[j, i] = _nmi(runs[i], runs[j], k)
    central = int(np.argmax(agree.sum(axis=1)))  # ties: the first run
    consensus = float((agree[central].sum() - 1) / (n_runs - 1)) if n_runs > 1 else np.nan
    labels, centers = _spherical_kmeans(lsa, runs[central], k)
    # number topics by size, largest first (ties by old number) for a stable reading order
    sizes = np.bincount(labels, minlength=k)
    order = np.lexsort((np.arange(k), -sizes))
    rank = np.empty(k, dtype=np.int64)
    rank[order] = np.arange(k)
    labels, centers = rank[labels], centers[order]
    others = [r for i, r in enumerate(runs) if i != central]
    if others:
        stability = np.mean([_best_jaccard(labels, r, k) for r in others], axis=0)
    else:
        stability = np.full(k, np.nan)
    return labels, centers, stability, consensus


# ---------------------------------------------------------------- explaining
def _term_weights(tfidf: sp.csr_matrix, labels: np.ndarray, k: int) -> np.ndarray:
    """Mean TF-IDF of each term inside each topic minus its mean outside the topic."""
    n = tfidf.shape[0]
    onehot = sp.csr_matrix((np.ones(n, dtype=np.float32), (labels, np.arange(n))), shape=(k, n))
    inside = np.asarray((onehot @ tfidf).toarray(), dtype=np.float64)
    total = np.asarray(tfidf.sum(axis=0), dtype=np.float64).ravel()
    sizes = np.bincount(labels, minlength=k).astype(np.float64)[:, None]
    mean_in = inside / np.maximum(sizes, 1)
    mean_out = (total - inside) / np.maximum(n - sizes, 1)
    return (mean_in - mean_out).astype(np.float32)


def _top_indices(row: np.ndarray, n: int) -> np.ndarray:
    """``np.argsort(-row, kind="stable")[:n]``: the columns of the ``n`` largest values,
    ties in column order, sorting only those that can be among them (a topic's term
    weights are tens of thousands long and a table shows a few)."""
    if n >= len(row) or np.isnan(row).any():
        return np.argsort(-row, kind="stable")[:n]
    negated = -row
    cut = np.partition(negated, n - 1)[n - 1]
    # every value up to the n-th smallest: a prefix of the full sort, in column order
    candidates = np.flatnonzero(negated <= cut)
    return candidates[np.argsort(negated[candidates], kind="stable")][:n]


def _make_labels(weights: np.ndarray, terms: np.ndarray, n_words: int = 3) -> list[str]:
    """'w1 / w2 / w3' from each topic's most distinctive terms, skipping repeated words."""
    labels: list[str] = []
    for row in weights:
        chosen: list[str] = []
        seen: set[str] = set()
        for j in _top_indices(row, 20 * n_words):
            if row[j] <= 0 or len(chosen) == n_words:
                break
            words = set(str(terms[j]).split())
            if words & seen:
                continue
            chosen.append(str(terms[j]))
            seen |= words
        label = " / ".join(chosen) or "(no distinctive terms)"
        while label in labels:  # keep labels unique so legends and columns stay readable
            label += "'"
        labels.append(label)
    return labels
