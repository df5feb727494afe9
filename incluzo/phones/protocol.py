"""Every message between a phone and the game, both ways: JSON objects over one WebSocket per phone.

The schema is closed. A phone's message is one JSON object with a `type` from `CLIENT_TYPES`, an
increasing `seq` (a message whose seq is not above the last one the room saw from that device is a
replay and is refused) and exactly that type's fields, each of its declared JSON type and within its
bounds. `parse` turns text into a message or a `Refused` with the reason; nothing else is accepted.
The server's messages (`Welcome`, `AskPin`, `Accepted`, `RefusedReply`, `View`, `Bye`) are dataclasses
written with `encode`. docs/phones-protocol.md describes the flow for the phone pages.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

import msgspec
from msgspec import Struct, field

DEFAULT_PORT = 8765  # the server's port unless told otherwise (--phones-port)
MAX_MESSAGE = 8192  # bytes of one phone message; a longer one closes the socket
MAX_SEQ = 2**53 - 1  # the largest integer a phone's JavaScript counts exactly
MAX_ID = 64  # characters of a choice, option or ask id
MAX_THEMES = 50  # the questionnaire's own limit (themes.MAX_THEMES)
QUADRANTS = 4
POINTS = 10
PIN_DIGITS = (4, 6)
TOKEN_CHARS = 43  # secrets.token_urlsafe(32)

_PIN = re.compile(r"^[0-9]{4,6}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")

Role = Literal["player", "facilitator"]
Lang = Literal["nl", "en"]
LANGS = ("nl", "en")
COMMANDS = ("pause", "more-time", "less-time", "reveal", "skip", "next", "close-poll")
Command = Literal["pause", "more-time", "less-time", "reveal", "skip", "next", "close-poll"]


# --- phone to game --------------------------------------------------------------------------------


class Hello(Struct, frozen=True):
    """The first message on every socket: the device's token if it has one (else null) and its language."""

    seq: int
    token: str | None
    lang: Lang


class Join(Struct, frozen=True):
    """The room PIN (or the facilitator's PIN) typed on the phone."""

    seq: int
    pin: str


class ChooseTeam(Struct, frozen=True):
    """Join a team by its number (1 to 6, as on the big screen)."""

    seq: int
    team: int


class Pick(Struct, frozen=True):
    """This phone's vote for its team's choice in the round `ask` names."""

    seq: int
    ask: str
    choice: str


class Vote(Struct, frozen=True):
    """This phone's vote in the poll `ask` names."""

    seq: int
    ask: str
    option: str


class Answers(Struct, frozen=True):
    """A whole "Welke bril?" sheet: per theme the 10 points over the quadrants, current and desired."""

    seq: int
    ask: str
    current: tuple[tuple[int, ...], ...]
    desired: tuple[tuple[int, ...], ...]


class Control(Struct, frozen=True):
    """A facilitator's command (only from a device that joined with the facilitator's PIN)."""

    seq: int
    command: Command


class Leave(Struct, frozen=True):
    """Leave the team (the device keeps its token and may choose again)."""

    seq: int


ClientMessage = Hello | Join | ChooseTeam | Pick | Vote | Answers | Control | Leave


class Refused(Struct, frozen=True):
    """Why a phone's message was not accepted: a reason code (see REASONS) and, for the log, a detail."""

    reason: str
    detail: str = ""


# Reason codes a phone can be told (also in the server's log). The phone pages have words for each.
REASONS = (
    "too-big",  # longer than MAX_MESSAGE: the socket closes
    "not-json",  # not one JSON object: the socket closes
    "schema",  # unknown type, missing, extra or wrongly typed field: the socket closes
    "replay",  # seq not above the last one seen from this device
    "hello-first",  # anything before Hello
    "need-pin",  # a room message before the device joined
    "bad-pin",  # wrong PIN
    "slow-down",  # too many wrong PINs: wait (Refused.detail gives the seconds)
    "no-team",  # a vote before choosing a team
    "unknown-team",  # no such team
    "closed",  # the round, poll or questionnaire `ask` names is not open (an old or foreign message)
    "not-your-team",  # the choice is for a team that does not play this round or is not the phone's
    "unknown-choice",  # not a choice or option of the open question
    "unaffordable",  # the team cannot pay for it (detail: the reason shown on the big screen)
    "already",  # this device already voted in this round, poll or questionnaire
    "points",  # a theme's points are not 4 whole numbers 0 to 10 summing to 10
    "not-facilitator",  # a command from a player's device
    "refused",  # the game refused the command (detail: its notice)
)

_FIELDS: dict[str, dict[str, str]] = {
    "hello": {"seq": "seq", "token": "token?", "lang": "lang"},
    "join": {"seq": "seq", "pin": "pin"},
    "team": {"seq": "seq", "team": "team"},
    "pick": {"seq": "seq", "ask": "id", "choice": "id"},
    "vote": {"seq": "seq", "ask": "id", "option": "id"},
    "answers": {"seq": "seq", "ask": "id", "current": "sheet", "desired": "sheet"},
    "control": {"seq": "seq", "command": "command"},
    "leave": {"seq": "seq"},
}
CLIENT_TYPES = tuple(_FIELDS)


def _check(kind: str, value: Any) -> str | None:
    """None when the value is of the field kind, else what is wrong with it."""
    match kind:
        case "seq":
            ok = type(value) is int and 0 < value <= MAX_SEQ
        case "token?":
            ok = value is None or (isinstance(value, str) and bool(_TOKEN.match(value)))
        case "lang":
            ok = value in LANGS
        case "pin":
            ok = isinstance(value, str) and bool(_PIN.match(value))
        case "team":
            ok = type(value) is int and 1 <= value <= 6
        case "id":
            ok = isinstance(value, str) and bool(_ID.match(value))
        case "command":
            ok = value in COMMANDS
        case "sheet":
            ok = (
                isinstance(value, list)
                and 1 <= len(value) <= MAX_THEMES
                and all(
                    isinstance(row, list)
                    and len(row) == QUADRANTS
                    and all(type(n) is int and 0 <= n <= POINTS for n in row)
                    for row in value
                )
            )
        case _:
            raise ValueError(kind)
    return None if ok else f"bad {kind}"


def valid_token(value: str) -> bool:
    """A device token as the room hands them out (43 URL-safe characters)."""
    return bool(_TOKEN.match(value))


def parse(data: str | bytes) -> ClientMessage | Refused:
    """The phone's message, or why it is refused (too big, not JSON, or outside the closed schema)."""
    size = len(data.encode() if isinstance(data, str) else data)
    if size > MAX_MESSAGE:
        return Refused("too-big", f"{size} bytes")
    try:
        raw = json.loads(data)
    except (ValueError, RecursionError):
        return Refused("not-json")
    if not isinstance(raw, dict):
        return Refused("not-json", "not an object")
    kind = raw.get("type")
    if not isinstance(kind, str) or kind not in _FIELDS:
        return Refused("schema", "unknown type")
    fields = _FIELDS[kind]
    names = set(raw) - {"type"}
    if names != set(fields):
        extra, missing = sorted(names - set(fields)), sorted(set(fields) - names)
        return Refused("schema", f"{kind}: extra {extra[:3]} missing {missing[:3]}"[:200])
    for name, field_kind in fields.items():
        if problem := _check(field_kind, raw[name]):
            return Refused("schema", f"{kind}.{name}: {problem}")
    return _build(kind, raw)


def _build(kind: str, raw: dict[str, Any]) -> ClientMessage | Refused:
    seq = raw["seq"]
    match kind:
        case "hello":
            return Hello(seq, raw["token"], raw["lang"])
        case "join":
            return Join(seq, raw["pin"])
        case "team":
            return ChooseTeam(seq, raw["team"])
        case "pick":
            return Pick(seq, raw["ask"], raw["choice"])
        case "vote":
            return Vote(seq, raw["ask"], raw["option"])
        case "answers":
            current = tuple(tuple(row) for row in raw["current"])
            desired = tuple(tuple(row) for row in raw["desired"])
            if len(current) != len(desired) or any(sum(row) != POINTS for row in current + desired):
                return Refused("points")
            return Answers(seq, raw["ask"], current, desired)
        case "control":
            return Control(seq, raw["command"])
        case _:
            return Leave(seq)


def client_json(message: ClientMessage) -> str:
    """A phone message as the phone sends it (the tests' and the load test's simulated phones)."""
    body = msgspec.to_builtins(message)
    kind = {
        Hello: "hello",
        Join: "join",
        ChooseTeam: "team",
        Pick: "pick",
        Vote: "vote",
        Answers: "answers",
        Control: "control",
        Leave: "leave",
    }[type(message)]
    return json.dumps({"type": kind, **body}, ensure_ascii=False, separators=(",", ":"))


# --- game to phone --------------------------------------------------------------------------------


class AskPin(Struct, frozen=True):
    """The device has no valid token: show the PIN field. wait: seconds before the next try is taken."""

    wait: int = 0
    type: str = "pin"


class Welcome(Struct, frozen=True):
    """The device is in the room: keep `token` (the page stores it in the `incluzo` cookie).

    seq: the last seq the room saw from this device; the page continues above it.
    """

    token: str
    role: Role
    team: int | None
    seq: int
    type: str = "welcome"


class Accepted(Struct, frozen=True):
    """The message with this seq was accepted; for a vote: it is in the save log."""

    seq: int
    type: str = "accepted"


class RefusedReply(Struct, frozen=True):
    """The message with this seq (0: unreadable) was refused for `reason` (one of REASONS)."""

    seq: int
    reason: str
    detail: str = ""
    type: str = "refused"


class Bye(Struct, frozen=True):
    """The server closes this socket: the game stopped, or the phone broke the protocol."""

    reason: str
    type: str = "bye"


# The view the page draws: the game's state as this device may see it (never another team's choice).


class TeamBadge(Struct, frozen=True):
    number: int
    name: str
    colour: str  # "#4477AA"
    symbol: str  # circle, triangle, square, diamond, star, cross
    phones: int  # devices joined to the team (a count, never names)
    done: bool  # this team is in for the open question (picked, or all its phones voted)


class Cost(Struct, frozen=True):
    meter: str  # the meter's name
    symbol: str
    amount: int


class Meter(Struct, frozen=True):
    name: str
    symbol: str
    value: int
    start: int


class Choice(Struct, frozen=True):
    id: str
    mark: str  # A, B, ... as on the big screen
    label: str
    costs: tuple[Cost, ...] = ()
    affordable: bool = True
    reason: str = ""  # why not affordable


class Round(Struct, frozen=True):
    """A team round: the card, its choices as the phone's team can afford them, the team's meters."""

    card: str  # title
    text: str
    choices: tuple[Choice, ...]
    meters: tuple[Meter, ...]
    plays: bool  # False: the phone's team sits this card out
    voted: str | None  # this device's own vote (a choice id), None before it voted
    team_votes: int  # how many of the team's phones voted (not what)
    team_picked: bool  # the team's choice is in (hidden until the reveal)
    remaining: int  # seconds left on the deliberation timer
    running: bool  # the timer runs (False: the facilitator stopped the clock, or it has not started)
    number: int  # the card's number (1-based) of `total`, as on the big screen
    total: int  # cards in the scenario file (not the length of a path: see `progress`)
    rule: str  # how the team's choice follows from its phones (words in the page's language)
    progress: str = ""  # where the room is on its path, as the big screen's header: "Kaart 2 · nog 1-3"


class PollBar(Struct, frozen=True):
    id: str
    mark: str
    label: str
    count: int
    percent: int


class Poll(Struct, frozen=True):
    question: str
    options: tuple[PollBar, ...]
    total: int
    voted: str | None  # this device's own vote
    open: bool


class Theme(Struct, frozen=True):
    id: str
    title: str
    question: str
    situations: tuple[str, ...]  # one per quadrant, in the quadrants' order


class Bril(Struct, frozen=True):
    """The "Welke bril?" questionnaire: POINTS per theme, current then desired."""

    title: str
    quadrants: tuple[str, ...]
    themes: tuple[Theme, ...]
    points: int
    done: bool  # this device has sent its sheet
    finished: int  # how many devices have (the big screen shows only this)


class Reveal(Struct, frozen=True):
    """After the reveal: every team's choice (label), or None when it sat the card out."""

    card: str
    picks: tuple[tuple[int, str | None], ...]


class Desk(Struct, frozen=True):
    """The facilitator's device: the clock, the card's notes and what each command may do now."""

    paused: bool
    remaining: int
    notes: str
    commands: tuple[str, ...]  # the COMMANDS that apply now


Stage = Literal["lobby", "round", "poll", "bril", "reveal", "wait", "done"]
STAGES = ("lobby", "round", "poll", "bril", "reveal", "wait", "done")


class View(Struct, frozen=True):
    """What the page shows now. `ask` names the open question (round, poll or questionnaire); a phone's
    pick, vote or answers carry it back, so a message for a question that closed is refused."""

    stage: Stage
    title: str  # the scenario's (or questionnaire's) title
    lang: Lang
    teams: tuple[TeamBadge, ...]
    team: int | None  # this device's team
    ask: str | None = None
    round: Round | None = None
    poll: Poll | None = None
    bril: Bril | None = None
    reveal: Reveal | None = None
    desk: Desk | None = None
    type: str = field(default="view")


ServerMessage = AskPin | Welcome | Accepted | RefusedReply | Bye | View


def encode(message: ServerMessage) -> str:
    """A server message as the JSON text sent to the phone (tuples become arrays)."""
    return json.dumps(msgspec.to_builtins(message), ensure_ascii=False, separators=(",", ":"))
