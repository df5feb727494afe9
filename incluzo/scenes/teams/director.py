"""The game of competing teams (a `game.Game`): the one place that changes a team game. It carries the
facilitator's actions to the engine (teams.apply through workshoplog.perform), hands each record to
the save (the window shows the step once it is on disk), runs the deliberation clock on the time it is
given (`tick`), and builds the screen for the game as it stands.

An event card with no question is its own moment: Enter on its round reveals and goes on in one go,
with no empty reveal between. When teams run out of budget in a round, the 'Op is op' screen names
them (and the meters they were short of) before the next round or the debrief.

Nothing here loses a decision except an explicit, confirmed undo: skipping a card and ending early are
recorded steps that undo can take back, and looking back at an earlier screen changes nothing. Saving
the scenario file (or F5) carries the game over to the new version (`reload`), in a new save.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import assert_never

from msgspec.structs import replace

from incluzo import persistence
from incluzo.engine.logs import savelog, workshoplog
from incluzo.engine.logs.savelog import Entry, Rebuilt, SaveLog
from incluzo.engine.play import rules, teams
from incluzo.engine.play.desk import DeskView, Upcoming
from incluzo.engine.play.phases import Mode
from incluzo.engine.play.rules import Refusal
from incluzo.engine.play.teams import CARD, DEBRIEF, OUTCOME, TeamAction, TeamPlay
from incluzo.engine.play.teamviews import (
    Badge,
    RevealView,
    RoundView,
    TeamMapView,
    TeamPresenter,
    badge,
    timer_view,
)
from incluzo.engine.play.views import Presenter
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.problems import ScenarioError
from incluzo.scenariocache import load_file
from incluzo.scenes import actions
from incluzo.scenes.game import Reply, ask_end, ask_skip
from incluzo.scenes.kit.base import Context, Scene
from incluzo.scenes.kit.bindings import TEAM_HELP, TEAM_UNDO_ROUND, Binding
from incluzo.scenes.kit.widgets import listed
from incluzo.scenes.screens.budgetout import BudgetOutScene, RanOut
from incluzo.scenes.screens.director import reloaded, saved
from incluzo.scenes.screens.meterless import has_costs, without_meters
from incluzo.scenes.screens.overlays import HelpOverlay, PauseOverlay, confirm
from incluzo.scenes.screens.profile import StartProfile, start_profile_of
from incluzo.scenes.teams.briefing import TeamBriefingScene
from incluzo.scenes.teams.debrief import TeamDebriefScene
from incluzo.scenes.teams.export import export_teams
from incluzo.scenes.teams.maps import TeamMapOverlay
from incluzo.scenes.teams.reveal import TeamRevealScene
from incluzo.scenes.teams.rounds import TeamRoundScene


class TeamHelpOverlay(HelpOverlay):
    """Help with the facilitator's keys first."""

    def help_keys(self) -> Sequence[Binding]:
        return TEAM_HELP


Builder = Callable[[], Scene]


class TeamDirector:
    """The game of competing teams (a `game.Game`)."""

    mode = Mode.TEAMS

    def __init__(
        self,
        scenario: Scenario,
        ctx: Context,
        play: TeamPlay,
        save: persistence.SaveFile | None = None,
        *,
        briefed: bool = False,
        profile: StartProfile | None = None,
        log: SaveLog | None = None,
        source: Path | None = None,
    ) -> None:
        self.scenario = scenario
        self.ctx = replace(ctx, mode=Mode.TEAMS)
        self.say = self.ctx.say
        self.play = play
        self.save = save
        self.profile = profile  # the room's "Welke bril?" profile the game started from, if any
        names = tuple(seat.team.name for seat in play.seats)
        self.unsaved = log or savelog.new_log(scenario, seed=0, mode=Mode.TEAMS.save_name, teams=names)
        self.presenter = TeamPresenter(scenario, self.ctx.lang)
        self.costs = has_costs(scenario)
        self.briefed = briefed
        self.selected: int | None = None
        self.notes = False
        self.past: list[Builder] = []  # earlier screens, oldest first, to look back at
        self.looking: int | None = None  # the one shown while looking back
        self.pause: Scene | None = None  # the pause screen while it is up
        self.run_after_pause = False
        self.carry_ms = 0.0
        self.exports: list[Path] = []
        self.source = source  # the scenario file, watched for edits
        self.out_round: int | None = None  # the reveal whose budget-out screen is up (or was seen)
        self.screen: Scene = self.build()

    # Views ----------------------------------------------------------------------------------------
    @property
    def badges(self) -> tuple[Badge, ...]:
        return tuple(badge(seat.team) for seat in self.play.seats)

    def maps(self) -> tuple[TeamMapView, ...]:
        return self.presenter.maps(self.play)

    def build(self) -> Scene:
        """The screen of the game as it stands."""
        ctx, play = self.ctx, self.play
        if not self.briefed:
            start = rules.begin(self.scenario)
            presenter = Presenter(self.scenario, ctx.lang)
            view = presenter.briefing(start)
            shown = without_meters(view) if not self.costs else view
            return TeamBriefingScene(ctx, shown, presenter.map(start), self.badges)
        if play.phase == CARD:
            return TeamRoundScene(
                ctx, self.presenter.round(play), selected=self.selected, notes=self.notes, costs=self.costs
            )
        if play.phase == OUTCOME:
            if play.last is not None and self.out_round == play.last.number and self.presenter.ran_out(play):
                return self._out_scene()
            return self._reveal_scene()
        return TeamDebriefScene(ctx, self.presenter.debrief(play), self.maps())

    def _reveal_scene(self, *, review: bool = False, view: RevealView | None = None) -> Scene:
        """The reveal of the round just played (`view`: its view, when made already)."""
        assert self.play.last is not None
        card = self.scenario.card(self.play.last.card)
        t = self.presenter.presenter.t
        return TeamRevealScene(
            self.ctx,
            view or self.presenter.reveal(self.play),
            notes=t(card.notes),
            text="" if card.choices else t(card.text),
            show_notes=self.notes and not review,
            selected=None if review else self.selected,
            costs=self.costs,
            review=review,
        )

    def _out_scene(self) -> Scene:
        """'Op is op' for the teams that ran out in the round just revealed."""
        out = self.presenter.ran_out(self.play)
        names = listed([o.badge.name for o in out], self.say)
        closing = self.say("out.teams.done") if self.play.over else self.say("out.teams.go_on", teams=names)
        seat = self.play.seats[out[0].badge.number - 1]
        meters = self.presenter.presenter.meters(seat.game.meters) if len(out) == 1 else ()
        scene = BudgetOutScene(
            self.ctx,
            [RanOut(o.badge.name, o.exhaustion) for o in out],
            meters,
            actions.NextRound(),
            closing=closing,
            keys=[
                TEAM_UNDO_ROUND.to(actions.AskUndo(None))
            ],  # a wrong pick that ran a team out can be taken back
        )
        assert self.play.last is not None
        scene.name = f"budget-out-{self.play.last.number}"  # one per round in which teams ran out
        return scene

    def _go_on(self) -> Reply:
        """Enter after a reveal: first the budget-out screen if teams ran out in it, then the next round."""
        last = self.play.last
        if last is not None and self.out_round != last.number and self.presenter.ran_out(self.play):
            self.past.append(self.snapshot())
            self.out_round = last.number
            self.show()
            return Reply()
        return self._step(teams.GoOn())

    def _reveal(self, counts: tuple[int, ...] | None) -> Reply:
        """Enter on a round: the reveal; on an event card without a question, straight on to the next
        round (or to the budget-out screen when the card ran a team out)."""
        card = teams.room_card(self.scenario, self.play)
        if card is None or not card.is_event or card.poll is not None:
            return self._step(teams.Reveal(counts))
        left = self.snapshot()
        notice = self.perform(teams.Reveal(counts))
        if notice:
            return Reply(notice)
        self.past.append(left)
        self.notes = False
        if self.presenter.ran_out(self.play):
            assert self.play.last is not None
            self.out_round = self.play.last.number
            return self._moved("")
        return self._moved(self.perform(teams.GoOn()))

    def snapshot(self) -> Builder:
        """The screen shown now, frozen, to look back at later."""
        ctx, costs = self.ctx, self.costs
        if not self.briefed:
            shown = self.screen
            assert isinstance(shown, TeamBriefingScene)
            view, map_view, badges = shown.view, shown.map_view, shown.badges
            return lambda: TeamBriefingScene(ctx, view, map_view, badges)
        if self.play.phase == CARD:
            round_view = self.round_view()
            return lambda: TeamRoundScene(ctx, round_view, costs=costs, review=True)
        reveal = self._reveal_scene(review=True, view=self.reveal_view())
        return lambda: reveal

    def round_view(self) -> RoundView:
        """The open round's view data: the very view on screen when the screen shows the round as it
        stands (a team's choice placed hands it its new view), else made anew (a look back is shown)."""
        screen, play = self.screen, self.play
        if isinstance(screen, TeamRoundScene) and self._round_shown(screen):
            view = screen.view
            picked = tuple(t.picked for t in view.teams) == tuple(s.pick is not None for s in play.seats)
            if view.round == play.rounds + 1 and picked:
                return view
        return self.presenter.round(play)

    def reveal_view(self) -> RevealView:
        """The reveal's view data: the very view the reveal on screen was built from, else made anew (a
        look back is shown)."""
        screen = self.screen
        if isinstance(screen, TeamRevealScene) and not screen.review:
            return screen.view
        return self.presenter.reveal(self.play)

    def show(self, *, keep_page: bool = True) -> None:
        """Show the game as it stands; the same screen (a team picked on it) stays on its page, and the
        round on screen stays, told its new view (a pick costs no new screen: `TeamRoundScene.refresh`)."""
        old = self.screen
        if keep_page and self._round_shown(old):
            assert isinstance(old, TeamRoundScene)
            old.refresh(self.presenter.round(self.play), selected=self.selected, notes=self.notes)
            return
        new = self.build()
        if keep_page and new.name == old.name and type(new) is type(old):
            new.page = old.page
            if isinstance(new, TeamRevealScene) and isinstance(old, TeamRevealScene):
                new.wanted = old.step  # the reveal's steps shown so far stay shown
        self.screen = new

    def _round_shown(self, scene: Scene) -> bool:
        """Whether `scene` is the round the game stands in (not a look back at one)."""
        if (
            not isinstance(scene, TeamRoundScene)
            or scene.review
            or not self.briefed
            or self.play.phase != CARD
        ):
            return False
        card = teams.room_card(self.scenario, self.play)
        return card is not None and scene.view.card.id == card.id

    # The clock -----------------------------------------------------------------------------------
    def tick(self, seconds: float, overlays: Sequence[Scene] = ()) -> None:
        """Time passed in the window: the open round's countdown counts it (not during a pause)."""
        if self.pause is not None and self.pause not in overlays:
            self.pause = None
            if self.run_after_pause:
                self._set_timer(self.play.timer.resume())
        if self.play.phase != CARD or not self.briefed:
            return
        self.carry_ms += seconds * 1000
        whole = int(self.carry_ms)
        self.carry_ms -= whole
        if whole:
            self._set_timer(teams.tick(self.play, whole).timer)

    def wake_ms(self, longest: int) -> int:
        """How long the window may sleep before the countdown on screen must change."""
        timer = self.play.timer
        if self.play.phase != CARD or not timer.running or timer.expired or not self.briefed:
            return longest
        return min(longest, (timer.remaining_ms - 1) % 1000 + 1)

    def _set_timer(self, timer: teams.Timer) -> None:
        before = timer_view(self.play.timer)
        self.play = replace(self.play, timer=timer)
        after = timer_view(timer)
        if after != before and isinstance(self.screen, TeamRoundScene) and not self.screen.review:
            self.screen.set_timer(after)

    # The log ----------------------------------------------------------------------------------------
    @property
    def log(self) -> SaveLog:
        """Every record of the game so far: the save's, or, when the disk refused it, kept in memory."""
        return self.save.log if self.save is not None else self.unsaved

    def record(self, entry: Entry) -> None:
        """Hand a record to the save (the window shows the step once it is on disk: App.draw)."""
        if self.save is not None:
            self.save.step([entry])
        else:
            self.unsaved = self.unsaved.appended(entry)

    def reload(self, scenario: Scenario) -> Reply:
        """This game carried over to a new version of its scenario (play as you write), in a new save;
        the reply says how many steps carried over, or where and why replay stopped."""
        if self.profile is not None:  # a game that started from the room's profile keeps starting there
            scenario = self.profile.apply(scenario)
        rebuilt = workshoplog.rebase(scenario, self.log, self.play.default_seconds)
        save, failed = saved(rebuilt.log, self.ctx)
        play = self._clock_kept(scenario, rebuilt.state)
        if play.phase == DEBRIEF and save is not None:
            persistence.finish(save, None)
        self.scenario, self.play, self.save, self.unsaved = scenario, play, save, rebuilt.log
        self.presenter = TeamPresenter(scenario, self.ctx.lang)
        self.costs = has_costs(scenario)
        self.selected = self.looking = self.pause = self.out_round = None
        self.notes = self.run_after_pause = False
        self.past = []
        self.carry_ms = 0.0
        self.screen = self.build()
        return Reply("\n".join(filter(None, [reloaded(self.ctx, rebuilt), failed])), close=True)

    def _clock_kept(self, scenario: Scenario, play: TeamPlay) -> TeamPlay:
        """The open round's countdown goes on as it stood (time used, time added or taken away, stopped
        or running) when the room still faces the same card; a changed `timer` of the card counts."""
        before, after = teams.room_card(self.scenario, self.play), teams.room_card(scenario, play)
        same_card = before is not None and after is not None and before.id == after.id
        if not same_card or {play.phase, self.play.phase} != {CARD}:
            return play
        old = self.play.timer
        added = old.limit_ms - teams.timer_for(before, self.play.default_seconds).limit_ms
        running = old.running or (self.pause is not None and self.run_after_pause)  # the pause closes
        limit = max(old.used_ms, play.timer.limit_ms + added)
        return replace(play, timer=replace(old, limit_ms=limit, running=running))

    # Actions --------------------------------------------------------------------------------------
    def perform(self, action: TeamAction) -> str:
        """Apply one engine action, its record handed to the save. '' or why it was refused."""
        result, entry = workshoplog.perform(self.scenario, self.play, action)
        if isinstance(result, Refusal):
            return result.message(self.scenario, self.ctx.lang)
        if entry is not None:
            self.record(entry)
        self.play = result
        if result.phase == DEBRIEF and self.save is not None:
            persistence.finish(self.save, None)
        return ""

    def act(self, action: actions.GameAction) -> Reply:
        """Carry out what a team screen asked for."""
        match action:
            case actions.BeginRound():
                if self.briefed:
                    return Reply()  # the briefing is left once
                self.past.append(self.snapshot())
                self.briefed = True
                self.show()
                return Reply()
            case actions.SelectTeam(number):
                return self._select(number)
            case actions.PickFor():
                return self._pick(action)
            case actions.ClearPick(team):
                return self._moved(self.perform(teams.Unpick(team)))
            case actions.RevealPicks(counts):
                return self._reveal(counts) if self.play.phase == CARD else Reply()
            case actions.NextRound():
                return self._go_on() if self.play.phase == OUTCOME else Reply()
            case actions.AddTime(seconds):
                return self._clock(self.play.timer.add(seconds))
            case actions.ToggleTimer():
                timer = self.play.timer
                reply = self._clock(timer.pause() if timer.running else timer.resume())
                self.show()  # the bar's word for T changes
                return reply
            case actions.EndTime():
                return self._clock(self.play.timer.skip())
            case actions.AskSkip():
                return self._ask_skip()
            case actions.Skip():
                return self._step(teams.Skip(), close=True)
            case actions.AskUndo(team):
                return self._ask_undo(team)
            case actions.Undo(team):
                self.notes = False
                engine = teams.UndoRound() if team is None else teams.UndoTeam(team)
                return self._moved(self.perform(engine), keep_past=False, close=True)
            case actions.AskFinish():
                if self.play.phase == DEBRIEF:
                    return Reply()
                return Reply(overlay=ask_end(self.ctx, "team.ask.end.text"))
            case actions.Finish():
                return self._step(teams.EndEarly(), close=True)
            case actions.Back():
                return self._back()
            case actions.BackToNow():
                self.looking = None
                self.show()
                return Reply()
            case actions.ShowNotes():
                self.notes = not self.notes
                self.show(keep_page=False)
                return Reply()
            case actions.OpenMap():
                return Reply(overlay=TeamMapOverlay(self.ctx, self.maps()))
            case actions.Pause():
                return self._pause()
            case actions.Export():
                self._export()
                return Reply()
            case actions.Start() | actions.Choose() | actions.Advance():
                return Reply()  # one group's steps: a team game moves by picks and reveals
            case _:
                assert_never(action)

    def desk(self) -> DeskView:
        """The card the room faces (on a reveal: the one revealed) and its notes, and on a reveal the card
        that comes next; the teams' own paths make a card's ways on too many to list."""
        t = self.presenter.presenter.t
        play = self.play
        facing = teams.room_card(self.scenario, play)
        ahead = (Upcoming("", t(facing.title)),) if facing is not None else ()
        if not self.briefed:
            return DeskView(t(self.scenario.title), None, ahead)
        if play.phase == CARD and facing is not None:
            return DeskView(t(facing.title), t(facing.notes), ())
        if play.phase == OUTCOME and play.last is not None:
            card = self.scenario.card(play.last.card)
            return DeskView(t(card.title), t(card.notes), ahead)
        return DeskView("", None, ())

    def help(self) -> Scene:
        return TeamHelpOverlay(self.ctx)

    def _moved(self, notice: str, *, keep_past: bool = True, close: bool = False) -> Reply:
        """After an engine action: the new screen when it was done, else the reason."""
        if notice:
            return Reply(notice, close=close)
        if not keep_past:
            self.past.clear()
        self.looking = None
        self.selected = None
        self.show()
        return Reply(close=close)

    def _step(self, action: TeamAction, *, close: bool = False) -> Reply:
        """An engine action that moves the game on: the screen left becomes one to look back at."""
        left = self.snapshot()
        notice = self.perform(action)
        if not notice:
            self.past.append(left)
            self.notes = False
        return self._moved(notice, close=close)

    def _select(self, number: int | None) -> Reply:
        if number is not None and not 1 <= number <= len(self.play.seats):
            return Reply(Refusal("unknown_team", str(number)).message(self.scenario, self.ctx.lang))
        if (
            number is not None
            and self.play.phase == CARD
            and number not in teams.playing(self.scenario, self.play)
        ):
            name = self.play.seats[number - 1].team.name
            return Reply(Refusal("team_waits", name).message(self.scenario, self.ctx.lang))
        self.selected = number
        self.show()
        return Reply()

    def _pick(self, action: actions.PickFor) -> Reply:
        team = action.team if action.team is not None else self.selected
        if team is None or not action.choice:
            return Reply(self.say("team.first", count=len(self.play.seats)))
        notice = self.perform(teams.Pick(team, action.choice))
        if notice:
            return Reply(notice)
        self.selected = None
        self.show()
        return Reply()

    def _clock(self, timer: teams.Timer) -> Reply:
        if self.play.phase != CARD:
            return Reply()
        self._set_timer(timer)
        return Reply()

    def _ask_skip(self) -> Reply:
        if self.play.phase != CARD:
            return Reply()
        card = teams.room_card(self.scenario, self.play)
        assert card is not None
        title = self.presenter.presenter.t(card.title)
        return Reply(overlay=ask_skip(self.ctx, title, "team.ask.skip.text"))

    def _ask_undo(self, team: int | None) -> Reply:
        play = self.play
        if team is None:
            if not any(seat.rounds for seat in play.seats):
                return Reply(self.say("refused.undo"))
            latest = max(seat.rounds[-1] for seat in play.seats if seat.rounds)
            names = ", ".join(s.team.name for s in play.seats if s.rounds and s.rounds[-1] == latest)
            question = self.say("team.ask.undo_round")
            text = self.say("team.ask.undo_round.text", teams=names)
        else:
            seat = play.seats[team - 1]
            if not seat.game.decisions:
                return Reply(self.say("team.nothing_to_undo", name=seat.team.name))
            question = self.say("team.ask.undo_team", name=seat.team.name)
            text = self.say("team.ask.undo_team.text")
        return Reply(overlay=confirm(self.ctx, question, text, actions.Undo(team)))

    def _back(self) -> Reply:
        if not self.past or self.looking == 0:
            return Reply(self.say("team.back.none"))
        self.looking = len(self.past) - 1 if self.looking is None else self.looking - 1
        self.screen = self.past[self.looking]()
        return Reply()

    def _pause(self) -> Reply:
        self.pause = PauseOverlay(self.ctx)
        self.run_after_pause = self.play.timer.running
        if self.play.phase == CARD:
            self._set_timer(self.play.timer.pause())
        return Reply(overlay=self.pause)

    def _export(self) -> None:
        if self.play.phase != DEBRIEF or not isinstance(self.screen, TeamDebriefScene):
            return
        png, md = export_teams(self.screen.view, self.screen.maps, self.ctx)
        self.exports = [png, md]
        note = self.say("export.done", png=str(png), md=md.name)
        print(note, flush=True)
        self.screen.show_export(note)


# --- starting and resuming ------------------------------------------------------------------------


def start(
    path: str, names: Sequence[str], ctx: Context, profile: StartProfile | None = None
) -> tuple[TeamDirector | None, str]:
    """A new team game of the scenario at `path`, its save begun; or None and why it cannot start.
    With a "Welke bril?" profile, the teams start from it (recorded first in the save, as solo play does)."""
    try:
        scenario = load_file(path)
        if profile is not None:
            scenario = profile.apply(scenario)
    except ScenarioError as error:
        return None, "\n".join(p.format(ctx.lang) for p in error.problems[:3])
    made = teams.make_teams(list(names))
    if isinstance(made, Refusal):
        return None, made.message(scenario, ctx.lang)
    source = str(Path(path).resolve())
    log = savelog.new_log(
        scenario, seed=0, mode=Mode.TEAMS.save_name, teams=tuple(t.name for t in made), source=source
    )
    for entry in profile.entries() if profile is not None else ():
        log = log.appended(entry)
    save, notice = saved(log, ctx)
    play = teams.begin(scenario, made)
    director = TeamDirector(scenario, ctx, play, save, profile=profile, log=log, source=Path(path))
    return director, notice


def resumed(
    file: persistence.SaveFile, rebuilt: Rebuilt[TeamPlay], ctx: Context, source: Path | None
) -> TeamDirector:
    """The team game a save holds, rebuilt by replaying its log (`games.resume`), going on in `file`."""
    briefed = any(workshoplog.action_of(e) is not None for e in file.log.entries)
    profile = start_profile_of(file.path)
    return TeamDirector(
        rebuilt.scenario, ctx, rebuilt.state, file, briefed=briefed, profile=profile, source=source
    )
