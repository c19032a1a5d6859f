"""Every file a report writes, and only here: figures, tables, the model, the page, the record.

:class:`ReportFolder` is the output folder of one report. It writes each file, keeps
the list of files written (the run record's ``outputs``) and, at the end, removes the
files an earlier report wrote into the same folder that this one did not write again.
Keeping all writing in this module keeps a change of how files are written (e.g.
into a temporary folder moved into place at the end) in one place.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .run_record import write_run_record

__all__ = ["ReportFolder", "FigureFile"]

# The only files a report writes; a stale one is removed only if it also matches these.
OUTPUT_PATTERN = re.compile(
    r"(figures/[^/]+\.(png|svg)|tables/[^/]+\.(csv|parquet|xlsx)|report\.xlsx"
    r"|topic_model/topic_model\.(json|npz))")


@dataclass(frozen=True)
class FigureFile:
    """A figure as written: its caption, the embedded image's format and bytes, its files."""

    name: str
    caption: str
    format: str  # "png" or "svg": the image embedded in the page
    data: bytes
    files: tuple[str, ...]


class ReportFolder:
    """The output folder of one report: writes its files and remembers them."""

    def __init__(self, root: Path, *, dpi: int = 120, figure_formats=()):
        self.root = Path(root)
        self.dpi = dpi
        self.figure_formats = tuple(figure_formats or ())
        self.written: set[str] = set()  # relative to root: the run record's outputs
        self.previous = _previous_outputs(self.root)

    def path(self, name: str) -> Path:
        """The path of ``name`` (relative to the folder), its folder created."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write_bytes(self, name: str, data: bytes) -> Path:
        path = self.path(name)
        path.write_bytes(data)
        self.written.add(name)
        return path

    def figure(self, name: str, fig, caption: str, formats=()) -> FigureFile:
        """Write ``fig`` as ``figures/<name>.<format>``: the image the page embeds, and ``formats``.

        The page embeds an SVG (text drawn as outlines, so it looks the same in every
        browser and prints sharp) unless the figure draws many points, where a PNG is
        a fraction of the size. ``formats`` ("png", "svg") adds other files.
        """
        embedded = "png" if _n_points(fig) > DENSE_POINTS else "svg"
        data = render_figure(fig, embedded, self.dpi)
        files = [f"figures/{name}.{embedded}"]
        self.write_bytes(files[0], data)
        for fmt in dict.fromkeys((*self.figure_formats, *formats)):
            if fmt != embedded:
                files.append(f"figures/{name}.{fmt}")
                self.write_bytes(files[-1], render_figure(fig, fmt, self.dpi))
        return FigureFile(name, caption, embedded, data, tuple(files))


#: Above this many points drawn, a figure is embedded as PNG (an SVG would be larger).
DENSE_POINTS = 2000


def _n_points(fig) -> int:
    """How many points the figure's scatter plots and lines draw."""
    n = 0
    for ax in fig.get_axes():
        n += sum(len(c.get_offsets()) for c in ax.collections if hasattr(c, "get_offsets"))
        n += sum(len(line.get_xdata()) for line in ax.get_lines())
    return n


def render_figure(fig, fmt: str, dpi: int) -> bytes:
    """The figure as PNG or SVG bytes, cropped to what is drawn (legends outside included)."""
    import io

    import matplotlib

    buf = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None}
    # Text from the data is never math text; SVG text as outlines, ids stable between runs.
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "mediastudy"}):
        # bbox_inches="tight" would draw the figure twice (once to measure it): measure
        # what is drawn without drawing, then draw once into that box.
        # What the Axes would count, and their texts wherever they are (event labels
        # above the Axes, which the default leaves out).
        extra = [a for ax in fig.get_axes() for a in (*ax.get_default_bbox_extra_artists(), *ax.texts)]
        box = fig.get_tightbbox(fig.canvas.get_renderer(), bbox_extra_artists=extra)
        box = box.padded(0.08)
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=metadata, bbox_inches=box)
    return buf.getvalue()


def write_tables(folder: ReportFolder, tables: dict[str, pd.DataFrame]) -> None:
    """Every table as ``tables/<name>.csv`` and ``.parquet`` (list cells joined by '; ')."""
    for name, table in tables.items():
        flat = flatten(table)
        flat.to_csv(folder.path(f"tables/{name}.csv"), index=False, lineterminator="\n")
        flat.to_parquet(folder.path(f"tables/{name}.parquet"), index=False)
        folder.written |= {f"tables/{name}.csv", f"tables/{name}.parquet"}


def write_workbook(folder: ReportFolder, tables: dict[str, pd.DataFrame]) -> Path:
    """``report.xlsx``: every table a sheet (see :func:`mediastudy.write_workbook`)."""
    from ..io.workbook import write_workbook as write

    path = write({name: flatten(t) for name, t in tables.items()}, folder.path("report.xlsx"))
    folder.written.add("report.xlsx")
    return path


def save_model(folder: ReportFolder, model, notes: list[str]) -> None:
    """The fitted topic model in ``topic_model/`` (a note instead when it cannot be saved)."""
    try:
        saved = Path(model.save(folder.root / "topic_model"))
    except ImportError as exc:  # the saving code is not in this installation
        notes.append(f"The topic model could not be saved ({exc}).")
        return
    folder.written |= {f"topic_model/{p.name}" for p in saved.iterdir()
                       if p.is_file() and p.name.startswith("topic_model.")}


def write_page(folder: ReportFolder, page: str) -> Path:
    path = folder.path("report.html")
    path.write_text(page, encoding="utf-8")
    folder.written.add("report.html")
    return path


def write_record(folder: ReportFolder, **kwargs) -> Path:
    """``run_record.json``: settings, inputs, seeds, times and the files written."""
    kwargs.pop("step_seconds", None)
    return write_run_record(folder.root / "run_record.json", command="mediastudy report",
                            outputs=sorted({*folder.written, "run_record.json"}), **kwargs)


def remove_stale(folder: ReportFolder, keep=frozenset()) -> list[str]:
    """Delete the files of an earlier report that this one did not write again.

    Only names the earlier run record lists *and* that look like a report's own output
    (figures/*.png|svg, tables/*.csv|parquet, topic_model/topic_model.*) are deleted, so a
    file a person put in the folder is never touched. ``keep``: files this run writes later.
    """
    stale = folder.previous - folder.written - set(keep) - {"run_record.json"}
    root = folder.root.resolve()
    removed = []
    for name in sorted(stale):
        path = (folder.root / name).resolve()
        if (not OUTPUT_PATTERN.fullmatch(name) or root not in path.parents
                or (folder.root / name).is_symlink() or not path.is_file()):
            continue
        path.unlink()
        removed.append(name)
    return removed


def _previous_outputs(out: Path) -> set[str]:
    """The files an earlier report wrote into ``out``, from its run record (empty if none)."""
    try:
        record = json.loads((out / "run_record.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(record, dict) or record.get("command") != "mediastudy report":
        return set()
    return {str(p) for p in record.get("outputs") or () if isinstance(p, str)}


def flatten(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose list cells are '; '-joined strings, so CSV and Parquet hold the same thing."""
    out = df.copy()
    out.attrs = {}
    for col in out.columns:
        if out[col].dtype != object:
            continue
        is_list = out[col].map(lambda v: isinstance(v, (list, tuple, np.ndarray)))
        if is_list.any():
            out[col] = out[col].map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple, np.ndarray)) else v)
    return out
