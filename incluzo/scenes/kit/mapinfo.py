"""The words beside a quadrant map: a legend of its lines and each quadrant's points as numbers."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from incluzo.engine.play.views import QuadrantView
from incluzo.i18n import Messages
from incluzo.scenes.kit import theme
from incluzo.scenes.kit.quadmap import Kite
from incluzo.scenes.kit.text import Flow, Painter, Style, render
from incluzo.scenes.kit.theme import Metrics

SAMPLE_SCALE = 2.2  # legend line sample length in body units
DISC_SCALE = 1.2  # quadrant number disc in body units
KEEP_TOGETHER = 3  # entries of at most this many lines stay on one page


def prefixed(
    flow: Flow, text: str, style: Style, prefix_width: int, prefix: Painter, *, space_before: int = 0
) -> None:
    """A wrapped text with a drawing in front of its first line (a bullet, a line sample, a disc)."""
    start = len(flow.items)
    flow.text(text, style, indent=prefix_width, space_before=space_before)
    lines = flow.items[start:]
    if len(lines) <= KEEP_TOGETHER:  # a short entry is never split over two pages
        for line in lines[:-1]:
            line.keep_with_next = True
    first = flow.items[start]
    paint = first.paint

    def painted(surface: pygame.Surface, x: int, y: int) -> None:
        prefix(surface, x, y)
        paint(surface, x, y)

    first.paint = painted


def legend(flow: Flow, entries: Sequence[tuple[str, Kite]], style: Style, metrics: Metrics) -> None:
    """'— Nu', '- - Start', '··· Gewenst': each line style named in words."""
    sample = metrics.scaled(SAMPLE_SCALE)
    for label, kite in entries:

        def paint(surface: pygame.Surface, x: int, y: int, kite: Kite = kite) -> None:
            middle = y + metrics.body * 2 // 3
            width = max(theme.MIN_STROKE, metrics.scaled(kite.width_scale))
            if kite.style == "solid":
                pygame.draw.line(surface, kite.colour, (x, middle), (x + sample, middle), width)
                return
            dash = max(theme.MIN_STROKE, metrics.body // (2 if kite.style == "dashed" else 6))
            for left in range(x, x + sample, 2 * dash):
                pygame.draw.line(
                    surface, kite.colour, (left, middle), (min(left + dash, x + sample), middle), width
                )

        prefixed(flow, label, style, sample + metrics.gap, paint, space_before=metrics.gap // 2)


def quadrant_rows(
    flow: Flow, rows: Sequence[tuple[QuadrantView, str]], style: Style, metrics: Metrics
) -> None:
    """Per quadrant its number on a disc of its colour, then a text ('Specialisme: 30 -> 25')."""
    size = metrics.scaled(DISC_SCALE)
    for quadrant, text in rows:
        base = theme.colour(quadrant.colour)

        def paint(
            surface: pygame.Surface, x: int, y: int, base: theme.Colour = base, number: int = quadrant.number
        ) -> None:
            disc = pygame.Rect(x, y, size, size)
            pygame.draw.ellipse(surface, base, disc)
            image = render(str(number), Style("bold", metrics.body, theme.ink_on(base)))
            surface.blit(image, image.get_rect(center=disc.center))

        prefixed(flow, text, style, size + metrics.gap, paint, space_before=metrics.gap // 2)


def profile_rows(
    flow: Flow,
    say: Messages,
    start: Sequence[QuadrantView],
    current: Sequence[QuadrantView],
    current_key: str,
    desired: Sequence[QuadrantView] | None,
    style: Style,
    metrics: Metrics,
) -> None:
    """Per quadrant its points at the start, now (or at the end: `current_key`) and the goal."""
    goal = {q.id: q.points for q in desired} if desired else {}
    rows = []
    for first, last in zip(start, current, strict=True):
        values = [("map.start", first.points), (current_key, last.points)]
        values += [("map.desired", goal[last.id])] if goal else []
        rows.append((last, points_text(say, last.name, values)))
    quadrant_rows(flow, rows, style, metrics)


def points_text(say: Messages, name: str, values: Sequence[tuple[str, int]]) -> str:
    """'Specialisme: start 30, nu 25, gewenst 15'."""
    parts = ", ".join(f"{say(key)} {value}" for key, value in values)
    return f"{name}: {parts}"
