"""The outcome: what happened, what it cost (meters glide from old to new), where the marker moved,
what this choice gave up, affirmatief or transformatief, and the card's questions."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from incluzo.engine.play.phases import Mode
from incluzo.engine.play.views import ChoiceView, DecisionView, MapView, OutcomeView
from incluzo.i18n import Messages
from incluzo.scenes.actions import Action, Advance
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, Scene, bullet_list, heading_item
from incluzo.scenes.kit.bindings import END, NEXT, UNDO, Binding, FooterKey
from incluzo.scenes.kit.quadmap import Kite, MapAxes, QuadrantMap, blend, exact
from incluzo.scenes.kit.text import Flow, Style, draw_lines, line_height, width_of, wrap
from incluzo.scenes.screens.feedback import solo_feedback


def moves_text(choice: ChoiceView, say: Messages) -> str:
    """'richting Maatwerk +15' for each quadrant a choice moves toward."""
    return ", ".join(
        say("outcome.toward", name=m.name, points=widgets.signed(m.amount)) for m in choice.moves
    )


def recognition_word(recognition: str, say: Messages) -> str:
    return say(f"recognition.{recognition}")


def choice_summary(
    flow: Flow,
    choice: ChoiceView,
    say: Messages,
    styles: dict[str, Style],
    metrics: theme.Metrics,
    meter_order: Sequence[str],
    *,
    space_before: int,
) -> None:
    """A choice in a list: letter and label, its costs as chips, its moves and recognition in words."""
    flow.text(
        f"{choice.letter}. {choice.label}", styles["strong"], space_before=space_before, keep_with_next=True
    )
    indent = width_of(f"{choice.letter}. ", styles["strong"])
    flow.add(
        widgets.chips_item(
            choice.costs, meter_order, styles["body"], metrics, indent=indent, space_before=metrics.gap // 2
        )
    )
    words = [moves_text(choice, say), recognition_word(choice.recognition, say)]
    flow.text("; ".join(w for w in words if w), styles["muted"], indent=indent, space_before=metrics.gap // 2)


class OutcomeScene(Scene):
    name = "outcome"

    def __init__(
        self,
        ctx: Context,
        view: OutcomeView,
        map_view: MapView,
        *,
        can_undo: bool = True,
        can_end: bool = False,
    ) -> None:
        super().__init__(ctx)
        self.view = view
        self.decision: DecisionView = view.decision
        self.map_view = map_view
        self.can_undo = can_undo
        self.can_end = can_end  # one group: X asks to end the game early
        self.progress = 0.0
        chosen = self.decision.choice
        self.name = f"outcome-{chosen.id}" if chosen else "outcome"
        self.map = QuadrantMap(self.decision.position_after, MapAxes(), labelled=True, lang=ctx.lang)

    def flow(self, width: int, *, head_only: bool = False) -> Flow:
        """The text column; `head_only` stops after the outcome text (which must fit one page)."""
        m, s, say = self.metrics, self.styles, self.say
        d = self.decision
        flow = Flow(width, self.ctx.lang)
        heading_item(flow, d.card_title, s["title"], 0)
        choice = d.choice
        if choice is not None:
            flow.text(
                say(f"outcome.chose.{self.ctx.mode}", letter=choice.letter),
                s["heading"],
                space_before=m.gap,
                keep_with_next=True,
            )
            flow.text(choice.label, s["strong"])
            panel, ink = widgets.recognition_colours(choice.recognition)
            flow.add(
                widgets.tag_item(recognition_word(choice.recognition, say), panel, ink, m, space_before=m.gap)
            )
            flow.text(say(f"recognition.{choice.recognition}.means"), s["muted"], space_before=m.gap // 2)
            flow.text(choice.outcome, s["body"], space_before=m.gap)
        if head_only:
            return flow
        if self.ctx.mode == Mode.SOLO:
            for line in solo_feedback(d, self.map_view, say):
                flow.text(line, s["italic"], space_before=m.gap)
        if d.gave_up:
            heading_item(flow, say(f"outcome.gave_up.{self.ctx.mode}"), s["heading"], m.margin)
            order = [v.id for v in d.meters_after]
            for other in d.gave_up:
                choice_summary(flow, other, say, s, m, order, space_before=m.gap)
        if d.reflect:
            heading_item(flow, say("outcome.reflect"), s["heading"], m.margin)
            bullet_list(flow, d.reflect, s["body"], m, space_before=m.gap)
        return flow

    def columns(self) -> tuple[pygame.Rect, pygame.Rect]:
        return self.text_and_side(round(self.content.width * theme.MAP_SHARE))

    def layout(self) -> None:
        text_box, self.side_box = self.columns()
        self.paged = self.pager(self.flow(text_box.width), text_box)
        rows = len(self.decision.meters_after)
        self.meter_rows = rows * (
            line_height(self.styles["strong"]) + widgets.bar_thickness(self.metrics) + self.metrics.gap
        )
        self.layout_footer()

    def bindings(self) -> list[Binding]:
        return [*([UNDO] if self.can_undo else []), *([END] if self.can_end else [])]

    def primary(self) -> Action | None:
        return Advance()

    def primary_key(self) -> FooterKey | None:
        return NEXT.to(Advance()).footer_key(self.say)

    def update(self, dt: float) -> bool:
        if self.progress >= 1.0:
            return False
        self.progress = min(1.0, self.progress + dt / theme.ANIMATION_SECONDS)
        self.dirty = True
        return True

    def shown_meters(self) -> list[float]:
        ease = _ease(self.progress)
        return [
            b.value + (a.value - b.value) * ease
            for b, a in zip(self.decision.meters_before, self.decision.meters_after, strict=True)
        ]

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        shown = self.shown_meters()
        self.draw_header(surface, self.say("outcome.header"), self.view.meters, shown)
        assert self.paged is not None
        self.paged.draw(surface)
        self._draw_changes(surface, shown)
        self.draw_footer(surface)

    def _draw_changes(self, surface: pygame.Surface, shown: list[float]) -> None:
        """Per meter 'Kwaliteit 7 → 4 (−3)' with a bar, then the map with the marker on its way."""
        m, s = self.metrics, self.styles
        box = self.side_box
        y = box.y
        order = [v.id for v in self.decision.meters_after]
        size = widgets.icon_size(m)
        for before, after, value in zip(
            self.decision.meters_before, self.decision.meters_after, shown, strict=True
        ):
            widgets.meter_icon(
                surface, order.index(after.id), after.symbol, (box.x + size // 2, y + size // 2), m
            )
            text = self.say(
                "outcome.meter",
                name=after.name,
                before=before.value,
                after=after.value,
                change=widgets.signed(after.value - before.value),
            )
            lines = wrap(text, s["strong"], box.width - size - m.gap, self.ctx.lang)
            y += draw_lines(surface, lines, s["strong"], box.x + size + m.gap, y)
            track = pygame.Rect(box.x + size + m.gap, y, box.width - size - m.gap, widgets.bar_thickness(m))
            widgets.meter_bar(surface, track, value, after, max(after.scale, before.value))
            y += track.height + m.gap
        map_box = pygame.Rect(box.x, y + m.gap, box.width, box.bottom - y - m.gap)
        start = exact(self.decision.position_before)
        end = exact(self.decision.position_after)
        now = blend(start, end, _ease(self.progress))
        kites = [Kite(start, theme.KITE_START, "dashed"), Kite(now, theme.KITE_NOW, "solid")]
        self.map.draw(surface, map_box, m, kites, marker=now)

    def overflows(self) -> list[tuple[str, int, int]]:
        """The outcome text, with its heading, must fit on the first page."""
        assert self.paged is not None
        head = self.flow(self.paged.box.width, head_only=True).height
        return [("outcome", head, self.paged.box.height)] if head > self.paged.box.height else []


def _ease(share: float) -> float:
    """Smooth start and stop."""
    return share * share * (3 - 2 * share)
