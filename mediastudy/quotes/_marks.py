"""Single quotation marks as quotation marks (private).

Some outlets quote with single marks ('...' or ‘...’), as British papers often do, and then use
no double marks at all. In such a text the single marks that open and close a quotation are
read as double ones, each one character for one, so every offset stays that of the text;
apostrophes ("don't", "Putin's", "Putin’s") are left alone. A text with any double mark keeps
its single marks as they are (there they are apostrophes or quotations inside quotations).
"""

from __future__ import annotations

import re

__all__ = ["single_as_double"]

# An opening mark at the start or after a space, bracket, colon or dash, before a letter; the
# quotation runs to a mark that no letter follows (an apostrophe inside a word, "don't", is
# part of it), to the end of the paragraph or to the next opening mark. Every branch ends in a
# match and the runs are possessive, so a text is read once whatever it holds.
_SINGLE = re.compile(
    "(?<![^\\s(\\[:\u2014\u2013-])(?P<open>['\u2018])(?=[^\\W\\d_])"
    "(?:[^'\u2018\u2019\\n]++|['\u2019](?=[^\\W_]))*+"
    "(?P<close>['\u2019](?![^\\W_])|(?=[\\n\u2018])|\\Z)"
)
_DOUBLE = {"'": '"', "\u2018": "\u201c", "\u2019": "\u201d"}


def single_as_double(text: str) -> str:
    """``text`` with the single marks that quote read as double marks (see the module)."""
    if '"' in text or "\u201c" in text or "\u201d" in text or not ("'" in text or "\u2018" in text):
        return text
    marks = []
    for m in _SINGLE.finditer(text):
        marks.append(m.start("open"))
        if m.group("close"):
            marks.append(m.start("close"))
    if not marks:
        return text
    parts, last = [], 0
    for p in marks:
        parts += (text[last:p], _DOUBLE[text[p]])
        last = p + 1
    parts.append(text[last:])
    return "".join(parts)
