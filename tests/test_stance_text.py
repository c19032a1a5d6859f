"""Sentence splitting, tokenising and quote finding used by score_stance."""

from __future__ import annotations

import pytest

from mediastudy.text.sentences import normalize_token, quote_spans, sentence_spans, split_sentences, tokenize


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Gen. Smith spoke. Sen. Jones left.", ["Gen. Smith spoke.", "Sen. Jones left."]),
        ("Mr. and Mrs. Li met Dr. Ng. They ate.", ["Mr. and Mrs. Li met Dr. Ng.", "They ate."]),
        ("U.S. officials met. They agreed.", ["U.S. officials met.", "They agreed."]),
        ("The U.S. Army came. It left.", ["The U.S. Army came.", "It left."]),
        ("Sanctions by the U.S. The EU agreed.", ["Sanctions by the U.S.", "The EU agreed."]),
        ("He works at 9 a.m. The office opens.", ["He works at 9 a.m.", "The office opens."]),
        ("Prices rose 3.5% to $1,200.50. Then fell.", ["Prices rose 3.5% to $1,200.50.", "Then fell."]),
        ("It was 3.5. Fine.", ["It was 3.5.", "Fine."]),
        ("No. 10 said no. Then it left.", ["No. 10 said no.", "Then it left."]),
        ("On Jan. 5 it snowed. In Jan. The end.", ["On Jan. 5 it snowed.", "In Jan.", "The end."]),
        ("J. K. Rowling wrote it. Okay!", ["J. K. Rowling wrote it.", "Okay!"]),
        ("Really? Yes... Wow! Fine.", ["Really?", "Yes...", "Wow!", "Fine."]),
        ("“Stop!” he said. “NATO is bad,” she said.", ["“Stop!” he said.", "“NATO is bad,” she said."]),
        ('He said "NATO is reckless." Then he left.', ['He said "NATO is reckless."', "Then he left."]),
        ("It ended (finally.) Then more.", ["It ended (finally.)", "Then more."]),
        ("First paragraph\n\nsecond one starts low", ["First paragraph", "second one starts low"]),
        ("A line\nbroken mid-sentence. Next.", ["A line\nbroken mid-sentence.", "Next."]),
        ("  padded.   \n\n  ", ["padded."]),
        ("", []),
        ("Go. İzmir waited. Ébène too. über alles.", ["Go.", "İzmir waited.", "Ébène too. über alles."]),
        ("lower case after a stop. is not a new one.", ["lower case after a stop. is not a new one."]),
    ],
)  # fmt: skip
def test_split_sentences(text, sentences):
    assert split_sentences(text) == sentences


def test_sentence_spans_point_into_the_text():
    text = " One. Two?\n\nThree! "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["One.", "Two?", "Three!"]
    assert all(0 <= s < e <= len(text) for s, e in spans)


@pytest.mark.parametrize("mark", [".", "!", "?", "\u2026", ".!", "!."])
def test_sentence_spans_long_runs_of_marks_take_linear_time(mark):
    # each start inside a run used to take the rest of the run again: 40,000 dots took 20 s
    text = "It went on " + mark * 500_000 + " and on"
    assert sentence_spans(text) == [(0, len(text))]
    assert sentence_spans("He left" + mark * 500_000 + " Then") == [(0, 7 + len(mark) * 500_000), (
        8 + len(mark) * 500_000, 12 + len(mark) * 500_000)]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("The U.S. didn't pay.", ["The", "U.S.", "didn't", "pay", "."]),
        ("NATO's “shield”", ["NATO", "'s", "“", "shield", "”"]),
        ("Russia’s gas", ["Russia", "’s", "gas"]),
        ("missile-defence for $3.5bn", ["missile-defence", "for", "$", "3.5", "bn"]),
        ("1,000 people, 24/7, at 10:30, 5%", ["1,000", "people", ",", "24/7", ",", "at", "10:30", ",", "5%"]),
        ("O'Brien can't", ["O'Brien", "can't"]),
        ("Kyiv—Moscow", ["Kyiv", "—", "Moscow"]),
    ],
)  # fmt: skip
def test_tokenize(text, tokens):
    assert tokenize(text) == tokens


def test_normalize_token():
    assert normalize_token("Don’t") == "don't"
    assert normalize_token("NATO") == "nato"


def test_quote_spans_stay_in_a_paragraph():
    text = 'He said “no” and "yes".\n\nAn "unbalanced quote\nhere'
    assert [text[s:e] for s, e in quote_spans(text)] == ["“no”", '"yes"']
