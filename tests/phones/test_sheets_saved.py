"""Sheets sent from phones while "Welke bril?" is on the big screen, before any game has a save, go into
the save of the game the room plays next (simulated phones: no browser needed)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp

from incluzo.engine.logs.savelog import PhoneAnswersEntry, PhoneJoinEntry, PhoneRoomEntry
from incluzo.engine.play.phases import Mode
from incluzo.persistence import restore
from incluzo.phones import protocol
from incluzo.phones.loadtest import Phone
from incluzo.scenes.teams.director import TeamDirector
from phones.bigscreen import big_screen

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
