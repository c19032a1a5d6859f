"""The 'mediastudy duplicates' command."""

from __future__ import annotations

import pandas as pd

from mediastudy.cli import main

STORY = " ".join(f"word{i}" for i in range(60))


def test_duplicates_command(tmp_path, capsys):
    corpus = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["Wire", "Daily", "Weekly"],
                           "date": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
                           "title": ["t"] * 3, "text": [STORY, STORY + " Extra words here.", "Other news."]})
    src = tmp_path / "corpus.parquet"
    corpus.to_parquet(src)
    out, flows = tmp_path / "dups.csv", tmp_path / "flows.csv"
    assert main(["duplicates", str(src), "-o", str(out), "--flows", str(flows)]) == 0
    dups = pd.read_csv(out)
    # the loader gives its own ids; "Other news." is too short to compare
    assert dups["outlet"].tolist() == ["Wire", "Daily", "Weekly"]
    assert dups["kind"].tolist() == ["origin", "copy", "not comparable"]
    assert pd.read_csv(flows)[["origin_outlet", "outlet", "n_articles"]].values.tolist() == [["Wire", "Daily", 1]]
    assert "1 of 3 articles are copies" in capsys.readouterr().err


def test_duplicates_command_bad_value(tmp_path, capsys):
    src = tmp_path / "corpus.parquet"
    pd.DataFrame({"id": ["a"], "outlet": ["A"], "date": pd.to_datetime(["2024-01-01"]),
                  "title": ["t"], "text": [STORY]}).to_parquet(src)
    assert main(["duplicates", str(src), "-o", str(tmp_path / "d.csv"), "--containment", "0"]) == 2  # a wrong option value is a command-line error
    assert "--containment: The 'containment' parameter" in capsys.readouterr().err
