"""Play as you write: F5 or saving the file reloads it, keeps the decisions, and never crashes on errors."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import PROEF
from scene_helpers import press

from incluzo.app import App
from incluzo.engine.logs.savelog import ProfileEntry
from incluzo.engine.questionnaire import themes as questionnaire
from incluzo.scenes.screens.briefing import BriefingScene
from incluzo.scenes.screens.outcome import OutcomeScene
from incluzo.scenes.screens.profile import StartProfile


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    path = tmp_path / "proef.yaml"
    shutil.copy(PROEF, path)
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    stamp = path.stat().st_mtime + 2  # a save the watcher cannot miss, however coarse the clock
    os.utime(path, (stamp, stamp))


def test_f5_reloads_the_file_and_replays_the_decisions(make_app: Callable[..., App], copy: Path) -> None:
    app = make_app(copy)
    press(app, "return", "b")
    edit(copy, "id: samen", "id: samen\n        # a comment changes nothing")
    press(app, "f5")
    assert isinstance(app.scene, OutcomeScene)
    assert app.game is not None and len(app.game.session.log) == 2
    assert app.notice == "Scenario opnieuw geladen; 2 stappen opnieuw gespeeld."


def test_a_removed_choice_stops_the_replay_there_and_says_why(
    make_app: Callable[..., App], copy: Path
) -> None:
    app = make_app(copy)
    press(app, "return", "b")
    edit(copy, "id: samen", "id: samen-anders")
    press(app, "f5")
    assert app.game is not None
    assert (app.game.session.phase, app.game.session.game.card) == ("card", "eerste")
    assert app.notice.startswith("Scenario opnieuw geladen, maar het spel stopt na 1 stap:")
    assert "samen" in app.notice


def test_a_file_with_errors_keeps_the_old_version_playing_and_shows_them(
    make_app: Callable[..., App], copy: Path
) -> None:
    app = make_app(copy)
    press(app, "return", "b")
    edit(copy, "recognition: transformatief", "recognition: transformatif")
    press(app, "f5")
    assert isinstance(app.scene, OutcomeScene)
    assert app.notice.splitlines()[0] == "Het bestand heeft nu fouten; je speelt verder met de vorige versie:"
    assert "'transformatif' is hier niet toegestaan (bedoelde je 'transformatief'?)" in app.notice
    assert app.game is not None and len(app.game.session.log) == 2


def test_saving_the_file_reloads_it_by_itself(make_app: Callable[..., App], copy: Path) -> None:
    app = make_app(copy)
    assert not app.watch(now=10.0)
    edit(copy, "id: samen", "id: samen\n        # saved again")
    assert not app.watch(now=10.1)  # checked at most twice a second
    assert app.watch(now=11.0)
    assert isinstance(app.scene, BriefingScene) and app.notice.startswith("Scenario opnieuw geladen")


def test_a_game_started_from_the_rooms_profile_keeps_it_after_a_reload(
    make_app: Callable[..., App], copy: Path
) -> None:
    app = make_app(None)
    profile = Fraction(40), Fraction(30), Fraction(20), Fraction(10)
    app.profile = StartProfile("welke-bril", questionnaire.Result(profile, profile[::-1], 1))
    app.play(str(copy))
    press(app, "return", "b")
    edit(copy, "id: samen", "id: samen\n        # saved again")
    press(app, "f5")
    assert app.game is not None and app.game.save is not None
    assert app.game.session.scenario.position == questionnaire.to_position(profile)
    assert isinstance(app.game.save.log.entries[0], ProfileEntry)
    assert len(app.game.session.log) == 2


def test_a_resumed_game_is_watched_and_reloads(make_app: Callable[..., App], copy: Path) -> None:
    first = make_app(copy)
    press(first, "return", "b")
    assert first.game is not None and first.game.save is not None
    resumed = make_app(None, resume=first.game.save.path)
    assert resumed.game is not None and resumed.game.source == copy.resolve()
    edit(copy, "id: samen", "id: samen\n        # saved after the resume")
    assert resumed.watch(now=100.0)
    assert resumed.notice == "Scenario opnieuw geladen; 2 stappen opnieuw gespeeld."
    assert isinstance(resumed.scene, OutcomeScene)
