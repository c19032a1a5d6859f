"""keyness: each measure against a hand-computed 2x2 table (every word counted:
stop_words=None), groups, reference, mask, stop words, plot."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from mediastudy import DataError, InvalidParameterError, SchemaError, keyness, plot_keyness

# A: tanks 3, and 1, again 1 (5 words); B: peace 2, talks 2, and 1 (5 words)
CORPUS = pd.DataFrame({"outlet": ["A", "A", "B", "B"],
                       "topic": ["war", "war", "war", "talks"],
                       "text": ["tanks and tanks", "tanks again", "peace talks",
                                "peace and talks"]})  # fmt: skip


def row(table, group, term, column="outlet"):
    return table[(table[column] == group) & (table["term"] == term)].iloc[0]


def test_chi2_by_hand_with_yates_as_quanteda():
    table = keyness(CORPUS, measure="chi2", min_count=1, n_terms=None, stop_words=None)
    # tanks in A: a=3, b=0, c=2, d=5, N=10; |ad - bc| = 15 >= N/2 and an expected count < 5:
    # Yates applies: 10 * (15 - 5)^2 / (5 * 5 * 3 * 7)
    tanks = row(table, "A", "tanks")
    assert tanks["keyness"] == pytest.approx(10 * 10**2 / (5 * 5 * 3 * 7))
    assert (tanks["n_target"], tanks["n_reference"]) == (3, 0)
    from scipy.stats import chi2, chi2_contingency

    assert tanks["keyness"] == pytest.approx(chi2_contingency([[3, 2], [0, 5]], correction=True)[0])
    assert tanks["p"] == pytest.approx(chi2.sf(tanks["keyness"], 1))
    assert row(table, "B", "tanks")["keyness"] == pytest.approx(-tanks["keyness"])
    assert row(table, "A", "and")["keyness"] == 0.0  # a = E: no association


def test_chi2_without_correction_when_counts_are_large():
    corpus = pd.DataFrame({"outlet": ["A"] * 2 + ["B"] * 2,
                           "text": ["war " * 30 + "day " * 70, "",
                                    "war " * 10 + "day " * 90, ""]})  # fmt: skip
    table = keyness(corpus.iloc[[0, 2]], measure="chi2", min_count=1, n_terms=None, stop_words=None)
    from scipy.stats import chi2_contingency

    expected = chi2_contingency([[30, 70], [10, 90]], correction=False)[0]
    assert row(table, "A", "war")["keyness"] == pytest.approx(expected)


def test_lr_by_hand():
    table = keyness(CORPUS, measure="lr", min_count=1, n_terms=None, stop_words=None)
    # cells moved half a count toward independence (2.5, 0.5, 2.5, 4.5), expected 1.5, 1.5, 3.5, 3.5
    g2 = 2 * sum(o * math.log(o / e + 1e-9) for o, e in [(2.5, 1.5), (0.5, 1.5), (2.5, 3.5), (4.5, 3.5)])
    assert row(table, "A", "tanks")["keyness"] == pytest.approx(g2)
    # without the correction condition (large counts) it is the plain G²
    corpus = pd.DataFrame({"outlet": ["A", "B"], "text": ["war " * 30 + "day " * 70,
                                                          "war " * 10 + "day " * 90]})  # fmt: skip
    plain = 2 * sum(o * math.log(o / e) for o, e in [(30, 20), (70, 80), (10, 20), (90, 80)])
    found = row(keyness(corpus, measure="lr", min_count=1, stop_words=None), "A", "war")["keyness"]
    assert found == pytest.approx(plain, rel=1e-6)


def test_logodds_by_hand():
    table = keyness(CORPUS, measure="logodds", min_count=1, n_terms=None, prior=0.1, stop_words=None)
    # prior: 0.1 x the target's 5 words = 0.5, spread by corpus share (tanks 3 of 10): 0.15
    a, b, alpha, alpha0 = 3, 0, 0.15, 0.5
    delta = math.log((a + alpha) / (5 + alpha0 - a - alpha)) - math.log(
        (b + alpha) / (5 + alpha0 - b - alpha))
    z = delta / math.sqrt(1 / (a + alpha) + 1 / (b + alpha))
    tanks = row(table, "A", "tanks")
    assert tanks["keyness"] == pytest.approx(z)
    assert tanks["p"] == pytest.approx(math.erfc(abs(z) / math.sqrt(2)))
    assert set(table["measure"]) == {"logodds"}


def test_more_than_two_groups_each_against_the_rest_and_a_reference():
    corpus = pd.concat([CORPUS, pd.DataFrame({"outlet": ["C"], "topic": ["talks"],
                                              "text": ["tanks and peace"]})], ignore_index=True)  # fmt: skip
    table = keyness(corpus, min_count=1, n_terms=None)
    assert set(table["outlet"]) == {"A", "B", "C"}
    tanks = row(table, "A", "tanks")
    assert (tanks["n_target"], tanks["n_reference"]) == (3, 1)  # the rest: B and C
    vs_b = keyness(corpus, reference="B", min_count=1, n_terms=None)
    assert set(vs_b["outlet"]) == {"A", "C"}
    assert (row(vs_b, "A", "tanks")["n_target"], row(vs_b, "A", "tanks")["n_reference"]) == (3, 0)


def test_per_topic_and_mask():
    by_topic = keyness(CORPUS, by="topic", min_count=1, n_terms=None)
    assert set(by_topic["topic"]) == {"war", "talks"}
    mask = keyness(CORPUS, by=CORPUS["outlet"].eq("A"), min_count=1, n_terms=None)
    assert set(mask["group"]) == {True, False}
    assert row(mask, True, "tanks", column="group")["n_target"] == 3


def test_n_terms_keeps_both_ends_in_order():
    table = keyness(CORPUS, min_count=1, n_terms=1)
    a = table[table["outlet"] == "A"]
    assert a["term"].tolist() == ["tanks", "peace"]
    assert a["keyness"].is_monotonic_decreasing


def test_corpus_is_not_modified_and_empty_texts_are_skipped():
    corpus = pd.concat([CORPUS, pd.DataFrame({"outlet": ["B"], "topic": ["war"], "text": [None]})])
    before = corpus.copy()
    table = keyness(corpus, min_count=1)
    pd.testing.assert_frame_equal(corpus, before)
    assert len(table)


def test_bad_input():
    with pytest.raises(DataError, match="reference group 'Z' has no articles"):
        keyness(CORPUS, reference="Z", min_count=1)
    with pytest.raises(DataError, match="only 1"):
        keyness(CORPUS.assign(outlet="A"), min_count=1)
    with pytest.raises(DataError, match="no article has text"):
        keyness(CORPUS.assign(text=""), min_count=1)
    with pytest.raises(InvalidParameterError, match="'measure'"):
        keyness(CORPUS, measure="pmi")
    with pytest.raises(InvalidParameterError, match="boolean mask"):
        keyness(CORPUS, by=[1, 2])
    with pytest.raises(SchemaError, match="party"):
        keyness(CORPUS, by="party")
    with pytest.raises(DataError, match="min_count"):
        keyness(CORPUS, min_count=100)


def test_plot_keyness_diverging_bars():
    table = keyness(CORPUS, min_count=1, n_terms=None)
    ax = plot_keyness(table, group="A", n_terms=2)
    widths = [p.get_width() for p in ax.patches]
    assert widths[0] > 0 > widths[-1]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "tanks"
    with pytest.raises(InvalidParameterError, match="'group'"):
        plot_keyness(table, group="Z")


def test_plot_keyness_shows_dollar_literally():
    corpus = CORPUS.assign(outlet=CORPUS["outlet"].replace("A", "Cash$$Flow"))
    ax = plot_keyness(keyness(corpus, min_count=1), group="Cash$$Flow")
    assert "Cash" in ax.get_title()


@pytest.mark.corpora
def test_keyness_on_real_outlets(corpora):
    corpus = pd.read_parquet(corpora / "news_world_2016_2017.parquet", columns=["outlet", "text"])
    table = keyness(corpus.head(600), measure="chi2")
    assert table["outlet"].nunique() >= 2
    top = table.groupby("outlet")["keyness"].max()
    assert (top > 10).all()
    assert np.isfinite(table["p"]).all()


def test_within_each_topic():
    corpus = pd.DataFrame({"topic": ["war"] * 4 + ["trade"] * 4,
                           "outlet": ["A", "A", "B", "B"] * 2,
                           "text": ["tanks", "tanks roll", "peace", "peace now",
                                    "tariffs", "tariffs up", "deals", "deals done"]})  # fmt: skip
    table = keyness(corpus, by=["topic", "outlet"], min_count=1, n_terms=None)
    assert list(table.columns[:3]) == ["topic", "outlet", "term"]
    war_a = table[(table["topic"] == "war") & (table["outlet"] == "A")]
    assert war_a["term"].iloc[0] == "tanks" and "tariffs" not in set(war_a["term"])
    with pytest.raises(DataError, match="two or more 'outlet' groups"):
        keyness(corpus.assign(outlet="A"), by=["topic", "outlet"], min_count=1)


# odd whitespace (no-break space, em space, file separator: pyarrow does not cut there, str.split
# does), a final sigma before each kind, a dotted capital I, a lone surrogate (pyarrow cannot
# take it: Counter counts)
WORD_TEXTS = ["Kyiv's MPs met NATO; NATO met them.", "Über-Straße 12 a_b x 3.5%",
              "Ελλάδα και ΕΛΛΆΔΑ", "I a", "Dnipro  dnipro DNIPRO—Kharkiv",
              "nato-NATO (nato) x_y-x_y İstanbul", "ΟΔΟΣ\u00a0ΟΔΟΣ\u2003ΟΔΟΣ\x1cΟΔΟΣ ΟΔΟΣ\tΟΔΟΣ",
              " \n ΤΕΛΟΣ\r\nτέλος \x0bab\x0ccd\u0085ef\u3000gh "]


@pytest.mark.parametrize("dtype", ["str", object, "string[python]", "surrogate"])
def test_word_counts_are_count_vectorizers(dtype):
    """The one-word counts are CountVectorizer's: same words, same order, same counts, by
    pyarrow (str and string columns, objects it can take) or by Counter (a lone surrogate)."""
    from sklearn.feature_extraction.text import CountVectorizer

    from mediastudy.text._word_counts import count_words

    texts = WORD_TEXTS + (["x\udc80yz Zz"] if dtype == "surrogate" else [])
    texts = pd.Series(texts, dtype=object if dtype == "surrogate" else dtype)
    x, words = count_words(texts, np.arange(len(texts)), len(texts))
    vectorizer = CountVectorizer(dtype=np.float64)
    expected = vectorizer.fit_transform(texts.tolist())
    assert list(words) == list(vectorizer.get_feature_names_out())
    assert (x != expected).nnz == 0 and x.dtype == expected.dtype
    assert x.has_canonical_format
    # by group: the articles' counts summed (groups 0 and 2 of three; group 1 has none)
    codes = np.arange(len(texts)) % 2 * 2
    x, words = count_words(texts, codes, 3)
    assert list(words) == list(vectorizer.get_feature_names_out())
    summed = np.vstack([expected[codes == g].sum(axis=0) for g in range(3)])
    assert x.shape == (3, len(words)) and (x.toarray() == summed).all()


def test_word_counts_by_pyarrow_and_counter_agree(monkeypatch):
    """The Counter path (taken when pyarrow cannot read the texts) gives the same matrix."""
    from mediastudy.text import _word_counts

    texts = pd.Series(WORD_TEXTS * 3)
    codes = np.arange(len(texts)) % 4
    by_arrow = _word_counts.count_words(texts, codes, 4)
    assert _word_counts._arrow_pieces(texts, codes, 4) is not None
    monkeypatch.setattr(_word_counts, "_arrow_pieces", lambda *args: None)
    by_counter = _word_counts.count_words(texts, codes, 4)
    assert list(by_arrow[1]) == list(by_counter[1])
    assert (by_arrow[0] != by_counter[0]).nnz == 0
    assert (by_arrow[0].indptr == by_counter[0].indptr).all()
    assert (by_arrow[0].indices == by_counter[0].indices).all()


def test_stop_words_are_left_out_by_default_and_on_request():
    corpus = pd.DataFrame({"outlet": ["A", "B"] * 3, "text": [
        "the the the tanks said", "peace is is is", "the tanks of the said", "peace talks is",
        "tanks the", "talks is peace"]})
    plain = keyness(corpus, min_count=1, n_terms=None, stop_words=None)
    assert {"the", "is", "said", "of"} <= set(plain["term"])
    news = keyness(corpus, min_count=1, n_terms=None)
    assert set(news["term"]) == {"tanks", "peace", "talks"}
    # the words left out are out of the counts too: A's 3 tanks among its 3 words
    assert row(news, "A", "tanks")["n_target"] == 3
    mine = keyness(corpus, min_count=1, n_terms=None, stop_words=["TANKS"])
    assert "tanks" not in set(mine["term"]) and "the" in set(mine["term"])
    two = keyness(corpus, min_count=1, n_terms=None, ngram=2)
    assert not any(w in {"the", "is", "said", "of"} for t in two["term"] for w in t.split())
    with pytest.raises(InvalidParameterError, match="'stop_words' parameter of keyness"):
        keyness(corpus, stop_words="french")


def test_phrases_are_the_texts_own_with_stop_words_left_out():
    corpus = pd.DataFrame({"outlet": ["A", "B"] * 2, "text": [
        "minister of defence said", "minister of the interior said",
        "minister of defence spoke", "minister of the interior spoke"]})
    terms = set(keyness(corpus, min_count=1, n_terms=None, ngram=2)["term"])
    assert "minister defence" not in terms and "minister interior" not in terms
    assert {"minister", "defence", "interior"} <= terms
