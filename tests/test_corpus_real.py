"""load_articles on the real corpora in ../shared/corpora."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from mediastudy import load_articles, load_report
from mediastudy.io._seed import parse_seed_bytes, simple_row

pytestmark = pytest.mark.corpora


@pytest.fixture(scope="module")
def rt(corpora):
    return load_articles(corpora / "rt_2022_seed_format", outlet="RT", progress=False)


def test_rt_loads_every_article_with_its_date(rt):
    assert len(rt) == 1628
    assert rt["date"].notna().all()
    assert rt["date"].min() == pd.Timestamp("2022-06-16")
    assert rt["date"].max() == pd.Timestamp("2022-10-31")
    assert rt["id"].is_unique
    assert (rt["n_words"] > 0).all()
    s = load_report(rt).attrs["summary"]
    assert s["files_found"] == s["files_read"] == 1628 and s["articles_skipped"] == 0


def test_rt_titles_and_bodies_equal_the_raw_files(rt, corpora):
    rng = random.Random(7)
    for _, row in rt.sample(40, random_state=3).iterrows():
        raw = open(row["source_path"], encoding="utf-8").read().replace("\r\n", "\n")
        lines = [ln.strip() for ln in raw.split("\n")]
        nonblank = [ln for ln in lines if ln]
        assert nonblank[0] == row["title"]
        assert pd.Timestamp(pd.to_datetime(nonblank[1], format="%d/%m/%Y")) == row["date"]
        body = [ln for ln in nonblank[2:] if ln != "---"]
        # RT bodies are scraped without paragraph breaks: one line, unchanged
        assert "\n\n".join(body) == row["text"]
        word = rng.choice(row["text"].split())
        assert word in raw


def test_rt_folder_loads_the_same_with_worker_processes(corpora):
    one = load_articles(corpora / "rt_2022_seed_format", outlet="RT", progress=False)
    two = load_articles(corpora / "rt_2022_seed_format", outlet="RT", progress=False, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert len(two) == 1628


def test_rt_fast_and_general_parsers_agree_on_every_file(corpora):
    fast = 0
    for path in sorted((corpora / "rt_2022_seed_format").glob("*.txt")):
        data = path.read_bytes()
        row = simple_row(data, path.name)
        if row is not None:
            fast += 1
            (general,) = parse_seed_bytes(data, path.name, "utf-8", True).rows
            assert row[:9] + row[10:] == general[:9] + general[10:], path.name
    assert fast >= 1400  # most RT files take the fast path, so the check above means something


MAPPINGS = {
    "news_ukraine_2022.parquet": {},
    "news_world_2016_2017.parquet": {},
    "allsides_news.parquet": {},
    "bbc_news.parquet": {"category": "topic_label"},
    "20newsgroups.parquet": {"label": "newsgroup"},
    "reuters21578.parquet": {"body": "text", "title": "title"},
}


@pytest.mark.parametrize("name", sorted(MAPPINGS))
def test_each_parquet_corpus_loads_and_accounts_for_every_row(corpora, name):
    raw = pd.read_parquet(corpora / name)
    df = load_articles(corpora / name, columns=MAPPINGS[name], errors="skip")
    report = load_report(df)
    s = report.attrs["summary"]
    assert s["articles_found"] == len(raw)
    assert s["articles_loaded"] + s["articles_skipped"] == len(raw)
    assert len(df) == s["articles_loaded"] > 0
    assert df["id"].is_unique
    text_col = "body" if name.startswith("reuters") else "text"
    no_text = raw[text_col].fillna("").str.strip().eq("").sum()
    assert (report["problem"].str.contains("no body text")).sum() == no_text


def test_allsides_bad_dates_are_reported_not_hidden(corpora):
    df = load_articles(corpora / "allsides_news.parquet", errors="skip", progress=False)
    report = load_report(df)
    problems = report["problem"]
    assert problems.str.contains(r"implausible date '0001").sum() >= 1
    assert problems.str.contains(r"implausible date 2050").sum() >= 1
    raw = pd.read_parquet(corpora / "allsides_news.parquet", columns=["date"])
    assert problems.str.contains("missing date").sum() == raw["date"].isna().sum()
    assert df["date"].between("1800-01-01", pd.Timestamp.today()).all()
    kept = load_articles(corpora / "allsides_news.parquet", bad_dates="keep", progress=False)
    assert len(kept) == len(raw)
    assert (load_report(kept)["action"] == "kept").sum() == kept["date"].isna().sum()
