"""Fuzzing load_articles: random bytes and random article-like text never crash it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediastudy import LoadError, load_articles, load_report
from mediastudy.io._seed import parse_seed_bytes, simple_row
from mediastudy.io._seed_block import word_counts

line = st.one_of(
    st.sampled_from([
        "", "---", " --- ", "16/06/2022", "31/02/2017", "2022-13-01", "20 March 2017",
        "*\"quoted words\"*", "Read more [x](https://a.example/b)", "read more [](", "***",
        "\ufeffTitle", "Title\r", "  ", "lower case continuation", "Ends with a stop.",
    ]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
)
article_like = st.lists(line, max_size=30).map("\n".join)


def _check_accounts(df):
    s = load_report(df).attrs["summary"]
    assert s["articles_found"] == s["articles_loaded"] + s["articles_skipped"]
    assert s["files_found"] == s["files_read"] + s["files_failed"] + s["files_ignored"]
    assert len(df) == s["articles_loaded"]
    assert df["id"].is_unique


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(st.one_of(st.binary(max_size=300), article_like.map(str.encode)),
                      min_size=1, max_size=4))
def test_random_files_only_raise_load_errors_and_accounts_add_up(files):
    with tempfile.TemporaryDirectory() as tmp:
        for i, data in enumerate(files):
            (Path(tmp) / f"{i}.txt").write_bytes(data)
        try:
            load_articles(tmp)
        except LoadError:
            pass
        try:
            _check_accounts(load_articles(tmp, errors="skip"))
        except LoadError as exc:  # no article's date could be read: refused, naming the fix
            assert exc.param in ("dayfirst", "bad_dates", "valid_dates")
        _check_accounts(load_articles(tmp, errors="skip", bad_dates="keep", drop_duplicates=True))


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=400), kind=st.sampled_from(["csv", "json", "jsonl", "parquet", "tsv"]))
def test_random_bytes_as_tables(data, kind):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / f"x.{kind}").write_bytes(data)
        _check_accounts(load_articles(tmp, errors="skip"))


piece = st.sampled_from([
    "Title", " ", "\t", "\n", "\r\n", "\r", "\ufeff", "16/06/2022", "1/6/2022", "31/02/2017",
    "---", "*", "\"", "Read more [a](b)", "READ", "words", "two  spaces", "\u00a0", "\u3000",
    "\u2028", "\x0c", "\u201cq\u201d", "\u00e9", "lower", ".", "\u2009", "\x1c", "\u205f", "\x85",
    "\u2060", "\u00a3",
])
simple_like = st.tuples(
    st.lists(piece, max_size=3).map("".join), st.sampled_from(["\n", "\n\n", "\r\n\r\n", "\n \n"]),
    st.sampled_from(["16/06/2022", "1/6/2022", "31/02/2017", "2022-06-16"]),
    st.sampled_from(["\n", "\n\n\n", "\r\n"]), st.lists(piece, max_size=8).map("".join),
    st.sampled_from(["", "\n", "\n---\n", "\n---", " ---\n", "\n---\n\n---\n"]),
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=simple_like, bom=st.booleans())
def test_fast_path_is_the_general_parser_where_it_answers(text, bom):
    data = ("\ufeff" if bom else "").encode() + text.encode("utf-8")
    row = simple_row(data, "f/x.txt")
    if row is not None:
        (general,) = parse_seed_bytes(data, "f/x.txt", "utf-8", True).rows
        assert row[:9] + row[10:] == general[:9] + general[10:]


# Every character str.split() treats as whitespace, a few that it does not (zero-width
# joiner, word joiner, non-breaking hyphen) and ordinary text.
_SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]
word_text = st.lists(
    st.sampled_from([*_SPACES, " ", "  ", "\u200b", "\u2060", "\u2011", "a", "bc", "\u00e9t\u00e9",
                     "\u0416", "\U0001f600"]),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(word_text, max_size=6))
def test_word_counts_are_str_split(texts):
    array = pa.array(texts, type=pa.large_string())
    assert word_counts(array).tolist() == [len(t.split()) for t in texts]
    if len(texts) > 1:  # a slice of an array (offsets not starting at 0)
        assert word_counts(array[1:]).tolist() == [len(t.split()) for t in texts[1:]]
