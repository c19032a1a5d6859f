"""The commonest speakers before a cue, found without tokenising (private).

Most speakers written before their cue are plain words: "Foreign Minister Sergey Lavrov
said", "Trump also said", "she has said", "the Greek coast guard said", "officials said".
:func:`._phrases._subject_before` finds them by reading the tokens of the cue's clause,
skipping auxiliaries and days back from the cue, then walking back over a name's capitalised
words, titles and particles, or to the determiner of a description. :func:`speaker_before`
gives the answer of that token walk for the same cue by reading the words before the cue as
the pieces between single spaces, as long as each piece it reads is a plain ASCII word or
number (which is then exactly one token) and the walk ends at such a word, at a mark that is a
token of its own, or at a clause start, all within the 90 characters before the cue (which
the token walk always reads). Anything else (a full stop as in "Sen.", an apostrophe, a
hyphen, two spaces, "who", a name that is also a speaker noun such as "Officials", "the" or a
preposition before a name, which may start a description: "a spokesman for the White House", an
adverb in -ly skipped with "who", "which" or "that" before it, which may open a relative clause
whose object the name is: "Voters who supported Trump overwhelmingly said") answers
:data:`UNSURE`, and the token walk decides as before. The answers are therefore the same; only
the common cases are faster (no clause start, no tokens, no match objects).
"""

from __future__ import annotations

import re

from ._words import (
    _ABBREV,
    _AUX_WORDS,
    _DAYS,
    _DETS,
    _FUNCTION,
    _LINKS,
    _MONTHS,
    _NOT_HEAD,
    _NOT_NAME,
    _NOUN_MARKERS,
    _PARTICLES,
    _PRONOUNS,
    _SPEAKER_HEADS,
    _TITLE_WORDS,
    _adverb,
    _dated,
    _plural,
)

UNSURE = object()  # the token walk must decide

# a capitalised last word that the token walk treats otherwise than as the end of a name: a
# word that opens sentences, a pronoun, a determiner, a speaker noun (a description when
# alone: "Officials said"), "who"
_OTHER_CAPITAL = frozenset(_NOT_NAME) | frozenset(_PRONOUNS)
_OTHER_CAPITAL_LOWER = (frozenset(_NOUN_MARKERS) | frozenset(_SPEAKER_HEADS)
                        | {h + "s" for h in _SPEAKER_HEADS} | {"who", "which"})
# marks that are tokens of their own (after them a clause may start: the walk ends either way)
_MARKS = frozenset(',()\u2014\u2013!?;:"\u201c\u201d\n')
_AFTER_STOP = frozenset('"\u201cABCDEFGHIJKLMNOPQRSTUVWXYZ')
# the characters after which a clause starts (as ``_phrases._clause_floor`` finds them; a full
# stop only before a capital)
_CLAUSE_STOPS = frozenset('!?;:"\u201c\u201d\n')
# a lower-case contraction, one token: "don't", "didn’t", "he'd"
_CONTRACTION = re.compile("[a-z]++(?:['\u2019][a-z]++)++")
_RELATIVE = re.compile(r"\b(?:who|which|that)\b")


def _previous(text, start, floor):
    """The piece before the one starting at ``start``: (word, its start), a mark (one
    character of :data:`_MARKS`: the walk back ends there), or :data:`UNSURE`."""
    sep = start - 1  # what separates the two
    if sep <= floor:
        return UNSURE
    if text[sep] != " ":
        return text[sep] if text[sep] in _MARKS else UNSURE  # ("\n" starts a clause)
    if text[sep - 1] in _MARKS:
        return text[sep - 1]
    k = text.rfind(" ", floor, sep)
    if k == -1:
        k = text.rfind("\n", floor, sep)  # (the first word of a paragraph)
        if k == -1:
            return UNSURE
    k, piece = _after_marks(text, k, sep)
    if piece.isascii() and piece.isalnum():
        return piece, k + 1
    if piece[-1:] == "." and piece[:-1].isascii() and piece[:-1].isalpha():
        # "Mr.", "Sen.", "J.": a clause starts after the full stop when a capital or a
        # quotation mark follows, unless it ends an abbreviation or a one-letter word
        # (as ``_phrases._clause_floor`` tells)
        if text[sep + 1] in _AFTER_STOP:
            word = text[max(0, sep - 7):sep - 1].rsplit(None, 1)  # (a mark before it counts)
            if not (word and (word[-1].lower() in _ABBREV or len(word[-1]) == 1)):
                return "."
        return piece, k + 1
    return UNSURE


def _after_marks(text, k, end):
    """(k, piece): the piece text[k + 1:end] cut after a line break or a mark that opens it
    (they are tokens of their own, and the walk back ends at them)."""
    piece = text[k + 1:end]
    if "\n" in piece:
        k += piece.rindex("\n") + 1
        piece = text[k + 1:end]
    if piece[:1] in _MARKS:
        k += 1
        piece = piece[1:]
    return k, piece


def speaker_before(text, j, cs, lo, strong):
    """The speaker ending just before a cue at ``cs`` as (start, end, kind), None for none,
    or :data:`UNSURE`. ``text[j]`` is the space before the last word before the cue (and
    ``text[cs - 1]`` the space after it); ``lo``: where the search may start; ``strong``:
    the cue is a strong reporting verb (any plain noun before it may be its speaker)."""
    if text[cs - 2] in _CLAUSE_STOPS:
        # ("...,\u201d said", "info: report"): the cue's clause starts at the space before it,
        # where the walk finds no token
        return None
    floor = cs - 90 if cs - 90 > lo else lo
    j, word = _after_marks(text, j, cs - 1)
    start = j + 1
    if not (word.isascii() and word.isalnum()):
        if word[-2:] in ("'s", "\u2019s") and word[-3:-2].isalnum():
            return None  # "Trump's remarks": the cue word is a noun here
        if _CONTRACTION.fullmatch(word):
            return None  # "they don't say": a lower-case word that is no speaker's
        return UNSURE
    # skip auxiliaries and days: "Trump also said", "she has said", "Trump on Monday said"
    adverb = False  # an adverb in -ly was skipped
    while True:
        low = word.lower()
        if low in _AUX_WORDS or (word.islower() and _adverb(low)):
            back = 1
            adverb = adverb or low not in _AUX_WORDS
        elif low in _DAYS:
            back = 1
            got = _previous(text, start, floor)
            if got is UNSURE or len(got) == 1:
                return UNSURE
            if got[0].lower() == "on":
                back = 2
        else:
            break
        for _ in range(back):
            got = _previous(text, start, floor)
            if got is UNSURE or len(got) == 1 or got[0][-1] == ".":
                return UNSURE
            word, start = got
    if adverb and _RELATIVE.search(text, floor, start):
        return UNSURE  # "Voters who supported Trump overwhelmingly said": the token walk decides
    end = start + len(word)
    if low in _NOUN_MARKERS:
        return None  # "his claim", "the report": a noun here
    if word in _PRONOUNS:
        return start, end, "pron"
    if word[0].isupper():
        if word in _OTHER_CAPITAL or low in _OTHER_CAPITAL_LOWER or not word.isalpha():
            return UNSURE
        return _name(text, word, start, end, floor)
    if word in ("who", "which"):
        return UNSURE
    if low in _NOT_HEAD:
        return None
    plural = low.endswith("s") and low[:-1] in _SPEAKER_HEADS
    if not (low in _SPEAKER_HEADS or plural or (strong and low.isalpha() and low not in _FUNCTION)):
        return None
    # a description: a determiner at most five words back ("the Greek coast guard said")
    piece, pos = word, start
    for n in range(6):
        if piece.lower() in _DETS:
            if piece.lower() == "that" and _plural(low):
                break  # "a farm that officials say": a relative pronoun, no determiner
            return pos, end, "desc"
        if n == 5:
            break
        got = _previous(text, pos, floor)
        if got is UNSURE:
            return UNSURE
        if len(got) == 1:
            break  # a mark or a clause start: no determiner
        piece, pos = got
    if _plural(low) and low in _SPEAKER_HEADS:
        return start, end, "desc"  # a bare plural: "officials said"
    return None


def _name(text, word, start, end, floor):
    """A name whose last word is ``word``: back over capitalised words, titles and particles."""
    names = [word]  # the name's words, last first
    starts = [start]
    before = None  # the word before the name, if a word
    before_start = 0
    while True:
        got = _previous(text, starts[-1], floor)
        if got is UNSURE:
            return UNSURE
        if len(got) == 1:
            break  # a mark, or a clause start: nothing that may start a description
        piece, pos = got
        low = piece.lower()
        bare = low.rstrip(".")
        if (piece[0].isupper() and piece.rstrip(".") not in _NOT_NAME) or bare in _TITLE_WORDS \
                or bare in _PARTICLES:
            names.append(piece)
            starts.append(pos)
            continue
        before, before_start = low, pos
        break
    # drop the words that open sentences from the start ("Mr", kept by the walk as a title)
    first = len(names) - 1
    while first > 0 and names[first].rstrip(".") in _NOT_NAME:
        first -= 1
    if first < len(names) - 1:
        before = names[first + 1].lower()
    if first > 0 and before == "of" and names[first] in _MONTHS:
        return UNSURE  # "end of June Carter said" or "a daughter of June Carter said"
    if first > 0 and before is not None and _dated(names[first], before):
        first -= 1  # "in April Romney said": Romney
        before = names[first + 1].lower()
    start = starts[first]
    if before == "the":
        # "the White House said", unless a preposition comes before it ("a spokesman for the
        # White House said": a description)
        got = _previous(text, before_start, floor)
        if got is UNSURE or (len(got) == 2 and got[0].lower() in _LINKS):
            return UNSURE
        start = before_start
    elif before is not None and before in _LINKS:
        return UNSURE  # "a spokesman for Hamas said"
    return start, end, "name"
