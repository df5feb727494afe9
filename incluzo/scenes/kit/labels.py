"""Labels placed on a map so that none covers another label or a quadrant's name.

Each label tries spots around its anchor, nearest first (on it, then rings further out), and takes the
first that lies inside the bounds and is free; a label away from its anchor gets a leader line. Labels
at one anchor share one label ('2, 3'), so numbers never pile up and none goes missing. Pure geometry
on rectangles: tested without drawing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence

import pygame
from msgspec import Struct

ANGLES = 16  # spots tried on each ring
SAME_SPOT = 0.5  # anchors closer than this (pixels) share one label
JOIN = ", "

Spot = tuple[float, float]


class Wanted(Struct, frozen=True):
    """A label to place: its text, the point it belongs to and its size in pixels."""

    text: str
    anchor: Spot
    size: tuple[int, int]


class Placed(Struct, frozen=True):
    text: str
    anchor: Spot
    rect: pygame.Rect

    @property
    def moved(self) -> bool:
        """The label stands away from its anchor (a leader line joins them)."""
        return not self.rect.collidepoint(self.anchor)


def merged(wanted: Sequence[Wanted], size: Callable[[str], tuple[int, int]]) -> list[Wanted]:
    """Labels at the same anchor as one label, their texts joined ('1, 4'); `size(text)` sizes it."""
    groups: list[tuple[Spot, list[str]]] = []
    for label in wanted:
        for anchor, texts in groups:
            if math.dist(anchor, label.anchor) < SAME_SPOT:
                texts.append(label.text)
                break
        else:
            groups.append((label.anchor, [label.text]))
    return [Wanted(JOIN.join(texts), anchor, size(JOIN.join(texts))) for anchor, texts in groups]


def candidates(anchor: Spot, size: tuple[int, int], reach: float) -> Iterator[pygame.Rect]:
    """Rectangles of `size` around `anchor`: centred on it, then on rings ever further out."""
    width, height = size
    step = max(width, height) * 0.6
    rings = max(1, math.ceil(reach / step))
    for ring in range(rings + 1):
        turns = 1 if ring == 0 else ANGLES
        for turn in range(turns):
            angle = -math.pi / 4 + 2 * math.pi * turn / ANGLES
            rect = pygame.Rect(0, 0, width, height)
            rect.center = (
                round(anchor[0] + ring * step * math.cos(angle)),
                round(anchor[1] + ring * step * math.sin(angle)),
            )
            yield rect


def place(wanted: Sequence[Wanted], bounds: pygame.Rect, taken: Sequence[pygame.Rect] = ()) -> list[Placed]:
    """Every label placed, in order, clear of `taken` (names, markers) and of the labels before it.

    A label that finds no free spot inside the bounds (only when the map is far too small for its
    labels) takes the spot that overlaps least, so it is never left out."""
    busy = list(taken)
    placed = []
    reach = math.hypot(bounds.width, bounds.height)
    for label in wanted:
        best: pygame.Rect | None = None
        least = math.inf
        for rect in candidates(label.anchor, label.size, reach):
            if not bounds.contains(rect):
                continue
            overlap = sum(_area(rect.clip(other)) for other in busy)
            if overlap < least:
                best, least = rect, overlap
            if overlap == 0:
                break
        if best is None:  # larger than the bounds: centred on its anchor
            best = pygame.Rect((0, 0), label.size)
            best.center = (round(label.anchor[0]), round(label.anchor[1]))
        busy.append(best)
        placed.append(Placed(label.text, label.anchor, best))
    return placed


def _area(rect: pygame.Rect) -> int:
    return rect.width * rect.height
