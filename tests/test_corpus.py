"""load_articles on small hand-written inputs: the seed layout, tables, dates, bad input."""

from __future__ import annotations

import json
import os
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from mediastudy import CORPUS_COLUMNS, LoadError, load_articles, load_demo, load_report
from mediastudy.io._seed import parse_seed_bytes, read_bytes, simple_row
from mediastudy.io._seed_block import word_counts

SEED = """
Valdoria opens the Brenn site

03/02/2023



The first battery arrived on Monday. Officials said the deployment was

defensive and temporary.

*"We will never accept this,"* a Kestrovan spokesman said *"under any terms"* on air.

*"This is a direct threat to our security."*

Read more [Kestrova protests](https://kestrovatoday.example/news/protest)

A second paragraph closes the story.
---
"""

SECOND = """
Sanctions package agreed

17/03/2024

Ministers agreed the package.
---
"""


def write(path, text, *, newline="\n", bom=False):
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.replace("\n", newline).encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def summary(df):
    return load_report(df).attrs["summary"]


def assert_accounts_add_up(df):
    s = summary(df)
    assert s["articles_found"] == s["articles_loaded"] + s["articles_skipped"]
    assert s["files_found"] == s["files_read"] + s["files_failed"] + s["files_ignored"]
    assert s["articles_loaded"] == len(df)
    report = load_report(df)
    skipped = report[report["action"] == "skipped"]
    assert len(skipped) == s["articles_skipped"] + s["files_failed"]


# --- the seed layout ------------------------------------------------------------------------


def test_seed_article_fields(tmp_path):
    df = load_articles(write(tmp_path / "MeridianPost" / "a.txt", SEED))
    assert list(df.columns) == list(CORPUS_COLUMNS)
    row = df.iloc[0]
    assert row["title"] == "Valdoria opens the Brenn site"
    assert row["date"] == pd.Timestamp("2023-02-03")
    assert row["outlet"] == "MeridianPost"  # the folder's name
    paragraphs = row["text"].split("\n\n")
    # the stray blank line after "was" is mended; the block quote and Read more line are gone
    assert paragraphs[0] == (
        "The first battery arrived on Monday. Officials said the deployment was "
        "defensive and temporary."
    )
    assert paragraphs[1] == (
        '"We will never accept this," a Kestrovan spokesman said "under any terms" on air.'
    )
    assert paragraphs[2] == "A second paragraph closes the story."
    assert len(paragraphs) == 3
    assert row["quotes"] == ['"This is a direct threat to our security."']
    assert row["related"] == [
        {"title": "Kestrova protests", "url": "https://kestrovatoday.example/news/protest"}
    ]
    assert row["source_line"] == 2
    assert row["n_words"] == len(row["text"].split())
    assert row["url"] is None
    assert df["date"].dtype == "datetime64[ns]"


def test_several_articles_per_file_crlf_and_bom_read_the_same(tmp_path):
    plain = load_articles(write(tmp_path / "p" / "x.txt", SEED + SECOND))
    crlf = load_articles(write(tmp_path / "c" / "x.txt", SEED + SECOND, newline="\r\n", bom=True))
    assert len(plain) == 2
    assert plain["source_line"].tolist() == [2, 21]
    cols = ["title", "date", "text", "quotes", "related", "n_words"]
    pd.testing.assert_frame_equal(plain[cols], crlf[cols])
    assert plain["title"].tolist() == ["Valdoria opens the Brenn site", "Sanctions package agreed"]


def test_last_article_without_closing_rule_is_read(tmp_path):
    df = load_articles(write(tmp_path / "o" / "x.txt", SECOND.replace("---\n", "")))
    assert df["text"].tolist() == ["Ministers agreed the package."]


@pytest.mark.parametrize("text", [
    "\nTitle here\n\n16/06/2022\n\n\n\nOne line body, with words.\n\n---\n",
    "\ufeffTitle\r\n\r\n1/6/2022\r\n\r\nBody with \u201ccurly\u201d quotes \u2014 and a dash.\r\n---\r\n",
    "Title\n16/06/2022\nNo blank lines, no closing rule",
    "Title\n\n16/06/2022\n\nA non\u00a0breaking space and a\ttab.\n",
    "Title\n\n16/06/2022\n\nTwo  spaces between words.\n",
    "\nTitle\n\n16/06/2022\n\nBody --- with a rule inside its line\n",
    "\nTitle\n\n16/06/2022\n\nSpaces\u2009thin, \u3000wide, \x1cfile-sep, \u2028line-sep, \u00a0nbsp\n",
    "\nTitle\n\n16/06/2022\n\n\u00e9t\u00e9 \u0416 \u1680ogham \u2060joiner\n",
])
def test_fast_path_gives_the_general_parsers_row(text):
    data = text.encode("utf-8")
    general = parse_seed_bytes(data, "f/x.txt", "utf-8", True)
    row = simple_row(data, "f/x.txt")
    assert row[:9] + row[10:] == general.rows[0][:9] + general.rows[0][10:]
    assert row[9] is None  # the loader counts words batch by batch
    assert general.rows[0][9] == len(general.rows[0][4].decode().split())
    texts = pa.array([row[4]], type=pa.large_binary()).cast(pa.large_string())
    assert word_counts(texts).tolist() == [general.rows[0][9]]


@pytest.mark.parametrize("text", [
    SEED,  # quotes, Read more links, several paragraphs
    "\nTitle\n\n16/06/2022\n\nREAD MORE [Other](https://example.org/x)\n",
    "\nTitle\n\n31/02/2017\n\nImpossible date.\n",
    "\nTitle\n\n16/06/2022\n\nBody.\n---\nSecond title\n\n17/06/2022\n\nSecond body.\n",
    "\nTitle\n\n16/06/2022\n\nBody ending in a Unicode space\u3000\n",
    "Title\r\r16/06/2022\r\rOld Mac line ends.\r",
    "---\n16/06/2022\nA rule where the title should be",
    "Title\n16/06/2022\n\n---\n\n---\n",
])
def test_fast_path_leaves_other_files_to_the_general_parser(text):
    assert simple_row(text.encode("utf-8"), "f/x.txt") is None


@pytest.mark.parametrize(
    "date_line, expected",
    [
        ("16/06/2022", "2022-06-16"),
        ("2022-06-16", "2022-06-16"),
        ("20 March 2017", "2017-03-20"),
        ("11 Mar, 2007", "2007-03-11"),
        ("March 20, 2017", "2017-03-20"),
        ("Monday, 3rd April 2017", "2017-04-03"),
    ],
)
def test_seed_date_formats(tmp_path, date_line, expected):
    df = load_articles(write(tmp_path / "o" / "a.txt", f"\nT\n\n{date_line}\n\nBody text.\n---\n"))
    assert df["date"].iloc[0] == pd.Timestamp(expected)


def test_seed_dates_can_be_month_first(tmp_path):
    path = write(tmp_path / "o" / "a.txt", "\nT\n\n03/04/2017\n\nBody.\n---\n")
    assert load_articles(path)["date"].iloc[0] == pd.Timestamp("2017-04-03")
    assert load_articles(path, dayfirst=False)["date"].iloc[0] == pd.Timestamp("2017-03-04")


# --- bad input: raise by default, name file and line ------------------------------------------


def test_impossible_date_names_file_and_line(tmp_path):
    path = write(tmp_path / "rt" / "0042.txt", "\nTitle\n\n31/02/2017\n\nBody.\n---\n")
    with pytest.raises(LoadError, match=r"0042\.txt line 4: impossible date '31/02/2017'"):
        load_articles(path)


def test_missing_date_line(tmp_path):
    path = write(tmp_path / "o" / "a.txt", "\nTitle\n\n" + "A body sentence that runs on. " * 3 + "\n---\n")
    with pytest.raises(LoadError, match=r"a\.txt line 4: missing date"):
        load_articles(path)


def test_article_without_body(tmp_path):
    path = write(tmp_path / "o" / "a.txt", "\nTitle only\n\n01/01/2023\n\n---\n")
    with pytest.raises(LoadError, match=r"line 2: article 'Title only' has no body text"):
        load_articles(path)


def test_empty_file(tmp_path):
    path = write(tmp_path / "o" / "empty.txt", "\n\n  \n")
    with pytest.raises(LoadError, match=r"empty\.txt: empty file"):
        load_articles(path)


def test_undecodable_bytes_name_the_line(tmp_path):
    path = tmp_path / "o" / "bad.txt"
    path.parent.mkdir()
    path.write_bytes(b"\nTitle\n\n01/01/2023\n\nCaf\xe9 society.\n---\n")
    with pytest.raises(LoadError, match=r"bad\.txt line 6: undecodable bytes .* encoding="):
        load_articles(path)
    assert load_articles(path, encoding="latin-1")["text"].iloc[0] == "Café society."
    write(tmp_path / "o" / "good.txt", SECOND)
    df = load_articles(tmp_path / "o", errors="skip")
    assert df["title"].tolist() == ["Sanctions package agreed"]
    report = load_report(df)
    assert report["source_line"].tolist() == [6] and "undecodable" in report["problem"].iloc[0]
    assert_accounts_add_up(df)


def test_unreadable_file(tmp_path):
    folder = tmp_path / "o"
    folder.mkdir()
    os.symlink(folder / "nowhere.txt", folder / "dangling.txt")
    with pytest.raises(LoadError, match=r"dangling\.txt: cannot read the file"):
        load_articles(folder)


def test_missing_source_and_empty_glob(tmp_path):
    with pytest.raises(LoadError, match="does not exist"):
        load_articles(tmp_path / "nope")
    with pytest.raises(LoadError, match="matches no file"):
        load_articles(str(tmp_path / "*.txt"))


@pytest.mark.parametrize("param, value", [("errors", "ignore"), ("bad_dates", "drop")])
def test_bad_option_values_are_named(tmp_path, param, value):
    path = write(tmp_path / "o" / "a.txt", SECOND)
    with pytest.raises(ValueError, match=f"'{param}' parameter of load_articles must be one of"):
        load_articles(path, **{param: value})


# --- bad input: skip or warn, and account for everything -------------------------------------


@pytest.fixture
def messy(tmp_path):
    root = tmp_path / "messy"
    write(root / "Good" / "a.txt", SEED + SECOND)
    write(root / "Good" / "b.txt", "\nBad date\n\n31/02/2017\n\nBody.\n---\n" + SECOND)
    write(root / "Good" / "c.txt", "\nNo body\n\n01/01/2023\n\n---\n")
    write(root / "Good" / "empty.txt", "")
    (root / "Good" / "latin.txt").write_bytes(b"\nT\n\n01/01/2023\n\nCaf\xe9.\n---\n")
    write(root / "Good" / "notes.pdf", "not an article")
    write(root / ".hidden" / "x.txt", SECOND)  # hidden folders are not read
    return root


def test_skip_returns_good_rows_and_a_complete_report(messy):
    df = load_articles(messy, errors="skip")
    assert len(df) == 3
    assert_accounts_add_up(df)
    s = summary(df)
    # latin.txt is read: its one article is skipped for its undecodable byte
    assert s == {
        "files_found": 6, "files_read": 4, "files_failed": 1, "files_ignored": 1,
        "articles_found": 6, "articles_loaded": 3, "articles_skipped": 3,
    }
    report = load_report(df)
    problems = " | ".join(report["problem"])
    for expected in ("impossible date", "no body text", "empty file", "undecodable", "not an article"):
        assert expected in problems
    bad_date = report[report["problem"].str.contains("impossible")].iloc[0]
    assert bad_date["source_path"].endswith("b.txt") and bad_date["source_line"] == 4
    assert bad_date["source_article"] == 1  # 1-based, as source_line


def test_warn_says_how_many(messy):
    with pytest.warns(UserWarning, match=r"left out 3 of 6 articles and 1 of 6 files") as caught:
        df = load_articles(messy, errors="warn")
    assert len(df) == 3
    message = str(caught[0].message)
    # the kinds of problem, each counted, and the switch that keeps undated articles
    kinds = ("impossible date: 1", "article has no body text: 1", "empty file: 1",
             "undecodable bytes on this line: 1")
    assert sum(kind in message for kind in kinds) == 3  # the three commonest (here all tie)
    assert "and 1 other kind;" in message and "bad_dates='keep'" in message


def test_bad_dates_keep(messy):
    df = load_articles(messy, errors="skip", bad_dates="keep")
    kept = df[df["title"] == "Bad date"]
    assert len(kept) == 1 and pd.isna(kept["date"].iloc[0])
    report = load_report(df)
    assert (report["action"] == "kept").sum() == 1
    assert_accounts_add_up(df)


def test_valid_dates_range(tmp_path):
    path = write(tmp_path / "o" / "a.txt", "\nOld\n\n01/01/1750\n\nBody.\n---\n" + SECOND)
    df = load_articles(path, errors="skip")
    assert df["title"].tolist() == ["Sanctions package agreed"]
    assert "implausible" in load_report(df)["problem"].iloc[0]
    df = load_articles(path, valid_dates=("1700-01-01", None))
    assert len(df) == 2


def test_no_load_report_on_other_frames():
    with pytest.raises(LoadError, match="carries no load report"):
        load_report(pd.DataFrame({"a": [1]}))


# --- ids, duplicates, outlets -------------------------------------------------------------


def test_ids_are_unique_and_stable_when_the_folder_moves(tmp_path):
    write(tmp_path / "one" / "corpus" / "O" / "a.txt", SEED + SECOND)
    write(tmp_path / "one" / "corpus" / "O" / "b.txt", SECOND)  # same article, other file
    first = load_articles(tmp_path / "one" / "corpus")
    shutil.copytree(tmp_path / "one" / "corpus", tmp_path / "two" / "corpus")
    second = load_articles(tmp_path / "two" / "corpus")
    assert first["id"].is_unique
    assert first["id"].tolist() == second["id"].tolist()
    # an edit changes the id of what was edited
    write(tmp_path / "two" / "corpus" / "O" / "b.txt", SECOND.replace("agreed the", "agreed a"))
    third = load_articles(tmp_path / "two" / "corpus")
    assert third["id"].iloc[2] != first["id"].iloc[2]


def test_duplicates_are_flagged_and_can_be_dropped(tmp_path):
    write(tmp_path / "O" / "a.txt", SECOND)
    write(tmp_path / "O" / "b.txt", SECOND)
    df = load_articles(tmp_path)
    assert df["is_duplicate"].tolist() == [False, True]
    dropped = load_articles(tmp_path, drop_duplicates=True, errors="skip")
    assert len(dropped) == 1
    assert "exact duplicate of article " + df["id"].iloc[0] in load_report(dropped)["problem"].iloc[0]
    assert_accounts_add_up(dropped)


def test_duplicates_are_found_across_file_kinds_and_parsers(tmp_path):
    body = "Ministers agreed the \u201cpackage\u201d on Monday."
    write(tmp_path / "O" / "fast.txt", f"\nSanctions\n\n01/02/2023\n\n{body}\n---\n")  # one-line body
    write(tmp_path / "O" / "crlf.txt", f"\nSanctions\n\n01/02/2023\n\n{body}\n", newline="\r\n")
    write(tmp_path / "O" / "two.txt", f"Sanctions\n01/02/2023\n{body}\n---\nOther\n02/02/2023\n{body}\n")
    same_length = body.replace("Monday", "Sunday")
    write(tmp_path / "O" / "near.txt", f"\nSanctions\n\n01/02/2023\n\n{same_length}\n")
    pd.DataFrame({"title": ["Sanctions"], "text": [body], "date": ["2023-02-01"], "outlet": ["O"]}).to_csv(
        tmp_path / "O" / "table.csv", index=False
    )
    df = load_articles(tmp_path / "O")
    names = df["source_path"].map(os.path.basename) + "#" + df["title"]
    flagged = dict(zip(names, df["is_duplicate"], strict=True))
    assert flagged == {
        "crlf.txt#Sanctions": False, "fast.txt#Sanctions": True, "near.txt#Sanctions": False,
        "two.txt#Sanctions": True, "two.txt#Other": False, "table.csv#Sanctions": True,
    }
    assert (df["n_words"] == 6).all()


def test_a_home_folder_path_is_expanded(tmp_path, monkeypatch):
    write(tmp_path / "scrapes" / "rt" / "a.txt", SECOND)
    monkeypatch.setenv("HOME", str(tmp_path))
    df = load_articles("~/scrapes/rt/", outlet="RT")
    assert df["title"].tolist() == ["Sanctions package agreed"]
    assert load_articles(["~/scrapes/rt/a.txt"])["outlet"].tolist() == ["rt"]


def test_outlet_parameter_and_sources_as_list_and_glob(tmp_path):
    a = write(tmp_path / "x" / "a.txt", SECOND)
    b = write(tmp_path / "y" / "b.txt", SEED)
    df = load_articles([a, b, a], outlet="Wire")  # a file named twice is read once
    assert df["outlet"].tolist() == ["Wire", "Wire"]
    df = load_articles(str(tmp_path / "**" / "*.txt"))
    assert sorted(df["outlet"]) == ["x", "y"]


def test_overlapping_sources_give_each_file_once(tmp_path):
    for name in ("a", "b", "c"):
        write(tmp_path / "news" / "rt" / f"{name}.txt", SECOND.replace("agreed", f"agreed {name}"))
    write(tmp_path / "news" / "bbc" / "d.txt", SEED)
    (tmp_path / "link").symlink_to(tmp_path / "news" / "rt", target_is_directory=True)
    whole = load_articles(tmp_path / "news", progress=False)
    again = load_articles([
        tmp_path / "news",
        tmp_path / "news" / "rt",  # a folder inside the first
        tmp_path / "news" / "rt" / "b.txt",  # a file inside it
        str(tmp_path / "news" / "*" / "c.txt"),  # a glob
        tmp_path / "link",  # the same folder through a link
        tmp_path / "news" / ".." / "news" / "bbc",
    ], progress=False)
    pd.testing.assert_frame_equal(again, whole)
    assert len(whole) == 4


def test_progress_bar_switch(tmp_path, capsys):
    path = write(tmp_path / "o" / "a.txt", SECOND)
    load_articles(path, progress=True)
    assert "loading articles" in capsys.readouterr().err
    load_articles(path, progress=False)
    assert capsys.readouterr().err == ""


# --- tables -----------------------------------------------------------------------------


def test_csv_with_automatic_column_names(tmp_path):
    path = tmp_path / "export.csv"
    pd.DataFrame({
        "Headline": ["A", "B"],
        "Content": ["Body one.", "Body two words."],
        "publish_date": ["2017-03-20", "20 March 2017"],
        "Link": ["https://www.example.org/a", "https://news.example.com/b"],
    }).to_csv(path, index=False)
    df = load_articles(path)
    assert df["title"].tolist() == ["A", "B"]
    assert df["date"].tolist() == [pd.Timestamp("2017-03-20")] * 2
    assert df["outlet"].tolist() == ["example.org", "news.example.com"]  # from the URL
    assert df["source_line"].tolist() == [2, 3]
    assert df["n_words"].tolist() == [2, 3]
    pd.read_csv(path).rename(columns={"Link": "Permalink"}).to_csv(path, index=False)
    assert load_articles(path)["url"].tolist() == ["https://www.example.org/a", "https://news.example.com/b"]


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_csv_separated_otherwise_than_by_commas(tmp_path, sep):
    path = tmp_path / "export.csv"
    pd.DataFrame({"Headline": ["A", "B"], "Story": ["One, two.", "Three; four."],
                  "date": ["2017-03-20", "2017-03-21"]}).to_csv(path, sep=sep, index=False)
    df = load_articles(path)
    assert df["title"].tolist() == ["A", "B"]
    assert df["text"].tolist() == ["One, two.", "Three; four."]


def test_column_mapping_and_numeric_dates_need_dayfirst(tmp_path):
    path = tmp_path / "export.csv"
    pd.DataFrame({"Story": ["x y", "z"], "When": ["03/04/2017", "25/12/2017"], "Site": ["A", "B"]}).to_csv(
        path, index=False
    )
    mapping = {"Story": "text", "When": "date", "Site": "outlet"}
    with pytest.raises(LoadError, match=r"line 2: date '03/04/2017' can be read day-first \(3 April "
                                        r"2017\) or month-first \(March 4, 2017\)"):
        load_articles(path, columns=mapping)
    df = load_articles(path, columns=mapping, dayfirst=True)
    assert df["date"].tolist() == [pd.Timestamp("2017-04-03"), pd.Timestamp("2017-12-25")]
    assert df["outlet"].tolist() == ["A", "B"]
    with pytest.raises(LoadError, match=r"line 3: impossible date '25/12/2017' \(read as mm/dd/yyyy, "
                                        r"dayfirst=False\); read day-first it is 25 December 2017"):
        load_articles(path, columns=mapping, dayfirst=False)


def test_table_without_text_column_or_with_two_candidates(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"title": ["a"], "summary": ["b"]}).to_csv(path, index=False)
    with pytest.raises(LoadError, match=r"no text column.*columns=\{'my_body': 'text'\}"):
        load_articles(path)
    pd.DataFrame({"content": ["a"], "body": ["b"]}).to_csv(path, index=False)
    with pytest.raises(LoadError, match="could each be the article text"):
        load_articles(path)
    with pytest.raises(LoadError, match="names \\['Body'\\], which the file does not have"):
        load_articles(path, columns={"Body": "text"})


def test_json_jsonl_and_parquet(tmp_path):
    records = [
        {"title": "A", "text": "First body.", "date": "2020-01-02", "outlet": "X", "id": "a1"},
        {"title": "B", "text": "Second body.", "date": "2020-01-03", "outlet": "Y", "id": "b2"},
    ]
    (tmp_path / "a.json").write_text(json.dumps(records))
    (tmp_path / "b.jsonl").write_text(
        json.dumps(records[0]) + "\n{not json\n\n" + json.dumps(records[1]) + "\n[1, 2]\n"
    )
    pd.DataFrame(records).assign(date=lambda d: pd.to_datetime(d["date"])).to_parquet(tmp_path / "c.parquet")
    for name in ("a.json", "c.parquet"):
        df = load_articles(tmp_path / name)
        assert df["title"].tolist() == ["A", "B"]
        assert df["source_id"].tolist() == ["a1", "b2"]  # the file's own id is kept
        assert df["date"].tolist() == [pd.Timestamp("2020-01-02"), pd.Timestamp("2020-01-03")]
    with pytest.raises(LoadError, match=r"b\.jsonl line 2: invalid JSON"):
        load_articles(tmp_path / "b.jsonl")
    df = load_articles(tmp_path / "b.jsonl", errors="skip")
    assert df["source_line"].tolist() == [1, 4]
    assert load_report(df)["source_line"].tolist() == [2, 5]
    assert_accounts_add_up(df)


def test_table_rows_without_text_or_date(tmp_path):
    path = tmp_path / "t.csv"
    frame = pd.DataFrame({"text": ["ok", "", "fine"], "date": ["2020-01-01", "2020-01-02", ""]})
    frame.to_csv(path, index=False)
    df = load_articles(path, errors="skip")
    assert df["text"].tolist() == ["ok"]
    problems = load_report(df)["problem"].tolist()
    assert problems[0] == "no body text"
    assert problems[1].startswith("missing date")
    assert load_report(df)["source_line"].tolist() == [3, 4]
    assert_accounts_add_up(df)


def test_table_without_dates_is_kept_and_reported(tmp_path):
    path = tmp_path / "t.parquet"
    pd.DataFrame({"text": ["a b", "c"], "category": ["x", "y"]}).to_parquet(path)
    with pytest.warns(UserWarning, match="no date column"):
        df = load_articles(path)
    assert df["date"].isna().all() and df["category"].tolist() == ["x", "y"]
    assert "no date column" in load_report(df)["problem"].iloc[0]


def test_a_table_without_a_date_column_warns_and_names_the_column_that_holds_dates(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"text": ["a b", "c d"], "When": ["03/02/2023", "14/02/2023"],
                  "views": [12, 30]}).to_csv(path, index=False)
    with pytest.warns(UserWarning, match=r"t\.csv: no date column") as caught:
        df = load_articles(path)
    hint = "the column 'When' holds dates: map it with columns={'When': 'date'}"
    assert hint in str(caught[0].message) and hint in load_report(df)["problem"].iloc[0]
    dated = load_articles(path, columns={"When": "date"}, dayfirst=True)  # the hint works
    assert dated["date"].dt.strftime("%Y-%m-%d").tolist() == ["2023-02-03", "2023-02-14"]


def test_a_table_with_no_date_like_column_names_none(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"text": ["a b", "c d"] * 30, "views": [20230203, 20230214] * 30,
                  "code": ["AB-12", "CD-34"] * 30,
                  "note": [None] * 59 + ["2023-02-03"]}).to_csv(path, index=False)  # one date, no column
    with pytest.warns(UserWarning, match="no date column") as caught:
        load_articles(path)
    assert "holds dates" not in str(caught[0].message)


def test_a_typed_date_column_under_another_name_is_named(tmp_path):
    import datetime

    table = pa.table({"text": ["a b", "c d"],
                      "When": pa.array([datetime.date(2023, 1, 2), datetime.date(2023, 1, 3)], pa.date32())})
    import pyarrow.parquet as pq

    pq.write_table(table, tmp_path / "t.parquet")
    with pytest.warns(UserWarning, match=r"the column 'When' holds dates"):
        load_articles(tmp_path / "t.parquet")


def test_an_empty_folder_is_an_error_or_a_warning_never_silence(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(LoadError, match=r"found no article file in .*empty'?: an empty folder"):
        load_articles(tmp_path / "empty")
    with pytest.warns(UserWarning, match="found no article file"):
        df = load_articles(tmp_path / "empty", errors="skip")
    assert len(df) == 0 and list(df.columns[: len(CORPUS_COLUMNS)]) == list(CORPUS_COLUMNS)
    for name in ("a.pdf", "b.docx", "c.pdf"):  # files of other kinds only: said, with their kinds
        (tmp_path / "other" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "other" / name).write_bytes(b"%PDF-1.4")
    with pytest.raises(LoadError, match=r"3 files of other kinds were ignored \(\.pdf: 2, \.docx: 1\)"):
        load_articles(tmp_path / "other")


def test_an_empty_folder_among_several_sources_is_named(tmp_path):
    import warnings

    (tmp_path / "empty").mkdir()
    (tmp_path / "hidden" / ".cache").mkdir(parents=True)  # (hidden files are not read)
    (tmp_path / "hidden" / ".cache" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "news.csv").write_text("text,date\nA harbour story.,2023-01-02\n", encoding="utf-8")
    for errors in ("raise", "skip"):
        with pytest.warns(UserWarning, match=r"no file in 2 of the sources \('.*empty', '.*hidden'\): "
                                             r"empty folders \(hidden files are not read\)\. Check the path; the other sources were read"):
            df = load_articles([tmp_path / "news.csv", tmp_path / "empty", tmp_path / "hidden"],
                               errors=errors)
        assert len(df) == 1
    with warnings.catch_warnings():  # a folder whose files another source already gave is no empty one
        warnings.simplefilter("error")
        (tmp_path / "more").mkdir()
        (tmp_path / "more" / "b.csv").write_text("text,date\nA toll story.,2023-01-03\n", encoding="utf-8")
        assert len(load_articles([tmp_path / "more", tmp_path / "more"])) == 1


def test_caller_frame_is_not_touched_when_loading_a_table(tmp_path):
    frame = pd.DataFrame({"text": ["a b"], "date": ["2020-01-01"]})
    before = frame.copy()
    frame.to_csv(tmp_path / "t.csv", index=False)
    load_articles(tmp_path / "t.csv")
    pd.testing.assert_frame_equal(frame, before)


# --- the demo corpus ----------------------------------------------------------------------


def test_demo_corpus_is_large_varied_and_clean():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = load_demo()
    assert len(df) >= 60
    assert df["outlet"].nunique() >= 3
    months = df["date"].dt.to_period("M")
    assert (months.max() - months.min()).n >= 18
    assert summary(df)["articles_skipped"] == 0
    assert df["id"].is_unique
    assert df["quotes"].map(len).sum() > 0 and df["related"].map(len).sum() > 0


def test_worker_processes_give_the_same_frame(tmp_path):
    for i in range(1200):  # above the size where load_articles starts workers
        if i < 600:  # whole batches of one-line files, and some of every other kind
            text = f"\nTitle {i % 7}\n\n0{i % 9 + 1}/02/2023\n\nA one line body {i % 5}.\n---\n"
        else:
            text = SEED if i % 3 else SECOND.replace("agreed", f"agreed item {i}")
        write(tmp_path / ("A" if i % 2 else "B") / f"{i:04d}.txt", text)
    write(tmp_path / "A" / "bad.txt", "\nT\n\n31/02/2017\n\nBody.\n---\n")
    write(tmp_path / "A" / "empty.txt", "")
    (tmp_path / "A" / "latin.txt").write_bytes(b"\nTitle\n\n01/01/2023\n\nCaf\xe9 society.\n---\n")
    pd.DataFrame({"title": ["Title 1", "T"], "text": ["A one line body 1.", "x"]}).to_csv(
        tmp_path / "A" / "table.csv", index=False
    )
    one = load_articles(tmp_path, errors="skip", progress=False)
    two = load_articles(tmp_path, errors="skip", progress=False, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    report_one, report_two = load_report(one), load_report(two)
    assert report_one.attrs["summary"] == report_two.attrs["summary"]
    # the workers' files are reported before the tables
    key = ["source_path", "source_line", "source_article"]
    pd.testing.assert_frame_equal(report_one.sort_values(key, ignore_index=True),
                                  report_two.sort_values(key, ignore_index=True))
    assert one["is_duplicate"].sum() > 500 and set(one["outlet"]) == {"A", "B"}
    assert report_two["problem"].str.contains("undecodable bytes").sum() == 1
    with pytest.raises(LoadError, match=r"empty\.txt: empty file"):
        load_articles(tmp_path, n_jobs=2, progress=False)
    (tmp_path / "A" / "empty.txt").unlink()
    with pytest.raises(LoadError, match=r"latin\.txt line 6: undecodable bytes"):
        load_articles(tmp_path, n_jobs=2, progress=False)
    (tmp_path / "A" / "latin.txt").unlink()
    with pytest.raises(LoadError, match=r"bad\.txt line 4: impossible date"):
        load_articles(tmp_path, n_jobs=2, progress=False)
    with pytest.raises(ValueError, match="'n_jobs' parameter of load_articles"):
        load_articles(tmp_path, n_jobs=0)


def test_a_saved_corpus_loads_back_with_its_ids_quotes_and_links(tmp_path):
    corpus = load_demo()
    corpus.to_parquet(tmp_path / "corpus.parquet")
    back = load_articles(tmp_path / "corpus.parquet")
    assert back["id"].tolist() == corpus["id"].tolist()
    assert back["quotes"].tolist() == corpus["quotes"].tolist()
    assert back["related"].tolist() == corpus["related"].tolist()
    for col in ("title", "text", "outlet", "date", "n_words"):
        assert back[col].tolist() == corpus[col].tolist(), col
    # a table that only looks like a saved corpus: repeated ids are not taken over
    corpus.assign(id="same").to_parquet(tmp_path / "corpus.parquet")
    again = load_articles(tmp_path / "corpus.parquet")
    assert again["id"].is_unique and (again["source_id"] == "same").all()
    assert "repeated values" in load_report(again)["problem"].iloc[0]
    # any other table keeps its own id column as source_id
    pd.DataFrame({"id": [7], "title": ["T"], "text": ["Body."]}).to_csv(tmp_path / "t.csv", index=False)
    other = load_articles(tmp_path / "t.csv")
    assert other["source_id"].astype(str).tolist() == ["7"] and other["id"].iloc[0] != "7"


@pytest.mark.parametrize("size", [0, 1, 65_535, 65_536, 65_537, 200_000, 2_500_000])
def test_read_bytes_reads_whole_files_of_any_size(tmp_path, size):
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    assert read_bytes(str(path)) == data


def test_a_large_seed_file_loads_whole(tmp_path):
    # Several articles, > 64 KiB in all: the last one must not be cut off.
    body = "Sanctions were extended again. " * 300
    text = "".join(f"\nTitle {i}\n\n0{1 + i % 9}/02/2023\n\n{body}\n---\n" for i in range(12))
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    df = load_articles(tmp_path, outlet="X", progress=False)
    assert len(text.encode()) > 65_536
    assert df["title"].tolist() == [f"Title {i}" for i in range(12)]
    assert (df["n_words"] == 4 * 300).all()


def test_load_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    import gc

    (tmp_path / "a.txt").write_text("\nTitle\n\n01/02/2023\n\nBody.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("\nTitle\n\n31/02/2023\n\nBody.\n", encoding="utf-8")
    assert gc.isenabled()
    load_articles(tmp_path / "a.txt", progress=False)
    assert gc.isenabled()
    with pytest.raises(LoadError):
        load_articles(tmp_path, progress=False)
    assert gc.isenabled()
    gc.disable()
    try:
        load_articles(tmp_path / "a.txt", progress=False)
        assert not gc.isenabled()  # a caller who turned it off keeps it off
    finally:
        gc.enable()


@pytest.mark.parametrize("outlet", [5, "", ["RT"]])
def test_outlet_must_be_a_name(tmp_path, outlet):
    (tmp_path / "a.txt").write_text("\nTitle\n\n01/02/2023\n\nBody.\n", encoding="utf-8")
    with pytest.raises(TypeError, match="'outlet' parameter of load_articles"):
        load_articles(tmp_path, outlet=outlet, progress=False)


@pytest.mark.parametrize("shm", ["shared", "no_shared_memory", "shared_memory_full"])
def test_workers_hand_text_back_through_shared_memory_or_the_pipe(tmp_path, monkeypatch, shm):
    import errno

    import mediastudy.io._seed_block as seed_block
    import mediastudy.io.sources as sources

    for i in range(700):  # above the size where load_articles starts workers
        text = SEED if i % 50 == 0 else f"\nTitle {i}\n\n0{i % 9 + 1}/02/2023\n\nBody {i} \u00e9t\u00e9.\n"
        write(tmp_path / "corpus" / f"{i:04d}.txt", text)
    one = load_articles(tmp_path / "corpus", progress=False)
    shm_dir = tmp_path / "shm"
    if shm != "no_shared_memory":
        shm_dir.mkdir()
    monkeypatch.setattr(sources, "_SHM", str(shm_dir))
    if shm == "shared_memory_full":  # the workers (forked) inherit the patch
        def full(fd, data):
            raise OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr(seed_block.os, "write", full)
    two = load_articles(tmp_path / "corpus", progress=False, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    maps = Path("/proc/self/maps")
    mapped = [line for line in maps.read_text().splitlines() if str(shm_dir) in line] if maps.exists() else []
    if shm == "shared" and maps.exists():  # the text is mapped from files that are already gone
        assert mapped and all(line.endswith("(deleted)") for line in mapped)
    else:
        assert not mapped
    if shm_dir.exists():  # nothing is left behind in shared memory
        assert list(shm_dir.iterdir()) == []
    with pytest.raises(LoadError, match=r"bad\.txt line 4: impossible date"):
        write(tmp_path / "corpus" / "bad.txt", "\nT\n\n31/02/2017\n\nBody.\n")
        load_articles(tmp_path / "corpus", progress=False, n_jobs=2)
    if shm_dir.exists():
        assert list(shm_dir.iterdir()) == []


def test_workers_start_while_the_folders_are_still_listed(tmp_path, monkeypatch):
    import mediastudy.io.sources as sources

    for i in range(2400):  # six folders, above the size where load_articles starts workers
        write(tmp_path / f"f{i % 6}" / f"{i:04d}.txt", f"\nTitle {i}\n\n01/02/2023\n\nBody {i}.\n")
    listed = []
    real_scan = sources._scan

    def scan(folder, *args):  # a generator, as _scan is: it notes a folder when it lists it
        listed.append(os.path.basename(folder))
        yield from real_scan(folder, *args)

    monkeypatch.setattr(sources, "_scan", scan)
    listed_when_workers_start = []
    real_context = sources.multiprocessing.get_context

    def get_context(method):
        listed_when_workers_start.append(len(listed))
        return real_context(method)

    monkeypatch.setattr(sources.multiprocessing, "get_context", get_context)
    one = load_articles(tmp_path, progress=False)
    listed.clear()
    two = load_articles(tmp_path, progress=False, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert listed == [tmp_path.name, "f0", "f1", "f2", "f3", "f4", "f5"]
    # the workers started once 500 files were found (in f0 and f1), before f2 was listed
    assert listed_when_workers_start == [3]
    # the same folder twice in a list of sources is read once, with workers as without
    both = load_articles([tmp_path, tmp_path / "f1"], progress=False, n_jobs=2)
    pd.testing.assert_frame_equal(both, one)


def test_a_folder_that_cannot_be_listed_stops_a_load_with_workers(tmp_path, monkeypatch):
    import mediastudy.io.sources as sources

    for i in range(900):
        write(tmp_path / f"f{i % 3}" / f"{i:04d}.txt", f"\nTitle {i}\n\n01/02/2023\n\nBody {i}.\n")
    real_scandir = os.scandir

    def scandir(path="."):
        if isinstance(path, str) and os.path.basename(path) == "f2":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(sources.os, "scandir", scandir)
    for n_jobs in (1, 2):
        with pytest.raises(LoadError, match=r"Cannot list the folder '.*f2' \(Permission denied\)"):
            load_articles(tmp_path, progress=False, n_jobs=n_jobs)


def test_the_progress_bar_counts_every_file(tmp_path, monkeypatch, capsys):
    import mediastudy.io.corpus as corpus_module

    for i in range(600):
        write(tmp_path / f"f{i % 2}" / f"{i:04d}.txt", f"\nTitle {i}\n\n01/02/2023\n\nBody {i}.\n")
    pd.DataFrame({"title": ["T"], "text": ["x y"], "date": ["2023-02-01"]}).to_csv(
        tmp_path / "f1" / "table.csv", index=False)
    bars = []
    real_tqdm = corpus_module.tqdm

    def tqdm(*args, **kwargs):
        bars.append(real_tqdm(*args, **kwargs))
        return bars[-1]

    monkeypatch.setattr(corpus_module, "tqdm", tqdm)
    for n_jobs in (1, 2):
        bars.clear()
        load_articles(tmp_path, n_jobs=n_jobs)
        assert (bars[0].total, bars[0].n) == (601, 601)
        assert "loading articles: 100%" in capsys.readouterr().err  # shown by default


def test_dates_read_as_asked_that_may_be_swapped_are_said(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"text": ["a b", "c d", "e f", "g h", "i j"],
                  "date": ["03/02/2023", "14/02/2023", "05/03/2023", "25/03/2023", "07/07/2023"]}
                 ).to_csv(path, index=False)
    with pytest.warns(UserWarning, match=r"t\.csv: 2 dates can only be read day-first \('14/02/2023'\), "
                      r"so the 2 dates that read either way \('03/02/2023'\), read month-first as "
                      r"dayfirst=False asks, may have day and month swapped"):
        df = load_articles(path, dayfirst=False, errors="skip")
    assert len(df) == 3  # 07/07 is the same either way, and no doubt
    report = load_report(df)
    assert (report["action"] == "kept").sum() == 1 and report["source_line"].isna().sum() == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # read day-first: every date fits, nothing to say
        assert len(load_articles(path, dayfirst=True)) == 5
