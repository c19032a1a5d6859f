"""Lexicons and report configs: YAML anchors and aliases are refused before anything is
built (an alias bomb costs nothing), files are read only up to a size limit and only when
they are regular files, and a config setting written twice is an error."""

from __future__ import annotations

import os

import pytest

import mediastudy as ms
from mediastudy import ConfigError, LexiconError, load_lexicon, read_config


def alias_bomb(levels: int, under: str) -> str:
    """A "billion laughs": each level lists the one below nine times (9**levels strings)."""
    lines = ['b0: &b0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return f"{under}:\n" + "".join(f"  {line}\n" for line in lines)


@pytest.mark.parametrize("levels", [6, 12])  # 12 levels: 282 billion strings, if it were built
def test_an_alias_bomb_in_a_lexicon_is_refused_at_its_first_anchor(tmp_path, levels):
    path = tmp_path / "bomb.yaml"
    path.write_text("targets:\n  NATO: [NATO]\n" + alias_bomb(levels, "unused"))
    with pytest.raises(LexiconError, match=r"bomb\.yaml line 4: .*anchors and aliases") as info:
        load_lexicon(path)
    assert info.value.line == 4


def test_an_alias_in_a_lexicon_is_refused_with_the_quoting_hint(tmp_path):
    path = tmp_path / "lex.yaml"
    path.write_text("targets:\n  NATO: [NATO]\ncues:\n  anti:\n    - *threaten\n")
    with pytest.raises(LexiconError, match=r"line 5: .*aliases.*quote"):
        load_lexicon(path)
    path.write_text("targets:\n  NATO: [NATO]\ncues:\n  anti:\n    - '&co'\n")  # quoted: a cue
    assert load_lexicon(path).cues[0].text == "&co"


def test_an_alias_bomb_in_a_config_is_refused(tmp_path):
    path = tmp_path / "report.yaml"
    path.write_text("k: 5\n" + alias_bomb(12, "outlet_map"))
    with pytest.raises(ConfigError, match=r"line 3: .*anchors and aliases"):
        read_config(path)


def test_a_merge_key_is_refused_in_a_config(tmp_path):
    path = tmp_path / "report.yaml"
    path.write_text("base: &base {k: 5}\n<<: *base\n")
    with pytest.raises(ConfigError, match="anchors and aliases"):
        read_config(path)


@pytest.mark.parametrize("reader, error", [(load_lexicon, LexiconError), (read_config, ConfigError)])
def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch, reader, error):
    from mediastudy.io import yaml_files

    path = tmp_path / "big.yaml"
    path.write_text("# " + "x" * 2000 + "\ntargets:\n  NATO: [NATO]\n")
    monkeypatch.setattr(yaml_files, "MAX_YAML_BYTES", 1000)
    with pytest.raises(error, match=r"big\.yaml is 2\.0 kB; .* up to 1\.0 kB"):
        reader(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("reader, error", [(load_lexicon, LexiconError), (read_config, ConfigError)])
def test_a_fifo_is_refused_unopened(tmp_path, reader, error):
    os.mkfifo(tmp_path / "lex.yaml")
    with pytest.raises(error, match="not a regular file"):
        reader(tmp_path / "lex.yaml")


def test_a_config_setting_written_twice_is_an_error(tmp_path):
    path = tmp_path / "report.yaml"
    path.write_text("k: 5\nfreq: M\nk: 6\n")
    with pytest.raises(ConfigError, match=r"line 3: 'k' is set twice \(first at line 1\)") as info:
        read_config(path)
    assert info.value.param == "k" and info.value.line == 3
    path.write_text("columns:\n  Body: text\n  Body: title\n")
    with pytest.raises(ConfigError, match=r"line 3: 'Body' is set twice"):
        read_config(path)


def test_the_bundled_lexicon_and_a_plain_config_still_load(tmp_path):
    assert load_lexicon(ms.demo_path("lexicon")).targets
    path = tmp_path / "report.yaml"
    path.write_text("k: 5\nfreq: M\nstart: 2022-01-01\noutlets: [A, B]\n")
    assert read_config(path) == {"k": 5, "freq": "M", "start": "2022-01-01", "outlets": ["A", "B"]}
