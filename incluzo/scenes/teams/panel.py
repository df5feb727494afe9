"""The team panel and the countdown ring, shared by the round and the reveal.

The panel is one row per team, for 1 to 6 teams: its shape, number and name with a mark at the end
(a tick once it has chosen, the letter it chose once revealed, a word when it sits the card out), and
below that its three meters as a letter and a row of pips against the start level, amber when low and
red at 0. Every team's meters are always shown, so "Te duur voor team 5" can be checked at a glance.

The ring is the round's countdown, large enough for the back row: an arc that empties as time runs,
the time left in its middle, grey with a pause sign while the clock is stopped, red when time is up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import pygame
from msgspec import Struct

from incluzo.engine.play.teamviews import Badge, TimerView
from incluzo.engine.play.views import MeterView
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.text import Style, line_height, render, width_of
from incluzo.scenes.kit.theme import Colour, Metrics
from incluzo.scenes.teams.badge import badge_width, draw_badge, draw_check, shape_size
from incluzo.scenes.teams.scene import fit_lines

ROW_PAD = 0.25  # a row's inner padding in body units
ROW_GAP = 0.25  # between two rows
METER_GAP = 0.6  # between two meters on a row
METER_LINE = 1.0  # the meters' line under the name in body units
PIP_HEIGHT = 0.55  # a pip's height in body units
LEAST_PIP = 0.2  # a pip's least width in body units (the panel widens to keep it)
PIP_GAP = 0.25  # the gap between two pips as a share of a pip's width
PANEL_SHARE = 0.25  # the panel's share of a wide window's width (wider when its meters need it)
SELECTED_BORDER = 3  # strokes around the selected team
RING_SCALE = 4.0  # the ring's least diameter in body units
RING_WIDTH = 0.5  # its arc's width in body units
RING_LOW = 0.2  # the share of the time left from which the arc turns amber
MEMO = 64  # meters' lines kept drawn (six teams, before and after, a few sizes)
ARC_STEP = math.radians(3)  # the arc is drawn as a polygon with a point every 3 degrees


class TeamRow(Struct, frozen=True):
    """One team as the panel shows it."""

    badge: Badge
    meters: tuple[MeterView, ...]
    active: bool = True  # False: it sits this card out, or its game is over (drawn grey)
    mark: str = ""  # '' nothing, 'check' has chosen, a letter: the choice it made (revealed)
    word: str = ""  # said at the end of the name line instead of a mark ('kijkt mee')
    selected: bool = False


def row_height(metrics: Metrics, styles: dict[str, Style], *, meters: bool) -> int:
    """A row's height: the name line, and the meters' line below it when there are meters."""
    pad = metrics.scaled(ROW_PAD)
    height = line_height(styles["strong"]) + 2 * pad
    return height + (metrics.scaled(METER_LINE) if meters else 0)


def panel_height(count: int, metrics: Metrics, styles: dict[str, Style], *, meters: bool) -> int:
    return count * row_height(metrics, styles, meters=meters) + (count - 1) * metrics.scaled(ROW_GAP)


def split(
    area: pygame.Rect, rows: Sequence[TeamRow], metrics: Metrics, styles: dict[str, Style], *, meters: bool
) -> tuple[pygame.Rect, pygame.Rect]:
    """(the screen's own part, the panel): the panel a column on the right of a wide window, as narrow
    as its rows allow; below on a narrow one, its rows in two columns."""
    m = metrics
    if m.wide:
        side = min(area.width // 2, max(round(area.width * PANEL_SHARE), least_width(rows, m, styles)))
        return (
            pygame.Rect(area.x, area.y, area.width - side - m.margin, area.height),
            pygame.Rect(area.right - side, area.y, side, area.height),
        )
    side = min(area.height // 2, panel_height(-(-len(rows) // 2), m, styles, meters=meters))
    return (
        pygame.Rect(area.x, area.y, area.width, area.height - side - m.gap),
        pygame.Rect(area.x, area.bottom - side, area.width, side),
    )


def columns(metrics: Metrics) -> int:
    """The panel's columns of rows: one in a wide window's side column, two below a narrow one's."""
    return 1 if metrics.wide else 2


def place_rows(
    box: pygame.Rect, count: int, metrics: Metrics, styles: dict[str, Style], *, meters: bool
) -> dict[int, pygame.Rect]:
    """Team number to its row, from the top of `box`, in the panel's columns."""
    m = metrics
    cols = columns(m)
    per_col = -(-count // cols)
    width = (box.width - (cols - 1) * m.gap) // cols
    height = row_height(m, styles, meters=meters)
    step = height + m.scaled(ROW_GAP)
    return {
        index + 1: pygame.Rect(
            box.x + (index // per_col) * (width + m.gap), box.y + (index % per_col) * step, width, height
        )
        for index in range(count)
    }


def draw_row(
    surface: pygame.Surface,
    row: TeamRow,
    rect: pygame.Rect,
    metrics: Metrics,
    styles: dict[str, Style],
    lang: str,
    *,
    fill: Colour = theme.PANEL,
) -> None:
    """One team's row: badge, name and mark; below them its meters as pips."""
    m = metrics
    pad = m.scaled(ROW_PAD)
    widgets.panel(surface, rect, m, fill if row.active else theme.DISABLED_PANEL,
                  theme.ACCENT if row.selected else theme.BORDER)  # fmt: skip
    if row.selected:
        pygame.draw.rect(surface, theme.ACCENT, rect, SELECTED_BORDER * m.stroke, border_radius=m.radius)
    strong = styles["strong"] if row.active else styles["disabled"]
    line = line_height(strong)
    x, y = rect.x + m.pad, rect.y + pad
    right = rect.right - m.pad
    width = draw_badge(surface, row.badge, x, y + line // 2, m)
    right -= _draw_mark(surface, row, right, y + line // 2, m, styles) + (
        m.gap if row.mark or row.word else 0
    )
    name_x = x + width + m.gap
    lines = fit_lines(row.badge.name, strong, right - name_x, lang, 1)
    surface.blit(render(lines[0], strong), (name_x, y))
    if row.meters:
        line_box = pygame.Rect(x, y + line, rect.width - 2 * m.pad, m.scaled(METER_LINE))
        meters_line(surface, row.meters, line_box, m)


def _draw_mark(
    surface: pygame.Surface, row: TeamRow, right: int, centre_y: int, m: Metrics, styles: dict[str, Style]
) -> int:
    """The mark at the end of the name line, right-aligned at `right`; returns its width."""
    if row.word:
        image = render(row.word, styles["disabled"] if not row.active else styles["accent"])
        surface.blit(image, (right - image.get_width(), centre_y - image.get_height() // 2))
        return image.get_width()
    size = shape_size(m)
    if row.mark == "check":
        return draw_check(surface, (right - size, centre_y), m)
    if row.mark:
        disc = pygame.Rect(right - size, centre_y - size // 2, size, size)
        pygame.draw.rect(surface, theme.ACCENT, disc, border_radius=m.radius // 2)
        image = render(row.mark, Style("bold", m.body, theme.ON_ACCENT))
        surface.blit(image, image.get_rect(center=disc.center))
        return size
    return 0


def meters_line(surface: pygame.Surface, meters: Sequence[MeterView], rect: pygame.Rect, m: Metrics) -> None:
    """Each meter as its small icon (its shape, with its letter where the language has one) and a
    row of pips, side by side in equal parts of `rect` (drawn once, then kept until they change)."""
    surface.blit(_meters_image(tuple(meters), rect.size, m), rect.topleft)


@lru_cache(maxsize=MEMO)
def _meters_image(meters: tuple[MeterView, ...], size: tuple[int, int], m: Metrics) -> pygame.Surface:
    image = pygame.Surface(size, pygame.SRCALPHA)
    rect = image.get_rect()
    gap = m.scaled(METER_GAP)
    part = (rect.width - gap * (len(meters) - 1)) // max(1, len(meters))
    small = icon_metrics(m)
    size_icon = widgets.icon_size(small)
    for index, meter in enumerate(meters):
        left = index * (part + gap)
        widgets.meter_icon(image, index, meter.symbol, (left + size_icon // 2, rect.centery), small)
        start = left + size_icon + m.gap // 2
        height = min(m.scaled(PIP_HEIGHT), rect.height)
        pips(image, pygame.Rect(start, rect.centery - height // 2, left + part - start, height), meter)
    return image


def icon_metrics(metrics: Metrics) -> Metrics:
    """The sizes of a window whose meter icons are as tall as the panel's meters' line."""
    return Metrics(metrics.width, round(metrics.height * METER_LINE / widgets.ICON_SCALE))


def pips(surface: pygame.Surface, rect: pygame.Rect, meter: MeterView) -> None:
    """A meter as a row of pips against its start level: filled up to its value, amber when low, red at
    0 (an empty row with a red outline). A pip may be narrower than tall; it is never under 2 px."""
    scale = meter.scale
    colour = widgets.meter_colour(meter)
    gap = max(1, round(rect.width / scale * PIP_GAP))
    pip = (rect.width - gap * (scale - 1)) / scale
    if pip < 2:  # too many to tell apart: one bar
        pygame.draw.rect(surface, theme.BAR_TRACK, rect)
        filled = pygame.Rect(rect.x, rect.y, round(rect.width * max(0, meter.value) / scale), rect.height)
        pygame.draw.rect(surface, colour, filled)
    else:
        for index in range(scale):
            left = round(rect.x + index * (pip + gap))
            box = pygame.Rect(
                left, rect.y, max(1, round(rect.x + index * (pip + gap) + pip) - left), rect.height
            )
            pygame.draw.rect(surface, colour if index < meter.value else theme.BAR_TRACK, box)
    if meter.value <= 0:
        pygame.draw.rect(surface, theme.BAR_EMPTY, rect.inflate(4, 4), 2)


def meters_width(meters: Sequence[MeterView], m: Metrics) -> int:
    """The least width of a meters' line with pips of at least LEAST_PIP each."""
    letters = len(meters) * (widgets.icon_size(icon_metrics(m)) + m.gap // 2)
    least = max(2, m.scaled(LEAST_PIP))
    return letters + sum(v.scale for v in meters) * least + m.scaled(METER_GAP) * (len(meters) - 1)


def least_width(rows: Sequence[TeamRow], m: Metrics, styles: dict[str, Style]) -> int:
    """How wide the panel must be for its meters' lines and a few letters of every name."""
    names = max(badge_width(r.badge, m) for r in rows) + m.gap + 4 * m.body + shape_size(m) + m.gap
    meters = max((meters_width(r.meters, m) for r in rows if r.meters), default=0)
    return max(names, meters) + 2 * m.pad


# The countdown ring -----------------------------------------------------------------------------------


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def ring_size(metrics: Metrics, styles: dict[str, Style], limit: int) -> int:
    """The ring's diameter: at least RING_SCALE body units, and wide enough for any time up to the
    limit in its middle (so the ring keeps its size as the time runs or is changed)."""
    style = styles["title"]
    widest = max("0123456789", key=lambda digit: width_of(digit, style))
    shape = "".join(widest if c.isdigit() else c for c in clock(max(limit, 0)))
    inner = width_of(shape, style) + 2 * metrics.pad
    return max(metrics.scaled(RING_SCALE), inner + 2 * metrics.scaled(RING_WIDTH))


def draw_ring(
    surface: pygame.Surface,
    centre: tuple[int, int],
    diameter: int,
    timer: TimerView,
    metrics: Metrics,
    styles: dict[str, Style],
) -> None:
    """The countdown: a full track, an arc for the time left from twelve o'clock, the time in the middle."""
    m = metrics
    outer = diameter / 2
    width = m.scaled(RING_WIDTH)
    share = 0.0 if timer.expired or timer.limit <= 0 else min(1.0, timer.remaining / timer.limit)
    pygame.draw.circle(surface, theme.BACKGROUND, centre, outer + m.stroke)
    pygame.draw.circle(surface, theme.BAR_EMPTY if timer.expired else theme.BAR_TRACK, centre, outer, width)
    colour = theme.MUTED if not timer.running else theme.BAR_LOW if share <= RING_LOW else theme.ACCENT
    if share > 0:
        _arc(surface, centre, outer, outer - width, share, colour)
    style = styles["title"]
    style = Style(style.face, style.size, theme.WARNING if timer.expired else theme.INK)
    image = render(clock(timer.remaining), style)
    middle = image.get_rect(center=centre)
    if not timer.running and not timer.expired:  # paused: two bars under the time
        middle.centery -= m.body // 3
        bar_w, bar_h = max(2, m.body // 5), m.body * 2 // 3
        top = middle.bottom
        for dx in (-bar_w - bar_w // 2, bar_w // 2):
            pygame.draw.rect(surface, theme.MUTED, pygame.Rect(centre[0] + dx, top, bar_w, bar_h))
    surface.blit(image, middle)


def _arc(
    surface: pygame.Surface, centre: tuple[int, int], outer: float, inner: float, share: float, colour: Colour
) -> None:
    """A thick arc clockwise from twelve o'clock over `share` of the circle, as one polygon."""
    x, y = centre
    end = share * 2 * math.pi
    steps = max(2, math.ceil(end / ARC_STEP))
    angles = [end * i / steps for i in range(steps + 1)]
    points = [(x + outer * math.sin(a), y - outer * math.cos(a)) for a in angles]
    points += [(x + inner * math.sin(a), y - inner * math.cos(a)) for a in reversed(angles)]
    pygame.draw.polygon(surface, colour, points)
    pygame.draw.aalines(surface, colour, False, points[: steps + 1])
