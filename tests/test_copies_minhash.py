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
