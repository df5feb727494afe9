"""The phones' records while no game has a save yet (the questionnaire before the game): a small log file.

"Welke bril?" is often filled in on the phones before any scenario starts, so there is no session save
for the sheets to go into. The room's PINs, its devices and every sheet then go into a journal in
`<saves>/phones/room-<date>-<time>.jsonl`, one record a line in the save log's own format, each write
fsynced before the phone hears "accepted" (the `SaveWriter` writes both kinds of file). When a game
starts, the records move into its save and the journal is removed. When the questionnaire opens on the
phones again before anyone joined (the game was started again after it stopped), the newest journal
of the last MAX_AGE seconds brings the room back: the same PINs, the phones' teams, the sheets sent.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import threading
import time
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

from incluzo.engine.logs import savelog
from incluzo.engine.logs.savelog import Entry, PhoneAnswersEntry, PhoneJoinEntry, PhoneRoomEntry
from incluzo.persistence import saves_dir

log = logging.getLogger("incluzo.phones")

FOLDER = "phones"  # under the saves folder (not a session save: the saves' list never shows it)
PREFIX = "room-"
SUFFIX = ".jsonl"
MAX_AGE = 12 * 3600  # seconds: an older journal belongs to another day's session and is not taken up
KINDS = (PhoneRoomEntry, PhoneJoinEntry, PhoneAnswersEntry)


def folder() -> Path:
    return saves_dir() / FOLDER


class Journal:
    """One room's records on disk; `extend` returns only when they are durable (as SaveFile.extend)."""

    def __init__(self, path: Path, entries: Sequence[Entry] = ()) -> None:
        self.path = path
        self.entries = list(entries)
        self.lock = threading.Lock()

    @classmethod
    def create(cls, where: Path | None = None) -> Journal:
        where = where or folder()
        where.mkdir(parents=True, exist_ok=True)
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        for number in range(1, 1000):
            path = where / f"{PREFIX}{stamp}{f'-{number}' if number > 1 else ''}{SUFFIX}"
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                continue
            return cls(path)
        raise FileExistsError(f"no free journal name in {where}")

    def extend(self, entries: Sequence[Entry]) -> None:
        """Append records with one write and fsync."""
        if not entries:
            return
        with self.lock:
            data = "".join(savelog.encode(entry) + "\n" for entry in entries).encode("utf-8")
            handle = os.open(self.path, os.O_WRONLY | os.O_APPEND)
            try:
                while data:
                    data = data[os.write(handle, data) :]
                os.fsync(handle)
            finally:
                os.close(handle)
            self.entries += entries

    def remove(self) -> None:
        """The records are in a game's save now: the journal goes."""
        with suppress(OSError):
            self.path.unlink()


def read(path: Path) -> list[Entry]:
    """The phones' records of a journal; a torn last line (a crash mid-write) or any other is left out."""
    found: list[Entry] = []
    with suppress(OSError, UnicodeDecodeError):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                entry = savelog.decode_line(line)
            except Exception as problem:  # any line that is not a record (a torn last one)
                log.warning("phones: %s: a line left out (%s)", path.name, problem)
                continue
            if isinstance(entry, KINDS):
                found.append(entry)
    return found


def newest(where: Path | None = None, now: float | None = None) -> Journal | None:
    """The newest journal of the last MAX_AGE seconds that holds a room, with its records (None: none).
    (Two incluzos with phones on the same port cannot run at once, so none is shared.)"""
    where = where or folder()
    now = time.time() if now is None else now
    with suppress(OSError):
        paths = sorted(where.glob(f"{PREFIX}*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
        for path in paths:
            if now - path.stat().st_mtime > MAX_AGE:
                break
            entries = read(path)
            if any(isinstance(e, PhoneRoomEntry) for e in entries):
                return Journal(path, entries)
    return None
