"""Benchmark: find_duplicates (issue 17) for quality, speed and memory.

Quality: a copy-desk test set built from real AllSides articles (seeded). A held-out set of
articles (not in the corpus) provides host articles and extra paragraphs. Each of
``--sources`` sampled articles gets one copy per edit:

* ``retitle``: a new title, the same text;
* ``cut``: cut to its first 30-70% of paragraphs;
* ``add_paragraph``: a paragraph of another article inserted at a random place;
* ``change_words``: 2% of the words (at least 3) replaced, dropped or doubled;
* ``pasted``: the whole text pasted in the middle of a longer held-out article;
* ``cut_change_add``: cut, words changed and a paragraph added at the end (harder: all three);

dated 1 to 5 days after the source (``--same-day``: the same day), 80% under another outlet.
Precision and recall of the (copy, origin) pairs are printed per edit, with the baseline the
package had before (``is_duplicate``: the same outlet and text) side by side. A predicted pair
(copy, X) also counts as right when X is the origin find_duplicates gives the source itself
(the source is a real copy of X in the AllSides data).

Speed: ``TfidfVectorizer().fit_transform`` (the issue's baseline) and ``find_duplicates`` on the
same texts in one process, alternating, ``--repeat`` times, best of each; then
find_duplicates on the first 10,000 / 20,000 / all rows and the growth exponent (slope of
log time on log rows). Memory: tracemalloc's peak during find_duplicates against the
corpus frame's own size (``memory_usage(deep=True)``).

Usage::

    python benchmarks/bench_duplicates.py                 # everything
    python benchmarks/bench_duplicates.py --skip-speed    # quality only
    python benchmarks/bench_duplicates.py --show-real 30  # print real pairs to check by eye
"""

from __future__ import annotations

import argparse
import os
import re
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

from mediastudy.copies import find_duplicates

CORPORA = Path(os.environ.get("MEDIASTUDY_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora"))
EDITS = ["retitle", "cut", "add_paragraph", "change_words", "pasted", "cut_change_add"]


def _paragraphs(text):
    return [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def _change_words(text, rng, vocab, share=0.02, at_least=3):
    words = text.split(" ")
    for i in rng.choice(len(words), size=min(max(at_least, int(share * len(words))), len(words)),
                        replace=False):
        r = rng.random()
        if r < 0.6:
            words[i] = vocab[rng.integers(len(vocab))]
        elif r < 0.8:
            words[i] = ""
        else:
            words[i] = words[i] + " " + vocab[rng.integers(len(vocab))]
    return re.sub(r" +", " ", " ".join(words))


def _cut(text, rng):
    ps = _paragraphs(text)
    if len(ps) < 3:
        w = text.split(" ")
        return " ".join(w[: max(30, int(len(w) * rng.uniform(0.3, 0.7)))])
    return "\n\n".join(ps[: max(1, int(round(len(ps) * rng.uniform(0.3, 0.7))))])


def build_test_set(articles, *, n_sources=300, n_held_out=1500, same_day=False, random_state=0):
    """(corpus with the copies, truth: copy_id, source_id, edit)."""
    rng = np.random.default_rng(random_state)
    articles = articles.reset_index(drop=True)
    held = rng.choice(len(articles), size=n_held_out, replace=False)
    hosts = articles.iloc[held].reset_index(drop=True)
    base = articles.drop(index=held).reset_index(drop=True)
    dated = base["date"].notna() & (base["date"].dt.year > 2000) & (base["date"].dt.year < 2021)
    sources = rng.choice(np.flatnonzero(dated), size=n_sources, replace=False)
    vocab = re.findall(r"[A-Za-z]+", " ".join(hosts["text"].iloc[:50]))
    outlets = base["outlet"].unique()
    rows, truth = [], []
    k = 0

    def next_host():
        nonlocal k
        k += 1
        return hosts.iloc[k % len(hosts)]

    for s in sources:
        src = base.iloc[s]
        for edit in EDITS:
            text, title = src["text"], src["title"]
            if edit == "retitle":
                title = next_host()["title"]
            elif edit == "cut":
                text = _cut(text, rng)
            elif edit == "add_paragraph":
                extra = rng.choice(_paragraphs(next_host()["text"]))
                ps = _paragraphs(text)
                at = int(rng.integers(0, len(ps) + 1))
                text = "\n\n".join(ps[:at] + [extra] + ps[at:])
            elif edit == "change_words":
                text = _change_words(text, rng, vocab)
            elif edit == "pasted":
                host = _paragraphs(next_host()["text"])
                text = "\n\n".join(host[: len(host) // 2] + _paragraphs(text) + host[len(host) // 2:])
            elif edit == "cut_change_add":
                text = _change_words(_cut(text, rng), rng, vocab)
                text += "\n\n" + rng.choice(_paragraphs(next_host()["text"]))
            copy_id = f"copy{len(rows):05d}"
            rows.append({"id": copy_id, "title": title, "text": text,
                         "outlet": str(rng.choice(outlets)) if rng.random() < 0.8 else src["outlet"],
                         "date": src["date"] + pd.Timedelta(days=0 if same_day else int(rng.integers(1, 6)))})
            truth.append((copy_id, src["id"], edit))
    copies = pd.DataFrame(rows).astype({"date": base["date"].dtype})
    corpus = pd.concat([base, copies], ignore_index=True)
    return corpus, pd.DataFrame(truth, columns=["copy_id", "source_id", "edit"])


def score(pairs, truth, real_origin):
    """Precision, recall and recall per edit of predicted (copy, origin) pairs over the copies."""
    pred = pairs[pairs["id"].str.startswith("copy") | pairs["origin_id"].str.startswith("copy")]
    source = dict(zip(truth["copy_id"], truth["source_id"]))
    right = set()
    for c, o in zip(pred["id"], pred["origin_id"]):
        s = source.get(c)
        if s is not None and (o == s or real_origin.get(s) == o):
            right.add(c)
    found = truth["copy_id"].isin(right)
    return len(right) / max(len(pred), 1), found.mean(), truth.assign(found=found).groupby("edit")["found"].mean()


def score_clusters(dups, truth, real_origin):
    """For same-day copies, where nothing tells which came first: a copy is right when it is in
    its source's cluster (precision: of the copies in a cluster; recall: of all copies)."""
    cluster = dict(zip(dups["id"], dups["cluster"]))
    source = dict(zip(truth["copy_id"], truth["source_id"]))
    placed = [c for c in truth["copy_id"] if not pd.isna(cluster.get(c, np.nan))]
    right = {c for c in placed if cluster.get(c) == cluster.get(source[c])}
    found = truth["copy_id"].isin(right)
    return len(right) / max(len(placed), 1), found.mean(), truth.assign(found=found).groupby("edit")["found"].mean()


def quality(args, articles):
    for same_day in ([False, True] if args.same_day else [False]):
        corpus, truth = build_test_set(articles, n_sources=args.sources, same_day=same_day,
                                       random_state=args.seed)
        t = time.perf_counter()
        dups = find_duplicates(corpus)
        took = time.perf_counter() - t
        real = dups[~dups["id"].str.startswith("copy") & ~dups["origin_id"].fillna("").str.startswith("copy")]
        real_origin = dict(zip(real["id"], real["origin_id"]))
        ours = dups[dups["kind"].isin(["copy", "excerpt", "passage"])][["id", "origin_id"]]
        # the baseline: is_duplicate (same outlet and text: later copies point to the first)
        key = corpus["outlet"].astype(str) + "\x00" + corpus["text"]
        order = corpus.assign(_key=key).sort_values(["date", "id"])
        firsts = order.drop_duplicates("_key").set_index("_key")["id"]
        dup = order[order.duplicated("_key")]
        base_pairs = pd.DataFrame({"id": dup["id"], "origin_id": dup["_key"].map(firsts)})
        label = "same day" if same_day else "1-5 days later"
        print(f"\nQuality: {len(truth):,} copies of {args.sources} AllSides articles ({label}), "
              f"corpus {len(corpus):,} articles, seed {args.seed}; find_duplicates {took:.1f} s")
        rows = []
        for name, pairs in (("is_duplicate (baseline)", base_pairs), ("find_duplicates", ours)):
            if same_day and name == "find_duplicates":
                p, r, per = score_clusters(dups, truth, real_origin)
            elif same_day:
                continue
            else:
                p, r, per = score(pairs, truth, real_origin)
            rows.append({"method": name, "precision": round(p, 4), "recall": round(r, 4),
                         **{e: round(per.get(e, 0), 3) for e in EDITS}})
        print(pd.DataFrame(rows).to_string(index=False))
        if same_day:
            print("(same day: nothing tells which came first, so a copy counts as found when it is "
                  "in its source's cluster)")
    return dups


def show_real(n, articles):
    dups = find_duplicates(articles)
    title = dict(zip(articles["id"], articles["title"]))
    members = dups[dups["kind"].isin(["copy", "excerpt", "passage"])]
    print(f"\nReal pairs at the default thresholds on all {len(articles):,} AllSides articles: "
          f"{len(members)} articles in {dups['cluster'].nunique()} clusters; kinds "
          f"{members['kind'].value_counts().to_dict()}")
    for _, r in members.sample(min(n, len(members)), random_state=0).sort_values("date").iterrows():
        print(f"{r['kind']:8s} sim {r['similarity']:.2f} con {r['containment']:.2f} "
              f"{str(r['date'])[:10]} {r['outlet'][:18]:18s} <- {str(r['origin_date'])[:10]} "
              f"{r['origin_outlet'][:18]:18s} | {title[r['id']][:50]} | {title[r['origin_id']][:50]}")


def speed(args, articles):
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = articles["text"].tolist()
    base, ours = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        TfidfVectorizer().fit_transform(texts)
        base.append(time.perf_counter() - t)
        t = time.perf_counter()
        find_duplicates(articles)
        ours.append(time.perf_counter() - t)
    print(f"\nSpeed on {len(articles):,} AllSides articles ({articles['text'].str.len().sum() / 1e6:.0f} M "
          f"characters), best of {args.repeat}:")
    print(f"  TfidfVectorizer().fit_transform: {min(base):.1f} s  (runs: {', '.join(f'{x:.1f}' for x in base)})")
    print(f"  find_duplicates:                 {min(ours):.1f} s  (runs: {', '.join(f'{x:.1f}' for x in ours)})")
    print(f"  ratio: {min(ours) / min(base):.2f}x (bar: at most 2x)")
    sizes, times = [], []
    for n in (10_000, 20_000, len(articles)):
        part = articles.iloc[:n]
        best = np.inf
        for _ in range(args.repeat):
            t = time.perf_counter()
            find_duplicates(part)
            best = min(best, time.perf_counter() - t)
        sizes.append(n)
        times.append(best)
        print(f"  {n:>6,} articles: {best:.1f} s")
    slope = np.polyfit(np.log(sizes), np.log(times), 1)[0]
    print(f"  growth exponent (log time / log rows): {slope:.2f}")
    size = articles.memory_usage(deep=True).sum()
    tracemalloc.start()
    find_duplicates(articles)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"\nMemory: corpus frame {size / 2**20:.0f} MiB; find_duplicates peak (tracemalloc) "
          f"{peak / 2**20:.0f} MiB = {peak / size:.2f}x the corpus (bar: at most 1.5x)")
    growth = _rss_growth(lambda: find_duplicates(articles))
    print(f"        resident set (sampled every 5 ms) grew by at most {growth / 2**20:.0f} MiB = "
          f"{growth / size:.2f}x the corpus")


def _rss():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS"))


def _rss_growth(call):
    """The largest growth of this process's resident set while ``call`` runs."""
    import gc
    import threading

    gc.collect()
    base = peak = _rss()
    done = threading.Event()

    def watch():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _rss())
            done.wait(0.005)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        call()
    finally:
        done.set()
        watcher.join()
    return max(peak, _rss()) - base


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--same-day", action="store_true", help="also a test set of same-day copies")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--show-real", type=int, default=0, metavar="N")
    args = parser.parse_args()
    articles = pd.read_parquet(CORPORA / "allsides_news.parquet")
    if not args.skip_quality:
        quality(args, articles)
    if args.show_real:
        show_real(args.show_real, articles)
    if not args.skip_speed:
        speed(args, articles)


if __name__ == "__main__":
    main()
