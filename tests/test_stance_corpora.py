"""score_stance on real news: NATO and sanctions in news_ukraine_2022, traced to evidence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mediastudy import aggregate_stance, kwic, load_lexicon, sample_evidence, score_stance

LEXICON = Path(__file__).with_name("lexicon_ukraine.yaml")


@pytest.fixture(scope="module")
def ukraine(corpora) -> pd.DataFrame:
    frame = pd.read_parquet(corpora / "news_ukraine_2022.parquet")
    # The parquet has no id column; the row number is stable for this file.
    return frame.assign(id=[f"u{i:05d}" for i in range(len(frame))])


@pytest.fixture(scope="module")
def scored(ukraine):
    return score_stance(ukraine, load_lexicon(LEXICON))


@pytest.mark.corpora
def test_every_article_and_target_has_a_row(ukraine, scored):
    arts = scored.articles
    assert len(arts) == 2 * len(ukraine)
    assert set(arts["target"]) == {"NATO", "sanctions"}
    assert arts["id"].tolist()[::2] == ukraine["id"].tolist()
    mentioned = arts["n_mentions"] > 0
    assert arts.loc[~mentioned, "score"].isna().all()
    assert arts.loc[mentioned, "score"].notna().all()
    assert arts.loc[mentioned, "score"].between(-1, 1).all()
    # Both targets are common in this collection, and cues are found around them.
    assert (arts[mentioned].groupby("target").size() > 500).all()
    assert (arts.loc[mentioned, "score"] != 0).sum() > 500


@pytest.mark.corpora
def test_every_nonzero_score_is_traced_to_evidence(scored):
    arts = scored.articles
    evidence = scored.mentions
    weights = evidence.assign(
        pos=evidence["cue_weights"].map(lambda ws: sum(w for w in ws if w > 0)),
        neg=evidence["cue_weights"].map(lambda ws: -sum(w for w in ws if w < 0)),
        n_cues=evidence["cues"].map(len),
    )
    traced = weights.groupby(["id", "target"]).agg(
        pos=("pos", "sum"), neg=("neg", "sum"), n_cues=("n_cues", "sum"), rows=("id", "size")
    )
    nonzero = arts[(arts["score"] != 0) & arts["score"].notna()].set_index(["id", "target"])
    assert len(nonzero) > 500
    joined = nonzero.join(traced, how="left")
    assert joined["rows"].notna().all()  # every non-zero score has evidence rows
    assert (joined["n_cues"] > 0).all()
    np.testing.assert_allclose(joined["pos"], joined["pro"])
    np.testing.assert_allclose(joined["neg"], joined["anti"])
    k = scored.smoothing
    recomputed = (joined["pos"] - joined["neg"]) / (joined["pos"] + joined["neg"] + k)
    np.testing.assert_allclose(recomputed, joined["score"])
    # ... and the mention counts agree for all mentioned articles.
    counts = arts[arts["n_mentions"] > 0].set_index(["id", "target"])["n_mentions"]
    assert counts.equals(traced["rows"].reindex(counts.index).astype(counts.dtype))


@pytest.mark.corpora
def test_evidence_rows_hold_what_they_claim(ukraine, scored):
    evidence = scored.mentions
    texts = ukraine.set_index("id")["text"]
    sample = evidence.sample(400, random_state=1) if len(evidence) > 400 else evidence
    for rec in sample.itertuples():
        body = texts[rec.id]
        assert body[rec.start : rec.end] == rec.mention
        assert rec.mention in rec.sentence or " ".join(rec.mention.split()) in rec.sentence
        for matched in rec.matched:
            assert " ".join(matched.split()) in rec.sentence
        assert len(rec.cues) == len(rec.polarities) == len(rec.negated) == len(rec.cue_weights)
    assert evidence["cue_quoted"].map(any).sum() > 50  # quoted speech is common in news


@pytest.mark.corpora
def test_scores_by_outlet(ukraine, scored):
    by_outlet = aggregate_stance(scored, ukraine, by="outlet")
    outlets = set(ukraine["outlet"])
    assert set(by_outlet["outlet"]) == outlets
    assert len(by_outlet) == 2 * len(outlets)
    sizes = ukraine["outlet"].value_counts()
    for rec in by_outlet.itertuples():
        assert rec.n_articles == sizes[rec.outlet]
    nato = by_outlet[by_outlet["target"] == "NATO"].set_index("outlet")
    # The one expectation a media researcher would start from: RT is more hostile to NATO
    # than the BBC and the AP.
    assert nato.loc["RT", "mean_score"] < nato.loc["BBC", "mean_score"]
    assert nato.loc["RT", "mean_score"] < nato.loc["AssociatedPress", "mean_score"]
    monthly = aggregate_stance(scored, ukraine, by="outlet", freq="M")
    assert {"outlet", "period", "target", "mean_score"} <= set(monthly.columns)
    # periods are month starts (Timestamps), as in the timeline tables
    assert pd.api.types.is_datetime64_dtype(monthly["period"])
    dated = monthly["period"].dropna()
    assert (dated.dt.day == 1).all() and dated.dt.normalize().eq(dated).all()
    assert dated.min() == ukraine["date"].min().to_period("M").start_time
    assert monthly["n_articles"].sum() == 2 * len(ukraine)


@pytest.mark.corpora
def test_own_voice_and_quoted_speech_split_the_scores(ukraine, scored):
    own = score_stance(ukraine, LEXICON, quoted="exclude").articles
    only = score_stance(ukraine, LEXICON, quoted="only").articles
    np.testing.assert_allclose(own["pro"] + only["pro"], scored.articles["pro"])
    np.testing.assert_allclose(own["anti"] + only["anti"], scored.articles["anti"])
    np.testing.assert_allclose(only["anti"], scored.articles["anti_quoted"])


@pytest.mark.corpora
def test_kwic_and_sample_on_real_text(ukraine, scored):
    rt = ukraine[ukraine["outlet"] == "RT"]
    lines = kwic(rt, "NATO expansion", window=4)
    assert len(lines) > 10
    assert lines["match"].str.lower().str.replace(r"\s+", " ", regex=True).eq("nato expansion").all()
    sample = sample_evidence(
        scored.mentions.merge(ukraine[["id", "outlet"]], on="id"), 5, random_state=7, by="outlet"
    )
    assert sample.groupby("outlet").size().max() == 5
    assert sample["cues"].str.len().gt(0).all()
