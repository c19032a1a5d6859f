"""Stance toward named targets, scored from a cue lexicon, with the evidence behind it.

How a score is made
-------------------
1. Each text is searched for the aliases of every target (see :mod:`mediastudy.lexicon`).
   Only the units (``scope``: sentences, paragraphs or the whole text) that mention a target
   are tokenised and searched for cues.
2. A cue in a unit that mentions a target counts toward that target; with ``window=k``
   only when it is at most ``k`` words from the mention (1 = adjacent; punctuation does not
   count). It is attributed to the nearest mention of the target in the unit (one in the
   cue's own sentence first), so it counts once per target however often the target is
   named. With ``scope="article", require_mention=False`` the caller says every text is about
   every target (tweets, single sentences, a corpus already filtered to the target): a text
   that never names a target still gets one row for it, with an empty ``mention``, whose
   cues are all the cues of the text. A cue that is part of a mention (``shield`` in "the
   missile shield") does not count. Cues do not overlap: at each
   position the longest cue wins ("security threat" over "security").
3. A negator (``not``, ``no``, ``never``, ``n't``, ``hardly``, ``little``, ``lack``, ...)
   at most ``negation_window`` words before a cue, with no comma, colon, semicolon, dash,
   bracket, contrast word or sentence end in between, flips its polarity: "not provocative"
   is pro, "little support" is anti. "not only" does not negate.
4. A cue after a contrast word (``but``, ``however``, ...) in its sentence has its weight
   multiplied by ``contrast_weight``: "NATO is defensive, but reckless" leans anti.
5. Per mention: ``pro`` and ``anti`` are the summed weights of its cues. Per article and
   target: ``pro`` and ``anti`` are the sums over its mentions, and

   ``score = (pro - anti) / (pro + anti + smoothing)``

   which lies in [-1, 1] (strictly inside when ``smoothing > 0``). It depends on the balance
   of cues, not on the length of the article, and ``smoothing`` (default 1) pulls scores
   backed by little evidence toward 0: one anti cue gives -0.5, ten give -0.91. An article
   that mentions the target without any cue scores 0.0; an article that never mentions it
   gets NaN (and ``n_mentions == 0``).

Quoted speech: a cue inside an inline quotation (``"..."`` or ``“...”``) or in the corpus'
``quotes`` column (block quotes the loader takes out of the body) is marked quoted, and
counted separately in ``pro_quoted`` / ``anti_quoted``, so an outlet's own voice
(``pro - pro_quoted``) can be told from the voices it quotes; ``quoted="exclude"`` scores
the own voice only. ``voices=True`` also gives each mention its ``voice`` (the outlet, or the
speaker of the quotation or reported speech holding it: :mod:`mediastudy.stance.voice`); the
article scores include every voice (``StanceResult.voice == "all"``).
"""

from __future__ import annotations

import numbers
import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

import numpy as np
import pandas as pd

from ..checks import check_choice, check_int, require_columns
from ..deprecation import renamed_parameters
from ..errors import DataError, InvalidParameterError
from ..glossary import shared_docs
from ..text.sentences import TOKEN_PATTERN, in_spans, quote_spans, sentence_spans
from ._matching import NearestMention, compiled_lexicon, inside_name
from .lexicon import Lexicon, load_lexicon

__all__ = ["score_stance", "StanceResult"]

ARTICLE_COLUMNS = (
    "id", "target", "n_mentions", "n_quoted", "pro", "anti", "score", "pro_quoted",
    "anti_quoted",
)  # fmt: skip
MENTION_COLUMNS = (
    "id", "target", "part", "sentence_index", "sentence", "mention", "start", "end", "quoted",
    "cues", "matched", "polarities", "negated", "cue_quoted", "cue_weights", "pro", "anti",
    "weight",
)  # fmt: skip

# Tokens that end a negation scope: "not only that, NATO is reckless" is not negated.
_SCOPE_BREAKS = frozenset(",;:()[]\u2014\u2013")
# "not only reckless but also ..." is not a negation of "reckless".
_NOT_NEGATING_AFTER_NOT = frozenset(("only", "just", "merely", "simply"))


@dataclass(frozen=True)
class StanceResult:
    """What :func:`score_stance` returns: two tidy tables.

    Attributes
    ----------
    articles : DataFrame
        One row per (article, target), every article included:
        ``id, target, n_mentions, n_quoted, pro, anti, score, pro_quoted, anti_quoted``.
        ``score`` is NaN when ``n_mentions == 0``.
    mentions : DataFrame
        One row per target mention, the evidence: ``id, target, part`` (``"text"`` or
        ``"quotes[i]"``), ``sentence_index`` (within the part), ``sentence`` (whitespace
        made single; of a sentence longer than 4,000 characters only the 2,000 either side of
        the mention, cut ends marked "…"), ``mention, start, end`` (character offsets of the
        mention in the part), ``quoted`` (the mention
        is in quoted speech), the lists ``cues`` (lexicon entries), ``matched`` (the words
        as written), ``polarities`` (after negation), ``negated``, ``cue_quoted``,
        ``cue_weights`` (signed: + pro, - anti, contrast applied), and ``pro, anti,
        weight`` (= pro - anti). Per article and target, ``pro`` and ``anti`` sum to the
        article's.
    smoothing : float
        The ``smoothing`` the scores were computed with.
    voice : str
        Whose words the scores count: ``"all"`` (score_stance: the outlet's own and every
        voice it quotes), or the ``voice`` of :func:`mediastudy.stance.voice.stance_by_voice`.
        With ``voices=True`` the mentions have a ``voice`` column ("outlet" or a speaker).
    """

    articles: pd.DataFrame
    mentions: pd.DataFrame
    smoothing: float = 1.0
    voice: str = "all"

    def __repr__(self) -> str:
        targets = list(pd.unique(self.articles["target"])) if len(self.articles) else []
        n_articles = self.articles["id"].nunique() if len(self.articles) else 0
        return (
            f"StanceResult(articles: {len(self.articles):,} rows for {n_articles:,} articles x "
            f"{len(targets)} targets {targets}, mentions: {len(self.mentions):,} rows)"
        )


@renamed_parameters(text="text_column", id="id_column", quotes="quotes_column",
                    contrast="contrast_weight")
@shared_docs
def score_stance(
    corpus: pd.DataFrame,
    lexicon: Lexicon | Mapping[str, Any] | str | os.PathLike[str],
    *,
    text_column: str = "text",
    id_column: str = "id",
    quotes_column: str | None = "quotes",
    window: int | None = None,
    negation_window: int = 3,
    contrast_weight: float = 2.0,
    smoothing: float = 1.0,
    quoted: str = "include",
    voices: bool | pd.DataFrame = False,
    scope: str = "sentence",
    require_mention: bool = True,
    min_cues: int = 0,
    progress: bool = False,
) -> StanceResult:
    """Score each article's stance toward each target of a lexicon, keeping the evidence.

    See the module docstring for the rules and the score formula.

    Parameters
    ----------
    corpus : DataFrame
        One row per article, with at least the ``id`` and ``text`` columns (the corpus
        schema of :mod:`mediastudy.schema`). It is not modified.
    lexicon : Lexicon, dict or path
        Targets and cues; anything :func:`mediastudy.load_lexicon` accepts.
    .. glossary:: text_column id_column
    quotes_column : str or None, default "quotes"
        Column holding lists of block quotes, scored as quoted speech. Ignored when the
        column is absent or ``None`` is passed.
    window : int or None
        None: a cue counts for every target named in its unit (see ``scope``). An int: only
        when at most ``window`` words separate cue and mention (still within the unit).
    negation_window : int
        How many words before a cue a negator may stand to flip it (0 turns negation off).
    contrast_weight : float
        Weight multiplier (> 0) for cues after a contrast word in the sentence (1 turns it
        off).
    smoothing : float
        The ``k`` in ``score = (pro - anti) / (pro + anti + k)``; must be >= 0.
    quoted : {"include", "exclude", "only"}
        Which cues count: all, only the outlet's own voice, or only quoted speech.
    voices : bool or DataFrame
        True: give each mention its ``voice`` ("outlet" or the speaker's name) from
        :func:`mediastudy.extract_quotes` (or pass its table); see
        :mod:`mediastudy.stance.voice`. The article scores include every voice either way.
    scope : {"sentence", "paragraph", "article"}, default "sentence"
        How far from a mention a cue counts: in the mention's sentence, in its paragraph
        (text between blank lines), or anywhere in the text. Negation and contrast stay
        within the cue's sentence in every scope.
    require_mention : bool, default True
        False (only with ``scope="article"``): every text is about every target, so a text
        that never names one is scored from all its cues (``n_mentions`` is then 1).
    min_cues : int, default 0
        Fewest cues an article's score must rest on: an article with fewer (for a target
        it mentions) gets a NaN score. 0 keeps every score (no cue: 0.0).
    progress : bool
        Show a progress bar (tqdm) over the articles.

    Returns
    -------
    StanceResult
        ``.articles`` (one row per article and target) and ``.mentions`` (one row per
        mention, with its cues): see :class:`StanceResult`.

    Examples
    --------
    >>> corpus = pd.DataFrame({"id": ["a1", "a2", "a3"], "text": [
    ...     "NATO is not aggressive. The alliance is defensive, but reckless.",
    ...     "Critics say the alliance threatens peace.",
    ...     "Nothing about it here."]})
    >>> lexicon = {"targets": {"NATO": ["NATO", "the alliance"]},
    ...            "cues": {"pro": ["defensive"], "anti": ["aggressive", "reckless",
    ...                                                    "threaten*"]}}
    >>> result = score_stance(corpus, lexicon)
    >>> result.articles[["id", "n_mentions", "pro", "anti", "score"]]
       id  n_mentions  pro  anti  score
    0  a1           2  2.0   2.0    0.0
    1  a2           1  0.0   1.0   -0.5
    2  a3           0  0.0   0.0    NaN
    >>> result.mentions[["id", "mention", "cues", "negated", "cue_weights"]]
       id       mention                   cues         negated  cue_weights
    0  a1          NATO           [aggressive]          [True]        [1.0]
    1  a1  The alliance  [defensive, reckless]  [False, False]  [1.0, -2.0]
    2  a2  the alliance            [threaten*]         [False]       [-1.0]

    Tweets about one target rarely name it the way a lexicon does: score the whole text.

    >>> tweets = pd.DataFrame({"id": [1, 2], "text": ["So reckless. Not defensive at all.",
    ...                                               "Defensive, as ever."]})
    >>> score_stance(tweets, lexicon, scope="article", require_mention=False).articles[
    ...     ["id", "pro", "anti", "score"]].round(2)
       id  pro  anti  score
    0   1  0.0   2.0  -0.67
    1   2  1.0   0.0   0.50
    """
    func = "score_stance"
    text, id, quotes = text_column, id_column, quotes_column
    require_columns(corpus, [id, text], func=func, param="corpus")
    lex = load_lexicon(lexicon)
    check_choice(quoted, ("include", "exclude", "only"), func=func, param="quoted")
    check_int(window, func=func, param="window", low=0, optional=True)
    check_int(negation_window, func=func, param="negation_window", low=0)
    window = None if window is None else int(window)
    for name, value, positive in (("contrast_weight", contrast_weight, True),
                                  ("smoothing", smoothing, False)):
        ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
        if not ok or not (value > 0 if positive else value >= 0) or np.isinf(value):
            raise InvalidParameterError(
                f"The '{name}' parameter of {func} must be a finite number "
                f"{'> 0' if positive else '>= 0'}. Got {value!r}.", param=name
            )
    if corpus[id].isna().any():
        raise DataError(
            f"{func}: the '{id}' column has missing ids; every article needs one to join "
            "the scores back (e.g. corpus.assign(id=corpus.index.astype(str)))."
        )

    check_choice(scope, SCOPES, func=func, param="scope")
    check_int(min_cues, func=func, param="min_cues", low=0)
    if require_mention not in (True, False):
        raise InvalidParameterError(
            f"The 'require_mention' parameter of {func} must be True or False. "
            f"Got {require_mention!r} instead.", param="require_mention", value=require_mention,
        )  # fmt: skip
    if not require_mention and scope != "article":
        raise InvalidParameterError(
            f"{func}: require_mention=False (the whole text is about every target) needs "
            f"scope='article'. Got scope={scope!r}.",
            param="require_mention", value=require_mention,
        )  # fmt: skip
    scorer = _Scorer(compiled_lexicon(lex), window, negation_window, float(contrast_weight), quoted,
                     scope, not require_mention)  # fmt: skip
    texts = corpus[text].tolist()
    ids = corpus[id].tolist()
    quote_lists = corpus[quotes].tolist() if quotes is not None and quotes in corpus else None
    rows = enumerate(zip(ids, texts, strict=True))
    if progress:
        from ..progress import progress_bar as tqdm

        rows = tqdm(rows, total=len(ids), desc="score_stance", unit="article")
    for row, (article_id, body) in rows:
        if isinstance(body, str) and body:
            scorer.score_text(row, article_id, body, "text", False)
        if quote_lists is not None:
            for q, quote in enumerate(_as_list(quote_lists[row])):
                if isinstance(quote, str) and quote:
                    scorer.score_text(row, article_id, quote, f"quotes[{q}]", True)
    result = scorer.result(corpus[id], float(smoothing))
    if min_cues:
        n = result.articles[["id", "target"]].merge(
            cue_counts(result.mentions), on=["id", "target"], how="left")["n_cues"].fillna(0)
        articles = result.articles.assign(
            score=result.articles["score"].where(n.to_numpy() >= min_cues))  # fmt: skip
        result = StanceResult(articles, result.mentions, result.smoothing)
    if voices is not False:
        from .voice import with_voices

        result = with_voices(result, corpus, voices, text_column=text, id_column=id)
    return result


def cue_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """The number of cues counted per article and target (``id, target, n_cues``), from the
    mentions table of :func:`score_stance`."""
    n = mentions["cues"].map(len) if len(mentions) else pd.Series([], dtype="int64")
    out = mentions[["id", "target"]].assign(n_cues=n.astype("int64"))
    return out.groupby(["id", "target"], sort=False, observed=True).sum().reset_index()


SCOPES = ("sentence", "paragraph", "article")

#: A longer "sentence" (text without sentence ends) is given in each mention's row as the
#: ``MAX_SENTENCE // 2`` characters either side of the mention, cut ends marked "…": every
#: row holding the whole of it would need memory in proportion to mentions x its length.
MAX_SENTENCE = 4000


def _around(text, span, s, e):
    """The part of the sentence ``span`` around a mention at s:e, whitespace made single."""
    half = MAX_SENTENCE // 2
    lo, hi = max(span[0], s - half), min(span[1], e + half)
    part = " ".join(text[lo:hi].split())
    return ("… " if lo > span[0] else "") + part + (" …" if hi < span[1] else "")

# A blank line (only spaces between two line breaks) ends a paragraph.
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def scope_units(text, sentences, mentions, scope):
    """The units of a text in which cues count: ``(lo, hi, mentions)`` with the sentence
    indices ``lo:hi`` of the unit and the mentions ``(target, start, end)`` inside it.

    "sentence": each sentence that holds a mention; "paragraph": each paragraph (text between
    blank lines) that holds one; "article": the whole text, one unit.
    """
    if scope == "article":
        return [(0, len(sentences), mentions)]
    starts = [s for s, _ in sentences]
    if scope == "sentence":
        bounds = list(range(len(sentences) + 1))
    else:
        breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
        bounds = [0]
        for k in range(1, len(sentences)):
            if bisect_right(breaks, starts[k]) != bisect_right(breaks, starts[k - 1]):
                bounds.append(k)
        bounds.append(len(sentences))
    groups: dict[int, list] = {}
    for m in mentions:
        si = max(bisect_right(starts, m[1]) - 1, 0)
        groups.setdefault(bisect_right(bounds, si) - 1, []).append(m)
    return [(bounds[u], bounds[u + 1], groups[u]) for u in sorted(groups)]


def _as_list(value: Any) -> Iterable[Any]:
    if value is None or isinstance(value, str):
        return [value] if isinstance(value, str) else []
    if isinstance(value, float) and np.isnan(value):
        return []
    return list(value)


class _Scorer:
    """Accumulates mention rows and per-article sums while texts are scored."""

    def __init__(self, comp, window, negation_window, contrast, quoted,
                 scope="sentence", whole_text=False) -> None:  # fmt: skip
        self.comp = comp
        self.scope = scope
        self.whole_text = whole_text
        self.window = window
        self.negation_window = negation_window
        self.contrast = contrast
        self.keep_quoted = quoted != "exclude"
        self.keep_own = quoted != "only"
        self.rows: list[tuple] = []
        # (row, target index) -> [n_mentions, n_quoted, pro, anti, pro_quoted, anti_quoted]
        self.sums: dict[tuple[int, int], list[float]] = {}

    def score_text(self, row: int, article_id: Any, text: str, part: str, all_quoted: bool):
        comp = self.comp
        low = text.lower()
        if len(low) != len(text):  # a few characters (e.g. "İ") grow when lower-cased
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        mentions = []
        for ti in range(len(comp.targets)):
            mentions += [(ti, s, e) for s, e in comp.find_mentions(ti, text, low)]
        if not mentions and not self.whole_text:
            return
        sentences = sentence_spans(text)
        if not sentences:
            return
        quotes = [] if all_quoted else quote_spans(text)
        quote_starts = [s for s, _ in quotes]
        starts = [s for s, _ in sentences]  # once a text, not once a unit: thousands of units
        for lo, hi, in_unit in scope_units(text, sentences, mentions, self.scope):
            self._unit(row, article_id, text, low, part, sentences, starts, lo, hi, in_unit,
                       all_quoted, quotes, quote_starts)  # fmt: skip

    def _unit(self, row, article_id, text, low, part, sentences, starts, lo, hi, mentions,
              all_quoted, quotes, quote_starts):  # fmt: skip
        """Score the sentences ``lo:hi`` of a text (one scope unit) for their mentions."""
        comp = self.comp
        s0 = sentences[lo][0]
        s1 = max(sentences[hi - 1][1], max((e for _, _, e in mentions), default=0))
        # Tokens of the lower-cased unit: same length as the original, so offsets agree.
        seg = low[s0:s1].replace("\u2019", "'")
        # Tokenise the pieces between mention edges, so each mention is a run of whole tokens.
        cuts = sorted({x - s0 for _, s, e in mentions for x in (s, e)})
        tokens: list[str] = []
        token_at: dict[int, int] = {}
        pos = 0
        for cut in cuts:
            tokens += TOKEN_PATTERN.findall(seg, pos, cut)
            token_at[cut] = len(tokens)
            pos = cut
        tokens += TOKEN_PATTERN.findall(seg, pos)
        # Mentions as token ranges; their tokens cannot be cues.
        per_target: dict[int, list[list]] = {}
        blocked: set[int] = set()
        for ti, s, e in sorted(mentions, key=lambda m: m[1]):
            a = token_at[s - s0]
            b = max(token_at[e - s0], a + 1)
            blocked.update(range(a, b))
            quoted = all_quoted or in_spans(s, quotes, quote_starts)
            si = max(bisect_right(starts, s) - 1, 0)
            per_target.setdefault(ti, []).append([a, b, s, e, quoted, [], si])
        if self.whole_text:  # the caller says the text is about every target
            for ti in range(len(comp.targets)):
                per_target.setdefault(ti, [[-1, -1, 0, 0, all_quoted, [], -1]])

        cue_hits = []
        matches = comp.match_cues(tokens, blocked)
        if matches:
            tstarts = []
            pos = 0
            for cut in [*cuts, len(seg)]:
                tstarts += [m.start() for m in TOKEN_PATTERN.finditer(seg, pos, cut)]
                pos = cut
            # first token of each sentence of the unit: negation and contrast stop there
            firsts = [bisect_left(tstarts, sentences[k][0] - s0) for k in range(lo, hi)]
            contrasts = [k for k, t in enumerate(tokens) if t in comp.contrast]
            for a, b, c in matches:
                pos = s0 + tstarts[a]
                cue_quoted = all_quoted or in_spans(pos, quotes, quote_starts)
                if not (self.keep_quoted if cue_quoted else self.keep_own):
                    continue
                k = bisect_right(firsts, a) - 1
                first, cue_si = firsts[k], lo + k
                if comp.lower_case[c] and text[pos].isupper() and inside_name(
                        text, tokens, tstarts, s0, a, b, first,
                        firsts[k + 1] if k + 1 < len(firsts) else len(tokens)):
                    continue  # "the United States" holds no "united"
                negated = self._negated(tokens, a, first)
                sign = comp.sign[c] * (-1.0 if negated else 1.0)
                k = bisect_left(contrasts, first)
                after_contrast = k < len(contrasts) and contrasts[k] < a
                weight = comp.cues[c].weight * (self.contrast if after_contrast else 1.0)
                matched = text[pos : s0 + tstarts[b - 1] + len(tokens[b - 1])]
                cue_hits.append((a, b, c, matched, negated, cue_quoted, sign * weight, cue_si))

        words, said = None, {}
        for ti, ments in per_target.items():
            nearest = None
            for a, b, c, matched, negated, cue_quoted, signed, cue_si in cue_hits:
                ct = comp.cue_target[c]
                if ct != -1 and ct != ti:
                    continue
                if len(ments) == 1 and (self.window is None or ments[0][0] < 0):
                    best = ments[0]
                else:  # the nearest mention, one in the cue's own sentence first
                    if nearest is None:
                        words = words or list(accumulate((t[:1].isalnum() for t in tokens),
                                                         initial=0))  # fmt: skip
                        nearest = NearestMention(ments, words)
                    best, best_d = nearest.nearest(a, b, cue_si)
                    if self.window is not None and best_d[1] > self.window:
                        continue
                best[5].append((c, matched, negated, cue_quoted, signed))
            for a, _b, s, e, quoted, cues, si in ments:
                if a < 0:  # no mention: the evidence is the whole text
                    sentence, si = " ".join(text.split()), 0
                elif sentences[si][1] - sentences[si][0] > MAX_SENTENCE:
                    sentence = _around(text, sentences[si], s, e)
                elif si in said:  # many mentions of one long sentence share its string
                    sentence = said[si]
                else:
                    sentence = said[si] = " ".join(text[sentences[si][0] : sentences[si][1]].split())
                self._emit(row, article_id, ti, part, si, sentence, text[s:e], s, e, quoted,
                           cues)  # fmt: skip

    def _negated(self, tokens: list[str], a: int, first: int = 0) -> bool:
        if self.negation_window == 0:
            return False
        comp = self.comp
        words = 0
        k = a - 1
        while k >= first and words < self.negation_window:
            tok = tokens[k]
            if tok in _SCOPE_BREAKS or tok in comp.contrast:
                return False
            if tok in comp.negators or tok.endswith("n't"):
                return not (k + 1 < a and tokens[k + 1] in _NOT_NEGATING_AFTER_NOT)
            if tok[:1].isalnum():
                words += 1
            k -= 1
        return False

    def _emit(self, row, article_id, ti, part, si, sentence, mention, s, e, quoted, cues):
        comp = self.comp
        pro = anti = pro_q = anti_q = 0.0
        for *_, cue_quoted, w in cues:
            if w > 0:
                pro += w
                pro_q += w if cue_quoted else 0.0
            else:
                anti -= w
                anti_q -= w if cue_quoted else 0.0
        self.rows.append((
            article_id, comp.targets[ti], part, si, sentence, mention, s, e, quoted,
            [comp.cues[c].text for c, *_ in cues],
            [m for _, m, *_ in cues],
            ["pro" if w > 0 else "anti" for *_, w in cues],
            [neg for _, _, neg, _, _ in cues],
            [q for _, _, _, q, _ in cues],
            [w for *_, w in cues],
            pro, anti, pro - anti,
        ))  # fmt: skip
        acc = self.sums.get((row, ti))
        if acc is None:
            acc = self.sums[(row, ti)] = [0, 0, 0.0, 0.0, 0.0, 0.0]
        acc[0] += 1
        acc[1] += bool(quoted)
        acc[2] += pro
        acc[3] += anti
        acc[4] += pro_q
        acc[5] += anti_q

    def result(self, ids: pd.Series, smoothing: float) -> StanceResult:
        n_targets = len(self.comp.targets)
        n_rows = len(ids)
        table = np.zeros((n_rows, n_targets, 6))
        for (row, ti), acc in self.sums.items():
            table[row, ti] = acc
        flat = table.reshape(n_rows * n_targets, 6)
        pro, anti = flat[:, 2], flat[:, 3]
        with np.errstate(invalid="ignore", divide="ignore"):
            score = (pro - anti) / (pro + anti + smoothing)
        score = np.where(flat[:, 0] > 0, score, np.nan)
        # Only pro == anti == 0 with smoothing 0 divides 0 by 0: a mention without cues.
        score = np.where((flat[:, 0] > 0) & (pro + anti == 0), 0.0, score)
        articles = pd.DataFrame(
            {
                "id": ids.repeat(n_targets).reset_index(drop=True),
                "target": pd.Series(
                    np.tile(np.array(self.comp.targets, dtype=object), n_rows), dtype="str"
                ),  # fmt: skip
                "n_mentions": flat[:, 0].astype(np.int64),
                "n_quoted": flat[:, 1].astype(np.int64),
                "pro": flat[:, 2],
                "anti": flat[:, 3],
                "score": score,
                "pro_quoted": flat[:, 4],
                "anti_quoted": flat[:, 5],
            }
        )
        mentions = pd.DataFrame(self.rows, columns=list(MENTION_COLUMNS))
        for col in ("target", "part", "sentence", "mention"):
            mentions[col] = mentions[col].astype("str")
        for col in ("sentence_index", "start", "end"):
            mentions[col] = mentions[col].astype(np.int64)
        mentions["quoted"] = mentions["quoted"].astype(bool)
        for col in ("pro", "anti", "weight"):
            mentions[col] = mentions[col].astype(np.float64)
        if len(mentions):
            mentions["id"] = mentions["id"].astype(ids.dtype)
        else:
            mentions["id"] = pd.Series([], dtype=ids.dtype)
        return StanceResult(articles, mentions, smoothing)
