"""Topics of a corpus: a stable, explainable TF-IDF topic model.

:class:`TopicModel` turns articles into TF-IDF vectors (sparse, float32),
reduces them to a latent semantic space (LSA, a truncated SVD), and clusters
that space with k-means. Instead of trusting one k-means seed, it runs several
seeds and keeps the most *central* solution (the one agreeing most with all
the others, by normalised mutual information), then polishes it with
spherical k-means so every article belongs to the topic whose centroid it is
closest to. How often each topic comes back across the seeds is reported as
its stability.

The tables that explain a model are plain functions:

- :func:`topic_terms` distinctive terms per topic (tidy),
- :func:`assign_topics` a copy of the corpus with ``topic`` and ``topic_label``,
- :func:`topic_sizes` articles per topic (optionally per outlet or period),
- :func:`representative_articles` the articles closest to each topic's centre.

Saving and loading (no pickle) are :meth:`TopicModel.save` and
:meth:`TopicModel.load`; choosing k is :func:`mediastudy.choose_k`; the 2-D
map is :func:`mediastudy.plot_topic_map`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from numbers import Integral, Real
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize
from sklearn.utils import check_random_state
from threadpoolctl import threadpool_limits

from . import _topic_text
from ._checks import require_columns
from ._stopwords import NEWS_STOP_WORDS
from .errors import NotFittedError
from .periods import check_freq, period_start

__all__ = [
    "TopicModel",
    "assign_topics",
    "topic_terms",
    "topic_sizes",
    "representative_articles",
]

_MAX_SEED = np.iinfo(np.int32).max


# ---------------------------------------------------------------- input texts
def _is_nan(value: object) -> bool:
    return isinstance(value, float) and np.isnan(value) or value is pd.NA


_CHUNK = 2000  # articles per counting task: bounds memory, lets n_jobs share the work


def _text_chunks(
    data: object, *, text: str, title: str | None, func: str, param: str
) -> tuple[list[tuple[Sequence | None, Sequence]], int]:
    """Articles as chunks ``(titles or None, bodies)`` for counting, and their number.

    DataFrame columns are sliced, not copied into Python strings, to keep memory low.
    """
    if isinstance(data, pd.DataFrame):
        require_columns(data, [text], func=func, param=param)
        bodies: Sequence = data[text]
        titles = data[title] if title is not None and title in data.columns else None
    elif isinstance(data, str | bytes):
        raise TypeError(
            f"The '{param}' parameter of {func} must be a corpus DataFrame or a list of "
            f"strings. Got a single {type(data).__name__}; wrap it in a list: [text]."
        )
    elif isinstance(data, pd.Series | np.ndarray | Sequence):
        bodies = data.tolist() if isinstance(data, pd.Series | np.ndarray) else list(data)
        titles = None
        for i, value in enumerate(bodies):
            if not (isinstance(value, str) or value is None or _is_nan(value)):
                raise TypeError(
                    f"The '{param}' parameter of {func} must hold strings; item {i} is "
                    f"{type(value).__name__} ({value!r:.40}). Convert it with str() or drop it."
                )
    else:
        raise TypeError(
            f"The '{param}' parameter of {func} must be a corpus DataFrame or a list of "
            f"strings. Got {type(data).__name__} instead."
        )
    n = len(bodies)
    chunks = []
    for start in range(0, n, _CHUNK):
        stop = min(start + _CHUNK, n)
        if isinstance(bodies, pd.Series):
            chunk_titles = None if titles is None else titles.iloc[start:stop]
            chunks.append((chunk_titles, bodies.iloc[start:stop]))
        else:
            chunks.append((None, bodies[start:stop]))
    return chunks, n


# ---------------------------------------------------------------- estimator
class TopicModel(ClusterMixin, TransformerMixin, BaseEstimator):
    """Stable TF-IDF topic model: LSA space plus consensus k-means.

    Parameters
    ----------
    n_topics : int, default=10
        Number of topics (k). :func:`mediastudy.choose_k` helps pick it.
    text : str, default="text"
        Column holding the article body when a DataFrame is given.
    title : str or None, default="title"
        Column holding the headline; when the DataFrame has it, the headline is
        put before the body. ``None`` uses the body only.
    ngram_range : tuple of int, default=(1, 1)
        Smallest and largest n-gram; ``(1, 2)`` adds word pairs ("prime
        minister") at some cost in speed.
    min_df : int or float, default=2
        Drop terms found in fewer articles than this (a fraction if float).
    max_df : int or float, default=0.5
        Drop terms found in more articles than this (a fraction if float).
    max_features : int or None, default=None
        Keep only this many most frequent terms.
    stop_words : {"news", "english"}, collection of str or None, default="news"
        ``"news"`` is scikit-learn's English list plus news boilerplate
        ("said", "told", "read more", weekdays, months, agency names), minus
        the few words of that list that carry a story ("bill", "interest",
        "fire", "system", "computer"). A collection replaces the list.
        Words shorter than 2 characters or starting with a digit are never terms.
    sublinear_tf : bool, default=True
        Use 1 + log(count) instead of the raw count, so that one word repeated
        many times does not decide an article's topic.
    n_components : int, default=100
        Dimensions of the LSA space the clustering runs in.
    n_runs : int, default=10
        Seeded k-means runs in the ensemble; more runs give a steadier choice
        and a finer stability estimate.
    svd_sample : int or None, default=20_000
        Estimate the LSA axes from a seeded sample of at most this many
        articles (all articles are then projected onto them). On large corpora
        this saves most of the SVD's time at no visible cost in quality;
        ``None`` uses every article.
    n_jobs : int or None, default=None
        Processes used to count words (the slowest step) and threads sharing
        the k-means runs: ``None`` one, ``-1`` all cores. Results do not
        depend on it.
    random_state : int, RandomState or None, default=None
        Seed for the SVD and the k-means runs. Same seed and data give the same
        topics.

    Attributes
    ----------
    terms_ : ndarray of str
        The vocabulary, in column order.
    idf_ : ndarray of float32
        Inverse document frequency of each term.
    svd_components_ : ndarray of shape (n_components, n_terms)
        Axes of the LSA space.
    cluster_centers_ : ndarray of shape (n_topics, n_components)
        Unit-length topic centroids in the LSA space.
    labels_ : ndarray of int
        Topic of each training article. Topics are numbered by size, 0 largest.
    topic_labels_ : list of str
        Short label per topic from its three most distinctive terms.
    term_weights_ : ndarray of shape (n_topics, n_terms)
        Distinctiveness of each term for each topic: its mean TF-IDF inside the
        topic minus its mean outside.
    topic_sizes_ : ndarray of int
        Training articles per topic.
    topic_stability_ : ndarray of float
        Per topic, the mean over the other ensemble runs of the best Jaccard
        overlap between this topic's articles and one cluster of that run
        (1.0: every seed finds exactly this topic).
    consensus_nmi_ : float
        Mean NMI between the chosen run and the other runs.

    Examples
    --------
    >>> from mediastudy import TopicModel
    >>> texts = [
    ...     "the striker scored a goal and the team won the match",
    ...     "a late goal in the cup match for the home team",
    ...     "the coach praised the team after the match",
    ...     "fans cheered the goal of the striker",
    ...     "the central bank raised interest rates again",
    ...     "interest rates and inflation worry the bank",
    ...     "markets fell as the bank signalled higher rates",
    ... ]
    >>> model = TopicModel(n_topics=2, min_df=1, max_df=1.0, random_state=0).fit(texts)
    >>> model.labels_.tolist()
    [0, 0, 0, 0, 1, 1, 1]
    >>> model.predict(["the bank cut interest rates"]).tolist()
    [1]
    >>> model.topic_labels_[1]
    'bank / rates / interest'
    """

    def __init__(
        self,
        n_topics: int = 10,
        *,
        text: str = "text",
        title: str | None = "title",
        ngram_range: tuple[int, int] = (1, 1),
        min_df: int | float = 2,
        max_df: int | float = 0.5,
        max_features: int | None = None,
        stop_words: str | Collection[str] | None = "news",
        sublinear_tf: bool = True,
        n_components: int = 100,
        n_runs: int = 10,
        svd_sample: int | None = 20_000,
        n_jobs: int | None = None,
        random_state: int | np.random.RandomState | None = None,
    ) -> None:
        self.n_topics = n_topics
        self.text = text
        self.title = title
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.stop_words = stop_words
        self.sublinear_tf = sublinear_tf
        self.n_components = n_components
        self.n_runs = n_runs
        self.svd_sample = svd_sample
        self.n_jobs = n_jobs
        self.random_state = random_state

    # ------------------------------------------------------------ validation
    def _fail(self, param: str, expected: str) -> None:
        raise ValueError(
            f"The '{param}' parameter of TopicModel must be {expected}. Got {getattr(self, param)!r} instead."
        )

    def _check_params(self) -> None:
        def is_int(v: object) -> bool:
            return isinstance(v, Integral) and not isinstance(v, bool)

        if not is_int(self.n_topics) or self.n_topics < 1:
            self._fail("n_topics", "an int >= 1")
        if not is_int(self.n_components) or self.n_components < 1:
            self._fail("n_components", "an int >= 1")
        if not is_int(self.n_runs) or self.n_runs < 1:
            self._fail("n_runs", "an int >= 1")
        if self.svd_sample is not None and (not is_int(self.svd_sample) or self.svd_sample < 2):
            self._fail("svd_sample", "None or an int >= 2")
        ngr = self.ngram_range
        if (
            not isinstance(ngr, tuple | list)
            or len(ngr) != 2
            or not all(is_int(n) for n in ngr)
            or not 1 <= ngr[0] <= ngr[1]
        ):
            self._fail("ngram_range", "a pair (min_n, max_n) with 1 <= min_n <= max_n")
        for name in ("min_df", "max_df"):
            v = getattr(self, name)
            if is_int(v):
                if v < 1:
                    self._fail(name, "an int >= 1 (articles) or a float in (0, 1] (share)")
            elif not isinstance(v, Real) or isinstance(v, bool) or not 0 < v <= 1:
                self._fail(name, "an int >= 1 (articles) or a float in (0, 1] (share)")
        if self.max_features is not None and (not is_int(self.max_features) or self.max_features < 1):
            self._fail("max_features", "None or an int >= 1")
        self._stop_set()

    def _stop_set(self) -> frozenset[str]:
        sw = self.stop_words
        if sw is None:
            return frozenset()
        if isinstance(sw, str):
            if sw == "news":
                return NEWS_STOP_WORDS
            if sw == "english":
                from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

                return frozenset(ENGLISH_STOP_WORDS)
            self._fail("stop_words", "'news', 'english', None or a collection of words")
        if not all(isinstance(w, str) for w in sw):
            self._fail("stop_words", "'news', 'english', None or a collection of words")
        return frozenset(w.lower() for w in sw)

    # ------------------------------------------------------------ fitting
    def _chunks(self, data: object, func: str) -> tuple[list, int]:
        return _text_chunks(data, text=self.text, title=self.title, func=func, param="X")

    def _fit_space(self, X: object, rng: np.random.RandomState) -> tuple[np.ndarray, sp.csr_matrix]:
        """Fit vocabulary, idf and LSA axes; return the unit-length LSA vectors and TF-IDF."""
        self._check_params()
        stop = self._stop_set()
        chunks, n_docs = self._chunks(X, "TopicModel.fit")
        if n_docs < max(2, self.n_topics):
            raise ValueError(
                f"TopicModel.fit needs at least n_topics={self.n_topics} articles (and 2); "
                f"got {n_docs}. Pass more articles or lower n_topics."
            )
        ngr = tuple(self.ngram_range)
        counts, words = _topic_text.count_words(chunks, ngram_range=ngr, stop_words=stop, n_jobs=self.n_jobs)
        cols = _topic_text.select_terms(
            counts,
            words,
            stop_words=stop,
            min_df=self.min_df,
            max_df=self.max_df,
            max_features=self.max_features,
        )
        if len(cols) < 2:
            raise ValueError(
                f"TopicModel.fit kept {len(cols)} term(s) out of {len(words)} after removing "
                f"stop words and terms in fewer than min_df={self.min_df!r} or more than "
                f"max_df={self.max_df!r} articles. Lower min_df or raise max_df "
                "(e.g. min_df=1, max_df=1.0 for a handful of articles)."
            )
        counts = counts[:, cols]
        self.terms_ = np.asarray([words[j] for j in cols], dtype=object)
        del words
        self.idf_ = _topic_text.smooth_idf(counts)
        tfidf = _topic_text.tfidf(counts, self.idf_, sublinear_tf=self.sublinear_tf)
        del counts
        n_comp = max(1, min(self.n_components, tfidf.shape[1] - 1, n_docs - 1))
        svd = TruncatedSVD(
            n_components=n_comp,
            algorithm="randomized",
            random_state=rng.randint(_MAX_SEED),
        )
        if self.svd_sample is not None and n_docs > self.svd_sample:
            rows = np.sort(rng.choice(n_docs, size=self.svd_sample, replace=False))
            svd.fit(tfidf[rows])
        else:
            svd.fit(tfidf)
        self.svd_components_ = svd.components_.astype(np.float32)
        lsa = np.asarray(tfidf @ self.svd_components_.T, dtype=np.float32)
        return normalize(lsa), tfidf

    def fit(self, X: object, y: None = None) -> TopicModel:
        """Fit the topics.

        Parameters
        ----------
        X : DataFrame or list of str
            A corpus DataFrame (see :mod:`mediastudy.schema`; the ``text`` and,
            when present, ``title`` columns are used) or a list/Series of texts.
        y : None
            Ignored; present for scikit-learn compatibility.

        Returns
        -------
        TopicModel
            The fitted model (``self``).
        """
        rng = check_random_state(self.random_state)
        # small dense products throughout: one BLAS thread avoids stalls on busy cores
        with threadpool_limits(limits=1, user_api="blas"):
            lsa, tfidf = self._fit_space(X, rng)
            labels, centers, stability, consensus = _consensus_kmeans(
                lsa, self.n_topics, n_runs=self.n_runs, rng=rng, n_jobs=self.n_jobs
            )
            self.cluster_centers_ = centers
            self.labels_ = labels
            self.topic_sizes_ = np.bincount(labels, minlength=self.n_topics)
            self.topic_stability_ = stability
            self.consensus_nmi_ = consensus
            self.term_weights_ = _term_weights(tfidf, labels, self.n_topics)
            self.topic_labels_ = _make_labels(self.term_weights_, self.terms_)
            self._fit_map(lsa)
        return self

    def _fit_map(self, lsa: np.ndarray) -> None:
        """Axes of the 2-D topic map: those that spread the topic centroids most."""
        base = self.cluster_centers_ if self.n_topics >= 3 else lsa
        mean = base.mean(axis=0)
        _, _, vt = np.linalg.svd(base - mean, full_matrices=False)
        axes = np.zeros((2, base.shape[1]), dtype=np.float32)
        axes[: min(2, len(vt))] = vt[:2]
        # fix each axis' sign so the map does not flip between equal fits
        for row in axes:
            j = np.argmax(np.abs(row))
            if row[j] < 0:
                row *= -1
        self.map_components_ = axes
        self.map_mean_ = mean.astype(np.float32)

    # ------------------------------------------------------------ using
    def _check_fitted(self, method: str) -> None:
        if not hasattr(self, "cluster_centers_"):
            raise NotFittedError(
                f"This TopicModel is not fitted yet: call fit(corpus) (or TopicModel.load) before {method}."
            )

    def _lsa(self, X: object, method: str) -> np.ndarray:
        """Unit-length LSA vectors of new articles."""
        chunks, n_docs = self._chunks(X, f"TopicModel.{method}")
        if n_docs == 0:
            return np.zeros((0, self.cluster_centers_.shape[1]), dtype=np.float32)
        vocab = {w: j for j, w in enumerate(self.terms_)}
        counts, _ = _topic_text.count_words(
            chunks,
            ngram_range=tuple(self.ngram_range),
            stop_words=self._stop_set(),
            vocabulary=vocab,
            n_jobs=self.n_jobs,
        )
        tfidf = _topic_text.tfidf(counts, self.idf_, sublinear_tf=self.sublinear_tf)
        return normalize(np.asarray(tfidf @ self.svd_components_.T, dtype=np.float32))

    def transform(self, X: object) -> np.ndarray:
        """Topic affinities: cosine similarity of each article to each topic centre.

        Parameters
        ----------
        X : DataFrame or list of str
            Articles, as for :meth:`fit`.

        Returns
        -------
        ndarray of shape (n_articles, n_topics)
            Values in [-1, 1]; the largest in a row is the article's topic.
            An article with no known word gets zeros (and topic 0 from
            :meth:`predict`; :func:`assign_topics` warns about such articles).
        """
        self._check_fitted("transform")
        return self._lsa(X, "transform") @ self.cluster_centers_.T

    def predict(self, X: object) -> np.ndarray:
        """Topic id of each article (the nearest topic centre).

        Parameters
        ----------
        X : DataFrame or list of str
            Articles, as for :meth:`fit`.

        Returns
        -------
        ndarray of int
            Topic ids, 0 to n_topics - 1.
        """
        self._check_fitted("predict")
        return np.argmax(self.transform(X), axis=1)

    def fit_predict(self, X: object, y: None = None) -> np.ndarray:
        """Fit and return the topic of each training article (``labels_``)."""
        return self.fit(X).labels_

    def topic_info(self, n_terms: int = 5) -> pd.DataFrame:
        """One row per topic: label, size, share, stability and top terms.

        Parameters
        ----------
        n_terms : int, default=5
            Distinctive terms listed in ``top_terms``.

        Returns
        -------
        DataFrame
            Columns ``topic, topic_label, n_articles, share, stability, top_terms``.
        """
        self._check_fitted("topic_info")
        terms = topic_terms(self, n_terms=n_terms)
        top = terms.groupby("topic")["term"].agg(", ".join)
        sizes = np.asarray(self.topic_sizes_)
        return pd.DataFrame(
            {
                "topic": np.arange(len(sizes)),
                "topic_label": list(self.topic_labels_),
                "n_articles": sizes,
                "share": sizes / max(1, sizes.sum()),
                "stability": np.asarray(self.topic_stability_, dtype=float),
                "top_terms": [top.get(t, "") for t in range(len(sizes))],
            }
        )

    def save(self, path: str | Path) -> Path:
        """Save the fitted model as JSON plus ``.npz`` arrays (no pickle).

        Parameters
        ----------
        path : str or Path
            Folder to create (or overwrite) holding ``topic_model.json`` and
            ``topic_model.npz``.

        Returns
        -------
        Path
            The folder written.
        """
        from ._topic_io import save_topic_model

        self._check_fitted("save")
        return save_topic_model(self, path)

    @classmethod
    def load(cls, path: str | Path) -> TopicModel:
        """Load a model written by :meth:`save`.

        Raises
        ------
        ModelFileError
            When the files are missing, corrupt, truncated, or were written by
            an incompatible format version.
        """
        from ._topic_io import load_topic_model

        return load_topic_model(path, cls)


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


def _make_labels(weights: np.ndarray, terms: np.ndarray, n_words: int = 3) -> list[str]:
    """'w1 / w2 / w3' from each topic's most distinctive terms, skipping repeated words."""
    labels: list[str] = []
    for row in weights:
        chosen: list[str] = []
        seen: set[str] = set()
        for j in np.argsort(-row, kind="stable")[: 20 * n_words]:
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


def _check_model(model: object, func: str) -> TopicModel:
    if not isinstance(model, TopicModel):
        raise TypeError(
            f"The 'model' parameter of {func} must be a TopicModel. Got {type(model).__name__} instead."
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
        raise TypeError(
            f"{func} takes the corpus first and the model second: {func}(corpus, model). "
            f"Got a TopicModel as the 'corpus' argument (and {type(model).__name__} as 'model')."
        )
    return _check_model(model, func)


def topic_terms(model: TopicModel, *, n_terms: int | None = None, n: int | None = None) -> pd.DataFrame:
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
    n : int, optional
        Deprecated name of ``n_terms``.

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
    if n is not None:
        import warnings

        if n_terms is not None:
            raise TypeError("topic_terms takes n_terms= (n= is its deprecated name), not both.")
        warnings.warn(
            "The 'n' parameter of topic_terms is deprecated; use n_terms= (as in "
            "TopicModel.topic_info and find_peaks_table).",
            DeprecationWarning,
            stacklevel=2,
        )
        n_terms = n
    if n_terms is None:
        n_terms = 10
    model = _check_model(model, "topic_terms")
    if isinstance(n_terms, bool) or not isinstance(n_terms, Integral) or n_terms < 1:
        raise ValueError(f"The 'n_terms' parameter of topic_terms must be an int >= 1. Got {n_terms!r}.")
    rows = []
    for t, row in enumerate(model.term_weights_):
        top = np.argsort(-row, kind="stable")[:n_terms]
        top = top[row[top] > 0]
        for rank, j in enumerate(top, start=1):
            rows.append((t, model.topic_labels_[t], rank, str(model.terms_[j]), float(row[j])))
    return pd.DataFrame(rows, columns=["topic", "topic_label", "rank", "term", "weight"])


def assign_topics(corpus: pd.DataFrame, model: TopicModel, *, column: str = "topic") -> pd.DataFrame:
    """A copy of the corpus with each article's topic id and label.

    Parameters
    ----------
    corpus : DataFrame
        Articles with the model's text column (default ``text``).
    model : TopicModel
        A fitted model; new articles are placed in its topics.
    column : str, default="topic"
        Name of the topic id column; the label goes to ``f"{column}_label"``.
        An existing column of that name is replaced (with a warning).

    Returns
    -------
    DataFrame
        The corpus (same index and rows, input unchanged) plus ``topic`` (int)
        and ``topic_label`` (str).

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
    require_columns(corpus, [model.text], func="assign_topics", param="corpus")
    label_col = f"{column}_label"
    clash = [c for c in (column, label_col) if c in corpus.columns]
    if clash:
        import warnings

        warnings.warn(
            f"assign_topics replaces the existing column(s) {clash} of the corpus in the "
            "returned frame; pass column='...' to keep them.",
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
            f"(e.g. corpus[corpus['{model.text}'].str.len() > 0]) if that matters.",
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


def topic_sizes(
    corpus: pd.DataFrame,
    model: TopicModel,
    *,
    by: str | None = None,
    freq: str | None = None,
    date: str = "date",
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
        Split by calendar period of the ``date`` column (day, Monday-to-Sunday
        week, month, quarter, year), as in :func:`mediastudy.volume_table`.
    date : str, default="date"
        Date column used with ``freq``.

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
    freq = _check_groups(corpus, by, freq, date, func)
    assigned = assign_topics(corpus, model, column="__topic")
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


def representative_articles(
    corpus: pd.DataFrame,
    model: TopicModel,
    *,
    n: int = 5,
    by: str | None = None,
    freq: str | None = None,
    date: str = "date",
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
        Pick ``n`` per topic *and* calendar period of the ``date`` column.
    date : str, default="date"
        Date column used with ``freq``.
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
        raise ValueError(f"The 'n' parameter of representative_articles must be an int >= 1. Got {n!r}.")
    require_columns(corpus, [model.text], func=func, param="corpus")
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
