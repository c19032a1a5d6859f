"""Dask engine (mediastudy.distributed) on a 2-worker LocalCluster: results equal in-memory ones."""

from __future__ import annotations

import pandas as pd
import pytest
from _scale_helpers import (
    LEXICON,
    UKRAINE_LEXICON,
    assert_equals_in_memory,
    bare,
    real_slice,
    small_model,
    write_table_with_repeats,
)
from sklearn.base import clone
from sklearn.metrics import adjusted_rand_score

from mediastudy import demo_path, find_duplicates, load_articles, score_stance, volume_table
from mediastudy.errors import InvalidParameterError, SchemaError
from mediastudy.scale.chunked import StreamingTopicModel, score_stance_chunked

dd = pytest.importorskip("dask.dataframe")
distributed_mod = pytest.importorskip("dask.distributed")

from mediastudy.scale.distributed import (  # noqa: E402
    analyze_dask,
    find_duplicates_dask,
    read_articles_dask,
    score_stance_dask,
)


@pytest.fixture(scope="module")
def client():
    """Two worker processes with one thread each, shared by the tests of this module."""
    cluster = distributed_mod.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
        memory_limit="2GiB",
    )
    client = distributed_mod.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return load_articles(demo_path())


def test_read_articles_dask_partitions_equal_load_articles(client, demo):
    ddf = read_articles_dask(demo_path(), chunk_size=30)
    assert ddf.npartitions == 3
    got = ddf.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, bare(demo))


def test_stance_per_partition_equals_in_memory(client, demo):
    ddf = read_articles_dask(demo_path(), chunk_size=30)
    whole = score_stance(demo, LEXICON)
    lazy = score_stance_dask(ddf, LEXICON)
    pd.testing.assert_frame_equal(lazy.compute().reset_index(drop=True), whole.articles)
    full = score_stance_chunked(ddf, LEXICON)  # with the evidence
    pd.testing.assert_frame_equal(full.articles, whole.articles)
    pd.testing.assert_frame_equal(full.mentions, whole.mentions)


def test_score_stance_dask_rejects_pandas(demo):
    with pytest.raises(TypeError, match="mediastudy.score_stance"):
        score_stance_dask(demo, LEXICON)


def test_topic_model_fitted_across_partitions_equals_in_memory(client, demo):
    ddf = read_articles_dask(demo_path(), chunk_size=20)
    on_dask = small_model().fit(ddf)
    in_memory = small_model().fit(demo)
    assert (on_dask.document_frequency_ == in_memory.document_frequency_).all()
    assert list(on_dask.sample_ids_) == list(in_memory.sample_ids_)
    got = on_dask.predict(ddf).compute().to_numpy()
    assert adjusted_rand_score(in_memory.predict(demo), got) >= 0.95
    assigned = on_dask.assign(ddf).compute().reset_index(drop=True)
    assert assigned["topic"].tolist() == got.tolist()


def test_analyze_dask_equals_the_in_memory_path(client, demo):
    res = analyze_dask(demo_path(), LEXICON, freq="M", chunk_size=30, n_boot=200,
                       topic_model=small_model(), mentions="keep", client=client)
    assert_equals_in_memory(res, demo, LEXICON, small_model(), freq="M", n_boot=200, mentions=True)


def test_analyze_dask_on_a_dask_dataframe_recomputes_pass_two(client, demo):
    ddf = read_articles_dask(demo_path(), chunk_size=40)
    res = analyze_dask(ddf, LEXICON, freq="M", n_boot=50, topic_model=small_model(), client=client)
    assert res.estimate is None
    pd.testing.assert_frame_equal(res.stance.articles, score_stance(demo, LEXICON).articles)
    assigned = small_model().fit(demo).assign(demo)
    assert adjusted_rand_score(assigned["topic"], res.topics["topic"]) >= 0.95
    pd.testing.assert_frame_equal(res.tables["volume"], volume_table(demo, freq="M"))


@pytest.mark.parametrize("chunk_size", [4, 9])
def test_duplicates_are_found_across_partitions(client, tmp_path, chunk_size):
    path = write_table_with_repeats(tmp_path)
    got = read_articles_dask(path, chunk_size=chunk_size).compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, bare(load_articles(path)))
    assert got["is_duplicate"].sum() == 2
    kept = read_articles_dask(path, chunk_size=chunk_size, drop_duplicates=True, errors="skip")
    whole = load_articles(path, drop_duplicates=True, errors="skip")
    pd.testing.assert_frame_equal(kept.compute().reset_index(drop=True), bare(whole))
    # Both repeats raise; which one comes back first depends on the workers.
    with pytest.raises(ValueError, match="line (10|23): exact duplicate"):
        read_articles_dask(path, chunk_size=chunk_size, drop_duplicates=True).compute()


def test_analyze_dask_drops_duplicates_of_other_partitions(client, tmp_path):
    path = write_table_with_repeats(tmp_path)
    res = analyze_dask(path, None, freq="M", chunk_size=4, n_boot=20,
                       topic_model=small_model(min_df=1, max_df=1.0), client=client,
                       load_kwargs={"drop_duplicates": True, "errors": "skip"}, tables=("volume",))
    whole = load_articles(path, drop_duplicates=True, errors="skip")
    assert res.topics["id"].tolist() == whole["id"].tolist()
    pd.testing.assert_frame_equal(res.tables["volume"], volume_table(whole, freq="M"))


@pytest.mark.corpora
def test_real_corpus_slice_on_dask_equals_in_memory(client, corpora, tmp_path):
    path = real_slice(corpora, tmp_path, 600, seed=1)
    corpus = load_articles(path, errors="skip")
    model = StreamingTopicModel(8, n_components=50, sample_size=400, random_state=0)
    res = analyze_dask(path, UKRAINE_LEXICON, freq="W", chunk_size=200, n_boot=100,
                       topic_model=clone(model), load_kwargs={"errors": "skip"}, client=client)
    assert_equals_in_memory(res, corpus, UKRAINE_LEXICON, model, freq="W", n_boot=100)


# ------------------------------------------------------------ find_duplicates_dask (issue 17)
def _dask_frame(corpus: pd.DataFrame, npartitions: int):
    import dask

    # keep pandas' "str" dtype, as read_articles_dask does, so the columns equal the input's
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_pandas(corpus, npartitions=npartitions, sort=False)


@pytest.fixture(scope="module")
def edited(demo):
    from test_copies_duplicates import _edits

    return _edits(demo)[0]


@pytest.mark.parametrize("npartitions", [1, 5])
def test_find_duplicates_dask_equals_in_memory(client, edited, npartitions):
    expected = find_duplicates(edited, window=10)
    assert (expected["kind"] != "origin").sum() >= 6  # the made copies are there to find
    got = find_duplicates_dask(_dask_frame(edited, npartitions), window=10, client=client)
    pd.testing.assert_frame_equal(got, expected)


def test_find_duplicates_dask_from_files(client, edited, tmp_path):
    path = tmp_path / "corpus.parquet"
    edited[["id", "outlet", "date", "title", "text", "url"]].to_parquet(path, row_group_size=20)
    ddf = read_articles_dask(path, chunk_size=20)
    assert ddf.npartitions > 1
    got = find_duplicates_dask(ddf, client=client)
    expected = find_duplicates(load_articles(path))
    assert len(expected) >= 12
    pd.testing.assert_frame_equal(got, expected)


def test_find_duplicates_dask_errors(edited):
    with pytest.raises(InvalidParameterError, match="'corpus' parameter of find_duplicates_dask"):
        find_duplicates_dask(edited)
    ddf = _dask_frame(edited, 2)
    with pytest.raises(InvalidParameterError, match="'threshold' parameter of find_duplicates_dask"):
        find_duplicates_dask(ddf, threshold=2)
    with pytest.raises(SchemaError, match="find_duplicates_dask"):
        find_duplicates_dask(ddf, text_column="body")


@pytest.mark.corpora
def test_find_duplicates_dask_on_real_articles_with_copies(client, corpora):
    import numpy as np

    articles = pd.read_parquet(corpora / "allsides_news.parquet")
    rng = np.random.default_rng(5)
    sample = articles.iloc[np.sort(rng.choice(len(articles), size=300, replace=False))]
    sample = sample.reset_index(drop=True)
    src = sample[sample["text"].str.split().str.len() > 150].iloc[:8]
    copies = src.assign(
        id=[f"copy-{i}" for i in range(len(src))], outlet="Copier",
        date=src["date"] + pd.Timedelta(days=2),
        text=[t[: len(t) // 2] if i % 2 else "Our correspondent reports. " + t
              for i, t in enumerate(src["text"])])
    corpus = pd.concat([sample, copies], ignore_index=True)
    expected = find_duplicates(corpus)
    assert set(copies["id"]) <= set(expected["id"])
    got = find_duplicates_dask(_dask_frame(corpus, 4), client=client)
    pd.testing.assert_frame_equal(got, expected)


def test_partitions_of_a_saved_corpus_keep_its_own_ids(client, demo, tmp_path):
    path = tmp_path / "saved.parquet"
    bare(demo).to_parquet(path)
    got = read_articles_dask(path, chunk_size=30).compute().reset_index(drop=True)
    assert got["id"].tolist() == demo["id"].tolist()
    pd.testing.assert_frame_equal(got, bare(load_articles(path)))
