"""The report page: its frame (head, title, notes, navigation), tables, figures, wording.

:func:`render_page` puts the page together from the sections
(:mod:`mediastudy.report.sections`), each under its heading. The helpers here turn
tables, figures and numbers into HTML; everything from the data is escaped
(:func:`esc`), so an article holding ``<script>`` shows as text.
"""

from __future__ import annotations

import base64
import html
import os
import re

import numpy as np
import pandas as pd

from . import outputs

TABLE_NOTE = "Only the first {shown} of {total} rows are shown; tables/{name}.csv holds all."


def render_page(job, sections) -> str:
    """The whole page: the head, title and summary line, notes, then every section."""
    from .. import __version__

    o = job.opts
    c = job.corpus
    name = "demo corpus (fictional)" if job.is_demo else os.path.basename(
        os.path.normpath(os.fspath(job.source)))
    title = o["title"] or f"mediastudy report: {name}"
    parts = [HEAD.format(title=esc(title))]
    parts.append(f"<h1>{esc(title)}</h1>")
    parts.append(
        "<p class='meta'>"
        f"Input: <code>{esc(os.fspath(job.source))}</code><br>"
        f"{esc(n_of(len(c), 'article'))} from {esc(n_of(c['outlet'].nunique(), 'outlet'))}, "
        f"{esc(day(c['date'].min()))} to {esc(day(c['date'].max()))}; "
        f"{esc(n_of(job.k, 'topic'))}; {esc(job.periods_text())}; "
        + (f"lexicon <code>{esc(os.path.basename(os.fspath(job.lexicon_path)))}</code>; "
           if job.lexicon is not None else "no lexicon (stance not scored); ") +
        f"seed {o['random_state']}; mediastudy {esc(__version__)}. "
        "Settings, input hashes and package versions: <code>run_record.json</code>.</p>")
    links = []
    for section in sections:
        links.append((section.key, section.title))
        links.extend(section.nav)
    parts.append("<nav>" + " · ".join(f"<a href='#{esc(a)}'>{esc(t)}</a>" for a, t in links) + "</nav>")
    if job.notes:
        parts.append("<div class='notes'><b>Notes</b><ul>" +
                     "".join(f"<li>{esc(n)}</li>" for n in job.notes) + "</ul></div>")
    for section in sections:
        parts.append(f"<h2 id='{esc(section.key)}'>{esc(section.title)}</h2>")
        parts.append(section.render(job))
    parts.append("<h2>Files</h2><p>All tables in one workbook, a sheet each: "
        f"<code>report.xlsx</code> (of a table longer than {outputs.WORKBOOK_MAX_ROWS:,} rows, the "
        f"first {outputs.WORKBOOK_MAX_ROWS:,}, but for the sheet to code by hand). Each table, every "
        "row, as CSV and Parquet: " + ", ".join(
        f"<code>tables/{esc(n)}.csv</code>" for n in job.tables) +
        ". Figures in <code>figures/</code>; the outlets' colours in <code>outlet_colors.json</code> "
        "(<code>mediastudy.set_outlet_colors(path)</code> gives them to your own plots); "
        "the topic model in <code>topic_model/</code>; "
        "settings, input hashes and versions in <code>run_record.json</code>.</p>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def figure(job, name: str) -> str:
    """A figure of the report as an embedded image with its caption ('' if not drawn)."""
    fig = job.figures.get(name)
    if fig is None:
        return ""
    data = base64.b64encode(fig.data).decode("ascii")
    mime = "image/svg+xml" if fig.format == "svg" else "image/png"
    files = ", ".join(fig.files)
    return (f"<figure><img alt='{esc(fig.caption)}' src='data:{mime};base64,{data}'>"
            f"<figcaption>{esc(fig.caption)} <span class='files'>{esc(files)}</span>"
            "</figcaption></figure>")


def as_list(value) -> list:
    if isinstance(value, (list, tuple, np.ndarray)):
        return list(value)
    if isinstance(value, str):
        return [v for v in value.split("; ") if v]
    return []


def highlight(sentence: str, mentions: list[str], cues: list[str]) -> str:
    """Escape ``sentence``, marking target mentions and cue words (matched on the raw text)."""
    spans: list[tuple[int, int, str]] = []
    for words, cls in ((mentions, "t"), (cues, "c")):
        for w in words:
            if not w:
                continue
            for m in re.finditer(r"(?<!\w)" + re.escape(w) + r"(?!\w)", sentence, flags=re.IGNORECASE):
                if not any(s < m.end() and m.start() < e for s, e, _ in spans):
                    spans.append((m.start(), m.end(), cls))
    spans.sort()
    out, pos = [], 0
    for s, e, cls in spans:
        out.append(esc(sentence[pos:s]))
        out.append(f"<mark class='{cls}'>{esc(sentence[s:e])}</mark>")
        pos = e
    out.append(esc(sentence[pos:]))
    return "".join(out)


def n_of(count: int, word: str) -> str:
    """``count`` and ``word``, plural unless the count is one: '1 outlet', '3 outlets'."""
    plural = word if count == 1 else (word[:-1] + "ies" if word.endswith("y") else word + "s")
    return f"{count:,} {plural}"


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def day(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def cell(value) -> str:
    if isinstance(value, (list, tuple, np.ndarray)):
        return esc("; ".join(map(str, value)))
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return esc(value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat())
    if isinstance(value, (float, np.floating)):
        return esc(f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}")
    return esc(value)


def table(df: pd.DataFrame, name: str, max_rows: int, links: pd.Series | None = None) -> str:
    shown = df.head(max_rows)
    head = "".join(f"<th>{esc(c)}</th>" for c in shown.columns)
    body = []
    for i, row in enumerate(shown.itertuples(index=False)):
        cells = []
        for col, value in zip(shown.columns, row, strict=True):
            numeric = isinstance(value, (int, float, np.number)) and not isinstance(value, bool)
            cls = " class='num'" if numeric else ""
            text = cell(value)
            url = links.iloc[i] if links is not None and col == "title" else None
            if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
                text = f"<a href='{esc(url)}' rel='noopener noreferrer'>{text}</a>"
            cells.append(f"<td{cls}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    note = ""
    if len(df) > max_rows:
        note = f"<p class='note'>{esc(TABLE_NOTE.format(shown=max_rows, total=len(df), name=name))}</p>"
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{note}"


HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em;
       color: #222; line-height: 1.45; }}
h1 {{ font-size: 1.7em; }} h2 {{ border-bottom: 1px solid #ccc; margin-top: 2em; }}
.meta {{ color: #555; }} nav {{ margin: 1em 0; }}
table {{ border-collapse: collapse; font-size: 0.85em; margin: 0.8em 0; }}
th, td {{ border: 1px solid #ddd; padding: 3px 6px; vertical-align: top; text-align: left; }}
th {{ background: #f3f3f3; }} td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.sent {{ max-width: 480px; }}
figure {{ margin: 1.5em 0; }} figure img {{ max-width: 100%; border: 1px solid #eee; }}
figcaption {{ font-size: 0.9em; color: #444; }} .files {{ color: #888; font-size: 0.85em; }}
mark.t {{ background: #cde3ff; }} mark.c {{ background: #ffe08a; }}
.notes {{ background: #fff8e1; border: 1px solid #f0d98c; padding: 0.5em 1em; }}
.note {{ color: #666; font-size: 0.85em; }}
</style></head><body>"""

