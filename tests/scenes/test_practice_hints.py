"""Solo practice before and after a choice: the tip levels, the feedback, trying a card again."""

from __future__ import annotations

from collections.abc import Callable

from scene_helpers import click, finish_animations, go_on, press

from incluzo.app import App
from incluzo.engine.logs.savelog import DeliberationEntry
from incluzo.scenes.screens.card import CardScene
from incluzo.scenes.screens.outcome import OutcomeScene
from incluzo.scenes.screens.practice import PracticeCardScene, PracticeDirector

# proef.yaml starts at 40/30/20/10 with the goal 15/25/35/25: 30 points away. Worked out by hand:
# A 'apart' (maatwerk +10) ends 34.29/40/17.14/8.57, 34 points away; B 'samen' (professionalisering
# +10) ends 35/26.25/30/8.75, 21 away; C 'duur' (specialisme +10) ends 50/25/16.67/8.33, 35 away.
DIRECTION = [
    "A: richting 2 Individueel maatwerk",
    "B: richting 3 Professionalisering",
    "C: richting 1 Specialisme",
]
EXACT = [
    "A: Individueel maatwerk +10, afstand 30 naar 34",
    "B: Professionalisering +10, afstand 30 naar 21",
    "C: Specialisme +10, afstand 30 naar 35",
]


def solo_card(make_app: Callable[..., App]) -> tuple[App, PracticeCardScene]:
    app = make_app(mode="solo")
    press(app, "return")
    assert isinstance(app.scene, PracticeCardScene)
    return app, app.scene


def flow_lines(scene: CardScene) -> list[str]:
    assert scene.paged is not None
    return [item.text for item in scene.paged.flow.items]


def test_solo_play_is_directed_as_practice(make_app: Callable[..., App]) -> None:
    assert isinstance(make_app(mode="solo").game, PracticeDirector)
    assert not isinstance(make_app(mode="team").game, PracticeDirector)


def test_the_scenarios_hint_level_shows_each_choices_direction(make_app: Callable[..., App]) -> None:
    _, scene = solo_card(make_app)
    assert scene.practice.level == "direction"  # proef.yaml says hints: direction
    assert scene.tip_lines() == DIRECTION
    assert "Tip: waar elke keuze naartoe leunt" in flow_lines(scene)


def test_the_exact_level_shows_moves_and_the_distance_to_the_goal(make_app: Callable[..., App]) -> None:
    app, _ = solo_card(make_app)
    press(app, "i")
    scene = app.scene
    assert isinstance(scene, PracticeCardScene)
    assert scene.practice.level == "exact"
    assert scene.tip_lines() == EXACT
    assert set(EXACT) <= set(flow_lines(scene))


def test_the_none_level_shows_no_tips_and_i_cycles_back(make_app: Callable[..., App]) -> None:
    app, scene = solo_card(make_app)
    press(app, "i", "i")
    assert scene.practice.level == "none"
    assert scene.tip_lines() == []
    assert not any(line.startswith("Tip") for line in flow_lines(scene))
    click(app, "hints")
    assert scene.practice.level == "direction"


def test_the_level_chosen_holds_on_the_next_card_and_in_the_feedback(make_app: Callable[..., App]) -> None:
    app, _ = solo_card(make_app)
    press(app, "i", "b")  # exact, then 'samen'
    assert isinstance(app.scene, OutcomeScene)
    lines = app.scene.paged.lines()  # type: ignore[union-attr]
    assert "Je profiel schoof richting Professionalisering (+10)." in lines
    assert "Afstand tot het gewenste profiel: van 30 naar 21 punten." in lines
    go_on(app)
    go_on(app)  # the event card
    assert isinstance(app.scene, PracticeCardScene) and app.scene.practice.level == "exact"


def test_r_on_the_outcome_plays_the_same_card_again(make_app: Callable[..., App]) -> None:
    app, _ = solo_card(make_app)
    press(app, "a")
    finish_animations(app)
    press(app, "r")
    assert isinstance(app.scene, PracticeCardScene) and app.scene.view.id == "eerste"
    director = app.game
    assert isinstance(director, PracticeDirector)
    assert director.session.game.decisions == ()
    assert director.practice.retries == 1


def test_each_decision_on_a_card_logs_its_deliberation_time(make_app: Callable[..., App]) -> None:
    app, _ = solo_card(make_app)
    press(app, "b")
    go_on(app)
    go_on(app)
    assert app.game is not None and app.game.save is not None
    timed = [e for e in app.game.save.log.entries if isinstance(e, DeliberationEntry)]
    assert [e.card for e in timed] == ["eerste", "gebeurtenis"]
