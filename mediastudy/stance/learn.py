"""Learn stance cues from hand-coded examples: Fightin' Words log-odds with a prior.

For every word and two-word phrase of the coded texts, the log-odds ratio of its use in the
texts of one class against all the other texts is estimated with an informative Dirichlet
prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", Political Analysis 16(4), section
3.5). The prior gives every term a pseudo-count proportional to its frequency in all the coded
texts, which shrinks the estimates of rare terms toward zero; the z-score divides an estimate
by its approximate standard deviation. Terms of the pro class with ``z >= z_threshold``
become pro cues, those of the anti class anti cues, each weighted by its smoothed log-odds
ratio.
"""

from __future__ import annotations

import numbers
import warnings
from bisect import bisect_right
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..checks import check_int, require_columns
from ..errors import DataError, InvalidParameterError
from ..text.keyness import log_odds_with_prior
from ..text.sentences import encode_tokens, normalize_token, tokenize
from .lexicon import DEFAULT_CONTRAST, DEFAULT_NEGATORS, Cue, Lexicon, Target, load_lexicon

__all__ = ["learn_lexicon", "DEFAULT_LABELS"]

DEFAULT_LABELS: dict[str, str | None] = {
    "favor": "pro", "favour": "pro", "pro": "pro", "for": "pro", "support": "pro",
    "against": "anti", "anti": "anti", "oppose": "anti",
    "none": None, "neutral": None, "neither": None, "unrelated": None,
}  # fmt: skip
"""How :func:`learn_lexicon` reads codes by default (compared in lower case): each code to
``"pro"``, ``"anti"`` or None (neither: the text takes no side)."""


def learn_lexicon(
    examples: pd.DataFrame,
    *,
    target: str,
    text_column: str = "text",
    label_column: str = "stance",
    labels: Mapping[str, str | None] | None = None,
    aliases: list[str] | None = None,
    lexicon: Lexicon | Mapping[str, Any] | str | None = None,
    ngram: int = 2,
    min_count: int = 3,
    z_threshold: float = 1.0,
    prior: float = 0.1,
    top_n: int | None = 1000,
) -> Lexicon:
    """Learn pro and anti cues for one target from hand-coded texts.

    Every word and phrase (up to ``ngram`` consecutive words) that occurs in at least
    ``min_count`` texts is compared between the texts of each side and all the other texts
    by its log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
    2008): a term whose z-score reaches ``z_threshold`` for the pro texts becomes a pro cue,
    one that reaches it for the anti texts an anti cue. Its weight is the smoothed log-odds
    ratio, so a cue that sets the sides further apart counts more. Each text counts a term
    once. Negators and contrast words are left out (the scoring rules handle them), and so are
    terms that name the target (an alias inside them): those are dropped with a warning.

    Parameters
    ----------
    examples : DataFrame
        One row per coded text. It is not modified.
    target : str
        The target the codes are about. The learned cues count for it only.
    text_column, label_column : str
        Columns holding the texts and their codes (e.g. ``text_column="sentence",
        label_column="code"`` for a sample from :func:`mediastudy.sample_evidence`).
    labels : dict or None
        The coding scheme: each code to ``"pro"``, ``"anti"`` or None (takes no side).
        Default :data:`DEFAULT_LABELS` (favor / against / none and common spellings, in any
        case). Codes outside it raise an error, as does a missing code (NaN).
    aliases : list of str or None
        How texts name the target, when it is not yet in ``lexicon``. Default ``[target]``.
    lexicon : Lexicon, dict, path or None
        A hand-written lexicon to extend: its targets, cues, negators and contrast words are
        kept as written; a learned cue it already lists (for this target or every target) is
        left out.
    ngram : int, default 2
        Longest phrase, in words (1 = single words only).
    min_count : int, default 3
        Fewest texts a term must occur in to be considered.
    z_threshold : float, default 1.0
        Smallest z-score that makes a term a cue. The default keeps many cues, each
        weighted by how far it sets the sides apart, which scored better on the developer
        data (see benchmarks/README.md) than a strict 1.96; raise it for a shorter list.
    prior : float, default 0.1
        Strength of the prior: its pseudo-counts add up to this share of all term counts.
        Larger values shrink the estimates of rare terms more.
    top_n : int or None, default 1000
        Keep the ``top_n`` cues with the largest z-score per side (a list a person can
        still read and vet); None keeps every cue that reaches ``z_threshold``.

    Returns
    -------
    Lexicon
        For :func:`mediastudy.score_stance`; each learned cue carries its ``weight`` and
        ``z`` (see :meth:`Lexicon.to_frame`). Save it with :meth:`Lexicon.to_yaml` to vet
        and edit it by hand.

    Raises
    ------
    DataError
        Fewer than two classes, no example of the pro or the anti side (or of a code listed
        in ``labels``), a code outside the coding scheme, an empty text.
    InvalidParameterError
        A parameter out of range.

    Examples
    --------
    >>> import pandas as pd
    >>> import mediastudy as ms
    >>> examples = pd.DataFrame({
    ...     "text": ["A brave plan.", "Brave and fair.", "A fair plan."] * 3
    ...             + ["A reckless plan.", "Reckless and costly.", "Costly, again."] * 3
    ...             + ["The plan is out.", "News on the plan."] * 3,
    ...     "stance": ["favor"] * 9 + ["against"] * 9 + ["none"] * 6})
    >>> lex = ms.learn_lexicon(examples, target="plan", ngram=1, z_threshold=2)
    >>> lex.to_frame()
            cue polarity  weight target      z
    0     brave      pro  3.0748   plan  2.280
    1      fair      pro  3.0748   plan  2.280
    2  reckless     anti  3.2417   plan  2.404
    3    costly     anti  3.2417   plan  2.404
    >>> print(lex.to_yaml()[:120])
    targets:
      plan:
        aliases:
        - plan
        cues:
          pro:
          - cue: brave
            weight: 3.0748
            z: 2.28
    <BLANKLINE>
    >>> ms.score_stance(pd.DataFrame({"id": [1], "text": ["Brave, but costly."]}), lex,
    ...                 scope="article", require_mention=False).articles[["id", "score"]]
       id     score
    0   1 -0.322839
    """
    func = "learn_lexicon"
    require_columns(examples, [text_column, label_column], func=func, param="examples")
    if not isinstance(target, str) or not target.strip():
        raise InvalidParameterError(
            f"The 'target' parameter of {func} must be a non-empty string naming the target "
            f"the codes are about. Got {target!r} instead.",
            param="target", value=target,
        )  # fmt: skip
    check_int(ngram, func=func, param="ngram")
    check_int(min_count, func=func, param="min_count")
    check_int(top_n, func=func, param="top_n", optional=True)
    for name, value in (("z_threshold", z_threshold), ("prior", prior)):
        ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
        if not ok or not np.isfinite(value) or value <= 0:
            raise InvalidParameterError(
                f"The '{name}' parameter of {func} must be a finite number > 0. "
                f"Got {value!r} instead.",
                param=name, value=value,
            )  # fmt: skip

    sides = code_sides(examples[label_column], labels, func, label_column)
    texts = examples[text_column]
    bad = texts.map(lambda t: not isinstance(t, str) or not t.strip())
    if bad.any():
        first = list(texts.index[bad.to_numpy()][:3])
        raise DataError(
            f"{func}: {int(bad.sum())} example(s) have an empty or missing '{text_column}' "
            f"(index {first}{' ...' if bad.sum() > 3 else ''}). Drop them before learning "
            "(examples[examples[text_column].str.strip().astype(bool)]).",
            param="examples", value=first,
        )  # fmt: skip

    base = None if lexicon is None else load_lexicon(lexicon)
    negators = base.negators if base is not None else frozenset(map(normalize_token, DEFAULT_NEGATORS))
    contrast = base.contrast if base is not None else frozenset(map(normalize_token, DEFAULT_CONTRAST))
    if base is not None and target in base.targets:
        tgt = base.targets[target]
    else:
        tgt = Target(target, tuple(aliases) if aliases else (target,))
    alias_words = [tuple(normalize_token(t) for t in tokenize(a.replace("*", " "))) for a in tgt.aliases]

    vocab, z, delta = _fightin_words(texts.tolist(), sides.tolist(), ngram, min_count, float(prior))

    taken = {} if base is None else {
        c.words: c for c in base.cues if c.target is None or c.target == target
    }  # fmt: skip
    # each term on the side where its z-score is larger; the best top_n per side
    best_pro = z["pro"] >= z["anti"]
    best_z = np.where(best_pro, z["pro"], z["anti"])
    best_delta = np.where(best_pro, delta["pro"], delta["anti"])
    cues: list[Cue] = [] if base is None else list(base.cues)
    dropped_alias = []
    for polarity, side in (("pro", best_pro), ("anti", ~best_pro)):
        at = np.flatnonzero(side & (best_z >= z_threshold))
        kept = 0
        for i in at[np.argsort(-best_z[at], kind="stable")]:
            if top_n is not None and kept >= top_n:
                break
            term = vocab[i]
            if any(w in negators or w in contrast or w.endswith("n't") for w in term):
                continue
            if any(_contains(term, a) for a in alias_words if a):
                dropped_alias.append(" ".join(term))
                continue
            words = tuple((w, False) for w in term)
            if words in taken:
                continue
            cues.append(Cue(" ".join(term), polarity, round(float(best_delta[i]), 4), target,
                            words, z=round(float(best_z[i]), 3)))  # fmt: skip
            kept += 1
    if dropped_alias:
        warnings.warn(
            f"{func}: left out {len(dropped_alias)} cue(s) that name the target "
            f"'{target}' ({', '.join(dropped_alias[:5])}{' ...' if len(dropped_alias) > 5 else ''}): "
            "a mention of the target is never a cue for it.",
            UserWarning, stacklevel=2,
        )  # fmt: skip
    # pro cues first, then anti, each by z-score: the order people read them in
    learned = [c for c in cues if c.z is not None]
    learned.sort(key=lambda c: (c.polarity != "pro", -c.z))
    hand = [c for c in cues if c.z is None]
    targets = dict(base.targets) if base is not None else {}
    targets[target] = tgt
    return Lexicon(
        targets, tuple(hand + learned),
        negators=tuple(sorted(negators)) if base is not None else DEFAULT_NEGATORS,
        contrast=tuple(sorted(contrast)) if base is not None else DEFAULT_CONTRAST,
        source=base.source if base is not None else "<learned>",
    )  # fmt: skip


def code_sides(
    codes: pd.Series, labels: Mapping | None, func: str, column: str, need_both: bool = True
) -> pd.Series:
    """Each code as "pro", "anti" or "none"; raise on codes outside the scheme (and, with
    ``need_both``, unless pro and anti both have examples)."""
    if labels is None:
        scheme = DEFAULT_LABELS
        keys = codes.map(lambda v: v.strip().lower() if isinstance(v, str) else v)
    else:
        if not isinstance(labels, Mapping) or not labels:
            raise InvalidParameterError(
                f"The 'labels' parameter of {func} must be a non-empty dict of code to "
                f"'pro', 'anti' or None. Got {labels!r} instead.",
                param="labels", value=labels,
            )  # fmt: skip
        bad = {k: v for k, v in labels.items() if v not in ("pro", "anti", None)}
        if bad:
            raise InvalidParameterError(
                f"The 'labels' parameter of {func} maps each code to 'pro', 'anti' or None. "
                f"Got {bad!r}.",
                param="labels", value=bad, allowed=["pro", "anti", None],
            )  # fmt: skip
        scheme = dict(labels)
        keys = codes
    def known(k: Any) -> bool:
        try:
            return k in scheme and (labels is not None or isinstance(k, str))
        except TypeError:  # unhashable
            return False

    unknown = ~keys.map(known).astype(bool)
    if unknown.any():
        found = [x.item() if isinstance(x, np.generic) else x
                 for x in pd.unique(codes[unknown.to_numpy()])[:5]]  # fmt: skip
        raise DataError(
            f"{func}: the '{column}' column has codes outside the coding scheme: "
            f"{', '.join(repr(x) for x in found)} ({int(unknown.sum())} row(s)). Allowed: "
            f"{', '.join(repr(k) for k in scheme)}. Fix the codes or pass labels={{code: "
            "'pro' | 'anti' | None}.",
            param="examples", value=list(found), allowed=list(scheme),
        )  # fmt: skip
    sides = keys.map(lambda k: scheme[k] or "none")
    if not need_both:
        return sides
    present = set(sides)
    if len(present) < 2:
        raise DataError(
            f"{func}: the examples hold only one class ({', '.join(sorted(present)) or 'none'}); "
            "cues are learned by comparing classes, so code texts of at least two, "
            "including pro and anti.",
            param="examples", value=sorted(present),
        )  # fmt: skip
    missing = [s for s in ("pro", "anti") if s not in present]
    if labels is not None:
        missing += [str(k) for k in labels if k not in set(codes)]
    if missing:
        raise DataError(
            f"{func}: no example is coded {', '.join(repr(m) for m in missing)}. Each class "
            "needs examples to learn from; code some, or leave the class out of 'labels'.",
            param="examples", value=missing,
        )  # fmt: skip
    return sides


class _Terms:
    """The terms counted, decoded to word tuples on demand: ``n`` words per term, ``keys``
    its code (see :func:`_doc_frequencies`)."""

    def __init__(self, words, size, blocks) -> None:
        self.words = words
        self.size = size
        self.blocks = blocks  # (offset, n, keys, bigram keys for n == 3)
        self.offsets = [b[0] for b in blocks]

    def __getitem__(self, i: int) -> tuple[str, ...]:
        offset, n, keys, pairs = self.blocks[bisect_right(self.offsets, i) - 1]
        key = int(keys[i - offset])
        ids = [key % self.size]
        if n == 3:  # a dense bigram id, then the third word
            key = int(pairs[key // self.size])
        else:
            key //= self.size
        for _ in range(n - 1):
            ids.append(key % self.size)
            key //= self.size
        return tuple(self.words[j] for j in reversed(ids))


def _doc_frequencies(texts, sides, ngram, min_count):
    """Every word and run of up to ``ngram`` words (no punctuation, within one text) that
    occurs in at least ``min_count`` texts, with the number of texts of each side it occurs in.

    Tokens become integer ids (:func:`~mediastudy.text.sentences.encode_tokens`) and all
    counting is numpy sorting, so the work per token stays in C. Returns ``(terms, counts)``:
    a :class:`_Terms` and a dict of side to an array of counts, aligned.
    """
    words, flat, lengths = encode_tokens(texts)  # words in id order
    size = max(len(words), 1)
    is_word = np.fromiter((w[:1].isalnum() for w in words), dtype=bool, count=len(words))
    n_docs = len(lengths)
    doc = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
    side_codes = {"pro": 0, "anti": 1, "none": 2}
    side_of_doc = np.fromiter((side_codes[x] for x in sides), dtype=np.int64, count=n_docs)
    blocks, counts = [], {side: [] for side in side_codes}
    offset = 0
    key = flat
    ok = is_word[flat] if len(flat) else np.zeros(0, dtype=bool)
    pairs = None
    for n in range(1, ngram + 1):
        if n > 1:
            m = len(flat) - n + 1
            if m <= 0:
                break
            ok = ok[:m] & is_word[flat[n - 1 :]] & (doc[n - 1 :] == doc[:m])
            if n == 3:  # bigram keys made dense so that trigram keys cannot overflow
                pairs, dense = np.unique(np.where(ok, key[:m], -1), return_inverse=True)
                key = dense.reshape(-1)
            key = key[:m] * size + flat[n - 1 :]
        at = np.flatnonzero(ok)
        if not len(at):
            break
        # each text counts a term once: unique (term, text) pairs
        pair = np.sort(key[at] * n_docs + doc[at])  # np.sort: faster here than np.unique
        pair = pair[np.concatenate(([True], pair[1:] != pair[:-1]))]
        term, term_doc = pair // n_docs, pair % n_docs  # term comes sorted
        new_term = np.concatenate(([True], term[1:] != term[:-1]))
        keys, inverse = term[new_term], np.cumsum(new_term) - 1
        by_side = np.bincount(inverse * 3 + side_of_doc[term_doc], minlength=3 * len(keys))
        by_side = by_side.reshape(-1, 3)
        keep = by_side.sum(axis=1) >= min_count
        blocks.append((offset, n, keys[keep], pairs))
        offset += int(keep.sum())
        for side, j in side_codes.items():
            counts[side].append(by_side[keep, j].astype(float))
    counts = {side: np.concatenate(c) if c else np.zeros(0) for side, c in counts.items()}
    return _Terms(words, size, blocks), counts


def _fightin_words(texts, sides, ngram, min_count, prior):
    """Log-odds ratios (each side vs the rest) and their z-scores for the frequent terms."""
    vocab, y = _doc_frequencies(texts, sides, ngram, min_count)
    total = y["pro"] + y["anti"] + y["none"]
    n_all = total.sum()
    alpha = total * prior  # prior pseudo-counts, in proportion to each term's frequency
    alpha0 = alpha.sum()
    z, delta = {}, {}
    for side in ("pro", "anti"):
        y_i = y[side]
        n_i = y_i.sum()
        delta[side], z[side] = log_odds_with_prior(y_i, total - y_i, n_i, n_all - n_i, alpha, alpha0)
    return vocab, z, delta


def _contains(term: tuple[str, ...], alias: tuple[str, ...]) -> bool:
    n = len(alias)
    return any(term[i : i + n] == alias for i in range(len(term) - n + 1))
