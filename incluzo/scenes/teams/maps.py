"""The quadrant map of a team game (M): every team's kite and trail at once, each in its colour and shape,
over the start (dashed) and the desired kite (dotted), with every team's points written out beside it."""

from __future__ import annotations

import pygame

from incluzo.engine.play.teamviews import TeamMapView
from incluzo.engine.play.views import MapView
from incluzo.i18n import Messages
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context
from incluzo.scenes.kit.mapinfo import legend
from incluzo.scenes.kit.quadmap import Kite, QuadrantMap, exact
from incluzo.scenes.kit.text import Flow
from incluzo.scenes.kit.theme import Metrics
from incluzo.scenes.screens.briefing import positions
from incluzo.scenes.screens.overlays import MapOverlay, PagedOverlay
from incluzo.scenes.teams.badge import badge_line, draw_team_kites


def under_kites(view: MapView, say: Messages) -> list[tuple[str, Kite]]:
    """The start kite and, when the scenario has one, the desired kite, with their names."""
    kites = [(say("map.start"), Kite(exact(view.start), theme.KITE_START, "dashed"))]
    if view.desired:
        kites.append((say("map.desired"), Kite(exact(view.desired), theme.KITE_DESIRED, "dotted")))
    return kites


def draw_teams_map(
    surface: pygame.Surface,
    quadrant_map: QuadrantMap,
    box: pygame.Rect,
    metrics: Metrics,
    maps: tuple[TeamMapView, ...],
    say: Messages,
) -> None:
    first = maps[0].map
    teams = [(t.badge, t.map.now, t.map.trail) for t in maps]
    draw_team_kites(surface, quadrant_map, box, metrics, teams, [k for _, k in under_kites(first, say)])


def teams_legend(flow: Flow, maps: tuple[TeamMapView, ...], ctx: Context, metrics: Metrics) -> None:
    """Per team its shape, name and points now; then what the other lines mean."""
    s, say = widgets.styles(metrics), ctx.say
    for team in maps:
        text = f"{team.badge.name}: {positions(team.map.now)}"
        badge_line(flow, team.badge, text, s["body"], metrics, space_before=metrics.gap // 2)
    legend(flow, under_kites(maps[0].map, say), s["body"], metrics)
    flow.text(say("team.map.reading"), s["muted"], space_before=metrics.gap)


class TeamMapOverlay(MapOverlay):
    name = "team-map"

    def __init__(self, ctx: Context, maps: tuple[TeamMapView, ...]) -> None:
        super().__init__(ctx, maps[0].map)
        self.maps = maps

    def flow(self, width: int) -> Flow:
        flow = Flow(width, self.ctx.lang)
        flow.text(self.say("team.map.title"), self.styles["title"], keep_with_next=True)
        teams_legend(flow, self.maps, self.ctx, self.metrics)
        flow.text(self.say("map.reading"), self.styles["muted"], space_before=self.metrics.gap // 2)
        return flow

    def draw(self, surface: pygame.Surface) -> None:
        PagedOverlay.draw(self, surface)
        draw_teams_map(surface, self.map, self.map_box, self.metrics, self.maps, self.say)
