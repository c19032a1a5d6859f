"""Lexicon format: YAML and dict input, and an error naming file, line and entry per fault."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from mediastudy import Lexicon, LexiconError, load_lexicon
from mediastudy.stance.lexicon import DEFAULT_NEGATORS

REPO = Path(__file__).resolve().parents[1]

GOOD = """\
name: test
targets:
  NATO:
    aliases: [NATO, the alliance]
  sanctions: [sanctions, embargo*]
cues:
  pro:
    - defensive
    - {cue: strengthens security, weight: 2}
  anti:
    - threaten*
    - no
"""


def write(tmp_path: Path, text: str, name: str = "lex.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_yaml_and_dict_give_the_same_lexicon(tmp_path):
    from_yaml = load_lexicon(write(tmp_path, GOOD))
    from_dict = load_lexicon(
        {
            "targets": {"NATO": {"aliases": ["NATO", "the alliance"]},
                        "sanctions": ["sanctions", "embargo*"]},
            "cues": {"pro": ["defensive", {"cue": "strengthens security", "weight": 2}],
                     "anti": ["threaten*", "no"]},
        }
    )  # fmt: skip
    assert from_yaml.targets == from_dict.targets
    assert from_yaml.cues == from_dict.cues
    assert from_yaml.source.endswith("lex.yaml") and from_dict.source == "<dict>"


def test_cue_fields(tmp_path):
    lex = load_lexicon(write(tmp_path, GOOD))
    by_text = {c.text: c for c in lex.cues}
    assert by_text["strengthens security"].weight == 2.0
    assert by_text["strengthens security"].words == (("strengthens", False), ("security", False))
    assert by_text["threaten*"].words == (("threaten", True),)
    # YAML 1.1 would read a bare `no` as False; a cue stays the string the researcher wrote.
    assert by_text["no"].polarity == "anti" and by_text["no"].words == (("no", False),)
    assert lex.targets["sanctions"].aliases == ("sanctions", "embargo*")
    assert set(DEFAULT_NEGATORS) == set(lex.negators)


def test_acronym_case_rule():
    lex = load_lexicon(
        {"targets": {"NATO": ["NATO", "the alliance"],
                     "US": {"aliases": ["US"], "case_sensitive": False}}}
    )  # fmt: skip
    nato = lex.targets["NATO"]
    assert nato.alias_is_case_sensitive("NATO")
    assert not nato.alias_is_case_sensitive("the alliance")
    assert not lex.targets["US"].alias_is_case_sensitive("US")


def test_lexicon_passes_through_and_bad_type():
    lex = load_lexicon({"targets": {"NATO": ["NATO"]}})
    assert load_lexicon(lex) is lex
    with pytest.raises(TypeError, match="'lexicon' parameter must be a Lexicon"):
        load_lexicon(42)


def test_to_frame_lists_cues_with_their_target():
    lex = load_lexicon(
        {"targets": {"NATO": {"aliases": ["NATO"], "cues": {"anti": ["bloc"]}}},
         "cues": {"pro": ["defensive"]}}
    )  # fmt: skip
    frame = lex.to_frame()
    assert frame["cue"].tolist() == ["defensive", "bloc"]
    assert frame["target"].isna().tolist() == [True, False]


def test_negators_and_contrast_can_be_replaced():
    lex = load_lexicon({"targets": {"T": ["T"]}, "negators": ["nie"], "contrast": ["aber"]})
    assert lex.negators == frozenset({"nie"}) and lex.contrast == frozenset({"aber"})


def test_shipped_demo_lexicon_loads():
    lex = load_lexicon(REPO / "data" / "lexicon.yaml")
    assert isinstance(lex, Lexicon)
    assert set(lex.targets) == {"NATO", "Sentinel", "sanctions", "Northway"}
    assert "the missile shield" in lex.targets["Sentinel"].aliases
    assert {"pro", "anti"} == {c.polarity for c in lex.cues}


# Each malformed lexicon: (YAML text, expected line, expected entry, words of the message).
MALFORMED = {
    "unknown top-level key": (
        """\
        targets:
          NATO: [NATO]
        cue:
          pro: [defensive]
        """, 3, "cue", "unknown key 'cue'"),
    "unknown target key": (
        """\
        targets:
          NATO:
            aliases: [NATO]
            alias: [the alliance]
        """, 4, "targets.NATO.alias", "unknown key 'alias'"),
    "unknown cue key": (
        """\
        targets:
          NATO: [NATO]
        cues:
          pro:
            - defensive
            - {cue: effective, wieght: 2}
        """, 6, "cues.pro[1].wieght", "unknown key 'wieght'"),
    "unknown polarity": (
        """\
        targets:
          NATO: [NATO]
        cues:
          positive: [defensive]
        """, 4, "cues.positive", "unknown key 'positive'"),
    "empty target list": (
        """\
        targets:
          NATO: [NATO]
          sanctions: []
        """, 3, "targets.sanctions", "the target has no aliases"),
    "target without aliases": (
        """\
        targets:
          NATO:
            case_sensitive: auto
        """, 2, "targets.NATO", "the target has no aliases"),
    "empty alias": (
        """\
        targets:
          NATO: [NATO, ""]
        """, 2, "targets.NATO[1]", "non-empty strings"),
    "no targets": (
        """\
        cues:
          pro: [defensive]
        """, None, None, "needs a non-empty 'targets' mapping"),
    "empty targets": (
        """\
        name: x
        targets: {}
        """, 2, "targets", "needs a non-empty 'targets' mapping"),
    "cue listed twice": (
        """\
        targets:
          NATO: [NATO]
        cues:
          anti:
            - reckless
            - provocative
            - Reckless
        """, 7, "cues.anti[2]", "cue 'Reckless' is listed twice (also in cues.anti[0] at line 5)"),
    "cue with both polarities": (
        """\
        targets:
          NATO: [NATO]
        cues:
          pro:
            - firm
          anti:
            - firm
        """, 7, "cues.anti[0]", "listed with both polarities: as 'pro' in cues.pro[0] at line 5"),
    "target cue repeats a shared cue": (
        """\
        targets:
          NATO:
            aliases: [NATO]
            cues:
              pro: [defensive]
        cues:
          pro: [defensive]
        """, 5, "targets.NATO.cues.pro[0]", "listed twice (also in cues.pro[0] at line 7)"),
    "duplicate YAML key": (
        """\
        targets:
          NATO: [NATO]
          NATO: [the alliance]
        """, 3, "targets.NATO", "'NATO' is listed twice (first at line 2)"),
    "alias under two targets": (
        """\
        targets:
          NATO: [NATO, the alliance]
          EU: [EU, The Alliance]
        """, 3, "targets.EU[1]", "'The Alliance' is listed twice: already under target 'NATO'"),
    "negative weight": (
        """\
        targets:
          NATO: [NATO]
        cues:
          pro:
            - {cue: effective, weight: -1}
        """, 5, "cues.pro[0]", "weight must be a positive number. Got '-1'"),
    "weight not a number": (
        """\
        targets:
          NATO: [NATO]
        cues:
          pro:
            - {cue: effective, weight: high}
        """, 5, "cues.pro[0]", "weight must be a positive number. Got 'high'"),
    "wildcard inside a word": (
        """\
        targets:
          NATO: [NATO]
        cues:
          anti:
            - thr*ten
        """, 5, "cues.anti[0]", "'*' may only end a word"),
    "cue mapping without cue": (
        """\
        targets:
          NATO: [NATO]
        cues:
          anti:
            - {weight: 2}
        """, 5, "cues.anti[0]", "needs a 'cue' key"),
    "bad case rule": (
        """\
        targets:
          NATO:
            aliases: [NATO]
            case_sensitive: sometimes
        """, 4, "targets.NATO.case_sensitive", "must be auto, true or false"),
    "cues not a mapping": (
        """\
        targets:
          NATO: [NATO]
        cues: [defensive]
        """, 3, "cues", "must be a mapping with the keys 'pro' and/or 'anti'"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_lexicon_names_file_line_and_entry(tmp_path, case):
    text, line, entry, words = MALFORMED[case]
    path = write(tmp_path, text, name="bad lexicon.yaml")
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    message = str(info.value)
    assert message.startswith(str(path))
    if line is not None:
        assert f"{path} line {line}" in message
    if entry is not None:
        assert f"entry {entry}:" in message
    assert words in message


def test_malformed_dict_names_the_entry():
    with pytest.raises(LexiconError, match=r"^<dict>, entry cues\.anti\[0\]: cue 'firm' is listed"):
        load_lexicon({"targets": {"T": ["T"]}, "cues": {"pro": ["firm"], "anti": ["firm"]}})


def test_yaml_syntax_error_gives_the_line(tmp_path):
    path = write(tmp_path, "targets:\n  NATO: [NATO\ncues:\n  pro: [x]\n")
    with pytest.raises(LexiconError, match=r"line \d+: not valid YAML"):
        load_lexicon(path)


def test_empty_and_missing_files(tmp_path):
    with pytest.raises(LexiconError, match="the file is empty"):
        load_lexicon(write(tmp_path, "# nothing yet\n"))
    with pytest.raises(LexiconError, match="does not exist"):
        load_lexicon(tmp_path / "nope.yaml")
    with pytest.raises(LexiconError, match="line 1: the file must be a mapping"):
        load_lexicon(write(tmp_path, "- NATO\n- sanctions\n"))


def test_lexicon_error_is_a_value_error():
    with pytest.raises(ValueError):
        load_lexicon({"targets": {}})
