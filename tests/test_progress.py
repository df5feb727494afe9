"""Where a game is on a branching path, and what the views say when the budget runs out or a meter
ends at 0: checked against every path of the shipped scenarios, played out one by one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from incluzo.engine.play import progress, rules
from incluzo.engine.play.rules import GameState, Outcome, Step
from incluzo.engine.play.views import Presenter
from incluzo.engine.scenario.loader import load_file
from incluzo.engine.scenario.model import Scenario

SHIPPED = sorted((Path(__file__).resolve().parents[1] / "scenarios").glob("*.yaml"))


def ways_on(scenario: Scenario, state: GameState) -> list[Step]:
    card = rules.current_card(scenario, state)
    assert card is not None
    if card.is_event:
        return [None]
    return [c.id for c in rules.offered(scenario, state, card) if rules.affordable(state, c)]


def games(scenario: Scenario, state: GameState) -> Iterator[GameState]:
    """Every game that can be played on from `state`, to its end (no memo: the slow, plain way)."""
    if state.over:
        yield state
        return
    for step in ways_on(scenario, state):
        result = rules.apply(scenario, state, step)
        assert isinstance(result, Outcome)
        yield from games(scenario, result.state)


def states(scenario: Scenario, state: GameState) -> Iterator[GameState]:
    """Every state with a card on screen reachable from `state`."""
    if state.over:
        return
    yield state
    for step in ways_on(scenario, state):
        result = rules.apply(scenario, state, step)
        assert isinstance(result, Outcome)
        yield from states(scenario, result.state)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_cards_ahead_match_every_path_played_out(path: Path) -> None:
    scenario = load_file(path)
    for state in states(scenario, rules.begin(scenario)):
        played = len(state.decisions)
        lengths = [len(end.decisions) - played - 1 for end in games(scenario, state)]
        assert progress.ahead(scenario, state) == progress.Ahead(min(lengths), max(lengths)), state.card


def test_the_last_card_has_none_ahead_and_a_game_over_too() -> None:
    scenario = load_file(SHIPPED[0])
    state = rules.begin(scenario)
    while True:
        ahead = progress.ahead(scenario, state)
        result = rules.apply(scenario, state, ways_on(scenario, state)[0])
        assert isinstance(result, Outcome)
        if result.state.over:
            assert ahead.last
            break
        assert not ahead.last
        state = result.state
    assert progress.ahead(scenario, result.state) == progress.NONE_AHEAD


def test_a_scenario_too_large_to_search_gets_a_range_that_is_only_wide(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scenario = load_file(SHIPPED[0])
    copy = load_file(SHIPPED[0])  # a scenario object of its own: nothing cached yet
    monkeypatch.setattr(progress, "MAX_STATES", 2)
    state = rules.begin(copy)
    wide = progress.ahead(copy, state)
    assert wide == progress.Ahead(0, len(copy.cards) - 1)
    monkeypatch.undo()
    exact = progress.ahead(scenario, rules.begin(scenario))
    assert wide.fewest <= exact.fewest and exact.most <= wide.most


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_the_budget_out_view_names_exactly_the_meters_every_choice_fell_short_of(path: Path) -> None:
    scenario = load_file(path)
    presenter = Presenter(scenario, "en")
    for end in games(scenario, rules.begin(scenario)):
        view = presenter.exhaustion(end)
        if not end.exhausted:
            assert view is None
            continue
        assert view is not None
        card = scenario.card(view.card.id)
        stuck = end.but(card=card.id, exhausted=False)
        short = {
            s.meter
            for c in rules.offered(scenario, stuck, card)
            for s in rules.shortfalls(scenario, stuck, c)
        }
        assert {m.id for m in view.short} == short and short
        for meter in view.short:
            assert meter.left < meter.needed and meter.meaning
            assert meter.left == end.meters[scenario.model.meter_ids.index(meter.id)]
        assert not any(c.affordable for c in view.card.choices)
        assert view.empty == tuple(m.name for m in presenter.meters(end.meters) if m.value == 0)


def test_an_ending_reached_with_a_meter_at_zero_says_so() -> None:
    scenario = load_file(SHIPPED[0].parent / "hoe-niet-waar-kort.yaml")
    presenter = Presenter(scenario, "nl")
    found = [end for end in games(scenario, rules.begin(scenario)) if not end.exhausted and 0 in end.meters]
    assert found
    for end in found:
        debrief = presenter.debrief(rules.history(scenario, end))
        assert debrief.exhaustion is None
        zero = [scenario.model.meters[i].name.get("nl") for i, level in enumerate(end.meters) if level == 0]
        assert list(debrief.empty) == zero


def test_a_team_result_names_the_meters_it_ran_short_of_and_those_at_zero() -> None:
    from incluzo.engine.play import teams
    from incluzo.engine.play.teamviews import TeamPresenter

    scenario = load_file(SHIPPED[0].parent / "hoe-niet-waar-kort.yaml")
    made = teams.make_teams(["Rood", "Blauw"])
    assert isinstance(made, tuple)
    play = teams.begin(scenario, made)
    for picks in (("kompas-met-leerling", "vakje-terugkeer"), ("youssef-symbiose", "youssef-blijft")):
        for number, choice in enumerate(picks, 1):
            picked = teams.pick(scenario, play, number, choice)
            assert isinstance(picked, teams.TeamPlay)
            play = picked
        revealed = teams.reveal(scenario, play)
        assert isinstance(revealed, teams.TeamPlay)
        play = revealed
        if picks[0] == "youssef-symbiose":
            out = TeamPresenter(scenario, "en").ran_out(play)
            assert [(o.badge.name, [m.id for m in o.exhaustion.short]) for o in out] == [
                ("Rood", ["kwaliteit"])
            ]
        gone = teams.go_on(scenario, play)
        assert isinstance(gone, teams.TeamPlay)
        play = gone
    rood, blauw = TeamPresenter(scenario, "en").debrief(play).teams
    assert rood.ran_out == ("Quality",) and rood.empty == ("Quality",)
    assert blauw.ran_out == ()
