"""Play as you write in team play: F5 or saving the file reloads it, carries the team game over in a new
save, stops where a step no longer fits, and never crashes on a broken file."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from scene_helpers import press
from team_helpers import PRIKKELS, THREE, director, enter, letter, reveal_and_go_on, team_app, to_round
from test_reload import edit

from incluzo import persistence
from incluzo.app import App
from incluzo.engine.logs import savelog
from incluzo.engine.questionnaire import themes as questionnaire
from incluzo.scenes.screens.profile import StartProfile
from incluzo.scenes.teams.rounds import TeamRoundScene

FIRST = {1: "aparte-werkplek", 2: "strategieen-met-klas", 3: "sensorisch-traject"}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    path = tmp_path / "prikkels.yaml"
    shutil.copy(PRIKKELS, path)
    return path


def played(app: App) -> App:
    """One round revealed, then a hidden pick in the next (six steps)."""
    to_round(app)
    enter(app, FIRST)
    reveal_and_go_on(app)
    enter(app, {1: "werkplek-houden"})
    return app


def test_f5_reloads_the_file_and_replays_the_team_game_in_a_new_save(copy: Path) -> None:
    app = played(team_app(copy))
    before = director(app)
    seats, save, scenario = before.play.seats, before.save, before.scenario
    assert save is not None
    edit(copy, "id: strategieen-met-klas", "id: strategieen-met-klas\n        # a comment changes nothing")
    press(app, "f5")
    after = director(app)  # the same game, carried over to the new version
    assert app.notice == "Scenario opnieuw geladen; 6 stappen opnieuw gespeeld."
    assert after.scenario is not scenario and isinstance(app.scene, TeamRoundScene)
    assert after.play.seats == seats and after.play.seats[0].pick == "werkplek-houden"
    assert after.save is not None and after.save.path != save.path
    on_disk = savelog.read(after.save.path.read_bytes())
    assert on_disk.entries == save.log.entries
    assert on_disk.header.content_hash != save.log.header.content_hash
    assert on_disk.header.teams == THREE


def test_the_new_save_resumes_to_the_reloaded_game(copy: Path) -> None:
    app = played(team_app(copy))
    edit(copy, "id: strategieen-met-klas", "id: strategieen-met-klas\n        # saved again")
    press(app, "f5")
    save = director(app).save
    assert save is not None
    resumed = team_app(copy)
    assert resumed.resume(save.path) and not resumed.notice
    assert director(resumed).play.seats == director(app).play.seats


def test_the_countdown_goes_on_as_it_stood(copy: Path) -> None:
    app = played(team_app(copy))
    press(app, "+")
    app.step([], 12.5)
    edit(copy, "id: strategieen-met-klas", "id: strategieen-met-klas\n        # saved again")
    press(app, "f5")
    timer = director(app).play.timer
    assert (timer.used_ms, timer.limit_ms, timer.running) == (12_500, 150_000, True)


def test_a_removed_choice_stops_the_replay_at_its_pick_and_says_why(copy: Path) -> None:
    app = played(team_app(copy))
    edit(copy, "strategieen-met-klas", "met-de-klas")  # the choice and the condition that names it
    press(app, "f5")
    assert app.notice == (
        "Scenario opnieuw geladen, maar het spel stopt na 1 stap: "
        "keuze 'strategieen-met-klas' staat niet op deze kaart"
    )
    team = director(app)
    assert team.scenario.card("drukte-in-de-klas").choice("met-de-klas") is not None
    assert [seat.pick for seat in team.play.seats] == ["aparte-werkplek", None, None]
    assert team.save is not None and len(savelog.read(team.save.path.read_bytes()).entries) == 1


def test_a_file_with_errors_keeps_the_old_version_playing_and_shows_them(copy: Path) -> None:
    app = played(team_app(copy))
    before = director(app)
    edit(copy, "recognition: transformatief", "recognition: transformatif")
    press(app, "f5")
    assert app.notice.splitlines()[0] == "Het bestand heeft nu fouten; je speelt verder met de vorige versie:"
    assert "'transformatif' is hier niet toegestaan (bedoelde je 'transformatief'?)" in app.notice
    assert director(app) is before and isinstance(app.scene, TeamRoundScene)
    scene = app.scene
    press(app, "1", letter(scene, "stapsgewijs-terug"))  # the game plays on
    assert before.play.seats[0].pick == "stapsgewijs-terug" and not app.notice


def test_a_file_that_is_no_scenario_at_all_shows_its_error(copy: Path) -> None:
    app = played(team_app(copy))
    copy.write_text("cards: [\n", "utf-8")
    press(app, "f5")
    assert app.notice.startswith("Het bestand heeft nu fouten")
    assert str(copy) in app.notice and app.game is not None


def test_saving_the_file_reloads_a_team_game_by_itself(copy: Path) -> None:
    app = team_app(copy)
    assert not app.watch(now=10.0)
    edit(copy, "id: strategieen-met-klas", "id: strategieen-met-klas\n        # saved again")
    assert not app.watch(now=10.1)  # checked at most twice a second
    assert app.watch(now=11.0)
    assert app.notice == "Scenario opnieuw geladen; 0 stappen opnieuw gespeeld."


def test_a_resumed_team_game_is_watched_too(copy: Path) -> None:
    first = played(team_app(copy))
    save = director(first).save
    assert save is not None
    app = team_app(copy)
    app.resume(save.path)
    edit(copy, "id: strategieen-met-klas", "id: strategieen-met-klas\n        # saved again")
    assert app.watch(now=100.0)
    assert app.notice == "Scenario opnieuw geladen; 6 stappen opnieuw gespeeld."


def test_a_team_game_started_from_the_rooms_profile_keeps_it_after_a_reload(copy: Path) -> None:
    app = App(size=(1280, 720))
    profile = Fraction(40), Fraction(30), Fraction(20), Fraction(10)
    app.profile = StartProfile("welke-bril", questionnaire.Result(profile, profile[::-1], 1))
    assert app.begin_teams(str(copy), THREE)
    played(app)
    edit(copy, "id: strategieen-met-klas", "id: strategieen-met-klas\n        # saved again")
    press(app, "f5")
    team = director(app)
    assert team.scenario.position == questionnaire.to_position(profile)
    assert team.save is not None and isinstance(team.save.log.entries[0], savelog.ProfileEntry)
    assert len([e for e in team.save.log.entries if isinstance(e, savelog.ProfileEntry)]) == 1
    assert app.notice == "Scenario opnieuw geladen; 6 stappen opnieuw gespeeld."


def test_a_team_game_the_disk_refuses_to_save_still_reloads(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Toegang geweigerd")

    monkeypatch.setattr(persistence.SaveFile, "create", refuse)
    app = team_app(copy)
    assert app.notice == "Opslaan lukt niet (Toegang geweigerd); het spel gaat verder zonder opslaan."
    played(app)
    edit(copy, "id: strategieen-met-klas", "id: strategieen-met-klas\n        # saved again")
    press(app, "f5")
    assert app.notice.splitlines() == [
        "Scenario opnieuw geladen; 6 stappen opnieuw gespeeld.",
        "Opslaan lukt niet (Toegang geweigerd); het spel gaat verder zonder opslaan.",
    ]
    assert director(app).save is None and director(app).play.seats[0].pick == "werkplek-houden"
