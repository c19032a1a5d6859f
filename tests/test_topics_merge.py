"""merge_topics (issue 16): fewer topics, consistent labels, terms and saved form."""

from __future__ import annotations

import numpy as np
import pytest
from test_topics import SMALL, make_corpus

from mediastudy import InvalidParameterError, TopicModel, merge_topics, topic_terms
from mediastudy.topics import _counting
from mediastudy.topics._clustering import _term_weights
from mediastudy.topics._input import _text_chunks


@pytest.fixture(scope="module")
def corpus():
    return make_corpus()


@pytest.fixture(scope="module")
def model(corpus):
    return TopicModel(4, random_state=0, **SMALL).fit(corpus)


def _tfidf(model, corpus):
    chunks, _ = _text_chunks(corpus, text=model.text_column, title=model.title_column, func="t", param="X")
    vocab = {w: j for j, w in enumerate(model.terms_)}
    counts, _ = _counting.count_words(chunks, stop_words=model._stop_set(), vocabulary=vocab)
    return _counting.tfidf(counts, model.idf_, sublinear_tf=model.sublinear_tf)


def test_merged_model_has_fewer_topics_and_exact_term_weights(model, corpus):
    before = (model.labels_.copy(), list(model.topic_labels_), model.term_weights_.copy())
    merged = merge_topics(model, [[1, 3]])
    assert merged.n_topics == 3 and len(merged.topic_labels_) == 3
    assert merged.term_weights_.shape[0] == merged.cluster_centers_.shape[0] == 3
    assert merged.topic_sizes_.sum() == model.topic_sizes_.sum()
    assert list(merged.topic_sizes_) == sorted(merged.topic_sizes_, reverse=True)
    # articles of topics 1 and 3 now share one topic; the others keep theirs
    old = model.labels_
    assert len(set(merged.labels_[np.isin(old, [1, 3])])) == 1
    for t in (0, 2):
        assert len(set(merged.labels_[old == t])) == 1
    np.testing.assert_array_equal(np.bincount(merged.labels_, minlength=3), merged.topic_sizes_)
    # the term weights are those of the merged articles, not an approximation
    expected = _term_weights(_tfidf(model, corpus), merged.labels_, 3)
    np.testing.assert_allclose(merged.term_weights_, expected, atol=1e-5)
    assert np.isnan(merged.topic_stability_).sum() == 1
    assert set(topic_terms(merged)["topic"]) <= {0, 1, 2}
    # the model given is unchanged
    np.testing.assert_array_equal(model.labels_, before[0])
    assert model.topic_labels_ == before[1] and model.n_topics == 4
    np.testing.assert_array_equal(model.term_weights_, before[2])


def test_merged_model_predicts_and_survives_saving(model, corpus, tmp_path):
    merged = merge_topics(model, [[0, 1], [2, 3]])
    assert merged.n_topics == 2
    assert set(merged.predict(corpus)) <= {0, 1}
    merged.save(tmp_path / "m")
    loaded = TopicModel.load(tmp_path / "m")
    assert loaded.n_topics == 2 and loaded.topic_labels_ == merged.topic_labels_
    np.testing.assert_array_equal(loaded.predict(corpus), merged.predict(corpus))
    np.testing.assert_array_equal(loaded.labels_, merged.labels_)


@pytest.mark.parametrize(
    ("groups", "match"),
    [
        ([[0, 4]], "topics 0 to 3"),
        ([[0]], "at least two"),
        ([[0, 0]], "at least two"),
        ([[0, 1], [1, 2]], "two groups"),
        ([], "no group"),
        ([0, 1], "list of topic ids"),
        ("01", "not a list"),
        ([[0, "1"]], "integers"),
    ],
)
def test_bad_groups_are_clear_errors(model, groups, match):
    with pytest.raises(InvalidParameterError, match=match) as info:
        merge_topics(model, groups)
    assert info.value.param == "groups"


def test_merge_needs_a_fitted_model():
    from mediastudy import NotFittedError

    with pytest.raises(NotFittedError):
        merge_topics(TopicModel(3), [[0, 1]])
