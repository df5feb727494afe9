"""How a team is drawn: its shape in its colour, with its number beside it, so colour is never alone.

The same shape marks the team's kite corners and trail on the quadrant map.
"""

from __future__ import annotations

import math

import pygame

from incluzo.engine.play.teamviews import Badge
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.mapinfo import prefixed
from incluzo.scenes.kit.text import Flow, Style, line_height, render, width_of
from incluzo.scenes.kit.theme import Metrics
from incluzo.scenes.kit.widgets import chips_width as chips_width  # the round screen's import

SHAPE_SCALE = 1.05  # a badge's shape in body units
MARKER_SCALE = 0.55  # a kite corner or trail marker in body units
KITE_WIDTH = 0.12  # a team kite's line in body units
STAR_INNER = 0.45  # a star's inner radius as a share of its outer one
CROSS_ARM = 0.36  # a cross's arm width as a share of its size


def shape_points(symbol: str, centre: tuple[float, float], size: float) -> list[tuple[float, float]]:
    """The outline of a shape (not the circle) of width and height `size` around `centre`."""
    x, y = centre
    h = size / 2
    if symbol == "triangle":
        return [(x, y - h), (x + h, y + h * 0.8), (x - h, y + h * 0.8)]
    if symbol == "square":
        s = h * 0.85
        return [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
    if symbol == "diamond":
        return [(x, y - h), (x + h, y), (x, y + h), (x - h, y)]
    if symbol == "star":
        points = []
        for i in range(10):
            r = h if i % 2 == 0 else h * STAR_INNER
            angle = -math.pi / 2 + i * math.pi / 5
            points.append((x + r * math.cos(angle), y + r * math.sin(angle)))
        return points
    a = size * CROSS_ARM / 2  # cross: a plus of two bars
    return [
        (x - a, y - h), (x + a, y - h), (x + a, y - a), (x + h, y - a), (x + h, y + a), (x + a, y + a),
        (x + a, y + h), (x - a, y + h), (x - a, y + a), (x - h, y + a), (x - h, y - a), (x - a, y - a),
    ]  # fmt: skip


def shape(
    surface: pygame.Surface,
    symbol: str,
    centre: tuple[float, float],
    size: float,
    fill: theme.Colour,
    line: int,
) -> None:
    """A filled team shape with a dark outline (the outline keeps light colours visible)."""
    if symbol == "circle":
        pygame.draw.circle(surface, fill, centre, size / 2)
        pygame.draw.circle(surface, theme.INK, centre, size / 2, line)
        return
    points = shape_points(symbol, centre, size)
    pygame.draw.polygon(surface, fill, points)
    pygame.draw.polygon(surface, theme.INK, points, line)


def shape_size(metrics: Metrics) -> int:
    return metrics.scaled(SHAPE_SCALE)


def badge_width(badge: Badge, metrics: Metrics) -> int:
    """Shape, a small gap and the number."""
    style = widgets.styles(metrics)["strong"]
    return shape_size(metrics) + metrics.gap // 2 + width_of(str(badge.number), style)


def draw_badge(surface: pygame.Surface, badge: Badge, x: int, centre_y: int, metrics: Metrics) -> int:
    """The team's shape in its colour and its number; returns the width used."""
    size = shape_size(metrics)
    shape(surface, badge.symbol, (x + size / 2, centre_y), size, theme.colour(badge.colour), metrics.stroke)
    number = render(str(badge.number), widgets.styles(metrics)["strong"])
    surface.blit(number, (x + size + metrics.gap // 2, centre_y - number.get_height() // 2))
    return badge_width(badge, metrics)


def draw_check(surface: pygame.Surface, left_centre: tuple[int, int], metrics: Metrics) -> int:
    """A tick in a disc: 'has chosen' without saying what; returns its width."""
    size = shape_size(metrics)
    x, y = left_centre
    centre = (x + size / 2, y)
    pygame.draw.circle(surface, theme.ACCENT, centre, size / 2)
    h = size / 2
    tick = [(x + h * 0.45, y), (x + h * 0.85, y + h * 0.4), (x + h * 1.55, y - h * 0.45)]
    pygame.draw.lines(surface, theme.ON_ACCENT, False, tick, max(2, metrics.stroke + 1))
    return size


def badge_line(
    flow: Flow, badge: Badge, text: str, style: Style, metrics: Metrics, *, space_before: int = 0
) -> None:
    """A text in a flow with the team's badge in front of its first line."""
    indent = badge_width(badge, metrics) + metrics.gap

    def paint(surface: pygame.Surface, x: int, y: int) -> None:
        draw_badge(surface, badge, x, y + line_height(style) // 2, metrics)

    prefixed(flow, text, style, indent, paint, space_before=space_before)
