"""The briefing: title, the situation, the meters at their start levels, the start position."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from incluzo.engine.play.views import Amount, BriefingView, MapView, QuadrantView
from incluzo.scenes.actions import Action, Start
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, Scene, heading_item
from incluzo.scenes.kit.bindings import NEXT, FooterKey
from incluzo.scenes.kit.mapinfo import legend
from incluzo.scenes.kit.quadmap import Kite, MapAxes, QuadrantMap, exact
from incluzo.scenes.kit.text import Flow


def positions(quadrants: Sequence[QuadrantView]) -> str:
    """'1 Specialisme 30, 2 Maatwerk 40, ...': a profile in words and numbers."""
    return ", ".join(f"{q.number} {q.short} {q.points}" for q in quadrants)


def map_axes(view: MapView) -> MapAxes:
    return MapAxes(**dict(view.axes))


class BriefingScene(Scene):
    name = "briefing"
    layered = True

    def __init__(self, ctx: Context, view: BriefingView, map_view: MapView) -> None:
        super().__init__(ctx)
        self.view = view
        self.map_view = map_view
        self.map = QuadrantMap(view.position, map_axes(map_view), lang=ctx.lang)

    def kites_with(self) -> list[tuple[str, Kite, tuple[QuadrantView, ...]]]:
        """Each kite with its name and the quadrants it draws."""
        v = self.view
        kites = [(self.say("map.start"), Kite(exact(v.position), theme.KITE_NOW, "solid"), v.position)]
        if v.desired:
            kites.append(
                (self.say("map.desired"), Kite(exact(v.desired), theme.KITE_DESIRED, "dotted"), v.desired)
            )
        return kites

    def kites(self) -> list[tuple[str, Kite]]:
        return [(label, kite) for label, kite, _ in self.kites_with()]

    def flow(self, width: int) -> Flow:
        m, s, say, v = self.metrics, self.styles, self.say, self.view
        flow = Flow(width, self.ctx.lang)
        heading_item(flow, v.title, s["title"], 0)
        flow.text(v.description, s["body"], space_before=m.gap)
        cards = f"{v.played.fewest}-{v.played.most}" if v.played.fewest != v.played.most else v.played.most
        flow.text(say(f"briefing.mode.{self.ctx.mode}", cards=cards), s["muted"], space_before=m.gap)
        if v.meters:  # a scenario that costs nothing shows no budget
            heading_item(flow, say("briefing.budget"), s["heading"], m.margin)
            flow.add(
                widgets.chips_item(
                    [Amount(x.id, x.name, x.symbol, x.value) for x in v.meters],
                    [x.id for x in v.meters],
                    s["strong"],
                    m,
                    space_before=m.gap,
                    as_cost=False,
                )
            )
            flow.text(say("briefing.meters"), s["muted"], space_before=m.gap)
        named = (say("briefing.position.start"), say("briefing.position.desired"))
        entries = [
            (f"{name}: {positions(quadrants)}", kite)
            for name, (_, kite, quadrants) in zip(named, self.kites_with(), strict=False)
        ]
        first = len(flow.items)
        legend(flow, entries, s["body"], m)
        flow.items[first].space_before = m.margin
        return flow

    def columns(self) -> tuple[pygame.Rect, pygame.Rect]:
        return self.text_and_side(self.map_side())

    def layout(self) -> None:
        text_box, self.map_box = self.columns()
        self.paged = self.pager(self.flow(text_box.width), text_box)
        self.layout_footer()

    def primary(self) -> Action | None:
        return Start()

    def primary_key(self) -> FooterKey | None:
        return NEXT.to(Start()).labelled("key.begin").footer_key(self.say)

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        self.draw_header(surface, self.say("briefing.header"), self.view.meters)
        assert self.paged is not None
        self.paged.draw(surface)
        self.map.draw(surface, self.map_box, self.metrics, [k for _, k in self.kites()])
        self.draw_footer(surface)
