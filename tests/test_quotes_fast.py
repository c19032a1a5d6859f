"""The shortcuts of extract_quotes give the answers of the general code they stand in for.

Each shortcut answers the common cases and leaves the rest to the general code; here the
answers with the shortcut are compared with those of the general code alone, at every word
of hand-written edge cases and of real articles.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from mediastudy.quotes import _phrases
from mediastudy.quotes._before import UNSURE, speaker_before
from mediastudy.quotes._phrases import Doc, _subject_before

NAME_TEXTS = [
    "Trump said it. Donald Trump said so. Secretary of State John Kerry said no.",
    "Then Trump said it, and Mr Smith said, the White House said, a spokesman for Hamas said.",
    "Officials said. The Officials said. He said. Also Trump said. Monday Trump said.",
    "On Monday Trump said; (D-N.Y.) Schumer said. \u201cYes\u201d Biden said \u2014 Obama said.",
    "Sen. Chuck Schumer said, U.S. President Joe Biden said, Jos\u00e9 Garc\u00eda said.",
    "x  Trump said, x\nTrump said, x -- Trump said, 'Trump said, van der Berg said.",
    "A Trump said. An Trump said. For Trump said. the Trump said. of Trump said.",
    "Trump also said. Trump has also said. She has said. Trump on Monday said. Trump Monday "
    "said. Trump, on Monday said. On Monday said. the Greek coast guard said. Local officials "
    "said, the narrator wrote, one of the women wrote, a young man said, the time said.",
    "Trump's statement said, Kavanaugh\u2019s lawyers said, O'Rourke said, \u2019s said.",
    "x.\n\nDonald Tusk has said. x.\n\"Sen. Rand Paul said. x. \u201cDr. Hill also said. "
    "Mr. Obama said. It was 18. Richardson said. The Prime Minister said. the Missourian "
    "said, for the White House said. Harris, D-Calif., said. (Schumer said. x\r\nTrump said.",
    "Paul D. Ryan said. U.S. officials said. He told reporters. Who said. which said. who "
    "said, 2016 said. F16 said. a 2016 report said. Analysts also said. that said.",
    " Trump said at the start, Trump Trump Trump Trump Trump Trump Trump Trump Trump Trump "
    "Trump Trump Trump Trump Trump said, and Mr Mrs Ms Jones said, Mr said.",
    # a clause stop just before the space before the cue; lower-case contractions
    '\u201cIt is over,\u201d said x, "No," says y, info: report, Why? said. Go! says; x; said '
    '"said \u201csaid \u201dsaid x\n said (x) said ,\u201d said \u201c said x" said',
    # months before names, adverbs before cues, words that open sentences
    "In April Romney said, end of January Latinos say, In May Theresa May said, April Ryan said. "
    "the minister falsely said, Sally Kelly said, The family said, x early said, Mr. Smith angrily "
    "said, the ministry formally announced, Once Trump said. Like Obama said, Eventually Jo Li said.",
    "they don't say, he didn\u2019t say, he'd say, They're said, o'clock said, he's said, "
    "ma'am said, rock'n'roll said, don'\u2019t said, don't- said, don''t said, US'd said, "
    "don\u2019T said, 'don't said, don't' said, (didn't say, x\ndon't say",
]


def answers(text, general_only, monkeypatch):
    """_subject_before at every word start after a space (as if a cue started there)."""
    if general_only:
        monkeypatch.setattr(_phrases, "speaker_before", lambda *args: UNSURE)
    doc = Doc(text)
    got = [(_subject_before(doc, m.start(), 0, False), _subject_before(doc, m.start(), 0, True))
           for m in re.finditer(r"(?<= )\w", text)]
    monkeypatch.undo()
    return got


def check_same(texts, monkeypatch):
    for text in texts:
        assert answers(text, False, monkeypatch) == answers(text, True, monkeypatch), text[:80]


def test_speakers_before_a_cue_as_the_token_walk_finds_them(monkeypatch):
    check_same(NAME_TEXTS, monkeypatch)


def test_the_shortcut_answers_the_common_speakers_and_leaves_the_rest():
    def at(text, cue="said"):
        doc = Doc(text)
        cs = text.index(" " + cue) + 1
        return speaker_before(doc, text.rfind(" ", 0, cs - 1), cs, 0, False)

    text = "In 2016, Foreign Minister Sergey Lavrov said no."
    assert at(text) == (text.index("Foreign"), text.index(" said"), "name")
    assert at("Later, Mr Smith said it.")[:2] == (10, 15)  # "Mr" is dropped, as by the walk
    assert at("x.\n\nthe White House also said") == (4, 19, "name")
    assert at("x, she has said") == (3, 6, "pron")
    assert at("x, the Greek coast guard spokesman said") == (3, 34, "desc")
    assert at("x, officials said") == (3, 12, "desc")
    assert at("x, Trump's said") is None  # (the token walk's answer: a noun here)
    assert at('"It is over," said') is None  # (the cue's clause starts after the mark)
    assert at("they don\u2019t say", "say") is None
    for unsure in ("a spokesman for Hamas said", "a spokesman for the White House said",
                   "Officials said", "it. Sen. Chuck Schumer said", "x -- Trump said",
                   "x  Trump said", "x, who said", "U.S. officials said", "x, Trump's aides said"):
        assert at(unsure) is UNSURE, unsure


@pytest.mark.corpora
def test_real_articles_give_the_answers_of_the_token_walk(corpora, monkeypatch):
    corpus = pd.read_parquet(corpora / "allsides_news.parquet", columns=["text"])
    check_same(corpus["text"].dropna().sample(n=60, random_state=2).tolist(), monkeypatch)


@pytest.mark.parametrize("n_rows", [0, 1, 3])
def test_the_table_is_built_as_plain_columns_would_build_it(n_rows):
    # the numbers go straight into arrays, the missing speaker offsets into a mask
    from mediastudy.quotes.extract import QUOTE_COLUMNS, _frame

    rows = [("a1", "We will.", 10, 18, True, "Sergey Lavrov", 0, 6, "said", "after", 0.9),
            ("a1", "no", 30, 32, True, None, None, None, None, "unattributed", 0.3),
            ("b2", "It is over.", 5, 16, False, "NATO", 20, 24, "said", "reported", 0.7)][:n_rows]
    got = _frame(rows, pd.Series(["x"]).dtype)
    names = ["id", "quote", "start", "end", "direct", "speaker", "speaker_start", "speaker_end",
             "cue", "rule", "confidence"]
    dtypes = {"id": pd.Series(["x"]).dtype if n_rows == 0 else None, "start": "int64",
              "end": "int64", "direct": bool, "speaker_start": "Int64", "speaker_end": "Int64",
              "confidence": "float64"}
    plain = pd.DataFrame({name: pd.Series([r[k] for r in rows], dtype=dtypes.get(name, object))
                          for k, name in enumerate(names)})[QUOTE_COLUMNS]
    pd.testing.assert_frame_equal(got, plain)
    assert got["speaker_start"].isna().tolist() == [r[6] is None for r in rows]
