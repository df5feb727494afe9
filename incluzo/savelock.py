"""One save, one incluzo: an advisory lock per save, so two windows never interleave their records.

A save is taken (`hold`) when it is resumed, or before the first record after its header is written,
and kept until the process ends: the kernel drops the lock when the process dies, even by SIGKILL, so a
crash never leaves a save locked. A new save needs no lock before that: a session without a decision is
never offered for resume, so no other incluzo opens it. (That keeps the `filelock` import, some 10 ms,
out of the first frame.) The lock is a `.<save>.lock` file beside the save, locked through the
`filelock` package (fcntl on POSIX, msvcrt on Windows), imported when a save is first taken.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from incluzo.engine.logs.savelog import SaveError, SaveProblem

if TYPE_CHECKING:
    import filelock

_HELD: dict[Path, filelock.BaseFileLock] = {}  # the saves this process has taken, by path


def _lock_file(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def hold(path: Path) -> None:
    """Take a save for this process with an advisory lock (fcntl or msvcrt, through `filelock`), held
    until the process ends, so two incluzos never interleave their records in one save. Raises
    SaveError (SAV015) when another process holds it; a folder that cannot hold the lock file is
    played unlocked (its saves fail and say so anyway)."""
    key = path.absolute()
    if key in _HELD:
        return
    import filelock

    lock = filelock.FileLock(str(_lock_file(path)), timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise SaveError(SaveProblem("SAV015", str(path), 1, 1, "", {}, "in_use")) from None
    except OSError:
        return
    _HELD[key] = lock


def release(path: Path) -> None:
    """Give a save back (after its game was closed), so another incluzo may take it."""
    lock = _HELD.pop(path.absolute(), None)
    if lock is not None:
        lock.release()


def in_use(path: Path) -> bool:
    """Whether another process holds this save now (see `hold`)."""
    if path.absolute() in _HELD or not _lock_file(path).exists():
        return False
    import filelock

    lock = filelock.FileLock(str(_lock_file(path)), timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        return True
    except OSError:
        return False
    lock.release()
    return False
