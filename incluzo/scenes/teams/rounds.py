"""A round of team play: the card for the whole room, the teams and who has chosen, the countdown.

Left: the card's situation and its choices (two side by side where they fit), each with its costs and
the teams that cannot pay it. Right: one row per team with its shape, number and name, whether it has
chosen (never what), and its budget. The facilitator presses a team's number, then its choice's letter
(or taps the team, then the choice). The picks stay hidden until Enter reveals them all together.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pygame

from incluzo.engine.play.teamviews import RoundView, TeamRoundView, TimerView
from incluzo.engine.play.views import Amount, ChoiceView, PollOptionView
from incluzo.scenes.actions import Action, Turn
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, Target, heading_item
from incluzo.scenes.kit.bindings import (
    TEAM_BACK,
    TEAM_CLOCK,
    TEAM_END,
    TEAM_LESS_TIME,
    TEAM_NOTES,
    TEAM_PAUSE,
    TEAM_PICK,
    TEAM_REVEAL,
    TEAM_SELECT,
    TEAM_SKIP,
    TEAM_TIME,
    TEAM_TIME_UP,
    TEAM_UNDO,
    Binding,
    FooterKey,
)
from incluzo.scenes.kit.text import Flow, Item, draw_lines, draw_page, line_height, render, wrap
from incluzo.scenes.kit.widgets import listed, shortfall_text
from incluzo.scenes.screens.card import ahead_text
from incluzo.scenes.teams.actions import (
    AskUndo,
    Back,
    ClearPick,
    PickFor,
    RevealPicks,
    SelectTeam,
)
from incluzo.scenes.teams.badge import badge_width, chips_width, draw_badge, draw_check, shape_size
from incluzo.scenes.teams.scene import TeamScene, fit_lines

TEAMS_SHARES = (0.27, 0.22, 0.18)  # shares of the width for the teams' column: less when choices need it
MIN_CHOICE_WIDTH = 14  # body units: narrower choice boxes stand one per row
LETTER_KEYS = "abcdef"
BESIDE_TEXT_SHARES = (0.45, 0.38)  # the text's share of the card's width when the choices stand beside it
MIN_TEXT_LINES = 4  # the card's text keeps at least this many lines beside fixed choices
COMPACT = 2  # the team rows' least detailed level: one line each
SELECTED_BORDER = 3  # strokes around the selected team


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


@dataclass(frozen=True)
class Option:
    """A choice or a poll option as the round shows it."""

    id: str
    mark: str  # A-D, or a poll's A-F / 1-6
    label: str
    costs: tuple[Amount, ...]
    reason: str  # why the selected team (or no playing team) cannot pick it
    blocked: tuple[int, ...]  # playing teams that cannot pay it

    @property
    def enabled(self) -> bool:
        return not self.reason


@dataclass
class OptionBox:
    option: Option
    rect: pygame.Rect  # relative to its row item
    label: list[str]
    note: list[str]


class TeamRoundScene(TeamScene):
    name = "team-round"

    def __init__(
        self,
        ctx: Context,
        view: RoundView,
        *,
        selected: int | None = None,
        notes: bool = False,
        costs: bool = True,
        review: bool = False,
    ) -> None:
        super().__init__(ctx, review=review)
        self.view = view
        self.selected = selected
        self.notes = notes
        self.costs = costs
        self.name = f"team-round-{view.card.id}"
        self.rows: dict[int, list[OptionBox]] = {}  # flow item id -> its boxes

    # What the round shows ------------------------------------------------------------------------
    @property
    def playing(self) -> list[TeamRoundView]:
        return [t for t in self.view.teams if t.plays]

    def team(self, number: int) -> TeamRoundView:
        return self.view.teams[number - 1]

    def options(self) -> list[Option]:
        """The card's choices as the selected team (or the room) can pay them; a poll's options."""
        card = self.view.card
        if card.poll is not None:
            return [self._poll_option(o) for o in card.poll.options]
        if card.is_event:
            return []
        found = []
        for index, choice in enumerate(card.choices):
            blocked = tuple(t.badge.number for t in self.playing if not _own(t, choice.id, index).affordable)
            reason = ""
            if self.selected is not None and self.team(self.selected).plays:
                own = _own(self.team(self.selected), choice.id, index)
                reason = shortfall_text(own, self.say)
            elif blocked and len(blocked) == len(self.playing):
                reason = self.say("team.nobody_can")
            found.append(Option(choice.id, choice.letter, choice.label, choice.costs, reason, blocked))
        return found

    def _poll_option(self, option: PollOptionView) -> Option:
        return Option(option.id, option.mark, option.label, (), "", ())

    def set_timer(self, timer: TimerView) -> None:
        """The countdown moved on: only the header changes."""
        self.view = _with_timer(self.view, timer)
        self.dirty = True

    # Layout ------------------------------------------------------------------------------------------
    def columns(self, share: float = TEAMS_SHARES[0]) -> tuple[pygame.Rect, pygame.Rect]:
        """The card (text and choices) and the teams, who get `share` of a wide window's width."""
        m, area = self.metrics, self.content
        if m.wide:
            side = round(area.width * share)
            return (
                pygame.Rect(area.x, area.y, area.width - side - m.margin, area.height),
                pygame.Rect(area.right - side, area.y, side, area.height),
            )
        rows = (len(self.view.teams) + 1) // 2
        side = min(area.height // 2, rows * (self._team_height(area.width // 2, COMPACT) + m.gap))
        return (
            pygame.Rect(area.x, area.y, area.width, area.height - side - m.gap),
            pygame.Rect(area.x, area.bottom - side, area.width, side),
        )

    def layout(self) -> None:
        """The choices stay in view while the card's text pages on its own: below the text, else
        beside it, with the teams' column narrowed when that makes room. Only when none of these
        leaves the text room for a few lines do text and choices share one paged column."""
        placed = self._fixed_choices()
        self.choice_page: list[tuple[int, Item]] = []
        if placed is not None:
            text_box, text, self.choice_box, choices = placed
            self.paged = self.pager(text, text_box)
            self.choice_page = choices.pages(choices.height + 1)[0]
            shown, origin = self.choice_page, self.choice_box.topleft
        else:
            card_box, self.teams_box = self.columns()
            self.rows = {}
            flow = self.text_flow(card_box.width)
            for item in self.choice_flow(card_box.width).items:
                flow.add(item)
            self.paged = self.pager(flow, card_box)
            shown, origin = self.paged.pages[self.paged.page], card_box.topleft
        for offset, item in shown:
            for box in self.rows.get(id(item), []):
                rect = box.rect.move(origin[0], origin[1] + offset)
                self.targets.append(Target(f"option-{box.option.id}", rect, PickFor(None, box.option.id)))
        self.team_rects = self._layout_teams()
        for number, rect in self.team_rects.items():
            again = None if self.selected == number else number
            self.targets.append(Target(f"team-{number}", rect, SelectTeam(again)))
        self.layout_footer()

    def _fixed_choices(self) -> tuple[pygame.Rect, Flow, pygame.Rect, Flow] | None:
        """(text box, text, choices box, choices) for the first arrangement that keeps every choice
        in view and the text at least MIN_TEXT_LINES; sets the teams' box to match."""
        m = self.metrics
        least = MIN_TEXT_LINES * line_height(self.styles["body"])
        if not self.options():
            return None
        for share in TEAMS_SHARES:
            card, self.teams_box = self.columns(share)
            self.rows = {}
            choices = self.choice_flow(card.width)
            room = card.height - choices.height - m.margin
            if room >= least:
                text = self.text_flow(card.width)
                text_h = min(text.height, room)  # the text's own height when it fits
                below = pygame.Rect(card.x, card.y + text_h + m.margin, card.width, choices.height)
                return pygame.Rect(card.topleft, (card.width, text_h)), text, below, choices
            for text_share in BESIDE_TEXT_SHARES if m.wide else ():
                text_w = round(card.width * text_share)
                self.rows = {}
                choices = self.choice_flow(card.width - text_w - m.margin, columns=1)
                if choices.height <= card.height:
                    beside = pygame.Rect(
                        card.x + text_w + m.margin, card.y, card.width - text_w - m.margin, choices.height
                    )
                    return (
                        pygame.Rect(card.x, card.y, text_w, card.height),
                        self.text_flow(text_w),
                        beside,
                        choices,
                    )
        return None

    def text_flow(self, width: int) -> Flow:
        m, s, say, card = self.metrics, self.styles, self.say, self.view.card
        flow = Flow(width, self.ctx.lang)
        if self.notes:
            heading_item(flow, say("notes"), s["heading"], 0)
            flow.text(card.notes or say("notes.none"), s["italic"], space_before=m.gap)
            heading_item(flow, card.title, s["title"], m.margin)
        else:
            heading_item(flow, card.title, s["title"], 0)
        flow.text(card.text, s["body"], space_before=m.gap)
        if card.is_event and card.effect and self.costs:
            heading_item(flow, say("card.effect"), s["heading"], m.margin)
            order = [v.id for v in card.meters]
            flow.add(widgets.chips_item(card.effect, order, s["strong"], m, space_before=m.gap))
        if card.poll is not None:
            heading_item(flow, card.poll.question, s["heading"], m.margin)
        return flow

    def choice_flow(self, width: int, columns: int = 2) -> Flow:
        """The choices (or poll options) as rows of boxes, two side by side where they fit."""
        m = self.metrics
        flow = Flow(width, self.ctx.lang)
        options = self.options()
        wide_enough = width >= columns * m.body * MIN_CHOICE_WIDTH + (columns - 1) * m.gap
        cols = columns if len(options) > 1 and wide_enough else 1
        box_w = (width - (cols - 1) * m.gap) // cols
        for start in range(0, len(options), cols):
            self._option_row(flow, options[start : start + cols], box_w, first=start == 0)
        return flow

    def _option_row(self, flow: Flow, options: list[Option], box_w: int, *, first: bool) -> None:
        m, s = self.metrics, self.styles
        badge = widgets.badge_size(m)
        text_w = box_w - 3 * m.pad - badge
        boxes = []
        for column, option in enumerate(options):
            label = wrap(f"{option.label}", s["strong"], text_w, self.ctx.lang)
            note = self._note(option)
            lines = wrap(note, s["warning"], text_w, self.ctx.lang) if note else []
            rect = pygame.Rect(column * (box_w + m.gap), 0, box_w, 0)
            boxes.append(OptionBox(option, rect, label, lines))
        height = max(self._box_height(b) for b in boxes)
        for box in boxes:
            box.rect.height = height

        def paint(surface: pygame.Surface, x: int, y: int) -> None:
            for box in boxes:
                self._draw_option(surface, box, box.rect.move(x, y))

        item = Item(height, paint, m.gap, text=" | ".join(b.option.label for b in boxes))
        self.rows[id(item)] = boxes
        flow.add(item)

    def _note(self, option: Option) -> str:
        if option.reason:
            return option.reason
        if option.blocked:
            return self.say("team.cannot_pay", teams=", ".join(str(n) for n in option.blocked))
        return ""

    def _box_height(self, box: OptionBox) -> int:
        m, s = self.metrics, self.styles
        height = len(box.label) * line_height(s["strong"])
        if box.option.costs and self.costs:
            height += m.gap + widgets.icon_size(m)
        if box.note:
            height += m.gap + len(box.note) * line_height(s["warning"])
        return max(height, widgets.badge_size(m)) + 2 * m.pad

    def _name_lines(self, width: int) -> int:
        """Lines the longest team name takes in a row of `width` (at most two)."""
        m, s = self.metrics, self.styles
        room = width - 2 * m.pad - max(badge_width(t.badge, m) for t in self.view.teams) - m.gap
        return max(len(fit_lines(t.badge.name, s["strong"], room, self.ctx.lang, 2)) for t in self.view.teams)

    def _team_height(self, width: int, level: int) -> int:
        """A team row at a level of detail: 0 name, status and budget; 1 name and status; 2 one line."""
        m, s = self.metrics, self.styles
        if level == COMPACT:
            return line_height(s["strong"]) + 2 * m.pad
        height = self._name_lines(width) * line_height(s["strong"]) + line_height(s["body"]) + 2 * m.pad
        return height + (widgets.icon_size(m) + m.gap // 2 if level == 0 and self.costs else 0)

    def _layout_teams(self) -> dict[int, pygame.Rect]:
        """One row per team, as detailed as the room allows; a line on how to pick above them."""
        m, s = self.metrics, self.styles
        box = self.teams_box
        count = len(self.view.teams)
        cols = 1 if m.wide else 2
        per_col = (count + cols - 1) // cols
        width = (box.width - (cols - 1) * m.gap) // cols
        self.how = fit_lines(self._how(), s["strong"], box.width, self.ctx.lang, 2)
        heading = len(self.how) * line_height(s["strong"]) + m.gap
        for self.team_level in range(COMPACT + 1):
            rows = per_col * (self._team_height(width, self.team_level) + m.gap) - m.gap
            if rows + heading <= box.height:
                break
        if rows + heading > box.height:
            self.how, heading = [], 0
        height = self._team_height(width, self.team_level)
        top = box.y + heading
        return {
            team.badge.number: pygame.Rect(
                box.x + (index // per_col) * (width + m.gap),
                top + (index % per_col) * (height + m.gap),
                width,
                height,
            )
            for index, team in enumerate(self.view.teams)
        }

    def _how(self) -> str:
        """'Teams: 1-3, then A-D' (the way to enter a choice), or what to do now."""
        count = len(self.view.teams)
        marks = self._marks()
        numbers = f"1-{count}" if count > 1 else "1"
        if not marks:
            return self.say("team.panel.event")
        return self.say("team.panel.how", numbers=numbers, marks=marks)

    # Keys -----------------------------------------------------------------------------------------
    def controls(self) -> list[Binding]:
        undo = TEAM_UNDO.to(AskUndo(self.selected))
        return [TEAM_PAUSE, TEAM_TIME, TEAM_TIME_UP, TEAM_NOTES, TEAM_SKIP, undo, TEAM_BACK, TEAM_END]

    def _marks(self) -> str:
        options = self.options()
        if not options:
            return ""
        return f"{options[0].mark}-{options[-1].mark}" if len(options) > 1 else options[0].mark

    def team_bindings(self) -> list[Binding]:
        own = [TEAM_LESS_TIME, TEAM_CLOCK]
        options = self.options()
        if self.selected is None or not options:  # the digits pick a team (on a choice: the choice)
            own += [TEAM_SELECT.to(SelectTeam(t.badge.number), str(t.badge.number)) for t in self.view.teams]
            own.append(TEAM_BACK.to(Back() if self.selected is None else SelectTeam(None)))
            own += [TEAM_PICK.to(PickFor(None, ""), letter) for letter in LETTER_KEYS[: len(options)]]
        else:
            for index, option in enumerate(options):
                pick = PickFor(self.selected, option.id)
                own.append(TEAM_PICK.to(pick, option.mark.lower(), str(index + 1)))
            picked = self.team(self.selected).picked
            own.append(TEAM_BACK.to(ClearPick(self.selected) if picked else SelectTeam(None)))
            own.append(TEAM_SELECT.to(SelectTeam(None), "escape"))
        return own

    def primary(self) -> Action | None:
        return RevealPicks()

    def _mains(self) -> list[FooterKey]:
        """Once every team is in, Enter reveals (PgDn still turns the card's pages)."""
        main = self.primary_key()
        return [main] if main and not self.view.waiting_for else super()._mains()

    def go_on(self) -> Action | None:
        """Enter reveals once every team is in; before that it reads on through a long card first."""
        if self.view.waiting_for and self.paged and self.paged.page < self.paged.count - 1:
            return Turn(1)
        return self.primary()

    def primary_key(self) -> FooterKey | None:
        if self.review:
            return None
        waiting = len(self.view.waiting_for)
        card = self.view.card
        reveal = TEAM_REVEAL.to(RevealPicks())
        if waiting:
            return reveal.labelled("team.key.waiting", count=waiting).footer_key(self.say)
        if card.is_event and card.poll is None:
            return reveal.labelled("key.next").footer_key(self.say)
        return reveal.footer_key(self.say)

    # Drawing --------------------------------------------------------------------------------------
    def header_text(self) -> str:
        card = self.view.card
        ahead = ahead_text(self.view.ahead, self.say)
        return self.say("team.round", round=self.view.round, number=card.number, ahead=ahead)

    def timer_text(self) -> tuple[str, bool]:
        timer = self.view.timer
        if timer.expired:
            return self.say("team.time_up"), True
        text = self.say("team.time", clock=clock(timer.remaining))
        return (text if timer.running else self.say("team.time_stopped", time=text)), False

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        right, late = self.timer_text() if not self.review else ("", False)
        self.draw_team_header(surface, self.header_text(), right, late)
        self.draw_banner(surface)
        assert self.paged is not None
        if self.notes:
            box = self.paged.box.inflate(self.metrics.pad, self.metrics.pad)
            pygame.draw.rect(surface, theme.HOVER, box, border_radius=self.metrics.radius)
        self.paged.draw(surface)
        if self.choice_page:
            draw_page(surface, self.choice_page, self.choice_box.x, self.choice_box.y)
        draw_lines(surface, self.how, self.styles["strong"], self.teams_box.x, self.teams_box.y)
        for team in self.view.teams:
            self._draw_team(surface, team, self.team_rects[team.badge.number])
        self.draw_bar(surface)
        self.draw_footer(surface)

    def _draw_option(self, surface: pygame.Surface, box: OptionBox, rect: pygame.Rect) -> None:
        m, s = self.metrics, self.styles
        enabled = box.option.enabled
        widgets.panel(surface, rect, m, self.fill_for(f"option-{box.option.id}", enabled))
        size = widgets.letter_badge(
            surface, box.option.mark, (rect.x + m.pad, rect.y + m.pad), m, enabled=enabled
        )
        x, y = rect.x + 2 * m.pad + size, rect.y + m.pad
        style = s["strong"] if enabled else s["disabled"]
        order = [v.id for v in self.view.card.meters]
        y += draw_lines(surface, box.label, style, x, y)
        if box.option.costs and self.costs:
            widgets.chips(surface, box.option.costs, order, x, y + m.gap, style, m)
            y += m.gap + widgets.icon_size(m)
        if box.note:
            draw_lines(surface, box.note, s["warning"], x, y + m.gap)

    def status(self, team: TeamRoundView, *, short: bool = False) -> tuple[str, str]:
        """The team's state in words and its style: chosen, choosing, sitting out (and for which card),
        finished (or out of budget, and short of what). `short`: one or two words, for a compact line."""
        say = self.say
        if short and not team.plays:
            word = "out_short" if team.ran_out else "finished" if team.finished else "later"
            return say(f"team.status.{word}"), "muted"
        if team.finished:
            if team.ran_out:
                return say("team.status.out", meters=listed([m.lower() for m in team.ran_out], say)), "muted"
            return say("team.status.finished"), "muted"
        if not team.plays:
            if team.waits_for:
                return say("team.status.waits", card=team.waits_for), "muted"
            return say("team.status.watching"), "muted"
        if self.selected == team.badge.number:
            marks = self._marks()
            return (
                say("team.status.selected", marks=marks) if marks else say("team.status.selected_undo")
            ), "accent"
        if team.picked:
            return say("team.status.picked"), "accent"
        if self.view.card.is_event and self.view.card.poll is None:
            return say("team.status.goes_on"), "body"
        return say("team.status.choosing"), "body"

    def _draw_team(self, surface: pygame.Surface, team: TeamRoundView, rect: pygame.Rect) -> None:
        m, s = self.metrics, self.styles
        selected = self.selected == team.badge.number
        fill = self.fill_for(f"team-{team.badge.number}") if team.plays else theme.DISABLED_PANEL
        widgets.panel(surface, rect, m, fill, theme.ACCENT if selected else theme.BORDER)
        if selected:
            pygame.draw.rect(surface, theme.ACCENT, rect, SELECTED_BORDER * m.stroke, border_radius=m.radius)
        x, y = rect.x + m.pad, rect.y + m.pad
        strong = s["strong"] if team.plays else s["disabled"]
        width = draw_badge(surface, team.badge, x, y + line_height(strong) // 2, m)
        check = team.picked and team.plays
        room = rect.right - m.pad - (x + width + m.gap)
        if self.team_level == COMPACT:
            if check:  # chosen: a tick at the end of the line (the selected team has its thick border)
                room -= shape_size(m) + m.gap
                draw_check(surface, (rect.right - m.pad - shape_size(m), y + line_height(strong) // 2), m)
            elif not team.plays:  # watching or finished: said in a word at the end of the line
                word = render(self.status(team, short=True)[0], s["disabled"])
                room -= word.get_width() + m.gap
                surface.blit(word, (rect.right - m.pad - word.get_width(), y))
            draw_lines(
                surface,
                fit_lines(team.badge.name, strong, room, self.ctx.lang, 1),
                strong,
                x + width + m.gap,
                y,
            )
            return
        y += draw_lines(
            surface, fit_lines(team.badge.name, strong, room, self.ctx.lang, 2), strong, x + width + m.gap, y
        )
        text, style = self.status(team)
        style = style if team.plays else "disabled"
        status_x = x + (draw_check(surface, (x, y + line_height(s[style]) // 2), m) + m.gap if check else 0)
        y += draw_lines(
            surface,
            fit_lines(text, s[style], rect.right - m.pad - status_x, self.ctx.lang, 1),
            s[style],
            status_x,
            y,
        )
        if self.team_level == 0 and self.costs and team.meters:
            order = [v.id for v in team.meters]
            levels = [Amount(v.id, v.name, v.symbol, v.value) for v in team.meters]
            if chips_width(levels, m, s["strong"]) <= rect.width - 2 * m.pad:
                widgets.chips(surface, levels, order, x, y + m.gap // 2, strong, m, as_cost=False)


def _own(team: TeamRoundView, choice_id: str, index: int) -> ChoiceView:
    """The team's own view of a choice (its affordability), by id."""
    return next(
        (c for c in team.choices if c.id == choice_id),
        team.choices[index] if team.choices else ChoiceView(choice_id, "", "", (), (), "", True, (), ""),
    )


def _with_timer(view: RoundView, timer: TimerView) -> RoundView:
    return replace(view, timer=timer)
