"""Tables as one Excel workbook: a sheet per table, readable names, frozen header, real dates.

:func:`write_workbook` is what ``mediastudy report`` writes as ``report.xlsx`` and what
the command line uses for an output ending in ``.xlsx``. Text is always written as text
(a title starting with ``=`` stays a title, never becomes a formula), dates as Excel
dates, lists as ``"; "``-joined text, missing values as empty cells.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InvalidParameterError

__all__ = ["write_workbook", "sheet_name"]

_EXCEL_MAX_CHARS = 32767  # the most characters an Excel cell holds
_EXCEL_MAX_ROWS = 1_048_576
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name: str, taken: set[str] | None = None) -> str:
    """A readable Excel sheet name for a table name: ``stance_by_outlet`` -> ``Stance by outlet``.

    At most 31 characters, none of ``[]:*?/\\``, and unique (case-insensitively) among
    ``taken``, which is updated.

    Examples
    --------
    >>> sheet_name("stance_by_outlet")
    'Stance by outlet'
    >>> taken = set()
    >>> sheet_name("a" * 40, taken), sheet_name("a" * 40, taken)
    ('Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Aaaaaaaaaaaaaaaaaaaaaaaaaaaaa 2')
    """
    text = _BAD_SHEET_CHARS.sub(" ", str(name).replace("_", " ")).strip().strip("'") or "Sheet"
    text = text[:1].upper() + text[1:]
    taken = set() if taken is None else taken
    base, candidate, i = text[:31], text[:31], 1
    while candidate.lower() in {t.lower() for t in taken}:
        i += 1
        suffix = f" {i}"
        candidate = base[: 31 - len(suffix)] + suffix
    taken.add(candidate)
    return candidate


def write_workbook(
    tables: Mapping[str, pd.DataFrame] | pd.DataFrame,
    path: str | os.PathLike,
    *,
    max_rows: int | Mapping[str, int] | None = None,
    full_tables: str | None = None,
) -> Path:
    """Write tables into one ``.xlsx`` workbook, a sheet each.

    Each sheet has a bold header row that stays in view when scrolling (frozen) with
    filters, columns sized to their content, dates and times as Excel dates, numbers
    as numbers, lists as ``"; "``-joined text and text always as text (never read as
    a formula). Sheet names are the table names made readable (``stance_by_outlet``
    -> ``Stance by outlet``). Cells longer than Excel's 32,767 characters are cut.

    Parameters
    ----------
    tables : mapping of str to DataFrame, or DataFrame
        Table name -> table, in sheet order; one DataFrame gives one sheet ``Table``.
    path : str or Path
        The workbook to write; missing folders are created.
    max_rows : int or mapping of str to int, optional
        Write at most this many rows of a table (its first ones) and say so in the
        Contents sheet and right of the cut sheet's header; all rows by default. A mapping
        gives the most rows of each table it names; the others are written whole. Writing a
        cell costs about 5 microseconds: a 50,000-row table of 11 columns takes 3 seconds.
    full_tables : str, optional
        Where the full tables are, for the Contents sheet, e.g. ``"tables/{name}.csv"``.

    A first sheet, *Contents*, lists every table with its sheet, its number of rows
    and the rows written.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InvalidParameterError
        ``tables`` is not a DataFrame or a mapping of them, a table has more rows than an
        Excel sheet holds (1,048,575 below the header), or ``max_rows`` is no count of rows.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> table = pd.DataFrame({"outlet": ["RT", "BBC"], "date": pd.to_datetime(["2022-03-01", "2022-03-02"])})
    >>> path = write_workbook({"outlets": table}, tempfile.mkdtemp() + "/tables.xlsx")
    >>> path.suffix, path.stat().st_size > 1000
    ('.xlsx', True)
    """
    import xlsxwriter

    if isinstance(tables, pd.DataFrame):
        tables = {"table": tables}
    if not isinstance(tables, Mapping) or not all(isinstance(t, pd.DataFrame) for t in tables.values()):
        raise InvalidParameterError(
            "The 'tables' parameter of write_workbook must be a DataFrame or a mapping of sheet "
            f"names to DataFrames. Got {type(tables).__name__} instead.", param="tables")
    limits = dict(max_rows) if isinstance(max_rows, Mapping) else dict.fromkeys(tables, max_rows)
    for name, limit in limits.items():
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, (int, np.integer))
                                  or limit < 0):
            raise InvalidParameterError(
                "The 'max_rows' parameter of write_workbook must be a number of rows (an int >= 0), "
                f"or a mapping of table names to them. Got {limit!r}"
                + (f" for '{name}'." if isinstance(max_rows, Mapping) else "."), param="max_rows")
    for name, table in tables.items():
        if len(table) >= _EXCEL_MAX_ROWS:
            raise InvalidParameterError(
                f"write_workbook: the table '{name}' has {len(table):,} rows; an Excel sheet holds "
                f"{_EXCEL_MAX_ROWS - 1:,} below its header. Write it as CSV or Parquet instead.",
                param="tables", value=name)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write-only and constant memory; no formula or URL is ever made from text.
    book = xlsxwriter.Workbook(os.fspath(path), {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False, "nan_inf_to_errors": False})
    try:
        # A fixed creation time: the same tables give the same file, byte for byte
        # (XlsxWriter would stamp the current time; the run record says when it ran).
        book.set_properties({"comments": "Written by mediastudy",
                             "created": datetime.datetime(2000, 1, 1)})
        header = book.add_format({"bold": True, "bg_color": "#f3f3f3", "bottom": 1})
        formats = {"date": book.add_format({"num_format": "yyyy-mm-dd"}),
                   "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})}
        taken: set[str] = {"Contents"}
        names = {name: sheet_name(name, taken) for name in tables}
        contents = pd.DataFrame({
            "table": list(tables), "sheet": list(names.values()),
            "rows": [len(t) for t in tables.values()],
            "rows_in_sheet": [len(t) if limits.get(n) is None else min(len(t), limits[n])
                              for n, t in tables.items()],
        })
        if full_tables is not None:
            contents["full_table"] = [full_tables.format(name=n) for n in tables]
        _write_sheet(book, "Contents", contents, header, formats)
        note_format = book.add_format({"italic": True, "font_color": "#595959"})
        for name, table in tables.items():
            part = table if limits.get(name) is None else table.head(limits[name])
            note = None
            if len(part) < len(table):  # said in the sheet too, beside its header
                where = "" if full_tables is None else f"; every row is in {full_tables.format(name=name)}"
                note = (f"First {len(part):,} of {len(table):,} rows{where}", note_format)
            _write_sheet(book, names[name], part, header, formats, note)
    finally:
        book.close()
    return path


def _write_sheet(book, name: str, table: pd.DataFrame, header, formats, note=None) -> None:
    """A sheet of ``table``; ``note``: (text, format) written right of the header row."""
    sheet = book.add_worksheet(name)
    columns = [str(c) for c in table.columns]
    cells = [_column(table[c]) for c in table.columns]
    widths = []
    for col, (values, kind) in zip(columns, cells, strict=True):
        longest = max((len(v) for v in values[:200] if isinstance(v, str)), default=0)
        width = {"date": 11, "datetime": 19}.get(kind, longest + 2)
        widths.append(min(max(width, len(col) + 2, 6), 60))
    for j, width in enumerate(widths):
        sheet.set_column(j, j, width)
    sheet.freeze_panes(1, 0)
    for j, col in enumerate(columns):
        sheet.write_string(0, j, col, header)
    if note is not None:
        sheet.write_string(0, len(columns), *note)
    writers = []
    for values, kind in cells:
        if kind in ("date", "datetime"):
            fmt = formats[kind]
            writers.append((values, lambda i, j, v, f=fmt: sheet.write_datetime(i, j, v, f)))
        elif kind == "number":
            writers.append((values, sheet.write_number))
        elif kind == "bool":
            writers.append((values, sheet.write_boolean))
        else:
            writers.append((values, sheet.write_string))
    for i in range(len(table)):  # row by row, as constant_memory mode needs
        for j, (values, write) in enumerate(writers):
            value = values[i]
            if value is not None:
                write(i + 1, j, value)
    if columns:
        sheet.autofilter(0, 0, max(len(table), 1), len(columns) - 1)


def _column(series: pd.Series) -> tuple[list, str]:
    """A column's cells as Python values for the sheet (None = empty) and its kind."""
    if pd.api.types.is_bool_dtype(series.dtype):
        return [None if pd.isna(v) else bool(v) for v in series.tolist()], "bool"
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        s = series
        if getattr(s.dt, "tz", None) is not None:
            s = s.dt.tz_convert("UTC").dt.tz_localize(None)
        is_date = bool((s.dropna() == s.dropna().dt.normalize()).all())
        values = [None if pd.isna(v) else v.to_pydatetime() for v in s]
        return values, "date" if is_date else "datetime"
    if pd.api.types.is_numeric_dtype(series.dtype):
        if series.dtype.kind in "iuf":  # numpy or nullable ints and floats: whole-column work
            numbers = series.to_numpy(dtype=np.float64, na_value=np.nan)
            finite = np.isfinite(numbers)
            out = numbers.tolist()
            if not finite.all():
                for i in np.flatnonzero(~finite).tolist():
                    out[i] = None
            return out, "number"
        out = []
        for v in series.tolist():
            out.append(None if v is None or (isinstance(v, float) and not np.isfinite(v))
                       or v is pd.NA else float(v))
        return out, "number"
    values = series.tolist()
    if pd.api.types.infer_dtype(values, skipna=True) == "string":
        # Text and missing values only, the usual case: no checks on the text cells
        return [v[:_EXCEL_MAX_CHARS] if type(v) is str else _text_cell(v) for v in values], "text"
    return [_text_cell(v) for v in values], "text"


def _text_cell(v):
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT:
        return None
    if isinstance(v, (list, tuple, np.ndarray)):
        return "; ".join(map(str, v))[:_EXCEL_MAX_CHARS]
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    return str(v)[:_EXCEL_MAX_CHARS]
