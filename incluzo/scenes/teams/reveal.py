"""The reveal: every team's choice side by side, with what it cost, what is left and what it gave up.

One block per team (a band in its colour, its shape, number and name), as many side by side as the
width allows. Below them: what each choice led to, and the card's questions, so the room can ask
"why did you choose differently?". The quadrant map with every team's kite is one key away (M).
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from incluzo.engine.play.teamviews import RevealView, TeamDecisionView
from incluzo.engine.play.views import Amount, ChoiceView, DecisionView, PollView
from incluzo.scenes.actions import Action
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, bullet_list, heading_item
from incluzo.scenes.kit.bindings import (
    NEXT,
    TEAM_BACK,
    TEAM_END,
    TEAM_NOTES,
    TEAM_SELECT,
    TEAM_UNDO,
    TEAM_UNDO_ROUND,
    TEAM_UNDO_TEAM,
    Binding,
    FooterKey,
)
from incluzo.scenes.kit.text import Flow
from incluzo.scenes.screens.outcome import recognition_word
from incluzo.scenes.screens.pollresult import result_steps
from incluzo.scenes.screens.steps import Step, StepPages
from incluzo.scenes.teams.actions import AskUndo, Back, NextRound, SelectTeam
from incluzo.scenes.teams.badge import badge_line
from incluzo.scenes.teams.rounds import clock
from incluzo.scenes.teams.scene import TeamScene, block_columns, block_row, block_width


def levels_text(decision: DecisionView) -> str:
    """'K 2, T 3, B 1': the budget left after the decision, by the meters' letters."""
    return ", ".join(f"{m.symbol} {m.value}" for m in decision.meters_after)


def changes(decision: DecisionView) -> tuple[Amount, ...]:
    """What an event did to each meter, as costs (only the meters it changed)."""
    return tuple(
        Amount(a.id, a.name, a.symbol, b.value - a.value)
        for b, a in zip(decision.meters_before, decision.meters_after, strict=True)
        if b.value != a.value
    )


class TeamRevealScene(TeamScene):
    name = "team-reveal"

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
    ) -> None:
        super().__init__(ctx, review=review)
        self.view = view
        self.notes = notes
        self.text = text  # an event or poll card's text: there is no choice to show
        self.show_notes = show_notes
        self.selected = selected
        self.costs = costs
        self.name = f"team-reveal-{view.round}"

    @property
    def played(self) -> list[TeamDecisionView]:
        return [t for t in self.view.teams if t.decision is not None]

    # Layout --------------------------------------------------------------------------------------
    def layout(self) -> None:
        if self.view.poll is not None:  # a poll: the result moment every mode shares
            self.paged = StepPages(self.poll_steps(self.view.poll), self.content, self.content, self.page)
            self.page = self.paged.page
        else:
            self.paged = self.pager(self.flow(self.content.width), self.content)
        self.layout_footer()

    def poll_steps(self, poll: PollView) -> list[Step]:
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

        return [Step("notes", self.say("notes"), notes), *steps]

    def flow(self, width: int) -> Flow:
        m, s, say, v = self.metrics, self.styles, self.say, self.view
        flow = Flow(width, self.ctx.lang)
        if self.show_notes:
            heading_item(flow, say("notes"), s["heading"], 0)
            flow.text(self.notes or say("notes.none"), s["italic"], space_before=m.gap)
        heading_item(flow, v.card_title, s["title"], m.margin if self.show_notes else 0)
        if sum(1 for t in self.played if t.decision and t.decision.choice) > 1:
            flow.text(say("team.split" if v.split else "team.same"), s["accent"], space_before=m.gap // 2)
        flow.text(self.text, s["body"], space_before=m.gap)
        columns = block_columns(width, len(v.teams), m)
        each = block_width(width, columns, m)
        for start in range(0, len(v.teams), columns):
            blocks = [
                (theme.colour(t.badge.colour), self.block(t, each - 2 * m.pad))
                for t in v.teams[start : start + columns]
            ]
            flow.add(block_row(blocks, each, m, space_before=m.margin if start == 0 else m.gap))
        self.outcomes(flow)
        reflect = next((t.decision.reflect for t in self.played if t.decision and t.decision.reflect), ())
        if reflect:
            heading_item(flow, say("outcome.reflect"), s["heading"], m.margin)
            bullet_list(flow, reflect, s["body"], m, space_before=m.gap)
        return flow

    def block(self, team: TeamDecisionView, width: int) -> Flow:
        """One team's block: who, what it chose, what that cost and left, what it gave up."""
        m, s, say = self.metrics, self.styles, self.say
        flow = Flow(width, self.ctx.lang)
        badge_line(flow, team.badge, team.badge.name, s["strong"], m)
        d = team.decision
        if d is None:
            flow.text(say("team.status.watching"), s["muted"], space_before=m.gap // 2)
            return flow
        order = [v.id for v in d.meters_after]
        if d.choice is None:
            flow.text(say("team.went_on"), s["body"], space_before=m.gap // 2)
            if changes(d) and self.costs:
                flow.add(widgets.chips_item(changes(d), order, s["strong"], m, space_before=m.gap // 2))
        else:
            flow.text(f"{d.choice.letter}. {d.choice.label}", s["strong"], space_before=m.gap // 2)
            panel, ink = widgets.recognition_colours(d.choice.recognition)
            word = recognition_word(d.choice.recognition, say)
            flow.add(widgets.tag_item(word, panel, ink, m, space_before=m.gap // 2))
            if self.costs:
                flow.add(widgets.chips_item(d.choice.costs, order, s["strong"], m, space_before=m.gap // 2))
            if d.gave_up:
                letters = ", ".join(c.letter for c in d.gave_up)
                flow.text(say("team.gave_up", letters=letters), s["muted"], space_before=m.gap // 2)
        if self.costs and d.meters_after:
            flow.text(say("team.left", levels=levels_text(d)), s["muted"], space_before=m.gap // 2)
        return flow

    def outcomes(self, flow: Flow) -> None:
        """Each choice that was made, by whom, and what it led to."""
        m, s, say = self.metrics, self.styles, self.say
        made: dict[str, tuple[ChoiceView, list[TeamDecisionView]]] = {}
        for team in self.played:
            if team.decision and team.decision.choice:
                made.setdefault(team.decision.choice.id, (team.decision.choice, []))[1].append(team)
        if not made:
            return
        heading_item(flow, say("team.what_happened"), s["heading"], m.margin)
        for choice, chosen in sorted(made.values(), key=lambda made: made[0].letter):
            names = ", ".join(t.badge.name for t in chosen)
            flow.text(
                f"{choice.letter}. {choice.label} ({names})",
                s["strong"],
                space_before=m.gap,
                keep_with_next=True,
            )
            flow.text(choice.outcome, s["body"], space_before=m.gap // 3)

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
        return NEXT.to(NextRound()).footer_key(self.say)

    # Drawing --------------------------------------------------------------------------------------
    def header_text(self) -> str:
        text = self.say("team.revealed", round=self.view.round)
        if self.selected is not None:
            name = self.view.teams[self.selected - 1].badge.name
            text += " \u00b7 " + self.say("team.selected", name=name)
        return text

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        used = self.say("team.deliberated", clock=clock(self.view.deliberation))
        self.draw_team_header(surface, self.header_text(), used)
        self.draw_banner(surface)
        assert self.paged is not None
        self.paged.draw(surface)
        self.draw_bar(surface)
        self.draw_footer(surface)
