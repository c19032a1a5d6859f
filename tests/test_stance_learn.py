"""learn_lexicon: cues from coded examples, weights and z-scores, YAML, bad input."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from mediastudy import DataError, InvalidParameterError, learn_lexicon, load_lexicon, score_stance
from mediastudy.stance.learn import _fightin_words

EXAMPLES = pd.DataFrame({
    "text": ["A brave plan.", "Brave and fair.", "A fair plan."] * 3
            + ["A reckless plan.", "Reckless and costly.", "Costly, again."] * 3
            + ["The plan is out.", "News on the plan."] * 3,
    "stance": ["favor"] * 9 + ["against"] * 9 + ["none"] * 6,
})  # fmt: skip


def learn(examples=EXAMPLES, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return learn_lexicon(examples, **{"target": "plan", **kwargs})


def test_fightin_words_against_a_hand_computation():
    # "brave" in 6 of 9 pro texts, 0 of the other 15; prior 0.1 of its 6 texts = 0.6
    vocab, z, delta = _fightin_words(EXAMPLES["text"], ["pro"] * 9 + ["anti"] * 9 + ["none"] * 6,
                                     1, 1, 0.1)  # fmt: skip
    i = [k for k in range(len(z["pro"])) if vocab[k] == ("brave",)][0]
    # texts per word: pro "a brave plan", "brave and fair", "a fair plan"; anti "a reckless
    # plan", "reckless and costly", "costly again"; none "the plan is out", "news on the plan"
    total = {"a": 9, "brave": 6, "plan": 15, "and": 6, "fair": 6, "reckless": 6, "costly": 6,
             "again": 3, "the": 6, "is": 3, "out": 3, "news": 3, "on": 3}  # fmt: skip
    n_all = sum(total.values())
    pro_all = 6 + 6 + 6 + 3 + 6  # a, brave, plan, and, fair among the pro texts
    alpha = 0.6
    alpha0 = 0.1 * n_all
    d = math.log((6 + alpha) / (pro_all + alpha0 - 6 - alpha)) - math.log(
        (0 + alpha) / (n_all - pro_all + alpha0 - 0 - alpha)
    )
    zz = d / math.sqrt(1 / (6 + alpha) + 1 / (0 + alpha))
    assert delta["pro"][i] == pytest.approx(d)
    assert z["pro"][i] == pytest.approx(zz)


def test_learns_pro_and_anti_cues_with_weight_and_z():
    lex = learn(ngram=1, z_threshold=2)
    frame = lex.to_frame()
    assert dict(zip(frame["cue"], frame["polarity"], strict=True)) == {
        "brave": "pro", "fair": "pro", "reckless": "anti", "costly": "anti"}  # fmt: skip
    assert (frame["target"] == "plan").all()
    assert (frame["weight"] > 0).all() and (frame["z"] >= 2).all()
    assert list(lex.targets["plan"].aliases) == ["plan"]


def test_phrases_and_min_count():
    lex = learn(ngram=2, z_threshold=1.0)
    assert "a brave" in set(lex.to_frame()["cue"])
    assert "a brave" not in set(learn(ngram=1, z_threshold=1.0).to_frame()["cue"])
    assert len(learn(min_count=10).cues) == 0


def test_cues_naming_the_target_are_dropped_with_a_note():
    with pytest.warns(UserWarning, match="name the target 'plan'.*brave plan"):
        lex = learn_lexicon(EXAMPLES, target="plan", z_threshold=1.0)
    assert not [c for c in lex.cues if "plan" in c.text.split()]


def test_negators_are_not_cues():
    examples = pd.DataFrame({"text": ["not good", "not fine", "not great"] * 3 + ["yes good"] * 9,
                             "stance": ["against"] * 9 + ["favor"] * 9})  # fmt: skip
    cues = set(learn(examples, target="x", ngram=1, z_threshold=0.5).to_frame()["cue"])
    assert "not" not in cues and "yes" in cues


def test_learned_lexicon_scores_and_round_trips_through_yaml(tmp_path):
    lex = learn(z_threshold=1.0)
    path = tmp_path / "learned.yaml"
    lex.to_yaml(path)
    again = load_lexicon(path)
    pd.testing.assert_frame_equal(again.to_frame(), lex.to_frame())
    corpus = pd.DataFrame({"id": [1, 2], "text": ["Brave and fair!", "So costly."]})
    a = score_stance(corpus, lex, scope="article", require_mention=False).articles
    b = score_stance(corpus, again, scope="article", require_mention=False).articles
    pd.testing.assert_frame_equal(a, b)
    assert a["score"].iloc[0] > 0 > a["score"].iloc[1]


def test_yaml_is_read_safely(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("targets: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    with pytest.raises(Exception, match="YAML|targets"):
        load_lexicon(path)


def test_extends_a_hand_written_lexicon_unchanged():
    hand = {"targets": {"plan": {"aliases": ["plan", "the scheme"]}},
            "cues": {"pro": ["brave", {"cue": "bold", "weight": 2}]}, "negators": ["not"]}  # fmt: skip
    lex = learn(lexicon=hand, z_threshold=1.0)
    frame = lex.to_frame()
    brave = frame[frame["cue"] == "brave"]
    assert len(brave) == 1 and brave["target"].isna().all() and brave["z"].isna().all()
    bold = frame[frame["cue"] == "bold"]
    assert bold["weight"].tolist() == [2.0]
    assert lex.targets["plan"].aliases == ("plan", "the scheme")
    assert lex.negators == frozenset({"not"})
    assert "fair" in set(frame["cue"])


def test_two_way_coding_and_custom_labels():
    two = EXAMPLES[EXAMPLES["stance"] != "none"]
    assert len(learn(two, z_threshold=1.0).cues) > 0
    coded = EXAMPLES.assign(code=EXAMPLES["stance"].map({"favor": 1, "against": -1, "none": 0}))
    lex = learn(coded, label_column="code", labels={1: "pro", -1: "anti", 0: None}, z_threshold=1.0)
    assert {"brave", "reckless"} <= set(lex.to_frame()["cue"])


def test_examples_are_not_modified():
    before = EXAMPLES.copy()
    learn()
    pd.testing.assert_frame_equal(EXAMPLES, before)


@pytest.mark.parametrize(
    ("examples", "kwargs", "match"),
    [
        (EXAMPLES.assign(stance="favor"), {}, "only one class"),
        (EXAMPLES[EXAMPLES["stance"] != "against"], {}, "no example is coded 'anti'"),
        (EXAMPLES.assign(stance=EXAMPLES["stance"].replace("none", "maybe")), {},
         "outside the coding scheme: 'maybe'"),
        (EXAMPLES.assign(stance=EXAMPLES["stance"].replace("none", np.nan)), {},
         "outside the coding scheme: nan"),
        (EXAMPLES, {"labels": {"favor": "pro", "against": "anti", "none": None, "mixed": None}},
         "no example is coded 'mixed'"),
        (EXAMPLES.assign(text=[""] + EXAMPLES["text"].tolist()[1:]), {}, "1 example.*empty"),
    ],
)
def test_bad_examples_raise_data_errors(examples, kwargs, match):
    with pytest.raises(DataError, match=match):
        learn(examples, **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [({"ngram": 0}, "ngram"), ({"min_count": 1.5}, "min_count"), ({"z_threshold": 0}, "z_threshold"),
     ({"prior": -1}, "prior"), ({"top_n": 0}, "top_n"), ({"target": ""}, "target"),
     ({"labels": {"favor": "yes"}}, "labels")],
)
def test_bad_parameters(kwargs, param):
    with pytest.raises(InvalidParameterError) as info:
        learn(**kwargs)
    assert info.value.param == param


@pytest.mark.corpora
def test_learned_cues_beat_chance_on_semeval(corpora):
    sem = pd.read_csv(corpora / "semeval2016_stance_dev.csv")
    sem = sem[sem["target"] == "Legalization of Abortion"].reset_index(drop=True)
    train, test = sem.iloc[::2], sem.iloc[1::2]
    lex = learn(train, target="Legalization of Abortion")
    assert 50 < len(lex.cues) <= 2000
    scores = score_stance(test.assign(id=test.index), lex, scope="article",
                          require_mention=False).articles["score"].to_numpy()  # fmt: skip
    truth = test["stance"].to_numpy()
    # the learned scores lean the right way: mean score of favour texts above against texts
    assert scores[truth == "FAVOR".lower()].mean() > scores[truth == "against"].mean() + 0.2
