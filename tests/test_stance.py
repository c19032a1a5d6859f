"""score_stance on hand-written sentences: one test per rule."""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
import pytest

from mediastudy import SchemaError, StanceResult, load_lexicon, score_stance

LEXICON = {
    "targets": {
        "NATO": ["NATO", "North Atlantic Alliance", "the alliance"],
        "Sentinel": ["Sentinel", "the missile shield"],
    },
    "cues": {
        "pro": ["defensive", "strengthens security", {"cue": "effective", "weight": 3}, "shield"],
        "anti": ["reckless", "aggressive", "threaten*", "provocative"],
    },
}

LEXICON_YAML = """\
targets:
  NATO: [NATO, North Atlantic Alliance, the alliance]
  Sentinel: [Sentinel, the missile shield]
cues:
  pro: [defensive, strengthens security, {cue: effective, weight: 3}, shield]
  anti: [reckless, aggressive, threaten*, provocative]
"""


def score(*texts: str, lexicon=LEXICON, **kwargs) -> StanceResult:
    corpus = pd.DataFrame({"id": [f"a{i}" for i in range(len(texts))], "text": list(texts)})
    return score_stance(corpus, lexicon, **kwargs)


def row(result: StanceResult, target: str = "NATO", article: str = "a0") -> pd.Series:
    arts = result.articles
    return arts[(arts["id"] == article) & (arts["target"] == target)].iloc[0]


@pytest.fixture(params=["dict", "yaml", "Lexicon"])
def any_lexicon(request, tmp_path):
    if request.param == "dict":
        return LEXICON
    path = tmp_path / "lex.yaml"
    path.write_text(textwrap.dedent(LEXICON_YAML), encoding="utf-8")
    return path if request.param == "yaml" else load_lexicon(path)


def test_result_repr():
    text = repr(score("NATO is reckless.", "Nothing."))
    assert text == (
        "StanceResult(articles: 4 rows for 2 articles x 2 targets ['NATO', 'Sentinel'], mentions: 1 rows)"
    )


def test_lexicon_input_kinds_agree(any_lexicon):
    result = score("NATO is reckless and aggressive. The alliance is defensive.",
                   lexicon=any_lexicon)  # fmt: skip
    r = row(result)
    assert (r["n_mentions"], r["pro"], r["anti"]) == (2, 1.0, 2.0)
    assert r["score"] == pytest.approx((1 - 2) / (1 + 2 + 1))


def test_same_sentence_attribution():
    result = score("NATO met today. Critics called the plan reckless.")
    r = row(result)
    assert r["n_mentions"] == 1
    assert (r["pro"], r["anti"], r["score"]) == (0.0, 0.0, 0.0)  # mentioned, no cue: neutral 0


def test_cue_counts_for_every_target_in_the_sentence():
    result = score("NATO called the Sentinel deployment defensive.")
    assert row(result, "NATO")["pro"] == 1.0
    assert row(result, "Sentinel")["pro"] == 1.0


def test_cue_counts_once_per_target_and_goes_to_the_nearest_mention():
    result = score("NATO said the alliance is reckless.")
    r = row(result)
    assert (r["n_mentions"], r["anti"]) == (2, 1.0)
    m = result.mentions.set_index("mention")
    assert m.loc["the alliance", "cues"] == ["reckless"]
    assert m.loc["NATO", "cues"] == []


@pytest.mark.parametrize(("window", "anti"), [(None, 2.0), (3, 1.0), (2, 1.0), (1, 0.0), (9, 1.0), (10, 2.0)])
def test_window_limits_the_distance(window, anti):
    # "reckless" is 2 words after NATO; "aggressive" is 10 words after it.
    text = "NATO is reckless, said a minister who also found it aggressive."
    assert row(score(text, window=window))["anti"] == anti


def test_window_counts_words_on_both_sides():
    text = "Reckless and aggressive is how he described NATO."
    assert row(score(text, window=1))["anti"] == 0.0
    assert row(score(text, window=5))["anti"] == 1.0  # "aggressive": 5 words before NATO
    assert row(score(text, window=7))["anti"] == 2.0  # "reckless": 7


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("NATO is not aggressive.", True),
        ("NATO isn't aggressive.", True),
        ("NATO isn’t aggressive.", True),
        ("NATO is hardly aggressive.", True),
        ("NATO has never been aggressive.", True),
        ("NATO is not at all aggressive.", True),  # 3 words back: still in scope
        ("Not once, NATO said, was it aggressive.", False),  # comma ends the scope
        ("NATO is not, he said, aggressive.", False),
        ("Not in years has NATO been so aggressive.", False),  # negator out of scope
        ("NATO is aggressive and not defensive.", None),  # see below
        ("NATO is not “aggressive”.", True),  # quote marks do not end the scope
        ("NATO is not only aggressive.", False),
    ],
)
def test_negation_scope(text, negated):
    result = score(text)
    cues = result.mentions.iloc[0]
    if negated is None:
        assert cues["cues"] == ["aggressive", "defensive"]
        assert cues["negated"] == [False, True]
        assert cues["polarities"] == ["anti", "anti"]
        assert row(result)["anti"] == 2.0
        return
    assert cues["negated"] == [negated]
    assert cues["polarities"] == ["pro" if negated else "anti"]
    r = row(result)
    assert (r["pro"], r["anti"]) == ((1.0, 0.0) if negated else (0.0, 1.0))


def test_little_and_lack_negate():
    lexicon = {"targets": {"NATO": ["NATO"]}, "cues": {"pro": ["support"]}}
    for text in ("NATO found little support.", "NATO lacks support."):
        r = row(score(text, lexicon=lexicon))
        assert (r["pro"], r["anti"]) == (0.0, 1.0)


def test_negation_window_parameter():
    text = "NATO is not in any way aggressive."  # negator 4 words before the cue
    assert row(score(text))["anti"] == 1.0
    assert row(score(text, negation_window=4))["pro"] == 1.0
    assert row(score("NATO is not aggressive.", negation_window=0))["anti"] == 1.0


def test_contrast_weighs_the_clause_after_it():
    result = score("NATO is defensive, but reckless.")
    r = row(result)
    assert (r["pro"], r["anti"]) == (1.0, 2.0)
    assert result.mentions.iloc[0]["cue_weights"] == [1.0, -2.0]
    flipped = row(score("NATO is reckless, but defensive."))
    assert (flipped["pro"], flipped["anti"]) == (2.0, 1.0)
    assert row(score("NATO is defensive, but reckless.", contrast_weight=1.0))["score"] == 0.0
    assert row(score("However, NATO is reckless."))["anti"] == 2.0


def test_multi_word_phrase():
    result = score("NATO strengthens security.", "NATO strengthens, security aside.")
    assert result.mentions.iloc[0]["cues"] == ["strengthens security"]
    assert row(result)["pro"] == 1.0
    assert row(result, article="a1")["n_mentions"] == 1
    assert row(result, article="a1")["pro"] == 0.0  # punctuation breaks the phrase


def test_longest_cue_wins():
    lexicon = {"targets": {"NATO": ["NATO"]},
               "cues": {"pro": ["security"], "anti": ["security threat"]}}  # fmt: skip
    result = score("NATO is a security threat.", lexicon=lexicon)
    assert result.mentions.iloc[0]["cues"] == ["security threat"]
    assert (row(result)["pro"], row(result)["anti"]) == (0.0, 1.0)


def test_wildcard_matches_word_endings_only():
    result = score("NATO threatens, threatened and is threatening. NATO is a threat.")
    first, second = result.mentions["matched"].tolist()
    assert first == ["threatens", "threatened", "threatening"]
    assert second == []  # "threat" does not start with "threaten"


def test_wildcard_inside_a_phrase():
    lexicon = {"targets": {"NATO": ["NATO"]}, "cues": {"anti": ["escalat* tension*"]}}
    result = score("NATO is escalating tensions.", lexicon=lexicon)
    assert result.mentions.iloc[0]["matched"] == ["escalating tensions"]


def test_weight():
    r = row(score("NATO was effective."))
    assert r["pro"] == 3.0
    assert r["score"] == pytest.approx(3 / 4)


def test_inline_quotes_are_quoted_speech():
    result = score(
        "NATO is “reckless and aggressive”, a minister said.",
        'Moscow said "NATO is provocative." The alliance is defensive.',
    )
    m = result.mentions
    assert m.iloc[0]["cue_quoted"] == [True, True] and not m.iloc[0]["quoted"]
    assert row(result)["anti_quoted"] == 2.0
    second = m[m["id"] == "a1"]
    assert second["quoted"].tolist() == [True, False]
    assert second["cue_quoted"].tolist() == [[True], [False]]
    r = row(result, article="a1")
    assert (r["n_quoted"], r["pro"], r["anti"], r["pro_quoted"], r["anti_quoted"]) == (
        1, 1.0, 1.0, 0.0, 1.0,
    )  # fmt: skip


def test_seed_style_inline_quotes_are_quoted_speech():
    result = score('He said *"NATO is reckless"* and left. NATO is aggressive.')
    m = result.mentions
    assert m["quoted"].tolist() == [True, False]
    assert m["cue_quoted"].tolist() == [[True], [False]]
    assert (row(result)["anti"], row(result)["anti_quoted"]) == (2.0, 1.0)


def test_quotes_column_is_scored_as_quoted_speech():
    corpus = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "text": ["NATO is defensive.", "Nothing here.", "NATO met."],
            "quotes": [["The alliance is reckless."], [], None],
        }
    )
    result = score_stance(corpus, LEXICON)
    a = result.articles.set_index(["id", "target"]).loc[("a", "NATO")]
    assert (a["n_mentions"], a["n_quoted"], a["pro"], a["anti"], a["anti_quoted"]) == (
        2, 1, 1.0, 1.0, 1.0,
    )  # fmt: skip
    quoted = result.mentions[result.mentions["part"] == "quotes[0]"].iloc[0]
    assert quoted["quoted"] and quoted["cue_quoted"] == [True]
    assert quoted["sentence"] == "The alliance is reckless."
    own = score_stance(corpus, LEXICON, quoted="exclude").articles
    assert own.set_index(["id", "target"]).loc[("a", "NATO"), "anti"] == 0.0
    only = score_stance(corpus, LEXICON, quoted="only").articles
    assert only.set_index(["id", "target"]).loc[("a", "NATO"), "pro"] == 0.0
    ignored = score_stance(corpus, LEXICON, quotes_column=None).articles
    assert ignored.set_index(["id", "target"]).loc[("a", "NATO"), "n_mentions"] == 1


def test_quotes_column_is_optional():
    corpus = pd.DataFrame({"id": ["a"], "text": ["NATO is defensive."]})
    assert score_stance(corpus, LEXICON).articles["pro"].tolist() == [1.0, 0.0]


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("NATO is reckless.", 1),
        ("Nato is reckless.", 0),  # an all-caps alias matches only in capitals
        ("nato is reckless.", 0),
        ("The Alliance is reckless.", 1),  # other aliases in any case
        ("THE ALLIANCE is reckless.", 1),
        ("The north atlantic alliance is reckless.", 1),
        ("NATO's plan is reckless.", 1),
        ("The NATOs are reckless.", 0),  # whole words only
    ],
)
def test_acronym_case(text, mentions):
    assert row(score(text))["n_mentions"] == mentions


def test_case_can_be_switched_off():
    lexicon = {"targets": {"NATO": {"aliases": ["NATO"], "case_sensitive": False}},
               "cues": {"anti": ["reckless"]}}  # fmt: skip
    assert row(score("Nato is reckless.", lexicon=lexicon))["anti"] == 1.0


def test_article_without_mention_is_nan_not_zero():
    result = score("Reckless and aggressive, but not about anyone.", "NATO met.")
    none, neutral = row(result), row(result, article="a1")
    assert none["n_mentions"] == 0 and math.isnan(none["score"])
    assert neutral["n_mentions"] == 1 and neutral["score"] == 0.0
    # every article x target is present, so coverage is explicit
    assert len(result.articles) == 2 * 2


def test_score_is_not_saturated_by_length():
    short = "NATO is reckless. NATO is defensive."
    long = " ".join(["NATO is reckless.", "NATO is defensive."] * 20 + ["It rained."] * 100)
    result = score(short, long)
    assert row(result)["score"] == 0.0 and row(result, article="a1")["score"] == 0.0
    one = score("NATO is reckless. " + "NATO met. " * 50)
    assert row(one)["score"] == pytest.approx(-0.5)  # neutral mentions do not dilute it
    many = score(" ".join(["NATO is reckless."] * 50))
    assert -1 < row(many)["score"] < -0.95


def test_smoothing():
    assert row(score("NATO is reckless.", smoothing=0))["score"] == -1.0
    assert row(score("NATO met.", smoothing=0))["score"] == 0.0
    assert row(score("NATO is reckless.", smoothing=3))["score"] == pytest.approx(-0.25)


def test_target_specific_cues():
    lexicon = {
        "targets": {"NATO": {"aliases": ["NATO"], "cues": {"anti": ["bloc"]}},
                    "EU": ["EU"]},
        "cues": {"pro": ["united"]},
    }  # fmt: skip
    result = score("The EU and NATO act as a united bloc.", lexicon=lexicon)
    assert (row(result, "NATO")["pro"], row(result, "NATO")["anti"]) == (1.0, 1.0)
    assert (row(result, "EU")["pro"], row(result, "EU")["anti"]) == (1.0, 0.0)


def test_mention_tokens_are_not_cues():
    result = score("NATO praised the missile shield.")
    assert row(result, "Sentinel")["pro"] == 0.0  # "shield" belongs to the mention
    assert score("The shield helps NATO.").mentions.iloc[0]["cues"] == ["shield"]


NAME_LEXICON = {"targets": {"NATO": ["NATO"]},
                "cues": {"pro": ["united", "free"], "anti": ["russophob*", "Reckless"]}}


@pytest.mark.parametrize("text, cues", [
    ("NATO met the United States and the United Nations.", []),  # parts of names
    ("NATO backs the Free Russia Foundation.", []),
    ("NATO is united and free.", ["united", "free"]),
    ("United, NATO stands.", ["United"]),  # a sentence's first word
    ("United States officials back NATO.", ["United"]),  # (a capital there says nothing)
    ("“United we stand,” the NATO chief said.", ["United"]),  # a quotation's first word
    ("NATO answered Western Russophobes.", ["Russophobes"]),  # no capitalised word after it
    ("NATO Leaders Stand United Against Threats", ["United"]),  # a title in title case
    ("NATO met the Reckless Party.", ["Reckless"]),  # a cue written with a capital: anywhere
    ("They say NATO is UNITED AND FREE now.", ["UNITED", "FREE"]),  # capitals: emphasis
    ("NATO met the Free ASEAN Group.", ["Free"]),  # an acronym after it is no name's word
])
def test_a_cue_written_in_lower_case_is_no_part_of_a_name(text, cues):
    assert score(text, lexicon=NAME_LEXICON).mentions.iloc[0]["matched"] == cues


def test_a_learned_cue_matches_in_every_case_as_it_was_counted():
    lexicon = {"targets": {"NATO": ["NATO"]},
               "cues": {"pro": [{"cue": "united", "weight": 1.0, "z": 2.5}]}}
    assert score("NATO met the United States.", lexicon=lexicon).mentions.iloc[0]["matched"] == ["United"]


def test_abbreviations_and_numbers_do_not_split_sentences():
    result = score("Gen. Smith told U.S. officials NATO spent 3.5 billion and was reckless.")
    m = result.mentions.iloc[0]
    assert m["sentence_index"] == 0 and m["cues"] == ["reckless"]
    assert m["sentence"].startswith("Gen. Smith")
    result = score("He met the U.S. delegation. The alliance is reckless.")
    assert result.mentions.iloc[0]["sentence_index"] == 1


def test_evidence_sums_to_the_article_scores():
    texts = [
        "NATO is not reckless. The alliance is effective, but provocative.",
        "Sentinel is defensive. “NATO threatens us,” he said. NATO is aggressive.",
        "Nothing to see.",
    ]
    result = score(*texts)
    m = result.mentions
    for (article, target), group in m.groupby(["id", "target"]):
        weights = [w for ws in group["cue_weights"] for w in ws]
        r = row(result, target, article)
        assert r["pro"] == pytest.approx(sum(w for w in weights if w > 0))
        assert r["anti"] == pytest.approx(-sum(w for w in weights if w < 0))
        assert group["weight"].sum() == pytest.approx(r["pro"] - r["anti"])
        assert r["n_mentions"] == len(group)


def test_output_columns_and_types():
    result = score("NATO is reckless.", "Nothing.")
    assert list(result.articles.columns) == [
        "id", "target", "n_mentions", "n_quoted", "pro", "anti", "score", "pro_quoted",
        "anti_quoted",
    ]  # fmt: skip
    assert list(result.mentions.columns[:6]) == [
        "id", "target", "part", "sentence_index", "sentence", "mention",
    ]  # fmt: skip
    assert result.articles["n_mentions"].dtype == np.int64
    m = result.mentions.iloc[0]
    assert (m["start"], m["end"]) == (0, 4) and m["part"] == "text"
    assert m["matched"] == ["reckless"] and m["polarities"] == ["anti"]
    assert m["negated"] == [False] and m["cue_weights"] == [-1.0]
    empty = score("Nothing.")
    assert empty.mentions.empty and list(empty.mentions.columns) == list(result.mentions.columns)


def test_input_is_not_modified():
    corpus = pd.DataFrame({"id": ["a"], "text": ["NATO is reckless."], "quotes": [["x"]]})
    before = corpus.copy(deep=True)
    score_stance(corpus, LEXICON)
    pd.testing.assert_frame_equal(corpus, before)


def test_same_input_same_output():
    texts = ["NATO is reckless, but defensive.", "The alliance is not aggressive."]
    a, b = score(*texts), score(*texts)
    pd.testing.assert_frame_equal(a.articles, b.articles)
    pd.testing.assert_frame_equal(a.mentions, b.mentions)


def test_missing_or_non_string_text_is_skipped():
    corpus = pd.DataFrame({"id": ["a", "b"], "text": [None, "NATO is reckless."]})
    arts = score_stance(corpus, LEXICON).articles
    assert arts["n_mentions"].tolist() == [0, 0, 1, 0]


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"text_column": "body"}, SchemaError, "needs the column"),
        ({"quoted": "yes"}, ValueError, "'quoted' parameter of score_stance must be one of"),
        ({"window": -1}, ValueError, "'window' parameter"),
        ({"window": 2.5}, ValueError, "'window' parameter"),
        ({"negation_window": -2}, ValueError, "'negation_window' parameter"),
        ({"contrast_weight": -1}, ValueError, "'contrast_weight' parameter"),
        ({"smoothing": float("nan")}, ValueError, "'smoothing' parameter"),
    ],
)
def test_bad_arguments(kwargs, error, words):
    corpus = pd.DataFrame({"id": ["a"], "text": ["NATO is reckless."]})
    with pytest.raises(error, match=words):
        score_stance(corpus, LEXICON, **kwargs)


def test_missing_ids_are_rejected():
    corpus = pd.DataFrame({"id": ["a", None], "text": ["NATO.", "NATO."]})
    with pytest.raises(ValueError, match="missing ids"):
        score_stance(corpus, LEXICON)


def test_demo_corpus_with_the_shipped_lexicon():
    from mediastudy import aggregate_stance, demo_path, load_articles

    corpus = load_articles(demo_path("corpus"))
    result = score_stance(corpus, demo_path("lexicon"))
    block_quotes = result.mentions[result.mentions["part"].str.startswith("quotes[")]
    assert len(block_quotes) > 0 and block_quotes["quoted"].all()
    table = aggregate_stance(result, corpus).set_index(["outlet", "target"])
    for target in ("NATO", "Sentinel", "sanctions"):
        # The demo's western broadsheet leans pro, the state broadcaster anti (data/README.md).
        assert (
            table.loc[("MeridianPost", target), "mean_score"]
            > table.loc[("KestrovaToday", target), "mean_score"]
        )


def test_progress_bar_switch(capsys):
    quiet = score("NATO is reckless.")
    loud = score("NATO is reckless.", progress=True)
    pd.testing.assert_frame_equal(quiet.articles, loud.articles)
    assert "score_stance" in capsys.readouterr().err


def test_aggregate_stance_by_outlet_and_period():
    from mediastudy import aggregate_stance

    corpus = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "outlet": ["X", "X", "X", "Y"],
            "date": pd.to_datetime(["2022-01-03", "2022-01-20", "2022-02-01", "2022-01-05"]),
            "text": ["NATO is reckless.", "NATO is defensive. NATO is effective.", "NATO met.", "Hi."],
        }
    )
    before = corpus.copy(deep=True)
    result = score_stance(corpus, LEXICON)
    table = aggregate_stance(result, corpus, by="outlet", freq="M")
    pd.testing.assert_frame_equal(corpus, before)
    nato = table[table["target"] == "NATO"].set_index(["outlet", "period"])
    jan = nato.loc[("X", pd.Timestamp("2022-01-01"))]
    assert (jan["n_articles"], jan["n_mentioning"], jan["n_mentions"]) == (2, 2, 3)
    assert (jan["pro"], jan["anti"]) == (4.0, 1.0)
    assert jan["mean_score"] == pytest.approx((-0.5 + 4 / 5) / 2)
    assert jan["pooled_score"] == pytest.approx(3 / 5)
    assert nato.loc[("X", pd.Timestamp("2022-02-01")), "mean_score"] == 0.0
    assert math.isnan(nato.loc[("Y", pd.Timestamp("2022-01-01")), "mean_score"])
    # the articles table alone works too
    assert aggregate_stance(result.articles, corpus)["n_articles"].sum() == 8
    with pytest.raises(SchemaError, match="needs the column"):
        aggregate_stance(result, corpus, by="bias")


@pytest.mark.parametrize("freq", ["D", "W", "M", "Q", "Y"])
def test_aggregate_stance_periods_are_timestamps_like_the_timeline_tables(freq):
    from mediastudy import aggregate_stance, period_start, stance_timeline_table, volume_table

    corpus = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e"],
            "outlet": ["X", "X", "X", "Y", "Y"],
            # a Sunday and the Monday after it: different weeks, Monday to Sunday
            "date": pd.to_datetime(
                ["2022-01-02", "2022-01-03", "2022-03-31T18:00", "2022-07-01", None], format="ISO8601"
            ),
            "text": ["NATO is reckless.", "NATO is defensive.", "NATO met.", "NATO is aggressive.", "NATO."],
        }
    )
    result = score_stance(corpus, LEXICON)
    table = aggregate_stance(result, corpus, freq=freq)
    assert list(table.columns[:3]) == ["outlet", "period", "target"]
    assert pd.api.types.is_datetime64_dtype(table["period"])
    # the same period start as period_start gives, and as the timeline tables use
    expected = sorted(set(period_start(corpus["date"].dropna(), freq)))
    assert sorted(table["period"].dropna().unique()) == expected
    volume = volume_table(corpus.dropna(subset=["date"]), freq=freq)
    assert set(table["period"].dropna()) <= set(volume["period"])
    with pytest.warns(UserWarning, match="without a date"):
        timeline = stance_timeline_table(result, corpus, freq=freq, targets="NATO", min_articles=1)
    nato = table[(table["target"] == "NATO") & (table["n_mentioning"] > 0) & table["period"].notna()]
    merged = nato.merge(timeline, on=["outlet", "period", "target"], suffixes=("", "_t"))
    assert len(merged) == len(nato)
    np.testing.assert_allclose(merged["mean_score"], merged["mean_score_t"])
    # the article without a date keeps its own NaT row, so nothing is lost
    assert table.loc[table["period"].isna(), "n_articles"].sum() == 2
    assert table["n_articles"].sum() == 2 * len(corpus)


def test_aggregate_stance_freq_is_checked_and_first_argument_is_named_stance():
    from mediastudy import aggregate_stance

    corpus = pd.DataFrame({"id": ["a"], "outlet": ["X"], "date": pd.to_datetime(["2022-01-02"]),
                           "text": ["NATO is reckless."]})  # fmt: skip
    result = score_stance(corpus, LEXICON)
    with pytest.raises(ValueError, match=r"'freq' parameter of aggregate_stance must be one of"):
        aggregate_stance(result, corpus, freq="weekly")
    by_keyword = aggregate_stance(stance=result, corpus=corpus)
    pd.testing.assert_frame_equal(by_keyword, aggregate_stance(result, corpus))
    with pytest.raises(SchemaError, match="'stance'"):
        aggregate_stance(result.articles.drop(columns="score"), corpus)


@pytest.mark.parametrize("by", [None, []])
def test_aggregate_stance_without_groups_gives_one_row_per_target(by):
    from mediastudy import aggregate_stance

    corpus = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "outlet": ["X", "Y", "Y"],
            "date": pd.to_datetime(["2022-01-03", "2022-01-20", "2022-02-01"]),
            "text": ["NATO is reckless.", "NATO is defensive.", "Sentinel met."],
        }
    )
    result = score_stance(corpus, LEXICON)
    table = aggregate_stance(result, corpus, by=by)
    assert list(table["target"]) == ["NATO", "Sentinel"]
    assert list(table["n_articles"]) == [3, 3]
    assert list(table["n_mentioning"]) == [2, 1]
    assert table.loc[0, "mean_score"] == pytest.approx(0.0)  # -0.5 and +0.5
    monthly = aggregate_stance(result, corpus, by=by, freq="M")
    assert list(monthly.columns[:2]) == ["period", "target"]
    assert monthly["period"].tolist() == [pd.Timestamp("2022-01-01")] * 2 + [pd.Timestamp("2022-02-01")] * 2


def test_aggregate_stance_joins_the_scores_whatever_the_corpus_calls_its_id():
    from mediastudy import aggregate_stance

    corpus = pd.DataFrame({"doc": ["a", "b"], "outlet": ["X", "Y"], "text": ["NATO is reckless.", "NATO."]})
    result = score_stance(corpus, LEXICON, id_column="doc")  # its articles table names the column "id"
    table = aggregate_stance(result, corpus, id_column="doc").set_index(["outlet", "target"])
    assert table.loc[("X", "NATO"), "mean_score"] == pytest.approx(-0.5)
    assert table.loc[("Y", "NATO"), "mean_score"] == 0.0
    own = result.articles.rename(columns={"id": "doc"})  # scores of one's own, named as the corpus
    # n_cues needs the mentions (the StanceResult): NA from an articles table alone
    mine = aggregate_stance(own, corpus, id_column="doc")
    assert mine["n_cues"].isna().all()
    pd.testing.assert_frame_equal(mine.drop(columns="n_cues"),
                                  table.reset_index().drop(columns="n_cues"))
