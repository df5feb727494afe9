"""A pick keeps the round on screen: the same scene paints only the team's row and the footer again
over its still layer, and every frame equals a new screen of the round as it stands, painted whole."""

from __future__ import annotations

import pygame
import pytest
from scene_helpers import press
from team_helpers import director, team_app, to_round

from incluzo.app import App
from incluzo.scenes import actions
from incluzo.scenes.teams.rounds import TeamRoundScene


def as_new(app: App) -> tuple[bytes, bytes]:
    """A new screen of the round as it stands, drawn on a new surface: (its still layer, its frame)."""
    scene = director(app).build()
    scene.resize(app.size)
    picture = pygame.Surface(app.size)
    scene.draw(picture)
    while scene.still.unsaved:  # the layer is copied into its keeping a band a frame (layers.py)
        scene.still.on = picture
        scene.draw(picture)
    assert scene.still.image is not None
    return pygame.image.tobytes(scene.still.image, "RGB"), pygame.image.tobytes(picture, "RGB")


def check(app: App, scene: TeamRoundScene) -> None:
    """The window and the kept layer are what a new screen of the round shows."""
    assert app.scene is scene, "the round stays the same screen"
    while scene.still.unsaved:  # a layer painted anew is copied into its keeping a band a frame
        scene.dirty = True
        app.step([], 0.0)
    assert scene.still.image is not None
    layer, frame = as_new(app)
    assert pygame.image.tobytes(scene.still.image, "RGB") == layer
    assert pygame.image.tobytes(app.surface, "RGB") == frame


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (800, 1000)])
def test_picks_repaint_only_what_changed_and_draw_as_a_new_screen(size: tuple[int, int]) -> None:
    app = team_app(size=size)
    scene = to_round(app)
    choices = [o.id for o in scene.options()]
    painted = scene.still.painted
    for team, choice in ((1, choices[0]), (3, choices[1]), (1, choices[1]), (2, choices[0])):
        app.act(actions.PickFor(team, choice))  # as the phones pick: no team selected first
        assert scene.stale  # the changed rows and the footer, painted on the next frame
        app.step([], 0.0)
        check(app, scene)
    app.act(actions.ClearPick(3))
    app.step([], 0.0)
    check(app, scene)
    assert scene.still.painted == painted, "a pick paints the whole layer again"
    assert scene.view.waiting_for == ("De Uilen",)


def test_a_selection_or_a_notice_still_lays_out_the_round_again() -> None:
    app = team_app()
    scene = to_round(app)
    painted = scene.still.painted
    press(app, "2")  # a team selected: its choices say what it can pay
    check(app, scene)
    assert scene.still.painted == painted + 1
    press(app, scene.options()[0].mark.lower())
    check(app, scene)
    assert scene.selected is None and scene.view.teams[1].picked
    app.notice = "Een melding"  # a frame with a notice, then one that blits the whole layer back
    app.step([], 0.0)
    app.notice = ""
    app.act(actions.PickFor(1, scene.options()[0].id))
    app.step([], 0.0)
    check(app, scene)
