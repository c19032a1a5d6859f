"""Time the main job, `mediastudy report`, as a user runs it (a fresh process each time).

    python benchmarks/bench_report.py            # the demo corpus (the bar: < 60 s)
    python benchmarks/bench_report.py --real     # also rt_2022_seed_format and news_ukraine_2022

Prints wall time, CPU time (user + system of the child) and peak memory of each run.
There is no baseline to compare with: the bar is the issue's "< 1 minute on the demo corpus".
The real corpora are read from $MEDIASTUDY_CORPORA or ../shared/corpora.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("MEDIASTUDY_CORPORA", REPO.parent / "shared" / "corpora"))

UKRAINE_CONFIG = """\
columns: {{outlet: outlet, date: date, title: title, text: text, url: url}}
outlet_map: {{DailyMail: Daily Mail}}
outlets: [BBC, RT, HuffPost, Daily Mail, Guardian, Express, NBC, Reuters]
start: 2022-01-01
lexicon: {lexicon}
k: 8
"""


def run(argv: list[str]) -> tuple[float, float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mediastudy.cli", *argv, "-q"], check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024  # MiB (max over children so far)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", action="store_true", help="also run on the real corpora")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        jobs = [("demo corpus (91 articles, k chosen)", ["report", "--out", f"{tmp}/demo"])]
        if args.real:
            config = Path(tmp) / "ukraine.yaml"
            config.write_text(UKRAINE_CONFIG.format(lexicon=REPO / "tests" / "lexicon_ukraine.yaml"))
            jobs += [
                ("rt_2022_seed_format (1,628 articles, k chosen)",
                 ["report", str(CORPORA / "rt_2022_seed_format"), "--out", f"{tmp}/rt"]),
                ("news_ukraine_2022 (8 outlets from 2022, k=8)",
                 ["report", str(CORPORA / "news_ukraine_2022.parquet"), "--config", str(config),
                  "--out", f"{tmp}/uk"]),
            ]
        print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores)")
        for label, argv in jobs:
            wall, cpu, rss = run(argv)
            print(f"{label:50s} wall {wall:6.1f} s   cpu {cpu:6.1f} s   peak rss <= {rss:6.0f} MiB")


if __name__ == "__main__":
    main()
