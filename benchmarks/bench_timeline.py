"""Timeline tables on AllSides (37,554 articles): weekly volume and topic share.

    python benchmarks/bench_timeline.py [--repeat 5] [--n-boot 1000]

Prints, in one process and side by side:
1. volume_table(freq="W") against a plain pandas version (groupby + Grouper +
   reindex to the full week range);
2. topic_share_table(freq="W") with its vectorised bootstrap, against the same
   table with the bootstrap done the plain way: a Python loop over every
   (outlet, week) cell, resampling its articles ``n_boot`` times;
and the ratios. The corpus' bad dates (missing, or outside the AllSides span
2012-2020) are reported and left out.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from mediastudy import topic_share_table, volume_table

HERE = Path(__file__).resolve().parent
WINDOW = ("2012-01-01", "2020-12-31")


def corpora_path() -> Path:
    env = os.environ.get("MEDIASTUDY_CORPORA")
    return Path(env) if env else HERE.parent.parent / "shared" / "corpora"


def timed(func, repeat: int):
    """Run ``func`` ``repeat`` times; return the last result and the times in seconds."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - t0)
    return result, times


def pandas_volume(df: pd.DataFrame) -> pd.DataFrame:
    """The usual pandas way: weekly counts per outlet, reindexed to every week."""
    dated = df[df["date"].between(*WINDOW)]
    counts = dated.groupby(["outlet", pd.Grouper(key="date", freq="W-SUN")]).size()
    weeks = pd.date_range(
        pd.Timestamp(WINDOW[0]) - pd.Timedelta(days=pd.Timestamp(WINDOW[0]).weekday()),
        WINDOW[1],
        freq="W-MON",
    )
    wide = counts.unstack("outlet", fill_value=0)
    wide.index = wide.index - pd.Timedelta(days=6)  # week end (Sunday) -> start (Monday)
    wide = wide.reindex(weeks, fill_value=0)
    return wide.stack().rename("n_articles").reset_index()


def loop_bootstrap(df: pd.DataFrame, n_boot: int, ci: float, seed: int) -> pd.DataFrame:
    """Percentile bootstrap of topic shares, one (outlet, week) cell at a time."""
    rng = np.random.default_rng(seed)
    dated = df[df["date"].between(*WINDOW) & df["topic"].notna()]
    week = dated["date"].dt.to_period("W-SUN").dt.start_time
    n_topics = int(dated["topic"].max()) + 1
    alpha = (1 - ci) / 2
    parts = []
    for (outlet, period), cell in dated.groupby([dated["outlet"], week]):
        topics = cell["topic"].to_numpy(dtype=np.int64)
        n = len(topics)
        draws = topics[rng.integers(0, n, size=(n_boot, n))]
        offsets = (np.arange(n_boot) * n_topics)[:, None]
        counts = np.bincount((draws + offsets).ravel(), minlength=n_boot * n_topics)
        shares = counts.reshape(n_boot, n_topics) / n
        low, high = np.quantile(shares, [alpha, 1 - alpha], axis=0)
        observed = np.bincount(topics, minlength=n_topics) / n
        parts.append((period, outlet, observed, low, high))
    k = np.arange(n_topics)
    return pd.DataFrame(
        {
            "period": np.repeat([p[0] for p in parts], n_topics),
            "outlet": np.repeat([p[1] for p in parts], n_topics),
            "topic": np.tile(k, len(parts)),
            "share": np.concatenate([p[2] for p in parts]),
            "ci_low": np.concatenate([p[3] for p in parts]),
            "ci_high": np.concatenate([p[4] for p in parts]),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--n-boot", type=int, default=1000)
    args = parser.parse_args()

    raw = pd.read_parquet(corpora_path() / "allsides_news.parquet", columns=["outlet", "date", "topic"])
    codes, labels = pd.factorize(raw["topic"], sort=True)
    df = raw.assign(
        topic=pd.Series(codes, index=raw.index, dtype="Int64").mask(codes < 0),
        topic_label=raw["topic"],
    )
    print(f"AllSides: {len(df):,} articles, {df['outlet'].nunique()} outlets, "
          f"{len(labels)} topics")  # fmt: skip

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        vol, t_vol = timed(lambda: volume_table(df, freq="W", start=WINDOW[0], end=WINDOW[1]), args.repeat)
        share, t_share = timed(
            lambda: topic_share_table(
                df, freq="W", start=WINDOW[0], end=WINDOW[1], n_boot=args.n_boot, random_state=0
            ),
            args.repeat,
        )
    for message in sorted({str(w.message) for w in caught}):
        print("reported:", message)
    print(f"left out: {vol.attrs['n_no_date']:,} without a date, "
          f"{vol.attrs['n_out_of_range']:,} dated outside {WINDOW[0]}..{WINDOW[1]}")  # fmt: skip
    print(f"volume table: {len(vol):,} rows; topic-share table: {len(share):,} rows")

    base_vol, t_base_vol = timed(lambda: pandas_volume(df), args.repeat)
    assert base_vol["n_articles"].sum() == vol["n_articles"].sum()
    loop, t_loop = timed(lambda: loop_bootstrap(df, args.n_boot, 0.95, 0), 1)

    # The two bootstraps must agree up to Monte Carlo noise.
    merged = share.assign(outlet=share["outlet"].astype(str), topic=share["topic"].astype(int))
    merged = merged.merge(loop, on=["period", "outlet", "topic"], suffixes=("", "_loop"))
    assert len(merged) == len(share)
    diff = np.maximum(
        (merged["ci_low"] - merged["ci_low_loop"]).abs(),
        (merged["ci_high"] - merged["ci_high_loop"]).abs(),
    )

    def line(name, times):
        return f"{name:<44} best {min(times):7.3f} s   median {statistics.median(times):7.3f} s"

    print()
    print(f"weekly tables, allsides, best/median of {args.repeat} runs (n_boot={args.n_boot}):")
    print(line("volume_table (bincount)", t_vol))
    print(line("  baseline: pandas groupby + Grouper + reindex", t_base_vol))
    print(f"  ratio baseline / ours: {min(t_base_vol) / min(t_vol):.1f}x")
    print(line("topic_share_table (vectorised bootstrap)", t_share))
    print(line("  baseline: loop over cells, resample articles", t_loop))
    print(f"  ratio loop / vectorised: {min(t_loop) / min(t_share):.1f}x")
    print(f"volume + topic share together: {min(t_vol) + min(t_share):.3f} s (target < 1 s)")
    print(f"CI bounds, vectorised vs loop: mean |diff| {diff.mean():.4f}, 99th percentile "
          f"{diff.quantile(0.99):.3f}, max {diff.max():.3f} (Monte Carlo noise; the max is a "
          "cell of a few articles whose quantile sits on a jump)")  # fmt: skip


if __name__ == "__main__":
    main()
