"""Tests of the topic model on small hand-written corpora (mediastudy.topics)."""

from __future__ import annotations

import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.metrics import adjusted_rand_score

from mediastudy import (
    NotFittedError,
    SchemaError,
    TopicModel,
    assign_topics,
    period_start,
    representative_articles,
    topic_sizes,
    topic_terms,
    volume_table,
)

SPORT = [
    "The striker scored twice as the team won the cup match on Saturday",
    "A late goal from the captain sealed the league title for the club",
    "The coach praised his players after a hard fought match against the champions",
    "Fans cheered as the goalkeeper saved a penalty in the cup final",
    "The club signed a new striker before the league season starts",
    "Injury rules the captain out of the match against the league leaders",
    "The team climbed to second in the league after the goal in extra time",
    "The coach named the squad for the cup match and the players trained",
]
ECONOMY = [
    "The central bank raised interest rates to fight inflation",
    "Inflation rose again and the bank warned of higher interest rates",
    "Markets fell as investors feared higher rates from the central bank",
    "Shares in the bank rose after profits beat forecasts despite inflation",
    "The economy grew slowly as inflation squeezed household budgets and markets",
    "Investors sold shares as the bank kept interest rates unchanged",
    "The pound fell on markets after weak growth figures for the economy",
]
POLITICS = [
    "The prime minister called an early election after the vote in parliament",
    "Voters head to the polls as the election campaign ends and parties make final pleas",
    "The opposition party leader attacked the government over the budget vote",
    "Parliament will vote on the bill after the minister defended the government plan",
    "The election result left no party with a majority in parliament",
    "The minister resigned before the vote and the party chose a new leader",
]
TRUTH = [0] * len(SPORT) + [1] * len(ECONOMY) + [2] * len(POLITICS)
SMALL = {"min_df": 2, "max_df": 0.6, "n_components": 5}


def make_corpus() -> pd.DataFrame:
    texts = SPORT + ECONOMY + POLITICS
    n = len(texts)
    outlets = ["Daily A", "Daily B", "Weekly C"]
    return pd.DataFrame(
        {
            "id": [f"a{i:02d}" for i in range(n)],
            "outlet": pd.array([outlets[i % 3] for i in range(n)], dtype="string"),
            "date": pd.to_datetime("2024-01-01") + pd.to_timedelta(np.arange(n) * 5, unit="D"),
            "title": pd.array([t.split(" ", 6)[-1][:30] for t in texts], dtype="string"),
            "text": pd.array(texts, dtype="string"),
        },
        index=pd.RangeIndex(100, 100 + n),
    )


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return make_corpus()


@pytest.fixture(scope="module")
def model(corpus) -> TopicModel:
    return TopicModel(3, random_state=0, **SMALL).fit(corpus)


def topic_of(model: TopicModel, word: str) -> int:
    """The topic whose distinctive-term weight for ``word`` is highest."""
    j = list(model.terms_).index(word)
    return int(np.argmax(model.term_weights_[:, j]))


# ------------------------------------------------------------------ fitting
def test_fit_recovers_the_three_hand_written_topics(model):
    assert adjusted_rand_score(TRUTH, model.labels_) == 1.0
    assert model.topic_sizes_.tolist() == sorted(model.topic_sizes_.tolist(), reverse=True)
    assert model.topic_sizes_.sum() == len(TRUTH)


def test_fitted_attributes_and_shapes(model):
    k, c = model.cluster_centers_.shape
    assert k == 3
    assert model.svd_components_.shape == (c, len(model.terms_))
    assert model.term_weights_.shape == (3, len(model.terms_))
    np.testing.assert_allclose(np.linalg.norm(model.cluster_centers_, axis=1), 1.0, rtol=1e-5)
    assert len(model.topic_labels_) == 3 and len(set(model.topic_labels_)) == 3
    assert ((model.topic_stability_ >= 0) & (model.topic_stability_ <= 1)).all()


def test_same_seed_same_data_gives_identical_topics(corpus):
    a = TopicModel(3, random_state=7, **SMALL).fit(corpus)
    b = TopicModel(3, random_state=7, **SMALL).fit(corpus)
    np.testing.assert_array_equal(a.labels_, b.labels_)
    np.testing.assert_array_equal(a.cluster_centers_, b.cluster_centers_)
    np.testing.assert_array_equal(a.term_weights_, b.term_weights_)
    assert a.topic_labels_ == b.topic_labels_


def test_worker_processes_do_not_change_the_result(corpus, monkeypatch):
    import mediastudy.topics._input as topics_module

    monkeypatch.setattr(topics_module, "_CHUNK", 5)  # several chunks, merged vocabularies
    one = TopicModel(3, random_state=1, **SMALL).fit(corpus)
    two = TopicModel(3, random_state=1, n_jobs=2, **SMALL).fit(corpus)
    assert list(one.terms_) == list(two.terms_)
    np.testing.assert_array_equal(one.labels_, two.labels_)
    np.testing.assert_array_equal(one.predict(corpus), two.predict(corpus))


def test_predict_on_training_articles_equals_labels(model, corpus):
    np.testing.assert_array_equal(model.predict(corpus), model.labels_)


def test_transform_gives_affinities_whose_argmax_is_predict(model):
    new = ["The striker missed a penalty in the cup match", "zzz qqq unknown words only"]
    scores = model.transform(new)
    assert scores.shape == (2, 3)
    assert model.predict(new)[0] == topic_of(model, "striker")
    assert np.argmax(scores[0]) == model.predict(new)[0]
    np.testing.assert_array_equal(scores[1], 0.0)  # no known word: no affinity


@pytest.mark.parametrize("kind", ["frame_without_title", "list", "series", "ndarray", "tuple"])
def test_input_kinds_give_the_same_topics(kind, model, corpus):
    texts = list(corpus["text"])
    data = {
        "frame_without_title": corpus[["text"]],
        "list": texts,
        "series": corpus["text"],
        "ndarray": np.asarray(texts, dtype=object),
        "tuple": tuple(texts),
    }[kind]
    fitted = TopicModel(3, random_state=0, **SMALL).fit(data)
    assert adjusted_rand_score(TRUTH, fitted.labels_) == 1.0


def test_title_is_used_when_present(corpus):
    titles = corpus["title"].copy()
    titles.iloc[:3] = ["Roundup: derby", "Roundup: final", "Roundup: transfer"]
    titled = corpus.assign(title=titles)
    with_title = TopicModel(3, random_state=0, **SMALL).fit(titled)
    without = TopicModel(3, random_state=0, title_column=None, **SMALL).fit(titled)
    assert "roundup" in set(with_title.terms_)
    assert "roundup" not in set(without.terms_)
    assert with_title.predict(pd.DataFrame({"title": ["Roundup"], "text": [""]}))[0] == topic_of(
        with_title, "roundup"
    )


def test_other_text_column_name(corpus):
    renamed = corpus.rename(columns={"text": "body"})
    fitted = TopicModel(3, text_column="body", random_state=0, **SMALL).fit(renamed)
    assert adjusted_rand_score(TRUTH, fitted.labels_) == 1.0


def test_missing_texts_are_read_as_empty():
    texts = SPORT + ECONOMY + [None, float("nan")]
    fitted = TopicModel(2, random_state=0, **SMALL).fit(texts)
    assert len(fitted.labels_) == len(texts)


def test_news_stop_words_drop_boilerplate():
    texts = [t + " he said on Monday. Read more" for t in SPORT + ECONOMY]
    news = TopicModel(2, random_state=0, min_df=1, max_df=1.0).fit(texts)
    plain = TopicModel(2, random_state=0, min_df=1, max_df=1.0, stop_words=None).fit(texts)
    for word in ("said", "monday", "read"):
        assert word not in set(news.terms_)
        assert word in set(plain.terms_)


def test_custom_stop_words_and_numbers_are_not_terms():
    texts = [t + " in 2024 with 3 goals" for t in SPORT] + ECONOMY
    fitted = TopicModel(2, random_state=0, stop_words=["striker", "BANK"], **SMALL).fit(texts)
    terms = set(fitted.terms_)
    assert "striker" not in terms and "bank" not in terms
    assert "2024" not in terms and "goals" in terms


def test_news_stop_words_keep_topical_words_of_the_english_list():
    texts = [t + " as the bill passed" for t in POLITICS] + ECONOMY + SPORT
    news = TopicModel(3, random_state=0, **SMALL).fit(texts)
    english = TopicModel(3, random_state=0, stop_words="english", **SMALL).fit(texts)
    assert {"bill", "interest"} <= set(news.terms_)
    assert not {"bill", "interest"} & set(english.terms_)


def test_bigrams(corpus):
    fitted = TopicModel(3, ngram_range=(1, 2), random_state=0, **SMALL).fit(corpus)
    assert "interest rates" in set(fitted.terms_)
    assert "central bank" in set(fitted.terms_)
    assert adjusted_rand_score(TRUTH, fitted.labels_) == 1.0
    assert fitted.predict(["interest rates rose at the central bank"])[0] == topic_of(fitted, "inflation")


def test_get_params_and_clone_follow_sklearn(model):
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    assert not hasattr(copy, "labels_")


def test_fit_predict_returns_labels(corpus):
    m = TopicModel(3, random_state=0, **SMALL)
    np.testing.assert_array_equal(m.fit_predict(corpus), m.labels_)


# ------------------------------------------------------------------ errors
@pytest.mark.parametrize("method", ["transform", "predict", "topic_info", "save"])
def test_unfitted_model_raises_not_fitted(method, tmp_path):
    m = TopicModel(3)
    arg = {"transform": (["a b"],), "predict": (["a b"],), "topic_info": (), "save": (tmp_path,)}
    with pytest.raises(NotFittedError, match=f"not fitted yet.*before {method}"):
        getattr(m, method)(*arg[method])


def test_unfitted_model_in_table_functions(corpus):
    with pytest.raises(NotFittedError, match="call fit"):
        assign_topics(corpus, TopicModel(3))


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"n_topics": 0}, "n_topics"),
        ({"n_topics": 2.5}, "n_topics"),
        ({"min_df": 0}, "min_df"),
        ({"max_df": 1.5}, "max_df"),
        ({"ngram_range": (2, 1)}, "ngram_range"),
        ({"stop_words": "french"}, "stop_words"),
        ({"n_components": 0}, "n_components"),
        ({"n_init": 0}, "n_init"),
        ({"sample_size": 1}, "sample_size"),
        ({"max_features": 0}, "max_features"),
    ],
)
def test_bad_parameters_name_the_parameter(params, name, corpus):
    with pytest.raises(ValueError, match=f"'{name}' parameter of TopicModel"):
        TopicModel(**{"n_topics": 3, **params}).fit(corpus)


def test_bad_inputs_say_what_to_do(corpus):
    with pytest.raises(TypeError, match="wrap it in a list"):
        TopicModel(2).fit("one long text")
    with pytest.raises(TypeError, match="item 1 is int"):
        TopicModel(2).fit(["a text", 42, "another"])
    with pytest.raises(SchemaError, match=r"needs the column\(s\) \['body'\]"):
        TopicModel(2, text_column="body").fit(corpus)
    with pytest.raises(TypeError, match="Got dict"):
        TopicModel(2).fit({"text": ["a"]})
    with pytest.raises(ValueError, match="at least n_topics=5 articles"):
        TopicModel(5).fit(["a b", "c d", "e f"])
    with pytest.raises(ValueError, match="Lower min_df or raise max_df"):
        TopicModel(2, min_df=50).fit(corpus)


# ------------------------------------------------------------------ tables
def test_assign_topics_returns_a_new_frame_and_leaves_the_input_alone(model, corpus):
    before = corpus.copy(deep=True)
    out = assign_topics(corpus, model)
    pd.testing.assert_frame_equal(corpus, before)
    assert out is not corpus
    assert list(out.columns) == [*corpus.columns, "topic", "topic_label"]
    assert out["topic"].dtype == np.int64
    assert pd.api.types.is_string_dtype(out["topic_label"])
    assert out.index.equals(corpus.index)
    np.testing.assert_array_equal(out["topic"], model.labels_)
    assert (out["topic_label"] == np.asarray(model.topic_labels_)[model.labels_]).all()


def test_assign_topics_other_column_and_clash_warning(model, corpus):
    out = assign_topics(corpus, model, topic_column="theme", topic_label_column="theme_label")
    assert {"theme", "theme_label"} <= set(out.columns) and "topic" not in out.columns
    assert "topic_label" not in out.columns
    tagged = corpus.assign(topic="elections")
    with pytest.warns(UserWarning, match="replaces the existing column"):
        out = assign_topics(tagged, model)
    assert tagged["topic"].eq("elections").all()
    assert out["topic"].dtype == np.int64


def test_assign_topics_places_new_articles(model):
    new = pd.DataFrame({"text": ["Interest rates and inflation worry the markets"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = assign_topics(new, model)
    assert out["topic"].iloc[0] == topic_of(model, "inflation")


def test_assign_topics_warns_about_articles_without_known_words(model):
    new = pd.DataFrame({"text": ["The striker scored in the cup match", "", "zzz qqq"]})
    with pytest.warns(UserWarning, match="2 of 3 articles contain no word"):
        out = assign_topics(new, model)
    assert out["topic"].tolist()[1:] == [0, 0]


def test_topic_terms_are_distinctive_and_tidy(model):
    terms = topic_terms(model, n_terms=5)
    assert list(terms.columns) == ["topic", "topic_label", "rank", "term", "weight"]
    assert terms.groupby("topic").size().max() == 5
    for _, group in terms.groupby("topic"):
        assert group["rank"].tolist() == list(range(1, len(group) + 1))
        assert (group["weight"].diff().dropna() <= 0).all()
        assert (group["weight"] > 0).all()
    sport = terms[terms["topic"] == topic_of(model, "striker")]["term"]
    assert {"match", "league", "cup", "coach", "striker", "goal"} & set(sport)
    assert model.topic_labels_[topic_of(model, "striker")].count(" / ") == 2


def test_word_frequent_everywhere_is_not_a_top_term():
    texts = [t + " report report" for t in SPORT + ECONOMY + POLITICS]
    m = TopicModel(3, random_state=0, min_df=2, max_df=1.0, n_components=5).fit(texts)
    top = topic_terms(m, n_terms=5)
    assert "report" in set(m.terms_)
    assert "report" not in set(top["term"])


def test_topic_terms_rejects_bad_n_terms(model):
    for bad in (0, 2.5, True, "3"):
        with pytest.raises(ValueError, match="'n_terms' parameter of topic_terms"):
            topic_terms(model, n_terms=bad)
    with pytest.raises(TypeError, match="must be a TopicModel"):
        topic_terms("model")
    with pytest.raises(ValueError, match="'n_terms' parameter of TopicModel.topic_info"):
        model.topic_info(n_terms=0)


@pytest.mark.parametrize("kind", ["random", "ties", "signed zeros", "nan", "short"])
def test_top_terms_are_those_of_a_full_stable_sort(kind):
    """Topic terms and labels sort only the few largest weights: the same columns, in the
    same order (ties in column order), as a stable sort of the whole row."""
    from mediastudy.topics._clustering import _top_indices

    rng = np.random.default_rng(0)
    row = {
        "random": rng.normal(size=3000),
        "ties": rng.integers(-3, 4, size=3000) / 2,
        "signed zeros": np.where(rng.random(3000) < 0.01, 1.0, rng.choice([0.0, -0.0], size=3000)),
        "nan": np.where(rng.random(3000) < 0.1, np.nan, rng.integers(0, 5, size=3000)),
        "short": np.array([1.0, 3.0, 3.0]),
    }[kind].astype(np.float32)
    for n in (1, 2, 3, 8, 15, 60, 2999, 3000, 5000):
        np.testing.assert_array_equal(_top_indices(row, n), np.argsort(-row, kind="stable")[:n])


def test_topic_terms_n_terms_as_in_topic_info(model):
    # n_terms= as in TopicModel.topic_info and find_peaks_table; n= still works, deprecated
    terms = topic_terms(model, n_terms=3)
    assert terms.groupby("topic").size().max() == 3
    info = model.topic_info(n_terms=3)
    assert info["top_terms"].tolist() == terms.groupby("topic")["term"].agg(", ".join).tolist()
    with pytest.warns(FutureWarning, match="use n_terms="):
        old = topic_terms(model, n=3)
    pd.testing.assert_frame_equal(old, terms)
    assert topic_terms(model).groupby("topic").size().max() == 10  # the default
    with pytest.raises(TypeError, match="got both 'n' and its new name 'n_terms'"):
        topic_terms(model, n_terms=3, n=5)


def test_topic_info(model):
    info = model.topic_info(n_terms=3)
    assert list(info.columns) == ["topic", "topic_label", "n_articles", "share", "stability", "top_terms"]
    assert info["n_articles"].sum() == len(TRUTH)
    assert info["share"].sum() == pytest.approx(1.0)
    assert all(t.count(", ") == 2 for t in info["top_terms"])


def test_topic_sizes_overall_per_outlet_and_period(model, corpus):
    overall = topic_sizes(corpus, model)
    assert overall["n_articles"].tolist() == model.topic_sizes_.tolist()
    per_outlet = topic_sizes(corpus, model, by="outlet")
    assert per_outlet["n_articles"].sum() == len(corpus)
    assert per_outlet.groupby("outlet")["share"].sum().round(9).eq(1.0).all()
    expected = assign_topics(corpus, model).groupby(["topic", "outlet"]).size()
    got = per_outlet.set_index(["topic", "outlet"])["n_articles"]
    assert got.sort_index().tolist() == expected.sort_index().tolist()
    monthly = topic_sizes(corpus, model, freq="M")
    assert "period" in monthly.columns
    assert monthly["n_articles"].sum() == len(corpus)
    assert monthly["period"].min() == pd.Timestamp("2024-01-01")
    with pytest.raises(ValueError, match="'freq' parameter of topic_sizes"):
        topic_sizes(corpus, model, freq="fortnightly")
    with pytest.raises(SchemaError, match="outlet_name"):
        topic_sizes(corpus, model, by="outlet_name")


def test_representative_articles(model, corpus):
    before = corpus.copy(deep=True)
    reps = representative_articles(corpus, model, n=2)
    pd.testing.assert_frame_equal(corpus, before)
    assert list(reps.columns) == [
        "topic",
        "topic_label",
        "rank",
        "similarity",
        "id",
        "title",
        "outlet",
        "date",
    ]
    assert reps.groupby("topic").size().tolist() == [2, 2, 2]
    for topic, group in reps.groupby("topic"):
        assert group["rank"].tolist() == [1, 2]
        assert group["similarity"].is_monotonic_decreasing
        members = corpus.loc[model.labels_ == topic, "id"]
        assert set(group["id"]) <= set(members)
    # the top article is the one with the highest affinity in its topic
    scores = model.transform(corpus)
    t0 = reps[reps["topic"] == 0].iloc[0]
    in_topic = np.flatnonzero(model.labels_ == 0)
    assert corpus["id"].iloc[in_topic[np.argmax(scores[in_topic, 0])]] == t0["id"]


def test_representative_articles_per_outlet_and_period(model, corpus):
    per_outlet = representative_articles(corpus, model, n=1, by="outlet")
    assert per_outlet.groupby(["topic", "outlet"]).size().max() == 1
    assert len(per_outlet) == corpus.assign(t=model.labels_).groupby(["t", "outlet"]).ngroups
    per_quarter = representative_articles(corpus, model, n=1, freq="Q")
    assert "period" in per_quarter.columns
    assert per_quarter.groupby(["topic", "period"]).size().max() == 1
    with pytest.raises(ValueError, match="'n' parameter of representative_articles"):
        representative_articles(corpus, model, n=0)


@pytest.mark.parametrize("func", [topic_sizes, representative_articles])
@pytest.mark.parametrize("freq", ["2W", "W-SUN", "MS", "fortnightly", "w"])
def test_topic_tables_take_only_calendar_freqs(model, corpus, func, freq):
    # pandas aliases such as '2W' used to pass and silently give one-week periods
    name = func.__name__
    with pytest.raises(
        ValueError, match=rf"The 'freq' parameter of {name} must be one of 'D', 'W', 'M', 'Q', 'Y'\. Got"
    ):
        func(corpus, model, freq=freq)


@pytest.mark.parametrize("func", [topic_sizes, representative_articles])
@pytest.mark.parametrize("freq", ["W", "M", "Q"])
def test_topic_table_periods_are_those_of_the_timeline_tables(model, corpus, func, freq):
    # a period is the first day of its calendar period, with the same dtype as volume_table's
    before = corpus.copy(deep=True)
    table = func(corpus, model, freq=freq)
    pd.testing.assert_frame_equal(corpus, before)
    volume = volume_table(corpus, freq=freq, by=None)
    assert table["period"].dtype == volume["period"].dtype
    assert set(table["period"]) == set(volume.loc[volume["n_articles"] > 0, "period"])
    assert set(table["period"]) == set(period_start(corpus["date"], freq))


def test_topic_sizes_weekly_counts_match_period_start(model, corpus):
    # hand count: each article in the Monday-to-Sunday week of its date
    weekly = topic_sizes(corpus, model, freq="W")
    expected = (
        pd.DataFrame({"topic": model.labels_, "period": period_start(corpus["date"], "W")})
        .groupby(["topic", "period"])
        .size()
    )
    got = weekly.set_index(["topic", "period"])["n_articles"]
    assert got.sort_index().tolist() == expected.sort_index().tolist()
    assert (weekly["period"].dt.day_of_week == 0).all()


def test_topic_sizes_leaves_out_unreadable_dates(model, corpus):
    dates = corpus["date"].dt.strftime("%Y-%m-%d").tolist()
    messy = corpus.assign(date=dates[:3] + ["not a date"] + dates[4:])
    monthly = topic_sizes(messy, model, freq="M")
    assert monthly["n_articles"].sum() == len(corpus) - 1
    assert monthly["period"].dtype == "datetime64[s]"


@pytest.mark.parametrize("func", [assign_topics, topic_sizes, representative_articles])
def test_topic_tables_take_the_corpus_first(model, corpus, func):
    name = func.__name__
    with pytest.raises(TypeError, match=rf"{name} takes the corpus first.*{name}\(corpus, model\)"):
        func(model, corpus)
    with pytest.raises(TypeError, match="Got a TopicModel as the 'corpus' argument"):
        func(model=corpus, corpus=model)
    # a model that is not a TopicModel still gets the model error
    with pytest.raises(TypeError, match=f"'model' parameter of {name} must be a TopicModel"):
        func(corpus, "not a model")


# ------------------------------------------------------------------ word counting
TRICKY = [
    "Trump's “deal” — (AP) U.S.-China talks: 3.5% growth; e-mail me@x.org",
    "naïve café Zürich ÉLAN, snake_case and CamelCase\ttabs\nnew lines\u00a0nbsp",
    "",
    "   ",
    "a-b-c a_b_c 123abc abc123 --- ...",
    # a capital sigma lowers by its context (final ς before whitespace, σ before ' and a
    # letter); İ lowers to two characters
    "ΟΔΟΣ ΟΔΟΣ. ΣΑΣ Σ ΑΣ\u2009Β ΑΣ'Β ΑΣ\u0301 İSTANBUL",
]


def _reference_counts(texts):
    import re
    from collections import Counter

    return [Counter(re.findall(r"\w+", t.lower())) for t in texts]


def _our_counts(texts, n_jobs=None):
    from mediastudy.topics import _counting as _topic_text

    chunks = [(None, texts[i : i + 2]) for i in range(0, len(texts), 2)]
    matrix, terms = _topic_text.count_words(chunks, n_jobs=n_jobs)
    out = []
    for row in range(matrix.shape[0]):
        start, stop = matrix.indptr[row], matrix.indptr[row + 1]
        out.append(
            {
                terms[j]: int(v)
                for j, v in zip(matrix.indices[start:stop], matrix.data[start:stop], strict=True)
            }
        )
    return out


def test_whitespace_then_word_counting_equals_a_regex_over_the_text():
    assert _our_counts(TRICKY) == [dict(c) for c in _reference_counts(TRICKY)]


def test_lowering_each_piece_equals_lowering_the_text():
    """Counting lowers each distinct whitespace-separated piece instead of whole texts: the
    same pieces, since whitespace has no case, no character lowers into whitespace, and
    whitespace ends the context that makes a capital sigma final (it is neither cased nor
    case-ignorable), as the end of a piece does."""
    chars = [chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000]
    spaces = [ch for ch in chars if ch.isspace()]
    assert spaces and all(ch.lower() == ch for ch in spaces)
    assert not [ch for ch in chars if ch.lower() != ch and any(x.isspace() for x in ch.lower())]
    for space in spaces:
        assert ("AΣ" + space + "B").lower() == "aς" + space + "b"
        assert ("A" + space + "Σ").lower() == "a" + space + "σ"
    text = TRICKY[-1] + " \u1680Σ\u2028ΑΣ\x1cΒ ΑΣ\x85"
    assert [piece.lower() for piece in text.split()] == text.lower().split()


def test_counting_in_worker_processes_equals_counting_here():
    assert _our_counts(TRICKY * 3, n_jobs=2) == _our_counts(TRICKY * 3)


def test_counting_without_fork_uses_joblib_workers(monkeypatch):
    from mediastudy.topics import _counting as _topic_text

    monkeypatch.setattr(_topic_text, "_use_fork", lambda: False)  # the path for macOS and Windows
    assert _our_counts(TRICKY * 2, n_jobs=2) == _our_counts(TRICKY * 2)


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # hypothesis is in the test extra; skip the property test without it
    pass
else:

    @settings(max_examples=200, deadline=None)
    @given(
        st.lists(st.text(alphabet=st.sampled_from("ab É_-'.’ \t\n\u00a0\u2009x1"), max_size=40), max_size=6)
    )
    def test_counting_matches_the_regex_on_any_text(texts):
        assert _our_counts(texts) == [dict(c) for c in _reference_counts(texts)]


def test_training_articles_are_not_counted_again_in_any_row_order(corpus, monkeypatch):
    """fit remembers the vectors of its articles in the order of the rows given (it fits them
    in the order of their ids): transform on the same corpus counts no word again, and gives
    what counting them again gives, to the last bit."""
    import mediastudy.topics._counting as counting

    shuffled = corpus.iloc[np.random.default_rng(3).permutation(len(corpus))]
    assert (shuffled["id"].to_numpy() != np.sort(shuffled["id"].to_numpy())).any()
    fitted = TopicModel(3, random_state=0, **SMALL).fit(shuffled)
    calls = []
    count = counting.count_words
    monkeypatch.setattr(counting, "count_words", lambda *a, **k: calls.append(1) or count(*a, **k))
    remembered = fitted.transform(shuffled)
    assert calls == []
    del fitted._remembered
    counted = fitted.transform(shuffled)
    assert len(calls) == 1
    np.testing.assert_array_equal(remembered, counted)
    np.testing.assert_array_equal(fitted.predict(shuffled), fitted.labels_)


def test_fit_fingerprints_its_articles_once(corpus, monkeypatch):
    """fit fingerprints the rows as given, once (not also in the order of the ids it fits in),
    and transform on those rows finds the vectors under that fingerprint."""
    import mediastudy.topics.model as model_module

    reversed_rows = corpus.iloc[::-1]
    calls = []
    fingerprint = model_module._fingerprint
    monkeypatch.setattr(model_module, "_fingerprint", lambda c: calls.append(1) or fingerprint(c))
    fitted = TopicModel(3, random_state=0, **SMALL).fit(reversed_rows)
    assert len(calls) == 1
    np.testing.assert_array_equal(fitted.predict(reversed_rows), fitted.labels_)
    assert len(calls) == 2 and hasattr(fitted, "_remembered")


def test_fingerprint_hashes_as_the_factorised_hashing():
    """The texts' fingerprint is the digest of pandas' default (factorised) hash of each text."""
    import hashlib

    import numpy as np
    import pandas as pd

    from mediastudy.topics.model import _fingerprint

    titles = ["A", None, "nan", "A", ""]
    bodies = pd.Series(["x", np.nan, "x", "None", "y"], dtype=object)
    assert _fingerprint([(titles, bodies)]) != _fingerprint([(titles[::-1], bodies)])
    expected = hashlib.blake2b(digest_size=16)
    for part in (pd.Series(titles, dtype=object), bodies):
        expected.update(pd.util.hash_pandas_object(part, index=False).to_numpy().tobytes())
    assert _fingerprint([(titles, bodies)]) == expected.digest()
