"""'Op is op': the full screen between the card no choice of which could be paid and the debrief.

It names the meters that stopped the game (empty, or too low for every choice on the card) and says
what each means for the team, in large type the back row can read. In team play one screen names every
team that ran out in the round just revealed, and says whether the others play on.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame
from msgspec import Struct

from incluzo.engine.play.views import DebriefView, ExhaustionView, MeterView
from incluzo.i18n import Messages
from incluzo.scenes.actions import Action
from incluzo.scenes.kit import theme
from incluzo.scenes.kit.base import Context, Scene, heading_item
from incluzo.scenes.kit.bindings import NEXT, UNDO, Binding, FooterKey
from incluzo.scenes.kit.text import Flow, Style
from incluzo.scenes.kit.widgets import listed

BANNER_SCALE = 2.4  # the words 'Op is op', in body text heights
READING_SHARE = 0.78  # the text column's share of a wide window: lines short enough to read from afar


class RanOut(Struct, frozen=True):
    """Who ran out (a team's name; None in one-group and solo play) and how."""

    name: str | None
    exhaustion: ExhaustionView


def meter_lines(exhaustion: ExhaustionView, say: Messages) -> list[tuple[str, str]]:
    """Per meter that stopped the game: its line ('Kwaliteit is op') and what that means for the team."""
    return [
        (
            say("out.empty", meter=m.name)
            if m.empty
            else say("out.short", meter=m.name, left=m.left, needed=m.needed),
            m.meaning,
        )
        for m in exhaustion.short
    ]


def budget_notes(view: DebriefView, say: Messages) -> list[str]:
    """What the debrief says about the budget: where it ran out and short of which meters, and any
    meter that ended at 0 (a good ending reached with an empty meter says so too)."""
    notes = []
    named: set[str] = set()
    if view.exhaustion is not None:
        short = [m.name for m in view.exhaustion.short]
        named.update(short)
        meters = listed([name.lower() for name in short], say)
        notes.append(say("debrief.out", card=view.exhaustion.card.title, meters=meters))
    empty = [name for name in view.empty if name not in named]
    if empty:
        notes.append(say("debrief.zero", meters=listed([name.lower() for name in empty], say)))
    return notes


class BudgetOutScene(Scene):
    """The budget-out screen; Enter (`go_on`) leads to the debrief, or in team play to the next round."""

    name = "budget-out"

    def __init__(
        self,
        ctx: Context,
        ran_out: Sequence[RanOut],
        meters: tuple[MeterView, ...],
        go_on: Action,
        *,
        closing: str = "",
        can_undo: bool = False,
        keys: Sequence[Binding] = (),
    ) -> None:
        super().__init__(ctx)
        self.ran_out = tuple(ran_out)
        self.meters = meters
        self.go_on_action = go_on
        self.closing = closing or self.say("out.next")
        self.can_undo = can_undo
        self.extra = list(keys)  # more keys of the game shown on this screen (team play: undo the round)

    def title(self) -> str:
        """'Op is op', or for one team 'Op is op voor Rood' (several teams are named a line each)."""
        names = [r.name for r in self.ran_out if r.name]
        if len(names) == 1:
            return self.say("out.teams.title", teams=names[0])
        return self.say("out.title")

    def flow(self, width: int) -> Flow:
        m, s, say = self.metrics, self.styles, self.say
        flow = Flow(width, self.ctx.lang)
        banner = Style("bold", m.scaled(BANNER_SCALE), theme.WARNING)
        heading_item(flow, self.title(), banner, 0)
        short = Style("bold", m.heading, theme.WARNING)
        if len(self.ran_out) == 1:  # each meter that stopped the game, with what it means right under it
            (ran_out,) = self.ran_out
            flow.text(say("out.lead", card=ran_out.exhaustion.card.title), s["body"], space_before=m.margin)
            for line, meaning in meter_lines(ran_out.exhaustion, say):
                flow.text(line, short, space_before=m.margin, keep_with_next=bool(meaning))
                if meaning:
                    flow.text(meaning, s["body"], space_before=m.gap // 2)
        else:  # teams that ran out in the same round: a line each, what the meters mean once
            cards = {r.exhaustion.card.title for r in self.ran_out}
            if len(cards) == 1:
                flow.text(say("out.lead", card=cards.pop()), s["body"], space_before=m.margin)
            meanings: dict[str, str] = {}
            for index, ran_out in enumerate(self.ran_out):
                who = ran_out.name or ""
                if len({r.exhaustion.card.title for r in self.ran_out}) > 1:
                    who = f"{who} ('{ran_out.exhaustion.card.title}')"
                said = "; ".join(line for line, _ in meter_lines(ran_out.exhaustion, say))
                flow.text(f"{who}: {said}", short, space_before=m.margin if index == 0 else m.gap // 2)
                meanings.update({meter.id: meter.meaning for meter in ran_out.exhaustion.short})
            for meaning in filter(None, meanings.values()):
                flow.text(meaning, s["body"], space_before=m.gap)
        flow.text(self.closing, s["muted"], space_before=m.margin)
        return flow

    def layout(self) -> None:
        area = self.content
        width = round(area.width * READING_SHARE) if self.metrics.wide else area.width
        flow = self.flow(width)
        top = max(0, (area.height - flow.height) // 3)  # one page: a little above the middle
        box = pygame.Rect(area.x + (area.width - width) // 2, area.y + top, width, area.height - top)
        self.paged = self.pager(flow, box)
        self.layout_footer()

    def bindings(self) -> list[Binding]:
        return ([UNDO] if self.can_undo else []) + self.extra

    def primary(self) -> Action | None:
        return self.go_on_action

    def primary_key(self) -> FooterKey | None:
        return NEXT.to(self.go_on_action).footer_key(self.say)

    def lines(self) -> list[str]:
        """The words on the page shown (the tests read them)."""
        assert self.paged is not None
        return self.paged.lines()

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        self.draw_header(surface, self.say("out.title"), self.meters)
        assert self.paged is not None
        self.paged.draw(surface)
        self.draw_footer(surface)
