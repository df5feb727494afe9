"""The quadrant maps of a team game (M, the team debrief, its export): small multiples, one map per team
under the team's badge (shape, colour, name), each with the start (dashed) and desired (dotted) kite, the
team's kite bold in its colour and its trail as thin numbered arrows. One map per team stays readable
from one to six teams, where six kites on one map do not; every team's points are written out beside.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from incluzo.engine.play.moves import trail_arrows
from incluzo.engine.play.teamviews import TeamMapView
from incluzo.engine.play.views import MapView
from incluzo.i18n import Messages
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context
from incluzo.scenes.kit.mapinfo import legend
from incluzo.scenes.kit.mapmarks import Marks
from incluzo.scenes.kit.quadmap import Kite, MapAxes, QuadrantMap, exact
from incluzo.scenes.kit.text import Flow, line_height, render
from incluzo.scenes.kit.theme import Metrics
from incluzo.scenes.screens.overlays import MapOverlay, PagedOverlay
from incluzo.scenes.teams.badge import badge_line, draw_badge
from incluzo.scenes.teams.scene import fit_lines

TEAM_KITE = 0.2  # a team's kite line in body units (the start and desired kites are thinner)
OUTLINE = 0.34  # the dark line under it, so a light team colour shows on the tints
GRID_SHARE = 0.62  # the overlay's share of its width for the maps, from two teams on
NAMED_SIDE = 14  # body units: a smaller mini map shows the quadrants' numbers, not their names
CACHED = 24  # mini maps kept between frames (one per team, size and language)

_minis: dict[tuple[object, ...], QuadrantMap] = {}


def under_kites(view: MapView, say: Messages) -> list[tuple[str, Kite]]:
    """The start kite and, when the scenario has one, the desired kite, with their names."""
    kites = [(say("map.start"), Kite(exact(view.start), theme.KITE_START, "dashed"))]
    if view.desired:
        kites.append((say("map.desired"), Kite(exact(view.desired), theme.KITE_DESIRED, "dotted")))
    return kites


def grid(count: int, box: pygame.Rect, caption: int, gap: int) -> tuple[int, int, int]:
    """(columns, rows, side) of the grid of `count` square maps with a caption line each that gives the
    largest maps in `box`."""
    best = (1, count, 0)
    for columns in range(1, count + 1):
        rows = math.ceil(count / columns)
        side = min((box.width - (columns - 1) * gap) // columns, (box.height - rows * caption) // rows - gap)
        if side > best[2]:
            best = (columns, rows, side)
    return best


def cells(count: int, box: pygame.Rect, metrics: Metrics) -> list[tuple[pygame.Rect, pygame.Rect]]:
    """Per team (caption line, map square) in `box`, the grid centred."""
    caption = line_height(widgets.styles(metrics)["strong"]) + metrics.gap // 2
    gap = metrics.gap
    columns, rows, side = grid(count, box, caption, gap)
    width = columns * side + (columns - 1) * gap
    height = rows * (caption + side) + (rows - 1) * gap
    left, top = box.x + (box.width - width) // 2, box.y + (box.height - height) // 2
    found = []
    for index in range(count):
        row, column = divmod(index, columns)
        x, y = left + column * (side + gap), top + row * (caption + side + gap)
        found.append((pygame.Rect(x, y, side, caption), pygame.Rect(x, y + caption, side, side)))
    return found


def mini(quadrant_map: QuadrantMap, index: int, single: bool, named: bool) -> QuadrantMap:
    """The map team `index` is drawn on (each keeps its own composed image): one team's map keeps the
    axes; a small one shows the quadrants' numbers only, and no trail numbers."""
    key = (tuple(quadrant_map.quadrants), quadrant_map.lang, quadrant_map.backdrop, single, named, index)
    if key not in _minis:
        if len(_minis) >= CACHED:
            _minis.clear()
        axes = quadrant_map.axes if single else MapAxes()
        _minis[key] = QuadrantMap(
            quadrant_map.quadrants,
            axes,
            labelled=named,
            lang=quadrant_map.lang,
            backdrop=quadrant_map.backdrop,
        )
    return _minis[key]


def team_kites(team: TeamMapView, say: Messages) -> list[Kite]:
    """Start and desired kites thin beneath; the team's kite bold in its colour over a dark line."""
    colour = theme.colour(team.badge.colour)
    now = exact(team.map.now)
    return [
        *(k for _, k in under_kites(team.map, say)),
        Kite(now, theme.INK, "solid", OUTLINE),
        Kite(now, colour, "solid", TEAM_KITE),
    ]


def draw_teams_map(
    surface: pygame.Surface,
    quadrant_map: QuadrantMap,
    box: pygame.Rect,
    metrics: Metrics,
    maps: Sequence[TeamMapView],
    say: Messages,
) -> list[pygame.Rect]:
    """One map per team in `box`, each under its badge; returns the squares (in team order)."""
    squares = []
    single = len(maps) == 1
    for index, (team, (caption, square)) in enumerate(zip(maps, cells(len(maps), box, metrics), strict=True)):
        if not single:
            style = widgets.styles(metrics)["strong"]
            width = draw_badge(surface, team.badge, caption.x, caption.centery, metrics)
            name = fit_lines(
                team.badge.name, style, caption.width - width - metrics.gap, quadrant_map.lang, 1
            )
            image = render(name[0] if name else "", style)
            surface.blit(image, (caption.x + width + metrics.gap, caption.centery - image.get_height() // 2))
        area = (
            pygame.Rect(caption.x, caption.y, square.width, caption.height + square.height)
            if single
            else square
        )
        named = single or square.width >= metrics.body * NAMED_SIDE
        marks = Marks(trail=trail_arrows(team.map.trail)) if named else None  # too small for a trail
        drawn = mini(quadrant_map, index, single, named).draw(
            surface, area, metrics, team_kites(team, say), marks=marks
        )
        squares.append(drawn)
    return squares


def teams_legend(flow: Flow, maps: tuple[TeamMapView, ...], ctx: Context, metrics: Metrics) -> None:
    """Per team its shape, name and points now; then what the other lines mean."""
    s, say = widgets.styles(metrics), ctx.say
    for team in maps:
        points = ", ".join(f"{q.number}: {q.points}" for q in team.map.now)
        text = say("team.map.points", name=team.badge.name, points=points)
        badge_line(flow, team.badge, text, s["body"], metrics, space_before=metrics.gap // 2)
    legend(flow, under_kites(maps[0].map, say), s["body"], metrics)
    flow.text(say("team.map.small"), s["muted"], space_before=metrics.gap)


class TeamMapOverlay(MapOverlay):
    name = "team-map"

    def __init__(self, ctx: Context, maps: tuple[TeamMapView, ...]) -> None:
        super().__init__(ctx, maps[0].map)
        self.maps = maps

    def inner(self) -> pygame.Rect:
        """From two teams on the maps take most of the width; the words stand beside them."""
        box = super().inner()
        maps = getattr(self, "maps", ())
        if not self.metrics.wide or len(maps) < 2:
            return box
        whole = pygame.Rect(self.map_box.x, box.y, box.right - self.map_box.x, box.height)
        self.map_box = pygame.Rect(whole.x, whole.y, round(whole.width * GRID_SHARE), whole.height)
        left = self.map_box.right + self.metrics.margin
        return pygame.Rect(left, whole.y, whole.right - left, whole.height)

    def flow(self, width: int) -> Flow:
        flow = Flow(width, self.ctx.lang)
        flow.text(self.say("team.map.title"), self.styles["title"], keep_with_next=True)
        teams_legend(flow, self.maps, self.ctx, self.metrics)
        flow.text(self.say("map.reading"), self.styles["muted"], space_before=self.metrics.gap // 2)
        return flow

    def paint(self, surface: pygame.Surface) -> None:
        PagedOverlay.paint(self, surface)
        draw_teams_map(surface, self.map, self.map_box, self.metrics, self.maps, self.say)
