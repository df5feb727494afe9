"""What a quadrant map draws over its kites: the move made (a bold arrow), the moves given up (faint
dashed ghost arrows with their letters), the trail of decisions (arrows with numbers) and each
quadrant's change ('+15', '−5') beside its name. Every label is placed by `labels.place`, so none covers
another label, a quadrant's name or the marker.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pygame
from msgspec import Struct

from incluzo.engine.play.moves import Arrow, Shift, Spot
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.labels import Placed, Wanted, merged, place
from incluzo.scenes.kit.text import Style, render
from incluzo.scenes.kit.theme import Colour, Metrics

CHOSEN_SCALE = 0.2  # the chosen arrow's line in body units
TRAIL_SCALE = 0.12  # a trail arrow's line in body units
HEAD_SCALE = 0.6  # an arrow head's length in body units
DISC_SCALE = 1.35  # a trail number's disc (or plate height) in body units
LABEL_SCALE = 1.0  # the text of labels on the map, in body units
GHOST = theme.mix(theme.TRAIL, theme.BACKGROUND, 0.35)  # a faint chosen arrow: what could have been


class Marks(Struct, frozen=True):
    """The marks of one moment: a decision's arrows and shifts, or the trail of a whole game."""

    chosen: Arrow | None = None
    ghosts: tuple[Arrow, ...] = ()
    trail: tuple[Arrow, ...] = ()
    shifts: tuple[Shift, ...] = ()


class Label(Struct, frozen=True):
    """A placed label and how it is drawn."""

    placed: Placed
    kind: str  # chosen | ghost | trail | shift
    colour: Colour  # the disc (trail, chosen) or the plate's border (ghost, shift)


def label_style(metrics: Metrics, ink: Colour) -> Style:
    return Style("bold", max(1, metrics.scaled(LABEL_SCALE)), ink)


def label_size(text: str, metrics: Metrics) -> tuple[int, int]:
    """A label's plate: at least a disc, wider for '+15' or '2, 3'."""
    height = metrics.scaled(DISC_SCALE)
    image = render(text, label_style(metrics, theme.INK))
    return max(height, image.get_width() + metrics.pad), height


def layout(
    marks: Marks,
    at: Callable[[Spot], Spot],
    square: pygame.Rect,
    plates: Sequence[tuple[str, pygame.Rect]],
    metrics: Metrics,
    taken: Sequence[pygame.Rect] = (),
) -> list[Label]:
    """Every label of `marks` placed inside `square`, clear of the quadrant names (`plates`, by corner),
    of `taken` (the marker) and of each other: the shifts first (beside their names), then the chosen
    arrow's letter, the ghosts' letters and the trail's numbers."""
    busy = [rect for _, rect in plates] + list(taken) + _dots(marks, at, metrics)
    labels: list[Label] = []
    by_corner = dict(plates)

    def add(wanted: Sequence[Wanted], kind: str, colours: Sequence[Colour]) -> None:
        for placed, colour in zip(place(wanted, square, busy), colours, strict=True):
            busy.append(placed.rect)
            labels.append(Label(placed, kind, colour))

    shifts = [s for s in marks.shifts if s.change and s.quadrant.corner in by_corner]
    texts = [widgets.signed(s.change) for s in shifts]
    near = [_beside(by_corner[s.quadrant.corner], s.quadrant.corner, metrics) for s in shifts]
    add(
        [Wanted(t, spot, label_size(t, metrics)) for t, spot in zip(texts, near, strict=True)],
        "shift",
        [theme.colour(s.quadrant.colour) for s in shifts],
    )
    if marks.chosen is not None and marks.chosen.label and not marks.chosen.still:
        add([_at_head(marks.chosen, at, metrics)], "chosen", [theme.TRAIL])
    ghosts = [g for g in marks.ghosts if not g.still]
    add([_at_head(g, at, metrics) for g in ghosts], "ghost", [GHOST] * len(ghosts))
    steps = merged(
        [Wanted(a.label, at(a.end), label_size(a.label, metrics)) for a in marks.trail],
        lambda text: label_size(text, metrics),
    )
    add(steps, "trail", [theme.TRAIL] * len(steps))
    return labels


def _dots(marks: Marks, at: Callable[[Spot], Spot], metrics: Metrics) -> list[pygame.Rect]:
    """Small squares over every arrow's ends, so no label hides where a step starts or ends."""
    side = 2 * (max(theme.MIN_STROKE, metrics.scaled(TRAIL_SCALE)) + 2 * metrics.stroke)
    arrows = [*marks.trail, *marks.ghosts, *([marks.chosen] if marks.chosen else [])]
    rects = []
    for spot in {s for a in arrows for s in (a.start, a.end)}:
        x, y = at(spot)
        rects.append(pygame.Rect(round(x - side / 2), round(y - side / 2), side, side))
    return rects


def _beside(plate: pygame.Rect, corner: str, metrics: Metrics) -> Spot:
    """Where a quadrant's change goes: just inside its name plate, toward the map's centre."""
    x = (
        plate.x + metrics.scaled(DISC_SCALE)
        if corner.endswith("left")
        else plate.right - metrics.scaled(DISC_SCALE)
    )
    y = (
        plate.bottom + metrics.scaled(DISC_SCALE)
        if corner.startswith("top")
        else plate.y - metrics.scaled(DISC_SCALE)
    )
    return x, y


def _at_head(arrow: Arrow, at: Callable[[Spot], Spot], metrics: Metrics) -> Wanted:
    """A letter just beyond an arrow's head, along its direction."""
    start, end = at(arrow.start), at(arrow.end)
    length = max(1e-6, math.dist(start, end))
    reach = metrics.scaled(DISC_SCALE)
    anchor = (end[0] + (end[0] - start[0]) / length * reach, end[1] + (end[1] - start[1]) / length * reach)
    return Wanted(arrow.label, anchor, label_size(arrow.label, metrics))


def draw_arrows(
    surface: pygame.Surface, marks: Marks, at: Callable[[Spot], Spot], metrics: Metrics, short: int = 0
) -> None:
    """The ghosts (faint, dashed), the trail and the chosen arrow (bold), in that order; the chosen one
    stops `short` pixels before its end (the marker's edge)."""
    thin = max(theme.MIN_STROKE, metrics.scaled(TRAIL_SCALE))
    for ghost in marks.ghosts:
        if not ghost.still:
            arrow(surface, at(ghost.start), at(ghost.end), GHOST, thin, metrics, dashed=True)
    trail = max(theme.MIN_STROKE, metrics.scaled(TRAIL_SCALE))
    for step in marks.trail:
        if not step.still:
            arrow(surface, at(step.start), at(step.end), theme.TRAIL, trail, metrics)
    if marks.trail:  # the start: a ring; each step's end: a dot
        pygame.draw.circle(
            surface, theme.TRAIL, at(marks.trail[0].start), trail + 2 * metrics.stroke, metrics.stroke
        )
    for step in marks.trail:
        pygame.draw.circle(surface, theme.TRAIL, at(step.end), trail + metrics.stroke)
    chosen = marks.chosen
    if chosen is not None and not chosen.still:
        width = max(theme.MIN_STROKE, metrics.scaled(CHOSEN_SCALE))
        pygame.draw.circle(surface, theme.TRAIL, at(chosen.start), width + metrics.stroke, metrics.stroke)
        start, end = at(chosen.start), at(chosen.end)
        length = math.dist(start, end)
        if length > short:
            keep = (length - short) / length
            end = (start[0] + (end[0] - start[0]) * keep, start[1] + (end[1] - start[1]) * keep)
        arrow(surface, start, end, theme.TRAIL, width, metrics)


def arrow(
    surface: pygame.Surface,
    start: Spot,
    end: Spot,
    colour: Colour,
    width: int,
    metrics: Metrics,
    *,
    dashed: bool = False,
) -> None:
    """A line from `start` to `end` with a filled head at `end` (a head no longer than half the line)."""
    length = math.dist(start, end)
    if length < 1:
        return
    ux, uy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
    head = min(metrics.scaled(HEAD_SCALE) + width, length / 2)
    base = (end[0] - ux * head, end[1] - uy * head)
    if dashed:
        dash = max(theme.MIN_STROKE, metrics.scaled(HEAD_SCALE) // 2)
        steps = max(1, int(math.dist(start, base) // dash))
        for step in range(0, steps, 2):
            a, b = step / steps, min(1.0, (step + 1) / steps)
            pygame.draw.line(surface, colour, _along(start, base, a), _along(start, base, b), width)
    else:
        pygame.draw.line(surface, colour, start, base, width)
    side = head * 0.55
    points = [end, (base[0] - uy * side, base[1] + ux * side), (base[0] + uy * side, base[1] - ux * side)]
    if dashed:
        pygame.draw.polygon(surface, colour, points, max(1, width // 2 + 1))
    else:
        pygame.draw.polygon(surface, colour, points)


def _along(start: Spot, end: Spot, share: float) -> Spot:
    return start[0] + (end[0] - start[0]) * share, start[1] + (end[1] - start[1]) * share


def draw_labels(surface: pygame.Surface, labels: Sequence[Label], metrics: Metrics) -> None:
    """Leader lines first, then each label on its disc or plate."""
    for label in labels:
        if label.placed.moved and label.kind == "trail":
            end = label.placed.rect.center
            pygame.draw.line(surface, label.colour, label.placed.anchor, end, max(1, metrics.stroke // 2))
    for label in labels:
        draw_label(surface, label.placed.rect, label.placed.text, label.kind, label.colour, metrics)


def draw_label(
    surface: pygame.Surface, rect: pygame.Rect, text: str, kind: str, colour: Colour, metrics: Metrics
) -> None:
    """A label on its disc (trail, chosen: white on the colour) or plate (ghost, shift: a coloured rim)."""
    radius = rect.height // 2
    if kind in ("trail", "chosen"):
        pygame.draw.rect(surface, theme.WHITE, rect.inflate(2, 2), border_radius=radius + 1)
        pygame.draw.rect(surface, colour, rect, border_radius=radius)
        ink = theme.WHITE
    else:
        pygame.draw.rect(surface, theme.PANEL, rect, border_radius=radius)
        pygame.draw.rect(surface, colour, rect, max(1, metrics.stroke // 2 + 1), border_radius=radius)
        ink = theme.MUTED if kind == "ghost" else theme.INK
    image = render(text, label_style(metrics, ink))
    surface.blit(image, image.get_rect(center=rect.center))
