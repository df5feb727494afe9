"""The move drawn, as view data: the balance point moves toward the quadrant a choice names, the ghost
arrows land where the rules would have taken the team, and the shifts add up."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from incluzo.engine.play import moves, rules, views
from incluzo.engine.play.moves import CORNERS, balance, move_view, shifts, trail_arrows
from incluzo.engine.scenario.loader import load_file
from incluzo.engine.scenario.model import Scenario

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))


def quadrants(scenario: Scenario, points: tuple[int, ...]) -> tuple[views.QuadrantView, ...]:
    return views.quadrants(scenario, tuple(p * 1_000_000 for p in points), "nl")


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_file(ROOT / "scenarios" / "te-veel-prikkels.yaml")


def test_the_balance_point_is_the_lean_on_the_two_axes(scenario: Scenario) -> None:
    assert balance(quadrants(scenario, (25, 25, 25, 25))) == (0, 0)
    for index, quadrant in enumerate(scenario.model.quadrants):
        alone = tuple(100 if i == index else 0 for i in range(4))
        assert balance(quadrants(scenario, alone)) == CORNERS[quadrant.corner]
    # Specialisme (top left) and Leergemeenschap (bottom right) compete: half each is in the centre
    assert balance(quadrants(scenario, (50, 0, 0, 50))) == (0, 0)
    # leaning to the top (affirming) and the left (professionals' knowledge): in Specialisme's cell,
    # though Professionalisering has the most points (the map's reading of "where the team stands")
    x, y = balance(quadrants(scenario, (30, 25, 35, 10)))
    assert x < 0 and y < 0


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_choice_moves_the_marker_toward_the_quadrant_its_text_names(path: Path) -> None:
    """What the outcome's words say ('richting Professionalisering +15') and where its arrow points
    agree: the arrow lies within 45 degrees of the named quadrant's corner direction."""
    scenario = load_file(path)
    state = rules.begin(scenario)
    presenter = views.Presenter(scenario, scenario.language)
    for card in scenario.cards:
        here = card_state(state, card.id)
        for choice in presenter.choices(here, card):
            named = [m for m in choice.moves if m.amount > 0]
            start, end = balance(presenter.position(here.position)), balance(choice.lands)
            step = (end[0] - start[0], end[1] - start[1])
            if len(named) != 1 or math.hypot(*step) < 1e-9:
                continue
            corner = CORNERS[scenario.model.quadrant(named[0].id).corner]
            cosine = (step[0] * corner[0] + step[1] * corner[1]) / (math.hypot(*step) * math.hypot(*corner))
            assert cosine >= math.cos(math.radians(45)) - 1e-9, (card.id, choice.id)


def card_state(state: rules.GameState, card: str) -> rules.GameState:
    return state.but(card=card)


def test_ghosts_land_where_the_rules_would_have_taken_the_team(scenario: Scenario) -> None:
    state = rules.begin(scenario)
    card = rules.current_card(scenario, state)
    assert card is not None
    presenter = views.Presenter(scenario, "nl")
    affordable = [c for c in presenter.choices(state, card) if c.affordable]
    chosen, others = affordable[0], presenter.choices(state, card)
    outcome = rules.choose(scenario, state, chosen.id)
    assert isinstance(outcome, rules.Outcome)
    decision = presenter.decision([state, outcome.state], 0)
    move = move_view(decision)
    assert move.chosen is not None and move.chosen.label == chosen.letter
    assert move.chosen.end == balance(presenter.position(outcome.state.position))
    assert [g.label for g in move.ghosts] == [c.letter for c in others if c.id != chosen.id]
    for ghost, other in zip(move.ghosts, [c for c in others if c.id != chosen.id], strict=True):
        tried = rules.choose(scenario, state, other.id)
        if isinstance(tried, rules.Outcome):
            assert ghost.end == balance(presenter.position(tried.state.position))
        assert ghost.start == move.chosen.start


def test_shifts_are_the_points_shown_before_and_after_and_add_up_to_nothing(scenario: Scenario) -> None:
    before = quadrants(scenario, (30, 40, 20, 10))
    after = views.quadrants(scenario, moves_after(scenario, (30, 40, 20, 10), (0, 0, 15, 0)), "nl")
    found = shifts(before, after)
    assert [s.before for s in found] == [30, 40, 20, 10]
    assert [s.after for s in found] == [q.points for q in after]
    assert found[2].change == 15 and sum(s.change for s in found) == 0
    assert all(s.change <= 0 for i, s in enumerate(found) if i != 2)


def moves_after(scenario: Scenario, points: tuple[int, ...], move: tuple[int, ...]) -> tuple[int, ...]:
    from incluzo.engine.play import position

    return position.move(position.from_points(points), move)


def test_a_skipped_card_has_no_arrow_and_a_still_step_is_still(scenario: Scenario) -> None:
    start = quadrants(scenario, (30, 40, 20, 10))
    trail = trail_arrows([start, start, quadrants(scenario, (20, 40, 30, 10))])
    assert [a.label for a in trail] == ["1", "2"]
    assert trail[0].still and not trail[1].still
    assert moves.steps([]) == ()
