"""One person spelt several ways: find_speaker_variants and speakers_table(variants=...)."""

from __future__ import annotations

import pandas as pd
import pytest

import mediastudy as ms
from mediastudy import InvalidParameterError, SchemaError, find_speaker_variants, speakers_table
from mediastudy.quotes.variants import spelling_key


def _quotes(counts: dict[str, int]) -> pd.DataFrame:
    """A quotes table with ``n`` rows for each speaker, in articles a0, a1, ..."""
    rows = [(f"a{i}", name, i % 2 == 0) for name, n in counts.items() for i in range(n)]
    return pd.DataFrame(rows, columns=["id", "speaker", "direct"])


def _pairs(table: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(zip(table["variant"], table["speaker"], table["rule"], strict=True))


def test_transliterations_of_each_word_count_as_the_most_quoted_spelling():
    table = find_speaker_variants(_quotes({
        "Sergey Lavrov": 5, "Sergei Lavrov": 3, "Mykhailo Podolyak": 4, "Mikhail Podoliak": 2,
        "Oleksandr Kubrakov": 3, "Alexander Kubrakov": 1, "Sergey Lavrov Jr": 1,
    }))
    assert _pairs(table) == {
        ("Sergei Lavrov", "Sergey Lavrov", "spelling"),
        ("Mikhail Podoliak", "Mykhailo Podolyak", "spelling"),
        ("Alexander Kubrakov", "Oleksandr Kubrakov", "spelling"),
    }
    row = table.set_index("variant").loc["Sergei Lavrov"]
    assert (row["n_speaker"], row["n_variant"]) == (5, 3)


def test_a_different_first_name_or_surname_is_another_person():
    table = find_speaker_variants(_quotes({
        "John Smith": 4, "Jane Smith": 3, "Ann Lee": 2, "Ann Leeds": 2, "Dmitry Peskov": 3,
        "Dmitry Medvedev": 2,
    }))
    assert table.empty


def test_english_names_a_vowel_apart_are_two_people():
    # the same consonants, but in English a vowel or two tell people apart
    table = find_speaker_variants(_quotes({
        "Dean Heller": 5, "Dan Holler": 3, "Tim Reed": 4, "Tom Reed": 2, "Michael Mann": 4,
        "Michael Mina": 2, "Steve Bannon": 5, "Steve Benen": 2, "Bernie Sanders": 6,
        "Bryan Sanders": 2, "Joel Payne": 3, "Joel Penney": 2, "G7 Leaders": 3, "G20 Leaders": 2,
        "Louis XIV": 3, "Louis XV": 2,
    }))
    assert table.empty


def test_one_word_names_are_not_spellings_of_each_other():
    # one word says too little: "Viktor" / "Viktoria", "Macron" / "Omicron", "UN" / "One"
    table = find_speaker_variants(_quotes({"Viktor": 5, "Viktoria": 3, "Macron": 6, "Omicron": 2,
                                           "UN": 5, "One": 3, "Framers": 3, "Farmers": 2}))
    assert table.empty


def test_descriptions_are_not_names():
    table = find_speaker_variants(_quotes({"the ministry": 4, "the minister": 2, "Russia": 6,
                                           "Raisa": 2}))
    assert table.empty


def test_an_office_and_its_holder_are_two_speakers_however_alike_they_are_spelt():
    # "Ministry" / "Minister" share their consonants and are 2 letters apart, as "Sergei" /
    # "Sergey"; a title's or an organisation's word is spelt one way, so they are two speakers
    table = find_speaker_variants(_quotes({
        "Ukraine's Foreign Ministry": 5, "Ukraine's Foreign Minister": 4,
        "Foreign Minister Sergey Lavrov": 3, "Foreign Minister Sergei Lavrov": 2,
    }))
    assert _pairs(table) == {("Foreign Minister Sergei Lavrov", "Foreign Minister Sergey Lavrov",
                              "spelling")}


def test_a_common_word_may_differ_by_two_swapped_letters_or_a_slip_in_a_long_word():
    table = find_speaker_variants(_quotes({
        "Wilson Centre": 5, "Wilson Center": 2,  # British and American
        "Defense Secretary Lloyd Austin": 6, "Defense Secretery Lloyd Austin": 1,  # a slip
        "Mayor John Brown": 4, "Major John Brown": 2,  # one letter of a short word: two titles
    }))
    assert _pairs(table) == {("Wilson Center", "Wilson Centre", "spelling"),
                             ("Defense Secretery Lloyd Austin", "Defense Secretary Lloyd Austin",
                              "spelling")}


def test_other_capitals_are_the_same_name_when_both_are_capitalised():
    table = find_speaker_variants(_quotes({"NATO": 6, "Nato": 2, "officials": 5, "Officials": 1,
                                           "US": 5, "us": 3, "Some experts": 4, "some experts": 2}))
    assert _pairs(table) == {("Nato", "NATO", "case")}


def test_a_surname_alone_counts_as_the_one_full_name_ending_in_it():
    table = find_speaker_variants(_quotes({
        "Joe Biden": 9, "Biden": 4,
        "Volodymyr Zelensky": 8, "Vladimir Zelensky": 3, "Volodymyr Zelenskiy": 2, "Zelenskiy": 2,
        "Zelensky": 2,
        "Barack Obama": 20, "Michelle Obama": 1, "Obama": 8,  # she has under a tenth of his quotes
        "Dmytro Kuleba": 4, "Dmitry Kuleba": 3, "Oleksii Reznikov": 3, "Aleksei Reznikov": 2,
    }))
    assert _pairs(table) == {
        ("Biden", "Joe Biden", "surname"),
        ("Vladimir Zelensky", "Volodymyr Zelensky", "spelling"),
        ("Zelensky", "Volodymyr Zelensky", "surname"),
        ("Volodymyr Zelenskiy", "Volodymyr Zelensky", "spelling"),
        ("Zelenskiy", "Volodymyr Zelensky", "surname"),  # by way of "Volodymyr Zelenskiy"
        ("Obama", "Barack Obama", "surname"),
        ("Dmitry Kuleba", "Dmytro Kuleba", "spelling"),
        ("Aleksei Reznikov", "Oleksii Reznikov", "spelling"),
    }


def test_a_shared_surname_a_place_or_an_organisation_is_not_merged():
    table = find_speaker_variants(_quotes({
        "Boris Johnson": 6, "Lyndon Johnson": 3, "Johnson": 4,  # two people
        "Poland": 9, "Especially Poland": 1,  # a sentence's first word before a place
        "The Kremlin": 5, "Kremlin": 3,  # an article, not a first name
        "Security Council": 7, "Council": 3,  # an organisation's head word
        "Father Andriy": 6, "Andriy": 2,  # a title
        "Susan Gordon": 8, "Guardian": 3, "Ken Paxton": 9, "Pakistan": 2,  # consonants alike only
        "Ann Lee": 9, "Lee": 2,  # too short a surname to tell one person
    }))
    assert table.empty


def test_thousands_of_names_with_one_spelling_key_are_not_all_compared():
    # every vowel pattern of "K_k_ D_r_ M_n": 3,125 names with one key, no two alike (short
    # words must match letter for letter); comparing all pairs would take about 5 million calls.
    # The real pair is still found, with a warning.
    import itertools

    from mediastudy.quotes import variants

    crowd = {f"K{a}k{b} D{c}r{d} M{e}n": 1 for a, b, c, d, e in itertools.product("aeiou", repeat=5)}
    calls = {"n": 0}
    real = variants._alike

    def counted(a, b):
        calls["n"] += 1
        return real(a, b)

    quotes = _quotes({"Sergey Lavrov": 5, "Sergei Lavrov": 3, **crowd})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(variants, "_alike", counted)
        with pytest.warns(UserWarning, match="shared by more than 100 names"):
            table = find_speaker_variants(quotes)
    assert ("Sergei Lavrov", "Sergey Lavrov", "spelling") in _pairs(table)
    assert calls["n"] <= 3 * variants.MAX_KEY_NAMES * len(crowd)  # 3 words, 100 names at most


def test_unused_categories_are_not_speakers():
    quotes = pd.DataFrame({"speaker": pd.Categorical(
        ["Joe Biden", "Biden"], categories=["Joe Biden", "Biden", "Nato", "NATO"])})
    assert _pairs(find_speaker_variants(quotes)) == {("Biden", "Joe Biden", "surname")}


def test_the_table_does_not_depend_on_row_order_and_top_n_keeps_the_most_quoted():
    quotes = _quotes({"Sergey Lavrov": 5, "Sergei Lavrov": 3, "Joe Biden": 9, "Biden": 4,
                      "NATO": 2, "Nato": 1, None: 3})
    table = find_speaker_variants(quotes)
    shuffled = find_speaker_variants(quotes.sample(frac=1.0, random_state=1))
    pd.testing.assert_frame_equal(table, shuffled)
    assert list(table["variant"]) == ["Biden", "Sergei Lavrov", "Nato"]
    assert list(find_speaker_variants(quotes, top_n=1)["variant"]) == ["Biden"]
    tied = _quotes({"Sergey Lavrov": 3, "Sergei Lavrov": 3})  # a tie: the first name in order leads
    for frame in (tied, tied.iloc[::-1]):
        assert _pairs(find_speaker_variants(frame)) == {("Sergey Lavrov", "Sergei Lavrov", "spelling")}


def test_spelling_key_sets_transliteration_aside():
    assert spelling_key("Oleksandr") == spelling_key("Alexander")
    assert spelling_key("Yevgeny") == spelling_key("Evgeny")
    assert spelling_key("Podolyak") == spelling_key("Podoliak")
    assert spelling_key("Smith") == spelling_key("Smyth")  # y is a vowel here
    assert spelling_key("G7") != spelling_key("G20")  # digits count


def test_speakers_table_counts_the_variants_as_their_name():
    quotes = _quotes({"Volodymyr Zelensky": 3, "Vladimir Zelensky": 2, "Zelensky": 1, "Joe Biden": 4})
    before = speakers_table(quotes, by=None)
    assert before["speaker"].iloc[0] == "Joe Biden"
    mapping = dict(zip(*[find_speaker_variants(quotes)[c] for c in ("variant", "speaker")], strict=True))
    after = speakers_table(quotes, by=None, variants=mapping)
    assert list(after["speaker"]) == ["Volodymyr Zelensky", "Joe Biden"]
    assert list(after["n_quotes"]) == [6, 4]
    assert after["n_quotes"].sum() == before["n_quotes"].sum()
    # a chain is followed; the caller's table is not changed
    chained = speakers_table(quotes, by=None, variants={"Zelensky": "Vladimir Zelensky",
                                                        "Vladimir Zelensky": "Volodymyr Zelensky"})
    pd.testing.assert_frame_equal(chained, after)
    assert quotes["speaker"].value_counts()["Zelensky"] == 1
    # the table itself, once read, does as well as the mapping
    pd.testing.assert_frame_equal(speakers_table(quotes, by=None, variants=find_speaker_variants(quotes)),
                                  after)


def test_speakers_table_warns_when_no_variant_is_a_speaker():
    quotes = _quotes({"NATO": 3, "Joe Biden": 2})
    with pytest.warns(UserWarning, match="none of the 1 names in 'variants' is a speaker"):
        table = speakers_table(quotes, by=None, variants={"nato": "NATO"})
    assert list(table["speaker"]) == ["NATO", "Joe Biden"]


@pytest.mark.parametrize(
    ("variants", "match"),
    [
        ({"Ann Lee": "Ann Lee"}, "to itself"),
        ({"A Lee": "Ann Lee", "Ann Lee": "A Lee"}, "cycle"),
        ({"Ann Lee": 3}, "non-empty strings"),
        (["Ann Lee"], "must map speaker names"),
        (pd.DataFrame({"name": ["A Lee"]}), "find_speaker_variants table"),
        ({"": "Ann Lee"}, "non-empty strings"),
    ],
)
def test_speakers_table_refuses_a_bad_variants_mapping(variants, match):
    with pytest.raises(InvalidParameterError, match=match) as err:
        speakers_table(_quotes({"Ann Lee": 1}), by=None, variants=variants)
    assert err.value.param == "variants"


def test_bad_input_is_named():
    with pytest.raises(SchemaError, match="speaker"):
        find_speaker_variants(pd.DataFrame({"id": ["a"]}))
    with pytest.raises(InvalidParameterError, match="top_n"):
        find_speaker_variants(_quotes({"Ann Lee": 1}), top_n=0)
    assert find_speaker_variants(_quotes({})).columns.tolist() == [
        "speaker", "variant", "n_speaker", "n_variant", "rule"]


def test_real_news_one_person_many_spellings(corpora):
    """On the Ukraine corpus one president is written four ways by the outlets: counted as one,
    he is the most quoted speaker of some outlets instead of four smaller ones."""
    corpus = pd.read_parquet(corpora / "news_ukraine_2022.parquet", columns=["outlet", "text"])
    corpus = corpus.iloc[::3].assign(id=lambda d: d.index.astype(str))
    quotes = ms.extract_quotes(corpus)
    table = find_speaker_variants(quotes, top_n=None)
    assert table["variant"].is_unique and not set(table["variant"]) & set(table["speaker"])
    for row in table.itertuples():
        if row.rule == "spelling":  # word by word alike
            a, b = row.variant.split(), row.speaker.split()
            assert [spelling_key(w) for w in a] == [spelling_key(w) for w in b]
        elif row.rule == "case":
            assert row.variant.casefold() == row.speaker.casefold()
        else:
            assert row.rule == "surname" and " " not in row.variant and " " in row.speaker
    mapping = dict(zip(table["variant"], table["speaker"], strict=True))
    before = speakers_table(quotes, corpus, by="outlet")
    after = speakers_table(quotes, corpus, by="outlet", variants=mapping)
    assert after["n_quotes"].sum() == before["n_quotes"].sum()
    assert after["speaker"].nunique() == before["speaker"].nunique() - len(table)
    spellings = [s for s in before["speaker"].unique()
                 if [spelling_key(w) for w in s.split()] == ["vldmr", "zlnsk"]]
    assert len(spellings) >= 3  # the outlets' own spellings of one name
    assert len({mapping.get(s, s) for s in spellings}) == 1


def test_common_words_possessives_and_look_alike_surnames_are_not_surnames():
    table = find_speaker_variants(_quotes({
        "Fox News": 5, "Fox News'": 1, "News": 2,  # a possessive, and a common word alone
        "Mark DeMoss": 3, "Demos": 2,  # alike once doubled letters go, but not the same word
        "Ministry Spokesman": 3, "Spokesman": 2,  # a title, not a surname
        "READ MORE": 3, "More": 1,  # all capitals, and a common word
        "Donald Trump": 6, "Donald Trump\u2019s": 2, "Trump": 3,  # the possessive is the name
    }))
    assert _pairs(table) == {("Trump", "Donald Trump", "surname"),
                             ("Donald Trump\u2019s", "Donald Trump", "spelling"),
                             ("Fox News'", "Fox News", "spelling")}  # one body, as a possessive


def test_with_the_articles_a_surname_written_after_another_given_name_is_not_merged():
    texts = {
        "a1": "Andy Murray won in Paris. \"I felt good,\" Murray said.",
        "a2": "The champion Andy Murray spoke. Murray said he was tired.",
        "b1": "Senator Patty Murray said the bill would pass.",
        "b2": "Patty Murray said it again.",
        "c1": "Joe Biden spoke. Later Biden said the talks went well.",
    }
    corpus = pd.DataFrame({"id": list(texts), "text": list(texts.values())})
    quotes = pd.DataFrame({"id": ["a1", "a2", "b1", "b2", "b1", "c1", "c1"],
                           "speaker": ["Murray", "Murray", "Patty Murray", "Patty Murray",
                                       "Patty Murray", "Joe Biden", "Biden"]})
    without = _pairs(find_speaker_variants(quotes))
    assert ("Murray", "Patty Murray", "surname") in without  # the quotes alone cannot tell
    with_articles = _pairs(find_speaker_variants(quotes, corpus))
    assert ("Murray", "Patty Murray", "surname") not in with_articles  # its articles say Andy
    assert ("Biden", "Joe Biden", "surname") in with_articles
