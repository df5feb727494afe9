"""The team screens at every size: targets inside the window and apart, choices and teams above the
facilitator bar, nothing on top of another."""

from __future__ import annotations

import pytest
from scene_helpers import press
from team_helpers import SHIPPED, enter, team_app, to_round
from test_layout import SIZES, check_scene

from incluzo.app import App
from incluzo.engine.play.phases import Mode
from incluzo.scenes.kit.base import Scene
from incluzo.scenes.kit.input import Typed
from incluzo.scenes.teams.reveal import TeamRevealScene
from incluzo.scenes.teams.rounds import TeamRoundScene

SIX = ("Rood", "Blauw", "Groen", "De Uilen van groep acht", "Vossen", "Team met een erg lange naam")
SCHOOLRIJP = SHIPPED / "niet-schoolrijp.yaml"


def team_screens(app: App) -> list[Scene]:
    """Briefing, a round (a team picked, notes shown), the reveal, map and help, the debrief."""
    shown = [app.scene]
    scene = to_round(app)
    enter(app, {t.badge.number: scene.options()[0].id for t in scene.view.teams[:-1] if t.plays})
    press(app, str(len(scene.view.teams)))
    shown.append(app.scene)
    press(app, "escape", "n")
    shown.append(app.scene)
    press(app, "n", "return")
    shown.append(app.scene)
    press(app, "m")
    shown.append(app.top)
    press(app, "escape", "h")
    shown.append(app.top)
    press(app, "escape", "x", "j")
    shown.append(app.scene)
    return shown


def check_team_scene(scene: Scene, size: tuple[int, int]) -> None:
    check_scene(scene, size)
    bar = min((t.rect.y for t in scene.targets if t.name.startswith("bar-")), default=size[1])
    for target in scene.targets:
        if target.name.startswith(("option-", "team-")):
            assert target.rect.bottom <= bar, (scene.name, target.name, target.rect, bar)
    if isinstance(scene, TeamRoundScene):
        assert scene.paged is not None and scene.paged.box.bottom <= bar
        if scene.choice_page:  # choices in view below the text: apart from it
            boxes = [t.rect for t in scene.targets if t.name.startswith("option-")]
            assert all(not box.colliderect(scene.paged.box) for box in boxes), scene.name


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("names", [SIX[:3], SIX], ids=["3-teams", "6-teams"])
def test_every_team_screen_keeps_its_targets_inside_the_window_and_apart(
    size: tuple[int, int], names: tuple[str, ...]
) -> None:
    app = team_app(SCHOOLRIJP, names, size=size)
    for scene in team_screens(app):
        check_team_scene(scene, size)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_set_up_with_six_teams_fits(size: tuple[int, int]) -> None:
    app = App.opened(size=size, mode=Mode.TEAMS, scenario=SCHOOLRIJP, teams=())
    for name in SIX:
        app.step([Typed(name)], 0.0)
        press(app, "return")
    check_scene(app.scene, size)
    assert app.scene.rows[-1][1].bottom <= app.scene.content.bottom  # type: ignore[attr-defined]


def test_every_round_of_a_shipped_scenario_shows_all_its_choices_on_one_page() -> None:
    app = team_app(SCHOOLRIJP, SIX[:3], size=(1280, 720))
    scene = to_round(app)
    for _ in range(20):
        if not isinstance(scene, TeamRoundScene):
            break
        assert scene.choice_page or not scene.options(), scene.view.card.id  # choices stay in view
        enter(app, {t.badge.number: next(c.id for c in t.choices if c.affordable) for t in scene.view.teams
                    if t.plays and t.choices})  # fmt: skip
        press(app, "return")
        assert isinstance(app.scene, TeamRevealScene) or scene.view.card.is_event
        while isinstance(app.scene, TeamRevealScene):
            press(app, "return")
        scene = app.scene
