"""Positions stay exact: four non-negative parts that always sum to 100 points."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from incluzo.engine.play import position
from incluzo.engine.play.position import TOTAL, UNIT

moves = st.lists(st.integers(0, 100), min_size=4, max_size=4)
points = (
    st.lists(st.integers(0, 100), min_size=3, max_size=3)
    .map(sorted)
    .map(lambda cuts: (cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], 100 - cuts[2]))
)


@given(points, st.lists(moves, max_size=25))
def test_position_always_sums_to_100_with_no_negative_quadrant(
    start: tuple[int, ...], steps: list[list[int]]
) -> None:
    current = position.from_points(start)
    for step in steps:
        current = position.move(current, step)
        assert sum(current) == TOTAL
        assert min(current) >= 0


@given(points, moves)
def test_a_quadrant_never_loses_points_from_a_move_toward_it(start: tuple[int, ...], step: list[int]) -> None:
    before = position.from_points(start)
    after = position.move(before, step)
    for b, a, toward in zip(before, after, step, strict=True):
        if toward:
            assert a >= b


def test_move_takes_proportionally_from_the_others() -> None:
    after = position.move(position.from_points((40, 30, 20, 10)), (0, 10, 0, 0))
    # the givers lose 10 * 40/70, 10 * 20/70 and 10 * 10/70 points, rounded to millionths by largest remainder
    assert after == (34_285_714, 40 * UNIT, 17_142_857, 8_571_429)


def test_a_move_takes_nothing_from_empty_quadrants() -> None:
    assert position.move(position.from_points((95, 5, 0, 0)), (0, 0, 10, 0)) == (
        85_500_000,
        4_500_000,
        10 * UNIT,
        0,
    )


def test_when_the_others_hold_too_little_they_give_all_they_have() -> None:
    assert position.move(position.from_points((0, 100, 0, 0)), (0, 10, 0, 0)) == position.from_points(
        (0, 100, 0, 0)
    )
    assert position.move(position.from_points((5, 95, 0, 0)), (0, 10, 10, 0)) == (0, 97_500_000, 2_500_000, 0)


def test_display_rounding_still_sums_to_100() -> None:
    assert position.to_points((33_333_334, 33_333_333, 33_333_333, 0)) == (34, 33, 33, 0)
    assert sum(position.to_points(position.move(position.even(4), (1, 0, 0, 0)))) == 100
