"""score_stance's scope: how far from a mention a cue counts; the rules hold in every scope."""

from __future__ import annotations

import pandas as pd
import pytest

from mediastudy import InvalidParameterError, score_stance

LEXICON = {
    "targets": {"NATO": ["NATO", "the alliance"], "EU": ["EU"]},
    "cues": {"pro": ["defensive", {"cue": "effective", "weight": 3}], "anti": ["reckless"]},
}


def articles(*texts, **kwargs):
    corpus = pd.DataFrame({"id": [f"a{i}" for i in range(len(texts))], "text": list(texts)})
    return score_stance(corpus, LEXICON, **kwargs)


def nato(result, article="a0"):
    table = result.articles
    return table[(table["id"] == article) & (table["target"] == "NATO")].iloc[0]


TEXT = "NATO met today. It was reckless.\n\nThe talks were defensive. Nobody came."


@pytest.mark.parametrize(
    ("scope", "pro", "anti"),
    [("sentence", 0.0, 0.0), ("paragraph", 0.0, 1.0), ("article", 1.0, 1.0)],
)
def test_scope_decides_which_cues_count(scope, pro, anti):
    row = nato(articles(TEXT, scope=scope))
    assert (row["pro"], row["anti"]) == (pro, anti)
    assert row["n_mentions"] == 1


@pytest.mark.parametrize("scope", ["sentence", "paragraph", "article"])
def test_negation_and_contrast_work_in_every_scope(scope):
    text = "NATO is not reckless, it said. NATO is defensive, but reckless."
    result = articles(text, scope=scope)
    row = nato(result)
    # "not reckless" is pro (negated), "defensive" pro, "but reckless" anti with weight 2
    assert (row["pro"], row["anti"]) == (2.0, 2.0)
    cues = [w for ws in result.mentions["cue_weights"] for w in ws]
    assert sorted(cues) == [-2.0, 1.0, 1.0]


@pytest.mark.parametrize("scope", ["paragraph", "article"])
def test_negation_and_contrast_stop_at_the_sentence_end(scope):
    # "not" ends one sentence and "but" another: neither reaches "reckless"
    row = nato(articles("NATO said not. But fine. It is reckless.", scope=scope))
    assert (row["pro"], row["anti"]) == (0.0, 1.0)


def test_a_cue_goes_to_the_mention_in_its_own_sentence():
    result = articles("NATO is reckless. The alliance met.", scope="article")
    mentions = result.mentions
    assert mentions.loc[mentions["mention"] == "NATO", "cues"].iloc[0] == ["reckless"]
    assert mentions.loc[mentions["mention"] == "The alliance", "cues"].iloc[0] == []
    assert mentions["sentence_index"].tolist() == [0, 1]
    assert mentions["sentence"].tolist() == ["NATO is reckless.", "The alliance met."]


def test_weights_count_in_every_scope():
    for scope in ("sentence", "paragraph", "article"):
        row = nato(articles("NATO was effective.", scope=scope))
        assert row["pro"] == 3.0


def test_whole_text_scores_texts_that_never_name_the_target():
    result = articles("So reckless. Not defensive at all.", "Defensive!", "Nothing.",
                      scope="article", require_mention=False)  # fmt: skip
    table = result.articles.set_index(["id", "target"])
    assert table.loc[("a0", "NATO"), "anti"] == 2.0
    assert table.loc[("a0", "EU"), "anti"] == 2.0  # every target: the caller said so
    assert table.loc[("a1", "NATO"), "score"] == 0.5
    assert table.loc[("a2", "NATO"), "score"] == 0.0
    assert (table["n_mentions"] == 1).all()
    empty = result.mentions[result.mentions["id"] == "a0"]
    assert set(empty["mention"]) == {""}
    assert empty["sentence"].iloc[0] == "So reckless. Not defensive at all."


def test_sentence_scope_is_the_default_and_unchanged():
    a = articles(TEXT)
    b = articles(TEXT, scope="sentence")
    pd.testing.assert_frame_equal(a.articles, b.articles)


def test_bad_scope_arguments():
    with pytest.raises(InvalidParameterError, match="'scope'.*'sentence', 'paragraph', 'article'"):
        articles(TEXT, scope="document")
    with pytest.raises(InvalidParameterError, match="require_mention=False.*scope='article'"):
        articles(TEXT, require_mention=False)
    with pytest.raises(InvalidParameterError, match="require_mention"):
        articles(TEXT, scope="article", require_mention="no")


def test_corpus_is_not_modified():
    corpus = pd.DataFrame({"id": ["a"], "text": [TEXT]})
    before = corpus.copy()
    score_stance(corpus, LEXICON, scope="article", require_mention=False)
    pd.testing.assert_frame_equal(corpus, before)
