"""Loading speed: load_articles against reading the raw bytes of the same files.

Builds a corpus of N seed-layout files (default 100,000) by copying the real RT
files of ../shared/corpora/rt_2022_seed_format under new names into a temporary
folder, then, in one process, times:

* raw: walk the folder, open and read the bytes of every file with
  ``open(path, "rb").read()`` (the floor any loader pays; the issue's baseline),
* raw, os.read: the same with ``os.open`` + ``os.read`` (the cheapest read Python has;
  what the loader itself uses), for comparison, and
* ours: ``mediastudy.load_articles`` on the folder, in one process and with n_jobs=2,

and prints files per second, the ratio ours / raw (best of --repeat alternating
runs; the issue's bar is <= 2.0), the CPU seconds behind each (this process plus
its worker processes: steadier than wall time on a shared machine) and peak memory
of each: the growth of the peak resident set of a fresh child process over what it
held before the call (so Arrow buffers, which tracemalloc does not see, count too),
plus, with n_jobs=2, the text the workers left in shared memory (/dev/shm) for it.

Run:  python benchmarks/bench_load.py [--files 100000] [--corpora PATH]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
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


def read_raw_os(folder: Path) -> int:
    total = 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            fd = os.open(os.path.join(root, name), os.O_RDONLY)
            try:
                data = os.read(fd, 1 << 16)
                while data:
                    total += len(data)
                    data = os.read(fd, 1 << 16)
            finally:
                os.close(fd)
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


def _rss_kib(field: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _shmem_kib() -> int:
    """Memory in shared-memory files (tmpfs) machine-wide: where load_articles' workers
    leave the text for the loading process to map (counted only once touched in its RSS)."""
    with open("/proc/meminfo") as fh:
        for line in fh:
            if line.startswith("Shmem:"):
                return int(line.split()[1])
    return 0


def _peak_child(what: str, folder: str, n_jobs: int, queue) -> None:
    if what == "raw":
        fn, kwargs = read_raw, {}
    else:
        fn, kwargs = load_articles, {"outlet": "RT", "progress": False, "n_jobs": n_jobs}
    before, shared_before = _rss_kib("VmRSS"), _shmem_kib()
    result = fn(Path(folder), **kwargs)
    own = _rss_kib("VmHWM") - before
    shared = max(0, _shmem_kib() - shared_before - _rss_kib("RssShmem"))  # not yet in RSS
    queue.put((own + shared) * 1024)
    del result


def peak_memory(what: str, folder: Path, n_jobs: int = 1) -> int:
    """Peak memory of one call: the growth of a fresh process's peak resident set, plus the
    shared-memory text it maps but has not touched yet (bytes). With n_jobs=2 the workers
    are not counted (each holds one batch of 1,000 files at a time)."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_peak_child, args=(what, str(folder), n_jobs, queue))
    child.start()
    peak = queue.get()
    child.join()
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
        raw_t, os_t, ours_t, par_t = [], [], [], []
        for _ in range(args.repeat):  # alternate, so all see the same machine load
            nbytes, t = timed(read_raw, folder)
            raw_t.append(t)
            _, t = timed(read_raw_os, folder)
            os_t.append(t)
            df, t = timed(load_articles, folder, outlet="RT", progress=False)
            ours_t.append(t)
            df2, t = timed(load_articles, folder, outlet="RT", progress=False, n_jobs=2)
            par_t.append(t)
        (raw, raw_cpu), (osr, os_cpu) = min(raw_t), min(os_t)
        (ours, ours_cpu), (par, par_cpu) = min(ours_t), min(par_t)
        assert df["id"].equals(df2["id"])
        raw_peak = peak_memory("raw", folder)
        ours_peak = peak_memory("ours", folder)
        par_peak = peak_memory("ours", folder, n_jobs=2)
        assert len(df) == args.files, (len(df), args.files)
        print(f"raw read : {raw:7.2f} s  (CPU {raw_cpu:6.2f} s)  {args.files / raw:9,.0f} files/s  "
              f"{nbytes / 1e6:,.0f} MB  peak {raw_peak / 2**20:,.0f} MiB")
        print(f"raw os.read: {osr:5.2f} s  (CPU {os_cpu:6.2f} s)  {args.files / osr:9,.0f} files/s")
        print(f"ours     : {ours:7.2f} s  (CPU {ours_cpu:6.2f} s)  {args.files / ours:9,.0f} files/s  "
              f"{len(df):,} articles  peak {ours_peak / 2**20:,.0f} MiB")
        print(f"ours -j2 : {par:7.2f} s  (CPU {par_cpu:6.2f} s)  {args.files / par:9,.0f} files/s  "
              f"peak {par_peak / 2**20:,.0f} MiB (n_jobs=2; CPU includes the workers)")
        print(f"ratio ours/raw: {ours / raw:.2f}x with one process, {par / raw:.2f}x with n_jobs=2 "
              f"(bar: <= 2.0x); CPU ratio {ours_cpu / raw_cpu:.2f}x with one process")
        print(f"ratio ours/raw os.read: {ours / osr:.2f}x with one process, "
              f"{par / osr:.2f}x with n_jobs=2")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
