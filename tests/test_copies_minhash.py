"""The private MinHash steps of find_duplicates against their definitions, spelled out."""

from __future__ import annotations

import numpy as np
import pytest

from mediastudy.copies import _minhash as mh


@pytest.mark.parametrize("block", [1 << 15, 7])
def test_signatures_are_the_top_bits_of_each_permutations_minimum(monkeypatch, block):
    """Each slot is min over the text's values of the top 32 bits of a_p * x + b_p (mod 2**64);
    a small block makes texts span several blocks and one text larger than a block."""
    monkeypatch.setattr(mh, "SIGNATURE_BLOCK", block)
    rng = np.random.default_rng(3)
    per_text = np.array([3, 0, 1, 20, 5, 0, 9])
    owners = np.repeat(np.arange(per_text.size, dtype=np.int32), per_text)
    values = rng.integers(0, 2**64, owners.size, dtype=np.uint64)
    sig = mh.signatures(values, owners, per_text.size + 1, random_state=11)
    draw = np.random.default_rng(11)
    a = draw.integers(0, 2**63, mh.N_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = draw.integers(0, 2**63, mh.N_PERM, dtype=np.uint64)
    assert sig.shape == (per_text.size + 1, mh.N_PERM) and sig.dtype == np.uint32
    for text in range(per_text.size + 1):
        mine = values[owners == text]
        if mine.size == 0:
            assert (sig[text] == np.iinfo(np.uint32).max).all()
            continue
        with np.errstate(over="ignore"):
            expected = ((mine[:, None] * a + b) >> np.uint64(32)).min(axis=0)
        assert (sig[text] == expected).all()


def test_shingle_sets_are_the_unique_shingles_outside_the_dropped_windows():
    """Each set is np.unique of the text's shingles whose window minimum is not in its drop
    array (spelled out with np.isin), for no drop, an empty one, some of its own minima and
    values beyond them; empty and short texts give empty sets."""
    words = [f"w{i % 37}" for i in range(400)]
    texts = [" ".join(words), "", "too short", " ".join(words[:60]) + " Ελλάδα “x” — y z",
             " ".join(words[:7] * 3), " ".join(reversed(words))]
    all_words, counts = mh.word_hashes(texts)
    shingles, n_sh = mh.shingle_hashes(all_words, counts)
    mins = mh.window_minima(shingles, n_sh)
    ends = np.cumsum(n_sh)
    own = [np.unique(mins[e - n:e]) for n, e in zip(n_sh, ends, strict=True)]
    drops = [own[0][::3], None, np.empty(0, np.uint64), np.r_[own[3][1::2], np.uint64(2**64 - 1)],
             own[4], np.r_[np.uint64(0), own[5][:1]]]
    drops = [None if d is None else np.sort(d) for d in drops]
    found = mh.shingle_sets(texts, drops)
    for i, (n, e) in enumerate(zip(n_sh, ends, strict=True)):
        sh, m = shingles[e - n:e], mins[e - n:e]
        if drops[i] is not None:
            sh = sh[~np.isin(m, drops[i])]
        expected = np.unique(sh)
        assert found[i].dtype == np.uint64 and np.array_equal(found[i], expected)
    assert found[1].size == found[2].size == found[4].size == 0 and found[0].size > 0


def _word_hashes_spelled_out(texts):
    """Words as mh.word_hashes defines them, hashed one byte at a time in Python."""
    hashes, counts = [], []
    for text in texts:
        data = text.lower().encode("utf-8", "surrogatepass")
        word = bytearray(data)
        for i, byte in enumerate(data):
            ascii_word = byte < 0x80 and (chr(byte).isalnum() or byte == ord("_"))
            word[i] = ascii_word or byte >= 0x80
        for i in range(len(data)):
            if data[i] == 0xE2 and i + 2 < len(data) and data[i + 1] in (0x80, 0x81):
                word[i:i + 3] = b"\0\0\0"
            if data[i] == 0xC2 and i + 1 < len(data) and data[i + 1] in (0xA0, 0xAB, 0xBB):
                word[i:i + 2] = b"\0\0"
        n = 0
        i = 0
        while i < len(data):
            if not word[i]:
                i += 1
                continue
            h, j = 0, 0
            while i < len(data) and word[i]:
                h = (h + (data[i] + 1) * pow(mh._P, j, 2**64)) % 2**64
                i, j = i + 1, j + 1
            hashes.append(h)
            n += 1
        counts.append(n)
    return mh.mix64(np.array(hashes, dtype=np.uint64)), np.array(counts, dtype=np.int64)


def test_word_hashes_are_the_polynomial_of_each_words_bytes():
    """Words are runs of ASCII letters, digits and _ or of non-ASCII bytes, cut at general
    punctuation (U+2000-U+206F), no-break spaces and guillemets, counted per text."""
    texts = ["", "Kyiv's MPs met NATO; NATO met them.", "ÉCOLE “Ελλάδα”—x\u00a0y «z» İstanbul",
             "a\u2019b\u2003c \u00c2\u00a0 \u00e2 end\u2014", "   ", "x\udc80y under_score 3.5%",
             "\u2026", "\u00bb"]
    words, counts = mh.word_hashes(texts)
    expected_words, expected_counts = _word_hashes_spelled_out(texts)
    assert counts.tolist() == expected_counts.tolist()
    assert words.tolist() == expected_words.tolist()


@pytest.mark.parametrize("n_texts", [0, 1, 300, 100_000])
def test_fingerprints_sorted_by_text_then_value_as_lexsort(n_texts):
    """The order puts the same (text, value) pairs where np.lexsort does: by radix sort up to
    65,535 texts in a batch, by lexsort beyond (about 95,000 here)."""
    rng = np.random.default_rng(n_texts)
    text_of = np.sort(rng.integers(5, 5 + max(n_texts, 1), max(n_texts, 1) * 3 if n_texts else 0))
    text_of = text_of.astype(np.int32)
    values = rng.integers(0, 2**64, text_of.size, dtype=np.uint64)
    values[::5] = values[:1]  # repeats within and across texts
    order = mh._by_text_then_value(text_of, values)
    expected = np.lexsort((values, text_of))
    assert np.array_equal(text_of[order], text_of[expected])
    assert np.array_equal(values[order], values[expected])
