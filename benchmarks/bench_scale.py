"""Scale benchmark (issue 7): out of core and on a 2-worker Dask LocalCluster.

Builds a Parquet dataset of at least 1,000,000 articles in a temporary folder (outside the
repository) by repeating ``allsides_news.parquet`` under new ids with shuffled dates, then
runs load, stance, topics and weekly timelines for 250k and 1M articles:

- out of core (:func:`mediastudy.scale.chunked.analyze_chunked`), each size in a fresh process,
  printing wall and CPU time and peak memory (``VmHWM`` of the process);
- on a 2-worker ``LocalCluster`` (:func:`mediastudy.scale.distributed.analyze_dask`), printing
  wall and CPU time and peak memory (the largest summed RSS of the process and its workers,
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
import shutil
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
TABLES = ("volume", "topic_share", "stance")

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
    ok = pc.and_(
        pc.and_(pc.is_valid(base["date"]), pc.and_(pc.greater_equal(year, 1800), pc.less_equal(year, 2025))),
        pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(pc.fill_null(base["text"], ""))), 0),
    )
    base = base.filter(ok)
    rng = np.random.default_rng(seed)
    n_base = base.num_rows
    written, copy, part = 0, 0, 0
    while written < n_articles:
        order = rng.permutation(n_base)
        dates = base["date"].take(pa.array(rng.permutation(n_base)))
        shuffled = base.take(pa.array(order)).set_column(base.schema.get_field_index("date"), "date", dates)
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


def _vm_hwm() -> int:
    """Peak resident memory of this process since it started, in bytes (Linux ``VmHWM``).

    ``ru_maxrss`` is not used: Linux carries it over ``exec`` from the forked parent, so a
    child would report at least the parent's size at the time it was started.
    """
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def run_one(engine: str, folder: Path, n: int, out: Path) -> dict:
    """One engine and size, in this (fresh) process; saves its results under ``out``."""
    from mediastudy.scale.chunked import StreamingTopicModel, analyze_chunked, estimate_memory

    files = files_for(folder, n)
    est = estimate_memory(files, chunk_size=CHUNK_SIZE, n_targets=len(LEXICON["targets"]))
    print(f"[{engine} {n:,}] estimate before the run: {est}", flush=True)
    model = StreamingTopicModel(N_TOPICS, random_state=0)
    t0 = time.perf_counter()
    with TreeMemory() as mem:
        if engine == "ooc":
            res = analyze_chunked(
                files,
                LEXICON,
                freq=FREQ,
                chunk_size=CHUNK_SIZE,
                topic_model=model,
                load_kwargs={"errors": "skip"},
                tables=TABLES,
                mentions=out / "mentions",
                progress=True,
            )
        else:
            from dask.distributed import Client, LocalCluster

            from mediastudy.scale.distributed import analyze_dask

            with (
                LocalCluster(
                    n_workers=2,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                    memory_limit="6GiB",
                ) as cluster,
                Client(cluster) as client,
            ):
                res = analyze_dask(
                    files,
                    LEXICON,
                    freq=FREQ,
                    chunk_size=DASK_CHUNK_SIZE,
                    topic_model=model,
                    load_kwargs={"errors": "skip"},
                    client=client,
                    tables=TABLES,
                    mentions=out / "mentions",
                )
    seconds = time.perf_counter() - t0
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = sum(u.ru_utime + u.ru_stime for u in usage)
    rss = _vm_hwm()
    out.mkdir(parents=True, exist_ok=True)
    res.stance.articles.to_parquet(out / "stance.parquet")
    res.topics.to_parquet(out / "topics.parquet")
    for name, table in res.tables.items():
        table.attrs = {}
        table.to_parquet(out / f"table_{name}.parquet")
    return {
        "engine": engine,
        "n_articles": len(res.topics),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_rss_process": rss,
        "peak_rss_tree": mem.peak,
        "estimate": est.peak_bytes,
    }


def _same_parquet(a, b) -> bool | str:
    """Whether two Parquet files / folders hold the same rows (chunking and metadata aside)."""
    import pyarrow.parquet as pq

    ta, tb = (pq.read_table(x).replace_schema_metadata(None) for x in (a, b))
    if ta.num_rows != tb.num_rows:
        return f"{ta.num_rows:,} rows against {tb.num_rows:,}"
    if ta.schema != tb.schema:
        return f"schemas differ: {ta.schema} / {tb.schema}"
    return bool(ta.equals(tb))


def agreement(folder: Path, n: int, results: dict[str, Path], reference: Path | None = None) -> dict:
    """The saved out-of-core / Dask results at ``n`` articles against the in-memory path.

    With ``reference`` (the saved results of an engine already checked against the in-memory
    path at this size), the results are compared with those instead of running the in-memory
    path again: equality and an adjusted Rand index of 1.0 carry over.
    """
    import pandas as pd
    from sklearn.metrics import adjusted_rand_score

    from mediastudy import load_articles, score_stance, stance_timeline_table, topic_share_table, volume_table
    from mediastudy.scale.chunked import StreamingTopicModel

    if reference is not None:
        ref_topics = pd.read_parquet(reference / "topics.parquet")
        ref_stance = pd.read_parquet(reference / "stance.parquet")
        tables = {name: pd.read_parquet(reference / f"table_{name}.parquet") for name in TABLES}
        ref_mentions = reference / "mentions"
        report = {"n_articles": len(ref_topics), "reference": str(reference)}
    else:
        files = files_for(folder, n)
        t0 = time.perf_counter()
        c0 = time.process_time()
        corpus = load_articles(files, errors="skip")
        stance = score_stance(corpus, LEXICON)
        model = StreamingTopicModel(N_TOPICS, random_state=0).fit(corpus)
        corpus = model.assign(corpus)
        tables = {
            "volume": volume_table(corpus, freq=FREQ),
            "topic_share": topic_share_table(corpus, freq=FREQ),
            "stance": stance_timeline_table(stance, corpus, freq=FREQ),
        }
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        report = {
            "n_articles": len(corpus),
            "reference": "in-memory path",
            "in_memory_seconds": round(seconds, 1),
            "in_memory_cpu_seconds": round(cpu, 1),
            "in_memory_peak_rss_gib": round(_vm_hwm() / 2**30, 2),
            "n_mentions": len(stance.mentions),
        }
        ref_topics, ref_stance = corpus[["id", "topic"]], stance.articles
        ref_mentions = folder.parent / f"in_memory_mentions_{n}.parquet"
        stance.mentions.to_parquet(ref_mentions, index=False)
        del corpus, stance
    for engine, out in results.items():
        got = pd.read_parquet(out / "stance.parquet")
        topics = pd.read_parquet(out / "topics.parquet")
        same_order = topics["id"].astype(str).equals(ref_topics["id"].astype(str))
        r = {
            "same_articles_in_order": bool(same_order),
            "stance_identical": bool(got.reset_index(drop=True).astype(ref_stance.dtypes).equals(ref_stance)),
            "evidence_identical": _same_parquet(out / "mentions", ref_mentions),
            "topic_ari": round(float(adjusted_rand_score(ref_topics["topic"], topics["topic"])), 4)
            if same_order
            else float("nan"),
        }
        for name, table in tables.items():
            other = pd.read_parquet(out / f"table_{name}.parquet")
            mine = table.copy()
            mine.attrs = {}
            try:
                pd.testing.assert_frame_equal(
                    other, mine, check_dtype=False, check_categorical=False, rtol=1e-9
                )
                r[f"table_{name}_equal"] = True
            except AssertionError as exc:
                r[f"table_{name}_equal"] = " ".join(str(exc).split())[:300]
        r["bars_met"] = (
            r["stance_identical"] is True
            and r["evidence_identical"] is True
            and all(r[f"table_{k}_equal"] is True for k in tables)
            and r["topic_ari"] >= 0.95
        )
        report[engine] = r
    if reference is None:
        ref_mentions.unlink()
    return report


def _stamp() -> str:
    return time.strftime("%H:%M:%S")


def _run_child(args: list[str]) -> list[dict]:
    """Run this script in a fresh process, streaming its output; return its RESULT records."""
    found = []
    with subprocess.Popen(
        [sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True, cwd=REPO
    ) as proc:  # its stderr (progress bars, warnings) goes straight through
        for line in proc.stdout:
            if line.startswith("RESULT "):
                found.append(json.loads(line[7:]))
            else:
                print(f"{_stamp()} {line}", end="", flush=True)
    if proc.returncode or not found:
        mode = " ".join(a for a in args if a.startswith("--_"))
        print(f"{_stamp()} [{mode}] FAILED (exit {proc.returncode})", flush=True)
    return found if proc.returncode == 0 else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250_000, 1_000_000])
    parser.add_argument("--engines", nargs="+", default=["ooc", "dask"])
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--no-agreement", action="store_true")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--_one", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument(
        "--reference",
        type=Path,
        default=None,
        help="compare with these saved results (e.g. WORKDIR/out_ooc_250000, already "
        "checked against the in-memory path) instead of running the in-memory path",
    )
    parser.add_argument("--_agree", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._one:
        engine, folder, n, out = args._one
        print("RESULT " + json.dumps(run_one(engine, Path(folder), int(n), Path(out))), flush=True)
        return
    if args._agree:
        folder, n, *pairs = args._agree
        outs = {pairs[i]: Path(pairs[i + 1]) for i in range(0, len(pairs), 2)}
        print("RESULT " + json.dumps(agreement(Path(folder), int(n), outs, args.reference)), flush=True)
        return
    work = args.workdir or Path(tempfile.mkdtemp(prefix="mediastudy-bench-scale-"))
    data = work / "allsides_x"
    n_max = max(args.sizes)
    if len(files_for(data, n_max)) * ROWS_PER_FILE < n_max if data.exists() else True:
        t0 = time.perf_counter()
        build_dataset(data, n_max)
        print(f"{_stamp()} built {n_max:,} articles in {data} ({time.perf_counter() - t0:.0f} s)", flush=True)
    if args.build_only:
        return
    sizes = sorted(args.sizes)
    results: dict[tuple[str, int], dict] = {}
    for n in sizes:  # the smallest size first, for every engine, then its agreement check
        for engine in args.engines:
            out = work / f"out_{engine}_{n}"
            if out.exists():
                shutil.rmtree(out)
            print(f"{_stamp()} [{engine} {n:,}] start", flush=True)
            found = _run_child(["--_one", engine, str(data), str(n), str(out)])
            if not found:
                continue
            r = results[(engine, n)] = found[0]
            print(
                f"{_stamp()} [{engine} {n:,}] {r['n_articles']:,} articles: {r['seconds']:.0f} s wall, "
                f"{r['cpu_seconds']:.0f} s CPU (process and its exited workers), peak RSS "
                f"{r['peak_rss_process'] / 2**30:.2f} GiB (process, VmHWM), "
                f"{r['peak_rss_tree'] / 2**30:.2f} GiB (process + workers, polled every 0.2 s); "
                f"estimate was {r['estimate'] / 2**30:.2f} GiB",
                flush=True,
            )
        if n == sizes[0] and not args.no_agreement:
            pairs = [x for e in args.engines if (e, n) in results for x in (e, str(work / f"out_{e}_{n}"))]
            if pairs:
                print(
                    f"{_stamp()} [agreement {n:,}] {args.reference or 'in-memory path'} against {pairs[::2]}",
                    flush=True,
                )
                ref = ["--reference", str(args.reference)] if args.reference else []
                rep = _run_child([*ref, "--_agree", str(data), str(n), *pairs])
                if rep:
                    print(
                        f"{_stamp()} agreement at {n:,} with the in-memory path "
                        f"{'(through ' + str(args.reference) + ') ' if args.reference else ''}"
                        f"(bars: stance, evidence and tables identical, topic ARI >= 0.95): "
                        f"{json.dumps(rep[0], indent=1)}",
                        flush=True,
                    )
    for engine in args.engines:
        done = sorted(n for e, n in results if e == engine)
        if len(done) >= 2:
            a, b = results[(engine, done[0])], results[(engine, done[-1])]
            wall, cpu = b["seconds"] / a["seconds"], b["cpu_seconds"] / a["cpu_seconds"]
            peak = max(b["peak_rss_tree"], b["peak_rss_process"]) / 2**30
            print(
                f"[{engine}] time ratio {done[-1]:,} / {done[0]:,}: {wall:.2f}x wall, {cpu:.2f}x CPU "
                f"(bar <= 4.5x: {'met' if cpu <= 4.5 else 'NOT met'} on CPU, "
                f"{'met' if wall <= 4.5 else 'NOT met'} on wall); peak at {done[-1]:,}: {peak:.2f} GiB "
                f"(bar < 4 GiB: {'met' if peak < 4 else 'NOT met'})",
                flush=True,
            )
    print(f"(data and outputs in {work}; delete it when done)")


if __name__ == "__main__":
    main()
