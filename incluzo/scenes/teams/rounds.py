"""A round of team play: the card for the whole room, the teams and who has chosen, the countdown.

Left: the card's situation and its choices (side by side as far as that keeps them short), each with
its costs and the teams that cannot pay it; the text and every choice fit one screen for 1 to 6 teams.
Right: the team panel (one row per team with its shape, number and name, a tick once it has chosen,
never what, and its three meters as pips), under the countdown ring in the top right corner. The
facilitator presses a team's number, then its choice's letter (or taps the team, then the choice).
The picks stay hidden until Enter reveals them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame
from msgspec import Struct
from msgspec.structs import replace

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
    letter_range,
)
from incluzo.scenes.kit.text import Flow, Item, draw_lines, draw_page, line_height, width_of, wrap
from incluzo.scenes.kit.widgets import listed, shortfall_text
from incluzo.scenes.screens.card import ahead_text
from incluzo.scenes.teams import panel
from incluzo.scenes.teams.actions import (
    AskUndo,
    Back,
    ClearPick,
    PickFor,
    RevealPicks,
    SelectTeam,
)
from incluzo.scenes.teams.badge import chips_width
from incluzo.scenes.teams.panel import TeamRow, clock
from incluzo.scenes.teams.scene import TeamScene, fit_lines

MIN_CHOICE_WIDTH = 12  # body units: narrower choice boxes do not stand side by side
MAX_CHOICE_COLUMNS = 4
LETTER_KEYS = "abcdef"
BESIDE_TEXT_SHARES = (0.5, 0.45, 0.38)  # the text's share of the card's width with the choices beside it
MIN_TEXT_LINES = 4  # the card's text keeps at least this many lines beside fixed choices

__all__ = ["TeamRoundScene", "clock"]


class Option(Struct, frozen=True):
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
    inline: bool = False  # the costs stand at the end of the label's last line


class TeamRoundScene(TeamScene):
    name = "team-round"
    layered = True  # the countdown ring moves over the still layer

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
        self.title_in_header = False  # when the text needs the title's room to fit whole
        self.stale: list[pygame.Rect] = []  # areas of the still layer a pick changed (see refresh)

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

    def refresh(self, view: RoundView, *, selected: int | None, notes: bool) -> None:
        """The round moved on while it stays on screen, as a new screen of it would show it. When only
        picks changed (a team's tick, the footer's count of teams still choosing), only the footer is
        laid out again, and the rows that changed and the footer are painted again over the still layer
        on the next frame (`stale`, see `draw`); any other change lays out and paints all of it."""
        rows = self.team_rows()
        same = (selected, notes) == (self.selected, self.notes) and _unpicked(view) == _unpicked(self.view)
        self.view, self.selected, self.notes, self.hover = view, selected, notes, None
        if not same:
            self.relayout()
            return
        footer = self.footer_band
        self.targets = [t for t in self.targets if t.rect.y < footer.y]  # the footer's go last
        self.layout_footer()
        changed = [new for old, new in zip(rows, self.team_rows(), strict=True) if new != old]
        self.stale += [self.team_rects[row.badge.number] for row in changed] + [footer]
        self.dirty = True

    @property
    def footer_band(self) -> pygame.Rect:
        m = self.metrics
        return pygame.Rect(0, m.height - m.footer, m.width, m.footer)

    def set_timer(self, timer: TimerView) -> None:
        """The countdown moved on: only the ring changes, unless the clock stopped, ran again or ran
        out (the line beside the ring says so)."""
        before = self.view.timer
        self.view = _with_timer(self.view, timer)
        if (before.running, before.expired) != (timer.running, timer.expired):
            self.relayout()
        self.dirty = True

    # Layout ------------------------------------------------------------------------------------------
    def team_rows(self) -> list[TeamRow]:
        """Every team as the panel shows it: a tick once it has chosen, a word when it sits out."""
        rows = []
        for team in self.view.teams:
            selected = self.selected == team.badge.number
            word = ""
            if not team.plays or selected:  # the panel has room for a word or two beside the name
                word = self.status(team, short=not team.plays)[0]
            mark = "check" if team.plays and team.picked and not selected else ""
            meters = team.meters if self.costs else ()
            rows.append(TeamRow(team.badge, meters, team.plays, mark, word, selected))
        return rows

    def ring_box(self) -> pygame.Rect | None:
        """Where the countdown ring stands: the top right corner, over the header's edge (none in a
        look back)."""
        if self.review:
            return None
        m = self.metrics
        size = panel.ring_size(m, self.styles, self.view.timer.limit)
        return pygame.Rect(m.width - m.margin - size, m.gap // 2, size, size)

    def layout(self) -> None:
        """The team panel first; then the card's text with all its choices in view, arranged so the
        text fits whole where any arrangement allows (below the text, else beside it); only when none
        leaves the text room for a few lines do text and choices share one paged column."""
        self.ring = self.ring_box()
        card_box, self.teams_box = panel.split(
            self.content, self.team_rows(), self.metrics, self.styles, meters=self.costs
        )
        if self.ring is not None and not self.metrics.wide:  # the ring stands beside the card's title
            card_box.width -= self.ring.width + self.metrics.gap
        self.team_rects = self._layout_teams()
        placed = self._fixed_choices(card_box)
        self.choice_page: list[tuple[int, Item]] = []
        if placed is not None:
            text_box, text, self.choice_box, choices = placed
            self.paged = self.pager(text, text_box)
            self.choice_page = choices.pages(choices.height + 1)[0]
            shown, origin = self.choice_page, self.choice_box.topleft
        else:
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
        for number, rect in self.team_rects.items():
            again = None if self.selected == number else number
            self.targets.append(Target(f"team-{number}", rect, SelectTeam(again)))
        self.layout_footer()

    def _arrangements(self, card: pygame.Rect) -> list[tuple[pygame.Rect, Flow, pygame.Rect, Flow]]:
        """(text box, text, choices box, choices): the choices below the text, then beside it."""
        m = self.metrics
        found = []
        self.rows = {}
        choices = self.choice_flow(card.width)
        text = self.text_flow(card.width)
        room = card.height - choices.height - m.margin
        text_h = min(text.height, room)
        below = pygame.Rect(card.x, card.y + text_h + m.margin, card.width, choices.height)
        found.append((pygame.Rect(card.topleft, (card.width, max(0, room))), text, below, choices))
        for text_share in BESIDE_TEXT_SHARES if m.wide else ():
            text_w = round(card.width * text_share)
            choices = self.choice_flow(card.width - text_w - m.margin)
            beside = pygame.Rect(
                card.x + text_w + m.margin, card.y, card.width - text_w - m.margin, choices.height
            )
            text_box = pygame.Rect(card.x, card.y, text_w, card.height)
            found.append((text_box, self.text_flow(text_w), beside, choices))
        return found

    def _fixed_choices(self, card: pygame.Rect) -> tuple[pygame.Rect, Flow, pygame.Rect, Flow] | None:
        """The first arrangement that shows the whole text and every choice; else the one that gives
        the text the most room, if that is at least MIN_TEXT_LINES; else None."""
        if not self.options():
            return None
        least = MIN_TEXT_LINES * line_height(self.styles["body"])
        usable = []
        for self.title_in_header in (False, True):  # the title moves up into the header if that helps
            for text_box, text, box, choices in self._arrangements(card):
                if choices.height > card.height:
                    continue
                if text.height <= text_box.height:
                    return self._kept(text_box, text, box, choices)
                if text_box.height >= least and not self.title_in_header:
                    usable.append((text_box, text, box, choices))
        self.title_in_header = False
        if not usable:
            return None
        return self._kept(*max(usable, key=lambda found: found[0].height))

    def _kept(
        self, text_box: pygame.Rect, text: Flow, box: pygame.Rect, choices: Flow
    ) -> tuple[pygame.Rect, Flow, pygame.Rect, Flow]:
        """The arrangement chosen: its choices' boxes are the ones clicked (laid out again)."""
        self.rows = {}
        rebuilt = self.choice_flow(box.width)
        if box.y > text_box.y:  # below the text: right under its first page
            shown = min(text.height, text_box.height)
            text_box = pygame.Rect(text_box.x, text_box.y, text_box.width, shown)
            box = pygame.Rect(box.x, text_box.bottom + self.metrics.margin, box.width, rebuilt.height)
        return text_box, text, box, rebuilt

    def text_flow(self, width: int) -> Flow:
        m, s, say, card = self.metrics, self.styles, self.say, self.view.card
        flow = Flow(width, self.ctx.lang)
        if self.notes:
            heading_item(flow, say("notes"), s["heading"], 0)
            flow.text(card.notes or say("notes.none"), s["italic"], space_before=m.gap)
            heading_item(flow, card.title, s["title"], m.margin)
        elif not self.title_in_header:
            heading_item(flow, card.title, s["title"], 0)
        flow.text(card.text, s["body"], space_before=m.gap if flow.items else 0)
        if card.is_event and card.effect and self.costs:
            heading_item(flow, say("card.effect"), s["heading"], m.margin)
            order = [v.id for v in card.meters]
            flow.add(widgets.chips_item(card.effect, order, s["strong"], m, space_before=m.gap))
        if card.poll is not None:
            heading_item(flow, card.poll.question, s["heading"], m.margin)
        return flow

    def choice_flow(self, width: int) -> Flow:
        """The choices (or poll options) as rows of boxes: as many side by side as makes them least
        tall, each box at least MIN_CHOICE_WIDTH wide."""
        m = self.metrics
        options = self.options()
        best: Flow | None = None
        rows: dict[int, list[OptionBox]] = {}
        for cols in range(1, max(1, min(MAX_CHOICE_COLUMNS, len(options))) + 1):
            box_w = (width - (cols - 1) * m.gap) // cols
            if cols > 1 and box_w < m.body * MIN_CHOICE_WIDTH:
                break
            self.rows = {}
            flow = Flow(width, self.ctx.lang)
            for start in range(0, len(options), cols):
                self._option_row(flow, options[start : start + cols], box_w)
            if best is None or flow.height < best.height:
                best, rows = flow, self.rows
        self.rows = rows
        assert best is not None
        return best

    def _option_row(self, flow: Flow, options: list[Option], box_w: int) -> None:
        m, s = self.metrics, self.styles
        badge = widgets.badge_size(m)
        text_w = box_w - 3 * m.pad - badge
        boxes = []
        for column, option in enumerate(options):
            label = wrap(f"{option.label}", s["strong"], text_w, self.ctx.lang)
            note = self._note(option)
            lines = wrap(note, s["warning"], text_w, self.ctx.lang) if note else []
            rect = pygame.Rect(column * (box_w + m.gap), 0, box_w, 0)
            chips = chips_width(option.costs, m, s["strong"], as_cost=True) if self.costs else 0
            inline = bool(label) and width_of(label[-1], s["strong"]) + m.margin + chips <= text_w
            boxes.append(OptionBox(option, rect, label, lines, inline))
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
        if box.option.costs and self.costs and not box.inline:
            height += m.gap + widgets.icon_size(m)
        if box.note:
            height += m.gap + len(box.note) * line_height(s["warning"])
        return max(height, widgets.badge_size(m)) + 2 * m.pad

    def _layout_teams(self) -> dict[int, pygame.Rect]:
        """One row per team with its meters; a line on how to pick above them, beside the ring, when
        there is room for it."""
        m, s = self.metrics, self.styles
        box = self.teams_box
        count = len(self.view.teams)
        rows = panel.panel_height(-(-count // panel.columns(m)), m, s, meters=self.costs)
        ring_bottom = self.ring.bottom + m.gap if self.ring is not None and m.wide else box.y
        line = line_height(s["strong"])
        self.how_top, self.how_width = box.y, box.width
        for how_width, start, most in (  # under the ring, beside it, or not at all
            (box.width, ring_bottom, 1),
            (box.width - (self.ring.width + m.gap if self.ring is not None and m.wide else 0), box.y, 2),
        ):
            self.how = fit_lines(self.how_text()[0], s["strong"], how_width, self.ctx.lang, most)
            top = max(ring_bottom, start + len(self.how) * line + m.gap)
            if top + rows <= box.bottom and how_width > 0:
                self.how_top, self.how_width = start, how_width
                break
        else:
            self.how = []
            top = max(ring_bottom, box.y)
        column = pygame.Rect(box.x, top, box.width, box.bottom - top)
        return panel.place_rows(column, count, m, s, meters=self.costs)

    def how_text(self) -> tuple[str, str]:
        """The line above the team panel and its style: while the clock stands or after time is up,
        that (so the room sees why the ring stands still); else how to enter a choice."""
        if self.ring is not None and not self.view.timer.running:
            text, late = self.timer_text()
            return text, "warning" if late else "accent"
        return self._how(), "strong"

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
        return letter_range([option.mark for option in options]) if options else ""

    def team_bindings(self) -> list[Binding]:
        own = [TEAM_LESS_TIME, TEAM_CLOCK]
        options = self.options()
        pick_key = TEAM_PICK.for_letters([option.mark for option in options]) if options else TEAM_PICK
        if self.selected is None or not options:  # the digits pick a team (on a choice: the choice)
            own += [TEAM_SELECT.to(SelectTeam(t.badge.number), str(t.badge.number)) for t in self.view.teams]
            own.append(TEAM_BACK.to(Back() if self.selected is None else SelectTeam(None)))
            own += [pick_key.to(PickFor(None, ""), letter) for letter in LETTER_KEYS[: len(options)]]
        else:
            for index, option in enumerate(options):
                pick = PickFor(self.selected, option.id)
                own.append(pick_key.to(pick, option.mark.lower(), str(index + 1)))
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
        text = self.say("team.round", round=self.view.round, number=card.number, ahead=ahead)
        return f"{card.title} \u00b7 {text}" if self.title_in_header else text

    def timer_text(self) -> tuple[str, bool]:
        timer = self.view.timer
        if timer.expired:
            return self.say("team.time_up"), True
        text = self.say("team.time", clock=clock(timer.remaining))
        return (text if timer.running else self.say("team.time_stopped", time=text)), False

    def paint(self, surface: pygame.Surface) -> None:
        for part in self.paint_parts():
            part(surface)

    def paint_parts(self) -> list[Callable[[pygame.Surface], None]]:
        """The frame, the card, its choices, the teams, the bars: each part paints where no other does."""
        return [self._paint_frame, self._paint_card, self._paint_choices, self._paint_teams, self._paint_bars]

    def _paint_frame(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        ring = self.ring
        self.draw_team_header(
            surface, self.header_text(), reserve=ring.width + self.metrics.gap if ring else 0
        )
        self.draw_banner(surface)

    def _paint_card(self, surface: pygame.Surface) -> None:
        assert self.paged is not None
        if self.notes:
            box = self.paged.box.inflate(self.metrics.pad, self.metrics.pad)
            pygame.draw.rect(surface, theme.HOVER, box, border_radius=self.metrics.radius)
        self.paged.draw(surface)

    def _paint_choices(self, surface: pygame.Surface) -> None:
        if self.choice_page:
            draw_page(surface, self.choice_page, self.choice_box.x, self.choice_box.y)

    def _paint_teams(self, surface: pygame.Surface) -> None:
        draw_lines(surface, self.how, self.styles[self.how_text()[1]], self.teams_box.x, self.how_top)
        for row in self.team_rows():
            self._paint_row(surface, row, self.team_rects[row.badge.number])

    def _paint_bars(self, surface: pygame.Surface) -> None:
        self.draw_bar(surface)
        self.draw_footer(surface)

    def _paint_row(self, surface: pygame.Surface, row: TeamRow, rect: pygame.Rect) -> None:
        fill = self.fill_for(f"team-{row.badge.number}")
        panel.draw_row(surface, row, rect, self.metrics, self.styles, self.ctx.lang, fill=fill)

    def draw(self, surface: pygame.Surface) -> None:
        """A frame as every layered scene draws it; first the areas a pick changed (`refresh`) are
        painted again on the kept still layer, and this frame blits them from it with what moved."""
        stale, self.stale = self.stale, []
        if stale and self.still.parts:
            self.still.forget()  # a layer painted in parts, some before the change: paint it anew
        image = self.still.image
        if stale and image is not None and self.holds_still(surface.get_size()):
            hover, self.hover = self.hover, None  # the layer is painted with no target lit
            try:
                for area in stale:
                    self._repaint(image, area)
            finally:
                self.hover = hover
            self.still.moved += stale
        super().draw(surface)

    def _repaint(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """Paint `area` again as `paint` does: it holds a team's row or the footer band, and nothing
        else paint draws reaches into either (the rows stand apart in the panel, the facilitator bar
        ends where the footer starts)."""
        clip = surface.get_clip()
        surface.set_clip(area)
        surface.fill(theme.BACKGROUND, area)
        for row in self.team_rows():
            rect = self.team_rects[row.badge.number]
            if rect.colliderect(area):
                self._paint_row(surface, row, rect)
        if area.colliderect(self.footer_band):
            self.draw_footer(surface)
        surface.set_clip(clip)

    def moving_areas(self) -> list[pygame.Rect]:
        ring = [self.ring.inflate(4 * self.metrics.stroke, 4 * self.metrics.stroke)] if self.ring else []
        return [*ring, *super().moving_areas()]

    def paint_moving(self, surface: pygame.Surface) -> None:
        """The countdown ring, then the lit target."""
        ring = self.ring
        if ring is not None:
            panel.draw_ring(surface, ring.center, ring.width, self.view.timer, self.metrics, self.styles)
        super().paint_moving(surface)

    def paint_target(self, surface: pygame.Surface, target: Target) -> None:
        name = target.name
        boxes = [b for row in self.rows.values() for b in row]
        box = next((b for b in boxes if f"option-{b.option.id}" == name), None)
        row = next((r for r in self.team_rows() if f"team-{r.badge.number}" == name), None)
        if box is not None:
            self._draw_option(surface, box, target.rect)
        elif row is not None:
            fill = self.fill_for(name)
            panel.draw_row(surface, row, target.rect, self.metrics, self.styles, self.ctx.lang, fill=fill)
        else:
            super().paint_target(surface, target)

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
        if box.option.costs and self.costs and box.inline:  # at the end of the label's last line
            line = line_height(style)
            after = x + width_of(box.label[-1], style) + m.margin
            top = y - line + (line - widgets.icon_size(m)) // 2
            widgets.chips(surface, box.option.costs, order, after, top, style, m)
        elif box.option.costs and self.costs:
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


def _own(team: TeamRoundView, choice_id: str, index: int) -> ChoiceView:
    """The team's own view of a choice (its affordability), by id."""
    return next(
        (c for c in team.choices if c.id == choice_id),
        team.choices[index] if team.choices else ChoiceView(choice_id, "", "", (), (), "", True, (), ""),
    )


def _unpicked(view: RoundView) -> RoundView:
    """The view without who has picked: what the round's layout, but for its team rows and footer,
    is made of."""
    return replace(view, teams=tuple(replace(t, picked=False) for t in view.teams), waiting_for=())


def _with_timer(view: RoundView, timer: TimerView) -> RoundView:
    return replace(view, timer=timer)
