"""The topics section: the topics found, how k was chosen, the map, representative articles."""

from __future__ import annotations

from ..html import esc, figure, n_of, table
from ..steps import MIN_STABILITY
from .base import Section, new_figure


def build(job) -> None:
    """Every part, in order."""
    for part in SECTION.parts:
        part(job)


def describe(job) -> None:
    """Topics to read with care, representative articles."""
    from ...topics.describe import representative_articles

    if "outlet" in job.corpus.columns:  # topics one outlet makes, unstable topics: in words
        from ...topics.outlet_makeup import topic_flags_table

        job.add_table("topic_flags", topic_flags_table(job.corpus, job.model))
    job.add_table("representative_articles", representative_articles(
        job.corpus, job.model, n=job.opts["n_representative"]))


def draw(job) -> None:
    from ...topics.choose_k import plot_choose_k
    from ...topics.topic_map import plot_topic_map

    if "choose_k" in job.tables:
        fig = new_figure((7, 3.2))
        plot_choose_k(job.tables["choose_k"], ax=fig.subplots(), marker="o")
        job.add_figure("choose_k", fig, "Quality of each number of topics tried: silhouette "
                       "(separation) and stability (agreement across seeds); the dashed line marks "
                       f"the k taken, the dotted line the stability choose_k asks for ({MIN_STABILITY}).")
    fig = new_figure((8, 6))
    plot_topic_map(job.corpus, job.model, ax=fig.subplots())
    job.add_figure("topic_map", fig, "Map of the articles: nearby points use similar words; "
                   "colour is the topic.")


def render(job) -> str:
    parts = [f"<p>{esc(n_of(job.k, 'topic'))} ({esc(job.k_how)}). Each topic's label is its "
             "three most distinctive terms; stability is how often the topic comes back "
             "across seeded runs (1 = always).</p>",
             table(job.tables["topics"], "topics", 60)]
    flags = job.tables.get("topic_flags")
    notes = [] if flags is None else [str(n) for n in flags["note"] if str(n)]
    if notes:
        parts.append("<p>Read these topics with care:</p><ul>" +
                     "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul><p>Setting "
                     "<code>topic_options: {adjust_for: outlet}</code> removes each outlet's own "
                     "centre before clustering; <code>mediastudy.merge_topics</code> folds topics "
                     "together.</p>")
    if job.tables.get("choose_k") is not None:
        parts.append(figure(job, "choose_k"))
        parts.append("<details><summary>Scores of the numbers of topics tried</summary>" +
                     table(job.tables["choose_k"], "choose_k", 40) + "</details>")
    parts.append(figure(job, "topic_map"))
    parts.append("<h3>Representative articles</h3>")
    reps = job.tables["representative_articles"]
    parts.append(table(reps.drop(columns=[x for x in ("url",) if x in reps.columns]),
                       "representative_articles", 200, links=reps.get("url")))
    return "\n".join(parts)


SECTION = Section("topics", "Topics", render, build, parts=(describe, draw))
