"""One person spelt several ways: how much find_speaker_variants changes who is most quoted.

On ``news_ukraine_2022.parquet`` (11,087 articles, 14 outlets; ``id`` = row number) and on a
sample of ``allsides_news.parquet`` (``--allsides`` articles, ``random_state=0``), the quotes of
``extract_quotes`` are counted by speaker three ways, side by side:

* as written (``speakers_table`` alone);
* baseline: names that differ only in capitals counted as one (``rule == "case"``);
* ours: every pair ``find_speaker_variants`` lists counted as one.

It prints the number of pairs and rows each way moves, the most quoted speakers each way, the
most quoted speaker of each outlet, and the first ``--show`` pairs to read by hand (there is no
labelled set of name variants; benchmarks/README.md gives the hand check).

Usage::

    python benchmarks/bench_speaker_variants.py [--corpora PATH] [--show 60] [--allsides 5000]
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
    parser.add_argument("--show", type=int, default=60)
    parser.add_argument("--allsides", type=int, default=5000)
    args = parser.parse_args()
    pd.set_option("display.width", 160)
    ukraine = pd.read_parquet(args.corpora / "news_ukraine_2022.parquet", columns=["outlet", "text"])
    allsides = pd.read_parquet(args.corpora / "allsides_news.parquet", columns=["outlet", "text"])
    allsides = allsides.sample(args.allsides, random_state=0).reset_index(drop=True)
    for name, corpus in (("news_ukraine_2022", ukraine), (f"allsides_news ({args.allsides:,})", allsides)):
        print(f"== {name}")
        compare(corpus.assign(id=corpus.index.astype(str)), args.show)


def compare(corpus: pd.DataFrame, show: int) -> None:
    quotes = ms.extract_quotes(corpus)
    t = time.process_time()
    pairs = ms.find_speaker_variants(quotes, corpus, top_n=None)
    cpu = time.process_time() - t
    named = int(quotes["speaker"].notna().sum())
    print(f"{len(quotes):,} quotes, {named:,} with a speaker, "
          f"{quotes['speaker'].nunique():,} names as written; find_speaker_variants {cpu:.2f} s CPU; "
          f"pairs by rule: {pairs['rule'].value_counts().to_dict()}")
    ways = {
        "as written": pairs.iloc[:0],
        "baseline (case only)": pairs[pairs["rule"] == "case"],
        "ours (all pairs)": pairs,
    }
    tops = {}
    for label, table in ways.items():
        moved = int(table["n_variant"].sum())
        counted = ms.speakers_table(quotes, by=None, variants=table if len(table) else None)
        print(f"\n{label}: {len(table):,} pairs, {moved:,} rows ({moved / named:.1%}) counted under "
              f"another name, {len(counted):,} speakers")
        print(counted.head(6)[["speaker", "n_quotes", "n_articles"]].to_string(index=False))
        tops[label] = ms.speakers_table(quotes, corpus, by="outlet", top_n=1,
                                        variants=table if len(table) else None)
    if corpus["outlet"].nunique() <= 20:
        first, last = tops["as written"], tops["ours (all pairs)"]
        both = first[["outlet", "speaker", "n_quotes"]].merge(
            last[["outlet", "speaker", "n_quotes"]], on="outlet", suffixes=("_as_written", "_ours"))
        print("\nthe most quoted speaker of each outlet\n" + both.to_string(index=False))
    print(f"\nthe first {show} pairs (the most quoted variants), to read by hand")
    print(pairs.head(show).to_string())


if __name__ == "__main__":
    main()
