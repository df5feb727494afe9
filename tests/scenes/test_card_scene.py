"""The card scene answers keys and clicks with actions and never touches the session."""

from __future__ import annotations

import msgspec

from incluzo.engine.play.rules import GameState
from incluzo.engine.play.views import CardView, Presenter
from incluzo.engine.scenario.model import Scenario
from incluzo.scenes.actions import Advance, Choose, Help, Menu, OpenMap, Pause, ToggleFullscreen, Undo
from incluzo.scenes.kit.base import Context
from incluzo.scenes.kit.input import Click, Key, Point
from incluzo.scenes.screens.card import CardScene

SIZE = (1280, 720)


def card_view(scenario: Scenario, card: str, meters: tuple[int, ...] | None = None) -> CardView:
    state = GameState(meters=meters or scenario.budget, position=scenario.position, card=card)
    return Presenter(scenario, "nl").card(state)


def scene_for(scenario: Scenario, card: str = "eerste", **options: bool) -> CardScene:
    scene = CardScene(Context("nl"), card_view(scenario, card), **options)
    scene.resize(SIZE)
    return scene


def test_letters_and_numbers_choose_the_matching_choice(proef: Scenario) -> None:
    scene = scene_for(proef)
    assert scene.handle(Key("a")) == Choose("apart")
    assert scene.handle(Key("b")) == Choose("samen")
    assert scene.handle(Key("2")) == Choose("samen")
    assert scene.handle(Key("3")) == Choose("duur")
    assert scene.handle(Key("d")) is None


def test_clicking_a_choice_chooses_it(proef: Scenario) -> None:
    scene = scene_for(proef)
    assert scene.handle(Click(scene.target("choice-samen").rect.center)) == Choose("samen")


def test_an_unaffordable_choice_is_disabled_and_shows_the_engines_reason(proef: Scenario) -> None:
    scene = scene_for(proef)
    duur = next(box for box in scene.boxes if box.choice.id == "duur")
    assert not scene.target("choice-duur").enabled
    assert " ".join(duur.reason) == "te weinig betaalbaarheid: 3 nodig, 2 over"
    assert scene.target("choice-samen").enabled


def test_costs_are_shown_per_meter_as_the_change_they_make(proef: Scenario) -> None:
    scene = scene_for(proef)
    apart = next(box for box in scene.boxes if box.choice.id == "apart")
    assert [(c.symbol, c.amount) for c in apart.choice.costs] == [("K", 1), ("T", 1), ("B", 2)]


def test_global_keys_ask_for_map_help_pause_menu_and_full_screen(proef: Scenario) -> None:
    scene = scene_for(proef)
    assert [scene.handle(Key(k)) for k in ("m", "h", "f1", "p", "escape", "f11")] == [
        OpenMap(),
        Help(),
        Help(),
        Pause(),
        Menu(),
        ToggleFullscreen(),
    ]


def test_backspace_takes_back_only_when_there_is_a_decision(proef: Scenario) -> None:
    assert scene_for(proef).handle(Key("backspace")) is None
    assert scene_for(proef, can_undo=True).handle(Key("backspace")) == Undo()


def test_enter_does_not_choose_on_a_choice_card_but_goes_on_past_an_event_card(proef: Scenario) -> None:
    assert scene_for(proef).handle(Key("return")) is None
    event = scene_for(proef, "gebeurtenis")
    assert event.handle(Key("return")) == Advance()
    assert event.handle(Click(event.target("next").rect.center)) == Advance()


def test_hovering_a_choice_marks_it_and_asks_for_a_redraw(proef: Scenario) -> None:
    scene = scene_for(proef)
    scene.dirty = False
    scene.handle(Point(scene.target("choice-apart").rect.center))
    assert scene.hover == "choice-apart"
    assert scene.dirty


def test_a_long_situation_text_pages_visibly_and_enter_reads_on_first(proef: Scenario) -> None:
    view = card_view(proef, "eerste")
    long_view = CardView(
        **{
            **msgspec.structs.asdict(view),
            "text": " ".join(["Een lange zin over de klas en de school."] * 60),
        }
    )
    scene = CardScene(Context("nl"), long_view)
    scene.resize(SIZE)
    assert scene.paged is not None and scene.paged.count > 1
    first = scene.paged.lines()
    assert scene.handle(Key("page down")) is None
    assert scene.paged.page == 1
    assert scene.paged.lines() != first
    scene.handle(Key("page up"))
    assert scene.paged.page == 0
    assert scene.target("next-page").action is not None
