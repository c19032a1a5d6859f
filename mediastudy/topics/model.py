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

from collections.abc import Collection, Mapping
from numbers import Integral, Real
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize
from sklearn.utils import check_random_state
from threadpoolctl import threadpool_limits

from ..deprecation import renamed_parameters
from ..errors import DataError, InvalidParameterError, NotFittedError
from ..text.stopwords import stop_word_set
from . import _counting as _topic_text
from ._input import _id_order, _text_chunks
from .outlet_adjust import fit_outlet_centres, outlet_values, require_groups, unit_rows
from .variants import check_variants

__all__ = ["TopicModel"]

from ._clustering import _MAX_SEED, _consensus_kmeans, _make_labels, _term_weights, _top_indices

# ---------------------------------------------------------------- input texts
#: The most memory a model spends keeping the vectors of the articles it last saw.
_MAX_REMEMBERED_BYTES = 64 * 2**20


def _fingerprint(chunks: list) -> bytes:
    """A digest of the texts in ``chunks`` (titles and bodies, in order)."""
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    for titles, bodies in chunks:
        for part in (titles, bodies):
            if part is None:
                digest.update(b"\x00none")
                continue
            series = part if isinstance(part, pd.Series) else pd.Series(list(part), dtype=object)
            # texts are nearly all distinct: hashing them without factorising them first is
            # ten times faster and gives the same value per text; a missing one gets the
            # value the factorised hashing gives it (all bits set)
            series = series.astype(object)
            hashed = pd.util.hash_pandas_object(series, index=False, categorize=False).to_numpy().copy()
            hashed[series.isna().to_numpy()] = np.iinfo(np.uint64).max
            digest.update(hashed.tobytes())
    return digest.digest()


# ---------------------------------------------------------------- estimator
class TopicModel(ClusterMixin, TransformerMixin, BaseEstimator):
    """Stable TF-IDF topic model: LSA space plus consensus k-means.

    Parameters
    ----------
    n_topics : int, default=10
        Number of topics (k). :func:`mediastudy.choose_k` helps pick it.
    text_column : str, default="text"
        Column holding the article body when a DataFrame is given.
    title_column : str or None, default="title"
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
    n_init : int, default=10
        Seeded k-means runs in the ensemble (scikit-learn's name for the number of
        k-means runs); more runs give a steadier choice and a finer stability
        estimate. :class:`mediastudy.StreamingTopicModel` uses 4 (each run there is
        a pass over every chunk).
    sample_size : int or None, default=20_000
        Estimate the LSA axes from a seeded sample of at most this many
        articles (all articles are then projected onto them). On large corpora
        this saves most of the SVD's time at no visible cost in quality;
        ``None`` uses every article.
    n_jobs : int or None, default=None
        Processes used to count words (the slowest step) and threads sharing
        the k-means runs: ``None`` one, ``-1`` all cores. Results do not
        depend on it.
    random_state : int, RandomState or None, default=0
        Seed for the SVD and the k-means runs. Same seed and data give the same
        topics; the default 0 makes two runs of the same code agree (None: a new
        seed each time).
    adjust_for : str or None, default=None
        A column, usually ``"outlet"``: remove each outlet's (shrunk) centre from
        the LSA vectors before clustering, so topics follow subjects rather than
        house style (:mod:`mediastudy.topics.outlet_adjust`); new articles use
        the stored centres, an unseen outlet or plain texts the corpus centre.
        Default ``None``: on AllSides (k=20, seeds 0-4) it cuts the NMI between
        topics and outlets to 0.70x (0.055 against 0.079) and leaves the NMI
        against AllSides' topic labels where it was (0.386 against 0.383, within
        the seeds' spread; lower on seeds 5-9; benchmarks/README.md), so it does
        not make topics agree better with subject labels, while it narrows real
        differences in topic share between outlets (an outlet's own subject is
        part of its centre). Use it when :func:`mediastudy.topic_flags_table`
        flags outlet-made topics.
    variants : mapping of str to str or None, default=None
        Spelling variants counted as one word before counting, in ``fit`` and
        ``transform``: ``{"kiev": "kyiv"}``; case is ignored and chains are
        followed (:func:`mediastudy.find_variants` lists candidates).

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
    outlet_centres_ : OutletCentres or None
        With ``adjust_for``: the outlet centres removed before clustering.

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

    @renamed_parameters(text="text_column", title="title_column", n_runs="n_init",
                        svd_sample="sample_size")
    def __init__(
        self,
        n_topics: int = 10,
        *,
        text_column: str = "text",
        title_column: str | None = "title",
        ngram_range: tuple[int, int] = (1, 1),
        min_df: int | float = 2,
        max_df: int | float = 0.5,
        max_features: int | None = None,
        stop_words: str | Collection[str] | None = "news",
        sublinear_tf: bool = True,
        n_components: int = 100,
        n_init: int = 10,
        sample_size: int | None = 20_000,
        n_jobs: int | None = None,
        random_state: int | np.random.RandomState | None = 0,
        adjust_for: str | None = None,
        variants: Mapping[str, str] | None = None,
    ) -> None:
        self.n_topics = n_topics
        self.text_column = text_column
        self.title_column = title_column
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.stop_words = stop_words
        self.sublinear_tf = sublinear_tf
        self.n_components = n_components
        self.n_init = n_init
        self.sample_size = sample_size
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.adjust_for = adjust_for
        self.variants = variants

    # ------------------------------------------------------------ validation
    def _fail(self, param: str, expected: str) -> None:
        raise InvalidParameterError(
            f"The '{param}' parameter of TopicModel must be {expected}. "
            f"Got {getattr(self, param)!r} instead.",
            param=param, value=getattr(self, param)
        )

    def _check_params(self) -> None:
        def is_int(v: object) -> bool:
            return isinstance(v, Integral) and not isinstance(v, bool)

        if not is_int(self.n_topics) or self.n_topics < 1:
            self._fail("n_topics", "an int >= 1")
        if not is_int(self.n_components) or self.n_components < 1:
            self._fail("n_components", "an int >= 1")
        if not is_int(self.n_init) or self.n_init < 1:
            self._fail("n_init", "an int >= 1")
        if self.sample_size is not None and (not is_int(self.sample_size) or self.sample_size < 2):
            self._fail("sample_size", "None or an int >= 2")
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
        if self.adjust_for is not None and not isinstance(self.adjust_for, str):
            self._fail("adjust_for", "None or the name of a column, e.g. 'outlet'")
        check_variants(self.variants)
        self._stop_set()

    def _stop_set(self) -> frozenset[str]:
        return stop_word_set(self.stop_words, func="TopicModel")

    # ------------------------------------------------------------ fitting
    def _chunks(self, data: object, func: str) -> tuple[list, int]:
        return _text_chunks(data, text=self.text_column, title=self.title_column, func=func,
                            param="X")

    def _fit_space(self, X: object, rng: np.random.RandomState) -> tuple[np.ndarray, sp.csr_matrix]:
        """Fit vocabulary, idf and LSA axes; return the unit-length LSA vectors and TF-IDF."""
        self._check_params()
        stop = self._stop_set()
        chunks, n_docs = self._chunks(X, "TopicModel.fit")
        if n_docs < max(2, self.n_topics):
            raise DataError(
                f"TopicModel.fit needs at least n_topics={self.n_topics} articles (and 2); "
                f"got {n_docs}. Pass more articles or lower n_topics."
            )
        ngr = tuple(self.ngram_range)
        counts, words = _topic_text.count_words(
            chunks, ngram_range=ngr, stop_words=stop, n_jobs=self.n_jobs,
            variants=check_variants(self.variants),
        )
        cols = _topic_text.select_terms(
            counts,
            words,
            stop_words=stop,
            min_df=self.min_df,
            max_df=self.max_df,
            max_features=self.max_features,
        )
        if len(cols) < 2:
            raise DataError(
                f"TopicModel.fit kept {len(cols)} term(s) out of {len(words)} after removing "
                f"stop words and terms in fewer than min_df={self.min_df!r} or more than "
                f"max_df={self.max_df!r} articles. Lower min_df or raise max_df "
                "(e.g. min_df=1, max_df=1.0 for a handful of articles)."
            )
        counts = counts[:, cols]
        counts.sort_indices()  # the order transform counts in: the same vectors to the last bit
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
        if self.sample_size is not None and n_docs > self.sample_size:
            rows = np.sort(rng.choice(n_docs, size=self.sample_size, replace=False))
            svd.fit(tfidf[rows])
        else:
            svd.fit(tfidf)
        self.svd_components_ = svd.components_.astype(np.float32)
        lsa = normalize(np.asarray(tfidf @ self.svd_components_.T, dtype=np.float32))
        return lsa, tfidf

    def _remember(self, chunks: list, lsa: np.ndarray) -> None:
        """Keep the LSA vectors of these texts (a fingerprint of them is the key)."""
        if lsa.nbytes <= _MAX_REMEMBERED_BYTES:
            self._remembered = (_fingerprint(chunks), lsa)
        else:
            self.__dict__.pop("_remembered", None)

    def fit(self, X: object, y: None = None) -> TopicModel:
        """Fit the topics.

        Parameters
        ----------
        X : DataFrame or list of str
            A corpus DataFrame (see :mod:`mediastudy.schema`; the ``text`` and,
            when present, ``title`` columns are used) or a list/Series of texts.
            A corpus with unique ids is fitted in the order of its ids, so the
            topics do not depend on the order of its rows.
        y : None
            Ignored; present for scikit-learn compatibility.

        Returns
        -------
        TopicModel
            The fitted model (``self``).
        """
        rng = check_random_state(self.random_state)
        self._check_params()
        outlets = self._outlets(X, "fit")
        require_groups(outlets, self.adjust_for, X, "TopicModel")
        # Articles with ids are fitted in the order of their ids, so that the same articles
        # give the same topics whatever the order of the rows (ids come from the content).
        order = _id_order(X, (self.text_column, self.title_column))
        given = X
        if order is not None:
            used = (self.text_column, self.title_column)
            X = X[[c for c in used if c is not None and c in X.columns]].iloc[order]
            outlets = None if outlets is None else outlets[order]
        # small dense products throughout: one BLAS thread avoids stalls on busy cores
        with threadpool_limits(limits=1, user_api="blas"):
            lsa, tfidf = self._fit_space(X, rng)
            # The training articles' vectors, for transform/assign_topics/topic_map_table/
            # representative_articles on the same articles: no second pass over their text.
            # Remembered in the order of the rows given, as those functions pass the corpus
            # (fingerprinted once: not in the order of the ids too).
            self._remember(self._chunks(given, "TopicModel.fit")[0],
                           lsa if order is None else lsa[np.argsort(order)])
            self.outlet_centres_ = None
            directions = lsa
            if outlets is not None:
                self.outlet_centres_ = fit_outlet_centres(lsa, outlets)
                # residuals at their own length: an article near its outlet's centre
                # counts little in the centroids and k-means runs (outlet_adjust)
                lsa = self.outlet_centres_.apply(lsa, outlets)
                directions = lsa if lsa is directions else unit_rows(lsa)
            labels, centers, stability, consensus = _consensus_kmeans(
                lsa, self.n_topics, n_runs=self.n_init, rng=rng, n_jobs=self.n_jobs
            )
            self.cluster_centers_ = centers
            self.labels_ = labels
            self.topic_sizes_ = np.bincount(labels, minlength=self.n_topics)
            self.topic_stability_ = stability
            self.consensus_nmi_ = consensus
            self.term_weights_ = _term_weights(tfidf, labels, self.n_topics)
            self.topic_labels_ = _make_labels(self.term_weights_, self.terms_)
            self._fit_map(directions)  # the map shows directions, as topic_map_table draws
        if order is not None:  # back in the order of the rows given
            self.labels_ = self.labels_[np.argsort(order)]
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

    def _outlets(self, X: object, method: str) -> np.ndarray | None:
        """Values of the ``adjust_for`` column (None without one, or for a list of texts)."""
        return outlet_values(X, self.adjust_for, func=f"TopicModel.{method}")

    def _adjust(self, lsa: np.ndarray, outlets: np.ndarray | None) -> np.ndarray:
        centres = getattr(self, "outlet_centres_", None)
        return lsa if centres is None else centres.apply(lsa, outlets)

    def _lsa(self, X: object, method: str) -> np.ndarray:
        """LSA vectors of new articles: unit length, or with ``adjust_for`` each one's
        residual from its outlet's centre, at its own length, as fit clusters them
        (a topic is the largest dot product with a centre either way)."""
        outlets = self._outlets(X, method)
        chunks, n_docs = self._chunks(X, f"TopicModel.{method}")
        if n_docs == 0:
            return np.zeros((0, self.cluster_centers_.shape[1]), dtype=np.float32)
        remembered = getattr(self, "_remembered", None)
        if remembered is not None and remembered[1].shape[0] == n_docs:
            if remembered[0] == _fingerprint(chunks):  # the same texts: the same vectors
                return self._adjust(remembered[1].copy(), outlets)
        vocab = {w: j for j, w in enumerate(self.terms_)}
        counts, _ = _topic_text.count_words(
            chunks,
            ngram_range=tuple(self.ngram_range),
            stop_words=self._stop_set(),
            vocabulary=vocab,
            n_jobs=self.n_jobs,
            variants=check_variants(self.variants),
        )
        counts.sort_indices()
        tfidf = _topic_text.tfidf(counts, self.idf_, sublinear_tf=self.sublinear_tf)
        lsa = normalize(np.asarray(tfidf @ self.svd_components_.T, dtype=np.float32))
        self._remember(chunks, lsa)
        return self._adjust(lsa, outlets)

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
        lsa = self._lsa(X, "transform")
        scores = lsa @ self.cluster_centers_.T
        if getattr(self, "outlet_centres_", None) is None:
            return scores
        # adjusted vectors keep their length: divide by it for a cosine (0 for a zero vector)
        norms = np.linalg.norm(lsa, axis=1, keepdims=True)
        return (scores / np.where(norms > 0, norms, 1)).astype(np.float32, copy=False)

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
        terms = _term_table(self, n_terms, "TopicModel.topic_info")
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
        from ._model_io import save_topic_model

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
        from ._model_io import load_topic_model

        return load_topic_model(path, cls)


def _term_table(model: TopicModel, n_terms: int, func: str) -> pd.DataFrame:
    """``topic, topic_label, rank, term, weight``: the ``n_terms`` most distinctive terms
    of each topic of a fitted model (see :func:`mediastudy.topic_terms`)."""
    if isinstance(n_terms, bool) or not isinstance(n_terms, Integral) or n_terms < 1:
        raise InvalidParameterError(
            f"The 'n_terms' parameter of {func} must be an int >= 1. Got {n_terms!r}.",
            param="n_terms",
        )
    rows = []
    for t, row in enumerate(model.term_weights_):
        top = _top_indices(row, n_terms)
        top = top[row[top] > 0]
        for rank, j in enumerate(top, start=1):
            rows.append((t, model.topic_labels_[t], rank, str(model.terms_[j]), float(row[j])))
    return pd.DataFrame(rows, columns=["topic", "topic_label", "rank", "term", "weight"])
