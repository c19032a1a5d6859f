"""How accurate are the quotes and speakers? Extracted attributions against hand-coded ones.

:func:`validate_quotes` scores :func:`extract_quotes` on articles a person has coded (or on a
labelled corpus such as PolNeAR): the share of coded attributions found, the share whose speaker
is found where it is written, and the share of extracted rows that are attributions at all, each
with a bootstrap interval over the articles. These are the figures the package's own benchmark
reports (benchmarks/bench_quotes.py), so a researcher can give them for their own corpus.
"""

from __future__ import annotations

import bisect
import numbers
import warnings

import numpy as np
import pandas as pd

from ..checks import check_int, require_columns
from ..errors import InvalidParameterError, SchemaError

__all__ = ["validate_quotes"]

_KINDS = ("direct", "reported")


def validate_quotes(
    quotes: pd.DataFrame,
    coded: pd.DataFrame,
    *,
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: int | None = 0,
) -> pd.DataFrame:
    """Score extracted quotes against hand-coded attributions.

    A coded attribution is **found** when the extracted rows given to one speaker mention (one
    row, or a quotation split by "he said" and its continuation) cover at least half of its
    words; its **speaker** is right when it is found and the best row's ``speaker_start`` /
    ``speaker_end`` overlap the coded speaker span. Both are shares of the coded attributions
    whose speaker is written in the text (as the package's benchmark on PolNeAR counts them).
    **precision** is the share of extracted rows that overlap some coded words (words coded
    without a written speaker included). These are the issue's lenient definitions: a row
    running far past the coded words still finds them, so **matched** is also given, found
    with at least half of those rows' characters on the attribution's words (a match both
    ways). Direct (in quotation marks) and reported speech are scored apart, as the coder
    marked them.

    To code an article: for every quotation and piece of reported speech in it (all of them:
    an uncoded one makes a right row count as wrong), the character offsets of the words
    (``text[start:end]``, the end excluded: ``start = text.find(words)``, ``end = start +
    len(words)``), whether they are in quotation marks, and the offsets of the speaker as
    written next to the reporting verb ("he" in "he said", not the first mention of the
    person's name). Pass ``quotes`` of the coded articles only.

    Parameters
    ----------
    quotes : DataFrame
        :func:`extract_quotes` on the coded articles (rows of other articles count as wrong,
        with a warning).
    coded : DataFrame
        One row per coded span: ``id`` (the article, as in ``quotes``; compared as text),
        ``start``, ``end`` (offsets of the quoted or reported words), ``direct`` (bool), and
        ``speaker_start``, ``speaker_end`` (offsets of the speaker; missing where the speaker is
        not written in the text). Words in several pieces ("..., he said, ...") are one
        attribution when the rows share a value of an ``attribution`` column (a missing value:
        a row of its own); a speaker written in several pieces: one row per piece, the words
        repeated. Exact duplicate rows count once.
    n_boot : int, default=1000
        Bootstrap resamples of the articles behind the intervals; 0 for none.
    ci : float, default=0.95
        Confidence level of the intervals.
    random_state : int or None, default=0
        Seed of the bootstrap.

    Returns
    -------
    DataFrame
        One row per measure: ``metric`` (``found``, ``matched``, ``speaker``, ``precision``),
        ``label`` (``direct`` or ``reported``; ``""`` for precision), ``value``, ``ci_low``,
        ``ci_high`` (bootstrap percentile interval, articles resampled; resamples with nothing
        to count are left out, and with every attribution found the interval is a point) and
        ``n`` (what the share is of: the coded attributions with a written speaker, or the
        extracted rows).

    Examples
    --------
    >>> import pandas as pd
    >>> from mediastudy import extract_quotes
    >>> text = '"We will respond," Lavrov said. Peskov said talks were over. It rained.'
    >>> quotes = extract_quotes(pd.DataFrame({"id": ["a"], "text": [text]}))
    >>> coded = pd.DataFrame({"id": ["a", "a"], "start": [1, 44], "end": [16, 59],
    ...                      "direct": [True, False], "speaker_start": [19, 32],
    ...                      "speaker_end": [25, 38]})
    >>> validate_quotes(quotes, coded, n_boot=0)[["metric", "label", "value", "n"]]
          metric     label  value  n
    0      found    direct    1.0  1
    1      found  reported    1.0  1
    2    matched    direct    1.0  1
    3    matched  reported    1.0  1
    4    speaker    direct    1.0  1
    5    speaker  reported    1.0  1
    6  precision              1.0  2
    """
    func = "validate_quotes"
    require_columns(quotes, ["id", "start", "end", "speaker_start", "speaker_end"], func=func,
                    param="quotes")
    require_columns(coded, ["id", "start", "end", "direct"], func=func, param="coded")
    check_int(n_boot, func=func, param="n_boot", low=0)
    if isinstance(ci, bool) or not isinstance(ci, numbers.Real) or not 0 < ci < 1:
        raise InvalidParameterError(f"The 'ci' parameter of {func} must be a number between 0 and "
                                    f"1 (e.g. 0.95). Got {ci!r} instead.", param="ci", value=ci)
    attributions = _attributions(coded, func)
    rows = _rows(quotes, func)
    if rows and attributions and not set(rows) & set(attributions):
        raise SchemaError(f"{func}: no article id of 'coded' is in 'quotes' (ids are compared as "
                          f"text: e.g. {next(iter(attributions))!r} and {next(iter(rows))!r}); "
                          "give both tables the ids of the same articles.", param="coded", value="id")
    uncoded = sum(len(r) for article, r in rows.items() if article not in attributions)
    if uncoded:
        warnings.warn(f"{func}: {uncoded:,} row(s) of 'quotes' are from articles with no coded "
                      "attribution; they count as wrong in precision. Pass the quotes of the coded "
                      "articles only.", stacklevel=2)
    ids = sorted(set(attributions) | set(rows))
    # per article: attributions, found, matched, speaker right (direct, then reported), then
    # extracted rows and rows overlapping coded words
    counts = np.zeros((len(ids), 10))
    for i, article in enumerate(ids):
        counts[i] = _score_article(rows.get(article, []), attributions.get(article, []))
    values = _measures(counts.sum(axis=0)[None, :])[0]
    low = high = np.full(len(values), np.nan)
    if n_boot and len(ids):
        rng = np.random.default_rng(random_state)
        draws = rng.multinomial(len(ids), np.full(len(ids), 1.0 / len(ids)), size=n_boot)
        boot = _measures(draws @ counts)
        half = (1 - ci) / 2 * 100
        with warnings.catch_warnings():  # a measure with nothing to count in any resample: NaN
            warnings.simplefilter("ignore", RuntimeWarning)
            low, high = np.nanpercentile(boot, [half, 100 - half], axis=0)
    totals = counts.sum(axis=0)
    n = [totals[0], totals[4], totals[0], totals[4], totals[0], totals[4], totals[8]]
    return pd.DataFrame({
        "metric": ["found", "found", "matched", "matched", "speaker", "speaker", "precision"],
        "label": ["direct", "reported"] * 3 + [""],
        "value": values, "ci_low": low, "ci_high": high,
        "n": np.array(n, dtype=np.int64),
    })


def coded_from_records(articles: list[dict]) -> pd.DataFrame:
    """The ``coded`` table of :func:`validate_quotes` from attribution records in PolNeAR's
    layout (the corpora README): each article an ``id`` and ``attributions``, each with
    ``content`` and ``source`` span lists (``{"spans": [[start, end], ...]}``) and ``direct``.
    One row per piece of the content, beside each piece of the source when the source has
    several; the speaker span is missing where the attribution has no source in the text."""
    rows = []
    for art in articles:
        for k, at in enumerate(art["attributions"]):
            content = at["content"]["spans"]
            source = (at.get("source") or {}).get("spans") or []
            for j in range(max(len(content), len(source)) if content else 0):
                s, e = content[min(j, len(content) - 1)]
                a, b = source[min(j, len(source) - 1)] if source else (pd.NA, pd.NA)
                rows.append((art["id"], k, s, e, at["direct"], a, b))
    return pd.DataFrame(rows, columns=["id", "attribution", "start", "end", "direct",
                                       "speaker_start", "speaker_end"])


def _measures(sums: np.ndarray) -> np.ndarray:
    """found, matched, speaker (direct, reported each), precision from summed counts."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.stack([sums[:, 1] / sums[:, 0], sums[:, 5] / sums[:, 4],
                         sums[:, 2] / sums[:, 0], sums[:, 6] / sums[:, 4],
                         sums[:, 3] / sums[:, 0], sums[:, 7] / sums[:, 4],
                         sums[:, 9] / sums[:, 8]], axis=1)


def _overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _offsets(frame: pd.DataFrame, columns: list[str], func: str, param: str,
             optional: bool = False) -> list[np.ndarray]:
    """Whole-number offset columns as float arrays (NaN where missing and ``optional``)."""
    out = []
    for column in columns:
        values = pd.to_numeric(frame[column], errors="coerce").astype("float64").to_numpy()
        given = frame[column].notna().to_numpy()
        with np.errstate(invalid="ignore"):
            bad = (np.isnan(values) & (given | (not optional))) | (values < 0) | (
                np.isfinite(values) & (values % 1 != 0)) | np.isinf(values)
        if bad.any():
            row = frame.index[int(np.argmax(bad))]
            raise SchemaError(f"{func}: the '{column}' column of '{param}' must hold whole-number "
                              f"character offsets >= 0{' or be missing' if optional else ''}; row "
                              f"{row!r} has {frame[column].iloc[int(np.argmax(bad))]!r}.",
                              param=param, value=column)
        out.append(values)
    return out


def _rows(quotes: pd.DataFrame, func: str) -> dict[str, list[tuple]]:
    """Each article's extracted rows (exact duplicates once): (start, end, speaker span or None),
    in text order."""
    starts, ends = _offsets(quotes, ["start", "end"], func, "quotes")
    a_s, a_e = _offsets(quotes, ["speaker_start", "speaker_end"], func, "quotes", optional=True)
    out: dict[str, set[tuple]] = {}
    for article, s, e, a, b in zip(quotes["id"].astype(str), starts, ends, a_s, a_e, strict=True):
        speaker = None if np.isnan(a) or np.isnan(b) else (int(a), int(b))
        out.setdefault(article, set()).add((int(s), int(e), speaker))
    return {article: sorted(r, key=lambda t: (t[0], t[1], t[2] or (-1, -1))) for article, r in out.items()}


def _attributions(coded: pd.DataFrame, func: str) -> dict[str, list[tuple]]:
    """Each article's coded attributions: (direct, content spans, speaker spans)."""
    starts, ends = _offsets(coded, ["start", "end"], func, "coded")
    bad = np.flatnonzero(ends < starts)
    if len(bad):
        row = coded.index[bad[0]]
        raise SchemaError(f"{func}: row {row!r} of 'coded' has start {int(starts[bad[0]])} and end "
                          f"{int(ends[bad[0]])}; a span needs start <= end.", param="coded",
                          value=list(coded.index[bad[:5]]))
    direct = coded["direct"]
    if direct.isna().any() or not set(direct.unique()) <= {True, False}:
        raise SchemaError(f"{func}: the 'direct' column of 'coded' must be True (in quotation marks) "
                          "or False (reported speech) on every row.", param="coded", value="direct")
    speaker_columns = [c for c in ("speaker_start", "speaker_end") if c in coded.columns]
    if len(speaker_columns) == 1:
        raise SchemaError(f"{func}: 'coded' has {speaker_columns[0]!r} but not its pair; give both "
                          "speaker_start and speaker_end (offsets of the speaker as written).",
                          param="coded", value=speaker_columns)
    if speaker_columns:
        a_s, a_e = _offsets(coded, speaker_columns, func, "coded", optional=True)
    else:
        a_s = a_e = np.full(len(coded), np.nan)
    if np.isnan(a_s).all() and len(coded):
        warnings.warn(f"{func}: no row of 'coded' has a speaker span (speaker_start, speaker_end), "
                      "so found, matched and speaker have nothing to count; only precision is "
                      "scored.", stacklevel=3)
    if "attribution" in coded.columns:  # a missing value: a row of its own
        own = pd.Series([("row", i) for i in range(len(coded))], index=coded.index, dtype=object)
        key = coded["attribution"].astype(object).where(coded["attribution"].notna(), own)
    else:
        key = pd.Series([("row", i) for i in range(len(coded))], index=coded.index, dtype=object)
    grouped: dict[tuple, list] = {}
    for article, k, is_direct, s, e, a, b in zip(coded["id"].astype(str), key, direct.astype(bool),
                                                 starts, ends, a_s, a_e, strict=True):
        group = grouped.setdefault((article, k), [is_direct, [], []])
        if group[0] != is_direct:
            raise SchemaError(f"{func}: attribution {k!r} of article {article!r} in 'coded' has "
                              "rows with direct True and False; one attribution is either in "
                              "quotation marks or reported.", param="coded", value=k)
        if (int(s), int(e)) not in group[1]:
            group[1].append((int(s), int(e)))
        if not (np.isnan(a) or np.isnan(b)) and (int(a), int(b)) not in group[2]:
            group[2].append((int(a), int(b)))
    out: dict[str, list[tuple]] = {}
    for (article, _), (is_direct, spans, speaker) in grouped.items():
        out.setdefault(article, []).append((is_direct, spans, speaker))
    return out


def _covered(rows: list[tuple], spans: list[tuple[int, int]]) -> int:
    """Characters of ``spans`` inside at least one of ``rows`` (overlapping rows once)."""
    pieces = sorted((max(r[0], s), min(r[1], e)) for r in rows for s, e in spans
                    if min(r[1], e) > max(r[0], s))
    total, reach = 0, -1
    for lo, hi in pieces:
        lo = max(lo, reach)
        if hi > lo:
            total += hi - lo
            reach = hi
    return total


def _touching(rows: list[tuple], starts: list[int], longest: int, span: tuple[int, int]) -> list[tuple]:
    """The rows (sorted by start) that overlap ``span``: only those starting before its end and
    at most ``longest`` characters before its start are looked at (no scan of every row)."""
    s, e = span
    hi = bisect.bisect_left(starts, e)
    lo = bisect.bisect_left(starts, s - longest)
    return [r for r in rows[lo:hi] if r[1] > s]


def _score_article(rows: list[tuple], attributions: list[tuple]) -> np.ndarray:
    """Attributions, found, matched, speaker right (direct, then reported); rows, rows on coded
    words."""
    counts = np.zeros(10)
    starts = [r[0] for r in rows]
    longest = max((r[1] - r[0] for r in rows), default=0)
    content = sorted({span for _, spans, _ in attributions for span in spans})
    content_starts = [c[0] for c in content]
    widest = max((e - s for s, e in content), default=0)
    counts[8] = len(rows)
    counts[9] = sum(bool(_touching(content, content_starts, widest, (r[0], r[1]))) for r in rows)
    for is_direct, spans, speaker in attributions:
        need = sum(e - s for s, e in spans)
        if need == 0 or not speaker:  # (words with no written speaker count for precision only)
            continue
        k = 0 if is_direct else 4
        counts[k] += 1
        near = {r for span in spans for r in _touching(rows, starts, longest, span)}
        if not near:
            continue
        best = max(sorted(near), key=lambda r: sum(_overlap(r, sp) for sp in spans))
        same = [r for r in rows if best[2] is not None and r[2] == best[2]] or [best]
        on_words = _covered(same, spans)
        if on_words * 2 < need:
            continue
        counts[k + 1] += 1
        if on_words * 2 >= sum(r[1] - r[0] for r in same):
            counts[k + 2] += 1
        if best[2] is not None and any(_overlap(best[2], sp) for sp in speaker):
            counts[k + 3] += 1
    return counts
