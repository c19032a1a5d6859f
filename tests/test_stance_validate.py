"""validate_stance: measures against a hand count, thresholds, bootstrap, plot, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mediastudy import (
    DataError,
    InvalidParameterError,
    SchemaError,
    StanceValidation,
    learn_lexicon,
    plot_validation,
    sample_evidence,
    score_stance,
    validate_stance,
    validation_table,
)
from mediastudy.stance.validate import best_threshold

SCORES = pd.DataFrame({"id": [1, 2, 3, 4, 5, 6, 7, 8],
                       "score": [0.5, 0.6, -0.5, 0.2, 0.0, np.nan, -0.7, 0.4]})  # fmt: skip
CODED = pd.DataFrame({"id": [1, 2, 3, 4, 5, 6, 7, 8],
                      "code": ["favor", "favor", "against", "against", "none", "none",
                               "against", "none"]})  # fmt: skip


def measure(val: StanceValidation, metric: str, label: str = "") -> float:
    m = val.metrics
    return float(m.loc[(m["metric"] == metric) & (m["label"] == label), "value"].iloc[0])


def test_measures_against_a_hand_count():
    val = validate_stance(SCORES, CODED, threshold=0.3, n_boot=0)
    # predicted: pro pro anti none none none(unscored) anti pro
    assert val.confusion.loc["pro"].tolist() == [2, 0, 0]
    assert val.confusion.loc["anti"].tolist() == [0, 2, 1]
    assert val.confusion.loc["none"].tolist() == [1, 0, 2]
    assert measure(val, "precision", "pro") == pytest.approx(2 / 3)
    assert measure(val, "recall", "pro") == 1.0
    assert measure(val, "f1", "anti") == pytest.approx(0.8)
    assert measure(val, "macro_f1") == pytest.approx((0.8 + 0.8) / 2)
    assert measure(val, "accuracy") == pytest.approx(6 / 8)
    assert measure(val, "coverage") == pytest.approx(7 / 8)
    assert val.threshold == (-0.3, 0.3) and not val.threshold_chosen
    assert val.items["predicted"].tolist()[:6] == ["pro", "pro", "anti", "none", "none", "none"]


def test_pair_threshold():
    val = validate_stance(SCORES, CODED, threshold=(-0.1, 0.45), n_boot=0)
    assert val.items["predicted"].tolist() == ["pro", "pro", "anti", "none", "none", "none",
                                               "anti", "none"]  # fmt: skip


def test_bootstrap_intervals_hold_the_value_and_are_seeded():
    a = validate_stance(SCORES, CODED, threshold=0.3, n_boot=300, random_state=1)
    b = validate_stance(SCORES, CODED, threshold=0.3, n_boot=300, random_state=1)
    c = validate_stance(SCORES, CODED, threshold=0.3, n_boot=300, random_state=2)
    pd.testing.assert_frame_equal(a.metrics, b.metrics)
    assert not a.metrics["ci_low"].equals(c.metrics["ci_low"])
    m = a.metrics.dropna()
    assert (m["ci_low"] <= m["value"] + 1e-12).all() and (m["value"] <= m["ci_high"] + 1e-12).all()
    assert (m["ci_high"] - m["ci_low"] > 0).any()


def test_best_threshold_is_chosen_and_cross_validated():
    rng = np.random.default_rng(0)
    y = np.repeat(["favor", "against", "none"], 30)
    centre = {"favor": 0.5, "against": -0.5, "none": 0.0}
    s = np.array([centre[v] for v in y]) + rng.normal(0, 0.15, len(y))
    val = validate_stance(pd.DataFrame({"id": range(90), "score": s}),
                          pd.DataFrame({"id": range(90), "code": y}), threshold="best", n_boot=0)  # fmt: skip
    lo, hi = val.threshold
    assert -0.45 < lo < -0.05 and 0.05 < hi < 0.45
    assert val.threshold_chosen and "cross-validated" in repr(val)
    assert measure(val, "macro_f1") > 0.8


def test_best_threshold_by_hand():
    assert best_threshold([0.5, 0.1, -0.4, -0.05], ["pro", "none", "anti", "none"]) == (-0.225, 0.3)


def test_coded_sample_from_sample_evidence_with_targets():
    corpus = pd.DataFrame({"id": ["a", "b", "c"], "text": ["NATO is reckless.", "NATO is defensive.",
                                                           "EU is reckless."]})  # fmt: skip
    lexicon = {"targets": {"NATO": ["NATO"], "EU": ["EU"]},
               "cues": {"pro": ["defensive"], "anti": ["reckless"]}}  # fmt: skip
    stance = score_stance(corpus, lexicon)
    sample = sample_evidence(stance, 10, random_state=0)
    coded = sample.assign(code=sample["id"].map({"a": "against", "b": "favor", "c": "favor"}))
    before = coded.copy()
    val = validate_stance(stance, coded, n_boot=0)
    pd.testing.assert_frame_equal(coded, before)
    assert measure(val, "accuracy") == pytest.approx(2 / 3)
    only = validate_stance(stance, coded, target="NATO", n_boot=0)
    assert measure(only, "accuracy") == 1.0 and len(only.items) == 2


def test_plot_draws_every_measure():
    val = validate_stance(SCORES, CODED, threshold=0.3, n_boot=100)
    ax = plot_validation(val)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "coverage" and labels[-1] == "precision (pro)"
    assert len(labels) == len(validation_table(val)) == 12
    assert ax.containers  # the error bars
    ax2 = plot_validation(validation_table(val), color="red")
    assert ax2 is ax


def test_validation_of_learned_lexicon_on_semeval_like_data():
    texts = ["great plan"] * 10 + ["awful plan"] * 10 + ["a plan"] * 10
    codes = ["favor"] * 10 + ["against"] * 10 + ["none"] * 10
    examples = pd.DataFrame({"id": range(30), "text": texts, "stance": codes})
    with pytest.warns(UserWarning):
        lex = learn_lexicon(examples, target="plan")
    stance = score_stance(examples, lex, scope="article", require_mention=False)
    val = validate_stance(stance, examples, label_column="stance", n_boot=0)
    assert measure(val, "macro_f1") == 1.0


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"threshold": -1}, InvalidParameterError, "'threshold'"),
        ({"threshold": (0.5, -0.5)}, InvalidParameterError, "lo <= hi"),
        ({"threshold": "auto"}, InvalidParameterError, "'best'"),
        ({"n_boot": -1}, InvalidParameterError, "'n_boot'"),
        ({"ci": 95}, InvalidParameterError, "'ci'"),
        ({"label_column": "label"}, SchemaError, "label"),
    ],
)
def test_bad_parameters(kwargs, error, match):
    with pytest.raises(error, match=match):
        validate_stance(SCORES, CODED, **kwargs)


def test_bad_codes_and_too_few_items():
    with pytest.raises(DataError, match="outside the coding scheme: 'maybe'"):
        validate_stance(SCORES, CODED.assign(code="maybe"))
    with pytest.raises(DataError, match="no rows"):
        validate_stance(SCORES, CODED.iloc[:0])
    with pytest.raises(DataError, match="at least 10 coded items"):
        validate_stance(SCORES, CODED, threshold="best")
    two = pd.concat([SCORES.assign(target="A"), SCORES.assign(target="B")])
    with pytest.raises(InvalidParameterError, match="several targets"):
        validate_stance(two, CODED)
    with pytest.raises(InvalidParameterError, match="no scores for 'C'"):
        validate_stance(two, CODED, target="C")
