"""What every scene shares: the frame (meters on top, keys below), click targets, pages, input handling.

A scene lays itself out for a window size, answers input with an Action (or None), and draws its
view data on a surface it is given. It never calls the session. `dirty` tells the app to draw again.
A `layered` scene keeps what does not move in a still layer (layers.py) and paints only what moves
over it each frame (see Scene.draw).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Sequence

import pygame
from msgspec import Struct

from incluzo.engine.play.phases import Mode
from incluzo.engine.play.views import MeterView
from incluzo.i18n import Messages
from incluzo.scenes.actions import Action, Turn
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.bindings import (
    GLOBAL,
    MAP,
    MORE,
    PAGE_UP,
    PAGES,
    Binding,
    FooterKey,
    Local,
    Request,
    keymap,
)
from incluzo.scenes.kit.input import Click, Input, Key, Point, Scroll
from incluzo.scenes.kit.layers import Still
from incluzo.scenes.kit.mapinfo import prefixed
from incluzo.scenes.kit.text import Flow, Item, Style, draw_page, render, width_of
from incluzo.scenes.kit.theme import Metrics

BULLET = "\u2022"
FOOTER_LEVELS = 3  # full footer, global keys without words, short page count
DEFAULT_SIZE = (1280, 720)


class Context(Struct, frozen=True):
    """The player's settings that every scene needs."""

    lang: str = "nl"
    mode: Mode = Mode.GROUP  # the words of the mode played (one group, solo, competing teams)

    @property
    def say(self) -> Messages:
        return Messages(self.lang)


@dataclasses.dataclass
class Target:
    """A clickable area and what clicking it does; `name` lets tests find it."""

    name: str
    rect: pygame.Rect
    action: Request | None
    enabled: bool = True


@dataclasses.dataclass
class Paged:
    """A flow shown page by page in a box."""

    flow: Flow
    box: pygame.Rect
    page: int = 0
    pages: list[list[tuple[int, Item]]] = dataclasses.field(default_factory=list)

    def __post_init__(self) -> None:
        self.pages = self.flow.pages(self.box.height)
        self.page = max(0, min(self.page, len(self.pages) - 1))

    @property
    def count(self) -> int:
        return len(self.pages)

    def draw(self, surface: pygame.Surface) -> None:
        draw_page(surface, self.pages[self.page], self.box.x, self.box.y)

    def lines(self) -> list[str]:
        return [item.text for _, item in self.pages[self.page] if item.text]


class Scene:
    """Base of every screen."""

    name = "scene"
    map_key = True  # M opens the map on this screen
    keep_primary = False  # the main button stays beside 'read on' while pages are left
    layered = False  # keeps a still layer: paint() draws what stays put, paint_moving() the rest

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.say = ctx.say
        self.metrics = Metrics(*DEFAULT_SIZE)
        self.targets: list[Target] = []
        self.hover: str | None = None
        self.dirty = True
        self.paged: Paged | None = None
        self.page = 0  # the page of the long text shown now
        self.compact = 0  # how much the footer had to shorten (see layout_footer)
        self.still = Still()  # what stays put, once painted (see draw)
        self.beneath: pygame.Surface | None = None  # the picture an overlay is drawn over (the app's)

    # Layout -------------------------------------------------------------------------------------
    def resize(self, size: tuple[int, int]) -> None:
        self.metrics = Metrics(*size)
        self.styles = widgets.styles(self.metrics)
        self.relayout()

    def relayout(self) -> None:
        self.targets = []
        self.layout()
        self.repaint()

    def repaint(self) -> None:
        """The view changed: draw again, and paint the still layer again too."""
        self.still.forget()
        self.dirty = True

    def pager(self, flow: Flow, box: pygame.Rect) -> Paged:
        """The flow in its box, on the page shown now (or the last one, if the text got shorter)."""
        paged = Paged(flow, box, self.page)
        self.page = paged.page
        return paged

    def layout(self) -> None:
        """Place everything for self.metrics; fill self.targets."""

    def map_side(self) -> int:
        """How wide a map column is on a wide window: its share of the width, never taller than the area."""
        area = self.content
        return min(round(area.width * theme.MAP_SHARE), area.height + 2 * self.metrics.body)

    def text_and_side(self, side: int, *, side_left: bool = False) -> tuple[pygame.Rect, pygame.Rect]:
        """A text box and a side box `side` wide next to it on a wide window; on a narrow one the side
        box goes on top, with two fifths of the height."""
        m, area = self.metrics, self.content
        if m.wide:
            text_x = area.x + side + m.margin if side_left else area.x
            side_x = area.x if side_left else area.right - side
            return (
                pygame.Rect(text_x, area.y, area.width - side - m.margin, area.height),
                pygame.Rect(side_x, area.y, side, area.height),
            )
        top = area.height * 2 // 5
        return (
            pygame.Rect(area.x, area.y + top + m.gap, area.width, area.height - top - m.gap),
            pygame.Rect(area.x, area.y, area.width, top),
        )

    def map_and_text(self) -> tuple[pygame.Rect, pygame.Rect]:
        """The debriefs' layout: (text box, map box), the map on the left of a wide window."""
        return self.text_and_side(self.map_side(), side_left=True)

    @property
    def content(self) -> pygame.Rect:
        m = self.metrics
        return pygame.Rect(
            m.margin,
            m.header + m.margin,
            m.width - 2 * m.margin,
            m.height - m.header - m.footer - 2 * m.margin,
        )

    # Input --------------------------------------------------------------------------------------
    def bindings(self) -> list[Binding]:
        """This screen's own keys (see bindings.py); they win over the global ones."""
        return []

    def global_bindings(self) -> tuple[Binding, ...]:
        """The keys every screen has (M only where the map is offered)."""
        return GLOBAL if self.map_key else tuple(b for b in GLOBAL if b is not MAP)

    def keys(self) -> dict[str, Request]:
        """Key name to what it asks for on this screen."""
        return keymap([*self.bindings(), *self.global_bindings()])

    def desk_keys(self) -> list[Binding]:
        """The keys the presenter view lists for this screen: its own first, then the global ones."""
        shown: list[Binding] = []
        for binding in [*self.bindings(), *self.global_bindings()]:
            if binding not in shown:
                shown.append(binding)
        return shown

    def timer_text(self) -> tuple[str, bool]:
        """The countdown as this screen shows it, and whether time is up ("" without one)."""
        return "", False

    def local(self, request: Local) -> Action | None:
        """Answer a request this screen handles itself; what it asks of the app or game, if anything."""
        raise NotImplementedError(f"{type(self).__name__} has no handling for {request}")

    def primary(self) -> Request | None:
        """What Enter/Space does once the last page is shown."""
        return None

    def go_on(self) -> Request | None:
        if self.paged and self.paged.page < self.paged.count - 1:
            return Turn(1)
        return self.primary()

    def handle(self, event: Input) -> Action | None:
        action: Request | None = None
        if isinstance(event, Key):
            action = self._key(event.name)
        elif isinstance(event, Click):
            target = self.target_at(event.pos)
            action = target.action if target else None
        elif isinstance(event, Point):
            target = self.target_at(event.pos)
            name = target.name if target and target.enabled else None
            if name != self.hover:
                self.hover = name
                self.dirty = True
        elif isinstance(event, Scroll):
            action = Turn(-event.steps)
        if isinstance(action, Turn):
            self.turn(action.step)
            return None
        if isinstance(action, Local):
            return self.local(action)
        return action

    def _key(self, name: str) -> Request | None:
        if name in ("return", "space"):
            return self.go_on()
        return keymap([PAGES, PAGE_UP]).get(name) or self.keys().get(name)

    def turn(self, step: int) -> None:
        if not self.paged:
            return
        page = max(0, min(self.paged.count - 1, self.paged.page + step))
        if page != self.paged.page:
            self.page = page
            self.relayout()

    def target_at(self, pos: tuple[int, int]) -> Target | None:
        return next((t for t in reversed(self.targets) if t.rect.collidepoint(pos)), None)

    def target(self, name: str) -> Target:
        """The target called `name` (tests click it)."""
        return next(t for t in self.targets if t.name == name)

    def update(self, dt: float) -> bool:
        """Advance animations by dt seconds; True while something moves."""
        return False

    # Drawing ------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """One frame. A layered scene blits its still layer, painted (with no target lit) on the first
        frame after a layout or `repaint` (a resize, a page turn, a change of view), then paints what
        moves over it; any other scene paints everything."""
        if not self.kept():
            self.paint(surface)
            return
        hover, self.hover = self.hover, None
        try:
            self.still.draw(surface, self.beneath, self.paint_parts())
        finally:
            self.hover = hover
        if self.still.parts:
            return  # painted in part: the next frames paint the rest (the window shows none of it yet)
        self.still.keep(surface, self.moving_areas())
        self.still.on = None
        self.paint_moving(surface)

    def covers(self) -> pygame.Rect | None:
        """An area its paint fills whole, opaque: drawn over another picture (an overlay over the shaded
        scene), that picture need not be put there first."""
        return None

    def kept(self) -> bool:
        """Whether this scene is drawn over a still layer now."""
        return self.layered

    def holds_still(self, size: tuple[int, int]) -> bool:
        """Whether the next frame at `size` blits a kept still layer (the app then need not draw under it)."""
        return self.kept() and self.still.holds(self.beneath, size)

    def paint(self, surface: pygame.Surface) -> None:
        """The picture; of a layered scene, only what stays put until the view changes."""
        surface.fill(theme.BACKGROUND)

    def paint_parts(self) -> list[Callable[[pygame.Surface], None]]:
        """`paint` as parts painted in turn, which the window's loop may spread over frames (layers.py);
        a scene whose paint is long splits it where nothing later depends on an earlier part."""
        return [self.paint]

    def moving_areas(self) -> list[pygame.Rect]:
        """Every area paint_moving paints in now (the next frame blits the layer back there first)."""
        lit = next((t for t in self.targets if t.name == self.hover), None) if self.hover else None
        return [lit.rect] if lit is not None else []

    def paint_moving(self, surface: pygame.Surface) -> None:
        """What moves, over the still layer: the lit target (a scene adds its countdown, its animation)."""
        if self.hover is not None:
            lit = next((t for t in self.targets if t.name == self.hover), None)
            if lit is not None:
                self.paint_target(surface, lit)

    def paint_target(self, surface: pygame.Surface, target: Target) -> None:
        """One target as it looks now, painted over the still layer; the footer's buttons here, a
        scene's own targets in the scene (exactly the pixels a whole paint gives them)."""
        keyed = self._footer_keyed()
        if target.name in keyed and target.rect.y >= self.metrics.height - self.metrics.footer:
            clip = surface.get_clip()
            surface.set_clip(target.rect)  # its label may reach past the lit plate's rounded corners
            surface.fill(theme.BACKGROUND, target.rect)
            self._footer_line(surface)
            self._footer_button(surface, target, *keyed[target.name])
            surface.set_clip(clip)

    def fill_for(self, name: str, enabled: bool = True) -> tuple[int, int, int]:
        if not enabled:
            return theme.DISABLED_PANEL
        return theme.HOVER if self.hover == name else theme.PANEL

    # The frame ----------------------------------------------------------------------------------
    def footer_keys(self) -> list[FooterKey]:
        """The footer's keys on the left: the labelled global bindings, then this screen's own."""
        shown = [*self.global_bindings(), *self.bindings()]
        return [binding.footer_key(self.say) for binding in shown if binding.label]

    def primary_key(self) -> FooterKey | None:
        """The footer's main button (right), e.g. 'Enter Verder'."""
        return None

    def layout_footer(self) -> None:
        """Add the footer's targets: global keys left, pages and the main buttons right. When the
        window is narrow the global keys lose their words (the key stays), then the page count shortens."""
        for compact in range(FOOTER_LEVELS):
            self.compact = compact
            if self._footer_width_total() <= self.metrics.width - 2 * self.metrics.margin:
                break
        m = self.metrics
        y = m.height - m.footer
        x = m.margin
        for key in self.footer_keys():
            width = self._footer_width(key, left=True)
            self.targets.append(Target(key.name, pygame.Rect(x, y, width, m.footer), key.action))
            x += width + m.gap
        right = m.width - m.margin
        for main in self._mains():
            width = self._footer_width(main)
            right -= width
            self.targets.append(Target(main.name, pygame.Rect(right, y, width, m.footer), main.action))
            right -= m.gap
        if self.paged and self.paged.count > 1:
            pages = (PAGES.footer_key(self.say), None, PAGE_UP.footer_key(self.say))  # the count between
            for page_key in pages:
                if page_key is None:
                    right -= width_of(self.page_label(), self.styles["body"]) + m.gap
                    continue
                width = self._footer_width(page_key)
                right -= width
                self.targets.append(
                    Target(page_key.name, pygame.Rect(right, y, width, m.footer), page_key.action)
                )
                right -= m.gap

    def _mains(self) -> list[FooterKey]:
        mains = [self.primary_key()]
        if self.paged and self.paged.page < self.paged.count - 1:
            more = MORE.footer_key(self.say)
            mains = [*mains, more] if self.keep_primary else [more]
        return [main for main in mains if main]

    def _footer_width_total(self) -> int:
        m = self.metrics
        keys = [self._footer_width(k, left=True) for k in self.footer_keys()] + [
            self._footer_width(k) for k in self._mains()
        ]
        if self.paged and self.paged.count > 1:
            keys += [self._footer_width(page.footer_key(self.say)) for page in (PAGE_UP, PAGES)]
            keys.append(width_of(self.page_label(), self.styles["body"]))
        return sum(keys) + m.gap * (len(keys) + 2)

    def page_label(self) -> str:
        assert self.paged is not None
        if self.compact >= FOOTER_LEVELS - 1:
            return f"{self.paged.page + 1}/{self.paged.count}"
        return self.say("page", page=self.paged.page + 1, pages=self.paged.count)

    def _footer_width(self, key: FooterKey, *, left: bool = False) -> int:
        label = (
            width_of(key.label, self.styles["body"]) + self.metrics.gap if self._labelled(key, left) else 0
        )
        return widgets.keycap_width(key.key, self.metrics) + label + self.metrics.pad

    def _labelled(self, key: FooterKey, left: bool) -> bool:
        return bool(key.label) and not (left and self.compact >= 1)

    def footer_fits(self) -> bool:
        """Whether the footer's buttons leave each other room (checked by the layout tests)."""
        rects = sorted(
            (t.rect for t in self.targets if t.rect.y >= self.metrics.height - self.metrics.footer),
            key=lambda r: r.x,
        )
        return all(a.right <= b.x for a, b in itertools.pairwise(rects)) and all(
            r.right <= self.metrics.width for r in rects
        )

    def _footer_keyed(self) -> dict[str, tuple[FooterKey, bool]]:
        """The footer's keys by target name, each with whether it stands on the left."""
        left = self.footer_keys()
        keys = {
            k.name: k
            for k in [
                *left,
                *filter(None, [self.primary_key()]),
                MORE.footer_key(self.say),
                PAGES.footer_key(self.say),
                PAGE_UP.footer_key(self.say),
            ]
        }
        return {name: (key, key in left) for name, key in keys.items()}

    def _footer_button(self, surface: pygame.Surface, target: Target, key: FooterKey, left: bool) -> None:
        m = self.metrics
        centre = m.height - m.footer + m.footer // 2
        if self.hover == target.name:
            pygame.draw.rect(surface, theme.HOVER, target.rect, border_radius=m.radius)
        width = widgets.keycap(surface, key.key, target.rect.x + m.pad // 2, centre, m)
        if self._labelled(key, left=left):
            image = render(key.label, self.styles["strong" if key.name in ("next", "next-page") else "body"])
            left_x = target.rect.x + m.pad // 2 + width + m.gap
            surface.blit(image, (left_x, centre - image.get_height() // 2))

    def _footer_line(self, surface: pygame.Surface) -> None:
        m = self.metrics
        top = m.height - m.footer
        pygame.draw.line(surface, theme.BORDER, (0, top), (m.width, top), m.stroke)

    def draw_footer(self, surface: pygame.Surface) -> None:
        m = self.metrics
        bar = pygame.Rect(0, m.height - m.footer, m.width, m.footer)
        self._footer_line(surface)
        keyed = self._footer_keyed()
        for target in self.targets:
            if target.name in keyed and target.rect.y >= bar.y:
                self._footer_button(surface, target, *keyed[target.name])
        if self.paged and self.paged.count > 1:
            down = self.target("page-down").rect
            image = render(self.page_label(), self.styles["body"])
            surface.blit(image, (down.x - m.gap - image.get_width(), bar.centery - image.get_height() // 2))

    def draw_header(
        self,
        surface: pygame.Surface,
        left: str,
        meters: Sequence[MeterView],
        shown: Sequence[float] | None = None,
        *,
        words: bool = True,
        gauges: bool = True,
    ) -> None:
        """The top bar: a short text on the left, the three meters on the right; an animating scene
        paints the `words` (with the bar's line) still and the `gauges` as they move."""
        m = self.metrics
        bar = pygame.Rect(0, 0, m.width, m.header)
        if words:
            pygame.draw.line(surface, theme.BORDER, bar.bottomleft, bar.bottomright, m.stroke)
        values = list(shown) if shown is not None else [float(v.value) for v in meters]
        right = m.width - m.margin
        compact = self.header_width(meters, compact=False) > m.width - 2 * m.margin - width_of(
            left, self.styles["body"]
        )
        order = [v.id for v in meters]
        for meter, value in reversed(list(zip(meters, values, strict=True))):
            if gauges:
                self._meter(surface, meter, value, right, bar, compact, order)
            right -= self._meter_width(meter, compact) + m.margin
        if not words:
            return
        style = self.styles["strong"]
        room = right - m.margin
        text = left if width_of(left, style) <= room else _shorten(left, style, room)
        image = render(text, style)
        surface.blit(image, (m.margin, bar.centery - image.get_height() // 2))

    def header_width(self, meters: Sequence[MeterView], *, compact: bool) -> int:
        m = self.metrics
        return sum(self._meter_width(v, compact) + m.margin for v in meters)

    def _meter_width(self, meter: MeterView, compact: bool) -> int:
        m = self.metrics
        label = f"{meter.value}" if compact else f"{meter.name} {meter.value}"
        return (
            widgets.icon_size(m)
            + m.gap
            + max(
                width_of(label, self.styles["strong"]),
                width_of(f"{meter.name} 00", self.styles["strong"])
                if not compact
                else width_of("00", self.styles["strong"]),
            )
        )

    def _meter(
        self,
        surface: pygame.Surface,
        meter: MeterView,
        value: float,
        right: int,
        bar: pygame.Rect,
        compact: bool,
        order: list[str],
    ) -> int:
        m = self.metrics
        width = self._meter_width(meter, compact)
        x = right - width
        size = widgets.icon_size(m)
        widgets.meter_icon(surface, order.index(meter.id), meter.symbol, (x + size // 2, bar.centery), m)
        number = round(value)
        label = f"{number}" if compact else f"{meter.name} {number}"
        style = self.styles["warning" if number <= 0 else "strong"]
        image = render(label, style)
        thickness = widgets.bar_thickness(m)
        top = bar.centery - (image.get_height() + thickness + m.stroke) // 2
        surface.blit(image, (x + size + m.gap, top))
        track = pygame.Rect(
            x + size + m.gap, top + image.get_height() + m.stroke, width - size - m.gap, thickness
        )
        widgets.meter_bar(surface, track, value, meter, max(meter.scale, round(value)))
        return width


def _shorten(text: str, style: Style, room: int) -> str:
    """Cut a one-line header text to fit with an ellipsis (the full text is on the screen below)."""
    while text and width_of(text + "\u2026", style) > room:
        text = text[:-1]
    return text + "\u2026" if text else ""


def heading_item(flow: Flow, text: str, style: Style, space_before: int) -> None:
    flow.text(text, style, space_before=space_before, keep_with_next=True)


def bullet_list(
    flow: Flow, items: Sequence[str], style: Style, metrics: Metrics, *, space_before: int = 0
) -> None:
    """Questions or points as a bulleted list that wraps under its own text."""
    indent = width_of(BULLET, style) + metrics.gap

    def bullet(surface: pygame.Surface, x: int, y: int) -> None:
        surface.blit(render(BULLET, style), (x, y))

    for number, text in enumerate(items):
        prefixed(
            flow, text, style, indent, bullet, space_before=space_before if number == 0 else metrics.gap // 2
        )
