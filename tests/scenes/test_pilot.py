"""A pilot plays every shipped scenario to the debrief by keyboard only, and again by mouse only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from scene_helpers import click, press

from incluzo.app import App
from incluzo.scenes.screens.card import CardScene
from incluzo.scenes.screens.debrief import DebriefScene

SHIPPED = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))
STEPS = 200


def affordable_letter(scene: CardScene, pick: int) -> str:
    offered = [c for c in scene.view.choices if c.affordable]
    return offered[pick % len(offered)].letter.lower()


def affordable_target(scene: CardScene, pick: int) -> str:
    offered = [c for c in scene.view.choices if c.affordable]
    return f"choice-{offered[pick % len(offered)].id}"


def play_by_keys(app: App, pick: int) -> None:
    for _ in range(STEPS):
        scene = app.scene
        if isinstance(scene, DebriefScene):
            return
        press(
            app,
            affordable_letter(scene, pick)
            if isinstance(scene, CardScene) and scene.view.choices and not scene.out
            else "return",
        )
    raise AssertionError("the debrief was never reached")


def play_by_mouse(app: App, pick: int) -> None:
    for _ in range(STEPS):
        scene = app.scene
        if isinstance(scene, DebriefScene):
            return
        if isinstance(scene, CardScene) and scene.view.choices and not scene.out:
            click(app, affordable_target(scene, pick))
        else:
            names = {t.name for t in scene.targets}
            click(app, "next-page" if "next-page" in names else "next")
    raise AssertionError("the debrief was never reached")


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
@pytest.mark.parametrize("pick", [0, 1])
def test_keyboard_only_reaches_the_debrief_and_exports(
    make_app: Callable[..., App], path: Path, pick: int
) -> None:
    app = make_app(path)
    play_by_keys(app, pick)
    assert isinstance(app.scene, DebriefScene)
    assert len(app.scene.view.decisions) >= 1
    press(app, "e")
    assert all(p.exists() for p in app.exports) and len(app.exports) == 2


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_mouse_only_reaches_the_debrief_and_exports(make_app: Callable[..., App], path: Path) -> None:
    app = make_app(path, lang="en", mode="solo")
    play_by_mouse(app, 2)
    assert isinstance(app.scene, DebriefScene)
    click(app, "export")
    assert all(p.exists() for p in app.exports) and len(app.exports) == 2


def test_mouse_only_reaches_everything_on_the_start_screen(make_app: Callable[..., App]) -> None:
    app = make_app(None)
    click(app, "mode-solo")
    click(app, "lang-en")
    click(app, "scenario-0")
    click(app, "next")
    assert app.game is not None
    assert app.ctx.mode == "solo" and app.ctx.lang == "en"
