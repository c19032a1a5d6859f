"""Render every timeline plot for two real corpora, for a reviewer to look at.

    python benchmarks/timeline_figures.py            # writes benchmarks/out/*.png (git-ignored)
    python benchmarks/timeline_figures.py --svg      # also the SVGs

Corpora: news_ukraine_2022.parquet (14 outlets, 2019-2022) and
reuters21578.parquet (1987, several hundred articles a day), read from
$MEDIASTUDY_CORPORA or ../shared/corpora. The Ukraine topics come from
mediastudy's TopicModel (10 topics; ``--quick-topics``: a quick TF-IDF +
k-means made here); Reuters uses its own first topic label. The stance
lexicons below are small illustrations, not validated instruments.
"""

from __future__ import annotations

import argparse
import os
import time
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import mediastudy as ms  # noqa: E402
from mediastudy.timeline.events import mark_events  # noqa: E402
from mediastudy.timeline.peaks import find_peaks_table, mark_peaks  # noqa: E402
from mediastudy.timeline.stance_timeline import plot_stance_timeline  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

UKRAINE_EVENTS = pd.DataFrame(
    {
        "date": ["2022-02-24", "2022-04-03", "2022-06-28", "2022-09-21", "2022-09-30",
                 "2022-11-11"],
        "label": ["Invasion begins", "Bucha killings reported", "NATO summit, Madrid",
                  "Partial mobilisation", "Annexation claimed", "Kherson retaken"],
        "end_date": [None, None, "2022-06-30", None, None, None],
    }
)  # fmt: skip
REUTERS_EVENTS = pd.DataFrame(
    {
        "date": ["1987-04-17", "1987-06-08", "1987-08-11", "1987-10-19"],
        "label": ["US tariffs on Japanese chips", "Venice G7 summit", "Greenspan takes over Fed",
                  "Black Monday crash"],
        "end_date": [None, "1987-06-10", None, None],
    }
)  # fmt: skip
NATO_LEXICON = {
    "targets": {"NATO": ["NATO", "the alliance", "North Atlantic Treaty Organization"]},
    "cues": {
        "pro": ["defensive", "defend*", "protect*", "support*", "unity", "united",
                "strengthen*", "deter*", "security"],
        "anti": ["aggress*", "provocat*", "expan*", "threat*", "escalat*", "encircl*",
                 "hostile", "reckless"],
    },
}  # fmt: skip
DOLLAR_LEXICON = {
    "targets": {"dollar": ["dollar", "the dollar", "U.S. currency"]},
    "cues": {"pro": ["firm*", "rise*", "rose", "gain*", "strong*", "recover*", "steady"],
             "anti": ["fall*", "fell", "weak*", "drop*", "declin*", "slid*", "lower"]},
}  # fmt: skip


def corpora_path() -> Path:
    env = os.environ.get("MEDIASTUDY_CORPORA")
    return Path(env) if env else HERE.parent.parent / "shared" / "corpora"


def load_ukraine(path: Path, *, quick: bool) -> pd.DataFrame:
    df = pd.read_parquet(path / "news_ukraine_2022.parquet")
    df = df.assign(id=[f"ua{i:05d}" for i in range(len(df))])
    if not quick:
        try:  # the package's own topic model (issue 3)
            from mediastudy.topics.model import TopicModel, assign_topics

            return assign_topics(df, TopicModel(10, random_state=0).fit(df))
        except (ImportError, AttributeError, TypeError, ValueError) as exc:
            print(f"topic model unavailable ({exc!r}); using the quick k-means topics")
    return df.assign(topic=quick_topics(df), topic_label=None).pipe(label_topics)


def load_reuters(path: Path) -> pd.DataFrame:
    df = pd.read_parquet(path / "reuters21578.parquet")
    first_place = df["places"].map(lambda p: p[0] if len(p) else "unknown")
    first_topic = df["topics"].map(lambda t: t[0] if len(t) else "(none)")
    codes, labels = pd.factorize(first_topic, sort=True)
    return pd.DataFrame(
        {
            "id": df["newid"].astype(str),
            "outlet": first_place.astype(str),  # Reuters is one outlet: series by place
            "date": df["date"],
            "title": df["title"].fillna(""),
            "text": df["body"].fillna(""),
            "topic": codes,
            "topic_label": np.asarray(labels)[codes],
        }
    )


def quick_topics(df: pd.DataFrame, k: int = 10) -> np.ndarray:
    """A stand-in topic column: k-means on TF-IDF of headline + start of the text."""
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = (df["title"].fillna("") + " " + df["text"].fillna("").str.slice(0, 600)).tolist()
    x = TfidfVectorizer(stop_words="english", min_df=5, max_df=0.4,
                        sublinear_tf=True).fit_transform(docs)  # fmt: skip
    km = MiniBatchKMeans(n_clusters=k, random_state=0, n_init=3, batch_size=2048)
    return km.fit_predict(x)


def label_topics(df: pd.DataFrame) -> pd.DataFrame:
    """Label each quick topic with its three most frequent distinctive headline words."""
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(stop_words="english", min_df=3, binary=True,
                          token_pattern=r"(?u)\b[^\W\d_][\w'-]{2,}\b")  # fmt: skip
    x = vec.fit_transform(df["title"].fillna(""))
    vocab = vec.get_feature_names_out()
    overall = np.asarray(x.mean(axis=0)).ravel()
    labels = {}
    for t in np.unique(df["topic"]):
        rows = np.flatnonzero(df["topic"].to_numpy() == t)
        inside = np.asarray(x[rows].mean(axis=0)).ravel()
        lift = inside * np.log((inside + 1e-3) / (overall + 1e-3))
        labels[t] = f"{t}: " + " ".join(vocab[np.argsort(-lift)[:3]])
    return df.assign(topic_label=df["topic"].map(labels))


def save(fig, name: str, svg: bool) -> Path:
    formats = ("png", "svg") if svg else ("png",)
    paths = ms.save_figure(fig, OUT / name, dpi=150, formats=formats)
    plt.close(fig)
    return paths[0]


def figures(df, name, *, events, lexicon, target, outlets, freq_fine, keyword, topic_outlet,
            stance_start, svg):  # fmt: skip
    made = []
    # 1. volume, one line per outlet, with events
    fig, ax = plt.subplots(figsize=(10, 4.2), layout="constrained")
    ms.plot_volume(df, freq="W", outlets=outlets, ax=ax)
    mark_events(ax, events)
    made.append(save(fig, f"{name}_volume_weekly", svg))
    # 2. share of each outlet's output mentioning a keyword
    fig, ax = plt.subplots(figsize=(10, 4.2), layout="constrained")
    ms.plot_volume(df, freq="M", share=True, keyword=keyword, outlets=outlets, ax=ax)
    mark_events(ax, events)
    made.append(save(fig, f"{name}_share_keyword_monthly", svg))
    # 3. small multiples, each outlet over its own span
    axes = ms.plot_volume_grid(df, freq=freq_fine, outlets=12, span="outlet", ncols=4,
                               sharey=False)  # fmt: skip
    made.append(save(axes[0].figure, f"{name}_volume_grid", svg))
    # 4. peaks in pooled volume
    fig, ax = plt.subplots(figsize=(10, 4.6), layout="constrained")
    ms.plot_volume(df, freq=freq_fine, by=None, ax=ax)
    peaks = find_peaks_table(df, freq=freq_fine, window=8)
    mark_peaks(ax, peaks, top_n=5)
    made.append(save(fig, f"{name}_peaks", svg))
    # 5. topic share of one outlet: stacked areas, and lines with bootstrap bands
    fig, ax = plt.subplots(figsize=(10, 4.2), layout="constrained")
    ms.plot_topic_share(df, outlet=topic_outlet, freq="W", top_n=6, ax=ax)
    mark_events(ax, events)
    made.append(save(fig, f"{name}_topic_share_area", svg))
    fig, ax = plt.subplots(figsize=(10, 4.2), layout="constrained")
    ms.plot_topic_share(df, outlet=topic_outlet, freq="W", top_n=4, kind="line", ax=ax)
    made.append(save(fig, f"{name}_topic_share_lines", svg))
    # 6. stance over time, with a rolling mean and events
    stance = ms.score_stance(df, lexicon)
    fig, ax = plt.subplots(figsize=(10, 4.6), layout="constrained")
    top3 = stance.articles.query("n_mentions > 0").merge(df[["id", "outlet"]], on="id")
    top3 = top3["outlet"].value_counts().index[:3].tolist()
    plot_stance_timeline(stance, df, target=target, freq="W", outlets=top3, rolling=4,
                         min_articles=5, start=stance_start, ax=ax)  # fmt: skip
    mark_events(ax, events)
    made.append(save(fig, f"{name}_stance", svg))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", action="store_true", help="also write SVG files")
    parser.add_argument("--quick-topics", action="store_true", help="k-means topics instead of TopicModel")
    args = parser.parse_args()
    path = corpora_path()
    made = []
    t0 = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ukraine = load_ukraine(path, quick=args.quick_topics)
        made += figures(ukraine, "ukraine", events=UKRAINE_EVENTS, lexicon=NATO_LEXICON,
                        target="NATO", outlets=8, freq_fine="W", keyword="NATO",
                        topic_outlet="RT", stance_start="2022-01-01", svg=args.svg)  # fmt: skip
        reuters = load_reuters(path)
        made += figures(reuters, "reuters", events=REUTERS_EVENTS, lexicon=DOLLAR_LEXICON,
                        target="dollar", outlets=6, freq_fine="D", keyword="oil",
                        topic_outlet="usa", stance_start=None, svg=args.svg)  # fmt: skip
    notices = sorted({str(w.message) for w in caught})
    print(f"{len(made)} figures in {time.perf_counter() - t0:.1f} s -> {OUT}")
    for p in made:
        print("  ", p.relative_to(HERE.parent))
    print("notices:")
    for n in notices:
        print("  ", n)


if __name__ == "__main__":
    main()
