"""Helpers for the screen tests: press keys and click targets, one frame each."""

from __future__ import annotations

from incluzo.app import App
from incluzo.scenes.kit.input import Click, Key


def press(app: App, *names: str) -> None:
    """Press keys one by one, a frame each."""
    for name in names:
        app.step([Key(name)], 0.0)


def click(app: App, target: str) -> None:
    """Click the middle of the named target of the scene or overlay on top."""
    app.step([Click(app.top.target(target).rect.center)], 0.0)


def finish_animations(app: App) -> None:
    app.step([], 10.0)


def go_on(app: App) -> None:
    """Press Enter until the screen changes (reading every page of a long one)."""
    scene = app.scene
    for _ in range(20):
        press(app, "return")
        if app.scene is not scene:
            return
    raise AssertionError(f"Enter never left {scene.name}")
