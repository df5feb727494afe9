"""Saves on disk: a session's log, made durable record by record, and found again after a crash.

Each session is one JSON Lines file in `<data folder>/saves/`. A record is appended with one write,
then flushed and fsynced before `append` returns, so a decision the screen has shown can never be
lost. After each record a full copy is written to one of a few autosave slots (temporary file,
fsync, rename), so a damaged log still has a recent good copy beside it. Reading takes the longest
good state among the log and its autosaves, and says what it had to leave out.
"""

from __future__ import annotations

import datetime as _dt
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path

from incluzo.engine.logs import savelog
from incluzo.engine.logs.savelog import (
    AdvanceEntry,
    ChooseEntry,
    Entry,
    FinishedEntry,
    SaveError,
    SaveLog,
    SaveProblem,
    SkipEntry,
)
from incluzo.engine.play.session import Session
from incluzo.engine.scenario.loader import ID_PATTERN, load_file
from incluzo.engine.scenario.model import Scenario
from incluzo.errorlog import data_dir
from incluzo.i18n import Messages

SUFFIX = ".jsonl"
AUTOSAVES = 3
SCAN = 50  # how many of the newest saves to look through for an unfinished session


def saves_dir() -> Path:
    """The folder that holds the saves (under INCLUZO_HOME when it is set)."""
    return data_dir() / "saves"


def folder_text() -> str:
    """The saves folder as the help overlay shows it."""
    return str(saves_dir())


def _sync_dir(folder: Path) -> None:
    """Make a new or renamed file's directory entry durable (POSIX; Windows has no directory fsync)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` so that it holds either the old or the new content, never a mix."""
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    _sync_dir(path.parent)


def autosave_paths(path: Path) -> list[Path]:
    return [path.with_name(f"{path.stem}.autosave-{slot}{SUFFIX}") for slot in range(1, AUTOSAVES + 1)]


class SaveFile:
    """One session's log on disk. `append` returns only when the record is durable.

    `trace`, when set, is told ("saving", n) before record n is written and ("saved", n) once it and
    its autosave copy are on disk (the fault test kills the game between the two).
    """

    def __init__(self, path: Path, log: SaveLog) -> None:
        self.path = path
        self.log = log
        self.trace: Callable[[str, int], None] | None = None
        self.lock = threading.RLock()  # the phones' votes are written from a thread of their own

    @classmethod
    def create(cls, log: SaveLog, folder: Path | None = None) -> SaveFile:
        """Start the file of a new session, named after its scenario and the time."""
        folder = folder or saves_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        for number in range(1, 1000):
            suffix = f"-{number}" if number > 1 else ""
            path = folder / f"{log.header.scenario}-{stamp}{suffix}{SUFFIX}"
            try:
                handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                continue
            os.close(handle)
            write_atomic(path, log.text())
            return cls(path, log)
        raise FileExistsError(f"no free save name in {folder}")

    def append(self, entry: Entry) -> None:
        """Add one record with one write and fsync; then refresh an autosave copy."""
        self.extend([entry])

    def extend(self, entries: Sequence[Entry]) -> None:
        """Add records with one write and fsync (a step, or the phones' votes of one frame), then refresh
        an autosave copy. Thread-safe: the phones' votes are written from a thread of their own."""
        if not entries:
            return
        with self.lock:
            data = "".join(savelog.encode(entry) + "\n" for entry in entries).encode("utf-8")
            first = len(self.log.entries) + 1
            number = first + len(entries) - 1
            if self.trace:
                self.trace("saving", first)
            handle = os.open(self.path, os.O_WRONLY | os.O_APPEND)
            try:
                while data:
                    data = data[os.write(handle, data) :]
                os.fsync(handle)
            finally:
                os.close(handle)
            self.log = SaveLog(self.log.header, (*self.log.entries, *entries))
            slots = autosave_paths(self.path)
            write_atomic(slots[number % AUTOSAVES], self.log.text())
            if self.trace:
                self.trace("saved", number)

    def rewrite(self, log: SaveLog) -> None:
        """Replace the file with `log` in one step (after a damaged save was read back)."""
        with self.lock:
            write_atomic(self.path, log.text())
            self.log = log


@dataclass(frozen=True)
class Restored:
    """A save read back: the best good log found, where it came from, and what was left out."""

    file: SaveFile
    used: Path  # the log itself or one of its autosaves
    problem: SaveProblem | None  # the damage found in the log, if any
    truncated: bool = False

    @property
    def damaged(self) -> bool:
        return self.problem is not None or self.used != self.file.path

    def notice(self, lang: str = "nl") -> str | None:
        """What the player should know about the damage; None when the save was whole."""
        if not self.damaged:
            return None
        steps, say = self.file.log.steps, Messages(lang)
        if self.truncated and self.used == self.file.path:
            return say("save.interrupted", steps=steps)
        where = self.problem.format(lang) if self.problem else str(self.file.path)
        if self.used != self.file.path:
            return say("save.damaged.autosave", where=where, file=self.used.name, steps=steps)
        return say("save.damaged", where=where, steps=steps)


def decision_types() -> tuple[type[savelog.Entry], ...]:
    """The records that make a save worth resuming."""
    return ChooseEntry, AdvanceEntry, SkipEntry, savelog.TeamPickEntry, savelog.TeamSkipEntry


def read_leniently(path: Path) -> savelog.Parsed:
    """Parse one file leniently; a file too large is not even read."""
    try:
        size = path.stat().st_size
        if size > savelog.MAX_BYTES:
            reason = f"{size:,} bytes; at most {savelog.MAX_BYTES:,}"
            return savelog.Parsed(None, SaveProblem("SAV011", str(path), 1, 1, "", {"reason": reason}))
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        return savelog.Parsed(None, SaveProblem("SAV001", str(path), 1, 1, "", {"reason": reason}))
    return savelog.parse(data, str(path))


def restore(path: Path) -> Restored:
    """Read a save back, falling back to the longest good state among it and its autosaves.

    The log file is repaired (rewritten with that state) when it was damaged, so the game can go on
    appending to it. Raises SaveError when nothing usable is left, or when a newer incluzo wrote it.
    """
    first = read_leniently(path)
    best, used = first.log, path
    if first.problem is not None:
        for slot in autosave_paths(path):
            if not slot.exists():
                continue
            candidate = read_leniently(slot).log
            if (
                candidate is not None
                and candidate.header == (best or candidate).header
                and (best is None or len(candidate.entries) > len(best.entries))
            ):
                best, used = candidate, slot
    if best is None:
        assert first.problem is not None
        raise SaveError(first.problem)
    file = SaveFile(path, best)
    if first.problem is not None:
        file.rewrite(best)
    return Restored(file, used, first.problem, first.truncated)


def _session_logs(folder: Path) -> Iterator[Path]:
    """The session logs in a folder, newest first (autosave copies and temporary files left out)."""
    if not folder.is_dir():
        return iter(())
    logs = [p for p in folder.glob(f"*{SUFFIX}") if ".autosave-" not in p.name and not p.name.startswith(".")]
    return iter(sorted(logs, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)[:SCAN])


def peek(path: Path) -> SaveLog | None:
    """The good part of a save without repairing anything (None when even its header is unusable)."""
    with suppress(SaveError):
        return read_leniently(path).log
    return None


def find_unfinished(scenario_id: str | None = None, folder: Path | None = None) -> Path | None:
    """The newest save with a decision in it whose game has not reached its debrief (of one scenario,
    when given). A session left at its briefing is not worth offering."""
    for path in _session_logs(folder or saves_dir()):
        log = peek(path)
        if log is None:
            log = next((found for slot in autosave_paths(path) if (found := peek(slot)) is not None), None)
        if log is None or log.finished or scenario_id not in (None, log.header.scenario):
            continue
        if any(isinstance(e, decision_types()) for e in log.entries):
            return path
    return None


def start(
    scenario: Scenario,
    *,
    mode: str,
    seed: int = 0,
    teams: tuple[str, ...] = (),
    source: str = "",
    folder: Path | None = None,
) -> SaveFile:
    """The save of a new session, its header already durable."""
    log = savelog.new_log(scenario, seed=seed, mode=mode, teams=teams, source=source)
    return SaveFile.create(log, folder)


def finish(file: SaveFile, ending: str | None) -> None:
    """Mark the session finished, so it is no longer offered to resume. The engine's own endings
    ('incluzo:einde', 'incluzo:budget-op') are no scenario id and are recorded as None."""
    if not file.log.finished:
        file.append(FinishedEntry(savelog.Id(ending) if ending and ID_PATTERN.fullmatch(ending) else None))


@dataclass(frozen=True)
class Resumed:
    """A session rebuilt from its save, ready to go on appending."""

    file: SaveFile
    replayed: savelog.Replayed
    restored: Restored

    @property
    def session(self) -> Session:
        return self.replayed.session

    def notices(self, lang: str = "nl") -> list[str]:
        """Everything the players should be told: damage found, and what no longer fits the scenario."""
        damage = self.restored.notice(lang)
        return ([damage] if damage else []) + self.replayed.report(lang)


def resume(path: Path, scenario: Scenario | None = None) -> Resumed:
    """Read a save back and replay it onto `scenario` (by default the file the header names).

    When the scenario changed since, the log is rewritten to what still fits, under the new content
    hash, so later records follow on from the state the players see. Raises SaveError, or
    ScenarioError when the scenario file cannot be loaded.
    """
    restored = restore(path)
    scenario = scenario or load_file(restored.file.log.header.source)
    replayed = savelog.replay(scenario, restored.file.log, str(path))
    if replayed.changed or replayed.misfit is not None:
        header = replace(replayed.log.header, content_hash=scenario.content_hash)
        restored.file.rewrite(SaveLog(header, replayed.log.entries))
    return Resumed(restored.file, replayed, restored)
