"""Saves on disk: a session's log, made durable record by record, and found again after a crash.

Each session is one JSON Lines file in `<data folder>/saves/`. Records are appended by a thread of its
own (`Writer`): the frame that takes a step hands its records over and goes on, and what piles up during
one write goes in the next (one write, one fsync). The window shows a step only once its records are on
disk (`SaveFile.behind`, `App.draw`), the phones are told of it only then, and a phone hears
"accepted" only once its vote is (`SaveFile.extend` waits), so a decision the room has seen can
never be lost. After each step a full copy is written to one of a few autosave slots (temporary file,
fsync, rename) by a second thread (`Copier`: of copies that pile up only the newest is written), so a
damaged log still has a recent good copy beside it. Reading takes the longest good state among the
log and its autosaves, and says what it had to leave out.
"""

from __future__ import annotations

import atexit
import datetime as _dt
import errno
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar, overload

from incluzo.engine import files
from incluzo.engine.logs import savelog
from incluzo.engine.logs.savelog import (
    AdvanceEntry,
    ChooseEntry,
    Entry,
    FinishedEntry,
    Rebuilt,
    SaveError,
    SaveLog,
    SaveProblem,
    SkipEntry,
)
from incluzo.engine.play.session import Session
from incluzo.engine.scenario.loader import ID_PATTERN
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.problems import Phrase, ScenarioError, echo, said
from incluzo.errorlog import data_dir
from incluzo.savelock import hold, in_use
from incluzo.scenariocache import load_file

SUFFIX = ".jsonl"
AUTOSAVES = 3
SCAN = 50  # how many of the newest saves to look through for an unfinished session
GLANCE = 65_536  # bytes read from each end of a save to tell, without reading it all, if it is worth more

S = TypeVar("S")
K = TypeVar("K")  # a Worker's key, its work waiting, a job taken
W = TypeVar("W")
J = TypeVar("J")


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


class Worker(Generic[K, W, J]):
    """A thread of its own that works through what is handed to it, one piece of work per key (a save),
    oldest first (`waiting`, taken out as a job by `take`); `flush` waits until the work of one save,
    or of all, is done."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.changed = threading.Condition()
        self.waiting: dict[K, W] = {}
        self.working: K | None = None
        self.thread: threading.Thread | None = None

    def wake(self) -> None:
        """Work was added to `waiting` (the caller holds `changed`)."""
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self.thread.start()
        self.changed.notify_all()

    def flush(self, path: Path | None = None) -> None:
        """Until the work handed over (for the save at `path`, when given) is done."""
        key = path.absolute() if path is not None else None

        def done() -> bool:
            busy = [*self.waiting, *([self.working] if self.working is not None else [])]
            return not any(key in (None, self.where(item)) for item in busy)

        with self.changed:
            self.changed.wait_for(done)

    def where(self, key: K) -> Path:
        """The save a key stands for."""
        raise NotImplementedError

    def work(self, key: K, job: J) -> None:
        """Do one piece of work (this thread, `changed` not held); an error ends only that piece."""
        raise NotImplementedError

    def take(self, key: K) -> J:
        """The work waiting under `key`, taken out as a job (`changed` held)."""
        raise NotImplementedError

    def _run(self) -> None:
        while True:
            with self.changed:
                self.changed.wait_for(lambda: bool(self.waiting))
                key = next(iter(self.waiting))
                job = self.take(key)
                self.working = key
            try:
                self.work(key, job)
            finally:
                with self.changed:
                    self.working = None
                    self.changed.notify_all()


Copy = tuple["SaveFile", int, str]  # a save, the record its copy follows, the log's text


class Copier(Worker[Path, Copy, Copy]):
    """Writes the autosave copies, so a step's frame never waits for one.

    Copies are redundancy (the log is durable before a step is shown), so they may lag: per save only
    the newest copy waits, a newer one replaces it, and each is still written whole and atomically
    (`write_atomic`). `flush` waits until the copies handed over are on disk: reading a save back in
    this process does, and so does a clean quit (the App's loop, and at exit: `flush`)."""

    def put(self, file: SaveFile, number: int, text: str) -> None:
        """Hand over the copy of `file`'s log as it stood after record `number`."""
        with self.changed:
            self.waiting[file.path.absolute()] = (file, number, text)
            self.wake()

    def where(self, key: Path) -> Path:
        return key

    def take(self, key: Path) -> Copy:
        return self.waiting.pop(key)

    def work(self, key: Path, job: Copy) -> None:
        file, number, text = job
        try:
            file.copy(number, text)
        except Exception as problem:  # the log itself is durable: a missing copy costs only redundancy
            logging.getLogger("incluzo.saves").error("autosave of %s not written: %s", key, problem)


COPIER = Copier("incluzo-autosave")


class Batch(NamedTuple):
    """Records of one file taken by the writer at once: records first..number, as one piece of bytes;
    `text` is the whole log after them when an autosave copy should follow (a step was among them)."""

    first: int
    number: int
    data: bytes
    text: str | None


class Writer(Worker["SaveFile", None, Batch]):
    """Appends the logs' records, each file's in the order they were handed over, so a frame never
    waits on the disk: records handed over while a write is under way go together in the next. A
    file's `synced` counts its records on disk; `SaveFile.wait` waits for it. Its `changed` guards
    every SaveFile's records in memory too."""

    def put(self, file: SaveFile) -> None:
        """`file` has records to write (the caller holds `changed`)."""
        self.waiting[file] = None
        self.wake()

    def where(self, key: SaveFile) -> Path:
        return key.path.absolute()

    def take(self, key: SaveFile) -> Batch:
        del self.waiting[key]
        return key.take()

    def work(self, key: SaveFile, job: Batch) -> None:
        try:
            key.write(job)
        except Exception as problem:  # the thread goes on for the other saves; this one takes no more
            logging.getLogger("incluzo.saves").error("records of %s not written: %s", key.path, problem)
            key.refused(problem if isinstance(problem, OSError) else OSError(errno.EIO, str(problem)))


WRITER = Writer("incluzo-saves")


def flush(path: Path | None = None) -> None:
    """Until the records and autosave copies handed over (of the save at `path`, when given) are on
    disk: before a save is read back in this process, at a clean quit, and at exit."""
    WRITER.flush(path)
    COPIER.flush(path)


atexit.register(flush)


class SaveFile:
    """One session's log on disk, written by the `Writer`'s thread.

    The game's steps (`step`) are handed over without waiting; `behind` says whether the last of them
    is not on disk yet (the window shows it only once it is). The phones' records (`extend`) and
    `append` return only once they are durable. A write the disk refused stops the file: every later
    call raises that OSError, and nothing more is written to it (a record after a gap would be worse).

    `trace`, when set, is told each step of saving records first..n, from the writer's thread:
    ("saving", first) before the write, ("written", n) before its fsync, ("synced", n) once they are
    durable (before the window may show them); then, from the copier's thread, ("autosaving", n) before
    the autosave copy of the log after record n and ("saved", n) once that is on disk too (a copy
    replaced by a newer one before it was written is not told). The fault test kills the game at each.
    """

    def __init__(
        self, path: Path, log: SaveLog, read_from: Path | None = None, damage: Phrase | None = None
    ) -> None:
        self.path = path
        self.log = log  # every record handed over, in order: what the game stands on
        self.read_from = read_from or path  # the file its log was read back from: itself or an autosave
        self.damage = damage  # what reading it back had to leave out (None: it was whole), for the room
        self.text = log.text()  # the log as on disk once written, kept as it grows (for the autosaves)
        self.trace: Callable[[str, int], None] | None = None
        self.queued: list[bytes] = []  # records handed over, not yet taken by the writer
        self.taken = self.synced = self.stepped = len(log.entries)  # the writer's; on disk; the game's
        self.copy_due = False  # a step is among the records queued: an autosave copy follows them
        self.failed: OSError | None = None

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

    def step(self, entries: Sequence[Entry]) -> None:
        """Hand over a step's records of the game, and go on: the writer's thread appends them, then
        an autosave copy follows. Raises the OSError that stopped an earlier write."""
        self._hand_over(entries, step=True)

    def append(self, entry: Entry) -> None:
        """One record of the game, durable when this returns (then an autosave copy follows)."""
        self.wait(self._hand_over([entry], step=True))

    def extend(self, entries: Sequence[Entry]) -> None:
        """The phones' records (the votes of one frame), durable when this returns; no autosave copy
        follows (a vote is durable in the log itself, and a copy of the whole log for every frame of
        votes would keep the disk busy). Called from the phones' thread."""
        self.wait(self._hand_over(entries, step=False))

    def _hand_over(self, entries: Sequence[Entry], *, step: bool) -> int:
        """Queue the records for the writer; the number of the last of them."""
        hold(self.path)  # taken before the first record; a no-op once held (savelock)
        lines = "".join(savelog.encode(entry) + "\n" for entry in entries)
        with WRITER.changed:
            if self.failed is not None:
                raise self.failed
            if not entries:
                return len(self.log.entries)
            self.log = SaveLog(self.log.header, (*self.log.entries, *entries))
            self.text += lines
            self.queued.append(lines.encode("utf-8"))
            number = len(self.log.entries)
            if step:
                self.stepped, self.copy_due = number, True
            WRITER.put(self)
            return number

    @property
    def behind(self) -> bool:
        """Whether the game's last step is not on disk yet (or never will be: see `check`)."""
        return self.synced < self.stepped

    def check(self) -> None:
        """Raise the OSError that stopped the writing of this file, if any."""
        if self.failed is not None:
            raise self.failed

    def wait(self, number: int | None = None) -> None:
        """Until the records up to `number` (default: all handed over) are on disk; raises the OSError
        that stopped them."""
        number = len(self.log.entries) if number is None else number
        with WRITER.changed:
            WRITER.changed.wait_for(lambda: self.synced >= number or self.failed is not None)
        self.check()

    def take(self) -> Batch:
        """The records queued, for the writer (which holds WRITER.changed)."""
        first, number = self.taken + 1, len(self.log.entries)
        batch = Batch(first, number, b"".join(self.queued), self.text if self.copy_due else None)
        self.queued, self.taken, self.copy_due = [], number, False
        return batch

    def write(self, batch: Batch) -> None:
        """Append the batch with one write and fsync (the writer's thread); then hand its copy over."""
        self.check()
        if self.trace:
            self.trace("saving", batch.first)
        handle = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        try:
            data = batch.data
            while data:
                data = data[os.write(handle, data) :]
            if self.trace:
                self.trace("written", batch.number)
            os.fsync(handle)
        finally:
            os.close(handle)
        if self.trace:
            self.trace("synced", batch.number)
        with WRITER.changed:
            self.synced = batch.number
            WRITER.changed.notify_all()
        if batch.text is not None:
            COPIER.put(self, batch.number, batch.text)

    def refused(self, problem: OSError) -> None:
        """The disk refused a write: this file takes no more (the writer's thread)."""
        with WRITER.changed:
            self.failed = self.failed or problem
            WRITER.changed.notify_all()

    def copy(self, number: int, text: str) -> None:
        """Write `text`, the log after record `number`, to its autosave slot (the copier calls this)."""
        if self.trace:
            self.trace("autosaving", number)
        write_atomic(autosave_paths(self.path)[number % AUTOSAVES], text)
        if self.trace:
            self.trace("saved", number)

    def rewrite(self, log: SaveLog) -> None:
        """Replace the file with `log` in one step (after a damaged save was read back)."""
        self.wait()
        text = log.text()
        write_atomic(self.path, text)
        with WRITER.changed:
            self.log, self.text = log, text
            self.taken = self.synced = self.stepped = len(log.entries)


def decision_types() -> tuple[type[savelog.Entry], ...]:
    """The records that make a save worth resuming."""
    return ChooseEntry, AdvanceEntry, SkipEntry, savelog.TeamPickEntry, savelog.TeamSkipEntry


def read_leniently(path: Path) -> savelog.Parsed:
    """Parse one file leniently: a regular file only, never read past the size limit."""
    try:
        data = files.read_limited(path, savelog.MAX_BYTES)
    except files.Refused as error:
        code = "SAV011" if isinstance(error, files.TooLarge) else "SAV001"
        return savelog.Parsed(None, SaveProblem(code, str(path), 1, 1, "", {"reason": error.reason}))
    return savelog.parse(data, str(path))


def best_copy(path: Path, first: savelog.Parsed | None = None) -> tuple[SaveLog | None, Path]:
    """The longest good state among a save (`first`, when already read) and, when it is damaged, its
    autosaves of the same header; with the file it came from. Copies this process still owes are
    written first."""
    flush(path)
    first = first or read_leniently(path)
    best, used = first.log, path
    if first.problem is not None:
        for slot in autosave_paths(path):
            if not files.is_regular(slot):
                continue
            candidate = read_leniently(slot).log
            if (
                candidate is not None
                and candidate.header == (best or candidate).header
                and (best is None or len(candidate.entries) > len(best.entries))
            ):
                best, used = candidate, slot
    return best, used


def restore(path: Path) -> SaveFile:
    """Take the save for this process (`hold`), and read it back, falling back to the longest good
    state among it and its autosaves; the file says where it was read from and what had to be left out.

    The log file is repaired (rewritten with that state) when it was damaged, so the game can go on
    appending to it. Raises SaveError when nothing usable is left, when a newer incluzo wrote it, or
    when another incluzo has it open.
    """
    hold(path)
    first = read_leniently(path)
    best, used = best_copy(path, first)
    if best is None:
        assert first.problem is not None
        raise SaveError(first.problem)
    file = SaveFile(path, best, used, _damage(path, used, first, best.steps))
    if first.problem is not None:
        file.rewrite(best)
    return file


def _damage(path: Path, used: Path, first: savelog.Parsed, steps: int) -> Phrase | None:
    """What the room should be told about a save read back from `used`; None when it was whole."""
    if first.problem is None and used == path:
        return None
    if first.truncated and used == path:
        return said("save.interrupted", steps=steps)
    where = first.problem or str(path)
    if used != path:
        return said("save.damaged.autosave", where=where, file=used.name, steps=steps)
    return said("save.damaged", where=where, steps=steps)


def _session_logs(folder: Path) -> Iterator[Path]:
    """The session logs in a folder, newest first (autosave copies, temporary and special files left
    out): only their names and times are read here."""
    if not folder.is_dir():
        return iter(())
    logs = [
        p
        for p in files.regular_files(folder.glob(f"*{SUFFIX}"))
        if ".autosave-" not in p.name and not p.name.startswith(".")
    ]

    def newest(path: Path) -> tuple[int, str]:
        try:
            return path.stat().st_mtime_ns, path.name
        except OSError:
            return 0, path.name

    return iter(sorted(logs, key=newest, reverse=True)[:SCAN])


def peek(path: Path) -> SaveLog | None:
    """The good part of a save without repairing anything (None when even its header is unusable)."""
    with suppress(SaveError):
        return read_leniently(path).log
    return None


def _glance(path: Path) -> tuple[str | None, bool]:
    """From a save's two ends only: the scenario id its header names (None when unsure), and whether
    its last record closed the game. A big log that is finished, or of another scenario, is passed
    over without being read; any doubt leaves the full read to decide."""
    try:
        head, tail = files.read_ends(path, savelog.MAX_BYTES, GLANCE)
    except files.Refused:
        return None, False
    scenario: str | None = None
    with suppress(ValueError, UnicodeDecodeError):
        header = json.loads(head.split(b"\n", 1)[0])
        if isinstance(header, dict) and header.get("type") == "header":
            found = header.get("scenario")
            scenario = found if isinstance(found, str) else None
    finished = False
    if tail.endswith(b"\n"):
        with suppress(ValueError, UnicodeDecodeError):
            last = json.loads(tail.rstrip(b"\n").rsplit(b"\n", 1)[-1])
            finished = isinstance(last, dict) and last.get("type") == "finished"
    return scenario, finished


def find_unfinished(scenario_id: str | None = None, folder: Path | None = None) -> Path | None:
    """The newest save with a decision in it whose game has not reached its debrief (of one scenario,
    when given), and that no other incluzo has open. A session left at its briefing is not worth
    offering. A damaged save counts with its best intact copy (an autosave may hold all of it). Only
    the two ends of the others are read, so many big finished logs do not slow the start. Records
    this process still owes are written first."""
    flush()
    for path in _session_logs(folder or saves_dir()):
        named, finished = _glance(path)
        if finished or (scenario_id is not None and named not in (None, scenario_id)):
            continue
        log, _ = best_copy(path)
        if log is None or log.finished or scenario_id not in (None, log.header.scenario):
            continue
        if any(isinstance(e, decision_types()) for e in log.entries) and not in_use(path):
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
        file.step([FinishedEntry(savelog.Id(ending) if ending and ID_PATTERN.fullmatch(ending) else None)])


def named_scenario(log: SaveLog, save: Path) -> Scenario:
    """The scenario the save's header names, when no file was given to resume onto.

    That path is untrusted input (a save travels and can be edited): it is read like any scenario
    (a regular file only, at most its size limit), shown cut short, and a file that is no scenario, or
    another one, is refused without echoing what it holds. Raises SaveError (SAV013, SAV014).
    """
    source = log.header.source

    def refuse(reason: Phrase) -> SaveError:
        params = {"source": echo(source, 80), "reason": reason}
        return SaveError(SaveProblem("SAV014", str(save), 1, 1, "source", params, "give_file"))

    if not source:
        raise refuse(said("problem.reason.no_file"))
    try:
        scenario = load_file(source)
    except ScenarioError as error:
        first = error.problems[0]
        raise refuse(said("problem.reason.code_at", code=first.code, line=first.line)) from None
    if scenario.id != log.header.scenario:
        names = {"saved": log.header.scenario, "given": scenario.id}
        raise SaveError(SaveProblem("SAV013", str(save), 1, 1, "scenario", names, "give_file"))
    return scenario


@overload
def resume(path: Path, scenario: Scenario | None = None) -> tuple[SaveFile, Rebuilt[Session]]: ...


@overload
def resume(
    path: Path, scenario: Scenario | None, replay: Callable[[Scenario, SaveLog], Rebuilt[S]]
) -> tuple[SaveFile, Rebuilt[S]]: ...


def resume(
    path: Path,
    scenario: Scenario | None = None,
    replay: Callable[[Scenario, SaveLog], Rebuilt[Any]] = savelog.replay,
) -> tuple[SaveFile, Rebuilt[Any]]:
    """Read a save back and `replay` it (`savelog.replay` for one group, `workshoplog.replay` for
    competing teams) onto `scenario` (the FILE given to resume; by default the file the header names,
    see `named_scenario`): the file to go on appending to, and the game rebuilt.

    The scenario's id must be the save's; when its content changed since (another content hash), the
    log is replayed as far as it fits and rewritten to that, under the new hash, so later records
    follow on from the state the players see. What the room should be told: `file.damage` and
    `rebuilt.warnings()`. Raises SaveError.
    """
    file = restore(path)
    scenario = scenario or named_scenario(file.log, path)
    savelog.check_scenario(scenario, file.log, str(path))
    rebuilt = replay(scenario, file.log)
    if rebuilt.log != file.log:
        file.rewrite(rebuilt.log)
    return file, rebuilt
