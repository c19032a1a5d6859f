"""The first section: what the corpus is and what the analysis found, in a few lines."""

from __future__ import annotations

import pandas as pd

from ..html import day, esc, n_of, table
from .base import Section


def render(job) -> str:
    c = job.corpus
    s = job.load_summary
    outlets = job.tables["outlets"]
    parts = [
        f"<p>{esc(n_of(len(c), 'article'))} from {esc(n_of(c['outlet'].nunique(), 'outlet'))}, "
        f"{esc(day(c['date'].min()))} to {esc(day(c['date'].max()))}"
        + (f" ({s['articles_skipped']:,} more could not be used: see the "
           "<a href='#load'>load report</a>)" if s["articles_skipped"] else "") + ".</p>",
        "<ul class='findings'>",
    ]
    parts += [f"<li>{f}</li>" for f in _findings(job)]
    parts.append("</ul>")
    parts.append(table(outlets, "outlets", 50))
    return "\n".join(parts)


#: Fewest scored articles an outlet needs to be named as an extreme among the findings.
FINDING_MIN_ARTICLES = 10


#: A peak above this many times its recent level (1 / COLLECTION_RATIO) is more often where a
#: collection starts or grows than an event: the finding says so.
COLLECTION_RATIO = 0.05


def _findings(job) -> list[str]:
    """Short, checkable sentences on the largest topics, stance by outlet and peaks (HTML)."""
    out = []
    topics = job.tables.get("topics")
    if topics is not None and len(topics):
        top = topics.sort_values("share", ascending=False, kind="stable").head(3)
        listed = "; ".join(f"&lsquo;{esc(r.topic_label)}&rsquo; {r.share:.0%}" for r in top.itertuples())
        out.append(f"Largest of the {job.k} topics: {listed} of the articles "
                   "(<a href='#topics'>topics</a>).")
    stance = job.tables.get("stance_by_outlet")
    if stance is not None and len(stance):
        for target, rows in stance.groupby("target", sort=False, observed=True):
            # The extremes among outlets with enough scored articles to say something: a mean
            # of 3 articles is the most extreme by chance alone.
            sure = rows[~rows["too_few"] & (rows["n_articles"] >= FINDING_MIN_ARTICLES)]
            if len(sure) < 2:
                continue
            low, high = sure.nsmallest(1, "mean_score").iloc[0], sure.nlargest(1, "mean_score").iloc[0]
            overlap = low["ci_high"] >= high["ci_low"]
            out.append(
                f"Stance toward {esc(target)} (outlets with at least {FINDING_MIN_ARTICLES} scored "
                f"articles): from {_score(low)} to {_score(high)}"
                + (" (their intervals overlap: the difference may be chance)" if overlap else "")
                + " (<a href='#stance'>stance</a>).")
    peaks = job.tables.get("peaks")
    if peaks is not None and len(peaks):
        top = peaks.nlargest(1, "z").iloc[0]
        what = str(top.get("terms", "") or "")
        n, level = int(top["n_articles"]), float(top["baseline"])
        shown = f"{level:,.0f}" if level >= 10 else f"{level:.2g}"  # 1,234 / 2.5
        period = esc(_period(job))
        check = "check whether the collection {} there (the outlets' first dates are below)"
        if pd.isna(level):
            against = ""
        elif level == 0:  # nothing in the periods before it
            against = f", after none in the {period}s before it: " + check.format("starts")
        else:
            against = f", against a recent level of {shown} a {period}"
            if level < COLLECTION_RATIO * n:  # as when an outlet's collection begins
                against += (f": more than {1 / COLLECTION_RATIO:.0f} times it, so "
                            + check.format("grows"))
        out.append(f"Largest peak of coverage: the {period} of "
                   f"{esc(day(top['period']))}, {n:,} articles"
                   + (f" ({esc(what[:80])})" if what else "") + against
                   + " (<a href='#corpus'>coverage</a>).")
    if not out:
        out.append("No finding stands out: see the sections below.")
    return out


def _score(row: pd.Series) -> str:
    interval = ("" if pd.isna(row["ci_low"]) else
                f", 95% CI {row['ci_low']:+.2f} to {row['ci_high']:+.2f}")
    return (f"{esc(row['outlet'])} {row['mean_score']:+.2f} "
            f"({int(row['n_articles']):,} articles{interval})")


def _period(job) -> str:
    from ..config import FREQ_NAMES

    return FREQ_NAMES[job.freq]


SECTION = Section("summary", "Corpus and findings", render)
