"""find_duplicates on real AllSides articles: copy-desk edits of a sample are found with their
origin, and the run is the same for any order of the rows."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from mediastudy.copies import find_duplicates


def _paragraphs(text):
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


@pytest.fixture(scope="module")
def sample(corpora):
    articles = pd.read_parquet(corpora / "allsides_news.parquet")
    rng = np.random.default_rng(7)
    return articles.iloc[rng.choice(len(articles), size=2500, replace=False)].reset_index(drop=True)


@pytest.fixture(scope="module")
def with_copies(sample):
    rng = np.random.default_rng(7)
    held, base = sample.iloc[:100], sample.iloc[100:].reset_index(drop=True)
    dated = np.flatnonzero(base["date"].notna().to_numpy())
    sources = base.iloc[rng.choice(dated, size=40, replace=False)]
    rows, truth = [], []
    for k, (_, src) in enumerate(sources.iterrows()):
        ps = _paragraphs(src["text"])
        host = _paragraphs(held["text"].iloc[k])
        words = src["text"].split(" ")
        for i in rng.choice(len(words), size=4, replace=False):
            words[i] = "zebra"
        edits = {
            "retitle": src["text"],
            "cut": "\n\n".join(ps[: max(1, len(ps) // 2)]),
            "add_paragraph": "\n\n".join(ps + [host[0]]),
            "change_words": " ".join(words),
            "pasted": "\n\n".join(host[:2] + ps + host[2:]),
        }
        for edit, text in edits.items():
            copy_id = f"copy-{k}-{edit}"
            rows.append({"id": copy_id, "outlet": f"Copier {k % 7}", "title": "t", "text": text,
                         "date": src["date"] + pd.Timedelta(days=int(rng.integers(1, 6)))})
            truth.append((copy_id, src["id"]))
    copies = pd.DataFrame(rows).astype({"date": base["date"].dtype})
    return pd.concat([base, copies], ignore_index=True), dict(truth)


@pytest.mark.corpora
def test_copy_desk_edits_of_real_articles(with_copies):
    corpus, truth = with_copies
    out = find_duplicates(corpus)
    pred = out[out["id"].str.startswith("copy") & (out["kind"] != "origin")]
    real_origin = dict(zip(out["id"], out["origin_id"]))
    right = [truth[c] == o or real_origin.get(truth[c]) == o for c, o in zip(pred["id"], pred["origin_id"])]
    precision = np.mean(right)
    recall = sum(right) / len(truth)
    assert precision >= 0.97 and recall >= 0.97, (precision, recall)
    # a copy is never anyone's origin: they are all dated after their source
    assert not out.loc[out["kind"] == "origin", "id"].str.startswith("copy").any()


@pytest.mark.corpora
def test_real_sample_is_the_same_in_any_row_order(sample):
    out = find_duplicates(sample)
    again = find_duplicates(sample.iloc[::-1])
    pd.testing.assert_frame_equal(out, again)
    assert out["kind"].isin(["origin", "copy", "excerpt", "passage"]).all()
