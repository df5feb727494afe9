"""The team's position on the four quadrants, kept exact.

A position is a tuple of non-negative integers in millionths of a point that always sums to exactly
100 points. Splitting a move is done with the largest-remainder method, so nothing ever drifts.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import add, sub

UNIT = 1_000_000
TOTAL = 100 * UNIT


def from_points(points: Sequence[int]) -> tuple[int, ...]:
    """Whole points (summing to 100) to exact units."""
    return tuple(p * UNIT for p in points)


def even(count: int) -> tuple[int, ...]:
    """An even spread (25 each for four quadrants)."""
    return split(TOTAL, [1] * count)


def split(amount: int, weights: Sequence[int]) -> tuple[int, ...]:
    """Split `amount` units over `weights` in proportion, exactly (largest remainder, ties by order)."""
    total = sum(weights)
    if total == 0 or amount == 0:
        return tuple(0 for _ in weights)
    shares = [amount * w // total for w in weights]
    left = amount - sum(shares)
    if left:
        remainders = [amount * w % total for w in weights]
        for _ in range(left):  # the largest remainders get one more; `index` finds the first on ties
            i = remainders.index(max(remainders))
            shares[i] += 1
            remainders[i] = -1
    return tuple(shares)


def move(position: Sequence[int], toward: Sequence[int]) -> tuple[int, ...]:
    """Move `toward[i]` points to quadrant i, taken from the quadrants with no move, in proportion.

    The others give at most what they hold; the named quadrants share what was taken in proportion
    to their amounts. Named quadrants never lose; no quadrant goes below zero.
    """
    wanted = sum(toward) * UNIT
    if wanted == 0:
        return tuple(position)
    named = [i for i, t in enumerate(toward) if t]
    if len(named) == 1:  # one quadrant named (the common case): it gains all that is taken
        return move_one(position, named[0], wanted)
    givers = [0 if t else p for p, t in zip(position, toward, strict=True)]
    taken = min(wanted, sum(givers))
    kept = list(map(sub, position, split(taken, givers)))
    return tuple(map(add, kept, split(taken, toward)))


def move_one(position: Sequence[int], target: int, wanted: int) -> tuple[int, ...]:
    """`move` toward quadrant `target` alone, `wanted` in units: the simulator's hot path, so the
    split of what the others give is written out here (the same largest-remainder method as `split`;
    the target's remainder is never the largest while units are left, so it is marked done at once)."""
    held = sum(position) - position[target]
    taken = wanted if wanted < held else held
    if not taken:
        return tuple(position)
    kept: list[int] = []
    remainders: list[int] = []
    left = taken
    for i, units in enumerate(position):
        if i == target:
            kept.append(units + taken)
            remainders.append(-1)
        else:
            share, remainder = divmod(taken * units, held)
            kept.append(units - share)
            remainders.append(remainder)
            left -= share
    while left:  # the largest remainders give one more; `index` finds the first on ties
        i = remainders.index(max(remainders))
        kept[i] -= 1
        remainders[i] = -1
        left -= 1
    return tuple(kept)


def to_points(position: Sequence[int]) -> tuple[int, ...]:
    """Whole points for display, still summing to 100."""
    return split(100, position) if sum(position) else tuple(0 for _ in position)


def exact_points(units: int) -> float:
    return units / UNIT
