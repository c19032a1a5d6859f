"""Reading CSV, JSON, JSON Lines and Parquet exports into schema columns (private)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..schema import CORPUS_COLUMNS

# A table with all these columns is a corpus that mediastudy loaded and saved (e.g. with
# 'mediastudy load -o corpus.parquet'): loading it again keeps its ids, quotes and links.
SAVED_CORPUS_COLUMNS = frozenset(CORPUS_COLUMNS)

TABULAR_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}

# Common names of each schema field in scraper and archive exports, most specific first.
_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "head"),
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "story", "maintext"),
    "date": (
        "date", "publish_date", "published", "published_at", "publication_date", "pub_date",
        "pubdate", "date_published", "datetime", "timestamp",
    ),
    "url": ("url", "link", "href", "article_url", "permalink", "web_url", "uri"),
    "outlet": ("outlet", "source", "publisher", "media", "site", "domain", "newspaper"),
}


class FileProblem(Exception):
    """A whole file cannot be read; the message says why and what to do."""


def read_table(path: Path, kind: str, columns: dict[str, str] | None,
               encoding: str = "utf-8") -> tuple[pd.DataFrame, list]:
    """Read one tabular file and map its columns onto the schema names.

    Text formats are decoded with ``encoding`` (a UTF-8 byte-order mark is dropped).

    Returns the frame (columns ``title``, ``text``, ``date`` (raw), ``url``, ``outlet``
    where found, other columns kept) and a list of ``(row, problem)`` for records
    that could not be parsed at all (JSON Lines only).
    """
    row_problems: list[tuple[int, str]] = []
    try:
        text_encoding = _with_bom(encoding)
        if kind == "csv":
            df = pd.read_csv(path, sep=_csv_separator(path, text_encoding), dtype=str,
                             keep_default_na=False, na_values=[""], encoding=text_encoding)
        elif kind == "tsv":
            df = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, na_values=[""],
                             encoding=text_encoding)
        elif kind == "parquet":
            df = pd.read_parquet(path)
        elif kind == "json":
            with open(path, encoding=text_encoding) as fh:
                df = pd.read_json(fh, orient="records", dtype=False)
        else:
            df, row_problems = _read_jsonl(path, text_encoding)
    except FileProblem:
        raise
    except UnicodeDecodeError as exc:
        raise FileProblem(
            f"undecodable bytes at byte {exc.start}: the file is not {encoding}; pass encoding= "
            "with the file's encoding (e.g. 'latin-1') or fix the file") from None
    except pd.errors.EmptyDataError:
        raise FileProblem("empty file: no header and no rows") from None
    except (ValueError, OSError, pd.errors.ParserError, ImportError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FileProblem(f"cannot read as {kind.upper()}: {first}") from None
    return _map_columns(df, columns or {}, path), row_problems


def _with_bom(encoding: str) -> str:
    """``encoding``, or utf-8-sig for UTF-8 (a byte-order mark is not part of the text)."""
    import codecs

    return "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding


def _csv_separator(path: Path, encoding: str) -> str:
    """The separator of a .csv file: a comma, unless its header has none but has semicolons,
    tabs or bars (spreadsheets in many locales export ';')."""
    with open(path, encoding=encoding, errors="replace") as fh:
        header = fh.readline()
    counts = {sep: header.count(sep) for sep in (",", ";", "\t", "|")}
    if counts[","]:
        return ","
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def _read_jsonl(path: Path, encoding: str) -> tuple[pd.DataFrame, list]:
    records, lines, problems = [], [], []
    with open(path, encoding=encoding) as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append((lineno, f"invalid JSON ({exc.msg})"))
                continue
            if not isinstance(rec, dict):
                problems.append((lineno, f"expected a JSON object, got {type(rec).__name__}"))
                continue
            records.append(rec)
            lines.append(lineno)
    df = pd.DataFrame.from_records(records)
    df["_line"] = lines
    return df, problems


def _map_columns(df: pd.DataFrame, columns: dict[str, str], path: Path) -> pd.DataFrame:
    unknown = [c for c in columns if c not in df.columns]
    if unknown:
        raise FileProblem(
            f"columns={columns!r} names {unknown}, which the file does not have; "
            f"its columns are {list(df.columns)}"
        )
    df = df.rename(columns=columns)
    if "id" in df.columns and "id" not in columns.values():
        if SAVED_CORPUS_COLUMNS <= set(df.columns):  # saved by mediastudy: the ids are ours
            df = df.rename(columns={"id": "_saved_id"})
        else:
            df = df.rename(columns={"id": "source_id"})  # our id is derived; keep theirs
    lower = {str(c).lower(): c for c in df.columns}
    renames = {}
    for field, aliases in _ALIASES.items():
        if field in df.columns:
            continue
        found = [lower[a] for a in aliases if a in lower and lower[a] not in renames]
        if len(found) > 1 and field in ("text", "date"):
            raise FileProblem(
                f"columns {found} could each be the article {field}; say which with "
                f"columns={{{found[0]!r}: {field!r}}}"
            )
        if found:
            renames[found[0]] = field
    df = df.rename(columns=renames)
    if "text" not in df.columns:
        raise FileProblem(
            f"no text column: expected one named {list(_ALIASES['text'])} or a mapping "
            f"such as columns={{'my_body': 'text'}}; the file's columns are {list(df.columns)}"
        )
    return df
