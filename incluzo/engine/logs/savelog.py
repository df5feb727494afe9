"""A session as its decision log: typed JSON records, one per line, only ever appended.

The log is the save. Its first record, the header, names the scenario (id and content hash), the
seed, the mode and the teams; every later record is an action (start, choose, advance, skip, end_early,
undo) or a note that other parts of incluzo add (poll counts, profiles, times). The game state is never
stored: it is rebuilt by replaying the actions, so a save can never disagree with the rules.
New record types register with `@record("name")` on a frozen Struct; their fields are checked
against the annotations, so an untrusted save can only ever produce well-typed values.
"""

from __future__ import annotations

import json
import math
import types
import typing
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, ClassVar, Generic, NewType, TypeVar

from msgspec import Struct
from msgspec.structs import fields, replace

from incluzo import __version__
from incluzo.engine.logs.carry import carry
from incluzo.engine.play.phases import Phase
from incluzo.engine.play.rules import Refusal
from incluzo.engine.play.session import Action, Advance, Choose, Finish, Session, Skip, Start
from incluzo.engine.scenario import yamlsource
from incluzo.engine.scenario.loader import ID_PATTERN
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.problems import Phrase, Problem, ScenarioError, said

FORMAT = 1
MAX_BYTES = 5_000_000  # a long workshop writes some tens of kilobytes
MAX_LINE = 64_000  # characters in one record
MAX_RECORDS = 20_000
MAX_STRING = 5_000  # characters in one text value, as in a scenario
MAX_ID = 64
MAX_DIGITS = 18  # digits in one whole number
MAX_REPLAY_STEPS = 200_000  # actions re-applied while replaying (an undo re-applies the log before it)

Id = NewType("Id", str)

# A SAV code's words are the catalogs' `problem.<code>`, its hints' `problem.save_hint.<name>`; SAV codes
# are listed in docs/robustness.md.


class SaveProblem(Problem, frozen=True):
    """A located finding in a save file, told like a scenario problem."""

    HINTS: ClassVar[str] = "problem.save_hint"


class SaveError(Exception):
    """A save that cannot be used (or only up to `problem.line`)."""

    def __init__(self, problem: SaveProblem) -> None:
        self.problem = problem
        super().__init__(problem.format())


def _fail(
    code: str,
    path: str = "",
    hint: str | None = None,
    hint_params: Mapping[str, Any] | None = None,
    **params: Any,
) -> _Invalid:
    return _Invalid(code, path, params, hint, hint_params or {})


class _Invalid(Exception):
    """A problem inside one record, before its file and line are known."""

    def __init__(
        self,
        code: str,
        path: str,
        params: Mapping[str, Any],
        hint: str | None,
        hint_params: Mapping[str, Any],
        column: int = 1,
    ) -> None:
        super().__init__(code)
        self.code, self.path, self.params, self.hint, self.hint_params = code, path, params, hint, hint_params
        self.column = column

    def at(self, source: str, line: int) -> SaveError:
        return SaveError(
            SaveProblem(
                self.code, source, line, self.column, self.path, self.params, self.hint, self.hint_params
            )
        )


# --- values: JSON to typed fields ---------------------------------------------------------------

_SCALARS: dict[Any, Phrase] = {
    str: said("problem.type.text"),
    Id: said("problem.type.id"),
    int: said("problem.type.whole_number"),
    float: said("problem.type.number"),
    bool: said("problem.type.bool"),
}
_LIST, _MAP = said("problem.type.json_list"), said("problem.type.json_map")


def _check_supported(hint: Any) -> None:
    """Fail when a record type uses a field type a save cannot hold."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in _SCALARS:
        return
    if origin in (types.UnionType, typing.Union) and len(args) == 2 and type(None) in args:
        _check_supported(next(a for a in args if a is not type(None)))
    elif origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        _check_supported(args[0])
    elif origin is dict and args[0] is str:
        _check_supported(args[1])
    else:
        raise TypeError(f"a save record cannot hold values of type {hint!r}")


def _kind(value: Any) -> Phrase | str:
    if isinstance(value, dict):
        return _MAP
    if isinstance(value, list):
        return _LIST
    if value is None:
        return "null"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(value: str, path: str) -> str:
    if len(value) > MAX_STRING:
        raise _fail(
            "SAV011", path, reason=said("problem.reason.characters", count=len(value), most=MAX_STRING)
        )
    index = yamlsource.unsafe_character(value)
    if index is not None:
        raise _fail("SAV010", path, char=yamlsource.describe_character(value[index]))
    return value


def _value(value: Any, hint: Any, path: str) -> Any:
    """Check one JSON value against a field type; lists become tuples."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return None if value is None else _value(value, next(a for a in args if a is not type(None)), path)
    expected = _SCALARS.get(hint) or (_LIST if origin is tuple else _MAP)
    if hint is Id:
        if not isinstance(value, str):
            raise _fail("SAV007", path, expected=expected, found=_kind(value))
        if len(value) > MAX_ID or not ID_PATTERN.fullmatch(value):
            raise _fail("SAV008", path, value=yamlsource.shown(value))
        return value
    if hint is str and isinstance(value, str):
        return _text(value, path)
    if hint is bool and isinstance(value, bool):
        return value
    if hint is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if origin is tuple and isinstance(value, list):
        return tuple(_value(item, args[0], f"{path}[{i}]") for i, item in enumerate(value))
    if origin is dict and isinstance(value, dict):
        return {_text(key, path): _value(item, args[1], f"{path}.{key}") for key, item in value.items()}
    raise _fail("SAV007", path, expected=expected, found=_kind(value))


# --- record types -------------------------------------------------------------------------------


class Entry(Struct, frozen=True):
    """One record of the log; subclasses are frozen Structs registered with @record."""

    TYPE: ClassVar[str] = ""


E = TypeVar("E", bound=type[Entry])
RECORDS: dict[str, type[Entry]] = {}
STEP_RECORDS: set[type[Entry]] = set()  # records that are steps of play (counted by SaveLog.steps)


def record(name: str, *, step: bool = False) -> Callable[[E], E]:
    """Register a record type under `name`; its field annotations say what a valid record holds.
    `step`: a step of play (a decision, an undo), not a note."""

    def register(cls: E) -> E:
        cls.TYPE = name
        RECORDS[name] = cls
        if step:
            STEP_RECORDS.add(cls)
        return cls

    return register


@cache
def required_fields(name: str) -> tuple[str, ...]:
    """The fields the record registered as `name` has no default for (looked up once per record)."""
    return tuple(f.name for f in fields(RECORDS[name]) if f.required)


@cache
def field_hints(name: str) -> dict[str, Any]:
    """The field types of the record registered as `name`, resolved when a log is first read (not at
    start-up: a new game only writes); each is one `_value` can check (tests/test_savelog.py asks this
    of every record)."""
    cls = RECORDS[name]
    hints = typing.get_type_hints(cls)
    found = {f.name: hints[f.name] for f in fields(cls)}
    for hint in found.values():
        _check_supported(hint)
    return found


@record("header")
class Header(Entry, frozen=True):
    """The first record: what was played, how, and by whom."""

    format: int
    incluzo: str
    scenario: Id
    content_hash: str
    seed: int
    mode: Id
    teams: tuple[str, ...] = ()
    source: str = ""  # the scenario file the session was started from


@record("start", step=True)
class StartEntry(Entry, frozen=True):
    pass


@record("choose", step=True)
class ChooseEntry(Entry, frozen=True):
    choice: Id
    card: Id | None = None  # the card it was made on, to tell a changed scenario


@record("advance", step=True)
class AdvanceEntry(Entry, frozen=True):
    card: Id | None = None  # the card shown before going on
    counts: tuple[int, ...] | None = None  # a poll card's counts as typed (rules.advance records them)


@record("undo", step=True)
class UndoEntry(Entry, frozen=True):
    pass


@record("finished")
class FinishedEntry(Entry, frozen=True):
    """The game reached its debrief; a log without it is an unfinished session."""

    ending: Id | None = None


@record("skip", step=True)
class SkipEntry(Entry, frozen=True):
    """The facilitator skipped the card (K): no choice, no cost, no move."""

    card: Id | None = None  # the card that was skipped, to tell a changed scenario


@record("end_early", step=True)
class EndEarlyEntry(Entry, frozen=True):
    """The facilitator ended the game (X, one group) into the debrief, every decision kept."""

    card: Id | None = None  # the card on screen, or the card just left on an outcome


# --- a workshop's records (team play; the shell's notes), replayed by workshoplog ----------------


@record("team-pick", step=True)
class TeamPickEntry(Entry, frozen=True):
    team: int
    choice: Id
    card: Id | None = None  # the room card it was made on


@record("team-unpick", step=True)
class TeamUnpickEntry(Entry, frozen=True):
    team: int


@record("team-reveal", step=True)
class TeamRevealEntry(Entry, frozen=True):
    card: Id | None = None
    ms: int = 0  # deliberation time used
    counts: tuple[int, ...] | None = None  # a poll's counts


@record("team-go-on", step=True)
class TeamGoOnEntry(Entry, frozen=True):
    pass


@record("team-undo", step=True)
class TeamUndoEntry(Entry, frozen=True):
    team: int | None = None  # None: the latest round, for every team in it


@record("team-end", step=True)
class TeamEndEntry(Entry, frozen=True):
    pass


@record("team-skip", step=True)
class TeamSkipEntry(Entry, frozen=True):
    card: Id | None = None  # the room card that was skipped
    ms: int = 0  # deliberation time used before it was skipped


@record("deliberation")
class DeliberationEntry(Entry, frozen=True):
    """How long a card was deliberated before the decision (solo play; team reveals carry their own)."""

    card: Id
    ms: int


@record("profile")
class ProfileEntry(Entry, frozen=True):
    """A "Welke bril?" result: per quadrant the exact score as text, current and desired."""

    respondents: int
    current: tuple[str, ...]
    desired: tuple[str, ...]
    questionnaire: Id | None = None
    label: str = ""  # e.g. a team name; never a person's name


@record("phone-join")
class PhoneJoinEntry(Entry, frozen=True):
    """A phone joined the room (team None) or a team; `device` is a digest of its token, never a name."""

    device: Id
    team: int | None = None


@record("phone-vote")
class PhoneVoteEntry(Entry, frozen=True):
    """One phone's vote for its team's choice in a round, or for a poll option (`ask` names which)."""

    device: Id
    ask: Id
    option: Id


@record("phone-answers")
class PhoneAnswersEntry(Entry, frozen=True):
    """One phone's "Welke bril?" sheet: per theme its points as '4,3,2,1', current and desired."""

    device: Id
    ask: Id
    current: tuple[str, ...]
    desired: tuple[str, ...]
    team: str = ""


@record("phone-room")
class PhoneRoomEntry(Entry, frozen=True):
    """The room's PINs, so a resumed session keeps them and its phones come back without a new PIN."""

    pin: str
    desk_pin: str


class TakeBack(Struct, frozen=True):
    """Take back the last decision: one group's step beside the session's own actions (the screens ask
    for it with `scenes.actions.Undo`)."""


Step = Action | TakeBack


def entry_for(step: Step, card: str | None) -> Entry:
    """The record of a step taken while `card` was the current card."""
    if isinstance(step, Choose):
        return ChooseEntry(Id(step.choice), Id(card) if card else None)
    if isinstance(step, Advance):
        return AdvanceEntry(Id(card) if card else None, step.counts)
    if isinstance(step, Skip):
        return SkipEntry(Id(card) if card else None)
    if isinstance(step, Finish):
        return EndEarlyEntry(Id(card) if card else None)
    if isinstance(step, Start):
        return StartEntry()
    return UndoEntry()


def perform(session: Session, step: Step) -> tuple[Refusal | None, Entry | None]:
    """Take one step; when it was done, also the entry to append to the log."""
    card = session.last.card if session.phase == Phase.OUTCOME and session.last else session.game.card
    if isinstance(step, TakeBack):
        done = session.undo()
        return (None, UndoEntry()) if done else (Refusal("wrong_phase", session.phase), None)
    refusal = session.apply(step)
    return (refusal, None) if refusal else (None, entry_for(step, card))


def _entry(raw: Any) -> Entry:
    """A decoded JSON value to a typed record, or _Invalid."""
    if not isinstance(raw, dict):
        raise _fail("SAV007", expected=said("problem.type.record"), found=_kind(raw))
    kind = raw.get("type")
    if not isinstance(kind, str):
        raise _fail(
            "SAV005" if kind is None else "SAV007",
            "type",
            key="type",
            expected=_SCALARS[str],
            found=_kind(kind),
        )
    if kind not in RECORDS:
        raise _fail("SAV004", "type", "types", {"allowed": ", ".join(RECORDS)}, value=yamlsource.shown(kind))
    if kind == "header" and isinstance(raw.get("format"), int) and raw["format"] > FORMAT:
        raise _fail(
            "SAV012",
            "format",
            "update",
            version=yamlsource.shown(str(raw.get("incluzo"))),
            format=raw["format"],
            running=__version__,
            readable=FORMAT,
        )
    cls, hints = RECORDS[kind], field_hints(kind)
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "type":
            continue
        if key not in hints:
            raise _fail("SAV006", yamlsource.shown(key), key=yamlsource.shown(key))
        values[key] = _value(value, hints[key], key)
    missing = [name for name in required_fields(kind) if name not in values]
    if missing:
        raise _fail("SAV005", missing[0], key=missing[0])
    entry = cls(**values)
    if isinstance(entry, Header) and not 1 <= entry.format <= FORMAT:
        raise _fail(
            "SAV007", "format", expected=said("problem.type.save_format", last=FORMAT), found=entry.format
        )
    return entry


# --- lines: text to JSON --------------------------------------------------------------------------


def _no_constant(name: str) -> Any:
    raise _fail("SAV007", expected=_SCALARS[float], found=name)


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _fail("SAV007", expected=said("problem.type.finite_number"), found=text[:40])
    return number


def _whole(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _fail("SAV011", reason=said("problem.reason.digits", count=len(text), most=MAX_DIGITS))
    return int(text)


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _fail("SAV009", yamlsource.shown(key), key=yamlsource.shown(key))
        result[key] = value
    return result


def decode_line(text: str) -> Entry:
    """One line of a log to a record; raises _Invalid (use `read` or `parse` for located errors)."""
    if len(text) > MAX_LINE:
        raise _fail("SAV011", reason=said("problem.reason.line", count=len(text), most=MAX_LINE))
    try:
        raw = json.loads(
            text,
            object_pairs_hook=_unique,
            parse_constant=_no_constant,
            parse_float=_finite,
            parse_int=_whole,
        )
    except json.JSONDecodeError as error:
        raise _Invalid("SAV002", "", {"reason": error.msg}, None, {}, error.colno) from None
    except RecursionError:
        raise _fail("SAV011", reason=said("problem.reason.nested")) from None
    return _entry(raw)


def encode(entry: Entry) -> str:
    """One record as one line of JSON (without the newline)."""
    values = {name: getattr(entry, name) for name in entry.__struct_fields__}  # (`fields` is slow)
    return json.dumps({"type": entry.TYPE, **values}, ensure_ascii=False, separators=(",", ":"))


# --- whole logs -----------------------------------------------------------------------------------


class SaveLog(Struct, frozen=True):
    header: Header
    entries: tuple[Entry, ...] = ()

    def text(self) -> str:
        """The whole log as JSON Lines, each line ending in a newline."""
        return "".join(encode(e) + "\n" for e in (self.header, *self.entries))

    def appended(self, entry: Entry) -> SaveLog:
        return SaveLog(self.header, (*self.entries, entry))

    @property
    def finished(self) -> bool:
        return any(isinstance(e, FinishedEntry) for e in self.entries)

    @property
    def steps(self) -> int:
        """How many steps (start, choose, advance, skip, undo; a team game's actions) the log holds; notes
        do not count."""
        return sum(type(e) in STEP_RECORDS for e in self.entries)


class Parsed(Struct, frozen=True):
    """What could be read from a save: the log up to the first bad line, and that line's problem."""

    log: SaveLog | None
    problem: SaveProblem | None = None
    truncated: bool = False  # the bad line is an unfinished last line: a write was cut off


def parse(data: bytes, source: str = "<save>") -> Parsed:
    """Read a save leniently: every good record before the first bad one.

    A save written by a newer incluzo is refused outright (SaveError): reading part of it could
    silently lose what that version recorded.
    """

    def problem(code: str, **params: Any) -> Parsed:
        return Parsed(None, SaveProblem(code, source, 1, 1, "", params))

    if len(data) > MAX_BYTES:
        return problem("SAV011", reason=said("problem.reason.bytes", count=len(data), most=MAX_BYTES))
    if not data.strip():
        return problem("SAV003", reason=said("problem.reason.save_empty"))
    lines = data.split(b"\n")
    if not lines[-1].strip():
        lines.pop()  # the newline that ends the last record
    header: Header | None = None
    entries: list[Entry] = []
    for number, raw in enumerate(lines, 1):
        try:
            if number > MAX_RECORDS:
                raise _fail("SAV011", reason=said("problem.reason.records", most=MAX_RECORDS))
            entry = decode_line(_decode_text(raw))
            if (number == 1) != isinstance(entry, Header):
                raise _fail(
                    "SAV003",
                    "type",
                    reason=said("problem.reason.header_later")
                    if number > 1
                    else said("problem.reason.header_first", found=entry.TYPE),
                )
        except _Invalid as invalid:
            error = invalid.at(source, number)
            if error.problem.code == "SAV012":
                raise error from None
            unfinished = number == len(lines) and not data.endswith(b"\n")
            return Parsed(SaveLog(header, tuple(entries)) if header else None, error.problem, unfinished)
        if isinstance(entry, Header):
            header = entry
        else:
            entries.append(entry)
    assert header is not None
    return Parsed(SaveLog(header, tuple(entries)))


def _decode_text(raw: bytes) -> str:
    """One line's bytes to text with the scenario loader's checks (UTF-8, a BOM is dropped)."""
    try:
        return yamlsource.decode(raw, "", yamlsource.Limits(bytes=MAX_BYTES))
    except ScenarioError as error:
        found = error.problems[0]
        raise _Invalid("SAV001", "", found.params, "utf8", {}, found.column) from None


def read(data: bytes, source: str = "<save>") -> SaveLog:
    """Read a save strictly: every problem is a SaveError with its file, line and column."""
    parsed = parse(data, source)
    if parsed.problem is not None:
        raise SaveError(parsed.problem)
    assert parsed.log is not None
    return parsed.log


def new_log(
    scenario: Scenario, *, seed: int, mode: str, teams: tuple[str, ...] = (), source: str = ""
) -> SaveLog:
    """The log of a new session: only its header."""
    header = Header(
        FORMAT, __version__, Id(scenario.id), scenario.content_hash, seed, Id(mode), teams, source
    )
    return SaveLog(header)


# --- replay ---------------------------------------------------------------------------------------


class Misfit(Struct, frozen=True):
    """The first step of a log that no longer fits its scenario, and why."""

    step: int  # its number among the log's steps, from 1
    reason: Phrase  # why, in the catalogs' words
    dropped: int  # the steps after it, not replayed either

    @property
    def code(self) -> str:
        """The reason's code (`choice_gone`, `unknown_choice`, ...)."""
        return self.reason.key.rpartition(".")[2]


S = TypeVar("S")


class Rebuilt(Struct, Generic[S], frozen=True):
    """A game rebuilt from its log, in every mode: the one result of replaying a save (`replay`: resume,
    reports) and of carrying a game over to a new version of its scenario (`rebased`: play as you write).

    `state` is what the records that fit lead to (one group's `Session`, competing teams' `TeamPlay`),
    `log` those records, under the header to go on writing them with (the scenario's content hash)."""

    scenario: Scenario
    state: S
    log: SaveLog
    changed: bool  # the scenario's content differs from the one the log was written with
    misfit: Misfit | None = None

    @property
    def steps(self) -> int:
        """The steps carried over."""
        return self.log.steps

    @property
    def notes(self) -> tuple[Entry, ...]:
        """Records that are not steps: poll counts, profiles, times (for the session report)."""
        return tuple(e for e in self.log.entries if type(e) not in STEP_RECORDS)

    def rebased(self) -> Rebuilt[S]:
        """The same game as a new session of this version: its records under a new header (same seed, mode,
        teams and file), 'finished' left out, since the new version may go on where the old one ended."""
        old = self.log.header
        header = new_log(
            self.scenario, seed=old.seed, mode=old.mode, teams=old.teams, source=old.source
        ).header
        kept = tuple(e for e in self.log.entries if not isinstance(e, FinishedEntry))
        return replace(self, log=SaveLog(header, kept))

    def warnings(self) -> tuple[Phrase, ...]:
        """What the players should know about a resumed game; none when its log fitted exactly."""
        changed = (said("replay.changed"),) if self.changed else ()
        if self.misfit is not None:
            m = self.misfit
            return (
                *changed,
                said("replay.misfit", step=m.step, reason=m.reason, kept=m.step - 1, dropped=m.dropped),
            )
        return (*changed, said("replay.fits", count=self.steps)) if self.changed else ()

    def stopped(self) -> Phrase | None:
        """Why replay stopped, or None when every step carried over."""
        return self.misfit.reason if self.misfit else None


def rebuilt(
    scenario: Scenario, state: S, log: SaveLog, fits: int, reason: Phrase | None = None
) -> Rebuilt[S]:
    """The game `state` that the first `fits` records of `log` lead to; `reason`: why the next did not fit."""
    kept = log.entries[:fits]
    header = replace(log.header, content_hash=scenario.content_hash)
    misfit = None
    if reason is not None:
        step = sum(type(e) in STEP_RECORDS for e in kept) + 1
        misfit = Misfit(step, reason, log.steps - step)
    return Rebuilt(
        scenario, state, SaveLog(header, kept), scenario.content_hash != log.header.content_hash, misfit
    )


def check_scenario(scenario: Scenario, log: SaveLog, source: str = "<save>") -> None:
    """Raise SaveError when the log belongs to another scenario."""
    if log.header.scenario != scenario.id:
        names = {"saved": log.header.scenario, "given": scenario.id}
        raise SaveError(SaveProblem("SAV013", source, 1, 1, "scenario", names, "scenario"))


def _action_of(entry: Entry) -> Action | None:
    if isinstance(entry, ChooseEntry):
        return Choose(entry.choice)
    if isinstance(entry, AdvanceEntry):
        return Advance(entry.counts)
    if isinstance(entry, SkipEntry):
        return Skip()
    if isinstance(entry, EndEarlyEntry):
        return Finish()
    if isinstance(entry, StartEntry):
        return Start()
    return None


def _misfit(session: Session, entry: Entry) -> Phrase | None:
    """Take the step `entry` records on `session`, or say why it no longer fits."""
    if isinstance(entry, UndoEntry):
        return None if session.undo() else said("refusal.nothing_to_undo")
    action = _action_of(entry)
    if action is None:
        return None  # a note: it changes nothing in the game
    # The card the step was taken on; an advance or an end from an outcome was not taken on a card.
    card = entry.card if isinstance(entry, ChooseEntry | AdvanceEntry | SkipEntry | EndEarlyEntry) else None
    before = card if isinstance(entry, ChooseEntry | SkipEntry) or session.phase == Phase.CARD else None
    return carry(session, action, before)


def replay(scenario: Scenario, log: SaveLog, source: str = "<save>") -> Rebuilt[Session]:
    """Rebuild one group's (or one player's) session from its log; on a changed scenario, as far as the
    log still fits. Raises SaveError when the log belongs to another scenario."""
    check_scenario(scenario, log, source)
    return _replayed(scenario, log)


def rebase(scenario: Scenario, log: SaveLog) -> Rebuilt[Session]:
    """One group's game carried over to a new version of its scenario (play as you write, rebase.py), as
    far as its log still fits, as a new session of that version (`Rebuilt.rebased`)."""
    return _replayed(scenario, log).rebased()


def _replayed(scenario: Scenario, log: SaveLog) -> Rebuilt[Session]:
    session = Session(scenario)
    steps = 0
    for number, entry in enumerate(log.entries):
        steps += len(session.log) if isinstance(entry, UndoEntry) else 1
        reason = said("replay.too_many_undos") if steps > MAX_REPLAY_STEPS else _misfit(session, entry)
        if reason is not None:
            return rebuilt(scenario, session, log, number, reason)
    return rebuilt(scenario, session, log, len(log.entries))


def fingerprint(session: Session) -> dict[str, Any]:
    """Everything a player sees of a session, as plain data: two sessions with the same fingerprint
    show the same screen (used to prove a restored game equals the one rebuilt from its log)."""
    game = session.game
    return {
        "phase": session.phase,
        "card": game.card,
        "meters": list(game.meters),
        "position": list(game.position),
        "tally": list(game.tally),
        "ending": game.ending,
        "ended_early": game.ended_early,
        "decisions": [
            [d.card, d.choice, list(d.counts) if d.counts else None, d.skipped] for d in game.decisions
        ],
    }
