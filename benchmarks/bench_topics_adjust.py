"""Benchmark (issue 16): topics by subject, not house style, with ``adjust_for="outlet"``.

Baseline: ``TopicModel(k)`` as it was (``adjust_for=None``); ours:
``TopicModel(k, adjust_for="outlet")``. Both fitted in this process, one after
the other for each seed, so they share the machine's load.

- ``allsides_news.parquet`` (37,554 articles, 491 outlets), k=20, seeds 0-4:
  NMI between topics and outlets (goal: ours <= 0.7x baseline), NMI between
  topics and AllSides' 108 topic labels (goal: ours >= baseline), mean +- std,
  and the fit-time ratio ours / baseline (median of the per-seed ratios; goal
  <= 1.1). Also, because NMI against 491 outlets (203 with a single article) is
  biased upwards: the chance floor (NMI of the same topics shuffled among the
  articles) and the chance-corrected AMI between topics and outlets.
- ``news_ukraine_2022.parquet``, the 2022 articles of the 8 outlets with at
  least 150 articles apart from NYT (snippets only): RT, BBC, HuffPost,
  DailyMail, AssociatedPress, Guardian, Express, NBC; k=8, seeds 0-2: topics
  flagged as outlet-dominated by :func:`mediastudy.topic_flags_table`, with
  and without the adjustment and the variants map below (reviewed by hand
  from :func:`mediastudy.find_variants` on this corpus).
- One-outlet corpora (the adjustment must change nothing): BBC News k=5 and
  the four 20 Newsgroups categories of scikit-learn's example, k=4, NMI
  against the known labels, with an ``outlet`` column holding one value.

Usage::

    python benchmarks/bench_topics_adjust.py              # everything
    python benchmarks/bench_topics_adjust.py --skip-single --seeds 0 1
    python benchmarks/bench_topics_adjust.py --find-variants-only
"""

from __future__ import annotations

import argparse
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


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the word-counting workers)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def fit(df, k: int, seed: int, adjust_for: str | None, n_jobs: int):
    from mediastudy import TopicModel

    t, c = time.perf_counter(), _cpu()
    model = TopicModel(k, random_state=seed, n_jobs=n_jobs, adjust_for=adjust_for).fit(df)
    return model.labels_, time.perf_counter() - t, _cpu() - c


def summary(values) -> str:
    import numpy as np

    return f"{np.mean(values):.4f} +- {np.std(values):.4f}"


def allsides(seeds, k: int, n_jobs: int) -> None:
    import numpy as np
    import pandas as pd
    from sklearn.metrics import adjusted_mutual_info_score as ami
    from sklearn.metrics import normalized_mutual_info_score as nmi

    df = pd.read_parquet(corpora_path() / "allsides_news.parquet")
    print(f"allsides_news.parquet: {len(df):,} articles, {df['outlet'].nunique()} outlets, k={k}")
    res = {a: {"outlet": [], "topic": [], "ami": [], "floor": [], "time": [], "cpu": []}
           for a in (None, "outlet")}
    for seed in seeds:
        for adjust in (None, "outlet"):
            labels, seconds, cpu = fit(df, k, seed, adjust, n_jobs)
            r = res[adjust]
            r["outlet"].append(nmi(df["outlet"], labels))
            r["topic"].append(nmi(df["topic"], labels))
            # NMI is biased upwards with 491 outlets, 203 of them with one article: the
            # same topic sizes dealt out at random score this much (the chance floor).
            # AMI subtracts the expected chance value, so it is 0 for random topics.
            r["ami"].append(ami(df["outlet"], labels))
            shuffled = np.random.default_rng(seed).permutation(labels)
            r["floor"].append(nmi(df["outlet"], shuffled))
            r["time"].append(seconds)
            r["cpu"].append(cpu)
            print(
                f"  seed {seed} adjust_for={adjust!s:<7} NMI(topics, outlets) {r['outlet'][-1]:.5f}  "
                f"NMI(topics, AllSides topics) {r['topic'][-1]:.5f}  fit {seconds:6.1f} s wall, "
                f"{cpu:6.1f} s CPU",
                flush=True,
            )
    base, ours = res[None], res["outlet"]

    ratio_outlet = np.mean(ours["outlet"]) / np.mean(base["outlet"])
    ratios = [o / b for o, b in zip(ours["time"], base["time"], strict=True)]
    cpu_ratios = [o / b for o, b in zip(ours["cpu"], base["cpu"], strict=True)]
    print(f"NMI(topics, outlets):          without {summary(base['outlet'])}   with {summary(ours['outlet'])}"
          f"   ratio {ratio_outlet:.4f} (goal <= 0.70)")
    print(f"NMI(topics, AllSides topics):  without {summary(base['topic'])}   with {summary(ours['topic'])}"
          f"   difference {np.mean(ours['topic']) - np.mean(base['topic']):+.5f} (goal >= 0)")
    print(f"chance floor: NMI(shuffled topics, outlets) without {summary(base['floor'])}   with "
          f"{summary(ours['floor'])}")
    print(f"AMI(topics, outlets) (chance-corrected): without {summary(base['ami'])}   with "
          f"{summary(ours['ami'])}   ratio {np.mean(ours['ami']) / np.mean(base['ami']):.2f}")
    print(f"fit time: without median {statistics.median(base['time']):.1f} s, with "
          f"{statistics.median(ours['time']):.1f} s, median per-seed ratio {statistics.median(ratios):.2f} "
          f"(goal <= 1.10; per seed {' '.join(f'{x:.2f}' for x in ratios)})")
    print(f"fit CPU (process + word-counting workers): without median "
          f"{statistics.median(base['cpu']):.1f} s, "
          f"with {statistics.median(ours['cpu']):.1f} s, median per-seed ratio "
          f"{statistics.median(cpu_ratios):.2f} (per seed {' '.join(f'{x:.2f}' for x in cpu_ratios)})")


UKRAINE_OUTLETS = ["RT", "BBC", "HuffPost", "DailyMail", "AssociatedPress", "Guardian", "Express", "NBC"]
# reviewed from find_variants(corpus) on these articles: transliterations and UK/US spellings
UKRAINE_VARIANTS = {
    "kiev": "kyiv", "kharkov": "kharkiv", "donbass": "donbas", "zelenskyy": "zelensky",
    "zelenskiy": "zelensky", "odessa": "odesa", "energodar": "enerhodar", "sergei": "sergey",
    "sieverodonetsk": "severodonetsk", "dnepropetrovsk": "dnipropetrovsk",
    "defence": "defense", "defences": "defenses", "armoured": "armored", "kilometres": "kilometers",
    "criticised": "criticized", "neighbour": "neighbor", "neighbours": "neighbors",
    "neighbouring": "neighboring", "neighbourhood": "neighborhood", "organisation": "organization",
    "organisations": "organizations", "organised": "organized", "organise": "organize",
    "centre": "center", "centres": "centers", "mobilisation": "mobilization", "favour": "favor",
    "rouble": "ruble", "realise": "realize", "realised": "realized", "rumours": "rumors",
    "fertiliser": "fertilizer", "recognise": "recognize", "travelled": "traveled",
    "demilitarised": "demilitarized", "emphasised": "emphasized",
}


def ukraine_corpus():
    import pandas as pd

    df = pd.read_parquet(corpora_path() / "news_ukraine_2022.parquet")
    return df[(df["date"].dt.year == 2022) & df["outlet"].isin(UKRAINE_OUTLETS)].reset_index(drop=True)


def time_find_variants(df, repeat: int) -> None:
    """Wall and CPU seconds of ``find_variants(df)`` (one process, no workers), ``repeat`` calls."""
    from mediastudy import find_variants

    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        found = find_variants(df)
        print(f"  find_variants: {len(found)} candidate pairs listed in {time.perf_counter() - t:.1f} s "
              f"wall, {time.process_time() - c:.1f} s CPU", flush=True)
    pairs = found[["term", "variant"]].head(10).itertuples(index=False)
    print("  top 10: " + ", ".join(f"{a}/{b}" for a, b in pairs))


def ukraine(seeds, n_jobs: int) -> None:
    import numpy as np
    from sklearn.metrics import normalized_mutual_info_score as nmi

    from mediastudy import TopicModel, topic_flags_table

    df = ukraine_corpus()
    print(f"\nnews_ukraine_2022.parquet: {len(df):,} articles of 8 outlets in 2022, k=8")
    time_find_variants(df, repeat=1)
    for adjust in (None, "outlet"):
        for variants in (None, UKRAINE_VARIANTS):
            flagged, unstable, dependence = [], [], []
            for seed in seeds:
                model = TopicModel(8, random_state=seed, n_jobs=n_jobs, adjust_for=adjust,
                                   variants=variants).fit(df)
                flags = topic_flags_table(df, model)
                flagged.append(int(flags["dominant"].sum()))
                unstable.append(int(flags["low_stability"].sum()))
                dependence.append(nmi(df["outlet"], model.labels_))
            print(f"  adjust_for={adjust!s:<7} variants={'map' if variants else 'none'}: outlet-dominated "
                  f"topics per seed {flagged} (mean {np.mean(flagged):.1f}), low-stability {unstable}, "
                  f"NMI(topics, outlets) {np.mean(dependence):.3f}", flush=True)


def single_outlet(seeds, n_jobs: int) -> None:
    import numpy as np
    import pandas as pd
    from sklearn.metrics import normalized_mutual_info_score as nmi

    bbc = pd.read_parquet(corpora_path() / "bbc_news.parquet")
    ng = pd.read_parquet(corpora_path() / "20newsgroups.parquet")
    cats = ["alt.atheism", "talk.religion.misc", "comp.graphics", "sci.space"]
    ng = ng[ng["label"].isin(cats)].reset_index(drop=True)
    print("\nOne-outlet corpora (an 'outlet' column with one value): NMI against the labels")
    for name, df, y, k in [("bbc_news k=5", bbc, "category", 5), ("20ng 4 cats k=4", ng, "label", 4)]:
        df = df.assign(outlet="one")
        scores = {None: [], "outlet": []}
        same = True
        for seed in seeds:
            labels = {}
            for adjust in (None, "outlet"):
                labels[adjust], _, _ = fit(df, k, seed, adjust, n_jobs)
                scores[adjust].append(nmi(df[y], labels[adjust]))
            same &= bool(np.array_equal(labels[None], labels["outlet"]))
        print(f"  {name:<18} without {summary(scores[None])}  with {summary(scores['outlet'])}  "
              f"identical labels for every seed: {same}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument("--skip-allsides", action="store_true")
    parser.add_argument("--skip-single", action="store_true")
    parser.add_argument("--skip-ukraine", action="store_true")
    parser.add_argument("--find-variants-only", action="store_true",
                        help="only time find_variants on the Ukraine articles (3 calls)")
    args = parser.parse_args()
    if args.find_variants_only:
        df = ukraine_corpus()
        print(f"news_ukraine_2022.parquet: {len(df):,} articles of 8 outlets in 2022")
        time_find_variants(df, repeat=3)
        return
    if not args.skip_allsides:
        allsides(args.seeds, args.k, args.n_jobs)
    if not args.skip_ukraine:
        ukraine(args.seeds[:3], args.n_jobs)
    if not args.skip_single:
        single_outlet(args.seeds, args.n_jobs)


if __name__ == "__main__":
    main()
