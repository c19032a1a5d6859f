"""The load report section: what could not be read, summarised by kind."""

from __future__ import annotations

from ..html import n_of, table
from .base import Section


def render(job) -> str:
    s = job.load_summary
    parts = [
        f"<p>{n_of(s['files_found'], 'file')} found: {s['files_read']:,} read, {s['files_failed']:,} "
        f"failed, {s['files_ignored']:,} ignored. {n_of(s['articles_found'], 'article')} found: "
        f"{s['articles_loaded']:,} loaded, {s['articles_skipped']:,} skipped.</p>"]
    report = job.tables["load_report"]
    if len(report):
        # The loader's advice "(pass bad_dates='keep' ...)" is for load_articles: a report
        # cannot place an undated article on a timeline, so it is dropped here.
        kinds = (report["problem"].astype(str).str.replace(r"\s*\(pass [^)]*\)", "", regex=True)
                 .str.replace(r"'[^']*'|\d+", "…", regex=True))
        problems = (report.assign(problem_kind=kinds).groupby(["action", "problem_kind"]).size()
                    .rename("n").reset_index().sort_values("n", ascending=False, kind="stable"))
        parts.append("<p>Problems by kind:</p>" + table(problems, "load_report", 30))
        parts.append("<p>Each problem with its file and line:</p>" + table(report, "load_report", 50))
    else:
        parts.append("<p>Every file and article was read without a problem.</p>")
    return "\n".join(parts)


SECTION = Section("load", "Load report", render)
