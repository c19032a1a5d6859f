"""Read the words behind the numbers: keyword in context, and evidence samples for hand coding."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..checks import require_columns
from ..deprecation import renamed_parameters
from ..errors import InvalidParameterError
from ..glossary import shared_docs

__all__ = ["kwic", "sample_evidence"]

KWIC_COLUMNS = ("id", "start", "end", "left", "match", "right")

_LIST_COLUMNS = ("cues", "matched", "polarities", "negated", "cue_quoted", "cue_weights")


def _pattern_regex(pattern: str | Sequence[str], *, case: bool, regex: bool) -> re.Pattern[str]:
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    if not patterns or not all(isinstance(p, str) and p.strip() for p in patterns):
        raise InvalidParameterError(
            "The 'pattern' parameter of kwic must be a non-empty string or list of strings "
            f"(a word, a phrase, or a word ending in '*'). Got {pattern!r} instead.", param="pattern"
        )
    if regex:
        body = "|".join(f"(?:{p})" for p in patterns)
    else:
        parts = []
        for p in sorted(patterns, key=len, reverse=True):
            words = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in p.split()]
            parts.append(r"\s+".join(words))
        body = r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"
    try:
        return re.compile(body, 0 if case else re.IGNORECASE)
    except re.error as err:
        raise InvalidParameterError(
            f"The 'pattern' parameter of kwic is not a valid regular expression ({err}). "
            "Pass regex=False to search for the words literally.", param="pattern"
        ) from None


@renamed_parameters(text="text_column", id="id_column")
@shared_docs
def kwic(
    corpus: pd.DataFrame,
    pattern: str | Sequence[str],
    *,
    window: int = 5,
    text_column: str = "text",
    id_column: str = "id",
    case: bool = False,
    regex: bool = False,
) -> pd.DataFrame:
    """Keyword in context: every match of ``pattern`` with the words around it.

    Parameters
    ----------
    corpus : DataFrame
        With the ``id`` and ``text`` columns; not modified.
    pattern : str or list of str
        Words or phrases to find, whole words only, any whitespace between the words of a
        phrase; a word ending in ``*`` matches any ending (the cue syntax of a lexicon).
        With ``regex=True``, regular expressions instead.
    window : int
        How many whitespace-separated words of context to show on each side.
    .. glossary:: text_column id_column
    case : bool
        Match case exactly (default: ignore case).
    regex : bool
        Treat ``pattern`` as regular expressions.

    Returns
    -------
    DataFrame
        One row per match, in corpus order: ``id, start, end`` (character offsets in the
        text), ``left, match, right``.

    Examples
    --------
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "text": [
    ...     "Moscow said NATO threatens Russia and threatened to respond.",
    ...     "No match in this one."]})
    >>> kwic(corpus, "threaten*", window=2)
      id  start  end        left       match        right
    0  a     17   26   said NATO   threatens   Russia and
    1  a     38   48  Russia and  threatened  to respond.
    """
    text, id = text_column, id_column
    require_columns(corpus, [id, text], func="kwic", param="corpus")
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 0:
        raise InvalidParameterError(
            f"The 'window' parameter of kwic must be an int >= 0. Got {window!r}.",
            param="window",
        )
    rx = _pattern_regex(pattern, case=case, regex=regex)
    rows = []
    reach = 60 * (window + 1)  # characters to look at on each side: ample for `window` words
    for article_id, body in zip(corpus[id].tolist(), corpus[text].tolist(), strict=True):
        if not isinstance(body, str):
            continue
        for m in rx.finditer(body):
            s, e = m.span()
            left_words = body[max(0, s - reach) : s].split()
            right_words = body[e : e + reach].split()
            left = " ".join(left_words[-window:]) if window else ""
            right = " ".join(right_words[:window]) if window else ""
            rows.append((article_id, s, e, left, m.group(), right))
    out = pd.DataFrame(rows, columns=list(KWIC_COLUMNS))
    out["id"] = out["id"].astype(corpus[id].dtype) if len(out) else pd.Series([], dtype=corpus[id].dtype)
    for col in ("start", "end"):
        out[col] = out[col].astype(np.int64)
    for col in ("left", "match", "right"):
        out[col] = out[col].astype("str")
    return out


@shared_docs
def sample_evidence(
    evidence: pd.DataFrame,
    n: int,
    *,
    random_state: int | np.random.Generator | None = 0,
    by: str | list[str] | None = None,
    with_cues: bool = True,
) -> pd.DataFrame:
    """A random sample of evidence rows, flattened for hand coding in a spreadsheet.

    Parameters
    ----------
    evidence : DataFrame or StanceResult
        The ``mentions`` table of :func:`mediastudy.score_stance` (or any subset of it,
        e.g. joined with the corpus to carry ``outlet``), or the result itself.
    n : int
        How many rows to draw (per group when ``by`` is given). A group with fewer rows
        gives all of them.
    .. glossary:: random_state
    by : str or list of str, optional
        Columns to stratify by, e.g. ``"outlet"`` or ``["outlet", "target"]``.
    with_cues : bool
        Only draw mentions that matched at least one cue (those behind a non-zero score).

    Returns
    -------
    DataFrame
        The drawn rows in draw order, list columns joined with ``"; "``, plus empty
        ``code`` and ``comment`` columns for the coder. Save it with
        ``.to_csv("sample.csv", index=False)``.

    Examples
    --------
    >>> from mediastudy import score_stance
    >>> corpus = pd.DataFrame({"id": ["a", "b", "c"], "text": [
    ...     "NATO is reckless.", "NATO is not reckless.", "NATO met."]})
    >>> lexicon = {"targets": {"NATO": ["NATO"]}, "cues": {"anti": ["reckless"]}}
    >>> mentions = score_stance(corpus, lexicon).mentions
    >>> sample = sample_evidence(mentions, 5, random_state=0)
    >>> sample[["id", "sentence", "cues", "polarities", "negated"]]
      id               sentence      cues polarities negated
    0  a      NATO is reckless.  reckless       anti   False
    1  b  NATO is not reckless.  reckless        pro    True
    >>> list(sample.columns[-2:])
    ['code', 'comment']
    >>> sample_evidence(score_stance(corpus, lexicon), 5, random_state=0).equals(sample)
    True
    """
    mentions = getattr(evidence, "mentions", None)
    if isinstance(mentions, pd.DataFrame):  # a StanceResult: its evidence table
        evidence = mentions
    require_columns(evidence, ["id", "sentence", "cues"], func="sample_evidence",
                    param="evidence")  # fmt: skip
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise InvalidParameterError(
            f"The 'n' parameter of sample_evidence must be an int >= 0. Got {n!r}.",
            param="n",
        )
    rng = np.random.default_rng(random_state)
    pool = evidence
    if with_cues:
        pool = pool[pool["cues"].map(len) > 0]
    if by is None:
        order = rng.permutation(len(pool))[:n]
    else:
        keys = [by] if isinstance(by, str) else list(by)
        require_columns(pool, keys, func="sample_evidence", param="evidence")
        positions = pd.Series(np.arange(len(pool)), index=pool.index)
        order_parts = []
        for _, group in positions.groupby([pool[k] for k in keys], sort=True, dropna=False):
            order_parts.append(rng.permutation(group.to_numpy())[:n])
        order = np.concatenate(order_parts) if order_parts else np.array([], dtype=int)
    out = pool.iloc[order].reset_index(drop=True)
    flat = {
        col: out[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, list) else v)
        for col in _LIST_COLUMNS
        if col in out
    }
    return out.assign(**flat, code="", comment="")
