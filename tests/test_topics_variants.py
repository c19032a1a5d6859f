"""Spelling variants (issue 16): TopicModel(variants=...) and find_variants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mediastudy import InvalidParameterError, SchemaError, TopicModel, find_variants
from mediastudy.topics.variants import check_variants

SMALL = {"min_df": 1, "max_df": 1.0, "n_components": 3}


def war_corpus() -> pd.DataFrame:
    rows = []
    for i in range(6):
        rows.append(("A", f"Shelling near Kiev as talks on the grain corridor stall, day {i}"))
        rows.append(("B", f"Shelling near Kyiv as talks on the grain corridor stall, day {i}"))
        rows.append(("A", f"The striker scored in the cup match, report {i}"))
        rows.append(("B", f"The striker scored in the league match, report {i}"))
    return pd.DataFrame(rows, columns=["outlet", "text"])


def test_variants_are_counted_as_their_canonical_word():
    corpus = war_corpus()
    plain = TopicModel(2, random_state=0, **SMALL).fit(corpus)
    assert {"kiev", "kyiv"} <= set(plain.terms_)
    merged = TopicModel(2, random_state=0, variants={"Kiev": "kyiv"}, **SMALL).fit(corpus)
    assert "kiev" not in set(merged.terms_) and "kyiv" in set(merged.terms_)
    # new articles are counted the same way
    np.testing.assert_allclose(merged.transform(["kiev grain corridor"]),
                               merged.transform(["kyiv grain corridor"]), atol=1e-6)
    assert merged.transform(["kiev"]).any()  # an article saying only "kiev" is not empty


def test_variants_work_with_word_pairs_and_survive_saving(tmp_path):
    corpus = war_corpus()
    model = TopicModel(2, random_state=0, ngram_range=(1, 2), variants={"kiev": "kyiv"}, **SMALL).fit(corpus)
    assert "near kyiv" in set(model.terms_) and "near kiev" not in set(model.terms_)
    model.save(tmp_path / "m")
    loaded = TopicModel.load(tmp_path / "m")
    assert loaded.variants == {"kiev": "kyiv"}
    np.testing.assert_allclose(loaded.transform(["near kiev"]), model.transform(["near kiev"]))


def test_variant_chains_are_followed():
    assert check_variants({"Kiev": "kyiv", "kyyiv": "kiev"}) == {"kiev": "kyiv", "kyyiv": "kyiv"}
    assert check_variants(None) == {}


@pytest.mark.parametrize(
    ("variants", "match"),
    [
        ({"kyiv": "kyiv"}, "to itself"),
        ({"Kyiv": "kyiv"}, "to itself"),
        ({"kiev": "kyiv", "kyiv": "kiev"}, "cycle"),
        ({"a1": "b1", "b1": "c1", "c1": "a1"}, "cycle"),
        ({"kiev": "kyiv", "KIEV": "kyjiw"}, "both"),
        ({"kiev": "kyiv city"}, "single words"),
        (["kiev", "kyiv"], "mapping"),
    ],
)
def test_bad_variant_maps_are_clear_errors(variants, match):
    with pytest.raises(InvalidParameterError, match=match) as info:
        TopicModel(2, variants=variants, **SMALL).fit(war_corpus())
    assert info.value.param == "variants"


def test_find_variants_lists_spellings_split_by_outlet():
    corpus = war_corpus()
    before = corpus.copy()
    table = find_variants(corpus, min_count=3)
    pd.testing.assert_frame_equal(corpus, before)
    assert table[["term", "variant"]].values.tolist() == [["kiev", "kyiv"]]
    row = table.iloc[0]
    assert row["outlet_split"] == 1.0 and row["edit_distance"] == 2
    assert {row["term_outlet"], row["variant_outlet"]} == {"A", "B"}
    # "cup"/"league" are not near in spelling; a word every outlet uses both ways is not listed
    shared = pd.concat([corpus, corpus.assign(outlet=corpus["outlet"].map({"A": "B", "B": "A"}))])
    assert find_variants(shared, min_count=3).empty


def test_find_variants_checks_its_input():
    with pytest.raises(SchemaError, match="outlet"):
        find_variants(pd.DataFrame({"text": ["a"]}))
    with pytest.raises(InvalidParameterError, match="min_split"):
        find_variants(war_corpus(), min_split=2)


def test_find_variants_leaves_out_words_too_long_to_be_spellings(monkeypatch):
    # a 100,000-letter "word" in every article: its one-letter deletions alone would be 10 GB.
    # Counted, not timed: no word longer than MAX_WORD_LETTERS is cut into deletions.
    from mediastudy.topics import variants

    seen = []
    real = variants._deletion_keys
    monkeypatch.setattr(variants, "_deletion_keys", lambda word: seen.append(len(word)) or real(word))
    junk = "x" * 100_000
    corpus = war_corpus()
    corpus["text"] = corpus["text"] + " " + junk + " " + junk[:-1] + "y"
    table = find_variants(corpus, min_count=3)
    assert table[["term", "variant"]].values.tolist() == [["kiev", "kyiv"]]
    assert seen and max(seen) <= variants.MAX_WORD_LETTERS


def test_find_variants_skips_a_spelling_key_thousands_of_words_share(monkeypatch):
    # "abc" plus each of 3,000 letters: 3,000 words one letter apart, 4.5 million pairs. The
    # pairs of so crowded a key are not compared, with a warning; the real pair is still found.
    from mediastudy.topics import variants

    compared = {"calls": 0}
    real = variants.edit_distance

    def counted(a, b):
        compared["calls"] += 1
        return real(a, b)

    monkeypatch.setattr(variants, "edit_distance", counted)
    crowd = " ".join("abc" + chr(0x4E00 + i) for i in range(3_000))
    corpus = war_corpus()
    corpus["text"] = corpus["text"] + " " + crowd
    with pytest.warns(UserWarning, match=r"1 spelling key\(s\) are shared by more than 100 words"):
        table = find_variants(corpus, min_count=3)
    assert table[["term", "variant"]].values.tolist() == [["kiev", "kyiv"]]
    assert compared["calls"] < 10_000  # 4.5 million if the crowded key's pairs were compared


@pytest.mark.corpora
def test_find_variants_on_ukraine_news_finds_kiev_and_kyiv(corpora):
    df = pd.read_parquet(corpora / "news_ukraine_2022.parquet", columns=["outlet", "date", "text"])
    df = df[df["outlet"].isin(["RT", "BBC", "Guardian", "AssociatedPress", "DailyMail"])]
    df = df.sample(1500, random_state=0)
    table = find_variants(df, top_n=None)
    pairs = {frozenset(p) for p in table[["term", "variant"]].itertuples(index=False)}
    assert frozenset({"kiev", "kyiv"}) in pairs
    assert frozenset({"defense", "defence"}) in pairs
    # plain inflections used by every outlet are not variants
    assert frozenset({"missile", "missiles"}) not in pairs


def test_streaming_model_takes_the_same_variants():
    from mediastudy import StreamingTopicModel

    corpus = war_corpus().assign(id=lambda d: [f"a{i}" for i in range(len(d))])
    params = {"min_df": 1, "max_df": 1.0, "n_components": 12, "random_state": 0}
    model = StreamingTopicModel(2, variants={"Kiev": "kyiv"}, **params).fit(corpus)
    np.testing.assert_allclose(model.transform(["kiev grain corridor"]),
                               model.transform(["kyiv grain corridor"]), atol=1e-6)
    plain = StreamingTopicModel(2, **params).fit(corpus)
    assert not np.allclose(plain.transform(["kiev"]), plain.transform(["kyiv"]), atol=1e-3)
    with pytest.raises(InvalidParameterError, match="cycle"):
        StreamingTopicModel(2, variants={"a1": "b1", "b1": "a1"}, **params).fit(corpus)
