"""Practice tips are worked out by the engine, before a choice is made, from the scenario and the state."""

from __future__ import annotations

from pathlib import Path

import pytest

from incluzo.engine.play import rules
from incluzo.engine.play.hints import choice_hints, distance
from incluzo.engine.play.position import UNIT
from incluzo.engine.scenario.loader import load_file

PROEF = Path(__file__).parent / "scenes" / "data" / "proef.yaml"


def test_each_offered_choice_gets_its_direction_and_the_distance_it_would_leave() -> None:
    # proef.yaml starts at 40/30/20/10 with the goal 15/25/35/25 (30 points away); see
    # tests/scenes/test_practice_hints.py for the positions each choice ends in, worked out by hand.
    scenario = load_file(PROEF)
    state = rules.begin(scenario)
    hints = choice_hints(scenario, state, "nl")
    assert [h.letter for h in hints] == ["A", "B", "C"]
    assert [[(a.name, a.amount) for a in h.toward] for h in hints] == [
        [("Individueel maatwerk", 10)],
        [("Professionalisering", 10)],
        [("Specialisme", 10)],
    ]
    assert [h.before for h in hints] == [30, 30, 30]
    assert [round(h.after or 0) for h in hints] == [34, 21, 35]


def test_no_card_no_hints() -> None:
    scenario = load_file(PROEF)
    state = rules.begin(scenario)
    over = rules.finish(scenario, state)
    assert not isinstance(over, rules.Refusal)
    assert choice_hints(scenario, over, "en") == ()


@pytest.mark.parametrize(
    ("a", "b", "points"),
    [((40, 30, 20, 10), (15, 25, 35, 25), 30), ((25, 25, 25, 25), (25, 25, 25, 25), 0)],
)
def test_distance_counts_the_points_that_must_move(
    a: tuple[int, ...], b: tuple[int, ...], points: int
) -> None:
    assert distance([p * UNIT for p in a], [p * UNIT for p in b]) == points
