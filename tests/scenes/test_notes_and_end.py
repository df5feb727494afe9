"""The facilitator's N (the card's notes) and X (end the game early, asking first) in one-group play."""

from __future__ import annotations

from collections.abc import Callable

from scene_helpers import press
from testsupport import ROOT

from incluzo.app import App
from incluzo.engine.logs import savelog
from incluzo.engine.logs.savelog import EndEarlyEntry
from incluzo.scenes.screens.card import CardScene
from incluzo.scenes.screens.debrief import DebriefScene
from incluzo.scenes.screens.export import markdown
from incluzo.scenes.screens.outcome import OutcomeScene
from incluzo.scenes.screens.overlays import HelpOverlay, NotesOverlay
from incluzo.scenes.screens.poll import PollScene
from incluzo.scenes.screens.practice import PracticeCardScene

OPENING = ROOT / "scenarios" / "opening.yaml"


def shown_text(app: App) -> str:
    paged = getattr(app.top, "paged", None)
    assert paged is not None
    return " ".join(item.text for page in paged.pages for _, item in page if item.text)


def test_n_on_a_card_without_notes_says_so_and_n_closes_it(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "return", "n")
    assert isinstance(app.top, NotesOverlay)
    assert "Notities voor de begeleider De eerste kaart Deze kaart heeft geen notities." in shown_text(app)
    press(app, "n")
    assert app.overlays == [] and isinstance(app.scene, CardScene) and app.scene.view.id == "eerste"


def test_n_on_a_poll_card_shows_its_notes_and_esc_closes_them(make_app: Callable[..., App]) -> None:
    app = make_app(OPENING)
    press(app, "return", "return")
    assert isinstance(app.scene, PollScene) and app.scene.view.notes
    notes = app.scene.view.notes
    press(app, "n")
    assert isinstance(app.top, NotesOverlay) and app.top.notes == notes
    press(app, "escape")
    assert app.overlays == [] and isinstance(app.scene, PollScene)


def test_x_asks_first_and_no_keeps_the_game(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "return", "x")
    assert (app.top.name, app.top.title) == ("confirm", "Het spel nu beëindigen?")
    assert app.top.text.startswith("Naar de nabespreking.")
    press(app, "n")
    assert app.overlays == [] and isinstance(app.scene, CardScene)
    assert app.game is not None and app.game.session.phase == "card"


def test_x_then_yes_on_a_card_ends_the_game_saved_before_the_debrief(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "return", "x", "j")
    assert app.overlays == [] and isinstance(app.scene, DebriefScene) and not app.notice
    assert app.scene.view.ended_early and app.scene.view.decisions == ()
    assert app.game is not None and app.game.save is not None
    on_disk = savelog.read(app.game.save.path.read_bytes())
    assert on_disk.entries[1] == EndEarlyEntry(savelog.Id("eerste")) and on_disk.finished


def test_x_on_an_outcome_ends_the_game_and_the_debrief_says_so(make_app: Callable[..., App]) -> None:
    app = make_app(lang="en")
    press(app, "return", "a")
    assert isinstance(app.scene, OutcomeScene)
    press(app, "x", "y")
    assert isinstance(app.scene, DebriefScene) and len(app.scene.view.decisions) == 1
    early = "The game was ended early; every decision until then counts."
    assert early in " ".join(app.scene.stepped.step_lines("ending"))  # said on the first step
    assert early in markdown(app.scene.view, app.ctx.say, "team").splitlines()


def test_solo_practice_has_no_notes_and_no_end(make_app: Callable[..., App]) -> None:
    app = make_app(mode="solo")
    press(app, "return", "n", "x")
    assert isinstance(app.scene, PracticeCardScene) and app.overlays == []


def test_the_help_lists_n_and_x(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "h")
    assert isinstance(app.top, HelpOverlay)
    shown = shown_text(app)
    assert "De notities van de kaart voor de begeleider (in groepsspel; N of Esc sluit)" in shown
    assert "Het spel beëindigen: naar de nabespreking (in groepsspel; vraagt eerst)" in shown
