"""Issue 19 on the real corpora (samples): dd/mm/yyyy dates, shuffled rows, a Latin-1 export,
and special files among real seed-layout articles."""

from __future__ import annotations

import os
import shutil

import pytest

import mediastudy as ms
from mediastudy import LoadError

pytestmark = pytest.mark.corpora


@pytest.fixture(scope="module")
def ukraine(corpora):
    import pandas as pd

    df = pd.read_parquet(corpora / "news_ukraine_2022.parquet")
    df = df[(df["text"].str.len() > 200) & df["date"].notna()]
    return df.sample(400, random_state=0).reset_index(drop=True)


def test_a_real_export_with_day_first_dates_is_refused_with_the_fix(ukraine, tmp_path):
    path = tmp_path / "ukraine.csv"
    ukraine.assign(date=ukraine["date"].dt.strftime("%d/%m/%Y")).to_csv(path, index=False)
    days = ukraine["date"].dt.day
    if not (days > 12).any():  # pragma: no cover - a sample of 400 has such days
        pytest.skip("no day after the 12th in the sample")
    with pytest.raises(LoadError, match=r"dayfirst=True") as info:
        ms.load_articles(path, errors="warn")
    assert info.value.param == "dayfirst"
    loaded = ms.load_articles(path, dayfirst=True)
    assert len(loaded) == len(ukraine)
    assert (loaded["date"].dt.normalize().to_numpy() == ukraine["date"].dt.normalize().to_numpy()).all()


def test_real_rows_shuffled_keep_their_ids_and_topics(ukraine, tmp_path):
    ukraine.to_csv(tmp_path / "a.csv", index=False)
    first = ms.load_articles(tmp_path / "a.csv")
    ukraine.sample(frac=1.0, random_state=3).to_csv(tmp_path / "a.csv", index=False)
    second = ms.load_articles(tmp_path / "a.csv")
    assert first["id"].is_unique and set(first["id"]) == set(second["id"])
    labels = {}
    for name, corpus in (("first", first), ("second", second)):
        model = ms.TopicModel(n_topics=6, n_init=3, random_state=0).fit(corpus)
        labels[name] = ms.assign_topics(corpus, model).set_index("id")["topic_label"].sort_index()
    assert labels["first"].equals(labels["second"])


def test_a_real_latin1_export_loads_with_encoding(ukraine, tmp_path):
    sample = ukraine.head(50).copy()
    for col in ("outlet", "title", "text", "url"):  # what Latin-1 can hold of them
        sample[col] = sample[col].str.encode("latin-1", "ignore").str.decode("latin-1")
    sample["text"] += " caf\u00e9"
    path = tmp_path / "latin.csv"
    sample.to_csv(path, index=False, encoding="latin-1")
    with pytest.raises(LoadError, match="encoding="):
        ms.load_articles(path)
    assert ms.load_articles(path, encoding="latin-1")["text"].str.endswith("caf\u00e9").all()


def test_special_files_among_real_seed_articles(corpora, tmp_path):
    files = sorted((corpora / "rt_2022_seed_format").glob("*.txt"))[:60]
    folder = tmp_path / "RT"
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f.name)
    os.symlink("loop_b.txt", folder / "loop_a.txt")
    os.symlink("loop_a.txt", folder / "loop_b.txt")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")
    whole = ms.load_articles(tmp_path / "RT", errors="skip")
    report = ms.load_report(whole)
    s = report.attrs["summary"]
    assert s["files_read"] == len(files)
    assert s["files_failed"] == 2 + hasattr(os, "mkfifo")
    alone = ms.load_articles([folder / f.name for f in files], errors="skip")
    assert len(whole) == len(alone)
