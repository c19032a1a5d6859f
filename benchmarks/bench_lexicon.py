"""Learned lexicon vs TF-IDF + logistic regression on hand-coded stance (issue 15).

Quality: in each data set, 5-fold cross-validation (stratified, seed 0). On each training
fold, ``learn_lexicon`` learns the cues and ``score_stance(scope="article",
require_mention=False)`` scores the test fold; the threshold that turns scores into favour /
against / none is chosen on the training fold only, from out-of-fold scores of an inner
5-fold split (``validate_stance(..., threshold="best")``). The baselines on the same folds:
TF-IDF (1-2 grams) + LogisticRegression (scikit-learn defaults; also with
``class_weight="balanced"``, a stronger variant) and the majority class of the training fold.
The measure is macro-F1 over favour and against (SemEval-2016 Task 6).

Speed: ``learn_lexicon`` on 10,000 texts of the allsides corpus (codes from its left /
center / right rating) against ``CountVectorizer().fit_transform`` on the same texts, side by
side, best of 3.

    python benchmarks/bench_lexicon.py            # both
    python benchmarks/bench_lexicon.py --quality  # only the cross-validation
    python benchmarks/bench_lexicon.py --speed    # only the timing
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

import mediastudy as ms

CORPORA = Path(os.environ.get("MEDIASTUDY_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora"))
LABELS = ["favor", "against"]


def data_sets() -> dict[str, pd.DataFrame]:
    sem = pd.read_csv(CORPORA / "semeval2016_stance_dev.csv")
    gw = pd.read_csv(CORPORA / "gwsd_climate_stance_dev.csv")
    return {
        "SemEval Hillary Clinton": sem[sem["target"] == "Hillary Clinton"],
        "SemEval Legalization of Abortion": sem[sem["target"] == "Legalization of Abortion"],
        "GWSD climate": gw,
    }


def lexicon_scores(train: pd.DataFrame, test: pd.DataFrame, target: str) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # cues naming the target, left out
        lex = ms.learn_lexicon(train, target=target)
    stance = ms.score_stance(test, lex, scope="article", require_mention=False)
    return stance.articles["score"].to_numpy()


def to_labels(scores: np.ndarray, lo: float, hi: float) -> np.ndarray:
    return np.where(scores > hi, "favor", np.where(scores < lo, "against", "none"))


def ours(train: pd.DataFrame, test: pd.DataFrame, target: str, seed: int) -> np.ndarray:
    from sklearn.model_selection import StratifiedKFold

    inner = np.zeros(len(train))
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=seed).split(train, train["stance"]):
        inner[te] = lexicon_scores(train.iloc[tr], train.iloc[te], target)
    oof = pd.DataFrame({"id": train["id"].to_numpy(), "score": inner})
    chosen = ms.validate_stance(oof, train.rename(columns={"stance": "code"}), threshold="best",
                                n_boot=0)  # fmt: skip
    lo, hi = chosen.threshold
    return to_labels(lexicon_scores(train, test, target), lo, hi)


def quality(seed: int = 0) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    def f1(y, p):
        return f1_score(y, p, labels=LABELS, average="macro", zero_division=0)

    print(f"{'data set':34s} {'n':>5s} {'ours':>6s} {'LR':>6s} {'ratio':>6s} {'LR bal':>6s} "
          f"{'ratio':>6s} {'major':>6s} {'ours-maj':>8s}")  # fmt: skip
    for name, df in data_sets().items():
        df = df.reset_index(drop=True).assign(id=lambda d: np.arange(len(d)))
        target = str(df["target"].iloc[0])
        y = df["stance"].to_numpy()
        scores = {"ours": [], "lr": [], "lr_bal": [], "major": []}
        t0 = time.perf_counter()
        for tr, te in StratifiedKFold(5, shuffle=True, random_state=seed).split(df, y):
            train, test = df.iloc[tr], df.iloc[te]
            scores["ours"].append(f1(y[te], ours(train, test, target, seed)))
            vec = TfidfVectorizer(ngram_range=(1, 2))
            x_train = vec.fit_transform(train["text"])
            x_test = vec.transform(test["text"])
            for key, extra in (("lr", {}), ("lr_bal", {"class_weight": "balanced"})):
                clf = LogisticRegression(max_iter=1000, **extra).fit(x_train, y[tr])
                scores[key].append(f1(y[te], clf.predict(x_test)))
            majority = pd.Series(y[tr]).mode()[0]
            scores["major"].append(f1(y[te], np.full(len(te), majority)))
        m = {k: float(np.mean(v)) for k, v in scores.items()}
        print(f"{name:34s} {len(df):5d} {m['ours']:6.3f} {m['lr']:6.3f} {m['ours'] / m['lr']:6.2f} "
              f"{m['lr_bal']:6.3f} {m['ours'] / m['lr_bal']:6.2f} {m['major']:6.3f} "
              f"{m['ours'] - m['major']:+8.3f}   ({time.perf_counter() - t0:.0f} s)", flush=True)  # fmt: skip
    print("bars: ours >= 0.9 x LR and ours - majority >= 0.10")


def speed(n: int = 10_000, repeats: int = 3) -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    corpus = pd.read_parquet(CORPORA / "allsides_news.parquet", columns=["text", "bias"])
    corpus = corpus[corpus["text"].str.strip().astype(bool)].sample(n, random_state=0)
    codes = corpus["bias"].map({"left": "favor", "right": "against", "center": "none"})
    examples = pd.DataFrame({"text": corpus["text"].to_numpy(), "stance": codes.to_numpy()})
    chars = examples["text"].str.len().sum()
    base, mine, base_cpu, mine_cpu = [], [], [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        CountVectorizer().fit_transform(examples["text"])
        base.append(time.perf_counter() - t0)
        base_cpu.append(time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            lex = ms.learn_lexicon(examples, target="the news")
        mine.append(time.perf_counter() - t0)
        mine_cpu.append(time.process_time() - c0)
    # CPU time as well as wall time: on a shared machine the wall clock swings with the load
    print(f"learn_lexicon on {n:,} allsides texts ({chars / 1e6:.1f} M characters, 1-2 grams, "
          f"{len(lex.cues):,} cues): {min(mine):.2f} s wall, {min(mine_cpu):.2f} s CPU; "
          f"CountVectorizer().fit_transform: {min(base):.2f} s wall, {min(base_cpu):.2f} s CPU; "
          f"ratio {min(mine) / min(base):.2f} wall, {min(mine_cpu) / min(base_cpu):.2f} CPU "
          "(bar <= 1.5)")  # fmt: skip


if __name__ == "__main__":
    args = set(sys.argv[1:])
    if not args or "--quality" in args:
        quality()
    if not args or "--speed" in args:
        speed()
