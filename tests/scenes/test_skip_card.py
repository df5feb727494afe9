"""The facilitator's K in one-group play: it asks first, skips the card on a yes; Backspace takes it back."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import PROEF
from scene_helpers import press
from test_reload import edit
from testsupport import ROOT

from incluzo.app import App
from incluzo.engine.logs import savelog
from incluzo.engine.logs.savelog import SkipEntry
from incluzo.scenes.screens.card import CardScene
from incluzo.scenes.screens.debrief import DebriefScene
from incluzo.scenes.screens.export import decision_markdown
from incluzo.scenes.screens.overlays import HelpOverlay
from incluzo.scenes.screens.poll import PollScene
from incluzo.scenes.screens.practice import PracticeCardScene


def card_id(app: App) -> str:
    assert isinstance(app.scene, CardScene)
    return app.scene.view.id


def test_k_asks_first_and_no_keeps_the_card(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "return", "k")
    assert (app.top.name, app.top.title) == ("confirm", "De kaart \u2018De eerste kaart\u2019 overslaan?")
    assert app.top.text == (
        "De groep gaat verder zonder keuze en zonder kosten. Backspace (terugnemen) haalt de kaart terug."
    )
    press(app, "n")
    assert app.overlays == [] and card_id(app) == "eerste"
    assert app.game is not None and app.game.session.game.decisions == ()


def test_k_then_yes_skips_the_card_and_saves_the_skip_before_the_next_screen(
    make_app: Callable[..., App],
) -> None:
    app = make_app()
    press(app, "return", "k", "j")
    assert app.overlays == [] and card_id(app) == "gebeurtenis" and not app.notice
    assert app.game is not None and app.game.save is not None
    game = app.game.session.game
    assert game.decisions[-1].skipped and game.meters == app.game.session.scenario.budget
    on_disk = savelog.read(app.game.save.path.read_bytes())
    assert on_disk.entries[1] == SkipEntry(savelog.Id("eerste"))


def test_backspace_takes_a_skip_back(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "return", "k", "j", "backspace")
    assert card_id(app) == "eerste"
    assert app.game is not None and app.game.session.game.decisions == ()


def test_skipped_cards_are_named_as_skipped_in_the_debrief(make_app: Callable[..., App]) -> None:
    app = make_app(lang="en")
    press(app, "return", "k", "y", "k", "y", "k", "y")
    assert isinstance(app.scene, DebriefScene)
    lines = [decision_markdown(n, d, app.ctx.say)[1] for n, d in enumerate(app.scene.view.decisions, 1)]
    assert lines == ["   - Skipped: no choice, no costs"] * 3


def test_solo_practice_has_no_skip(make_app: Callable[..., App]) -> None:
    app = make_app(mode="solo")
    press(app, "return", "k")
    assert isinstance(app.scene, PracticeCardScene) and app.overlays == []


def test_the_help_lists_k(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "h")
    assert isinstance(app.top, HelpOverlay) and app.top.paged is not None
    shown = " ".join(item.text for page in app.top.paged.pages for _, item in page if item.text)
    assert "Sla de kaart over (in groepsspel; vraagt eerst, Backspace neemt terug)" in shown


def test_a_reload_carries_a_skip_over_into_the_new_save(make_app: Callable[..., App], tmp_path: Path) -> None:
    copy = tmp_path / "proef.yaml"
    shutil.copy(PROEF, copy)
    app = make_app(copy)
    press(app, "return", "k", "j")
    edit(copy, "id: samen", "id: samen\n        # a comment changes nothing")
    press(app, "f5")
    assert app.notice == "Scenario opnieuw geladen; 2 stappen opnieuw gespeeld."
    assert card_id(app) == "gebeurtenis"
    assert app.game is not None and app.game.save is not None
    entries = app.game.save.log.entries
    assert [e for e in entries if type(e) in savelog.STEP_RECORDS][-1] == SkipEntry(savelog.Id("eerste"))
    assert isinstance(entries[-1], savelog.DeliberationEntry)  # the skipped card's time carries over too


def test_k_skips_a_poll_card_too_with_the_counts_typed_dropped(make_app: Callable[..., App]) -> None:
    app = make_app(ROOT / "scenarios" / "opening.yaml")
    press(app, "return", "return", "a", "7")  # briefing, the opening event card, a count typed
    assert isinstance(app.scene, PollScene) and app.scene.view.id == "opp-in-de-praktijk"
    press(app, "k", "j")
    assert card_id(app) != "opp-in-de-praktijk"
    assert app.game is not None
    decision = app.game.session.game.decisions[-1]
    assert (decision.card, decision.skipped, decision.counts) == ("opp-in-de-praktijk", True, None)
