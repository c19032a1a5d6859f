"""Who said it: quotations and reported speech, attributed to their speakers.

:func:`extract_quotes` returns one row per attribution found in the articles' text:

* **direct** quotations in straight or curly double quotes (the seed layout's inline
  ``*"..."*`` markup included), also when they run over several paragraphs (an opening mark
  with no closing mark at the paragraph end, the next paragraph opening with a mark); in a
  text with no double mark at all, in single ones ('...' or ‘...’, as British papers
  quote; apostrophes stay apostrophes). Unbalanced marks are skipped. A whole paragraph
  written ``*"..."*`` (a block quote) is taken out of ``text`` by
  :func:`mediastudy.load_articles` and kept in the ``quotes``
  column, without its place in the article: it has no offsets, so it is not in this table
  (``score_stance`` counts it as quoted speech through ``quotes_column``);
* **reported** speech: "X said (that) ...", "X told reporters ...", "..., X said",
  "according to X, ...", "X warned/claimed/argued ...".

The speaker is found next to the reporting cue (the rule that fired is in ``rule``):

============== ====================================================================
rule           what it matched
============== ====================================================================
after          the speaker after the quotation: ``"...," he said`` / ``"...," said Lavrov``
before         the speaker before it: ``Lavrov said: "..."``, ``Lavrov called it "..."``
reported       reported speech; a quotation inside the clause is part of the row (``direct``
               is then True)
continuation   a quotation with no cue that continues the previous speaker (same paragraph,
               or the next paragraph opening with it)
subject        a quotation with no cue inside a sentence, given to the sentence's subject
               (``Trump also embraced it -- "I think ..."``); the row covers the clause
unattributed   a quotation of at least five words with no speaker found
============== ====================================================================

Speakers are written with titles ("Foreign Minister Sergey Lavrov"), as organisations ("the
Kremlin", "NATO said in a statement"), as descriptions ("a spokesman for the ministry"), or as
pronouns and surnames; ``speaker`` is the resolved name: a surname becomes the fullest earlier
mention ("Lavrov" -> "Sergey Lavrov", "Mr Johnson's" -> "Boris Johnson"), a pronoun the nearest
earlier compatible person ("he" -> "Sergey Lavrov"), titles and the words around a name that
are no part of it are dropped ("former Rep.", "Harvard-educated", "In April", "Once", an adverb
before the cue); a role becomes the person the article named in it earlier ("the foreign
minister" after "Foreign Minister Sergey Lavrov" -> "Sergey Lavrov", "the former governor" after
"former governor Mike Huckabee"; not a former holder for the role itself, nor "a minister"); a
role or an institution the article names no one in stays what it is ("the Russian president",
"the Pentagon" -> "Pentagon", "The Associated Press" -> "Associated Press"), and a pronoun with
no earlier name to point to ("I" in a reporter's own account, "he" with no one named before)
leaves ``speaker`` missing. ``speaker_start``/``speaker_end`` are where the speaker is written
next to the cue (for a continuation: next to the cue of the quotation it continues).

Every pattern is linear in the text (bounded windows of tokens around each cue, quotation
marks paired within a paragraph, runs matched once), so bad input costs time in proportion to
its size; an article is read up to its first million characters (with a warning).
"""

from __future__ import annotations

import warnings
from operator import itemgetter

import numpy as np
import pandas as pd

from ..checks import require_columns
from ._attribute import MAX_TEXT, attribute_text
from ._scan import cue_candidates

__all__ = ["extract_quotes", "QUOTE_COLUMNS"]

_BATCH = 1_000  # articles whose cue candidates are found in one pass (bounds the copy)

QUOTE_COLUMNS = [
    "id", "start", "end", "quote", "direct", "speaker", "speaker_start", "speaker_end", "cue",
    "rule", "confidence",
]


def extract_quotes(
    corpus: pd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str = "id",
    progress: bool = False,
) -> pd.DataFrame:
    """Quotations and reported speech in each article, with their speakers.

    See the module docstring :mod:`mediastudy.quotes.extract` for the rules.

    Parameters
    ----------
    corpus : DataFrame
        One row per article with the ``id_column`` and ``text_column`` columns. It is not
        modified. Missing or empty texts give no rows.
    text_column, id_column : str
        Names of the body-text and the article-id columns.
    progress : bool
        Show a progress bar (tqdm) over the articles.

    Returns
    -------
    DataFrame
        One row per attribution, in article order then text order, with the columns
        ``id`` (the article), ``start``, ``end`` (character offsets of the quoted or reported
        words in the article's text), ``quote`` (those words), ``direct`` (True when the words
        are, or include, a quotation in quotation marks; False for reported speech),
        ``speaker`` (the resolved name; missing when none is written or a pronoun names no
        one), ``speaker_start``, ``speaker_end``
        (offsets of the speaker as written next to the cue, or missing), ``cue`` (the reporting
        verb or phrase), ``rule`` (the rule that fired, see above) and ``confidence`` (a rough
        prior for the rule, 0 to 1).

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"id": ["a1"], "text": [
    ...     'Foreign Minister Sergey Lavrov said the plan was reckless. '
    ...     '"We will respond," he told reporters.']})
    >>> q = extract_quotes(corpus)
    >>> q[["quote", "direct", "speaker", "cue", "rule"]]
                  quote  direct        speaker   cue      rule
    0  the plan was reckless.   False  Sergey Lavrov  said  reported
    1   We will respond,    True  Sergey Lavrov  told     after
    >>> corpus.text[0][q.speaker_start[1]:q.speaker_end[1]]
    'he'
    """
    func = "extract_quotes"
    require_columns(corpus, [id_column, text_column], func=func, param="corpus")
    ids = corpus[id_column].tolist()
    texts = corpus[text_column].tolist()
    bar = None
    if progress:
        from ..progress import progress_bar as tqdm

        bar = tqdm(total=len(ids), desc=func, unit="article")
    arrow = _arrow_texts(corpus[text_column])
    rows: list[tuple] = []
    too_long = 0
    for lo in range(0, len(ids), _BATCH):
        batch = [(i, t[:MAX_TEXT]) for i, t in zip(ids[lo:lo + _BATCH], texts[lo:lo + _BATCH],
                                                    strict=True) if isinstance(t, str) and t]
        longer = sum(len(t) > MAX_TEXT for t in texts[lo:lo + _BATCH] if isinstance(t, str))
        too_long += longer
        column = None
        if arrow is not None and not longer:
            column = arrow.slice(lo, _BATCH)
            if len(batch) < len(column):  # (missing or empty texts are left out)
                column = column.filter([isinstance(t, str) and t != "" for t in texts[lo:lo + _BATCH]])
        candidates = cue_candidates([t for _, t in batch], column)
        for (article_id, text), cues in zip(batch, candidates, strict=True):
            rows += [(article_id, text[r[0]:r[1]], *r) for r in attribute_text(text, cues)]
        if bar is not None:
            bar.update(min(_BATCH, len(ids) - lo))
    if bar is not None:
        bar.close()
    if too_long:
        warnings.warn(
            f"{func}: {too_long} article(s) longer than {MAX_TEXT:,} characters were read up to "
            "that length only.", stacklevel=2,
        )
    return _frame(rows, corpus[id_column].dtype)


def _arrow_texts(column: pd.Series):
    """The texts as one pyarrow large_string array when pandas holds them so (the ``str``
    dtype of pandas 3, ``string[pyarrow]``), or None: the cue scan then takes them without
    converting each Python string again."""
    array = column.array
    if not hasattr(array, "__arrow_array__"):
        return None
    try:
        import pyarrow as pa

        data = array.__arrow_array__()
    except (ImportError, TypeError, ValueError):
        return None
    if not (pa.types.is_string(data.type) or pa.types.is_large_string(data.type)):
        return None
    if isinstance(data, pa.ChunkedArray):
        data = data.chunk(0) if data.num_chunks == 1 else data.combine_chunks()
    return data if pa.types.is_large_string(data.type) else data.cast(pa.large_string())


def _frame(rows: list[tuple], id_dtype) -> pd.DataFrame:
    names = ["id", "quote", "start", "end", "direct", "speaker", "speaker_start", "speaker_end",
             "cue", "rule", "confidence"]
    n = len(rows)
    # one column at a time (itemgetter in C): faster than zip(*rows) over 100,000s of rows;
    # the numbers straight into arrays, without a list
    cols = {name: map(itemgetter(k), rows) for k, name in enumerate(names)}
    frame = pd.DataFrame(
        {
            "id": pd.Series(list(cols["id"]), dtype=id_dtype if not rows else None),
            "start": pd.Series(np.fromiter(cols["start"], np.int64, n)),
            "end": pd.Series(np.fromiter(cols["end"], np.int64, n)),
            "quote": pd.Series(list(cols["quote"]), dtype=object),
            "direct": pd.Series(np.fromiter(cols["direct"], bool, n)),
            "speaker": pd.Series(list(cols["speaker"]), dtype=object),
            "speaker_start": _optional_ints(cols["speaker_start"], n),
            "speaker_end": _optional_ints(cols["speaker_end"], n),
            "cue": pd.Series(list(cols["cue"]), dtype=object),
            "rule": pd.Series(list(cols["rule"]), dtype=object),
            "confidence": pd.Series(np.fromiter(cols["confidence"], np.float64, n)),
        }
    )
    return frame[QUOTE_COLUMNS]


def _optional_ints(values, n) -> pd.Series:
    """An Int64 column of ints and Nones (missing), built from one mask and one array."""
    held = np.fromiter(values, object, n)
    missing = held == None  # noqa: E711 (elementwise, in C)
    return pd.Series(pd.arrays.IntegerArray(np.where(missing, 0, held).astype(np.int64), missing))
