"""A lexicon compiled for matching: alias expressions and a first-word index of the cues
(private to :mod:`mediastudy.stance`)."""

from __future__ import annotations

import re
from bisect import bisect_left

from .lexicon import Cue, Lexicon

# How much longer than its text an alias may be in an article (extra whitespace between words).
_WHITESPACE_SLACK = 40


class _Compiled:
    """A lexicon turned into lookup tables: built once per Lexicon, reused."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.targets = list(lexicon.targets)
        self.target_index = {name: i for i, name in enumerate(self.targets)}
        self.patterns: list[re.Pattern[str]] = []
        self.needles: list[tuple[str, ...]] = []
        self.reach: list[int] = []
        for target in lexicon.targets.values():
            aliases = sorted(target.aliases, key=len, reverse=True)
            parts = []
            for alias in aliases:
                words = []
                for word in alias.split():
                    if word.endswith("*"):
                        words.append(re.escape(word[:-1]) + r"\w*")
                    else:
                        words.append(re.escape(word))
                body = r"\s+".join(words)
                parts.append(body if target.alias_is_case_sensitive(alias) else f"(?i:{body})")
            self.patterns.append(re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"))
            # Every mention contains the longest word of its alias: that word is searched for
            # with str.find in the lower-cased text (fast, in C) and the alias expression is
            # only tried around the places it occurs.
            needles = {max(alias.replace("*", " ").split(), key=len).lower() for alias in aliases}
            self.needles.append(tuple(sorted(needles)))
            self.reach.append(max(len(alias) for alias in aliases) + _WHITESPACE_SLACK)
        self.cues: list[Cue] = list(lexicon.cues)
        self.sign = [1.0 if c.polarity == "pro" else -1.0 for c in self.cues]
        # a cue written in lower case is a word, never part of a name (see inside_name); not
        # a learned one (z set): learn_lexicon counts its words in every case
        self.lower_case = [c.text[:1].islower() and c.z is None for c in self.cues]
        self.cue_target = [-1 if c.target is None else self.target_index[c.target] for c in self.cues]
        # First-token index: exact first words in a dict, wildcard first words by stem.
        self.first_exact: dict[str, list[int]] = {}
        self.first_prefix: dict[str, list[int]] = {}
        for i, cue in enumerate(self.cues):
            word, is_prefix = cue.words[0]
            table = self.first_prefix if is_prefix else self.first_exact
            table.setdefault(word, []).append(i)
        self.prefix_lengths = sorted({len(w) for w in self.first_prefix}, reverse=True)
        self._candidates: dict[str, list[int]] = {}
        self.negators = lexicon.negators
        self.contrast = lexicon.contrast

    def find_mentions(self, ti: int, text: str, low: str) -> list[tuple[int, int]]:
        """Character spans of the mentions of target ``ti``, left to right, not overlapping.

        ``low`` is ``text`` lower-cased with the same length."""
        places = []
        for needle in self.needles[ti]:
            q = low.find(needle)
            while q != -1:
                places.append(q)
                q = low.find(needle, q + 1)
        if not places:
            return []
        pattern, reach, size = self.patterns[ti], self.reach[ti], len(text)
        # Windows of `reach` characters around each place, merged where they overlap.
        places.sort()
        windows = []
        for q in places:
            lo, hi = max(0, q - reach), min(size, q + reach)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = hi
            else:
                windows.append([lo, hi])
        out: list[tuple[int, int]] = []
        for lo, hi in windows:
            for m in pattern.finditer(text, lo, hi):
                s, e = m.span()
                # the lookbehind sees text before `lo`, but the window's end could cut a word
                if (e < hi or hi == size) and (not out or s >= out[-1][1]):
                    out.append((s, e))
        return out

    def candidates(self, token: str) -> list[int]:
        """Cues whose first word matches ``token``, longest first (memoised per token)."""
        found = self._candidates.get(token)
        if found is None:
            found = list(self.first_exact.get(token, ()))
            for n in self.prefix_lengths:
                if n <= len(token):
                    found.extend(self.first_prefix.get(token[:n], ()))
            found.sort(key=lambda i: -len(self.cues[i].words))
            self._candidates[token] = found
        return found

    def match_cues(self, tokens: list[str], blocked: set[int]) -> list[tuple[int, int, int]]:
        """Non-overlapping cue matches ``(first token, end token, cue)``, left to right,
        the longest cue winning at each position, never covering a ``blocked`` token."""
        out = []
        cache, cues = self._candidates, self.cues
        i, n = 0, len(tokens)
        while i < n:
            found = cache.get(tokens[i])
            if found is None:
                found = self.candidates(tokens[i])
            if not found or i in blocked:
                i += 1
                continue
            hit = None
            for c in found:
                words = cues[c].words
                end = i + len(words)
                if end > n:
                    continue
                ok = True
                for k in range(1, len(words)):
                    word, is_prefix = words[k]
                    tok = tokens[i + k]
                    if (i + k) in blocked or not (tok.startswith(word) if is_prefix else tok == word):
                        ok = False
                        break
                if ok:
                    hit = (i, end, c)
                    break
            if hit is None:
                i += 1
            else:
                out.append(hit)
                i = hit[1]
        return out


def inside_name(text: str, tokens: list[str], starts: list[int], offset: int, a: int, b: int,
                first: int, end: int) -> bool:
    """Whether the cue at tokens ``a..b`` is written as part of a name: a capital inside the
    sentence, followed by another capitalised word ("the United States", "the Free Russia
    Foundation"), in a sentence that is not in title case ("NATO Expansion Threatens Peace"
    keeps its cue). A capital at a sentence's start, or after a colon, a quotation mark, a
    bracket or a dash, says nothing ("United States officials" keeps it), nor one with no
    capitalised word after it ("Western Russophobes", "Manchester United's"); words in
    capitals are emphasis or acronyms, not names' words ("OBSOLETE AND UNFAIR").

    ``tokens`` are the lower-cased tokens of a stretch of ``text`` whose token ``k`` starts at
    ``text[offset + starts[k]]``; the sentence runs from token ``first`` to ``end`` (exclusive). Only
    called for a cue written in lower case: one written with a capital matches anywhere.
    """
    def capital(k: int) -> bool:  # "United", not "UNFAIR" (emphasis) nor "NATO"
        word = text[offset + starts[k]:offset + starts[k] + len(tokens[k])]
        return word[:1].isupper() and word[:1].isalpha() and not (len(word) > 1 and word.isupper())

    if not capital(a) or a == first:
        return False
    before = tokens[a - 1]
    if not (before[:1].isalnum() or before in (",", "'s")):
        return False  # after a quotation mark, a colon, a bracket, a dash: may start a clause
    if not (b < end and capital(b)):
        return False  # "Western Russophobes", "Russophobic": a capital of its own
    # title case: every word but the short ones titles leave small is capitalised
    words = [k for k in range(first, end) if tokens[k][:1].isalpha() and tokens[k] not in _SMALL_WORDS]
    return not (len(words) >= 3 and all(text[offset + starts[k]].isupper() for k in words))


#: Words a title in title case leaves in lower case ("War of the Words", "Talks on Ukraine").
_SMALL_WORDS = frozenset(
    "a an the and but or nor for so yet as at by in of off on per to up via with from into over "
    "than vs".split())


def compiled_lexicon(lexicon: Lexicon) -> _Compiled:
    if lexicon._compiled is None:
        lexicon._compiled = _Compiled(lexicon)
    return lexicon._compiled


class NearestMention:
    """The nearest of a target's mentions to each cue, as ``_Scorer`` defines it: one in the
    cue's own sentence first, then the fewest words between (1 when adjacent, 0 when they
    overlap), then the earliest in the text. Found by bisection instead of measuring every
    mention from every cue, which grew with the square of a long sentence full of both.

    ``mentions`` are ``[a, b, ..., si]`` lists (token range first, sentence index last) in text
    order; ``words[i]`` is the number of word tokens (starting with a letter or digit) before
    token ``i``.
    """

    def __init__(self, mentions: list, words: list[int]) -> None:
        self.words = words
        self.every = self._index(mentions)
        by_sentence: dict[int, list] = {}
        for m in mentions:
            by_sentence.setdefault(m[-1], []).append(m)
        self.by_sentence = {si: self._index(ms) for si, ms in by_sentence.items()}

    def _index(self, mentions: list) -> tuple:
        starts = [m[0] for m in mentions]
        max_end, best = [], []  # over mentions[:i + 1]: the largest end; the earliest latest word
        top_end, top = -1, None
        for i, m in enumerate(mentions):
            top_end = max(top_end, m[1])
            if top is None or self.words[m[1]] > self.words[mentions[top][1]]:
                top = i
            max_end.append(top_end)
            best.append(top)
        return mentions, starts, max_end, best

    def distance(self, mention: list, a: int, b: int) -> int:
        if b <= mention[0]:
            return 1 + self.words[mention[0]] - self.words[b]
        if a >= mention[1]:
            return 1 + self.words[a] - self.words[mention[1]]
        return 0

    def nearest(self, a: int, b: int, si: int) -> tuple[list, tuple[bool, int]]:
        """The nearest mention to the cue at tokens ``a..b`` in sentence ``si``, and its key."""
        own = self.by_sentence.get(si)
        mentions, starts, max_end, best = own if own is not None else self.every
        k = bisect_left(starts, b)  # mentions[:k] start before the cue ends
        if k and max_end[k - 1] > a:  # one overlaps the cue: the earliest such, at distance 0
            m = next(m for m in mentions[:k] if m[1] > a)
            return m, (m[-1] != si, 0)
        found = None
        if k:
            found = mentions[best[k - 1]]
        if k < len(mentions):
            after = mentions[k]
            if found is None or self.distance(after, a, b) < self.distance(found, a, b):
                found = after
        return found, (found[-1] != si, self.distance(found, a, b))
