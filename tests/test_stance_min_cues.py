"""min_cues: no article or group score from fewer cues than asked for; n_cues beside it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mediastudy import InvalidParameterError, aggregate_stance, score_stance

CORPUS = pd.DataFrame({"id": ["a", "b", "c", "d"], "outlet": ["X", "X", "Y", "Z"],
                       "text": ["NATO is reckless and bad.", "NATO is defensive.", "NATO is bad.",
                                "NATO met."]})  # fmt: skip
LEXICON = {"targets": {"NATO": ["NATO"]}, "cues": {"pro": ["defensive"], "anti": ["reckless", "bad"]}}


def test_group_scores_need_min_cues_and_show_n_cues():
    stance = score_stance(CORPUS, LEXICON)
    table = aggregate_stance(stance, CORPUS).set_index("outlet")
    assert table["n_cues"].to_dict() == {"X": 3, "Y": 1, "Z": 0}
    assert table.loc["Y", "pooled_score"] == -1.0  # one cue: the number an editor would quote
    strict = aggregate_stance(stance, CORPUS, min_cues=2).set_index("outlet")
    assert strict.loc["X", "pooled_score"] == pytest.approx(-1 / 3)
    assert np.isnan(strict.loc["Y", "pooled_score"]) and np.isnan(strict.loc["Y", "mean_score"])
    assert strict.loc["Y", "n_cues"] == 1  # still shown beside the hidden score


def test_article_scores_need_min_cues():
    articles = score_stance(CORPUS, LEXICON, min_cues=2).articles.set_index("id")
    assert articles.loc["a", "score"] == pytest.approx(-2 / 3)
    assert articles[["score"]].loc[["b", "c", "d"]].isna().all().all()
    assert score_stance(CORPUS, LEXICON).articles.set_index("id").loc["d", "score"] == 0.0


def test_min_cues_needs_the_mentions_and_a_count():
    stance = score_stance(CORPUS, LEXICON)
    assert aggregate_stance(stance.articles, CORPUS)["n_cues"].isna().all()
    with pytest.raises(InvalidParameterError, match="StanceResult"):
        aggregate_stance(stance.articles, CORPUS, min_cues=2)
    with pytest.raises(InvalidParameterError, match="'min_cues'"):
        aggregate_stance(stance, CORPUS, min_cues=-1)
    with pytest.raises(InvalidParameterError, match="'min_cues'"):
        score_stance(CORPUS, LEXICON, min_cues=1.5)
