"""Dask engine (mediastudy.distributed) on a 2-worker LocalCluster: results equal in-memory ones."""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.metrics import adjusted_rand_score

from mediastudy import (
    demo_path,
    load_articles,
    score_stance,
    stance_timeline_table,
    topic_share_table,
    volume_table,
)
from mediastudy.chunked import StreamingTopicModel, score_stance_chunked

LEXICON = demo_path("lexicon")


dd = pytest.importorskip("dask.dataframe")
distributed_mod = pytest.importorskip("dask.distributed")

from mediastudy.distributed import analyze_dask, read_articles_dask, score_stance_dask  # noqa: E402


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


def _model(**kw) -> StreamingTopicModel:
    params = dict(n_topics=3, n_components=20, random_state=0)
    params.update(kw)
    return StreamingTopicModel(**params)


def _bare(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.attrs = {}
    return out


def test_read_articles_dask_partitions_equal_load_articles(client, demo):
    ddf = read_articles_dask(demo_path(), chunk_size=30)
    assert ddf.npartitions == 3
    got = ddf.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, _bare(demo))


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
    on_dask = _model().fit(ddf)
    in_memory = _model().fit(demo)
    assert (on_dask.document_frequency_ == in_memory.document_frequency_).all()
    assert list(on_dask.sample_ids_) == list(in_memory.sample_ids_)
    got = on_dask.predict(ddf).compute().to_numpy()
    assert adjusted_rand_score(in_memory.predict(demo), got) >= 0.95
    assigned = on_dask.assign(ddf).compute().reset_index(drop=True)
    assert assigned["topic"].tolist() == got.tolist()


def test_analyze_dask_equals_the_in_memory_path(client, demo):
    res = analyze_dask(demo_path(), LEXICON, freq="M", chunk_size=30, n_boot=200,
                       topic_model=_model(), mentions="keep", client=client)
    stance = score_stance(demo, LEXICON)
    pd.testing.assert_frame_equal(res.stance.articles, stance.articles)
    pd.testing.assert_frame_equal(res.stance.mentions, stance.mentions)
    assigned = _model().fit(demo).assign(demo)
    assert res.topics["id"].tolist() == demo["id"].tolist()
    assert adjusted_rand_score(assigned["topic"], res.topics["topic"]) >= 0.95
    pd.testing.assert_frame_equal(res.tables["volume"], volume_table(demo, freq="M"))
    pd.testing.assert_frame_equal(res.tables["topic_share"],
                                  topic_share_table(assigned, freq="M", n_boot=200))
    pd.testing.assert_frame_equal(res.tables["stance"], stance_timeline_table(stance, demo, freq="M"),
                                  check_exact=False, rtol=1e-12)


def test_analyze_dask_on_a_dask_dataframe_recomputes_pass_two(client, demo):
    ddf = read_articles_dask(demo_path(), chunk_size=40)
    res = analyze_dask(ddf, LEXICON, freq="M", n_boot=50, topic_model=_model(), client=client)
    assert res.estimate is None
    pd.testing.assert_frame_equal(res.stance.articles, score_stance(demo, LEXICON).articles)
    assigned = _model().fit(demo).assign(demo)
    assert adjusted_rand_score(assigned["topic"], res.topics["topic"]) >= 0.95
    pd.testing.assert_frame_equal(res.tables["volume"], volume_table(demo, freq="M"))


@pytest.mark.corpora
def test_real_corpus_slice_on_dask_equals_in_memory(client, corpora, tmp_path):
    src = pd.read_parquet(corpora / "news_ukraine_2022.parquet").sample(600, random_state=1)
    path = tmp_path / "ukraine" / "slice.parquet"
    path.parent.mkdir()
    src.to_parquet(path, row_group_size=200)
    lexicon = "tests/lexicon_ukraine.yaml"
    corpus = load_articles(path, errors="skip")
    model = StreamingTopicModel(8, n_components=50, sample_size=400, random_state=0)
    res = analyze_dask(path, lexicon, freq="W", chunk_size=200, n_boot=100, topic_model=clone(model),
                       load_kwargs={"errors": "skip"}, client=client)
    stance = score_stance(corpus, lexicon)
    pd.testing.assert_frame_equal(res.stance.articles, stance.articles)
    assigned = model.fit(corpus).assign(corpus)
    assert adjusted_rand_score(assigned["topic"], res.topics["topic"]) >= 0.95
    pd.testing.assert_frame_equal(res.tables["volume"], volume_table(corpus, freq="W"))
    pd.testing.assert_frame_equal(res.tables["topic_share"],
                                  topic_share_table(assigned, freq="W", n_boot=100))
    pd.testing.assert_frame_equal(res.tables["stance"], stance_timeline_table(stance, corpus, freq="W"),
                                  check_exact=False, rtol=1e-12)
