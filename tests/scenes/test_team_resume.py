"""A team game is durable: every action is on disk before the screen moves on, and a resumed game
equals the one rebuilt from its log."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

from msgspec.structs import replace
from scene_helpers import press
from team_helpers import PRIKKELS, THREE, director, enter, reveal_and_go_on, team_app, to_round

from incluzo import persistence, savelock
from incluzo.app import App
from incluzo.engine.logs import savelog, workshoplog
from incluzo.engine.questionnaire import themes as questionnaire
from incluzo.engine.scenario.loader import load_file
from incluzo.scenes.screens.crash import CrashScene
from incluzo.scenes.screens.profile import StartProfile
from incluzo.scenes.teams.rounds import TeamRoundScene

FIRST = {1: "aparte-werkplek", 2: "strategieen-met-klas", 3: "sensorisch-traject"}


def played_app() -> App:
    """Two rounds revealed, a hidden pick in the third."""
    app = team_app()
    to_round(app)
    enter(app, FIRST)
    reveal_and_go_on(app)
    enter(app, {1: "werkplek-houden"})
    reveal_and_go_on(app)
    enter(app, {2: "volhouden-met-coaching"})
    return app


def test_every_action_is_in_the_save_on_disk_before_the_next_screen() -> None:
    app = team_app()
    to_round(app)
    save = director(app).save
    assert save is not None
    for number, (team, choice) in enumerate(FIRST.items(), 1):
        enter(app, {team: choice})
        on_disk = savelog.read(save.path.read_bytes())
        assert len(on_disk.entries) == number
        assert on_disk.entries[-1] == savelog.TeamPickEntry(
            team, savelog.Id(choice), savelog.Id("drukte-in-de-klas")
        )
    app.step([], 12.5)
    press(app, "return")
    reveal = savelog.read(save.path.read_bytes()).entries[-1]
    assert isinstance(reveal, savelog.TeamRevealEntry)
    assert reveal.card == "drukte-in-de-klas" and reveal.ms == 12_500  # the deliberation time of the card


def test_a_resumed_team_game_equals_the_game_rebuilt_from_its_log() -> None:
    app = played_app()
    before = director(app).play
    path = director(app).save.path  # type: ignore[union-attr]
    resumed = App.opened(size=(1280, 720), resume=path)
    play = director(resumed).play
    rebuilt = workshoplog.replay(load_file(PRIKKELS), persistence.restore(path).log)
    assert rebuilt.misfit is None and play == rebuilt.state
    assert play.seats == before.seats and play.rounds == before.rounds  # hidden pick included
    scene = resumed.scene
    assert isinstance(scene, TeamRoundScene) and scene.view.teams[1].picked


def test_the_start_offers_an_unfinished_team_game_and_yes_goes_on_with_it() -> None:
    app = played_app()
    path = director(app).save.path  # type: ignore[union-attr]
    assert persistence.find_unfinished() == path
    again = App.opened(size=(1280, 720), ask_resume=True)
    steps = len(director(app).save.log.entries)  # type: ignore[union-attr]  # every record a team action
    assert steps > 1 and f"{steps} stappen gespeeld" in again.top.text  # type: ignore[attr-defined]
    press(again, "j")
    assert director(again).play.seats == director(app).play.seats


def test_the_crash_page_goes_on_with_the_team_game_from_its_save() -> None:
    app = played_app()
    seats = director(app).play.seats
    app.crash("Traceback: a test")
    assert isinstance(app.scene, CrashScene) and app.game is None
    press(app, "r")
    assert director(app).play.seats == seats


def test_a_changed_scenario_resumes_up_to_the_step_that_no_longer_fits(tmp_path: object) -> None:
    app = played_app()
    save = director(app).save
    assert save is not None
    changed = tmp_path / "prikkels.yaml"  # type: ignore[operator]
    changed.write_text(
        PRIKKELS.read_text("utf-8").replace("id: werkplek-houden", "id: werkplek-blijft"), "utf-8"
    )
    header = replace(save.log.header, source=str(changed))
    save.rewrite(savelog.SaveLog(header, save.log.entries))
    resumed = App.opened(size=(1280, 720), resume=save.path)
    assert resumed.notice.splitlines() == [  # the same words as a one-group resume (Rebuilt.warnings)
        "Het scenario is aangepast sinds deze sessie is opgeslagen.",
        "Stap 6 past niet meer: keuze 'werkplek-houden' staat niet op deze kaart. De sessie gaat verder na "
        "stap 5; 3 latere stappen vervallen.",
    ]
    team = director(resumed)
    assert team.play.rounds == 1 and team.play.seats[0].game.card == "het-kamertje"
    assert savelog.read(save.path.read_bytes()).header.content_hash == team.scenario.content_hash


def test_a_fresh_process_reads_a_team_save_through_persistence() -> None:
    app = played_app()
    path = director(app).save.path  # type: ignore[union-attr]
    savelock.release(path)  # this game is closed: another process may take the save
    code = "import sys; from pathlib import Path; from incluzo import persistence; "
    code += "print(persistence.restore(Path(sys.argv[1])).log.entries[-1].TYPE)"
    run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "team-pick"


def test_a_team_game_started_from_the_rooms_profile_keeps_it_when_resumed() -> None:
    app = App(size=(1280, 720))
    profile = Fraction(10), Fraction(20), Fraction(30), Fraction(40)
    app.profile = StartProfile("welke-bril", questionnaire.Result(profile, profile[::-1], 1))
    assert app.begin_teams(str(PRIKKELS), THREE)
    team = director(app)
    assert team.scenario.position == questionnaire.to_position(profile)
    assert team.save is not None and isinstance(team.save.log.entries[0], savelog.ProfileEntry)
    to_round(app)
    enter(app, {1: "aparte-werkplek"})
    resumed = App.opened(size=(1280, 720), resume=team.save.path)
    assert director(resumed).scenario.position == questionnaire.to_position(profile)
    assert director(resumed).play.seats == team.play.seats
