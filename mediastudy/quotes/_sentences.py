"""Sentence starts and ends around a cue or a quotation (private).

:class:`Doc` is the text of one article; its sentence boundaries are found once, when first
needed, and each look-up then bisects them instead of scanning the neighbourhood again.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate
from operator import add

from ._words import _ABBREV

__all__ = ["Doc", "_BOUNDARY", "_sentence_start", "_sentence_end", "_ends_no_sentence"]


class Doc(str):
    """The text of one article, with its sentence ends found once (one scan, in C) when first
    needed, so each cue looks them up by bisection instead of scanning its neighbourhood
    again."""

    _bounds: tuple | None = None
    _names: dict | None = None

    def known_names(self) -> dict:
        """Word -> whether it is a name in this text (``_attribute._proper_noun``), filled in
        as words are asked about; under the key "\\0", the nationalities the text writes as
        surnames (``_words._adjective``)."""
        if self._names is None:
            self._names = {}
        return self._names

    def bounds(self):
        """(ends, starts) of the sentence-boundary matches (an abbreviation's full stop among
        them: see :func:`_ends_no_sentence`)."""
        if self._bounds is None:
            self._bounds = _boundaries(self)
        return self._bounds


def _ends_no_sentence(text, k):
    """The mark at k is a full stop that ends no sentence: the last word of the 8 characters
    before it, its own dots dropped, is an abbreviation ("Mr.", "U.S.")."""
    if text[k] != "." or (k >= 5 and text[k - 5:k].isalpha()):
        return False  # (a word of 5 letters or more is no abbreviation)
    word = text[max(0, k - 8):k].rsplit(None, 1)
    return bool(word) and word[-1].lower().rstrip(".") in _ABBREV


def _match_positions(split, text):
    """(ends, starts) of the matches of ``split`` (a pattern in one capturing group, whose
    matches are never empty): the running lengths of the pieces ``split`` cuts, all in C."""
    pos = list(accumulate(map(len, split(text))))
    return pos[1::2], pos[0:-1:2]


# What may follow the first end mark of a sentence (a run of marks is read from its first mark
# only). Possessive runs: each character is read once.
_AFTER_MARK = r"(?<![.!?]{2})[.!?]*+[\"\u201d\u2019')\]*]*+(?=\s+[\"\u201c\u2018(*]?[A-Z0-9])"
# A line break, or an end mark followed by the start of a sentence
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=\n)|" + _AFTER_MARK + ")")
# The same matches, found one mark at a time: the engine runs to a pattern's first character
# much faster when it is one character than when it is a class of four (a third of the time
# of the scan on news). A match of one mark takes in no other match's start (it reads on over
# marks that follow a mark, and closing quotes and brackets; a line break it only looks at), so
# the matches of all marks are the matches of _BOUNDARY. Every line break is a match.
_MARK_SPLITS = tuple((mark, re.compile(f"({re.escape(mark)}{_AFTER_MARK})").split) for mark in ".!?")


def _boundaries(text):
    """(ends, starts) of the matches of :data:`_BOUNDARY` in ``text``, in text order."""
    ends, starts = [], []
    for mark, split in _MARK_SPLITS:
        if mark in text:
            e, s = _match_positions(split, text)
            ends += e
            starts += s
    if "\n" in text:
        # a break's position: the lengths of the lines before it, and one per break before it
        lines = list(accumulate(map(len, text.split("\n"))))
        breaks = list(map(add, lines[:-1], range(len(lines) - 1)))
        starts += breaks
        ends += [p + 1 for p in breaks]
    # the matches do not overlap: their ends are in the order of their starts
    starts.sort()
    ends.sort()
    return ends, starts


_bisect_left, _bisect_right = bisect.bisect_left, bisect.bisect_right


def _sentence_start(text, pos, floor):
    """Start of the sentence holding pos (searching back to floor, at most 600 characters)."""
    lo = pos - 600 if pos - 600 > floor else floor
    after, starts = text._bounds or text.bounds()
    i = _bisect_right(after, pos) - 1
    # a boundary at or before lo gives lo whichever it is: stop there (a run of abbreviations
    # would otherwise be walked back over from every cue, quadratic in their number); the
    # first test of _ends_no_sentence is made here, without a call, for the commonest answer
    while i >= 0 and after[i] > lo:
        k = starts[i]
        if text[k] != "." or (k >= 5 and text[k - 5:k].isalpha()) or not _ends_no_sentence(text, k):
            break
        i -= 1
    best = after[i] if i >= 0 and after[i] > lo else lo
    while best < pos and text[best].isspace():
        best += 1
    return best


def _sentence_end(text, pos, ceil):
    """End of the sentence holding pos (at most 800 characters on)."""
    hi = pos + 800 if pos + 800 < ceil else ceil
    after, mstarts = text._bounds or text.bounds()
    i = _bisect_left(mstarts, pos)
    n = len(mstarts)
    while i < n and mstarts[i] < hi:
        k = mstarts[i]
        if text[k] != "." or (k >= 5 and text[k - 5:k].isalpha()) or not _ends_no_sentence(text, k):
            break
        i += 1
    if i < n and mstarts[i] < hi:
        s = mstarts[i]
        return s if text[s] == "\n" else after[i]
    return hi
