"""The whole room in a real browser: the game runs headless with its phones' server on loopback, two
phones of two teams join by PIN in Debian's Chromium, play a round, vote in a poll and fill in
"Welke bril?"; the big screen's view data and the saved log say what the phones did."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from incluzo.app import App
from incluzo.engine.logs.savelog import (
    PhoneAnswersEntry,
    PhoneJoinEntry,
    PhoneRoomEntry,
    PhoneVoteEntry,
    ProfileEntry,
    TeamPickEntry,
    TeamRevealEntry,
)
from incluzo.engine.play.phases import Mode
from incluzo.engine.questionnaire.themes import to_position
from incluzo.persistence import restore
from incluzo.phones.panel import PhonesOverlay
from incluzo.scenes import actions
from incluzo.scenes.kit.input import Key
from incluzo.scenes.screens.profile import ProfileScene
from incluzo.scenes.teams.director import TeamDirector
from phones.bigscreen import BigScreen, big_screen
from phones.browser import TIMEOUT_MS, chromium, watch_errors

HERE = Path(__file__).parent
SCENARIO = HERE / "telefoons.yaml"
QUESTIONNAIRE = HERE.parents[1] / "questionnaires" / "welke-bril.yaml"


def join(browser: Browser, screen: BigScreen, team: int) -> Page:
    """A phone scans the code, types the PIN and taps its team."""
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors = watch_errors(page)
    page.goto(screen.hub.url)
    page.get_by_label("Pincode").fill(screen.hub.pin)
    page.get_by_role("button", name="Meedoen").click()
    page.locator(f"#team-{team}").click()
    expect(page.locator(".bar-badge")).to_contain_text(str(team))
    assert errors == []
    return page


def team_game(app: App) -> TeamDirector:
    assert isinstance(app.game, TeamDirector)
    return app.game


def test_two_phones_of_two_teams_play_a_round_and_vote_in_a_poll() -> None:
    with (
        chromium() as browser,
        big_screen(scenario=SCENARIO, teams=("Rood", "Blauw"), mode=Mode.TEAMS) as screen,
    ):
        pin = screen.hub.pin
        rood, blauw = join(browser, screen, 1), join(browser, screen, 2)
        screen.until(lambda app: [n for _, n in screen.hub.joined()] == [1, 1], "one phone in each team")
        expect(rood.locator("h1")).to_have_text("Je doet mee")

        screen.act(actions.BeginRound())
        for phone in (rood, blauw):
            expect(phone.locator("h1")).to_have_text("Drukte in de klas")
            expect(phone.locator("main")).to_contain_text("Kaart 1 van ")
            expect(phone.locator("#option-werkplek")).to_be_disabled()
            expect(phone.locator("#option-werkplek")).to_contain_text("Te duur")
        rood.locator("#option-strategie").click()
        rood.locator("#confirm").click()
        expect(rood.locator(".notice-done").first).to_contain_text("Je stem is doorgegeven: B")
        screen.until(lambda app: team_game(app).play.seats[0].pick == "strategie", "Rood's pick placed")
        round_view = screen.read(lambda app: team_game(app).presenter.round(team_game(app).play))
        assert [t.picked for t in round_view.teams] == [True, False]
        assert round_view.waiting_for == ("Blauw",)
        blauw.locator("#option-traject").click()
        blauw.locator("#confirm").click()
        screen.until(lambda app: team_game(app).play.seats[1].pick == "traject", "Blauw's pick placed")

        screen.act(actions.RevealPicks())
        reveal = screen.read(lambda app: team_game(app).presenter.reveal(team_game(app).play))
        chosen = [t.decision.choice.id for t in reveal.teams if t.decision and t.decision.choice]
        assert chosen == ["strategie", "traject"]
        for phone in (rood, blauw):
            expect(phone.locator("h1")).to_have_text("Alle keuzes")
            expect(phone.locator(".reveal")).to_contain_text("Strategieën met de klas")

        screen.act(actions.NextRound())
        for phone, option in ((rood, "gesprek"), (blauw, "gesprek")):
            expect(phone.locator("h1")).to_have_text("Peiling")
            phone.locator(f"#option-{option}").click()
            phone.locator("#confirm").click()
            expect(phone.locator(".notice-done")).to_contain_text("Je stem telt mee")
        expect(rood.locator(".results")).to_contain_text("2 stemmen, 100 procent")
        screen.act(actions.RevealPicks())
        poll = screen.read(lambda app: team_game(app).presenter.reveal(team_game(app).play).poll)
        assert poll is not None and [o.count for o in poll.options] == [0, 2, 0]
        for phone in (rood, blauw):  # the poll closed with the reveal: the counts stay, no vote is taken
            expect(phone.locator("main")).to_contain_text("Peiling gesloten. Stemmen kan niet meer.")
            expect(phone.locator("#confirm")).to_have_count(0)

        saved = screen.read(lambda app: team_game(app).save)
        assert saved is not None
        path = saved.path

    found = restore(path)
    assert found.damage is None and found.read_from == path
    entries = found.log.entries
    rooms = [e for e in entries if isinstance(e, PhoneRoomEntry)]
    assert [r.pin for r in rooms] == [pin]
    teams_joined = sorted(e.team for e in entries if isinstance(e, PhoneJoinEntry) and e.team is not None)
    assert teams_joined == [1, 2]
    votes = [(e.ask, e.option) for e in entries if isinstance(e, PhoneVoteEntry)]
    assert [o for _, o in votes] == ["strategie", "traject", "gesprek", "gesprek"]
    assert len({device for device in (e.device for e in entries if isinstance(e, PhoneVoteEntry))}) == 2
    picks = [(e.team, e.choice) for e in entries if isinstance(e, TeamPickEntry)]
    assert picks[:2] == [(1, "strategie"), (2, "traject")]
    reveals = [e for e in entries if isinstance(e, TeamRevealEntry)]
    assert [r.counts for r in reveals] == [None, (0, 2, 0)]
    assert not any(isinstance(e, PhoneAnswersEntry) for e in entries)


def fill_in(page: Page, current: list[dict[str, int]], desired: list[dict[str, int]]) -> None:
    """Points per theme as the phone's + buttons give them, current then desired, then send."""
    for sheet in (current, desired):
        for theme in sheet:
            for mark, points in theme.items():
                for _ in range(points):
                    page.locator(f"#more-{mark}").click()
            page.locator("#next, #send").click()


def test_two_phones_of_two_teams_fill_in_welke_bril_and_each_team_gets_its_profile() -> None:
    with (
        chromium() as browser,
        big_screen(
            questionnaire=QUESTIONNAIRE, scenario=SCENARIO, teams=("Rood", "Blauw"), mode=Mode.TEAMS
        ) as screen,
    ):
        themes = screen.read(lambda app: len(screen.hub.room.stage.bril.themes))  # type: ignore[union-attr]
        phones = []
        for team in (1, 2):  # the teams named for the game are there already: each phone picks its own
            page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(screen.hub.url)
            page.get_by_label("Pincode").fill(screen.hub.pin)
            page.get_by_role("button", name="Meedoen").click()
            expect(page.locator("h1")).to_have_text("Welke bril?")
            page.locator("#change-team").click()
            page.locator(f"#team-{team}").click()
            expect(page.locator("h1")).to_have_text("Welke bril?")
            expect(page.locator(".mine")).to_contain_text(("Rood", "Blauw")[team - 1])
            phones.append(page)
        first, second = phones
        fill_in(first, [{"A": 10}] * themes, [{"D": 10}] * themes)
        expect(first.locator(".notice-done")).to_have_text("Dank je! Je antwoorden zijn binnen.")
        screen.until(lambda app: screen.hub.finished() == 1, "one sheet in")
        fill_in(second, [{"B": 5, "C": 5}] * themes, [{"C": 4, "D": 6}] * themes)
        screen.until(lambda app: screen.hub.finished() == 2, "both sheets in")
        expect(first.locator("body")).to_contain_text("2 klaar")

        screen.act(actions.ShowPhones())  # the join dialog: the room in counts, never names
        lines = screen.read(
            lambda app: next(o for o in app.overlays if isinstance(o, PhonesOverlay)).counts()
        )
        assert lines == [
            "2 telefoons in de zaal",
            "2 van 2 klaar",
            "R: het profiel van de zaal (2 bladen binnen).",
        ]
        with screen.lock:
            screen.app.feed(Key("r"))  # the facilitator asks for the room's profile
        scene = screen.read(lambda app: app.scene)
        assert isinstance(scene, ProfileScene)
        groups = {label: (scores(r.current), scores(r.desired), r.respondents) for label, r in scene.groups}
        assert groups == {
            "": ([50, 25, 25, 0], [0, 0, 20, 80], 2),  # everyone
            "Rood": ([100, 0, 0, 0], [0, 0, 0, 100], 1),
            "Blauw": ([0, 50, 50, 0], [0, 0, 40, 60], 1),
        }
        with screen.lock:
            screen.app.feed(Key("2"))  # Blauw's profile on screen
        assert screen.read(lambda app: scene.label) == "Blauw"
        for _ in range(scene.paged.count if scene.paged else 1):  # Enter reads on, then starts the game:
            with screen.lock:  # the teams named with the scenario, from Blauw's profile
                screen.app.feed(Key("return"))
        screen.until(lambda app: isinstance(app.game, TeamDirector), "the scenario with its teams")
        game = screen.read(team_game)
        assert [b.name for b in game.badges] == ["Rood", "Blauw"]
        assert game.scenario.position == to_position(scene.groups[2][1].current)
        screen.until(lambda app: len(answers_saved(team_game(app))) == 2, "both sheets in the save")
        path = screen.read(lambda app: team_game(app).save.path)  # type: ignore[union-attr]

    entries = restore(path).log.entries
    profiles = [(e.label, e.respondents) for e in entries if isinstance(e, ProfileEntry)]
    assert profiles == [("Blauw", 1), ("", 2), ("Rood", 1)]  # the one started from first
    assert isinstance(entries[0], ProfileEntry)
    saved = answers_saved_in(path)
    assert [(e.team, e.current, e.desired) for e in saved] == [
        ("Rood", ("10,0,0,0",) * themes, ("0,0,0,10",) * themes),
        ("Blauw", ("0,5,5,0",) * themes, ("0,0,4,6",) * themes),
    ]
    assert saved[0].device != saved[1].device


def scores(values: Iterable[Fraction]) -> list[int]:
    found = list(values)
    assert all(v.denominator == 1 for v in found)
    return [int(v) for v in found]


def answers_saved(game: TeamDirector) -> list[PhoneAnswersEntry]:
    assert game.save is not None
    return [e for e in game.save.log.entries if isinstance(e, PhoneAnswersEntry)]


def answers_saved_in(path: Path) -> list[PhoneAnswersEntry]:
    found = restore(path)
    assert found.damage is None and found.read_from == path
    return [e for e in found.log.entries if isinstance(e, PhoneAnswersEntry)]
