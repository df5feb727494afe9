"""The game of one group or one player (a `game.Game`): it follows the session's phase, builds the scene
for the current view and carries the screens' actions to the session. Scenes never touch the session.

Every step taken is on disk (savelog.perform, then the save) before the next screen is built.
When a step runs the budget out, the debrief waits for the budget-out moment: the card no choice of
which can be paid (every choice greyed, the meters it is short of named), then the 'Op is op' screen.
These two screens are the director's, not the session's: the game is already closed, nothing is saved.
Deliberation is measured in the time the game is given (`tick`), never read from the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, assert_never

from msgspec.structs import replace

from incluzo import persistence
from incluzo.engine.logs import savelog
from incluzo.engine.logs.savelog import Entry, Id, SaveLog
from incluzo.engine.play import rules
from incluzo.engine.play.desk import DeskView, desk_of
from incluzo.engine.play.phases import Mode, Phase
from incluzo.engine.play.session import Session
from incluzo.engine.play.views import (
    BriefingView,
    CardView,
    DebriefView,
    ExhaustionView,
    MapView,
    OutcomeView,
    PollView,
    Presenter,
    map_of,
    present,
)
from incluzo.engine.scenario.model import Scenario
from incluzo.persistence import SaveFile
from incluzo.scenes import actions
from incluzo.scenes.game import Reply, ask_end, ask_skip
from incluzo.scenes.kit.base import Context, Scene
from incluzo.scenes.screens.briefing import BriefingScene
from incluzo.scenes.screens.budgetout import BudgetOutScene, RanOut
from incluzo.scenes.screens.card import CardScene
from incluzo.scenes.screens.meterless import has_costs, without_meters
from incluzo.scenes.screens.outcome import OutcomeScene
from incluzo.scenes.screens.overlays import HelpOverlay, MapOverlay, NotesOverlay, PauseOverlay

if TYPE_CHECKING:
    from incluzo.scenes.screens.profile import StartProfile

Step = actions.Start | actions.Choose | actions.Advance | actions.Skip | actions.Finish | actions.Undo
OUT_CARD, OUT_SCREEN = "card", "screen"  # the budget-out moment's two screens, in order


class Director:
    """The game of one group, or of one player practising alone (`practice.PracticeDirector`)."""

    def __init__(
        self,
        session: Session,
        ctx: Context,
        save: SaveFile | None = None,
        *,
        source: Path | None = None,
        profile: StartProfile | None = None,
    ) -> None:
        self.mode = Mode.SOLO if ctx.mode == Mode.SOLO else Mode.GROUP
        self.ctx = replace(ctx, mode=self.mode)
        self.source = source  # the scenario file, watched for edits
        self.profile = profile  # the room's "Welke bril?" profile the game started from, if any
        self.exports: list[Path] = []
        self.clock = 0.0  # seconds of game time given to this game (tick)
        self.begin(session, save)

    def begin(self, session: Session, save: SaveFile | None) -> None:
        """Play `session` from where it stands, recording into `save` (at the start and after a reload)."""
        self.session = session
        self.save = save
        self.out: str | None = None  # the budget-out screen shown before the debrief, if any
        self.costs = has_costs(session.scenario)  # a scenario that costs nothing shows no meters
        self.shown_at = self.clock  # when the card on screen was shown (deliberation time)
        self.screen: Scene = self.scene()

    @property
    def can_skip(self) -> bool:
        """The facilitator's keys (K skip, N notes, X end) are there when the room plays as one group, not in
        solo practice (a player alone has no facilitator)."""
        return self.mode is Mode.GROUP

    def map_view(self) -> MapView:
        return map_of(self.session, self.ctx.lang)

    # Screens ------------------------------------------------------------------------------------------
    def scene(self) -> Scene:
        """The scene for the session's phase, built from the engine's view."""
        if self.out is not None:
            return self.out_scene(self.out)
        view = present(self.session, self.ctx.lang)
        if not self.costs:
            view = without_meters(view)
        if isinstance(view, BriefingView):
            return BriefingScene(self.ctx, view, self.map_view())
        if isinstance(view, CardView):
            if view.poll is not None:
                from incluzo.scenes.screens.poll import PollScene  # the first frame waits for no later screen

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

    def exhaustion(self) -> ExhaustionView | None:
        """How the budget ran out, if the game ended on it."""
        return Presenter(self.session.scenario, self.ctx.lang).exhaustion(self.session.game)

    def out_scene(self, step: str) -> Scene:
        """The budget-out moment: the card that could not be paid, then the 'Op is op' screen."""
        exhaustion = self.exhaustion()
        assert exhaustion is not None
        can_undo = self.session.can_undo()
        if step == OUT_CARD:
            return CardScene(self.ctx, exhaustion.card, can_undo=can_undo, out=True)
        meters = Presenter(self.session.scenario, self.ctx.lang).meters(self.session.game.meters)
        return BudgetOutScene(
            self.ctx, [RanOut(None, exhaustion)], meters, actions.Advance(), can_undo=can_undo
        )

    def go_on_from_out(self) -> Reply:
        """Enter on the budget-out moment: from the card to the screen, from the screen to the debrief."""
        self.out = OUT_SCREEN if self.out == OUT_CARD else None
        self.screen = self.scene()
        return Reply()

    def outcome_scene(self, view: OutcomeView) -> Scene:
        return OutcomeScene(
            self.ctx, view, self.map_view(), can_undo=self.session.can_undo(), can_end=self.can_skip
        )

    def debrief_scene(self, view: DebriefView) -> Scene:
        from incluzo.scenes.screens.debrief import DebriefScene

        return DebriefScene(self.ctx, view, self.map_view())

    def poll_counts(self, counts: tuple[int, ...] | None) -> PollView:
        """The poll card on screen with counts as typed so far (the live chart's data)."""
        card = rules.current_card(self.session.scenario, self.session.game)
        assert card is not None
        poll = Presenter(self.session.scenario, self.ctx.lang).poll(card, counts)
        assert poll is not None
        return poll

    def help(self) -> Scene:
        return HelpOverlay(self.ctx)

    # The game's side of the Game protocol -------------------------------------------------------------
    def act(self, action: actions.GameAction) -> Reply:
        """Carry out what a screen asked for."""
        match action:
            case actions.Advance() if self.out is not None:
                return self.go_on_from_out()
            case actions.Start() | actions.Choose() | actions.Advance() | actions.Undo():
                return self.step(action)
            case actions.Skip() | actions.Finish():
                return replace(self.step(action), close=True)  # the question asked before it
            case actions.AskSkip():
                return Reply(overlay=self.ask_skip())
            case actions.AskFinish():
                return Reply(overlay=self.ask_finish())
            case actions.ShowNotes():
                return Reply(overlay=self.notes())
            case actions.OpenMap():
                return Reply(overlay=MapOverlay(self.ctx, self.map_view()))
            case actions.Pause():
                return Reply(overlay=PauseOverlay(self.ctx))
            case actions.Export():
                self.export()
                return Reply()
            case (
                actions.AskUndo()
                | actions.BeginRound()
                | actions.SelectTeam()
                | actions.PickFor()
                | actions.ClearPick()
                | actions.RevealPicks()
                | actions.NextRound()
                | actions.AddTime()
                | actions.ToggleTimer()
                | actions.EndTime()
                | actions.Back()
                | actions.BackToNow()
            ):
                return Reply()  # the team screens' actions: one group has no teams to pick for
            case _:
                assert_never(action)

    def tick(self, seconds: float, overlays: Sequence[Scene] = ()) -> None:
        self.clock += seconds

    def wake_ms(self, idle_ms: int) -> int:
        return idle_ms

    def step(self, action: Step) -> Reply:
        """A step of the session, recorded; the reason in the player's language when it is refused."""
        refused = self.apply(action)
        if refused:
            return Reply(refused)
        self.out = OUT_CARD if self.session.phase == Phase.DEBRIEF and self.exhaustion() else None
        self.screen = self.scene()
        return Reply()

    def ask_skip(self) -> Scene | None:
        """The question before the card on screen is skipped (yes: Skip); None when there is no card."""
        card = rules.current_card(self.session.scenario, self.session.game)
        if self.session.phase != Phase.CARD or card is None or not self.can_skip:
            return None
        title = Presenter(self.session.scenario, self.ctx.lang).t(card.title)
        return ask_skip(self.ctx, title, "ask.skip.text")

    def ask_finish(self) -> Scene | None:
        """The question before the game is ended early (yes: Finish); None outside a card or an outcome."""
        if self.session.phase not in (Phase.CARD, Phase.OUTCOME) or not self.can_skip:
            return None
        return ask_end(self.ctx, "ask.end.text")

    def desk(self) -> DeskView:
        return desk_of(self.session.scenario, self.session.game, self.session.phase, self.ctx.lang)

    def notes(self) -> Scene | None:
        """The notes of the card on screen for the facilitator; None when no card is shown."""
        view = present(self.session, self.ctx.lang)
        if not isinstance(view, CardView) or not self.can_skip:
            return None
        return NotesOverlay(self.ctx, view.title, view.notes)

    def record(self, entry: Entry) -> None:
        """Hand a record to the session's save (the window shows the step once it is on disk: App.draw)."""
        if self.save is not None:
            self.save.step([entry])

    def apply(self, action: Step) -> str | None:
        """Carry out an engine action; the reason in the player's language when it is refused.

        A step that was taken is handed to the save, and the window shows the next screen only once
        it is on disk (App.draw), so the room never sees a decision that a crash could lose. A
        decision on a card is followed by how long the card was deliberated (a skipped card too).
        """
        card = self.session.game.card if self.session.phase == Phase.CARD else None
        refusal, entry = savelog.perform(
            self.session, savelog.TakeBack() if isinstance(action, actions.Undo) else action
        )
        if entry is not None:
            self.record(entry)
            if card is not None and not isinstance(action, actions.Undo):
                ms = round((self.clock - self.shown_at) * 1000)
                self.record(savelog.DeliberationEntry(Id(card), ms))
            if self.session.phase == Phase.CARD:
                self.shown_at = self.clock
            if self.session.phase == Phase.DEBRIEF:
                if self.save is not None:
                    persistence.finish(self.save, self.session.game.ending)
                self.reached_debrief()
        if refusal is None:
            return None
        return (
            self.ctx.say("refused.undo")
            if isinstance(action, actions.Undo)
            else refusal.message(self.session.scenario, self.ctx.lang)
        )

    def reached_debrief(self) -> None:
        """Called once a step has led to the debrief (solo practice keeps the run)."""

    def export(self) -> list[Path]:
        """Write the debrief's PNG and Markdown report; show and print where they went."""
        view = present(self.session, self.ctx.lang)
        if not isinstance(view, DebriefView):
            return []
        from incluzo.scenes.screens.debrief import DebriefScene
        from incluzo.scenes.screens.export import export

        scene = self.debrief_scene(view)
        assert isinstance(scene, DebriefScene)
        png, md = export(view, self.map_view(), self.ctx, scene=scene)
        self.exports = [png, md]
        note = self.ctx.say("export.done", png=str(png), md=md.name)
        print(note, flush=True)
        if isinstance(self.screen, DebriefScene):
            self.screen.show_export(note)
        return self.exports

    # Play as you write ----------------------------------------------------------------------------------
    @property
    def log(self) -> SaveLog:
        """Every record of the game so far: the save's; when the disk refused it, the session's steps."""
        if self.save is not None:
            return self.save.log
        source = str(self.source.resolve()) if self.source else ""
        log = savelog.new_log(self.session.scenario, seed=0, mode=self.mode.save_name, source=source)
        for record in self.profile.entries() if self.profile is not None else ():
            log = log.appended(record)
        replayed = Session(self.session.scenario)
        for action in self.session.log:
            _, entry = savelog.perform(replayed, action)
            log = log.appended(entry) if entry is not None else log
        return log

    def reload(self, scenario: Scenario) -> Reply:
        """The decisions so far carried over to the edited scenario, in a new save that holds them."""
        if self.profile is not None:  # a game that started from the room's profile keeps starting there
            scenario = self.profile.apply(scenario)
        rebuilt = savelog.rebase(scenario, self.log)
        save, failed = saved(rebuilt.log, self.ctx)
        self.begin(rebuilt.state, save)
        if rebuilt.state.phase == Phase.DEBRIEF and save is not None:
            persistence.finish(save, rebuilt.state.game.ending)
        return Reply("\n".join(filter(None, [failed, reloaded(self.ctx, rebuilt)])), close=True)


def reloaded(ctx: Context, rebuilt: savelog.Rebuilt[Any]) -> str:
    """What a reload says, in every mode: how many steps carried over, or where and why replay stopped."""
    reason = rebuilt.stopped()
    if reason is None:
        return ctx.say("reload.done", count=rebuilt.steps)
    return ctx.say("reload.stopped", count=rebuilt.steps, reason=reason.text(ctx.lang))


def saved(log: SaveLog, ctx: Context) -> tuple[SaveFile | None, str]:
    """A new save holding `log`, durable when this returns; when the disk refuses, None and what to say
    (the game goes on unsaved)."""
    try:
        return SaveFile.create(log), ""
    except OSError as error:
        return None, ctx.say("save.failed", reason=error.strerror or str(error))


def new_save(scenario: Scenario, mode: Mode, source: str, ctx: Context) -> tuple[SaveFile | None, str]:
    """A new session's save, its header durable; when the disk refuses, None and what to say (the game
    goes on unsaved)."""
    return saved(savelog.new_log(scenario, seed=0, mode=mode.save_name, source=source), ctx)
