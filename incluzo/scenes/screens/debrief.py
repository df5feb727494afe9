"""The debrief: start, end and desired kites with the trail, what was spent per meter, the tally,
every decision with what it gave up, the ending and the questions. E exports it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pygame

from incluzo.engine.play.moves import trail_arrows
from incluzo.engine.play.views import DebriefView, DecisionView, MapView
from incluzo.i18n import Messages
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, Scene, bullet_list, heading_item
from incluzo.scenes.kit.bindings import EXPORT, Binding, FooterKey
from incluzo.scenes.kit.mapinfo import legend, profile_rows
from incluzo.scenes.kit.mapmarks import Marks
from incluzo.scenes.kit.quadmap import Kite, QuadrantMap, exact
from incluzo.scenes.kit.text import Flow
from incluzo.scenes.kit.theme import Metrics
from incluzo.scenes.screens.briefing import map_axes
from incluzo.scenes.screens.poll import chart_items


def debrief_kites(view: DebriefView, say: Messages) -> list[tuple[str, Kite]]:
    kites = [
        (say("map.start"), Kite(exact(view.start), theme.KITE_START, "dashed")),
        (say("map.end"), Kite(exact(view.end), theme.KITE_NOW, "solid")),
    ]
    if view.desired:
        kites.append((say("map.desired"), Kite(exact(view.desired), theme.KITE_DESIRED, "dotted")))
    return kites


def decision_line(number: int, decision: DecisionView, say: Messages) -> tuple[str, str, str]:
    """The decision's title, what was chosen (with A/T) and what was left, in words."""
    title = f"{number}. {decision.card_title}"
    if decision.skipped:
        return title, say("debrief.skipped"), ""
    if decision.choice is None:
        return title, say("debrief.event"), ""
    chosen = say(
        "debrief.chosen",
        letter=decision.choice.letter,
        label=decision.choice.label,
        recognition=say(f"recognition.{decision.choice.recognition}"),
    )
    left = "; ".join(f"{c.letter}. {c.label}" for c in decision.gave_up)
    return title, chosen, say("debrief.left", choices=left) if left else ""


def map_legend(flow: Flow, view: DebriefView, ctx: Context, metrics: Metrics) -> None:
    """The map in words: each quadrant's points at the start, the end and the goal, then what each line
    and the trail's arrows mean."""
    s, say, m = widgets.styles(metrics), ctx.say, metrics
    heading_item(flow, say("debrief.profile"), s["heading"], m.margin)
    profile_rows(flow, say, view.start, view.end, "map.end", view.desired, s["body"], m)
    legend(
        flow, [*debrief_kites(view, say), (say("map.steps"), Kite((), theme.TRAIL, "solid"))], s["body"], m
    )


def draw_debrief_map(
    surface: pygame.Surface,
    quadrant_map: QuadrantMap,
    box: pygame.Rect,
    metrics: Metrics,
    view: DebriefView,
    say: Messages,
) -> pygame.Rect:
    """The debrief's map in `box` (the 'ending and map' step calls this): the start, end and desired
    kites and the trail of decisions as arrows numbered as the decisions are, no number over another or
    over a quadrant's name. Returns the map's square."""
    kites = [k for _, k in debrief_kites(view, say)]
    return quadrant_map.draw(surface, box, metrics, kites, marks=Marks(trail=trail_arrows(view.trail)))


def debrief_flow(
    view: DebriefView,
    ctx: Context,
    metrics: Metrics,
    width: int,
    *,
    export_note: str = "",
    after_ending: Callable[[Flow], None] | None = None,
) -> Flow:
    """Everything the debrief says, as one flow (the screen pages it; the PNG export shows it whole).
    `after_ending` adds a section of its own between the ending and the profile."""
    s, say, m = widgets.styles(metrics), ctx.say, metrics
    flow = Flow(width, ctx.lang)
    heading_item(flow, view.ending_title, s["title"], 0)
    flow.text(view.ending_text, s["body"], space_before=m.gap)
    if view.exhausted_at:
        flow.text(say("debrief.exhausted", card=view.exhausted_at), s["warning"], space_before=m.gap)
    if view.ended_early:
        flow.text(say("debrief.early"), s["warning"], space_before=m.gap)
    if export_note:
        flow.text(export_note, s["accent"], space_before=m.gap)
    if after_ending is not None:
        after_ending(flow)
    map_legend(flow, view, ctx, m)
    if view.meters:  # a scenario that costs nothing has no meters to account for
        heading_item(flow, say("debrief.spent"), s["heading"], m.margin)
        order = [v.id for v in view.meters]
        flow.add(widgets.chips_item(view.spent, order, s["strong"], m, space_before=m.gap))
        flow.text(
            say("debrief.left_over", levels=", ".join(f"{v.name} {v.value}" for v in view.meters)),
            s["muted"],
            space_before=m.gap // 2,
        )
    if view.meters or any(view.tally):
        heading_item(flow, say("debrief.tally"), s["heading"], m.margin)
        flow.text(
            say("debrief.tally_line", affirmative=view.tally[0], transformative=view.tally[1]),
            s["body"],
            space_before=m.gap // 2,
        )
    heading_item(flow, say(f"debrief.decisions.{ctx.mode}"), s["heading"], m.margin)
    for number, decision in enumerate(view.decisions, 1):
        title, chosen, left = decision_line(number, decision, say)
        flow.text(title, s["strong"], space_before=m.gap, keep_with_next=True)
        if decision.poll is not None and not decision.skipped:  # a poll: the chart of the counts recorded
            chart_items(flow, decision.poll, say, m, width)
            continue
        flow.text(chosen, s["body"])
        flow.text(left, s["muted"])
    if view.reflect:
        heading_item(flow, say("debrief.reflect"), s["heading"], m.margin)
        bullet_list(flow, view.reflect, s["body"], m, space_before=m.gap)
    return flow


class DebriefScene(Scene):
    name = "debrief"
    keep_primary = True

    def __init__(self, ctx: Context, view: DebriefView, map_view: MapView) -> None:
        super().__init__(ctx)
        self.view = view
        self.map = QuadrantMap(view.end, map_axes(map_view), lang=ctx.lang)
        self.export_note = ""

    def show_export(self, note: str) -> None:
        self.export_note = note
        self.relayout()
        self.dirty = True

    def layout(self) -> None:
        self.targets = []
        text_box, self.map_box = self.map_and_text()
        self.paged = self.pager(self.flow(text_box.width), text_box)
        self.layout_footer()

    def flow(self, width: int) -> Flow:
        """What the debrief says, in a column of `width`."""
        return debrief_flow(
            self.view,
            self.ctx,
            self.metrics,
            width,
            export_note=self.export_note,
            after_ending=self.after_ending,
        )

    def after_ending(self, flow: Flow) -> None:
        """A section a kind of debrief adds right after the ending (the plain debrief adds none)."""

    def bindings(self) -> list[Binding]:
        return [replace(EXPORT, label="")]  # E is the main button, on the right

    def primary_key(self) -> FooterKey | None:
        return EXPORT.footer_key(self.say)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.draw_header(surface, self.say("debrief.header"), self.view.meters)
        self.draw_body(surface, self.map_box)
        self.draw_footer(surface)

    def draw_body(self, surface: pygame.Surface, map_box: pygame.Rect) -> None:
        assert self.paged is not None
        self.paged.draw(surface)
        draw_debrief_map(surface, self.map, map_box, self.metrics, self.view, self.say)
