"""A topic model fitted in one pass over chunks or partitions (see :mod:`mediastudy.scale.chunked`).

Hashed term counts (no vocabulary to hold), document frequencies summed over chunks, and an
LSA projection plus k-means fitted on a seeded sample chosen by article id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from numbers import Integral, Real

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize
from sklearn.utils import check_random_state, murmurhash3_32

from ..checks import require_columns
from ..deprecation import renamed_parameters
from ..errors import DataError, InvalidParameterError, NotFittedError
from ..text.stopwords import stop_word_set
from ..topics.outlet_adjust import fit_outlet_centres, outlet_values, require_groups, unit_rows
from ..topics.variants import check_variants
from ._dispatch import dask_step, is_dask_collection

__all__ = ["StreamingTopicModel"]


_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_HASH_CACHE: dict[tuple, dict[str, int]] = {}
_HASH_CACHE_MAX = 3_000_000


def _token_lists(texts, variants: dict | None = None) -> list[list[str]]:
    findall = _TOKEN.findall
    lists = [findall(t.lower()) if isinstance(t, str) else [] for t in texts]
    if variants:  # spelling variants counted as their canonical word, before hashing
        get = variants.get
        lists = [[get(tok, tok) for tok in tokens] for tokens in lists]
    return lists


def _lookup(n_features: int, stop: frozenset) -> dict[str, int]:
    key = (n_features, hash(stop))
    cache = _HASH_CACHE.get(key)
    if cache is None or len(cache) > _HASH_CACHE_MAX:
        cache = _HASH_CACHE[key] = {}
    return cache


def _hashed_counts(token_lists, n_features: int, stop: frozenset) -> sp.csr_matrix:
    """Term counts of each document in ``n_features`` hashed columns (float32 CSR)."""
    cache = _lookup(n_features, stop)
    new = set(chain.from_iterable(token_lists)).difference(cache)
    for tok in new:
        cache[tok] = -1 if tok in stop else murmurhash3_32(tok, seed=0, positive=True) % n_features
    lengths = np.fromiter((len(t) for t in token_lists), dtype=np.int64, count=len(token_lists))
    cols = np.fromiter(map(cache.__getitem__, chain.from_iterable(token_lists)), dtype=np.int64,
                       count=int(lengths.sum()))
    rows = np.repeat(np.arange(len(token_lists), dtype=np.int64), lengths)
    keep = cols >= 0
    mat = sp.coo_matrix(
        (np.ones(int(keep.sum()), dtype=np.float32), (rows[keep], cols[keep])),
        shape=(len(token_lists), n_features),
    ).tocsr()
    mat.sum_duplicates()
    mat.sort_indices()
    return mat


_BATCH = 1000  # documents tokenised at once: token lists take ~10x the memory of the text


def _hash_documents(docs: list, n_features: int, stop: frozenset,
                    with_terms: bool = False, variants: dict | None = None) -> tuple[sp.csr_matrix, dict]:
    """Hashed counts of ``docs``, tokenised a batch at a time to bound memory.

    With ``with_terms``, also returns the smallest token seen for each hashed column (to
    name topics): the minimum over all documents, so it does not depend on the chunking.
    """
    parts, terms = [], {}
    for lo in range(0, max(len(docs), 1), _BATCH):
        tokens = _token_lists(docs[lo:lo + _BATCH], variants)
        parts.append(_hashed_counts(tokens, n_features, stop))
        if with_terms:
            cache = _lookup(n_features, stop)
            for tok in set(chain.from_iterable(tokens)):
                col = cache[tok]
                if col >= 0:
                    old = terms.get(col)
                    if old is None or tok < old:
                        terms[col] = tok
        del tokens
    mat = parts[0] if len(parts) == 1 else sp.vstack(parts, format="csr")
    return mat, terms


@dataclass
class _Stats:
    """What one chunk adds to a streaming fit; merged across chunks or partitions."""

    n: int
    df: np.ndarray
    keys: np.ndarray  # uint64 sample keys of the candidate rows
    ids: np.ndarray  # their article ids (object)
    tf: sp.csr_matrix  # their hashed counts
    terms: dict = field(default_factory=dict)  # hashed column -> smallest token seen
    groups: np.ndarray | None = None  # their adjust_for values (None: not adjusting)


def _merge_stats(a: _Stats | None, b: _Stats | None, sample_size: int) -> _Stats | None:
    if a is None:
        return b
    if b is None:
        return a
    keys = np.concatenate([a.keys, b.keys])
    ids = np.concatenate([a.ids, b.ids])
    tf = sp.vstack([a.tf, b.tf], format="csr")
    order = np.lexsort((ids.astype(str), keys))[:sample_size]
    terms = dict(a.terms)
    for col, tok in b.terms.items():
        old = terms.get(col)
        if old is None or tok < old:
            terms[col] = tok
    groups = None if a.groups is None or b.groups is None else np.concatenate([a.groups, b.groups])[order]
    return _Stats(n=a.n + b.n, df=a.df + b.df, keys=keys[order], ids=ids[order], tf=tf[order],
                  terms=terms, groups=groups)


class StreamingTopicModel(ClusterMixin, TransformerMixin, BaseEstimator):
    """Topic model that learns from chunks: hashed TF-IDF, LSA and k-means on a sample.

    Fitting reads each article once. Terms are hashed into ``n_features`` columns (no
    vocabulary to hold); the document frequency of every column is summed over all
    chunks, giving the IDF; a sample of ``sample_size`` articles, chosen by a seeded hash
    of their ids (so the same articles whatever the chunking), is kept to fit the LSA
    projection (truncated SVD) and the k-means centroids. Articles are then placed in the
    topic whose centroid is nearest (cosine) in the LSA space. Fitting on one DataFrame, on
    chunks of it or on a Dask DataFrame gives the same model.

    Parameters
    ----------
    n_topics : int, default=10
        Number of topics (k).
    text_column : str, default="text"
        Column of the article body.
    title_column : str or None, default="title"
        Column of the headline, put before the body when present; ``None``: body only.
    n_features : int, default=2**18
        Hashed term columns; more means fewer collisions and more memory for the counts.
    min_df : int, default=2
        Drop terms found in fewer articles.
    max_df : float, default=0.5
        Drop terms found in more than this share of the articles.
    stop_words : "news", "english", collection of str or None, default="news"
        Words left out: the news stop list of :class:`mediastudy.TopicModel`,
        scikit-learn's English list, your own, or none.
    sublinear_tf : bool, default=True
        Use ``1 + log(tf)`` for term counts.
    n_components : int, default=100
        Dimensions of the LSA space.
    sample_size : int, default=20_000
        Articles the LSA and k-means are fitted on (as in :class:`mediastudy.TopicModel`).
    n_init : int, default=4
        k-means runs on the sample (the best inertia is kept); fewer than
        :class:`mediastudy.TopicModel`'s 10 because this model is fitted on corpora too
        large for one machine's memory, where each run costs more.
    random_state : int, RandomState or None, default=0
        Seed of the sample, the SVD and k-means; an int gives the same model every run
        (None: a new seed each time).
    adjust_for : str or None, default=None
        A column, usually ``"outlet"``: remove each outlet's centre from the LSA vectors
        before clustering, as :class:`mediastudy.TopicModel` does (same name, same
        meaning; see :mod:`mediastudy.topics.outlet_adjust`), except that the
        differences are made unit length again before this model's Euclidean k-means
        (:class:`mediastudy.TopicModel` keeps their length, which its cosine
        clustering uses only as a weight). The centres are estimated
        on the fitting sample; new articles of an outlet not in the sample, with a
        missing value, or given as plain texts get the sample's global centre.
    variants : mapping of str to str or None, default=None
        Spelling variants counted as one word, as in :class:`mediastudy.TopicModel`
        (``{"kiev": "kyiv"}``; see :func:`mediastudy.find_variants`).

    Attributes
    ----------
    n_documents_ : int
        Articles seen by ``fit``/``partial_fit``.
    document_frequency_ : ndarray of shape (n_features,)
        Articles containing each hashed term.
    idf_ : ndarray of shape (n_features,)
        Inverse document frequency (0 for dropped terms).
    sample_ids_ : ndarray of str
        Ids of the articles the LSA and k-means were fitted on.
    svd_ : TruncatedSVD
        The LSA projection (fitted on the sample's kept columns ``columns_``).
    cluster_centers_ : ndarray of shape (n_topics, n_components)
        Unit-length topic centroids in the LSA space.
    topic_labels_ : list of str
        The three most distinctive terms of each topic, e.g. ``"goal / match / striker"``
        (the format of :class:`mediastudy.TopicModel`).
    outlet_centres_ : OutletCentres or None
        With ``adjust_for``: the per-outlet centres removed before clustering.

    Examples
    --------
    >>> import pandas as pd
    >>> texts = ["goal match striker", "match goal team", "cup goal striker",
    ...          "vote election party", "party vote poll", "election poll vote"]
    >>> df = pd.DataFrame({"id": list("abcdef"), "text": texts})
    >>> model = StreamingTopicModel(n_topics=2, min_df=1, max_df=1.0, n_components=2,
    ...                             random_state=0).fit(df)
    >>> labels = model.predict(df)
    >>> bool(labels[0] == labels[1] == labels[2]) and bool(labels[3] == labels[4] == labels[5])
    True
    >>> bool(labels[0] != labels[3])
    True
    """

    @renamed_parameters(text="text_column", title="title_column", n_runs="n_init",
                        svd_sample="sample_size")
    def __init__(
        self,
        n_topics: int = 10,
        *,
        text_column: str = "text",
        title_column: str | None = "title",
        n_features: int = 2**18,
        min_df: int = 2,
        max_df: float = 0.5,
        stop_words="news",
        sublinear_tf: bool = True,
        n_components: int = 100,
        sample_size: int = 20_000,
        n_init: int = 4,
        random_state=0,
        adjust_for: str | None = None,
        variants=None,
    ) -> None:
        self.n_topics = n_topics
        self.text_column = text_column
        self.title_column = title_column
        self.n_features = n_features
        self.min_df = min_df
        self.max_df = max_df
        self.stop_words = stop_words
        self.sublinear_tf = sublinear_tf
        self.n_components = n_components
        self.sample_size = sample_size
        self.n_init = n_init
        self.random_state = random_state
        self.adjust_for = adjust_for
        self.variants = variants

    # -- parameters --------------------------------------------------------------------
    def _check_params(self) -> None:
        def positive_int(name, value):
            if isinstance(value, bool) or not isinstance(value, Integral) or value < 1:
                raise InvalidParameterError(
                    f"The '{name}' parameter of StreamingTopicModel must be a positive integer. "
                    f"Got {value!r} instead.", param=name
                )

        for name in ("n_topics", "n_features", "min_df", "n_components", "sample_size", "n_init"):
            positive_int(name, getattr(self, name))
        if self.n_topics < 2:
            raise InvalidParameterError(
                f"StreamingTopicModel needs n_topics >= 2. Got {self.n_topics}.",
                param="n_topics",
            )
        if self.adjust_for is not None and not isinstance(self.adjust_for, str):
            raise InvalidParameterError(
                "The 'adjust_for' parameter of StreamingTopicModel must be None or the name of a "
                f"column, e.g. 'outlet'. Got {self.adjust_for!r} instead.", param="adjust_for",
                value=self.adjust_for,
            )
        check_variants(self.variants, func="StreamingTopicModel")
        if not isinstance(self.max_df, Real) or not 0 < self.max_df <= 1:
            raise InvalidParameterError(
                "The 'max_df' parameter of StreamingTopicModel must be a share in (0, 1]. "
                f"Got {self.max_df!r} instead.", param="max_df"
            )

    def _stop_set(self) -> frozenset:
        return stop_word_set(self.stop_words, func="StreamingTopicModel")

    def _hash_key(self) -> str:
        seed = self.random_state if isinstance(self.random_state, Integral) else 0
        return f"{int(seed) % 10**16:016d}"

    # -- input -------------------------------------------------------------------------
    def _frame(self, X) -> pd.DataFrame:
        if isinstance(X, pd.DataFrame):
            require_columns(X, [self.text_column], func="StreamingTopicModel")
            return X
        if isinstance(X, pd.Series) or (isinstance(X, Iterable) and not isinstance(X, (str, bytes))):
            values = list(X)
            if values and not all(isinstance(v, str) for v in values):
                raise InvalidParameterError(
                    "StreamingTopicModel takes a DataFrame, a list of texts, an iterable of "
                    "DataFrames (fit only) or a dask DataFrame."
                )
            return pd.DataFrame({self.text_column: pd.Series(values, dtype=object)})
        raise InvalidParameterError(
            f"StreamingTopicModel takes a DataFrame or a list of texts. Got {type(X).__name__}."
        )

    def _documents(self, df: pd.DataFrame) -> list:
        body = df[self.text_column].tolist()
        if self.title_column is not None and self.title_column in df.columns:
            heads = df[self.title_column].tolist()
            return [f"{h}\n{b}" if isinstance(h, str) and h else b for h, b in zip(heads, body, strict=True)]
        return body

    def _ids(self, df: pd.DataFrame) -> np.ndarray:
        if "id" in df.columns:
            return df["id"].astype(str).to_numpy(dtype=object)
        # Plain texts: the text itself names the document (the same text, the same key).
        return df[self.text_column].astype(str).to_numpy(dtype=object)

    # -- fitting -------------------------------------------------------------------------
    def chunk_stats(self, X) -> _Stats:
        """What one chunk contributes to the fit (used by ``partial_fit`` and Dask)."""
        return self._chunk_stats(X)[0]

    def _chunk_stats(self, X) -> tuple[_Stats, sp.csr_matrix]:
        self._check_params()
        df = self._frame(X)
        stop = self._stop_set()
        ids = self._ids(df)
        keys = pd.util.hash_pandas_object(pd.Series(ids, dtype=object), index=False,
                                          hash_key=self._hash_key()).to_numpy()
        order = np.lexsort((ids.astype(str), keys))[: self.sample_size]
        tf, terms = _hash_documents(self._documents(df), self.n_features, stop, with_terms=True,
                                    variants=check_variants(self.variants, func="StreamingTopicModel"))
        dfreq = np.bincount(tf.indices, minlength=self.n_features).astype(np.int64)
        groups = self._groups(X, "fit")
        require_groups(groups, self.adjust_for, X, "StreamingTopicModel")
        stats = _Stats(n=len(df), df=dfreq, keys=keys[order], ids=ids[order], tf=tf[order],
                       terms=terms, groups=None if groups is None else groups[order])
        return stats, tf

    def partial_fit(self, X, y=None) -> StreamingTopicModel:
        """Add one chunk of articles to the fit.

        Document frequencies and the sample are updated at once; the LSA projection and
        the centroids are refitted from them at the end of every call, so the model can
        be used after any chunk. (:meth:`fit` with an iterable of chunks refits only
        once, at the end.)
        """
        stats = self.chunk_stats(X)
        self._stats_ = _merge_stats(getattr(self, "_stats_", None), stats, self.sample_size)
        return self._finish_fit()

    def fit(self, X, y=None) -> StreamingTopicModel:
        """Fit on a DataFrame, a list of texts, an iterable of DataFrames or a dask DataFrame."""
        self._check_params()
        if is_dask_collection(X):
            fit_stats_dask = dask_step("fit_stats")  # mediastudy.scale.distributed
            self._stats_ = fit_stats_dask(self, X)
            return self._finish_fit()
        if isinstance(X, pd.DataFrame) or isinstance(X, pd.Series):
            chunks: Iterable = [X]
        elif isinstance(X, Iterable) and not isinstance(X, (str, bytes)):
            items = iter(X)
            first = next(items, None)
            if first is None:
                raise DataError("StreamingTopicModel.fit got no articles (an empty iterable).")
            if isinstance(first, str):
                chunks = [[first, *items]]
            else:
                chunks = chain([first], items)
        else:
            raise InvalidParameterError(
                f"StreamingTopicModel.fit takes a DataFrame or chunks of them. Got {type(X).__name__}."
            )
        stats = None
        for chunk in chunks:
            stats = _merge_stats(stats, self.chunk_stats(chunk), self.sample_size)
        self._stats_ = stats
        return self._finish_fit()

    def _finish_fit(self) -> StreamingTopicModel:
        st = self._stats_
        if st is None or st.n == 0:
            raise DataError("StreamingTopicModel cannot be fitted on zero articles.")
        if len(st.ids) < self.n_topics:
            raise DataError(
                f"StreamingTopicModel needs at least n_topics={self.n_topics} articles to fit; "
                f"got {len(st.ids)}. Lower n_topics or pass more articles."
            )
        rs = check_random_state(self.random_state)
        n = st.n
        max_docs = self.max_df * n
        keep = (st.df >= self.min_df) & (st.df <= max_docs)
        idf = (np.log((1.0 + n) / (1.0 + st.df)) + 1.0).astype(np.float32)
        idf[~keep] = 0.0
        self.n_documents_ = int(n)
        self.document_frequency_ = st.df
        self.idf_ = idf
        self.sample_ids_ = st.ids.astype(str)
        sample = self._weigh(st.tf)
        cols = np.flatnonzero(np.asarray((sample != 0).sum(axis=0)).ravel() > 0)
        if len(cols) < 2:
            raise DataError(
                "StreamingTopicModel: fewer than two terms are left after min_df/max_df and the "
                "stop words. Lower min_df, raise max_df or pass more articles."
            )
        self.columns_ = cols
        Xs = sample[:, cols]
        k = int(min(self.n_components, Xs.shape[0] - 1, Xs.shape[1] - 1))
        self.svd_ = TruncatedSVD(n_components=max(k, 1), random_state=rs)
        Z = normalize(self.svd_.fit_transform(Xs))
        self.outlet_centres_ = None
        if st.groups is not None:
            self.outlet_centres_ = fit_outlet_centres(Z, st.groups)
            # Unlike TopicModel, the residuals are made unit length again: this k-means is
            # Euclidean with no cosine stage, so a residual's length would decide its
            # cluster, not only its weight (AllSides k=20, seeds 0-2: NMI against the topic
            # labels 0.382 renormalised, 0.378 not; benchmarks/README.md, issue 16).
            adjusted = self.outlet_centres_.apply(Z, st.groups)
            Z = Z if adjusted is Z else unit_rows(adjusted)
        km = KMeans(n_clusters=self.n_topics, n_init=self.n_init, random_state=rs).fit(Z)
        centers = normalize(km.cluster_centers_)
        # Order topics by size in the sample (topic 0 = largest) so ids read the same every run.
        sizes = np.bincount(np.argmax(Z @ centers.T, axis=1), minlength=self.n_topics)
        order = np.lexsort((np.arange(self.n_topics), -sizes))
        self.cluster_centers_ = centers[order]
        self.topic_labels_ = self._labels(st.terms)
        return self

    def _weigh(self, tf: sp.csr_matrix) -> sp.csr_matrix:
        X = tf.astype(np.float32, copy=True)
        if self.sublinear_tf:
            np.log(X.data, out=X.data)
            X.data += 1.0
        X = X @ sp.diags(self.idf_)
        X.eliminate_zeros()
        return normalize(X.tocsr(), copy=False)

    def _labels(self, terms: dict) -> list[str]:
        weights = self.cluster_centers_ @ self.svd_.components_  # topics x kept columns
        labels = []
        for row in weights:
            best = []
            for j in np.argsort(-row, kind="stable"):
                tok = terms.get(int(self.columns_[j]))
                if tok is not None:
                    best.append(tok)
                if len(best) == 3:
                    break
            labels.append(" / ".join(best))
        return labels

    # -- applying ------------------------------------------------------------------------
    def _check_fitted(self) -> None:
        if not hasattr(self, "cluster_centers_"):
            raise NotFittedError(
                "This StreamingTopicModel is not fitted yet: call fit(chunks) or partial_fit(chunk) "
                "before transform or predict."
            )

    def _groups(self, X, method: str) -> np.ndarray | None:
        """Values of the ``adjust_for`` column of ``X`` (None without one or for plain texts)."""
        return outlet_values(X, self.adjust_for, func=f"StreamingTopicModel.{method}")

    def transform(self, X) -> np.ndarray:
        """Unit-length LSA coordinates of each article (n_articles, n_components).

        With ``adjust_for``, the direction of each article's residual from its outlet's
        centre (its length, which weighs the article in fitting, does not change its
        topic; an article at its outlet's centre or with no known word gets zeros).
        """
        self._check_fitted()
        df = self._frame(X)
        tf, _ = _hash_documents(self._documents(df), self.n_features, self._stop_set(),
                                variants=check_variants(self.variants, func="StreamingTopicModel"))
        return self._transform_counts(tf, self._groups(X, "transform"))

    def _transform_counts(self, tf: sp.csr_matrix, groups: np.ndarray | None = None) -> np.ndarray:
        Z = normalize(self.svd_.transform(self._weigh(tf)[:, self.columns_]))
        centres = getattr(self, "outlet_centres_", None)
        if centres is None:
            return Z
        adjusted = centres.apply(Z, groups)
        return Z if adjusted is Z else unit_rows(adjusted)

    def _predict_counts(self, tf: sp.csr_matrix, groups: np.ndarray | None = None) -> np.ndarray:
        if tf.shape[0] == 0:
            return np.zeros(0, dtype=np.int64)
        Z = self._transform_counts(tf, groups)
        return np.argmax(Z @ self.cluster_centers_.T, axis=1).astype(np.int64)

    def predict(self, X) -> np.ndarray:
        """Topic of each article (int); a dask DataFrame gives a dask Series."""
        if is_dask_collection(X):
            return dask_step("predict")(self, X)  # mediastudy.scale.distributed
        Z = self.transform(X)
        if not len(Z):
            return np.zeros(0, dtype=np.int64)
        return np.argmax(Z @ self.cluster_centers_.T, axis=1).astype(np.int64)

    def fit_predict(self, X, y=None, **kwargs) -> np.ndarray:
        """Fit on ``X`` (a DataFrame or list of texts) and return its topics."""
        return self.fit(X).predict(X)

    @renamed_parameters(column="topic_column")
    def assign(self, X: pd.DataFrame, *, topic_column: str = "topic",
               topic_label_column: str = "topic_label") -> pd.DataFrame:
        """A copy of ``X`` with the topic id in ``topic_column`` and its label in
        ``topic_label_column`` (as :func:`mediastudy.assign_topics` writes them)."""
        self._check_fitted()
        if is_dask_collection(X):  # mediastudy.scale.distributed
            return dask_step("assign")(self, X, column=topic_column, label_column=topic_label_column)
        topics = self.predict(X)
        labels = np.asarray(self.topic_labels_, dtype=object)[topics] if len(topics) else []
        return X.assign(**{topic_column: topics,
                           topic_label_column: pd.array(labels, dtype="str")})
