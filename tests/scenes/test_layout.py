"""One layout from 1280x720 to 4K and other shapes: text big enough, targets inside the window and apart."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from scene_helpers import go_on, press

from incluzo.app import App
from incluzo.scenes.kit.base import Scene
from incluzo.scenes.kit.input import Resized

SIZES = [(1280, 720), (1920, 1080), (3840, 2160), (1024, 768), (2560, 1080), (800, 600)]
SHIPPED = Path(__file__).resolve().parents[2] / "scenarios" / "te-veel-prikkels.yaml"


def scenes_of_a_game(app: App) -> list[Scene]:
    """Briefing, a card, an outcome, the map and help overlays, the debrief."""
    shown = [app.scene]
    go_on(app)
    shown.append(app.scene)
    press(app, next(c.letter.lower() for c in app.scene.view.choices if c.affordable))  # type: ignore[attr-defined]
    shown.append(app.scene)
    press(app, "m")
    shown.append(app.top)
    press(app, "escape", "h")
    shown.append(app.top)
    press(app, "escape")
    return shown


def check_scene(scene: Scene, size: tuple[int, int]) -> None:
    width, height = size
    assert scene.metrics.body >= height / 30
    window = (0, 0, width, height)
    for target in scene.targets:
        assert target.rect.clip(window) == target.rect, (scene.name, target.name)
    for a, b in itertools.combinations(scene.targets, 2):
        assert not a.rect.colliderect(b.rect), (scene.name, a.name, b.name)
    assert scene.footer_fits(), scene.name


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_screen_keeps_its_targets_inside_the_window_and_apart(
    make_app: Callable[..., App], size: tuple[int, int]
) -> None:
    app = make_app(SHIPPED, size=size)
    for scene in scenes_of_a_game(app):
        check_scene(scene, size)
    start = make_app(None, size=size)
    check_scene(start.scene, size)


def test_a_resize_to_any_size_keeps_the_rules(make_app: Callable[..., App]) -> None:
    app = make_app(SHIPPED)
    press(app, "return")
    for size in [(1366, 768), (3000, 1000), (900, 900)]:
        app.step([Resized(size)], 0.0)
        check_scene(app.scene, size)


def test_the_choice_buttons_stay_above_the_footer(make_app: Callable[..., App]) -> None:
    for size in SIZES:
        app = make_app(SHIPPED, size=size)
        go_on(app)
        footer_top = size[1] - app.scene.metrics.footer
        assert all(t.rect.bottom <= footer_top for t in app.scene.targets if t.name.startswith("choice-"))
