"""Reading untrusted files safely: regular files only, and never more than a limit.

Every reader of a file a user can hand incluzo (scenarios, questionnaires, answer CSVs, saves, session
logs, the hyphenation cache) goes through `read_limited`. `stat().st_size` is 0 for devices and FIFOs,
so a size check before `read_bytes()` does not protect: `/dev/zero` would be read until memory runs out
and a FIFO would block forever. Here the file is opened without blocking, refused unless it is a
regular file, and read to at most `limit + 1` bytes.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from incluzo.engine.scenario.problems import Phrase, said

# O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer (POSIX only);
# O_NOCTTY keeps a terminal device from becoming the controlling one.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 16


class Refused(Exception):
    """A file that cannot be read: `reason` says why, for a located message (the system's own words, or
    the catalogs')."""

    def __init__(self, reason: str | Phrase) -> None:
        super().__init__(reason)
        self.reason = reason


class TooLarge(Refused):
    """A file over the limit; `size` is its size in bytes, or None when it only showed while reading."""

    def __init__(self, size: int | None, limit: int) -> None:
        self.size, self.limit = size, limit
        if size is None:
            super().__init__(said("problem.reason.more_bytes", most=limit))
        else:
            super().__init__(said("problem.reason.bytes", count=size, most=limit))


def _kind(mode: int) -> Phrase:
    if stat.S_ISDIR(mode):
        return said("problem.file.folder")
    if stat.S_ISFIFO(mode):
        return said("problem.file.pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return said("problem.file.device")
    if stat.S_ISSOCK(mode):
        return said("problem.file.socket")
    return said("problem.file.special")


def _open_regular(path: str | Path, limit: int) -> tuple[int, int]:
    """An open handle on a regular file of at most `limit` bytes (by its size now), and that size."""
    try:
        handle = os.open(path, _FLAGS)
    except OSError as error:
        raise Refused(error.strerror or str(error)) from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(said("problem.reason.not_regular", kind=_kind(info.st_mode)))
        if info.st_size > limit:
            raise TooLarge(info.st_size, limit)
    except BaseException:
        os.close(handle)
        raise
    return handle, info.st_size


def read_limited(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Raises Refused (TooLarge when too big)."""
    handle, _ = _open_regular(path, limit)
    try:
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(handle, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise TooLarge(None, limit)
        return b"".join(chunks)
    except OSError as error:
        raise Refused(error.strerror or str(error)) from None
    finally:
        os.close(handle)


def read_ends(path: str | Path, limit: int, size: int) -> tuple[bytes, bytes]:
    """The first and the last `size` bytes of a regular file of at most `limit` bytes (both the whole
    file when it is shorter), without reading the middle. Raises Refused as `read_limited` does."""
    handle, length = _open_regular(path, limit)
    try:
        head = os.read(handle, size)
        if length <= size:
            return head, head
        os.lseek(handle, max(0, length - size), os.SEEK_SET)
        return head, os.read(handle, size)
    except OSError as error:
        raise Refused(error.strerror or str(error)) from None
    finally:
        os.close(handle)


def is_regular(path: Path) -> bool:
    """Whether `path` is (or links to) a regular file; never blocks, never raises."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def regular_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Only the regular files among `paths` (a folder listing without FIFOs, devices and sockets)."""
    return (path for path in paths if is_regular(path))
