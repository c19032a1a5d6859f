"""Scale benchmark (issue 7): out of core and on a 2-worker Dask LocalCluster.

Builds a Parquet dataset of at least 1,000,000 articles in a temporary folder (outside the
repository) by repeating ``allsides_news.parquet`` under new ids with shuffled dates, then
runs load, stance, topics and weekly timelines for 250k and 1M articles:

- out of core (:func:`mediastudy.chunked.analyze_chunked`), each size in a fresh process,
  printing wall time and peak memory (``ru_maxrss`` of the process);
- on a 2-worker ``LocalCluster`` (:func:`mediastudy.distributed.analyze_dask`), printing
  wall time and peak memory (the largest summed RSS of the process and its workers,
  polled every 0.2 s);
- at 250k, the agreement of the out-of-core (and Dask) results with the in-memory path
  (``load_articles`` + ``score_stance`` + ``StreamingTopicModel.fit`` + the table functions).

Usage::

    python benchmarks/bench_scale.py [--sizes 250000 1000000] [--engines ooc dask] [--workdir DIR]

The corpora are read from ../shared/corpora (or $MEDIASTUDY_CORPORA).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("MEDIASTUDY_CORPORA", REPO.parent / "shared" / "corpora"))
ROWS_PER_FILE = 12_500
CHUNK_SIZE = 12_500
DASK_CHUNK_SIZE = 6_250  # two workers each hold one partition: smaller ones keep the sum low
N_TOPICS = 20
FREQ = "W"

# A small lexicon for US news 2012-2020 (written for this benchmark).
LEXICON = {
    "name": "bench: Trump and immigration",
    "cues": {
        "pro": ["praise*", "support*", "success*", "strong", "win*", "welcome*"],
        "anti": ["criticiz*", "attack*", "fail*", "controvers*", "condemn*", "scandal*"],
    },
    "targets": {
        "Trump": {"aliases": ["Trump", "Donald Trump", "the president"]},
        "immigration": {"aliases": ["immigration", "immigrants", "border wall", "asylum seekers"]},
    },
}


def build_dataset(folder: Path, n_articles: int, seed: int = 0) -> None:
    """Write ceil(n / ROWS_PER_FILE) Parquet files of allsides articles under new ids."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    base = pq.read_table(CORPORA / "allsides_news.parquet")
    # Keep the rows load_articles keeps (a text and a plausible date), so N rows = N articles.
    year = pc.year(base["date"])
    ok = pc.and_(pc.and_(pc.is_valid(base["date"]), pc.and_(pc.greater_equal(year, 1800),
                                                             pc.less_equal(year, 2025))),
                 pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(pc.fill_null(base["text"], ""))), 0))
    base = base.filter(ok)
    rng = np.random.default_rng(seed)
    n_base = base.num_rows
    written, copy, part = 0, 0, 0
    while written < n_articles:
        order = rng.permutation(n_base)
        dates = base["date"].take(pa.array(rng.permutation(n_base)))
        shuffled = base.take(pa.array(order)).set_column(
            base.schema.get_field_index("date"), "date", dates)
        ids = pa.array([f"{i}-copy{copy}" for i in shuffled["id"].to_pylist()])
        shuffled = shuffled.set_column(shuffled.schema.get_field_index("id"), "id", ids)
        for start in range(0, n_base, ROWS_PER_FILE):
            if written >= n_articles:
                break
            piece = shuffled.slice(start, min(ROWS_PER_FILE, n_articles - written))
            pq.write_table(piece, folder / f"part-{part:05d}.parquet", row_group_size=ROWS_PER_FILE)
            written += piece.num_rows
            part += 1
        copy += 1


def table_names() -> tuple[str, ...]:
    """The timeline tables to build: the stance timeline only if it copes with this many
    outlets and weeks (stance_timeline_table overflowed int8 cell codes at the time of writing)."""
    import pandas as pd

    from mediastudy import stance_timeline_table

    n = 300
    probe = pd.DataFrame({"id": [str(i) for i in range(n)], "target": "T", "n_mentions": 1,
                          "score": 0.5, "outlet": [f"o{i}" for i in range(n)],
                          "date": pd.date_range("2012-01-02", periods=n, freq="7D")})
    try:
        stance_timeline_table(probe, freq="W")
    except Exception as exc:  # report and go on with the other tables
        print(f"NOTE: stance_timeline_table fails on {n} outlets x {n} weeks ({type(exc).__name__}: "
              f"{exc}); the stance timeline table is left out of this run.", flush=True)
        return ("volume", "topic_share")
    return ("volume", "topic_share", "stance")


def files_for(folder: Path, n: int) -> list[str]:
    import pyarrow.parquet as pq

    files, total = [], 0
    for f in sorted(folder.glob("part-*.parquet")):
        if total >= n:
            break
        files.append(str(f))
        total += pq.ParquetFile(f).metadata.num_rows
    return files


class TreeMemory:
    """Peak summed RSS of this process and its children, polled in a thread."""

    def __init__(self, every: float = 0.2):
        import psutil

        self.proc = psutil.Process()
        self.peak = 0
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import psutil

        while not self._stop.is_set():
            total = 0
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
            except psutil.Error:
                procs = [self.proc]
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run_one(engine: str, folder: Path, n: int, out: Path) -> dict:
    """One engine and size, in this (fresh) process; saves its results under ``out``."""
    from mediastudy.chunked import StreamingTopicModel, analyze_chunked, estimate_memory

    files = files_for(folder, n)
    est = estimate_memory(files, chunk_size=CHUNK_SIZE, n_targets=len(LEXICON["targets"]))
    print(f"[{engine} {n:,}] estimate before the run: {est}", flush=True)
    model = StreamingTopicModel(N_TOPICS, random_state=0)
    t0 = time.perf_counter()
    with TreeMemory() as mem:
        if engine == "ooc":
            res = analyze_chunked(files, LEXICON, freq=FREQ, chunk_size=CHUNK_SIZE, topic_model=model,
                                  load_kwargs={"errors": "skip"}, tables=table_names())
        else:
            from dask.distributed import Client, LocalCluster

            from mediastudy.distributed import analyze_dask

            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                              dashboard_address=":0", memory_limit="6GiB") as cluster, \
                    Client(cluster) as client:
                res = analyze_dask(files, LEXICON, freq=FREQ, chunk_size=DASK_CHUNK_SIZE, topic_model=model,
                                   load_kwargs={"errors": "skip"}, client=client, tables=table_names())
    seconds = time.perf_counter() - t0
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = sum(u.ru_utime + u.ru_stime for u in usage)
    rss = usage[0].ru_maxrss * 1024
    out.mkdir(parents=True, exist_ok=True)
    res.stance.articles.to_parquet(out / "stance.parquet")
    res.topics.to_parquet(out / "topics.parquet")
    for name, table in res.tables.items():
        table.attrs = {}
        table.to_parquet(out / f"table_{name}.parquet")
    return {"engine": engine, "n_articles": len(res.topics), "seconds": seconds, "cpu_seconds": cpu,
            "peak_rss_process": rss, "peak_rss_tree": mem.peak, "estimate": est.peak_bytes}


def agreement(folder: Path, n: int, results: dict[str, Path]) -> dict:
    """In-memory path at ``n`` articles against the saved out-of-core / Dask results."""
    import pandas as pd
    from sklearn.metrics import adjusted_rand_score

    from mediastudy import load_articles, score_stance, stance_timeline_table, topic_share_table, volume_table
    from mediastudy.chunked import StreamingTopicModel

    files = files_for(folder, n)
    t0 = time.perf_counter()
    corpus = load_articles(files, errors="skip")
    stance = score_stance(corpus, LEXICON)
    model = StreamingTopicModel(N_TOPICS, random_state=0).fit(corpus)
    corpus = model.assign(corpus)
    names = table_names()
    tables = {"volume": volume_table(corpus, freq=FREQ), "topic_share": topic_share_table(corpus, freq=FREQ)}
    if "stance" in names:
        tables["stance"] = stance_timeline_table(stance, corpus, freq=FREQ)
    seconds = time.perf_counter() - t0
    report = {"in_memory_seconds": seconds,
              "in_memory_peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}
    for engine, out in results.items():
        got = pd.read_parquet(out / "stance.parquet")
        topics = pd.read_parquet(out / "topics.parquet")
        same_order = topics["id"].astype(str).equals(corpus["id"].astype(str))
        r = {
            "same_articles_in_order": bool(same_order),
            "stance_identical": bool(got.reset_index(drop=True).astype(stance.articles.dtypes)
                                     .equals(stance.articles)),
            "topic_ari": float(adjusted_rand_score(corpus["topic"], topics["topic"])) if same_order
            else float("nan"),
        }
        for name, table in tables.items():
            other = pd.read_parquet(out / f"table_{name}.parquet")
            mine = table.copy()
            mine.attrs = {}
            try:
                pd.testing.assert_frame_equal(other, mine, check_dtype=False, check_categorical=False,
                                              rtol=1e-9)
                r[f"table_{name}_equal"] = True
            except AssertionError as exc:
                r[f"table_{name}_equal"] = str(exc).splitlines()[0][:200]
        report[engine] = r
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250_000, 1_000_000])
    parser.add_argument("--engines", nargs="+", default=["ooc", "dask"])
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--no-agreement", action="store_true")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--_one", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._one:
        engine, folder, n, out = args._one
        print("RESULT " + json.dumps(run_one(engine, Path(folder), int(n), Path(out))), flush=True)
        return
    work = args.workdir or Path(tempfile.mkdtemp(prefix="mediastudy-bench-scale-"))
    data = work / "allsides_x"
    n_max = max(args.sizes)
    if len(files_for(data, n_max)) * ROWS_PER_FILE < n_max if data.exists() else True:
        t0 = time.perf_counter()
        build_dataset(data, n_max)
        print(f"built {n_max:,} articles in {data} ({time.perf_counter() - t0:.0f} s)", flush=True)
    if args.build_only:
        return
    results: dict[tuple[str, int], dict] = {}
    for engine in args.engines:
        for n in sorted(args.sizes):
            out = work / f"out_{engine}_{n}"
            proc = subprocess.run([sys.executable, __file__, "--_one", engine, str(data), str(n), str(out)],
                                  capture_output=True, text=True, cwd=REPO)
            lines = proc.stdout.splitlines()
            for line in lines:
                if not line.startswith("RESULT "):
                    print(line, flush=True)
            found = [json.loads(line[7:]) for line in lines if line.startswith("RESULT ")]
            if proc.returncode or not found:
                print(f"[{engine} {n:,}] FAILED (exit {proc.returncode}):\n{proc.stderr[-3000:]}", flush=True)
                continue
            r = found[0]
            results[(engine, n)] = r
            print(f"[{engine} {n:,}] {r['n_articles']:,} articles: {r['seconds']:.0f} s wall, "
                  f"{r['cpu_seconds']:.0f} s CPU (process and its exited workers), peak RSS "
                  f"{r['peak_rss_process'] / 2**30:.2f} GiB (process), {r['peak_rss_tree'] / 2**30:.2f} GiB "
                  f"(process + workers); estimate was {r['estimate'] / 2**30:.2f} GiB", flush=True)
    for engine in args.engines:
        sizes = sorted(n for e, n in results if e == engine)
        if len(sizes) >= 2:
            a, b = results[(engine, sizes[0])], results[(engine, sizes[-1])]
            print(f"[{engine}] time ratio {sizes[-1]:,} / {sizes[0]:,}: "
                  f"{b['seconds'] / a['seconds']:.2f}x wall, {b['cpu_seconds'] / a['cpu_seconds']:.2f}x CPU "
                  f"(bar: <= 4.5x); peak at {sizes[-1]:,}: {b['peak_rss_tree'] / 2**30:.2f} GiB "
                  "(bar: < 4 GiB)", flush=True)
    if not args.no_agreement:
        n = min(args.sizes)
        outs = {e: work / f"out_{e}_{n}" for e in args.engines if (e, n) in results}
        rep = agreement(data, n, outs)
        print(f"agreement at {n:,} with the in-memory path: {json.dumps(rep, indent=1)}", flush=True)
    print(f"(data and outputs in {work}; delete it when done)")


if __name__ == "__main__":
    main()
