"""A report folder always describes one run (issue 19): written into a temporary folder and
moved into place when complete; a failed or interrupted run leaves the previous report as it
was and says where its partial output and error went; a concurrent run is refused; a killed
run's lock does not stick."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys

import pytest

import mediastudy as ms
from mediastudy.cli import main
from mediastudy.report import run
from mediastudy.report.lock import FolderLock, OutputInUseError

SETTINGS = {"k": 3, "outlets": ["CapitalWire"], "figure_formats": ["png"]}


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def earlier(tmp_path_factory):
    """A complete report, and a file a person put into its folder."""
    out = tmp_path_factory.mktemp("r") / "report"
    ms.run_report(out=out, **SETTINGS)
    (out / "my notes.txt").write_text("mine")
    return out


@pytest.fixture
def report(earlier, tmp_path):
    import shutil

    out = tmp_path / "report"
    shutil.copytree(earlier, out)
    return out


@pytest.mark.parametrize("error", [RuntimeError("boom in topics"), KeyboardInterrupt()])
def test_a_failed_run_leaves_the_previous_report_intact(report, monkeypatch, error):
    before = snapshot(report)

    def failing(job):
        (job.output.root / "figures").mkdir(exist_ok=True)
        (job.output.root / "figures" / "half.png").write_bytes(b"half")
        raise error

    monkeypatch.setitem(run.STEPS, "topics", failing)
    with pytest.raises(type(error)) as info:
        ms.run_report(out=report, **{**SETTINGS, "k": 4})
    assert snapshot(report) == before  # not one file of the failed run in the old report
    partial = report.parent / "report.partial"
    assert (partial / "figures" / "half.png").exists()
    assert type(error).__name__ in (partial / "error.txt").read_text()
    note = " ".join(info.value.__notes__)
    assert str(report) in note and "left as it was" in note and str(partial) in note
    assert not any(p.name.startswith(".report.") for p in report.parent.iterdir())  # no lock, no temp


def test_a_complete_run_replaces_the_report_and_keeps_a_persons_files(report):
    record = json.loads((report / "run_record.json").read_text())
    (report / "figures" / "old_figure.png").write_bytes(b"x")  # a stale output of that run
    record["outputs"].append("figures/old_figure.png")
    (report / "run_record.json").write_text(json.dumps(record))
    page = ms.run_report(out=report, **{**SETTINGS, "figure_formats": []})
    assert page == report / "report.html" and page.exists()
    assert (report / "my notes.txt").read_text() == "mine"
    assert not (report / "figures" / "old_figure.png").exists()
    new = json.loads((report / "run_record.json").read_text())
    assert sorted(new["outputs"]) == sorted(
        p for p in snapshot(report) if p != "my notes.txt")  # the folder is this run's, exactly
    assert not any(p.name.startswith(".report.") for p in report.parent.iterdir())


def test_a_concurrent_run_is_refused(report):
    before = snapshot(report)
    with FolderLock(report) as lock:
        with pytest.raises(OutputInUseError, match=r"Another report is being written into .*"
                                                   rf"process {os.getpid()}") as info:
            ms.run_report(out=report, **SETTINGS)
        assert info.value.path == str(lock.path)
    assert snapshot(report) == before


def test_the_command_line_says_so_with_exit_1(report, capsys):
    with FolderLock(report):
        code = main(["report", "--out", str(report), "-k", "3", "--outlets", "CapitalWire", "-q"])
    err = capsys.readouterr().err
    assert code == 1 and "Another report is being written" in err and "Traceback" not in err


def test_a_killed_runs_lock_and_temporary_folder_do_not_stick(report):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(dead.stdout)
    lock = report.parent / ".report.lock"
    lock.write_text(json.dumps({"pid": pid, "host": socket.gethostname(), "process_start": None}))
    leftover = report.parent / f".report.tmp-{pid}"
    (leftover / "figures").mkdir(parents=True)
    ms.run_report(out=report, **SETTINGS)
    assert not lock.exists() and not leftover.exists()
    assert (report / "report.html").exists()


def test_two_runs_at_once_never_mix_the_folder(tmp_path):
    """Two processes into the same --out: one completes, the other is refused (exit 1)."""
    out = tmp_path / "report"
    argv = [sys.executable, "-m", "mediastudy.cli", "report", "--out", str(out), "-k", "3",
            "--outlets", "CapitalWire", "-q"]
    procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [(p.wait(), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 1]), results  # the second may also start after the first ended
    if codes == [0, 1]:
        assert any("Another report is being written" in err for _, err in results)
    record = json.loads((out / "run_record.json").read_text())
    assert sorted(record["outputs"]) == sorted(snapshot(out))


def test_the_current_folder_or_a_file_is_refused_as_the_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ms.ConfigError, match="current folder") as info:
        ms.run_report(out=".", **SETTINGS)
    assert info.value.param == "out"
    (tmp_path / "file").write_text("x")
    with pytest.raises(ms.ConfigError, match="is a file"):
        ms.run_report(out=tmp_path / "file", **SETTINGS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]
