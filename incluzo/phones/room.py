"""The room, pure: who is in it, each device's team, every vote, and what each device may see.

No sockets, no clock, no randomness of its own: the caller passes the time (`now`, seconds) and a
token maker. `Room.handle` takes one checked phone message and returns an `Outcome`: the replies,
the records to save before the replies go out, the team choices and facilitator commands for the game.

The team rule (docs/phones.md): every phone of a team votes; the team's choice is the choice with the
most votes, and on a tie the choice that reached that number of votes first. It is placed (hidden, as a
typed pick) once every phone of the team that is connected has voted, or when the time is up or the
facilitator reveals with at least one vote in. A team without phones is typed in as before.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from collections import Counter
from collections.abc import Callable
from typing import assert_never

from msgspec import Struct
from msgspec.structs import replace

from incluzo.engine.logs.savelog import Entry, Id, PhoneAnswersEntry, PhoneJoinEntry, PhoneVoteEntry
from incluzo.engine.play import position
from incluzo.engine.play.teamviews import Badge
from incluzo.engine.questionnaire.themes import Response
from incluzo.phones import protocol
from incluzo.phones.protocol import (
    Accepted,
    AskPin,
    ClientMessage,
    RefusedReply,
    ServerMessage,
    Welcome,
)

WRONG_PER_DEVICE = 5  # wrong PINs before a socket has to wait
WRONG_PER_ROOM = 30  # wrong PINs from the whole room per window before everyone waits
WINDOW = 60.0  # seconds the wrong PINs are counted over
WAIT = 30  # seconds to wait once over a limit


def device_id(token: str) -> str:
    """What the save log keeps of a device: a digest of its token (the token itself never is saved)."""
    return "d" + hashlib.sha256(token.encode()).hexdigest()[:16]


# --- what the game has open, as the room needs it (built by the hub from the game's views) ---------


class Lobby(Struct, frozen=True):
    title: str


class RoundOpen(Struct, frozen=True):
    """A team round. On a poll card every phone votes and the counts go to the reveal."""

    ask: str
    card: str
    text: str
    choices: dict[int, tuple[protocol.Choice, ...]]  # per playing team, as that team can afford them
    meters: dict[int, tuple[protocol.Meter, ...]]
    picked: frozenset[int]  # teams whose choice is in (typed or from phones)
    remaining: int
    expired: bool
    running: bool
    notes: str = ""
    poll: str | None = None  # the question, on a poll card
    number: int = 0  # the card's number (1-based) of `total`, as the big screen shows it
    total: int = 0
    progress: str = ""  # the big screen's header words: the card's number and the cards still to come


class PollOpen(Struct, frozen=True):
    """One group's poll card: every phone votes once; the counts fill the chart."""

    ask: str
    card: str
    text: str
    question: str
    options: tuple[protocol.Choice, ...]
    notes: str = ""


class BrilOpen(Struct, frozen=True):
    ask: str
    bril: protocol.Bril  # done and finished are filled in per device


class ClosedPoll(Struct, frozen=True):
    """A poll the game moved on from: the phones show its counts, closed, until a new question opens."""

    ask: str
    question: str
    options: tuple[protocol.Choice, ...]


class Shown(Struct, frozen=True):
    """Anything else on the big screen: a reveal (picks), the briefing, an outcome, the debrief."""

    stage: protocol.Stage
    title: str
    reveal: protocol.Reveal | None = None
    notes: str = ""
    closed: ClosedPoll | None = None  # the poll that closed last, while no new question is open


Stage = Lobby | RoundOpen | PollOpen | BrilOpen | Shown


@dataclasses.dataclass
class Device:
    id: str
    role: protocol.Role
    team: int | None = None
    seq: int = 0
    lang: protocol.Lang = "nl"
    wrong: list[float] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Connection:
    device: str | None = None  # None until the device said hello with a known token or joined
    seq: int = 0  # before the device is known
    lang: protocol.Lang = "nl"
    wrong: list[float] = dataclasses.field(default_factory=list)


class TeamChoice(Struct, frozen=True):
    """Place this team's choice (the same as typing it: PickFor)."""

    team: int
    choice: str


@dataclasses.dataclass
class Outcome:
    replies: list[tuple[int, ServerMessage]] = dataclasses.field(default_factory=list)
    records: list[Entry] = dataclasses.field(default_factory=list)  # to save before the replies are sent
    picks: list[TeamChoice] = dataclasses.field(default_factory=list)
    commands: list[protocol.Command] = dataclasses.field(default_factory=list)
    refused: list[str] = dataclasses.field(default_factory=list)  # for the log: who was refused what, and why
    drop: list[tuple[int, str]] = dataclasses.field(default_factory=list)  # sockets to close, with the reason
    changed: bool = False  # the views changed

    def add(self, other: Outcome) -> None:
        self.replies += other.replies
        self.records += other.records
        self.picks += other.picks
        self.commands += other.commands
        self.refused += other.refused
        self.drop += other.drop
        self.changed = self.changed or other.changed


@dataclasses.dataclass
class Ballot:
    """The votes of one open question: per device its option, in the order they came."""

    votes: dict[str, str] = dataclasses.field(default_factory=dict)

    def count(self, options: tuple[str, ...]) -> tuple[int, ...]:
        tally = [0] * len(options)
        for option in self.votes.values():
            if option in options:
                tally[options.index(option)] += 1
        return tuple(tally)


def saved_sheet(entry: PhoneAnswersEntry) -> Response | None:
    """A sheet as the save keeps it ('4,3,2,1' per theme), or None when it is not one (a damaged record)."""
    try:
        current, desired = (
            tuple(tuple(int(n) for n in row.split(",")) for row in part)
            for part in (entry.current, entry.desired)
        )
    except ValueError:
        return None
    rows = current + desired
    if (
        not current
        or len(current) != len(desired)
        or any(len(r) != protocol.QUADRANTS or sum(r) != protocol.POINTS or min(r) < 0 for r in rows)
    ):
        return None
    return Response(current, desired, entry.team)


def majority(votes: list[str]) -> str | None:
    """The team rule: most votes; on a tie the choice that reached that number first (votes in order)."""
    counts: dict[str, int] = {}
    best, top = None, 0
    for vote in votes:
        counts[vote] = counts.get(vote, 0) + 1
        if counts[vote] > top:
            best, top = vote, counts[vote]
    return best


class Room:
    """The room of one session: its PINs, its devices and their teams, and the votes."""

    def __init__(
        self,
        pin: str,
        desk_pin: str,
        teams: tuple[Badge, ...],
        new_token: Callable[[], str],
        title: str = "",
    ) -> None:
        assert pin != desk_pin
        self.pin = pin
        self.desk_pin = desk_pin
        self.teams = teams
        self.new_token = new_token
        self.devices: dict[str, Device] = {}
        self.connections: dict[int, Connection] = {}
        self.ballots: dict[str, Ballot] = {}
        self.sheets: dict[str, dict[str, Response]] = {}
        self.stage: Stage = Lobby(title)
        self.room_wrong: list[float] = []
        self.placed: set[tuple[str, int]] = set()

    # Restoring from the save log ----------------------------------------------------------------
    def restore(self, entries: list[Entry]) -> None:
        """Devices, teams, votes and sheets from a resumed session's records (or the room's journal);
        tokens come back with the phones."""
        for entry in entries:
            if isinstance(entry, PhoneJoinEntry):
                device = self.devices.setdefault(entry.device, Device(entry.device, "player"))
                device.team = entry.team
            elif isinstance(entry, PhoneVoteEntry):
                self.ballots.setdefault(entry.ask, Ballot()).votes[entry.device] = entry.option
            elif isinstance(entry, PhoneAnswersEntry) and (sheet := saved_sheet(entry)) is not None:
                self.sheets.setdefault(entry.ask, {})[entry.device] = sheet

    # Connections --------------------------------------------------------------------------------
    def opened(self, conn: int) -> None:
        self.connections[conn] = Connection()

    def closed(self, conn: int) -> Outcome:
        gone = self.connections.pop(conn, None)
        outcome = Outcome(changed=gone is not None and gone.device is not None)
        outcome.add(self.settle())
        return outcome

    def online(self, team: int) -> int:
        """The devices of a team with a socket open now."""
        return len(self._online(team))

    def _online(self, team: int) -> set[str]:
        return {
            c.device
            for c in self.connections.values()
            if c.device is not None and self.devices[c.device].team == team
        }

    def members(self, team: int) -> int:
        """Devices that joined the team (connected or not): the count the big screen shows."""
        return sum(1 for d in self.devices.values() if d.team == team and d.role == "player")

    # Messages -----------------------------------------------------------------------------------
    def handle(self, conn: int, message: ClientMessage, now: float) -> Outcome:
        """One checked message from the socket `conn` (the room keeps only token digests, as the save)."""
        connection = self.connections.get(conn)
        if connection is None:
            return Outcome()
        device = self.devices.get(connection.device) if connection.device else None
        last = device.seq if device else connection.seq
        if message.seq <= last:
            return self._refuse(conn, message.seq, "replay", f"seq {message.seq} <= {last}")
        if device:
            device.seq = message.seq
        else:
            connection.seq = message.seq
        match message:
            case protocol.Hello(token=token, lang=lang):
                return self._hello(conn, connection, token, lang, now)
            case protocol.Join(pin=pin):
                return self._join(conn, connection, pin, now)
        if device is None:
            return self._refuse(conn, message.seq, "need-pin")
        match message:
            case protocol.ChooseTeam(team=team):
                return self._team(conn, device, message.seq, team)
            case protocol.Leave():
                return self._team(conn, device, message.seq, None)
            case protocol.Pick(ask=ask, choice=choice):
                return self._pick(conn, device, message.seq, ask, choice)
            case protocol.Vote(ask=ask, option=option):
                return self._vote(conn, device, message.seq, ask, option)
            case protocol.Answers():
                return self._answers(conn, device, message)
            case protocol.Control(command=command):
                if device.role != "facilitator":
                    return self._refuse(conn, message.seq, "not-facilitator")
                outcome = Outcome(replies=[(conn, Accepted(message.seq))], commands=[command])
                if command == "reveal":
                    outcome.add(self.settle(closing=True))
                return outcome
        raise AssertionError(message)

    def _refuse(self, conn: int, seq: int, reason: str, detail: str = "") -> Outcome:
        assert reason in protocol.REASONS
        connection = self.connections.get(conn)
        who = connection.device if connection and connection.device else f"socket {conn}"
        return Outcome(
            replies=[(conn, RefusedReply(seq, reason, detail))],
            refused=[f"{who}: {reason} {detail}".strip()],
        )

    def _welcome(self, conn: int, device: Device, token: str) -> Outcome:
        self.connections[conn].device = device.id
        outcome = Outcome(
            replies=[(conn, Welcome(token, device.role, device.team, device.seq))], changed=True
        )
        outcome.add(self.settle())
        return outcome

    def _hello(
        self,
        conn: int,
        connection: Connection,
        token: str | None,
        lang: protocol.Lang,
        now: float,
    ) -> Outcome:
        connection.lang = lang
        known = self.devices.get(device_id(token)) if token else None
        if token and known is not None:
            known.lang = lang
            known.seq = max(known.seq, connection.seq)
            return self._welcome(conn, known, token)
        return Outcome(replies=[(conn, AskPin(self._wait(connection.wrong, now)))])

    def _wait(self, wrong: list[float], now: float) -> int:
        """Seconds before another PIN is taken from this socket (0: now): WAIT seconds after the last
        wrong PIN once the socket, or the whole room, had too many wrong ones within WINDOW."""
        until = 0.0
        for found, limit in ((wrong, WRONG_PER_DEVICE), (self.room_wrong, WRONG_PER_ROOM)):
            recent = [t for t in found if now - t < WINDOW]
            if len(recent) >= limit:
                until = max(until, recent[-1] + WAIT)
        return math.ceil(until - now) if until > now else 0

    def _join(self, conn: int, connection: Connection, pin: str, now: float) -> Outcome:
        wait = self._wait(connection.wrong, now)
        if wait:
            return self._refuse(conn, connection.seq, "slow-down", str(wait))
        if pin not in (self.pin, self.desk_pin):
            connection.wrong = [t for t in connection.wrong if now - t < WINDOW] + [now]
            self.room_wrong = [t for t in self.room_wrong if now - t < WINDOW] + [now]
            return self._refuse(conn, connection.seq, "bad-pin")
        token = self.new_token()
        role: protocol.Role = "facilitator" if pin == self.desk_pin else "player"
        device = Device(device_id(token), role, seq=connection.seq, lang=connection.lang)
        self.devices[device.id] = device
        outcome = self._welcome(conn, device, token)
        if role == "player":
            outcome.records.append(PhoneJoinEntry(Id(device.id), None))
        return outcome

    def _team(self, conn: int, device: Device, seq: int, team: int | None) -> Outcome:
        if device.role != "player":
            return self._refuse(conn, seq, "not-facilitator")
        if team is not None and not 1 <= team <= len(self.teams):
            return self._refuse(conn, seq, "unknown-team", str(team))
        if team != device.team and self._voted_now(device):
            return self._refuse(conn, seq, "already")  # no moving to another team with a vote in
        device.team = team
        outcome = Outcome(
            replies=[(conn, Accepted(seq))], records=[PhoneJoinEntry(Id(device.id), team)], changed=True
        )
        outcome.add(self.settle())
        return outcome

    def _voted_now(self, device: Device) -> bool:
        stage = self.stage
        return isinstance(stage, RoundOpen) and device.id in self.ballots.get(stage.ask, Ballot()).votes

    def _pick(self, conn: int, device: Device, seq: int, ask: str, choice: str) -> Outcome:
        stage = self.stage
        if not isinstance(stage, RoundOpen) or stage.ask != ask or stage.poll is not None:
            return self._refuse(conn, seq, "closed", ask)
        if device.team is None:
            return self._refuse(conn, seq, "no-team")
        if device.team not in stage.choices:
            return self._refuse(conn, seq, "not-your-team", str(device.team))
        if device.team in stage.picked:
            return self._refuse(conn, seq, "already", "team")
        found = next((c for c in stage.choices[device.team] if c.id == choice), None)
        if found is None:
            return self._refuse(conn, seq, "unknown-choice", choice)
        if not found.affordable:
            return self._refuse(conn, seq, "unaffordable", found.reason)
        return self._ballot(conn, device, seq, ask, choice)

    def _vote(self, conn: int, device: Device, seq: int, ask: str, option: str) -> Outcome:
        stage = self.stage
        if isinstance(stage, RoundOpen) and stage.poll is not None and stage.ask == ask:
            options = stage.choices.get(device.team or 0) or next(iter(stage.choices.values()), ())
        elif isinstance(stage, PollOpen) and stage.ask == ask:
            options = stage.options
        else:
            return self._refuse(conn, seq, "closed", ask)
        if all(o.id != option for o in options):
            return self._refuse(conn, seq, "unknown-choice", option)
        return self._ballot(conn, device, seq, ask, option)

    def _ballot(self, conn: int, device: Device, seq: int, ask: str, option: str) -> Outcome:
        ballot = self.ballots.setdefault(ask, Ballot())
        if device.id in ballot.votes:
            return self._refuse(conn, seq, "already")
        ballot.votes[device.id] = option
        outcome = Outcome(
            replies=[(conn, Accepted(seq))],
            records=[PhoneVoteEntry(Id(device.id), Id(ask), Id(option))],
            changed=True,
        )
        outcome.add(self.settle())
        return outcome

    def _answers(self, conn: int, device: Device, message: protocol.Answers) -> Outcome:
        stage = self.stage
        if not isinstance(stage, BrilOpen) or stage.ask != message.ask:
            return self._refuse(conn, message.seq, "closed", message.ask)
        if len(message.current) != len(stage.bril.themes):
            return self._refuse(conn, message.seq, "points", "themes")
        sheets = self.sheets.setdefault(message.ask, {})
        if device.id in sheets:
            return self._refuse(conn, message.seq, "already")
        team = self.teams[device.team - 1].name if device.team and device.team <= len(self.teams) else ""
        sheets[device.id] = Response(message.current, message.desired, team)
        entry = PhoneAnswersEntry(
            Id(device.id),
            Id(message.ask),
            tuple(",".join(map(str, row)) for row in message.current),
            tuple(",".join(map(str, row)) for row in message.desired),
            team,
        )
        return Outcome(replies=[(conn, Accepted(message.seq))], records=[entry], changed=True)

    # The game moved on --------------------------------------------------------------------------
    def show(self, stage: Stage) -> Outcome:
        """The game's new state; the picks it makes due (time up)."""
        stage = self._closing(stage)
        changed = stage != self.stage
        self.stage = stage
        outcome = Outcome(changed=changed)
        if changed:
            outcome.add(self.settle())
        return outcome

    def _closing(self, stage: Stage) -> Stage:
        """A poll the game moved on from stays on the phones, closed, until the next question opens (or
        the game ends: the phones then say so)."""
        if not isinstance(stage, Shown) or stage.closed is not None or stage.stage not in ("wait", "reveal"):
            return stage
        old = self.stage
        if isinstance(old, PollOpen):
            closed: ClosedPoll | None = ClosedPoll(old.ask, old.question, old.options)
        elif isinstance(old, RoundOpen) and old.poll is not None:
            closed = ClosedPoll(old.ask, old.poll, next(iter(old.choices.values()), ()))
        elif isinstance(old, Shown):
            closed = old.closed
        else:
            return stage
        return replace(stage, closed=closed) if closed is not None else stage

    def settle(self, *, closing: bool = False) -> Outcome:
        """Place the choice of every team that is in: all its connected phones voted, or (time up or
        `closing`) at least one did."""
        stage = self.stage
        outcome = Outcome()
        if not isinstance(stage, RoundOpen) or stage.poll is not None:
            return outcome
        votes = self.ballots.get(stage.ask, Ballot()).votes
        for team in stage.choices:
            if team in stage.picked or (stage.ask, team) in self.placed:
                continue
            online = self._online(team)
            team_votes = [v for d, v in votes.items() if self.devices[d].team == team]
            everyone = bool(online) and online <= {d for d in votes if self.devices[d].team == team}
            if team_votes and (everyone or stage.expired or closing):
                choice = majority(team_votes)
                assert choice is not None
                self.placed.add((stage.ask, team))
                outcome.picks.append(TeamChoice(team, choice))
        return outcome

    def counts(self) -> tuple[int, ...] | None:
        """The phones' votes on the open poll, per option (None: no poll open or nobody voted)."""
        stage = self.stage
        if isinstance(stage, PollOpen):
            options = stage.options
        elif isinstance(stage, RoundOpen) and stage.poll is not None:
            options = next(iter(stage.choices.values()), ())
        else:
            return None
        ballot = self.ballots.get(stage.ask)
        if ballot is None or not ballot.votes:
            return None
        return ballot.count(tuple(o.id for o in options))

    def responses(self) -> tuple[Response, ...]:
        """The sheets sent for the open questionnaire, in the order they came."""
        stage = self.stage
        return tuple(self.sheets.get(stage.ask, {}).values()) if isinstance(stage, BrilOpen) else ()

    # Views --------------------------------------------------------------------------------------
    def badges(self) -> tuple[protocol.TeamBadge, ...]:
        """Every team as the phones show it (counted in one pass over the devices: a push to a hundred
        phones shares one tuple of badges)."""
        stage = self.stage
        done = set(stage.picked) if isinstance(stage, RoundOpen) else set()
        members = Counter(d.team for d in self.devices.values() if d.role == "player")
        return tuple(
            protocol.TeamBadge(b.number, b.name, b.colour, b.symbol, members[b.number], b.number in done)
            for b in self.teams
        )

    def view(
        self,
        device: Device,
        lang: protocol.Lang,
        rule: str,
        teams: tuple[protocol.TeamBadge, ...] | None = None,
    ) -> protocol.View:
        """What this device may see now (its own vote; never another team's choice); `teams`: the
        `badges()` of this moment, when the caller made them for many views."""
        stage = self.stage
        teams = self.badges() if teams is None else teams
        base = protocol.View("wait", "", lang, teams, device.team)
        desk = self._desk() if device.role == "facilitator" else None
        match stage:
            case Lobby(title=title):
                return replace(base, stage="lobby", title=title, desk=desk)
            case RoundOpen():
                return replace(self._round_view(stage, device, rule, base), desk=desk)
            case PollOpen():
                ballot = self.ballots.get(stage.ask, Ballot())
                return replace(
                    base,
                    stage="poll",
                    title=stage.card,
                    ask=stage.ask,
                    poll=self._poll(stage.question, stage.options, ballot, device, is_open=True),
                    desk=desk,
                )
            case BrilOpen():
                sheets = self.sheets.get(stage.ask, {})
                bril = replace(stage.bril, done=device.id in sheets, finished=len(sheets))
                return replace(base, stage="bril", title=bril.title, ask=stage.ask, bril=bril, desk=desk)
            case Shown(closed=ClosedPoll() as closed):
                ballot = self.ballots.get(closed.ask, Ballot())
                poll = self._poll(closed.question, closed.options, ballot, device, is_open=False)
                return replace(base, stage="poll", title=stage.title, ask=closed.ask, poll=poll, desk=desk)
            case Shown():
                return replace(base, stage=stage.stage, title=stage.title, reveal=stage.reveal, desk=desk)
            case _:
                assert_never(stage)

    def _round_view(self, stage: RoundOpen, device: Device, rule: str, base: protocol.View) -> protocol.View:
        ballot = self.ballots.get(stage.ask, Ballot())
        team = device.team
        if stage.poll is not None:
            options = next(iter(stage.choices.values()), ())
            poll = self._poll(stage.poll, options, ballot, device, is_open=True)
            return replace(base, stage="poll", title=stage.card, ask=stage.ask, poll=poll)
        plays = team in stage.choices
        team_votes = sum(1 for d in ballot.votes if self.devices[d].team == team) if team else 0
        shown = protocol.Round(
            stage.card,
            stage.text,
            stage.choices.get(team or 0, ()),
            stage.meters.get(team or 0, ()),
            plays,
            ballot.votes.get(device.id),
            team_votes,
            team in stage.picked if team else False,
            stage.remaining,
            stage.running,
            stage.number,
            stage.total,
            rule,
            stage.progress,
        )
        return replace(base, stage="round", title=stage.card, ask=stage.ask, round=shown)

    def _poll(
        self,
        question: str,
        options: tuple[protocol.Choice, ...],
        ballot: Ballot,
        device: Device,
        *,
        is_open: bool,
    ) -> protocol.Poll:
        counts = ballot.count(tuple(o.id for o in options))
        total = sum(counts)
        shares = position.split(100, counts)
        bars = tuple(
            protocol.PollBar(o.id, o.mark, o.label, n, p)
            for o, n, p in zip(options, counts, shares, strict=True)
        )
        return protocol.Poll(question, bars, total, ballot.votes.get(device.id), is_open)

    def _desk(self) -> protocol.Desk:
        stage = self.stage
        if isinstance(stage, RoundOpen):
            commands = ["pause", "more-time", "less-time", "reveal", "skip"]
            if stage.poll is not None:
                commands.append("close-poll")
            return protocol.Desk(not stage.running, stage.remaining, stage.notes, tuple(commands))
        if isinstance(stage, PollOpen):
            return protocol.Desk(False, 0, stage.notes, ("pause", "close-poll", "skip"))
        if isinstance(stage, BrilOpen):
            return protocol.Desk(False, 0, "", ("next",))
        notes = stage.notes if isinstance(stage, Shown) else ""
        return protocol.Desk(False, 0, notes, ("pause", "next"))
