"""How much `import mediastudy` and `mediastudy --help` cost on top of pandas (issue 13).

    python benchmarks/bench_import.py [--repeat 7]

Each figure is the median over fresh interpreters (an import is only slow the first time
in a process). In each one process the baseline, `import pandas`, is timed, then
`import mediastudy` right after it: the second figure is what mediastudy adds on top of
pandas (the bar: at most 0.3 s), and their ratio is printed. Then the first use of a
name from three stages (loading, topics, plots), which imports scikit-learn and
matplotlib, and the CLI's help as a user runs it (a whole process).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

ONE_PROCESS = """
import time
t0 = time.perf_counter(); import pandas
t1 = time.perf_counter(); import mediastudy as ms
t2 = time.perf_counter(); ms.load_articles, ms.TopicModel, ms.plot_volume
t3 = time.perf_counter(); print(t1 - t0, t2 - t1, t3 - t2)
"""


def timed(argv: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    runs = []
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, "-c", ONE_PROCESS], check=True,
                             capture_output=True, text=True).stdout
        runs.append([float(x) for x in out.split()])
    pandas_s, ours_s, first_s = (statistics.median(col) for col in zip(*runs, strict=True))
    cli = timed([sys.executable, "-m", "mediastudy.cli", "--help"], args.repeat)
    bare = timed([sys.executable, "-c", "pass"], args.repeat)
    print(f"import pandas (baseline)                {pandas_s:6.3f} s")
    print(f"import mediastudy after it              {ours_s:6.3f} s   (bar: 0.300 s); "
          f"pandas + mediastudy = {(pandas_s + ours_s) / pandas_s:.3f}x pandas")
    print(f"first use of load/topics/plot names     {first_s:6.3f} s   "
          "(scikit-learn and matplotlib load here, when used)")
    print(f"mediastudy --help, whole process        {cli:6.3f} s   (python -c pass: {bare:.3f} s)")


if __name__ == "__main__":
    main()
