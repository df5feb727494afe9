"""Legal but large scenarios are analysed completely and quickly (issue 12, item 8; issue 13).

Each case once took 10-190 s; the timeouts here only stop a hang or a blow-up, benchmarks/bench_scaling.py
measures the time.
"""

from __future__ import annotations

import pytest
from testsupport import within

from incluzo.engine.analysis.explore import analyse, explore
from incluzo.engine.analysis.graph import flow
from incluzo.engine.analysis.simulate import simulate
from incluzo.engine.scenario.loader import load_text
from incluzo.engine.scenario.skeleton import branching, dense_next, when_chain

GUARD = 120  # seconds: far beyond what any of these takes


def test_a_long_when_chain_is_checked_completely() -> None:
    text = when_chain(200)  # about 150 KB: each card plays only when a choice on the one before was made
    scenario = load_text(text)
    codes = {p.code for p in within(GUARD, lambda: analyse(scenario, text))}
    assert "INC046" not in codes and "INC030" not in codes


def test_a_long_when_chain_is_drawn_completely() -> None:
    scenario = load_text(when_chain(200))
    shown = within(GUARD, lambda: flow(scenario))
    assert shown.complete and all(reached for _, _, reached in shown.cards)


def test_a_dense_next_graph_is_checked_completely() -> None:
    scenario = load_text(dense_next(80))  # every choice jumps to any later card
    graph = within(GUARD, lambda: explore(scenario))
    assert graph.complete
    assert len(graph.parent) < 1_000  # the cards seen before the jump target no longer tell states apart


@pytest.mark.parametrize("cards", [40, 80])
def test_a_branching_scenario_is_checked_completely(cards: int) -> None:
    text = branching(cards, 1)  # 3-4 choices with costs on three meters of 44: millions of meter vectors
    codes = {p.code for p in within(GUARD, lambda: analyse(load_text(text), text))}
    assert "INC046" not in codes


@pytest.mark.slow
def test_a_branching_scenario_of_160_cards_simulates_10000_games() -> None:
    scenario = load_text(branching(160, 1))
    results = within(GUARD, lambda: simulate(scenario, 10_000, jobs=2))
    assert results.runs == sum(results.endings.values()) == 10_000
