"""The analysis steps of a report: load the corpus, fit the topics, score stance.

Each step takes the :class:`~mediastudy.report.run.Job` and leaves its results there
(``job.corpus``, ``job.assigned``, ``job.model``, ``job.stance``) with the tables they
give; the sections (:mod:`mediastudy.report.sections`) draw and write them up.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ConfigError, DataError, LoadError
from ..io.boilerplate import remove_boilerplate
from ..io.corpus import load_articles
from ..io.select import select_articles
from ..io.sources import READ_KINDS
from ..stance.aggregate import aggregate_stance
from ..stance.by_outlet import stance_by_outlet_table
from ..stance.kwic import sample_evidence
from ..stance.score import score_stance
from ..style import outlet_colors, set_outlet_colors
from .html import n_of
from .stray_dates import stray_dates_note

#: Evidence sentences per target in the hand-coding sheet (tables/hand_coding, report.xlsx).
HAND_CODING_PER_TARGET = 50
#: choose_k's default stability bar, which :func:`quick_choose_k` keeps.
MIN_STABILITY = 0.8


def read(job) -> None:
    """The load step's reading: load the corpus, apply the selection settings, remove
    boilerplate (``job.corpus``, ``job.load_summary``, ``job.boilerplate``, the tables
    ``load_report`` and ``boilerplate``, notes). Only ``job.opts``, ``job.source``,
    ``job.load_progress`` and ``job.before_fork`` are read: a second process can run it;
    :func:`describe` does the rest of the load step."""
    o = job.opts
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus, loaded = load_articles(
            job.source, outlet=o["outlet"], outlet_from=o["outlet_from"], columns=o["columns"],
            dayfirst=o["dayfirst"], errors="warn", drop_duplicates=o["drop_duplicates"],
            progress=job.load_progress, return_report=True,
        )
    for w in caught:  # the page has the load report itself: point there, not to Python
        if str(w.message).startswith("load_articles found no article file"):
            continue  # the error below says so, naming the kinds of file read
        job.notes.append(str(w.message).replace(
            "mediastudy.load_report(df) lists", "the Load report below (tables/load_report.csv) lists"))
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    report = loaded.problems
    job.load_summary = dict(loaded.summary)
    job.tables["load_report"] = report
    n_loaded = len(corpus)
    if n_loaded == 0:
        raise LoadError(_nothing_loaded(job.source, report))
    if n_loaded < 10:
        raise LoadError(
            f"'{os.fspath(job.source)}' holds only {n_of(n_loaded, 'readable article')}; a report "
            "needs at least 10 (the load report lists any article left out)."
        )
    n_dated = int(corpus["date"].notna().sum())
    if n_dated < 10:
        raise LoadError(_too_few_dated(n_dated, n_loaded, report))
    corpus = corpus.copy()
    corpus.attrs = {}
    if o["outlet_map"]:
        corpus["outlet"] = corpus["outlet"].map(lambda v: o["outlet_map"].get(v, v))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = select_articles(corpus, outlets=o["outlets"], start=o["start"], end=o["end"],
                                 n=o["sample"], random_state=o["random_state"])
    job.notes += [f"{w.message} ('outlet_map' can rename them.)" for w in caught]
    n_selected = len(corpus)
    corpus = corpus[corpus["date"].notna()]
    corpus = corpus.reset_index(drop=True)
    n_undated = n_selected - len(corpus)
    if len(corpus) < 10:
        raise DataError(
            f"Only {len(corpus)} articles are left to analyse (of {n_loaded} loaded) after the "
            "outlets/start/end/sample settings; a report needs at least 10. Widen the selection."
        )
    if n_loaded != len(corpus):
        why = [f"{n_loaded - n_selected:,} left out by the outlets/start/end/sample settings"
               if n_loaded != n_selected else "",
               f"{n_undated:,} without a date (the timelines need one)" if n_undated else ""]
        job.notes.append(f"{len(corpus):,} of {n_loaded:,} loaded articles kept: "
                          + "; ".join(w for w in why if w) + ".")
    job.boilerplate = None
    if o["boilerplate"] == "remove":
        corpus = _remove_boilerplate(job, corpus)
    job.corpus = corpus


def describe(job) -> None:
    """The rest of the load step, in the process that goes on: what the read corpus
    (``job.corpus``) spans, its outlets and their colours (a setting of this process)."""
    o = job.opts
    corpus = job.corpus
    stray = stray_dates_note(corpus["date"], o["start"] is not None, o["end"] is not None)
    if stray:
        job.notes.append(stray)
    days = (corpus["date"].max() - corpus["date"].min()).days
    job.freq = o["freq"] or ("W" if days <= 180 else "M" if days <= 6 * 366 else "Q")
    by_outlet = (corpus.groupby("outlet", sort=True)
                 .agg(n_articles=("id", "size"), first_date=("date", "min"),
                      last_date=("date", "max"), mean_words=("n_words", "mean"))
                 .reset_index()
                 .sort_values(["n_articles", "outlet"], ascending=[False, True], kind="stable"))
    by_outlet["mean_words"] = by_outlet["mean_words"].round(1)
    job.tables["outlets"] = by_outlet.reset_index(drop=True)
    job.top_outlets = by_outlet["outlet"].head(o["max_outlets"]).tolist()
    if o["colors"]:  # the colours asked for first; the others then avoid them
        set_outlet_colors(Path(o["colors"]) if isinstance(o["colors"], (str, os.PathLike))
                          else o["colors"])
    job.colors = outlet_colors(sorted(map(str, corpus["outlet"].unique())))
    job.done["load"] = (f"{n_of(len(corpus), 'article')} from {n_of(corpus['outlet'].nunique(), 'outlet')} "
                         f"({job.load_summary['articles_skipped']:,} skipped on load)")
    if job.boilerplate is not None and job.boilerplate["removed"]:
        job.done["load"] += (f"; boilerplate: {n_of(job.boilerplate['removed'], 'sentence')} "
                              f"removed from {n_of(job.boilerplate['articles'], 'article')}")


def _too_few_dated(n_dated: int, n_loaded: int, report: pd.DataFrame) -> str:
    """Why a report cannot be made: too few articles have a date (no date column?)."""
    import re

    undated = report[report["problem"].astype(str).str.startswith("no date column")]
    why, column = "", "FROM"
    if len(undated):
        problem = str(undated["problem"].iloc[0])
        why = f" {undated['source_path'].iloc[0]}: {problem}."
        named = re.search(r"the column '([^']+)' holds dates", problem)
        column = named.group(1) if named else column
    return (f"Only {n_dated} of the {n_loaded} articles loaded have a date; a report needs at "
            f"least 10 dated articles.{why} Map the date column with 'columns' in the config "
            f"file or --column {column}=date on the command line.")


#: Fewest articles for boilerplate to be looked for in two processes (half the outlets each).
TWO_PROCESS_BOILERPLATE = 2000

#: What ``job.before_fork`` (the report's imports, when the corpus is read in the report's
#: own process: in a Jupyter kernel) costs, in characters of text searched for boilerplate
#: in the same time (about 0.3 s; boilerplate goes at ~20 M characters/s).
BEFORE_FORK_CHARS = 5_000_000


def _remove_boilerplate(job, corpus: pd.DataFrame) -> pd.DataFrame:
    """The corpus without the sentences each outlet repeats across many of its articles."""
    found = []
    outlets = corpus["outlet"]
    if len(corpus) >= TWO_PROCESS_BOILERPLATE and outlets.nunique() > 1:
        from .parallel import meanwhile

        # Each outlet's boilerplate is its own: about half the text (by outlet) in a second
        # process, when there is one, while this one also does job.before_fork; the rows
        # put back in their order.
        before = getattr(job, "before_fork", None)
        size = corpus["text"].str.len().fillna(0).groupby(outlets, observed=True, sort=True).sum()
        there, load = set(), [BEFORE_FORK_CHARS if before is not None else 0, 0]
        for outlet, n in size.sort_values(ascending=False, kind="stable").items():
            side = int(load[1] < load[0])
            load[side] += n
            if side:
                there.add(outlet)
        away = outlets.isin(there).to_numpy()
        other = meanwhile(lambda: remove_boilerplate(corpus[away]), job.opts["n_jobs"])
        if before is not None and other.process is not None:
            before()
            job.before_fork = None
        parts = [remove_boilerplate(corpus[~away]), other.result()]
        found = parts[0].attrs["boilerplate"] + parts[1].attrs["boilerplate"]
        clean = pd.concat([part for part in parts if len(part)] or parts[:1]).loc[corpus.index]
        clean.index = corpus.index
    else:
        clean = remove_boilerplate(corpus)
        found = clean.attrs.get("boilerplate", [])
    table = pd.DataFrame(found, columns=["outlet", "sentence", "n_articles", "share", "outlet_articles"])
    # as find_boilerplate orders it
    table = table.sort_values(["n_articles", "outlet", "sentence"], ascending=[False, True, True])
    table = table.reset_index(drop=True).astype({"n_articles": "int64", "outlet_articles": "int64"})
    table["share"] = table["share"].astype(float).round(4)
    n = clean["n_boilerplate"]
    job.boilerplate = {"sentences": len(table), "removed": int(n.sum()),
                        "articles": int((n > 0).sum()),
                        "emptied": int(((n > 0) & (clean["n_words"] == 0)).sum())
                        if "n_words" in clean.columns else 0}
    job.tables["boilerplate"] = table
    clean = clean.drop(columns=["n_boilerplate"])
    clean.attrs = {}
    return clean



def topics(job) -> None:
    """Fit the topic model (choosing k unless given) and assign each article its topic."""
    from ..topics.describe import assign_topics, topic_terms
    from ..topics.model import TopicModel

    o = job.opts
    extra = dict(o["topic_options"] or {})
    extra.setdefault("random_state", o["random_state"])
    n = len(job.corpus)
    try:
        if o["k"] is not None:
            k = min(o["k"], n - 1)
            job.k_how = "given" if k == o["k"] else (
                f"k = {o['k']} was given, but {n_of(n, 'article')} allow at most {k}")
        else:
            k, scores = quick_choose_k(job.corpus, k_candidates(o["k_min"], o["k_max"], n), extra)
            job.tables["choose_k"] = scores
            job.k_how = _k_account(scores, k)
        model = TopicModel(n_topics=k, **extra).fit(job.corpus)
    except (TypeError, ValueError) as exc:
        if not o["topic_options"]:
            raise
        # e.g. {n_init: many} fails deep inside with "invalid literal for int()"
        raise ConfigError(f"The 'topic_options' setting {dict(o['topic_options'])!r} was not "
                          f"usable: {exc}") from None
    job.k = k
    job.model = model
    job.assigned = assign_topics(job.corpus, model)
    info = model.topic_info(n_terms=8)
    info["share"] = info["share"].round(4)
    info["stability"] = info["stability"].round(3)
    job.tables["topics"] = info
    job.tables["topic_terms"] = topic_terms(model, n_terms=15)
    job.done["topics"] = f"{k} topics ({'given' if o['k'] is not None else 'chosen'})"
    # The topics section adds the flags and representative articles and saves the model
    # (work that two processes can share at the figures step).


#: Fewest cues behind a pooled score the report shows (one cue would give +1 or -1).
MIN_CUES = 5


def stance(job) -> None:
    """Score stance with the lexicon, keep the evidence sentences (skipped without one)."""
    o = job.opts
    lexicon = job.lexicon
    if lexicon is None:
        job.evidence_shown = None
        job.done["stance"] = ("skipped: no lexicon given (pass --lexicon FILE, or "
                               "'lexicon: FILE' in the config)")
        return
    job.tables["lexicon"] = lexicon.to_frame()
    result = score_stance(job.corpus, lexicon)
    job.stance = result
    job.tables["stance_articles"] = result.articles
    # The mean score per outlet with its interval and n (what the figure draws), and the
    # pooled score of all of an outlet's cues beside it.
    by_outlet = stance_by_outlet_table(result, job.corpus, min_articles=o["min_articles"])
    pooled = aggregate_stance(result, job.corpus, by="outlet", min_cues=MIN_CUES)
    pooled = pooled[["outlet", "target", "n_cues", "pooled_score"]]
    job.tables["stance_by_outlet"] = by_outlet.merge(
        pooled.astype({"outlet": str, "target": str}), on=["outlet", "target"], how="left")
    meta = job.corpus[["id", "outlet", "date", "title"]]
    evidence = result.mentions[result.mentions["weight"] != 0]
    evidence = meta.merge(evidence, on="id", how="inner", validate="one_to_many")
    job.tables["stance_evidence"] = evidence
    job.done["stance"] = (f"{n_of(len(lexicon.targets), 'target')}, "
                           f"{n_of(len(evidence), 'evidence sentence')} with a cue")
    if len(evidence):
        # A larger seeded sample with empty code and comment columns, for checking by hand.
        job.tables["hand_coding"] = sample_evidence(evidence, HAND_CODING_PER_TARGET,
                                                    random_state=o["random_state"], by="target")
        shown = sample_evidence(evidence, o["n_evidence"], random_state=o["random_state"], by="target")
        job.evidence_shown = shown.sort_values(["target", "date", "id", "start"], kind="stable")
    else:
        job.evidence_shown = evidence


def _nothing_loaded(source, report: pd.DataFrame) -> str:
    """Why no article was loaded from ``source``, and what to do."""
    where = os.fspath(source)
    ignored = report[report["action"] == "ignored"] if len(report) else report
    if len(ignored) == len(report):  # no article file at all (other files are only ignored)
        kind = "folder" if os.path.isdir(where) else "input"
        others = ""
        if len(ignored):
            names = [os.path.basename(str(p)) for p in ignored["source_path"].head(3)]
            others = (f" {n_of(len(ignored), 'other file')} ignored ({', '.join(names)}"
                      f"{', ...' if len(ignored) > 3 else ''}).")
        return (f"The {kind} '{where}' holds no readable articles: no article file was found "
                f"(files read: {READ_KINDS}; folders are searched recursively).{others} Check the "
                "path, or save the articles in one of these formats.")
    first = report[report["action"] != "ignored"].iloc[0]
    return (f"No article could be read from '{where}': {n_of(len(report), 'problem')} in the load "
            f"report, the first in {first['source_path']}: {first['problem']}")


def k_candidates(k_min: int, k_max: int, n_articles: int, most: int = 5) -> list[int]:
    """At most ``most`` numbers of topics spread over k_min..k_max (below the article count)."""
    hi = min(k_max, n_articles - 1)
    if hi < k_min:
        return []
    return sorted({int(round(x)) for x in np.linspace(k_min, hi, min(most, hi - k_min + 1))})


def quick_choose_k(corpus: pd.DataFrame, ks, extra: dict) -> tuple[int, pd.DataFrame]:
    """The number of topics :func:`mediastudy.choose_k` recommends among ``ks``, and its table.

    The candidate models are cheaper than the final fit (fewer runs and LSA
    dimensions), which keeps the report quick.
    """
    ks = list(ks)
    if not ks:
        raise DataError("Too few articles to choose a number of topics; give k.")
    runs = extra.get("n_init", extra.get("n_runs", 10))  # n_runs: the name before 0.2
    params = {**{k: v for k, v in extra.items() if k != "n_runs"}, "n_init": min(int(runs), 3),
              "n_components": min(int(extra.get("n_components", 100)), 50)}
    seed = params.pop("random_state", 0)
    from ..topics.choose_k import choose_k

    table = choose_k(corpus, ks, random_state=seed, silhouette_sample=2000, **params)
    scores = table.copy()
    scores.attrs = {}
    for col in scores.columns:
        if scores[col].dtype.kind == "f":
            scores[col] = scores[col].round(4)
    return int(table.loc[table["recommended"], "k"].iloc[0]), scores


def _k_account(scores: pd.DataFrame, k: int) -> str:
    """How :func:`quick_choose_k` came to ``k``, in words: choose_k's own reason (its table)."""
    tried = ", ".join(map(str, scores["k"]))
    reason = str(scores.loc[scores["k"] == k, "reason"].iloc[0])
    return (f"chosen among {tried}: {reason}; the candidates were fitted with fewer seeded runs "
            "and LSA dimensions than the final model, to keep the report quick")



