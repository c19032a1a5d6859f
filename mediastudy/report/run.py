"""The main job: one reproducible report of a whole corpus.

:func:`run_report` loads a corpus (the bundled demo corpus by default), removes the
sentences each outlet repeats in many of its articles (boilerplate), finds its topics,
scores stance with a lexicon and draws the figures, then writes into one folder:

* ``report.html``: a self-contained page (figures embedded, no external files, no
  scripts) that leads with the corpus and the findings, then the topics, the stance
  scores and the evidence behind them, the timelines and the load report;
* ``tables/``: every table of the report as CSV and Parquet;
* ``report.xlsx``: every table of the report in one workbook, a sheet each, with a
  *Hand coding* sheet of evidence sentences to check by hand;
* ``figures/``: every figure (see the ``figure_formats`` setting);
* ``topic_model/``: the fitted topic model (see :meth:`mediastudy.TopicModel.save`);
* ``run_record.json``: parameters, input hashes, package versions, seeds, times
  (see :mod:`mediastudy.report.run_record`), and the list of files written (``outputs``).

Only the demo corpus is scored with the example lexicon by default: its targets are
the invented countries of the demo. A report on any other corpus without a
``lexicon`` skips the stance section and says how to add one.

The folder always describes one run (see :mod:`mediastudy.report.outputs`): the report
is written into a temporary folder beside it and takes its place only when complete, and a
second run into the same folder at the same time is refused. Of an earlier report in the
folder nothing is kept (its files listed in its ``run_record.json``), so no figure or table
of the old run passes for a result of the new one; any other file in the folder (one the
report did not write) is kept. A run that fails leaves the folder as it was and its partial
output, with the error, in ``<folder>.partial``.

Settings come as keyword arguments or from a YAML file (:func:`read_config`);
:data:`REPORT_OPTIONS` lists every one with its default and meaning. Everything
taken from the articles (titles, text, outlet names, file names) is escaped, so an
article holding ``<script>`` or broken HTML shows as text and cannot change the page.

How the code is laid out: :mod:`.config` holds the settings, :mod:`.steps` the
analysis (load, topics, stance), :mod:`.sections` one module per part of the page
(each draws its figures and tables and writes its HTML; the list ``SECTIONS`` there
sets their order), :mod:`.html` the page, :mod:`.outputs` every file written.
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from ..io.corpus import demo_path
from ..stance.lexicon import load_lexicon
from . import outputs, parallel, steps
from .config import (
    FREQ_NAMES,
    NO_LEXICON_NOTE,
    REPORT_OPTIONS,
    has_glob,
    is_demo_source,
    read_config,
    read_events_file,
    resolve_options,
)
from .html import n_of, render_page
from .run_record import now_utc
from .sections import SECTIONS, import_what_sections_use
from .sections.base import FIGURE_RC

__all__ = ["REPORT_OPTIONS", "read_config", "run_report"]


def run_report(
    source: str | os.PathLike | None = None,
    out: str | os.PathLike = "mediastudy-report",
    *,
    config: str | os.PathLike | Mapping[str, object] | None = None,
    progress: bool | Callable[[str], None] = False,
    **options,
) -> Path:
    """Run the whole analysis on a corpus and write the report folder.

    Parameters
    ----------
    source : path, optional
        A corpus file, folder or glob (anything :func:`mediastudy.load_articles`
        reads). By default the ``source`` of the config, else the demo corpus.
    out : str or Path, default "mediastudy-report"
        Output folder, created if needed. An earlier report there is replaced as a whole
        once this one is complete (files it did not write are kept); a failed run leaves
        it as it was (see the module docstring).
    config : path or mapping, optional
        A YAML config file (see :func:`read_config`) or a dict of settings.
        Keyword ``options`` override it.
    progress : bool or callable, default False
        ``True`` shows a progress bar of the steps; a callable is called with a
        one-line message as each step ends, saying what it did and the seconds it
        took (the command line prints these).
    **options
        Any setting of :data:`REPORT_OPTIONS`.

    Returns
    -------
    Path
        The ``report.html`` written.

    Raises
    ------
    ValueError
        A setting is unknown or invalid (:class:`ConfigError`, naming the setting and, for
        a config file, the file), or too few articles are left to analyse.
    LoadError, LexiconError
        The input holds no readable article, or the lexicon or events file cannot be
        read; the lexicon and events are read first, before any long step.

    Warns
    -----
    UserWarning
        No ``lexicon`` for a corpus other than the demo: the stance section is skipped.

    Examples
    --------
    >>> import tempfile
    >>> page = run_report(out=tempfile.mkdtemp(), k=3, outlets=["CapitalWire"])  # demo corpus
    >>> page.name, (page.parent / "tables" / "topics.csv").exists()
    ('report.html', True)
    """
    started = now_utc()
    config_source, opts = resolve_options(config, options)
    if source is None:
        source = config_source
    source_path = demo_path() if source is None else source
    is_demo = is_demo_source(source_path)
    # The example lexicon and events belong to the fictional demo corpus: on a user's own
    # corpus they would score real news against invented countries.
    lexicon_path = opts["lexicon"] or (demo_path("lexicon") if is_demo else None)
    events_path = opts["events"] or (demo_path("events") if is_demo else None)
    # Read them before anything heavy: a broken file stops the run in a second, not after
    # the topics were fitted.
    lexicon = load_lexicon(lexicon_path) if lexicon_path is not None else None
    events = read_events_file(events_path) if events_path is not None else None
    job = Job(opts, source_path, is_demo, lexicon_path, events_path, Path(out))
    job.lexicon, job.events = lexicon, events
    job.load_progress = None if progress else False  # the loader's own bar for many files
    inputs = [source_path] if not has_glob(str(source_path)) else []
    inputs += [p for p in (lexicon_path, events_path) if p is not None]
    with job.output.writing():  # locked; moved into place only when complete
        _run_steps(job, progress)
        outputs.write_record(
            job.output,
            parameters={"source": os.fspath(source_path), "out": os.fspath(job.out), **opts,
                        "lexicon": os.fspath(lexicon_path) if lexicon_path else None,
                        "events": os.fspath(events_path) if events_path else None,
                        "k_chosen": job.k, "freq_used": job.freq,
                        "share_freq_used": job.share_freq, "stance_freq_used": job.stance_freq},
            inputs=inputs,
            seeds={"random_state": opts["random_state"], "topic_model": opts["random_state"],
                   "sample": opts["random_state"], "bootstrap": opts["random_state"],
                   "evidence_sample": opts["random_state"]},
            started=started,
            step_seconds=job.step_seconds,
        )
    return job.page


#: The steps of a report, in order: name -> what it does to the job.
STEPS: dict[str, Callable[[Job], None]] = {}


def _run_steps(job: Job, progress) -> None:
    """Run every step, with a progress bar or messages; time each step on its own."""
    from ..progress import progress_bar

    say = progress if callable(progress) else None
    bar = progress_bar(total=len(STEPS), desc="mediastudy report", unit="step",
                       disable=not progress or say is not None)
    with bar, parallel.stopping(job):
        for i, (name, step) in enumerate(STEPS.items(), 1):
            bar.set_postfix_str(name)
            wall, cpu = time.perf_counter(), time.process_time()
            step(job)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            job.step_seconds[name] = {"wall": round(wall, 3), "cpu": round(cpu, 3)}
            if name == "load" and job.lexicon is None:  # once the corpus is known to be readable
                warnings.warn(NO_LEXICON_NOTE, UserWarning, stacklevel=3)
            bar.update(1)
            if say is not None:
                say(f"[{i}/{len(STEPS)}] {name}: {job.done.get(name, 'done')} "
                    f"(this step {wall:.1f} s)")


def _load(job: Job) -> None:
    """Load the corpus; with two processes, the second scores stance (it needs only the
    corpus and the lexicon), then does the sections' work that needs no topics, while this
    one fits the topics.

    With two processes the corpus is read in a forked process, while this one imports what
    the sections and the topics use (scikit-learn's imports stop once the reading is done:
    on a small corpus they are left for the topics step, where they run beside the sections'
    early work). In a Jupyter kernel (whose output a forked process' progress bar would not
    reach) the imports run while a second process finds boilerplate, when the reading starts
    one (see steps.read); with one process they come first (all of them: imported together,
    without the garbage collector, they cost less)."""
    two = parallel.two_processes(job.opts["n_jobs"])
    if two and not type(sys.stderr).__module__.startswith("ipykernel"):
        parallel.read_meanwhile(job, steps.read,
                                lambda done: import_what_sections_use(topics=True, enough=done))
    else:
        if two:
            job.before_fork = import_what_sections_use
        else:
            import_what_sections_use(topics=True)
        steps.read(job)
        if job.before_fork is not None:
            job.before_fork()
            job.before_fork = None
    steps.describe(job)
    parallel.start_early(job, SECTIONS, job.opts["n_jobs"], _score, around=_figure_settings)


def _topics(job: Job) -> None:
    """Fit the topics (and assign each article its topic)."""
    steps.topics(job)


def _score(job: Job) -> None:
    """Score stance, its message for the step kept on the job (``job.done`` is changed in
    place, which a unit's effects do not carry)."""
    steps.stance(job)
    job.stance_done = job.done.get("stance")


def _stance(job: Job) -> None:
    """Stance as the early process scored it (see _load), or here."""
    effects = parallel.early_result(job)
    if effects is None:  # one process, or it failed there: here (an error is raised here)
        _score(job)
    else:
        parallel.take_in(job, effects)
    done = job.__dict__.pop("stance_done", None)
    if done is not None:
        job.done["stance"] = done


def _figure_settings():
    import matplotlib

    return matplotlib.rc_context(FIGURE_RC)


def _sections(job: Job) -> None:
    """Every section draws its figures and computes its tables, in the page's order (two
    processes share the work when they can: see :mod:`.parallel`)."""
    with _figure_settings():
        parallel.build_sections(job, SECTIONS, job.opts["n_jobs"])
    job.done["figures"] = f"{len(job.figures)} figures; " + job.periods_text()


def _write(job: Job) -> None:
    """Every table as CSV and Parquet, the workbook, the topic model and the page."""
    job.tables["articles"] = job.assigned[
        [c for c in ("id", "outlet", "date", "title", "url", "n_words", "is_duplicate", "topic",
                     "topic_label", "source_path", "source_line") if c in job.assigned.columns]]
    # The workbook (a second's work on a large corpus) in a second process, when there is
    # one; meanwhile this one writes everything else, the page included.
    book = parallel.meanwhile(lambda: outputs.write_workbook(job.output, job.tables),
                              job.opts["n_jobs"])
    outputs.write_tables(job.output, job.tables)
    outputs.write_colors(job.output, job.colors)
    outputs.save_model(job.output, job.model, job.notes)
    job.output.written.add("report.xlsx")  # written there (or here, by book.result())
    removed = outputs.remove_stale(job.output, keep={"report.html"})
    if removed:
        job.notes.append(
            f"This folder held an earlier report: its {n_of(len(removed), 'file')} that this "
            f"run did not write again {'was' if len(removed) == 1 else 'were'} not kept "
            f"({', '.join(removed[:6])}{', ...' if len(removed) > 6 else ''}).")
    job.page = outputs.write_page(job.output, render_page(job, SECTIONS))
    book.result()
    job.done["write"] = f"{job.page} and {n_of(len(job.tables), 'table')}" + (
        f"; removed {n_of(len(removed), 'stale file')} of an earlier report" if removed else "")


STEPS.update({"load": _load, "topics": _topics, "stance": _stance,
              "figures": _sections, "write": _write})


class Job:
    """One report in the making: its settings, the results of each step, tables and figures.

    Sections read what the steps left here (``corpus``, ``assigned``, ``model``,
    ``stance``...) and add to it with :meth:`add_table`, :meth:`add_figure` and
    :meth:`note`.
    """

    def __init__(self, opts, source, is_demo, lexicon_path, events_path, out: Path):
        self.opts = opts
        self.source = source
        self.is_demo = is_demo
        self.lexicon_path = lexicon_path
        self.events_path = events_path
        self.out = out
        self.output = outputs.ReportFolder(out, dpi=opts["dpi"],
                                           figure_formats=opts["figure_formats"])
        self.tables: dict[str, pd.DataFrame] = {}
        self.figures: dict[str, outputs.FigureFile] = {}
        self.notes: list[str] = []
        self.done: dict[str, str] = {}  # step -> one-line account, for progress messages
        self.step_seconds: dict[str, dict[str, float]] = {}
        self.section_seconds: dict[str, float] = {}  # CPU seconds of each section's work
        self.load_progress: bool | None = False
        self.k: int | None = None
        self.freq: str | None = None
        self.share_freq: str | None = None
        self.stance_freq: str | None = None
        self.lexicon = None  # read by run_report before any step
        self.events: pd.DataFrame | None = None
        self.stance = None
        self.colors: dict[str, str] = {}  # outlet -> colour, as drawn (outlet_colors.json)
        self.page: Path | None = None
        # work for this process before the second one is forked (imports), done while the
        # load step's second process finds boilerplate when there is one (in a Jupyter
        # kernel, where the corpus is read in this process: see _load)
        self.before_fork: Callable[[], None] | None = None

    @property
    def written(self) -> set[str]:
        """Files written so far, relative to the output folder."""
        return self.output.written

    def add_table(self, name: str, table: pd.DataFrame) -> None:
        """Keep ``table`` for ``tables/<name>.csv|parquet`` and the workbook."""
        self.tables[name] = table

    def add_figure(self, name: str, fig, caption: str) -> None:
        """Write ``fig`` as ``figures/<name>`` and keep it for the page, with its caption."""
        self.figures[name] = self.output.figure(name, fig, caption)

    def note(self, text: str) -> None:
        """A line for the Notes box at the top of the page."""
        self.notes.append(text)

    def periods_text(self) -> str:
        """The calendar periods really used, e.g. 'volume per month, topic share per quarter'."""
        parts = [f"volume per {FREQ_NAMES[self.freq]}"] if self.freq else []
        if self.share_freq:
            parts.append(f"topic share per {FREQ_NAMES[self.share_freq]}")
        if self.stance_freq:
            parts.append(f"stance per {FREQ_NAMES[self.stance_freq]}")
        return ", ".join(parts)

    def events_text(self) -> str:
        """The caption sentence on the event lines drawn on a timeline ('' without events)."""
        if self.events is None or not len(self.events):
            return ""
        return (f" Vertical lines and shaded spans: {n_of(len(self.events), 'event')} from "
                f"{os.path.basename(os.fspath(self.events_path))} (tables/events.csv).")
