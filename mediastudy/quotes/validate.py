"""How accurate are the quotes and speakers? Extracted attributions against hand-coded ones.

:func:`validate_quotes` scores :func:`extract_quotes` on articles a person has coded (or on a
labelled corpus such as PolNeAR): the share of coded attributions found, the share whose speaker
is found where it is written, and the share of extracted rows that are attributions at all, each
with a bootstrap interval over the articles. These are the figures the package's own benchmark
reports (benchmarks/bench_quotes.py), so a researcher can give them for their own corpus.
"""

from __future__ import annotations

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
    whose speaker is written in the text (as the package's benchmark on PolNeAR counts them);
    words coded without a written speaker count only for **precision**, the share of extracted
    rows that overlap some coded words. Direct (in quotation marks) and reported speech are
    scored apart, as the coder marked them.

    Parameters
    ----------
    quotes : DataFrame
        :func:`extract_quotes` on the coded articles only (every row counts for precision).
    coded : DataFrame
        One row per coded span: ``id`` (the article), ``start``, ``end`` (character offsets of
        the quoted or reported words in the article's text), ``direct`` (bool), and, where the
        speaker is written, ``speaker_start`` and ``speaker_end`` (missing otherwise). Words in
        several pieces ("..., he said, ...")
        are one attribution when the rows share a value of an ``attribution`` column (a speaker
        written in several pieces: one row per piece, the words repeated).
    n_boot : int, default=1000
        Bootstrap resamples of the articles behind the intervals; 0 for none.
    ci : float, default=0.95
        Confidence level of the intervals.
    random_state : int or None, default=0
        Seed of the bootstrap.

    Returns
    -------
    DataFrame
        One row per measure: ``metric`` (``found``, ``speaker``, ``precision``), ``label``
        (``direct`` or ``reported``; ``""`` for precision), ``value``, ``ci_low``, ``ci_high``
        (bootstrap percentile interval, articles resampled) and ``n`` (what the share is of: the
        coded attributions with a written speaker, or the extracted rows).

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
    2    speaker    direct    1.0  1
    3    speaker  reported    1.0  1
    4  precision              1.0  2
    """
    func = "validate_quotes"
    require_columns(quotes, ["id", "start", "end", "speaker_start", "speaker_end"], func=func,
                    param="quotes")
    require_columns(coded, ["id", "start", "end", "direct"], func=func, param="coded")
    check_int(n_boot, func=func, param="n_boot", low=0)
    if isinstance(ci, bool) or not isinstance(ci, int | float) or not 0 < ci < 1:
        raise InvalidParameterError(f"The 'ci' parameter of {func} must be a number between 0 and "
                                    f"1 (e.g. 0.95). Got {ci!r} instead.", param="ci", value=ci)
    attributions = _attributions(coded, func)
    rows = _rows(quotes)
    ids = sorted(set(attributions) | set(rows), key=str)
    # per article: attributions, found, speaker right (direct, then reported), then extracted
    # rows and rows overlapping coded words
    counts = np.zeros((len(ids), 8))
    for i, article in enumerate(ids):
        counts[i] = _score_article(rows.get(article, []), attributions.get(article, []))
    values = _measures(counts.sum(axis=0)[None, :])[0]
    low = high = np.full(len(values), np.nan)
    if n_boot and len(ids):
        rng = np.random.default_rng(random_state)
        draws = rng.multinomial(len(ids), np.full(len(ids), 1.0 / len(ids)), size=n_boot)
        with np.errstate(invalid="ignore", divide="ignore"):
            boot = _measures(draws @ counts)
        half = (1 - ci) / 2 * 100
        if np.isfinite(boot).any():
            import warnings

            with warnings.catch_warnings():  # a measure with nothing to count stays NaN
                warnings.simplefilter("ignore", RuntimeWarning)
                low, high = np.nanpercentile(boot, [half, 100 - half], axis=0)
    totals = counts.sum(axis=0)
    n = [totals[0], totals[3], totals[0], totals[3], totals[6]]
    return pd.DataFrame({
        "metric": ["found", "found", "speaker", "speaker", "precision"],
        "label": ["direct", "reported", "direct", "reported", ""],
        "value": values, "ci_low": low, "ci_high": high,
        "n": np.array(n, dtype=np.int64),
    })


def _measures(sums: np.ndarray) -> np.ndarray:
    """found (direct, reported), speaker (direct, reported), precision from summed counts."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.stack([sums[:, 1] / sums[:, 0], sums[:, 4] / sums[:, 3],
                         sums[:, 2] / sums[:, 0], sums[:, 5] / sums[:, 3],
                         sums[:, 7] / sums[:, 6]], axis=1)


def _overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _rows(quotes: pd.DataFrame) -> dict[object, list[tuple]]:
    """Each article's extracted rows: (start, end, speaker span or None)."""
    out: dict[object, list[tuple]] = {}
    for article, s, e, a, b in zip(quotes["id"], quotes["start"], quotes["end"],
                                   quotes["speaker_start"], quotes["speaker_end"], strict=True):
        out.setdefault(article, []).append(
            (int(s), int(e), None if pd.isna(a) or pd.isna(b) else (int(a), int(b))))
    return out


def _attributions(coded: pd.DataFrame, func: str) -> dict[object, list[tuple]]:
    """Each article's coded attributions: (direct, content spans, speaker spans)."""
    try:
        starts = pd.to_numeric(coded["start"]).astype("int64")
        ends = pd.to_numeric(coded["end"]).astype("int64")
    except (TypeError, ValueError):
        raise SchemaError(f"{func}: the 'start' and 'end' columns of 'coded' must be whole numbers "
                          "(character offsets) with no missing values.", param="coded",
                          value="start/end") from None
    bad = coded.index[(starts < 0) | (ends < starts)]
    if len(bad):
        raise SchemaError(f"{func}: row {bad[0]!r} of 'coded' has start {starts[bad[0]]} and end "
                          f"{ends[bad[0]]}; a span needs 0 <= start <= end.", param="coded",
                          value=list(bad[:5]))
    direct = coded["direct"]
    if direct.isna().any() or not set(direct.unique()) <= {True, False}:
        raise SchemaError(f"{func}: the 'direct' column of 'coded' must be True (in quotation marks) "
                          "or False (reported speech) on every row.", param="coded", value="direct")
    has_speaker = {"speaker_start", "speaker_end"} <= set(coded.columns)
    key = coded["attribution"] if "attribution" in coded.columns else pd.Series(range(len(coded)),
                                                                            index=coded.index)
    grouped: dict[tuple, list] = {}
    for i, label in enumerate(coded.index):
        group = grouped.setdefault((coded["id"].iloc[i], key.iloc[i]), [bool(direct.iloc[i]), [], []])
        span = (int(starts.iloc[i]), int(ends.iloc[i]))
        if span not in group[1]:  # (a piece repeated beside each of several speaker spans)
            group[1].append(span)
        if has_speaker:
            a, b = coded["speaker_start"].iloc[i], coded["speaker_end"].iloc[i]
            if not (pd.isna(a) or pd.isna(b)) and (int(a), int(b)) not in group[2]:
                group[2].append((int(a), int(b)))
    out: dict[object, list[tuple]] = {}
    for (article, _), (is_direct, spans, speaker) in grouped.items():
        out.setdefault(article, []).append((is_direct, spans, speaker))
    return out


def _score_article(rows: list[tuple], attributions: list[tuple]) -> np.ndarray:
    """Attributions, found, speaker right (direct, then reported); rows, rows on coded words."""
    counts = np.zeros(8)
    content = [span for _, spans, _ in attributions for span in spans]
    counts[6] = len(rows)
    counts[7] = sum(any(_overlap(r, g) for g in content) for r in rows)
    for is_direct, spans, speaker in attributions:
        need = sum(e - s for s, e in spans)
        if need == 0 or not speaker:  # (words with no written speaker count for precision only)
            continue
        k = 0 if is_direct else 3
        counts[k] += 1
        best = max(rows, key=lambda r: sum(_overlap(r, sp) for sp in spans), default=None)
        if best is None or not any(_overlap(best, sp) for sp in spans):
            continue
        same = [r for r in rows if best[2] is not None and r[2] == best[2]] or [best]
        if sum(_overlap(r, sp) for r in same for sp in spans) * 2 < need:
            continue
        counts[k + 1] += 1
        if best[2] is not None and any(_overlap(best[2], sp) for sp in speaker):
            counts[k + 2] += 1
    return counts
