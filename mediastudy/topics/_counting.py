"""Fast sparse TF-IDF for the topic model (private).

scikit-learn's ``TfidfVectorizer`` runs a regular expression over every text
and looks every token up in a Python loop. Here each text is split on
whitespace (``str.split``, fast), each piece numbered through a dict (C), and
only the *distinct* pieces of a chunk of articles are split into ``\\w+`` words;
a sparse product of the article-to-piece and piece-to-word matrices counts the words.
Words that are too short, start with a digit or are stop words are dropped
once per vocabulary entry, not once per token. Chunks can be counted in
worker processes. The matrix is float32 CSR from start to end.

N-grams (``ngram_range`` other than ``(1, 1)``) take a slower path, because
stop words must be removed before adjacent words are paired.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

_WORDS = re.compile(r"\w+")


def _keep_word(word: str, stop_words: frozenset[str]) -> bool:
    """A unigram is a vocabulary candidate: 2+ characters, starts with a letter."""
    return len(word) > 1 and word[0].isalpha() and word not in stop_words


def _tokens(
    doc: str, ngram_range: tuple[int, int], stop_words: frozenset[str], variants: dict[str, str] | None = None
) -> list[str]:
    """All n-grams of one article (slow path, used when ngram_range != (1, 1))."""
    words = _WORDS.findall(doc.lower())
    if variants:
        words = [variants.get(w, w) for w in words]
    words = [w for w in words if _keep_word(w, stop_words)]
    lo, hi = ngram_range
    out: list[str] = words if lo == 1 else []
    for n in range(max(lo, 2), hi + 1):
        out.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return out


def iter_texts(chunk: tuple[Sequence | None, Sequence]) -> Iterator[str]:
    """Texts of one chunk ``(titles or None, bodies)``; missing values read as ""."""
    titles, bodies = chunk
    if titles is None:
        for body in bodies:
            yield body if isinstance(body, str) else ""
        return
    # the headline is the densest statement of what an article is about
    for head, body in zip(titles, bodies, strict=True):
        head = head if isinstance(head, str) else ""
        body = body if isinstance(body, str) else ""
        yield f"{head}\n{body}" if head else body


def _growing_vocabulary() -> dict[str, int]:
    vocab: dict[str, int] = defaultdict()
    vocab.default_factory = vocab.__len__  # a new word gets the next column
    return vocab


def _count_unigrams(
    texts: Iterable[str], vocabulary: dict[str, int] | None, variants: dict[str, str] | None = None
):
    """Count ``\\w+`` words, splitting on whitespace first.

    Whitespace never occurs inside a ``\\w+`` run, so counting whitespace-separated
    pieces ("Trump's", "(AP)") and then splitting each *distinct* piece into
    words gives exactly the counts of ``re.findall(r"\\w+", text)``, with the
    regular expression run once per distinct piece instead of once per text.
    Each distinct piece is lowered there too: the pieces of a lowered text are its
    pieces lowered (lowering neither makes nor takes whitespace, and a final sigma's
    context ends at whitespace as at the end of a piece), at a fraction of the cost.
    """
    pieces = _growing_vocabulary()
    piece_id = pieces.__getitem__
    indices: list[int] = []
    indptr = [0]
    for doc in texts:
        # one entry per piece met, repeats included: the product with ``piece_words``
        # below adds them up, which is cheaper than a Counter per article
        indices += map(piece_id, doc.split())
        indptr.append(len(indices))
    by_piece = sp.csr_matrix(
        (
            np.ones(len(indices), dtype=np.float32),
            np.asarray(indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int64),
        ),
        shape=(len(indptr) - 1, len(pieces)),
    )
    del indices
    vocab = _growing_vocabulary() if vocabulary is None else vocabulary
    lookup = vocab.__getitem__ if vocabulary is None else vocab.get
    rows: list[int] = []
    cols: list[int] = []
    variant = (variants or {}).get
    for i, piece in enumerate(pieces):
        for word in _WORDS.findall(piece.lower()):
            j = lookup(variant(word, word))
            if j is not None:
                rows.append(i)
                cols.append(j)
    piece_words = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(pieces), len(vocab))
    )
    return (by_piece @ piece_words).tocsr(), vocab


def _count_ngrams(
    texts: Iterable[str],
    vocabulary: dict[str, int] | None,
    ngram_range: tuple[int, int],
    stop_words: frozenset[str],
    variants: dict[str, str] | None = None,
):
    vocab = _growing_vocabulary() if vocabulary is None else vocabulary
    lookup = vocab.__getitem__ if vocabulary is None else vocab.get
    indices: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for doc in texts:
        for gram, n in Counter(_tokens(doc, ngram_range, stop_words, variants)).items():
            j = lookup(gram)
            if j is not None:
                indices.append(j)
                counts.append(n)
        indptr.append(len(indices))
    matrix = sp.csr_matrix(
        (
            np.asarray(counts, dtype=np.float32),
            np.asarray(indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int64),
        ),
        shape=(len(indptr) - 1, len(vocab)),
    )
    return matrix, vocab


def count_chunk(
    chunk: tuple[Sequence | None, Sequence],
    ngram_range: tuple[int, int],
    stop_words: frozenset[str],
    vocabulary: dict[str, int] | None = None,
    variants: dict[str, str] | None = None,
) -> tuple[sp.csr_matrix, list[str] | None]:
    """Counts of one chunk of articles, and its own vocabulary (None when given one).

    ``variants`` maps a word to the word it is counted as (``{"kiev": "kyiv"}``).
    """
    texts = iter_texts(chunk)
    if tuple(ngram_range) == (1, 1):
        matrix, vocab = _count_unigrams(texts, vocabulary, variants)
    else:
        matrix, vocab = _count_ngrams(texts, vocabulary, ngram_range, stop_words, variants)
    if vocabulary is not None:
        return matrix, None
    # No column comes twice in a row (a sparse product, or a Counter per article), and
    # count_words renumbers the columns when it merges the chunks: sorting them here
    # would be undone there (callers sort the indices of what they keep).
    return matrix, list(vocab)  # insertion order is column order


_SHARED: tuple = ()  # (chunks, args) seen by forked workers without pickling


def _count_shared(i: int) -> tuple[sp.csr_matrix, list[str] | None]:
    chunks, args = _SHARED
    return count_chunk(chunks[i], *args)


def _use_fork() -> bool:
    """Fork workers only on Linux: on macOS system libraries are not fork-safe."""
    import multiprocessing as mp

    return sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods()


def _count_in_workers(chunks: Sequence, args: tuple, n_workers: int) -> list:
    """Count chunks in worker processes, results in chunk order.

    On Linux, forked workers start at once and read the chunks from the
    parent's memory; elsewhere joblib starts fresh interpreters.
    """
    global _SHARED
    import multiprocessing as mp

    if _use_fork():
        _SHARED = (chunks, args)
        try:
            with mp.get_context("fork").Pool(n_workers) as pool:
                return pool.map(_count_shared, range(len(chunks)), chunksize=1)
        finally:
            _SHARED = ()
    from joblib import Parallel, delayed

    return Parallel(n_jobs=n_workers)(delayed(count_chunk)(chunk, *args) for chunk in chunks)


def count_words(
    chunks: Sequence[tuple[Sequence | None, Sequence]],
    *,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: frozenset[str] = frozenset(),
    vocabulary: dict[str, int] | None = None,
    n_jobs: int | None = None,
    variants: dict[str, str] | None = None,
) -> tuple[sp.csr_matrix, list[str]]:
    """Count words per article, chunk by chunk, in ``n_jobs`` processes.

    With ``vocabulary=None`` the vocabulary is every word met, unfiltered
    (column ``j`` is ``terms[j]``); with a vocabulary only its words are counted.
    A row holds each column at most once, not necessarily in column order.
    """
    from joblib import effective_n_jobs

    if not chunks:
        terms = [] if vocabulary is None else sorted(vocabulary, key=vocabulary.__getitem__)
        return sp.csr_matrix((0, len(terms)), dtype=np.float32), terms
    args = (tuple(ngram_range), stop_words, vocabulary, variants or None)
    n_workers = min(effective_n_jobs(n_jobs), len(chunks))
    if n_workers <= 1:
        results = [count_chunk(chunk, *args) for chunk in chunks]
    else:
        results = _count_in_workers(chunks, args, n_workers)
    if vocabulary is not None:
        terms = sorted(vocabulary, key=vocabulary.__getitem__)
        return sp.vstack([m for m, _ in results], format="csr"), terms
    # merge the chunks' own vocabularies into one, renumbering their columns
    merged: dict[str, int] = _growing_vocabulary()
    data, indices, indptr = [], [], [np.zeros(1, dtype=np.int64)]
    n_rows = sum(matrix.shape[0] for matrix, _ in results)
    for matrix, words in results:
        columns = np.fromiter(map(merged.__getitem__, words), dtype=np.int32, count=len(words))
        data.append(matrix.data)
        indices.append(columns[matrix.indices])
        indptr.append(matrix.indptr[1:].astype(np.int64) + indptr[-1][-1])
    del results
    matrix = sp.csr_matrix(
        (np.concatenate(data), np.concatenate(indices), np.concatenate(indptr)),
        shape=(n_rows, len(merged)),
    )
    return matrix, list(merged)


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
