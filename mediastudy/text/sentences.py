"""Sentence splitting and tokenisation for news English (private).

One compiled regular expression per stage keeps the work in C:

* :data:`_BOUNDARY` finds candidate sentence ends (terminal punctuation, optional closing
  quotes, then a capital or a digit; or a blank line). A candidate after an abbreviation
  (``Gen.``, ``Mr.``, ``U.S. officials``, ``No. 10``, ``Jan. 5``) or an initial (``J. Smith``)
  is not a boundary. Decimal numbers (``3.5``) never are: no space follows their dot.
* :data:`TOKEN_PATTERN` cuts a sentence into words, numbers, dotted abbreviations, possessive
  ``'s`` and single punctuation marks (quotes included, so they can end a negation scope).
* :data:`_QUOTE` finds inline quotations in straight or typographic double quotes, within
  a paragraph.
"""

from __future__ import annotations

import array
import itertools
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

__all__ = [
    "sentence_spans",
    "split_sentences",
    "tokenize",
    "normalize_token",
    "quote_spans",
    "in_spans",
    "encode_tokens",
]

TOKEN_PATTERN = re.compile(
    r"""
      (?:[^\W\d_]\.){2,}                   # dotted abbreviations: U.S., e.g.
    | \d+(?:[.,:/]\d+)*%?                  # numbers: 3.5, 1,000, 24/7, 10:30, 5%
    | [^\W_]+(?:[-'\u2019](?![sS]\b)[^\W_]+)*   # words: missile-defence, O'Brien, don't
    | ['\u2019][sS]\b                      # possessive 's, a token of its own
    | [^\w\s]                              # any other mark, one at a time
    """,
    re.VERBOSE,
)

# TOKEN_PATTERN, or a newline (which it never matches): see encode_tokens
_TOKEN_OR_NEWLINE = re.compile(TOKEN_PATTERN.pattern + r"| \n", re.VERBOSE)

# Inline quotations stay inside one paragraph: an unbalanced quote mark must not swallow the
# rest of the article.
_QUOTE = re.compile(r"\u201c[^\u201c\u201d\n]*\u201d|\"[^\"\n]*\"")

# Abbreviations after which a period does not end a sentence ...
_ABBREVIATIONS = (
    "mr mrs ms messrs dr prof gen sen rep gov lt col maj capt cmdr adm sgt cpl pvt st jr sr "
    "rev hon pres supt insp fr mt ft gens sens reps govs corp inc ltd co bros dept univ assn "
    "approx est"
).split()
# ... those that only hide a boundary before a number ("No. 10", "Jan. 5") ...
_BEFORE_NUMBER = (
    "no nos art fig vol p pp sec ch para jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
# ... and words that usually start a sentence: after "U.S." they mark a real boundary.
_SENTENCE_STARTERS = (
    "The A An He She It They We I You In But And This That These Those There His Her Their "
    "Its Our On At As For If When While After Before However Meanwhile Yet So Some Many Most "
    "No Not What Who Why How"
).split()


def _not_after(words: list[str]) -> str:
    """Negative lookbehinds, placed after a full stop, rejecting it when it follows one of
    ``words`` (any case). One per word length, as Python needs fixed-width lookbehinds."""
    by_length: dict[int, list[str]] = {}
    for word in words:
        by_length.setdefault(len(word), []).append(re.escape(word))
    return "".join(rf"(?<!\b(?i:{'|'.join(group)})\.)" for _, group in sorted(by_length.items()))


_CLOSE = "[\"\u201d\u2019')\\]]*"  # closing quotes and brackets after the full stop
_OPEN = "[\"\u201c\u2018'(\\[]*"  # opening ones before the next sentence

# The abbreviation logic lives in the expression, so splitting stays in C. The expression
# starts with one character class (. ! ? ... or a newline) so that re's search skips ahead to
# the next candidate in a tight scan (an alternation of groups at the start would make it try
# the whole expression at every character, five times slower); lookbehinds then tell which
# character it was. The checks on what precedes a full stop are lookbehinds placed after it,
# and most full stops end a word of 7 or more word characters, or a number: then no
# abbreviation, initial or dotted abbreviation can precede it (each needs a word boundary or a
# dot within 7 characters), so one cheap lookbehind stands for all of them. Group 1 marks the
# end of the sentence; the match goes on over the whitespace to the start of the next one.
#
# A run of marks ("?!", "...", "!.") is taken whole from its first mark, possessively, and a
# search never starts inside one: starting at each mark of the run would take the rest of
# the run every time, a time growing with the square of its length ("." * 40,000 took 20 s).
# Any start in the run that could match ends where the run ends, so the spans are the same:
# a run ends a sentence when it holds ! ? or ..., or two dots or more, or is one full stop
# that passes the checks below.
_BOUNDARY = re.compile(
    rf"""
    [.!?\u2026\n]
    (?:
        (?<![.!?\u2026][.!?\u2026])                 # the first mark of a run
        (?:
            (?<=[!?\u2026])[.!?\u2026]*+            # ! ? ... and the rest of their run
          | (?<=\.)(?:
                \.*+[!?\u2026][.!?\u2026]*+          # dots, then ! ? ...: the same
              | \.++                                # ...
              | (?:(?<=\w{{7}}\.)|(?<=\d\.)       # long word or number: none of the below
                | (?<!\.[^\W\d_]\.)               # not the last dot of U.S. or a.m.
                  (?<!\b[A-Z]\.)                   # not after an initial: J. Smith
                  {_not_after(_ABBREVIATIONS)}
                  (?:{_not_after(_BEFORE_NUMBER)}|(?={_CLOSE}\s+{_OPEN}[^\W\d_]))
                )
              | (?<=\.[^\W\d_]\.)                 # U.S. ending a sentence, before "The"
                (?={_CLOSE}\s+{_OPEN}(?:{"|".join(_SENTENCE_STARTERS)})\b)
            )
        )
        {_CLOSE} () \s+ (?={_OPEN}[^\W_a-z\u00df-\u00ff])   # next: a capital (any script) or digit
      | (?<=\n)[ \t]*\n\s*                      # a blank line
    )
    """,
    re.VERBOSE,
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, whitespace trimmed.

    Examples
    --------
    >>> t = "Gen. Smith met U.S. officials. Prices rose 3.5% in May. He left."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Gen. Smith met U.S. officials.', 'Prices rose 3.5% in May.', 'He left.']
    """
    spans: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for m in _BOUNDARY.finditer(text):
        end = m.end(1)
        if end < 0:  # a blank line: drop the spaces before it
            end = m.start()
            while end > start and text[end - 1].isspace():
                end -= 1
        if end > start:
            spans.append((start, end))
        start = m.end()
    end = len(text.rstrip())
    if end > start:
        spans.append((start, end))
    return spans


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
    return TOKEN_PATTERN.findall(text)


def normalize_token(token: str) -> str:
    """The form tokens are compared in: lower case, typographic apostrophe made straight.

    Examples
    --------
    >>> normalize_token("Don’t")
    "don't"
    """
    return token.lower().replace("\u2019", "'")


def encode_tokens(texts: Iterable[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The normalised tokens of many texts as integer ids, for counting them with numpy.

    Each text is cut as :func:`tokenize` cuts ``normalize_token(text)``. Returns
    ``(vocabulary, ids, lengths)``: the distinct tokens in order of first occurrence, every
    text's tokens one text after the other as positions in ``vocabulary`` (int64), and each
    text's number of tokens.

    No token spans whitespace and :data:`TOKEN_PATTERN` never looks past it (its ``\\b``
    sees whitespace and the end of a string alike), and lower-casing does not look past it
    either, so a text cuts into the tokens of its whitespace-separated chunks in turn. Each
    distinct chunk is therefore normalised and tokenised once, however often it occurs: news
    texts repeat a few hundred thousand chunks millions of times, and the regular expression
    over every occurrence was the slow part.

    Examples
    --------
    >>> vocabulary, ids, lengths = encode_tokens(["The U.S. didn’t pay.", "the plan"])
    >>> [vocabulary[i] for i in ids]
    ['the', 'u.s.', "didn't", 'pay', '.', 'the', 'plan']
    >>> lengths.tolist()
    [5, 2]
    """
    chunks: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    chunk_id = chunks.__getitem__
    # array("q") holds the ids as machine integers: no Python list of millions of ints
    flat = array.array("q")
    n_chunks = []
    for text in texts:
        before = len(flat)
        flat.extend(map(chunk_id, text.split()))
        n_chunks.append(len(flat) - before)
    # The distinct chunks, in order of first occurrence, cut in one pass: joined by newlines
    # (no chunk holds whitespace), each newline a token of its own that ends a chunk. Their
    # tokens get ids in this order, which is the order of first occurrence in the texts.
    vocabulary: defaultdict[str, int] = defaultdict(itertools.count(-1).__next__)
    token_id = vocabulary.__getitem__
    token_id("\n")  # id -1: the end of a chunk
    joined = normalize_token("\n".join(chunks) + "\n") if chunks else ""
    del chunks
    found = _TOKEN_OR_NEWLINE.findall(joined)
    ids = np.fromiter(map(token_id, found), dtype=np.int64, count=len(found))
    del found, vocabulary["\n"]
    ends = np.flatnonzero(ids < 0)
    per_chunk = np.diff(ends, prepend=-1) - 1  # tokens of each distinct chunk
    of_chunk = ids[ids >= 0]
    first = np.cumsum(per_chunk) - per_chunk  # where each chunk's tokens start in of_chunk
    seen = np.frombuffer(flat, dtype=np.int64)
    count = per_chunk[seen]  # tokens of each chunk occurrence
    end = np.cumsum(count)
    total = int(end[-1]) if len(end) else 0
    # position in of_chunk of every token of every occurrence, in text order
    at = np.repeat(first[seen] - (end - count), count) + np.arange(total, dtype=np.int64)
    # tokens before the end of each text, from the running count over its chunks
    upto = np.concatenate([[0], end])[np.cumsum(np.asarray(n_chunks, dtype=np.int64))]
    lengths = np.diff(upto, prepend=0)
    return list(vocabulary), of_chunk[at], lengths


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
