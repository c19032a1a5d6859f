"""The stance section: how stance is scored, the scores by outlet, the evidence sentences."""

from __future__ import annotations

import os

from ..config import NO_LEXICON_NOTE
from ..html import as_list, day, esc, figure, highlight, n_of, table
from ..steps import MIN_CUES
from .base import Section, new_figure


def build(job) -> None:
    """A dot-and-whisker chart of the mean score per outlet, one per target."""
    from ...stance.by_outlet import plot_stance_by_outlet

    if job.stance is None:
        return
    table_ = job.tables["stance_by_outlet"]
    k = job.opts["min_articles"]
    for i, target in enumerate(job.lexicon.targets):
        rows = table_[table_["target"].astype(str) == str(target)]
        if not len(rows):
            continue
        fig = new_figure((8, 1.2 + 0.32 * len(rows)))
        plot_stance_by_outlet(rows, target=target, min_articles=k, ax=fig.subplots())
        job.add_figure(f"stance_by_outlet_{i + 1}", fig,
                       f"Mean article score toward {target} per outlet (-1 anti, +1 pro): the dot "
                       "is the mean of the outlet's articles that name the target, the bar its 95% "
                       f"interval, n the number of those articles. Hollow, no bar: fewer than {k}.")


def render(job) -> str:
    o = job.opts
    if job.lexicon is None:
        return "\n".join([f"<div class='notes'><p>{esc(NO_LEXICON_NOTE)}</p></div>",
                          "<h3 id='evidence'>Evidence</h3><p>None: stance was not scored.</p>"])
    smoothing = float(job.stance.smoothing)
    targets = ", ".join(job.lexicon.targets)
    if smoothing > 0:
        examples = ", ".join(f"{n} {'cue' if n == 1 else 'cues'} {n / (n + smoothing):+.2f}"
                             for n in (1, 2, 5))
        reach = (f"It is 0 when the cues balance or there are none, and nears +1 only with many "
                 f"pro cues and no anti ones: only pro cues give {examples} (anti cues the same "
                 "toward -1). The +" f"{smoothing:g} pulls scores that rest on few cues toward 0.")
    else:
        reach = "It runs from -1 (only anti cues) to +1 (only pro cues); 0 when they balance."
    parts = [
        f"<p>Stance toward {esc(targets)}, scored with the lexicon "
        f"<code>{esc(os.fspath(job.lexicon_path))}</code>. In every sentence that names a "
        "target, the lexicon's pro and anti cue words are counted for that target (a negator "
        "such as 'not' up to 3 words before a cue flips it; a cue after 'but' or 'however' "
        "counts double). Summed over an article, this gives its score "
        f"(pro &minus; anti) / (pro + anti + {smoothing:g}). {esc(reach)}</p>",
        "<b>Read the evidence before trusting a number</b>: a lexicon is a blunt instrument.</p>",
        *[figure(job, name) for name in job.figures if name.startswith("stance_by_outlet_")],
        "<p>In the table: <code>n_articles</code> is the number of the outlet's articles that "
        "name the target, <code>n_with_cues</code> those of them that carry a cue (the others "
        "score 0 and pull the mean toward it); <code>mean_score</code> the mean of their scores "
        "(each article one vote) with its 95% interval (<code>ci_low</code>, <code>ci_high</code>; "
        "<code>too_few</code> below the report's <code>min_articles</code>); "
        "<code>pooled_score</code> (pro &minus; anti) / (pro + anti) over all of the "
        "outlet's cues, without the pull toward 0, beside <code>n_cues</code>, the number of "
        f"cues it rests on (empty below {MIN_CUES} cues: one cue alone gives &plusmn;1).</p>",
        table(job.tables["stance_by_outlet"], "stance_by_outlet", 100),
        "<h3 id='evidence'>Evidence</h3>",
        f"<p>A seeded sample of up to {esc(n_of(o['n_evidence'], 'sentence'))} per target that carried "
        f"a cue ({len(job.tables['stance_evidence']):,} in all, in "
        "<code>tables/stance_evidence.csv</code>; a larger sample to code by hand is the "
        "&lsquo;Hand coding&rsquo; sheet of <code>report.xlsx</code>). Target mention and cue words are "
        "highlighted; the weight is pro minus anti of the cues counted for that mention.</p>",
        _evidence(job),
    ]
    return "\n".join(parts)


def _evidence(job) -> str:
    ev = job.evidence_shown
    if not len(ev):
        return "<p>No sentence carried a cue.</p>"
    rows = []
    for r in ev.itertuples(index=False):
        cues = as_list(r.matched)
        marked = highlight(str(r.sentence), [str(r.mention)], cues)
        negated = [str(v).lower() == "true" for v in as_list(r.negated)]
        pol = ", ".join(
            f"{m} ({p}{', negated' if i < len(negated) and negated[i] else ''})"
            for i, (m, p) in enumerate(zip(cues, as_list(r.polarities), strict=False)))
        rows.append(
            f"<tr><td>{esc(str(r.target))}</td><td>{esc(str(r.outlet))}</td><td>{esc(day(r.date))}</td>"
            f"<td>{esc(str(r.title))}</td><td class='sent'>{marked}</td><td>{esc(pol)}</td>"
            f"<td class='num'>{float(r.weight):+.1f}</td></tr>")
    return ("<table><thead><tr><th>target</th><th>outlet</th><th>date</th><th>title</th>"
            "<th>sentence</th><th>cues</th><th>weight</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


# Its figures need the stance scores, not the topics.
SECTION = Section("stance", "Stance", render, nav=(("evidence", "Evidence"),), stance_parts=(build,))
