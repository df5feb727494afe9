"""Reading session logs for `incluzo report`: each session once, however many files name it.

A session's log has up to three autosave copies beside it (`NAME.autosave-N.jsonl`); a glob such as
`saves/*.jsonl` names them all, a folder holds them all, and a copy may sit in another folder. Files are
grouped by session (the log's name without the autosave part, and its header line) and each session is
read once: from its log, or from the longest good copy when the log is damaged. Logs are read one at a
time, so the work grows linearly with the files given.

Every record that would spoil a figure (a profile with the wrong number of values or out of range, a
negative or absurd time, no respondents) is left out with a located note; the rest of the log counts.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from msgspec import Struct

from incluzo.engine.logs import savelog, workshoplog
from incluzo.engine.logs.aggregate import LoggedSession
from incluzo.engine.questionnaire.themes import SCALE, Result
from incluzo.engine.scenario.loader import load_file
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.problems import ScenarioError
from incluzo.i18n import message
from incluzo.persistence import SUFFIX
from incluzo.persistence import read_leniently as read_save

MAX_MS = 24 * 60 * 60 * 1000  # a card deliberated longer than a day is a broken record
MAX_RESPONDENTS = 100_000
_AUTOSAVE = re.compile(r"\.autosave-\d+$")
_STAMP = re.compile(r"(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})")


def note(key: str, lang: str, **params: object) -> str:
    """A note of the reading, in the report's language (catalog keys report.note.*)."""
    return message(f"report.note.{key}", lang, **params)


class Skipped(Struct, frozen=True):
    source: str
    reason: str


def log_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Each file as given; each folder's session logs and their autosave copies, in name order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.glob(f"*{SUFFIX}") if not p.name.startswith("."))
        else:
            yield path


def base_name(path: Path) -> str:
    """The session's log name a file stands for: `x.autosave-2.jsonl` stands for `x.jsonl`."""
    return _AUTOSAVE.sub("", path.name.removesuffix(SUFFIX)) + SUFFIX


def _header_line(path: Path) -> bytes:
    """The first line of a file (bounded), to tell sessions of the same name apart; nothing is opened
    that is not a regular file (a pipe would wait for a writer forever)."""
    if not path.is_file():
        return b""
    try:
        with path.open("rb") as handle:
            return handle.readline(savelog.MAX_LINE + 1).rstrip(b"\r\n")
    except OSError:
        return b""


def sessions(paths: Iterable[Path]) -> list[list[Path]]:
    """The files grouped by session, each session's own log first, then its copies; each file once."""
    groups: dict[tuple[str, bytes], list[Path]] = {}
    seen: set[Path] = set()
    for path in paths:
        real = path.resolve() if path.exists() else path
        if real in seen:
            continue
        seen.add(real)
        groups.setdefault((base_name(path), _header_line(path)), []).append(path)
    ordered = sorted(groups.items(), key=lambda item: (item[0][0], str(item[1][0])))
    return [sorted(files, key=lambda p: (p.name != base_name(p), str(p))) for _, files in ordered]


def played_at(path: Path) -> str:
    """When the session started: the time stamp in the log's name, else the file's modification time."""
    found = _STAMP.search(path.name)
    if found:
        year, month, day, hour, minute, _ = found.groups()
        return f"{year}-{month}-{day} {hour}:{minute}"
    try:
        stamp = _dt.datetime.fromtimestamp(path.stat().st_mtime)
    except (OSError, ValueError, OverflowError):
        return ""
    return stamp.strftime("%Y-%m-%d %H:%M")


class ScenarioFinder:
    """Scenarios by id: the file a log names first, else any file in the folders with that id."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = folders
        self.loaded: dict[Path, Scenario | None] = {}
        self.candidates: dict[str, list[Path]] = {}

    def load(self, path: Path) -> Scenario | None:
        if path not in self.loaded:
            try:
                self.loaded[path] = load_file(path) if path.is_file() else None
            except ScenarioError:
                self.loaded[path] = None
        return self.loaded[path]

    def find(self, scenario_id: str, source: str, content_hash: str) -> Scenario | None:
        named = self.load(Path(source)) if source else None
        if named is not None and named.id == scenario_id:
            return named
        if scenario_id not in self.candidates:
            self.candidates[scenario_id] = [
                p for folder in self.folders for p in sorted(folder.glob("*.yaml")) if _may_be(p, scenario_id)
            ]
        matching = [
            s for p in self.candidates[scenario_id] if (s := self.load(p)) is not None and s.id == scenario_id
        ]
        return next(
            (s for s in matching if s.content_hash == content_hash), matching[0] if matching else None
        )


_ID_LINE = re.compile(r"^id:[ \t]*[\"']?([a-z][a-z0-9-]*)", re.MULTILINE)


def _may_be(path: Path, scenario_id: str) -> bool:
    """Whether a file may hold that scenario: a cheap look at its `id:` line before the full load."""
    if not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(100_000).decode("utf-8", errors="replace")
    except OSError:
        return False
    found = _ID_LINE.search(head)
    return found is None or found.group(1) == scenario_id


def best_copy(files: Sequence[Path], lang: str, notes: list[str]) -> tuple[Path, savelog.Parsed]:
    """The session's log as read; when it is damaged, the longest good copy of the same session."""
    first = read_save(files[0])
    own = files[0].name == base_name(files[0])  # the log itself, not only copies of it, was given
    if own and first.problem is None and first.log is not None:
        return files[0], first
    best_path, best = files[0], first
    for copy in files[1:]:
        found = read_save(copy)
        if found.log is not None and (
            best.log is None
            or (found.log.header == best.log.header and len(found.log.entries) > len(best.log.entries))
        ):
            best_path, best = copy, found
    if best_path != files[0] and (own or first.problem is not None):
        reason = first.problem.format(lang) if first.problem else note("unreadable", lang)
        notes.append(f"{files[0]}: {reason}; {note('copy', lang, copy=best_path.name)}")
        if best.problem is None:
            return best_path, best
    if best.log is not None and best.problem is not None:
        notes.append(f"{best.problem.format(lang)} ({note('used', lang, line=best.problem.line - 1)})")
    return best_path, best


def read_session(
    files: Sequence[Path], finder: ScenarioFinder, lang: str, notes: list[str]
) -> LoggedSession | Skipped:
    """One session replayed on its scenario, as far as it is readable and still fits."""
    regular = [f for f in files if f.is_file()]
    if not regular:
        return Skipped(str(files[0]), note("not_regular", lang))
    path, parsed = best_copy(regular, lang, notes)
    if parsed.log is None:
        problem = parsed.problem
        return Skipped(str(files[0]), problem.format(lang) if problem else note("unreadable", lang))
    log = parsed.log
    header = log.header
    scenario = finder.find(header.scenario, header.source, header.content_hash)
    if scenario is None:
        return Skipped(str(files[0]), note("not_found", lang, id=header.scenario))
    if workshoplog.is_team_game(header):
        team = workshoplog.replay(scenario, log)
        games = tuple((seat.team.name, seat.game) for seat in team.state.seats)
        misfit = team.misfit
    else:
        solo = savelog.replay(scenario, log, str(path))
        games = (("", solo.state.game),)
        misfit = solo.misfit
    refusals = [misfit.reason.text(lang)] if misfit else []
    notes += [f"{path}: {notice}" for notice in refusals]
    times: list[tuple[str, int]] = []
    profiles: list[tuple[str, Result]] = []
    quadrants = len(scenario.model.quadrant_ids)
    for number, entry in enumerate(log.entries, 2):  # line 1 is the header
        reason: str | None = None
        if isinstance(entry, savelog.DeliberationEntry | savelog.TeamRevealEntry) and entry.card:
            reason = _time_problem(entry.ms, lang)
            if reason is None:
                times.append((entry.card, entry.ms))
        elif isinstance(entry, savelog.ProfileEntry):
            checked = checked_profile(entry, quadrants, lang)
            if isinstance(checked, str):
                reason = checked
            else:
                profiles.append((entry.label, checked))
        if reason is not None:
            notes.append(f"{path}:{number}: {note('skipped_record', lang, reason=reason)}")
    return LoggedSession(
        str(path), scenario, header.mode, games, tuple(times), tuple(profiles), played_at(files[0])
    )


def whole(value: int, lang: str) -> str:
    """A whole number with the language's thousands separator (5.000 in Dutch, 5,000 in English)."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "nl" else text


def _time_problem(ms: int, lang: str) -> str | None:
    if 0 <= ms <= MAX_MS:
        return None
    return note("ms", lang, value=whole(ms, lang), most=whole(MAX_MS, lang))


def checked_profile(entry: savelog.ProfileEntry, quadrants: int, lang: str) -> Result | str:
    """The result a profile record holds, or why it cannot count."""
    if not 1 <= entry.respondents <= MAX_RESPONDENTS:
        return note(
            "respondents", lang, value=whole(entry.respondents, lang), most=whole(MAX_RESPONDENTS, lang)
        )
    for values in (entry.current, entry.desired):
        if len(values) != quadrants:
            return note("values", lang, found=len(values), wanted=quadrants)
        if any(len(v) > 40 for v in values):
            return note("range", lang, scale=SCALE)
    found = workshoplog.profile_of(entry)
    if found is None:
        return note("not_a_number", lang)
    if not all(0 <= v <= SCALE for v in (*found.current, *found.desired)):
        return note("range", lang, scale=SCALE)
    return found
