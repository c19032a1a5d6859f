"""Every file a report writes, and only here: figures, tables, the model, the page, the record.

:class:`ReportFolder` is the output folder of one report. It writes each file, keeps
the list of files written (the run record's ``outputs``), and makes sure the folder always
describes one run (:meth:`ReportFolder.writing`):

* while a report runs, it holds a lock beside the folder (:mod:`mediastudy.report.lock`):
  a second run into the same folder is refused, not mixed in;
* every file is written into a temporary folder beside it (``.<name>.tmp-<pid>``), which
  takes the folder's place only once the report is complete. Files a person put into the
  folder are carried over; the files of the earlier report are not;
* a run that fails (or is interrupted) leaves the folder as it was; its partial output and
  its error (``error.txt``) go to ``<name>.partial`` beside it, and the error says so.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import traceback
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ConfigError
from .lock import FolderLock, temporary_folder
from .run_record import write_run_record

__all__ = ["ReportFolder", "FigureFile"]

# The only files a report writes; a stale one is removed only if it also matches these.
OUTPUT_PATTERN = re.compile(
    r"(figures/[^/]+\.(png|svg)|tables/[^/]+\.(csv|parquet|xlsx)|report\.xlsx"
    r"|outlet_colors\.json|topic_model/topic_model\.(json|npz))")


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

    def __init__(self, out: Path, *, dpi: int = 120, figure_formats=()):
        self.out = Path(out)
        self.root = temporary_folder(self.out)  # where files go until the report is complete
        self.dpi = dpi
        self.figure_formats = tuple(figure_formats or ())
        self.written: set[str] = set()  # relative to root: the run record's outputs
        self.previous: set[str] = set()  # what the earlier report in ``out`` wrote

    @contextlib.contextmanager
    def writing(self):
        """Hold the folder's lock and write into the temporary folder; put it in place of
        the output folder when the block ends, or keep it as ``<name>.partial`` on failure."""
        if self.out.exists() and not self.out.is_dir():
            raise ConfigError(f"The output folder '{self.out}' is a file; give a folder.",
                              param="out", value=str(self.out))
        here, target = Path.cwd().resolve(), self.out.resolve()
        if target == here or target in here.parents:  # it cannot be moved as a whole
            raise ConfigError(
                f"The output folder '{self.out}' is the current folder or holds it; a report is "
                "written beside its folder and moved into place as a whole, so give it a folder "
                "of its own, e.g. 'mediastudy-report'.", param="out", value=str(self.out))
        lock = FolderLock(self.out)
        lock.acquire()
        try:
            _recover(self.out)
            self.previous = _previous_outputs(self.out)
            shutil.rmtree(self.root, ignore_errors=True)
            self.root.mkdir(parents=True)
            try:
                yield self
            except BaseException as exc:
                self._keep_partial(exc)
                raise
            self._move_in()
        finally:
            lock.release()

    def _keep_partial(self, exc: BaseException) -> None:
        partial = partial_folder(self.out)
        try:
            (self.root / "error.txt").write_text("".join(traceback.format_exception(exc)),
                                                 encoding="utf-8")
            shutil.rmtree(partial, ignore_errors=True)
            os.replace(self.root, partial)
        except OSError:
            shutil.rmtree(self.root, ignore_errors=True)
            return
        kept = "was left as it was" if self.out.exists() else "was not made"
        exc.add_note(f"The output folder '{self.out}' {kept}; this run's partial output and its "
                     f"error (error.txt) are in '{partial}'.")

    def _move_in(self) -> None:
        """The complete report takes the place of the output folder, with the files a
        person put there (not those of the earlier report, whatever this run did not
        write again)."""
        if not self.out.exists():
            os.replace(self.root, self.out)
            return
        old = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
        shutil.rmtree(old, ignore_errors=True)
        os.replace(self.out, old)
        os.replace(self.root, self.out)
        for dirpath, dirnames, filenames in os.walk(old):
            here = Path(dirpath)
            for name in [*filenames, *(d for d in dirnames if (here / d).is_symlink())]:
                rel = (here / name).relative_to(old).as_posix()
                if rel in self.written or self.is_earlier_output(rel):
                    continue
                target = self.out / rel
                if not os.path.lexists(target):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(here / name, target)
            for name in dirnames:  # a person's empty folders too
                (self.out / (here / name).relative_to(old)).mkdir(parents=True, exist_ok=True)
        shutil.rmtree(old, ignore_errors=True)

    def is_earlier_output(self, name: str) -> bool:
        """Whether ``name`` is a file the earlier report wrote (its run record says so, and it
        looks like a report's output)."""
        return name in self.previous and (
            bool(OUTPUT_PATTERN.fullmatch(name)) or name in ("report.html", "run_record.json"))

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
    """The figure as PNG or SVG bytes, cropped to what is drawn (legends outside included).

    Called while the report's matplotlib settings are in force (``sections.base.FIGURE_RC``,
    set once around all sections: an rc_context per figure costs a copy of every setting).
    """
    import io

    buf = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None}
    # bbox_inches="tight" would draw the figure twice (once to measure it): measure
    # what is drawn without drawing, then draw once into that box. What the Axes would
    # count, and their texts wherever they are (event labels above the Axes, which the
    # default leaves out).
    extra = [a for ax in fig.get_axes() for a in (*ax.get_default_bbox_extra_artists(), *ax.texts)]
    box = fig.get_tightbbox(fig.canvas.get_renderer(), bbox_extra_artists=extra).padded(0.08)
    fig.savefig(buf, format=fmt, dpi=dpi, metadata=metadata, bbox_inches=box)
    return buf.getvalue()


def write_tables(folder: ReportFolder, tables: dict[str, pd.DataFrame]) -> None:
    """Every table as ``tables/<name>.csv`` and ``.parquet`` (list cells joined by '; ')."""
    for name, table in tables.items():
        flat = flatten(table)
        flat.to_csv(folder.path(f"tables/{name}.csv"), index=False, lineterminator="\n")
        flat.to_parquet(folder.path(f"tables/{name}.parquet"), index=False)
        folder.written |= {f"tables/{name}.csv", f"tables/{name}.parquet"}


#: Rows of a table written into report.xlsx (the Contents sheet and the cut sheet say so;
#: tables/ holds every row): a spreadsheet is for reading, and each cell costs about 6
#: microseconds (the Ukraine report's workbook: 1.3 s at 5,000 rows, 0.7 s at 2,000).
WORKBOOK_MAX_ROWS = 2000
#: Tables written into report.xlsx whole: the sheet for coding evidence by hand.
WORKBOOK_WHOLE = ("hand_coding",)


def write_workbook(folder: ReportFolder, tables: dict[str, pd.DataFrame]) -> Path:
    """``report.xlsx``: every table a sheet (see :func:`mediastudy.write_workbook`)."""
    from ..io.workbook import write_workbook as write

    cut = {name: WORKBOOK_MAX_ROWS for name in tables if name not in WORKBOOK_WHOLE}
    path = write(dict(tables), folder.path("report.xlsx"), max_rows=cut,
                 full_tables="tables/{name}.csv")
    folder.written.add("report.xlsx")
    return path


def write_colors(folder: ReportFolder, colors: dict[str, str]) -> Path:
    """``outlet_colors.json``: the colour of each outlet, to pass to set_outlet_colors."""
    path = folder.path("outlet_colors.json")
    path.write_text(json.dumps(colors, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                    encoding="utf-8")
    folder.written.add("outlet_colors.json")
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
    """``report.html``; returns where it will be once the report is complete."""
    path = folder.path("report.html")
    path.write_text(page, encoding="utf-8")
    folder.written.add("report.html")
    return folder.out / "report.html"


def write_record(folder: ReportFolder, **kwargs) -> Path:
    """``run_record.json``: settings, inputs, seeds, times and the files written."""
    kwargs.pop("step_seconds", None)
    return write_run_record(folder.root / "run_record.json", command="mediastudy report",
                            outputs=sorted({*folder.written, "run_record.json"}), **kwargs)


def remove_stale(folder: ReportFolder, keep=frozenset()) -> list[str]:
    """The files of an earlier report that this one did not write again: they are not
    carried over when the new report takes the folder's place (see ReportFolder._move_in).

    Only names the earlier run record lists *and* that look like a report's own output
    (figures/*.png|svg, tables/*.csv|parquet, topic_model/topic_model.*) count, so a file a
    person put in the folder is always kept. ``keep``: files this run writes later.
    """
    stale = folder.previous - folder.written - set(keep) - {"run_record.json"}
    return [name for name in sorted(stale)
            if OUTPUT_PATTERN.fullmatch(name) and (folder.out / name).is_file()
            and not (folder.out / name).is_symlink()]


def partial_folder(out: Path) -> Path:
    """Where a failed run leaves its partial output and its error."""
    return out.parent / f"{out.name}.partial"


def _recover(out: Path) -> None:
    """Put back a report that a run killed while moving its own into place left aside."""
    if out.exists():
        return
    left = sorted(out.parent.glob(f".{out.name}.old-*"))
    if left:
        os.replace(left[-1], out)


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
        # A column of text (and missing values) has no list to join: one pass in C says so,
        # instead of a Python test per cell (quotes and articles are mostly such columns).
        if pd.api.types.infer_dtype(out[col], skipna=True) in ("string", "empty"):
            continue
        is_list = out[col].map(lambda v: isinstance(v, (list, tuple, np.ndarray)))
        if is_list.any():
            out[col] = out[col].map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple, np.ndarray)) else v)
    return out
