"""Boilerplate sentences: found per outlet, removed without touching anything else."""

from __future__ import annotations

import pandas as pd
import pytest

from mediastudy import SchemaError, find_boilerplate, load_articles, remove_boilerplate

BACKGROUND = "The ministry was founded in 1990 in Brenn."


def corpus() -> pd.DataFrame:
    texts = [f"Story {i} begins here. {BACKGROUND}" for i in range(6)]
    texts += ["An unrelated story about rain.", f"First paragraph.\n\n{BACKGROUND}  Second sentence stays."]
    other = [f"Another outlet quotes it. {BACKGROUND}", "Nothing else in common here."]
    return pd.DataFrame({
        "id": [f"a{i}" for i in range(8)] + ["b0", "b1"],
        "outlet": ["A"] * 8 + ["B"] * 2,
        "text": pd.array(texts + other, dtype="str"),
        "n_words": [len(t.split()) for t in texts + other],
    })


def test_found_per_outlet_with_counts_and_shares():
    table = find_boilerplate(corpus(), min_repeats=3, min_share=0.5)
    assert table[["outlet", "sentence", "n_articles", "outlet_articles"]].values.tolist() == [
        ["A", BACKGROUND, 7, 8],
    ]
    assert table["share"].iloc[0] == pytest.approx(7 / 8)
    # outlet B's single copy is not boilerplate, and stricter settings find nothing
    assert find_boilerplate(corpus(), min_repeats=8).empty
    assert find_boilerplate(corpus(), min_repeats=3, min_words=20).empty


def test_removed_from_the_outlets_articles_only_and_input_unchanged():
    before = corpus()
    kept = before.copy(deep=True)
    clean = remove_boilerplate(before, min_repeats=3)
    pd.testing.assert_frame_equal(before, kept)
    assert clean["n_boilerplate"].tolist() == [1] * 6 + [0, 1, 0, 0]
    assert clean["text"].iloc[0] == "Story 0 begins here."
    assert clean["text"].iloc[7] == "First paragraph.\n\nSecond sentence stays."
    assert clean["text"].iloc[8] == before["text"].iloc[8]  # outlet B keeps its copy
    assert clean["n_words"].tolist() == [len(t.split()) for t in clean["text"]]
    assert clean["text"].dtype == before["text"].dtype
    assert clean.attrs["boilerplate"][0]["sentence"] == BACKGROUND


def test_a_hand_trimmed_table_and_bad_input():
    table = find_boilerplate(corpus(), min_repeats=3).iloc[0:0]
    assert remove_boilerplate(corpus(), table)["n_boilerplate"].sum() == 0
    with pytest.raises(SchemaError, match="outlet"):
        find_boilerplate(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(ValueError, match="'min_share' parameter of find_boilerplate"):
        find_boilerplate(corpus(), min_share=0)
    with pytest.raises(TypeError, match="either 'boilerplate' or options"):
        remove_boilerplate(corpus(), table, min_repeats=2)


@pytest.mark.corpora
def test_rt_background_paragraph_is_found_and_removed(corpora):
    rt = load_articles(corpora / "rt_2022_seed_format", outlet="RT", progress=False)
    table = find_boilerplate(rt)
    sentence = "Kiev insists the Russian offensive was completely unprovoked."
    assert sentence in set(table["sentence"])
    assert table.loc[table["sentence"] == sentence, "n_articles"].iloc[0] >= 200
    clean = remove_boilerplate(rt, table)
    assert not clean["text"].str.contains(sentence, regex=False).any()
    assert (clean["n_words"] <= rt["n_words"]).all() and clean["n_words"].sum() < rt["n_words"].sum()
    assert clean["id"].tolist() == rt["id"].tolist()


def test_finding_and_removing_in_one_call_is_removing_with_the_table():
    """remove_boilerplate without a table leaves alone the texts that hold none of their outlet's
    sentences without splitting them again; the result is that of the two calls, also with a
    repeated index, a categorical outlet column and an article with no outlet."""
    base = corpus()
    odd = base.assign(outlet=pd.Categorical(["A"] * 8 + [None, "B"]))
    odd.index = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    for frame in (base, odd):
        one = remove_boilerplate(frame, min_repeats=3)
        two = remove_boilerplate(frame, find_boilerplate(frame, min_repeats=3))
        pd.testing.assert_frame_equal(one, two)
        assert one.attrs["boilerplate"] == two.attrs["boilerplate"]
    assert one["n_boilerplate"].tolist() == [1] * 6 + [0, 1, 0, 0]


def test_remove_takes_find_options_by_their_names_only():
    with pytest.warns(FutureWarning, match="'min_articles' parameter of remove_boilerplate"):
        old = remove_boilerplate(corpus(), min_articles=3)
    pd.testing.assert_frame_equal(old, remove_boilerplate(corpus(), min_repeats=3))
    with pytest.raises(ValueError, match="unknown option.*'min_sentences'.*min_share, min_repeats"):
        remove_boilerplate(corpus(), min_sentences=3)
    with pytest.raises(ValueError, match="'min_words' parameter of find_boilerplate"):
        remove_boilerplate(corpus(), min_words=0)


@pytest.mark.corpora
def test_long_sentences_are_the_normalised_sentences_long_enough(corpora):
    from mediastudy.io.boilerplate import _long_sentences, _one_space
    from mediastudy.text.sentences import sentence_spans

    texts = pd.read_parquet(corpora / "news_ukraine_2022.parquet", columns=["text"])["text"].dropna()
    texts = texts.sample(500, random_state=0).tolist() + [
        "Tabs\tand\u00a0odd  spaces in one long sentence here.\n\n  Short one.  ", "", "   "]
    for text in texts:
        for min_words in (1, 5, 12):
            spelled_out = {s for s in (_one_space(text[a:b]) for a, b in sentence_spans(text))
                           if len(s.split()) >= min_words}
            assert _long_sentences(text, min_words) == spelled_out


@pytest.mark.corpora
def test_one_call_equals_two_on_the_ukraine_corpus(corpora):
    ukraine = pd.read_parquet(corpora / "news_ukraine_2022.parquet")
    one = remove_boilerplate(ukraine)
    two = remove_boilerplate(ukraine, find_boilerplate(ukraine))
    pd.testing.assert_frame_equal(one, two)
    assert one["n_boilerplate"].gt(0).sum() > 100  # the test has texts with boilerplate in it


def test_one_space_is_the_regular_expression():
    """The split-and-join shortcut gives what ``\\s+`` -> " " gives, Unicode whitespace included."""
    import re

    from mediastudy.io.boilerplate import _one_space

    spaces = re.compile(r"\s+")
    cases = ["", " ", "a", "a  b", " a b ", "a\tb\nc", "a\u00a0\u2009b", "a\x1cb", "\u3000a\u3000",
             "Subscribe  to our\r\nnewsletter.", "x \u2028 y", "“Quoted,”\u202fhe said."]
    for text in cases:
        assert _one_space(text) == spaces.sub(" ", text), repr(text)
    assert _one_space("a \u00a0 b") == "a b"
