"""The presenter view: what the facilitator sees and the room does not (as a slide deck's presenter view).

The room's screen (the projector) shows the game; the presenter view shows the card on screen with its
notes, where each choice leads, the countdown, the facilitator's keys (each one a button) and a small
picture of what the room sees now. It is a scene like any other, drawn on the surface it is given: a
second window's (`incluzo play --presenter`), a PNG's (headless), or the main window's as an overlay
(F2, one screen). It reads the game's `DeskView` and the room's scene; it changes nothing itself.
"""

from __future__ import annotations

import math

import pygame

from incluzo.engine.play.desk import DeskView
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, Scene, Target, heading_item
from incluzo.scenes.kit.bindings import PRESENTER, Binding, Local
from incluzo.scenes.kit.mapinfo import prefixed
from incluzo.scenes.kit.text import Flow, draw_page, render
from incluzo.scenes.kit.theme import Metrics

DESK_SHARE = 42  # read at arm's length, not across a room: body text 1/42 of the height (the room's is 1/30)
KEYS_SHARE = 0.4  # the keys column's share of the width on a wide window


class DeskMetrics(Metrics, frozen=True):
    """The presenter view's sizes: smaller text than the room's screen, so the keys and notes fit."""

    @property
    def body(self) -> int:
        return math.ceil(self.height / DESK_SHARE)


class PresenterScene(Scene):
    """The facilitator's screen beside the room's (`room`: the scene the room sees now)."""

    name = "presenter"
    map_key = False

    def __init__(
        self,
        ctx: Context,
        room: Scene,
        desk: DeskView,
        *,
        picture: pygame.Surface | None = None,
        overlay: bool = False,
        desk_pin: str = "",
    ) -> None:
        super().__init__(ctx)
        self.room, self.desk, self.picture = room, desk, picture
        self.desk_pin = desk_pin  # the phones' facilitator PIN and address: only on a screen of its own
        self.overlay = overlay  # drawn over the room's screen (one screen): F2 closes it

    # Content ------------------------------------------------------------------------------------
    def facilitator_keys(self) -> list[Binding]:
        """The room's screen's keys with their words, the facilitator's first, each listed once."""
        keys: dict[tuple[str, str], Binding] = {}
        for binding in self.room.desk_keys():
            if binding.help or binding.label:
                keys.setdefault((binding.cap, self.words(binding)), binding)
        return list(keys.values())

    def clock(self) -> tuple[str, bool]:
        return self.room.timer_text()

    def flow(self, width: int) -> Flow:
        m, s, say, desk = self.metrics, self.styles, self.say, self.desk
        flow = Flow(width, self.ctx.lang)
        heading_item(flow, say("presenter.now"), s["muted"], 0)
        flow.text(desk.title or say("presenter.between"), s["title"], space_before=m.gap // 2)
        if desk.notes is not None:
            heading_item(flow, say("notes"), s["heading"], m.margin)
            style = s["body"] if desk.notes else s["italic"]
            flow.text(desk.notes or say("notes.none"), style, space_before=m.gap // 2)
        if desk.upcoming:
            heading_item(flow, say("presenter.next"), s["heading"], m.margin)
            for way in desk.upcoming:
                title = say("presenter.ending", title=way.title) if way.ending else way.title
                text = f"{way.via}: {title}" if way.via else title
                flow.text(text, s["body"], space_before=m.gap // 2)
        if self.desk_pin and not self.overlay:
            flow.text(self.desk_pin, s["muted"], space_before=m.margin)
        return flow

    # Layout -------------------------------------------------------------------------------------
    def resize(self, size: tuple[int, int]) -> None:
        self.metrics = DeskMetrics(*size)
        self.styles = widgets.styles(self.metrics)
        self.relayout()

    def columns(self) -> tuple[pygame.Rect, pygame.Rect]:
        m, area = self.metrics, self.content
        side = round(area.width * KEYS_SHARE) if m.wide else area.width
        if m.wide:
            return (
                pygame.Rect(area.x, area.y, area.width - side - m.margin, area.height),
                pygame.Rect(area.right - side, area.y, side, area.height),
            )
        half = area.height // 2
        return (
            pygame.Rect(area.x, area.y, area.width, half - m.gap),
            pygame.Rect(area.x, area.y + half, area.width, area.height - half),
        )

    def layout(self) -> None:
        m = self.metrics
        text, side = self.columns()
        self.paged = self.pager(self.flow(text.width), text)
        self.picture_box = pygame.Rect(side.x, side.y, side.width, side.width * 9 // 16)
        if not self.picture or not m.wide:
            self.picture_box.height = 0
        top = self.picture_box.bottom + (m.margin if self.picture_box.height else 0)
        self.keys_box = pygame.Rect(side.x, top, side.width, side.bottom - top)
        self.key_rows = self.place_keys(self.keys_box)
        for binding, rect in self.key_rows:
            if binding.action is not None and not isinstance(binding.action, Local):
                self.targets.append(Target(f"desk-{binding.name or binding.cap}", rect, binding.action))
        if self.overlay:
            self.layout_footer()

    def place_keys(self, box: pygame.Rect) -> list[tuple[Binding, pygame.Rect]]:
        """Each key as a row (keycap and what it does) from the top of `box`, as many as fit."""
        m, s = self.metrics, self.styles
        keys = self.facilitator_keys()
        column = max((widgets.keycap_width(b.cap, m) for b in keys), default=0) + m.gap
        rows, y = [], box.y
        for binding in keys:
            flow = Flow(box.width, self.ctx.lang)
            prefixed(flow, self.words(binding), s["body"], column, lambda *_: None)
            height = flow.height + m.gap // 2
            if y + height > box.bottom:
                break
            rows.append((binding, pygame.Rect(box.x, y, box.width, height)))
            y += height
        self.key_column = column
        return rows

    def words(self, binding: Binding) -> str:
        return (
            binding.help_words(self.say) if binding.help else self.say(binding.label, **dict(binding.params))
        )

    # Input (the app gives the presenter view only clicks: keys go to the room's screen) ---------------
    def bindings(self) -> list[Binding]:
        return [PRESENTER.labelled("key.presenter_close")] if self.overlay else []

    def global_bindings(self) -> tuple[Binding, ...]:
        return ()

    # Drawing ------------------------------------------------------------------------------------
    def paint(self, surface: pygame.Surface) -> None:
        m, s = self.metrics, self.styles
        surface.fill(theme.BACKGROUND)
        bar = pygame.Rect(0, 0, m.width, m.header)
        pygame.draw.line(surface, theme.BORDER, bar.bottomleft, bar.bottomright, m.stroke)
        title = render(self.say("presenter.title"), s["strong"])
        surface.blit(title, (m.margin, bar.centery - title.get_height() // 2))
        clock, late = self.clock()
        if clock:
            image = render(clock, s["warning" if late else "heading"])
            surface.blit(
                image, (m.width - m.margin - image.get_width(), bar.centery - image.get_height() // 2)
            )
        assert self.paged is not None
        self.paged.draw(surface)
        if self.picture is not None and self.picture_box.height:
            shrunk = pygame.transform.smoothscale(self.picture, self.picture_box.size)
            surface.blit(shrunk, self.picture_box)
            pygame.draw.rect(surface, theme.BORDER, self.picture_box, m.stroke)
        for binding, rect in self.key_rows:
            if self.hover == f"desk-{binding.name or binding.cap}":
                pygame.draw.rect(surface, theme.HOVER, rect, border_radius=m.radius)
            flow = Flow(rect.width, self.ctx.lang)
            prefixed(flow, self.words(binding), s["body"], self.key_column, lambda *_: None)
            draw_page(surface, flow.pages(flow.height + 1)[0], rect.x, rect.y)
            line = flow.items[0].height if flow.items else rect.height
            widgets.keycap(surface, binding.cap, rect.x, rect.y + line // 2, m)
        if self.overlay:
            self.draw_footer(surface)
