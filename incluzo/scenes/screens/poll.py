"""A poll card: the question to the room, its options as rows, and a live bar chart of the counts.

The facilitator picks an option (its letter, Up/Down/Tab, or a tap), types the room's count, corrects
with Backspace, or taps - and +. Each row shows its bar, count and share as it is typed. Enter shows the
result to the room (pollresult.py: the chart large, the leading answer marked, then the discussion
question); Backspace there goes back to the counts; Enter on the last result screen records the counts
in the session (Advance with the counts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame
from msgspec import Struct
from msgspec.structs import replace

from incluzo.engine.play.rules import MAX_COUNT
from incluzo.engine.play.views import CardView, PollOptionView, PollView
from incluzo.scenes.actions import Action, Advance, Undo
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import FOOTER_LEVELS, Context, Target
from incluzo.scenes.kit.bindings import NEXT, SKIP, UNDO, Binding, FooterKey, Local, Request
from incluzo.scenes.kit.entry import Bump, NumberEntry, Pick, Submit
from incluzo.scenes.kit.text import Flow, Style, draw_lines, line_height, render, width_of, wrap
from incluzo.scenes.screens.card import CardScene
from incluzo.scenes.screens.pollresult import draw_bar, result_steps
from incluzo.scenes.screens.steps import StepPages, step_label

BAR_SCALE = 0.3  # the thin bar of a row while the counts are typed, in body units
BUTTON_SCALE = 2.0  # the - and + buttons' width in body units
FIELD_DIGITS = "00000"  # the count field is as wide as the largest count
PERCENT_SAMPLE = "100%"


class Recount(Local, Struct, frozen=True):
    """Back from the result to the counts (Backspace)."""


RECOUNT = replace(UNDO, action=Recount(), label="poll.correct", name="recount")

Counted = Callable[[tuple[int, ...] | None], PollView]  # the poll view for counts as typed so far


@dataclass
class OptionRow:
    """An option as laid out: its panel, its wrapped label, its bar track and its buttons."""

    option: PollOptionView
    rect: pygame.Rect
    label: list[str]
    track: pygame.Rect
    minus: pygame.Rect
    field: pygame.Rect
    plus: pygame.Rect


class PollScene(CardScene):
    """The card's text on the left, the poll with its live chart where the choices would be."""

    def __init__(
        self,
        ctx: Context,
        view: CardView,
        counted: Counted,
        *,
        can_undo: bool = False,
        can_skip: bool = False,
    ) -> None:
        super().__init__(ctx, view, can_undo=can_undo, can_skip=can_skip)
        assert view.poll is not None
        self.poll: PollView = view.poll
        self.counted = counted
        self.entry = NumberEntry(len(view.poll.options), MAX_COUNT)
        self.rows: list[OptionRow] = []
        self.marks = {o.mark.lower(): i for i, o in enumerate(view.poll.options) if o.mark.isalpha()}
        self.result: StepPages | None = None  # the result moment, once Enter has shown it

    # The result moment --------------------------------------------------------------------------
    @property
    def showing(self) -> bool:
        """Whether the room sees the result (and the discussion) rather than the counts being typed."""
        return self.result is not None

    def show_result(self) -> Action | None:
        """From the counts to the result; with nothing typed only the discussion question is left, and
        without one the poll passes at once."""
        self.result = StepPages([], self.content, self.content)  # marks the moment; layout fills it
        self.page = 0
        self.relayout()
        if self.result.count == 0:
            self.result = None
            self.relayout()
            return Advance(self.counts())
        return None

    def back_to_counts(self) -> None:
        self.result = None
        self.page = 0
        self.relayout()

    # The counts ---------------------------------------------------------------------------------
    def counts(self) -> tuple[int, ...] | None:
        """The counts to record: None when nothing was typed (the poll passes without counts)."""
        return self.entry.numbers if self.entry.typed else None

    def bar_values(self) -> list[tuple[str, int | None, int, int]]:
        """Per option: its id, the count shown, its percentage and the bar's filled width in pixels."""
        return [
            (
                row.option.id,
                row.option.count,
                row.option.percent,
                round(row.track.width * row.option.percent / 100),
            )
            for row in self.rows
        ]

    def set_counts(self, counts: tuple[int, ...]) -> None:
        """Counts from elsewhere (the phones' votes); the facilitator can still type over them."""
        self.entry.values = list(counts)
        self._changed()

    def _changed(self) -> None:
        self.poll = self.counted(self.counts())
        for row, option in zip(self.rows, self.poll.options, strict=True):
            row.option = option
        if self.result is not None:  # the phones' votes came in while the room sees the result
            self.relayout()
        self.dirty = True

    # Layout -------------------------------------------------------------------------------------
    def text_flow(self, width: int) -> Flow:
        """The card's text, then how to enter the counts."""
        flow = super().text_flow(width)
        flow.text(self._how(), self.styles["muted"], space_before=self.metrics.margin)
        return flow

    def columns(self) -> tuple[pygame.Rect, pygame.Rect]:
        """Side by side, the chart getting more width until its rows fit; stacked on a narrow window."""
        m, area = self.metrics, self.content
        if not m.wide:
            text_h = min(self.text_flow(area.width).height, area.height // 3)
            text = pygame.Rect(area.x, area.y, area.width, text_h)
            return text, pygame.Rect(
                area.x, text.bottom + m.margin, area.width, area.bottom - text.bottom - m.margin
            )
        for share in theme.CARD_TEXT_SHARES:
            text = pygame.Rect(area.x, area.y, round(area.width * share) - m.margin // 2, area.height)
            chart = pygame.Rect(
                text.right + m.margin, area.y, area.right - text.right - m.margin, area.height
            )
            if self._chart(chart)[2] <= chart.bottom:
                break
        return text, chart

    def _chart(self, box: pygame.Rect) -> tuple[list[str], list[OptionRow], int]:
        """The question's lines, the option rows and the bottom of the total line, laid out in `box`."""
        m, s = self.metrics, self.styles
        question = wrap(self.poll.question.strip(), s["heading"], box.width, self.ctx.lang)
        y = box.y + len(question) * line_height(s["heading"])
        rows = []
        for option in self.poll.options:
            rows.append(self._row(option, box.x, y + m.gap, box.width))
            y = rows[-1].rect.bottom
        return question, rows, y + m.gap + line_height(s["muted"])

    def layout(self) -> None:
        if self.result is not None:
            steps = result_steps(self.poll, self.say, self.metrics)
            if self.counts() is None:  # nothing counted: no chart, only the talk
                steps = [step for step in steps if step.key != "result"]
            self.targets = []
            self.paged = self.result = StepPages(steps, self.content, self.content, self.page)
            self.page = self.result.page
            self.layout_footer()
            return
        super().layout()
        self.question, self.rows, bottom = self._chart(self.choice_box)
        self.total_y = bottom - line_height(self.styles["muted"])
        for index, row in enumerate(self.rows):
            option = row.option.id
            self.targets += [
                Target(f"option-{option}", row.rect, Pick(index)),
                Target(f"minus-{option}", row.minus, Bump(index, -1)),
                Target(f"plus-{option}", row.plus, Bump(index, 1)),
            ]
        self._changed()

    def _how(self) -> str:
        options = self.poll.options
        if options[0].mark.isalpha():
            return self.say("poll.how.letters", first=options[0].mark, last=options[-1].mark)
        return self.say("poll.how.numbers")

    def _row(self, option: PollOptionView, x: int, y: int, width: int) -> OptionRow:
        """Badge, label and share, a thin bar below the label, and - count + on the right: compact, for
        the facilitator (the room's chart is the result that follows)."""
        m, s = self.metrics, self.styles
        button = widgets.badge_size(m)
        field_w = width_of(FIELD_DIGITS, s["strong"]) + 2 * m.pad
        controls = 2 * button + field_w + 2 * m.gap
        text_x = x + 2 * m.pad + button
        text_w = x + width - controls - 2 * m.pad - text_x
        percent_w = width_of(PERCENT_SAMPLE, s["body"]) + m.gap
        label = wrap(option.label.strip(), s["strong"], text_w - percent_w, self.ctx.lang)
        label_h = len(label) * line_height(s["strong"])
        thickness = m.scaled(BAR_SCALE)
        height = max(button, label_h + m.gap // 2 + thickness) + m.pad
        rect = pygame.Rect(x, y, width, height)
        track = pygame.Rect(text_x, y + m.pad // 2 + label_h + m.gap // 2, text_w, thickness)
        top = y + m.pad // 2
        control_h = height - m.pad
        right = rect.right - m.pad
        plus = pygame.Rect(right - button, top, button, control_h)
        field = pygame.Rect(plus.x - m.gap - field_w, top, field_w, control_h)
        minus = pygame.Rect(field.x - m.gap - button, top, button, control_h)
        return OptionRow(option, rect, label, track, minus, field, plus)

    # Input --------------------------------------------------------------------------------------
    def _key(self, name: str) -> Request | None:
        if self.result is not None:
            return super()._key(name)
        if name in self.marks:
            self.entry.select(self.marks[name])
        elif self.entry.key(name):
            pass
        elif name == "backspace":
            if self.entry.backspace():
                pass
            elif not self.entry.typed and self.can_undo:
                return Undo()
            else:
                return None
        else:
            return super()._key(name)
        self._changed()
        return None

    def local(self, request: Local) -> Action | None:
        if isinstance(request, Recount):
            self.back_to_counts()
            return None
        if isinstance(request, Submit):
            return self.primary()
        if isinstance(request, Pick):
            self.entry.select(request.index)
        else:
            assert isinstance(request, Bump), request
            self.entry.bump(request.index, request.step)
        self._changed()
        return None

    def primary(self) -> Action | None:
        """Enter: from the counts to the result; on the result's last screen, record and go on."""
        if self.result is None:
            return self.show_result()
        return Advance(self.counts())

    def primary_key(self) -> FooterKey | None:
        label = "poll.show" if self.result is None else "poll.record"
        return NEXT.labelled(label).to(Submit()).footer_key(self.say)

    def bindings(self) -> list[Binding]:
        own = super().bindings()
        if self.result is not None:  # Backspace: back to the counts; K would drop them
            return [RECOUNT, *(b for b in own if b not in (UNDO, SKIP))]
        return own

    def page_label(self) -> str:
        if self.result is None:
            return super().page_label()
        return step_label(self.result, self.say, compact=self.compact >= FOOTER_LEVELS - 1)

    def header_text(self) -> str:
        words = self.say("poll.header")
        if self.result is not None:
            words = f"{words} \u00b7 {self.result.step.title}"
        return f"{super().header_text()} \u00b7 {words}"

    # Drawing ------------------------------------------------------------------------------------
    def paint(self, surface: pygame.Surface) -> None:
        if self.result is not None:
            surface.fill(theme.BACKGROUND)
            self.draw_header(surface, self.header_text(), self.view.meters)
            self.result.draw(surface)
            self.draw_footer(surface)
            return
        super().paint(surface)
        s = self.styles
        box = self.choice_box
        draw_lines(surface, self.question, s["heading"], box.x, box.y)
        for index, row in enumerate(self.rows):
            self._draw_row(surface, row, selected=index == self.entry.selected)
        total = self.poll.total
        words = self.say("poll.total", total=total) if total is not None else self.say("poll.none")
        draw_lines(
            surface, wrap(words, s["muted"], box.width, self.ctx.lang)[:1], s["muted"], box.x, self.total_y
        )

    def _draw_row(self, surface: pygame.Surface, row: OptionRow, *, selected: bool) -> None:
        m, s = self.metrics, self.styles
        name = f"option-{row.option.id}"
        fill = theme.HOVER if selected or self.hover == name else theme.PANEL
        widgets.panel(surface, row.rect, m, fill, theme.ACCENT if selected else theme.BORDER)
        if selected:
            pygame.draw.rect(surface, theme.ACCENT, row.rect, 2 * m.stroke, border_radius=m.radius)
        badge_y = row.rect.centery - widgets.badge_size(m) // 2
        widgets.letter_badge(surface, row.option.mark, (row.rect.x + m.pad, badge_y), m)
        draw_lines(surface, row.label, s["strong"], row.track.x, row.rect.y + m.pad // 2)
        draw_bar(surface, row.track, row.option, m)
        percent = render(f"{row.option.percent}%", s["body"])
        surface.blit(percent, (row.track.right - percent.get_width(), row.rect.y + m.pad // 2))
        for rect, sign, key in ((row.minus, widgets.MINUS, "minus"), (row.plus, "+", "plus")):
            widgets.panel(
                surface, rect, m, theme.HOVER if self.hover == f"{key}-{row.option.id}" else theme.PANEL
            )
            image = render(sign, s["heading"])
            surface.blit(image, image.get_rect(center=rect.center))
        typing = selected and not self.entry.fresh
        widgets.panel(surface, row.field, m, theme.PANEL, theme.ACCENT if selected else theme.BORDER)
        count = row.option.count
        style = s["strong"] if count is not None else Style("bold", m.body, theme.MUTED)
        image = render(str(count or 0), style)
        spot = image.get_rect(midright=(row.field.right - m.pad, row.field.centery))
        surface.blit(image, spot)
        if typing:
            caret = pygame.Rect(spot.right + m.stroke, spot.y, m.stroke, spot.height)
            pygame.draw.rect(surface, theme.ACCENT, caret)

    # Measuring ----------------------------------------------------------------------------------
    def overflows(self) -> list[tuple[str, int, int]]:
        """The card's text, and the poll's rows with the total below them, must fit their boxes."""
        if self.result is not None:
            return [
                ("result", screen.items[-1][0] + screen.items[-1][1].height, screen.box.height)
                for screen in self.result.screens
                if screen.items and screen.items[-1][0] + screen.items[-1][1].height > screen.box.height
            ]
        found = [f for f in super().overflows() if f[0] == "text"]
        bottom = self.total_y + line_height(self.styles["muted"])
        if bottom > self.choice_box.bottom:
            found.append(("poll", bottom - self.choice_box.y, self.choice_box.height))
        return found
