"""The reveal: the card's choices as columns, each with the teams that chose it, revealed in steps.

One column per choice (its letter, affirmatief or transformatief, its label and costs), all in one row
where they are wide enough, else in two rows; each team stands once, under the choice it made (by
name, or by its badge alone when names would not fit). The facilitator reveals the chosen columns one
by one with Enter (PgUp and PgDn step back and on): a step shows the teams of the next chosen choice
and, below the columns, what that choice led to; where that does not fit, it gets a step of its own.
A last step puts the card's questions to the room. The columns never move between steps. The team
panel on the right shows every team's meters: as they were until its choice is revealed, then what
the choice left, with the letter it chose. A poll or an event card is one step. The quadrant map with
every team's kite is one key away (M).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
from msgspec import Struct
from msgspec.structs import replace

from incluzo.engine.play.teamviews import RevealView, TeamDecisionView
from incluzo.engine.play.views import Amount, ChoiceView, MeterView, PollView
from incluzo.scenes.actions import Action, Turn
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, bullet_list, heading_item
from incluzo.scenes.kit.bindings import (
    NEXT,
    TEAM_BACK,
    TEAM_END,
    TEAM_NOTES,
    TEAM_REVEAL,
    TEAM_SELECT,
    TEAM_UNDO,
    TEAM_UNDO_ROUND,
    TEAM_UNDO_TEAM,
    Binding,
    FooterKey,
    Local,
)
from incluzo.scenes.kit.text import Flow, Item, Style, draw_page, line_height, render, width_of
from incluzo.scenes.kit.theme import Metrics
from incluzo.scenes.screens import steps as screen_steps
from incluzo.scenes.screens.outcome import recognition_word
from incluzo.scenes.screens.pollresult import result_steps
from incluzo.scenes.teams import panel
from incluzo.scenes.teams.actions import AskUndo, Back, NextRound, SelectTeam
from incluzo.scenes.teams.badge import badge_width, chips_width, draw_badge
from incluzo.scenes.teams.panel import TeamRow, clock
from incluzo.scenes.teams.scene import TeamScene, fit_lines

MIN_COLUMN = 8  # body units: narrower choice columns go in two rows
HIGHLIGHT = 3  # strokes around the column revealed last


class NextStep(Local):
    """Enter on the reveal: show the next step."""


class Step(Struct, frozen=True):
    """One step of the reveal: a chosen choice's teams (with what it led to below the columns when
    that fits: `band`), what it led to on its own (`focus`), or the discussion (`choice` None)."""

    choice: ChoiceView | None
    band: bool = True
    focus: bool = False


def chip_lines(
    amounts: tuple[Amount, ...], width: int, metrics: Metrics, style: Style
) -> list[tuple[Amount, ...]]:
    """The costs in as many lines of chips as a narrow column needs."""
    lines: list[tuple[Amount, ...]] = []
    for amount in amounts:
        if lines and chips_width((*lines[-1], amount), metrics, style, as_cost=True) <= width:
            lines[-1] = (*lines[-1], amount)
        else:
            lines.append((amount,))
    return lines


class TeamRevealScene(TeamScene):
    name = "team-reveal"
    layered = True  # only a lit control moves: each step is laid out (and its layer painted) anew

    def __init__(
        self,
        ctx: Context,
        view: RevealView,
        *,
        notes: str = "",
        text: str = "",
        show_notes: bool = False,
        selected: int | None = None,
        costs: bool = True,
        review: bool = False,
        step: int | None = None,
    ) -> None:
        super().__init__(ctx, review=review)
        self.view = view
        self.notes = notes
        self.text = text  # an event or poll card's text: there is no choice to show
        self.show_notes = show_notes
        self.selected = selected
        self.costs = costs
        self.name = f"team-reveal-{view.round}"
        self.wanted = step  # the step asked for; laid out, it is kept within the plan
        self.title_in_header = False  # when the columns need the title's room
        self.plan: list[Step] = [Step(None)]
        self.step = 1

    # What the reveal shows -----------------------------------------------------------------------
    @property
    def played(self) -> list[TeamDecisionView]:
        return [t for t in self.view.teams if t.decision is not None]

    @property
    def choices(self) -> list[ChoiceView]:
        """Every choice of the card that a team was offered, in letter order."""
        found: dict[str, ChoiceView] = {}
        for team in self.played:
            assert team.decision is not None
            if team.decision.choice is not None:
                for choice in (team.decision.choice, *team.decision.gave_up):
                    found.setdefault(choice.id, choice)
        return sorted(found.values(), key=lambda choice: choice.letter)

    def teams_of(self, choice_id: str) -> list[TeamDecisionView]:
        return [
            t for t in self.played if t.decision and t.decision.choice and t.decision.choice.id == choice_id
        ]

    @property
    def chosen(self) -> list[ChoiceView]:
        """The choices some team made, in the order they are revealed."""
        return [c for c in self.choices if self.teams_of(c.id)]

    @property
    def questions(self) -> tuple[str, ...]:
        return next((t.decision.reflect for t in self.played if t.decision and t.decision.reflect), ())

    @property
    def discussion(self) -> bool:
        """A last step for the room: how the teams chose, and the card's questions."""
        return bool(self.chosen) and (bool(self.questions) or len(self.played) > 1)

    @property
    def steps(self) -> int:
        return len(self.plan)

    @property
    def shown_step(self) -> Step:
        return self.plan[self.step - 1]

    def shown(self, choice: ChoiceView) -> bool:
        """Whether this column's teams are revealed at the step shown: the chosen ones up to the step's,
        and the ones nobody chose before it (all of them at the discussion)."""
        current = self.shown_step.choice
        return current is None or choice.letter <= current.letter

    @property
    def current(self) -> ChoiceView | None:
        """The choice the step shown reveals (None at the discussion, or on a poll or event card)."""
        return self.shown_step.choice

    def revealed(self, team: TeamDecisionView) -> bool:
        d = team.decision
        return d is None or d.choice is None or self.shown(d.choice)

    def team_rows(self) -> list[TeamRow]:
        rows = []
        for team in self.view.teams:
            d = team.decision
            selected = self.selected == team.badge.number
            if d is None:
                meters = team.meters
                rows.append(
                    TeamRow(
                        team.badge,
                        meters if self.costs else (),
                        False,
                        "",
                        self.say("team.status.watching"),
                        selected,
                    )
                )
                continue
            shown = self.revealed(team)
            meters = d.meters_after if shown else d.meters_before
            mark = (d.choice.letter if shown else "check") if d.choice is not None else ""
            rows.append(TeamRow(team.badge, meters if self.costs else (), True, mark, "", selected))
        return rows

    # Steps ----------------------------------------------------------------------------------------
    def go_on(self) -> Action | Local | None:
        """Enter: the rest of a step that needed a second page (a small window), else the next step,
        and after the last one the next card."""
        if self.paged is not None and self.paged.page < self.paged.count - 1:
            return Turn(1)
        return NextStep() if self.step < self.steps else self.primary()

    def local(self, request: Local) -> Action | None:
        if isinstance(request, NextStep):
            self.to_step(self.step + 1)
        return None

    def turn(self, step: int) -> None:
        """PgUp and PgDn walk the steps (and the pages of a step that needed more than one)."""
        paged = self.paged
        if paged is not None and 0 <= paged.page + step < paged.count:
            super().turn(step)
            return
        self.to_step(self.step + step)

    def to_step(self, number: int) -> None:
        number = max(1, min(self.steps, number))
        if number != self.step:
            self.wanted, self.page = number, 0
            self.relayout()

    # Layout --------------------------------------------------------------------------------------
    def fits(self) -> bool:
        """Whether the step shown fits one screen."""
        return self.paged is not None and self.paged.count == 1

    def layout(self) -> None:
        m, s = self.metrics, self.styles
        card, self.teams_box = panel.split(self.content, self.team_rows(), m, s, meters=self.costs)
        self.team_rects = panel.place_rows(self.teams_box, len(self.view.teams), m, s, meters=self.costs)
        self.title_in_header = False
        if self.view.poll is not None:  # a poll: the result moment every mode shares
            self.plan, self.step, self.wanted, self.columns = [Step(None)], 1, 1, []
            self.paged = screen_steps.StepPages(self.poll_steps(self.view.poll), card, card, self.page)
            self.page = self.paged.page
            self.layout_footer()
            return
        top = self.top_flow(card.width)
        self.columns = self.column_rows(card.width, names=True)
        if top.height + sum(r.space_before + r.height for r in self.columns) > card.height:
            self.columns = self.column_rows(card.width, names=False)  # the badges without their names
        if self.columns and top.height + sum(r.space_before + r.height for r in self.columns) > card.height:
            self.title_in_header = True  # the card's title moves up into the header
            top = self.top_flow(card.width)
        self.plan = self.make_plan(card, top.height + sum(r.space_before + r.height for r in self.columns))
        last = len(self.plan)
        self.step = last if self.review else max(1, min(self.wanted or 1, last))
        self.wanted = self.step
        self.paged = self.pager(self.flow(card.width), card)
        self.layout_footer()

    def poll_steps(self, poll: PollView) -> list[screen_steps.Step]:
        """The room's result (the chart large, the lead marked), then the discussion; the notes first
        when the facilitator asked for them."""
        steps = result_steps(poll, self.say, self.metrics, title=self.view.card_title)
        if not self.show_notes:
            return steps

        def notes(width: int) -> Flow:
            flow = Flow(width, self.ctx.lang)
            heading_item(flow, self.say("notes"), self.styles["heading"], 0)
            flow.text(
                self.notes or self.say("notes.none"), self.styles["italic"], space_before=self.metrics.gap
            )
            return flow

        return [screen_steps.Step("notes", self.say("notes"), notes), *steps]

    def make_plan(self, card: pygame.Rect, columns: int) -> list[Step]:
        """The steps: per chosen choice its teams, with what it led to below the columns when that
        fits, else on a step of its own; then the discussion. A poll or event card: one step."""
        if not self.chosen:
            return [Step(None)]
        plan = []
        for choice in self.chosen:
            band = self.band(card.width, Step(choice))
            if columns + band.space_before + band.height <= card.height:
                plan.append(Step(choice))
            else:
                plan += [Step(choice, band=False), Step(choice, focus=True)]
        if self.discussion:
            band = self.band(card.width, Step(None))
            plan.append(Step(None, focus=columns + band.space_before + band.height > card.height))
        return plan

    def top_flow(self, width: int) -> Flow:
        """The notes (when asked for), the card's title, and the text of a poll or event card."""
        m, s, say, v = self.metrics, self.styles, self.say, self.view
        flow = Flow(width, self.ctx.lang)
        if self.show_notes:
            heading_item(flow, say("notes"), s["heading"], 0)
            flow.text(self.notes or say("notes.none"), s["italic"], space_before=m.gap)
        if not self.title_in_header:
            heading_item(flow, v.card_title, s["title"], m.margin if self.show_notes else 0)
        flow.text(self.text, s["body"], space_before=m.gap)
        return flow

    def flow(self, width: int) -> Flow:
        m, s, say = self.metrics, self.styles, self.say
        flow = self.top_flow(width)
        if not self.choices:
            effect = next((t.decision.changes for t in self.played if t.decision and t.decision.changes), ())
            if effect and self.costs:
                heading_item(flow, say("card.effect"), s["heading"], m.margin)
                order = [meter.id for meter in self._order()]
                flow.add(widgets.chips_item(effect, order, s["strong"], m, space_before=m.gap))
            return flow
        step = self.shown_step
        if step.focus:
            flow.add(self.band(width, step))
            return flow
        for item in self.columns:
            flow.add(item)
        if step.band:
            flow.add(self.band(width, step))
        return flow

    def column_rows(self, width: int, *, names: bool) -> list[Item]:
        """The choices as columns: one row when each is at least MIN_COLUMN wide, else two rows."""
        m = self.metrics
        choices = self.choices
        per_row = len(choices)
        if not choices:  # a poll or event card
            return []
        if (width - (per_row - 1) * m.gap) // per_row < m.body * MIN_COLUMN:
            per_row = -(-len(choices) // 2)
        each = (width - (per_row - 1) * m.gap) // per_row
        rows = []
        for start in range(0, len(choices), per_row):
            columns = [
                self.column(c, each - 2 * m.pad, names=names) for c in choices[start : start + per_row]
            ]
            rows.append(
                self._row(choices[start : start + per_row], columns, each, m.margin if start == 0 else m.gap)
            )
        return rows

    def column(self, choice: ChoiceView, width: int, *, names: bool) -> Flow:
        """One choice's column: its letter and recognition, label, costs; then its teams, one a line
        with their names, or (`names` False, when that is too tall) their badges side by side."""
        m, s = self.metrics, self.styles
        flow = Flow(width, self.ctx.lang)
        flow.add(self._head(choice, width))
        flow.text(choice.label, s["strong"], space_before=m.gap // 2)
        if self.costs and choice.costs:
            order = [meter.id for meter in self._order()]
            for amounts in chip_lines(choice.costs, width, m, s["strong"]):
                flow.add(widgets.chips_item(amounts, order, s["strong"], m, space_before=m.gap // 2))
        teams = self.teams_of(choice.id)
        flow.add(self._rule(width))
        if names or len(teams) < 2:
            for index, team in enumerate(teams or [None]):
                flow.add(self._team_line(choice, team, width, first=index == 0))
            return flow
        each = max(badge_width(t.badge, m) for t in teams) + m.gap
        per_line = max(1, (width + m.gap) // each)
        for start in range(0, len(teams), per_line):
            flow.add(self._badges_line(choice, teams[start : start + per_line], each, first=start == 0))
        return flow

    def _order(self) -> tuple[MeterView, ...]:
        """The meters in model order (a chip's shape follows its meter's place)."""
        d = next((t.decision for t in self.played if t.decision), None)
        return d.meters_after if d else ()

    def _head(self, choice: ChoiceView, width: int) -> Item:
        """The letter badge, with 'Affirmatief' or 'Transformatief' on its plate beside it (under it
        in a column too narrow for both)."""
        m = self.metrics
        size = widgets.badge_size(m)
        word = recognition_word(choice.recognition, self.say)
        fill, ink = widgets.recognition_colours(choice.recognition)
        tag = widgets.tag_item(word, fill, ink, m)
        beside = size + m.gap + width_of(word, self.styles["strong"]) + 2 * m.pad <= width
        height = size if beside else size + m.gap // 2 + tag.height

        def paint(surface: pygame.Surface, x: int, y: int) -> None:
            widgets.letter_badge(surface, choice.letter, (x, y), m)
            if beside:
                tag.paint(surface, x + size + m.gap, y + (size - tag.height) // 2)
            else:
                tag.paint(surface, x, y + size + m.gap // 2)

        return Item(height, paint, 0, text=f"{choice.letter} {word}")

    def _rule(self, width: int) -> Item:
        m = self.metrics

        def paint(surface: pygame.Surface, x: int, y: int) -> None:
            pygame.draw.line(
                surface, theme.BORDER, (x, y + m.gap // 2), (x + width, y + m.gap // 2), m.stroke
            )

        return Item(m.gap, paint, m.gap // 2)

    def _team_line(
        self, choice: ChoiceView, team: TeamDecisionView | None, width: int, *, first: bool
    ) -> Item:
        """A team that chose this (its badge and name), '?' until revealed, or 'geen team'."""
        m, s = self.metrics, self.styles
        strong = s["strong"]
        height = line_height(strong)
        if team is None:
            words = self.say("team.reveal.nobody")
            text, badge = words, None
        else:
            badge = team.badge
            room = width - badge_width(badge, m) - m.gap
            text = fit_lines(badge.name, strong, room, self.ctx.lang, 1)[0]

        def paint(surface: pygame.Surface, x: int, y: int) -> None:
            if not self.shown(choice):
                if first:
                    surface.blit(render("?", s["muted"]), (x, y))
                return
            if badge is None:
                surface.blit(render(text, s["muted"]), (x, y))
                return
            draw_badge(surface, badge, x, y + height // 2, m)
            surface.blit(render(text, strong), (x + badge_width(badge, m) + m.gap, y))

        return Item(height, paint, m.gap // 2, text=badge.name if badge is not None else text)

    def _badges_line(
        self, choice: ChoiceView, teams: list[TeamDecisionView], each: int, *, first: bool
    ) -> Item:
        """Teams that chose this, as their badges side by side (their names stand in the panel)."""
        m, s = self.metrics, self.styles
        height = line_height(s["strong"])

        def paint(surface: pygame.Surface, x: int, y: int) -> None:
            if not self.shown(choice):
                if first:
                    surface.blit(render("?", s["muted"]), (x, y))
                return
            for index, team in enumerate(teams):
                draw_badge(surface, team.badge, x + index * each, y + height // 2, m)

        return Item(height, paint, m.gap // 2, text=", ".join(t.badge.name for t in teams))

    def _row(self, choices: list[ChoiceView], columns: list[Flow], each: int, space_before: int) -> Item:
        """Columns side by side as one item: a panel each, the one revealed last outlined."""
        m = self.metrics
        height = max(flow.height for flow in columns) + 2 * m.pad

        def paint(surface: pygame.Surface, x: int, y: int) -> None:
            for index, (choice, flow) in enumerate(zip(choices, columns, strict=True)):
                rect = pygame.Rect(x + index * (each + m.gap), y, each, height)
                current = self.current is not None and self.current.id == choice.id
                widgets.panel(surface, rect, m, theme.PANEL if self.shown(choice) else theme.DISABLED_PANEL)
                if current:
                    pygame.draw.rect(
                        surface, theme.ACCENT, rect, HIGHLIGHT * m.stroke, border_radius=m.radius
                    )
                draw_page(surface, flow.pages(flow.height + 1)[0], rect.x + m.pad, rect.y + m.pad)

        words = " | ".join(" ".join(i.text for i in flow.items if i.text) for flow in columns)
        return Item(height, paint, space_before, text=words)

    def band(self, width: int, step: Step) -> Item:
        """What a choice led to (with its label, on a step of its own), or the discussion."""
        m, s, say = self.metrics, self.styles, self.say
        flow = Flow(width, self.ctx.lang)
        choice = step.choice
        if choice is not None:
            if step.focus:  # on its own: with its label and its teams
                names = ", ".join(t.badge.name for t in self.teams_of(choice.id))
                heading_item(
                    flow, say("team.reveal.led_to", letter=choice.letter, teams=names), s["heading"], 0
                )
                flow.text(f"{choice.letter}. {choice.label}", s["strong"], space_before=m.gap // 2)
            else:
                heading_item(flow, say("team.reveal.led_to_short", letter=choice.letter), s["heading"], 0)
            flow.text(choice.outcome, s["body"], space_before=m.gap // 2)
        else:
            if len(self.played) > 1:
                heading_item(flow, say("team.split" if self.view.split else "team.same"), s["accent"], 0)
            if self.questions:
                bullet_list(flow, self.questions, s["body"], m, space_before=m.gap // 2)

        def paint(surface: pygame.Surface, x: int, y: int) -> None:
            draw_page(surface, flow.pages(flow.height + 1)[0], x, y)

        words = " ".join(i.text for i in flow.items if i.text)
        return Item(flow.height, paint, m.margin if step.focus else m.gap, text=words)

    # Keys -----------------------------------------------------------------------------------------
    def controls(self) -> list[Binding]:
        count = len(self.view.teams)
        team_cap = f"1-{count} U" if count > 1 else "1 U"
        return [
            TEAM_UNDO_ROUND.to(AskUndo(None)),
            replace(TEAM_UNDO_TEAM, cap=team_cap).to(AskUndo(self.selected)),
            TEAM_NOTES,
            TEAM_BACK,
            TEAM_END,
        ]

    def team_bindings(self) -> list[Binding]:
        own = [
            TEAM_UNDO.to(AskUndo(self.selected)),
            TEAM_BACK.to(Back() if self.selected is None else SelectTeam(None)),
            *(TEAM_SELECT.to(SelectTeam(t.badge.number), str(t.badge.number)) for t in self.view.teams),
        ]
        if self.selected is not None:
            own.append(TEAM_SELECT.to(SelectTeam(None), "escape"))
        return own

    def primary(self) -> Action | None:
        return NextRound()

    def primary_key(self) -> FooterKey | None:
        if self.review:
            return None
        if self.step < self.steps:
            after = self.plan[self.step]
            reveal = TEAM_REVEAL.to(NextStep())
            if after.choice is None:
                reveal = reveal.labelled("team.key.reveal_questions")
            elif after.focus:
                reveal = reveal.labelled("team.key.reveal_outcome", letter=after.choice.letter)
            else:
                reveal = reveal.labelled("team.key.reveal_letter", letter=after.choice.letter)
            return reveal.footer_key(self.say)
        return NEXT.to(NextRound()).footer_key(self.say)

    # Drawing --------------------------------------------------------------------------------------
    def header_text(self) -> str:
        text = self.say("team.revealed", round=self.view.round)
        if self.title_in_header:
            text = f"{self.view.card_title} \u00b7 {text}"
        if self.steps > 1 and not self.review:
            text += " \u00b7 " + self.say("team.reveal.step", step=self.step, steps=self.steps)
        if self.selected is not None:
            name = self.view.teams[self.selected - 1].badge.name
            text += " \u00b7 " + self.say("team.selected", name=name)
        return text

    def paint(self, surface: pygame.Surface) -> None:
        for part in self.paint_parts():
            part(surface)

    def paint_parts(self) -> list[Callable[[pygame.Surface], None]]:
        """The frame, the step shown, the teams, the bars: each part paints where no other does."""
        return [self._paint_frame, self._paint_step, self._paint_teams, self._paint_bars]

    def _paint_frame(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        used = self.say("team.deliberated", clock=clock(self.view.deliberation))
        self.draw_team_header(surface, self.header_text(), used)
        self.draw_banner(surface)

    def _paint_step(self, surface: pygame.Surface) -> None:
        assert self.paged is not None
        self.paged.draw(surface)

    def _paint_teams(self, surface: pygame.Surface) -> None:
        for row in self.team_rows():
            rect = self.team_rects[row.badge.number]
            panel.draw_row(surface, row, rect, self.metrics, self.styles, self.ctx.lang)

    def _paint_bars(self, surface: pygame.Surface) -> None:
        self.draw_bar(surface)
        self.draw_footer(surface)
