"""A report on two processes (mediastudy.report.parallel) is the report of one process."""

from __future__ import annotations

import dataclasses
import os
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from mediastudy import run_report
from mediastudy.errors import ConfigError
from mediastudy.report import parallel
from mediastudy.report.sections import SECTIONS

pytestmark = pytest.mark.skipif(not parallel.two_processes(2),
                                reason="a second process needs fork (Linux)")

FAST = {"k": 3}  # the demo corpus, k given: no choose_k


def files(folder: Path) -> dict[str, bytes]:
    """Every file of a report folder but its run record (times), the workbook's members
    but its creation time."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel != "run_record.json":
            out[rel] = path.read_bytes()
    with zipfile.ZipFile(folder / "report.xlsx") as book:
        out["report.xlsx"] = b"".join(book.read(n) for n in sorted(book.namelist())
                                      if n != "docProps/core.xml")
    return out


@pytest.fixture(scope="module")
def one_process(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("one") / "report"
    run_report(out=out, n_jobs=1, **FAST)
    return files(out)


@pytest.fixture
def sections():
    """SECTIONS, put back as they were after the test."""
    saved = list(SECTIONS)
    yield SECTIONS
    SECTIONS[:] = saved


def _same(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    assert sorted(a) == sorted(b)
    assert [n for n in a if a[n] != b[n]] == []


def test_two_processes_write_the_same_report_byte_for_byte(one_process, tmp_path):
    run_report(out=tmp_path / "two", n_jobs=2, **FAST)
    _same(one_process, files(tmp_path / "two"))
    assert any(n.startswith("figures/speakers") for n in one_process)  # an early unit drew


def _failing(how: str):
    """What a unit does in the second process only: raises ("raises") or ends it ("dies")."""
    def fail():
        if how == "dies":
            os._exit(3)
        raise RuntimeError("only in the second process")
    return fail


def _in_child_only(func, action):
    parent = os.getpid()

    def unit(job):
        if os.getpid() != parent:
            action()
        func(job)
    return unit


@pytest.mark.parametrize("how", ["raises", "dies"])
def test_a_unit_that_fails_or_dies_in_the_second_process_is_run_again_here(
        how, one_process, tmp_path, sections):
    fail = _failing(how)

    for i, section in enumerate(SECTIONS):
        if section.key in ("words", "timelines"):  # an early unit, and build parts
            changes = {"early": _in_child_only(section.early, fail)} if section.early else {
                "parts": tuple(_in_child_only(p, fail) for p in section.parts)}
            sections[i] = dataclasses.replace(section, **changes)
    run_report(out=tmp_path / "two", n_jobs=2, **FAST)
    _same(one_process, files(tmp_path / "two"))


def test_an_error_in_a_unit_is_raised_as_in_one_process(tmp_path, sections):
    def broken(job):
        raise ValueError("a broken section")

    i = next(i for i, s in enumerate(SECTIONS) if s.key == "copies")
    sections[i] = dataclasses.replace(SECTIONS[i], early=broken)
    for n_jobs in (1, 2):
        with pytest.raises(ValueError, match="a broken section"):
            run_report(out=tmp_path / f"r{n_jobs}", n_jobs=n_jobs, **FAST)
        assert not (tmp_path / f"r{n_jobs}").exists()
        assert not list(tmp_path.glob(f".r{n_jobs}.tmp-*"))  # nothing left writing


def test_units_keep_the_page_order_and_read_their_early_results():
    units = parallel.units(SECTIONS)
    assert [u.index for u in units] == list(range(len(units)))
    keys = [s.key for s in SECTIONS]
    assert [keys.index(u.section) for u in units] == sorted(keys.index(u.section) for u in units)
    for u in units:
        if u.after is not None:
            assert units[u.after].early and units[u.after].section == u.section
    early = {u.section for u in units if u.early}
    assert {"quotes", "copies", "words", "corpus"} <= early


def test_the_costliest_early_unit_starts_first_and_the_cheapest_are_taken_from_the_back():
    queue = parallel._Queue(parallel.units(SECTIONS))
    costs = {s.key: s.early_cost for s in SECTIONS if s.early is not None}
    first = next(queue.first())
    assert first.section == max(costs, key=costs.get) == "quotes"
    back = queue.take()[0]
    assert back.early and back.section == min(costs, key=costs.get)
    # every early unit (the stance parts too) is handed out exactly once, whichever end
    # takes it
    rest = [u.section for u in queue.first()]
    everything = [u.section for u in parallel.units(SECTIONS) if u.early]
    assert sorted([first.section, back.section, *rest]) == sorted(everything)
    assert {"stance", "timelines"} <= set(rest)


def test_stance_parts_are_early_units_after_their_sections_other_parts():
    units = parallel.units(SECTIONS)
    timelines = [u for u in units if u.section == "timelines"]
    assert [(u.run.__name__, u.early) for u in timelines] == [("_topic_share", False),
                                                              ("_stance_part", True)]
    stance = [u for u in units if u.section == "stance"]
    assert [(u.run.__name__, u.early, u.after) for u in stance] == [("build", True, None)]


@pytest.mark.parametrize("how", ["raises", "dies"])
def test_stance_that_fails_or_dies_in_the_early_process_is_scored_here(
        how, one_process, tmp_path, monkeypatch):
    """The early process scores stance first; if that fails there, this process scores it
    and runs the units the early process did not (the same report)."""
    from mediastudy.report import run

    fail = _failing(how)

    monkeypatch.setattr(run, "_score", _in_child_only(run._score, fail))
    run_report(out=tmp_path / "two", n_jobs=2, **FAST)
    _same(one_process, files(tmp_path / "two"))


def test_an_early_process_that_dies_while_sending_is_taken_as_ended(one_process, tmp_path,
                                                                  monkeypatch, sections):
    """The early process sends a large result and dies in its next unit, half of the result
    still unsent: this process reads that as the end (no wait for the rest) and does the
    work itself (the same report)."""
    import time

    import numpy as np

    from mediastudy.report import run

    parent = os.getpid()
    original = run._score

    def score(job):
        original(job)
        if os.getpid() != parent:  # 32 MB: far more than a pipe holds
            job.stance_extra = np.arange(4_000_000)

    monkeypatch.setattr(run, "_score", score)
    def die():
        time.sleep(0.5)  # while the sending thread has filled the pipe and waits
        os._exit(3)

    i = next(i for i, s in enumerate(SECTIONS) if s.key == "quotes")  # the next unit there
    sections[i] = dataclasses.replace(SECTIONS[i], early=_in_child_only(SECTIONS[i].early, die))
    run_report(out=tmp_path / "two", n_jobs=2, **FAST)
    _same(one_process, files(tmp_path / "two"))


def test_stance_scored_in_the_early_process_is_taken_in_once(tmp_path, monkeypatch):
    """Stance scored in the early process reaches this one's stance step, with its message
    and its warnings, each once."""
    import warnings as w

    from mediastudy.report import run

    where = []

    def score(job):
        where.append(os.getpid())  # only this process' calls are seen here
        w.warn("a stance warning", UserWarning)
        original(job)

    original = run._score
    monkeypatch.setattr(run, "_score", score)
    said = []
    with pytest.warns(UserWarning, match="a stance warning") as got:
        run_report(out=tmp_path / "two", n_jobs=2, progress=said.append, **FAST)
    assert where == []  # scored in the early process, not here
    assert sum("a stance warning" in str(x.message) for x in got) == 1
    stance = [m for m in said if "] stance: " in m]
    assert len(stance) == 1 and "evidence sentence" in stance[0], said


def test_the_corpus_is_read_in_a_second_process_while_this_one_imports(tmp_path, monkeypatch):
    """With two processes the load step's reading runs in a forked process (its warnings,
    notes and tables taken in here, each once) while this one imports; the rest of the load
    step runs here."""
    import warnings as w

    from mediastudy.report import run, steps

    read_in, imported_in, described_in = [], [], []
    original_read, original_describe = steps.read, steps.describe
    log = tmp_path / "pids"

    def read(job):
        with open(log, "a") as f:  # a forked process' calls are seen through the file
            f.write(f"{os.getpid()}\n")
        w.warn("a reading warning", UserWarning, stacklevel=2)
        original_read(job)

    def describe(job):
        described_in.append(os.getpid())
        original_describe(job)

    monkeypatch.setattr(steps, "read", read)
    monkeypatch.setattr(steps, "describe", describe)
    monkeypatch.setattr(run, "import_what_sections_use",
                        lambda **kw: imported_in.append((os.getpid(), sorted(kw))))
    with pytest.warns(UserWarning, match="a reading warning") as got:
        run_report(out=tmp_path / "two", n_jobs=2, **FAST)
    read_in = [int(x) for x in log.read_text().split()]
    assert len(read_in) == 1 and read_in[0] != os.getpid()
    assert imported_in == [(os.getpid(), ["enough", "topics"])] and described_in == [os.getpid()]
    assert sum("a reading warning" in str(x.message) for x in got) == 1
    page = (tmp_path / "two" / "report.html").read_text(encoding="utf-8")
    assert "Load report" in page and (tmp_path / "two" / "tables" / "load_report.csv").exists()


def test_in_a_jupyter_kernel_the_corpus_is_read_here(tmp_path, monkeypatch):
    """A kernel's output streams would not show a forked process' progress bar."""
    import io
    import sys

    from mediastudy.report import steps

    class OutStream(io.StringIO):
        pass

    OutStream.__module__ = "ipykernel.iostream"
    pids = []
    original = steps.read
    monkeypatch.setattr(steps, "read", lambda job: pids.append(os.getpid()) or original(job))
    monkeypatch.setattr(sys, "stderr", OutStream())
    run_report(out=tmp_path / "two", n_jobs=2, **FAST)
    assert pids == [os.getpid()]


@pytest.mark.parametrize("how", ["raises", "dies"])
def test_reading_that_fails_or_dies_in_the_second_process_is_done_here(
        how, one_process, tmp_path, monkeypatch):
    from mediastudy.report import steps

    fail = _failing(how)

    monkeypatch.setattr(steps, "read", _in_child_only(steps.read, fail))
    run_report(out=tmp_path / "two", n_jobs=2, **FAST)
    _same(one_process, files(tmp_path / "two"))


def test_an_error_here_while_reading_there_leaves_no_process_behind(tmp_path, monkeypatch):
    """This process fails while the reading process and the one it started for boilerplate
    run: both end (an orphan would hold the command's output open for ever)."""
    import time

    from mediastudy.report import run, steps

    def children(pid):
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                return [int(x) for x in f.read().split()]
        except OSError:
            return []

    parent = os.getpid()
    slow = steps.remove_boilerplate

    def remove_boilerplate(corpus, *args, **kwargs):
        if os.getpid() != parent:
            time.sleep(60)  # in the reading process and the one it started
        return slow(corpus, *args, **kwargs)

    seen = []

    def imports(**kwargs):
        start = time.monotonic()
        while time.monotonic() - start < 30 and not seen:
            seen.extend(g for c in set(children(parent)) - before for g in children(c))
            time.sleep(0.05)
        raise ImportError("a broken library")

    monkeypatch.setattr(steps, "remove_boilerplate", remove_boilerplate)
    monkeypatch.setattr(steps, "TWO_PROCESS_BOILERPLATE", 10)
    monkeypatch.setattr(run, "import_what_sections_use", imports)
    before = set(children(parent))  # (other tests may leave worker pools running)
    with pytest.raises(ImportError, match="a broken library"):
        run_report(out=tmp_path / "r", n_jobs=2, **FAST)
    assert seen  # the reading process had started its own
    start = time.monotonic()
    while time.monotonic() - start < 10 and any(os.path.exists(f"/proc/{p}") for p in seen):
        time.sleep(0.05)
    alive = [p for p in seen if os.path.exists(f"/proc/{p}")
             and open(f"/proc/{p}/stat").read().split(")")[1].split()[0] != "Z"]
    assert alive == [] and set(children(parent)) <= before


def test_a_corpus_that_cannot_be_read_gives_the_error_of_one_process(tmp_path):
    from mediastudy.errors import LoadError

    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.pdf").write_bytes(b"%PDF")
    messages = []
    for n_jobs in (1, 2):
        with pytest.raises(LoadError) as error:
            run_report(tmp_path / "empty", out=tmp_path / f"r{n_jobs}", n_jobs=n_jobs, **FAST)
        messages.append(str(error.value))
        assert not (tmp_path / f"r{n_jobs}").exists()
    assert messages[0] == messages[1] and ".pdf" in messages[0]


def test_n_jobs_setting(monkeypatch):
    assert not parallel.two_processes(1)
    import threading

    single = threading.active_count() == 1  # other test modules may leave threads running
    assert parallel.two_processes(None) == ((os.cpu_count() or 1) >= 2 and single)
    monkeypatch.setattr(parallel.sys, "platform", "darwin")  # fork is not safe there
    assert not parallel.two_processes(2) and not parallel.two_processes(None)
    with pytest.raises(ConfigError, match="n_jobs"):
        run_report(out="unused", n_jobs=0)


@pytest.mark.corpora
def test_two_processes_on_real_articles(corpora, tmp_path):
    corpus = pd.read_parquet(corpora / "news_ukraine_2022.parquet")
    source = tmp_path / "sample.parquet"
    corpus.groupby("outlet").head(40).to_parquet(source)
    lexicon = Path(__file__).parent / "lexicon_ukraine.yaml"
    reports = []
    for n_jobs in (1, 2):
        run_report(source, tmp_path / f"r{n_jobs}", k=5, lexicon=str(lexicon), n_jobs=n_jobs)
        reports.append(files(tmp_path / f"r{n_jobs}"))
    _same(*reports)


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_meanwhile_gives_the_value_or_runs_here(n_jobs):
    parent = os.getpid()
    assert parallel.meanwhile(lambda: (1, "a"), n_jobs).result() == (1, "a")
    ran_here = parallel.meanwhile(lambda: os.getpid() == parent or os._exit(3), n_jobs).result()
    assert ran_here is True  # it died there (with two processes): run again here

    def fail():
        raise KeyError("here too")
    with pytest.raises(KeyError, match="here too"):
        parallel.meanwhile(fail, n_jobs).result()


def test_boilerplate_in_two_processes_is_that_of_one(monkeypatch):
    from types import SimpleNamespace

    from mediastudy.report import steps

    said = {"A": "The agency was founded in 1990 in Brenn.", "B": "Subscribe to our daily letter now.",
            "C": "Read more stories like this one here."}
    rows = []
    for i in range(90):
        outlet = "ABC"[i % 3]
        text = f"Story {i} begins with news.\n\n{said[outlet]} It ends {i}." if i % 4 else f"Only {i}."
        rows.append({"id": f"x{i}", "outlet": outlet, "text": text, "n_words": len(text.split())})
    corpus = pd.DataFrame(rows)
    before = corpus.copy()
    monkeypatch.setattr(steps, "TWO_PROCESS_BOILERPLATE", 10)
    jobs = [SimpleNamespace(opts={"n_jobs": n}, tables={}) for n in (1, 2)]
    one, two = (steps._remove_boilerplate(job, corpus) for job in jobs)
    pd.testing.assert_frame_equal(one, two)
    pd.testing.assert_frame_equal(jobs[0].tables["boilerplate"], jobs[1].tables["boilerplate"])
    assert jobs[0].boilerplate == jobs[1].boilerplate and jobs[0].boilerplate["sentences"] == 3
    assert one.index.equals(corpus.index) and not one["text"].str.contains("Subscribe").any()
    pd.testing.assert_frame_equal(corpus, before)
    monkeypatch.setattr(steps, "TWO_PROCESS_BOILERPLATE", 10**9)  # one process, as before
    job = SimpleNamespace(opts={"n_jobs": 2}, tables={})
    pd.testing.assert_frame_equal(steps._remove_boilerplate(job, corpus), one)
    pd.testing.assert_frame_equal(job.tables["boilerplate"], jobs[0].tables["boilerplate"])


@pytest.mark.parametrize("handicap", [0, 5_000_000])
def test_boilerplate_in_two_processes_does_the_work_before_the_fork_meanwhile(monkeypatch, handicap):
    """The report's imports run here while the second process finds boilerplate (this one
    takes less text for it: all of it goes there when the text is short); the same frame."""
    from types import SimpleNamespace

    from mediastudy.report import steps

    said = ["Subscribe to our daily letter now.", "Read more stories like this one here."]
    corpus = pd.DataFrame([{"id": f"x{i}", "outlet": "AB"[i % 2],
                            "text": f"Story {i} begins.\n\n{said[i % 2]} It ends {i}."}
                           for i in range(60)])
    monkeypatch.setattr(steps, "TWO_PROCESS_BOILERPLATE", 10)
    monkeypatch.setattr(steps, "BEFORE_FORK_CHARS", handicap)
    plain = SimpleNamespace(opts={"n_jobs": 1}, tables={})
    expected = steps._remove_boilerplate(plain, corpus)
    ran = []
    job = SimpleNamespace(opts={"n_jobs": 2}, tables={}, before_fork=lambda: ran.append(os.getpid()))
    got = steps._remove_boilerplate(job, corpus)
    pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(job.tables["boilerplate"], plain.tables["boilerplate"])
    assert job.boilerplate == plain.boilerplate and plain.boilerplate["sentences"] == 2
    assert ran == [os.getpid()] and job.before_fork is None  # once, in this process


def test_the_command_exits_quickly_with_its_code_output_and_exit_handlers(tmp_path):
    import subprocess
    import sys

    code = ("import atexit, sys; atexit.register(print, 'exit handlers ran'); "
            "from mediastudy.cli import run; run()")
    done = subprocess.run([sys.executable, "-c", code, "report", "--out", str(tmp_path / "r"),
                           "-q", "-k", "3"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{tmp_path / 'r' / 'report.html'}\nexit handlers ran\n"
    assert (tmp_path / "r" / "report.xlsx").is_file()
    bad = subprocess.run([sys.executable, "-m", "mediastudy.cli", "report", str(tmp_path / "none"),
                          "--out", str(tmp_path / "s")], capture_output=True, text=True)
    assert bad.returncode == 1 and "error" in bad.stderr


def test_default_does_not_fork_a_process_with_other_threads():
    # another thread (a Jupyter kernel's, a progress bar's monitor) may hold a lock the
    # forked child would wait on forever: by default only a one-thread process forks
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert not parallel.two_processes(None)
        assert parallel.two_processes(2)  # asked for explicitly: the caller's choice
    finally:
        stop.set()
        other.join()


def test_progress_bars_start_no_monitor_thread():
    import threading

    from mediastudy.progress import progress_bar

    before = {t.name for t in threading.enumerate()}
    for _ in progress_bar(range(3), disable=False, mininterval=0):
        pass
    assert {t.name for t in threading.enumerate()} - before == set()


def test_a_report_usage_error_is_printed_before_the_reports_imports():
    # a wrong option is told at once, not after the ~1.5 s of imports a report starts with
    import subprocess
    import sys

    code = ("import atexit, sys; "
            "atexit.register(lambda: print([m for m in ('sklearn', 'matplotlib') if m in sys.modules])); "
            "from mediastudy.cli import run; run()")
    done = subprocess.run([sys.executable, "-c", code, "report", "--k", "many"],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "--k" in done.stderr
    assert done.stdout == "[]\n"


@pytest.mark.parametrize(("argv", "expected"), [
    (["report"], True), (["report", "-k", "3", "-q"], True), (["report", "--help"], False),
    (["report", "--k", "many"], False), (["report", "--no-such-option"], False),
    (["load", "x", "-o", "y.parquet"], False), ([], False)])
def test_which_command_lines_import_what_a_report_uses(argv, expected, capsys):
    from mediastudy.cli import _runs_a_report

    assert _runs_a_report(argv) is expected
    assert capsys.readouterr() == ("", "")  # the command's own parse prints any error
