"""Shared test set-up: headless SDL and a private data folder for every test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saves, logs and exports of a test go to a fresh folder, never the user's."""
    home = tmp_path_factory.mktemp("incluzo-home")
    monkeypatch.setenv("INCLUZO_HOME", str(home))
    return home
