"""Fixtures for the screen tests: the test scenario, an app at a fixed size, key and click helpers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from incluzo.app import App
from incluzo.engine.scenario.loader import load_file
from incluzo.engine.scenario.model import Scenario

PROEF = Path(__file__).parent / "data" / "proef.yaml"
SIZE = (1280, 720)


@pytest.fixture
def proef() -> Scenario:
    return load_file(PROEF)


@pytest.fixture
def make_app() -> Callable[..., App]:
    def make(scenario: Path | None = PROEF, **options: object) -> App:
        options.setdefault("size", SIZE)
        return App.opened(scenario=scenario, **options)  # type: ignore[arg-type]

    return make
