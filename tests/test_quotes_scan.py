"""The fast scans of extract_quotes find exactly what the plain Python scans find.

The cue candidates come from pyarrow's RE2 engine and are confirmed by Python; the full stops
of abbreviations are told at each sentence boundary looked up, and the start of a cue's clause
is searched back from the cue instead of one scan of the whole text.
Both are checked here against straightforward reference loops, on hand-written edge cases and
on real articles.
"""

from __future__ import annotations

import bisect
import re

import pandas as pd
import pytest

from mediastudy.quotes._attribute import _quote_pattern, attribute_text
from mediastudy.quotes._phrases import _clause_floor, _confirmed, find_sites
from mediastudy.quotes._scan import cue_candidates
from mediastudy.quotes._sentences import _BOUNDARY, Doc, _ends_no_sentence, _sentence_end
from mediastudy.quotes._words import _ABBREV, _CUE, _QUOTE

EDGE_TEXTS = [
    "",
    # a cue next to a character that is no ASCII: saidé is one word for Python, not RE2
    "He saidé it, ésaid, according toé x, according tol y, says—no, “said”, saidz.",
    "saidé",
    "said",
    "Lavrov said. He said: \u201cNo.\u201d",
    "Jos\u00e9said it; he said\u00e9 that, na\u00efve says, \u00fc said",
    "According to Mr. Smith, the U.S. plan failed, according to J. Doe.",
    "He pointed out that she went on to say it. Officials refer to it as said.",
    "a said\x01 b said",  # the mark character: scanned by Python instead
    "lone \ud800 surrogate said",  # cannot be encoded as UTF-8: scanned by Python
    "Mr.. Smith said. Mr . Jones said. A. B said. x  . Y said. U.S. Officials said.",
    "A. Trump said. No. 5 said. Gen. Milley said.  . The end.",
    ". said",
    '"Yes," he said. "No \u201d" she said.',  # straight opening marks only
    '\u201cYes,\u201d he said. \u201cNo" she said. "',  # both kinds
    # runs of end marks, closing marks and line breaks after them
    "Why?! He left...\n\nNo!\" She? (Yes.) 'A.' B.) C?\u201d\u2019 D!* E\n.\n? F",
    "a.b. C! ?D ?? E .\n\n\n!. G?.\u201d\n H",
]


def reference_bounds(text):
    """The sentence-boundary scan as first written: one Python check per match."""
    after, starts = [], []
    for m in _BOUNDARY.finditer(text):
        s = m.start()
        if m.group()[0] == ".":
            word = text[max(0, s - 8):s].rsplit(None, 1)
            if word and word[-1].lower().rstrip(".") in _ABBREV:
                continue
        after.append(m.end())
        starts.append(s)
    return after, starts


# the clause stops as one pattern over the whole text (how they were first found)
_CLAUSE_STOP_RE = re.compile(r"[!?;:\"\u201c\u201d\n.](?:(?<!\.)|(?=\s[\"\u201cA-Z]))")


def reference_stops(text):
    out = []
    for m in _CLAUSE_STOP_RE.finditer(text):
        s = m.start()
        if text[s] == ".":
            word = text[max(0, s - 6):s].rsplit(None, 1)
            if word and (word[-1].lower() in _ABBREV or len(word[-1]) == 1):
                continue
        out.append(m.end())
    return out


def kept_bounds(doc):
    after, starts = doc.bounds()
    keep = [i for i, s in enumerate(starts) if not _ends_no_sentence(doc, s)]
    return [after[i] for i in keep], [starts[i] for i in keep]


def reference_floors(text):
    """The clause start for a cue at every position: the end of the last stop at most 220
    characters back."""
    stops = reference_stops(text)
    out = []
    for cs in range(len(text) + 1):
        start = max(0, cs - 220)
        i = bisect.bisect_right(stops, cs) - 1
        out.append(stops[i] if i >= 0 and stops[i] > start else start)
    return out


def cues(text, candidates):
    return [(s.cs, s.ce, s.ss, s.se, s.kind) for s in find_sites(Doc(text), candidates=candidates)]


def check_same(texts):
    for text, got in zip(texts, cue_candidates(texts), strict=True):
        doc = Doc(text)
        # found one end mark at a time, the boundaries are those of the one pattern
        matches = [m.span() for m in _BOUNDARY.finditer(text)]
        assert doc.bounds() == ([e for _, e in matches], [s for s, _ in matches]), text[:80]
        assert kept_bounds(doc) == reference_bounds(text), text[:80]
        floors = [_clause_floor(doc, cs, 0) for cs in range(len(text) + 1)]
        assert floors == reference_floors(text), text[:80]
        assert cues(text, got) == cues(text, None), text[:80]
        quotes = [m.span() for m in _quote_pattern(text).finditer(text)]
        assert quotes == [m.span() for m in _QUOTE.finditer(text)], text[:80]
        if got is not None:
            confirmed = [p for p in got[::2] if _CUE.match(text, p)]
            assert confirmed == [m.start() for m in _CUE.finditer(text)], text[:80]
            # RE2's spans taken as they are between ASCII characters, Python's match elsewhere
            spans = [m.span() for m in _CUE.finditer(text)]
            assert list(_confirmed(doc, 0, len(text), got)) == spans, text[:80]
        assert attribute_text(text, got) == attribute_text(text), text[:80]


def test_edge_cases_match_the_plain_scans():
    check_same(EDGE_TEXTS)


def test_fallback_to_python_when_pyarrow_cannot_take_a_text():
    assert cue_candidates(["a said\x01 b said", "he said"]) == [None, [3, 7]]
    assert cue_candidates(["lone \ud800 surrogate said", "he said"]) == [None, None]
    assert cue_candidates([]) == []


def test_unicode_word_characters_are_no_boundary():
    # RE2's \b is ASCII-only: it proposes 'said' in 'Jos\u00e9said', Python's pattern refuses it
    text = "Jos\u00e9said it, he said\u00e9 so, \u00fc said"
    (got,) = cue_candidates([text])
    assert len(got[::2]) > len(list(_CUE.finditer(text)))
    assert cues(text, got) == cues(text, None)
    # (a lone surrogate sends the whole pyarrow call to Python: the edge cases without it)
    check_same([t for t in EDGE_TEXTS if "\ud800" not in t])


def test_sentence_end_skips_abbreviations():
    doc = Doc("Mr. Smith met Gen. Milley in the U.S. Capitol. Then he left.")
    assert doc[:_sentence_end(doc, 0, len(doc))] == "Mr. Smith met Gen. Milley in the U.S. Capitol."


@pytest.mark.corpora
def test_real_articles_match_the_plain_scans(corpora):
    corpus = pd.read_parquet(corpora / "allsides_news.parquet", columns=["text"])
    texts = corpus["text"].dropna().sample(n=150, random_state=1).tolist()
    check_same(texts)


def test_candidates_are_the_same_in_smaller_pyarrow_calls(monkeypatch):
    import mediastudy.quotes._scan as scan

    texts = [t for t in EDGE_TEXTS if "\ud800" not in t] * 3
    whole = cue_candidates(texts)
    monkeypatch.setattr(scan, "_MAX_CHARS", 40)
    assert cue_candidates(texts) == whole


def test_a_run_of_abbreviations_is_not_walked_back_over_from_every_cue(count_calls):
    # "Mr." ends no sentence: with thousands of them and a cue between each two, looking for
    # a sentence's start or end must stop at its 600/800-character window, or the work grows
    # with the square of the text (100 KB took 29 s before). Counted, not timed.
    from mediastudy.quotes import _sentences, extract_quotes

    told = count_calls(_sentences, "_ends_no_sentence")
    n = 2000
    q = extract_quotes(pd.DataFrame({"id": [1], "text": ["Mr. Lavrov said Mr. " * n]}))
    assert len(q) > n * 0.9
    assert told["calls"] < 200 * n  # about 60 a cue within the windows; millions when quadratic


def test_whether_a_word_is_a_name_is_searched_once_per_text(count_calls):
    # every quotation given to a one-word sentence subject asks whether that word is a name,
    # a search over the whole text; asked again at each of thousands of quotations it grew
    # with the square of the text (376 KB took 14 s). Counted, not timed.
    from mediastudy.quotes import _attribute, extract_quotes

    searched = count_calls(_attribute, "_find_proper_noun")
    text = 'Bellows embraced it "one two three four five". ' * 2000
    q = extract_quotes(pd.DataFrame({"id": [1], "text": [text]}))
    assert len(q) == 2000
    assert searched["calls"] == 1


@pytest.mark.parametrize("batch", [1_000, 3])
def test_texts_held_by_pyarrow_give_the_rows_of_python_strings(monkeypatch, batch):
    # a pyarrow-backed column (pandas 3's str dtype) is scanned without converting it again;
    # missing and empty texts are left out of that array as they are out of the batch
    import mediastudy.quotes.extract as extract
    from mediastudy import extract_quotes

    monkeypatch.setattr(extract, "_BATCH", batch)
    texts = [t for t in EDGE_TEXTS if "\ud800" not in t] + [None, "", 'He said: "We will go."']
    ids = list(range(len(texts)))
    plain = pd.DataFrame({"id": ids, "text": pd.Series(texts, dtype=object)})
    arrow = pd.DataFrame({"id": ids, "text": pd.Series(texts, dtype="string[pyarrow]")})
    assert extract._arrow_texts(arrow["text"]) is not None
    assert extract._arrow_texts(plain["text"]) is None
    seen = []
    real = extract.cue_candidates
    monkeypatch.setattr(extract, "cue_candidates",
                        lambda t, column=None: seen.append(column is not None) or real(t, column))
    got = extract_quotes(arrow)
    assert any(seen)
    pd.testing.assert_frame_equal(got, extract_quotes(plain))
    assert len(got) > 0
