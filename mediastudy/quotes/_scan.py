"""Where the reporting cues of many texts may start, found in one pass (private).

The cue pattern (:data:`._words._CUE`) is an alternation of some 360 verb forms. Python's
engine tries it at every word boundary: two seconds of CPU on 10,000 news articles, more
than the whole of :func:`mediastudy.score_stance` on them. pyarrow's compute functions run
the same alternation with RE2, as one automaton over a whole column of texts (linear time,
no backtracking). RE2 marks where each match starts and ends; its ``\\b`` is ASCII-only, which
can only add candidates (a cue word is ASCII, so every boundary Python sees, RE2 sees too), and
:func:`._phrases.find_sites` confirms each candidate with an anchored match of the exact
Python pattern, unless the characters on both sides of RE2's match are ASCII (there both
engines tell a boundary alike, so they take the same match). The cues found are therefore
exactly those of ``_CUE.finditer``.
"""

from __future__ import annotations

import numpy as np

from ._words import _CUE

_MARK = "\x01"  # put before each match; a text holding it is scanned by Python instead


def cue_candidates(texts: list[str], column=None) -> list[list[int] | None]:
    """For each text, the ascending positions where a cue may start, each followed by where
    RE2's match there ends (``[start, end, start, end, ...]``), or None when the text
    must be scanned by Python (it holds the mark character, or pyarrow cannot take it).
    ``column``: the same texts as a pyarrow string array, when the caller has them so (a
    pandas column backed by pyarrow): they are not converted again."""
    out: list[list[int] | None] = []
    start = size = 0
    for k, text in enumerate(texts):
        if size and size + len(text) > _MAX_CHARS:
            out += _candidates(texts[start:k], _slice(column, start, k))
            start, size = k, 0
        size += len(text)
    out += _candidates(texts[start:], _slice(column, start, len(texts)))
    return out


def _slice(column, start, stop):
    return None if column is None else column.slice(start, stop - start)


_MAX_CHARS = 16_000_000  # characters per pyarrow call: the copies it makes stay small


def _candidates(texts: list[str], column=None) -> list[list[int] | None]:
    if not texts:
        return []
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        if column is None:
            column = pa.array(texts, type=pa.large_string())
        marked = pc.replace_substring_regex(column, pattern=_CUE.pattern,
                                            replacement=_MARK + "\\0" + _MARK)
        # the pieces between marks are the original text: the running lengths of each text's
        # pieces (in characters, as Python counts them), but its last, are the positions of
        # its marks, a match's start then its end; all in pyarrow and numpy, with no Python
        # string made
        pieces = pc.split_pattern(marked, _MARK)
        ends = np.cumsum(pc.utf8_length(pieces.flatten()).to_numpy(zero_copy_only=False))
        offsets = pieces.offsets.to_numpy()
    except (ImportError, UnicodeError, ValueError):
        # lone surrogates cannot be encoded as UTF-8; ArrowInvalid is a ValueError
        return [None] * len(texts)
    out: list[list[int] | None] = []
    for k, text in enumerate(texts):
        if _MARK in text:
            out.append(None)
            continue
        a, z = offsets[k], offsets[k + 1]  # the text's pieces
        out.append((ends[a:z - 1] - (ends[a - 1] if a else 0)).tolist())
    return out
