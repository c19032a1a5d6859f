"""TopicModel(adjust_for="outlet"): topics by subject, not house style (issue 16)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from test_topics import ECONOMY, SPORT

from mediastudy import InvalidParameterError, SchemaError, TopicModel
from mediastudy.topics.outlet_adjust import SHRINK_ARTICLES, fit_outlet_centres

SMALL = {"min_df": 2, "max_df": 0.6, "n_components": 5}
STYLE = {
    "Alpha": "alpha network kestrel bulletin dispatch",
    "Beta": "beta wire falcon gazette roundup",
}


def styled_corpus() -> pd.DataFrame:
    """Two subjects, each written by two outlets that wrap every article in their own words."""
    rows = []
    for outlet, tag in STYLE.items():
        for subject, texts in (("sport", SPORT), ("economy", ECONOMY)):
            rows += [{"outlet": outlet, "subject": subject, "text": f"{tag} {t} {tag}"} for t in texts]
    return pd.DataFrame(rows)


def test_without_adjustment_the_house_style_makes_the_topics():
    corpus = styled_corpus()
    model = TopicModel(2, random_state=0, **SMALL).fit(corpus)
    assert adjusted_rand_score(corpus["outlet"], model.labels_) == 1.0
    assert model.outlet_centres_ is None


def test_adjust_for_outlet_finds_the_subjects():
    corpus = styled_corpus()
    model = TopicModel(2, random_state=0, adjust_for="outlet", **SMALL).fit(corpus)
    assert adjusted_rand_score(corpus["subject"], model.labels_) == 1.0
    assert adjusted_rand_score(corpus["outlet"], model.labels_) < 0.1
    # the training articles are placed again where fit put them
    np.testing.assert_array_equal(model.predict(corpus), model.labels_)


def test_new_articles_of_an_unknown_outlet_get_the_global_centre():
    corpus = styled_corpus()
    model = TopicModel(2, random_state=0, adjust_for="outlet", **SMALL).fit(corpus)
    new = corpus.assign(outlet="Gamma")
    as_list = model.transform(list(new["text"]))
    np.testing.assert_allclose(model.transform(new), as_list, atol=1e-6)
    missing = corpus.assign(outlet=None)
    np.testing.assert_allclose(model.transform(missing), as_list, atol=1e-6)
    # a known outlet is centred on its own centre, so the scores differ
    assert not np.allclose(model.transform(corpus), as_list, atol=1e-3)


def test_adjust_for_a_missing_column_is_a_schema_error():
    corpus = styled_corpus()
    with pytest.raises(SchemaError, match="source"):
        TopicModel(2, adjust_for="source", **SMALL).fit(corpus)
    model = TopicModel(2, random_state=0, adjust_for="outlet", **SMALL).fit(corpus)
    with pytest.raises(SchemaError, match="outlet"):
        model.predict(corpus.drop(columns="outlet"))


def test_adjust_for_needs_a_dataframe_and_a_column_name():
    with pytest.raises(InvalidParameterError, match="adjust_for") as info:
        TopicModel(2, adjust_for="outlet", **SMALL).fit(list(styled_corpus()["text"]))
    assert info.value.param == "adjust_for"
    with pytest.raises(InvalidParameterError, match="adjust_for"):
        TopicModel(2, adjust_for=["outlet"], **SMALL).fit(styled_corpus())


def test_one_outlet_changes_nothing():
    corpus = styled_corpus()
    corpus = corpus[corpus["outlet"] == "Alpha"].reset_index(drop=True)
    plain = TopicModel(2, random_state=0, **SMALL).fit(corpus)
    adjusted = TopicModel(2, random_state=0, adjust_for="outlet", **SMALL).fit(corpus)
    np.testing.assert_array_equal(plain.labels_, adjusted.labels_)
    np.testing.assert_allclose(plain.transform(corpus), adjusted.transform(corpus), atol=1e-6)


def test_an_outlet_with_one_article_is_shrunk_towards_the_global_centre():
    rng = np.random.default_rng(0)
    lsa = rng.normal(size=(7, 3)).astype(np.float32)
    outlets = np.array(["A", "A", "A", "A", "A", "A", "Solo"], dtype=object)
    centres = fit_outlet_centres(lsa, outlets)
    solo = centres.outlets.index("Solo")
    expected = (lsa[6] + SHRINK_ARTICLES * lsa.mean(axis=0)) / (1 + SHRINK_ARTICLES)
    np.testing.assert_allclose(centres.centres[solo], expected, rtol=1e-5)
    adjusted = centres.apply(lsa, outlets)
    # not emptied: it keeps 5/6 of its difference from the global centre, at that length
    np.testing.assert_allclose(adjusted[6], lsa[6] - expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(
        np.linalg.norm(adjusted[6]),
        SHRINK_ARTICLES / (1 + SHRINK_ARTICLES) * np.linalg.norm(lsa[6] - lsa.mean(axis=0)),
        rtol=1e-5,
    )


def test_residuals_keep_their_length_so_typical_articles_count_less():
    # If the residuals were made unit length again, every article would count the
    # same: here the articles nearer their outlet's centre must get shorter vectors.
    rng = np.random.default_rng(1)
    direction = {"A": np.array([1.0, 0, 0, 0]), "B": np.array([0, 1.0, 0, 0])}
    rows, outlets = [], []
    for outlet, base in direction.items():
        for spread in np.linspace(0.05, 1.0, 8):
            rows.append(base + spread * rng.normal(size=4))
            outlets.append(outlet)
    lsa = np.asarray(rows, dtype=np.float32)
    lsa /= np.linalg.norm(lsa, axis=1, keepdims=True)
    outlets = np.asarray(outlets, dtype=object)
    centres = fit_outlet_centres(lsa, outlets)
    adjusted = centres.apply(lsa, outlets)
    own = centres.centre_of(outlets, len(lsa))
    distance = np.linalg.norm(lsa - own, axis=1)
    np.testing.assert_allclose(np.linalg.norm(adjusted, axis=1), distance, rtol=1e-5)
    assert np.ptp(np.linalg.norm(adjusted, axis=1)) > 0.5  # far from all unit length
    for outlet in direction:
        mine = outlets == outlet
        order = np.argsort(distance[mine])
        lengths = np.linalg.norm(adjusted[mine], axis=1)[order]
        assert (np.diff(lengths) > 0).all()


def test_fit_clusters_the_residuals_at_their_own_length(monkeypatch):
    import mediastudy.topics.model as model_module

    clustered = []
    original = model_module._consensus_kmeans

    def spy(lsa, *args, **kwargs):
        clustered.append(lsa.copy())
        return original(lsa, *args, **kwargs)

    monkeypatch.setattr(model_module, "_consensus_kmeans", spy)
    corpus = styled_corpus()
    TopicModel(2, random_state=0, **SMALL).fit(corpus)  # the same LSA space, unadjusted
    model = TopicModel(2, random_state=0, adjust_for="outlet", **SMALL).fit(corpus)
    unit, adjusted = clustered
    np.testing.assert_allclose(np.linalg.norm(unit, axis=1), 1.0, rtol=1e-5)
    centre = model.outlet_centres_.centre_of(corpus["outlet"].to_numpy(dtype=object), len(corpus))
    np.testing.assert_allclose(adjusted, unit - centre, atol=1e-5)
    assert not np.allclose(np.linalg.norm(adjusted, axis=1), 1.0, atol=0.05)
    # scores are still cosines: the same as for the residuals made unit length
    expected = adjusted / np.linalg.norm(adjusted, axis=1, keepdims=True) @ model.cluster_centers_.T
    np.testing.assert_allclose(model.transform(corpus), expected, atol=1e-5)
    assert np.abs(model.transform(corpus)).max() <= 1 + 1e-6


def test_zero_residuals_give_no_nan_anywhere(tmp_path):
    from mediastudy import choose_k, topic_map_table
    from mediastudy.topics._clustering import _consensus_kmeans
    from mediastudy.topics.outlet_adjust import OutletCentres, unit_rows

    # an article exactly at its outlet's centre: a zero residual
    lsa = np.array([[1, 0], [0.6, 0.8], [0, 1], [0.8, 0.6]], dtype=np.float32)
    centres = OutletCentres(outlets=["A", "B"], centres=lsa[[0, 2]].copy(),
                            global_centre=lsa.mean(axis=0), counts=np.array([2, 2]))
    adjusted = centres.apply(lsa, np.array(["A", "A", "B", "B"], dtype=object))
    assert not adjusted[0].any() and not adjusted[2].any()
    assert np.isfinite(unit_rows(adjusted)).all() and not unit_rows(adjusted)[0].any()
    labels, centers, _, _ = _consensus_kmeans(adjusted, 2, n_runs=3, rng=np.random.RandomState(0))
    assert np.isfinite(centers).all() and set(labels) <= {0, 1}

    # a fitted model with empty articles (zero vectors) and a one-article outlet
    corpus = pd.concat(
        [styled_corpus(),
         pd.DataFrame({"outlet": ["Blank", "Blank", "Solo"], "subject": ["none", "none", "sport"],
                       "text": ["", "", SPORT[0]]})],
        ignore_index=True,
    )
    model = TopicModel(2, random_state=0, adjust_for="outlet", **SMALL).fit(corpus)
    assert np.isfinite(model.cluster_centers_).all() and np.isfinite(model.map_mean_).all()
    scores = model.transform(corpus)
    assert np.isfinite(scores).all()
    assert not scores[-3:-1].any() and scores[-1].any()  # the blanks score 0, the lone article not
    np.testing.assert_array_equal(model.predict(corpus), model.labels_)
    table = topic_map_table(corpus, model)
    assert np.isfinite(table[["x", "y"]].to_numpy()).all()
    model.save(tmp_path / "m")  # loading rejects NaN in any array
    np.testing.assert_allclose(TopicModel.load(tmp_path / "m").transform(corpus), scores)
    k_table = choose_k(corpus, ks=[2, 3], random_state=0, adjust_for="outlet", **SMALL)
    assert np.isfinite(k_table[["silhouette", "stability"]].to_numpy()).all()


def test_a_model_saved_with_renormalised_residuals_predicts_as_fitted(tmp_path, monkeypatch):
    # Models saved before the residuals kept their length were fitted on unit-length
    # residuals. Scores are cosines, which ignore the length: loaded by this version,
    # such a model places every article where the old version did.
    from mediastudy.topics.outlet_adjust import OutletCentres, unit_rows

    new_apply = OutletCentres.apply
    corpus = pd.concat(
        [styled_corpus(),
         pd.DataFrame({"outlet": ["Solo"], "subject": ["sport"], "text": [SPORT[1]]})],
        ignore_index=True,
    )
    with monkeypatch.context() as patch:
        patch.setattr(OutletCentres, "apply", lambda self, lsa, outlets: unit_rows(new_apply(self, lsa, outlets)))
        old = TopicModel(2, random_state=0, adjust_for="outlet", **SMALL).fit(corpus)
        old_scores = old.transform(corpus)
        old_new = old.transform(corpus.assign(outlet="New"))
        old.save(tmp_path / "old")
    assert OutletCentres.apply is new_apply
    loaded = TopicModel.load(tmp_path / "old")
    np.testing.assert_array_equal(loaded.predict(corpus), old.labels_)
    np.testing.assert_allclose(loaded.transform(corpus), old_scores, atol=1e-6)
    np.testing.assert_allclose(loaded.transform(corpus.assign(outlet="New")), old_new, atol=1e-6)


def test_a_corpus_with_a_one_article_outlet_fits():
    corpus = styled_corpus()
    corpus = pd.concat(
        [corpus, pd.DataFrame({"outlet": ["Solo"], "subject": ["sport"], "text": [SPORT[0]]})],
        ignore_index=True,
    )
    model = TopicModel(2, random_state=0, adjust_for="outlet", **SMALL).fit(corpus)
    assert model.outlet_centres_.counts.tolist() == [15, 15, 1]
    scores = model.transform(corpus)
    assert np.isfinite(scores).all() and scores[-1].any()  # the lone article is not emptied
    np.testing.assert_array_equal(model.predict(corpus), model.labels_)


def test_fit_and_predict_leave_the_corpus_unchanged():
    corpus = styled_corpus()
    before = corpus.copy()
    model = TopicModel(2, random_state=0, adjust_for="outlet", **SMALL).fit(corpus)
    model.predict(corpus)
    pd.testing.assert_frame_equal(corpus, before)


def test_saved_model_keeps_the_outlet_centres(tmp_path):
    corpus = styled_corpus()
    model = TopicModel(2, random_state=0, adjust_for="outlet", **SMALL).fit(corpus)
    model.save(tmp_path / "m")
    loaded = TopicModel.load(tmp_path / "m")
    assert loaded.adjust_for == "outlet"
    assert loaded.outlet_centres_.outlets == ["Alpha", "Beta"]
    np.testing.assert_array_equal(loaded.predict(corpus), model.predict(corpus))
    np.testing.assert_allclose(loaded.transform(corpus.assign(outlet="New")),
                               model.transform(corpus.assign(outlet="New")))
    plain = TopicModel(2, random_state=0, **SMALL).fit(corpus)
    plain.save(tmp_path / "p")
    assert TopicModel.load(tmp_path / "p").outlet_centres_ is None


@pytest.mark.corpora
def test_allsides_sample_topics_depend_less_on_the_outlet(corpora):
    df = pd.read_parquet(corpora / "allsides_news.parquet", columns=["outlet", "topic", "title", "text"])
    df = df.sample(3000, random_state=0).reset_index(drop=True)
    df["text"] = df["text"].str.slice(0, 2000)  # the opening carries the subject; keeps it fast
    scores = {}
    for adjust in (None, "outlet"):
        labels = TopicModel(10, random_state=0, n_init=3, n_components=50, adjust_for=adjust).fit(df).labels_
        scores[adjust] = (normalized_mutual_info_score(df["outlet"], labels),
                          normalized_mutual_info_score(df["topic"], labels))
    assert scores["outlet"][0] < 0.85 * scores[None][0]
    assert scores["outlet"][1] > scores[None][1] - 0.03


@pytest.mark.corpora
def test_bbc_one_outlet_is_a_no_op(corpora):
    bbc = pd.read_parquet(corpora / "bbc_news.parquet").sample(800, random_state=0)
    bbc = bbc.assign(outlet="BBC").reset_index(drop=True)
    plain = TopicModel(5, random_state=0, n_init=3).fit(bbc)
    adjusted = TopicModel(5, random_state=0, n_init=3, adjust_for="outlet").fit(bbc)
    np.testing.assert_array_equal(plain.labels_, adjusted.labels_)


def test_streaming_model_takes_the_same_adjust_for():
    from mediastudy import StreamingTopicModel

    corpus = styled_corpus().assign(id=lambda d: [f"a{i}" for i in range(len(d))])
    params = {"min_df": 2, "max_df": 0.6, "n_components": 5, "random_state": 0}
    plain = StreamingTopicModel(2, **params).fit(corpus)
    assert adjusted_rand_score(corpus["outlet"], plain.predict(corpus)) == 1.0
    model = StreamingTopicModel(2, adjust_for="outlet", **params).fit(corpus)
    labels = model.predict(corpus)
    assert adjusted_rand_score(corpus["subject"], labels) == 1.0
    # chunks give the same model; an unknown outlet gets the global centre
    chunked = StreamingTopicModel(2, adjust_for="outlet", **params).fit([corpus.iloc[:9], corpus.iloc[9:]])
    np.testing.assert_array_equal(chunked.predict(corpus), labels)
    np.testing.assert_allclose(model.transform(corpus.assign(outlet="New")),
                               model.transform(list(corpus["text"])), atol=1e-6)
    with pytest.raises(SchemaError, match="source"):
        StreamingTopicModel(2, adjust_for="source", **params).fit(corpus)
    with pytest.raises(InvalidParameterError, match="adjust_for"):
        StreamingTopicModel(2, adjust_for="outlet", **params).fit(list(corpus["text"]))


def test_out_of_core_run_places_articles_with_their_outlet_centres(tmp_path, monkeypatch):
    from mediastudy import StreamingTopicModel, analyze_chunked, load_articles

    corpus = styled_corpus().drop(columns="subject")
    corpus.insert(0, "id", [f"a{i:02d}" for i in range(len(corpus))])
    corpus["date"] = "2022-05-01"
    corpus.to_csv(tmp_path / "articles.csv", index=False)
    seen = []
    original = StreamingTopicModel._predict_counts

    def spy(self, tf, groups=None):
        seen.append(groups)
        return original(self, tf, groups)

    monkeypatch.setattr(StreamingTopicModel, "_predict_counts", spy)
    model = StreamingTopicModel(2, min_df=2, max_df=0.6, n_components=5, random_state=0,
                                adjust_for="outlet")
    res = analyze_chunked(tmp_path / "articles.csv", None, n_topics=2, freq="M", chunk_size=10,
                          n_boot=20, topic_model=model)
    # every chunk was placed with its articles' outlets, as predict does in memory
    assert seen and all(g is not None for g in seen)
    assert sorted(np.concatenate(seen)) == sorted(corpus["outlet"])
    got = res.topics.set_index("id")["topic"]
    loaded = load_articles(tmp_path / "articles.csv")
    expected = pd.Series(model.predict(loaded), index=loaded["id"]).reindex(got.index)
    assert (got == expected).all()


def test_streaming_model_clusters_unit_length_residuals(monkeypatch):
    # Its k-means is Euclidean with no cosine stage: there a residual's length would
    # decide its cluster, so this model makes the residuals unit length again.
    import mediastudy.scale.streaming_topics as streaming
    from mediastudy import StreamingTopicModel

    clustered = []
    original = streaming.KMeans

    class Spy(original):
        def fit(self, X, *args, **kwargs):
            clustered.append(np.asarray(X).copy())
            return super().fit(X, *args, **kwargs)

    monkeypatch.setattr(streaming, "KMeans", Spy)
    corpus = styled_corpus().assign(id=lambda d: [f"a{i}" for i in range(len(d))])
    StreamingTopicModel(2, min_df=2, max_df=0.6, n_components=5, random_state=0,
                        adjust_for="outlet").fit(corpus)
    np.testing.assert_allclose(np.linalg.norm(clustered[-1], axis=1), 1.0, rtol=1e-5)
