"""The director follows the session's phase: it builds the scene for the current view and carries
engine actions to the session. Scenes never touch the session themselves."""

from __future__ import annotations

import time

from incluzo.engine.logs import savelog
from incluzo.engine.logs.savelog import Entry, Id
from incluzo.engine.play import rules
from incluzo.engine.play.session import Session
from incluzo.engine.play.views import (
    BriefingView,
    CardView,
    DebriefView,
    MapView,
    OutcomeView,
    PollView,
    Presenter,
    map_of,
    present,
)
from incluzo.persistence import SaveFile, finish
from incluzo.scenes.actions import Advance, Choose, Finish, Skip, Start, Undo
from incluzo.scenes.base import Context, Scene
from incluzo.scenes.briefing import BriefingScene
from incluzo.scenes.card import CardScene
from incluzo.scenes.meterless import has_costs, without_meters
from incluzo.scenes.outcome import OutcomeScene
from incluzo.scenes.overlays import ButtonsOverlay, NotesOverlay, confirm


class Director:
    def __init__(self, session: Session, ctx: Context, save: SaveFile | None = None) -> None:
        self.session = session
        self.ctx = ctx
        self.save = save
        self.costs = has_costs(session.scenario)  # a scenario that costs nothing shows no meters
        self.shown_at = time.monotonic()  # when the card on screen was shown (deliberation time)

    @property
    def can_skip(self) -> bool:
        """The facilitator's keys (K skip, N notes, X end) are there when the room plays as one group, not in
        solo practice (a player alone has no facilitator)."""
        return self.ctx.mode != "solo"

    def map_view(self) -> MapView:
        return map_of(self.session, self.ctx.lang)

    def scene(self) -> Scene:
        """The scene for the session's phase, built from the engine's view."""
        view = present(self.session, self.ctx.lang)
        if not self.costs:
            view = without_meters(view)
        if isinstance(view, BriefingView):
            return BriefingScene(self.ctx, view, self.map_view())
        if isinstance(view, CardView):
            if view.poll is not None:
                from incluzo.scenes.poll import PollScene  # the first frame waits for no later screen

                return PollScene(
                    self.ctx, view, self.poll_counts, can_undo=self.session.can_undo(), can_skip=self.can_skip
                )
            return self.card_scene(view)
        if isinstance(view, OutcomeView):
            return self.outcome_scene(view)
        assert isinstance(view, DebriefView)
        return self.debrief_scene(view)

    def card_scene(self, view: CardView) -> Scene:
        return CardScene(self.ctx, view, can_undo=self.session.can_undo(), can_skip=self.can_skip)

    def outcome_scene(self, view: OutcomeView) -> Scene:
        return OutcomeScene(
            self.ctx, view, self.map_view(), can_undo=self.session.can_undo(), can_end=self.can_skip
        )

    def debrief_scene(self, view: DebriefView) -> Scene:
        from incluzo.scenes.debrief import DebriefScene

        return DebriefScene(self.ctx, view, self.map_view())

    def poll_counts(self, counts: tuple[int, ...] | None) -> PollView:
        """The poll card on screen with counts as typed so far (the live chart's data)."""
        card = rules.current_card(self.session.scenario, self.session.game)
        assert card is not None
        poll = Presenter(self.session.scenario, self.ctx.lang).poll(card, counts)
        assert poll is not None
        return poll

    def ask_skip(self) -> ButtonsOverlay | None:
        """The question before the card on screen is skipped (yes: Skip); None when there is no card."""
        card = rules.current_card(self.session.scenario, self.session.game)
        if self.session.phase != "card" or card is None or not self.can_skip:
            return None
        say = self.ctx.say
        title = Presenter(self.session.scenario, self.ctx.lang).t(card.title)
        return confirm(self.ctx, say("ask.skip", card=title), say("ask.skip.text"), Skip())

    def ask_finish(self) -> ButtonsOverlay | None:
        """The question before the game is ended early (yes: Finish); None outside a card or an outcome."""
        if self.session.phase not in ("card", "outcome") or not self.can_skip:
            return None
        say = self.ctx.say
        return confirm(self.ctx, say("ask.end"), say("ask.end.text"), Finish())

    def notes(self) -> NotesOverlay | None:
        """The notes of the card on screen for the facilitator; None when no card is shown."""
        view = present(self.session, self.ctx.lang)
        if not isinstance(view, CardView) or not self.can_skip:
            return None
        return NotesOverlay(self.ctx, view.title, view.notes)

    def record(self, entry: Entry) -> None:
        """Append a record to the session's save (durable when this returns)."""
        if self.save is not None:
            self.save.append(entry)

    def apply(self, action: Start | Choose | Advance | Skip | Finish | Undo) -> str | None:
        """Carry out an engine action; the reason in the player's language when it is refused.

        A step that was taken is on disk before this returns, so the next screen never shows a
        decision that a crash could lose. A decision on a card is followed by how long the card was
        deliberated (a skipped card too).
        """
        card = self.session.game.card if self.session.phase == "card" else None
        refusal, entry = savelog.perform(self.session, savelog.Undo() if isinstance(action, Undo) else action)
        if entry is not None:
            self.record(entry)
            if card is not None and not isinstance(action, Undo):
                self.record(
                    savelog.DeliberationEntry(Id(card), round((time.monotonic() - self.shown_at) * 1000))
                )
            if self.session.phase == "card":
                self.shown_at = time.monotonic()
            if self.session.phase == "debrief":
                if self.save is not None:
                    finish(self.save, self.session.game.ending)
                self.reached_debrief()
        if refusal is None:
            return None
        return (
            self.ctx.say("refused.undo")
            if isinstance(action, Undo)
            else refusal.message(self.session.scenario, self.ctx.lang)
        )

    def reached_debrief(self) -> None:
        """Called once a step has led to the debrief (solo practice keeps the run)."""
