"""Simulated phones (aiohttp clients) and the room's load test: bounded in phones, rounds and time.

`run_room` starts a team game of `kamer.yaml` with its phones' server on loopback, lets `phones`
simulated phones join with the PIN, choose a team, vote in three rounds and a poll and fill in the
questionnaire, while the game's frame loop runs in this thread (as `App.run` would, headless). It
returns what the test and the benchmark check: every vote reported accepted, what the save holds,
the frame times and the time from each vote to the big screen's update.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import Any

import aiohttp

from incluzo.phones import protocol

KAMER = Path(__file__).resolve().parent / "kamer.yaml"
TEAMS = ("Rood", "Blauw", "Groen", "Geel")
TIMEOUT = 60.0  # seconds: the whole run stops by then, done or not
PHONES_NICENESS = 15  # the simulated phones' process, below the server's (10) and the game's (0)
SEED = 15


class Phone:
    """One simulated phone: a socket, its seq, the latest view and the replies by seq."""

    def __init__(self, http: aiohttp.ClientSession, url: str) -> None:
        self.http = http
        self.url = url
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.seq = 0
        self.token: str | None = None
        self.view: dict[str, Any] = {}
        self.replies: dict[int, dict[str, Any]] = {}
        self.changed = asyncio.Event()
        self.reader: asyncio.Task[None] | None = None
        self.closed: dict[str, Any] | None = None

    async def connect(self) -> None:
        headers = {"Cookie": f"incluzo={self.token}"} if self.token else None
        self.ws = await self.http.ws_connect(self.url + "ws", headers=headers)
        self.reader = asyncio.ensure_future(self._read())
        await self.send(protocol.Hello(self.next(), self.token, "nl"))

    def next(self) -> int:
        self.seq += 1
        return self.seq

    async def send(self, message: protocol.ClientMessage) -> int:
        assert self.ws is not None
        await self.ws.send_str(protocol.client_json(message))
        return message.seq

    async def raw(self, text: str) -> None:
        assert self.ws is not None
        await self.ws.send_str(text)

    async def _read(self) -> None:
        assert self.ws is not None
        async for frame in self.ws:
            if frame.type != aiohttp.WSMsgType.TEXT:
                break
            data = json.loads(frame.data)
            kind = data["type"]
            if kind == "view":
                self.view = data
            elif kind == "welcome":
                self.token = data["token"]
                self.seq = max(self.seq, data["seq"])
            elif kind in ("accepted", "refused"):
                self.replies[data["seq"]] = data
            elif kind == "bye":
                self.closed = data
            self.changed.set()

    async def until(self, test: Callable[[Phone], bool], timeout: float = 20.0) -> None:
        """Wait until `test` holds (raises TimeoutError)."""
        async with asyncio.timeout(timeout):
            while not test(self):
                self.changed.clear()
                await self.changed.wait()

    async def reply(self, seq: int, timeout: float = 20.0) -> dict[str, Any]:
        await self.until(lambda p: seq in p.replies, timeout)
        return self.replies[seq]

    async def join(self, pin: str) -> dict[str, Any]:
        """Send the PIN; the welcome (a new token) or the refusal."""
        seq = await self.send(protocol.Join(self.next(), pin))
        await self.until(lambda p: p.token is not None or seq in p.replies)
        return self.replies.get(seq, {"type": "welcome"})

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            await self.reader


@dataclasses.dataclass
class Report:
    phones: int
    accepted: list[tuple[str, str, str]] = field(default_factory=list)  # (token, ask, option)
    refused: list[dict[str, Any]] = field(default_factory=list)
    sent_at: dict[tuple[str, str], float] = field(default_factory=dict)  # (token, ask) -> when sent
    sheets: int = 0
    errors: list[str] = field(default_factory=list)


async def room_phones(
    url: str, pin: str, phones: int, rounds: int, report: Report, spread: float = 0.0
) -> None:
    """The phones' side: join, pick teams, vote `rounds` rounds (choice or poll), send a sheet each.
    `spread`: each phone thinks a random 0 to `spread` seconds before it votes (seeded, as people do)."""
    pace = random.Random(SEED)
    timeout = aiohttp.ClientTimeout(total=TIMEOUT)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as http:
        crowd = [Phone(http, url) for _ in range(phones)]
        await asyncio.gather(*(p.connect() for p in crowd))
        joined = await asyncio.gather(*(p.join(pin) for p in crowd))
        report.refused += [j for j in joined if j["type"] == "refused"]
        for number, phone in enumerate(crowd):
            await phone.send(protocol.ChooseTeam(phone.next(), number % len(TEAMS) + 1))
        done: set[str] = set()
        for _ in range(rounds):
            delays = [pace.uniform(0, spread) for _ in crowd]
            await asyncio.gather(*(one_vote(p, i, done, report, delays[i]) for i, p in enumerate(crowd)))
        await asyncio.gather(*(p.until(lambda p: p.view.get("stage") == "bril", TIMEOUT) for p in crowd))
        await asyncio.gather(*(one_sheet(p, report) for p in crowd))
        await asyncio.gather(*(p.close() for p in crowd))


async def one_vote(phone: Phone, number: int, done: set[str], report: Report, delay: float = 0.0) -> None:
    """Wait for an open question this phone has not answered, think `delay` seconds, and vote in it."""
    await phone.until(
        lambda p: (
            p.view.get("stage") in ("round", "poll")
            and p.view.get("team") is not None
            and f"{p.token}:{p.view.get('ask')}" not in done
        ),
        TIMEOUT,
    )
    await asyncio.sleep(delay)
    view = phone.view
    ask = view["ask"]
    done.add(f"{phone.token}:{ask}")
    if view["stage"] == "poll":
        options = view["poll"]["options"]
        option = options[number % len(options)]["id"]
        message: protocol.ClientMessage = protocol.Vote(phone.next(), ask, option)
    else:
        if not view["round"]["plays"] or view["round"]["team_picked"]:
            return
        choices = [c for c in view["round"]["choices"] if c["affordable"]]
        option = choices[number % len(choices)]["id"]
        message = protocol.Pick(phone.next(), ask, option)
    assert phone.token is not None
    report.sent_at[(phone.token, ask)] = time.monotonic()  # one clock for every process
    reply = await phone.reply(await phone.send(message))
    if reply["type"] == "accepted":
        report.accepted.append((phone.token, ask, option))
    else:
        report.refused.append(reply)


async def one_sheet(phone: Phone, report: Report) -> None:
    view = phone.view
    themes = len(view["bril"]["themes"])
    rows = tuple((4, 3, 2, 1) for _ in range(themes))
    wanted = tuple((1, 2, 3, 4) for _ in range(themes))
    reply = await phone.reply(await phone.send(protocol.Answers(phone.next(), view["ask"], rows, wanted)))
    if reply["type"] == "accepted":
        report.sheets += 1
    else:
        report.refused.append(reply)


def in_thread(work: Callable[[], Any]) -> tuple[threading.Thread, list[BaseException]]:
    """Run `work` (the phones' asyncio side) in a thread of its own; failures are kept for the caller."""
    failures: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as problem:  # handed to the caller's thread
            failures.append(problem)

    thread = threading.Thread(target=run, name="simulated-phones", daemon=True)
    thread.start()
    return thread, failures


@dataclasses.dataclass
class Run:
    """What a room run measured and saved."""

    report: Report
    frames_ms: list[float]  # each frame while the phones were in (drawn in full)
    frames_cpu_ms: list[float]  # the CPU time this thread spent in each of those frames
    frames_stepped: list[bool]  # the frame carried a step of the game (a team's choice placed, a new
    # screen): its engine work, views and new layout, as the same step typed on the keyboard would
    frame_ends: list[float]  # when each of those frames ended (time.monotonic)
    shown: list[float]  # when the frame that showed each vote ended
    latencies_ms: list[float]  # per accepted vote: sent -> the frame that showed it was drawn
    saved_votes: list[tuple[str, str, str]]  # (device, ask, option) in the save log
    save: Path | None
    profile_respondents: int
    rounds: int


def play_room(
    phones: int,
    *,
    size: tuple[int, int] = (1280, 720),
    window: bool = False,
    rounds: int = 4,
    timeout: float = TIMEOUT,
    spread: float = 0.0,
    separate: bool = False,
    hz: float = 0.0,
) -> Run:
    """A team game of kamer.yaml with `phones` simulated phones on loopback, the frame loop in this thread.

    The facilitator's part is played here, by the keys a facilitator presses, handled in the frames
    measured: Enter reveals once every team is in (on the poll: once every phone voted), then walks the
    reveal's steps and goes on to the next round, a press as soon as the screen shows the last one;
    after `rounds` rounds the questionnaire opens for the phones.
    `separate`: the phones run in a process of their own (as real phones share no CPU time with the
    game); `hz`: frames paced like the window's loop (0: as fast as they come); every frame is a full
    redraw, as the frame benchmark measures them.
    """
    from incluzo.app import App, steady
    from incluzo.engine.logs.savelog import PhoneVoteEntry
    from incluzo.engine.play.phases import Phase
    from incluzo.phones.room import RoundOpen, device_id
    from incluzo.scenes import actions
    from incluzo.scenes.kit import theme
    from incluzo.scenes.kit.input import Key
    from incluzo.scenes.teams.director import TeamDirector

    app = App.opened(
        size=size, scenario=KAMER, teams=TEAMS, mode="teams", window=window, phones=("127.0.0.1", 0)
    )
    hub = app.phones
    assert hub is not None and isinstance(app.game, TeamDirector)
    game: TeamDirector = app.game
    app.overlays.clear()  # the facilitator closed the join screen
    app.act(actions.BeginRound())
    report = Report(phones)
    args = [hub.url, hub.pin, str(phones), str(rounds), str(spread)]
    if separate:
        process = subprocess.Popen(
            [sys.executable, "-m", "incluzo.phones.loadtest", *args], stdout=subprocess.PIPE, text=True
        )
        running: Callable[[], bool] = lambda: process.poll() is None  # noqa: E731
        failures: list[BaseException] = []
    else:
        thread, failures = in_thread(
            lambda: asyncio.run(room_phones(hub.url, hub.pin, phones, rounds, report, spread))
        )
        running = thread.is_alive
    frames: list[float] = []
    cpu: list[float] = []
    stepped: list[bool] = []
    ends: list[float] = []
    latencies: list[float] = []
    counted: set[tuple[str, str]] = set()
    handled: dict[tuple[str, str], float] = {}  # (device, ask) -> when the frame that showed it was drawn
    unseen: list[tuple[str, str]] = []  # counted by a frame that left its drawing to the next
    played = 0
    press: list[Key] = []  # the facilitator's key for the next frame
    steady()  # as the window's loop starts
    deadline = time.monotonic() + timeout
    tick = time.monotonic()
    try:
        while running() and time.monotonic() < deadline:
            app.top.dirty = True
            start, used, acted, scene = time.monotonic(), time.thread_time(), hub.acted, app.scene
            owed = app.owed  # the frame before left its drawing (or part of it) to this one
            app.step(press, 1 / 60, budget=theme.FRAME_BUDGET)  # as the window's loop steps
            end = time.monotonic()
            frames.append((end - start) * 1000)
            cpu.append((time.thread_time() - used) * 1000)
            stepped.append(hub.acted != acted or app.scene is not scene or bool(press) or owed)
            ends.append(end)
            press = []
            for ask, ballot in hub.room.ballots.items():
                for device in ballot.votes:
                    if (device, ask) not in counted:
                        counted.add((device, ask))
                        unseen.append((device, ask))
            if not app.owed:  # this frame drew: what it counted is on the screen
                handled.update((key, end) for key in unseen)
                unseen.clear()
            if app.game is game:
                played = game.play.rounds  # the rounds revealed
            if app.owed:
                pass  # the facilitator waits until the screen shows the last press
            elif app.game is game and played < rounds:
                stage = hub.room.stage
                if game.play.phase == Phase.OUTCOME:
                    press = [Key("return")]  # the reveal's next step, after its last the next round
                elif isinstance(stage, RoundOpen) and game.play.phase == Phase.CARD:
                    votes = hub.room.ballots.get(stage.ask)
                    in_poll = stage.poll is not None and votes is not None and len(votes.votes) >= phones
                    everyone = stage.poll is None and set(stage.picked) >= set(stage.choices)
                    if in_poll or everyone:
                        press = [Key("return")]  # reveal
            elif played >= rounds and not hub.bril_open():
                app.open_questionnaire()
                app.overlays.clear()
            tick = max(tick + 1 / hz, time.monotonic()) if hz else time.monotonic() + 0.002
            time.sleep(max(0.0, tick - time.monotonic()))
    finally:
        if separate:
            out, _ = process.communicate(timeout=10)
            report = read_report(out, phones)
        else:
            thread.join(timeout=5)
        respondents = len(hub.room.responses())
        app.stop_phones()  # writes what the phones handed over before it closes
    if failures:
        raise failures[0]
    tokens = {device_id(token): token for token, _ in report.sent_at}
    for (device, ask), shown in handled.items():
        sent = report.sent_at.get((tokens.get(device, ""), ask))
        if sent is not None:
            latencies.append((shown - sent) * 1000)
    saved = [
        (str(e.device), str(e.ask), str(e.option))
        for e in (game.save.log.entries if game.save else ())
        if isinstance(e, PhoneVoteEntry)
    ]
    save = game.save.path if game.save else None
    return Run(
        report,
        frames,
        cpu,
        stepped,
        ends,
        list(handled.values()),
        latencies,
        saved,
        save,
        respondents,
        played,
    )


def while_voting(run: Run, *, cpu: bool = False, steps: bool | None = None) -> list[float]:
    """The frames drawn between the first vote sent and the last vote shown (the votes arriving): their
    wall time, or with `cpu` the CPU time the frame loop's thread spent in them; `steps` False: only
    the frames that carried no step of the game (the phones' own work and the redraw), True: only those
    that did, None: all."""
    if not run.report.sent_at:
        return []
    first, last = min(run.report.sent_at.values()), max(run.shown, default=0.0)
    times = run.frames_cpu_ms if cpu else run.frames_ms
    return [
        ms
        for ms, end, stepped in zip(times, run.frame_ends, run.frames_stepped, strict=True)
        if first <= end <= last and steps in (None, stepped)
    ]


def write_report(report: Report) -> str:
    return json.dumps(
        {
            "accepted": report.accepted,
            "refused": report.refused,
            "sent_at": [[token, ask, at] for (token, ask), at in report.sent_at.items()],
            "sheets": report.sheets,
        }
    )


def read_report(text: str, phones: int) -> Report:
    data = json.loads(text.strip().splitlines()[-1]) if text.strip() else {}
    report = Report(phones)
    report.accepted = [(t, a, o) for t, a, o in data.get("accepted", [])]
    report.refused = data.get("refused", [])
    report.sent_at = {(t, a): at for t, a, at in data.get("sent_at", [])}
    report.sheets = data.get("sheets", 0)
    return report


def main(argv: list[str]) -> int:
    """The phones of `play_room(separate=True)`: URL PIN PHONES ROUNDS SPREAD; prints the report as JSON."""
    url, pin, phones, rounds, spread = argv
    if hasattr(os, "nice"):  # below the game and its server: real phones take no CPU time from them
        with contextlib.suppress(OSError):
            os.nice(PHONES_NICENESS)
    report = Report(int(phones))
    try:
        asyncio.run(room_phones(url, pin, int(phones), int(rounds), report, float(spread)))
    finally:
        print(write_report(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
