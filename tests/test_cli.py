"""The mediastudy command: success, --help, and each kind of bad input."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pandas as pd
import pytest

import mediastudy as ms
from mediastudy.cli import build_parser, main

SUBCOMMANDS = ("report", "load", "topics", "stance")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """The demo corpus written by 'mediastudy load'."""
    folder = tmp_path_factory.mktemp("cli")
    assert main(["load", str(ms.demo_path()), "-o", str(folder / "corpus.parquet"), "-q"]) == 0
    return folder / "corpus.parquet"


# ------------------------------------------------------------------------------- help
@pytest.mark.parametrize("command", [None, *SUBCOMMANDS])
def test_help_exits_zero_and_explains_every_option(capsys, command):
    argv = ["--help"] if command is None else [command, "--help"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "usage: mediastudy" in out
    parser = build_parser()
    if command is not None:
        subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = subparsers.choices[command]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        assert action.help, f"option {action.option_strings or action.dest} of {command} has no help"
        # one style: lower case, no final full stop (as argparse's own -h help)
        assert not action.help[0].isupper() or action.help.split()[0].isupper(), action.help
        assert not action.help.endswith("."), action.help
        for flag in action.option_strings:
            assert flag in out


def test_report_help_shows_defaults_including_zero():
    report = next(a for a in build_parser()._actions
                  if isinstance(a, argparse._SubParsersAction)).choices["report"]
    helps = {a.dest: a.help for a in report._actions}
    assert helps["random_state"].endswith("(default: 0)")
    assert helps["k_min"].endswith("(default: 4)")
    assert "default" not in helps["start"]


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"mediastudy {ms.__version__}"


def test_console_script_runs_as_a_process():
    proc = subprocess.run([sys.executable, "-m", "mediastudy.cli", "load", "--help"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "--out" in proc.stdout


# ------------------------------------------------------------------------------- success
def test_load_writes_corpus_load_report_and_run_record(loaded):
    corpus = pd.read_parquet(loaded)
    demo = ms.load_demo()
    assert corpus["id"].tolist() == demo["id"].tolist()
    assert set(ms.CORPUS_COLUMNS) <= set(corpus.columns)
    report = pd.read_csv(loaded.with_name("corpus.load_report.csv"))
    assert list(report.columns) == ["source_path", "source_line", "source_article", "problem", "action"]
    record = json.loads(loaded.with_name("corpus.run.json").read_text())
    assert record["command"] == "mediastudy load"
    assert record["inputs"][0]["n_files"] == len(list(ms.demo_path().rglob("*.txt")))


def test_load_lists_skipped_articles_in_the_load_report(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("\nA title\n\n01/02/2023\n\nBody text here.\n---\n")
    (tmp_path / "in" / "nodate.txt").write_text("\nAnother title\n\nnot a date\n\nBody.\n---\n")
    code, out, err = run(capsys, "load", str(tmp_path / "in"), "-o", str(tmp_path / "c.csv"))
    assert code == 0
    assert "loaded 1 of 2 articles found (1 skipped) in 2 files (2 read, 0 failed" in err
    assert len(pd.read_csv(tmp_path / "c.csv")) == 1
    report = pd.read_csv(tmp_path / "c.load_report.csv")
    assert report["source_path"].str.endswith("nodate.txt").tolist() == [True]
    assert out.strip() == str(tmp_path / "c.csv")


def test_topics_then_stance_on_the_loaded_corpus(loaded, tmp_path, capsys):
    code, out, err = run(capsys, "topics", str(loaded), "-o", str(tmp_path / "t.parquet"), "-k", "4",
                         "--info", str(tmp_path / "info.csv"), "--model", str(tmp_path / "model"))
    assert code == 0, err
    topics = pd.read_parquet(tmp_path / "t.parquet")
    assert sorted(topics["topic"].unique()) == [0, 1, 2, 3]
    assert topics["id"].tolist() == pd.read_parquet(loaded)["id"].tolist()
    info = pd.read_csv(tmp_path / "info.csv")
    assert info["n_articles"].sum() == len(topics)
    model = ms.TopicModel.load(tmp_path / "model")
    assert model.predict(topics.head(5)).tolist() == topics["topic"].head(5).tolist()
    assert json.loads((tmp_path / "model" / "run_record.json").read_text())["seeds"] == {"topic_model": 0}

    code, out, err = run(capsys, "stance", str(tmp_path / "t.parquet"), "-o", str(tmp_path / "s.csv"),
                         "--evidence", str(tmp_path / "ev.parquet"), "--summary", str(tmp_path / "sum.csv"))
    assert code == 0, err
    scores = pd.read_csv(tmp_path / "s.csv")
    targets = list(ms.load_lexicon(ms.demo_path("lexicon")).targets)
    assert len(scores) == len(topics) * len(targets)
    evidence = pd.read_parquet(tmp_path / "ev.parquet")
    assert set(evidence["id"]) <= set(scores["id"])
    summary = pd.read_csv(tmp_path / "sum.csv")
    assert set(summary["outlet"]) == set(topics["outlet"])
    assert "articles mentioning each target" in err


def test_report_command_writes_the_report(tmp_path, capsys):
    code, out, err = run(capsys, "report", "--out", str(tmp_path / "r"), "-k", "3", "--outlets",
                         "MeridianPost,CapitalWire", "--seed", "1", "--max-outlets", "1")
    assert code == 0, err
    assert out.strip() == str(tmp_path / "r" / "report.html")
    assert "[5/5] write" in err
    outlets = pd.read_csv(tmp_path / "r" / "tables" / "outlets.csv")
    assert sorted(outlets["outlet"]) == ["CapitalWire", "MeridianPost"]
    record = json.loads((tmp_path / "r" / "run_record.json").read_text())
    assert record["parameters"]["random_state"] == 1 and record["parameters"]["k"] == 3


# ------------------------------------------------------------------------------- bad input
def _assert_one_line_error(code, err, command, *fragments, exit_code=1):
    assert code == exit_code
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if "error:" in ln]
    assert len(lines) == 1, err
    assert lines[0].startswith(f"mediastudy {command}: error:")
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_missing_path(capsys, tmp_path, command):
    missing = str(tmp_path / "nowhere")
    argv = [command, missing] + ([] if command == "report" else ["-o", str(tmp_path / "x.csv")])
    code, out, err = run(capsys, *argv)
    _assert_one_line_error(code, err, command, "nowhere", "does not exist")
    assert out == ""


@pytest.mark.parametrize("command", ["load", "topics", "stance"])
def test_unreadable_input_file(capsys, tmp_path, command):
    bad = tmp_path / "broken.parquet"
    bad.write_bytes(b"this is not parquet")
    code, _, err = run(capsys, command, str(bad), "-o", str(tmp_path / "x.csv"))
    _assert_one_line_error(code, err, command, "broken.parquet")


def test_undecodable_text_file(capsys, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "latin.txt").write_bytes(b"\nTitre\n\n01/02/2023\n\nCaf\xe9 cr\xe8me.\n---\n")
    code, _, err = run(capsys, "load", str(tmp_path / "in"), "-o", str(tmp_path / "x.csv"))
    _assert_one_line_error(code, err, "load", "latin.txt", "not utf-8")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("k: [1\n", "not valid YAML"), ("number_of_topics: 5\n", "unknown setting 'number_of_topics'"),
     ("k: five\n", "'k' must be a whole number"), ("lexicon: 3\n", "'lexicon' must be the path"),
     ("start: 2022-13-01\n", "'start' must be a date written yyyy-mm-dd, e.g. 2022-03-01. Got '2022-13-01'")],
)
def test_bad_config(capsys, tmp_path, text, fragment):
    config = tmp_path / "report.yaml"
    config.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "report", "--config", str(config), "--out", str(tmp_path / "o"))
    _assert_one_line_error(code, err, "report", "report.yaml", fragment)
    assert not (tmp_path / "o").exists()


def test_config_that_is_missing_or_a_folder(capsys, tmp_path):
    code, _, err = run(capsys, "report", "--config", str(tmp_path / "none.yaml"))
    _assert_one_line_error(code, err, "report", "none.yaml", "does not exist")
    code, _, err = run(capsys, "report", "--config", str(tmp_path))
    _assert_one_line_error(code, err, "report", "is a folder")


def test_bad_lexicon(capsys, tmp_path, loaded):
    lexicon = tmp_path / "lex.yaml"
    lexicon.write_text("targets: []\n", encoding="utf-8")
    code, _, err = run(capsys, "stance", str(loaded), "-o", str(tmp_path / "s.csv"),
                       "--lexicon", str(lexicon))
    _assert_one_line_error(code, err, "stance", "lex.yaml")


def test_stance_on_your_own_corpus_needs_a_lexicon(capsys, tmp_path):
    own = tmp_path / "own" / "a.txt"
    own.parent.mkdir()
    own.write_text("\nThe deployment\n\n01/02/2023\n\nThe deployment was condemned.\n", encoding="utf-8")
    code, _, err = run(capsys, "stance", str(own.parent), "-o", str(tmp_path / "s.csv"))
    _assert_one_line_error(code, err, "stance", "--lexicon", exit_code=2)  # the command line lacks it
    assert not (tmp_path / "s.csv").exists()
    code, _, err = run(capsys, "stance", str(own.parent), "-o", str(tmp_path / "s.csv"),
                       "--lexicon", str(ms.demo_path("lexicon")))
    assert code == 0, err


def test_errors_advise_flags_not_python_keywords(capsys, tmp_path):
    csv = tmp_path / "odd.csv"
    pd.DataFrame({"Headline": ["A"], "Body": ["Text."], "when": ["03/04/2017"]}).to_csv(csv, index=False)
    code, _, err = run(capsys, "load", str(csv), "-o", str(tmp_path / "c.parquet"), "--errors", "raise",
                       "--column", "when=date")
    # the library's advice, and the flags that follow it (chosen by the error's param field)
    _assert_one_line_error(code, err, "load", "odd.csv", "dayfirst=True",
                           "on the command line: --dayfirst (dd/mm/yyyy) or --monthfirst")
    latin = tmp_path / "latin" / "a.txt"
    latin.parent.mkdir()
    latin.write_bytes(b"\nTitle\n\n01/01/2023\n\nCaf\xe9 society.\n")
    code, _, err = run(capsys, "load", str(latin), "-o", str(tmp_path / "l.parquet"), "--errors", "raise")
    _assert_one_line_error(code, err, "load", "a.txt", "on the command line: --encoding NAME")
    code, _, err = run(capsys, "load", str(latin), "-o", str(tmp_path / "l.parquet"), "-q",
                       "--encoding", "latin-1")
    assert code == 0, err
    assert pd.read_parquet(tmp_path / "l.parquet")["text"].tolist() == ["Café society."]
    bad = tmp_path / "bad" / "b.txt"
    bad.parent.mkdir()
    bad.write_text("\nTitle\n\n31/02/2017\n\nBody.\n", encoding="utf-8")
    code, _, err = run(capsys, "load", str(bad), "-o", str(tmp_path / "b.parquet"), "-q",
                       "--bad-dates", "keep")
    assert code == 0, err
    assert pd.read_parquet(tmp_path / "b.parquet")["date"].isna().tolist() == [True]


def test_an_unknown_option_shows_the_subcommands_usage(capsys, tmp_path):
    code, _, err = run(capsys, "stance", "x.parquet", "-k", "5", "-o", str(tmp_path / "y.csv"))
    assert code == 2
    assert err.startswith("usage: mediastudy stance") and "unrecognized arguments: -k 5" in err


def test_output_format_must_be_known(capsys, tmp_path):
    code, _, err = run(capsys, "load", str(ms.demo_path()), "-o", str(tmp_path / "corpus.ods"))
    _assert_one_line_error(code, err, "load", "corpus.ods", ".parquet", exit_code=2)


@pytest.mark.parametrize(
    "argv",
    [["report", "--k", "many"], ["load", str(ms.demo_path())], ["frobnicate"], ["topics", "x.parquet",
                                                                               "-o", "y.csv", "-k", "0"]],
)
def test_wrong_command_line_is_exit_code_2(capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "usage: mediastudy" in err and "Traceback" not in err


def test_report_on_your_own_corpus_without_a_lexicon_skips_stance(capsys, tmp_path):
    own = tmp_path / "own" / "Alpha"
    own.mkdir(parents=True)
    themes = ["Ships carried grain to the port harbour.", "Voters chose a new parliament.",
              "Gas prices rose before winter."]
    for i in range(12):
        (own / f"{i}.txt").write_text(
            f"\nStory {i}\n\n{1 + i:02d}/03/2023\n\n{themes[i % 3]} Report number {i}.\n",
            encoding="utf-8")
    code, out, err = run(capsys, "report", str(own.parent), "--out", str(tmp_path / "r"), "-k", "2")
    assert code == 0, err
    warning = [ln for ln in err.splitlines() if ln.startswith("mediastudy: warning: Stance is not scored")]
    assert len(warning) == 1 and "--lexicon FILE" in warning[0] and "lexicon: FILE" in warning[0]
    assert "[3/5] stance: skipped: no lexicon given" in err
    assert "1 outlets" not in err and "from 1 outlet " in err
    assert not (tmp_path / "r" / "tables" / "stance_articles.csv").exists()


def test_report_on_an_empty_folder(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    code, out, err = run(capsys, "report", str(tmp_path / "empty"), "--out", str(tmp_path / "r"))
    _assert_one_line_error(code, err, "report", "empty' holds no readable articles", ".jsonl")
    assert "Widen the selection" not in err and "warning" not in err


def test_report_on_a_table_without_dates_says_which_column_to_map(capsys, tmp_path):
    pd.DataFrame({"text": [f"Harbour story {i} about ferries and tolls." for i in range(12)],
                  "When": [f"2023-03-{1 + i:02d}" for i in range(12)]}).to_csv(tmp_path / "t.csv", index=False)
    for extra in ([], ["--start", "2023-03-02"]):  # (the selection would leave none either)
        code, out, err = run(capsys, "report", str(tmp_path / "t.csv"), "--out", str(tmp_path / "r"), *extra)
        _assert_one_line_error(code, err, "report", "Only 0 of the 12 articles loaded have a date",
                               "columns={'When': 'date'}", "--column When=date on the command line")
        assert "Widen the selection" not in err


@pytest.mark.parametrize("value", ["2022-13-01", "01/03/2022"])
def test_report_start_must_be_a_real_date(capsys, value):
    code, _, err = run(capsys, "report", "--start", value)
    assert code == 2
    assert "argument --start" in err and "YYYY-MM-DD" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [(["--seed", "-1"], "error: --seed: run_report: 'random_state' must be a whole number from 0"),
     (["--k-min", "9", "--k-max", "5"], "error: --k-min: run_report: 'k_min' (9) is larger than 'k_max' (5)"),
     (["--start", "2023-05-01", "--end", "2023-01-01"],
      "error: --start: run_report: 'start' (2023-05-01) is after 'end'")],
)
def test_report_option_errors_name_the_flag(capsys, tmp_path, argv, fragment):
    # a setting error (ConfigError) whose param is an option of this command line: usage, 2
    code, _, err = run(capsys, "report", "--out", str(tmp_path / "r"), *argv)
    _assert_one_line_error(code, err, "report", fragment, exit_code=2)
    assert not (tmp_path / "r").exists()


def test_stance_help_describes_the_score_as_computed(capsys):
    code, out, _ = run(capsys, "stance", "--help")
    assert code == 0 and "-1..+1" not in out
    corpus = pd.DataFrame({"id": ["a"], "text": ["The sanctions are working."]})
    lexicon = {"targets": {"sanctions": ["sanctions"]}, "cues": {"pro": ["working"], "anti": ["failed"]}}
    one_pro = ms.score_stance(corpus, lexicon).articles["score"].iloc[0]
    assert f"{one_pro:+.1f} for one pro cue" in " ".join(out.split())


def test_any_table_can_be_written_as_a_workbook(loaded, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "stance.xlsx"
    assert main(["stance", str(loaded), "-o", str(out),
                 "--lexicon", str(ms.demo_path("lexicon")), "-q"]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["Contents", "Stance"]
    header = [c.value for c in next(book["Stance"].iter_rows(max_row=1))]
    assert "id" in header and "score" in header


def _python_says(code: str, *args: str, returncode: int = 0) -> list[str]:
    """What a fresh Python running ``code`` prints, word by word (it must exit so)."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    assert done.returncode == returncode, done.stderr
    return done.stdout.split()


def test_the_report_command_imports_first_and_then_collects_garbage_as_usual():
    """`mediastudy report` (cli.run) imports what the report needs to read its corpus with the
    garbage collector off, freezes those objects, and leaves the collector on for the work;
    the sections' libraries and scikit-learn are left for the report to import while a second
    process reads the corpus, and it is told to freeze them too."""
    code = ("import gc, sys\n"
            "from mediastudy import cli\n"
            "def main():\n"
            "    from mediastudy.report import sections\n"
            "    print(gc.isenabled(), gc.get_freeze_count() > 0, 'sklearn' in sys.modules,\n"
            "          'mediastudy.quotes' in sys.modules,\n"
            "          sections.FREEZE_IMPORTS, flush=True)\n"
            "    return 3\n"
            "cli.main = main\n"
            "sys.argv = ['mediastudy', sys.argv[1]]\n"
            "cli.run()\n")
    for command, report in (("report", "True"), ("load", "False")):
        said = _python_says(code, command, returncode=3)  # main's code, through os._exit
        assert said == ["True", "True", "False", "False", report], command


def test_the_report_imports_with_the_collector_off_and_freezes_when_told():
    code = ("import gc, sys\n"
            "from mediastudy.report import sections\n"
            "sections.FREEZE_IMPORTS = sys.argv[1] == 'freeze'\n"
            "before = gc.get_freeze_count()\n"
            "seen = []\n"
            "gc.callbacks.append(lambda phase, info: seen.append(phase))\n"
            "done = lambda: 'mediastudy.quotes' in sys.modules\n"
            "sections.import_what_sections_use(topics=True, enough=done)\n"
            "print(gc.isenabled(), gc.get_freeze_count() > before, len(seen), 'sklearn' in sys.modules,\n"
            "      'mediastudy.quotes' in sys.modules)\n")
    for how, frozen in (("freeze", "True"), ("no", "False")):
        # on, frozen when told, no collection while importing, and no topic module once the
        # reading is done (enough() true before the first)
        assert _python_says(code, how) == ["True", frozen, "0", "False", "True"], how


def test_with_one_process_the_report_imports_before_reading(tmp_path):
    """Imported together, with the collector off (and frozen when the command asks), the
    report's libraries cost less: with one process they come before the corpus is read."""
    code = ("import gc, sys\n"
            "from mediastudy.report import sections, steps, run_report\n"
            "sections.FREEZE_IMPORTS = True\n"
            "read = steps.read\n"
            "def reading(job):\n"
            "    print('sklearn' in sys.modules, 'mediastudy.quotes' in sys.modules,\n"
            "          gc.isenabled(), gc.get_freeze_count() > 0, flush=True)\n"
            "    read(job)\n"
            "steps.read = reading\n"
            "run_report(out=sys.argv[1], k=3, n_jobs=1)\n")
    assert _python_says(code, str(tmp_path / "r")) == ["True", "True", "True", "True"]


def test_what_the_sections_use_needs_no_scikit_learn():
    # the report's second process starts on the sections' work while the first imports
    # scikit-learn and SciPy's statistics (~0.8 s) for the topics: nothing the sections import
    # may pull them in (the stop-word list once did, through the speaker variants)
    code = ("import sys\n"
            "from mediastudy.report.sections import import_what_sections_use\n"
            "import_what_sections_use()\n"
            "from mediastudy.text.stopwords import news_stop_words\n"
            "print(len(news_stop_words()) > 300,\n"
            "      [m for m in ('sklearn', 'scipy.stats') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True []"
