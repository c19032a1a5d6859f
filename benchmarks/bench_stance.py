"""Benchmark score_stance against a per-cue regex loop and against bare tokenising.

Runs, in one process, on allsides_news.parquet (37,554 articles, 223 M characters) with a
lexicon of 5 targets and 300+ cues:

(a) baseline: for every article, every sentence, every target and every cue, one compiled
    regular-expression search (cues then count for the targets found in the sentence).
    It is timed on an evenly spaced subset (``--subset``, default 2,000 articles) and scaled
    to the whole corpus by the number of characters; the script says so in its output.
(b) split + tokenise: mediastudy's sentence splitter and tokeniser over every article.
(c) ours: ``mediastudy.score_stance`` over every article, both output tables built.

Usage::

    python benchmarks/bench_stance.py [--corpora PATH] [--subset 2000] [--limit N]
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import time
from pathlib import Path

import pandas as pd

from mediastudy import load_lexicon, score_stance
from mediastudy.text.sentences import sentence_spans, tokenize

TARGETS = {
    "Trump": ["Trump", "Donald Trump", "President Trump", "the Trump administration"],
    "Obamacare": ["Obamacare", "Affordable Care Act", "ACA", "the health care law",
                  "the health-care law"],
    "immigration": ["immigration", "immigrants", "immigrant", "border wall", "DACA",
                    "asylum seekers"],
    "guns": ["gun control", "gun rights", "Second Amendment", "NRA", "assault weapons",
             "background checks"],
    "climate": ["climate change", "global warming", "Paris agreement", "Paris climate accord",
                "carbon emissions"],
}  # fmt: skip

PRO = """
achiev* admir* advanc* affordable applaud* approv* backed benefit* bipartisan boost* brave
breakthrough champion* commend* commonsense compassion* constructive courage* credible
decisive defend* deliver* dependable effective efficient empower* encourag* endorse*
enthusias* excellent fair fairness favorable favourable fix* fruitful generous gain* good
great hail* hero* historic honest hope* humane impressive improv* innovat* inspir*
justified landmark lauded lawful legitimate lifeline loyal meaningful milestone modern*
necessary noble optimis* patriot* peaceful popular positive practical pragmati* praise*
productive progress* promising prosper* protect* proud prudent reasonable recover*
reform* reliable relief remarkabl* resilien* respect* responsible restor* reward* right
robust safe safeguard* savings secure sensible solid sound stabl* steady strengthen* strong
succeed* success* support* sustainabl* thriv* transparen* triumph* trust* unite* uplift*
valuable victor* vital welcome* win wins winning wise accomplish* accountab* balanced
beneficial better calm capable careful clean competent consensus cooperat* credibility decent
dignity diligent ethical excit* fairly fortunate freedom friendly healthy helpful honor* ideal
integrity
""".split()

ANTI = """
abandon* absurd abuse* abysmal alarming anger* angry appall* arrogan* assault* attack*
awful backfir* bad betray* biased bigot* blame* blunder* broken burden* catastroph* chaos
chaotic cheat* collaps* condemn* controversial corrupt* costly cowardly crisis critici*
cruel* damag* danger* deadly deceiv* deceptive decline* defeat* deficit* denounc* deplorabl*
destroy* destructi* disaster* disastrous disgrace* dishonest* dismal disrupt* divisive
doom* dysfunction* embarrass* erratic extrem* fail* fake* fault* fear* fiasco flaw* fraud*
furious harm* hate* hateful hostil* hypocri* idiot* illegal illegitimate incompeten*
inept* inhumane injust* insult* irrespons* lie lies lied lying mess misguided mislead*
mistake* nightmare obstruct* offensive outrage* overreach* painful partisan poor
problem* protest* racis* radical reckless regret* reject* repeal* ridiculous risk* sabotag*
scandal* scare* shameful shock* slam* stupid suffer* terribl* threat* toxic tragic* turmoil
unconstitutional undermin* unfair unpopular unsafe upset* violat* violen* vulnerabl* waste*
weak* worr* worse worst wrong* aggressive arrest* awkward bankrupt* brutal careless clash*
confus* crash* crook* disappoint* disput* fierce grim hurt* ignor* inflam* miser* neglect*
panic* sloppy troubl* ugly unaccept* unjust
""".split()

PHRASES_PRO = [
    "common ground", "step forward", "good news", "strong economy", "job growth",
    "saves lives", "well received", "broad support", "widely praised", "move forward",
    "right thing", "working families", "peace of mind", "bring together", "new jobs",
]  # fmt: skip
PHRASES_ANTI = [
    "bad deal", "step backward", "fake news", "witch hunt", "out of control",
    "cost jobs", "power grab", "slap in the face", "at risk", "under fire", "red tape",
    "job losses", "price hikes", "war on", "public outcry",
]  # fmt: skip


def bench_lexicon() -> dict:
    return {
        "name": "benchmark: 5 targets, 300+ cues",
        "targets": TARGETS,
        "cues": {"pro": PRO + PHRASES_PRO, "anti": ANTI + PHRASES_ANTI},
    }


def cue_regex(words: tuple[tuple[str, bool], ...]) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(w) + (r"\w*" if prefix else "") for w, prefix in words)
    return re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)


def baseline(texts: list[str], lexicon) -> dict[tuple[int, str], list[float]]:
    """(a): one regex search per target and per cue, for every sentence of every article."""
    comp = [(name, re.compile(r"(?<!\w)(?:" + "|".join(
        r"\s+".join(re.escape(w) for w in a.split()) for a in t.aliases) + r")(?!\w)",
        re.IGNORECASE)) for name, t in lexicon.targets.items()]  # fmt: skip
    cues = [(cue_regex(c.words), 1.0 if c.polarity == "pro" else -1.0, c.weight)
            for c in lexicon.cues]  # fmt: skip
    sums: dict[tuple[int, str], list[float]] = {}
    for row, text in enumerate(texts):
        for s, e in sentence_spans(text):
            sentence = text[s:e]
            named = [name for name, rx in comp if rx.search(sentence)]
            for rx, sign, weight in cues:
                if rx.search(sentence):
                    for name in named:
                        acc = sums.setdefault((row, name), [0.0, 0.0])
                        acc[0 if sign > 0 else 1] += weight
            for name in named:
                sums.setdefault((row, name), [0.0, 0.0])
    return sums


def split_and_tokenise(texts: list[str]) -> int:
    """(b): split every article into sentences and tokenise each sentence."""
    n = 0
    for text in texts:
        for s, e in sentence_spans(text):
            n += len(tokenize(text[s:e]))
    return n


def timed(func, *args):
    """Run ``func``: (wall seconds, CPU seconds of this process, result). The machine is
    shared and noisy, so CPU time is the fairer measure; both are printed."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    out = func(*args)
    return time.perf_counter() - wall, time.process_time() - cpu, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("MEDIASTUDY_CORPORA") or str(
        Path(__file__).resolve().parents[2] / "shared" / "corpora"
    )
    parser.add_argument("--corpora", default=default)
    parser.add_argument("--subset", type=int, default=2000, help="articles for the baseline")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N")
    args = parser.parse_args()

    corpus = pd.read_parquet(Path(args.corpora) / "allsides_news.parquet")
    if args.limit:
        corpus = corpus.head(args.limit)
    corpus = corpus.assign(text=corpus["text"].fillna(""))
    texts = corpus["text"].tolist()
    n_chars = sum(map(len, texts))
    lexicon = load_lexicon(bench_lexicon())
    n_phrases = sum(len(c.words) > 1 for c in lexicon.cues)
    n_wild = sum(any(p for _, p in c.words) for c in lexicon.cues)
    print(f"corpus: {len(texts):,} articles, {n_chars / 1e6:.1f} M characters")
    print(f"lexicon: {len(lexicon.targets)} targets, {len(lexicon.cues)} cues "
          f"({n_phrases} phrases, {n_wild} wildcards)")  # fmt: skip

    step = max(1, len(texts) // args.subset)
    subset = texts[::step][: args.subset]
    sub_chars = sum(map(len, subset))
    scale = n_chars / sub_chars
    w_base_sub, c_base_sub, base_sums = timed(baseline, subset, lexicon)
    w_base, c_base = w_base_sub * scale, c_base_sub * scale
    print(f"(a) per-cue regex loop: {w_base_sub:.1f} s wall / {c_base_sub:.1f} s CPU on "
          f"{len(subset):,} evenly spaced articles ({sub_chars / 1e6:.1f} M chars); SCALED by "
          f"characters (x{scale:.1f}) to the full corpus: {w_base:.0f} s wall / {c_base:.0f} s "
          "CPU")  # fmt: skip

    w_tok, c_tok, n_tokens = timed(split_and_tokenise, texts)
    print(f"(b) split + tokenise all: {w_tok:.1f} s wall / {c_tok:.1f} s CPU "
          f"({n_tokens / 1e6:.1f} M tokens)")  # fmt: skip

    w_ours, c_ours, result = timed(lambda: score_stance(corpus, lexicon))
    arts = result.articles
    print(f"(c) score_stance all: {w_ours:.1f} s wall / {c_ours:.1f} s CPU "
          f"({len(result.mentions):,} mentions, {(arts['n_mentions'] > 0).sum():,} "
          "article-target pairs mentioned)")  # fmt: skip

    # Sanity check on the subset: both approaches find the same articles mentioning targets.
    sub = score_stance(pd.DataFrame({"id": range(len(subset)), "text": subset}), lexicon)
    ours_pairs = {
        (int(i), t) for i, t, n in sub.articles[["id", "target", "n_mentions"]].itertuples(index=False) if n
    }
    agree = len(ours_pairs & set(base_sums)) / max(1, len(ours_pairs | set(base_sums)))
    print(f"subset check: article-target pairs with a mention, ours {len(ours_pairs):,}, "
          f"baseline {len(base_sums):,}, overlap (Jaccard) {agree:.3f}")  # fmt: skip

    print(f"ratio (a) / (c): {w_base / w_ours:.1f}x wall, {c_base / c_ours:.1f}x CPU faster "
          "than the regex loop (need >= 20x)")  # fmt: skip
    print(f"ratio (c) / (b): {w_ours / w_tok:.2f}x wall, {c_ours / c_tok:.2f}x CPU the time of "
          "split + tokenise (need <= 3x)")  # fmt: skip


if __name__ == "__main__":
    main()
