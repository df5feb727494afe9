"""The director follows the session's phase: it builds the scene for the current view and carries
engine actions to the session. Scenes never touch the session themselves."""

from __future__ import annotations

from incluzo.engine import savelog
from incluzo.engine.session import Session
from incluzo.engine.views import BriefingView, CardView, DebriefView, MapView, OutcomeView, map_of, present
from incluzo.persistence import SaveFile, finish
from incluzo.scenes.actions import Advance, Choose, Start, Undo
from incluzo.scenes.base import Context, Scene
from incluzo.scenes.briefing import BriefingScene
from incluzo.scenes.card import CardScene
from incluzo.scenes.debrief import DebriefScene
from incluzo.scenes.outcome import OutcomeScene


class Director:
    def __init__(self, session: Session, ctx: Context, save: SaveFile | None = None) -> None:
        self.session = session
        self.ctx = ctx
        self.save = save

    def map_view(self) -> MapView:
        return map_of(self.session, self.ctx.lang)

    def scene(self) -> Scene:
        """The scene for the session's phase, built from the engine's view."""
        view = present(self.session, self.ctx.lang)
        if isinstance(view, BriefingView):
            return BriefingScene(self.ctx, view, self.map_view())
        if isinstance(view, CardView):
            return CardScene(self.ctx, view, can_undo=self.session.can_undo())
        if isinstance(view, OutcomeView):
            return OutcomeScene(self.ctx, view, self.map_view(), can_undo=self.session.can_undo())
        assert isinstance(view, DebriefView)
        return DebriefScene(self.ctx, view, self.map_view())

    def apply(self, action: Start | Choose | Advance | Undo) -> str | None:
        """Carry out an engine action; the reason in the player's language when it is refused.

        A step that was taken is on disk before this returns, so the next screen never shows a
        decision that a crash could lose.
        """
        refusal, entry = savelog.perform(self.session, savelog.Undo() if isinstance(action, Undo) else action)
        if entry is not None and self.save is not None:
            self.save.append(entry)
            if self.session.phase == "debrief":
                finish(self.save, self.session.game.ending)
        if refusal is None:
            return None
        return self.ctx.say("refused.undo") if isinstance(action, Undo) else \
            refusal.message(self.session.scenario, self.ctx.lang)
