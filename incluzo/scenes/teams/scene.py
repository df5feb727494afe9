"""What every team screen shares: the facilitator bar above the footer, the team keys, a look-back banner.

The facilitator bar lists the controls of the screen as keys with a word each; it takes a second row
when one row is not wide enough, and the content above it shrinks to match, so nothing overlaps.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, Scene, Target
from incluzo.scenes.kit.bindings import (
    TEAM_BACK,
    TEAM_BACK_MORE,
    TEAM_GLOBAL,
    TEAM_NOW,
    Binding,
    FooterKey,
    Request,
)
from incluzo.scenes.kit.text import (
    Flow,
    Item,
    Style,
    draw_lines,
    draw_page,
    line_height,
    render,
    width_of,
    wrap,
)
from incluzo.scenes.kit.theme import Colour, Metrics
from incluzo.scenes.teams.actions import BackToNow

NUMBER_NAMES = {f"[{n}]": str(n) for n in range(10)}


def key_name(name: str) -> str:
    """A key's name with the keypad's digits, plus and minus read as the main ones."""
    return {**NUMBER_NAMES, "[+]": "+", "[-]": "-", "=": "+", "keypad plus": "+"}.get(name, name)


def fit_lines(text: str, style: Style, width: int, lang: str, most: int) -> list[str]:
    """`text` wrapped to `width` in at most `most` lines; a longer text ends its last line with '...'."""
    lines = wrap(text, style, width, lang)
    if len(lines) <= most:
        return lines
    last = " ".join(lines[most - 1 :])
    while last and width_of(last + "\u2026", style) > width:
        last = last[:-1]
    return [*lines[: most - 1], last.rstrip() + "\u2026"]


STRIPE_SCALE = 0.3  # a team block's colour band in body units
MIN_BLOCK = 11  # body units: the narrowest team block beside another


def block_columns(width: int, count: int, metrics: Metrics) -> int:
    """How many team blocks stand side by side in `width`: as many as fit, spread evenly over the rows
    (six teams where four fit: two rows of three)."""
    fits = max(1, min(count, (width + metrics.gap) // (metrics.body * MIN_BLOCK + metrics.gap)))
    rows = -(-count // fits)
    return -(-count // rows)


def block_width(width: int, columns: int, metrics: Metrics) -> int:
    return (width - (columns - 1) * metrics.gap) // columns


def block_row(
    blocks: Sequence[tuple[Colour, Flow]], width: int, metrics: Metrics, *, space_before: int
) -> Item:
    """Team blocks side by side as one flow item: each a panel with a band in the team's colour on top
    and its own flow inside (built `block_width` minus two pads wide)."""
    pad = metrics.pad
    stripe = metrics.scaled(STRIPE_SCALE)
    height = max(flow.height for _, flow in blocks) + 2 * pad + stripe

    def paint(surface: pygame.Surface, x: int, y: int) -> None:
        for index, (colour, flow) in enumerate(blocks):
            left = x + index * (width + metrics.gap)
            rect = pygame.Rect(left, y, width, height)
            widgets.panel(surface, rect, metrics, theme.PANEL)
            band = pygame.Rect(left, y, width, stripe)
            pygame.draw.rect(
                surface,
                colour,
                band,
                border_radius=metrics.radius,
                border_bottom_left_radius=0,
                border_bottom_right_radius=0,
            )
            for page in flow.pages(flow.height + 1)[:1]:
                draw_page(surface, page, left + pad, y + stripe + pad)

    words = " | ".join(" ".join(item.text for item in flow.items if item.text) for _, flow in blocks)
    return Item(height, paint, space_before, text=words)


class TeamScene(Scene):
    """Base of the team screens (not the set-up)."""

    map_key = True

    def __init__(self, ctx: Context, *, review: bool = False) -> None:
        super().__init__(ctx)
        self.review = review  # a look back at an earlier screen: nothing can be changed here
        self.bar_rows: list[list[tuple[FooterKey, pygame.Rect]]] = []

    # The facilitator bar -------------------------------------------------------------------------
    def controls(self) -> list[Binding]:
        """The facilitator's controls on this screen (the bar shows them in this order)."""
        return []

    def review_controls(self) -> list[Binding]:
        return [TEAM_BACK_MORE, TEAM_NOW]

    def bar_bindings(self) -> list[Binding]:
        return self.review_controls() if self.review else self.controls()

    def bar_keys(self) -> list[FooterKey]:
        """The bar on the room's screen: only in a look back (it says how to get back); the facilitator's
        controls are in the presenter view (F2, --presenter) and the help, never projected unasked."""
        return [binding.footer_key(self.say) for binding in self.bar_bindings()] if self.review else []

    def desk_keys(self) -> list[Binding]:
        return [*self.bar_bindings(), *(b for b in super().desk_keys() if b not in self.bar_bindings())]

    def _control_width(self, key: FooterKey) -> int:
        m = self.metrics
        return widgets.keycap_width(key.key, m) + m.gap + width_of(key.label, self.styles["body"]) + m.pad

    def _bar_row_height(self) -> int:
        return self.metrics.footer

    def layout_bar(self) -> None:
        """Place the controls in rows from the left; a control that does not fit starts a new row."""
        m = self.metrics
        keys = self.bar_keys()
        rows: list[list[FooterKey]] = []
        room = m.width - 2 * m.margin
        for key in keys:
            width = self._control_width(key)
            if rows and sum(self._control_width(k) + m.gap for k in rows[-1]) + width <= room:
                rows[-1].append(key)
            else:
                rows.append([key])
        height = self._bar_row_height()
        top = m.height - m.footer - len(rows) * height
        self.bar_rows = []
        for number, row in enumerate(rows):
            x = m.margin
            placed = []
            for key in row:
                rect = pygame.Rect(x, top + number * height, self._control_width(key), height)
                placed.append((key, rect))
                self.targets.append(Target(key.name, rect, key.action))
                x += rect.width + m.gap
            self.bar_rows.append(placed)

    @property
    def bar_height(self) -> int:
        rows = max(1, len(self.bar_rows)) if self.bar_keys() else 0
        return rows * self._bar_row_height()

    @property
    def content(self) -> pygame.Rect:
        area = super().content
        if self.review:
            area = pygame.Rect(
                area.x, area.y + self.banner_height, area.width, area.height - self.banner_height
            )
        return pygame.Rect(area.x, area.y, area.width, area.height - self.bar_height)

    @property
    def banner_height(self) -> int:
        return line_height(self.styles["strong"]) + self.metrics.pad

    def relayout(self) -> None:
        self.targets = []
        self.bar_rows = []
        self.layout_bar()  # first: the content's height depends on the bar's rows
        bar = list(self.targets)
        self.targets = []
        self.layout()
        self.targets = bar + self.targets
        self.repaint()

    def draw_bar(self, surface: pygame.Surface) -> None:
        if not self.bar_rows:
            return
        self._bar_band(surface)
        for row in self.bar_rows:
            for key, rect in row:
                self._bar_button(surface, key, rect)

    def _bar_band(self, surface: pygame.Surface) -> None:
        m = self.metrics
        band = pygame.Rect(0, self.bar_rows[0][0][1].y, m.width, self.bar_height)
        pygame.draw.rect(surface, theme.PANEL, band)
        pygame.draw.line(surface, theme.BORDER, band.topleft, band.topright, m.stroke)

    def _bar_button(self, surface: pygame.Surface, key: FooterKey, rect: pygame.Rect) -> None:
        m = self.metrics
        if self.hover == key.name:
            pygame.draw.rect(surface, theme.HOVER, rect, border_radius=m.radius)
        x = rect.x + m.pad // 2
        x += widgets.keycap(surface, key.key, x, rect.centery, m) + m.gap
        image = render(key.label, self.styles["body"])
        surface.blit(image, (x, rect.centery - image.get_height() // 2))

    def paint_target(self, surface: pygame.Surface, target: Target) -> None:
        """A control of the bar (as the footer's buttons: on the band, clipped to it), else the base's."""
        placed = next(((k, r) for row in self.bar_rows for k, r in row if k.name == target.name), None)
        if placed is None:
            super().paint_target(surface, target)
            return
        clip = surface.get_clip()
        surface.set_clip(placed[1])
        self._bar_band(surface)
        self._bar_button(surface, *placed)
        surface.set_clip(clip)

    def draw_banner(self, surface: pygame.Surface) -> None:
        """In a look back: say so above the content, so nobody mistakes it for the game as it stands."""
        if not self.review:
            return
        m = self.metrics
        area = super().content
        box = pygame.Rect(area.x, area.y - m.pad // 2, area.width, self.banner_height)
        pygame.draw.rect(surface, theme.HOVER, box, border_radius=m.radius)
        text = wrap(self.say("team.review"), self.styles["strong"], box.width - 2 * m.pad, self.ctx.lang)[:1]
        draw_lines(surface, text, self.styles["strong"], box.x + m.pad, box.y + m.pad // 2)

    def draw_team_header(
        self, surface: pygame.Surface, left: str, right: str = "", warning: bool = False, *, reserve: int = 0
    ) -> None:
        """The top bar: a text on the left, a short status on the right; `reserve` keeps that much of
        the right end free (the countdown ring stands there)."""
        m = self.metrics
        bar = pygame.Rect(0, 0, m.width, m.header)
        pygame.draw.line(surface, theme.BORDER, bar.bottomleft, bar.bottomright, m.stroke)
        room = m.width - 2 * m.margin - reserve
        if right:
            image = render(right, self.styles["warning" if warning else "heading"])
            surface.blit(
                image, (m.width - m.margin - image.get_width(), bar.centery - image.get_height() // 2)
            )
            room -= image.get_width() + m.margin
        style = self.styles["strong"]
        lines = wrap(left, style, room, self.ctx.lang)
        text = lines[0] + ("\u2026" if len(lines) > 1 else "")
        image = render(text, style)
        surface.blit(image, (m.margin, bar.centery - image.get_height() // 2))

    # Keys -----------------------------------------------------------------------------------------
    def global_bindings(self) -> tuple[Binding, ...]:
        return TEAM_GLOBAL

    def footer_keys(self) -> list[FooterKey]:
        """The footer has the keys every team screen has; this screen's own are in the bar above it."""
        return [binding.footer_key(self.say) for binding in self.global_bindings() if binding.label]

    def team_bindings(self) -> list[Binding]:
        """This screen's keys besides its bar's (digits, letters); they win over the bar's."""
        return []

    def bindings(self) -> list[Binding]:
        if self.review:
            return [TEAM_BACK]
        return [*self.team_bindings(), *self.controls()]

    def _mains(self) -> list[FooterKey]:
        """A look back has no main button: Enter goes back to now (the bar says so)."""
        return [] if self.review else super()._mains()

    def _key(self, name: str) -> Request | None:
        name = key_name(name)
        if self.review and name in ("return", "space"):
            return BackToNow()
        return super()._key(name)
