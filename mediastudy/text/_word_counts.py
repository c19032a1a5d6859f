"""Words counted per group of articles, as scikit-learn's ``CountVectorizer()`` counts them
(private; :func:`mediastudy.keyness` uses it).

Whitespace never occurs inside a word, so each group's whitespace-separated pieces are
counted first and only each distinct piece is lower-cased and split into words. pyarrow cuts
and counts the pieces when it can take the texts (no Python string per piece: about half the
time); otherwise ``Counter`` does. Both give the same matrix: pyarrow cuts at ASCII
whitespace only, but a longer piece holds the same words, and lower-casing a piece gives what
lower-casing the whole text gives there (a final sigma looks no further than the whitespace).
"""

from __future__ import annotations

import re

import numpy as np

_WORD = re.compile(r"(?u)\b\w\w+\b")  # CountVectorizer's token_pattern


def count_words(texts, codes, n_groups: int) -> tuple:
    """Groups x words counts and the words.

    Row ``g`` sums the counts of the texts (a pandas Series of str) whose code is ``g``: the
    same words (lower-cased, two or more letters or digits) in the same alphabetical order,
    and the same counts as CountVectorizer's matrix summed by group (``None, None`` when
    there is no word)."""
    found = _arrow_pieces(texts, codes, n_groups)
    if found is None:
        found = _python_pieces(texts, codes, n_groups)
    return _words_of_pieces(*found)


def _arrow_texts(texts):
    """The texts as one pyarrow large_string array, or None when pyarrow cannot take them (a
    lone surrogate)."""
    import pyarrow as pa

    data = None
    array = texts.array
    if hasattr(array, "__arrow_array__"):  # pandas' str and string dtypes
        try:
            data = array.__arrow_array__()
        except (TypeError, ValueError, pa.ArrowException):
            data = None
        if data is not None and not (pa.types.is_string(data.type)
                                     or pa.types.is_large_string(data.type)):  # fmt: skip
            data = None
    if data is None:
        try:
            data = pa.array(texts.tolist(), type=pa.large_string())
        except (TypeError, ValueError, pa.ArrowException):  # UnicodeEncodeError is a ValueError
            return None
    data = data.cast(pa.large_string())
    if isinstance(data, pa.ChunkedArray):
        data = data.combine_chunks()
    return data


def _arrow_pieces(texts, codes, n_groups):
    """(the distinct pieces lower-cased, groups x pieces counts) by pyarrow, or None."""
    import pyarrow.compute as pc
    from scipy import sparse

    data = _arrow_texts(texts)
    if data is None:
        return None
    split = pc.ascii_split_whitespace(data)
    per_text = pc.list_value_length(split).to_numpy(zero_copy_only=False).astype(np.int64)
    encoded = pc.dictionary_encode(split.flatten())
    pieces = [p.lower() for p in encoded.dictionary.to_pylist()]
    n_pieces = len(pieces)
    key = np.repeat(np.asarray(codes, dtype=np.int64) * n_pieces, per_text)
    key += encoded.indices.to_numpy(zero_copy_only=False)
    key, counts = np.unique(key, return_counts=True)  # sorted: by group, then piece
    group = key // max(n_pieces, 1)
    by_piece = sparse.csr_matrix(
        (counts.astype(np.float64), key - group * n_pieces,
         np.searchsorted(group, np.arange(n_groups + 1))),
        shape=(n_groups, n_pieces),
    )  # fmt: skip
    return pieces, by_piece


def _python_pieces(texts, codes, n_groups):
    """(the distinct pieces lower-cased, groups x pieces counts) by ``Counter`` (in C)."""
    from collections import Counter

    import pandas as pd
    from scipy import sparse

    counted = [Counter() for _ in range(n_groups)]
    for text, code in zip(texts, codes, strict=True):
        counted[code].update(text.lower().split())
    keys, values, indptr = [], [], [0]
    for group in counted:
        keys.extend(group)
        values.extend(group.values())
        indptr.append(len(keys))
    columns, pieces = pd.factorize(np.asarray(keys, dtype=object))  # each piece's number
    by_piece = sparse.csr_matrix(
        (np.asarray(values, dtype=np.float64), columns.astype(np.int64, copy=False),
         np.asarray(indptr, dtype=np.int64)),
        shape=(n_groups, len(pieces)),
    )  # fmt: skip
    return pieces, by_piece


def _words_of_pieces(pieces, by_piece) -> tuple:
    """Groups x words counts from groups x pieces counts: each piece split into words once."""
    from scipy import sparse

    vocabulary: dict[str, int] = {}
    word = vocabulary.setdefault
    rows, cols = [], []
    findall = _WORD.findall
    for i, piece in enumerate(pieces):
        for w in findall(piece):
            rows.append(i)
            cols.append(word(w, len(vocabulary)))
    if not vocabulary:
        return None, None
    words = sorted(vocabulary)
    new = np.empty(len(words), dtype=np.int64)
    new[[vocabulary[w] for w in words]] = np.arange(len(words))
    piece_words = sparse.csr_matrix(
        (np.ones(len(rows)), (np.asarray(rows, dtype=np.int64), new[np.asarray(cols, dtype=np.int64)])),
        shape=(len(pieces), len(words)),
    )  # fmt: skip
    x = (by_piece @ piece_words).tocsr()
    x.sum_duplicates()
    x.sort_indices()
    return x, np.asarray(words, dtype=object)
