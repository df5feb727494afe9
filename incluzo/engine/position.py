"""The team's position on the four quadrants, kept exact.

A position is a tuple of non-negative integers in millionths of a point that always sums to exactly
100 points. Splitting a move is done with the largest-remainder method, so nothing ever drifts.
"""

from __future__ import annotations

from collections.abc import Sequence

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
    taken = min(wanted, sum(givers))
    losses = split(taken, givers)
    gains = split(taken, toward)
    return tuple(p - loss + gain for p, loss, gain in zip(position, losses, gains, strict=True))


def to_points(position: Sequence[int]) -> tuple[int, ...]:
    """Whole points for display, still summing to 100."""
    return split(100, position) if sum(position) else tuple(0 for _ in position)


def exact_points(units: int) -> float:
    return units / UNIT
