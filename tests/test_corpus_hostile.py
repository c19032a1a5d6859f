"""load_articles on hostile or odd input: special files, link loops, one bad article among
good ones, other encodings, unreadable dates, values of the wrong kind, time zones, and
ids that do not depend on the order of the rows."""

from __future__ import annotations

import json
import os
import socket
import warnings

import pandas as pd
import pytest

from mediastudy import LoadError, TopicModel, assign_topics, load_articles, load_report

ARTICLE = "\n{title}\n\n01/02/2023\n\n{body}\n---\n"


def article(i: int) -> str:
    return ARTICLE.format(title=f"Title {i}", body=f"Body number {i} about sanctions and talks.")


def accounts_add_up(df) -> None:
    s = load_report(df).attrs["summary"]
    assert s["articles_found"] == s["articles_loaded"] + s["articles_skipped"]
    assert s["files_found"] == s["files_read"] + s["files_failed"] + s["files_ignored"]
    assert len(df) == s["articles_loaded"]


# --- files that are not regular files ------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("errors", ["skip", "warn"])
def test_a_fifo_among_the_articles_is_listed_as_skipped_never_opened(tmp_path, errors):
    (tmp_path / "good.txt").write_text(article(1))
    os.mkfifo(tmp_path / "x.txt")  # opening it for reading would wait for a writer forever
    os.mkfifo(tmp_path / "y.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = load_articles(tmp_path, errors=errors)
    assert df["title"].tolist() == ["Title 1"]
    report = load_report(df).set_index("source_path")
    for name in ("x.txt", "y.csv"):
        row = report.loc[str(tmp_path / name)]
        assert row["action"] == "skipped" and "not a regular file" in row["problem"]
    accounts_add_up(df)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_given_as_the_source_is_named_not_opened(tmp_path):
    os.mkfifo(tmp_path / "x.txt")
    with pytest.raises(LoadError, match=r"x\.txt: not a regular file"):
        load_articles(tmp_path / "x.txt")


def test_a_socket_is_skipped(tmp_path):
    (tmp_path / "good.txt").write_text(article(1))
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "s.txt"))
    except OSError:  # path too long for a socket name on this system
        pytest.skip("cannot make a socket here")
    try:
        df = load_articles(tmp_path, errors="skip")
    finally:
        sock.close()
    assert len(df) == 1
    assert "not a regular file" in load_report(df)["problem"].iloc[0]


@pytest.mark.parametrize("errors", ["skip", "warn"])
def test_symlinks_that_loop_are_a_load_report_row(tmp_path, errors):
    (tmp_path / "good.txt").write_text(article(1))
    os.symlink("b.txt", tmp_path / "a.txt")
    os.symlink("a.txt", tmp_path / "b.txt")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = load_articles(tmp_path, errors=errors)
    assert df["title"].tolist() == ["Title 1"]
    report = load_report(df)
    assert sorted(report["source_path"]) == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert report["problem"].str.contains("loop").all()
    assert (report["action"] == "skipped").all()
    accounts_add_up(df)
    with pytest.raises(LoadError, match=r"a\.txt: .*loop"):
        load_articles(tmp_path)


# --- one bad article among good ones -------------------------------------------------------
def test_one_bad_byte_skips_only_its_article(tmp_path):
    data = (article(1) + article(2)).encode() + article(3).encode().replace(b"Body", b"B\xffody")
    data += article(4).encode()
    (tmp_path / "m.txt").write_bytes(data)
    df = load_articles(tmp_path, errors="skip")
    assert df["title"].tolist() == ["Title 1", "Title 2", "Title 4"]
    report = load_report(df)
    assert len(report) == 1
    row = report.iloc[0]
    assert row["source_line"] == 20 and row["source_article"] == 3  # the bad byte's line, 3rd article
    assert "undecodable" in row["problem"] and "encoding=" in row["problem"]
    accounts_add_up(df)


def test_one_bad_byte_in_a_title_skips_only_its_article(tmp_path):
    data = article(1).encode().replace(b"Title 1", b"Titl\xe9 1") + article(2).encode()
    (tmp_path / "m.txt").write_bytes(data)
    df = load_articles(tmp_path, errors="skip")
    assert df["title"].tolist() == ["Title 2"]
    assert load_report(df)["source_line"].tolist() == [2]


# --- encodings of tables -------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["csv", "tsv", "json", "jsonl"])
def test_encoding_is_honoured_for_tables(tmp_path, kind):
    frame = pd.DataFrame({"title": ["Caf\u00e9"], "text": ["Un caf\u00e9 cr\u00e8me, s'il vous pla\u00eet."],
                          "date": ["2022-01-02"]})
    path = tmp_path / f"latin.{kind}"
    if kind in ("csv", "tsv"):
        frame.to_csv(path, index=False, sep="," if kind == "csv" else "\t", encoding="latin-1")
    elif kind == "json":
        path.write_bytes(frame.to_json(orient="records", force_ascii=False).encode("latin-1"))
    else:
        path.write_bytes(frame.to_json(orient="records", lines=True, force_ascii=False).encode("latin-1"))
    with pytest.raises(LoadError, match=r"not utf-8.*encoding="):
        load_articles(path)
    df = load_articles(path, encoding="latin-1")
    assert df["text"].tolist() == ["Un caf\u00e9 cr\u00e8me, s'il vous pla\u00eet."]
    assert df["title"].tolist() == ["Caf\u00e9"]


# --- dates ---------------------------------------------------------------------------------
def test_a_load_where_no_date_can_be_read_is_refused_with_the_fix(tmp_path):
    path = tmp_path / "d.csv"
    pd.DataFrame({"title": [f"T{i}" for i in range(11)], "text": [f"text {i}" for i in range(11)],
                  "date": [f"{13 + i}/11/2019" for i in range(11)]}).to_csv(path, index=False)
    for errors in ("skip", "warn"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with pytest.raises(LoadError, match=r"none of the 11 articles.*dayfirst=True") as info:
                load_articles(path, errors=errors)
        assert info.value.param == "dayfirst"
    assert len(load_articles(path, dayfirst=True)) == 11


def test_a_day_first_date_is_named_as_such(tmp_path):
    path = tmp_path / "d.csv"
    pd.DataFrame({"text": ["a", "b"], "date": ["2019-11-20", "21/11/2019"]}).to_csv(path, index=False)
    with pytest.raises(LoadError, match=r"line 3: date '21/11/2019' can only be day-first "
                                        r"\(dd/mm/yyyy: 21 November 2019\).*dayfirst=True") as info:
        load_articles(path)
    assert "month-first" not in str(info.value) and "bad_dates" not in str(info.value)
    with pytest.raises(LoadError, match=r"impossible date '21/11/2019' \(read as mm/dd/yyyy, "
                                        r"dayfirst=False\).*dayfirst=True"):
        load_articles(path, dayfirst=False)
    with pytest.raises(LoadError, match=r"'03/04/2017' can be read day-first \(3 April 2017\) or "
                                        r"month-first \(March 4, 2017\)"):
        pd.DataFrame({"text": ["a"], "date": ["03/04/2017"]}).to_csv(path, index=False)
        load_articles(path)


def test_the_warning_names_dayfirst_when_numeric_dates_are_the_problem(tmp_path):
    path = tmp_path / "d.csv"
    pd.DataFrame({"text": ["a", "b", "c"],
                  "date": ["2019-11-20", "21/11/2019", "22/11/2019"]}).to_csv(path, index=False)
    with pytest.warns(UserWarning, match="dayfirst=True") as caught:
        df = load_articles(path, errors="warn")
    assert len(df) == 1
    assert "bad_dates='keep'" not in str(caught[0].message)
    assert "bad_dates" not in load_report(df)["problem"].iloc[0]


def test_mixed_time_zones_are_reported(tmp_path):
    path = tmp_path / "tz.csv"
    pd.DataFrame({"text": ["a", "b", "c"],
                  "date": ["2022-01-01T23:30:00+05:00", "2022-01-01T23:30:00-05:00",
                           "2022-01-01T23:30:00"]}).to_csv(path, index=False)
    df = load_articles(path)
    assert df["date"].tolist() == [pd.Timestamp("2022-01-01 18:30"), pd.Timestamp("2022-01-02 04:30"),
                                   pd.Timestamp("2022-01-01 23:30")]
    report = load_report(df)
    assert len(report) == 1 and report["action"].iloc[0] == "kept"
    assert "time zone" in report["problem"].iloc[0] and "UTC" in report["problem"].iloc[0]
    one_zone = tmp_path / "one.csv"
    pd.DataFrame({"text": ["a", "b"], "date": ["2022-01-01T10:00:00+01:00",
                                               "2022-01-02T10:00:00+01:00"]}).to_csv(one_zone, index=False)
    assert len(load_report(load_articles(one_zone))) == 0


def test_numbers_and_lists_in_the_text_column_are_reported(tmp_path):
    path = tmp_path / "n.jsonl"
    rows = [{"title": "a", "text": 12345, "date": "2022-01-01"},
            {"title": "b", "text": ["First paragraph.", "Second one."], "date": "2022-01-01"},
            {"title": "c", "text": "Real text.", "date": "2022-01-01"},
            {"title": "d", "text": {"body": "x"}, "date": "2022-01-01"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    df = load_articles(path, errors="skip")
    assert df["title"].tolist() == ["b", "c"]
    assert df["text"].tolist() == ["First paragraph.\n\nSecond one.", "Real text."]
    report = load_report(df)
    kinds = zip(report["action"], report["problem"], strict=True)
    by_line = dict(zip(report["source_line"], kinds, strict=True))
    assert by_line[1][0] == "skipped" and "a number" in by_line[1][1]
    assert by_line[2][0] == "kept" and "list" in by_line[2][1]
    assert by_line[4][0] == "skipped" and "a mapping" in by_line[4][1]
    accounts_add_up(df)


# --- ids -----------------------------------------------------------------------------------
def _table(n: int) -> pd.DataFrame:
    words = ["sanctions", "energy", "talks", "football", "election", "vaccine", "markets", "drought"]
    rows = []
    for i in range(n):
        topic = words[(i * 3) % 8], words[(i * 3 + 1) % 8]
        rows.append({"title": f"{topic[0]} {i}", "date": f"2022-01-{1 + i % 28:02d}",
                     "text": f"{topic[0]} {topic[1]} {topic[0]} report number {i % 7} on {topic[1]}"})
    rows.append(dict(rows[0]))  # two identical rows: distinct ids all the same
    rows.append(dict(rows[0]))
    return pd.DataFrame(rows)


def test_ids_do_not_depend_on_row_order_and_topics_follow_the_articles(tmp_path):
    table = _table(60)
    table.to_csv(tmp_path / "a.csv", index=False)
    first = load_articles(tmp_path / "a.csv")
    table.sample(frac=1.0, random_state=1).to_csv(tmp_path / "a.csv", index=False)
    shuffled = load_articles(tmp_path / "a.csv")
    assert first["id"].is_unique and shuffled["id"].is_unique
    assert sorted(first["id"]) == sorted(shuffled["id"])
    key = ["title", "text", "date"]
    pairs = first.set_index("id")[key].sort_index()
    assert pairs.equals(shuffled.set_index("id")[key].sort_index())
    topics = {}
    for name, corpus in (("first", first), ("shuffled", shuffled)):
        model = TopicModel(n_topics=4, min_df=1, random_state=0).fit(corpus)
        topics[name] = assign_topics(corpus, model).set_index("id")["topic_label"].sort_index()
    assert topics["first"].equals(topics["shuffled"])


def test_ids_of_seed_articles_do_not_depend_on_their_order_in_the_file(tmp_path):
    for name, text in (("a", article(1) + article(2) + article(1)),
                       ("b", article(2) + article(1) + article(1))):
        (tmp_path / name / "O").mkdir(parents=True)
        (tmp_path / name / "O" / "m.txt").write_text(text)
    a = load_articles(tmp_path / "a" / "O")  # the same folder name and file name: the same ids
    b = load_articles(tmp_path / "b" / "O")
    assert a["id"].is_unique
    assert dict(zip(a["id"], a["title"], strict=True)) == dict(zip(b["id"], b["title"], strict=True))
