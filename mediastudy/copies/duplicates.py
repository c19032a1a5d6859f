"""Near-duplicates and wire copy: which articles carry the same text, and who ran it first.

:func:`find_duplicates` finds articles whose texts are near copies of each other (an agency
story run by several outlets, retitled, trimmed, lightly edited) or that paste one article
into a longer one, groups them into clusters and names each cluster's origin, the earliest
article. :func:`mark_duplicates` adds the result to the corpus as columns, so counts can take
each cluster once.

How it works: texts are cut into 5-word shingles; each text keeps the smallest shingle hash of
every window of 12 shingles (winnowing), a sample chosen by content that two texts sharing a
passage of 16 words or more share too. Candidates come from two routes, both linear in the
number of articles: MinHash signatures of these fingerprints, cut into 42 bands of 3 values
(articles agreeing on a whole band are candidates: near copies, Jaccard similarity), and an
index of the fingerprints themselves (articles sharing at least half as many fingerprints as
a containment match needs: an article pasted into a longer one, whose Jaccard similarity is
low). Only candidates are compared exactly, on all their shingles.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..checks import require_columns
from ..errors import InvalidParameterError
from . import _minhash as mh

__all__ = ["find_duplicates", "DUPLICATE_COLUMNS", "DUPLICATE_KINDS"]

DUPLICATE_COLUMNS = [
    "id", "outlet", "date", "cluster", "kind", "origin_id", "origin_outlet", "origin_date",
    "similarity", "containment",
]
DUPLICATE_KINDS = ("origin", "copy", "excerpt", "passage", "not comparable")

# A passage one outlet prints in at least this many of its articles, spread over more than
# BOILERPLATE_DAYS, is that outlet's boilerplate (a disclaimer, a photo gallery, a standing
# background paragraph): texts are compared without it.
BOILERPLATE_ARTICLES = 5
BOILERPLATE_DAYS = 30
# The shorter text needs this many shingles (24 words) to match by containment.
MIN_CONTAINED = 20


def _check_share(value, name, func="find_duplicates"):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not 0 < value <= 1:
        raise InvalidParameterError(
            f"The '{name}' parameter of {func} must be a number in (0, 1]. "
            f"Got {value!r} instead.", param=name, value=value, allowed="(0, 1]")


def _window_days(window, func="find_duplicates"):
    """The window in days (float), or None for no window."""
    if window is None:
        return None
    try:
        if isinstance(window, bool):
            raise TypeError
        if isinstance(window, (int, float, np.integer, np.floating)):
            days = float(window)
        else:
            days = pd.Timedelta(window) / pd.Timedelta(days=1)
    except (TypeError, ValueError):
        days = math.nan
    if not days >= 0:
        raise InvalidParameterError(
            f"The 'window' parameter of {func} must be a number of days >= 0, a "
            f"Timedelta or a string such as '7D', or None. Got {window!r} instead.",
            param="window", value=window, allowed="days >= 0, Timedelta, None")
    return days


def _boilerplate(values, owners, outlet_codes, day):
    """Which fingerprint entries are their outlet's boilerplate (see BOILERPLATE_ARTICLES),
    one outlet at a time so memory follows the largest outlet: (mask over the entries,
    {outlet code: sorted boilerplate values})."""
    mask = np.zeros(values.size, dtype=bool)
    drop = {}
    if values.size == 0:
        return mask, drop
    n = outlet_codes.size
    first = np.searchsorted(owners, np.arange(n + 1))
    per_text = np.diff(first)
    by_outlet = np.argsort(outlet_codes, kind="stable")
    bounds = np.flatnonzero(np.r_[True, np.diff(outlet_codes[by_outlet]) != 0, True])
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        docs = by_outlet[lo:hi]
        if docs.size < BOILERPLATE_ARTICLES:
            continue
        counts = per_text[docs]
        idx = np.repeat(first[docs], counts) + mh.ramp(counts)
        uniq, inverse, size = np.unique(values[idx], return_inverse=True, return_counts=True)
        big = np.flatnonzero(size >= BOILERPLATE_ARTICLES)
        if big.size == 0:
            continue
        d = day[owners[idx]]
        lo_day = np.full(uniq.size, np.inf)
        hi_day = np.full(uniq.size, -np.inf)
        dated = ~np.isnan(d)
        np.minimum.at(lo_day, inverse[dated], d[dated])
        np.maximum.at(hi_day, inverse[dated], d[dated])
        n_dated = np.bincount(inverse[dated], minlength=uniq.size)
        flag = (size >= BOILERPLATE_ARTICLES) & ((hi_day - lo_day > BOILERPLATE_DAYS) | (n_dated < 2))
        if flag.any():
            mask[idx] = flag[inverse]
            drop[int(outlet_codes[docs[0]])] = uniq[flag]
    # a text made of nothing but boilerplate keeps all of it (its repeats are duplicates)
    kept = np.bincount(owners[~mask], minlength=n)
    mask &= kept[owners] > 0
    return mask, drop


class _UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, x):
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _candidates(values, owners, n_fp, rank, n, containment, random_state):
    """Candidate pairs (lo, hi) of text indices from banding and from shared fingerprints."""
    pairs = []
    valid = np.flatnonzero(n_fp > 0)
    if valid.size > 1:
        sig = mh.signatures(values, owners, n, random_state)[valid]
        keys = mh.band_keys(sig)
        n_bands = keys.shape[1]
        i, j = mh.neighbour_pairs(keys.ravel(), np.repeat(rank[valid], n_bands))
        a, b = valid[i // n_bands], valid[j // n_bands]
        pairs.append(np.minimum(a, b) * n + np.maximum(a, b))
        del sig, keys, i, j, a, b
    if values.size:
        i, j = mh.neighbour_pairs(values, rank, owners)
        a, b = owners[i], owners[j]
        code, shared = np.unique(np.minimum(a, b) * n + np.maximum(a, b), return_counts=True)
        lo, hi = code // n, code % n
        need = np.maximum(1, np.ceil(containment / 2 * np.minimum(n_fp[lo], n_fp[hi])))
        pairs.append(code[shared >= need])
    if not pairs:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    code = np.unique(np.concatenate(pairs))
    code = code[code // n != code % n]
    return code // n, code % n


def find_duplicates(
    corpus: pd.DataFrame,
    *,
    threshold: float = 0.5,
    containment: float = 0.8,
    window: int | str | pd.Timedelta | None = 30,
    random_state: int = 0,
    text_column: str = "text",
    date_column: str = "date",
    outlet_column: str = "outlet",
    id_column: str = "id",
) -> pd.DataFrame:
    """Clusters of articles that carry the same text, each with its origin.

    Two articles are linked when they are near copies (Jaccard similarity of their sets of
    5-word shingles at least ``threshold``: retitled, lightly edited, a paragraph added or
    cut), or when one holds most of the other (``containment``: a story cut to its first
    paragraphs, or pasted into a longer article). Words are compared lower-cased, without
    punctuation. Clusters are the articles linked directly or through near copies; the
    cluster's origin is its earliest article.

    Parameters
    ----------
    corpus : DataFrame
        The articles, with the columns named below.
    threshold : float, default 0.5
        Least Jaccard similarity (shared shingles / all shingles of the two) of near copies.
    containment : float, default 0.8
        Least share of the shorter text's shingles found in the longer one for an excerpt or
        a pasted passage. The shorter text needs at least 24 words.
    window : int, str, Timedelta or None, default 30
        Articles further apart than this (days, or a Timedelta such as "7D") are not
        compared; None compares all. An article without a date is compared with all.
    random_state : int, default 0
        Seed of the MinHash permutations.
    text_column, date_column, outlet_column, id_column : str
        Column names.

    Returns
    -------
    DataFrame
        One row per article in a cluster of two or more, then one per article that could not
        be compared: ``id``, ``outlet``, ``date``, ``cluster`` (0, 1, ... by origin date),
        ``kind``, ``origin_id``, ``origin_outlet``, ``origin_date``, ``similarity`` and
        ``containment`` (of the article against its cluster's origin: Jaccard similarity, and
        the share of the shorter text's shingles in the longer). ``kind`` is

        * ``"origin"``: the earliest article of the cluster. Ties (same date) go to the
          smallest id; an article without a date comes after all dated ones;
        * ``"copy"``: a near copy of the origin (similarity at least ``threshold``);
        * ``"excerpt"``: a shorter text taken from the origin (cut, trimmed);
        * ``"passage"``: a longer article into which the origin was pasted;
        * ``"not comparable"``: a text of fewer than 5 words (or empty); it is never matched,
          and ``cluster`` and the origin columns are missing.

        Similarity and containment are measured against the origin, so an article linked
        through another member can show values under the thresholds.

    Notes
    -----
    A passage that one outlet prints in at least 5 of its articles spread over more than 30
    days (a disclaimer, a photo gallery, a standing background paragraph) is that outlet's
    boilerplate: texts are compared without it, so two stories sharing only it are not
    copies. A text made of nothing but boilerplate is compared whole.

    A longer article that pastes several stories joins the cluster of the one it shares the
    most shingles with; it does not merge their clusters.

    Examples
    --------
    >>> import pandas as pd
    >>> story = ("The central bank of Brenn raised its main rate by half a point on Monday, "
    ...          "the third rise this year, citing prices that keep climbing faster than wages.")
    >>> corpus = pd.DataFrame({
    ...     "id": ["a1", "b1", "c1"],
    ...     "outlet": ["Agency", "Daily", "Weekly"],
    ...     "date": pd.to_datetime(["2024-03-04", "2024-03-05", "2024-03-05"]),
    ...     "text": [story, story.replace("Monday", "Monday morning"),
    ...              "Snow closed the mountain roads for a second day."]})
    >>> find_duplicates(corpus)[["id", "cluster", "kind", "origin_id", "similarity"]].round(2)
       id  cluster    kind origin_id  similarity
    0  a1        0  origin        a1        1.00
    1  b1        0    copy        a1        0.69
    """
    require_columns(corpus, [id_column, text_column, date_column, outlet_column],
                    func="find_duplicates", param="corpus")
    _check_share(threshold, "threshold")
    _check_share(containment, "containment")
    window_days = _window_days(window)
    n = len(corpus)
    # the column without the corpus's attrs: pandas deep-copies them into every slice, and
    # a load report's attrs made that most of the time of find_duplicates
    column = pd.Series(corpus[text_column].array, copy=False)

    def get_texts(rows):
        return [t if isinstance(t, str) else "" for t in column.iloc[rows].tolist()]

    lengths = column.str.len().fillna(0).to_numpy(dtype=np.int64) if n else np.zeros(0, np.int64)
    fingerprints = mh.fingerprints(get_texts, lengths)
    return _find(corpus, fingerprints, get_texts, threshold=threshold, containment=containment,
                 window_days=window_days, random_state=random_state, id_column=id_column,
                 outlet_column=outlet_column, date_column=date_column)


def _find(meta, fingerprints, get_texts, *, threshold, containment, window_days, random_state,
          id_column, outlet_column, date_column):
    """find_duplicates from the texts' fingerprints: ``meta`` holds the id, outlet and date
    columns of every article in order, ``get_texts(positions)`` returns the texts of those
    articles (the in-memory and the chunked paths differ only in these)."""
    n = len(meta)
    ids = meta[id_column].astype(str).to_numpy(dtype=object)
    outlets = meta[outlet_column].to_numpy(dtype=object)
    dates = pd.to_datetime(meta[date_column], errors="coerce")
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_convert(None)
    dates = dates.to_numpy(dtype="datetime64[ns]")
    day = dates.astype("datetime64[s]").astype(np.float64) / 86400.0
    day[np.isnat(dates)] = np.nan
    # rank: date order, undated last, ties by id
    rank = np.empty(n, np.int64)
    by_id = np.argsort(ids.astype(str), kind="stable")
    id_rank = np.empty(n, np.int64)
    id_rank[by_id] = np.arange(n)
    rank[np.lexsort((id_rank, np.nan_to_num(day, nan=0.0), np.isnat(dates)))] = np.arange(n)

    values, owners, n_shingles = fingerprints
    outlet_codes = pd.factorize(pd.Series(outlets, dtype=object).fillna(""))[0]
    boiler, drop_values = _boilerplate(values, owners, outlet_codes, day)
    values, owners = values[~boiler], owners[~boiler]
    n_fp = np.bincount(owners, minlength=n)
    del boiler
    lo, hi = _candidates(values, owners, n_fp, rank, n, containment, random_state)
    del values, owners
    if window_days is not None and lo.size:
        gap = np.abs(day[lo] - day[hi])
        ok = ~(gap > window_days)  # NaN (a missing date) keeps the pair
        lo, hi = lo[ok], hi[ok]

    # exact comparison of the candidates, without each text's boilerplate
    docs = np.unique(np.r_[lo, hi]).astype(np.int64)
    drops = [drop_values.get(outlet_codes[d]) if n_fp[d] > 0 else None for d in docs]
    sets = dict(zip(docs.tolist(), mh.shingle_sets(get_texts(docs), drops), strict=True))
    clusters = _clusters(lo, hi, sets, rank, day, n, threshold, containment)
    return _table(meta, clusters, sets, np.flatnonzero(n_shingles == 0), threshold,
                  id_column, outlet_column, date_column, dates)


def _clusters(lo, hi, sets, rank, day, n, threshold, containment):
    """The clusters (lists of text indices, origin first) from the candidate pairs."""
    size = {d: s.size for d, s in sets.items()}
    copy_edges, take_edges = [], []
    for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
        shared = mh.overlap(sets[a], sets[b])
        union = size[a] + size[b] - shared
        if union == 0 or shared == 0:
            continue
        short, long_ = (a, b) if (size[a], rank[a]) < (size[b], rank[b]) else (b, a)
        if shared / union >= threshold:
            copy_edges.append((a, b))
        elif shared / max(size[short], 1) >= containment and size[short] >= MIN_CONTAINED:
            # the later text takes from the earlier; same day or both undated: the shorter
            # takes from the longer (an excerpt)
            same_day = day[long_] == day[short] or (np.isnan(day[long_]) and np.isnan(day[short]))
            if rank[long_] > rank[short] and not same_day:
                take_edges.append((long_, short, shared))
            else:
                take_edges.append((short, long_, shared))
    links = _UnionFind(n)
    for a, b in copy_edges:
        links.union(a, b)
    # each near-copy cluster takes from at most one other cluster: the one it shares most
    # shingles with (then the earliest), so a roundup of several stories merges none of them
    best = {}
    for taker, giver, shared in take_edges:
        ct, cg = links.find(taker), links.find(giver)
        if ct == cg:
            continue
        key = (-shared, rank[giver])
        if ct not in best or key < best[ct][0]:
            best[ct] = (key, cg)
    for ct, (_, cg) in best.items():
        links.union(ct, cg)
    members = {}
    for d in sets:
        members.setdefault(links.find(d), []).append(d)
    clusters = [sorted(m, key=lambda x: rank[x]) for m in members.values() if len(m) > 1]
    return sorted(clusters, key=lambda m: rank[m[0]])


def _table(corpus, clusters, sets, bad, threshold, id_column, outlet_column, date_column, dates):
    """find_duplicates' result: member rows by cluster, then the texts not comparable."""
    pos, number, kinds, origins, sims, cons = [], [], [], [], [], []
    for k, members in enumerate(clusters):
        origin = members[0]
        o = sets[origin]
        for d in members:
            shared = mh.overlap(sets[d], o)
            if d == origin:
                kind = "origin"
            elif shared / max(sets[d].size + o.size - shared, 1) >= threshold:
                kind = "copy"
            else:
                kind = "excerpt" if sets[d].size < o.size else "passage"
            pos.append(d)
            number.append(k)
            kinds.append(kind)
            origins.append(origin)
            sims.append(shared / max(sets[d].size + o.size - shared, 1))
            cons.append(shared / max(min(sets[d].size, o.size), 1))
    n_bad = bad.size
    rows = np.r_[np.asarray(pos, dtype=np.int64), bad]
    origin = np.asarray(origins, dtype=np.int64)
    take = corpus.iloc[rows]
    from_origin = corpus.iloc[origin]
    missing = pd.Series([pd.NA] * n_bad, dtype="string")
    return pd.DataFrame({
        "id": take[id_column].to_numpy(),
        "outlet": take[outlet_column].to_numpy(),
        "date": take[date_column].to_numpy(),
        "cluster": pd.array(number + [pd.NA] * n_bad, dtype="Int64"),
        "kind": pd.array(kinds + ["not comparable"] * n_bad, dtype="string"),
        "origin_id": pd.concat([from_origin[id_column].astype("string"), missing],
                               ignore_index=True).to_numpy(),
        "origin_outlet": pd.concat([from_origin[outlet_column].astype("string"), missing],
                                   ignore_index=True).to_numpy(),
        "origin_date": pd.to_datetime(np.r_[dates[origin], np.full(n_bad, np.datetime64("NaT"), "M8[ns]")]),
        "similarity": np.r_[sims, np.full(n_bad, np.nan)],
        "containment": np.r_[cons, np.full(n_bad, np.nan)],
    })
