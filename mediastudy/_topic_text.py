"""Fast sparse TF-IDF for the topic model (private).

scikit-learn's ``TfidfVectorizer`` looks every token up in a Python loop. For
unigrams it is several times faster to split on runs of word characters
(``\\w+``), count each article's tokens with :class:`collections.Counter`
(implemented in C) and look up only the distinct words. Words that are too
short, start with a digit or are stop words are dropped once per vocabulary
entry, not once per token. The matrix is float32 CSR from start to end.

N-grams (``ngram_range`` other than ``(1, 1)``) take a slower path, because
stop words must be removed before adjacent words are paired.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

_WORDS = re.compile(r"\w+")


def _keep_word(word: str, stop_words: frozenset[str]) -> bool:
    """A unigram is a vocabulary candidate: 2+ characters, starts with a letter."""
    return len(word) > 1 and word[0].isalpha() and word not in stop_words


def _tokens(doc: str, ngram_range: tuple[int, int], stop_words: frozenset[str]) -> list[str]:
    """All n-grams of one article (slow path, used when ngram_range != (1, 1))."""
    words = [w for w in _WORDS.findall(doc.lower()) if _keep_word(w, stop_words)]
    lo, hi = ngram_range
    out: list[str] = words if lo == 1 else []
    for n in range(max(lo, 2), hi + 1):
        out.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return out


def count_words(
    texts: Iterable[str],
    *,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: frozenset[str] = frozenset(),
    vocabulary: dict[str, int] | None = None,
) -> tuple[sp.csr_matrix, list[str]]:
    """Count words per article.

    With ``vocabulary=None`` the vocabulary grows as words are met and is
    returned unfiltered (column ``j`` is ``terms[j]``); with a vocabulary only
    its words are counted and ``terms`` is returned as given.
    """
    unigrams = tuple(ngram_range) == (1, 1)
    if vocabulary is None:
        vocab: dict[str, int] = defaultdict()
        vocab.default_factory = vocab.__len__  # a new word gets the next column
        lookup = None
    else:
        vocab = vocabulary
        lookup = vocab.get
    indices = array("i")
    counts = array("i")
    indptr = array("q", [0])
    for doc in texts:
        if unigrams:
            counter = Counter(_WORDS.findall(doc.lower()))
        else:
            counter = Counter(_tokens(doc, ngram_range, stop_words))
        if lookup is None:
            indices.extend(map(vocab.__getitem__, counter.keys()))
            counts.extend(counter.values())
        else:
            for word, n in counter.items():
                j = lookup(word)
                if j is not None:
                    indices.append(j)
                    counts.append(n)
        indptr.append(len(indices))
    n_cols = len(vocab)
    matrix = sp.csr_matrix(
        (
            np.frombuffer(counts, dtype=np.int32).astype(np.float32),
            np.frombuffer(indices, dtype=np.int32),
            np.frombuffer(indptr, dtype=np.int64),
        ),
        shape=(len(indptr) - 1, n_cols),
    )
    if vocabulary is None:
        terms = [""] * n_cols
        for word, j in vocab.items():
            terms[j] = word
    else:
        terms = sorted(vocab, key=vocab.__getitem__)
    return matrix, terms


def select_terms(
    counts: sp.csr_matrix,
    terms: Sequence[str],
    *,
    stop_words: frozenset[str],
    min_df: int | float,
    max_df: int | float,
    max_features: int | None,
) -> np.ndarray:
    """Column indices kept after the word, stop-word and document-frequency filters.

    Returned in alphabetical order of the terms, so the vocabulary does not
    depend on the order in which articles were read.
    """
    n_docs = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    low = min_df if isinstance(min_df, int | np.integer) else np.ceil(min_df * n_docs)
    high = max_df if isinstance(max_df, int | np.integer) else np.floor(max_df * n_docs)
    keep = (df >= low) & (df <= high)
    for j in np.flatnonzero(keep):
        word = terms[j]
        if " " not in word and not _keep_word(word, stop_words):
            keep[j] = False
    cols = np.flatnonzero(keep)
    if max_features is not None and len(cols) > max_features:
        totals = np.asarray(counts.sum(axis=0)).ravel()[cols]
        # most frequent first; ties broken alphabetically so the choice is stable
        order = sorted(range(len(cols)), key=lambda i: (-totals[i], terms[cols[i]]))
        cols = cols[np.sort(np.asarray(order[:max_features]))]
    return np.asarray(sorted(cols, key=lambda j: terms[j]), dtype=np.int64)


def tfidf(counts: sp.csr_matrix, idf: np.ndarray, *, sublinear_tf: bool) -> sp.csr_matrix:
    """Weight counts (changed in place) by (1 + log tf) or tf, times idf; unit-length rows."""
    out = counts if counts.dtype == np.float32 else counts.astype(np.float32)
    if sublinear_tf:
        np.log(out.data, out=out.data)
        out.data += 1.0
    out.data *= idf.astype(np.float32, copy=False)[out.indices]
    return normalize(out, norm="l2", copy=False)


def smooth_idf(counts: sp.csr_matrix) -> np.ndarray:
    """log((1 + n) / (1 + df)) + 1, as in scikit-learn's smoothed idf."""
    n_docs = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    return (np.log((1.0 + n_docs) / (1.0 + df)) + 1.0).astype(np.float32)
