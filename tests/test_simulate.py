"""`simulate` plays seeded games through the pure rules: every simulated game is one the rules would play."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scenario_text import load

from incluzo.engine.analysis import simulate
from incluzo.engine.play import position, rules
from incluzo.engine.scenario.loader import load_text
from incluzo.engine.scenario.model import TRANSFORMATIEF
from incluzo.engine.scenario.skeleton import synthetic


def replays_exactly(text: str, seeds: range, policy: str) -> int:
    """How many simulated games the rules replay to the very same end (ending, meters, position, tally)."""
    scenario = load_text(text)
    same = 0
    for game in simulate.games(scenario, seeds, policy):
        state = rules.replay(scenario, list(game.steps))
        assert isinstance(state, rules.GameState) and state.over, (game, state)
        same += (state.ending, state.meters, state.position, state.tally, rules.exhausted_at(state)) == (
            game.ending,
            game.meters,
            game.position,
            game.tally,
            game.ran_out_at,
        )
    return same


@pytest.mark.parametrize("policy", simulate.POLICIES)
def test_simulated_games_are_the_games_the_rules_play(policy: str) -> None:
    for seed in range(12):
        text = synthetic(6, 3, seed, budget=5 + seed % 4, varied=True)
        assert replays_exactly(text, range(40), policy) == 40


@pytest.mark.slow
def test_many_varied_scenarios_simulate_exactly_like_the_rules() -> None:
    for seed in range(200):
        text = synthetic(8, 3 + seed % 2, seed, budget=6 + seed % 6, varied=True)
        for policy in simulate.POLICIES:
            assert replays_exactly(text, range(seed * 50, seed * 50 + 50), policy) == 50


def test_the_same_seed_gives_the_same_results() -> None:
    scenario = load_text(synthetic(10, 3, 4, varied=True))
    first, second = simulate.simulate(scenario, 500, 7), simulate.simulate(scenario, 500, 7)
    assert first == second
    assert simulate.simulate(scenario, 500, 8) != first


def test_results_do_not_depend_on_the_number_of_processes() -> None:
    scenario = load_text(synthetic(8, 3, 2, varied=True))
    runs = simulate.CHUNK * 2 + 300
    alone = simulate.simulate(scenario, runs, 11)
    shared = simulate.simulate(scenario, runs, 11, jobs=2)
    assert shared == alone
    assert shared.runs == runs == sum(shared.endings.values())


def test_run_k_of_seed_s_replays_alone_with_seed_s_plus_k() -> None:
    scenario = load_text(synthetic(6, 3, 9, budget=4))
    together = [simulate.Simulator(scenario).play_one(100 + k) for k in range(5)]
    alone = [simulate.playthrough(scenario, 100 + k) for k in range(5)]
    assert [g.ending for g in alone] == [g.ending for g in together]
    assert [g.position for g in alone] == [g.position for g in together]


def test_progress_is_reported_after_every_batch() -> None:
    seen: list[int] = []
    simulate.simulate(load(), simulate.CHUNK * 2 + 1, progress=seen.append)
    assert seen == [simulate.CHUNK, simulate.CHUNK * 2, simulate.CHUNK * 2 + 1]


def test_the_transformative_policy_takes_a_transformative_choice_whenever_it_can_pay() -> None:
    scenario = load()  # drukte: werkplek (A) or strategie (T); evaluatie: doorgaan (T) or specialist (A)
    games = list(simulate.games(scenario, range(20), "transformative"))
    assert {g.steps for g in games} == {("strategie", None, "doorgaan")}
    assert {g.tally for g in games} == {(0, 2)}


def test_the_affirmative_policy_prefers_affirmative_choices() -> None:
    games = list(simulate.games(load(), range(20), "affirmative"))
    assert {g.steps for g in games} == {("werkplek", None, "doorgaan")}  # specialist is unaffordable then


def test_the_cautious_policy_takes_the_cheapest_choice() -> None:
    games = list(simulate.games(load(), range(20), "cautious"))
    # drukte: both cost 3 in all, so either; evaluatie: doorgaan costs 2, specialist 5
    assert {g.steps for g in games} == {("werkplek", None, "doorgaan"), ("strategie", None, "doorgaan")}


def test_an_unknown_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown policy 'greedy'"):
        simulate.Simulator(load(), "greedy")


def test_runs_that_run_out_of_budget_are_kept_to_replay() -> None:
    scenario = load_text(synthetic(6, 3, 3, budget=3))
    results = simulate.simulate(scenario, 200, 0)
    assert sum(results.ran_out.values()) > 0
    assert 0 < len(results.problems) <= simulate.PROBLEM_RUNS * len(results.ran_out)
    for seed, card in results.problems:
        assert simulate.playthrough(scenario, seed).ran_out_at == card


def test_report_counts_cards_choices_endings_and_spreads() -> None:
    scenario = load()
    results = simulate.simulate(scenario, 300, 1)
    report = simulate.report(scenario, results, seed=1, policy="random")
    coverage = report["coverage"]
    assert coverage["cards"] == {"drukte": 300, "bezuiniging": 300, "evaluatie": 300}
    assert coverage["choices"]["drukte.werkplek"] + coverage["choices"]["drukte.strategie"] == 300
    assert sum(report["endings"].values()) == 300
    assert report["end_meters"]["toegankelijkheid"]["max"] <= 4
    spread = report["end_position"]["professionalisering"]
    assert spread["min"] <= spread["q1"] <= spread["median"] <= spread["q3"] <= spread["max"]
    tally = report["recognition"]
    assert tally["affirmatief"] + tally[TRANSFORMATIEF] == 2.0  # two choice cards in every game


def test_quartiles_interpolate_between_counted_values() -> None:
    assert simulate.quartiles(Counter({1: 1, 2: 1, 3: 1, 4: 1, 5: 1})) == (1, 2.0, 3.0, 4.0, 5)
    assert simulate.quartiles(Counter({0: 3, 10: 1})) == (0, 0.0, 0.0, 2.5, 10)


def test_plane_points_put_each_quadrant_in_its_corner() -> None:
    scenario = load()
    corners = {
        q.id: simulate.plane_point(
            scenario, position.from_points([100 if p is q else 0 for p in scenario.model.quadrants])
        )
        for q in scenario.model.quadrants
    }
    assert corners == {
        "specialisme": (0.0, 0.0),
        "maatwerk": (1.0, 0.0),
        "professionalisering": (0.0, 1.0),
        "leergemeenschap": (1.0, 1.0),
    }
    assert simulate.plane_point(scenario, position.even(4)) == (0.5, 0.5)


def test_heatmap_counts_every_game_once() -> None:
    scenario = load()
    results = simulate.simulate(scenario, 100, 0)
    grid = simulate.heatmap(scenario, results, size=8)
    assert len(grid) == 8 and sum(map(sum, grid)) == 100


def reference_split(amount: int, weights: list[int]) -> tuple[int, ...]:
    """Largest remainder by the book: floor shares, then one more to the largest remainders, ties by order."""
    total = sum(weights)
    if not total or not amount:
        return tuple(0 for _ in weights)
    shares = [amount * w // total for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(amount * weights[i] % total), i))
    for i in order[: amount - sum(shares)]:
        shares[i] += 1
    return tuple(shares)


@given(st.integers(0, 10**9), st.lists(st.integers(0, 10**8), min_size=1, max_size=6))
def test_position_split_is_the_largest_remainder_method(amount: int, weights: list[int]) -> None:
    assert position.split(amount, weights) == reference_split(amount, weights)


Units = tuple[int, ...]


def reference_move(units: tuple[int, ...], toward: tuple[int, ...]) -> tuple[int, ...]:
    """The documented move, by the book: the others give in proportion, the named share the gain."""
    givers = [0 if t else u for u, t in zip(units, toward, strict=True)]
    taken = min(sum(toward) * position.UNIT, sum(givers))
    losses, gains = reference_split(taken, givers), reference_split(taken, list(toward))
    return tuple(u - loss + gain for u, loss, gain in zip(units, losses, gains, strict=True))


points = (
    st.lists(st.integers(0, 100), min_size=3, max_size=3)
    .map(sorted)
    .map(lambda c: position.from_points((c[0], c[1] - c[0], c[2] - c[1], 100 - c[2])))
)


moves = st.lists(
    st.tuples(st.integers(0, 3), st.integers(1, 100), st.integers(0, 100)), min_size=1, max_size=30
)


@given(moves, points)
def test_position_move_is_the_documented_move(steps: list[tuple[int, int, int]], start: Units) -> None:
    units = start
    for quadrant, amount, second in steps:  # one quadrant named, sometimes a second one too
        toward = tuple(
            amount if i == quadrant else (second if i == (quadrant + 1) % 4 and second < 30 else 0)
            for i in range(4)
        )
        assert position.move(units, toward) == reference_move(units, toward)
        units = position.move(units, toward)
