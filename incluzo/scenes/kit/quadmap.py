"""The quadrant map: the model's 2x2 with names, axes, patterns, kites and the trail.

Kites are drawn as OCAI draws them: each quadrant's points lie on its diagonal, 0 at the centre and
100 in the corner. A quadrant is told apart by its number, name and pattern as well as its colour.
The position as one marker is the profile's balance point on the two axes (`moves.lean`: 25 each is the
centre); arrows, ghost arrows, the numbered trail and each quadrant's change are `mapmarks`. The
quadrant names are drawn over the kites and arrows, and no label is placed on them.
The static part (tints, patterns, names, axes) is drawn once per size and cached; a map drawn twice
in a row with the same kites, marks and marker is composed once and then blitted whole
(a 4K map screen is one blit, not hundreds of dashes and dots), while an animation draws as before.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import pygame
from msgspec import Struct
from msgspec.structs import replace

from incluzo.engine.play.moves import CORNERS, Spot, lean, steps
from incluzo.engine.play.views import QuadrantView
from incluzo.scenes.kit import mapmarks, theme
from incluzo.scenes.kit.mapmarks import Marks
from incluzo.scenes.kit.text import Style, draw_lines, line_height, render, unbroken, widest_word, wrap
from incluzo.scenes.kit.theme import Colour, Metrics

KITE_ORDER = ("top-left", "top-right", "bottom-right", "bottom-left")
PATTERN_STEP_SCALE = 0.9  # pattern spacing in body units
DOT_SCALE = 0.12  # pattern dot radius in body units
WAVE_SCALE = 0.2  # wave amplitude in body units
DASH_SCALE = 0.5  # dash length in body units
KITE_SCALE = 0.14  # line width of the current kite in body units
MARKER_SCALE = 0.45  # marker radius in body units
NAME_PLATE_ALPHA = 235
SMALLEST_NAME_SCALE = 0.75  # the quadrants' names shrink to this (body units) before a word would break
MIN_SIDE_FOR_AXES = 10  # body units: a smaller map drops its axis labels
MIN_SIDE_FOR_NAMES = 8  # body units: a smaller map shows the quadrant numbers only
NAME_LINES = 2  # a name that needs more lines in its corner: the map shows the numbers only
PERCENT = 100
MARK_SCALE = 3  # frame of a marked quadrant, in strokes

Points = Sequence[float]  # points per quadrant, in the views' order


class Kite(Struct, frozen=True):
    points: Points
    colour: Colour
    style: str  # solid | dashed | dotted
    width_scale: float = KITE_SCALE


class MapAxes(Struct, frozen=True):
    top: str = ""
    bottom: str = ""
    left: str = ""
    right: str = ""


def exact(quadrants: Sequence[QuadrantView]) -> tuple[float, ...]:
    return tuple(q.exact for q in quadrants)


def blend(a: Points, b: Points, share: float) -> tuple[float, ...]:
    return tuple(x + (y - x) * share for x, y in zip(a, b, strict=True))


class Background(Struct, frozen=True):
    """The static map of one size: the image, the square in it, and each quadrant's name plate."""

    image: pygame.Surface
    square: pygame.Rect
    plates: tuple[tuple[str, pygame.Rect], ...]  # (corner, rect) in the image


class Naming(Struct, frozen=True):
    """The quadrants' names on one map: their style, the width they wrap to, and whether they stand
    under their number badges (`stacked`) or beside them."""

    style: Style
    room: int
    stacked: bool


@dataclasses.dataclass
class QuadrantMap:
    """One map for a list of quadrants; `draw` places it in a rectangle."""

    quadrants: Sequence[QuadrantView]
    axes: MapAxes = dataclasses.field(default_factory=MapAxes)
    labelled: bool = True
    lang: str = "nl"
    backdrop: Colour = theme.BACKGROUND  # what the map stands on: its cached image is opaque, fast to blit
    _cache: dict[tuple[int, int, int], Background] = dataclasses.field(default_factory=dict)
    _last: object = None  # the layers drawn last time
    _composed: tuple[object, pygame.Surface] | None = None  # layers and the map with them drawn in
    _placed: tuple[object, list[mapmarks.Label]] | None = None  # the labels of the marks drawn last

    def square(self, rect: pygame.Rect, metrics: Metrics) -> pygame.Rect:
        """The 2x2 itself inside `rect`, leaving room for the axis labels."""
        side = min(rect.width, rect.height)
        if self._with_axes(rect, metrics):
            side = self._label_side(rect, metrics)
            band = self._band(metrics, side)
            side = min(rect.width - 2 * band[1], rect.height - 2 * band[0])
        square = pygame.Rect(0, 0, side, side)
        square.center = rect.center
        return square

    def _with_axes(self, rect: pygame.Rect, metrics: Metrics) -> bool:
        """Axis labels only when asked for and when the square keeps room for its quadrant names."""
        return (
            bool(self.labelled and self.axes.top)
            and self._label_side(rect, metrics) >= metrics.body * MIN_SIDE_FOR_AXES
        )

    def _label_side(self, rect: pygame.Rect, metrics: Metrics) -> int:
        """The side of the square once the labels, wrapped to that side, stand around it."""
        side = min(rect.width, rect.height)
        for _ in range(4):
            top, left = self._band(metrics, side)
            smaller = min(rect.width - 2 * left, rect.height - 2 * top)
            if smaller >= side:
                break
            side = max(1, smaller)
        return side

    def _band(self, metrics: Metrics, side: int) -> tuple[int, int]:
        """Height of the top/bottom label bands and width of the left/right ones, wrapped to `side`."""
        style = self._axis_style(metrics)
        lines = max(len(wrap(t, style, side, self.lang)) for t in (self.axes.top, self.axes.bottom))
        side_lines = max(len(wrap(t, style, side, self.lang)) for t in (self.axes.left, self.axes.right))
        return lines * line_height(style) + metrics.gap, side_lines * line_height(style) + metrics.gap

    @staticmethod
    def _axis_style(metrics: Metrics) -> Style:
        return Style("italic", metrics.body, theme.MUTED)

    def point(self, square: pygame.Rect, corner: str, value: float) -> tuple[float, float]:
        dx, dy = CORNERS[corner]
        half = square.width / 2
        return square.centerx + dx * half * value / PERCENT, square.centery + dy * half * value / PERCENT

    def marker(self, square: pygame.Rect, points: Points) -> tuple[float, float]:
        """The balance point of `points` (see `moves.lean`) in pixels."""
        return at(square, lean([q.corner for q in self.quadrants], points))

    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        metrics: Metrics,
        kites: Sequence[Kite] = (),
        trail: Sequence[Points] = (),
        marker: Points | None = None,
        marks: Marks | None = None,
    ) -> pygame.Rect:
        """Draw the map in `rect`; returns the square. `trail` (a position per decision) is drawn as
        numbered arrows; `marks` adds a decision's arrows and changes."""
        key = (rect.width, rect.height, metrics.height)
        if key not in self._cache:
            self._cache = {key: self._background(rect.size, metrics)}
        back = self._cache[key]
        if trail:
            corners = [q.corner for q in self.quadrants]
            marks = replace(marks or Marks(), trail=steps([lean(corners, p) for p in trail]))
        layers = (
            key,
            tuple((tuple(k.points), k.colour, k.style, k.width_scale) for k in kites),
            marks,
            None if marker is None else tuple(marker),
        )
        square = back.square
        if self._composed is not None and self._composed[0] == layers:
            surface.blit(self._composed[1], rect.topleft)
            return square.move(rect.topleft)
        if layers == self._last and self._inside(back, metrics, kites, marks, marker):
            composed = back.image.copy()
            self._layers(composed, back, (0, 0), metrics, kites, marks, marker)
            self._composed = (layers, composed)
            surface.blit(composed, rect.topleft)
            return square.move(rect.topleft)
        self._last = layers
        surface.blit(back.image, rect.topleft)
        self._layers(surface, back, rect.topleft, metrics, kites, marks, marker)
        return square.move(rect.topleft)

    def labels(
        self,
        square: pygame.Rect,
        plates: Sequence[tuple[str, pygame.Rect]],
        metrics: Metrics,
        marks: Marks,
        marker: Spot | None = None,
    ) -> list[mapmarks.Label]:
        """The labels of `marks` on the map drawn in `square` (plates in the same coordinates), clear of
        the marker at `marker` (map units)."""
        taken = []
        if marker is not None:
            dot = pygame.Rect(0, 0, 2 * self._marker_radius(metrics), 2 * self._marker_radius(metrics))
            x, y = at(square, marker)
            dot.center = (round(x), round(y))
            taken.append(dot)
        return mapmarks.layout(marks, lambda spot: at(square, spot), square, plates, metrics, taken)

    def _labels_of(
        self, back: Background, offset: tuple[int, int], metrics: Metrics, marks: Marks, marker: Points | None
    ) -> list[mapmarks.Label]:
        """The labels, placed once per map, marks and size: a marker gliding along the chosen arrow keeps
        them where they stand at its end (so they do not jump while it moves)."""
        key = (back.square.size, offset, metrics.height, marks, marker is not None)
        if self._placed is None or self._placed[0] != key:
            square = back.square.move(offset)
            plates = [(c, r.move(offset)) for c, r in back.plates]
            corners = [q.corner for q in self.quadrants]
            end = None if marker is None else lean(corners, marker)
            if marker is not None and marks.chosen is not None:
                end = marks.chosen.end
            self._placed = (key, self.labels(square, plates, metrics, marks, end))
        return self._placed[1]

    def plates(self, rect: pygame.Rect, metrics: Metrics) -> tuple[tuple[str, pygame.Rect], ...]:
        """Each quadrant's name plate (corner, rect) on the map drawn in `rect`."""
        key = (rect.width, rect.height, metrics.height)
        if key not in self._cache:
            self._cache = {key: self._background(rect.size, metrics)}
        return tuple((c, r.move(rect.topleft)) for c, r in self._cache[key].plates)

    @staticmethod
    def _marker_radius(metrics: Metrics) -> int:
        return metrics.scaled(MARKER_SCALE) + metrics.stroke

    def _layers(
        self,
        surface: pygame.Surface,
        back: Background,
        offset: tuple[int, int],
        metrics: Metrics,
        kites: Sequence[Kite],
        marks: Marks | None,
        marker: Points | None,
    ) -> None:
        """What changes over a game: the kites, the arrows, the marker and the labels; the quadrant
        names stay on top of the kites and arrows."""
        square = back.square.move(offset)
        for kite in kites:
            self._kite(surface, square, kite, metrics)
        if marks is not None:
            short = self._marker_radius(metrics) if marker is not None else 0
            mapmarks.draw_arrows(surface, marks, lambda spot: at(square, spot), metrics, short)
        for _, plate in back.plates:
            surface.blit(back.image, plate.move(offset), area=plate)
        if marker is not None:
            centre = self.marker(square, marker)
            radius = metrics.scaled(MARKER_SCALE)
            pygame.draw.circle(surface, theme.WHITE, centre, radius + metrics.stroke)
            pygame.draw.circle(surface, theme.TRAIL, centre, radius)
        if marks is not None and self.labelled:
            mapmarks.draw_labels(surface, self._labels_of(back, offset, metrics, marks, marker), metrics)

    def _inside(
        self,
        back: Background,
        metrics: Metrics,
        kites: Sequence[Kite],
        marks: Marks | None,
        marker: Points | None,
    ) -> bool:
        """Whether every layer falls inside the cached image (else composing it would clip them)."""
        square = back.square
        reach = max(
            self._marker_radius(metrics),
            metrics.scaled(mapmarks.HEAD_SCALE) + metrics.scaled(mapmarks.CHOSEN_SCALE),
            *(2 * max(theme.MIN_STROKE, metrics.scaled(k.width_scale)) + metrics.stroke for k in kites),
        )
        spots = [self.marker(square, marker)] if marker is not None else []
        arrows = (
            [] if marks is None else [*marks.trail, *marks.ghosts, *([marks.chosen] if marks.chosen else [])]
        )
        spots += [at(square, s) for a in arrows for s in (a.start, a.end)]
        spots += [
            self.point(square, q.corner, v)
            for kite in kites
            for q, v in zip(self.quadrants, kite.points, strict=True)
        ]
        area = back.image.get_rect().inflate(-2 * reach - 2, -2 * reach - 2)
        return all(area.collidepoint(x, y) for x, y in spots)

    def _background(self, size: tuple[int, int], metrics: Metrics) -> Background:
        image = pygame.Surface(size)
        image.fill(self.backdrop)
        area = pygame.Rect((0, 0), size)
        square = self.square(area, metrics)
        half = square.width // 2
        for quadrant in self.quadrants:
            dx, dy = CORNERS[quadrant.corner]
            cell = pygame.Rect(
                square.x + (half if dx > 0 else 0), square.y + (half if dy > 0 else 0), half, half
            )
            base = theme.colour(quadrant.colour)
            pygame.draw.rect(image, theme.quadrant_tint(base), cell)
            _pattern(
                image, cell, quadrant.pattern, theme.mix(base, theme.WHITE, theme.PATTERN_SHARE), metrics
            )
        pygame.draw.rect(image, theme.BORDER, square, metrics.stroke)
        pygame.draw.line(image, theme.BORDER, square.midtop, square.midbottom, metrics.stroke)
        pygame.draw.line(image, theme.BORDER, square.midleft, square.midright, metrics.stroke)
        naming = self._naming(square, metrics)
        plates = tuple((q.corner, self._name(image, square, q, metrics, naming)) for q in self.quadrants)
        if self._with_axes(area, metrics):
            self._axes(image, square, metrics, self._label_side(area, metrics))
        if pygame.display.get_surface() is not None:
            image = image.convert()  # in the window's own format it blits several times faster
        return Background(image, square, plates)

    def _naming(self, square: pygame.Rect, metrics: Metrics) -> Naming | None:
        """How the names stand in their corners: beside their number badges when every word of every
        name fits there whole (the four in one size, as large as lets them, down to SMALLEST_NAME_SCALE
        of the body text), else under the badges, with the corner's whole width for the name. None when
        neither keeps the words whole in NAME_LINES lines, or the map is small: it shows the quadrants'
        numbers, and its legend names them. A quadrant's name is never broken inside a word."""
        if not self.labelled or square.width < metrics.body * MIN_SIDE_FOR_NAMES:
            return None
        badge = metrics.scaled(theme.HEADING_SCALE) + metrics.pad
        inside = square.width // 2 - 3 * metrics.pad
        full, smallest = Style("bold", metrics.body, theme.INK), metrics.scaled(SMALLEST_NAME_SCALE)
        for room, stacked in ((inside - badge, False), (inside, True)):
            size = min(unbroken(q.name, full, room, smallest).size for q in self.quadrants)
            style = replace(full, size=size)
            if all(
                widest_word(q.name, style) <= room and len(wrap(q.name, style, room, self.lang)) <= NAME_LINES
                for q in self.quadrants
            ):
                return Naming(style, room, stacked)
        return None

    def _name(
        self,
        image: pygame.Surface,
        square: pygame.Rect,
        quadrant: QuadrantView,
        metrics: Metrics,
        naming: Naming | None,
    ) -> pygame.Rect:
        """Number badge and (when named) name in the quadrant's outer corner, on a light plate: the name
        beside the badge or under it (see `_naming`); returns the plate."""
        dx, dy = CORNERS[quadrant.corner]
        base = theme.colour(quadrant.colour)
        number = render(str(quadrant.number), Style("bold", metrics.body, theme.ink_on(base)))
        badge = metrics.scaled(theme.HEADING_SCALE) + metrics.pad
        style = naming.style if naming else Style("bold", metrics.body, theme.INK)
        lines = wrap(quadrant.name, style, naming.room, self.lang) if naming else []
        text_w = max((render(line, style).get_width() for line in lines), default=0)
        text_h = len(lines) * line_height(style)
        stacked = bool(lines) and naming is not None and naming.stacked
        if stacked:
            plate_w, plate_h = max(badge, text_w + 2 * metrics.pad), badge + text_h
        else:
            plate_w, plate_h = badge + (text_w + 2 * metrics.pad if lines else 0), max(badge, text_h)
        x = square.x + metrics.pad if dx < 0 else square.right - metrics.pad - plate_w
        y = square.y + metrics.pad if dy < 0 else square.bottom - metrics.pad - plate_h
        disc = pygame.Rect(x + plate_w - badge if stacked and dx > 0 else x, y, badge, badge)
        if lines:
            plate = pygame.Surface((plate_w, plate_h), pygame.SRCALPHA)
            plate.fill((*theme.PANEL, NAME_PLATE_ALPHA))
            image.blit(plate, (x, y))
            left, top = (x + metrics.pad, y + badge) if stacked else (x + badge + metrics.pad, y)
            draw_lines(image, lines, style, left, top)
        pygame.draw.ellipse(image, base, disc)
        image.blit(number, number.get_rect(center=disc.center))
        return pygame.Rect(x, y, plate_w, plate_h)

    def _axes(self, image: pygame.Surface, square: pygame.Rect, metrics: Metrics, side: int) -> None:
        style = self._axis_style(metrics)
        height = line_height(style)
        top = wrap(self.axes.top, style, side, self.lang)
        draw_lines(
            image,
            top,
            style,
            square.x,
            square.y - metrics.gap // 2 - len(top) * height,
            centre_width=square.width,
        )
        bottom = wrap(self.axes.bottom, style, side, self.lang)
        draw_lines(
            image, bottom, style, square.x, square.bottom + metrics.gap // 2, centre_width=square.width
        )
        for text, angle, right in ((self.axes.left, 90, False), (self.axes.right, -90, True)):
            lines = wrap(text, style, side, self.lang)
            block = pygame.Surface((square.height, len(lines) * height), pygame.SRCALPHA)
            draw_lines(block, lines, style, 0, 0, centre_width=square.height)
            turned = pygame.transform.rotate(block, angle)
            x = square.right + metrics.gap // 2 if right else square.x - metrics.gap // 2 - turned.get_width()
            image.blit(turned, (x, square.y))

    def _kite(self, surface: pygame.Surface, square: pygame.Rect, kite: Kite, metrics: Metrics) -> None:
        by_corner = {q.corner: v for q, v in zip(self.quadrants, kite.points, strict=True)}
        corners = [self.point(square, corner, by_corner[corner]) for corner in KITE_ORDER]
        width = max(theme.MIN_STROKE, metrics.scaled(kite.width_scale))
        for start, end in zip(corners, corners[1:] + corners[:1], strict=True):
            if kite.style == "solid":
                pygame.draw.line(surface, kite.colour, start, end, width)
            else:
                dash = metrics.scaled(DASH_SCALE) // (1 if kite.style == "dashed" else 3)
                dashed_line(surface, kite.colour, start, end, width, max(theme.MIN_STROKE, dash))
        for corner in corners:
            pygame.draw.circle(surface, kite.colour, corner, width + metrics.stroke)


def frame_quadrants(image: pygame.Surface, square: pygame.Rect, corners: Sequence[str], m: Metrics) -> None:
    """A frame around each quadrant to point out (a meaningful difference) on the map drawn in `square`."""
    half = square.width // 2
    for corner in corners:
        dx, dy = CORNERS[corner]
        cell = pygame.Rect(square.x + (half if dx > 0 else 0), square.y + (half if dy > 0 else 0), half, half)
        pygame.draw.rect(image, theme.WARNING, cell, MARK_SCALE * m.stroke)


def at(square: pygame.Rect, spot: Spot) -> tuple[float, float]:
    """A point in map units (-1..1 across, y downward) in pixels of the map drawn in `square`."""
    half = square.width / 2
    return square.centerx + spot[0] * half, square.centery + spot[1] * half


def dashed_line(
    surface: pygame.Surface,
    colour: Colour,
    start: tuple[float, float],
    end: tuple[float, float],
    width: int,
    dash: int,
) -> None:
    length = math.dist(start, end)
    steps = max(1, int(length // dash))
    for step in range(0, steps, 2):
        a = step / steps
        b = min(1.0, (step + 1) / steps)
        pygame.draw.line(surface, colour, _along(start, end, a), _along(start, end, b), width)


def _along(start: tuple[float, float], end: tuple[float, float], share: float) -> tuple[float, float]:
    return start[0] + (end[0] - start[0]) * share, start[1] + (end[1] - start[1]) * share


def _pattern(image: pygame.Surface, cell: pygame.Rect, pattern: str, ink: Colour, metrics: Metrics) -> None:
    """The quadrant's pattern, so it is recognisable without colour."""
    step = metrics.scaled(PATTERN_STEP_SCALE)
    line = max(1, metrics.stroke // 2)
    clip = image.get_clip()
    image.set_clip(cell)
    if pattern == "dots":
        radius = max(1, metrics.scaled(DOT_SCALE))
        for x in range(cell.x + step // 2, cell.right, step):
            for y in range(cell.y + step // 2, cell.bottom, step):
                pygame.draw.circle(image, ink, (x, y), radius)
    elif pattern == "stripes":
        for offset in range(-cell.height, cell.width, step):
            pygame.draw.line(
                image, ink, (cell.x + offset, cell.bottom), (cell.x + offset + cell.height, cell.y), line
            )
    elif pattern == "grid":
        for x in range(cell.x, cell.right, step):
            pygame.draw.line(image, ink, (x, cell.y), (x, cell.bottom), line)
        for y in range(cell.y, cell.bottom, step):
            pygame.draw.line(image, ink, (cell.x, y), (cell.right, y), line)
    else:  # waves
        amplitude = metrics.scaled(WAVE_SCALE)
        for y in range(cell.y + step // 2, cell.bottom, step):
            wave = [
                (x, y + amplitude * math.sin(x * 2 * math.pi / step))
                for x in range(cell.x, cell.right + 1, 4)
            ]
            if len(wave) > 1:
                pygame.draw.lines(image, ink, False, wave, line)
    image.set_clip(clip)
