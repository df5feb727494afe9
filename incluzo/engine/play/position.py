"""The team's position on the four quadrants, kept exact.

A position is a tuple of non-negative integers in millionths of a point that always sums to exactly
100 points. Splitting a move is done with the largest-remainder method, so nothing ever drifts.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import add

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
    givers = [0 if t else p for p, t in zip(position, toward, strict=True)]
    held = sum(givers)
    taken = wanted if wanted < held else held
    if not taken:
        return tuple(position)
    shares = [taken * w // held for w in givers]  # split(taken, givers), inline: the simulator's hot path
    left = taken - sum(shares)
    if left:
        remainders = [taken * w % held for w in givers]
        for _ in range(left):
            i = remainders.index(max(remainders))
            shares[i] += 1
            remainders[i] = -1
    kept = [p - s for p, s in zip(position, shares, strict=True)]
    if toward.count(0) == len(toward) - 1:  # one quadrant named (the common case): it gains all taken
        kept[list(toward).index(wanted // UNIT)] += taken
        return tuple(kept)
    return tuple(map(add, kept, split(taken, toward)))


def to_points(position: Sequence[int]) -> tuple[int, ...]:
    """Whole points for display, still summing to 100."""
    return split(100, position) if sum(position) else tuple(0 for _ in position)


def exact_points(units: int) -> float:
    return units / UNIT
