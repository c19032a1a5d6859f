"""Stance by voice: mentions marked with whose words they are, scores split by voice."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mediastudy as ms
from mediastudy.stance.voice import stance_by_voice

LEXICON = {"targets": {"NATO": ["NATO", "the alliance"]},
           "cues": {"pro": ["defensive"], "anti": ["reckless", "aggressive"]}}


@pytest.fixture
def corpus():
    return pd.DataFrame({
        "id": ["a", "b"],
        "outlet": ["X", "Y"],
        "date": pd.to_datetime(["2023-01-10", "2023-02-10"]),
        "text": [
            "NATO is reckless. Prime Minister Ilse Marren told parliament NATO was defensive.",
            '"NATO is aggressive," said Arkady Velin. The alliance is defensive.',
        ],
    })


def test_mentions_get_their_voice(corpus):
    stance = ms.score_stance(corpus, LEXICON, voices=True)
    m = stance.mentions
    assert m["voice"].tolist() == ["outlet", "Ilse Marren", "Arkady Velin", "outlet"]
    # the reported speech is no longer the outlet's own pro stance
    own = stance_by_voice(stance, "outlet").articles.set_index("id")
    assert own.loc["a", "pro"] == 0 and own.loc["a", "anti"] == 1
    quoted = stance_by_voice(stance, "quoted").articles.set_index("id")
    assert quoted.loc["a", "pro"] == 1 and quoted.loc["b", "anti"] == 1
    marren = stance_by_voice(stance, "Ilse Marren").articles.set_index("id")
    assert marren.loc["a", "n_mentions"] == 1 and marren.loc["b", "n_mentions"] == 0
    assert np.isnan(marren.loc["b", "score"])


def test_voices_add_up_to_the_default_scores(corpus):
    stance = ms.score_stance(corpus, LEXICON, voices=True)
    assert stance.voice == "all"
    own = stance_by_voice(stance, "outlet")
    other = stance_by_voice(stance, "quoted")
    assert own.voice == "outlet" and other.voice == "quoted"
    for col in ("pro", "anti", "n_mentions"):
        total = own.articles[col].to_numpy() + other.articles[col].to_numpy()
        np.testing.assert_allclose(total, stance.articles[col].to_numpy())
    assert stance_by_voice(stance, None) is stance


def test_without_voices_quotation_marks_decide(corpus):
    stance = ms.score_stance(corpus, LEXICON)
    assert "voice" not in stance.mentions.columns
    quoted = stance_by_voice(stance, "quoted").articles.set_index("id")
    # only the quotation in b is quoted; Marren's reported words count as the outlet's
    assert quoted.loc["a", "n_mentions"] == 0 and quoted.loc["b", "n_mentions"] == 1


def test_a_quotes_table_can_be_passed(corpus):
    quotes = ms.extract_quotes(corpus)
    a = ms.score_stance(corpus, LEXICON, voices=quotes)
    b = ms.score_stance(corpus, LEXICON, voices=True)
    pd.testing.assert_frame_equal(a.mentions, b.mentions)
    with pytest.raises(ms.InvalidParameterError, match="voices"):
        ms.score_stance(corpus, LEXICON, voices="yes")


def test_aggregate_and_timeline_by_voice(corpus):
    stance = ms.score_stance(corpus, LEXICON, voices=True)
    before = corpus.copy(deep=True)
    own = ms.aggregate_stance(stance, corpus, voice="outlet").set_index("outlet")
    assert own.loc["X", "pooled_score"] == -1.0 and own.loc["Y", "pooled_score"] == 1.0
    quoted = ms.aggregate_stance(stance, corpus, voice="quoted").set_index("outlet")
    assert quoted.loc["X", "pooled_score"] == 1.0 and quoted.loc["Y", "pooled_score"] == -1.0
    t = ms.stance_timeline_table(stance, corpus, freq="M", voice="outlet", min_articles=1)
    assert t.dropna(subset=["mean_score"])["mean_score"].tolist() == [-0.5, 0.5]
    pd.testing.assert_frame_equal(corpus, before)
    with pytest.raises(ms.InvalidParameterError, match="StanceResult"):
        ms.aggregate_stance(stance.articles, corpus, voice="outlet")


def test_block_quotes_are_quoted_voice():
    corpus = pd.DataFrame({"id": ["a"], "text": ["Velin spoke in Tarsk."],
                           "quotes": [["NATO is reckless."]]})
    stance = ms.score_stance(corpus, LEXICON, voices=True)
    assert stance.mentions["voice"].tolist() == ["quoted"]


def test_demo_corpus_voices():
    corpus = ms.load_demo()
    stance = ms.score_stance(corpus, ms.demo_path("lexicon"), voices=True)
    voices = stance.mentions["voice"]
    assert (voices == "outlet").any() and (voices != "outlet").sum() > 30
    assert voices.nunique() > 10  # named speakers, not only "quoted"
