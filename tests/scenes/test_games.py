"""One game for every mode: the App holds one `game`, every game answers every game action with a Reply,
the group game's deliberation time is the time it is given, and making an App writes no save."""

from __future__ import annotations

import typing
from collections.abc import Callable
from pathlib import Path

from scene_helpers import finish_animations, press
from team_helpers import THREE, team_app, to_round

from incluzo import persistence
from incluzo.app import App
from incluzo.engine.logs.savelog import DeliberationEntry
from incluzo.engine.play.phases import Mode, Phase
from incluzo.persistence import saves_dir
from incluzo.scenes import actions, games
from incluzo.scenes.game import Game, Reply
from incluzo.scenes.screens.director import Director
from incluzo.scenes.screens.practice import PracticeDirector
from incluzo.scenes.teams.director import TeamDirector

# A value for each field an action can carry, by its annotation.
SAMPLES: dict[str, object] = {"str": "x", "int": 1, "int | None": None, "tuple[int, ...] | None": None}


def every_game_action() -> list[actions.GameAction]:
    made = []
    for kind in typing.get_args(actions.GameAction):
        carried = getattr(kind, "__struct_fields__", ())  # a Signal carries nothing
        made.append(kind(**{name: SAMPLES[kind.__annotations__[name]] for name in carried}))
    return made


def test_every_game_action_is_answered_in_every_mode(make_app: Callable[..., App]) -> None:
    """Each action the union holds, in turn, through the App to the game of one group and of teams: each
    is answered (a team action on a group game, or the reverse, changes nothing and says nothing)."""
    group = make_app(mode=Mode.GROUP)
    team = team_app()
    to_round(team)
    press(group, "return")
    assert isinstance(group.game, Director) and isinstance(team.game, TeamDirector)
    for app in (group, team):
        game = app.game
        for action in every_game_action():
            assert game is not None
            reply = game.act(action)
            assert isinstance(reply, Reply), (type(game).__name__, action)
            app.answer(reply)  # as App.act does: the dialog, the notice, the new screen
            app.overlays.clear()
            app.step([], 0.0)
        assert app.game is game


def test_the_app_holds_one_game_of_the_mode_played(make_app: Callable[..., App]) -> None:
    played: dict[Mode, Game | None] = {
        Mode.SOLO: make_app(mode=Mode.SOLO).game,
        Mode.GROUP: make_app(mode=Mode.GROUP).game,
        Mode.TEAMS: team_app(names=THREE).game,
    }
    assert isinstance(played[Mode.SOLO], PracticeDirector)
    assert type(played[Mode.GROUP]) is Director
    assert isinstance(played[Mode.TEAMS], TeamDirector)
    assert all(game is not None and game.mode is mode for mode, game in played.items())
    assert not hasattr(make_app(None), "director") and not hasattr(make_app(None), "team")


def test_the_deliberation_time_is_the_time_the_game_was_given(make_app: Callable[..., App]) -> None:
    app = make_app(mode=Mode.GROUP)
    while isinstance(app.game, Director) and app.game.session.phase is not Phase.CARD:
        press(app, "return")
    app.step([], 2.5)
    app.step([], 0.5)
    press(app, "a")
    game = app.game
    assert isinstance(game, Director) and game.save is not None
    timed = [e for e in game.save.log.entries if isinstance(e, DeliberationEntry)]
    assert [e.ms for e in timed] == [3000]


def test_making_an_app_writes_no_save_and_opening_a_game_writes_one(private_data_dir: Path) -> None:
    App(size=(640, 360))
    assert not saves_dir().exists() or not any(saves_dir().iterdir())
    opened = App.opened(size=(640, 360), scenario=Path(__file__).parent / "data" / "proef.yaml")
    assert opened.game is not None and opened.game.save is not None
    assert opened.game.save.path.parent == saves_dir() and opened.game.save.path.exists()


def test_a_game_killed_between_its_last_step_and_its_finish_mark_is_finished_when_resumed(
    make_app: Callable[..., App], private_data_dir: Path
) -> None:
    """A kill after the step that reached the debrief, before the 'finished' record: resuming shows the
    debrief and marks the session finished, so it is not offered again and again."""
    app = make_app(mode=Mode.GROUP)
    game = app.game
    assert isinstance(game, Director) and game.save is not None
    for _ in range(200):
        if game.session.phase == Phase.DEBRIEF:
            break
        if game.session.phase == Phase.CARD:
            press(app, "b")  # an event card has no B: Enter goes on
        press(app, "return")
        finish_animations(app)
    assert game.session.phase == Phase.DEBRIEF
    path = game.save.path
    lines = path.read_text("utf-8").splitlines(keepends=True)
    assert '"finished"' in lines[-1]
    path.write_text("".join(lines[:-1]), "utf-8")  # as if killed just before the mark
    assert persistence.find_unfinished() == path

    opened = games.resume(path, game.ctx)
    assert isinstance(opened.game, Director) and opened.game.session.phase == Phase.DEBRIEF
    assert persistence.find_unfinished() is None
