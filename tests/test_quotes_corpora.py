"""extract_quotes on real articles: PolNeAR's hand-annotated attributions and the RT seed files."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

import mediastudy as ms
from mediastudy.quotes.validate import coded_from_records

# The bars, for direct quotations that have a source (5,081 in the training split).
FOUND_GOAL = 0.90
SPEAKER_GOAL = 0.80


def polnear_scores(articles: list[dict], quotes: pd.DataFrame) -> dict[str, float]:
    """Share of gold direct attributions (with a source) found and with the speaker right, and
    precision, by validate_quotes."""
    with warnings.catch_warnings():  # two PolNeAR articles are coded with no attribution at all
        warnings.filterwarnings("ignore", "validate_quotes: .* from articles with no coded")
        m = ms.validate_quotes(quotes, coded_from_records(articles), n_boot=0)
        m = m.set_index(["metric", "label"])
    return {"found": m.loc[("found", "direct"), "value"], "speaker": m.loc[("speaker", "direct"), "value"],
            "precision": m.loc[("precision", ""), "value"], "n": int(m.loc[("found", "direct"), "n"])}


@pytest.fixture(scope="module")
def polnear(corpora):
    with open(corpora / "polnear_train.jsonl", encoding="utf-8") as f:
        articles = [json.loads(line) for line in f]
    corpus = pd.DataFrame({"id": [a["id"] for a in articles], "text": [a["text"] for a in articles]})
    return articles, ms.extract_quotes(corpus)


@pytest.mark.corpora
def test_polnear_direct_quotes_meet_the_goals(polnear):
    articles, quotes = polnear
    scores = polnear_scores(articles, quotes)
    assert scores["n"] == 5081
    assert scores["found"] >= FOUND_GOAL, scores
    assert scores["speaker"] >= SPEAKER_GOAL, scores
    assert scores["precision"] >= 0.90, scores


@pytest.mark.corpora
def test_polnear_beats_the_naive_rule_on_speakers(polnear):
    articles, quotes = polnear
    # the naive rule (quote marks + "<Name> said" within 60 characters) names the speaker of
    # 0.16 of the direct quotes (benchmarks/bench_quotes.py); ours must stay far above it
    assert polnear_scores(articles, quotes)["speaker"] > 0.6
    assert set(quotes["rule"]) >= {"after", "before", "reported", "continuation"}


@pytest.mark.corpora
def test_rt_seed_files(corpora):
    files = sorted((corpora / "rt_2022_seed_format").glob("*.txt"))[:150]
    corpus = ms.load_articles(files, errors="skip")
    quotes = ms.extract_quotes(corpus)
    assert quotes["id"].isin(corpus["id"]).all()
    texts = dict(zip(corpus["id"], corpus["text"], strict=True))
    for r in quotes.itertuples():
        assert texts[r.id][r.start:r.end] == r.quote
        if not pd.isna(r.speaker_start):
            assert r.speaker_start < r.speaker_end
    named = quotes["speaker"].dropna()
    # RT quotes named officials: most rows have a speaker, many articles several
    assert len(named) / len(quotes) > 0.8
    assert quotes.groupby("id").size().median() >= 3
    assert quotes["direct"].mean() > 0.3
