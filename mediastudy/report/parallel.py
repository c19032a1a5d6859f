"""A report's section work on two cores: the same report, sooner.

The sections (:mod:`.sections`) draw figures and compute tables, and most of that work is
independent. It comes in *units*: a section's ``early`` function, which needs only what the
load step gives (``job.corpus``, ``job.freq``, ``job.top_outlets``, ``job.events``,
``job.colors``), its ``stance_parts``, which need that and the stance scores, and its build
parts (``parts``, or ``build``), which need the topics too. A part of a section with an
early unit may read what that unit made.

With ``n_jobs`` 2 (the default where processes can be forked safely: Linux, two cores or
more, and no other thread running, since a thread holding a lock at the fork would leave the
child waiting for ever; so a Jupyter kernel runs one process unless ``n_jobs=2`` is given):

* the load step's reading (files, selection, boilerplate: ``steps.read``) runs in a forked
  process while this one imports what the sections and the topics use (it stops importing
  scikit-learn once the reading is done), then takes in what the reading did
  (:func:`read_meanwhile`);
* once the corpus is loaded, a forked process scores stance, then takes the early units
  (stance parts included) one at a time, the costliest first (``Section.early_cost``: who is
  quoted first), while this one fits the topics; it sends what each unit did as it is done,
  and this one takes the stance scores in at the stance step;
* at the figures step this process and a second forked one take the early units left (from
  the other end of the queue), then the build parts; a part that reads an early unit's
  results is run where they are.

Wherever a unit runs, what it did is recorded (tables, figures, notes, attributes set on the
job, files written, warnings), sent back pickled, and put in the page's order: the report is
the same, byte for byte, whatever ran where. A unit that failed or whose process died is run
again here, so an error is raised as it would be in one process. ``n_jobs`` 1, or a system
where forking is unsafe or missing (macOS, Windows), runs every unit here, in order.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

__all__ = ["Unit", "units", "two_processes", "start_early", "early_result", "STANCE_UNIT",
           "build_sections", "stopping", "meanwhile", "read_meanwhile", "run_unit", "take_in"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Unit:
    """One piece of section work: its place in the page's order, and what it needs."""

    index: int
    section: str
    run: Callable[..., None]
    early: bool  # needs only the load step's results
    after: int | None = None  # the unit whose results it reads (its section's early unit)
    cost: float = 1.0  # an early unit's relative CPU (Section.early_cost)


def units(sections) -> list[Unit]:
    """Every unit of ``sections``, in the page's order: a section's early unit, its build
    parts, then its stance parts (early units too: they need the load step and the stance
    scores, which the early process makes first)."""
    out: list[Unit] = []
    for section in sections:
        first = None
        if section.early is not None:
            first = len(out)
            out.append(Unit(first, section.key, section.early, True, cost=section.early_cost))
        parts = section.parts or ((section.build,) if section.build is not None else ())
        for part in parts:
            out.append(Unit(len(out), section.key, part, False, first))
        for part in section.stance_parts:
            out.append(Unit(len(out), section.key, part, True, cost=section.early_cost))
    return out


def two_processes(n_jobs: int | None) -> bool:
    """Whether a report with this ``n_jobs`` setting runs units in a second process."""
    import multiprocessing as mp

    if n_jobs is not None and n_jobs < 2:
        return False
    if n_jobs is None and (os.cpu_count() or 1) < 2:
        return False
    if n_jobs is None and threading.active_count() > 1:
        # Another thread (a Jupyter kernel's, a progress bar's monitor) may hold a lock the
        # forked child would wait on forever: by default, fork only a single-threaded process.
        return False
    # fork only on Linux (macOS' system libraries are not fork-safe), and not from a
    # daemonic process (a pool's worker), which may not have children
    return (sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods()
            and not mp.current_process().daemon)


# ------------------------------------------------------------------------------ one unit
@dataclass
class Effects:
    """What a unit did to the job."""

    tables: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    attrs: dict = field(default_factory=dict)
    written: set = field(default_factory=set)
    cpu: float = 0.0
    warnings: list = field(default_factory=list)  # (message, category, filename, lineno)


_KEPT_APART = frozenset({"tables", "figures", "notes", "output"})
_MISSING = object()


def run_unit(job, unit: Unit, *, record_warnings: bool = False) -> Effects:
    """Run ``unit`` on ``job`` (changing it) and return what it changed."""
    tables, figures, n_notes = dict(job.tables), dict(job.figures), len(job.notes)
    attrs, written = dict(vars(job)), set(job.written)
    cpu = time.process_time()
    caught: list = []
    with warnings.catch_warnings(record=True) if record_warnings else contextlib.nullcontext() as got:
        unit.run(job)
        if record_warnings:
            caught = [(str(w.message), w.category, w.filename, w.lineno) for w in got]
    return Effects(
        tables={k: v for k, v in job.tables.items() if tables.get(k, _MISSING) is not v},
        figures={k: v for k, v in job.figures.items() if figures.get(k, _MISSING) is not v},
        notes=list(job.notes[n_notes:]),
        attrs={k: v for k, v in vars(job).items()
               if k not in _KEPT_APART and attrs.get(k, _MISSING) is not v},
        written=set(job.written) - written,
        cpu=time.process_time() - cpu,
        warnings=caught,
    )


def take_in(job, effects: Effects) -> None:
    """Apply what a unit did in another process to this process' job."""
    job.tables.update(effects.tables)
    job.figures.update(effects.figures)
    job.notes.extend(effects.notes)
    vars(job).update(effects.attrs)
    job.output.written |= effects.written
    for message, category, filename, lineno in effects.warnings:
        warnings.warn_explicit(message, category, filename, lineno)


# ------------------------------------------------------------------------------ a process
class _Worker:
    """A forked process running units from ``todo`` and sending back what each did, as each
    is done (``first``, if given, before them: the early process scores stance first).

    What a unit did is pickled there and sent by a thread of that process, which goes on
    meanwhile (sending alone would stop it until this process reads, which may be only
    at the end of the topics)."""

    def __init__(self, job, todo: Callable[[], Iterable[Unit]], done: set[int], around=None,
                 first: Unit | None = None):
        import multiprocessing as mp

        ctx = mp.get_context("fork")
        self.conn, child_end = ctx.Pipe(duplex=False)
        self.got: dict[int, Effects] = {}  # what it did, by unit index, as received
        self.ended = False
        self.process = ctx.Process(target=self._main, daemon=True,
                                   args=(job, todo, frozenset(done), child_end, around, first,
                                         self.conn))
        self.process.start()
        child_end.close()  # so that a process that dies mid-message reads as its end here

    @staticmethod
    def _main(job, todo, done: frozenset[int], conn, around, first, parent_end) -> None:
        import queue
        from multiprocessing.reduction import ForkingPickler

        parent_end.close()  # (see _Meanwhile._main)

        with contextlib.suppress(Exception):  # one thread each: two processes share two cores
            from threadpoolctl import threadpool_limits

            threadpool_limits(1)
        outbox: queue.SimpleQueue = queue.SimpleQueue()

        def send() -> None:
            while (message := outbox.get()) is not None:
                try:
                    conn.send_bytes(message)
                except ConnectionError:  # the parent is gone: nobody to work for
                    os._exit(1)

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        failed = None
        have = set(done)
        with around() if around is not None else contextlib.nullcontext():
            for unit in itertools.chain((first,) if first is not None else (), todo()):
                if unit.after is not None and unit.after not in have:
                    continue  # what it reads is not here: the parent runs it
                try:
                    effects = run_unit(job, unit, record_warnings=True)
                    outbox.put(bytes(ForkingPickler.dumps(("unit", unit.index, effects))))
                    have.add(unit.index)
                except BaseException:  # noqa: BLE001  (the parent runs it again and raises;
                    failed = traceback.format_exc()  # or something was unpicklable)
                    break
        outbox.put(bytes(ForkingPickler.dumps(("end", failed))))
        outbox.put(None)
        sender.join()  # everything sent before the process ends
        conn.close()

    def _read(self, timeout: float) -> bool:
        """Take in one message if one comes within ``timeout`` seconds."""
        import pickle

        if not self.conn.poll(timeout):
            return False
        try:
            message = pickle.loads(self.conn.recv_bytes())
        except (EOFError, OSError):
            message = ("end", "the process ended without its results")
        if message[0] == "unit":
            self.got[message[1]] = message[2]
        else:
            self._end(message[1])
        return True

    def _end(self, failed) -> None:
        if failed:
            log.debug("A report process failed; its unit runs again here:\n%s", failed)
        self.ended = True
        self.conn.close()
        self.process.join()

    def poll(self) -> None:
        """Take in what the process has sent so far, without waiting."""
        while not self.ended and self._read(0):
            pass

    def wait(self, index: int | None = None) -> None:
        """Wait until the process has sent what unit ``index`` did (None: until it ends), or
        it ended or died without it."""
        while not self.ended and (index is None or index not in self.got):
            if not self._read(0.2) and not self.process.is_alive() and not self._read(0.2):
                self._end("the process ended without its results")

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.conn.close()


# ------------------------------------------------------------------------------ the steps
class _Queue:
    """The units of a report, shared by its processes: the early process takes early units
    from the front; the others take them from the back (with the parts that read them: they
    have what those parts need too), then the build parts."""

    def __init__(self, everything: list[Unit]):
        import multiprocessing as mp

        ctx = mp.get_context("fork")
        # The costliest early units first (then from the end of the page), so the last to
        # end are short; the other processes take the cheapest from the back.
        self.early = sorted((u for u in everything if u.early), key=lambda u: (-u.cost, -u.index))
        # Build parts from the end of the page first: there are the heaviest (timelines).
        # The parts that read an early unit's results last (the early process may still be
        # running them).
        self.late = sorted((u for u in everything if not u.early),
                           key=lambda u: (u.after is not None, -u.index))
        self.lock = ctx.Lock()
        self.front = ctx.Value("i", 0, lock=False)
        self.back = ctx.Value("i", len(self.early), lock=False)
        self.taken = ctx.Array("b", len(self.late), lock=False)  # build parts taken

    def first(self) -> Iterator[Unit]:
        """Early units from the front, until none is left."""
        while True:
            with self.lock:
                if self.front.value >= self.back.value:
                    return
                self.front.value += 1
                unit = self.early[self.front.value - 1]
            yield unit

    def take(self) -> list[Unit]:
        """An early unit from the back and the parts that read it, or the next build part;
        nothing when all are taken."""
        with self.lock:
            if self.front.value < self.back.value:
                self.back.value -= 1
                unit = self.early[self.back.value]
                out = [unit]
                for i, part in enumerate(self.late):
                    if part.after == unit.index and not self.taken[i]:
                        self.taken[i] = 1
                        out.append(part)
                return out
            for i, part in enumerate(self.late):
                if not self.taken[i]:
                    self.taken[i] = 1
                    return [part]
        return []

    def last(self) -> Iterator[Unit]:
        while taken := self.take():
            yield from taken

    def left(self) -> int:
        with self.lock:
            return self.back.value - self.front.value + len(self.late) - sum(self.taken)


def start_early(job, sections, n_jobs: int | None, stance: Callable[..., None],
                around=None) -> bool:
    """After the load step: start the early units in a forked process (with two processes);
    whether it was started.

    ``stance(job)`` scores stance: the process runs it first (the stance parts of the
    sections need it); :func:`early_result` gives what it did. ``around()``: a context
    manager the units run in there (the figures step's settings).
    """
    everything = units(sections)
    if any(u.early for u in everything) and two_processes(n_jobs):
        queue = _Queue(everything)
        first = Unit(STANCE_UNIT, "stance", stance, True)
        job._early = (_Worker(job, queue.first, set(), around, first), queue)
        return True
    return False


#: The index of the early process' first unit, which scores stance (no section's unit).
STANCE_UNIT = -1


def early_result(job, index: int = STANCE_UNIT) -> Effects | None:
    """What the early process did for unit ``index`` (waiting for it), taken from what it
    sends; None when it has no early process, or it failed or died before."""
    early = job.__dict__.get("_early")
    if early is None:
        return None
    worker = early[0]
    worker.wait(index)
    return worker.got.pop(index, None)


@contextlib.contextmanager
def stopping(job):
    """Around the steps: a step that fails stops the early process (it writes into the
    report's folder, which the failure moves aside)."""
    try:
        yield
    finally:
        early = job.__dict__.pop("_early", None)
        if early is not None:
            early[0].stop()


def build_sections(job, sections, n_jobs: int | None) -> None:
    """Run every unit of ``sections`` (the figures step) and put what they did in page order."""
    everything = units(sections)
    early, queue = job.__dict__.pop("_early", None) or (None, None)
    before = (list(job.tables), list(job.figures), list(job.notes))
    done: dict[int, Effects] = {}
    workers = [early]
    try:
        if two_processes(n_jobs):
            workers = _shared(job, everything, done, early, queue or _Queue(everything))
        for unit in everything:  # all of them here, or what a failed process did not do
            if unit.index not in done:
                done[unit.index] = run_unit(job, unit)
    finally:
        for worker in workers:
            if worker is not None and worker.process.is_alive():
                worker.stop()
    _page_order(job, before, everything, done)


def _shared(job, everything: list[Unit], done: dict[int, Effects], early, queue: _Queue) -> list:
    """Take units from ``queue`` here and in a second process, while the early process
    goes on; returns the processes, their results taken in."""
    by_index = {u.index: u for u in everything}

    def collect(worker) -> None:
        """Take in what ``worker`` has sent (each unit once)."""
        for i, effects in sorted(worker.got.items()):
            if i not in done and i in by_index:
                take_in(job, effects)
                done[i] = effects

    second = None
    while True:
        if early is not None:
            early.poll()
            collect(early)
        if second is None and queue.left() > 1:
            # it skips the parts whose early results it lacks: they are run here
            second = _Worker(job, queue.last, set(done))
        taken = queue.take()
        if not taken:
            break
        for unit in taken:
            if unit.after is not None and unit.after not in done:
                if early is not None:
                    early.wait(unit.after)
                    collect(early)
                if unit.after not in done:
                    done[unit.after] = run_unit(job, by_index[unit.after])
            done[unit.index] = run_unit(job, unit)
    for worker in (early, second):
        if worker is not None:
            worker.wait()
            collect(worker)
    return [early, second]


def _page_order(job, before, everything: list[Unit], done: dict[int, Effects]) -> None:
    """Tables, figures and notes in the order one process gives: what was there before, then
    each unit's in page order (a note given twice kept once); attributes as that order sets
    them last. CPU seconds per section in ``job.section_seconds``."""
    tables = {k: job.tables[k] for k in before[0] if k in job.tables}
    figures = {k: job.figures[k] for k in before[1] if k in job.figures}
    notes = list(before[2])
    seconds: dict[str, float] = {}
    for unit in everything:
        effects = done[unit.index]
        tables.update(effects.tables)
        figures.update(effects.figures)
        notes += [n for n in effects.notes if n not in notes]
        vars(job).update(effects.attrs)
        seconds[unit.section] = seconds.get(unit.section, 0.0) + effects.cpu
    job.tables = {**tables, **{k: v for k, v in job.tables.items() if k not in tables}}
    job.figures = {**figures, **{k: v for k, v in job.figures.items() if k not in figures}}
    job.notes = notes
    job.section_seconds.clear()
    job.section_seconds.update(seconds)


# ------------------------------------------------------------------------------ one call
class _Meanwhile:
    """``func()`` running in a forked process; :meth:`result` its value, or run here.

    ``daemon=False`` lets that process fork one of its own (``meanwhile`` in ``func``)."""

    def __init__(self, func: Callable[[], object], n_jobs: int | None, daemon: bool = True):
        self.func = func
        self.process = None
        if two_processes(n_jobs):
            import multiprocessing as mp

            ctx = mp.get_context("fork")
            self.conn, child_end = ctx.Pipe(duplex=False)
            self.process = ctx.Process(target=self._main, args=(func, child_end, self.conn, daemon),
                                       daemon=daemon)
            self.process.start()
            child_end.close()

    def ready(self) -> bool:
        """Whether the result is there to take (or the process ended without it)."""
        return self.process is None or self.conn.poll() or not self.process.is_alive()

    def stop(self) -> None:
        if self.process is not None:
            if self.process.is_alive():
                self.process.terminate()
            self.process.join()
            self.conn.close()
            self.process = None

    @staticmethod
    def _main(func, conn, parent_end, daemon: bool) -> None:
        # The parent's end of the pipe, inherited, is closed here: were the parent to die, a
        # send would then fail at once instead of waiting for ever for a reader, holding the
        # output streams of the command open.
        parent_end.close()
        if not daemon:
            # ended by the parent (stop): exit as from an error, so that multiprocessing ends
            # the processes this one started (a signal's default would leave them orphaned)
            import signal

            signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
        try:
            message = (True, func())
        except BaseException:  # noqa: BLE001  (run again in the parent, which raises)
            message = (False, traceback.format_exc())
        with contextlib.suppress(ConnectionError):  # the parent is gone
            try:
                conn.send(message)
            except ConnectionError:
                raise
            except BaseException:  # noqa: BLE001  (an unpicklable value: run again there)
                conn.send((False, traceback.format_exc()))
        conn.close()

    def result(self, here: bool = True):
        """The value; when the process failed or was not started, ``func()`` run here (or
        None with ``here=False``)."""
        if self.process is not None:
            ok, value = False, "the process ended without a result"
            while not self.conn.poll(0.2):
                if not self.process.is_alive() and not self.conn.poll():
                    break
            else:
                with contextlib.suppress(EOFError, OSError):
                    ok, value = self.conn.recv()
            self.conn.close()
            self.process.join()
            self.process = None
            if ok:
                return value
            log.debug("A report process failed; its work runs again here:\n%s", value)
        return self.func() if here else None


def read_meanwhile(job, read: Callable[..., None],
                   meanwhile_here: Callable[[Callable[[], bool]], None]) -> None:
    """``read(job)`` (the load step's reading) in a forked process, while this one runs
    ``meanwhile_here(done)`` (imports: ``done()`` says whether the reading is over), then
    take in what it did; with one process, or when it failed there, ``read(job)`` runs
    here (an error is raised here). The process may fork one of its own (boilerplate)."""
    def there():
        return run_unit(job, Unit(LOAD_UNIT, "load", read, True), record_warnings=True)

    other = _Meanwhile(there, job.opts["n_jobs"], daemon=False)
    try:
        meanwhile_here(other.ready)
        effects = other.result(here=False)
    finally:
        other.stop()
    if effects is None:
        read(job)
    else:
        take_in(job, effects)


#: The index of the load step's reading as a unit (no section's unit).
LOAD_UNIT = -2


def meanwhile(func: Callable[[], object], n_jobs: int | None) -> _Meanwhile:
    """Start ``func()`` in a second process (with two processes), while this one goes on;
    ``.result()`` waits for its value. It runs here instead when it cannot run there, or
    failed there (an error is then raised here)."""
    return _Meanwhile(func, n_jobs)
