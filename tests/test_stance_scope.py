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


def test_the_nearest_mention_is_found_without_measuring_every_mention(count_calls):
    # One long sentence full of mentions and cues: measuring every mention from every cue (and
    # counting the words between each pair) grew with the cube of the sentence (25 KB took 17 s,
    # 100 KB did not end in a minute). A cue measures at most two mentions. Counted, not timed.
    from mediastudy.stance import _matching

    measured = count_calls(_matching.NearestMention, "distance")
    n = 2000
    corpus = pd.DataFrame({"id": [1], "text": ["NATO is defensive and the alliance, " * n]})
    mentions = score_stance(corpus, LEXICON, window=3).mentions
    assert len(mentions) == 2 * n
    # each "defensive" goes to the mention before it, one word away ("is"), not the one after
    assert mentions["cues"].map(len).tolist() == [1, 0] * n
    assert measured["calls"] <= 4 * n  # millions when every mention is measured


def test_the_nearest_mention_follows_the_rules_with_many_mentions():
    text = "NATO said. EU, NATO and reckless EU defensive the alliance. NATO."
    corpus = pd.DataFrame({"id": [1], "text": [text]})
    mentions = score_stance(corpus, LEXICON, window=5).mentions
    got = {(r.mention, r.start): list(r.cues) for r in mentions.itertuples()}
    # each cue counts for both targets, at the target's nearest mention in the cue's sentence:
    # for EU both cues go to the EU between them (adjacent) rather than the earlier EU; for NATO
    # "reckless" goes to NATO (one word before it), "defensive" to "the alliance" (adjacent);
    # mentions in other sentences get nothing
    assert got == {
        ("NATO", 0): [],
        ("EU", 11): [],
        ("NATO", 15): ["reckless"],
        ("EU", 33): ["reckless", "defensive"],
        ("the alliance", 46): ["defensive"],
        ("NATO", 60): [],
    }


def test_the_sentences_of_a_text_are_listed_once_not_once_a_sentence(monkeypatch):
    # thousands of short sentences each with a mention: the list of sentence starts was built
    # again for each one (400 KB took 8 s, quadratic). Counted, not timed.
    from mediastudy.stance import score

    walks = 0

    class Walked(list):
        def __iter__(self):
            nonlocal walks
            walks += 1
            return super().__iter__()

    spans = score.sentence_spans
    monkeypatch.setattr(score, "sentence_spans", lambda text: Walked(spans(text)))
    n = 2000
    corpus = pd.DataFrame({"id": [1], "text": ['"NATO is defensive," Lavrov said. ' * n]})
    result = score_stance(corpus, LEXICON)
    assert len(result.mentions) == n
    assert walks <= 5  # one a sentence (2,000) when each unit lists them again


def test_a_sentence_longer_than_the_cap_is_cut_around_each_mention():
    # a "sentence" of 40,000 characters (no full stop) with a mention every few words: each
    # row carries at most MAX_SENTENCE characters around its mention, or the table would hold
    # mentions x 40,000 characters (1.9 GB for 100 KB before)
    import mediastudy as ms
    from mediastudy.stance.score import MAX_SENTENCE

    lexicon = ms.load_lexicon(ms.demo_path("lexicon"))
    text = "NATO is defensive and the alliance grows " * 1000
    mentions = ms.score_stance(pd.DataFrame({"id": ["a"], "text": [text]}), lexicon).mentions
    assert len(mentions) >= 1000
    lengths = mentions["sentence"].str.len()
    assert lengths.max() <= MAX_SENTENCE + 4 + mentions["mention"].str.len().max()
    assert lengths.min() > MAX_SENTENCE // 2
    assert all(m in s for m, s in zip(mentions["mention"], mentions["sentence"], strict=True))
    assert mentions["sentence"].iloc[0].endswith(" \u2026")
    assert mentions["sentence"].iloc[-1].startswith("\u2026 ")
    # a sentence under the cap is given whole
    short = "NATO is defensive and the alliance grows. " * 3
    rows = ms.score_stance(pd.DataFrame({"id": ["a"], "text": [short]}), lexicon).mentions
    assert rows["sentence"].iloc[0] == "NATO is defensive and the alliance grows."
