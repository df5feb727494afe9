"""Sheets sent from phones while "Welke bril?" is on the big screen, before any game has a save: durable
in the room's journal once "accepted" (a killed game gets them back), then in the save of the game the
room plays next (simulated phones: no browser needed)."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp

from incluzo.app import App
from incluzo.engine.logs.savelog import PhoneAnswersEntry, PhoneJoinEntry, PhoneRoomEntry
from incluzo.engine.play.phases import Mode
from incluzo.persistence import restore
from incluzo.phones import journal, protocol
from incluzo.phones.loadtest import Phone
from incluzo.scenes.teams.director import TeamDirector
from phones.bigscreen import BigScreen, big_screen

HERE = Path(__file__).parent
SCENARIO = HERE / "telefoons.yaml"
QUESTIONNAIRE = HERE.parents[1] / "questionnaires" / "welke-bril.yaml"


async def send_sheet(url: str, pin: str, themes: int) -> None:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20)) as http:
        phone = Phone(http, url)
        await phone.connect()
        await phone.join(pin)
        await phone.until(lambda p: p.view.get("stage") == "bril")
        ask = phone.view["ask"]
        rows = ((1, 2, 3, 4),) * themes
        seq = await phone.send(protocol.Answers(phone.next(), ask, rows, ((4, 3, 2, 1),) * themes))
        assert (await phone.reply(seq))["type"] == "accepted"
        await phone.close()


def test_sheets_sent_before_the_game_are_in_its_save() -> None:
    options = {"questionnaire": QUESTIONNAIRE, "scenario": SCENARIO, "teams": ("Rood",), "mode": Mode.TEAMS}
    with big_screen(**options) as screen:
        screen.until(lambda app: screen.hub.bril_open(), "the questionnaire on the phones")
        themes = screen.read(lambda app: len(screen.hub.room.stage.bril.themes))  # type: ignore[union-attr]
        asyncio.run(send_sheet(screen.hub.url, screen.hub.pin, themes))
        screen.until(lambda app: screen.hub.finished() == 1, "the sheet in")
        with screen.lock:
            assert screen.app.begin_teams(str(SCENARIO), ("Rood",))
        game = screen.read(lambda app: app.game)
        assert isinstance(game, TeamDirector) and game.save is not None
        screen.until(
            lambda app: any(isinstance(e, PhoneAnswersEntry) for e in game.save.log.entries), "saved"
        )
        path = game.save.path
    entries = restore(path).log.entries
    kinds = [type(e) for e in entries if isinstance(e, PhoneRoomEntry | PhoneJoinEntry | PhoneAnswersEntry)]
    assert kinds == [PhoneRoomEntry, PhoneJoinEntry, PhoneAnswersEntry]
    sheet = next(e for e in entries if isinstance(e, PhoneAnswersEntry))
    assert (sheet.current, sheet.desired) == (("1,2,3,4",) * themes, ("4,3,2,1",) * themes)


CHILD = """
import json, sys, time
from incluzo.app import App
app = App.opened(questionnaire=sys.argv[1], scenario=sys.argv[2], teams=("Rood", "Blauw"), mode="teams",
                 phones=("127.0.0.1", 0))
assert app.phones is not None
print(json.dumps({"url": app.phones.url, "pin": app.phones.pin}), flush=True)
while True:
    app.step([], 1 / 60)
    time.sleep(1 / 120)
"""


async def two_sheets(url: str, pin: str) -> list[tuple[str | None, int]]:
    """Two phones of two teams send their sheets and hear "accepted"; their tokens and seqs."""
    kept = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20)) as http:
        for team, rows in ((1, (10, 0, 0, 0)), (2, (0, 0, 5, 5))):
            phone = Phone(http, url)
            await phone.connect()
            await phone.join(pin)
            await phone.until(lambda p: p.view.get("stage") == "bril")
            assert (await phone.reply(await phone.send(protocol.ChooseTeam(phone.next(), team))))["type"] == (
                "accepted"
            )
            themes = len(phone.view["bril"]["themes"])
            message = protocol.Answers(
                phone.next(), phone.view["ask"], (rows,) * themes, ((0, 0, 0, 10),) * themes
            )
            assert (await phone.reply(await phone.send(message)))["type"] == "accepted"
            kept.append((phone.token, phone.seq))
            await phone.close()
    return kept


async def back(url: str, token: str | None, seq: int) -> dict[str, object]:
    """A phone of before the kill comes back with its cookie: its view."""
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20)) as http:
        phone = Phone(http, url)
        phone.token, phone.seq = token, seq
        await phone.connect()
        await phone.until(lambda p: p.view.get("stage") == "bril")
        view = phone.view
        themes = len(view["bril"]["themes"])
        again = protocol.Answers(
            phone.next(), view["ask"], ((1, 2, 3, 4),) * themes, ((4, 3, 2, 1),) * themes
        )
        refused = await phone.reply(await phone.send(again))
        await phone.close()
        return {**view, "again": refused.get("reason")}


def test_sheets_accepted_before_a_kill_come_back_with_the_room() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(QUESTIONNAIRE), str(SCENARIO)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        started = json.loads(child.stdout.readline())
        kept = asyncio.run(two_sheets(started["url"], started["pin"]))
    finally:
        child.send_signal(signal.SIGKILL)  # the game dies during the questionnaire: no goodbye
        child.wait(timeout=10)
    journals = list(journal.folder().glob("room-*.jsonl"))
    assert len(journals) == 1

    app = App.opened(questionnaire=QUESTIONNAIRE, scenario=SCENARIO, teams=("Rood", "Blauw"), mode=Mode.TEAMS)
    assert app.start_phones("127.0.0.1", 0)
    hub = app.phones
    assert hub is not None
    screen = BigScreen(app)
    screen.thread.start()
    try:
        screen.until(lambda app: hub.bril_open() and hub.finished() == 2, "both sheets back")
        assert hub.pin == started["pin"]  # the same room: its PIN, its phones, its sheets
        view = asyncio.run(back(hub.url, *kept[0]))
        assert view["team"] == 1 and view["bril"]["done"] and view["again"] == "already"  # type: ignore[index]
        found = screen.read(lambda app: hub.profiles())
        assert found is not None and [label for label, _ in found.teams] == ["Rood", "Blauw"]
        assert found.result.respondents == 2
        with screen.lock:
            assert app.begin_teams(str(SCENARIO), ("Rood", "Blauw"))
        game = screen.read(lambda app: app.game)
        assert isinstance(game, TeamDirector) and game.save is not None
        screen.until(lambda app: not journals[0].exists(), "the journal gone once the game's save has it")
        path = game.save.path
    finally:
        screen.stopped.set()
        screen.thread.join(timeout=5)
        app.stop_phones()
    sheets = [e for e in restore(path).log.entries if isinstance(e, PhoneAnswersEntry)]
    assert [e.team for e in sheets] == ["Rood", "Blauw"]
