"""encode_tokens: many texts to token ids at once, exactly as tokenize cuts each text."""

from __future__ import annotations

import pandas as pd
import pytest

from mediastudy.text.sentences import encode_tokens, normalize_token, tokenize

CASES = [
    [],
    ["   "],
    ["a", "", "b c"],
    # underscores are no token; phrases run across them as the per-text tokeniser has it
    ["___ foo_bar", "x_ _y"],
    # final sigma lowers by its neighbours, which never lie past whitespace
    ["ΟΔΟΣ ΟΔΟΣ. Σοφία ΣΑΣ", "İstanbul’s U.S. 3rd 3.5% o’brien’s x 24/7 e.g. don't"],
    ["\u00a0x\u2003y\x1cz\u2028w", "Tab\tand\nnew line", "“quoted,” — she said…"],
]


def per_text(texts):
    vocabulary, ids, lengths = encode_tokens(texts)
    out, at = [], 0
    for n in lengths:
        out.append([vocabulary[i] for i in ids[at : at + n]])
        at += n
    assert at == len(ids)
    return vocabulary, out


@pytest.mark.parametrize("texts", CASES)
def test_same_tokens_as_tokenize_text_by_text(texts):
    vocabulary, found = per_text(texts)
    expected = [tokenize(normalize_token(t)) for t in texts]
    assert found == expected
    # ids in order of first occurrence, one per distinct token
    assert vocabulary == list(dict.fromkeys(w for tokens in expected for w in tokens))


def test_a_changed_cut_would_show():
    # "nato's" is two tokens; a tokeniser splitting on whitespace alone would give one
    _, found = per_text(["NATO's plan", "nato’s"])
    assert found == [["nato", "'s", "plan"], ["nato", "'s"]]


@pytest.mark.corpora
def test_same_tokens_on_real_news(corpora):
    texts = pd.read_parquet(corpora / "allsides_news.parquet", columns=["text"])["text"]
    texts = texts.dropna().sample(300, random_state=0).tolist()
    _, found = per_text(texts)
    assert found == [tokenize(normalize_token(t)) for t in texts]
