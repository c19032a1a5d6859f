"""Sentence splitting and tokenisation for news English (private).

One compiled regular expression per stage keeps the work in C:

* :data:`_BOUNDARY` finds candidate sentence ends (terminal punctuation, optional closing
  quotes, then a capital or a digit; or a blank line). A candidate after an abbreviation
  (``Gen.``, ``Mr.``, ``U.S. officials``, ``No. 10``, ``Jan. 5``) or an initial (``J. Smith``)
  is not a boundary. Decimal numbers (``3.5``) never are: no space follows their dot.
* :data:`_TOKEN` cuts a sentence into words, numbers, dotted abbreviations, possessive
  ``'s`` and single punctuation marks (quotes included, so they can end a negation scope).
* :data:`_QUOTE` finds inline quotations in straight or typographic double quotes, within
  a paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = [
    "sentence_spans",
    "split_sentences",
    "tokenize",
    "normalize_token",
    "quote_spans",
    "in_spans",
]

_BOUNDARY = re.compile(
    r"""
      [.!?\u2026]+ ["\u201d\u2019')\]]* (?=\s+ ["\u201c\u2018'(\[]* [A-Z0-9])
    | \n[ \t]*\n
    """,
    re.VERBOSE,
)

_TOKEN = re.compile(
    r"""
      (?:[^\W\d_]\.){2,}                   # dotted abbreviations: U.S., e.g.
    | \d+(?:[.,:/]\d+)*%?                  # numbers: 3.5, 1,000, 24/7, 10:30, 5%
    | [^\W_]+(?:[-'\u2019](?![sS]\b)[^\W_]+)*   # words: missile-defence, O'Brien, don't
    | ['\u2019][sS]\b                      # possessive 's, a token of its own
    | [^\w\s]                              # any other mark, one at a time
    """,
    re.VERBOSE,
)

# Inline quotations stay inside one paragraph: an unbalanced quote mark must not swallow the
# rest of the article.
_QUOTE = re.compile(r"\u201c[^\u201c\u201d\n]*\u201d|\"[^\"\n]*\"")

_WORD_BEFORE = re.compile(r"[\w.\-]+$")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_FIRST_WORD = re.compile(r"\w+")

# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms messrs dr prof gen sen rep gov lt col maj capt cmdr adm sgt cpl pvt
    st jr sr rev hon pres supt insp fr mt ft gens sens reps govs
    corp inc ltd co bros dept univ assn approx est""".split()
)
# ... and those that only hide a boundary before a number ("No. 10", "Jan. 5").
_BEFORE_NUMBER = frozenset(
    """no nos art fig vol p pp sec ch para
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
# Words that usually start a sentence: after "U.S." they mark a real boundary.
_SENTENCE_STARTERS = frozenset(
    """the a an he she it they we i you in but and this that these those there his her
    their its our on at as for if when while after before however meanwhile yet so
    some many most no not what who why how""".split()
)


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    start = m.start()
    if text[start] != "." or m.end() - start > 1 and text[start + 1] == ".":
        return True  # "!", "?", "..." or a blank line
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return True
    word = before.group().lstrip(".-")
    low = word.lower()
    if low in _ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return False
    rest = text[m.end() : m.end() + 40].lstrip()
    nxt = rest.lstrip("\"\u201c\u2018'([")
    if low in _BEFORE_NUMBER:
        return not nxt[:1].isdigit()
    if _DOTTED.fullmatch(word):  # dotted abbreviation: "U.S. officials" vs "... the U.S. The ..."
        first = _FIRST_WORD.match(nxt)
        return first is not None and first.group().lower() in _SENTENCE_STARTERS
    return True


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, whitespace trimmed.

    Examples
    --------
    >>> t = "Gen. Smith met U.S. officials. Prices rose 3.5% in May. He left."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Gen. Smith met U.S. officials.', 'Prices rose 3.5% in May.', 'He left.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if not _is_boundary(text, m):
            continue
        end = m.start() if text[m.start()] == "\n" else m.end()
        _append_trimmed(spans, text, start, end)
        start = m.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    segment = text[start:end]
    stripped = segment.strip()
    if stripped:
        lead = len(segment) - len(segment.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``.

    Examples
    --------
    >>> split_sentences('He said "NATO is reckless." Then he left. Mr. Li agreed.')
    ['He said "NATO is reckless."', 'Then he left.', 'Mr. Li agreed.']
    """
    return [text[s:e] for s, e in sentence_spans(text)]


def tokenize(text: str) -> list[str]:
    """Tokens of ``text`` as written (case kept).

    Examples
    --------
    >>> tokenize("The U.S. didn't pay $3.5 billion.")
    ['The', 'U.S.', "didn't", 'pay', '$', '3.5', 'billion', '.']
    >>> tokenize("NATO's “shield”")
    ['NATO', "'s", '“', 'shield', '”']
    """
    return _TOKEN.findall(text)


def normalize_token(token: str) -> str:
    """The form tokens are compared in: lower case, typographic apostrophe made straight.

    Examples
    --------
    >>> normalize_token("Don’t")
    "don't"
    """
    return token.lower().replace("\u2019", "'")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of inline quotations in ``"..."`` or ``“...”``, in order.

    Examples
    --------
    >>> t = 'He called it “reckless” and "aggressive".'
    >>> [t[s:e] for s, e in quote_spans(t)]
    ['“reckless”', '"aggressive"']
    """
    return [m.span() for m in _QUOTE.finditer(text)]


def in_spans(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether character ``pos`` lies in one of the sorted, disjoint ``spans``."""
    i = bisect_right(starts, pos) - 1
    return i >= 0 and pos < spans[i][1]
