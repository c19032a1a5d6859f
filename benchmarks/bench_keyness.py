"""keyness on the allsides corpus by outlet (each vs the rest) against
CountVectorizer().fit_transform on the same texts, side by side (issue 15).

    python benchmarks/bench_keyness.py [--measure logodds|chi2|lr] [--repeats 2]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import pandas as pd

import mediastudy as ms


def main() -> None:
    default = os.environ.get("MEDIASTUDY_CORPORA") or str(
        Path(__file__).resolve().parents[2] / "shared" / "corpora"
    )
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpora", default=default)
    parser.add_argument("--measure", default="logodds")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    from sklearn.feature_extraction.text import CountVectorizer

    corpus = pd.read_parquet(Path(args.corpora) / "allsides_news.parquet", columns=["outlet", "text"])
    texts = corpus["text"][corpus["text"].str.strip().astype(bool)]
    base, ours = [], []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        CountVectorizer().fit_transform(texts)
        base.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        table = ms.keyness(corpus, by="outlet", measure=args.measure)
        ours.append(time.perf_counter() - t0)
    print(f"{len(corpus):,} articles, {corpus['outlet'].nunique()} outlets, measure={args.measure}: "
          f"keyness {min(ours):.1f} s ({len(table):,} rows), CountVectorizer().fit_transform "
          f"{min(base):.1f} s; ratio {min(ours) / min(base):.2f} (bar <= 1.5)")  # fmt: skip


if __name__ == "__main__":
    main()
