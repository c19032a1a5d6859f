"""Renamed parameters (issue 13): the old keyword works for one release, with a FutureWarning.

One test per family of functions; the new names themselves are checked over the whole API
by tests/test_api_consistency.py.
"""

from __future__ import annotations

import inspect
import json

import numpy as np
import pandas as pd
import pytest

import mediastudy as ms
from mediastudy.deprecation import renamed_parameters
from mediastudy.errors import InvalidParameterError


def test_the_decorator_maps_warns_and_shows_the_new_signature():
    @renamed_parameters(text="text_column", flag=("by", lambda v: "outlet" if v else None))
    def f(corpus, *, text_column="text", by="outlet"):
        return text_column, by

    assert str(inspect.signature(f)) == "(corpus, *, text_column='text', by='outlet')"
    with pytest.warns(FutureWarning, match=r"The 'text' parameter of .*f is deprecated; "
                                           r"use text_column= \(removed in 0\.3\)"):
        assert f(1, text="body") == ("body", "outlet")
    with pytest.warns(FutureWarning, match="use by="):
        assert f(1, flag=False) == ("text", None)
    with pytest.raises(InvalidParameterError, match="got both 'text' and its new name"):
        f(1, text="a", text_column="b")
    with pytest.raises(TypeError):  # InvalidParameterError is a TypeError too
        f(1, text="a", text_column="b")


def test_the_warning_points_at_the_caller():
    corpus = ms.load_demo()
    with pytest.warns(FutureWarning) as caught:
        ms.volume_table(corpus, by_outlet=False)
    assert caught[0].filename == __file__


@pytest.fixture(scope="module")
def demo():
    return ms.load_demo()


def test_timeline_tables_take_their_old_names(demo):
    new = ms.volume_table(demo, by=None, freq="M", date_column="date")
    with pytest.warns(FutureWarning, match="'by_outlet' parameter of volume_table"):
        old = ms.volume_table(df=demo, by_outlet=False, freq="M", date="date")
    pd.testing.assert_frame_equal(old, new)
    assert set(new["outlet"]) == {"all"}
    with pytest.warns(FutureWarning, match="'outlet' parameter of stance_timeline_table"):
        ms.stance_timeline_table(ms.score_stance(demo, ms.demo_path("lexicon")), demo,
                                 outlet="outlet")
    with pytest.warns(FutureWarning, match="'by_outlet' parameter of find_peaks_table"):
        peaks = ms.find_peaks_table(demo, by_outlet=True)
    pd.testing.assert_frame_equal(peaks, ms.find_peaks_table(demo, by="outlet"))


def test_by_takes_outlet_or_none(demo):
    with pytest.raises(InvalidParameterError, match="'by' parameter of volume_table must be "
                                                    "'outlet'") as info:
        ms.volume_table(demo, by="title")
    assert info.value.param == "by"
    renamed = demo.rename(columns={"outlet": "source"})
    by_name = ms.volume_table(renamed, by="source", outlet_column="source")
    pd.testing.assert_frame_equal(by_name, ms.volume_table(demo))


def test_topic_share_and_its_plot(demo):
    topic = np.arange(len(demo)) % 3
    corpus = demo.assign(topic=topic, topic_label=[f"t{t}" for t in topic])
    new = ms.topic_share_table(corpus, freq="M", topic_label_column="topic_label", n_boot=20)
    with pytest.warns(FutureWarning, match="'topic_label' parameter of topic_share_table"):
        old = ms.topic_share_table(corpus, freq="M", topic_label="topic_label", n_boot=20)
    pd.testing.assert_frame_equal(old, new)
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    with pytest.warns(FutureWarning, match="kind='lines' in plot_topic_share is deprecated"):
        ms.plot_topic_share(corpus, outlet=str(corpus["outlet"].iloc[0]), kind="lines", ax=ax)
    assert len(ax.lines) >= 1


def test_events_and_peaks(demo):
    events = pd.DataFrame({"day": ["2022-02-24"], "what": ["Invasion"], "until": [""]})
    new = ms.read_events(events, date_column="day", label_column="what", end_date_column="until")
    with pytest.warns(FutureWarning, match="'end_date' parameter of read_events"):
        old = ms.read_events(events, date="day", label="what", end_date="until")
    pd.testing.assert_frame_equal(old, new)
    import matplotlib.pyplot as plt

    peaks = pd.DataFrame({"period": pd.to_datetime(["2022-02-21"]),
                          "period_end": pd.to_datetime(["2022-02-27"]), "outlet": ["all"],
                          "n_articles": [40], "z": [9.0], "terms": ["tanks"], "headline": ["T"]})
    fig, ax = plt.subplots()
    with pytest.warns(FutureWarning, match="'top' parameter of mark_peaks"):
        ms.mark_peaks(ax, peaks, top=1, label="headline", y="n_articles")


def test_topic_models_take_their_old_names(demo, tmp_path):
    small = {"min_df": 1, "max_df": 1.0, "n_components": 5}
    with pytest.warns(FutureWarning, match="'n_runs' parameter of TopicModel is deprecated; "
                                           "use n_init="):
        model = ms.TopicModel(2, text="text", title=None, n_runs=2, svd_sample=50, **small)
    params = model.get_params()
    assert params["n_init"] == 2 and params["sample_size"] == 50
    assert params["text_column"] == "text" and params["title_column"] is None
    assert not {"n_runs", "svd_sample", "text", "title"} & set(params)
    model.fit(demo)
    with pytest.warns(FutureWarning, match="'column' parameter of assign_topics"):
        old = ms.assign_topics(demo, model, column="theme")
    assert {"theme", "topic_label"} <= set(old.columns)
    # a model saved with the old parameter names (before 0.2) still loads
    folder = model.save(tmp_path / "model")
    meta_path = folder / "topic_model.json"
    meta = json.loads(meta_path.read_text())
    for old_name, new_name in (("n_runs", "n_init"), ("svd_sample", "sample_size"),
                               ("text", "text_column"), ("title", "title_column")):
        meta["params"][old_name] = meta["params"].pop(new_name)
    meta_path.write_text(json.dumps(meta))
    loaded = ms.TopicModel.load(folder)
    assert loaded.get_params() == model.get_params()

    with pytest.warns(FutureWarning, match="'text' parameter of StreamingTopicModel"):
        streaming = ms.StreamingTopicModel(2, text="text", n_components=2, min_df=1, max_df=1.0)
    assert streaming.get_params()["text_column"] == "text"
    assigned = streaming.fit(demo).assign(demo)
    assert {"topic", "topic_label"} <= set(assigned.columns)
    assert " / " in assigned["topic_label"].iloc[0]  # the label format of TopicModel


def test_random_state_is_zero_by_default(demo):
    assert ms.TopicModel().random_state == 0
    assert ms.StreamingTopicModel().random_state == 0
    assert inspect.signature(ms.choose_k).parameters["random_state"].default == 0
    result = ms.score_stance(demo, ms.demo_path("lexicon"))
    first = ms.sample_evidence(result, 3)
    pd.testing.assert_frame_equal(first, ms.sample_evidence(result, 3))  # same draw


def test_stance_functions_take_their_old_names(demo):
    lexicon = ms.demo_path("lexicon")
    new = ms.score_stance(demo, lexicon, text_column="text", id_column="id",
                          quotes_column="quotes")
    with pytest.warns(FutureWarning, match="'quotes' parameter of score_stance"):
        old = ms.score_stance(demo, lexicon, text="text", id="id", quotes="quotes")
    pd.testing.assert_frame_equal(old.articles, new.articles)
    with pytest.warns(FutureWarning, match="'id' parameter of kwic"):
        ms.kwic(demo, "NATO", id="id", text="text")
    with pytest.warns(FutureWarning, match="'date' parameter of aggregate_stance"):
        ms.aggregate_stance(new, demo, freq="M", date="date", id="id")


def test_loading_and_scale_take_their_old_names(demo):
    with pytest.warns(FutureWarning, match="'min_articles' parameter of find_boilerplate is "
                                           "deprecated; use min_repeats="):
        old = ms.find_boilerplate(demo, min_articles=3)
    pd.testing.assert_frame_equal(old, ms.find_boilerplate(demo, min_repeats=3))
    with pytest.warns(FutureWarning, match="'chunk' parameter of timeline_counts"):
        counts = ms.timeline_counts(chunk=demo, date="date", outlet="outlet")
    pd.testing.assert_frame_equal(counts["articles"], ms.timeline_counts(demo)["articles"])


def test_score_stance_contrast_is_now_contrast_weight():
    corpus = pd.DataFrame({"id": ["a"], "text": ["NATO is defensive, but reckless."]})
    lexicon = {"targets": {"NATO": {"aliases": ["NATO"], "cues": {"pro": ["defensive"], "anti": ["reckless"]}}}}
    with pytest.warns(FutureWarning, match="'contrast' parameter of score_stance"):
        old = ms.score_stance(corpus, lexicon, contrast=1.0)
    new = ms.score_stance(corpus, lexicon, contrast_weight=1.0)
    pd.testing.assert_frame_equal(old.articles, new.articles)
    assert new.articles["score"].iloc[0] == 0.0
