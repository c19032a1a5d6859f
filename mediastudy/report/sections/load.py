"""The load report section: what could not be read, by kind with counts, the full list folded."""

from __future__ import annotations

from ..html import esc, n_of, table
from .base import Section


def problem_kinds(report):
    """The load report's problems by kind (numbers and quoted values masked), with counts."""
    # The loader's advice "(pass bad_dates='keep' ...)" is for load_articles: a report
    # cannot place an undated article on a timeline, so it is dropped here.
    kinds = (report["problem"].astype(str).str.replace(r"\s*\(pass [^)]*\)", "", regex=True)
             .str.replace(r"'[^']*'|\d+", "…", regex=True))
    return (report.assign(problem_kind=kinds).groupby(["action", "problem_kind"]).size()
            .rename("n").reset_index().sort_values("n", ascending=False, kind="stable")
            .reset_index(drop=True))


def render(job) -> str:
    s = job.load_summary
    parts = [
        f"<p>{n_of(s['files_found'], 'file')} found: {s['files_read']:,} read, {s['files_failed']:,} "
        f"failed, {s['files_ignored']:,} ignored. {n_of(s['articles_found'], 'article')} found: "
        f"{s['articles_loaded']:,} loaded, {s['articles_skipped']:,} skipped.</p>"]
    report = job.tables["load_report"]
    if len(report):
        parts.append("<p>Problems by kind:</p>" + table(problem_kinds(report), "load_report", 30))
        parts.append(f"<details><summary>Each problem with its file and line "
                     f"({esc(n_of(len(report), 'row'))}; all in <code>tables/load_report.csv</code>)"
                     "</summary>" + table(report, "load_report", 200) + "</details>")
    else:
        parts.append("<p>Every file and article was read without a problem.</p>")
    return "\n".join(parts)


SECTION = Section("load", "Load report", render)
