"""Time the main job, `mediastudy report`, and show where its time goes.

    python benchmarks/bench_report.py                # the demo corpus (bar: <= 3 s)
    python benchmarks/bench_report.py --real         # also news_ukraine_2022, k=8 (bar: <= 8 s)
    python benchmarks/bench_report.py --profile      # and a cProfile summary (one process)
    python benchmarks/bench_report.py --serial       # and ours in one process (--n-jobs 1)

Each corpus is timed twice: as a user runs it (a fresh `python -m mediastudy.cli report`
process: wall and CPU time of the child, imports included) and inside this process
(`run_report` alone, imports already done), with the wall and CPU seconds of every step
(CPU of this process; the CPU of the report's second processes is given apart).
The baseline is the report before issue 18 (commit 50440f6; the issue measured 9.8 s on
the demo corpus and 21.6 s on the Ukraine corpus): with --baseline it is unpacked from git
into a temporary folder and run the same way, in a fresh process, before ours, on the same
input with the same lexicon and events. It draws fewer sections than today's report (no
distinctive words, quotes or copies), so the ratio understates what issue 18 changed.
The machine is shared: CPU time is the steadier figure.
The real corpora are read from $MEDIASTUDY_CORPORA or ../shared/corpora.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("MEDIASTUDY_CORPORA", REPO.parent / "shared" / "corpora"))
UKRAINE_CONFIG = "lexicon: {lexicon}\nk: 8\n"
BASELINE = "50440f6"  # main before issue 18

#: Where the time goes: a function's cumulative time is counted under the first label
#: whose text appears in its "file:function" name (most specific first).
BUCKETS = (
    ("tokenising (topics)", "_counting.py:count_words"),
    ("topic vectors (LSA)", "model.py:_lsa"),
    ("topic model fit", "model.py:fit"),
    ("choose_k", "choose_k.py:choose_k"),
    ("boilerplate", "boilerplate.py:remove_boilerplate"),
    ("load", "corpus.py:load_articles"),
    ("stance scoring", "score.py:score_stance"),
    ("figure rendering (savefig)", "figure.py:savefig"),
    ("event labels", "events.py:mark_events"),
    ("workbook", "workbook.py:write_workbook"),
    ("tables CSV/Parquet", "outputs.py:write_tables"),
)


def time_sections() -> dict[str, float]:
    """CPU seconds of each report section's work (drawing its figures, computing its tables,
    in whichever process ran it), filled in as the report runs: the 'figures' step is the sum
    of them, less what ran in the second process at the same time."""
    from mediastudy.report import run

    seconds: dict[str, float] = {}
    init = run.Job.__init__

    def keep(job, *args, **kwargs):
        init(job, *args, **kwargs)
        job.section_seconds = seconds  # the report fills it in at the figures step

    run.Job.__init__ = keep
    return seconds


def in_process(source, out: Path, options: dict, profile: bool) -> tuple[float, float, dict, str]:
    from mediastudy import run_report

    steps: dict[str, tuple[float, float]] = {}
    clock = [time.perf_counter(), time.process_time()]

    def say(message: str) -> None:
        name = message.split("] ", 1)[1].split(":", 1)[0]
        wall, cpu = time.perf_counter(), time.process_time()
        steps[name] = (wall - clock[0], cpu - clock[1])
        clock[:] = [wall, cpu]

    profiler = cProfile.Profile() if profile else None
    children = _children_cpu()
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    run_report(source, out, progress=say, **options)
    if profiler:
        profiler.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return wall, (cpu, _children_cpu() - children), steps, summary(profiler) if profiler else ""


def _children_cpu() -> float:
    """CPU seconds of this process' ended children (the report's second processes)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def summary(profiler: cProfile.Profile, top: int = 12) -> str:
    """Cumulative seconds per bucket, then the costliest functions by their own time."""
    stats = pstats.Stats(profiler)
    lines = ["    where the time goes (cumulative, profiled; buckets may nest):"]
    for label, needle in BUCKETS:
        total = sum(v[3] for (file, _, func), v in stats.stats.items()
                    if f"{os.path.basename(file)}:{func}" == needle)
        if total:
            lines.append(f"      {label:28s} {total:6.2f} s")
    buf = io.StringIO()
    pstats.Stats(profiler, stream=buf).sort_stats("tottime").print_stats(top)
    body = [ln for ln in buf.getvalue().splitlines() if ln.strip()]
    start = next((i for i, ln in enumerate(body) if ln.lstrip().startswith("ncalls")), 0)
    lines.append("    costliest functions (own time):")
    lines += ["      " + ln.strip() for ln in body[start:start + top + 1]]
    return "\n".join(lines)


def fresh_process(argv: list[str], path: Path | None = None) -> tuple[float, float]:
    env = dict(os.environ)
    if path is not None:  # the baseline's source tree first on the path
        env["PYTHONPATH"] = os.pathsep.join([str(path), env.get("PYTHONPATH", "")])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mediastudy.cli", *argv, "-q"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=path or None)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", action="store_true", help="also the Ukraine corpus, k=8")
    parser.add_argument("--profile", action="store_true", help="print a profile summary")
    parser.add_argument("--baseline", action="store_true",
                        help=f"also run the report of commit {BASELINE} (before issue 18)")
    parser.add_argument("--serial", action="store_true",
                        help="also run ours with --n-jobs 1 (everything in one process)")
    args = parser.parse_args()
    import mediastudy  # noqa: F401  (imports done before the in-process timings)

    sections = time_sections()

    with tempfile.TemporaryDirectory() as tmp:
        demo = REPO / "data"
        # The demo given by path (the baseline's source tree cannot find its data package),
        # with its lexicon and events, as the report takes them for the demo itself.
        demo_argv = [str(demo / "demo"), "--lexicon", str(demo / "lexicon.yaml"),
                     "--events", str(demo / "events.csv")]
        jobs = [("demo corpus (91 articles, k chosen among 4-10)", demo / "demo",
                 {"lexicon": str(demo / "lexicon.yaml"), "events": str(demo / "events.csv")},
                 demo_argv)]
        if args.real:
            config = Path(tmp) / "ukraine.yaml"
            config.write_text(UKRAINE_CONFIG.format(lexicon=REPO / "tests" / "lexicon_ukraine.yaml"))
            source = CORPORA / "news_ukraine_2022.parquet"
            jobs.append(("news_ukraine_2022 (11,087 articles, 7,738 dated; k=8)", source,
                         {"config": str(config)}, [str(source), "--config", str(config)]))
        print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores)")
        print(f"started {time.strftime('%H:%M', time.gmtime())} UTC")
        base = None
        if args.baseline:
            base = Path(tmp) / "baseline"
            base.mkdir()
            archive = subprocess.run(["git", "-C", str(REPO), "archive", BASELINE, "mediastudy"],
                                     check=True, capture_output=True).stdout
            subprocess.run(["tar", "x", "-C", str(base)], input=archive, check=True)
        for i, (label, source, options, argv) in enumerate(jobs):
            print(label)
            if base is not None:
                b_wall, b_cpu = fresh_process(["report", *argv, "--out", f"{tmp}/base{i}"], base)
                print(f"  baseline {BASELINE} (fresh process):  wall {b_wall:5.2f} s   cpu {b_cpu:5.2f} s")
            wall, cpu = fresh_process(["report", *argv, "--out", f"{tmp}/cli{i}"])
            print(f"  fresh process (mediastudy report): wall {wall:5.2f} s   cpu {cpu:5.2f} s"
                  + (f"   (baseline / ours: wall {b_wall / wall:.2f}x, cpu {b_cpu / cpu:.2f}x)"
                     if base is not None else ""))
            if args.serial:
                wall, cpu = fresh_process(["report", *argv, "--n-jobs", "1", "--out", f"{tmp}/one{i}"])
                print(f"  fresh process, --n-jobs 1:          wall {wall:5.2f} s   cpu {cpu:5.2f} s")
            sections.clear()
            wall, (cpu, second), steps, _ = in_process(source, Path(tmp) / f"run{i}", options, False)
            print(f"  in process (run_report):           wall {wall:5.2f} s   cpu {cpu:5.2f} s"
                  f" + {second:.2f} s in its second processes")
            print("    steps: " + ", ".join(f"{k} {w:.2f}/{c:.2f}" for k, (w, c) in steps.items())
                  + "  (wall/cpu s)")
            print("    sections (cpu s): " + ", ".join(f"{k} {c:.2f}" for k, c in sections.items()))
            if args.profile:  # a separate run: the profiler slows everything down 2-3x;
                # in one process, so that the profile sees all the work
                print(in_process(source, Path(tmp) / f"prof{i}", {**options, "n_jobs": 1}, True)[3])


if __name__ == "__main__":
    main()
