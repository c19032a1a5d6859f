"""Finding the files of a load: folders, globs and lists, and worker processes (private)."""

from __future__ import annotations

import glob
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from ._seed_block import attach, read_seed_block, share
from .errors import LoadError

SEED_SUFFIXES = frozenset({".txt"})
_SEED_ENDINGS = tuple(SEED_SUFFIXES)
_PARALLEL_MIN_FILES = 500
_BATCH = 1000  # files per batch
_SHM = "/dev/shm"

Source = str | os.PathLike | Iterable[str | os.PathLike]


def discover(source: Source) -> list[tuple[str, str, str]]:
    """Expand the sources into (file, root name, path under root), each file once, stably ordered."""
    if isinstance(source, (str, os.PathLike)):
        sources = [source]
    elif isinstance(source, Iterable):
        sources = list(source)
    else:
        raise TypeError(
            "The 'source' parameter of load_articles must be a path, a glob or a list of them. "
            f"Got {type(source).__name__} instead."
        )
    if not sources:
        raise LoadError("The 'source' parameter of load_articles is an empty list: name a file or folder.")
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for item in sources:
        if not isinstance(item, (str, os.PathLike)):
            raise TypeError(
                f"load_articles sources must be paths or globs. Got {type(item).__name__}: {item!r}."
            )
        path = os.path.expanduser(os.fspath(item))  # "~/scrapes/rt" as a shell would read it
        if os.path.isdir(path):
            found = _walk(path)
        elif os.path.isfile(path):
            found = [(path, os.path.basename(os.path.dirname(os.path.abspath(path))),
                      os.path.basename(path))]
        elif glob.has_magic(path):
            root = _glob_root(path)
            root_name = os.path.basename(os.path.abspath(root))
            found = [(m, root_name, os.path.relpath(m, root).replace(os.sep, "/"))
                     for m in sorted(glob.glob(path, recursive=True)) if os.path.isfile(m)]
            if not found:
                raise LoadError(f"The glob '{item}' matches no file. Check the pattern and folder.")
        else:
            raise LoadError(
                f"Source '{item}' does not exist. Pass a file, a folder, a glob such as "
                "'articles/**/*.txt', or a list of these."
            )
        if len(sources) == 1:
            return found  # one folder or glob lists each file once
        for entry in found:
            key = os.path.realpath(entry[0])
            if key not in seen:
                seen.add(key)
                out.append(entry)
    return out


def _walk(folder: str) -> list[tuple[str, str, str]]:
    """Files below ``folder`` in sorted order, leaving out hidden files and folders."""
    root_name = os.path.basename(os.path.abspath(folder))
    found: list[tuple[str, str, str]] = []
    _scan(folder, "", root_name, found)
    return found


def _scan(folder: str, prefix: str, root_name: str, found: list) -> None:
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        raise LoadError(
            f"Cannot list the folder '{folder}' ({exc.strerror or exc}). Check its permissions, "
            "or load the other folders by listing them."
        ) from None
    folders = []
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            folders.append(entry)
        elif entry.is_dir():  # a link to a folder: not followed (it could loop back)
            continue
        else:
            found.append((entry.path, root_name, prefix + entry.name))
    # As os.walk lists them: a folder's files first, then its subfolders in name order.
    for entry in folders:
        _scan(entry.path, f"{prefix}{entry.name}/", root_name, found)


def is_seed(path: str) -> bool:
    return path.lower().endswith(_SEED_ENDINGS)


def seed_flags(files) -> list[bool]:
    """Which of the discovered files are seed-layout files (by their suffix)."""
    return [is_seed(path) for path, _root, _rel in files]


@contextmanager
def seed_blocks(files, seeds: list[bool], n_jobs: int, encoding: str, dayfirst: bool):
    """Yield an iterator over the seed files read in batches, in file order: ``(batch, block)``,
    ``batch`` the ``(path, root name, path under root)`` of its files (see :func:`discover`) and
    ``block`` as :func:`mediastudy._seed_block.read_seed_block` gives it. ``seeds`` flags
    the seed files among ``files`` (see :func:`seed_flags`). With ``n_jobs`` above 1 and
    enough files, worker processes read the batches.
    """
    if not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(
            "The 'n_jobs' parameter of load_articles must be a positive integer or -1 (one "
            f"process per core). Got {n_jobs!r} instead."
        )
    jobs = os.cpu_count() or 1 if n_jobs == -1 else n_jobs
    seed = files if all(seeds) else [f for f, flag in zip(files, seeds, strict=True) if flag]
    task = partial(read_seed_block, encoding=encoding, dayfirst=dayfirst)
    if jobs == 1 or len(seed) < _PARALLEL_MIN_FILES:
        batches = [seed[i:i + _BATCH] for i in range(0, len(seed), _BATCH)]
        yield ((batch, task(batch)) for batch in batches)
        return
    size = max(50, min(_BATCH, len(seed) // (jobs * 8)))
    batches = [seed[i:i + size] for i in range(0, len(seed), size)]
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    shared = _shared_folder()
    if shared is not None:  # the workers leave the text in shared memory: see _seed_block.share
        task = partial(_read_and_share, task=task, folder=shared)
    try:
        with ctx.Pool(jobs) as pool:
            yield ((batch, attach(block))
                   for batch, block in zip(batches, pool.imap(task, batches), strict=True))
    finally:
        if shared is not None:
            shutil.rmtree(shared, ignore_errors=True)


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
