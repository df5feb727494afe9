"""The move drawn: where a choice took the team on the map, what each quadrant gained or lost, and where
the choices given up would have taken it. Plain view data, in map units; the screens only draw it.

The map's marker is the team's **balance point**: where its profile leans on the model's two axes.
Its x is (the right-hand quadrants' points - the left-hand ones') / 100 and its y (the bottom ones' -
the top ones') / 100, so (-1, -1) is the top-left corner, (0, 0) the centre (25 points each) and (1, 1) the
bottom-right corner. A move toward one quadrant takes points from the others, so the balance point
always moves toward that quadrant's corner (within 45 degrees of its diagonal); it can still stay in
another quadrant's cell when the team leans that way on both axes. docs/model.md explains the reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from msgspec import Struct

from incluzo.engine.play.views import ChoiceView, DecisionView, QuadrantView

CORNERS = {"top-left": (-1, -1), "top-right": (1, -1), "bottom-left": (-1, 1), "bottom-right": (1, 1)}
PERCENT = 100
STILL = 1e-9  # a balance point that moved less than this (in map units) did not move

Spot = tuple[float, float]  # a point on the map: x rightward, y downward, -1..1 across the square


class Shift(Struct, frozen=True):
    """One quadrant's points before and after a move, rounded as the screens show them."""

    quadrant: QuadrantView  # as it is after the move
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


class Arrow(Struct, frozen=True):
    """A step on the map from one balance point to another, with its label ('B', '3')."""

    label: str
    start: Spot
    end: Spot

    @property
    def still(self) -> bool:
        """Start and end are the same point (a skipped card, a card that moves nothing)."""
        return abs(self.end[0] - self.start[0]) + abs(self.end[1] - self.start[1]) < STILL


class MoveView(Struct, frozen=True):
    """A decision on the map: the chosen arrow, the ghost arrows of the choices given up, the shifts."""

    chosen: Arrow | None  # None for a skipped card
    ghosts: tuple[Arrow, ...]  # one per choice given up, labelled with its letter
    shifts: tuple[Shift, ...]  # every quadrant, in model order


def lean(corners: Sequence[str], points: Sequence[float]) -> Spot:
    """The balance point of points per quadrant (in the order of `corners`), in map units."""
    x = sum(CORNERS[c][0] * v for c, v in zip(corners, points, strict=True)) / PERCENT
    y = sum(CORNERS[c][1] * v for c, v in zip(corners, points, strict=True)) / PERCENT
    return x, y


def balance(quadrants: Sequence[QuadrantView]) -> Spot:
    """The balance point of a profile: its lean on the two axes, in map units."""
    return lean([q.corner for q in quadrants], [q.exact for q in quadrants])


def shifts(before: Sequence[QuadrantView], after: Sequence[QuadrantView]) -> tuple[Shift, ...]:
    return tuple(Shift(a, b.points, a.points) for b, a in zip(before, after, strict=True))


def ghost(start: Spot, choice: ChoiceView) -> Arrow | None:
    """Where a choice given up would have taken the team (None when the view does not say)."""
    return Arrow(choice.letter, start, balance(choice.lands)) if choice.lands else None


def move_view(decision: DecisionView) -> MoveView:
    start = balance(decision.position_before)
    chosen = decision.choice
    end = balance(decision.position_after)
    arrow = None if decision.skipped else Arrow(chosen.letter if chosen else "", start, end)
    ghosts = tuple(a for a in (ghost(start, c) for c in decision.gave_up) if a is not None)
    return MoveView(arrow, ghosts, shifts(decision.position_before, decision.position_after))


def trail_arrows(trail: Sequence[Sequence[QuadrantView]]) -> tuple[Arrow, ...]:
    """The trail of decisions as arrows, step n from the position before decision n to the one after it,
    labelled n (the number of the decision in the debrief's list)."""
    return steps([balance(p) for p in trail])


def steps(spots: Sequence[Spot]) -> tuple[Arrow, ...]:
    """Arrows from each spot to the next, numbered from 1."""
    return tuple(Arrow(str(n), a, b) for n, (a, b) in enumerate(pairwise(spots), 1))
