"""One person spelt several ways: how much find_speaker_variants changes who is most quoted.

On ``news_ukraine_2022.parquet`` (11,087 articles, 14 outlets; ``id`` = row number), the quotes
of ``extract_quotes`` are counted by speaker three ways, side by side:

* as written (``speakers_table`` alone);
* baseline: names that differ only in capitals counted as one (``reason == "case"``);
* ours: every pair ``find_speaker_variants`` lists counted as one.

It prints the number of pairs and rows each way moves, the most quoted speakers each way, the
most quoted speaker of each outlet, and the first ``--show`` pairs to read by hand (there is no
labelled set of name variants; benchmarks/README.md gives the hand check).

Usage::

    python benchmarks/bench_speaker_variants.py [--corpora PATH] [--show 50]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import pandas as pd

import mediastudy as ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path,
                        default=Path(os.environ.get("MEDIASTUDY_CORPORA", "../shared/corpora")))
    parser.add_argument("--show", type=int, default=50)
    args = parser.parse_args()
    pd.set_option("display.width", 160)
    corpus = pd.read_parquet(args.corpora / "news_ukraine_2022.parquet", columns=["outlet", "text"])
    corpus = corpus.assign(id=corpus.index.astype(str))
    quotes = ms.extract_quotes(corpus)
    t = time.process_time()
    pairs = ms.find_speaker_variants(quotes, top_n=None)
    cpu = time.process_time() - t
    named = int(quotes["speaker"].notna().sum())
    print(f"{len(quotes):,} quotes, {named:,} with a speaker, "
          f"{quotes['speaker'].nunique():,} names as written; find_speaker_variants {cpu:.2f} s CPU")
    ways = {
        "as written": {},
        "baseline (case only)": pairs[pairs["reason"] == "case"],
        "ours (all pairs)": pairs,
    }
    tops = {}
    for label, table in ways.items():
        mapping = {} if isinstance(table, dict) else dict(zip(table["variant"], table["speaker"], strict=True))
        moved = 0 if isinstance(table, dict) else int(table["n_variant"].sum())
        counted = ms.speakers_table(quotes, by=None, variants=mapping)
        print(f"\n{label}: {len(mapping):,} pairs, {moved:,} rows ({moved / named:.1%}) counted under "
              f"another name, {len(counted):,} speakers")
        print(counted.head(6)[["speaker", "n_quotes", "n_articles"]].to_string(index=False))
        tops[label] = ms.speakers_table(quotes, corpus, by="outlet", variants=mapping, top_n=1)
    first, last = tops["as written"], tops["ours (all pairs)"]
    both = first[["outlet", "speaker", "n_quotes"]].merge(
        last[["outlet", "speaker", "n_quotes"]], on="outlet", suffixes=("_as_written", "_ours"))
    print("\nthe most quoted speaker of each outlet\n" + both.to_string(index=False))
    print(f"\nthe first {args.show} pairs (the most quoted variants), to read by hand")
    print(pairs.head(args.show).to_string())


if __name__ == "__main__":
    main()
