"""The copies section: articles that carry another's text (wire copy, copies between outlets),
who ran each story first, and who copies whom."""

from __future__ import annotations

from ..html import esc, figure, n_of, table
from .base import Section, new_figure

_COPY_KINDS = ["copy", "excerpt", "passage"]


def build(job) -> None:
    from ...copies import copy_flow_table, copy_share_table, find_duplicates, plot_copy_flows

    corpus = job.corpus
    dups = find_duplicates(corpus, random_state=job.opts.get("random_state", 0) or 0)
    job.add_table("duplicates", dups)
    flows = copy_flow_table(corpus, dups)
    job.add_table("copy_flows", flows)
    job.add_table("copy_shares", copy_share_table(corpus, dups))
    if len(flows):
        n = min(15, len(set(flows["origin_outlet"]) | set(flows["outlet"])))
        fig = new_figure((max(6.0, 0.5 * n + 3), max(4.5, 0.4 * n + 2)))
        plot_copy_flows(flows, ax=fig.subplots(), top_n=15)
        job.add_figure("copy_flows", fig, "Copies between outlets: each row is the outlet that "
                       "ran a story first, each column an outlet that ran a copy of it (a near "
                       "copy, an excerpt or the story pasted into a longer article); the number "
                       "is how many (the 15 outlets with most copies given or taken).")


def render(job) -> str:
    dups, corpus = job.tables["duplicates"], job.corpus
    members = dups[dups["kind"].isin(_COPY_KINDS)]
    n_bad = int((dups["kind"] == "not comparable").sum())
    counting = ("Every other count in this report (volume, topic share, stance) takes each "
                "article as published, copies included (<code>copies=\"each\"</code>); to count "
                "each story once, mark the copies (<code>mark_duplicates</code>) and pass "
                "<code>copies=\"once\"</code> (or <code>\"outlet\"</code>: once per outlet that ran "
                "it) to <code>volume_table</code> and <code>topic_share_table</code>.")
    method = ("Two articles are copies when their texts share at least half of their 5-word "
              "sequences (a near copy: retitled, trimmed or lightly edited), or when at least 80% "
              "of the shorter one is found in the longer (an excerpt, or a story pasted into a "
              "longer article); articles more than 30 days apart are not compared. A story's "
              "origin is its earliest article (ties: the smallest id).")
    bad = (f" {esc(n_of(n_bad, 'article'))} with fewer than 5 words could not be compared."
           if n_bad else "")
    if members.empty:
        return (f"<p>No copies found among {esc(n_of(len(corpus), 'article'))}: no two articles "
                f"carry the same text. {method}{bad}</p><p>{counting}</p>")
    kinds = members["kind"].value_counts()
    kind_text = ", ".join(f"{n_of(int(kinds.get(k, 0)), 'near copy' if k == 'copy' else k)}"
                          for k in _COPY_KINDS if kinds.get(k, 0))
    share = len(members) / max(len(corpus), 1)
    parts = [
        f"<p>{esc(n_of(len(members), 'article'))} of {esc(f'{len(corpus):,}')} ({share:.1%}) carry "
        f"the text of an earlier article ({esc(kind_text)}), in "
        f"{esc(n_of(int(dups['cluster'].nunique()), 'story'))} run more than once. {method}{bad} "
        "All of them are in <code>tables/duplicates.csv</code>.</p>",
        f"<p>{counting}</p>",
        "<h3>Each outlet's copies</h3>",
        "<p>Share of each outlet's articles that are copies, the outlets it copies most and the "
        "news agencies its copies credit (in a dateline or a credit line).</p>",
        table(job.tables["copy_shares"], "copy_shares", 30),
        figure(job, "copy_flows"),
        "<h3>Copies between outlets</h3>",
        table(job.tables["copy_flows"], "copy_flows", 30),
    ]
    return "\n".join(parts)


# It needs only the corpus: with two processes it runs while the topics are fitted.
SECTION = Section("copies", "Copies and wire stories", render, early=build)
