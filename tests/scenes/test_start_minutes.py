"""The start screen says how long a scenario takes when the scenario gives its `minutes`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scenario_text import SMALL

from incluzo.app import App
from incluzo.scenes.screens.start import StartScene


def test_the_start_screen_shows_the_play_length_when_a_scenario_gives_one(
    tmp_path: Path, make_app: Callable[..., App]
) -> None:
    (tmp_path / "a-kort.yaml").write_text(SMALL.replace("language: nl\n", "language: nl\nminutes: 10\n"))
    (tmp_path / "b-lang.yaml").write_text(SMALL)
    app = make_app(None, folder=tmp_path)
    scene = app.scene
    assert isinstance(scene, StartScene)
    assert [scene.detail(e) for e in scene.entries] == [
        "3 kaarten, ongeveer 10 minuten, a-kort.yaml",
        "3 kaarten, b-lang.yaml",
    ]
