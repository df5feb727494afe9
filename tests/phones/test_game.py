"""Phones in a running game (a real server on loopback, the frame loop in the test's thread): the room
run with 30 phones, the keyboard beside the phones, the facilitator's device, a kill and a resume."""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Callable, Coroutine
from typing import Any

import aiohttp
import pytest
from testsupport import SlowDisk

from incluzo.app import App
from incluzo.engine.logs import savelog
from incluzo.engine.logs.savelog import PhoneRoomEntry, PhoneVoteEntry, TeamPickEntry, TeamRevealEntry
from incluzo.phones import protocol
from incluzo.phones.loadtest import KAMER, TEAMS, Phone, in_thread, play_room, while_voting
from incluzo.phones.room import RoundOpen
from incluzo.scenes import actions
from incluzo.scenes.kit import theme
from incluzo.scenes.kit.input import Key
from incluzo.scenes.teams.director import TeamDirector

LOOPBACK = ("127.0.0.1", 0)


def team_app() -> App:
    app = App.opened(scenario=KAMER, teams=TEAMS[:2], mode="teams", phones=LOOPBACK)
    app.act(actions.BeginRound())
    return app


def drive(
    app: App, phones: Callable[[aiohttp.ClientSession], Coroutine[Any, Any, None]], limit: float = 30
) -> None:
    """Run the phones' coroutine in a thread while this thread plays frames, until it is done."""

    async def session() -> None:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=limit)) as http:
            await phones(http)

    thread, failures = in_thread(lambda: asyncio.run(session()))
    deadline = time.monotonic() + limit
    while thread.is_alive() and time.monotonic() < deadline:
        app.step([], 1 / 60)
        time.sleep(0.002)
    thread.join(timeout=5)
    if app.phones is not None:
        app.phones.writer.wait()
    if failures:
        raise failures[0]
    assert not thread.is_alive(), "the phones did not finish in time"


async def joined(http: aiohttp.ClientSession, url: str, pin: str, team: int | None) -> Phone:
    phone = Phone(http, url)
    await phone.connect()
    await phone.join(pin)
    if team is not None:
        await phone.reply(await phone.send(protocol.ChooseTeam(phone.next(), team)))
        await phone.until(lambda p: p.view.get("team") == team and p.view.get("stage") == "round")
    return phone


def test_thirty_phones_vote_three_rounds_a_poll_and_the_questionnaire_and_nothing_is_lost() -> None:
    run = play_room(30, timeout=60)
    report = run.report
    assert run.rounds == 4
    assert report.refused == []
    assert len(report.accepted) == 30 * 4  # every phone, every round and the poll
    accepted = {(token, ask) for token, ask, _ in report.accepted}
    assert len(accepted) == len(report.accepted)
    assert len(run.saved_votes) == len(report.accepted)  # every accepted vote is in the save, once
    assert len({(device, ask) for device, ask, _ in run.saved_votes}) == len(run.saved_votes)
    assert report.sheets == 30 and run.profile_respondents == 30
    assert while_voting(run)  # the frames the benchmark measures: drawn while the votes came in
    assert run.save is not None
    log = savelog.read(run.save.read_bytes())
    reveals = [e for e in log.entries if isinstance(e, TeamRevealEntry)]
    poll = next(e for e in reveals if e.card == "peiling")
    assert poll.counts is not None and sum(poll.counts) == 30  # the phones' counts, not one per team
    picks = [e for e in log.entries if isinstance(e, TeamPickEntry)]
    assert len(picks) == 3 * len(TEAMS)  # every team's choice came from its phones


def test_a_team_without_phones_is_typed_in_the_same_round() -> None:
    app = team_app()
    hub = app.phones
    assert hub is not None and isinstance(app.game, TeamDirector)

    async def phones(http: aiohttp.ClientSession) -> None:
        phone = await joined(http, hub.url, hub.pin, 1)
        reply = await phone.reply(
            await phone.send(protocol.Pick(phone.next(), phone.view["ask"], "werkplek"))
        )
        assert reply["type"] == "accepted"
        await phone.until(lambda p: p.view["round"]["team_picked"])
        await phone.close()

    drive(app, phones)
    assert app.overlays and app.overlays[-1].name == "phones"  # the join screen is up
    app.step([Key("escape"), Key("2"), Key("b")], 1 / 60)  # Blauw has no phones: the facilitator types it
    assert app.game.play.seats[0].pick == "werkplek" and app.game.play.seats[1].pick == "strategie"
    app.step([Key("return")], 1 / 60)
    assert app.game.play.phase.value == "outcome"
    # the phones are told the reveal from the very view the big screen's reveal was built from
    assert app.game.reveal_view() is app.game.screen.view
    assert app.game.reveal_view() == app.game.presenter.reveal(app.game.play)
    app.stop_phones()


def test_the_phones_are_told_a_step_only_once_it_is_on_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    app = team_app()
    hub = app.phones
    assert hub is not None and isinstance(app.game, TeamDirector) and app.game.save is not None
    app.overlays.clear()
    app.step([], 1 / 60)
    assert isinstance(hub.room.stage, RoundOpen) and not hub.room.stage.picked
    disk = SlowDisk(monkeypatch)
    app.step([Key("1"), Key("a")], 1 / 60, budget=theme.FRAME_BUDGET)  # Rood's choice, typed
    assert app.game.play.seats[0].pick is not None and disk.entered.wait(10)
    for _ in range(5):
        app.step([], 1 / 60, budget=theme.FRAME_BUDGET)
    assert not hub.room.stage.picked, "the room hears of it once the save has it"
    disk.go.set()
    app.game.save.wait()
    for _ in range(3):
        app.step([], 1 / 60, budget=theme.FRAME_BUDGET)
    assert hub.room.stage.picked == {1}
    app.stop_phones()


def test_the_facilitator_device_gives_time_and_reveals() -> None:
    app = team_app()
    hub = app.phones
    assert hub is not None and isinstance(app.game, TeamDirector)
    game = app.game
    before = game.play.timer.remaining_ms

    async def phones(http: aiohttp.ClientSession) -> None:
        desk = Phone(http, hub.url)
        await desk.connect()
        await desk.join(hub.desk_pin)
        await desk.until(lambda p: p.view.get("desk") is not None)
        assert "reveal" in desk.view["desk"]["commands"]
        await desk.reply(await desk.send(protocol.Control(desk.next(), "more-time")))
        await desk.until(lambda p: p.view["desk"]["remaining"] > before // 1000)
        refusal = await desk.reply(await desk.send(protocol.ChooseTeam(desk.next(), 1)))
        assert refusal["reason"] == "not-facilitator"
        await desk.close()

    drive(app, phones)
    assert game.play.timer.remaining_ms > before
    app.stop_phones()


def test_garbage_from_one_phone_closes_only_its_socket_and_the_game_goes_on() -> None:
    app = team_app()
    hub = app.phones
    assert hub is not None

    async def phones(http: aiohttp.ClientSession) -> None:
        good = await joined(http, hub.url, hub.pin, 1)
        bad = Phone(http, hub.url)
        await bad.connect()
        await bad.raw('{"type": "pick", "seq": 9, "ask": "../../etc", "choice": "x"}')
        await bad.until(lambda p: p.closed is not None)
        assert bad.closed == {"type": "bye", "reason": "schema"}
        reply = await good.reply(await good.send(protocol.Pick(good.next(), good.view["ask"], "strategie")))
        assert reply["type"] == "accepted"
        await good.close()

    drive(app, phones)
    assert app.running and isinstance(app.game, TeamDirector)
    app.stop_phones()


def test_votes_reported_accepted_survive_a_kill_and_the_phones_come_back() -> None:
    app = team_app()
    hub = app.phones
    assert hub is not None and isinstance(app.game, TeamDirector) and app.game.save is not None
    save = app.game.save.path
    pin = hub.pin
    kept: dict[str, Any] = {}

    async def before(http: aiohttp.ClientSession) -> None:
        one = await joined(http, hub.url, pin, 1)
        two = await joined(http, hub.url, pin, 1)
        ask = one.view["ask"]
        assert (await one.reply(await one.send(protocol.Pick(one.next(), ask, "strategie"))))[
            "type"
        ] == "accepted"
        kept.update(token=one.token, seq=one.seq, ask=ask, other=two.token)
        await one.close()
        await two.close()

    drive(app, before)
    hub.server.stop()  # the game is killed: no goodbye, nothing more written
    hub.writer.stop()
    entries = savelog.read(save.read_bytes()).entries
    assert [e.option for e in entries if isinstance(e, PhoneVoteEntry)] == ["strategie"]

    again = App.opened(resume=save, phones=LOOPBACK)
    hub2 = again.phones
    assert hub2 is not None and isinstance(again.game, TeamDirector)
    again.step([], 1 / 60)  # the first frame: the phones see the resumed game
    assert hub2.pin == pin  # the room's PIN survives the resume
    assert any(isinstance(e, PhoneRoomEntry) for e in again.game.save.log.entries)  # type: ignore[union-attr]
    again.act(actions.BeginRound())  # a resumed game opens on its briefing
    again.step([], 1 / 60)
    assert isinstance(hub2.room.stage, RoundOpen) and hub2.room.stage.ask == kept["ask"]

    async def after(http: aiohttp.ClientSession) -> None:
        phone = Phone(http, hub2.url)
        phone.token, phone.seq = kept["token"], kept["seq"]
        await phone.connect()
        await phone.until(lambda p: p.view.get("stage") == "round")
        assert phone.view["team"] == 1
        assert phone.view["round"]["voted"] == "strategie"  # the vote is still there
        again_vote = await phone.reply(await phone.send(protocol.Pick(phone.next(), kept["ask"], "werkplek")))
        assert again_vote["reason"] == "already"  # and is not counted twice
        await phone.close()

    drive(again, after)
    again.stop_phones()


def test_a_wrong_pin_gets_no_token() -> None:
    app = team_app()
    hub = app.phones
    assert hub is not None

    async def phones(http: aiohttp.ClientSession) -> None:
        phone = Phone(http, hub.url)
        await phone.connect()
        wrong = "11111" if hub.pin != "11111" else "22222"
        reply = await phone.join(wrong)
        assert reply["reason"] == "bad-pin" and phone.token is None
        await phone.close()

    drive(app, phones)
    app.stop_phones()


@pytest.mark.slow
def test_a_hundred_and_twenty_phones() -> None:
    run = play_room(120, timeout=120)
    assert run.rounds == 4 and run.report.refused == []
    assert len(run.report.accepted) == 120 * 4 == len(run.saved_votes)
    assert len({(d, a) for d, a, _ in run.saved_votes}) == len(run.saved_votes)
    assert run.report.sheets == 120


def test_welke_bril_on_phones_gives_the_room_profile_as_on_screen() -> None:
    from incluzo.engine.questionnaire.themes import Response, result
    from incluzo.scenes.screens.profile import ProfileScene

    app = App(phones=LOOPBACK)
    app.open_questionnaire()
    hub = app.phones
    assert hub is not None
    app.step([], 1 / 60)
    themes = len(app.questionnaire.themes)
    sheets = [
        (tuple((10, 0, 0, 0) for _ in range(themes)), tuple((0, 0, 0, 10) for _ in range(themes))),
        (tuple((4, 3, 2, 1) for _ in range(themes)), tuple((1, 2, 3, 4) for _ in range(themes))),
    ]

    async def phones(http: aiohttp.ClientSession) -> None:
        crowd = [await joined(http, hub.url, hub.pin, None) for _ in sheets]
        for phone, (current, desired) in zip(crowd, sheets, strict=True):
            await phone.until(lambda p: p.view.get("stage") == "bril")
            message = protocol.Answers(phone.next(), phone.view["ask"], current, desired)
            assert (await phone.reply(await phone.send(message)))["type"] == "accepted"
        await crowd[0].until(lambda p: p.view["bril"]["finished"] == 2)
        assert crowd[0].view["bril"]["done"]
        desk = Phone(http, hub.url)
        await desk.connect()
        await desk.join(hub.desk_pin)
        await desk.until(lambda p: p.view.get("desk") is not None and "next" in p.view["desk"]["commands"])
        await desk.reply(await desk.send(protocol.Control(desk.next(), "next")))
        for phone in [*crowd, desk]:
            await phone.close()

    drive(app, phones)
    app.step([], 1 / 60)
    assert isinstance(app.scene, ProfileScene)
    expected = result([Response(current, desired) for current, desired in sheets])
    assert app.scene.result == expected  # computed exactly as the questionnaire on screen does
    app.stop_phones()


def test_the_start_screen_turns_the_phones_on_and_off(capsys: pytest.CaptureFixture[str]) -> None:
    app = App()
    app.step([Key("o")], 1 / 60)
    if app.phones is None:  # the default port is taken on this machine: the notice says so
        assert "8765" in app.notice
        return
    url = app.phones.url
    assert f"Begeleiderspincode (alleen voor jou): {app.phones.desk_pin}" in capsys.readouterr().out
    assert app.phones.server.port == protocol.DEFAULT_PORT
    app.step([Key("o")], 1 / 60)
    assert app.phones is None

    async def gone() -> None:
        async with aiohttp.ClientSession() as http:
            with pytest.raises(aiohttp.ClientConnectionError):
                await http.get(url)

    asyncio.run(gone())


def test_the_command_line_starts_the_phones_on_the_address_given() -> None:
    from incluzo.commands.play import add_parser, phones_address

    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    args = parser.parse_args(
        ["play", str(KAMER), "--phones", "--phones-host", "127.0.0.1", "--phones-port", "0"]
    )
    assert phones_address(args) == ("127.0.0.1", 0)
    assert phones_address(parser.parse_args(["play", str(KAMER)])) is None


def test_the_facilitators_pin_shows_behind_b_for_ten_seconds_and_never_on_the_dialog_itself() -> None:
    from incluzo.phones.panel import DESK_SECONDS, PhonesOverlay

    app = team_app()
    hub = app.phones
    assert hub is not None
    app.act(actions.ShowPhones())
    dialog = app.overlays[-1]
    assert isinstance(dialog, PhonesOverlay)
    assert hub.desk_pin not in dialog.hint() and "B: begeleiderspincode" in dialog.hint()
    app.step([Key("b")], 1 / 60)
    assert dialog.hint() == f"Begeleiderspincode: {hub.desk_pin} (verdwijnt vanzelf; B verbergt hem nu)"
    app.step([], DESK_SECONDS / 2)
    assert hub.desk_pin in dialog.hint()
    app.step([], DESK_SECONDS / 2 + 0.1)
    assert hub.desk_pin not in dialog.hint()  # gone by itself
    app.step([Key("b")], 1 / 60)
    app.step([Key("b")], 1 / 60)
    assert hub.desk_pin not in dialog.hint()  # B again hides it at once
    app.stop_phones()
