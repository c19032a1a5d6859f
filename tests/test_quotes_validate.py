"""validate_quotes: extracted quotes scored against hand-coded attributions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mediastudy import InvalidParameterError, SchemaError, extract_quotes, validate_quotes

TEXT = ('"We will respond," Lavrov said. Peskov said talks were over. It rained. '
        'The mayor, who spoke late, thanked the crews.')


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _gold(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["id", "start", "end", "direct", "speaker_start", "speaker_end"])


def _value(table: pd.DataFrame, metric: str, label: str) -> float:
    return float(table.set_index(["metric", "label"]).loc[(metric, label), "value"])


def test_found_speaker_and_precision_count_what_they_say():
    quotes = extract_quotes(pd.DataFrame({"id": ["a"], "text": [TEXT]}))
    gold = _gold([
        ("a", *_span(TEXT, "We will respond"), True, *_span(TEXT, "Lavrov")),
        ("a", *_span(TEXT, "talks were over"), False, *_span(TEXT, "Peskov")),
        # a coded attribution the rules cannot find ("thanked" is no reporting verb here)
        ("a", *_span(TEXT, "the crews"), False, *_span(TEXT, "The mayor")),
    ])
    table = validate_quotes(quotes, gold, n_boot=0)
    assert _value(table, "found", "direct") == 1.0 and _value(table, "speaker", "direct") == 1.0
    assert _value(table, "found", "reported") == 0.5 and _value(table, "speaker", "reported") == 0.5
    assert _value(table, "precision", "") == 1.0
    assert table["n"].tolist() == [1, 2, 1, 2, 1, 2, len(quotes)]
    # the speaker span of the wrong person: found, speaker wrong
    wrong = gold.assign(speaker_start=gold["speaker_start"].where(gold.index != 0, 32),
                        speaker_end=gold["speaker_end"].where(gold.index != 0, 38))
    table = validate_quotes(quotes, wrong, n_boot=0)
    assert _value(table, "found", "direct") == 1.0 and _value(table, "speaker", "direct") == 0.0


def test_a_row_on_no_coded_words_lowers_precision_and_uncoded_speakers_count_only_there():
    quotes = extract_quotes(pd.DataFrame({"id": ["a"], "text": [TEXT]}))
    only_first = _gold([("a", *_span(TEXT, "We will respond"), True, *_span(TEXT, "Lavrov"))])
    table = validate_quotes(quotes, only_first, n_boot=0)
    assert _value(table, "precision", "") == pytest.approx(1 / len(quotes))
    # coded words without a written speaker: not in found's count, but the row is no longer wrong
    more = pd.concat([only_first, _gold([("a", *_span(TEXT, "talks were over"), False, None, None)])])
    table = validate_quotes(quotes, more, n_boot=0)
    assert table.set_index(["metric", "label"]).loc[("found", "reported"), "n"] == 0
    assert np.isnan(_value(table, "found", "reported"))
    assert _value(table, "precision", "") == pytest.approx(2 / len(quotes))


def test_words_in_pieces_are_one_attribution():
    text = '"We will respond," Lavrov said, "and soon."'
    quotes = extract_quotes(pd.DataFrame({"id": ["a"], "text": [text]}))
    pieces = pd.DataFrame({"id": ["a", "a"], "attribution": [7, 7],
                           "start": [_span(text, "We will respond")[0], _span(text, "and soon.")[0]],
                           "end": [_span(text, "We will respond")[1], _span(text, "and soon.")[1]],
                           "direct": [True, True], "speaker_start": [19, 19], "speaker_end": [25, 25]})
    table = validate_quotes(quotes, pieces, n_boot=0)
    assert table.set_index(["metric", "label"]).loc[("found", "direct"), "n"] == 1
    assert _value(table, "found", "direct") == 1.0 and _value(table, "speaker", "direct") == 1.0


def test_intervals_come_from_resampled_articles_and_the_seed():
    texts = [TEXT.replace("Lavrov", name) for name in ["Lavrov", "Ivanov", "Petrov", "Orlov"]]
    corpus = pd.DataFrame({"id": list("abcd"), "text": texts})
    quotes = extract_quotes(corpus)
    gold = _gold([(i, *_span(t, "talks were over"), False, *_span(t, "Peskov"))
                  for i, t in zip("abcd", texts, strict=True)]
                 + [("a", *_span(texts[0], "the crews"), False, *_span(texts[0], "The mayor"))])
    one = validate_quotes(quotes, gold, n_boot=200, random_state=3)
    pd.testing.assert_frame_equal(one, validate_quotes(quotes, gold, n_boot=200, random_state=3))
    row = one.set_index(["metric", "label"]).loc[("found", "reported")]
    assert row["ci_low"] <= row["value"] <= row["ci_high"] and row["ci_low"] < row["ci_high"]


@pytest.mark.parametrize(
    ("gold", "match"),
    [
        (pd.DataFrame({"id": ["a"], "start": [5], "end": [2], "direct": [True]}), "start <= end"),
        (pd.DataFrame({"id": ["a"], "start": ["x"], "end": [2], "direct": [True]}), "whole-number"),
        (pd.DataFrame({"id": ["a"], "start": [1.5], "end": [2], "direct": [True]}), "whole-number"),
        (pd.DataFrame({"id": ["a"], "start": [1], "end": [2], "direct": [True],
                       "speaker_start": [3]}), "not its pair"),
        (pd.DataFrame({"id": ["a", "a"], "attribution": [1, 1], "start": [1, 5], "end": [2, 9],
                       "direct": [True, False], "speaker_start": [19, 19], "speaker_end": [25, 25]}),
         "direct True and False"),
        (pd.DataFrame({"id": ["zz"], "start": [1], "end": [2], "direct": [True],
                       "speaker_start": [3], "speaker_end": [4]}), "no article id"),
        (pd.DataFrame({"id": ["a"], "start": [1], "end": [2], "direct": ["yes"]}), "'direct'"),
        (pd.DataFrame({"id": ["a"], "start": [1], "end": [2]}), "direct"),
    ],
)
def test_bad_gold_is_named(gold, match):
    quotes = extract_quotes(pd.DataFrame({"id": ["a"], "text": [TEXT]}))
    with pytest.raises(SchemaError, match=match):
        validate_quotes(quotes, gold)


def test_bad_options_are_named():
    quotes = extract_quotes(pd.DataFrame({"id": ["a"], "text": [TEXT]}))
    gold = _gold([("a", 1, 16, True, 19, 25)])
    with pytest.raises(InvalidParameterError, match="'ci'"):
        validate_quotes(quotes, gold, ci=95)
    with pytest.raises(InvalidParameterError, match="n_boot"):
        validate_quotes(quotes, gold, n_boot=-1)


def test_ids_are_compared_as_text_and_missing_attributions_are_rows_of_their_own():
    quotes = extract_quotes(pd.DataFrame({"id": [7], "text": [TEXT]}))  # int ids
    coded = _gold([("7", *_span(TEXT, "We will respond"), True, *_span(TEXT, "Lavrov")),
                   ("7", *_span(TEXT, "talks were over"), False, *_span(TEXT, "Peskov"))])
    coded["attribution"] = pd.array([pd.NA, pd.NA], dtype="Int64")  # not one attribution
    table = validate_quotes(quotes, coded, n_boot=0)
    assert table["n"].tolist()[:2] == [1, 1]
    assert _value(table, "found", "direct") == 1.0 and _value(table, "found", "reported") == 1.0


def test_a_row_far_longer_than_the_coded_words_is_found_but_not_matched():
    text = 'He spoke. Lavrov said talks were over. ' + "More words follow here. " * 20
    quotes = pd.DataFrame({"id": ["a"], "start": [_span(text, "talks")[0]], "end": [len(text)],
                           "speaker_start": [10], "speaker_end": [16]})
    coded = _gold([("a", *_span(text, "talks were over"), False, 10, 16)])
    table = validate_quotes(pd.concat([quotes, quotes]), coded, n_boot=0)  # duplicates count once
    assert _value(table, "found", "reported") == 1.0 and _value(table, "matched", "reported") == 0.0
    assert _value(table, "speaker", "reported") == 1.0
    assert table["n"].tolist()[-1] == 1


def test_rows_of_uncoded_articles_are_counted_with_a_warning():
    corpus = pd.DataFrame({"id": ["a", "b"], "text": [TEXT, TEXT]})
    quotes = extract_quotes(corpus)
    coded = _gold([("a", *_span(TEXT, "We will respond"), True, *_span(TEXT, "Lavrov"))])
    with pytest.warns(UserWarning, match=r"row\(s\) of 'quotes' are from articles with no coded"):
        table = validate_quotes(quotes, coded, n_boot=0)
    assert table["n"].tolist()[-1] == len(quotes)


def test_one_long_article_is_not_quadratic():
    # 4,000 rows and 4,000 coded spans in one article: rows are looked up by position
    quotes = pd.DataFrame({"id": "a", "start": np.arange(4000) * 10, "end": np.arange(4000) * 10 + 8,
                           "speaker_start": np.arange(4000) * 10 + 8,
                           "speaker_end": np.arange(4000) * 10 + 9})
    coded = _gold([("a", i * 10, i * 10 + 8, i % 2 == 0, i * 10 + 8, i * 10 + 9) for i in range(4000)])
    from mediastudy.quotes import validate

    calls = {"n": 0}
    real = validate._overlap

    def counted(a, b):
        calls["n"] += 1
        return real(a, b)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "_overlap", counted)
        table = validate_quotes(quotes, coded, n_boot=0)
    assert table["value"].tolist() == [1.0] * 7
    assert calls["n"] < 100_000  # every row against every span would be 16 million


def test_coded_from_records_repeats_the_words_beside_each_piece_of_the_speaker():
    from mediastudy.quotes.validate import coded_from_records

    records = [{"id": "a", "attributions": [
        {"content": {"spans": [[1, 16]]}, "source": {"spans": [[19, 22], [23, 25]]}, "direct": True},
        {"content": {"spans": [[44, 59]]}, "source": None, "direct": False},
        {"content": {"spans": []}, "source": {"spans": [[0, 1]]}, "direct": False},
    ]}]
    coded = coded_from_records(records)
    assert coded[["attribution", "start", "end", "speaker_start"]].astype(object).values.tolist() == [
        [0, 1, 16, 19], [0, 1, 16, 23], [1, 44, 59, pd.NA]]
