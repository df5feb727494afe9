"""Filling in "Welke bril?" on the big screen: who answers, then 10 points per theme, current then desired.

The room answers as one team, or respondents take turns. Per theme the four situations are rows
marked A-D (not by quadrant: naming the quadrant would steer the answer, as OCAI knows); the
facilitator picks a row (its letter, Up/Down, a tap), types its points, corrects with Backspace or
taps - and +. Enter goes on only when the theme's points sum to exactly 10; until then the screen
says how many are left. When everyone is done the scene hands the result on (Profiled).
"""

from __future__ import annotations

import dataclasses

import pygame
from msgspec import Struct

from incluzo.engine.questionnaire.themes import (
    CURRENT,
    POINTS,
    Questionnaire,
    Response,
    Result,
    Sheet,
    result,
)
from incluzo.engine.scenario.text import Text
from incluzo.scenes.actions import Action, Profiled, Turn
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, Scene, Target, heading_item
from incluzo.scenes.kit.bindings import NEXT, FooterKey, Local, Request
from incluzo.scenes.kit.entry import Bump, NumberEntry, Pick, Submit
from incluzo.scenes.kit.text import Flow, Style, draw_lines, line_height, render, width_of, wrap

MARKS = "ABCD"
MAX_RESPONDENTS = 30
TEAM_LABEL = "team"
NOTE_SHARE = 0.58  # share of the width for the text beside the choice of who answers
STATUS_SHARE = 0.36  # share of the width for the box saying how many points are left


@dataclasses.dataclass
class Filling:
    """Who answers and how far they are: the engine's Sheet per respondent, and the points being typed."""

    themes: int
    respondents: int = 1
    team: bool = True
    done: list[Response] = dataclasses.field(default_factory=list)
    pause: str | None = "start"  # a note before going on: start | desired | next (respondent)

    def __post_init__(self) -> None:
        self.sheet = Sheet(self.themes, label=self._label())
        self.entry = NumberEntry(4, POINTS)

    def _label(self) -> str:
        return TEAM_LABEL if self.team else str(len(self.done) + 1)

    @property
    def remaining(self) -> int:
        """Points still to distribute on this theme (negative when too many are given)."""
        return POINTS - self.entry.total

    @property
    def finished(self) -> bool:
        return len(self.done) == self.respondents

    def submit(self) -> bool:
        """Accept the theme's points and go on; False (nothing changes) unless they sum to 10."""
        answered = self.sheet.answer(self.entry.numbers)
        if not isinstance(answered, Sheet):
            return False
        self.sheet = answered
        self.entry = NumberEntry(4, POINTS)
        if self.sheet.complete:
            self.done.append(self.sheet.response())
            self.sheet = Sheet(self.themes, label=self._label())
            self.pause = None if self.finished else "next"
        elif self.sheet.part != CURRENT and self.sheet.theme == 0:
            self.pause = "desired"
        return True

    def back(self) -> bool:
        """Return to the theme answered last, its points filled in again; False when there is none."""
        sheet = self.sheet
        if not (sheet.current or sheet.desired):
            return False
        points = (sheet.desired or sheet.current)[-1]
        self.sheet = sheet.back()
        self.entry = NumberEntry(4, POINTS, list(points))
        self.pause = None
        return True

    def result(self) -> Result:
        return result(self.done)


class Setup(Local, Struct, frozen=True):
    team: bool | None = None  # choose the team as a whole, or separate respondents
    step: int = 0  # one more or one fewer respondent


@dataclasses.dataclass
class Row:
    """A situation as laid out: its panel, wrapped text and buttons."""

    index: int
    rect: pygame.Rect
    lines: list[str]
    minus: pygame.Rect
    field: pygame.Rect
    plus: pygame.Rect


class QuestionnaireScene(Scene):
    name = "questionnaire"
    map_key = False

    def __init__(self, ctx: Context, questionnaire: Questionnaire) -> None:
        super().__init__(ctx)
        self.questionnaire = questionnaire
        self.filling = Filling(len(questionnaire.themes))
        self.refused = False  # Enter was pressed before the points summed to 10
        self.row_page = 0
        self.rows: list[list[Row]] = []

    def t(self, text: Text) -> str:
        found = text.get(self.ctx.lang, self.questionnaire.language)
        return found.strip()  # YAML's folded style leaves a newline at the end

    # Layout -------------------------------------------------------------------------------------
    def layout(self) -> None:
        self.targets = []
        self.paged = None
        if self.filling.pause is not None:
            self._layout_note()
        else:
            self._layout_sheet()
        self.layout_footer()

    def _layout_note(self) -> None:
        """A title and a text; at the start, beside or below it, who answers."""
        m, s, area = self.metrics, self.styles, self.content
        text = area.copy()
        if self.filling.pause == "start":
            button = line_height(s["strong"]) + 2 * m.pad
            setup_h = line_height(s["heading"]) + 3 * (button + m.gap)
            if m.wide:
                text.width = round(area.width * NOTE_SHARE)
                top = area.y + line_height(s["title"]) + m.gap
                setup = pygame.Rect(text.right + m.margin, top, area.right - text.right - m.margin, setup_h)
            else:
                text.height = area.height - setup_h - m.margin
                setup = pygame.Rect(area.x, text.bottom + m.margin, area.width, setup_h)
            self._setup_targets(setup, button)
        flow = Flow(text.width, self.ctx.lang)
        heading_item(flow, self._note_title(), s["title"], 0)
        flow.text(self._note_text(), s["body"], space_before=m.gap)
        if self.filling.pause == "start":
            flow.text(self.say("questionnaire.how"), s["muted"], space_before=m.gap)
        self.paged = self.pager(flow, text)

    def _setup_targets(self, box: pygame.Rect, button: int) -> None:
        """The two ways to answer as buttons, and - + for the number of respondents."""
        m, s = self.metrics, self.styles
        self.setup_box = box
        y = box.y + line_height(s["heading"]) + m.gap
        self.targets.append(Target("answer-team", pygame.Rect(box.x, y, box.width, button), Setup(team=True)))
        y += button + m.gap
        self.targets.append(
            Target("answer-respondents", pygame.Rect(box.x, y, box.width, button), Setup(team=False))
        )
        y += button + m.gap
        small = widgets.badge_size(m) * 2
        self.targets.append(Target("fewer", pygame.Rect(box.x, y, small, button), Setup(step=-1)))
        self.targets.append(
            Target("more", pygame.Rect(box.x + small + m.gap, y, small, button), Setup(step=1))
        )

    def _layout_sheet(self) -> None:
        """The theme's title and question, beside them how many points are left, then the situations."""
        m, s, area = self.metrics, self.styles, self.content
        theme_ = self.questionnaire.themes[self.filling.sheet.theme]
        top = area.y + self._head(area) + m.gap
        rows = [self._row(i, situation, area.x, area.width) for i, situation in enumerate(theme_.situations)]
        self.rows = self._pages(rows, top, area.bottom)
        if len(self.rows) > 1:  # hyphenated to fill the lines, the rows may still fit one page
            rows = [
                self._row(i, situation, area.x, area.width, fill=True)
                for i, situation in enumerate(theme_.situations)
            ]
            self.rows = self._pages(rows, top, area.bottom)
        if len(self.rows) > 1:  # room for the page count under the rows
            self.rows = self._pages(rows, top, area.bottom - line_height(s["muted"]))
        self.row_page = min(self.row_page, len(self.rows) - 1)
        for row in self.rows[self.row_page]:
            self.targets += [
                Target(f"situation-{MARKS[row.index]}", row.rect, Pick(row.index)),
                Target(f"minus-{MARKS[row.index]}", row.minus, Bump(row.index, -1)),
                Target(f"plus-{MARKS[row.index]}", row.plus, Bump(row.index, 1)),
            ]

    def _pages(self, rows: list[Row], top: int, bottom: int) -> list[list[Row]]:
        """The rows placed from `top`, a new page whenever the next one would pass `bottom`."""
        gap = self.metrics.gap // 2
        pages: list[list[Row]] = [[]]
        y = top
        for row in rows:
            if pages[-1] and y + row.rect.height > bottom:
                pages.append([])
                y = top
            shift = y - row.rect.y
            for rect in (row.rect, row.minus, row.field, row.plus):
                rect.move_ip(0, shift)
            pages[-1].append(row)
            y = row.rect.bottom + gap
        return pages

    def _head(self, area: pygame.Rect) -> int:
        """Lay out the title and question and the status box (beside them, or below on a narrow
        window); returns their height."""
        m, s = self.metrics, self.styles
        theme_ = self.questionnaire.themes[self.filling.sheet.theme]
        status_w = round(area.width * STATUS_SHARE) if m.wide else area.width
        text_w = area.width - status_w - m.margin if m.wide else area.width
        self.title_lines = wrap(self.t(theme_.title), s["title"], text_w, self.ctx.lang)
        question = self.t(theme_.question)
        self.question_lines = wrap(question, s["muted"], text_w, self.ctx.lang) if question else []
        text_h = len(self.title_lines) * line_height(s["title"]) + len(self.question_lines) * line_height(
            s["muted"]
        )
        longest = max(
            len(wrap(words, s["strong"], status_w - 2 * m.pad, self.ctx.lang))
            for words in self._status_samples()
        )
        status_h = longest * line_height(s["strong"]) + 2 * m.pad
        if m.wide:
            self.status_box = pygame.Rect(area.right - status_w, area.y, status_w, status_h)
            return max(text_h, status_h)
        self.status_box = pygame.Rect(area.x, area.y + text_h + m.gap, status_w, status_h)
        return text_h + m.gap + status_h

    def _status_samples(self) -> list[str]:
        """The longest things the status box may have to say (it is laid out for the longest)."""
        say = self.say
        return [
            say("questionnaire.complete"),
            f"{say('questionnaire.left', points=POINTS - 1)} {say('questionnaire.refused')}",
            f"{say('questionnaire.over', points=POINTS * 10)} {say('questionnaire.refused')}",
        ]

    def _row(self, index: int, situation: Text, x: int, width: int, *, fill: bool = False) -> Row:
        """Badge, the situation's text, and - points + on the right (below the text on a narrow window)."""
        m, s = self.metrics, self.styles
        button = widgets.badge_size(m)
        field_w = width_of("10", s["heading"]) + 4 * m.pad
        controls = 2 * button + field_w + 2 * m.gap
        text_x = x + 2 * m.pad + button
        text_w = x + width - m.pad - text_x - (controls + m.pad if m.wide else 0)
        lines = wrap(self.t(situation), s["body"], text_w, self.ctx.lang, fill=fill)
        text_h = len(lines) * line_height(s["body"])
        if m.wide:
            height = max(button, text_h) + m.pad
            control_h = min(height - m.pad, 2 * button)
            top = (height - control_h) // 2
        else:
            control_h = button
            height = text_h + control_h + m.gap + m.pad
            top = m.pad // 2 + text_h + m.gap
        rect = pygame.Rect(x, 0, width, height)
        plus = pygame.Rect(rect.right - m.pad - button, top, button, control_h)
        field_ = pygame.Rect(plus.x - m.gap - field_w, top, field_w, control_h)
        minus = pygame.Rect(field_.x - m.gap - button, top, button, control_h)
        return Row(index, rect, lines, minus, field_, plus)

    # Words ----------------------------------------------------------------------------------------
    def _note_title(self) -> str:
        pause, filling = self.filling.pause, self.filling
        if pause == "start":
            return self.t(self.questionnaire.title)
        if pause == "desired":
            return self.say("questionnaire.desired.title")
        return self.say("questionnaire.next.title", number=len(filling.done) + 1, count=filling.respondents)

    def _note_text(self) -> str:
        pause = self.filling.pause
        if pause == "start":
            return self.t(self.questionnaire.description)
        if pause == "desired":
            return self.say("questionnaire.desired.text")
        return self.say("questionnaire.next.text")

    def status(self) -> tuple[str, str]:
        """The line under the situations and its style: how many points are left, or that all are given."""
        left = self.filling.remaining
        if left == 0:
            return self.say("questionnaire.complete"), "accent"
        key = "questionnaire.left" if left > 0 else "questionnaire.over"
        words = self.say(f"{key}.one") if abs(left) == 1 else self.say(key, points=abs(left))
        if self.refused:
            words = f"{words} {self.say('questionnaire.refused')}"
        return words, "warning"

    def header_text(self) -> str:
        filling = self.filling
        if filling.pause is not None:
            return self.say("questionnaire.header")
        sheet = filling.sheet
        part = self.say(
            "questionnaire.part.current" if sheet.part == CURRENT else "questionnaire.part.desired"
        )
        progress = self.say("questionnaire.progress", theme=sheet.theme + 1, themes=filling.themes)
        if filling.respondents > 1:
            progress += ", " + self.say(
                "questionnaire.respondent", number=len(filling.done) + 1, count=filling.respondents
            )
        return f"{part} \u00b7 {progress}"

    # Input --------------------------------------------------------------------------------------
    def primary(self) -> Action | None:
        return self._go_on()

    def go_on(self) -> Action | None:
        if self.filling.pause is not None and self.paged and self.paged.page < self.paged.count - 1:
            return Turn(1)
        return self._go_on()

    def primary_key(self) -> FooterKey | None:
        label = "key.begin" if self.filling.pause == "start" else "key.next"
        return NEXT.labelled(label).to(Submit()).footer_key(self.say)

    def _go_on(self) -> Action | None:
        filling = self.filling
        if filling.pause is not None:
            filling.pause = None
        elif not filling.submit():
            self.refused = True
            self.dirty = True
            return None
        self.refused = False
        self.row_page = 0
        if filling.finished:
            return Profiled(filling.result())
        self.relayout()
        return None

    def _key(self, name: str) -> Request | None:
        filling = self.filling
        if filling.pause == "start":
            setup = {
                "t": Setup(team=True),
                "r": Setup(team=False),
                "+": Setup(step=1),
                "=": Setup(step=1),
                "-": Setup(step=-1),
            }.get(name)
            if setup is not None:
                self._setup(setup)
                return None
        if filling.pause is None:
            if name in ("a", "b", "c", "d"):
                self._pick(MARKS.index(name.upper()))
                return None
            if filling.entry.key(name):
                self._typed()
                return None
            if name == "backspace":
                if not filling.entry.backspace() and not filling.entry.typed:
                    filling.back()
                    self.relayout()
                self._typed()
                return None
        return super()._key(name)

    def local(self, request: Local) -> Action | None:
        if isinstance(request, Submit):
            return self._go_on()
        if isinstance(request, Setup):
            self._setup(request)
        elif isinstance(request, Pick):
            self._pick(request.index)
        else:
            assert isinstance(request, Bump), request
            self.filling.entry.bump(request.index, request.step)
            self._typed()
        return None

    def _setup(self, setup: Setup) -> None:
        filling = self.filling
        if setup.team is not None:
            filling.team = setup.team
            filling.respondents = 1 if setup.team else max(2, filling.respondents)
        if setup.step:
            filling.team = False
            filling.respondents = max(2, min(MAX_RESPONDENTS, filling.respondents + setup.step))
        filling.sheet = Sheet(filling.themes, label=TEAM_LABEL if filling.team else "1")
        self.dirty = True

    def _pick(self, index: int) -> None:
        self.filling.entry.select(index)
        page = next(i for i, rows in enumerate(self.rows) if any(r.index == index for r in rows))
        if page != self.row_page:
            self.row_page = page
            self.relayout()
        self.dirty = True

    def _typed(self) -> None:
        self.refused = False
        self.dirty = True

    def turn(self, step: int) -> None:
        if self.filling.pause is None and len(self.rows) > 1:
            self.row_page = max(0, min(len(self.rows) - 1, self.row_page + step))
            self.relayout()
            return
        super().turn(step)

    # Drawing ------------------------------------------------------------------------------------
    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        self.draw_header(surface, self.header_text(), [])
        if self.filling.pause is not None:
            assert self.paged is not None
            self.paged.draw(surface)
            if self.filling.pause == "start":
                self._draw_setup(surface)
        else:
            self._draw_sheet(surface)
        self.draw_footer(surface)

    def _draw_setup(self, surface: pygame.Surface) -> None:
        m, s, filling = self.metrics, self.styles, self.filling
        box = self.setup_box
        draw_lines(surface, [self.say("questionnaire.who")], s["heading"], box.x, box.y)
        options = {
            "answer-team": ("T", self.say("questionnaire.team"), filling.team),
            "answer-respondents": (
                "R",
                self.say("questionnaire.respondents", count=max(2, filling.respondents)),
                not filling.team,
            ),
        }
        for target in self.targets:
            if target.name in options:
                key, label, on = options[target.name]
                widgets.panel(
                    surface, target.rect, m, self.fill_for(target.name), theme.ACCENT if on else theme.BORDER
                )
                if on:
                    pygame.draw.rect(surface, theme.ACCENT, target.rect, 2 * m.stroke, border_radius=m.radius)
                x = target.rect.x + m.pad
                x += widgets.keycap(surface, key, x, target.rect.centery, m) + m.gap
                text = wrap(
                    label, s["strong" if on else "body"], target.rect.right - m.pad - x, self.ctx.lang
                )[0]
                image = render(text, s["strong" if on else "body"])
                surface.blit(image, (x, target.rect.centery - image.get_height() // 2))
            elif target.name in ("fewer", "more"):
                self._button(
                    surface, target.rect, widgets.MINUS if target.name == "fewer" else "+", target.name
                )

    def _button(self, surface: pygame.Surface, rect: pygame.Rect, sign: str, name: str) -> None:
        widgets.panel(surface, rect, self.metrics, self.fill_for(name))
        image = render(sign, self.styles["heading"])
        surface.blit(image, image.get_rect(center=rect.center))

    def _draw_sheet(self, surface: pygame.Surface) -> None:
        m, s, area = self.metrics, self.styles, self.content
        y = area.y + draw_lines(surface, self.title_lines, s["title"], area.x, area.y)
        draw_lines(surface, self.question_lines, s["muted"], area.x, y)
        words, style = self.status()
        box = self.status_box
        widgets.panel(surface, box, m, theme.PANEL, theme.ACCENT if style == "accent" else theme.WARNING)
        lines = wrap(words, s[style], box.width - 2 * m.pad, self.ctx.lang)
        draw_lines(surface, lines, s[style], box.x + m.pad, box.y + m.pad)
        for row in self.rows[self.row_page]:
            self._draw_row(surface, row)
        if len(self.rows) > 1:
            words = f"{self.say('page', page=self.row_page + 1, pages=len(self.rows))} (PgDn, PgUp)"
            draw_lines(surface, [words], s["muted"], area.x, area.bottom - line_height(s["muted"]))

    def _draw_row(self, surface: pygame.Surface, row: Row) -> None:
        m, s = self.metrics, self.styles
        entry = self.filling.entry
        mark = MARKS[row.index]
        selected = entry.selected == row.index
        fill = theme.HOVER if selected or self.hover == f"situation-{mark}" else theme.PANEL
        widgets.panel(surface, row.rect, m, fill, theme.ACCENT if selected else theme.BORDER)
        if selected:
            pygame.draw.rect(surface, theme.ACCENT, row.rect, 2 * m.stroke, border_radius=m.radius)
        badge_y = row.rect.centery - widgets.badge_size(m) // 2
        widgets.letter_badge(surface, mark, (row.rect.x + m.pad, badge_y), m)
        x = row.rect.x + 2 * m.pad + widgets.badge_size(m)
        draw_lines(surface, row.lines, s["body"], x, row.rect.y + m.pad // 2)
        self._button(surface, row.minus, widgets.MINUS, f"minus-{mark}")
        self._button(surface, row.plus, "+", f"plus-{mark}")
        widgets.panel(surface, row.field, m, theme.PANEL, theme.ACCENT if selected else theme.BORDER)
        value = entry.values[row.index]
        style = s["heading"] if value is not None else Style("bold", m.heading, theme.MUTED)
        image = render(str(value or 0), style)
        spot = image.get_rect(center=row.field.center)
        surface.blit(image, spot)
        if selected and not entry.fresh:
            pygame.draw.rect(
                surface, theme.ACCENT, pygame.Rect(spot.right + m.stroke, spot.y, m.stroke, spot.height)
            )

    # Measuring ----------------------------------------------------------------------------------
    def overflows(self) -> list[tuple[str, int, int]]:
        """Situations that need a second page of rows at this size (they still show, paged)."""
        return [("situations", len(self.rows), 1)] if len(self.rows) > 1 else []
