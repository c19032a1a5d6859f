"""Benchmark: mediastudy.TopicModel against scikit-learn's text-clustering recipe.

Recipe (scikit-learn's "Clustering text documents using k-means" example):
``TfidfVectorizer(max_df=0.5, min_df=5, stop_words="english")`` then
``KMeans(k, n_init=1)``.

Speed and memory, on ``allsides_news.parquet`` (37,554 articles, k=20): each
fit runs in a fresh child process (started with ``spawn``), alternating recipe
and ours ``--repeat`` times. Inside the child, the fit's wall time is
measured (loading the parquet file is timed apart and excluded from the
ratio). The parent samples, every 20 ms, the proportional set size (PSS,
from /proc/<pid>/smaps_rollup) of the child *and all its descendants* (our
word counting uses forked worker processes) and reports the peak of that sum
from the child's start, so the loaded data counts for both. PSS, unlike RSS,
does not count twice the pages a forked worker shares with its parent. The
child's own ru_maxrss is printed too. The ratio uses the medians over repeats.

Quality: NMI against known labels, mean and std over 5 seeds, for both
methods, on BBC News (k=5) and the four 20 Newsgroups categories of the
example (k=4).

Usage::

    python benchmarks/bench_topics.py            # everything
    python benchmarks/bench_topics.py --repeat 3 --skip-quality
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def corpora_path() -> Path:
    env = os.environ.get("MEDIASTUDY_CORPORA")
    return Path(env) if env else REPO.parent / "shared" / "corpora"


def recipe_labels(texts, k: int, seed: int):
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    X = TfidfVectorizer(max_df=0.5, min_df=5, stop_words="english").fit_transform(texts)
    return KMeans(k, n_init=1, random_state=seed).fit(X).labels_


def ours_model(k: int, seed: int, n_jobs: int | None):
    from mediastudy import TopicModel

    return TopicModel(k, random_state=seed, n_jobs=n_jobs)


# ------------------------------------------------------------------ speed child
def _child(method: str, k: int, n_jobs: int, queue) -> None:
    import resource

    import pandas as pd

    t0 = time.perf_counter()
    df = pd.read_parquet(corpora_path() / "allsides_news.parquet")
    t1 = time.perf_counter()
    if method == "recipe":
        labels = recipe_labels(df["text"], k, seed=0)
    else:
        labels = ours_model(k, 0, n_jobs).fit(df).labels_
    t2 = time.perf_counter()
    from sklearn.metrics import normalized_mutual_info_score

    nmi = normalized_mutual_info_score(df["topic"].fillna("?"), labels)
    queue.put(
        {
            "load_s": t1 - t0,
            "fit_s": t2 - t1,
            "self_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "nmi_allsides_topic": nmi,
        }
    )


def _tree_pss_mb(pid: int) -> float:
    """Proportional set size of a process and all its descendants (Linux /proc).

    PSS charges a page shared by n processes 1/n to each, so forked workers
    sharing the parent's pages are not counted twice (summing RSS would be).
    """
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total / 1024


def measure(method: str, k: int, n_jobs: int) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(method, k, n_jobs, queue))
    proc.start()
    peak = 0.0
    result = None
    while result is None:
        peak = max(peak, _tree_pss_mb(proc.pid))
        try:
            result = queue.get(timeout=0.02)
        except Exception:  # queue.Empty
            if not proc.is_alive() and queue.empty():
                raise RuntimeError(f"{method} child died with exit code {proc.exitcode}") from None
    proc.join()
    result["tree_peak_mb"] = peak
    return result


# ------------------------------------------------------------------ quality
def quality(seeds=range(5)) -> None:
    import numpy as np
    import pandas as pd
    from sklearn.metrics import normalized_mutual_info_score as nmi

    bbc = pd.read_parquet(corpora_path() / "bbc_news.parquet")
    ng = pd.read_parquet(corpora_path() / "20newsgroups.parquet")
    cats = ["alt.atheism", "talk.religion.misc", "comp.graphics", "sci.space"]
    ng = ng[ng["label"].isin(cats)].reset_index(drop=True)
    print("\nQuality: NMI against known labels, 5 seeds")
    print(f"{'corpus':<22}{'method':<10}{'mean':>7}{'std':>7}  per seed")
    for name, df, y, k in [
        ("bbc_news k=5", bbc, bbc["category"], 5),
        ("20ng 4 cats k=4", ng, ng["label"], 4),
    ]:
        for method in ("recipe", "ours"):
            t = time.perf_counter()
            scores = []
            for seed in seeds:
                if method == "recipe":
                    labels = recipe_labels(df["text"], k, seed)
                else:
                    labels = ours_model(k, seed, None).fit(df).labels_
                scores.append(nmi(y, labels))
            print(
                f"{name:<22}{method:<10}{np.mean(scores):7.3f}{np.std(scores):7.3f}  "
                f"{' '.join(f'{s:.3f}' for s in scores)}  ({time.perf_counter() - t:.0f} s)",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=2, help="fits per method (alternating)")
    parser.add_argument("--n-jobs", type=int, default=2, help="word-counting processes for ours")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args()
    if not args.skip_speed:
        print(f"Speed and memory: allsides_news.parquet, k={args.k}, ours with n_jobs={args.n_jobs}")
        runs: dict[str, list[dict]] = {"recipe": [], "ours": []}
        for i in range(args.repeat):
            for method in ("recipe", "ours"):
                r = measure(method, args.k, args.n_jobs)
                runs[method].append(r)
                print(
                    f"  run {i + 1} {method:<7} fit {r['fit_s']:7.1f} s  (load {r['load_s']:.1f} s)  "
                    f"peak tree PSS {r['tree_peak_mb']:7.0f} MB  self maxrss {r['self_maxrss_mb']:6.0f} MB  "
                    f"NMI vs AllSides topic {r['nmi_allsides_topic']:.3f}",
                    flush=True,
                )
        med = {m: {key: statistics.median(r[key] for r in rs) for key in rs[0]} for m, rs in runs.items()}
        print(
            f"median fit time: recipe {med['recipe']['fit_s']:.1f} s, ours {med['ours']['fit_s']:.1f} s, "
            f"ratio ours/recipe {med['ours']['fit_s'] / med['recipe']['fit_s']:.2f} (must be <= 1.0)"
        )
        print(
            f"median peak memory (process tree): recipe {med['recipe']['tree_peak_mb']:.0f} MB, "
            f"ours {med['ours']['tree_peak_mb']:.0f} MB, ratio "
            f"{med['ours']['tree_peak_mb'] / med['recipe']['tree_peak_mb']:.2f} (must be <= 1.5)"
        )
    if not args.skip_quality:
        quality()


if __name__ == "__main__":
    main()
