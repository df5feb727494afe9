"""The debrief as a sequence of full screens: the ending and the map, the budget spent (each meter from
start to end, what ran out), the decisions with what each gave up, then one reflection question a
screen in large type. Enter and PgDn go on, PgUp goes back; E exports every step (export.py)."""

from __future__ import annotations

from collections.abc import Sequence

import pygame
from msgspec.structs import replace

from incluzo.engine.play.moves import trail_arrows
from incluzo.engine.play.views import DebriefView, DecisionView, MapView, MeterView
from incluzo.i18n import Messages
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import FOOTER_LEVELS, Context, Scene, heading_item
from incluzo.scenes.kit.bindings import EXPORT, Binding, FooterKey
from incluzo.scenes.kit.mapinfo import legend, profile_rows
from incluzo.scenes.kit.mapmarks import Marks
from incluzo.scenes.kit.quadmap import Kite, QuadrantMap, exact
from incluzo.scenes.kit.text import Flow, Item, Style, line_height, render
from incluzo.scenes.kit.theme import Metrics
from incluzo.scenes.kit.widgets import listed
from incluzo.scenes.screens.briefing import map_axes
from incluzo.scenes.screens.budgetout import budget_notes
from incluzo.scenes.screens.pollresult import result_items
from incluzo.scenes.screens.steps import Step, StepPages, flow_item, question_steps, step_label

METER_ROW_BAR = 0.8  # a meter's pips on the budget step, in body units


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
    *,
    before: Sequence[Kite] = (),
) -> pygame.Rect:
    """The debrief's map in `box` (the 'ending and map' step calls this): the start, end and desired
    kites and the trail of decisions as arrows numbered as the decisions are, no number over another or
    over a quadrant's name; `before` draws kites under them (solo practice: the previous run). Returns
    the map's square."""
    kites = [*before, *(k for _, k in debrief_kites(view, say))]
    return quadrant_map.draw(surface, box, metrics, kites, marks=Marks(trail=trail_arrows(view.trail)))


def ending_step(view: DebriefView, ctx: Context, metrics: Metrics, note: str) -> Step:
    """Step 1: the ending, what stopped the game, and where the team ended on the map (beside it)."""
    s, say, m = widgets.styles(metrics), ctx.say, metrics

    def build(width: int) -> Flow:
        flow = Flow(width, ctx.lang)
        export_line(flow, note, metrics)
        heading_item(flow, view.ending_title, s["title"], 0)
        flow.text(view.ending_text, s["body"], space_before=m.gap)
        for budget_note in budget_notes(view, say):
            flow.text(budget_note, s["warning"], space_before=m.gap)
        if view.ended_early:
            flow.text(say("debrief.early"), s["warning"], space_before=m.gap)
        map_legend(flow, view, ctx, metrics)
        return flow

    return Step("ending", say("debrief.step.ending"), build, beside_map=True)


def export_line(flow: Flow, note: str, metrics: Metrics) -> None:
    """Where the export went, on top of the screen it was made from."""
    if note:
        flow.text(note, widgets.styles(metrics)["accent"])
        flow.items[-1].space_before = 0
        flow.items[-1].keep_with_next = True


def budget_step(view: DebriefView, ctx: Context, metrics: Metrics, note: str) -> Step:
    """Step 2: per meter where it started and ended, as a large row of pips; what ran out; the tally."""
    s, say, m = widgets.styles(metrics), ctx.say, metrics

    def build(width: int) -> Flow:
        flow = Flow(width, ctx.lang)
        export_line(flow, note, metrics)
        heading_item(flow, say("debrief.step.budget"), s["title"], 0)
        order = [v.id for v in view.meters]
        spent = {a.id: a.amount for a in view.spent}
        for meter in view.meters:
            flow.add(meter_row(meter, spent.get(meter.id, 0), order, metrics, width, say))
        if view.meters:
            empty = [v.name for v in view.meters if v.empty]
            words = say("debrief.ran_out", meters=listed(empty, say)) if empty else say("debrief.none_out")
            flow.text(words, s["warning" if empty else "body"], space_before=m.margin)
        heading_item(flow, say("debrief.tally"), s["heading"], m.margin)
        flow.text(
            say("debrief.tally_line", affirmative=view.tally[0], transformative=view.tally[1]),
            s["body"],
            space_before=m.gap // 2,
        )
        return flow

    return Step("budget", say("debrief.step.budget"), build)


def meter_row(
    meter: MeterView, spent: int, order: list[str], metrics: Metrics, width: int, say: Messages
) -> Item:
    """A meter large: its icon and name, 'start -> end (spent)', and its pips against the start level."""
    big = Style("bold", metrics.heading, theme.INK)
    line = line_height(big)
    thickness = metrics.scaled(METER_ROW_BAR)
    size = widgets.icon_size(metrics)
    numbers = say("debrief.from_to", start=meter.start, end=meter.value)
    change = f" ({widgets.signed(-spent)})" if spent else ""
    status = say("debrief.empty") if meter.empty else ""
    height = line + metrics.gap + thickness

    def paint(surface: pygame.Surface, x: int, y: int) -> None:
        widgets.meter_icon(
            surface, order.index(meter.id), meter.symbol, (x + size // 2, y + line // 2), metrics
        )
        left = x + size + metrics.gap
        surface.blit(render(meter.name, big), (left, y))
        right = render(numbers + change, big)
        spot = x + width - right.get_width()
        surface.blit(right, (spot, y))
        if status:
            tag = render(status, Style("bold", metrics.heading, theme.WARNING))
            surface.blit(tag, (spot - metrics.margin - tag.get_width(), y))
        track = pygame.Rect(left, y + line + metrics.gap, x + width - left, thickness)
        widgets.meter_bar(surface, track, meter.value, meter, meter.scale)

    words = f"{meter.name}: {numbers}{change}" + (f" {status}" if status else "")
    return Item(height, paint, metrics.margin, text=words)


def decisions_step(view: DebriefView, ctx: Context, metrics: Metrics, note: str) -> Step:
    """Step 3: every decision, what was chosen and what was given up, one block each (a block never
    splits: when they do not fit one screen, they go on over the next)."""
    s, say, m = widgets.styles(metrics), ctx.say, metrics
    title = say(f"debrief.decisions.{ctx.mode}")

    def build(width: int) -> Flow:
        flow = Flow(width, ctx.lang)
        export_line(flow, note, metrics)
        heading_item(flow, title, s["title"], 0)
        if not view.meters and any(view.tally):  # no budget step to say it
            words = say("debrief.tally_line", affirmative=view.tally[0], transformative=view.tally[1])
            flow.text(f"{say('debrief.tally')}: {words}", s["body"], space_before=m.gap)
        for number, decision in enumerate(view.decisions, 1):
            flow.add(flow_item(decision_block(number, decision, ctx, metrics, width), space_before=m.margin))
        return flow

    return Step("decisions", title, build)


def decision_block(number: int, decision: DecisionView, ctx: Context, metrics: Metrics, width: int) -> Flow:
    """One decision: its card, what was chosen (with its recognition) and what was left; a poll's chart."""
    s, say, m = widgets.styles(metrics), ctx.say, metrics
    title, chosen, left = decision_line(number, decision, say)
    flow = Flow(width, ctx.lang)
    flow.text(title, s["heading"])
    if decision.poll is not None and not decision.skipped:
        result_items(flow, decision.poll, say, metrics, width, compact=True)
        return flow
    flow.text(chosen, s["body"], space_before=m.gap // 3)
    flow.text(left, s["muted"], space_before=m.gap // 3)
    return flow


def debrief_steps(
    view: DebriefView, ctx: Context, metrics: Metrics, *, note: str = "", extra: Sequence[Step] = ()
) -> list[Step]:
    """The debrief as steps: the ending and the map, `extra` (solo practice: the run compared), the budget
    (when the scenario has meters), the decisions, then each reflection question on a screen of its own."""
    steps = [ending_step(view, ctx, metrics, note), *extra]
    if view.meters:  # a scenario that costs nothing has no budget to account for
        steps.append(budget_step(view, ctx, metrics, note))
    if view.decisions:
        steps.append(decisions_step(view, ctx, metrics, note))
    steps += question_steps(
        "reflect",
        view.reflect,
        lambda number, count: ctx.say("debrief.question", number=number, count=count),
        metrics,
        ctx.lang,
    )
    return steps


class DebriefScene(Scene):
    """The debrief, a step a screen (see steps.py); E exports every step."""

    name = "debrief"
    keep_primary = True
    layered = True

    def __init__(self, ctx: Context, view: DebriefView, map_view: MapView) -> None:
        super().__init__(ctx)
        self.view = view
        self.map = QuadrantMap(view.end, map_axes(map_view), lang=ctx.lang)
        self.export_note = ""

    def show_export(self, note: str) -> None:
        self.export_note = note
        self.relayout()
        self.dirty = True

    def steps(self) -> list[Step]:
        """The steps of this debrief, laid out for the window (a kind of debrief adds its own)."""
        return debrief_steps(
            self.view, self.ctx, self.metrics, note=self.export_note, extra=self.extra_steps()
        )

    def extra_steps(self) -> list[Step]:
        """Steps a kind of debrief adds right after the ending (the plain debrief adds none)."""
        return []

    def layout(self) -> None:
        self.targets = []
        text_box, self.map_box = self.map_and_text()
        self.paged = self.stepped = StepPages(self.steps(), text_box, self.content, self.page)
        self.page = self.paged.page
        self.layout_footer()

    def page_label(self) -> str:
        return step_label(self.stepped, self.say, compact=self.compact >= FOOTER_LEVELS - 1)

    def bindings(self) -> list[Binding]:
        return [replace(EXPORT, label="")]  # E is the main button, on the right

    def primary_key(self) -> FooterKey | None:
        return EXPORT.footer_key(self.say)

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        self.draw_frame(surface)
        self.draw_footer(surface)

    def draw_frame(self, surface: pygame.Surface) -> None:
        """Everything but the footer: the header naming the step, its text, the map where it has one
        (the export draws this for every step)."""
        header = f"{self.say('debrief.header')} \u00b7 {self.stepped.step.title}"
        self.draw_header(surface, header, self.view.meters)
        self.stepped.draw(surface)
        if self.stepped.step.beside_map:
            self.draw_map(surface, self.map_box)

    def draw_map(self, surface: pygame.Surface, map_box: pygame.Rect) -> None:
        """The map of the debrief, drawn in this one place."""
        draw_debrief_map(
            surface, self.map, map_box, self.metrics, self.view, self.say, before=self.earlier_kites()
        )

    def earlier_kites(self) -> list[Kite]:
        """Kites a kind of debrief draws under the game's own (the plain debrief has none)."""
        return []
