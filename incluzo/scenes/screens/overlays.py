"""Screens on top of a scene: help (H, F1), pause (P), the Esc menu, a yes/no question, the map (M), a card's
notes for the facilitator (N)."""

from __future__ import annotations

from collections.abc import Sequence

import pygame
from msgspec.structs import replace

from incluzo.engine.play.moves import trail_arrows
from incluzo.engine.play.views import MapView
from incluzo.i18n import catalog_for
from incluzo.persistence import folder_text
from incluzo.scenes.actions import Action, Close, Turn
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, Scene, Target, heading_item
from incluzo.scenes.kit.bindings import (
    GROUP_HELP,
    MENU_HELP,
    MENU_HOME,
    MENU_PHONES,
    MENU_QUIT,
    MENU_RESUME,
    NO,
    YES,
    Binding,
    Request,
    keymap,
)
from incluzo.scenes.kit.input import Click, Input
from incluzo.scenes.kit.mapinfo import legend, prefixed, profile_rows
from incluzo.scenes.kit.mapmarks import Marks
from incluzo.scenes.kit.quadmap import Kite, QuadrantMap, exact
from incluzo.scenes.kit.text import Flow, Style, draw_lines, line_height, render, width_of, wrap
from incluzo.scenes.screens.briefing import map_axes

PANEL_WIDTH_SCALE = 34  # widest dialog panel in body units
PAUSE_SCALE = 3.0  # the word 'Pauze' in body units


class Overlay(Scene):
    """A dialog over a shaded scene."""

    close_keys: tuple[str, ...] = ("escape",)

    def panel_rect(self, height: int) -> pygame.Rect:
        m = self.metrics
        width = min(m.width - 2 * m.margin, m.body * PANEL_WIDTH_SCALE)
        rect = pygame.Rect(0, 0, width, min(height, m.height - 2 * m.margin))
        rect.center = (m.width // 2, m.height // 2)
        return rect

    def _key(self, name: str) -> Request | None:
        if name in self.close_keys:
            return Close()
        return super()._key(name)

    def kept(self) -> bool:
        """Only the first overlay keeps a still layer: the app names the shaded scene it stands on."""
        return self.layered and self.beneath is not None

    def paint(self, surface: pygame.Surface) -> None:
        """The app has shaded the scene behind; a dialog draws only itself."""


class ButtonsOverlay(Overlay):
    """A title, a text and a column of buttons with keys (the Esc menu, a yes/no question)."""

    def __init__(
        self,
        ctx: Context,
        title: str,
        text: str,
        options: Sequence[Binding],
        name: str,
        *,
        enter: Action | None = None,
    ) -> None:
        super().__init__(ctx)
        self.title, self.text, self.options, self.name = title, text, list(options), name
        self.enter = enter

    def layout(self) -> None:
        m, s = self.metrics, self.styles
        width = self.panel_rect(0).width - 2 * m.margin
        self.title_lines = wrap(self.title, s["title"], width, self.ctx.lang)
        self.text_lines = wrap(self.text, s["body"], width, self.ctx.lang) if self.text else []
        button = line_height(s["strong"]) + 2 * m.pad
        height = (
            len(self.title_lines) * line_height(s["title"])
            + len(self.text_lines) * line_height(s["body"])
            + len(self.options) * (button + m.gap)
            + 2 * m.margin
            + m.gap
        )
        self.box = self.panel_rect(height)
        y = self.box.bottom - m.margin - len(self.options) * (button + m.gap) + m.gap
        self.targets = []
        for option in self.options:
            rect = pygame.Rect(self.box.x + m.margin, y, self.box.width - 2 * m.margin, button)
            self.targets.append(Target(f"option-{option.keys[0]}", rect, option.action))
            y += button + m.gap

    def keys(self) -> dict[str, Request]:
        return keymap(self.options)

    def _key(self, name: str) -> Request | None:
        if name in ("return", "space") and self.enter is not None:
            return self.enter
        return self.keys().get(name) or (Close() if name in self.close_keys else None)

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        m, s = self.metrics, self.styles
        widgets.panel(surface, self.box, m, theme.PANEL)
        y = self.box.y + m.margin
        y += draw_lines(surface, self.title_lines, s["title"], self.box.x + m.margin, y)
        draw_lines(surface, self.text_lines, s["body"], self.box.x + m.margin, y + m.gap)
        for option, target in zip(self.options, self.targets, strict=True):
            widgets.panel(surface, target.rect, m, self.fill_for(target.name))
            x = target.rect.x + m.pad
            x += widgets.keycap(surface, option.cap, x, target.rect.centery, m) + m.gap
            image = render(self.say(option.label), s["strong"])
            surface.blit(image, (x, target.rect.centery - image.get_height() // 2))


def menu(ctx: Context, *, in_game: bool, phones: bool = False) -> ButtonsOverlay:
    say = ctx.say
    phones_key = [MENU_PHONES] if phones else []
    options = [MENU_RESUME, MENU_HELP, *phones_key, *([MENU_HOME] if in_game else []), MENU_QUIT]
    return ButtonsOverlay(ctx, say("menu.title"), "", options, "menu", enter=Close())


def confirm(ctx: Context, question: str, text: str, yes: Action) -> ButtonsOverlay:
    language = catalog_for(ctx.lang)
    options = [
        replace(YES, cap=language.yes_key.upper()).to(yes, language.yes_key),
        replace(NO, cap=language.no_key.upper()).to(Close(), language.no_key),
    ]
    return ButtonsOverlay(ctx, question, text, options, "confirm", enter=yes)


class PauseOverlay(Overlay):
    """The whole screen calm and blank but for 'Pauze', so the room can talk."""

    name = "pause"
    close_keys = ("escape", "p", "return", "space")

    def handle(self, event: Input) -> Action | None:
        if isinstance(event, Click):
            return Close()
        return super().handle(event)

    def paint(self, surface: pygame.Surface) -> None:
        m = self.metrics
        surface.fill(theme.BACKGROUND)
        big = Style("bold", m.scaled(PAUSE_SCALE), theme.ACCENT)
        word = render(self.say("pause.title"), big)
        surface.blit(word, word.get_rect(center=(m.width // 2, m.height // 2 - word.get_height() // 2)))
        lines = wrap(self.say("pause.text"), self.styles["body"], m.width - 2 * m.margin, self.ctx.lang)
        draw_lines(
            surface,
            lines,
            self.styles["body"],
            m.margin,
            m.height // 2 + m.margin,
            centre_width=m.width - 2 * m.margin,
        )


class PagedOverlay(Overlay):
    """A panel showing a flow page by page."""

    close_keys: tuple[str, ...] = ("escape",)
    layered = True

    def flow(self, width: int) -> Flow:
        raise NotImplementedError

    def layout(self) -> None:
        m = self.metrics
        self.box = pygame.Rect(m.margin, m.margin, m.width - 2 * m.margin, m.height - 2 * m.margin)
        inner = self.inner()
        self.paged = self.pager(self.flow(inner.width), inner)
        self.targets = [Target("close", self.close_rect(), Close())]

    def inner(self) -> pygame.Rect:
        m = self.metrics
        return pygame.Rect(
            self.box.x + m.margin,
            self.box.y + m.margin,
            self.box.width - 2 * m.margin,
            self.box.height - 2 * m.margin - m.footer,
        )

    def close_rect(self) -> pygame.Rect:
        m = self.metrics
        width = (
            widgets.keycap_width("Esc", m) + width_of(self.say("key.close"), self.styles["body"]) + 2 * m.gap
        )
        return pygame.Rect(
            self.box.right - m.margin - width,
            self.box.bottom - m.margin - m.footer + m.gap,
            width,
            m.footer - m.gap,
        )

    def go_on(self) -> Action | None:
        assert self.paged is not None
        return Turn(1) if self.paged.page < self.paged.count - 1 else Close()

    def covers(self) -> pygame.Rect | None:
        return self.box  # its square panel, opaque

    def paint_target(self, surface: pygame.Surface, target: Target) -> None:
        """The close button (its only target)."""
        m, close = self.metrics, target.rect
        if self.hover == "close":
            pygame.draw.rect(surface, theme.HOVER, close, border_radius=m.radius)
        x = close.x + m.gap // 2
        x += widgets.keycap(surface, "Esc", x, close.centery, m) + m.gap
        image = render(self.say("key.close"), self.styles["body"])
        surface.blit(image, (x, close.centery - image.get_height() // 2))

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        m = self.metrics
        widgets.panel(surface, self.box, m, theme.PANEL, square=True)  # square: a big rounded fill is slow
        assert self.paged is not None
        self.paged.draw(surface)
        close = self.targets[0].rect
        self.paint_target(surface, self.targets[0])
        if self.paged.count > 1:
            label = render(self.page_label() + "  (PgDn)", self.styles["body"])
            surface.blit(label, (self.box.x + m.margin, close.centery - label.get_height() // 2))


class HelpOverlay(PagedOverlay):
    name = "help"
    close_keys = ("escape", "h", "f1")

    def help_keys(self) -> Sequence[Binding]:
        """The keys listed, in order (see bindings.py)."""
        return GROUP_HELP

    def flow(self, width: int) -> Flow:
        m, s, say = self.metrics, self.styles, self.say
        flow = Flow(width, self.ctx.lang)
        flow.text(say("help.title"), s["title"], keep_with_next=True)
        keys = self.help_keys()
        column = max(widgets.keycap_width(b.listed_cap, m) for b in keys) + m.gap
        for binding in keys:

            def paint(surface: pygame.Surface, x: int, y: int, cap: str = binding.listed_cap) -> None:
                widgets.keycap(surface, cap, x, y + line_height(s["body"]) // 2, m)

            prefixed(flow, binding.help_words(say), s["body"], column, paint, space_before=m.gap // 2)
        flow.text(say("help.mouse"), s["muted"], space_before=m.gap)
        flow.text(say("help.meters"), s["muted"], space_before=m.gap // 2)
        flow.text(say(f"help.mode.{self.ctx.mode}"), s["muted"], space_before=m.gap // 2)
        flow.text(say("help.saves", folder=folder_text()), s["muted"], space_before=m.gap // 2)
        return flow


class NotesOverlay(PagedOverlay):
    """A card's notes for the facilitator, shown only when asked (N); N or Esc closes it."""

    name = "notes"
    close_keys = ("escape", "n")

    def __init__(self, ctx: Context, card_title: str, notes: str) -> None:
        self.card_title = card_title
        self.notes = notes
        super().__init__(ctx)

    def flow(self, width: int) -> Flow:
        m, s, say = self.metrics, self.styles, self.say
        flow = Flow(width, self.ctx.lang)
        heading_item(flow, say("notes"), s["title"], 0)
        heading_item(flow, self.card_title, s["heading"], m.gap)
        style = s["body"] if self.notes else s["italic"]
        flow.text(self.notes or say("notes.none"), style, space_before=m.gap)
        return flow


class MapOverlay(PagedOverlay):
    """The quadrant map at full size: start, now, desired and the trail, with the numbers beside it."""

    name = "map"
    close_keys = ("escape", "m")

    def __init__(self, ctx: Context, view: MapView) -> None:
        super().__init__(ctx)
        self.view = view
        self.map = QuadrantMap(view.now, map_axes(view), lang=ctx.lang, backdrop=theme.PANEL)

    def kites(self) -> list[tuple[str, Kite]]:
        say = self.say
        kites = [
            (say("map.start"), Kite(exact(self.view.start), theme.KITE_START, "dashed")),
            (say("map.now"), Kite(exact(self.view.now), theme.KITE_NOW, "solid")),
        ]
        if self.view.desired:
            kites.append((say("map.desired"), Kite(exact(self.view.desired), theme.KITE_DESIRED, "dotted")))
        return kites

    def inner(self) -> pygame.Rect:
        box = super().inner()
        m = self.metrics
        if not m.wide:
            return box
        self.map_box = pygame.Rect(box.x, box.y, min(box.height + 2 * m.body, box.width // 2), box.height)
        return pygame.Rect(
            self.map_box.right + m.margin, box.y, box.right - self.map_box.right - m.margin, box.height
        )

    def layout(self) -> None:
        m = self.metrics
        super().layout()
        if not m.wide:
            assert self.paged is not None
            box = self.paged.box
            self.map_box = pygame.Rect(box.x, box.y, box.width, box.height // 2)
            self.paged = self.pager(
                self.paged.flow,
                pygame.Rect(
                    box.x, box.y + box.height // 2 + m.gap, box.width, box.height - box.height // 2 - m.gap
                ),
            )

    def flow(self, width: int) -> Flow:
        m, s, say, v = self.metrics, self.styles, self.say, self.view
        flow = Flow(width, self.ctx.lang)
        flow.text(say("map.title"), s["title"], keep_with_next=True)
        profile_rows(flow, say, v.start, v.now, "map.now", v.desired, s["body"], m)
        legend(flow, [*self.kites(), (say("map.steps"), Kite((), theme.TRAIL, "solid"))], s["body"], m)
        flow.text(say("map.reading"), s["muted"], space_before=m.gap)
        flow.text(say("map.marker"), s["muted"], space_before=m.gap // 2)
        return flow

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        trail = Marks(trail=trail_arrows(self.view.trail))
        self.map.draw(surface, self.map_box, self.metrics, [k for _, k in self.kites()], marks=trail)
