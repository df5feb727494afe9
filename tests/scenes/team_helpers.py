"""Helpers for the team screen tests: a team game in an app, and keys that enter a round."""

from __future__ import annotations

from pathlib import Path

from scene_helpers import press

from incluzo.app import App
from incluzo.engine.play.phases import Mode
from incluzo.scenes.teams.director import TeamDirector
from incluzo.scenes.teams.reveal import TeamRevealScene
from incluzo.scenes.teams.rounds import TeamRoundScene

SHIPPED = Path(__file__).resolve().parents[2] / "scenarios"
PRIKKELS = SHIPPED / "te-veel-prikkels.yaml"
THREE = ("Rood", "Blauw", "De Uilen")


def team_app(path: Path = PRIKKELS, names: tuple[str, ...] = THREE, **options: object) -> App:
    options.setdefault("size", (1280, 720))
    return App.opened(scenario=path, mode=Mode.TEAMS, teams=names, **options)  # type: ignore[arg-type]


def director(app: App) -> TeamDirector:
    assert isinstance(app.game, TeamDirector)
    return app.game


def to_round(app: App) -> TeamRoundScene:
    """From the briefing to the first round (reading every page)."""
    for _ in range(10):
        if isinstance(app.scene, TeamRoundScene):
            return app.scene
        press(app, "return")
    raise AssertionError(f"no round after the briefing: {app.scene.name}")


def letter(scene: TeamRoundScene, choice: str) -> str:
    return next(o.mark for o in scene.options() if o.id == choice).lower()


def enter(app: App, picks: dict[int, str]) -> None:
    """Per team its number, then its choice's letter."""
    for team, choice in picks.items():
        scene = app.scene
        assert isinstance(scene, TeamRoundScene)
        press(app, str(team), letter(scene, choice))
        assert not app.notice, app.notice


def reveal_and_go_on(app: App) -> None:
    """Enter reveals; Enter again reads the reveal's pages and goes on."""
    press(app, "return")
    assert isinstance(app.scene, TeamRevealScene), app.notice
    reveal = app.scene
    for _ in range(20):
        press(app, "return")
        if app.scene is not reveal:
            return
    raise AssertionError("Enter never left the reveal")
