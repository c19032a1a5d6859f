"""Spelling and transliteration variants: one word for "Kiev" and "Kyiv".

Outlets spell the same thing differently ("Kiev" / "Kyiv", "Donbass" / "Donbas",
"defence" / "defense"). Left alone, a topic model sees two words, and a topic
can form around one outlet's spelling. ``TopicModel(variants={"kiev": "kyiv"})``
counts every variant as its canonical word before the vocabulary is built, in
``fit`` and in ``transform`` alike. :func:`find_variants` lists candidate pairs
in a corpus for a person to review; nothing is merged without being asked.
"""

from __future__ import annotations

import re
import warnings
from collections import defaultdict
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..checks import follow_variants
from ..errors import InvalidParameterError
from ..text.spelling import edit_distance

__all__ = ["check_variants", "find_variants"]

_WORD = re.compile(r"^\w+$")
_CONTEXT_WORDS = 3000  # context profiles over the commonest words: enough to tell subjects apart
#: Longest word considered (letters). The longest candidates in the real corpora have 25
#: ("dailycallernewsfoundation" on AllSides); a longer run of letters is markup or junk, and its
#: one-letter deletions (one string per letter, each as long) would grow with its square.
MAX_WORD_LETTERS = 40
#: Most words sharing one deletion key whose pairs are compared. In the real corpora a key is
#: shared by at most 19 words (AllSides, 46,593 candidate words); thousands sharing one key
#: (made-up input: "abc" plus every letter of an alphabet) would give millions of pairs.
MAX_KEY_WORDS = 100


def check_variants(variants: object, *, func: str = "TopicModel") -> dict[str, str]:
    """The ``variants`` mapping, lower-cased, with chains followed to their end.

    ``{"kiev": "kyiv", "kyyiv": "kiev"}`` gives ``{"kiev": "kyiv", "kyyiv": "kyiv"}``.
    A word mapped to itself, or words mapped round in a cycle (``a -> b -> a``), are
    an :class:`~mediastudy.errors.InvalidParameterError`, as are keys or values that are
    not single words (counting splits text into ``\\w+`` words).
    """
    if variants is None:
        return {}
    if not isinstance(variants, Mapping):
        raise InvalidParameterError(
            f"The 'variants' parameter of {func} must be a mapping of a variant to its "
            f"canonical word, e.g. {{'kiev': 'kyiv'}}. Got {type(variants).__name__} instead.",
            param="variants", value=variants,
        )
    lowered: dict[str, str] = {}
    for key, value in variants.items():
        if not (isinstance(key, str) and isinstance(value, str) and _WORD.match(key) and _WORD.match(value)):
            raise InvalidParameterError(
                f"The 'variants' parameter of {func} must map single words to single words "
                f"(letters, digits, underscore). Got {key!r}: {value!r}.",
                param="variants", value={key: value},
            )
        key, value = key.lower(), value.lower()
        if lowered.get(key, value) != value:
            raise InvalidParameterError(
                f"The 'variants' parameter of {func} maps {key!r} to both {lowered[key]!r} and "
                f"{value!r} (after lower-casing); keep one.",
                param="variants", value={key: value},
            )
        lowered[key] = value
    return follow_variants(lowered, func=func, given=dict(variants))


def _deletion_keys(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


def find_variants(
    corpus: pd.DataFrame,
    *,
    text_column: str = "text",
    outlet_column: str = "outlet",
    min_count: int = 5,
    max_distance: int = 2,
    min_similarity: float = 0.5,
    min_split: float = 0.3,
    top_n: int | None = 50,
) -> pd.DataFrame:
    """Candidate spelling variants: similar words used in the same contexts by different outlets.

    A pair of words is listed when

    - they are at most ``max_distance`` edits apart (insert, delete or replace a
      letter) and each is 4 to 40 letters long (``MAX_WORD_LETTERS``) and in
      ``min_count`` articles;
    - they appear in near-identical contexts: ``context_similarity``, the cosine
      between the words' co-occurrence profiles (how often each other word shares
      an article with them, weighted by idf), is at least ``min_similarity``;
    - their use is split by outlet: ``outlet_split``, the total variation distance
      between the outlets of the articles using one word and those using the other
      (0: the same outlets in the same proportions, 1: no outlet uses both), is at
      least ``min_split``. Plurals and other forms every outlet uses score low here.

    Review the list before passing it on as ``TopicModel(variants=...)``: a pair can
    be two different words (two surnames one letter apart). Nothing is applied here.

    The work grows with the number of words and their length, not with their square:
    pairs are found through shared one-letter deletions, and a deletion shared by more
    than 100 words (``MAX_KEY_WORDS``; at most 19 in the real corpora, made-up text can
    have thousands) is skipped with a warning naming how many words it holds.

    Parameters
    ----------
    corpus : DataFrame
        Articles with ``text_column`` and ``outlet_column``.
    text_column : str, default="text"
        Column of the article text.
    outlet_column : str, default="outlet"
        Column of the outlet.
    min_count : int, default=5
        Fewest articles each word of a pair must appear in.
    max_distance : int, default=2
        Largest edit distance between the two words (1 or 2).
    min_similarity : float, default=0.5
        Smallest context similarity listed.
    min_split : float, default=0.3
        Smallest outlet split listed.
    top_n : int or None, default=50
        Keep the pairs with the highest ``score`` (``context_similarity *
        outlet_split``); None keeps all.

    Returns
    -------
    DataFrame
        One row per pair, best first: ``term`` (the commoner spelling), ``variant``,
        ``n_term``, ``n_variant`` (articles using each), ``edit_distance``,
        ``context_similarity``, ``outlet_split``, ``score``, ``term_outlet`` and
        ``variant_outlet`` (the outlet using each word most, relative to its size).
        ``dict(zip(table["variant"], table["term"]))`` is a ``variants`` mapping.

    Examples
    --------
    >>> import pandas as pd
    >>> from mediastudy import find_variants
    >>> rows = [("A", f"kiev talks on the grain corridor and shelling near kiev day {i}")
    ...         for i in range(6)]
    >>> rows += [("B", f"kyiv talks on the grain corridor and shelling near kyiv day {i}")
    ...          for i in range(6)]
    >>> corpus = pd.DataFrame(rows, columns=["outlet", "text"])
    >>> find_variants(corpus, min_count=3)[["term", "variant", "outlet_split"]].values.tolist()
    [['kiev', 'kyiv', 1.0]]
    """
    import scipy.sparse as sp

    from ..checks import check_int, require_columns
    from ..text.stopwords import news_stop_words
    from . import _counting

    func = "find_variants"
    require_columns(corpus, [text_column, outlet_column], func=func, param="corpus")
    check_int(min_count, func=func, param="min_count")
    check_int(max_distance, func=func, param="max_distance")
    for name, value in (("min_similarity", min_similarity), ("min_split", min_split)):
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise InvalidParameterError(
                f"The '{name}' parameter of {func} must be a number in [0, 1]. Got {value!r} instead.",
                param=name, value=value,
            )
    check_int(top_n, func=func, param="top_n", optional=True)
    columns = ["term", "variant", "n_term", "n_variant", "edit_distance", "context_similarity",
               "outlet_split", "score", "term_outlet", "variant_outlet"]
    texts = corpus[text_column].where(corpus[text_column].map(lambda t: isinstance(t, str)), "")
    counts, words = _counting.count_words([(None, texts.tolist())])
    presence = counts.tocsc()
    presence.data[:] = 1.0
    df = np.asarray(presence.sum(axis=0)).ravel()
    stop = news_stop_words()
    keep = [j for j, w in enumerate(words) if df[j] >= min_count and 4 <= len(w) <= MAX_WORD_LETTERS
            and w.isalpha() and w not in stop]
    by_key: dict[str, list[int]] = defaultdict(list)
    for j in keep:
        for key in _deletion_keys(words[j]):
            by_key[key].append(j)
    pairs = set()
    crowded = [group for group in by_key.values() if len(group) > MAX_KEY_WORDS]
    if crowded:
        warnings.warn(
            f"{func}: {len(crowded)} spelling key(s) are shared by more than {MAX_KEY_WORDS} words "
            f"each ({len({j for group in crowded for j in group}):,} words in all, e.g. "
            f"{', '.join(repr(words[j]) for j in crowded[0][:3])}); pairs among them are not "
            "compared (that many near-identical words is not how spellings vary; it would take "
            "time with the square of their number). Check the text column for generated or "
            "garbled text.", UserWarning, stacklevel=2,
        )
    for group in by_key.values():
        if len(group) > MAX_KEY_WORDS:
            continue
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                a, b = sorted((group[x], group[y]))
                pairs.add((a, b))
    pairs = {(a, b) for a, b in pairs if edit_distance(words[a], words[b]) <= max_distance}
    if not pairs:
        return pd.DataFrame(columns=columns)
    outlets = corpus[outlet_column].astype("string").fillna("(missing)")
    codes, names = pd.factorize(outlets.to_numpy(), sort=True)
    n_docs = len(corpus)
    onehot = sp.csr_matrix((np.ones(n_docs), (codes, np.arange(n_docs))), shape=(len(names), n_docs))
    cand = sorted({j for pair in pairs for j in pair})
    pos = {j: i for i, j in enumerate(cand)}
    by_outlet = np.asarray((onehot @ presence[:, cand]).toarray())  # outlets x candidates
    outlet_share = np.bincount(codes, minlength=len(names)) / n_docs
    # co-occurrence profiles over the commonest context words (idf-weighted), dense and small
    idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
    context = np.asarray(keep, dtype=np.int64)
    context = context[np.argsort(-df[context], kind="stable")[:_CONTEXT_WORDS]]
    weighted = (presence[:, context] @ sp.diags(idf[context])).tocsc()
    profiles = np.asarray((presence[:, cand].T @ weighted).toarray(), dtype=np.float64)
    column = {j: c for c, j in enumerate(context)}
    rows = []
    for a, b in pairs:
        pa, pb = profiles[pos[a]].copy(), profiles[pos[b]].copy()
        for j in (a, b):
            if j in column:
                pa[column[j]] = pb[column[j]] = 0.0
        denom = np.linalg.norm(pa) * np.linalg.norm(pb)
        similarity = float(pa @ pb / denom) if denom else 0.0
        if similarity < min_similarity:
            continue
        ua, ub = by_outlet[:, pos[a]], by_outlet[:, pos[b]]
        split = float(0.5 * np.abs(ua / ua.sum() - ub / ub.sum()).sum())
        if split < min_split:
            continue
        lift_a, lift_b = ua / ua.sum() / outlet_share, ub / ub.sum() / outlet_share
        term, variant, lt, lv = (a, b, lift_a, lift_b) if df[a] >= df[b] else (b, a, lift_b, lift_a)
        if df[a] == df[b] and words[b] < words[a]:
            term, variant, lt, lv = b, a, lift_b, lift_a
        rows.append((words[term], words[variant], int(df[term]), int(df[variant]),
                     edit_distance(words[a], words[b]), round(similarity, 4), round(split, 4),
                     round(similarity * split, 4), str(names[int(np.argmax(lt))]),
                     str(names[int(np.argmax(lv))])))
    table = pd.DataFrame(rows, columns=columns)
    table = table.sort_values(["score", "term", "variant"], ascending=[False, True, True], kind="stable")
    if top_n is not None:
        table = table.head(top_n)
    return table.reset_index(drop=True)
