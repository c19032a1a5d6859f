"""Saving and loading topic models (JSON + .npz, no pickle), choose_k and the topic map."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from test_topics import SMALL, TRUTH, make_corpus

from mediastudy import (
    ModelFileError,
    SchemaError,
    TopicModel,
    assign_topics,
    choose_k,
    plot_choose_k,
    plot_topic_map,
    topic_map_table,
    topic_terms,
)
from mediastudy.topics._model_io import FORMAT_VERSION, JSON_NAME, NPZ_NAME


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return make_corpus()


@pytest.fixture(scope="module")
def model(corpus) -> TopicModel:
    return TopicModel(3, random_state=0, **SMALL).fit(corpus)


@pytest.fixture
def saved(model, tmp_path):
    return model.save(tmp_path / "topics")


# ------------------------------------------------------------------ save / load
def test_save_writes_json_and_npz_without_pickle(saved):
    assert sorted(p.name for p in saved.iterdir()) == [JSON_NAME, NPZ_NAME]
    meta = json.loads((saved / JSON_NAME).read_text(encoding="utf-8"))
    assert meta["format_version"] == FORMAT_VERSION
    assert meta["mediastudy_version"]
    with np.load(saved / NPZ_NAME, allow_pickle=False) as npz:
        assert all(npz[name].dtype != object for name in npz.files)


def test_load_gives_the_same_model(model, corpus, saved):
    loaded = TopicModel.load(saved)
    assert loaded.get_params() == model.get_params()
    assert loaded.topic_labels_ == model.topic_labels_
    np.testing.assert_array_equal(loaded.predict(corpus), model.predict(corpus))
    np.testing.assert_array_equal(loaded.transform(corpus), model.transform(corpus))
    pd.testing.assert_frame_equal(topic_terms(loaded), topic_terms(model))
    pd.testing.assert_frame_equal(loaded.topic_info(), model.topic_info())


def test_loaded_in_a_new_process_assigns_identically(model, corpus, saved, tmp_path):
    data = tmp_path / "corpus.parquet"
    corpus.to_parquet(data)
    script = (
        "import sys, pandas as pd\n"
        "from mediastudy import TopicModel, assign_topics\n"
        "m = TopicModel.load(sys.argv[1])\n"
        "out = assign_topics(pd.read_parquet(sys.argv[2]), m)\n"
        "print(','.join(map(str, out['topic'])))\n"
        "print('|'.join(out['topic_label']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(saved), str(data)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    topics_line, labels_line = done.stdout.strip().splitlines()
    here = assign_topics(corpus, model)
    assert topics_line == ",".join(map(str, here["topic"]))
    assert labels_line == "|".join(here["topic_label"])


def test_custom_stop_words_survive_a_round_trip(corpus, tmp_path):
    m = TopicModel(3, stop_words=["the", "a", "and"], random_state=0, **SMALL).fit(corpus)
    loaded = TopicModel.load(m.save(tmp_path / "m"))
    assert loaded.stop_words == frozenset({"the", "a", "and"})
    np.testing.assert_array_equal(loaded.predict(corpus), m.predict(corpus))


def test_missing_folder(tmp_path):
    with pytest.raises(ModelFileError, match="No saved topic model at .*nowhere"):
        TopicModel.load(tmp_path / "nowhere")


def test_save_over_a_file_is_refused(model, tmp_path):
    target = tmp_path / "model.txt"
    target.write_text("not a folder")
    with pytest.raises(ModelFileError, match="is a file"):
        model.save(target)


def test_corrupt_json(saved):
    (saved / JSON_NAME).write_text('{"format": "mediastudy.TopicModel", "format_ver')
    with pytest.raises(ModelFileError, match="not valid JSON.*corrupt or truncated"):
        TopicModel.load(saved)


def test_not_a_topic_model_json(saved):
    (saved / JSON_NAME).write_text('{"format": "something else"}')
    with pytest.raises(ModelFileError, match="is not a mediastudy topic model"):
        TopicModel.load(saved)


@pytest.mark.parametrize(
    ("version", "advice"), [(FORMAT_VERSION + 1, "upgrade mediastudy"), (0, "fit the model again")]
)
def test_wrong_format_version(saved, version, advice):
    meta = json.loads((saved / JSON_NAME).read_text())
    meta["format_version"] = version
    (saved / JSON_NAME).write_text(json.dumps(meta))
    with pytest.raises(ModelFileError, match=f"format version {version}.*{advice}"):
        TopicModel.load(saved)


def test_newer_package_version_warns(saved, model, corpus):
    meta = json.loads((saved / JSON_NAME).read_text())
    meta["mediastudy_version"] = "999.0"
    (saved / JSON_NAME).write_text(json.dumps(meta))
    with pytest.warns(UserWarning, match="written by mediastudy 999.0"):
        loaded = TopicModel.load(saved)
    np.testing.assert_array_equal(loaded.predict(corpus), model.predict(corpus))


def test_truncated_arrays(saved):
    data = (saved / NPZ_NAME).read_bytes()
    (saved / NPZ_NAME).write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelFileError, match="does not match the checksum"):
        TopicModel.load(saved)


def test_missing_arrays_file(saved):
    (saved / NPZ_NAME).unlink()
    with pytest.raises(ModelFileError, match="is missing.*Copy the whole folder"):
        TopicModel.load(saved)


def _rewrite_arrays(folder, change):
    """Rewrite the .npz with ``change(arrays)`` applied and a matching checksum."""
    from mediastudy.topics._model_io import _sha256

    with np.load(folder / NPZ_NAME) as npz:
        arrays = {name: npz[name] for name in npz.files}
    change(arrays)
    np.savez(folder / NPZ_NAME, **arrays)
    meta = json.loads((folder / JSON_NAME).read_text())
    meta["arrays_sha256"] = _sha256(folder / NPZ_NAME)
    (folder / JSON_NAME).write_text(json.dumps(meta))


def test_arrays_that_do_not_fit_the_json(saved):
    _rewrite_arrays(saved, lambda a: a.update(idf_=a["idf_"][:-1]))
    with pytest.raises(ModelFileError, match="'idf_' has shape .* different saves"):
        TopicModel.load(saved)


def test_missing_array(saved):
    _rewrite_arrays(saved, lambda a: a.pop("cluster_centers_"))
    with pytest.raises(ModelFileError, match="lacks the array 'cluster_centers_'"):
        TopicModel.load(saved)


def test_non_finite_array(saved):
    def poison(a):
        a["svd_components_"] = a["svd_components_"].copy()
        a["svd_components_"][0, 0] = np.nan

    _rewrite_arrays(saved, poison)
    with pytest.raises(ModelFileError, match="NaN or infinite"):
        TopicModel.load(saved)


def test_npz_that_is_not_a_zip_with_matching_checksum(saved):
    from mediastudy.topics._model_io import _sha256

    (saved / NPZ_NAME).write_bytes(b"PK\x03\x04 this is not really a zip file")
    meta = json.loads((saved / JSON_NAME).read_text())
    meta["arrays_sha256"] = _sha256(saved / NPZ_NAME)
    (saved / JSON_NAME).write_text(json.dumps(meta))
    with pytest.raises(ModelFileError, match="cannot be read as a NumPy .npz"):
        TopicModel.load(saved)
    assert not zipfile.is_zipfile(saved / NPZ_NAME)


def test_unknown_parameter_in_json(saved):
    meta = json.loads((saved / JSON_NAME).read_text())
    meta["params"]["n_clusters"] = 3
    (saved / JSON_NAME).write_text(json.dumps(meta))
    with pytest.raises(ModelFileError, match="parameters this mediastudy cannot use"):
        TopicModel.load(saved)


# ------------------------------------------------------------------ choose_k
# three topics, each article made of its topic's words only: k=3 is unambiguous
THREE = pd.DataFrame(
    {
        "text": [
            "goal match striker cup",
            "match goal team league",
            "cup goal match coach",
            "league team striker coach",
            "bank rates inflation markets",
            "rates bank markets shares",
            "inflation rates bank economy",
            "shares markets economy bank",
            "vote election party parliament",
            "party vote poll minister",
            "election poll party vote",
            "minister parliament election party",
        ]
    }
)


@pytest.fixture(scope="module")
def k_table():
    return choose_k(THREE, ks=[2, 3, 4, 5], random_state=0, min_df=1, max_df=1.0)


def test_choose_k_recommends_the_number_of_hand_written_topics(k_table):
    before = THREE.copy(deep=True)
    assert list(k_table.columns) == [
        "k",
        "silhouette",
        "stability",
        "lowest_stability",
        "consensus_nmi",
        "smallest_share",
        "n_low_stability",
        "n_outlet_dominated",
        "stability_needed",
        "recommended",
        "reason",
    ]
    assert k_table["k"].tolist() == [2, 3, 4, 5]
    assert k_table.attrs["recommended_k"] == 3
    assert k_table["recommended"].tolist() == [False, True, False, False]
    assert k_table["stability"].between(0, 1).all()
    pd.testing.assert_frame_equal(THREE, before)


def test_choose_k_same_seed_same_table(k_table):
    again = choose_k(THREE, ks=[2, 3, 4, 5], random_state=0, min_df=1, max_df=1.0)
    pd.testing.assert_frame_equal(again, k_table)


def test_choose_k_bad_input(corpus):
    with pytest.raises(ValueError, match="'ks' parameter of choose_k"):
        choose_k(corpus, ks=[1, 2])
    with pytest.raises(ValueError, match="'min_stability' parameter"):
        choose_k(corpus, ks=[2], min_stability=2)
    with pytest.raises(ValueError, match="every k must be below 21"):
        choose_k(corpus, ks=[2, 30], **SMALL)


def test_plot_choose_k(k_table):
    fig, ax = plt.subplots()
    out = plot_choose_k(k_table, ax=ax, color="black")
    assert out is ax
    assert [line.get_label() for line in ax.lines[:2]] == ["silhouette", "stability"]
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), k_table["k"])
    np.testing.assert_allclose(ax.lines[1].get_ydata(), k_table["stability"])
    assert ax.lines[0].get_color() == "black"
    assert ax.lines[2].get_xdata()[0] == 3  # the recommended k
    assert "recommended k = 3" in [t.get_text() for t in ax.get_legend().get_texts()]


# ------------------------------------------------------------------ topic map
def test_topic_map_table(model, corpus):
    table = topic_map_table(corpus, model)
    assert list(table.columns) == ["x", "y", "topic", "topic_label", "id", "title", "outlet", "date"]
    assert len(table) == len(corpus)
    np.testing.assert_array_equal(table["topic"], model.labels_)
    # topics form separate clouds: each article is nearer its own topic's mean point
    centres = table.groupby("topic")[["x", "y"]].mean()
    own = np.linalg.norm(table[["x", "y"]].to_numpy() - centres.loc[table["topic"]].to_numpy(), axis=1)
    assert np.mean(own) < np.mean(np.linalg.norm(np.diff(centres.to_numpy(), axis=0), axis=1))
    assert len({tuple(np.round(c, 6)) for c in centres.to_numpy()}) == 3


def test_plot_topic_map(model, corpus):
    fig, ax = plt.subplots()
    out = plot_topic_map(corpus, model, ax=ax, s=20, marker="x")
    assert out is ax
    assert len(ax.collections) == 3
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [f"{i}: {label}" for i, label in enumerate(model.topic_labels_)]
    sizes = sorted(len(c.get_offsets()) for c in ax.collections)
    assert sizes == sorted(np.bincount(TRUTH).tolist())
    assert ax.collections[0].get_sizes()[0] == 20


def test_plot_topic_map_uses_current_axes(model, corpus):
    fig, ax = plt.subplots()
    assert plot_topic_map(list(corpus["text"]), model) is ax


@pytest.mark.parametrize("func", [topic_map_table, plot_topic_map])
def test_topic_map_takes_the_corpus_first(model, corpus, func):
    # corpus first, model second, as assign_topics, topic_sizes and representative_articles
    before = corpus.copy(deep=True)
    fig, ax = plt.subplots()
    kwargs = {"ax": ax} if func is plot_topic_map else {}
    func(corpus=corpus, model=model, **kwargs)
    pd.testing.assert_frame_equal(corpus, before)
    # the old order (model first) names the order to use instead of failing deep inside
    name = func.__name__
    with pytest.raises(TypeError, match=rf"{name} takes the corpus first.*{name}\(corpus, model\)"):
        func(model, corpus)
    with pytest.raises(TypeError, match="Got a TopicModel as the 'corpus' argument"):
        func(model, list(corpus["text"]))
    # a model that is not a TopicModel still gets the model error
    with pytest.raises(TypeError, match="'model' parameter of .* must be a TopicModel"):
        func(corpus, "not a model")


def test_topic_map_of_new_articles_matches_the_fitted_ones(model, corpus):
    # articles not seen in fit land where the same text landed when it was fitted
    table = topic_map_table(corpus.iloc[::-1].reset_index(drop=True), model)
    fitted = topic_map_table(corpus, model).set_index("id")
    np.testing.assert_allclose(
        table[["x", "y"]].to_numpy(), fitted.loc[table["id"], ["x", "y"]].to_numpy(), rtol=1e-5, atol=1e-6
    )


@pytest.mark.parametrize("func", [topic_map_table, plot_topic_map])
def test_topic_map_errors_name_the_corpus_parameter(model, corpus, func):
    name = func.__name__
    with pytest.raises(
        SchemaError, match=rf"{name} needs the column 'text' in 'corpus' .*TopicModel\(text_column='text'\)"
    ):
        func(corpus.rename(columns={"text": "body"}), model)
    with pytest.raises(TypeError, match=rf"The 'corpus' parameter of {name} must be a corpus DataFrame"):
        func("one article as a string", model)
    with pytest.raises(TypeError, match=rf"The 'corpus' parameter of {name} must hold strings; item 1"):
        func(["a text", 3], model)
