"""Running out of budget has its moment: the card that cannot be paid (every choice greyed, the meter
it is short of named), then 'Op is op', then the debrief that names the meters. Played by keyboard
through shipped scenarios, in both languages, alone, as one group and as competing teams."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from scene_helpers import press
from team_helpers import SHIPPED, enter, letter, team_app, to_round
from test_layout import SIZES as LAYOUT_SIZES
from test_layout import check_scene

from incluzo.app import App
from incluzo.engine.play.phases import Mode, Phase
from incluzo.scenes.screens.budgetout import BudgetOutScene, budget_notes
from incluzo.scenes.screens.card import CardScene
from incluzo.scenes.screens.debrief import DebriefScene
from incluzo.scenes.screens.outcome import OutcomeScene
from incluzo.scenes.teams.debrief import TeamDebriefScene
from incluzo.scenes.teams.reveal import TeamRevealScene
from incluzo.scenes.teams.rounds import TeamRoundScene

HOE_NIET_WAAR = SHIPPED / "hoe-niet-waar-kort.yaml"
DRAIN = ("kompas-met-leerling", "youssef-symbiose")  # kwaliteit 5 -> 2 -> 0; every choice on 'sem' needs it
BASISNORM = SHIPPED / "basisnorm.yaml"
WORDS = {
    "nl": {
        "header": "Kaart 3 \u00b7 op is op",
        "lead": "Geen van de keuzes is nog te betalen.",
        "reason": "te weinig kwaliteit: 1 nodig, 0 over",
        "title": "Op is op",
        "meter": "Kwaliteit is op",
        "meaning": "Te weinig ruimte in het team: geen tijd, aandacht en energie meer",
        "debrief": "Bij 'Sem is nog niet zover' was geen keuze meer te betalen: te weinig kwaliteit.",
    },
    "en": {
        "header": "Card 3 \u00b7 out of budget",
        "lead": "None of the choices can be paid any more.",
        "reason": "not enough quality: 1 needed, 0 left",
        "title": "Out of budget",
        "meter": "Quality is used up",
        "meaning": "Too little room in the team: no time, attention or energy left",
        "debrief": "At 'Sem is not there yet' no choice could be paid any more: not enough quality.",
    },
}


def choose(app: App, choice: str) -> None:
    """Press the choice's letter on the card shown, then Enter until the next card (or moment)."""
    scene = app.scene
    assert isinstance(scene, CardScene) and not scene.out, scene.name
    press(app, next(c.letter for c in scene.view.choices if c.id == choice).lower())
    outcome = app.scene
    assert isinstance(outcome, OutcomeScene), app.notice
    while app.scene is outcome:
        press(app, "return")


def to_first_card(app: App) -> None:
    while not isinstance(app.scene, CardScene):
        press(app, "return")


def text_of(scene: CardScene | BudgetOutScene | DebriefScene) -> str:
    assert scene.paged is not None
    return " ".join(scene.paged.lines())


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("mode", [Mode.GROUP, Mode.SOLO])
def test_draining_a_meter_shows_the_unpayable_card_then_op_is_op_then_the_debrief(
    make_app: Callable[..., App], lang: str, mode: Mode
) -> None:
    words = WORDS[lang]
    app = make_app(HOE_NIET_WAAR, lang=lang, mode=mode)
    to_first_card(app)
    for choice in DRAIN:
        choose(app, choice)
    card = app.scene
    assert isinstance(card, CardScene) and card.out and card.name == "card-out-sem"
    assert card.header_text() == words["header"]
    assert words["lead"] in text_of(card)
    assert card.view.choices and not any(c.affordable for c in card.view.choices)
    assert all(box.reason for box in card.boxes)  # every choice says what it is short of
    assert card.boxes[0].reason == [words["reason"]]
    assert not any(t.enabled for t in card.targets if t.name.startswith("choice-"))
    press(app, "a")  # a greyed choice cannot be chosen
    assert app.scene is card
    press(app, "return")
    out = app.scene
    assert isinstance(out, BudgetOutScene)
    lines = out.lines()
    assert lines[0] == words["title"]
    assert words["meter"] in lines
    assert words["meaning"] in text_of(out)
    assert not any("toegankelijkheid" in line.lower() or "access" in line.lower() for line in lines)
    press(app, "return")
    debrief = app.scene
    assert isinstance(debrief, DebriefScene)
    assert debrief.view.exhaustion is not None
    assert [m.id for m in debrief.view.exhaustion.short] == ["kwaliteit"]
    assert budget_notes(debrief.view, debrief.say) == [words["debrief"]]
    assert debrief.paged is not None  # the note is on the debrief's first page, in its first words
    assert any(line[:20] == words["debrief"][:20] for line in debrief.paged.lines())


def test_backspace_on_the_budget_out_moment_takes_the_last_choice_back(
    make_app: Callable[..., App],
) -> None:
    app = make_app(HOE_NIET_WAAR)
    to_first_card(app)
    for choice in DRAIN:
        choose(app, choice)
    press(app, "return")
    assert isinstance(app.scene, BudgetOutScene)
    press(app, "backspace")
    scene = app.scene
    assert isinstance(scene, CardScene) and not scene.out and scene.view.id == "youssef"
    assert app.game is not None and app.game.session.phase == Phase.CARD


def test_a_meter_short_but_not_empty_is_named_with_what_is_left_and_needed(
    make_app: Callable[..., App],
) -> None:
    """'Het budget raakte op' while a meter was still at 3: now it says which meter fell short."""
    app = make_app(BASISNORM, lang="nl")
    to_first_card(app)
    for choice in ("plan-per-leerling", "klassenstructuur"):
        choose(app, choice)
    while isinstance(app.scene, CardScene) and app.scene.view.is_event:
        press(app, "return")
    choose(app, "ouders-in-gesprek")
    card = app.scene
    assert isinstance(card, CardScene) and card.out
    press(app, "return")
    out = app.scene
    assert isinstance(out, BudgetOutScene)
    lines = out.lines()
    assert "Kwaliteit: nog 2, de goedkoopste keuze vraagt 3" in lines
    assert "Betaalbaarheid: nog 1, de goedkoopste keuze vraagt 2" in lines
    assert not any(line.endswith(" is op") for line in lines[1:])  # no meter is at 0
    assert "Toegankelijkheid" not in " ".join(lines)  # 3 left, and enough for a choice


def test_the_header_counts_the_cards_still_possible_on_this_path(make_app: Callable[..., App]) -> None:
    app = make_app(HOE_NIET_WAAR, lang="nl")
    to_first_card(app)
    assert isinstance(app.scene, CardScene)
    assert app.scene.header_text() == "Kaart 1 \u00b7 nog 1-2"
    choose(app, "vakje-terugkeer")
    assert isinstance(app.scene, CardScene)
    assert app.scene.header_text() == "Kaart 2 \u00b7 nog 1"
    choose(app, "youssef-blijft")
    assert isinstance(app.scene, CardScene)
    assert app.scene.header_text() == "Kaart 3 \u00b7 laatste kaart"


# --- competing teams -------------------------------------------------------------------------------


def play_round(app: App, picks: dict[int, str]) -> None:
    enter(app, picks)
    press(app, "return")


def test_a_team_that_runs_out_is_named_on_its_reveal_then_op_is_op_while_the_others_play_on() -> None:
    app = team_app(HOE_NIET_WAAR, ("Rood", "Blauw"))
    to_round(app)
    play_round(app, {1: "kompas-met-leerling", 2: "vakje-terugkeer"})
    while not isinstance(app.scene, TeamRoundScene):
        press(app, "return")
    play_round(app, {1: "youssef-symbiose", 2: "youssef-blijft"})
    reveal = app.scene
    assert isinstance(reveal, TeamRevealScene)
    rood, blauw = reveal.view.teams
    assert rood.ran_out == ("Kwaliteit",) and blauw.ran_out == ()
    while app.scene is reveal:
        press(app, "return")
    out = app.scene
    assert isinstance(out, BudgetOutScene)
    lines = out.lines()
    assert lines[0] == "Op is op voor Rood"
    assert "Kwaliteit is op" in lines
    assert "De andere teams spelen verder; voor Rood is het spel uit tot de nabespreking." in " ".join(lines)
    press(app, "return")
    scene = app.scene
    assert isinstance(scene, TeamRoundScene) and scene.view.card.id == "sem"
    rood_now = scene.view.teams[0]
    assert rood_now.finished and not rood_now.plays
    assert scene.status(rood_now) == ("op is op: kwaliteit", "muted")
    play_round(app, {2: "sem-behandeling"})
    while not isinstance(app.scene, TeamDebriefScene):
        assert not isinstance(app.scene, BudgetOutScene)  # Blauw finished with budget left
        press(app, "return")


def test_an_event_card_in_team_play_goes_on_without_an_empty_reveal() -> None:
    proef = Path(__file__).parent / "data" / "proef.yaml"
    app = team_app(proef, ("Rood", "Blauw"))
    scene = to_round(app)
    play_round(app, {1: scene.view.card.choices[0].id, 2: scene.view.card.choices[0].id})
    while not isinstance(app.scene, TeamRoundScene):
        press(app, "return")
    event = app.scene
    assert isinstance(event, TeamRoundScene) and event.view.card.id == "gebeurtenis"
    assert event.view.card.is_event and event.view.card.poll is None
    press(app, "return")
    after = app.scene
    assert isinstance(after, TeamRoundScene) and after.view.card.id == "tweede"
    log = [type(e).__name__ for e in app.game.log.entries]  # type: ignore[union-attr]
    assert log[-2:] == ["TeamRevealEntry", "TeamGoOnEntry"]  # both steps are on disk
    press(app, "u", "j")  # undo the latest round: the event card comes back
    back = app.scene
    assert isinstance(back, TeamRoundScene) and back.view.card.id == "gebeurtenis", app.notice


def test_a_team_whose_path_skips_the_room_card_is_told_which_card_it_waits_for() -> None:
    app = team_app(SHIPPED / "te-veel-prikkels.yaml", ("Rood", "Blauw"))
    scene = to_round(app)
    press(app, "1", letter(scene, "aparte-werkplek"), "2", letter(scene, "strategieen-met-klas"), "return")
    while not isinstance(app.scene, TeamRoundScene):
        press(app, "return")
    scene = app.scene
    assert scene.view.card.id == "het-kamertje"
    blauw = scene.view.teams[1]
    assert not blauw.plays and blauw.waits_for == "Het schuurt"
    assert scene.status(blauw)[0] == "speelt straks 'Het schuurt'"
    assert scene.view.teams[0].plays


def test_the_briefing_counts_the_cards_one_game_plays_not_the_cards_in_the_file(
    make_app: Callable[..., App],
) -> None:
    app = make_app(BASISNORM, lang="en")
    assert app.scene.name == "briefing" and app.scene.paged is not None
    said = [item.text for item in app.scene.paged.flow.items if "cards." in item.text]
    assert said == ["4-5 cards. As one team: discuss and choose together."]  # the file has 6 cards


def test_teams_that_run_out_together_share_one_screen_and_then_the_debrief() -> None:
    app = team_app(HOE_NIET_WAAR, ("Rood", "Blauw"), lang="en")
    to_round(app)
    for choice in DRAIN:
        play_round(app, {1: choice, 2: choice})
        reveal = app.scene
        assert isinstance(reveal, TeamRevealScene)
        while app.scene is reveal:
            press(app, "return")
    out = app.scene
    assert isinstance(out, BudgetOutScene) and out.name == "budget-out-2"
    lines = out.lines()
    assert lines[:4] == [
        "Out of budget",
        "At 'Sem is not there yet' none of the choices can be paid. The game stops here.",
        "Rood: Quality is used up",
        "Blauw: Quality is used up",
    ]
    assert sum("Too little room in the team" in line for line in lines) == 1  # what it means: once
    assert lines[-1] == "That ends the game for every team: on to the debrief."
    press(app, "return")
    assert isinstance(app.scene, TeamDebriefScene)
    assert [t.ran_out for t in app.scene.view.teams] == [("Quality",), ("Quality",)]


def test_u_on_the_team_budget_out_screen_takes_the_round_back() -> None:
    app = team_app(HOE_NIET_WAAR, ("Rood", "Blauw"))
    to_round(app)
    for choice in DRAIN:
        play_round(app, {1: choice, 2: "youssef-blijft" if choice == "youssef-symbiose" else choice})
        reveal = app.scene
        while app.scene is reveal:
            press(app, "return")
    assert isinstance(app.scene, BudgetOutScene)
    press(app, "u", "j")  # asks first: yes
    scene = app.scene
    assert isinstance(scene, TeamRoundScene) and scene.view.card.id == "youssef", app.notice
    assert not any(t.finished for t in scene.view.teams)


@pytest.mark.parametrize("size", LAYOUT_SIZES, ids=[f"{w}x{h}" for w, h in LAYOUT_SIZES])
def test_the_budget_out_moment_fits_every_window_on_one_page(
    make_app: Callable[..., App], size: tuple[int, int]
) -> None:
    app = make_app(HOE_NIET_WAAR, lang="en", size=size)
    to_first_card(app)
    for choice in DRAIN:
        choose(app, choice)
    card = app.scene
    assert isinstance(card, CardScene) and card.out
    check_scene(card, size)
    assert card.overflows() == []
    press(app, "return")
    out = app.scene
    assert isinstance(out, BudgetOutScene)
    check_scene(out, size)
    assert out.paged is not None and out.paged.count == 1
