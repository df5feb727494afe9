"""The still layer changes no pixel: a frame drawn over the kept layer (blitting back only what moved,
then painting the lit target, the animation or the countdown) equals the screen painted whole, with
every target lit in turn, on every layered screen of a group game and of a team round."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from incluzo.app import App
from incluzo.phones.loadtest import KAMER, TEAMS
from incluzo.scenes import actions
from incluzo.scenes.kit import layers
from incluzo.scenes.kit.base import Scene
from incluzo.scenes.kit.input import Exposed, Key
from incluzo.scenes.teams.rounds import TeamRoundScene

SHIPPED = Path(__file__).resolve().parents[2] / "scenarios" / "te-veel-prikkels.yaml"


def whole(app: App) -> bytes:
    """The top screen painted whole, as before it had a layer: the lit target in place, then what moves."""
    top, picture = app.top, pygame.Surface(app.size)
    if app.overlays:
        assert app.under is not None
        picture.blit(app.under, (0, 0))
    top.paint(picture)
    hover, top.hover = top.hover, None
    top.paint_moving(picture)
    top.hover = hover
    return pygame.image.tobytes(picture, "RGB")


def lit_in_turn(app: App) -> Iterator[str | None]:
    """Each frame with another target lit (and none, before and after); yields the name lit."""
    top: Scene = app.top
    for name in [None, *(t.name for t in top.targets if t.enabled), None]:
        top.hover = name
        top.dirty = True
        app.step([], 0.0)
        yield name


def check(app: App, *, exposed: bool = True) -> None:
    if exposed:
        app.step([Exposed()], 0.0)  # a frame that blits the whole layer
    painted = app.top.still.painted
    for name in lit_in_turn(app):
        assert pygame.image.tobytes(app.surface, "RGB") == whole(app), (app.top.name, name)
    assert app.top.still.painted == painted, "lighting a target paints the layer again"


@pytest.fixture(autouse=True)
def fixed_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCLUZO_HOME", "/tmp/incluzo-golden")


def test_every_layered_screen_of_a_group_game_draws_as_painted_whole() -> None:
    app = App.opened(size=(1280, 720), scenario=SHIPPED)
    steps: list[tuple[str, Callable[[], object]]] = [
        ("briefing", lambda: None),
        ("card", lambda: [app.step([Key("return")], 0.0) for _ in range(2)]),
        ("outcome", lambda: app.step([Key("b")], 0.0)),
        ("outcome", lambda: app.step([], 0.3)),  # the meters and the marker on their way
        ("outcome", lambda: app.step([], 10.0)),  # settled: they joined the layer
        ("map", lambda: app.step([Key("m")], 0.0)),
        ("help", lambda: [app.step([Key(k)], 0.0) for k in ("escape", "h")]),
        ("help", lambda: app.step([Key("page down")], 0.0)),
    ]
    for expected, go in steps:
        go()
        while app.scene.name == "briefing" and expected == "card":
            app.step([Key("return")], 0.0)
        assert app.top.name.startswith(expected)
        check(app)
    app.step([Key("escape")], 0.0)
    while app.scene.name != "debrief":
        choices = [c for c in getattr(getattr(app.scene, "view", None), "choices", ()) if c.affordable]
        app.step([Key(choices[0].letter.lower() if choices else "return")], 10.0)
    check(app)
    app.step([Key("page down")], 0.0)
    check(app)
    app.game = None
    app.act(actions.Home())
    check(app)
    app.step([Key("down")], 0.0)
    check(app)


def test_a_team_round_draws_as_painted_whole_while_its_countdown_runs() -> None:
    app = App.opened(size=(1280, 720), scenario=KAMER, teams=TEAMS, mode="teams")
    app.act(actions.BeginRound())
    check(app)
    app.step([], 1.0)  # the ring moved on, over the last frame
    check(app, exposed=False)
    app.step([Key("2")], 0.0)  # a team selected: a new screen
    check(app)


def test_the_reveal_of_six_teams_draws_as_painted_whole_at_every_step() -> None:
    six = ("Rood", "Blauw", "Groen", "Geel", "Paars", "Oranje")
    app = App.opened(size=(1280, 720), scenario=SHIPPED, teams=six, mode="teams")
    while not app.top.name.startswith("team-round"):
        app.step([Key("return")], 0.0)
    for team in range(1, 7):
        app.step([Key(str(team)), Key("abc"[team % 3])], 0.0)
    app.step([Key("return")], 0.0)
    assert app.top.name.startswith("team-reveal") and app.top.layered
    reveal = app.top
    while app.top is reveal:
        check(app)
        app.step([Key("return")], 0.0)


def test_a_notice_over_the_screen_is_blitted_away_once_it_goes() -> None:
    app = App.opened(size=(1280, 720), scenario=SHIPPED)
    app.notice = "Een melding"
    app.step([], 0.0)
    app.notice = ""
    app.top.dirty = True
    app.step([], 0.0)
    assert pygame.image.tobytes(app.surface, "RGB") == whole(app)


def still_picture(app: App) -> bytes:
    """What the top screen's still layer should hold: its paint with no target lit."""
    top, picture = app.top, pygame.Surface(app.size)
    if app.overlays:
        assert app.under is not None
        picture.blit(app.under, (0, 0))
    hover, top.hover = top.hover, None
    top.paint(picture)
    top.hover = hover
    return pygame.image.tobytes(picture, "RGB")


def test_a_new_layer_is_saved_band_by_band_while_targets_light_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layers, "BAND_PIXELS", 1280 * 100)  # 8 bands at 1280x720
    app = App.opened(size=(1280, 720), scenario=SHIPPED)
    for _ in range(2):
        app.step([Key("return")], 0.0)
    while app.scene.name == "briefing":
        app.step([Key("return")], 0.0)
    still = app.top.still
    assert len(still.unsaved) == 8, "a page turn copies no band on its own frame"
    check(app, exposed=False)  # each lit target equals the whole paint while bands are still missing
    assert not still.unsaved
    assert still.image is not None
    assert pygame.image.tobytes(still.image, "RGB") == still_picture(app)


def test_a_lost_window_before_the_layer_is_whole_paints_it_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layers, "BAND_PIXELS", 1280 * 100)
    app = App.opened(size=(1280, 720), scenario=SHIPPED)
    app.step([Key("h")], 0.0)  # an overlay: its layer holds the shaded screen beneath
    painted = app.top.still.painted
    app.step([Exposed()], 0.0)
    assert app.top.still.painted == painted + 1
    assert pygame.image.tobytes(app.surface, "RGB") == whole(app)
    check(app, exposed=False)


def test_the_team_debrief_draws_as_painted_whole_at_every_step() -> None:
    app = App.opened(size=(1280, 720), scenario=SHIPPED, teams=("Rood", "Blauw"), mode="teams")
    for _ in range(200):
        if app.top.name.startswith("team-debrief"):
            break
        if isinstance(app.top, TeamRoundScene):
            for team in ("1", "2"):
                for option in app.top.options():  # the first choice the team can pay
                    app.notice = ""
                    app.step([Key(team), Key(option.mark.lower())], 0.0)
                    if not app.notice:
                        break
        app.step([Key("return")], 0.0)
    assert app.top.name.startswith("team-debrief") and app.top.layered
    for _ in range(app.top.paged.count if app.top.paged else 1):
        check(app)
        app.step([Key("page down")], 0.0)


@pytest.mark.parametrize(
    "hole",
    [(20, 10, 50, 30), (0, 0, 100, 60), (-5, -5, 30, 30), (90, 50, 40, 40), (200, 200, 5, 5), (10, 10, 0, 0)],
)
def test_around_a_hole_the_bands_cover_the_rest_once(hole: tuple[int, int, int, int]) -> None:
    whole, inside = pygame.Rect(0, 0, 100, 60), pygame.Rect(hole)
    bands = layers.around(whole, inside)
    counts = [
        sum(band.collidepoint(x, y) for band in bands) + inside.clip(whole).collidepoint(x, y)
        for x in range(100)
        for y in range(60)
    ]
    assert set(counts) == {1}


def test_a_new_screen_paints_its_layer_on_the_surface_the_last_one_gave_back() -> None:
    app = App.opened(size=(1280, 720), scenario=SHIPPED)
    app.step([], 0.0)
    briefing = app.scene
    kept = briefing.still.image
    assert kept is not None
    while app.scene is briefing:
        app.step([Key("return")], 0.0)
    assert briefing.still.image is None, "the briefing gave its layer's surface back"
    assert app.scene.still.image is kept
    assert pygame.image.tobytes(app.surface, "RGB") == whole(app)
