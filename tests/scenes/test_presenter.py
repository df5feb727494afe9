"""The presenter view: what the facilitator sees and the room does not. Its data (the card, its notes,
where each choice leads), its picture beside the game (a second window, a PNG headless, or over the
game with F2), its buttons, and that nothing of it is projected unasked."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from scene_helpers import go_on, press
from team_helpers import PRIKKELS, team_app, to_round

from incluzo.app import App
from incluzo.cli import main
from incluzo.engine.play import rules
from incluzo.engine.play.desk import Upcoming, desk_of
from incluzo.engine.play.phases import Mode, Phase
from incluzo.engine.scenario.loader import load_file
from incluzo.scenes.kit.input import Click
from incluzo.scenes.screens.card import CardScene
from incluzo.scenes.screens.debrief import DebriefScene
from incluzo.scenes.screens.presenter import PresenterScene

NOTES = "De drie keuzes volgen het voorbeeld"  # the first card's notes, for the facilitator only


def group_app(**options: object) -> App:
    options.setdefault("size", (1280, 720))
    return App.opened(scenario=PRIKKELS, mode=Mode.GROUP, **options)  # type: ignore[arg-type]


def to_card(app: App) -> CardScene:
    while not isinstance(app.scene, CardScene):
        go_on(app)
    return app.scene


def desk_text(app: App) -> str:
    assert app.desk is not None and app.desk.paged is not None
    return " ".join(app.desk.paged.lines())


def test_the_desk_names_the_card_its_notes_and_where_each_affordable_choice_leads() -> None:
    scenario = load_file(PRIKKELS)
    start = rules.begin(scenario)
    briefing = desk_of(scenario, start, Phase.BRIEFING, "nl")
    assert briefing.notes is None and briefing.upcoming == (Upcoming("", "Drukte in groep 5"),)
    card = desk_of(scenario, start, Phase.CARD, "nl")
    assert card.title == "Drukte in groep 5" and card.notes is not None and card.notes.startswith(NOTES)
    assert [(u.via, u.ending) for u in card.upcoming] == [("A", False), ("B", False), ("C", False)]
    assert card.upcoming[1].title == "Het schuurt"  # B: strategies with the class leads there
    chosen = rules.choose(scenario, start, "strategieen-met-klas")
    assert isinstance(chosen, rules.Outcome)
    outcome = desk_of(scenario, chosen.state, Phase.OUTCOME, "en")
    assert outcome.title == "Bustle in groep 5" and outcome.upcoming == (Upcoming("", "It chafes"),)


def test_headless_the_presenter_view_is_drawn_beside_the_game_and_shows_what_the_room_does_not() -> None:
    app = group_app(presenter=True)
    assert app.desk_surface is not None and app.desk_window is None
    to_card(app)
    assert NOTES in desk_text(app)  # the facilitator reads the notes ...
    assert NOTES not in " ".join(app.scene.paged.lines() if app.scene.paged else [])  # ... the room does not
    assert {k.name for k in app.scene.footer_keys()} == {"map", "help", "menu"}  # the room's footer: minimal
    desk = app.desk
    assert desk is not None and [b.cap for b in desk.facilitator_keys()][:3] == ["A-C", "K", "N"]  # 3 choices
    assert desk.words(desk.facilitator_keys()[0]) == "Kies A t/m C"
    assert desk.picture is app.surface  # a picture of what the room sees
    before = app.desk_surface.copy()
    press(app, "b")  # a key works the same whichever window has it; the presenter view follows
    assert "Het schuurt" in desk_text(app)
    assert app.desk_surface.get_view("2").raw != before.get_view("2").raw


def test_with_one_screen_f2_shows_the_presenter_view_over_the_game_and_its_keys_are_buttons() -> None:
    app = group_app()
    to_card(app)
    assert app.desk is None and not app.overlays  # nothing for the facilitator opens by itself
    press(app, "f2")
    assert app.desk is not None and app.desk.overlay and NOTES in desk_text(app)
    app.step([Click(app.desk.target("desk-N").rect.center)], 0.0)  # tap "N": the notes overlay
    assert app.top.name == "notes"
    press(app, "escape", "f2")
    assert not app.desk_shown and not app.overlays


def test_the_team_facilitator_bar_is_not_projected_but_is_in_the_presenter_view() -> None:
    app = team_app(presenter=True)
    scene = to_round(app)
    assert not [t for t in scene.targets if t.name.startswith("bar-")]
    assert {k.name for k in scene.footer_keys()} == {"map", "help", "menu"}
    assert app.desk is not None
    names = {t.name for t in app.desk.targets}
    assert {"desk-bar-time", "desk-bar-notes", "desk-bar-skip"} <= names
    clock, late = app.desk.clock()
    assert clock.startswith("Tijd") and not late  # the countdown, on the facilitator's side too


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_nothing_for_the_facilitator_opens_by_itself_through_a_whole_game(lang: str) -> None:
    app = group_app(lang=lang)
    for _ in range(40):
        assert not app.overlays and not app.desk_shown
        assert NOTES not in " ".join(app.scene.paged.lines() if app.scene.paged else [])
        if isinstance(app.scene, DebriefScene):
            return
        if isinstance(app.scene, CardScene) and not app.scene.view.is_event:
            press(app, next(c.letter for c in app.scene.view.choices if c.affordable).lower())
        else:
            go_on(app)
    raise AssertionError("no debrief")


def test_the_presenter_view_opens_its_own_window_even_with_the_dummy_driver() -> None:
    """SDL's dummy driver keeps several windows; a closed presenter window leaves the game playing."""
    app = group_app(window=True, presenter=True)
    try:
        assert app.desk_window is not None
        app.step([], 0.0)
        assert isinstance(app.desk, PresenterScene) and app.desk.metrics.width == app.desk_window.size[0]
        app.step([pygame.event.Event(pygame.WINDOWCLOSE, window=app.desk_window)], 0.0)
        assert app.desk_window is None and app.running
    finally:
        app.close_presenter()


def test_closing_the_rooms_window_while_the_presenter_window_is_open_asks_to_quit() -> None:
    app = group_app(window=True, presenter=True)
    try:
        app.step([pygame.event.Event(pygame.WINDOWCLOSE, window=None)], 0.0)
        assert app.top.name == "confirm-quit"
    finally:
        app.close_presenter()


def test_headless_screenshots_with_presenter_write_the_presenter_view_of_each_screen(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    argv = ["play", str(PRIKKELS), "--headless", "--screenshots", str(shots), "--presenter"]
    choices = "strategieen-met-klas,collegiale-consultatie,teamscholing,opp-voorzieningen"
    assert main([*argv, "--choices", choices]) == 0
    names = {p.name for p in shots.iterdir()}
    assert {"01-briefing-presenter.png", "02-card-drukte-in-de-klas-presenter.png"} <= names


def test_the_phones_facilitator_pin_is_on_the_presenter_window_never_over_the_game() -> None:
    app = group_app()
    card = to_card(app)
    view = app.game.desk() if app.game else None
    assert view is not None
    own = PresenterScene(app.ctx, card, view, desk_pin="PIN 12345")
    over = PresenterScene(app.ctx, card, view, desk_pin="PIN 12345", overlay=True)
    for scene in (own, over):
        scene.resize((1280, 720))
    assert "PIN 12345" in (own.paged.lines() if own.paged else [])
    assert "PIN 12345" not in (over.paged.lines() if over.paged else [])
