"""Finding the files of a load: folders, globs and lists, and worker processes (shared by the
in-memory loader and the chunked and Dask paths of mediastudy.scale)."""

from __future__ import annotations

import errno
import glob
import itertools
import multiprocessing
import os
import shutil
import stat
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from ..errors import InvalidParameterError, LoadError
from ._seed_block import attach, read_seed_block, share

SEED_SUFFIXES = frozenset({".txt"})
_SEED_ENDINGS = tuple(SEED_SUFFIXES)
_PARALLEL_MIN_FILES = 500
_BATCH = 1000  # files per batch
_SHM = "/dev/shm"

Source = str | os.PathLike | Iterable[str | os.PathLike]

#: The kinds of file load_articles reads articles from, for messages.
READ_KINDS = ".txt (the seed layout), .csv, .tsv, .json, .jsonl, .ndjson, .parquet and .pq"


def discover(source: Source) -> list[tuple[str, str, str]]:
    """Expand the sources into (file, root name, path under root), each file once, stably ordered."""
    return list(iter_files(source))


def iter_files(source: Source, empty: list[str] | None = None) -> Iterator[tuple[str, str, str]]:
    """:func:`discover`, lazily: the sources are checked (and globs expanded) at once, the
    folders listed one by one as the files are asked for, so reading can start while the
    rest of a large folder tree is still being listed. ``empty``: a list to which the folders
    of a list of sources that hold no file are added, as they are listed."""
    if isinstance(source, (str, os.PathLike)):
        sources = [source]
    elif isinstance(source, Iterable):
        sources = list(source)
    else:
        raise InvalidParameterError(
            "The 'source' parameter of load_articles must be a path, a glob or a list of them. "
            f"Got {type(source).__name__} instead.", param="source"
        )
    if not sources:
        raise LoadError("The 'source' parameter of load_articles is an empty list: name a file or folder.")
    listers = []  # (files, the real path of the folder they are named under, or None)
    for item in sources:
        if not isinstance(item, (str, os.PathLike)):
            raise InvalidParameterError(
                f"load_articles sources must be paths or globs. Got {type(item).__name__}: {item!r}."
            )
        path = os.path.expanduser(os.fspath(item))  # "~/scrapes/rt" as a shell would read it
        if os.path.isdir(path):
            listers.append((_walk(path), path, os.fspath(item)))
        elif os.path.lexists(path):  # a file, or a FIFO, device or broken link standing there
            listers.append(([_file_entry(path, os.path.basename(os.path.dirname(os.path.abspath(path))),
                                         os.path.basename(path))], None, None))
        elif glob.has_magic(path):
            root = _glob_root(path)
            root_name = os.path.basename(os.path.abspath(root))
            found = [_file_entry(m, root_name, os.path.relpath(m, root).replace(os.sep, "/"))
                     for m in sorted(glob.glob(path, recursive=True)) if not os.path.isdir(m)]
            if not found:
                raise LoadError(f"The glob '{item}' matches no file. Check the pattern and folder.")
            listers.append((found, root, None))
        else:
            raise LoadError(
                f"Source '{item}' does not exist. Pass a file, a folder, a glob such as "
                "'articles/**/*.txt', or a list of these."
            )
    return _chain_unique(listers, empty)


def _chain_unique(listers: list, empty: list[str] | None = None) -> Iterator[tuple[str, str, str]]:
    """The files of every source, each file once (the first time it is found); the folders
    of several sources that hold no file are added to ``empty``."""
    if len(listers) == 1:  # one folder or glob lists each file once
        yield from listers[0][0]
        return
    seen: set[str] = set()
    for found, root, folder in listers:
        # A file is known by its real folder's path and its path below it: one realpath per
        # source, not per file (that cost more than reading the files).
        real_root = os.path.realpath(root) if root is not None else None
        listed = False
        for entry in found:
            listed = True
            if real_root is None:
                key = os.path.realpath(entry[0])
            else:
                key = os.path.normpath(os.path.join(real_root, entry[2]))
            if key not in seen:
                seen.add(key)
                yield entry
        if not listed and folder is not None and empty is not None:
            empty.append(folder)


def _walk(folder: str) -> Iterator[tuple[str, str, str]]:
    """Files below ``folder`` in sorted order, leaving out hidden files and folders."""
    root_name = os.path.basename(os.path.abspath(folder))
    return _scan(folder, "", root_name)


def _scan(folder: str, prefix: str, root_name: str) -> Iterator[tuple[str, str, str]]:
    try:
        with os.scandir(folder) as it:
            # (name, entry) pairs sort by name alone: names in a folder are unique.
            entries = [e for _name, e in sorted([(e.name, e) for e in it if e.name[0] != "."])]
    except OSError as exc:
        raise LoadError(
            f"Cannot list the folder '{folder}' ({exc.strerror or exc}). Check its permissions, "
            "or load the other folders by listing them."
        ) from None
    folders = []
    files = []
    for entry in entries:
        # The kind of entry comes with the listing (no system call), except for links.
        if entry.is_file(follow_symlinks=False):
            files.append((entry.path, root_name, prefix + entry.name))
        elif entry.is_dir(follow_symlinks=False):
            folders.append(entry)
        elif entry.is_symlink():
            problem = _link_problem(entry.path)
            if problem == "folder":  # a link to a folder: not followed (it could loop back)
                continue
            files.append((entry.path, root_name, prefix + entry.name) if problem is None
                         else Unreadable(entry.path, root_name, prefix + entry.name, problem))
        else:  # a FIFO would block the load forever, a device could be endless
            files.append(Unreadable(entry.path, root_name, prefix + entry.name,
                                    _special_problem(entry.path)))
    # As os.walk lists them: a folder's files first, then its subfolders in name order.
    yield from files
    for entry in folders:
        yield from _scan(entry.path, f"{prefix}{entry.name}/", root_name)


class Unreadable(tuple):
    """A listed entry that is not read: not a regular file (a FIFO, socket or device), or a
    link that loops or leads nowhere. Unpacks like the other entries, ``(path, root name,
    path under root)``; ``problem`` says why it is not read (for the load report)."""

    problem: str

    def __new__(cls, path: str, root_name: str, rel: str, problem: str):
        entry = super().__new__(cls, (path, root_name, rel))
        entry.problem = problem
        return entry

    def __reduce__(self):
        return (Unreadable, (*self, self.problem))


def _special_problem(path: str) -> str:
    """Why a file that is not a regular file is not read, naming its kind."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return f"cannot read the file ({exc.strerror or exc})"
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
    return f"not a regular file: {kind}, not opened"


def _link_problem(path: str) -> str | None:
    """None for a link to a regular file, "folder" for a link to a folder, else the problem."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that loops (it leads back to itself): not followed"
        return f"cannot read the file ({exc.strerror or exc}: a link to a missing file)" \
            if exc.errno == errno.ENOENT else f"cannot read the file ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    return _special_problem(path)


def _file_entry(path: str, root_name: str, rel: str):
    """The entry of a file named directly (a source or a glob match)."""
    problem = _link_problem(path) if os.path.lexists(path) else None
    if problem is None or problem == "folder":
        return (path, root_name, rel)
    return Unreadable(path, root_name, rel, problem)


class Listing:
    """The files of a load, listed as they are asked for (see :func:`iter_files`).

    Iterating gives the seed-layout files (by suffix) and records every file found in
    ``files``, with ``seeds`` flagging the seed files among them; ``done`` is set once the
    last folder is listed. The sources are checked when the listing is made.
    """

    def __init__(self, source: Source):
        self.empty: list[str] = []  # the folders of a list of sources that hold no file
        self._entries = iter_files(source, self.empty)
        self.files: list[tuple[str, str, str]] = []
        self.seeds: list[bool] = []
        self.done = False

    def seed_files(self) -> Iterator[tuple[str, str, str]]:
        files, seeds, ends = self.files, self.seeds, _SEED_ENDINGS
        for entry in self._entries:
            flag = entry[0].lower().endswith(ends) and type(entry) is tuple
            files.append(entry)
            seeds.append(flag)
            if flag:
                yield entry
        self.done = True


@contextmanager
def seed_blocks(listing: Listing, n_jobs: int, encoding: str, dayfirst: bool):
    """Yield an iterator over the seed files of ``listing`` read in batches, in file order:
    ``(batch, block)``, ``batch`` the ``(path, root name, path under root)`` of its files
    (see :func:`iter_files`) and ``block`` as :func:`mediastudy.io._seed_block.read_seed_block`
    gives it.

    With ``n_jobs`` above 1 and at least ``_PARALLEL_MIN_FILES`` seed files, worker
    processes read the batches while this process goes on listing the folders. Before the
    iterator is yielded, either every file is listed or (with workers) at least that many
    seed files, so ``len(listing.files)`` tells whether the load is a large one.
    """
    if not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise InvalidParameterError(
            "The 'n_jobs' parameter of load_articles must be a positive integer or -1 (one "
            f"process per core). Got {n_jobs!r} instead.", param="n_jobs"
        )
    jobs = os.cpu_count() or 1 if n_jobs == -1 else n_jobs
    task = partial(read_seed_block, encoding=encoding, dayfirst=dayfirst)
    seed_files = listing.seed_files()
    head = list(itertools.islice(seed_files, _PARALLEL_MIN_FILES if jobs > 1 else None))
    if jobs == 1 or len(head) < _PARALLEL_MIN_FILES:
        head.extend(seed_files)  # nothing left when jobs == 1
        batches = [head[i:i + _BATCH] for i in range(0, len(head), _BATCH)]
        yield ((batch, task(batch)) for batch in batches)
        return
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    shared = _shared_folder()
    if shared is not None:  # the workers leave the text in shared memory: see _seed_block.share
        task = partial(_read_and_share, task=task, folder=shared)
    # The pool's task thread pulls the batches, listing the folders as it goes; the
    # batches are in file order, and so are the blocks that come back.
    made: deque[list] = deque()  # each batch, recorded as the task thread hands it out
    batches = _batches(itertools.chain(head, seed_files), jobs, made)
    try:
        with ctx.Pool(jobs) as pool:
            yield ((made.popleft(), attach(block)) for block in pool.imap(task, batches))
    finally:
        if shared is not None:
            shutil.rmtree(shared, ignore_errors=True)


def _batches(seed_files: Iterator, jobs: int, made: deque) -> Iterator[list]:
    """Batches of files, each also appended to ``made``.

    Small batches first, so every worker starts at once, then ``_BATCH`` files each; the
    listing is read a few batches ahead, and once it is done the batches shrink, so the
    workers also finish together.
    """
    pending: deque = deque()
    size = max(50, _PARALLEL_MIN_FILES // (2 * jobs))
    listed = False
    while True:
        want = size * jobs * 4 - len(pending)
        if not listed and want > 0:
            before = len(pending)
            pending.extend(itertools.islice(seed_files, want))
            listed = len(pending) - before < want
        if not pending:
            return
        n = size if not listed else max(50, min(size, -(-len(pending) // (jobs * 4))))
        batch = [pending.popleft() for _ in range(min(n, len(pending)))]
        made.append(batch)
        yield batch
        size = min(_BATCH, size * 2)


def _shared_folder() -> str | None:
    """A new folder in shared memory (tmpfs) for the workers' text, or None without one."""
    if not os.path.isdir(_SHM):
        return None
    try:
        return tempfile.mkdtemp(prefix="mediastudy-load-", dir=_SHM)
    except OSError:
        return None


def _read_and_share(batch, *, task, folder: str):
    return share(task(batch), folder)


def _glob_root(pattern: str) -> str:
    parts = Path(pattern).parts
    fixed = []
    for part in parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else "."
