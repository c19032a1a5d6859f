"""Run records: what went into a result, so that someone else can redo it.

A run record is a small JSON file written beside every report and saved model.
It holds the parameters, every input file with its size and SHA-256 content
hash, the versions of Python and of the packages that shaped the numbers, the
random seeds, and when the run started and ended. Two runs whose records agree
on everything but the times should give the same tables.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import stat
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

__all__ = ["file_fingerprints", "run_record", "write_run_record"]

#: Packages whose version can change a result (distribution names).
RECORDED_PACKAGES = (
    "mediastudy",
    "pandas",
    "numpy",
    "scikit-learn",
    "scipy",
    "matplotlib",
    "pyarrow",
    "PyYAML",
)
_CHUNK = 1 << 20
_FORMAT = 1


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _files_below(folder: Path) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath) / name for name in sorted(filenames) if not name.startswith("."))
    return found


def _fingerprint(path: Path) -> dict:
    """``sha256`` and ``bytes`` of a file; for one that cannot be read (a FIFO, a link that
    loops, no permission) both are None and ``error`` says why: the run record of a run that
    skipped an unreadable input still gets written. Only regular files are opened."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return {"sha256": None, "bytes": None, "error": "not a regular file: not read"}
        return {"sha256": _sha256(path), "bytes": info.st_size}
    except OSError as exc:
        return {"sha256": None, "bytes": None, "error": exc.strerror or str(exc)}


def file_fingerprints(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> list[dict]:
    """Size and SHA-256 hash of each input file; a folder stands for every file below it.

    Parameters
    ----------
    paths : path or list of paths
        Files or folders. Hidden files and folders (names starting with ``.``)
        are left out, as :func:`mediastudy.load_articles` leaves them out.

    Returns
    -------
    list of dict
        One dict per given path: ``path`` (absolute), ``kind`` (``"file"`` or
        ``"folder"``), ``sha256`` and ``bytes``. A folder also has ``n_files`` and
        ``files`` (``path`` relative to it, ``sha256``, ``bytes`` of each file);
        a file that cannot be read (a FIFO, a link that loops, no permission) has
        ``sha256`` and ``bytes`` None and an ``error``;
        its ``sha256`` hashes the sorted list of relative paths and file hashes,
        so it changes when any file is added, removed, renamed or edited.

    Raises
    ------
    FileNotFoundError
        A path does not exist.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("hello")
    >>> record = file_fingerprints(folder / "a.txt")[0]
    >>> record["sha256"][:12], record["bytes"]
    ('2cf24dba5fb0', 5)
    >>> file_fingerprints(folder)[0]["n_files"]
    1
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out = []
    for item in paths:
        path = Path(item).resolve() if not os.path.islink(item) or os.path.exists(item) else Path(item)
        if path.is_dir():
            files = []
            combined = hashlib.sha256()
            for f in _files_below(path):
                rel = f.relative_to(path).as_posix()
                files.append({"path": rel, **_fingerprint(f)})
                combined.update(f"{rel}\0{files[-1]['sha256']}\n".encode("utf-8", "surrogateescape"))
            out.append(
                {
                    "path": str(path),
                    "kind": "folder",
                    "sha256": combined.hexdigest(),
                    "bytes": sum(f["bytes"] or 0 for f in files),
                    "n_files": len(files),
                    "files": files,
                }
            )
        elif os.path.lexists(path):  # a file, or a FIFO, device or broken link standing there
            out.append({"path": str(path), "kind": "file", **_fingerprint(path)})
        else:
            raise FileNotFoundError(f"Input '{item}' of the run record does not exist.")
    return out


def _versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in RECORDED_PACKAGES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    return versions


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _jsonable(value):
    """Parameters as plain JSON: paths as strings, tuples as lists, others by repr."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [_jsonable(v) for v in items]
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return repr(value)


def run_record(
    *,
    command: str,
    parameters: Mapping[str, object],
    inputs: str | os.PathLike | Iterable[str | os.PathLike] = (),
    seeds: Mapping[str, object] | None = None,
    started: str | None = None,
    finished: str | None = None,
    outputs: Iterable[str | os.PathLike] = (),
) -> dict:
    """A run record as a dict, ready to be written as JSON.

    Parameters
    ----------
    command : str
        What ran, e.g. ``"mediastudy report"``.
    parameters : mapping
        Every setting of the run (paths become strings, tuples lists).
    inputs : path or list of paths
        Input files and folders; each is fingerprinted by :func:`file_fingerprints`.
    seeds : mapping, optional
        The random seeds, by the step they were given to.
    started, finished : str, optional
        ISO 8601 UTC times; ``finished`` defaults to now, ``started`` to ``finished``.
    outputs : list of paths
        Files the run wrote (recorded by name only).

    Returns
    -------
    dict
        Keys ``format, command, started, finished, parameters, seeds, inputs,
        outputs, versions, platform``.

    Examples
    --------
    >>> record = run_record(command="demo", parameters={"k": 5}, seeds={"topics": 0})
    >>> record["parameters"], record["seeds"], sorted(record["versions"])[:2]
    ({'k': 5}, {'topics': 0}, ['PyYAML', 'matplotlib'])
    """
    finished = finished or now_utc()
    return {
        "format": _FORMAT,
        "command": command,
        "started": started or finished,
        "finished": finished,
        "parameters": _jsonable(dict(parameters)),
        "seeds": _jsonable(dict(seeds or {})),
        "inputs": file_fingerprints(inputs) if inputs else [],
        "outputs": sorted(os.fspath(p) for p in outputs),
        "versions": _versions(),
        "platform": {
            "system": platform.system(),
            "machine": platform.machine(),
            "python_implementation": platform.python_implementation(),
            "executable": sys.executable,
        },
    }


def write_run_record(path: str | os.PathLike, **kwargs) -> Path:
    """Write a run record (see :func:`run_record` for the keyword arguments) as JSON.

    Parameters
    ----------
    path : str or Path
        The JSON file to write; missing folders are created.
    **kwargs
        Passed to :func:`run_record`.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import json, tempfile
    >>> path = write_run_record(Path(tempfile.mkdtemp()) / "run.json", command="demo",
    ...                         parameters={"freq": "M"})
    >>> json.loads(path.read_text())["parameters"]
    {'freq': 'M'}
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = run_record(**kwargs)
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
