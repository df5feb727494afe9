"""The abstract analysis (`abstraction.Abstraction`) finds exactly what exhaustive exploration finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from testsupport import SCENARIOS

from incluzo.engine.analysis import dependencies, graph, metersets, tone
from incluzo.engine.analysis import explore as explore_module
from incluzo.engine.analysis.explore import MONOTONE, analyse, complete_graph, explore
from incluzo.engine.play import rules
from incluzo.engine.scenario.loader import load_file, load_text
from incluzo.engine.scenario.locate import Locator
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.skeleton import branching, synthetic


def same_findings(text: str) -> None:
    scenario = load_text(text, "s.yaml")
    abstract, exhaustive = analyse(scenario, text), analyse(scenario, text, abstract=False)
    assert [(p.code, p.path, p.params, p.hint_params) for p in abstract] == [
        (p.code, p.path, p.params, p.hint_params) for p in exhaustive
    ]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_shipped_scenario_gets_the_same_findings(path: Path) -> None:
    scenario = load_file(path)
    text = path.read_text(encoding="utf-8")
    assert analyse(scenario, text) == analyse(scenario, text, abstract=False)


@pytest.mark.parametrize("seed", range(12))
def test_generated_branching_scenarios_get_the_same_findings(seed: int) -> None:
    same_findings(branching(6 + seed % 5, seed, budget=4 + seed % 6))


@pytest.mark.parametrize("seed", range(16))
def test_generated_varied_scenarios_get_the_same_findings(seed: int) -> None:
    """Event cards, jumps, and conditions on meters, quadrants, the tally, choices and seen cards."""
    same_findings(synthetic(6 + seed % 3, 3, seed, budget=3 + seed % 6, varied=True))


@pytest.mark.slow
def test_many_generated_scenarios_get_the_same_findings() -> None:
    for seed in range(100, 160):
        same_findings(branching(8 + seed % 6, seed, budget=4 + seed % 9))
        same_monotone_findings(load_text(branching(8 + seed % 6, seed, budget=4 + seed % 9)))
        same_findings(synthetic(7 + seed % 3, 3 + seed % 2, seed, budget=3 + seed % 7, varied=True))


def without_exhausted_ending(text: str) -> str:
    """A generated scenario whose budget ending never holds, so running out is a dead end (INC038)."""
    exhausted = "  - id: budget-op\n    when: exhausted\n"
    assert exhausted in text
    return text.replace(exhausted, "  - id: budget-op\n    when: kwaliteit > 900\n")


@pytest.mark.parametrize("seed", range(14))
def test_meter_sets_find_what_exhaustive_exploration_finds(seed: int) -> None:
    """Dead ends and their routes, budget and meter checks, every ending: one meter set per flow state
    answers each as the states one by one do."""
    text = without_exhausted_ending(branching(6 + seed % 5, seed, budget=3 + seed % 6))
    assert metersets.build(load_text(text)) is not None
    same_findings(text)


def test_meter_sets_apply_only_where_the_flow_ignores_meters_and_no_quadrant_is_compared() -> None:
    assert metersets.applies(load_text(branching(10, 1)))
    assert not metersets.applies(load_text(synthetic(8, 3, 1, varied=True)))  # quadrants compared


def test_meter_sets_hold_every_vector_games_reach() -> None:
    scenario = load_text(branching(9, 4, budget=7))
    graph = metersets.build(scenario)
    assert graph is not None
    found = metersets.propagate(graph)
    full = explore(scenario, abstract=False)
    lowest = [min(s.meters[i] for s in full.states) for i in range(3)]
    assert [min(low[i] for low, _ in found.extent.values()) for i in range(3)] == lowest


def test_the_abstraction_merges_states_the_rest_of_the_game_cannot_tell_apart() -> None:
    scenario = load_text(branching(12, 3))
    assert len(explore(scenario).parent) < len(explore(scenario, abstract=False).parent)


def test_a_meter_no_remaining_cost_can_reach_is_capped_yet_its_true_levels_are_kept() -> None:
    scenario = load_text(branching(8, 2, budget=60))  # the budget never limits
    graph, full = explore(scenario), explore(scenario, abstract=False)
    assert len(graph.parent) < len(full.parent)
    for i in range(3):
        assert min(low[i] for low, _ in graph.levels.values()) == min(s.meters[i] for s in full.states)
        assert max(high[i] for _, high in graph.levels.values()) == 60


MONOTONE_CODES = {"INC030", "INC031", "INC032", "INC033", "INC034", "INC039"}


def same_monotone_findings(scenario: Scenario, text: str | None = None) -> None:
    """The states no other dominates answer INC030-INC034 and INC039 as the exhaustive exploration."""
    where = Locator(scenario, text)
    upward = complete_graph(scenario, upward=True)
    assert upward.complete
    found = sorted((p.code, p.path, str(p.params)) for check in MONOTONE for p in check(upward, where))
    expected = sorted(
        (p.code, p.path, str(p.params))
        for p in analyse(scenario, text, abstract=False)
        if p.code in MONOTONE_CODES
    )
    assert found == expected


@pytest.mark.parametrize("seed", range(14))
def test_the_undominated_states_answer_the_monotone_checks_exactly(seed: int) -> None:
    same_monotone_findings(load_text(branching(6 + seed % 6, seed, budget=3 + seed % 7)))


def test_the_undominated_states_answer_the_monotone_checks_on_shipped_scenarios() -> None:
    for path in SCENARIOS:
        scenario = load_file(path)
        if not dependencies.of_flow(scenario).meters:
            same_monotone_findings(scenario, path.read_text(encoding="utf-8"))


def test_a_stopped_analysis_still_answers_the_monotone_checks_and_names_the_rest() -> None:
    text = branching(12, 5, budget=10)  # 900 states, 134 of them undominated
    scenario = load_text(text)
    stopped = analyse(scenario, text, max_states=5 * 150, sets=False)  # 900 > 750; 134 undominated < 150
    limit = next(p for p in stopped if p.code == "INC046")
    assert "INC030" not in limit.params["checks"] and "INC041" in limit.params["checks"]
    full = analyse(scenario, text, sets=False)
    assert [p for p in stopped if p.code in MONOTONE_CODES] == [p for p in full if p.code in MONOTONE_CODES]


def reference_reach(scenario: Scenario, policy: str) -> frozenset[str]:
    """tone.reach by the book: every full state (the decisions left out), no abstraction."""
    want, endings, seen = tone.PURE_POLICIES[policy], set(), set()
    todo = [rules.begin(scenario)]
    while todo:
        state = todo.pop()
        if state.over:
            endings.add(state.ending or "")
        elif (key := state.but(decisions=())) not in seen:
            seen.add(key)
            card = scenario.card(state.card or "")
            payable = [c for c in rules.offered(scenario, state, card) if rules.affordable(state, c)]
            steps = [c.id for c in ([c for c in payable if c.recognition == want] or payable)]
            for step in steps if not card.is_event else [None]:
                result = rules.apply(scenario, state, step)
                assert isinstance(result, rules.Outcome)
                todo.append(result.state)
    return frozenset(endings)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_the_tone_check_reaches_the_same_endings_as_a_full_search(path: Path) -> None:
    scenario = load_file(path)
    for policy in tone.PURE_POLICIES:
        found = tone.reach(scenario, policy)
        assert found.complete and found.endings == reference_reach(scenario, policy)


@pytest.mark.parametrize("seed", range(8))
def test_the_flow_drawn_from_meter_sets_is_the_flow_of_every_state(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = branching(6 + seed % 8, seed, budget=3 + seed % 7)
    scenario = load_text(without_exhausted_ending(text) if seed % 2 else text)
    from_sets = graph.mermaid(scenario)
    monkeypatch.setattr(graph, "set_graph", lambda scenario: None)
    assert from_sets == graph.mermaid(scenario)


def test_meter_sets_fall_back_on_states_when_a_search_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """INC042 then reads the sets of games that never empty a meter; INC040, when such a game exists
    but none was found, is named by INC046 instead of quoting a route."""
    monkeypatch.setattr(explore_module, "SEARCH_LIMIT", 1)
    for seed in range(10):
        text = branching(6 + seed % 5, seed, budget=3 + seed % 6)
        scenario = load_text(text)
        found = {(p.code, p.path) for p in analyse(scenario, text)}
        expected = {(p.code, p.path) for p in analyse(scenario, text, abstract=False)}
        named = any(code == "INC046" for code, _ in found)
        assert found - {("INC046", "cards")} == expected - ({("INC040", "budget")} if named else set())
