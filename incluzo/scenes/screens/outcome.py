"""The outcome: what happened, what it cost (meters glide from old to new), the move drawn on the map
(an arrow from the old to the new balance point, each quadrant's change beside its name, and a faint
ghost arrow per choice given up, with its letter), what this choice gave up (always on the first page),
affirmatief or transformatief, and the card's questions."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from incluzo.engine.play.moves import move_view
from incluzo.engine.play.phases import Mode
from incluzo.engine.play.views import (
    Amount,
    ChoiceView,
    DecisionView,
    MapView,
    MeterView,
    OutcomeView,
    QuadrantView,
)
from incluzo.i18n import Messages
from incluzo.scenes.actions import Action, Advance
from incluzo.scenes.kit import mapmarks, theme, widgets
from incluzo.scenes.kit.base import Context, Scene, bullet_list, heading_item
from incluzo.scenes.kit.bindings import END, NEXT, UNDO, Binding, FooterKey
from incluzo.scenes.kit.mapinfo import DISC_SCALE, prefixed
from incluzo.scenes.kit.mapmarks import Marks
from incluzo.scenes.kit.quadmap import Kite, MapAxes, QuadrantMap, blend, exact
from incluzo.scenes.kit.text import Flow, Item, Style, draw_lines, draw_page, line_height, render, width_of
from incluzo.scenes.kit.theme import Colour
from incluzo.scenes.screens.feedback import solo_feedback


def moves_text(choice: ChoiceView, say: Messages) -> str:
    """'richting Maatwerk +15' for each quadrant a choice moves toward."""
    return ", ".join(
        say("outcome.toward", name=m.name, points=widgets.signed(m.amount)) for m in choice.moves
    )


def recognition_word(recognition: str, say: Messages) -> str:
    return say(f"recognition.{recognition}")


def given_up_flow(
    choice: ChoiceView,
    width: int,
    say: Messages,
    styles: dict[str, Style],
    metrics: theme.Metrics,
    quadrants: Sequence[QuadrantView],
    meter_order: Sequence[str],
    lang: str,
) -> Flow:
    """One choice given up, as a column: its letter on a ghost's plate and its label, then in one row
    (two when narrow) what it would have cost and where it would have taken the team, with the
    quadrants' numbers as on the map."""
    m = metrics
    flow = Flow(width, lang)
    size = mapmarks.label_size(choice.letter, m)

    def letter(surface: pygame.Surface, x: int, y: int) -> None:
        top = y + (line_height(styles["body"]) - size[1]) // 2
        mapmarks.draw_label(surface, pygame.Rect((x, top), size), choice.letter, "ghost", mapmarks.GHOST, m)

    indent = size[0] + m.gap
    prefixed(flow, choice.label, styles["body"], indent, letter)
    style = styles["muted"]
    colours = {q.id: theme.colour(q.colour) for q in quadrants}
    moves = [(m_.symbol, colours.get(m_.id, theme.MUTED), widgets.signed(m_.amount)) for m_ in choice.moves]
    word = recognition_word(choice.recognition, say)
    costs = widgets.chips_width(choice.costs, m, style, as_cost=True)
    effects = effects_width(moves, word, style, m)
    words = "; ".join(w for w in [moves_text(choice, say), word] if w)
    cost_words = ", ".join(f"{a.name} {widgets.chip_text(a, as_cost=True)}" for a in choice.costs)
    height = max(widgets.icon_size(m), line_height(style))
    if costs + m.margin + effects <= width - indent:
        rows = [(choice.costs, moves, "; ".join(w for w in [cost_words, words] if w))]
    else:
        rows = [(choice.costs, [], cost_words), ((), moves, words)]
    for amounts, shown, text in rows:
        if not amounts and not shown and not text:
            continue

        def paint(
            surface: pygame.Surface,
            x: int,
            y: int,
            amounts: Sequence[Amount] = amounts,
            shown: list[tuple[str, Colour, str]] = shown,
        ) -> None:
            left = x + indent
            if amounts:
                left += widgets.chips(surface, amounts, meter_order, left, y, style, m) + m.margin
            if shown or not amounts:
                draw_effects(surface, shown, word, left, y, height, style, m)

        flow.add(Item(height, paint, m.gap // 4, text=text))
    return flow


def effects_width(moves: Sequence[tuple[str, Colour, str]], word: str, style: Style, m: theme.Metrics) -> int:
    disc = m.scaled(DISC_SCALE)
    return sum(disc + m.gap // 2 + width_of(text, style) + m.gap for _, _, text in moves) + width_of(
        word, style
    )


def draw_effects(
    surface: pygame.Surface,
    moves: Sequence[tuple[str, Colour, str]],
    word: str,
    x: int,
    y: int,
    height: int,
    style: Style,
    m: theme.Metrics,
) -> None:
    """Per quadrant moved toward its number on a disc of its colour and the points ('3 +10'), then the
    recognition word."""
    disc = m.scaled(DISC_SCALE)
    middle = y + height // 2
    for number, colour, text in moves:
        centre = (x + disc // 2, middle)
        pygame.draw.circle(surface, colour, centre, disc // 2)
        image = render(number, Style("bold", m.body, theme.ink_on(colour)))
        surface.blit(image, image.get_rect(center=centre))
        x += disc + m.gap // 2
        image = render(text, style)
        surface.blit(image, (x, middle - image.get_height() // 2))
        x += image.get_width() + m.gap
    image = render(word, style)
    surface.blit(image, (x, middle - image.get_height() // 2))


SIDE_SHARES = (0.38, 0.33, 0.28, 0.24)  # the map's share of the width, tried in turn (it is square)


class OutcomeScene(Scene):
    name = "outcome"
    layered = True  # while the meters and the marker glide, they are painted over the still layer

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
        move = move_view(self.decision)
        self.marks = Marks(chosen=move.chosen, ghosts=move.ghosts, shifts=move.shifts)

    def flow(self, width: int, *, head_only: bool = False) -> Flow:
        """The text column: what happened (which must fit the first page), then the rest; what was given
        up stands in its own band below (`band`). `head_only` stops after what happened, to measure."""
        m, s, say = self.metrics, self.styles, self.say
        d = self.decision
        flow = Flow(width, self.ctx.lang)
        heading_item(flow, d.card_title, Style("bold", m.heading, theme.ACCENT), 0)
        choice = d.choice
        if choice is not None:
            chose = say(f"outcome.chose.{self.ctx.mode}", letter=choice.letter)
            flow.text(f"{chose} {choice.label}", s["strong"], space_before=m.gap)
        changed = [(b, a) for b, a in zip(d.meters_before, d.meters_after, strict=True) if a.value != b.value]
        if choice is not None:
            self._tag_and_costs(flow, choice.recognition, changed)
        if choice is not None:
            flow.text(choice.outcome, s["body"], space_before=m.gap)
        if head_only:
            return flow
        if self.ctx.mode == Mode.SOLO:
            for line in solo_feedback(d, self.map_view, say):
                flow.text(line, s["italic"], space_before=m.gap)
        if choice is not None:
            flow.text(say(f"recognition.{choice.recognition}.means"), s["muted"], space_before=m.gap)
        if d.reflect:
            heading_item(flow, say("outcome.reflect"), s["heading"], m.margin)
            bullet_list(flow, d.reflect, s["body"], m, space_before=m.gap)
        return flow

    def _tag_and_costs(
        self, flow: Flow, recognition: str, changed: list[tuple[MeterView, MeterView]]
    ) -> None:
        """The recognition tag with what the choice cost beside it: in words ('Kwaliteit 4 naar 1 (−3)')
        when they fit on the line, else as the meters' icons with the change."""
        m, s = self.metrics, self.styles
        word = recognition_word(recognition, self.say)
        panel, ink = widgets.recognition_colours(recognition)
        tag = widgets.tag_item(word, panel, ink, m, space_before=m.gap)
        tag_width = width_of(word, Style("bold", m.body, ink)) + 2 * m.pad
        costs = ", ".join(self._meter_text(b, a) for b, a in changed)
        order = [v.id for v in self.decision.meters_after]
        amounts = [Amount(a.id, a.name, a.symbol, b.value - a.value) for b, a in changed]
        room = flow.width - tag_width - m.margin
        in_words = width_of(costs, s["strong"]) <= room
        if not in_words and widgets.chips_width(amounts, m, s["strong"], as_cost=True) > room:
            flow.add(tag)
            flow.text(costs, s["strong"], space_before=m.gap // 2)
            return
        paint_tag = tag.paint

        def paint(surface: pygame.Surface, x: int, y: int) -> None:
            paint_tag(surface, x, y)
            left = x + tag_width + m.margin
            if in_words:
                image = render(costs, s["strong"])
                surface.blit(image, (left, y + (tag.height - image.get_height()) // 2))
            else:
                top = y + (tag.height - widgets.icon_size(m)) // 2
                widgets.chips(surface, amounts, order, left, top, s["strong"], m)

        flow.add(Item(tag.height, paint, m.gap, text="; ".join(w for w in [word, costs] if w)))

    def band(self, width: int) -> list[Flow]:
        """What was given up: one column per choice, side by side across `width`."""
        m, d = self.metrics, self.decision
        count = len(d.gave_up)
        if not count:
            return []
        column = (width - (count - 1) * 2 * m.gap) // count
        order = [v.id for v in d.meters_after]
        return [
            given_up_flow(c, column, self.say, self.styles, m, d.position_after, order, self.ctx.lang)
            for c in d.gave_up
        ]

    def layout(self) -> None:
        """Text beside the map; what was given up in a band of columns below both, on every page."""
        m, area = self.metrics, self.content
        self.columns_given_up = self.band(area.width)
        band = 0
        if self.columns_given_up:
            heading = line_height(self.styles["strong"])
            band = heading + m.gap // 2 + max(f.height for f in self.columns_given_up)
        self.band_box = pygame.Rect(area.x, area.bottom - band, area.width, band)
        upper = pygame.Rect(area.x, area.y, area.width, area.height - (band + m.gap if band else 0))
        for share in SIDE_SHARES:  # the largest map that leaves the outcome's text room on the first page
            self.map_box, text_box = self._split(upper, share)
            if self.flow(text_box.width, head_only=True).height <= text_box.height:
                break
        self.paged = self.pager(self.flow(text_box.width), text_box)
        self.layout_footer()

    def _split(self, upper: pygame.Rect, share: float) -> tuple[pygame.Rect, pygame.Rect]:
        """(map box, text box) in `upper`: the map on the right, `share` of the width at most, or on top
        of a narrow window."""
        m = self.metrics
        if m.wide:
            side = min(round(upper.width * share), upper.height)
            return (
                pygame.Rect(upper.right - side, upper.y, side, upper.height),
                pygame.Rect(upper.x, upper.y, upper.width - side - m.margin, upper.height),
            )
        side = round(upper.height * share * 1.5)
        return (
            pygame.Rect(upper.x, upper.y, upper.width, side),
            pygame.Rect(upper.x, upper.y + side + m.gap, upper.width, upper.height - side - m.gap),
        )

    def _meter_text(self, before: MeterView, after: MeterView) -> str:
        return self.say(
            "outcome.meter",
            name=after.name,
            before=before.value,
            after=after.value,
            change=widgets.signed(after.value - before.value),
        )

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
        if self.progress >= 1.0:
            self.repaint()  # settled: the meters and the map join the still layer
        self.dirty = True
        return True

    def shown_meters(self) -> list[float]:
        ease = _ease(self.progress)
        return [
            b.value + (a.value - b.value) * ease
            for b, a in zip(self.decision.meters_before, self.decision.meters_after, strict=True)
        ]

    @property
    def settled(self) -> bool:
        return self.progress >= 1.0

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        self._draw_header(surface, words=True, gauges=self.settled)
        assert self.paged is not None
        self.paged.draw(surface)
        if self.settled:
            self._draw_map(surface)
        self._draw_band(surface)
        self.draw_footer(surface)

    def moving_areas(self) -> list[pygame.Rect]:
        if self.settled:
            return super().moving_areas()
        header = pygame.Rect(0, 0, self.metrics.width, self.metrics.header)
        return [*super().moving_areas(), header]  # the map paints its whole box (an opaque image)

    def paint_moving(self, surface: pygame.Surface) -> None:
        super().paint_moving(surface)
        if not self.settled:
            self._draw_header(surface, words=False, gauges=True)
            self._draw_map(surface)

    def _draw_header(self, surface: pygame.Surface, *, words: bool, gauges: bool) -> None:
        shown = self.shown_meters()
        self.draw_header(
            surface, self.say("outcome.header"), self.view.meters, shown, words=words, gauges=gauges
        )

    def _draw_map(self, surface: pygame.Surface) -> None:
        """The map: the start kite, the kite and marker on their way, the arrow, ghosts and changes."""
        start = exact(self.decision.position_before)
        end = exact(self.decision.position_after)
        now = blend(start, end, _ease(self.progress))
        kites = [Kite(start, theme.KITE_START, "dashed"), Kite(now, theme.KITE_NOW, "solid")]
        self.map.draw(surface, self.map_box, self.metrics, kites, marker=now, marks=self.marks)

    def _draw_band(self, surface: pygame.Surface) -> None:
        if not self.columns_given_up:
            return
        m, box = self.metrics, self.band_box
        line = box.y - m.gap // 2
        pygame.draw.line(surface, theme.BORDER, (box.x, line), (box.right, line), max(1, m.stroke // 2))
        style = self.styles["strong"]
        draw_lines(surface, [self.say(f"outcome.gave_up.{self.ctx.mode}")], style, box.x, box.y)
        top = box.y + line_height(style) + m.gap // 2
        x = box.x
        for column in self.columns_given_up:
            draw_page(surface, column.pages(box.bottom - top + 1)[0], x, top)
            x += column.width + 2 * m.gap

    def given_up_text(self) -> list[str]:
        """The band's words, column by column (for tests and reports)."""
        return [" ".join(i.text for i in column.items) for column in self.columns_given_up]

    def overflows(self) -> list[tuple[str, int, int]]:
        """The outcome text, with its heading, must fit on the first page."""
        assert self.paged is not None
        head = self.flow(self.paged.box.width, head_only=True).height
        return [("outcome", head, self.paged.box.height)] if head > self.paged.box.height else []


def _ease(share: float) -> float:
    """Smooth start and stop."""
    return share * share * (3 - 2 * share)
