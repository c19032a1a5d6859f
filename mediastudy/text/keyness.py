"""Keyness: the words (and phrases) that set one group of articles apart from another.

Each group (an outlet, a topic, a period, a mask) is compared with the rest of the corpus or
with a reference group, term by term, on the 2x2 table of counts

    =========  ==========  ==============
               the term    all other terms
    target     a           c = n_target - a
    reference  b           d = n_reference - b
    =========  ==========  ==============

* ``"chi2"``: Pearson's chi-squared, with Yates' continuity correction when quanteda's
  ``textstat_keyness(correction = "default")`` applies it (``|ad - bc| >= N / 2`` and an
  expected count below 5), so results can be checked against it;
* ``"lr"``: the likelihood-ratio G², with the cells moved half a count toward independence
  under the same condition (as quanteda's default);
* ``"logodds"``: the z-score of the log-odds ratio with an informative Dirichlet prior
  (Monroe, Colaresi & Quinn 2008), the prior proportional to each term's frequency in the
  whole corpus.

Each statistic is signed: positive when the term is more frequent in the target than the
table's expectation. ``p`` is the chance of a statistic at least as large (chi-squared with
one degree of freedom; for ``"logodds"`` the two-sided normal p-value).
"""

from __future__ import annotations

import numbers
from collections.abc import Collection

import numpy as np
import pandas as pd

from ..checks import check_choice, check_int, require_columns
from ..errors import DataError, InvalidParameterError
from ._word_counts import count_words

__all__ = ["keyness", "plot_keyness", "MEASURES", "log_odds_with_prior"]

MEASURES = ("logodds", "chi2", "lr")
_EPSILON = 1e-9  # inside the logarithms of G², as quanteda


def keyness(
    corpus: pd.DataFrame,
    *,
    by: str | list[str] | pd.Series | np.ndarray = "outlet",
    reference: object = None,
    measure: str = "logodds",
    text_column: str = "text",
    ngram: int = 1,
    min_count: int = 5,
    n_terms: int | None = 20,
    prior: float = 0.1,
    stop_words: str | Collection[str] | None = "news",
) -> pd.DataFrame:
    """The terms that distinguish each group of articles from the rest or from a reference.

    Parameters
    ----------
    corpus : DataFrame
        The articles, with ``text_column`` and (when ``by`` names one) the grouping column.
        It is not modified.
    by : str, list of str or boolean mask, default "outlet"
        A column to group by (outlet, topic, a period column, ...), or a boolean Series or
        array aligned with the corpus: the articles where it is True against the others
        (group ``True``). A list, e.g. ``["topic", "outlet"]``: the groups of its last
        column compared within each value of the others (each outlet against the other
        outlets on the same topic); strata with fewer than two groups are left out.
    reference : value or None
        None: each group against all other articles. A value of ``by``: each other group
        against that group only.
    measure : {"logodds", "chi2", "lr"}, default "logodds"
        The statistic (see the module docstring).
    text_column : str
    ngram : int, default 1
        Longest phrase counted (1: words; 2: also two-word phrases). Words are runs of two or
        more letters or digits, lower-cased (scikit-learn's CountVectorizer defaults).
    min_count : int, default 5
        Fewest occurrences in the whole corpus a term needs.
    n_terms : int or None, default 20
        Terms per group: the ``n_terms`` with the largest and the ``n_terms`` with the
        smallest statistic. None returns every term for every group (large).
    prior : float, default 0.1
        For ``"logodds"``: the prior's total, as a share of the target group's term count.
    stop_words : {"news", "english"}, collection of str or None, default "news"
        Words left out before counting, as :class:`TopicModel` leaves them out: "news" is
        scikit-learn's English list plus words every news story uses ("said", weekdays,
        months). Function words then do not crowd the list ("the" and "is" set an outlet of
        short or long articles apart, not its subjects); None counts every word (the
        function words of a house style, as Monroe et al. 2008 study them).

    Returns
    -------
    DataFrame
        One row per group and term: the group (a column named as ``by``, or ``group`` for a
        mask), ``term``, ``keyness`` (the signed statistic), ``p``, ``n_target`` and
        ``n_reference`` (the term's counts), ``measure``; per group from the most to the
        least distinctive.

    Examples
    --------
    >>> import pandas as pd
    >>> import mediastudy as ms
    >>> corpus = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "text": [
    ...     "tanks and tanks", "tanks again", "peace talks", "peace and talks"]})
    >>> table = ms.keyness(corpus, measure="chi2", min_count=1, n_terms=1)
    >>> table[["outlet", "term", "keyness", "n_target", "n_reference"]].round(3)
      outlet   term  keyness  n_target  n_reference
    0      A  tanks    3.512         3            0
    1      A  peace   -0.365         0            2
    2      B  peace    0.365         2            0
    3      B  tanks   -3.512         0            3
    """
    func = "keyness"
    require_columns(corpus, [text_column], func=func, param="corpus")
    if isinstance(by, (list, tuple)) and by and all(isinstance(b, str) for b in by):
        if len(by) == 1:
            by = by[0]
        else:
            return _stratified(corpus, list(by), reference=reference, measure=measure,
                               text_column=text_column, ngram=ngram, min_count=min_count,
                               n_terms=n_terms, prior=prior, stop_words=stop_words)  # fmt: skip
    check_choice(measure, MEASURES, func=func, param="measure")
    from .stopwords import stop_word_set  # (scikit-learn's list: imported when needed)

    stop = stop_word_set(stop_words, func=func)
    check_int(ngram, func=func, param="ngram")
    check_int(min_count, func=func, param="min_count")
    check_int(n_terms, func=func, param="n_terms", optional=True)
    if not isinstance(prior, numbers.Real) or isinstance(prior, bool) or not 0 < prior < np.inf:
        raise InvalidParameterError(
            f"The 'prior' parameter of {func} must be a number > 0. Got {prior!r} instead.",
            param="prior", value=prior,
        )  # fmt: skip

    group_name, labels = _groups(corpus, by, func)
    texts = corpus[text_column]
    usable = texts.map(lambda t: isinstance(t, str) and bool(t.strip())).to_numpy(dtype=bool)
    if not usable.any():
        raise DataError(f"{func}: no article has text in '{text_column}'.", param="corpus")
    labels = labels[usable]
    known = pd.notna(labels)
    if reference is not None and not (known & (labels == reference)).any():
        raise DataError(
            f"{func}: the reference group {reference!r} has no articles with text "
            f"(groups: {_preview(pd.unique(labels[known]))}).",
            param="reference", value=reference,
        )  # fmt: skip
    codes, groups = pd.factorize(pd.Series(labels[known]), sort=True)
    if len(groups) < 2:
        raise DataError(
            f"{func}: keyness compares groups, and the articles form only "
            f"{len(groups)} ({_preview(groups)}). Group by a column with two or more values.",
            param="by", value=list(groups),
        )  # fmt: skip

    from scipy import sparse

    try:
        if ngram == 1:
            counts, terms = count_words(texts[usable][known], codes, len(groups))
        else:
            from sklearn.feature_extraction.text import CountVectorizer

            vectorizer = CountVectorizer(ngram_range=(1, ngram), dtype=np.float64)
            x = vectorizer.fit_transform(texts[usable][known])
            terms = vectorizer.get_feature_names_out()
            indicator = sparse.csr_matrix(
                (np.ones(len(codes)), (codes, np.arange(len(codes)))),
                shape=(len(groups), len(codes)),
            )  # fmt: skip
            counts = (indicator @ x).tocsr()  # groups x terms
    except ValueError:  # nothing but stop-words or one-letter words
        counts = None
    if counts is None:
        raise DataError(f"{func}: the texts hold no word of two or more letters.",
                        param="corpus")  # fmt: skip
    total = np.asarray(counts.sum(axis=0)).ravel()
    counted = total >= min_count
    if stop:  # a phrase holding a stop word is left out (the phrases are the text's own)
        counted &= np.fromiter((not any(w in stop for w in t.split()) for t in terms), bool,
                               len(terms))  # (np.isin sorts the strings: 0.4 s on 100,000)
    keep = np.flatnonzero(counted)
    if not len(keep):
        raise DataError(f"{func}: no term occurs {min_count} times or more; lower min_count.",
                        param="min_count", value=min_count)  # fmt: skip
    counts = counts[:, keep].tocsr()
    terms, total = terms[keep], total[keep]
    sizes = np.asarray(counts.sum(axis=1)).ravel()
    share = total / total.sum()
    ref_row = None if reference is None else int(np.flatnonzero(groups == reference)[0])
    order = np.argsort(-(total if ref_row is None else counts[ref_row].toarray().ravel()), kind="stable")

    parts = []
    for g in range(len(groups)):
        if g == ref_row:
            continue
        row = counts[g]
        if ref_row is None:
            ref_counts, ref_size = None, total.sum() - sizes[g]
        else:
            ref_counts, ref_size = counts[ref_row], sizes[ref_row]
        if n_terms is None:
            idx = np.arange(len(terms))
        else:
            # terms the group uses, and the commonest reference terms it never uses (the
            # most negative of those it lacks): together they hold both ends
            present = row.indices
            head = order[: len(present) + n_terms]
            absent = head[~np.isin(head, present)][:n_terms]
            idx = np.concatenate([present, absent])
        a = row.toarray().ravel()[idx] if n_terms is None else np.concatenate(
            [row.data, np.zeros(len(idx) - len(row.data))])  # fmt: skip
        b = (total[idx] - a) if ref_counts is None else ref_counts.toarray().ravel()[idx]
        stat = _statistic(measure, a, b, sizes[g], ref_size, share[idx], prior)
        # the vocabulary is in alphabetical order: ties go by term
        pick = np.lexsort((idx, -stat))
        if n_terms is not None and len(idx) > 2 * n_terms:
            pick = np.concatenate([pick[:n_terms], pick[-n_terms:]])
        parts.append(pd.DataFrame({
            group_name: np.repeat(np.array([groups[g]], dtype=object), len(pick)),
            "term": terms[idx[pick]], "keyness": stat[pick], "n_target": a[pick].astype(np.int64),
            "n_reference": b[pick].astype(np.int64),
        }))  # fmt: skip
    from scipy.special import chdtrc  # chi-squared survival, as scipy.stats.chi2.sf computes it

    out = pd.concat(parts, ignore_index=True)
    value = out["keyness"].to_numpy()
    p = chdtrc(1, value**2 if measure == "logodds" else np.abs(value))
    out.insert(3, "p", p)
    out["measure"] = measure
    if group_name != "group":
        out[group_name] = out[group_name].astype(corpus[group_name].dtype, errors="ignore")
    return out


def _stratified(corpus, by, **options):
    """keyness of the last column of ``by`` within each value of the others."""
    require_columns(corpus, by, func="keyness", param="corpus")
    parts = []
    for key, part in corpus.groupby(by[:-1], sort=True, observed=True):
        inner = part[by[-1]]
        reference = options["reference"]
        if inner.nunique() < 2 or (reference is not None and not (inner == reference).any()):
            continue
        try:
            found = keyness(part, by=by[-1], **options)
        except DataError:  # a stratum without enough text or terms
            continue
        key = key if isinstance(key, tuple) else (key,)
        parts.append(found.assign(**dict(zip(by[:-1], key, strict=True)))[[*by[:-1], *found.columns]])
    if not parts:
        raise DataError(
            f"keyness: no value of {by[:-1]} has two or more '{by[-1]}' groups with text to "
            "compare.", param="by", value=by,
        )  # fmt: skip
    return pd.concat(parts, ignore_index=True)


def _groups(corpus, by, func):
    if isinstance(by, str):
        require_columns(corpus, [by], func=func, param="corpus")
        return by, corpus[by].to_numpy(dtype=object)
    mask = by.to_numpy() if isinstance(by, pd.Series) else np.asarray(by)
    if mask.dtype != bool or mask.shape != (len(corpus),):
        raise InvalidParameterError(
            f"The 'by' parameter of {func} must be a column name or a boolean mask with one "
            f"value per article ({len(corpus)}). Got {type(by).__name__} "
            f"{getattr(mask, 'dtype', '')} of shape {getattr(mask, 'shape', '?')}.",
            param="by", value=type(by).__name__,
        )  # fmt: skip
    return "group", mask.astype(object)


def _preview(values) -> str:
    values = [str(v) for v in values]
    return ", ".join(values[:5]) + (" ..." if len(values) > 5 else "") if values else "none"


def log_odds_with_prior(a, b, n_a, n_b, alpha, alpha0) -> tuple[np.ndarray, np.ndarray]:
    """Log-odds ratio of each term between two groups and its z-score (Monroe, Colaresi &
    Quinn 2008, eq. 16 and 18), with Dirichlet prior pseudo-counts ``alpha`` (per term)
    summing to ``alpha0``. ``a``, ``b``: the term's counts in each group; ``n_a``, ``n_b``:
    the groups' total counts. Returns ``(delta, z)``, 0 where undefined. Shared by
    :func:`keyness` and :func:`mediastudy.learn_lexicon`, which set the prior each its way.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((a + alpha) / (n_a + alpha0 - a - alpha)) - np.log(
            (b + alpha) / (n_b + alpha0 - b - alpha)
        )
        z = delta / np.sqrt(1 / (a + alpha) + 1 / (b + alpha))
    return np.nan_to_num(delta), np.nan_to_num(z)


def _statistic(measure, a, b, n_target, n_reference, share, prior):
    """The signed statistic of each term from its 2x2 table (vectorised)."""
    a = a.astype(float)
    b = b.astype(float)
    if measure == "logodds":
        alpha0 = prior * n_target
        return log_odds_with_prior(a, b, n_target, n_reference, alpha0 * share, alpha0)[1]
    c = n_target - a
    d = n_reference - b
    n = a + b + c + d
    row_t, row_r, col_1, col_2 = a + c, b + d, a + b, c + d
    sign = np.where(a > col_1 * row_t / n, 1.0, -1.0)
    ad_bc = a * d - b * c
    expected_small = (
        (col_1 * row_t / n < 5) | (col_1 * row_r / n < 5) | (col_2 * row_t / n < 5)
        | (col_2 * row_r / n < 5)
    )  # fmt: skip
    delta = np.where((np.abs(ad_bc) >= n / 2) & expected_small, 0.5, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "chi2":
            stat = n * (np.abs(ad_bc) - n * delta) ** 2 / (row_t * row_r * col_1 * col_2)
            return sign * np.nan_to_num(stat)
        # G²: the cells moved by delta toward independence, then 2 sum O log(O / E)
        toward = np.where(ad_bc > 0, 1.0, -1.0) * delta
        cells = [(a - toward, row_t, col_1), (b + toward, row_r, col_1),
                 (c + toward, row_t, col_2), (d - toward, row_r, col_2)]  # fmt: skip
        g2 = 0.0
        for observed, row, col in cells:
            expected = row * col / n
            g2 = g2 + np.where(observed > 0, observed * np.log(observed / expected + _EPSILON), 0.0)
        return sign * 2 * g2


def plot_keyness(table: pd.DataFrame, *, group: object = None, n_terms: int = 10, ax=None,
                 **kwargs):  # fmt: skip
    """A diverging bar chart of one group's most and least distinctive terms.

    Parameters
    ----------
    table : DataFrame
        What :func:`keyness` returns.
    group : value or None
        The group to draw; None: the first in the table.
    n_terms : int, default 10
        Bars on each side.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``Axes.barh``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> import mediastudy as ms
    >>> corpus = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "text": [
    ...     "tanks and tanks", "tanks again", "peace talks", "peace and talks"]})
    >>> ax = ms.plot_keyness(ms.keyness(corpus, min_count=1), group="A")
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['tanks', 'peace']
    """
    import matplotlib.pyplot as plt

    from ..style import literal_text

    require_columns(table, ["term", "keyness"], func="plot_keyness", param="table")
    group_column = next((c for c in table.columns if c not in
                         ("term", "keyness", "p", "n_target", "n_reference", "measure")), None)  # fmt: skip
    rows = table
    if group_column is not None and len(table):
        chosen = table[group_column].iloc[0] if group is None else group
        rows = table[table[group_column] == chosen]
        if not len(rows):
            raise InvalidParameterError(
                f"The 'group' parameter of plot_keyness: {group!r} is not in the table's "
                f"'{group_column}' column ({_preview(pd.unique(table[group_column]))}).",
                param="group", value=group,
            )  # fmt: skip
    rows = rows.sort_values("keyness", ascending=False, kind="stable")
    rows = pd.concat([rows.head(n_terms), rows[rows["keyness"] < 0].tail(n_terms)])
    rows = rows[~rows.index.duplicated()]
    if ax is None:
        ax = plt.gca()
    y = np.arange(len(rows))[::-1]
    values = rows["keyness"].to_numpy()
    colors = np.where(values >= 0, "#2b6cb0", "#c05621")
    options = {"color": colors}
    options.update(kwargs)
    ax.barh(y, values, **options)
    ax.set_yticks(y)
    ax.set_yticklabels([literal_text(t) for t in rows["term"]])
    ax.axvline(0, color="#333333", linewidth=0.8)
    measure = rows["measure"].iloc[0] if "measure" in rows and len(rows) else "keyness"
    ax.set_xlabel(f"keyness ({measure}); left: used less than the reference")
    if group_column is not None and len(rows):
        ax.set_title(literal_text(f"{group_column}: {rows[group_column].iloc[0]}"))
    return ax
