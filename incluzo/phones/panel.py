"""The phones on the big screen: the join screen (QR code, short address, PIN) and the room in counts.

`PhonesOverlay` is a dialog like the others: it opens when the phones are turned on and from the menu,
and stays up to date while it is up (how many phones joined, per team; how many questionnaires are in;
how many voted in the poll). Only counts are shown, never names. Enter or Esc closes it.

The facilitator's own PIN is not on it: B shows it for DESK_SECONDS (a glance while the projector is
frozen or looked away from), then it hides by itself; the terminal that started the game prints it too.
"""

from __future__ import annotations

import pygame
import segno

from incluzo.phones.hub import PhoneHub
from incluzo.phones.room import BrilOpen
from incluzo.scenes.actions import TogglePhones
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context
from incluzo.scenes.kit.bindings import DESK_PIN, PHONES, ROOM_PROFILE, Request
from incluzo.scenes.kit.text import draw_lines, line_height, render, wrap
from incluzo.scenes.screens.overlays import Overlay
from incluzo.scenes.teams.badge import draw_badge

QUIET = 2  # modules of white around the code (scanners want some)
CODE_SHARE = 0.5  # the code's side as a share of the screen's height, at most
DESK_SECONDS = 10.0  # how long B shows the facilitator's PIN before it hides again


def qr_surface(url: str, size: int) -> pygame.Surface:
    """The QR code of the address, black on white, at most `size` pixels square (whole pixels a module)."""
    code = segno.make(url, error="m", micro=False)
    matrix = list(code.matrix)
    modules = len(matrix) + 2 * QUIET
    scale = max(1, size // modules)
    surface = pygame.Surface((modules * scale, modules * scale))
    surface.fill(theme.WHITE)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                surface.fill((0, 0, 0), ((x + QUIET) * scale, (y + QUIET) * scale, scale, scale))
    return surface


def address(url: str) -> str:
    """The address as people type it: no scheme, no trailing slash."""
    return url.removeprefix("http://").rstrip("/")


class PhonesOverlay(Overlay):
    name = "phones"
    close_keys = ("escape", "return", "space")

    def __init__(self, ctx: Context, hub: PhoneHub) -> None:
        self.hub = hub
        self.cache: tuple[str, int, pygame.Surface] | None = None
        self.shown: tuple[object, ...] = ()
        self.desk_left = 0.0  # seconds the facilitator's PIN stays shown (0: hidden)
        super().__init__(ctx)

    def _key(self, name: str) -> Request | None:
        if name in PHONES.keys:
            return TogglePhones()
        if name in DESK_PIN.keys:
            self.desk_left = 0.0 if self.desk_left else DESK_SECONDS
            self.dirty = True
            return None
        if name in ROOM_PROFILE.keys and self.hub.bril_open():
            return self.hub.profiles()  # the profile screen, from every sheet sent (none yet: nothing)
        return super()._key(name)

    def qr(self, size: int) -> pygame.Surface:
        if self.cache is None or self.cache[:2] != (self.hub.url, size):
            self.cache = (self.hub.url, size, qr_surface(self.hub.url, size))
        return self.cache[2]

    def counts(self) -> list[str]:
        """The room in numbers: phones joined, questionnaires in, poll votes."""
        hub, say = self.hub, self.say
        lines = [say("phones.joined", count=hub.devices())]
        if isinstance(hub.room.stage, BrilOpen):
            lines.append(say("phones.finished", count=hub.finished(), devices=hub.devices()))
            if hub.finished():
                lines.append(say("phones.profile_key", count=hub.finished()))
        counts = hub.room.counts()
        if counts is not None:
            lines.append(say("phones.voted", count=sum(counts)))
        return lines

    def update(self, dt: float) -> bool:
        """Redraw when the room's counts changed (the hub tells the app; this keeps the dialog current),
        and hide the facilitator's PIN when its time is up."""
        if self.desk_left:
            self.desk_left = max(0.0, self.desk_left - dt)
            self.dirty = self.dirty or not self.desk_left
        now = (tuple(self.counts()), self.hub.joined())
        if now != self.shown:
            self.shown = now
            self.dirty = True
        return bool(self.desk_left)

    def hint(self) -> str:
        """The dialog's last line: how to go on, and the key for the facilitator's PIN (or that PIN)."""
        if self.desk_left:
            return self.say("phones.desk_shown", pin=self.hub.desk_pin)
        return self.say("phones.close") + " " + self.say("phones.desk_key")

    def paint(self, surface: pygame.Surface) -> None:
        m, s, say, lang = self.metrics, self.styles, self.say, self.ctx.lang
        code = round(min(m.height * CODE_SHARE, m.width * 0.4))
        width = min(m.width - 2 * m.margin, code * 2 + 3 * m.pad)
        text_width = width - code - 3 * m.pad
        blocks: list[tuple[list[str], str]] = [
            (wrap(say("phones.title"), s["heading"], text_width, lang), "heading"),
            (wrap(address(self.hub.url), s["strong"], text_width, lang), "strong"),
            (wrap(say("phones.pin", pin=self.hub.pin), s["title"], text_width, lang), "title"),
            *((wrap(line, s["body"], text_width, lang), "body") for line in self.counts()),
        ]
        close = wrap(self.hint(), s["accent" if self.desk_left else "muted"], text_width, lang)
        teams = self.hub.joined()
        text_height = sum(len(lines) * line_height(s[style]) for lines, style in blocks)
        text_height += (len(teams) + len(close)) * line_height(s["body"]) + 2 * m.gap
        box = self.panel_rect(max(code, text_height) + 2 * m.pad)
        box.width = width
        box.centerx = m.width // 2
        widgets.panel(surface, box, m, theme.PANEL, theme.BORDER)
        image = self.qr(min(code, box.height - 2 * m.pad))
        surface.blit(image, (box.x + m.pad, box.y + m.pad))
        x, y = box.x + 2 * m.pad + code, box.y + m.pad
        for lines, style in blocks:
            y += draw_lines(surface, lines, s[style], x, y)
        y += m.gap
        for badge, count in teams:
            centre = y + line_height(s["body"]) // 2
            used = draw_badge(surface, badge, x, centre, m)
            label = render(say("phones.team", name=badge.name, count=count), s["body"])
            surface.blit(label, (x + used + m.gap // 2, centre - label.get_height() // 2))
            y += line_height(s["body"])
        draw_lines(surface, close, s["accent" if self.desk_left else "muted"], x, y + m.gap)
