"""The phones on the big screen: the QR code, the short address and the PIN, and the room in counts.

Before play (the start, set-up and briefing screens, and the questionnaire) a panel on the right shows
the QR code large; during play one line in the top corner keeps the address, the PIN and the counts in
sight. Only counts are shown: per team how many phones joined, how many sheets are in, never names.
"""

from __future__ import annotations

import pygame
import segno

from incluzo.i18n import Messages
from incluzo.phones.hub import PhoneHub
from incluzo.phones.room import BrilOpen, Lobby
from incluzo.scenes import theme, widgets
from incluzo.scenes.teambadge import draw_badge
from incluzo.scenes.text import draw_lines, line_height, render, width_of, wrap
from incluzo.scenes.theme import Metrics

PANEL_SHARE = 0.27  # the full panel's width as a share of the screen
QUIET = 2  # modules of white around the code (scanners want some)


def qr_surface(url: str, size: int) -> pygame.Surface:
    """The QR code of the address, black on white, `size` pixels square (whole pixels per module)."""
    code = segno.make(url, error="m", micro=False)
    matrix = list(code.matrix)
    modules = len(matrix) + 2 * QUIET
    scale = max(1, size // modules)
    surface = pygame.Surface((modules * scale, modules * scale))
    surface.fill(theme.WHITE)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                rect = ((x + QUIET) * scale, (y + QUIET) * scale, scale, scale)
                surface.fill((0, 0, 0), rect)
    return surface


class PhonePanel:
    """Draws the hub's state; the QR code is made once per address and size."""

    def __init__(self, hub: PhoneHub) -> None:
        self.hub = hub
        self.cache: tuple[str, int, pygame.Surface] | None = None

    def qr(self, size: int) -> pygame.Surface:
        if self.cache is None or self.cache[:2] != (self.hub.url, size):
            self.cache = (self.hub.url, size, qr_surface(self.hub.url, size))
        return self.cache[2]

    def full(self) -> bool:
        return isinstance(self.hub.room.stage, Lobby | BrilOpen)

    def lines(self, say: Messages) -> list[str]:
        hub = self.hub
        lines = [say("phones.joined", count=hub.devices())]
        if isinstance(hub.room.stage, BrilOpen):
            lines.append(say("phones.finished", count=hub.finished(), devices=hub.devices()))
        counts = hub.room.counts()
        if counts is not None:
            lines.append(say("phones.voted", count=sum(counts)))
        return lines

    def draw(self, surface: pygame.Surface, metrics: Metrics, say: Messages) -> None:
        if self.full():
            self._draw_full(surface, metrics, say)
        else:
            self._draw_line(surface, metrics, say)

    def _draw_full(self, surface: pygame.Surface, m: Metrics, say: Messages) -> None:
        s = widgets.styles(m)
        width = round(m.width * PANEL_SHARE)
        inner = width - 2 * m.pad
        address = self.hub.url.removeprefix("http://").rstrip("/")
        text: list[tuple[list[str], str]] = [
            (wrap(say("phones.title"), s["heading"], inner, say.lang), "heading"),
            (wrap(address, s["strong"], inner, say.lang), "strong"),
            (wrap(say("phones.pin", pin=self.hub.pin), s["accent"], inner, say.lang), "accent"),
        ]
        text += [(wrap(line, s["body"], inner, say.lang), "body") for line in self.lines(say)]
        teams = self.hub.joined()
        text_height = sum(len(lines) * line_height(s[style]) for lines, style in text)
        rows = len(teams) * line_height(s["body"])
        room = m.height - m.header - m.footer - 2 * m.margin
        code = max(0, min(inner, room - text_height - rows - 3 * m.pad))
        height = min(room, code + text_height + rows + 3 * m.pad)
        box = pygame.Rect(m.width - width - m.margin, m.header + m.margin, width, height)
        widgets.panel(surface, box, m, theme.PANEL, theme.BORDER)
        y = box.y + m.pad
        for lines, style in text[:1]:
            y += draw_lines(surface, lines, s[style], box.x + m.pad, y)
        if code >= m.body * 4:
            image = self.qr(code)
            surface.blit(image, (box.centerx - image.get_width() // 2, y))
            y += image.get_height() + m.pad // 2
        for lines, style in text[1:]:
            y += draw_lines(surface, lines, s[style], box.x + m.pad, y)
        for badge, count in teams:
            centre = y + line_height(s["body"]) // 2
            x = box.x + m.pad + draw_badge(surface, badge, box.x + m.pad, centre, m) + m.gap // 2
            label = render(say("phones.team", name=badge.name, count=count), s["body"])
            surface.blit(label, (x, centre - label.get_height() // 2))
            y += line_height(s["body"])

    def _draw_line(self, surface: pygame.Surface, m: Metrics, say: Messages) -> None:
        style = widgets.styles(m)["muted"]
        address = self.hub.url.removeprefix("http://").rstrip("/")
        line = " \u00b7 ".join([address, say("phones.pin", pin=self.hub.pin), *self.lines(say)])
        width = width_of(line, style) + 2 * m.pad
        box = pygame.Rect(
            m.width - width - m.margin,
            m.height - m.footer - m.margin - line_height(style),
            width,
            line_height(style),
        )
        widgets.panel(surface, box.inflate(0, m.pad // 2), m, theme.PANEL, None)
        surface.blit(render(line, style), (box.x + m.pad, box.y))
