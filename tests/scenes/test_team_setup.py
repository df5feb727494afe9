"""Team set-up: from the start screen's team mode the room types 1 to 6 team names."""

from __future__ import annotations

from scene_helpers import click, press
from team_helpers import PRIKKELS, director

from incluzo.app import App
from incluzo.engine.play.phases import Mode
from incluzo.scenes.kit.input import Key, Typed
from incluzo.scenes.screens.briefing import BriefingScene
from incluzo.scenes.screens.director import Director
from incluzo.scenes.teams.briefing import TeamBriefingScene
from incluzo.scenes.teams.setup import TeamSetupScene


def setup_app() -> App:
    app = App.opened(size=(1280, 720), mode=Mode.TEAMS, scenario=PRIKKELS, teams=())
    assert isinstance(app.scene, TeamSetupScene)
    return app


def type_name(app: App, name: str) -> None:
    """As a keyboard does: a key press and the text it typed, for every character."""
    for char in name:
        app.step([Key(char if char != " " else "space"), Typed(char)], 0.0)
    press(app, "return")


def test_the_start_screens_team_mode_opens_the_team_set_up() -> None:
    app = App(size=(1280, 720))
    press(app, "t", "return")
    assert isinstance(app.scene, TeamSetupScene)


def test_typed_names_become_teams_with_a_colour_shape_and_number() -> None:
    app = setup_app()
    type_name(app, "De Uilen")
    type_name(app, "Rood")
    scene = app.scene
    assert isinstance(scene, TeamSetupScene)
    assert [(b.number, b.name, b.symbol) for b in scene.badges()] == [
        (1, "De Uilen", "circle"),
        (2, "Rood", "triangle"),
    ]
    press(app, "return")
    assert isinstance(app.scene, TeamBriefingScene)
    assert [b.name for b in app.scene.badges] == ["De Uilen", "Rood"]
    assert director(app).save is not None and director(app).save.log.header.teams == ("De Uilen", "Rood")  # type: ignore[union-attr]


def test_letters_that_are_keys_elsewhere_are_typed_into_the_name() -> None:
    app = setup_app()
    type_name(app, "Hemp")  # h is help, m the map, p the pause elsewhere
    scene = app.scene
    assert isinstance(scene, TeamSetupScene) and scene.names == ["Hemp"] and not app.overlays


def test_backspace_corrects_and_on_an_empty_field_takes_the_last_team_back() -> None:
    app = setup_app()
    type_name(app, "Vossen")
    press(app, "backspace")
    scene = app.scene
    assert isinstance(scene, TeamSetupScene) and scene.names == [] and scene.field == "Vossen"
    press(app, "backspace")
    assert scene.field == "Vosse"


def test_a_name_used_twice_is_refused_with_the_reason() -> None:
    app = setup_app()
    type_name(app, "Uilen")
    type_name(app, "uilen")
    scene = app.scene
    assert isinstance(scene, TeamSetupScene)
    assert scene.names == ["Uilen"] and scene.error == "twee teams heten 'uilen'"


def test_tab_or_a_tap_adds_a_team_with_a_standard_name_up_to_six() -> None:
    app = setup_app()
    click(app, "add")
    press(app, *["tab"] * 6)  # the sixth is one too many
    scene = app.scene
    assert isinstance(scene, TeamSetupScene)
    assert scene.names == [f"Team {n}" for n in range(1, 7)] and scene.full
    click(app, "remove-3")
    assert scene.names == ["Team 1", "Team 2", "Team 4", "Team 5", "Team 6"]


def test_enter_without_teams_plays_with_the_room_as_one_group() -> None:
    app = setup_app()
    press(app, "return")
    assert isinstance(app.scene, BriefingScene) and isinstance(app.game, Director)


def test_names_given_on_the_command_line_skip_the_set_up() -> None:
    app = App.opened(size=(1280, 720), mode=Mode.TEAMS, scenario=PRIKKELS, teams=("Rood", "Blauw", "Groen"))
    assert isinstance(app.scene, TeamBriefingScene)
    assert [b.colour for b in app.scene.badges] == ["#EE6677", "#4477AA", "#228833"]
