"""One report at a time per output folder: a lock file beside it (``.<name>.lock``).

The lock is made with a single atomic step (a hard link to a file already holding the
owner's process id, host and start time), so a second run either gets it or sees who holds
it. A run that was killed leaves its lock behind: the next run on the same host finds that
process gone (or its id taken by another process since) and takes the lock over, clearing
the killed run's temporary folder. On another host nothing can be known, and the message
says which file to delete once no run is going on.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
from pathlib import Path

from ..errors import MediaStudyError

__all__ = ["FolderLock", "OutputInUseError"]


class OutputInUseError(MediaStudyError, RuntimeError):
    """Another report is being written into the same output folder (``path``: its lock)."""


def _process_start(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot, Linux), or None if unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return None


def _alive(pid: int, started: str | None) -> bool:
    """Whether the process that took a lock is still running."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        pass
    except OSError:
        return True
    if started is not None:  # the id may have gone to another process since
        now = _process_start(pid)
        return now is None or now == started
    return True


def temporary_folder(out: Path, pid: int | None = None) -> Path:
    """Where the run with process id ``pid`` (default: this one) writes before moving in."""
    return out.parent / f".{out.name}.tmp-{os.getpid() if pid is None else pid}"


class FolderLock:
    """An exclusive lock on the output folder ``out``.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "report"
    >>> with FolderLock(out):
    ...     FolderLock(out).acquire()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mediastudy.report.lock.OutputInUseError: Another report is being written into ...
    """

    def __init__(self, out: str | os.PathLike):
        self.out = Path(out)
        self.path = self.out.parent / f".{self.out.name}.lock"
        self.held = False

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def owner(self) -> dict | None:
        """What the lock file says about its holder (None: no lock; {} unreadable)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _stale(self, owner: dict) -> bool:
        if owner.get("host") != socket.gethostname() or not isinstance(owner.get("pid"), int):
            return False
        return not _alive(owner["pid"], owner.get("process_start"))

    def acquire(self) -> None:
        """Take the lock, or raise :class:`OutputInUseError` naming the run that holds it."""
        self.out.parent.mkdir(parents=True, exist_ok=True)
        me = {"pid": os.getpid(), "host": socket.gethostname(),
              "process_start": _process_start(os.getpid())}
        draft = self.out.parent / f".{self.out.name}.lock-{os.getpid()}"
        draft.write_text(json.dumps(me), encoding="utf-8")
        try:
            for _ in range(3):
                try:
                    os.link(draft, self.path)
                except FileExistsError:
                    owner = self.owner()
                    if owner is None:  # released meanwhile: try again
                        continue
                    if not self._stale(owner):
                        raise self._busy(owner) from None
                    # The run that held it was killed: clear what it left and take over.
                    shutil.rmtree(temporary_folder(self.out, owner["pid"]), ignore_errors=True)
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(self.path)
                    continue
                self.held = True
                return
            raise self._busy(self.owner() or {})
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(draft)

    def _busy(self, owner: dict) -> OutputInUseError:
        who = (f"process {owner['pid']} on {owner.get('host', 'an unknown host')}"
               if owner.get("pid") else "another run")
        return OutputInUseError(
            f"Another report is being written into '{self.out}' ({who} holds the lock "
            f"{self.path}). Wait for it to finish, or choose another output folder; if no such "
            f"run is going on, delete {self.path}.", path=self.path)

    def release(self) -> None:
        if self.held:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
            self.held = False
