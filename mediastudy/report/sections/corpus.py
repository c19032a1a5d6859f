"""The coverage section: boilerplate removed, coverage volume and its peaks."""

from __future__ import annotations

from ..config import FREQ_NAMES
from ..html import esc, figure, n_of, table
from .base import Section, mark_events, new_figure


def build(job) -> None:
    from ...timeline.peaks import find_peaks_table, mark_peaks
    from ...timeline.volume import plot_volume, volume_table

    freq, corpus, outlets, events = job.freq, job.corpus, job.top_outlets, job.events
    period = FREQ_NAMES[freq]
    if events is not None:
        job.add_table("events", events)
    job.add_table("volume", volume_table(corpus, freq=freq, outlets=outlets))
    peaks = find_peaks_table(corpus, freq=freq)
    job.add_table("peaks", peaks)

    fig = new_figure((10, 4.2))
    ax = plot_volume(job.tables["volume"], freq=freq, ax=fig.subplots(),
                     title=f"Articles per {period} and outlet")
    mark_events(job, ax)
    n_all = corpus["outlet"].nunique()
    which = ("the only outlet" if n_all == 1 else
             f"all {n_of(n_all, 'outlet')}" if len(outlets) == n_all else
             f"the largest {n_of(len(outlets), 'outlet')} of {n_all}")
    job.add_figure("volume", fig, f"Coverage volume: articles per {period} and outlet "
                   f"({which}). Dashed: a {period} the data covers only in part." + job.events_text())

    fig = new_figure((10, 4.6))
    ax = plot_volume(corpus, freq=freq, by=None, ax=fig.subplots(),
                     title=f"All articles per {period}", legend=False)
    mark_peaks(ax, peaks)
    if len(peaks):
        found = (f"numbered: {n_of(len(peaks), 'peak')} of coverage ({period}s well above their "
                 "recent level), explained below the plot and in the table that follows.")
    else:
        found = (f"no peak of coverage was found: no {period} stands well above its recent "
                 f"level (a peak needs at least 5 articles, 1.5 times the median of the 8 "
                 f"{period}s before it, and a z-score of 3 over it).")
    job.add_figure("volume_peaks", fig, f"All articles per {period}; {found}")


def render(job) -> str:
    parts = [_boilerplate(job), figure(job, "volume"), figure(job, "volume_peaks")]
    if len(job.tables["peaks"]):
        parts.append(table(job.tables["peaks"], "peaks", 20))
    return "\n".join(parts)


def _boilerplate(job) -> str:
    b = job.boilerplate
    if b is None:
        return ("<p>Boilerplate (sentences an outlet repeats in many of its articles) was "
                "kept, as the <code>boilerplate: keep</code> setting asks.</p>")
    if not b["sentences"]:
        return ("<p>No boilerplate found: no sentence of 5 words or more is repeated word for "
                "word in at least 20 articles and 5% of an outlet's articles.</p>")
    verb = "is" if b["emptied"] == 1 else "are"
    emptied = (f"; {n_of(b['emptied'], 'article')} held nothing else and {verb} left without text"
               if b["emptied"] else "")
    return (f"<p>Boilerplate removed before topics and stance: {esc(n_of(b['sentences'], 'sentence'))} "
            "that an outlet repeats word for word in at least 20 and 5% of its articles, taken "
            f"out {esc(n_of(b['removed'], 'time'))} from "
            f"{esc(n_of(b['articles'], 'article'))}{esc(emptied)}. "
            "The sentences are in <code>tables/boilerplate.csv</code>; the setting "
            "<code>boilerplate: keep</code> (<code>--keep-boilerplate</code>) leaves them in.</p>"
            + table(job.tables["boilerplate"], "boilerplate", 10))


# It needs only the corpus: with two processes it runs while the topics are fitted.
SECTION = Section("corpus", "Coverage", render, early=build, early_cost=0.3)
