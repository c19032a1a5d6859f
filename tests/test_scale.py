"""Out-of-core analysis (mediastudy.chunked): chunked results equal the in-memory ones."""

from __future__ import annotations

import builtins
import importlib

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

from mediastudy import (
    NotFittedError,
    demo_path,
    load_articles,
    score_stance,
    stance_timeline_table,
    topic_share_table,
    volume_table,
)
from mediastudy.scale.chunked import (
    StreamingTopicModel,
    analyze_chunked,
    estimate_memory,
    iter_article_chunks,
    score_stance_chunked,
    timeline_counts,
    timeline_tables,
)


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return load_articles(demo_path())


def _concat(chunks) -> pd.DataFrame:
    chunks = list(chunks)
    for c in chunks:
        c.attrs = {}
    return pd.concat(chunks, ignore_index=True)


@pytest.fixture()
def table_file(tmp_path):
    return write_table_with_repeats(tmp_path)


# -- loading in chunks ---------------------------------------------------------------------
@pytest.mark.parametrize("chunk_size", [1, 7, 40, 10_000])
def test_chunks_of_a_nested_folder_equal_load_articles(demo, chunk_size):
    got = _concat(iter_article_chunks(demo_path(), chunk_size=chunk_size))
    pd.testing.assert_frame_equal(got, bare(demo))


@pytest.mark.parametrize("chunk_size", [4, 5, 9, 100])
def test_big_parquet_file_is_read_in_slices_with_the_same_ids_and_duplicates(table_file, chunk_size):
    whole = load_articles(table_file)
    chunks = list(iter_article_chunks(table_file, chunk_size=chunk_size))
    assert max(len(c) for c in chunks) <= chunk_size
    got = _concat(chunks)
    pd.testing.assert_frame_equal(got, bare(whole))
    assert got["is_duplicate"].sum() == 2


def test_drop_duplicates_across_chunks(table_file):
    whole = load_articles(table_file, drop_duplicates=True, errors="skip")
    got = _concat(iter_article_chunks(table_file, chunk_size=4, drop_duplicates=True, errors="skip"))
    pd.testing.assert_frame_equal(got, bare(whole))
    assert len(got) == 21
    with pytest.raises(ValueError, match="line 10: exact duplicate"):
        list(iter_article_chunks(table_file, chunk_size=4, drop_duplicates=True))


def test_chunks_carry_their_load_summary(table_file):
    first = next(iter_article_chunks(table_file, chunk_size=5))
    assert first.attrs["load_summary"]["articles_loaded"] == 5


@pytest.mark.parametrize("bad", [0, -3, 2.5, "100", True])
def test_bad_chunk_size_is_named(bad):
    with pytest.raises(ValueError, match="'chunk_size' parameter of iter_article_chunks"):
        next(iter_article_chunks(demo_path(), chunk_size=bad))


def test_missing_source_is_a_load_error(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        next(iter_article_chunks(tmp_path / "nope", chunk_size=5))


# -- memory estimate -----------------------------------------------------------------------
def test_estimate_counts_parquet_rows_and_grows_with_chunk_size(table_file):
    small = estimate_memory(table_file, chunk_size=2)
    big = estimate_memory(table_file, chunk_size=20)
    assert small.n_articles == big.n_articles == 23
    assert small.n_files == 1
    assert small.chunk_bytes < big.chunk_bytes
    assert small.peak_bytes < big.peak_bytes
    assert "23 articles" in str(small)


def test_estimate_keeps_more_for_more_articles_and_targets(table_file, tmp_path):
    rows = pd.read_parquet(table_file)
    bigger = tmp_path / "bigger.parquet"
    pd.concat([rows] * 40, ignore_index=True).to_parquet(bigger)
    one = estimate_memory(table_file, chunk_size=5, n_targets=1)
    assert estimate_memory(bigger, chunk_size=5, n_targets=1).kept_bytes > 30 * one.kept_bytes
    four = estimate_memory(table_file, chunk_size=5, n_targets=4)
    assert four.kept_bytes > one.kept_bytes and four.peak_bytes > one.peak_bytes
    assert four.chunk_bytes == one.chunk_bytes


# -- stance ----------------------------------------------------------------------------------
@pytest.mark.parametrize("chunk_size", [1, 25])
def test_stance_in_chunks_equals_stance_in_memory(demo, chunk_size):
    whole = score_stance(demo, LEXICON)
    got = score_stance_chunked(iter_article_chunks(demo_path(), chunk_size=chunk_size), LEXICON)
    pd.testing.assert_frame_equal(got.articles, whole.articles)
    pd.testing.assert_frame_equal(got.mentions, whole.mentions)


def test_stance_evidence_can_be_dropped_or_written(demo, tmp_path):
    whole = score_stance(demo, LEXICON)
    dropped = score_stance_chunked(iter_article_chunks(demo_path(), chunk_size=30), LEXICON,
                                   mentions="drop")
    assert len(dropped.mentions) == 0 and list(dropped.mentions.columns) == list(whole.mentions.columns)
    folder = tmp_path / "evidence"
    written = score_stance_chunked(iter_article_chunks(demo_path(), chunk_size=30), LEXICON,
                                   mentions=folder)
    assert len(written.mentions) == 0
    files = sorted(folder.glob("*.parquet"))
    assert len(files) == 3
    back = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
    assert back["id"].tolist() == whole.mentions["id"].tolist()
    assert back["sentence"].tolist() == whole.mentions["sentence"].tolist()
    pd.testing.assert_frame_equal(written.articles, whole.articles)


@pytest.mark.parametrize("mentions", ["drop", "folder"])
def test_dropped_or_written_evidence_holds_no_memory_of_the_chunks(demo, tmp_path, mentions):
    # An empty slice (even .copy()) of an Arrow-backed column keeps its whole buffers, i.e.
    # every evidence sentence of every chunk: 1.8 GiB at 1M articles before this was fixed.
    whole = score_stance(demo, LEXICON)
    assert whole.mentions["sentence"].str.len().sum() > 10_000
    got = score_stance_chunked(iter_article_chunks(demo_path(), chunk_size=30), LEXICON,
                               mentions="drop" if mentions == "drop" else tmp_path / "ev")
    assert len(got.mentions) == 0
    assert list(got.mentions.dtypes) == list(whole.mentions.dtypes)
    for col in ("id", "target", "part", "sentence", "mention"):
        held = got.mentions[col].array.__arrow_array__().get_total_buffer_size()
        assert held < 1_000, (col, held)


def test_stance_counts_keep_one_row_per_target_for_unscored_articles(demo):
    stance = score_stance(demo, LEXICON)
    counts = timeline_counts(demo, stance.articles)["stance"]
    unscored = counts["n_mentions"] == 0
    assert sorted(counts.loc[unscored, "target"]) == sorted(stance.articles["target"].unique())
    assert counts.loc[unscored, ["outlet", "date"]].isna().all().all()
    assert counts.loc[unscored, "n"].sum() == (stance.articles["n_mentions"] == 0).sum()
    scored = stance.articles["n_mentions"] > 0
    assert counts.loc[~unscored, "n"].sum() == scored.sum()


def test_stance_chunked_does_not_change_its_input(demo):
    before = demo.copy()
    score_stance_chunked([demo.iloc[:40], demo.iloc[40:]], LEXICON)
    pd.testing.assert_frame_equal(demo, before)


def test_stance_chunked_rejects_a_path():
    with pytest.raises(TypeError, match="iter_article_chunks"):
        score_stance_chunked(str(demo_path()), LEXICON)


def test_bad_mentions_option_is_named(demo):
    with pytest.raises(ValueError, match="'mentions' parameter"):
        score_stance_chunked([demo], LEXICON, mentions=3)


# -- streaming topic model -------------------------------------------------------------------
def test_topic_model_does_not_depend_on_chunking(demo):
    whole = small_model().fit(demo)
    chunked = small_model().fit(iter_article_chunks(demo_path(), chunk_size=13))
    assert (whole.document_frequency_ == chunked.document_frequency_).all()
    assert list(whole.sample_ids_) == list(chunked.sample_ids_)
    assert (whole.predict(demo) == chunked.predict(demo)).all()
    assert whole.topic_labels_ == chunked.topic_labels_


def test_topic_model_sample_is_chosen_by_id_whatever_the_chunks(demo):
    # Few hashed columns: many terms collide, and the labels must still not depend on chunks.
    a = small_model(sample_size=30, n_features=512).fit(demo)
    b = small_model(sample_size=30, n_features=512).fit([demo.iloc[60:], demo.iloc[:60]])
    assert len(a.sample_ids_) == 30
    assert list(a.sample_ids_) == list(b.sample_ids_)
    assert a.n_documents_ == b.n_documents_ == len(demo)
    assert a.topic_labels_ == b.topic_labels_
    assert (a.predict(demo) == b.predict(demo)).all()


def test_partial_fit_equals_fit_on_chunks(demo):
    chunks = [demo.iloc[:30], demo.iloc[30:70], demo.iloc[70:]]
    model = small_model()
    for c in chunks:
        model.partial_fit(c)
    fitted = small_model().fit(chunks)
    assert (model.predict(demo) == fitted.predict(demo)).all()


def test_topic_model_finds_planted_topics():
    sport = ["the striker scored a goal in the cup match", "goal keeper saves the match penalty",
             "cup final goal striker team", "team wins match after late goal"]
    vote = ["parliament vote on the election law", "party leads the election poll",
            "voters back the party in the poll", "election vote count for parliament"]
    df = pd.DataFrame({"id": [f"a{i}" for i in range(8)], "text": sport + vote})
    labels = StreamingTopicModel(2, min_df=1, max_df=1.0, n_components=3, random_state=1).fit_predict(df)
    assert len(set(labels[:4])) == 1 and len(set(labels[4:])) == 1 and labels[0] != labels[4]


def test_topic_model_is_a_sklearn_estimator(demo):
    model = small_model()
    assert clone(model).get_params() == model.get_params()
    with pytest.raises(NotFittedError, match="not fitted"):
        model.predict(demo)
    assert model.fit(demo) is model
    Z = model.transform(demo)
    assert Z.shape == (len(demo), model.svd_.n_components)


def test_topic_model_same_seed_same_topics_and_assign_keeps_input(demo):
    before = demo.copy()
    a = small_model(random_state=3).fit(demo).assign(demo)
    b = small_model(random_state=3).fit(demo).assign(demo)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(demo, before)
    assert {"topic", "topic_label"} <= set(a.columns)


@pytest.mark.parametrize("param, value, match", [
    ("n_topics", 1, "n_topics >= 2"),
    ("n_topics", 2.5, "'n_topics' parameter"),
    ("max_df", 1.5, "'max_df' parameter"),
    ("stop_words", "french", "stop_words"),
])
def test_bad_topic_parameters_are_named(demo, param, value, match):
    with pytest.raises(ValueError, match=match):
        small_model(**{param: value}).fit(demo)


def test_too_few_articles_for_the_topics():
    df = pd.DataFrame({"id": ["a", "b"], "text": ["one text here", "another text here"]})
    with pytest.raises(ValueError, match="at least n_topics=3"):
        StreamingTopicModel(3, min_df=1).fit(df)


# -- timeline tables from counts ---------------------------------------------------------------
def test_timeline_tables_from_chunk_counts_equal_the_in_memory_tables(demo):
    model = small_model().fit(demo)
    stance = score_stance(demo, LEXICON)
    assigned = model.assign(demo)
    counts = []
    for chunk in iter_article_chunks(demo_path(), chunk_size=17):
        st = score_stance(chunk, LEXICON)
        counts.append(timeline_counts(model.assign(chunk), st.articles))
    got = timeline_tables(counts, freq="M", n_boot=200)
    pd.testing.assert_frame_equal(got["volume"], volume_table(demo, freq="M"))
    pd.testing.assert_frame_equal(got["topic_share"], topic_share_table(assigned, freq="M", n_boot=200))
    pd.testing.assert_frame_equal(got["stance"], stance_timeline_table(stance, demo, freq="M"),
                                  check_exact=False, rtol=1e-12)


def test_timeline_tables_rejects_unknown_tables():
    with pytest.raises(ValueError, match="'tables' parameter"):
        timeline_tables([], tables=["volumes"])


# -- the whole run -----------------------------------------------------------------------------
def test_analyze_chunked_equals_the_in_memory_path(demo):
    res = analyze_chunked(demo_path(), LEXICON, n_topics=3, freq="M", chunk_size=20, n_boot=200,
                          topic_model=small_model(), mentions="keep")
    assert_equals_in_memory(res, demo, LEXICON, small_model(), freq="M", n_boot=200, mentions=True)
    assert res.estimate.n_files == 88


@pytest.mark.corpora
def test_real_corpus_slice_chunked_equals_in_memory(corpora, tmp_path):
    # 800 articles of 14 outlets; the lexicon was written for this corpus.
    path = real_slice(corpora, tmp_path, 800, seed=0)
    corpus = load_articles(path, errors="skip")  # real mess: some rows have no text
    model = StreamingTopicModel(8, n_components=50, sample_size=500, random_state=0)
    res = analyze_chunked(path, UKRAINE_LEXICON, freq="W", chunk_size=300, n_boot=100,
                          topic_model=clone(model), load_kwargs={"errors": "skip"})
    stance = assert_equals_in_memory(res, corpus, UKRAINE_LEXICON, model, freq="W", n_boot=100)
    assert stance.articles["n_mentions"].sum() > 50  # the lexicon does find its targets


# -- Dask is optional ----------------------------------------------------------------------
def test_without_dask_the_library_imports_and_says_what_to_install(monkeypatch):
    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name == "dask" or name.startswith("dask."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    import mediastudy.scale.distributed as distributed

    importlib.reload(distributed)  # importing the module itself needs no dask
    with pytest.raises(ImportError, match=r'pip install "mediastudy\[scale\]"'):
        distributed.read_articles_dask(demo_path())


@pytest.mark.parametrize("chunk_size", [7, 40])
def test_slices_of_a_saved_corpus_keep_its_own_ids(demo, tmp_path, chunk_size):
    # A corpus written to Parquet and read again keeps its ids (load_articles); read in
    # slices it must keep the same ids, or results computed in chunks would not join.
    path = tmp_path / "saved.parquet"
    bare(demo).to_parquet(path)
    whole = load_articles(path)
    assert whole["id"].tolist() == demo["id"].tolist()
    got = _concat(iter_article_chunks(path, chunk_size=chunk_size))
    assert got["id"].tolist() == demo["id"].tolist()
    pd.testing.assert_frame_equal(got, bare(whole))
