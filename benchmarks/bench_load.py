"""Loading speed: load_articles against reading the raw bytes of the same files.

Builds a corpus of N seed-layout files (default 100,000) by copying the real RT
files of ../shared/corpora/rt_2022_seed_format under new names into a temporary
folder, then, in one process, times:

* raw: open and read the bytes of every file (the floor any loader pays), and
* ours: ``mediastudy.load_articles`` on the folder,

and prints files per second, the ratio ours / raw (best of --repeat alternating
runs; the issue's bar is <= 2.0), the CPU seconds behind each (this process plus
its worker processes: steadier than wall time on a shared machine) and peak memory
of each (Python allocations under tracemalloc, in a separate untimed run).

Run:  python benchmarks/bench_load.py [--files 100000] [--corpora PATH]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from mediastudy import load_articles


def build(src: Path, dest: Path, n: int) -> None:
    files = sorted(src.glob("*.txt"))
    sub = None
    for i in range(n):
        if i % 10_000 == 0:  # folders of 10k files, as a scraper would shard them
            sub = dest / f"batch{i // 10_000:03d}"
            sub.mkdir()
        shutil.copyfile(files[i % len(files)], sub / f"{i:07d}_{files[i % len(files)].stem}.txt")


def read_raw(folder: Path) -> int:
    total = 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            with open(os.path.join(root, name), "rb") as fh:
                total += len(fh.read())
    return total


def _cpu() -> float:
    """CPU seconds of this process and its (finished) worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn, *args, **kwargs):
    """Result, wall seconds and CPU seconds of one call."""
    c0, t0 = _cpu(), time.perf_counter()
    result = fn(*args, **kwargs)
    return result, (time.perf_counter() - t0, _cpu() - c0)


def traced(fn, *args, **kwargs):
    """Peak Python allocations of one call (a separate, untimed run: tracing slows it)."""
    tracemalloc.start()
    fn(*args, **kwargs)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=100_000)
    default = os.environ.get("MEDIASTUDY_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora")
    ap.add_argument("--corpora", type=Path, default=Path(default))
    ap.add_argument("--repeat", type=int, default=2, help="best of this many runs of each")
    args = ap.parse_args(argv)
    src = args.corpora / "rt_2022_seed_format"
    if not src.is_dir():
        print(f"corpus folder not found: {src}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="mediastudy-bench-load-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        build(src, folder, args.files)
        print(f"built {args.files:,} files in {time.perf_counter() - t0:.1f} s")
        read_raw(folder)  # warm the page cache so both sides read from memory
        raw_t, ours_t, par_t = [], [], []
        for _ in range(args.repeat):  # alternate, so all see the same machine load
            nbytes, t = timed(read_raw, folder)
            raw_t.append(t)
            df, t = timed(load_articles, folder, outlet="RT", progress=False)
            ours_t.append(t)
            df2, t = timed(load_articles, folder, outlet="RT", progress=False, n_jobs=2)
            par_t.append(t)
        (raw, raw_cpu), (ours, ours_cpu), (par, par_cpu) = min(raw_t), min(ours_t), min(par_t)
        assert df["id"].equals(df2["id"])
        raw_peak = traced(read_raw, folder)
        ours_peak = traced(load_articles, folder, outlet="RT", progress=False)
        assert len(df) == args.files, (len(df), args.files)
        print(f"raw read : {raw:7.2f} s  (CPU {raw_cpu:6.2f} s)  {args.files / raw:9,.0f} files/s  "
              f"{nbytes / 1e6:,.0f} MB  peak {raw_peak / 2**20:,.0f} MiB")
        print(f"ours     : {ours:7.2f} s  (CPU {ours_cpu:6.2f} s)  {args.files / ours:9,.0f} files/s  "
              f"{len(df):,} articles  peak {ours_peak / 2**20:,.0f} MiB")
        print(f"ours -j2 : {par:7.2f} s  (CPU {par_cpu:6.2f} s)  {args.files / par:9,.0f} files/s  "
              "(n_jobs=2; CPU includes the workers)")
        print(f"ratio ours/raw: {ours / raw:.2f}x with one process, {par / raw:.2f}x with n_jobs=2 "
              f"(bar: <= 2.0x); CPU ratio {ours_cpu / raw_cpu:.2f}x with one process")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
