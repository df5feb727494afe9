"""The rules of play: budget, moves, recognition, flow, endings; pure and deterministic."""

from __future__ import annotations

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st
from scenario_text import SMALL, load

from incluzo.engine.play import rules
from incluzo.engine.play.position import TOTAL, UNIT
from incluzo.engine.play.rules import Outcome, Refusal

SCENARIO = load()
BUDGET = "budget: {kwaliteit: 4, toegankelijkheid: 4, betaalbaarheid: 4}"


def step(state: rules.GameState, choice: str | None) -> rules.GameState:
    result = rules.advance(SCENARIO, state) if choice is None else rules.choose(SCENARIO, state, choice)
    assert isinstance(result, Outcome), result
    return result.state


def test_the_game_begins_on_the_first_card_with_the_start_budget() -> None:
    state = rules.begin(SCENARIO)
    assert (state.card, state.meters, state.tally) == ("drukte", (4, 4, 4), (0, 0))


def test_a_choice_pays_its_cost_moves_the_position_and_counts_its_recognition() -> None:
    state = step(rules.begin(SCENARIO), "werkplek")
    assert state.meters == (3, 4, 2)
    assert state.position[1] == 35 * UNIT and sum(state.position) == TOTAL
    assert state.tally == (1, 0)
    assert state.card == "bezuiniging"


def test_an_event_card_applies_its_cost_and_goes_on() -> None:
    state = step(step(rules.begin(SCENARIO), "werkplek"), None)
    assert (state.meters, state.card) == ((3, 4, 1), "evaluatie")


def test_an_unaffordable_choice_is_refused_naming_the_short_meter_and_changes_nothing() -> None:
    state = step(step(rules.begin(SCENARIO), "werkplek"), None)
    state = rules.GameState(**{**msgspec.structs.asdict(state), "meters": (3, 1, 1)})
    refusal = rules.choose(SCENARIO, state, "specialist")
    assert isinstance(refusal, Refusal)
    assert refusal.message(SCENARIO, "nl") == (
        "te weinig toegankelijkheid: 2 nodig, 1 over; te weinig betaalbaarheid: 3 nodig, 1 over"
    )
    assert refusal.message(SCENARIO, "en").startswith("not enough access: 2 needed, 1 left")


def test_unknown_choice_and_choosing_on_an_event_card_are_refused() -> None:
    start = rules.begin(SCENARIO)
    unknown = rules.choose(SCENARIO, start, "toverstaf")
    assert isinstance(unknown, Refusal) and unknown.code == "unknown_choice"
    on_event = rules.choose(SCENARIO, step(start, "werkplek"), "doorgaan")
    assert isinstance(on_event, Refusal) and on_event.code == "event_card"
    passing_a_choice_card = rules.advance(SCENARIO, start)
    assert isinstance(passing_a_choice_card, Refusal) and passing_a_choice_card.code == "choice_card"


def test_the_game_ends_with_the_default_ending_when_there_are_no_endings() -> None:
    state = rules.replay(SCENARIO, ["werkplek", None, "doorgaan"])
    assert isinstance(state, rules.GameState)
    assert state.over and state.ending == "incluzo:einde" and not state.exhausted


def test_next_jumps_and_end_ends() -> None:
    scenario = load(
        SMALL.replace(
            "        outcome: Het schuurt, maar de klas leert mee.",
            "        outcome: Het schuurt, maar de klas leert mee.\n        next: evaluatie",
        ).replace(
            "        outcome: Rust, maar buiten de groep.",
            "        outcome: Rust, maar buiten de groep.\n        next: end",
        )
    )
    jumped = rules.choose(scenario, rules.begin(scenario), "strategie")
    assert isinstance(jumped, Outcome) and jumped.state.card == "evaluatie"
    ended = rules.choose(scenario, rules.begin(scenario), "werkplek")
    assert isinstance(ended, Outcome) and ended.state.over


def test_a_card_whose_condition_fails_is_skipped() -> None:
    scenario = load(
        SMALL.replace("    title: Evaluatie\n", "    title: Evaluatie\n    when: chosen werkplek\n")
    )
    state = rules.replay(scenario, ["strategie", None])
    assert isinstance(state, rules.GameState) and state.over


def test_a_choice_whose_condition_fails_is_not_offered() -> None:
    scenario = load(
        SMALL.replace(
            "        label: Specialist erbij\n",
            "        label: Specialist erbij\n        when: specialisme > 30\n",
        )
    )
    state = rules.replay(scenario, ["strategie", None])
    assert isinstance(state, rules.GameState)
    card = rules.current_card(scenario, state)
    assert card is not None and [c.id for c in rules.offered(scenario, state, card)] == ["doorgaan"]
    refusal = rules.choose(scenario, state, "specialist")
    assert isinstance(refusal, Refusal) and refusal.code == "not_offered"


def test_no_affordable_choice_ends_the_game_as_exhausted_with_the_engines_ending() -> None:
    scenario = load(SMALL.replace(BUDGET, "budget: {kwaliteit: 3, toegankelijkheid: 4, betaalbaarheid: 3}"))
    state = rules.replay(scenario, ["strategie", None])
    assert isinstance(state, rules.GameState)
    assert state.over and state.exhausted and state.ending == "incluzo:budget-op"
    assert rules.exhausted_at(state) == "evaluatie"


def test_an_exhausted_game_uses_the_scenarios_exhausted_ending_never_an_ordinary_one() -> None:
    endings = """
endings:
  - id: gewoon
    title: Gewoon
    text: Altijd waar.
  - id: op
    when: exhausted
    title: Op
    text: Het geld is op.
"""
    scenario = load(
        SMALL.replace(BUDGET, "budget: {kwaliteit: 3, toegankelijkheid: 4, betaalbaarheid: 3}") + endings
    )
    exhausted = rules.replay(scenario, ["strategie", None])
    assert isinstance(exhausted, rules.GameState) and exhausted.ending == "op"
    normal = rules.replay(scenario, ["werkplek", None, "doorgaan"])
    assert isinstance(normal, rules.GameState) and normal.ending == "gewoon"


def test_endings_are_chosen_by_the_first_condition_that_holds() -> None:
    endings = """
endings:
  - id: transformatief-pad
    when: transformatief >= 2
    title: T
    text: T
  - id: rest
    title: R
    text: R
"""
    scenario = load(SMALL + endings)
    assert (
        getattr(rules.replay(scenario, ["strategie", None, "doorgaan"]), "ending", None)
        == "transformatief-pad"
    )
    assert getattr(rules.replay(scenario, ["werkplek", None, "doorgaan"]), "ending", None) == "rest"


def test_a_card_is_played_at_most_once_so_a_backward_next_cannot_loop() -> None:
    scenario = load(
        SMALL.replace(
            "        outcome: Samen verder.", "        outcome: Samen verder.\n        next: drukte"
        )
    )
    state = rules.replay(scenario, ["werkplek", None, "doorgaan"])
    assert isinstance(state, rules.GameState) and state.over


def test_rules_do_not_mutate_the_state_they_are_given() -> None:
    start = rules.begin(SCENARIO)
    snapshot = (start.meters, start.position, start.decisions)
    rules.choose(SCENARIO, start, "werkplek")
    assert (start.meters, start.position, start.decisions) == snapshot


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["werkplek", "strategie", "doorgaan", "specialist", None]), max_size=6))
def test_same_choices_same_result_and_meters_never_negative(steps: list[str | None]) -> None:
    first = rules.replay(SCENARIO, steps)
    assert first == rules.replay(SCENARIO, steps)
    if isinstance(first, rules.GameState):
        assert min(first.meters) >= 0 and sum(first.position) == TOTAL
