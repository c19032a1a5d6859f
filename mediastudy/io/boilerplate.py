"""Boilerplate: sentences an outlet repeats word for word across many of its articles.

Outlets paste the same background paragraph, disclaimer or promotion into story after
story (RT's "Kiev insists the Russian offensive was completely unprovoked." stands in 206
of its 1,628 articles of 2022). Left in, such sentences become a topic of their own and
weigh on word counts. :func:`find_boilerplate` lists them per outlet, with how many
articles carry each, so a researcher can read them before removing anything;
:func:`remove_boilerplate` returns a new corpus without them.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from ..checks import require_columns
from ..deprecation import renamed_parameters, warn_renamed
from ..errors import InvalidParameterError
from ..text.sentences import sentence_spans

__all__ = ["find_boilerplate", "remove_boilerplate"]

_SPACES = re.compile(r"\s+")
BOILERPLATE_COLUMNS = ["outlet", "sentence", "n_articles", "share", "outlet_articles"]


@renamed_parameters(min_articles="min_repeats")
def find_boilerplate(
    corpus: pd.DataFrame,
    *,
    min_share: float = 0.05,
    min_repeats: int = 20,
    min_words: int = 5,
) -> pd.DataFrame:
    """The sentences each outlet repeats word for word across many of its articles.

    Parameters
    ----------
    corpus : DataFrame
        Columns ``outlet`` and ``text`` (the corpus schema).
    min_share : float
        A sentence is boilerplate for an outlet when at least this share of the outlet's
        articles contain it ...
    min_repeats : int, default 20
        ... and at least this many of them (so a small outlet's one repeat is not).
        (Called ``min_articles`` before 0.2; elsewhere ``min_articles`` is the fewest
        articles a group needs before its number is reported.)
    min_words : int
        Shorter sentences ("Read more.", "Photo: AP.") are left alone.

    Returns
    -------
    DataFrame
        One row per outlet and sentence: ``outlet``, ``sentence`` (spaces normalised),
        ``n_articles`` (articles containing it), ``share`` (of the outlet's articles),
        ``outlet_articles``; most frequent first.

    Examples
    --------
    >>> corpus = pd.DataFrame({"outlet": ["A"] * 4, "text": [
    ...     "Prices rose. The agency was founded in 1990 in Brenn.",
    ...     "Talks failed. The agency was founded in 1990 in Brenn.",
    ...     "Snow fell.  The agency was founded in  1990 in Brenn.",
    ...     "A quiet day."]})
    >>> find_boilerplate(corpus, min_repeats=2)[["sentence", "n_articles", "share"]]
                                      sentence  n_articles  share
    0  The agency was founded in 1990 in Brenn.           3   0.75
    """
    return _find_boilerplate(corpus, min_share=min_share, min_repeats=min_repeats, min_words=min_words)[0]


def _find_boilerplate(corpus, *, min_share=0.05, min_repeats=20, min_words=5):
    """:func:`find_boilerplate`'s table, and for each row of ``corpus`` (by position) whether
    its text holds one of its outlet's boilerplate sentences: what :func:`remove_boilerplate`
    needs to leave the other texts alone without splitting them into sentences again (on the
    Ukraine corpus 397 of the 2,477 texts of outlets with boilerplate hold any)."""
    require_columns(corpus, ["outlet", "text"], func="find_boilerplate", param="corpus")
    if not 0 < min_share <= 1:
        raise InvalidParameterError(
            f"The 'min_share' parameter of find_boilerplate must be in (0, 1]. Got {min_share!r}.",
            param="min_share"
        )
    for name, value in (("min_repeats", min_repeats), ("min_words", min_words)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise InvalidParameterError(
                f"The '{name}' parameter of find_boilerplate must be an int >= 1. Got {value!r}.", param=name
            )
    rows = []
    hits = np.zeros(len(corpus), dtype=bool)
    texts_by_row = corpus["text"].reset_index(drop=True)
    outlets = corpus["outlet"].reset_index(drop=True)
    for outlet, texts in texts_by_row.groupby(outlets, sort=True, observed=True):
        counts: Counter[str] = Counter()
        held = []
        for text in texts:
            found = _long_sentences(text, min_words) if isinstance(text, str) else set()
            counts.update(found)
            held.append(found)
        need = max(min_repeats, min_share * len(texts))
        common = {s for s, n in counts.items() if n >= need}
        rows += [(outlet, s, counts[s], counts[s] / len(texts), len(texts)) for s in common]
        if common:
            hits[texts.index.to_numpy()] = [not common.isdisjoint(found) for found in held]
    out = pd.DataFrame(rows, columns=BOILERPLATE_COLUMNS)
    out = out.sort_values(["n_articles", "outlet", "sentence"], ascending=[False, True, True])
    return out.reset_index(drop=True).astype({"n_articles": "int64", "outlet_articles": "int64"}), hits


def remove_boilerplate(corpus: pd.DataFrame, boilerplate: pd.DataFrame | None = None, **find_options):
    """A new corpus whose texts lack their outlet's boilerplate sentences.

    Parameters
    ----------
    corpus : DataFrame
        Columns ``outlet`` and ``text``; ``n_words`` is recomputed when present.
    boilerplate : DataFrame, optional
        What to remove: :func:`find_boilerplate`'s table, read and perhaps trimmed by
        hand. By default it is found with ``find_options``.
    **find_options
        ``min_share``, ``min_repeats``, ``min_words``: how :func:`find_boilerplate` finds the
        sentences when ``boilerplate`` is not given. Found this way, only the texts that hold
        one of their outlet's sentences are split into sentences again.

    Returns
    -------
    DataFrame
        A copy of ``corpus`` with the sentences taken out of ``text`` (paragraph breaks
        kept), ``n_words`` updated, and a column ``n_boilerplate`` (sentences removed
        from the article; an article of nothing but boilerplate is left with no text).
        ``.attrs["boilerplate"]`` holds the table used. The input is not changed.

    Examples
    --------
    >>> corpus = pd.DataFrame({"outlet": ["A"] * 3, "text": [
    ...     "Prices rose. The agency was founded in 1990 in Brenn.",
    ...     "Talks failed.\\n\\nThe agency was founded in 1990 in Brenn.",
    ...     "A quiet day."]})
    >>> clean = remove_boilerplate(corpus, min_repeats=2)
    >>> clean["text"].tolist(), clean["n_boilerplate"].tolist()
    (['Prices rose.', 'Talks failed.', 'A quiet day.'], [1, 1, 0])
    """
    require_columns(corpus, ["outlet", "text"], func="remove_boilerplate", param="corpus")
    hits = None
    if boilerplate is None:
        if "min_articles" in find_options:  # (find_boilerplate's name for min_repeats before 0.2)
            warn_renamed("remove_boilerplate", "min_articles", "min_repeats")
            find_options["min_repeats"] = find_options.pop("min_articles")
        unknown = sorted(set(find_options) - {"min_share", "min_repeats", "min_words"})
        if unknown:
            raise InvalidParameterError(
                f"remove_boilerplate got unknown option(s) {', '.join(map(repr, unknown))}; the options "
                "of find_boilerplate are min_share, min_repeats and min_words.", param=unknown[0])
        boilerplate, hits = _find_boilerplate(corpus, **find_options)
    elif find_options:
        raise InvalidParameterError(
            "remove_boilerplate: pass either 'boilerplate' or options to find it, not both.",
            param="boilerplate",
        )
    else:
        require_columns(boilerplate, ["outlet", "sentence"], func="remove_boilerplate", param="boilerplate")
    remove: dict[object, set[str]] = {}
    for outlet, sentence in zip(boilerplate["outlet"], boilerplate["sentence"], strict=True):
        remove.setdefault(outlet, set()).add(_SPACES.sub(" ", str(sentence)).strip())
    texts, removed = [], []
    for i, (outlet, text) in enumerate(zip(corpus["outlet"], corpus["text"], strict=True)):
        drop = remove.get(outlet)
        if not drop or not isinstance(text, str) or (hits is not None and not hits[i]):
            texts.append(text)
            removed.append(0)
            continue
        kept_text, n = _without(text, drop)
        texts.append(kept_text)
        removed.append(n)
    out = corpus.copy()
    out["text"] = pd.Series(texts, index=corpus.index, dtype=corpus["text"].dtype)
    out["n_boilerplate"] = np.asarray(removed, dtype="int64")
    if "n_words" in out.columns:
        changed = out["n_boilerplate"].to_numpy() > 0
        n_words = out["n_words"].to_numpy().copy()
        n_words[changed] = [len(t.split()) for t in out.loc[changed, "text"]]
        out["n_words"] = n_words
    out.attrs = {**corpus.attrs, "boilerplate": boilerplate.to_dict("records")}
    return out


def _long_sentences(text: str, min_words: int) -> set[str]:
    """The sentences of ``text`` with at least ``min_words`` words, spaces normalised
    (:func:`_one_space`): each sentence is split into words once, and the words counted are
    the words joined."""
    found = set()
    for s, e in sentence_spans(text):
        sentence = text[s:e]
        words = sentence.split()
        if len(words) >= min_words:
            found.add(_one_space(sentence, words))
    return found


def _one_space(sentence: str, words: list[str] | None = None) -> str:
    """``sentence`` with each run of whitespace made one space (``_SPACES.sub(" ", ...)``).

    ``str.split`` and ``\\s`` know the same whitespace, so for a sentence that neither starts nor
    ends with it (``sentence_spans`` trims them) split-and-join gives the same string, at half
    the cost of the regular expression. ``words``: ``sentence.split()``, when the caller has it.
    """
    if sentence and not (sentence[0].isspace() or sentence[-1].isspace()):
        return " ".join(sentence.split() if words is None else words)
    return _SPACES.sub(" ", sentence)


def _without(text: str, drop: set[str]) -> tuple[str, int]:
    """``text`` without the sentences in ``drop``; paragraphs (blank lines) are kept."""
    paragraphs, n = [], 0
    for para in re.split(r"\n[ \t]*\n", text):
        kept = []
        for s, e in sentence_spans(para):
            if _one_space(para[s:e]) in drop:
                n += 1
            else:
                kept.append(para[s:e])
        if kept:
            paragraphs.append(" ".join(kept))
    return ("\n\n".join(paragraphs) if n else text), n
