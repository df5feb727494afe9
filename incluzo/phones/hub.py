"""The phones inside the game: the game's side of the room, called once per frame by `App.step`.

`PhoneHub.pump` drains the server's queue (bounded per frame), lets the pure `Room` judge each message,
saves the accepted votes in the game's save log (one write and fsync per frame, before any phone is
told "accepted"; before a game has a save, in the room's journal: journal.py), turns a team's choice
into the `PickFor` a key press makes and a facilitator's command into the action its key makes, and
pushes the new views to the phones. Nothing here waits on
a phone: sending is handed to the server's own process.
"""

from __future__ import annotations

import logging
import queue
import re
import secrets
import sys
import time
from collections.abc import Callable
from typing import Protocol

from msgspec.structs import replace

from incluzo import i18n
from incluzo.engine.logs.savelog import (
    Entry,
    Id,
    PhoneAnswersEntry,
    PhoneJoinEntry,
    PhoneRoomEntry,
    PhoneVoteEntry,
    SaveLog,
)
from incluzo.engine.play.teamviews import Badge, timer_view
from incluzo.engine.questionnaire.themes import Questionnaire, result, team_results
from incluzo.phones import journal, protocol, stage
from incluzo.phones.journal import Journal
from incluzo.phones.protocol import ServerMessage
from incluzo.phones.room import BrilOpen, Lobby, Outcome, PollOpen, Room, RoundOpen, Stage
from incluzo.phones.server import Closed, Opened, PhoneServer, Received
from incluzo.phones.writer import SaveWriter, not_saved
from incluzo.scenes import actions
from incluzo.scenes.actions import Action
from incluzo.scenes.game import Game
from incluzo.scenes.kit.base import Scene
from incluzo.scenes.screens.poll import PollScene
from incluzo.scenes.screens.questionnaire import QuestionnaireScene
from incluzo.scenes.teams.actions import TIME_STEP
from incluzo.scenes.teams.director import TeamDirector

log = logging.getLogger("incluzo.phones")

MAX_PER_FRAME = 400  # phone messages judged in one frame at most; the rest wait for the next
HANDLE_BUDGET = 0.001  # seconds of judging messages in one frame (a burst is spread over frames)
MIN_PER_FRAME = 8  # judged whatever the clock says (a frame the system took away still gets on)
BACKLOG_MS = 16  # the idle loop's wait while messages are still waiting (one frame at 60 Hz)
SWITCH_INTERVAL = 0.001  # seconds: how soon the game's thread gets Python back from the server's
PUSH_INTERVAL = 0.1  # seconds between two rounds of views to the phones (replies go out at once)
PIN_LENGTH = 5
PHONE_RECORDS = (PhoneRoomEntry, PhoneJoinEntry, PhoneVoteEntry, PhoneAnswersEntry)
_OPENED = re.compile(r"^bril([0-9]+)-")  # the questionnaire's ask: how often it was opened (stage.bril)


def new_pin(length: int = PIN_LENGTH, avoid: str = "") -> str:
    """A room PIN: `length` random digits, never a leading zero (it reads as a number)."""
    while True:
        pin = str(secrets.randbelow(9) + 1) + "".join(str(secrets.randbelow(10)) for _ in range(length - 1))
        if pin != avoid:
            return pin


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Host(Protocol):
    """What the hub needs of the App: its game and screen, and acting as a key press does."""

    game: Game | None
    scene: Scene
    then_teams: tuple[str, ...]  # the teams named for the game after the questionnaire

    def act(self, action: Action) -> None: ...

    def lay_out(self) -> None: ...


class PhoneHub:
    def __init__(
        self,
        host: str,
        port: int = 0,
        *,
        pin: str | None = None,
        desk_pin: str | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.server = PhoneServer(host, port)
        self.writer = SaveWriter(self.server.send_many)
        self.pin = pin or new_pin()
        self.desk_pin = desk_pin or new_pin(PIN_LENGTH + 1, self.pin)
        self.room = Room(self.pin, self.desk_pin, (), new_token)
        self.game: Game | None = None
        self.log_size = 0
        self.key: tuple[int, int, int, int, bool] | None = None  # what the room was last shown of
        self.pending: list[Entry] = []  # records for a save that is not there yet (before a game)
        self.journal: Journal | None = None  # the room's records while no game has a save
        self.journaled: list[Entry] = []  # what was handed to the journal (for the next game's save)
        self.brils = 0  # how often the questionnaire was opened on the phones this session
        self.questionnaire: Questionnaire | None = None
        self.changed_at = 0  # counts view pushes (tests and the benchmark watch it)
        self.unsent = False  # the phones' views changed since they were last sent
        self.pushed_at = -PUSH_INTERVAL
        self.on_view: Callable[[], None] | None = None  # told after each push (the benchmark's clock)
        self.switch_interval = sys.getswitchinterval()
        self.acted = 0  # game actions the phones made (a team's choice, a command): the benchmark counts
        self.counted = (0, 0)  # the save's records looked at, and how many of them were the game's own

    # Life ---------------------------------------------------------------------------------------
    def start(self) -> None:
        """Listen (the room of a questionnaire that stopped comes back when the questionnaire opens).

        The server runs in a process of its own, but its reader thread and the save writer's share
        Python with the frame loop: a frame that gave Python up (a flip, a write) waits for it back up
        to the switch interval (5 ms by default); a shorter one keeps that wait inside the frame budget."""
        self.switch_interval = sys.getswitchinterval()
        self.acted = 0  # game actions the phones made (a team's choice, a command): the benchmark counts
        self.counted = (0, 0)  # the save's records looked at, and how many of them were the game's own
        sys.setswitchinterval(min(self.switch_interval, SWITCH_INTERVAL))
        self.server.start()
        log.info("phones: %s PIN %s (facilitator %s)", self.url, self.pin, self.desk_pin)

    def _take_up(self, found: Journal | None) -> None:
        """The room of a journal: its PINs, devices and sheets (the phones come back with their cookie)."""
        rooms = [e for e in found.entries if isinstance(e, PhoneRoomEntry)] if found else []
        if found is None or not rooms:
            return
        self.pin, self.desk_pin = rooms[-1].pin, rooms[-1].desk_pin
        self.room = Room(self.pin, self.desk_pin, self.room.teams, new_token)
        self.room.restore(found.entries)
        self.journal, self.journaled = found, list(found.entries)
        opened = [
            int(m[1])
            for e in found.entries
            if isinstance(e, PhoneAnswersEntry)
            if (m := _OPENED.match(e.ask))
        ]
        self.brils = max(opened, default=1) - 1  # the questionnaire opens with the same ask again
        log.info("phones: the room of %s is back, %d sheets", found.path.name, len(opened))

    def stop(self) -> None:
        """Write what is handed over, then close the server."""
        self.writer.stop()
        self.server.stop()
        sys.setswitchinterval(self.switch_interval)

    @property
    def push_ms(self) -> int:
        return round(PUSH_INTERVAL * 1000)

    def wait_ms(self) -> int | None:
        """How long the idle loop may sleep for the phones' sake: a frame while messages wait to be
        judged, until the next push while views wait to go out; None: as long as it likes."""
        if not self.server.inbox.empty():
            return BACKLOG_MS
        return self.push_ms if self.unsent else None

    @property
    def url(self) -> str:
        return self.server.url

    # One frame ----------------------------------------------------------------------------------
    def pump(self, host: Host, now: float) -> bool:
        """Take the phones' messages in and send the new views; True when the big screen changed."""
        outcome = Outcome()
        outcome.add(self._follow(host))
        self.server.woken.clear()
        stop = time.perf_counter() + HANDLE_BUDGET
        for taken in range(MAX_PER_FRAME):
            if taken >= MIN_PER_FRAME and time.perf_counter() > stop:
                break  # bounded work per frame: the rest in the next one
            if outcome.picks or outcome.commands:
                break  # one step of the game a frame (its save, its screen): the rest in the next one
            try:
                item = self.server.inbox.get_nowait()
            except queue.Empty:
                break
            match item:
                case Opened(conn=conn):
                    self.room.opened(conn)
                case Received(conn=conn, message=message):
                    outcome.add(self.room.handle(conn, message, now))
                case Closed(conn=conn):
                    outcome.add(self.room.closed(conn))
        for _ in range(3):  # a pick can open nothing new, but a command can move the game on
            if not (outcome.picks or outcome.commands):
                break
            picks, commands = outcome.picks, outcome.commands
            outcome.picks, outcome.commands = [], []
            for choice in picks:
                host.act(actions.PickFor(choice.team, choice.choice))
                self.acted += 1
            for command in commands:
                action = self._command(host, command)
                if action is not None:
                    host.act(action)
                    self.acted += 1
            if commands:  # a command may move the game on; a pick the room settled itself, and the
                outcome.add(self._follow(host))  # next frame's pump tells it what the game shows now
        for line in outcome.refused:
            log.warning("phones: refused %s", line)
        self._save(outcome.records, outcome.replies)
        for conn, reason in outcome.drop:
            self.server.drop(conn, reason)
        self.unsent = self.unsent or outcome.changed
        if self.unsent and now - self.pushed_at >= PUSH_INTERVAL:
            self.push()
            self.unsent, self.pushed_at = False, now
        if outcome.changed:
            counts = self.room.counts()
            if counts is not None and isinstance(host.scene, PollScene):
                host.lay_out()  # a poll shown this frame is laid out first
                host.scene.set_counts(counts)  # the chart fills live; the facilitator can still type
        return outcome.changed

    def _follow(self, host: Host) -> Outcome:
        """Tell the room what the game shows now (only when it changed, and once its last step is on
        disk: the phones see no step the window does not show)."""
        game = host.game
        if game is not self.game:
            self._entered(game)
        if game is not None and game.save is not None and game.save.behind:
            return Outcome()  # a frame at the frame rate comes until it is (App.animating)
        steps = self._game_records(game.save.log) if game is not None and game.save is not None else -1
        timer = game.play.timer.remaining_ms // 1000 if isinstance(game, TeamDirector) else 0
        running = game.play.timer.running if isinstance(game, TeamDirector) else False
        key = (id(game), id(host.scene), steps, timer, running)
        if key == self.key:
            return Outcome()
        ticked = self.key is not None and self.key[:3] == key[:3] and self.key[4] == running
        self.key = key
        now = self.room.stage
        if ticked and isinstance(now, RoundOpen) and isinstance(game, TeamDirector):
            clock = timer_view(game.play.timer)  # only the clock moved: the round stays as it was made
            return self.room.show(replace(now, remaining=clock.remaining, expired=clock.expired))
        shown = self._stage(host)  # first: it may bring back the room of a journal
        return self.room.show(shown)

    def _game_records(self, saved: SaveLog) -> int:
        """The game's own records in its save (the phones' are left out: a vote saved changes no view),
        counted on from where the last frame stopped."""
        seen, own = self.counted
        entries = saved.entries
        if len(entries) < seen:  # the save was written anew (a reload): count again
            seen, own = 0, 0
        own += sum(1 for e in entries[seen:] if not isinstance(e, PHONE_RECORDS))
        self.counted = (len(entries), own)
        return own

    def _stage(self, host: Host) -> Stage:
        if host.game is not None:
            return stage.of_game(host.game)
        if isinstance(host.scene, QuestionnaireScene):
            if self.journal is None and self.game is None and not self.room.devices:
                self._take_up(journal.newest())  # the room of a questionnaire that stopped, if any
            self.room.teams = stage.ahead(host.then_teams)  # the phones choose their team already
            questionnaire = host.scene.questionnaire
            if questionnaire is not self.questionnaire:
                self.questionnaire, self.brils = questionnaire, self.brils + 1
            return stage.bril(questionnaire, host.scene.ctx.lang, self.brils)
        return Lobby("")

    def _entered(self, game: Game | None) -> None:
        """A new game (started or resumed): its teams, and the room's PINs and devices in its save."""
        self.game = game
        self.counted = (0, 0)
        if game is None:
            return
        if isinstance(game, TeamDirector):
            self.room.teams = game.badges
        else:
            self.room.teams = ()
        saved = game.save.log if game.save is not None else None
        before = [e for e in [*self.journaled, *self.pending] if isinstance(e, PhoneAnswersEntry)]
        if saved is not None and self._resumed(saved):
            self.pending = [e for e in before if e not in saved.entries]
        else:
            self.pending = [
                PhoneRoomEntry(self.pin, self.desk_pin),
                *(
                    PhoneJoinEntry(Id(d.id), d.team if d.team and d.team <= len(self.room.teams) else None)
                    for d in self.room.devices.values()
                    if d.role == "player"
                ),
                *before,
            ]  # sheets sent before the game (the questionnaire first) go into its save too
        if game.save is not None and self.journal is not None:  # in the save, the journal goes
            self.writer.write(game.save, self.pending, [], self.journal.remove)
            self.journal, self.journaled, self.pending = None, [], []

    def _resumed(self, saved: SaveLog) -> bool:
        """Take the PINs, devices and votes of a resumed session's save; False when it had no phones."""
        rooms = [e for e in saved.entries if isinstance(e, PhoneRoomEntry)]
        if not rooms:
            return False
        self.pin, self.desk_pin = rooms[-1].pin, rooms[-1].desk_pin
        teams = self.room.teams
        self.room = Room(self.pin, self.desk_pin, teams, new_token)
        self.room.restore(list(saved.entries))
        log.info("phones: resumed room, PIN %s, %d devices", self.pin, len(self.room.devices))
        return True

    def _save(self, records: list[Entry], replies: list[tuple[int, ServerMessage]]) -> None:
        """The records into the game's save (before a game: the room's journal) by the writer's thread,
        which then sends the replies; without records the replies go now."""
        game = self.game
        if game is not None and game.save is not None:
            self.pending += records
            if self.pending:
                self.writer.write(game.save, self.pending, replies)
                self.pending = []
                return
        elif records and game is None:
            if self.journal is None:
                try:
                    self.journal = Journal.create()
                except OSError as problem:
                    log.error("phones: no journal for the room: %s", problem)
                    self.pending += records
                    self.server.send_many([(conn, not_saved(reply)) for conn, reply in replies])
                    return
                records = [PhoneRoomEntry(self.pin, self.desk_pin), *records]
            self.journaled += records
            self.writer.write(self.journal, records, replies)
            return
        else:
            self.pending += records
        self.server.send_many(replies)

    def _command(self, host: Host, command: protocol.Command) -> Action | None:
        """The action the facilitator's key would give for a command from the facilitator's device."""
        game = host.game
        teams = isinstance(game, TeamDirector)
        match command:
            case "pause":
                return actions.ToggleTimer() if teams else actions.Pause()
            case "more-time":
                return actions.AddTime(TIME_STEP) if teams else None
            case "less-time":
                return actions.AddTime(-TIME_STEP) if teams else None
            case "reveal" | "close-poll":
                if teams:
                    return self.amend(actions.RevealPicks())
                counts = self.room.counts()
                return actions.Advance(counts) if isinstance(self.room.stage, PollOpen) else None
            case "skip":
                return actions.Skip()
            case "next":
                if isinstance(self.room.stage, BrilOpen):  # the room's profile from every sheet sent
                    return self.profiles()
                if isinstance(game, TeamDirector):
                    return actions.NextRound() if game.briefed else actions.BeginRound()
                return actions.Advance() if game is not None else None
        return None

    def amend(self, action: actions.GameAction) -> actions.GameAction:
        """A reveal of a poll card carries the phones' counts (when any phone voted)."""
        if isinstance(action, actions.RevealPicks) and action.counts is None:
            stage_now = self.room.stage
            if isinstance(stage_now, RoundOpen) and stage_now.poll is not None:
                return actions.RevealPicks(self.room.counts())
        return action

    # Views --------------------------------------------------------------------------------------
    def push(self) -> None:
        """Every connected device's view: each distinct view made once (and sent as one object, so it
        is pickled and encoded once), all sharing one tuple of team badges."""
        room = self.room
        teams = room.badges()
        cache: dict[object, protocol.View] = {}
        out: list[tuple[int, ServerMessage]] = []
        ask = getattr(room.stage, "ask", "")
        votes = room.ballots[ask].votes if ask in room.ballots else {}
        sheets = room.sheets.get(ask, {})
        for conn, connection in room.connections.items():
            if connection.device is None:
                continue
            device = room.devices[connection.device]
            key = (device.team, device.role, device.lang, votes.get(device.id), device.id in sheets)
            view = cache.get(key)
            if view is None:
                rule = i18n.message("phones.rule", device.lang)
                view = cache[key] = room.view(device, device.lang, rule, teams)
            out.append((conn, view))
        self.server.send_many(out)
        self.changed_at += 1
        if self.on_view is not None:
            self.on_view()

    # The big screen -----------------------------------------------------------------------------
    def joined(self) -> tuple[tuple[Badge, int], ...]:
        """Per team its badge and how many devices joined it (counts, never names)."""
        return tuple((badge, self.room.members(badge.number)) for badge in self.room.teams)

    def devices(self) -> int:
        return sum(1 for d in self.room.devices.values() if d.role == "player")

    def finished(self) -> int:
        """How many devices sent their questionnaire sheet."""
        return len(self.room.responses())

    def profiles(self) -> actions.Profiled | None:
        """The room's profile from every sheet sent, and each team's (computed as the questionnaire on
        screen and `incluzo profile` compute them); None before the first sheet."""
        found = self.room.responses()
        if not found:
            return None
        return actions.Profiled(result(found), team_results(found, [r.label for r in found]))

    def bril_open(self) -> bool:
        return isinstance(self.room.stage, BrilOpen)
