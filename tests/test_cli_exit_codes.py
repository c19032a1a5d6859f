"""The command's one exit-code rule (issues 13 and 19): 0 when the run completed, skipped
inputs included, with its run record; 1 when the input stopped it; 2 when the command line is
wrong; and a bug is not dressed up as bad input: its traceback shows."""

from __future__ import annotations

import json
import os

import pytest

import mediastudy as ms
from mediastudy.cli import main

ARTICLE = "\nTitle {i}\n\n01/02/2023\n\nBody number {i} about sanctions and talks.\n---\n"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_load_with_unreadable_inputs_completes_with_exit_0_and_a_run_record(capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(ARTICLE.format(i=i))
    os.symlink("b.txt", folder / "a.txt")  # a loop
    os.symlink("a.txt", folder / "b.txt")
    os.symlink("missing.txt", folder / "c.txt")  # leads nowhere
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.txt")  # would block a reader forever
    out = tmp_path / "corpus.parquet"
    code, stdout, err = run(capsys, "load", str(folder), "-o", str(out))
    assert code == 0, err
    assert stdout.strip() == str(out) and "Traceback" not in err
    record = json.loads((tmp_path / "corpus.run.json").read_text())
    assert record["command"] == "mediastudy load"
    files = {f["path"]: f for f in record["inputs"][0]["files"]}
    assert files["0.txt"]["sha256"] and files["a.txt"]["sha256"] is None and files["a.txt"]["error"]
    report = ms.load_report(ms.load_articles(folder, errors="skip"))
    assert len(report) == 4 - (not hasattr(os, "mkfifo"))


def test_a_setting_refused_by_the_library_is_a_usage_error(capsys, tmp_path):
    code, _, err = run(capsys, "load", str(ms.demo_path()), "-o", str(tmp_path / "c.parquet"),
                       "--encoding", "no-such-codec")
    assert code == 2
    assert "error: --encoding NAME, e.g. --encoding latin-1: The 'encoding' parameter" in err


def test_input_that_stops_the_run_is_exit_1(capsys, tmp_path):
    (tmp_path / "d.csv").write_text("text,date\na,21/11/2019\nb,22/11/2019\n")
    code, _, err = run(capsys, "load", str(tmp_path / "d.csv"), "-o", str(tmp_path / "c.parquet"))
    assert code == 1
    assert "none of the 2 articles has a date" in err and "--dayfirst" in err
    assert not (tmp_path / "c.parquet").exists()


@pytest.mark.parametrize("exc", [KeyError("id"), ValueError("a bug, not bad input"), TypeError("x")])
def test_a_bug_surfaces_with_its_traceback(monkeypatch, tmp_path, exc):
    def broken(*args, **kwargs):
        raise exc

    monkeypatch.setattr(ms, "load_articles", broken)
    with pytest.raises(type(exc)):
        main(["load", str(ms.demo_path()), "-o", str(tmp_path / "c.parquet")])


def test_the_help_states_the_exit_code_rule(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    text = " ".join(out.split())
    assert "Exit codes: 0 the run completed (inputs that could not be read are skipped" in text
    assert "1 the input stopped it" in text and "2 the command line is wrong" in text
    assert "traceback" in text
