"""The load report as an explicit value: it lasts whatever is done to the corpus."""

from __future__ import annotations

import pandas as pd
import pytest

import mediastudy as ms


@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "Wire").mkdir()
    good = "\nA title\n\n01/02/2023\n\nSome body text here.\n---\n"
    (tmp_path / "Wire" / "a.txt").write_text(good, encoding="utf-8")
    (tmp_path / "Wire" / "b.txt").write_text("\nNo date here\n\nnot a date\n\nBody.\n---\n",
                                             encoding="utf-8")
    (tmp_path / "Wire" / "notes.md").write_text("not an article", encoding="utf-8")
    return tmp_path


def test_return_report_gives_the_problems_and_counts_that_add_up(folder):
    corpus, report = ms.load_articles(folder, errors="skip", return_report=True)
    assert isinstance(report, ms.LoadReport)
    s = report.summary
    assert s["articles_found"] == s["articles_loaded"] + s["articles_skipped"] == 2
    assert s["articles_loaded"] == len(corpus) == 1
    assert s["files_found"] == s["files_read"] + s["files_failed"] + s["files_ignored"]
    assert set(report.problems["action"]) == {"skipped", "ignored"}
    assert report.problems.attrs == {}
    # the same rows load_report reads back from the frame
    from_attrs = ms.load_report(corpus)
    from_attrs.attrs = {}
    pd.testing.assert_frame_equal(report.problems, from_attrs)


def test_the_report_lasts_where_attrs_do_not(folder, tmp_path):
    corpus, report = ms.load_articles(folder, errors="skip", return_report=True)
    other = ms.load_demo()
    combined = pd.concat([corpus, other], ignore_index=True)
    with pytest.raises(ms.LoadError, match="carries no load report"):
        ms.load_report(combined)  # concat of frames with different attrs drops them
    path = tmp_path / "corpus.parquet"
    combined.to_parquet(path)
    assert len(pd.read_parquet(path)) == len(combined)
    assert report.summary["articles_skipped"] == 1  # the value is untouched by all of it


def test_without_return_report_the_frame_alone_comes_back(folder):
    out = ms.load_articles(folder, errors="skip")
    assert isinstance(out, pd.DataFrame)


def test_the_load_report_is_kept_as_columns_and_an_older_frame_still_reads(tmp_path):
    # pandas deep-copies attrs at every operation on the corpus: one list per column is a
    # few objects to copy where a dict per problem row was thousands
    import copy

    (tmp_path / "a.csv").write_text("title,text,date\n" + "t,,2024-01-01\n" * 300
                                    + "ok,some text here,2024-01-02\n", encoding="utf-8")
    corpus = ms.load_articles(tmp_path / "a.csv", errors="skip")
    stored = corpus.attrs["load_report"]
    assert set(stored) == {"columns", "summary"}
    assert all(isinstance(v, tuple) and len(v) == 300 for v in stored["columns"].values())
    report = ms.load_report(corpus)
    assert len(report) == 300
    older = corpus.copy()
    older.attrs = {"load_report": {"rows": report.to_dict("records"),
                                   "summary": dict(report.attrs["summary"])}}
    pd.testing.assert_frame_equal(ms.load_report(older), report)
    assert copy.deepcopy(corpus.attrs) == corpus.attrs
    # ... and shared, not copied, by pandas' deep copy of attrs at each operation: it is
    # read-only, and a saved corpus reads back as the same report
    assert corpus["text"].attrs["load_report"] is stored
    assert corpus.head(1).attrs["load_report"] is stored
    with pytest.raises(ms.LoadError, match="read-only"):
        stored["summary"]["articles_loaded"] = 0
    import pickle

    again = pickle.loads(pickle.dumps(corpus))  # as Dask, joblib and processes send it
    pd.testing.assert_frame_equal(again, corpus)
    pd.testing.assert_frame_equal(ms.load_report(again), report)
    assert copy.deepcopy(again.attrs) == corpus.attrs
    corpus.to_parquet(tmp_path / "saved.parquet")
    pd.testing.assert_frame_equal(ms.load_report(pd.read_parquet(tmp_path / "saved.parquet")), report)
