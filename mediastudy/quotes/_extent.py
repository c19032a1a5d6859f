"""How far a speaker phrase reaches (private): a capitalised phrase that only modifies the
noun after it takes that noun or the name after it ("Russian officials", "Kremlin spokesman
Dmitry Peskov"), and a speaker noun takes the name written before it ("Pentagon officials").
General English only, as in :mod:`._words`."""

from __future__ import annotations

import re

from ._words import (
    _ANY_HEADS,
    _FORM_BASE,
    _FUNCTION,
    _NOT_NAME,
    _ORG_HEADS,
    _PREPOSITIONS,
    _TITLE_WORDS,
)

__all__ = ["with_head", "with_modifier", "with_owner"]

_HEAD_WORD = re.compile(r" ([a-z][a-z-]*)\b")
_NAME_AFTER_TITLE = re.compile(r"(?: [A-Z][\w'\u2019.-]*){1,3}")
_GROUP_HEADS = frozenset(("media", "forces", "troops"))  # speak as a group, not on _ANY_HEADS
_CUE_WORDS = frozenset(w for form in _FORM_BASE for w in form.split())
_MODIFIER_BEFORE = re.compile(r"((?:[A-Z][\w'\u2019.-]* ){1,3})((?:[a-z][a-z-]* ){0,2})\Z")


def with_modifier(text, s, e, kind, lo):
    """A speaker noun written after the name of what it belongs to takes that name:
    "Pentagon officials", "Russian officials", "Estonian border police" (up to two plain words
    between), not "officials" alone (``lo``: how far back to look). Words that open a sentence
    ("The", "Later") are no such name; nor is a place after a preposition ("In Kyiv local police
    said": police), nor a name before a word that opens a clause ("Florida where state officials")."""
    first = text[s:e].split(None, 1)[0] if e > s else ""
    if not (first in _ANY_HEADS or first in _GROUP_HEADS):
        return s, e, kind  # only a speaker noun written first: "officials", not "the report"
    m = _MODIFIER_BEFORE.search(text, max(lo, s - 80), s)
    if m is None:
        return s, e, kind
    plain = m.group(2).split()  # "Estonian border police", "Russian state media"
    if any(w in _FUNCTION or w in _PREPOSITIONS or w in _CLAUSE_WORDS
           or (w in _CUE_WORDS and w not in _TITLE_WORDS) or w.endswith(("ed", "ly")) for w in plain):
        # (not "Ukraine says police", "the airport after police", "Florida where state officials";
        # "state" is a title word here)
        return s, e, kind
    capitals = m.group(1).split()
    words = _name_words(capitals)
    if not words or "I" in words:
        return s, e, kind
    n = len(capitals) - len(words)  # the capitalised words dropped before the name ("In")
    before = capitals[n - 1:n] or text[max(lo, m.start() - 12):m.start()].split()[-1:]
    if any(w.lower() in _PLACE_PREPOSITIONS for w in before + words[:1]):
        return s, e, kind  # a place after a preposition says where, not whose: "In Kyiv local police"
    return s - len(m.group(2)) - sum(len(w) + 1 for w in words), e, kind


#: words that open a clause: no modifier of a speaker noun is read across them
_CLAUSE_WORDS = frozenset("""where when while whereas whenever wherever because although though
unless whether once who whom whose which what why how""".split())
#: prepositions of place: the capitalised words after them are a place, not a speaker's modifier
_PLACE_PREPOSITIONS = frozenset("in at on across near inside outside throughout around within".split())


def with_head(text, s, e, kind, stop, name_stop=None):
    """A capitalised speaker phrase that only modifies the noun after it takes that noun:
    "Russian officials" (a description), "British intelligence", "Russian television" (an
    organisation's word), "the Russian president", or the name after it:
    "Former Ukrainian president Pyotr Poroshenko", "Kremlin spokesman Dmitry Peskov"; not
    "Russian" alone. The noun must end before ``stop``, the name before ``name_stop``
    (default ``stop``). A possessive keeps its phrase ("Clinton's campaign": the
    possessor speaks for it)."""
    if e + 2 >= stop or text[e] != " " or not text[e + 1].islower() or text[e - 2:e] in ("'s", "\u2019s"):
        return s, e, kind  # (most often the cue itself comes next: "Trump said")
    name_stop = stop if name_stop is None else name_stop
    end = e
    plain = 0  # plain words read since the last head or title word
    for _ in range(4):  # "Biden administration officials", "presidential front-runner Trump"
        m = _HEAD_WORD.match(text, end, stop)
        if m is None:
            break
        word = m.group(1)
        head = word in _ANY_HEADS or word in _GROUP_HEADS or word in _ORG_HEADS
        if not head and word not in _TITLE_WORDS:
            # a plain noun may modify a head noun after it ("Russian human rights lawyers",
            # "a Western intelligence official"): read on, taken only if a head comes
            if plain == 2 or word in _FUNCTION or word in _CUE_WORDS or word.endswith(("ed", "ly")):
                break
            plain += 1
            end = m.end()
            continue
        plain = 0
        end = m.end()
        name = _NAME_AFTER_TITLE.match(text, end, name_stop)
        if name is not None and not any(w in _NOT_NAME for w in name.group().split()):
            return s, name.end(), "name"  # "... president Pyotr Poroshenko"
        if head:  # (a title word alone, "state", "senior", is no speaker's noun)
            e, kind = end, "desc"
    return s, e, kind


_OF_ENDS = (" of ", " for ", " of the ", " for the ")
_OF_BEFORE = re.compile(r"((?:[A-Z][\w'\u2019.-]* ){1,4})(?:of|for) (?:the )?\Z")
# words that open "<how many> of ...", not a name: "Some of the companies", "One of them"
_HOW_MANY = frozenset("""Some One Many All Most Each None Both Several Few Half Any Either Neither
Two Three Four Five Six Seven Eight Nine Ten Dozens Hundreds Thousands Millions""".split())


def with_owner(text, s, e, kind, lo):
    """A speaker phrase written after "X of" or "X for" read as the reader stopped there:
    an organisation's or a title's name is taken whole ("Ministry of Defence", "Institute
    for the Study of War", "Secretary of State Antony Blinken"), and a person or group "of" a
    place is that person or group ("Vladimir Putin of Russia", "Residents of Izyum"), not the
    place. ``lo``: how far back to look."""
    if not text[max(lo, s - 8):s].endswith(_OF_ENDS):
        return s, e, kind  # (nearly always: no regular expression)
    m = _OF_BEFORE.search(text, max(lo, s - 80), s)
    if m is None:
        return s, e, kind
    words = _name_words(m.group(1).split())
    if not words or words[0] in _HOW_MANY:
        return s, e, kind
    start = m.end(1) - 1 - len(" ".join(words))
    last = words[-1].lower().rstrip(".")
    if last in _ORG_HEADS or last in _TITLE_WORDS:
        return start, e, kind  # the whole name
    plural_head = last in _ANY_HEADS
    if len(words) >= 2 or plural_head:
        return start, start + len(" ".join(words)), "desc" if plural_head else "name"
    return s, e, kind


def _name_words(words: list[str]) -> list[str]:
    """The capitalised words written just before a speaker phrase that may name what it
    belongs to: those after a sentence end ("Ukraine.", "Del.", not "U.S.") and after the words
    that open a sentence ("The", "Later"); none when another such word is among them."""
    for k in range(len(words) - 1, -1, -1):
        if words[k].endswith(".") and "." not in words[k][:-1]:
            words = words[k + 1:]
            break
    while words and words[0].rstrip(".") in _NOT_NAME:
        words = words[1:]
    return [] if any(w.rstrip(".") in _NOT_NAME for w in words) else words
