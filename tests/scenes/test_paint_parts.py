"""A new screen over several frames of the window's loop: a frame over its budget that shows a new
screen leaves its layout to the next frame, before any input reaches it (`App.show`), and a layout
that took a frame's share leaves the paint to the frame after; its still layer is painted in parts
(layers.py, `Scene.paint_parts`), each frame until its deadline has passed, the window shows nothing
of a paint until it is whole, and the screen then looks exactly as one painted in one go. A change in
the middle starts the paint over; a dialog on top finishes it at once. A frame that owes a drawing
takes no phone messages. A step is shown only once its save's thread has it on disk."""

from __future__ import annotations

import pygame
import pytest
from team_helpers import enter, team_app, to_round
from testsupport import SlowDisk

from incluzo.app import App
from incluzo.scenes import actions
from incluzo.scenes.kit.input import Key
from incluzo.scenes.teams.reveal import TeamRevealScene
from incluzo.scenes.teams.rounds import TeamRoundScene

TINY = 1e-9  # a budget every frame overruns: each frame paints exactly one part


def flips(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count what the window shows: one entry per flip."""
    shown: list[int] = []
    monkeypatch.setattr(pygame.display, "flip", lambda: shown.append(1))
    return shown


def whole_picture(app: App) -> bytes:
    """The window as a frame that paints the screen's layer in one go draws it."""
    app.top.repaint()
    app.step([], 0.0)
    return pygame.image.tobytes(app.surface, "RGB")


def saved(app: App) -> None:
    """Until the game's steps are on disk (the save's own thread writes them): a frame may show them."""
    assert app.game is not None and app.game.save is not None
    app.game.save.wait()


def frames_until_drawn(app: App, limit: int = 20) -> int:
    """Step (each frame over its budget) until no drawing is owed; the frames that painted."""
    for count in range(1, limit + 1):
        app.step([], 0.0, budget=TINY)
        if not app.owed:
            return count
    raise AssertionError("the paint never ended")


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_a_reveal_is_painted_a_part_a_frame_and_shown_only_whole(
    monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    app = team_app(size=size, window=True)
    scene = to_round(app)
    choices = [o.id for o in scene.options()]
    enter(app, {1: choices[0], 2: choices[1], 3: choices[0]})
    shown = flips(monkeypatch)
    app.step([Key("return")], 0.0, budget=TINY)  # the reveal's handling overruns: its drawing is owed
    reveal = app.scene
    assert isinstance(reveal, TeamRevealScene)
    assert app.owed and not shown
    saved(app)
    app.step([], 0.0, budget=TINY)  # the next frame lays it out; that took its share: the paint waits
    assert app.owed and app.unlaid is None and not reveal.still.parts and not shown
    parts = len(reveal.paint_parts())
    assert parts > 1
    for done in range(1, parts):
        app.step([], 0.0, budget=TINY)
        assert app.owed, f"part {done} of {parts}: the rest is owed"
        assert len(reveal.still.parts) == parts - done
        assert not shown, "nothing of a paint in parts is shown before it is whole"
    app.step([], 0.0, budget=TINY)
    assert not app.owed and not reveal.still.parts
    assert shown == [1], "the finished paint is shown in one flip"
    assert app.whole is reveal
    painted = pygame.image.tobytes(app.surface, "RGB")
    assert whole_picture(app) == painted


def test_a_new_screen_is_laid_out_by_the_frame_after_the_step_before_any_input() -> None:
    app = team_app(size=(1920, 1080), window=True)
    scene = to_round(app)
    choices = [o.id for o in scene.options()]
    enter(app, {1: choices[0], 2: choices[1], 3: choices[0]})
    app.step([Key("return")], 0.0, budget=TINY)
    reveal = app.scene
    assert isinstance(reveal, TeamRevealScene)
    assert app.unlaid is reveal and app.owed, "the step's frame left the layout to the next"
    assert reveal.metrics.width != 1920 and not reveal.targets
    app.step([Key("return")], 0.0, budget=TINY)  # Enter in the very next frame: the next step shown
    assert app.unlaid is None and reveal.metrics.width == 1920 and reveal.targets
    assert reveal.step == 2
    saved(app)
    frames_until_drawn(app)
    painted = pygame.image.tobytes(app.surface, "RGB")
    assert whole_picture(app) == painted


def test_without_a_budget_a_frame_paints_every_part() -> None:
    app = team_app(size=(1920, 1080))
    scene = to_round(app)
    assert len(scene.paint_parts()) > 1
    assert not app.owed and not scene.still.parts
    assert scene.still.valid


def test_a_pick_in_the_middle_of_a_paint_starts_it_over() -> None:
    app = team_app(size=(1920, 1080), window=True)
    scene = to_round(app)
    choice = scene.options()[0].id
    scene.repaint()
    app.step([], 0.0, budget=TINY)  # over budget: drawing owed
    app.step([], 0.0, budget=TINY)  # the first part
    assert scene.still.parts, "a paint under way"
    app.act(actions.PickFor(2, choice))  # as the phones pick: the round stays, told its new view
    assert isinstance(app.scene, TeamRoundScene) and app.scene is scene
    saved(app)
    assert frames_until_drawn(app) >= len(scene.paint_parts()), "the whole paint again"
    painted = pygame.image.tobytes(app.surface, "RGB")
    assert scene.view.teams[1].picked
    assert whole_picture(app) == painted


def test_a_dialog_over_a_paint_under_way_finishes_it_at_once() -> None:
    app = team_app(size=(1280, 720), window=True)
    scene = to_round(app)
    scene.repaint()
    app.step([], 0.0, budget=TINY)
    app.step([], 0.0, budget=TINY)
    assert scene.still.parts
    app.step([Key("h")], 0.0)  # the help dialog: the window's picture is the scene under it, whole
    assert app.overlays and not scene.still.parts and not app.owed


def test_a_frame_that_owes_a_drawing_takes_no_phone_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    app = team_app(size=(1280, 720))
    to_round(app)
    pumped: list[bool] = []

    class Phones:
        def pump(self, host: object, now: float) -> bool:
            pumped.append(app.owed)
            return False

        def amend(self, action: object) -> object:
            return action

    monkeypatch.setattr(app, "phones", Phones())
    app.step([], 0.0, budget=1.0)
    assert pumped == [False]
    app.top.repaint()
    app.step([Key("1")], 0.0, budget=TINY)  # handling over budget: its drawing is owed
    assert app.owed
    app.step([], 0.0, budget=1.0)
    assert not app.owed
    assert pumped == [False, False], "the owing frame drew and left the phones to the next"
    app.step([], 0.0, budget=1.0)
    assert pumped == [False, False, False]


def test_a_step_is_shown_only_once_it_is_on_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    app = team_app(size=(1280, 720), window=True)
    scene = to_round(app)
    choices = [o.id for o in scene.options()]
    enter(app, {1: choices[0], 2: choices[1], 3: choices[0]})
    disk = SlowDisk(monkeypatch)
    shown = flips(monkeypatch)
    app.step([Key("return")], 0.0, budget=1.0)  # the reveal, handled and drawn well within its budget
    assert isinstance(app.scene, TeamRevealScene) and disk.entered.wait(10)
    for _ in range(5):
        app.step([], 0.0, budget=1.0)
        assert app.owed and app.animating, "frames keep coming while the disk writes"
    assert not shown, "the window keeps showing the round"
    disk.go.set()
    saved(app)
    app.step([], 0.0, budget=1.0)
    assert shown == [1] and not app.owed and app.whole is app.scene
