"""The timelines section: topic share per outlet and stance per outlet over time."""

from __future__ import annotations

import pandas as pd

from ..config import FREQ_NAMES
from ..html import esc, figure, n_of
from .base import Section, coarser_until, has_consecutive, mark_events, median_nonzero, new_figure

_STANCE_TIMELINE_COLUMNS = {  # stance_timeline_table's columns, for an empty table
    "period": "datetime64[s]", "period_end": "datetime64[s]", "outlet": "str", "target": "str",
    "n_articles": "int64", "n_mentions": "int64", "mean_score": "float64", "ci_low": "float64",
    "ci_high": "float64", "too_few": "bool", "incomplete": "bool"}


#: Fewest articles of an outlet in a period for its topic shares to be drawn as sure.
SHARE_MIN_ARTICLES = 5


def build(job) -> None:
    _topic_share(job)
    _stance_part(job)


def _stance_part(job) -> None:
    if job.stance is not None:
        _stance_timelines(job)


def _topic_share(job) -> None:
    from ...timeline.topic_share import plot_topic_share, topic_share_table
    from ...timeline.volume import volume_table

    o, freq, corpus, outlets = job.opts, job.freq, job.corpus, job.top_outlets
    # Shares and mean scores of one or two articles swing wildly: use a coarser period
    # for them when the outlets publish too little per period.
    job.share_freq = o["share_freq"] or coarser_until(
        freq, lambda f: median_nonzero(volume_table(corpus, freq=f, outlets=outlets), "n_articles") >= 4)
    share_period = FREQ_NAMES[job.share_freq]
    job.add_table("topic_share", topic_share_table(
        job.assigned, freq=job.share_freq, outlets=outlets, random_state=o["random_state"]))
    for i, outlet in enumerate(outlets):
        rows = job.tables["topic_share"]
        rows = rows[rows["outlet"] == outlet].drop_duplicates("period").sort_values("period")
        if not has_consecutive(rows):  # an area needs two neighbouring periods to show
            if len(rows):
                job.note(f"Topic share of {outlet} is not drawn: no two consecutive {share_period}s "
                         "with articles (see tables/topic_share.csv).")
            continue
        fig = new_figure((10, 3.8))
        plot_topic_share(job.tables["topic_share"], outlet=outlet, freq=job.share_freq,
                         kind="line", min_articles=SHARE_MIN_ARTICLES, ax=fig.subplots(),
                         title=f"Topic share: {outlet}")
        job.add_figure(f"topic_share_{i + 1}", fig,
                       f"Share of {outlet}'s articles per topic and {share_period}, with its 95% "
                       f"bootstrap interval; n above the plot: the outlet's articles in each "
                       f"{share_period}. Hatched, hollow dots, no band: fewer than "
                       f"{SHARE_MIN_ARTICLES} articles, too few for a share to mean much.")


def _stance_timelines(job) -> None:
    from ...timeline.stance_timeline import (
        BAND_FIT_FACTOR,
        plot_stance_timeline,
        stance_timeline_table,
    )

    o, freq, corpus, outlets, events = job.opts, job.freq, job.corpus, job.top_outlets, job.events
    articles = job.stance.articles
    scored_ids = articles.loc[articles["n_mentions"] > 0, "id"]
    scored_outlets = set(corpus.loc[corpus["id"].isin(scored_ids) & corpus["date"].notna(), "outlet"])
    stance_outlets = [n for n in outlets if n in scored_outlets]
    if not stance_outlets:  # never fall back to other outlets than the chosen ones
        job.note(f"No stance timeline: none of the outlets drawn ({', '.join(map(str, outlets))}) "
                 "has a dated article that mentions a target of the lexicon.")
        job.add_table("stance_timeline", pd.DataFrame(
            {c: pd.Series(dtype=t) for c, t in _STANCE_TIMELINE_COLUMNS.items()}))
        return

    def stance_table(f):
        return stance_timeline_table(job.stance, corpus, freq=f, outlets=stance_outlets,
                                     min_articles=o["min_articles"])

    job.stance_freq = o["stance_freq"] or coarser_until(
        freq, lambda f: median_nonzero(stance_table(f), "n_articles") >= o["min_articles"])
    stance_period = FREQ_NAMES[job.stance_freq]
    job.add_table("stance_timeline", stance_table(job.stance_freq))
    for i, target in enumerate(job.lexicon.targets):
        if not (articles.loc[articles["target"] == target, "n_mentions"] > 0).any():
            job.note(f"No article mentions the stance target '{target}'.")
            continue
        target_outlets = outlets
        if outlets is not None:  # only the outlets with a dated, scored article on the target
            scored = articles.loc[(articles["target"] == target) & (articles["n_mentions"] > 0), "id"]
            have = set(corpus.loc[corpus["id"].isin(scored) & corpus["date"].notna(), "outlet"])
            target_outlets = [name for name in outlets if name in have]
            left_out = [name for name in outlets if name not in have]
            if left_out:
                job.note(f"Stance toward '{target}': no scored article of "
                         f"{', '.join(map(str, left_out))}, left out of the figure.")
            if not target_outlets:
                continue
        fig = new_figure((10, 4.2))
        ax = plot_stance_timeline(job.stance, corpus, target=target, freq=job.stance_freq,
                                  outlets=target_outlets,
                                  min_articles=o["min_articles"], ax=fig.subplots(),
                                  title=f"Stance toward {target}")
        if events is not None:
            mark_events(job, ax)
        job.add_figure(f"stance_{i + 1}", fig,
                       f"Mean article score toward {target} per {stance_period} and outlet "
                       "(below 0: more anti cues, above 0: more pro cues), with its "
                       f"95% interval. Hollow: fewer than {n_of(o['min_articles'], 'scored article')}. "
                       "The score axis fits the points and the intervals of periods with at least "
                       f"{BAND_FIT_FACTOR * o['min_articles']} articles; a wider interval, of fewer "
                       "articles, runs past its edge." + job.events_text())


def render(job) -> str:
    parts = [f"<p>{esc(job.periods_text()).capitalize()}: a coarser period is used for "
             "topic share and stance when too few articles fall in each period.</p>"]
    for name in job.figures:
        if name.startswith(("topic_share_", "stance_")) and not name.startswith("stance_by_outlet_"):
            parts.append(figure(job, name))
    return "\n".join(parts)


# Two parts, which two processes can draw at once; the stance timelines need no topics.
SECTION = Section("timelines", "Timelines", render, build, parts=(_topic_share,),
                  stance_parts=(_stance_part,))
