"""Parsed copies of shipped files, so a start does not parse them again.

Parsing the word catalog (YAML) and the hyphenation patterns cost some 40 ms of the first frame; their
parsed form, plain dicts and strings, is kept in the data folder's `cache/` as JSON and loads in a few
milliseconds. A copy is named by a hash of the file it was parsed from, so an edited or updated file is
parsed again (and the stale copies of the same kind removed). JSON, unlike marshal or pickle, is safe to
read whatever a file holds, and a copy that cannot be read or does not hold what the caller expects (a
damaged or planted file) is ignored and written anew; a data folder that cannot be written only means
the next start parses again. `kept` is the same for any kind of copy (scenariocache keeps scenarios).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

from incluzo.errorlog import data_dir

T = TypeVar("T")
MOST_BYTES = 4_000_000  # a larger copy is not read (the Dutch patterns take some 200 KB)


def parsed(kind: str, source: bytes, parse: Callable[[], T], fits: Callable[[object], T | None]) -> T:
    """What `parse()` makes of `source`, from the copy kept for this `source` when there is one that
    `fits` (which returns the value to use, or None for a copy it does not accept). One copy per kind."""
    copy = folder() / f"{kind}-{digest(source)}.json"

    def encode(value: T) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def keep() -> list[Path]:
        return [
            *copy.parent.glob(f"{kind}-*.json"),
            *copy.parent.glob(f"{kind}-*.marshal"),
        ]  # (older: marshal)

    return kept(copy, lambda data: fits(json.loads(data)), parse, encode, keep)


def kept(
    copy: Path,
    read: Callable[[bytes], T | None],
    parse: Callable[[], T],
    encode: Callable[[T], bytes | None],
    stale: Callable[[], list[Path]],
) -> T:
    """What `read` makes of `copy`'s bytes when it reads them (not None, no ValueError), else `parse()`,
    then written to `copy` as `encode` gives it (None: not kept), after the `stale` copies are removed."""
    with suppress(OSError, ValueError, RecursionError):
        found = read(_read(copy))
        if found is not None:
            return found
    value = parse()
    with suppress(OSError, ValueError):
        raw = encode(value)
        if raw is not None:
            copy.parent.mkdir(parents=True, exist_ok=True)
            for old in stale():
                old.unlink(missing_ok=True)
            partial = copy.with_name(f"{copy.name}.{os.getpid()}.part")
            partial.write_bytes(raw)
            os.replace(partial, copy)  # a start reading beside this one sees the whole copy or none
    return value


def folder() -> Path:
    """Where the copies are kept."""
    return data_dir() / "cache"


def digest(source: bytes) -> str:
    """The name a copy of `source` is kept under."""
    return hashlib.blake2b(source, digest_size=12).hexdigest()


def _read(copy: Path) -> bytes:
    """A copy's bytes; OSError for anything but a regular file of at most MOST_BYTES (opened without
    waiting, so a pipe put in its place cannot hang the start)."""
    with os.fdopen(os.open(copy, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode) or status.st_size > MOST_BYTES:
            raise OSError(f"not a cache copy: {copy}")
        return handle.read(MOST_BYTES + 1)
