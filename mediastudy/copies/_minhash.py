"""Shingles, winnowed fingerprints, MinHash signatures and banding (private).

Everything here works on plain numpy arrays so the in-memory, chunked and Dask paths share
it. Words are hashed from their UTF-8 bytes with a fixed polynomial and a fixed mixer, so a
text's hashes depend on the text alone: the same in every process, partition and run.

Vocabulary of this module:

* shingle: a run of ``SHINGLE`` consecutive words of one text, hashed to a uint64;
* fingerprint: the smallest shingle hash of a window of ``WINDOW`` consecutive shingles
  (winnowing, Schleimer, Wilkerson & Aiken 2003). A text keeps about 2 / (WINDOW + 1) of its
  shingles as fingerprints, chosen by content, so a passage two texts share (of at least
  WINDOW + SHINGLE - 1 words) yields the same fingerprints in both, wherever it stands;
* signature: ``N_PERM`` MinHash values of a text's fingerprints, cut into bands of ``ROWS``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

SHINGLE = 5
WINDOW = 12
N_PERM = 126
ROWS = 3
NEIGHBOURS = 50
BATCH_CHARS = 1 << 18
SIGNATURE_BLOCK = 1 << 15  # fingerprints per block of signatures (256 KiB of products)

_U = np.uint64
_MAX64 = np.iinfo(np.uint64).max
_P = 0x100000001B3
_PINV = pow(_P, -1, 2**64)
_SHINGLE_MULT = [
    _U(c)
    for c in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
              0xFF51AFD7ED558CCD)
]

# A word is a run of ASCII letters, digits and "_" or of non-ASCII characters, except the
# general punctuation block (U+2000-U+206F: curly quotes, dashes, ...), the no-break space
# and guillemets, so a copy desk's change of quote marks or dashes leaves the words alone.
_WORD_BYTE = np.zeros(256, dtype=bool)
_WORD_BYTE[np.frombuffer(b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_",
                         dtype=np.uint8)] = True
_WORD_BYTE[0x80:] = True
_LOWER = np.arange(256, dtype=np.uint8)
_LOWER[65:91] += 32
_LOWER_PLUS_ONE = _LOWER.astype(np.uint64) + _U(1)  # what each byte adds to a word's hash
_POWERS: list[np.ndarray] = []


def mix64(x: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser: spreads the bits of uint64 values (a new array)."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> _U(30))
        x = x * _U(0xBF58476D1CE4E5B9)
        x = x ^ (x >> _U(27))
        x = x * _U(0x94D049BB133111EB)
        return x ^ (x >> _U(31))


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    if not _POWERS or _POWERS[0].size < n:
        m = max(n, BATCH_CHARS * 2)
        with np.errstate(over="ignore"):
            pw = np.full(m, _P, dtype=np.uint64)
            pw[0] = 1
            ipw = np.full(m, _PINV, dtype=np.uint64)
            ipw[0] = 1
            _POWERS[:] = [np.cumprod(pw), np.cumprod(ipw)]
    return _POWERS[0], _POWERS[1]


def batches(lengths: Sequence[int]) -> Iterator[slice]:
    """Consecutive slices of texts holding about BATCH_CHARS characters each."""
    start = size = 0
    for i, n in enumerate(lengths):
        size += n
        if size >= BATCH_CHARS:
            yield slice(start, i + 1)
            start, size = i + 1, 0
    if start < len(lengths):
        yield slice(start, len(lengths))


def word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The hash of every word of each text (lower-cased), and the number of words per text."""
    encoded = [t.lower().encode("utf-8", "surrogatepass") for t in texts]
    lengths = np.fromiter((len(e) for e in encoded), dtype=np.int64, count=len(encoded))
    buf = np.frombuffer(b"\n".join(encoded), dtype=np.uint8)
    n = buf.size
    if n == 0:
        return np.empty(0, np.uint64), np.zeros(len(texts), np.int64)
    # take() rather than fancy indexing: the same lookups in a third of the time
    is_word = _WORD_BYTE.take(buf)
    if n >= 3:
        lead = np.flatnonzero(buf[:-2] == 0xE2)  # then look only after those bytes
        punct = lead[(buf[lead + 1] == 0x80) | (buf[lead + 1] == 0x81)]
        for d in range(3):
            is_word[punct + d] = False
    if n >= 2:
        lead = np.flatnonzero(buf[:-1] == 0xC2)
        follow = buf[lead + 1]
        latin = lead[(follow == 0xA0) | (follow == 0xAB) | (follow == 0xBB)]
        is_word[latin] = False
        is_word[latin + 1] = False
    edge = np.diff(is_word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edge == 1)
    ends = np.flatnonzero(edge == -1)
    pw, ipw = _powers(n)
    # Polynomial hash of each word from prefix sums: (H[end] - H[start]) / P**start.
    with np.errstate(over="ignore"):
        values = _LOWER_PLUS_ONE.take(buf)
        values *= pw[:n]
        prefix = np.empty(n + 1, np.uint64)
        prefix[0] = 0
        np.cumsum(values, out=prefix[1:])
        del values
        words = (prefix[ends] - prefix[starts]) * ipw[starts]
    # words per text: how many start before each text's end (a search per text, not per word)
    offsets = np.concatenate(([0], np.cumsum(lengths + 1)))
    return mix64(words), np.diff(np.searchsorted(starts, offsets)).astype(np.int64)


def ramp(counts: np.ndarray) -> np.ndarray:
    """0, 1, ..., c-1 for each c in counts, concatenated."""
    total = int(counts.sum())
    return np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)


def shingle_hashes(words: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hash every run of SHINGLE words inside one text: (hashes, shingles per text)."""
    k = SHINGLE
    n = words.size
    n_shingles = np.maximum(counts - k + 1, 0)
    if n < k or not n_shingles.any():
        return np.empty(0, np.uint64), n_shingles
    with np.errstate(over="ignore"):
        h = words[: n - k + 1] * _SHINGLE_MULT[0]
        for j in range(1, k):
            h += words[j : n - k + 1 + j] * _SHINGLE_MULT[j]
    starts = np.cumsum(counts) - counts
    keep = np.repeat(starts, n_shingles) + ramp(n_shingles)
    return mix64(h[keep]), n_shingles


def _sliding_min(values: np.ndarray, w: int) -> np.ndarray:
    """The minimum of each run of w consecutive values (van Herk / Gil-Werman, O(n))."""
    n = values.size
    n_blocks = -(-n // w)
    padded = np.full(n_blocks * w, _MAX64, dtype=np.uint64)
    padded[:n] = values
    blocks = padded.reshape(n_blocks, w)
    prefix = np.minimum.accumulate(blocks, axis=1).ravel()
    suffix = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].ravel()
    m = n - w + 1
    return np.minimum(suffix[:m], prefix[w - 1 : w - 1 + m])


def window_minima(shingles: np.ndarray, n_shingles: np.ndarray) -> np.ndarray:
    """For every shingle, the minimum of the window of WINDOW shingles it starts (the text's
    last full window for its last shingles; the whole text when it is shorter than a window).
    Same length as ``shingles``."""
    w = WINDOW
    out = np.empty(shingles.size, np.uint64)
    if shingles.size == 0:
        return out
    starts = np.cumsum(n_shingles) - n_shingles
    ends = starts + n_shingles
    text_of = np.repeat(np.arange(n_shingles.size), n_shingles)
    pos = np.arange(shingles.size)
    if shingles.size >= w:
        mins = _sliding_min(shingles, w)
        # a window starting at p is valid when it ends inside its text; later shingles
        # take the text's last valid window
        last = np.maximum(ends - w, starts)[text_of]
        src = np.minimum(pos, last)
        long_text = (n_shingles >= w)[text_of]
        out[long_text] = mins[src[long_text]]
    else:
        long_text = np.zeros(shingles.size, dtype=bool)
    short = (n_shingles > 0) & (n_shingles < w)
    if short.any():
        nonempty = n_shingles > 0
        per_text = np.zeros(n_shingles.size, np.uint64)
        per_text[nonempty] = np.minimum.reduceat(shingles, starts[nonempty])
        out[~long_text] = np.repeat(per_text[short], n_shingles[short])
    return out


def _by_text_then_value(text_of: np.ndarray, values: np.ndarray) -> np.ndarray:
    """An order of the entries by text (``text_of`` is non-decreasing), then by value.

    Sorted by value, then stably by the text's number in the batch: a radix sort when the
    batch holds fewer than 65,536 texts with fingerprints (always, with BATCH_CHARS
    characters of five-word texts), four times as fast as np.lexsort, which does the rest.
    Equal values of one text may come in any order: they are the same."""
    dense = np.zeros(text_of.size, np.int64)
    if text_of.size:
        np.cumsum(text_of[1:] != text_of[:-1], out=dense[1:])
    if text_of.size == 0 or dense[-1] >= 1 << 16:
        return np.lexsort((values, text_of))
    by_value = np.argsort(values)
    return by_value[np.argsort(dense[by_value].astype(np.uint16), kind="stable")]


def fingerprints(get_texts, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Winnowed fingerprints of each text: (values, text index, shingles per text).

    ``get_texts(slice)`` returns the texts of a slice (so only a batch of them need be Python
    strings at a time); ``lengths`` are their lengths in characters. ``values`` are unique
    per text and grouped by text in order; the text index is int32."""
    values, owners = [], []
    n_shingles = np.zeros(len(lengths), np.int64)
    for part in batches(lengths):
        words, counts = word_hashes(get_texts(part))
        shingles, n_sh = shingle_hashes(words, counts)
        del words
        n_shingles[part] = n_sh
        if shingles.size == 0:
            continue
        mins = window_minima(shingles, n_sh)
        text_of = np.repeat(np.arange(part.start, part.stop, dtype=np.int32), n_sh)
        # a window minimum repeats over the windows that share it: keep one per run
        keep = np.ones(mins.size, dtype=bool)
        keep[1:] = (mins[1:] != mins[:-1]) | (text_of[1:] != text_of[:-1])
        v, t = mins[keep], text_of[keep]
        order = _by_text_then_value(t, v)
        v, t = v[order], t[order]
        keep = np.ones(v.size, dtype=bool)
        keep[1:] = (v[1:] != v[:-1]) | (t[1:] != t[:-1])
        values.append(v[keep])
        owners.append(t[keep])
    if not values:
        return np.empty(0, np.uint64), np.empty(0, np.int32), n_shingles
    return np.concatenate(values), np.concatenate(owners), n_shingles


def shingle_sets(texts: Sequence[str], drop: Sequence[np.ndarray | None]) -> list[np.ndarray]:
    """The sorted unique shingle hashes of each text, without the shingles whose window
    minimum is in the text's ``drop`` array (its outlet's boilerplate fingerprints, sorted)."""
    out: list[np.ndarray] = []
    # np.isin and np.unique cost more in their setup than in their work on one text's
    # shingles: a lookup in the sorted drop array and a sort do the same
    for part in batches([len(t) for t in texts]):
        words, counts = word_hashes(texts[part])
        shingles, n_sh = shingle_hashes(words, counts)
        mins = window_minima(shingles, n_sh)
        ends = np.cumsum(n_sh)
        for i, (s, e) in enumerate(zip(ends - n_sh, ends, strict=True)):
            sh = shingles[s:e]
            bad = drop[part.start + i]
            if bad is not None and bad.size and sh.size:
                at = np.searchsorted(bad, mins[s:e])
                at[at == bad.size] = 0
                sh = sh[bad[at] != mins[s:e]]
            sh = np.sort(sh)
            if sh.size > 1:
                sh = sh[np.r_[True, sh[1:] != sh[:-1]]]
            out.append(sh)
    return out


def overlap(a: np.ndarray, b: np.ndarray) -> int:
    """How many values two sorted unique arrays share."""
    if a.size > b.size:
        a, b = b, a
    if a.size == 0:
        return 0
    pos = np.searchsorted(b, a)
    pos[pos == b.size] = 0
    return int(np.count_nonzero(b[pos] == a))


def signatures(values: np.ndarray, owners: np.ndarray, n_texts: int, random_state: int) -> np.ndarray:
    """MinHash signatures (n_texts x N_PERM, uint32) of each text's fingerprint set.

    Permutation p maps x to the top 32 bits of (a_p * x + b_p) mod 2**64 with odd a_p
    (multiply-add-shift hashing); ``owners`` must be sorted. A text without fingerprints keeps
    the maximum in every slot."""
    rng = np.random.default_rng(random_state)
    a = rng.integers(0, 2**63, N_PERM, dtype=np.uint64) * _U(2) + _U(1)
    b = rng.integers(0, 2**63, N_PERM, dtype=np.uint64)
    sig = np.full((n_texts, N_PERM), np.iinfo(np.uint32).max, dtype=np.uint32)
    if values.size == 0:
        return sig
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    ends = np.r_[starts[1:], values.size]
    texts = owners[starts]
    first = 0
    # blocks of texts holding about SIGNATURE_BLOCK values, one permutation at a time: each
    # step is one pass over a block that stays in cache, and every minimum is taken along a
    # contiguous row (a values x permutations block reduced down its columns took 3 times
    # as long); the top 32 bits of a minimum are the minimum of the top 32 bits
    with np.errstate(over="ignore"):
        while first < starts.size:
            last = max(first + 1,
                       int(np.searchsorted(starts, starts[first] + SIGNATURE_BLOCK, side="right")) - 1)
            lo, hi = starts[first], ends[last - 1]
            block, at = values[lo:hi], starts[first:last] - lo
            h = np.empty(block.size, np.uint64)
            mins = np.empty((N_PERM, last - first), np.uint64)
            for p in range(N_PERM):
                np.multiply(block, a[p], out=h)
                h += b[p]
                np.minimum.reduceat(h, at, out=mins[p])
            mins >>= _U(32)
            sig[texts[first:last]] = mins.T
            first = last
    return sig


def band_keys(sig: np.ndarray) -> np.ndarray:
    """One uint64 key per text and band (n_texts x N_PERM // ROWS)."""
    n_bands = N_PERM // ROWS
    x = sig[:, : n_bands * ROWS].reshape(sig.shape[0], n_bands, ROWS).astype(np.uint64)
    key = x[:, :, 0]
    with np.errstate(over="ignore"):
        for c in range(1, ROWS):
            key = mix64(key * _U(0x9E3779B97F4A7C15) ^ x[:, :, c])
        key = key + np.arange(n_bands, dtype=np.uint64) * _U(0xD6E8FEB86659FD93)
    return mix64(key)


def neighbour_pairs(keys: np.ndarray, rank: np.ndarray, owner: np.ndarray | None = None,
                    neighbours: int = NEIGHBOURS):
    """Pairs of items sharing a key: each item with the next ``neighbours`` items of its group
    in rank order (all pairs for groups up to neighbours + 1 items; a chain through larger
    groups, so their work stays linear). An item's rank is ``rank[item]``, or
    ``rank[owner[item]]`` when ``owner`` is given. Returns item positions (i, j)."""
    order = np.argsort(keys)
    k = keys[order]
    dup = k[1:] == k[:-1]
    del k
    order = order[np.r_[dup, False] | np.r_[False, dup]]  # only keys held by two or more items
    del dup
    item_rank = rank[order] if owner is None else rank[owner[order]]
    order = order[np.lexsort((item_rank, keys[order]))]
    k = keys[order]
    first_of_group = np.r_[True, k[1:] != k[:-1]]
    group_end = np.r_[np.flatnonzero(first_of_group)[1:], k.size]
    end = np.repeat(group_end, np.diff(np.r_[np.flatnonzero(first_of_group), k.size]))
    pos = np.flatnonzero(end - np.arange(k.size) > 1)
    firsts, seconds = [], []
    for d in range(1, neighbours + 1):
        pos = pos[end[pos] - pos > d]
        if pos.size == 0:
            break
        firsts.append(order[pos])
        seconds.append(order[pos + d])
    if not firsts:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(firsts), np.concatenate(seconds)
