"""Shared by test_scale.py and test_dask.py: test data and the comparison with the in-memory path."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sklearn.base import clone
from sklearn.metrics import adjusted_rand_score

from mediastudy import demo_path, score_stance, stance_timeline_table, topic_share_table, volume_table
from mediastudy.scale.chunked import StreamingTopicModel

LEXICON = demo_path("lexicon")
UKRAINE_LEXICON = "tests/lexicon_ukraine.yaml"  # written for news_ukraine_2022


def bare(df: pd.DataFrame) -> pd.DataFrame:
    """A copy without attrs (the load report), to compare with chunks put back together."""
    out = df.copy()
    out.attrs = {}
    return out


def small_model(**kw) -> StreamingTopicModel:
    params = dict(n_topics=3, n_components=20, random_state=0)
    params.update(kw)
    return StreamingTopicModel(**params)


def write_table_with_repeats(folder: Path) -> Path:
    """A Parquet file of 23 hand-written articles, two of them repeating earlier ones."""
    rows = []
    for i in range(21):
        rows.append({
            "outlet": ["Alpha", "Beta", "Gamma"][i % 3],
            "date": pd.Timestamp("2023-01-02") + pd.Timedelta(days=5 * i),
            "title": f"Headline number {i}",
            "text": f"Story {i}: the council voted on the budget. " + ("Rain. " * (i % 4)),
            "url": f"https://example.org/{i}",
        })  # fmt: skip
    rows.insert(9, dict(rows[2]))  # exact repeats, one in a later chunk
    rows.append(dict(rows[0]))
    path = folder / "news" / "table.parquet"
    path.parent.mkdir()
    pd.DataFrame(rows).to_parquet(path, row_group_size=5)
    return path


def real_slice(corpora: Path, folder: Path, n: int, seed: int) -> Path:
    """``n`` articles of news_ukraine_2022 in one Parquet file of 200-row groups."""
    src = pd.read_parquet(corpora / "news_ukraine_2022.parquet").sample(n, random_state=seed)
    path = folder / "ukraine" / "slice.parquet"
    path.parent.mkdir()
    src.to_parquet(path, row_group_size=200)
    return path


def assert_equals_in_memory(res, corpus: pd.DataFrame, lexicon, model: StreamingTopicModel, *,
                            freq: str, n_boot: int, mentions: bool = False):
    """``res`` (a ScaleResult) against the in-memory functions on ``corpus``: identical stance
    scores (and evidence when ``mentions``), identical timeline tables, topic ARI >= 0.95.
    Returns the in-memory stance result."""
    stance = score_stance(corpus, lexicon)
    pd.testing.assert_frame_equal(res.stance.articles, stance.articles)
    if mentions:
        pd.testing.assert_frame_equal(res.stance.mentions, stance.mentions)
    assigned = clone(model).fit(corpus).assign(corpus)
    assert res.topics["id"].tolist() == corpus["id"].tolist()
    assert adjusted_rand_score(assigned["topic"], res.topics["topic"]) >= 0.95
    pd.testing.assert_frame_equal(res.tables["volume"], volume_table(corpus, freq=freq))
    pd.testing.assert_frame_equal(res.tables["topic_share"],
                                  topic_share_table(assigned, freq=freq, n_boot=n_boot))  # fmt: skip
    pd.testing.assert_frame_equal(res.tables["stance"], stance_timeline_table(stance, corpus, freq=freq),
                                  check_exact=False, rtol=1e-12)  # fmt: skip
    return stance
