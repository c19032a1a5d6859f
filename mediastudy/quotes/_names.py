"""The commonest speaker before a cue, a capitalised name, found without tokenising (private).

Most speakers written before their cue are names of plain words: "Trump said", "Foreign
Minister Sergey Lavrov said" ("Sen. Chuck Schumer said" is left to the token walk: a full stop).
:func:`._phrases._subject_before` finds them by reading the tokens of the cue's clause and
walking back over capitalised words, titles and particles. :func:`name_before` gives the
answer of that walk for the same cue by reading the words before the cue as the pieces
between spaces, as long as each piece is a plain ASCII word (which is then exactly one token)
and the walk ends at such a word, at a mark that is a token of its own, or at a clause
start. Anything else (a full stop, an apostrophe, a hyphen, two spaces, a name that is also a
speaker noun such as "Officials", a determiner or a preposition before the name, which may
start a description: "a spokesman for the White House") answers :data:`UNSURE`, and the
token walk decides as before. The answers are therefore the same; only the common cases are
faster (no clause start, no tokens, no match objects).
"""

from __future__ import annotations

from ._words import (
    _AUX_WORDS,
    _DAYS,
    _LINKS,
    _NOT_NAME,
    _NOUN_MARKERS,
    _PARTICLES,
    _PRONOUNS,
    _SPEAKER_HEADS,
    _TITLE_WORDS,
)

UNSURE = object()  # the token walk must decide

# a last word before the cue that the token walk treats otherwise than as the end of a name:
# skipped (an auxiliary, a day), a determiner, a pronoun, "I", a word that opens sentences, a
# speaker noun (a description when alone: "Officials said")
_OTHER_LAST = frozenset(_NOT_NAME) | frozenset(_PRONOUNS) | {"I"}
_OTHER_LAST_LOWER = (frozenset(_AUX_WORDS) | frozenset(_DAYS) | frozenset(_NOUN_MARKERS)
                     | frozenset(_SPEAKER_HEADS) | {h + "s" for h in _SPEAKER_HEADS}
                     | {"who", "which"})
# marks that are tokens of their own and end the walk back (a clause may start after them)
_ENDS_WALK = frozenset(',()\u2014\u2013!?;:"\u201c\u201d\n')


def name_before(text, j, cs, lo):
    """The name ending just before a cue at ``cs``, as (start, end, "name"), or
    :data:`UNSURE`. ``text[j]`` is the space before the last word before the cue (and
    ``text[cs - 1]`` the space after it); ``lo``: where the search may start."""
    word = text[j + 1:cs - 1]
    if not (word.isascii() and word.isalpha() and word[0].isupper()) or word in _OTHER_LAST \
            or word.lower() in _OTHER_LAST_LOWER:
        return UNSURE
    # the token walk reads at least the 90 characters before the cue, from the clause start:
    # words read here lie in them, and no clause starts inside plain words and spaces
    floor = cs - 90 if cs - 90 > lo else lo
    names = [word]  # the name's words, last first
    starts = [j + 1]
    pos = j  # the space before the earliest word read
    while True:
        if pos <= floor:
            return UNSURE
        if text[pos - 1] in _ENDS_WALK:
            before = None  # a mark, or a clause start: nothing that may start a description
            break
        k = text.rfind(" ", floor, pos)
        if k == -1:
            return UNSURE
        piece = text[k + 1:pos]
        if not (piece.isascii() and piece.isalpha()):
            return UNSURE
        low = piece.lower()
        if (piece[0].isupper() and piece not in _NOT_NAME) or low in _TITLE_WORDS or low in _PARTICLES:
            names.append(piece)
            starts.append(k + 1)
            pos = k
            continue
        before = low
        break
    # drop the words that open sentences from the start ("Mr", kept by the walk as a title)
    first = len(names) - 1
    while first > 0 and names[first] in _NOT_NAME:
        first -= 1
    if first < len(names) - 1:
        before = names[first + 1].lower()
    if before is not None and (before == "the" or before in _LINKS):
        return UNSURE  # "the White House said", "a spokesman for Hamas said"
    return starts[first], cs - 1, "name"
