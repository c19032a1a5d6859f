"""kwic and sample_evidence on hand-written fixtures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mediastudy import SchemaError, kwic, sample_evidence, score_stance

CORPUS = pd.DataFrame(
    {
        "id": ["a", "b", "c"],
        "text": [
            "Moscow says NATO threatens Russia. It threatened to respond in kind.",
            "The North Atlantic\nAlliance met. THREATENS is a shouted word.",
            "Nothing to see here.",
        ],
    }
)


def test_kwic_wildcard_and_context():
    out = kwic(CORPUS, "threaten*", window=2)
    assert list(out.columns) == ["id", "start", "end", "left", "match", "right"]
    assert out["match"].tolist() == ["threatens", "threatened", "THREATENS"]
    assert out["id"].tolist() == ["a", "a", "b"]
    first = out.iloc[0]
    assert (first["left"], first["right"]) == ("says NATO", "Russia. It")
    text = CORPUS.loc[0, "text"]
    assert text[first["start"] : first["end"]] == "threatens"
    assert out.iloc[2]["left"] == "Alliance met."  # words across line breaks


def test_kwic_case_and_phrases():
    assert kwic(CORPUS, "threaten*", case=True)["match"].tolist() == ["threatens", "threatened"]
    phrase = kwic(CORPUS, "north atlantic alliance", window=1)
    assert phrase["match"].tolist() == ["North Atlantic\nAlliance"]
    assert kwic(CORPUS, ["NATO", "Moscow"])["match"].tolist() == ["Moscow", "NATO"]
    assert kwic(CORPUS, "threat").empty  # whole words only


def test_kwic_regex_and_window_zero():
    out = kwic(CORPUS, r"threat\w+ed", regex=True, window=0)
    assert out["match"].tolist() == ["threatened"]
    assert out["left"].tolist() == [""] and out["right"].tolist() == [""]


def test_kwic_empty_result_keeps_columns_and_types():
    out = kwic(CORPUS, "sanctions")
    assert out.empty and list(out.columns) == ["id", "start", "end", "left", "match", "right"]


def test_kwic_does_not_modify_input():
    before = CORPUS.copy(deep=True)
    kwic(CORPUS, "NATO")
    pd.testing.assert_frame_equal(CORPUS, before)


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"pattern": ""}, ValueError, "'pattern' parameter of kwic"),
        ({"pattern": ["NATO", 3]}, ValueError, "'pattern' parameter of kwic"),
        ({"pattern": "(", "regex": True}, ValueError, "not a valid regular expression"),
        ({"pattern": "NATO", "window": -1}, ValueError, "'window' parameter of kwic"),
        ({"pattern": "NATO", "text_column": "body"}, SchemaError, "needs the column"),
    ],
)
def test_kwic_bad_arguments(kwargs, error, words):
    with pytest.raises(error, match=words):
        kwic(CORPUS, **kwargs)


@pytest.fixture
def evidence() -> pd.DataFrame:
    texts = [f"NATO is {'not ' if i % 3 == 0 else ''}reckless number {i}." for i in range(30)]
    texts += ["NATO met."] * 5
    corpus = pd.DataFrame({"id": [f"a{i:02d}" for i in range(35)], "text": texts})
    lexicon = {"targets": {"NATO": ["NATO"]}, "cues": {"anti": ["reckless"]}}
    mentions = score_stance(corpus, lexicon).mentions
    return mentions.assign(outlet=np.where(np.arange(len(mentions)) < 10, "X", "Y"))


def test_sample_is_reproducible_and_random(evidence):
    a = sample_evidence(evidence, 8, random_state=3)
    b = sample_evidence(evidence, 8, random_state=3)
    c = sample_evidence(evidence, 8, random_state=4)
    pd.testing.assert_frame_equal(a, b)
    assert a["id"].tolist() != c["id"].tolist()
    assert len(a) == 8 and a["id"].is_unique


def test_sample_flattens_lists_and_adds_coding_columns(evidence, tmp_path):
    sample = sample_evidence(evidence, 4, random_state=0)
    assert set(sample["polarities"]) <= {"pro", "anti"}
    assert set(sample["negated"]) <= {"True", "False"}
    assert (sample["code"] == "").all() and (sample["comment"] == "").all()
    path = tmp_path / "sample.csv"
    sample.to_csv(path, index=False)
    back = pd.read_csv(path)
    assert back["sentence"].tolist() == sample["sentence"].tolist()


def test_sample_only_rows_with_cues_unless_asked(evidence):
    assert len(sample_evidence(evidence, 100, random_state=0)) == 30
    everything = sample_evidence(evidence, 100, random_state=0, with_cues=False)
    assert len(everything) == 35


def test_sample_takes_random_state_by_keyword(evidence):
    # as every other function: sample_evidence(evidence, n, random_state=...)
    with pytest.raises(TypeError, match="positional argument"):
        sample_evidence(evidence, 3, 0)
    a = sample_evidence(evidence, 3, random_state=0)
    assert len(a) == 3


def test_sample_by_group(evidence):
    sample = sample_evidence(evidence, 4, random_state=0, by="outlet")
    assert sample.groupby("outlet").size().to_dict() == {"X": 4, "Y": 4}


def test_sample_does_not_modify_input_and_checks_n(evidence):
    before = evidence.copy(deep=True)
    sample_evidence(evidence, 3, random_state=0)
    pd.testing.assert_frame_equal(evidence, before)
    with pytest.raises(ValueError, match="'n' parameter of sample_evidence"):
        sample_evidence(evidence, -1)
