"""Small drawing pieces shared by the scenes: panels, badges, meter icons, cost chips, keycaps.

A meter is told apart by its letter and its shape (circle, square, diamond), never by colour; a
cost is an icon with a signed number.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import pygame
from msgspec import Struct

from incluzo.engine.play.views import Amount, ChoiceView, MeterView
from incluzo.i18n import Messages
from incluzo.scenes.kit import theme
from incluzo.scenes.kit.text import Item, Style, line_height, render, width_of
from incluzo.scenes.kit.theme import Colour, Metrics

MINUS = "\u2212"
ICON_SCALE = 1.4  # meter icon size in body units
BADGE_SCALE = 1.6  # letter badge size in body units
BAR_SCALE = 0.3  # meter bar (pips) thickness in body units
CHIP_GAP_SCALE = 0.3  # space between an icon and its number
CHIPS_GAP_SCALE = 0.8  # space between two chips
KEYCAP_PAD_SCALE = 0.25


def shortfall_text(choice: ChoiceView, say: Messages) -> str:
    """Why a choice cannot be paid, in words: 'te weinig betaalbaarheid: 3 nodig, 2 over'; '' when it can."""
    return "; ".join(
        say("shortfall", meter=s.meter.lower(), needed=s.needed, left=s.left) for s in choice.shortfalls
    )


PREVIEW_JOIN = " · "


def preview_items(choice: ChoiceView, say: Messages) -> list[str]:
    """What the choice leaves of each meter it costs: ['Kwaliteit 7 naar 4', 'Betaalbaarheid 5 naar 3']."""
    return [
        say("card.leaves", name=c.name, before=c.before, after=signed_level(c.after)) for c in choice.leaves
    ]


def preview_text(choice: ChoiceView, say: Messages) -> str:
    """The preview on one line: 'Kwaliteit 7 naar 4 · Betaalbaarheid 5 naar 3'."""
    return PREVIEW_JOIN.join(preview_items(choice, say))


def packed(items: Sequence[str], style: Style, width: int) -> list[str]:
    """Items joined with ' · ' into as few lines as fit `width`, never splitting one across lines
    unless it alone is too wide (then the caller wraps that line)."""
    lines: list[str] = []
    for item in items:
        joined = f"{lines[-1]}{PREVIEW_JOIN}{item}" if lines else item
        if lines and width_of(joined, style) <= width:
            lines[-1] = joined
        else:
            lines.append(item)
    return lines


def empties_text(choice: ChoiceView, say: Messages) -> str:
    """The warning that a choice uses a meter up: 'Daarna is kwaliteit op'; '' when it does not."""
    if not choice.empties:
        return ""
    return say("card.empties", meters=listed([name.lower() for name in choice.empties], say))


def listed(words: Sequence[str], say: Messages) -> str:
    """'a', 'a en b', 'a, b en c' in the UI language."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])}{say('list.and')}{words[-1]}"


def signed_level(number: int) -> str:
    """A level with a real minus sign when below zero."""
    return f"{MINUS}{-number}" if number < 0 else str(number)


def signed(number: int) -> str:
    """A change as text with a real minus sign: '+1', '−3', '0'."""
    if number > 0:
        return f"+{number}"
    return f"{MINUS}{-number}" if number < 0 else "0"


def panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    metrics: Metrics,
    fill: Colour,
    border: Colour | None = theme.BORDER,
    *,
    square: bool = False,
) -> None:
    radius = 0 if square else metrics.radius
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if border is not None:
        pygame.draw.rect(surface, border, rect, metrics.stroke, border_radius=radius)


@cache
def styles(metrics: Metrics) -> dict[str, Style]:
    """The text styles of one window size, made once per size (shared: never changed)."""
    body, heading, title = metrics.body, metrics.heading, metrics.title
    return {
        "title": Style("bold", title, theme.ACCENT),
        "heading": Style("bold", heading, theme.INK),
        "body": Style("regular", body, theme.INK),
        "strong": Style("bold", body, theme.INK),
        "muted": Style("regular", body, theme.MUTED),
        "italic": Style("italic", body, theme.INK),
        "warning": Style("bold", body, theme.WARNING),
        "disabled": Style("regular", body, theme.DISABLED_INK),
        "badge": Style("bold", body, theme.ON_ACCENT),
        "icon": Style("bold", body, theme.WHITE),
        "accent": Style("bold", body, theme.ACCENT),
    }


def icon_size(metrics: Metrics) -> int:
    return metrics.scaled(ICON_SCALE)


def meter_icon(
    surface: pygame.Surface, index: int, symbol: str, centre: tuple[int, int], metrics: Metrics
) -> None:
    """The meter's shape (circle, square, diamond by its place) with its letter."""
    size = icon_size(metrics)
    half = size // 2
    x, y = centre
    shape = index % 3
    if shape == 0:
        pygame.draw.circle(surface, theme.BAR_FILL, centre, half)
    elif shape == 1:
        pygame.draw.rect(
            surface,
            theme.BAR_FILL,
            pygame.Rect(x - half, y - half, size, size),
            border_radius=metrics.radius // 2,
        )
    else:
        pygame.draw.polygon(
            surface, theme.BAR_FILL, [(x, y - half), (x + half, y), (x, y + half), (x - half, y)]
        )
    letter = render(symbol, styles(metrics)["icon"])
    surface.blit(letter, letter.get_rect(center=centre))


def chip_text(amount: Amount, *, as_cost: bool) -> str:
    return signed(-amount.amount) if as_cost else str(amount.amount)


def chips(
    surface: pygame.Surface,
    amounts: Sequence[Amount],
    meter_order: Sequence[str],
    x: int,
    y: int,
    style: Style,
    metrics: Metrics,
    *,
    as_cost: bool = True,
) -> int:
    """Draw each amount as the meter's icon and a number: a cost as the change it makes ('−3'),
    a level as it is ('7'). Returns the width used."""
    size = icon_size(metrics)
    gap = metrics.scaled(CHIP_GAP_SCALE)
    spacing = metrics.scaled(CHIPS_GAP_SCALE)
    left = x
    for amount in amounts:
        meter_icon(
            surface, meter_order.index(amount.id), amount.symbol, (left + size // 2, y + size // 2), metrics
        )
        image = render(chip_text(amount, as_cost=as_cost), style)
        surface.blit(image, (left + size + gap, y + (size - image.get_height()) // 2))
        left += size + gap + image.get_width() + spacing
    return left - x - spacing if amounts else 0


def chips_width(amounts: Sequence[Amount], metrics: Metrics, style: Style, *, as_cost: bool = False) -> int:
    """How wide `chips` draws these amounts."""
    size = icon_size(metrics)
    gap = metrics.scaled(CHIP_GAP_SCALE)
    spacing = metrics.scaled(CHIPS_GAP_SCALE)
    widths = [size + gap + width_of(chip_text(a, as_cost=as_cost), style) for a in amounts]
    return sum(widths) + spacing * max(0, len(widths) - 1)


def chips_item(
    amounts: Sequence[Amount],
    meter_order: Sequence[str],
    style: Style,
    metrics: Metrics,
    *,
    indent: int = 0,
    space_before: int = 0,
    as_cost: bool = True,
) -> Item:
    """A row of chips as one item of a flow."""

    def paint(surface: pygame.Surface, x: int, y: int) -> None:
        chips(surface, amounts, meter_order, x + indent, y, style, metrics, as_cost=as_cost)

    words = ", ".join(f"{a.name} {chip_text(a, as_cost=as_cost)}" for a in amounts)
    return Item(icon_size(metrics), paint, space_before, text=words)


def letter_badge(
    surface: pygame.Surface, letter: str, topleft: tuple[int, int], metrics: Metrics, *, enabled: bool = True
) -> int:
    """The A-D badge of a choice; returns its size."""
    size = metrics.scaled(BADGE_SCALE)
    rect = pygame.Rect(topleft, (size, size))
    fill = theme.ACCENT if enabled else theme.DISABLED_INK
    pygame.draw.rect(surface, fill, rect, border_radius=metrics.radius)
    image = render(
        letter, Style("bold", metrics.heading, theme.ON_ACCENT if enabled else theme.DISABLED_PANEL)
    )
    surface.blit(image, image.get_rect(center=rect.center))
    return size


def badge_size(metrics: Metrics) -> int:
    return metrics.scaled(BADGE_SCALE)


def tag_item(text: str, fill: Colour, ink: Colour, metrics: Metrics, *, space_before: int = 0) -> Item:
    """A word on a coloured plate (affirmatief / transformatief) as a flow item."""
    style = Style("bold", metrics.body, ink)
    height = line_height(style) + metrics.pad

    def paint(surface: pygame.Surface, x: int, y: int) -> None:
        image = render(text, style)
        rect = pygame.Rect(x, y, image.get_width() + 2 * metrics.pad, height)
        pygame.draw.rect(surface, fill, rect, border_radius=metrics.radius)
        surface.blit(image, image.get_rect(center=rect.center))

    return Item(height, paint, space_before, text=text)


def recognition_colours(recognition: str) -> tuple[Colour, Colour]:
    if recognition == "transformatief":
        return theme.TRANSFORMATIVE_PANEL, theme.TRANSFORMATIVE_INK
    return theme.AFFIRMATIVE_PANEL, theme.AFFIRMATIVE_INK


def keycap(surface: pygame.Surface, key: str, x: int, centre_y: int, metrics: Metrics) -> int:
    """A key name in a small key outline; returns its width."""
    style = styles(metrics)["strong"]
    image = render(key, style)
    pad = metrics.scaled(KEYCAP_PAD_SCALE)
    rect = pygame.Rect(x, 0, image.get_width() + 2 * pad, image.get_height())
    rect.centery = centre_y
    panel(surface, rect, metrics, theme.PANEL)
    surface.blit(image, image.get_rect(center=rect.center))
    return rect.width


def keycap_width(key: str, metrics: Metrics) -> int:
    return width_of(key, styles(metrics)["strong"]) + 2 * metrics.scaled(KEYCAP_PAD_SCALE)


class MeterShown(Struct, frozen=True):
    """A meter as drawn: its view and the value shown now (between old and new while animating)."""

    view: MeterView
    shown: float
    top: int


def meter_colour(meter: MeterView, value: float | None = None) -> Colour:
    """Dark while there is enough, amber when low, red at 0 (of the value shown, while animating)."""
    level = meter.value if value is None else round(value)
    shown = MeterView(meter.id, meter.name, meter.symbol, level, meter.start)
    return theme.BAR_EMPTY if shown.empty else theme.BAR_LOW if shown.low else theme.BAR_FILL


def meter_bar(
    surface: pygame.Surface, rect: pygame.Rect, value: float, meter: MeterView, scale: int | None = None
) -> None:
    """The meter as a row of pips against its start level (a bar when the pips would be too small):
    filled up to `value`, amber when low; at 0 an empty track with a red outline."""
    scale = scale or meter.scale
    colour = meter_colour(meter, value)
    share = max(0.0, min(1.0, value / scale))
    gap = max(1, rect.height // 3)
    pip = (rect.width - gap * (scale - 1)) / scale
    if pip < rect.height:  # too many to tell apart: one bar
        pygame.draw.rect(surface, theme.BAR_TRACK, rect)
        filled = rect.copy()
        filled.width = round(rect.width * share)
        pygame.draw.rect(surface, colour, filled)
    else:
        for index in range(scale):
            left = round(rect.x + index * (pip + gap))
            right = round(rect.x + index * (pip + gap) + pip)
            box = pygame.Rect(left, rect.y, right - left, rect.height)
            fill = index + 1 <= value + 0.5
            pygame.draw.rect(surface, colour if fill else theme.BAR_TRACK, box)
    if round(value) <= 0:
        pygame.draw.rect(surface, theme.BAR_EMPTY, rect.inflate(2, 2), max(1, rect.height // 4))


def bar_thickness(metrics: Metrics) -> int:
    return max(theme.MIN_STROKE, metrics.scaled(BAR_SCALE))
