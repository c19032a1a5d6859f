"""The 'mediastudy quotes' command."""

from __future__ import annotations

import json

import pandas as pd

import mediastudy as ms
from mediastudy.cli import main
from mediastudy.quotes import QUOTE_COLUMNS


def test_quotes_writes_the_table_speakers_and_run_record(tmp_path, capsys):
    out, speakers = tmp_path / "quotes.csv", tmp_path / "speakers.csv"
    variants = tmp_path / "variants.csv"
    code = main(["quotes", str(ms.demo_path()), "-o", str(out), "--speakers", str(speakers),
                 "--speaker-variants", str(variants)])
    captured = capsys.readouterr()
    assert code == 0 and captured.out.strip() == str(out)
    assert "with a speaker" in captured.err
    table = pd.read_csv(out)
    assert list(table.columns) == QUOTE_COLUMNS and len(table) > 100
    who = pd.read_csv(speakers)
    assert {"outlet", "speaker", "n_quotes"} <= set(who.columns)
    assert who["n_quotes"].sum() == table["speaker"].notna().sum()
    listed = pd.read_csv(variants)
    assert list(listed.columns) == ["speaker", "variant", "n_speaker", "n_variant", "rule"]
    assert len(listed) >= 1 and set(listed["variant"]) <= set(table["speaker"])
    record = json.loads((tmp_path / "quotes.run.json").read_text(encoding="utf-8"))
    assert record  # the run record names inputs and outputs
    assert str(variants) in json.dumps(record)


def test_quotes_help(capsys):
    try:
        main(["quotes", "--help"])
    except SystemExit as stop:
        assert stop.code == 0
    out = capsys.readouterr().out
    assert "--speakers" in out and "speaker_start" in out and "--speaker-variants" in out


def test_two_tables_are_not_written_to_one_file(tmp_path, capsys):
    out = tmp_path / "quotes.csv"
    code = main(["quotes", str(ms.demo_path()), "-o", str(out), "--speaker-variants",
                 str(tmp_path / "." / "quotes.csv")])
    err = capsys.readouterr().err
    assert code != 0 and "--out and --speaker-variants name the same file" in err
    assert not out.exists()
