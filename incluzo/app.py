"""The window and its loop. `App.step(events, dt)` is one frame, so tests and scripted play control time.

Loop: pygame event -> input event -> the top scene's handle() returns an action -> the app or the
director carries it out -> the director builds the scene for the new phase -> the scene draws. When
nothing moves and nothing happens the loop sleeps in pygame.event.wait, so an idle screen costs
almost no CPU.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Iterable
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from incluzo.scenes import use_dummy_display_if_headless

use_dummy_display_if_headless()

import pygame  # noqa: E402  (SDL drivers are chosen before pygame loads)

from incluzo import persistence  # noqa: E402
from incluzo.engine.logs import rebase, savelog  # noqa: E402
from incluzo.engine.logs.savelog import SaveError  # noqa: E402
from incluzo.engine.play.session import Session  # noqa: E402
from incluzo.engine.play.views import DebriefView, present  # noqa: E402
from incluzo.engine.scenario.loader import load_file  # noqa: E402
from incluzo.engine.scenario.model import Scenario  # noqa: E402
from incluzo.engine.scenario.problems import Problem, ScenarioError  # noqa: E402
from incluzo.errorlog import write_crash_log  # noqa: E402
from incluzo.scenes import actions as act  # noqa: E402
from incluzo.scenes import theme, widgets  # noqa: E402
from incluzo.scenes.base import Context, Scene  # noqa: E402
from incluzo.scenes.crash import CrashScene  # noqa: E402
from incluzo.scenes.director import Director  # noqa: E402
from incluzo.scenes.input import Click, CloseWindow, Exposed, Input, Key, Resized, translate  # noqa: E402
from incluzo.scenes.overlays import HelpOverlay, MapOverlay, PauseOverlay, confirm, menu  # noqa: E402
from incluzo.scenes.start import StartScene, entries, find_scenarios  # noqa: E402
from incluzo.scenes.teamactions import TeamCommand  # noqa: E402
from incluzo.scenes.text import draw_lines, line_height, wrap  # noqa: E402

if TYPE_CHECKING:
    from incluzo.scenes import teamdirector
    from incluzo.scenes.profile import StartProfile

# Team play and the questionnaire, profile and practice screens load when first used (`_teams()` and
# imports inside the methods): the first frame waits for none of them.
SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
NOTICE_WIDTH_SCALE = 36  # widest notice in body units
MIN_SIZE = (640, 360)
POLLING_DRIVERS = ("dummy", "offscreen")


class App:
    """The game: a start screen or a session, with overlays and a notice line on top."""

    def __init__(
        self,
        *,
        size: tuple[int, int] = (1280, 720),
        lang: str = "nl",
        mode: str = "team",
        teams: tuple[str, ...] | None = None,
        scenario: str | Path | None = None,
        folder: Path = SCENARIOS,
        window: bool = False,
        fullscreen: bool = False,
        resume: Path | None = None,
        ask_resume: bool = False,
        questionnaire: Path | None = None,
        threshold: Fraction | int | None = None,
    ) -> None:
        self.ctx = Context(lang, mode)
        self.folder = folder
        self.window = window
        self.fullscreen = False
        self.size = size
        self.surface = self._open(size) if window else pygame.Surface(size)
        self.director: Director | None = None
        self.team: teamdirector.TeamDirector | None = None  # a game of competing teams
        self.overlays: list[Scene] = []
        self.notice = ""
        self.running = True
        self.dirty = True
        self.exports: list[Path] = []
        self.under: pygame.Surface | None = None  # the shaded scene behind overlays
        self.scene: Scene = Scene(self.ctx)  # the start screen reads every file: built only when shown
        self.source: Path | None = None  # the scenario file being played, watched for saves
        self.source_stamp = 0.0
        self.next_watch = 0.0
        self.questionnaire_file = questionnaire  # "Welke bril?" (W, --questionnaire); None: the deck's
        self.threshold = threshold
        self.profile: StartProfile | None = None  # its result, which scenarios then start from
        self.then_play: str | None = None  # the scenario named with --questionnaire
        if questionnaire is not None:
            self.then_play = str(scenario) if scenario is not None else None
            self.open_questionnaire()
        elif scenario is not None:
            if teams is None:
                self.play(str(scenario))
            else:
                _teams().begin(self, str(scenario), teams)  # () lets the room type its teams
        else:
            self.show(self._start_scene())
        if resume is not None:
            self.resume(resume)
        elif ask_resume:
            teams_id = self.team.scenario.id if self.team else None
            self.offer_resume(self.director.session.scenario.id if self.director else teams_id)
        if fullscreen:
            self.toggle_fullscreen()

    # Window -------------------------------------------------------------------------------------
    def _open(self, size: tuple[int, int], flags: int = pygame.RESIZABLE) -> pygame.Surface:
        if not pygame.display.get_init():
            pygame.display.init()
        pygame.display.set_caption("incluzo")
        return pygame.display.set_mode(size, flags)

    def resize(self, size: tuple[int, int]) -> None:
        size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        self.size = size
        if self.window:
            self.surface = pygame.display.get_surface() if self.fullscreen else self._open(size)
            self.size = self.surface.get_size()
        else:
            self.surface = pygame.Surface(size)
        for scene in [self.scene, *self.overlays]:
            scene.resize(self.size)
        self.dirty = True

    def toggle_fullscreen(self) -> None:
        if not self.window:
            return
        self.fullscreen = not self.fullscreen
        if self.fullscreen:
            self.windowed = self.size
            self.surface = self._open((0, 0), pygame.FULLSCREEN)
        else:
            self.surface = self._open(getattr(self, "windowed", self.size))
        self.resize(self.surface.get_size())

    # Scenes -------------------------------------------------------------------------------------
    @property
    def top(self) -> Scene:
        return self.overlays[-1] if self.overlays else self.scene

    def show(self, scene: Scene) -> None:
        scene.resize(self.size)
        self.scene = scene
        self.dirty = True

    def push(self, overlay: Scene) -> None:
        overlay.resize(self.size)
        self.overlays.append(overlay)
        self.dirty = True

    def _start_scene(self, selected: int = 0) -> StartScene:
        note = self.ctx.say("start.profile") if self.profile else ""
        return StartScene(self.ctx, entries(find_scenarios(self.folder), self.ctx.lang), selected, note=note)

    def open_questionnaire(self) -> bool:
        """Show "Welke bril?" to fill in; False (with a notice) when the themes file has errors."""
        from incluzo.commands.profile import THEMES
        from incluzo.engine.questionnaire import themes as welke_bril
        from incluzo.scenes.questionnaire import QuestionnaireScene

        try:
            self.questionnaire = welke_bril.load_file(self.questionnaire_file or THEMES)
        except ScenarioError as error:
            self.notice = "\n".join(p.format(self.ctx.lang) for p in error.problems[:3])
            self.show(self.scene if isinstance(self.scene, StartScene) else self._start_scene())
            return False
        self.director = None
        self.overlays = []
        self.show(QuestionnaireScene(self.ctx, self.questionnaire))
        return True

    def play(self, path: str) -> bool:
        """Open a scenario at its briefing; False (with a notice) when the file has errors."""
        try:
            scenario = load_file(path)
        except ScenarioError as error:
            self.notice = "\n".join(p.format(self.ctx.lang) for p in error.problems[:3])
            self.show(self.scene if isinstance(self.scene, StartScene) else self._start_scene())
            return False
        if self.profile is not None:
            scenario = self.profile.apply(scenario)
        self.director = self._director(Session(scenario), self._new_save(scenario, path))
        if self.profile is not None:
            self.director.record(self.profile.entry())  # first in the log: a resume starts from it too
        self.overlays = []
        self.show(self.director.scene())
        self._watch_source(Path(path))
        return True

    # Play as you write --------------------------------------------------------------------------
    def _watch_source(self, path: Path | None) -> None:
        self.source = path
        self.source_stamp = _stamp(path) if path else 0.0

    def watch(self, now: float) -> bool:
        """Reload when the scenario file was saved since it was read (checked at most twice a second)."""
        if self.source is None or now < self.next_watch:
            return False
        self.next_watch = now + theme.WATCH_INTERVAL_S
        if _stamp(self.source) == self.source_stamp:
            return False
        self.reload()
        return True

    def reload(self) -> None:
        """Read the scenario file again, check it, and replay the decisions so far onto the new version.

        A file with errors keeps the old version playing and shows the errors; a decision the new
        version no longer allows stops the replay there, and the notice says which and why. One group
        here, competing teams in teamdirector.reload; either way the game goes on in a new save.
        """
        if self.source is None or (self.director is None and self.team is None):
            return
        self.source_stamp = _stamp(self.source)
        self.dirty = True
        problems = _teams().reload(self, self.source) if self.team is not None else self._reload_group()
        if problems is not None:
            errors = [p.format(self.ctx.lang) for p in problems if p.severity == "error"]
            self.notice = "\n".join([self.ctx.say("reload.errors"), *errors[:3]])

    def _reload_group(self) -> list[Problem] | None:
        """The one-group (or solo) game carried over to the file as it is now; its problems when it has
        errors."""
        assert self.director is not None and self.source is not None
        reloaded = rebase.reload(self.source, self.director.session)
        if reloaded.rebased is None:
            return reloaded.problems
        rebased = reloaded.rebased
        if self.profile is not None:  # a game that started from the room's profile keeps starting there
            session = self.director.session
            rebased = rebase.rebase(
                self.profile.apply(rebased.session.scenario), session.log, session.scenario
            )
        self.director = self._director(rebased.session, self._resave(rebased.session))
        self.overlays = []
        self.show(self.director.scene())
        reason = rebased.message(self.ctx.lang)
        self.notice = (
            self.ctx.say("reload.stopped", count=rebased.applied, reason=reason)
            if reason
            else self.ctx.say("reload.done", count=rebased.applied)
        )
        return None

    def _resave(self, session: Session) -> persistence.SaveFile | None:
        """A new save for the reloaded version holding the decisions that carried over."""
        assert self.source is not None
        save = self._new_save(session.scenario, str(self.source))
        if save is not None and self.profile is not None:
            save.append(self.profile.entry())
        replayed = Session(session.scenario)
        for action in session.log:
            _, entry = savelog.perform(replayed, action)
            if save is not None and entry is not None:
                save.append(entry)
        return save

    def _director(self, session: Session, save: persistence.SaveFile | None) -> Director:
        """The director for the mode: solo play is practice (tips, retries, runs compared)."""
        if self.ctx.mode == "solo":
            from incluzo.scenes.practice import PracticeDirector

            return PracticeDirector(session, self.ctx, save)
        return Director(session, self.ctx, save)

    def _new_save(self, scenario: Scenario, path: str) -> persistence.SaveFile | None:
        """The new session's save; when the disk refuses, the game goes on unsaved and says so."""
        try:
            return persistence.start(scenario, mode=self.ctx.mode, source=str(Path(path).resolve()))
        except OSError as error:
            self.notice = self.ctx.say("save.failed", reason=error.strerror or str(error))
            return None

    def resume(self, path: Path) -> bool:
        """Go on with a saved session where it stood; False (with a notice) when that cannot be."""
        try:
            if _teams().is_team_save(path):
                return _teams().resume_teams(self, path)
            from incluzo.scenes.profile import scenario_for, start_profile_of

            resumed = persistence.resume(path, scenario_for(path))
        except (SaveError, ScenarioError, OSError) as error:
            self.director = None
            self.overlays = []
            self.show(self._start_scene())
            self.notice = self.ctx.say("resume.failed", reason=_reason(error, self.ctx.lang))
            return False
        mode = resumed.file.log.header.mode
        self.ctx = replace(self.ctx, mode=mode if mode in ("team", "solo") else self.ctx.mode)
        self.director = self._director(resumed.session, resumed.file)
        self.overlays = []
        self.show(self.director.scene())
        self.notice = "\n".join(resumed.notices(self.ctx.lang))
        self.profile = start_profile_of(path)  # a reload keeps the start the game was played from
        source = resumed.file.log.header.source
        self._watch_source(Path(source) if source else None)
        return True

    def offer_resume(self, scenario_id: str | None = None) -> None:
        """Ask whether to go on with the newest unfinished session (of this scenario, when playing one)."""
        found = persistence.find_unfinished(scenario_id)
        log = persistence.peek(found) if found else None
        if found is None or log is None:
            return
        say = self.ctx.say
        text = say("resume.text", scenario=log.header.scenario, steps=log.steps)
        self.push(confirm(self.ctx, say("resume.question"), text, act.Resume(found)))

    def crash(self, details: str) -> Path:
        """The crash guard: log the traceback, show the calm crash page; every decision is already saved."""
        log = write_crash_log(details)
        if isinstance(self.scene, CrashScene):  # the page itself failed: keep the window, plainly
            self.surface.fill(theme.BACKGROUND)
            self.scene.dirty = self.dirty = False
            return log
        save = self.director.save if self.director else self.team.save if self.team else None
        self.director = self.team = None
        self.overlays = []
        self.notice = ""
        self.show(CrashScene(self.ctx, log, save.path if save else None))
        return log

    # One frame ----------------------------------------------------------------------------------
    def step(
        self, events: Iterable[pygame.event.Event | Input], dt: float, wall: float | None = None
    ) -> bool:
        """Handle the events, move animations on by dt seconds, draw if anything changed. `wall` is the
        time that really passed when it differs from dt (a team game's countdown counts it).
        Returns False once the player has quit."""
        if self.team is not None:
            self.team.tick(dt if wall is None else wall, self.overlays)
        for event in events:
            inp = event if not isinstance(event, pygame.event.Event) else translate(event)
            if inp is not None:
                self.feed(inp)
        moving = self.scene.update(dt)
        if self.dirty or moving or any(s.dirty for s in [self.scene, *self.overlays]):
            self.draw()
        return self.running

    def guarded_step(
        self,
        events: Iterable[pygame.event.Event | Input],
        dt: float,
        *,
        watch: bool = False,
        wall: float | None = None,
    ) -> bool:
        """One frame behind the crash guard: an unexpected error shows the crash page, the window stays.
        With `watch`, a scenario file saved since it was read is reloaded first."""
        try:
            if watch:
                self.watch(time.monotonic())
            return self.step(events, dt, wall)
        except Exception:
            self.crash(traceback.format_exc())
            return self.running

    @property
    def animating(self) -> bool:
        return self.scene.update(0.0)

    def ask_director(self, action: act.AskSkip | act.AskFinish | act.ShowNotes) -> None:
        """Push the director's question (K, X) or the card's notes (N), when it has one now."""
        if self.director is None or self.overlays:
            return
        d = self.director
        shown = (
            d.ask_skip()
            if isinstance(action, act.AskSkip)
            else d.ask_finish()
            if isinstance(action, act.AskFinish)
            else d.notes()
        )
        if shown is not None:
            self.push(shown)

    def feed(self, inp: Input) -> None:
        if isinstance(inp, Resized):
            self.resize(inp.size)
            return
        if isinstance(inp, Exposed):
            self.dirty = True
            return
        if isinstance(inp, CloseWindow):
            if self.overlays and self.overlays[-1].name == "confirm-quit":
                self.running = False
            else:
                self.act(act.AskQuit())
            return
        if self.notice and isinstance(inp, Key | Click):
            self.notice = ""
            self.dirty = True
        action = self.top.handle(inp)
        if action is not None:
            self.act(action)

    def act(self, action: act.Action) -> None:
        """Carry out what a scene asked for."""
        self.dirty = True
        if isinstance(action, TeamCommand):
            _teams().command(self, action)
        elif isinstance(action, act.Start | act.Choose | act.Advance | act.Skip | act.Finish | act.Undo):
            assert self.director is not None
            if isinstance(action, act.Skip | act.Finish):
                self.overlays = []  # the question asked before it
            refused = self.director.apply(action)
            if refused:
                self.notice = refused
            else:
                self.show(self.director.scene())
        elif isinstance(action, act.AskSkip | act.AskFinish | act.ShowNotes):
            self.ask_director(action)
        elif isinstance(action, act.OpenMap):
            if self.director is not None and not self.overlays:
                self.push(MapOverlay(self.ctx, self.director.map_view()))
        elif isinstance(action, act.Help):
            self.push(_teams().TeamHelpOverlay(self.team.ctx) if self.team else HelpOverlay(self.ctx))
        elif isinstance(action, act.Pause):
            self.push(PauseOverlay(self.ctx))
        elif isinstance(action, act.Menu):
            self.push(menu(self.ctx, in_game=self.director is not None or self.team is not None))
        elif isinstance(action, act.Close):
            self.overlays.pop()
        elif isinstance(action, act.AskQuit | act.AskHome):
            self._ask(action)
        elif isinstance(action, act.Quit):
            self.running = False
        elif isinstance(action, act.Home):
            self.director = self.team = None
            self.overlays = []
            self.show(self._start_scene())
        elif isinstance(action, act.ToggleFullscreen):
            self.toggle_fullscreen()
        elif isinstance(action, act.Reload):
            self.reload()
        elif isinstance(action, act.Export):
            self.export()
        elif isinstance(action, act.Play):
            self.ctx = Context(action.lang, action.mode)
            if action.mode == "team":
                _teams().begin(self, action.path, ())  # the room types its teams first
            else:
                self.play(action.path)
        elif isinstance(action, act.Resume):
            self.resume(action.path)
        elif isinstance(action, act.OpenQuestionnaire):
            self.open_questionnaire()
        elif isinstance(action, act.Profiled):
            from incluzo.scenes.profile import ProfileScene, scenario_title

            then = scenario_title(self.then_play, self.ctx.lang) if self.then_play else ""
            self.show(ProfileScene(self.ctx, self.questionnaire, action.result, self.threshold, then))
        elif isinstance(action, act.StartFrom):
            from incluzo.scenes.profile import StartProfile

            self.profile = StartProfile(self.questionnaire.id, action.result) if action.result else None
            if self.profile is not None and self.then_play is not None:
                self.act(act.Play(self.then_play, self.ctx.mode, self.ctx.lang))
            else:
                self.show(self._start_scene())
        elif isinstance(action, act.SetLanguage):
            self.ctx = replace(self.ctx, lang=action.lang)
            selected = self.scene.selected if isinstance(self.scene, StartScene) else 0
            mode = self.scene.mode if isinstance(self.scene, StartScene) else self.ctx.mode
            self.ctx = replace(self.ctx, mode=mode)
            self.show(self._start_scene(selected))

    def _ask(self, action: act.AskQuit | act.AskHome) -> None:
        say = self.ctx.say
        if isinstance(action, act.AskQuit):
            text = say("confirm.quit.text") if self.director or self.team else ""
            overlay = confirm(self.ctx, say("confirm.quit"), text, act.Quit())
            overlay.name = "confirm-quit"
        else:
            overlay = confirm(self.ctx, say("confirm.home"), say("confirm.home.text"), act.Home())
        self.push(overlay)

    def export(self) -> list[Path]:
        """Write the debrief's PNG and Markdown report; show and print where they went."""
        if self.director is None:
            return []
        view = present(self.director.session, self.ctx.lang)
        if not isinstance(view, DebriefView):
            return []
        from incluzo.scenes.debrief import DebriefScene
        from incluzo.scenes.export import export

        png, md = export(view, self.director.map_view(), self.ctx)
        self.exports = [png, md]
        note = self.ctx.say("export.done", png=str(png), md=md.name)
        print(note, flush=True)
        if isinstance(self.scene, DebriefScene):
            self.scene.show_export(note)
        return self.exports

    # Drawing ------------------------------------------------------------------------------------
    def draw(self) -> None:
        self._draw_scene()
        for overlay in self.overlays:
            overlay.draw(self.surface)
            overlay.dirty = False
        if self.notice:
            self._draw_notice()
        self.dirty = False
        if self.window:
            pygame.display.flip()

    def _draw_scene(self) -> None:
        """The scene; under an overlay it is drawn and shaded once, then reused while it does not change."""
        if not self.overlays:
            self.scene.draw(self.surface)
            self.under = None
        elif self.under is None or self.scene.dirty or self.under.get_size() != self.surface.get_size():
            self.scene.draw(self.surface)
            self.surface.fill(theme.SHADE, special_flags=pygame.BLEND_MULT)
            self.under = self.surface.copy()
        else:
            self.surface.blit(self.under, (0, 0))
        self.scene.dirty = False

    def _draw_notice(self) -> None:
        """A message (a refused choice, a file error) in a panel above the footer, until the next key."""
        m = self.scene.metrics
        style = widgets.styles(m)["warning"]
        width = min(m.width - 2 * m.margin, m.body * NOTICE_WIDTH_SCALE)
        lines = wrap(self.notice, style, width - 2 * m.pad, self.ctx.lang)
        height = len(lines) * line_height(style) + 2 * m.pad
        top = max(m.margin, m.height - m.footer - m.margin - height)
        box = pygame.Rect((m.width - width) // 2, top, width, height)
        widgets.panel(self.surface, box, m, theme.PANEL, theme.WARNING)
        draw_lines(self.surface, lines, style, box.x + m.pad, box.y + m.pad)

    # The real window's loop ---------------------------------------------------------------------
    def run(self) -> None:
        """Play in a window until the player quits."""
        clock = pygame.time.Clock()
        self.guarded_step([], 0.0)
        while self.running:
            if self.animating:
                events = pygame.event.get()
                dt = clock.tick(theme.FRAME_RATE) / 1000
            else:
                events = idle_wait(self.team.wake_ms(theme.IDLE_WAIT_MS) if self.team else theme.IDLE_WAIT_MS)
                wall = clock.tick() / 1000
                self.guarded_step(events, 0.0, watch=True, wall=wall)
                continue
            self.guarded_step(events, dt, watch=True)


def idle_wait(timeout: int = theme.IDLE_WAIT_MS) -> list[pygame.event.Event]:
    """Sleep until something happens. SDL's dummy and offscreen drivers cannot block and would poll
    every millisecond inside event.wait, so there the loop sleeps in short slices instead."""
    if pygame.display.get_driver() in POLLING_DRIVERS:
        time.sleep(theme.IDLE_SLICE_MS / 1000)
        return pygame.event.get()
    first = pygame.event.wait(timeout)
    return [first, *pygame.event.get()] if first.type != pygame.NOEVENT else []


def _teams() -> ModuleType:
    """The team-play director, imported on first use."""
    from incluzo.scenes import teamdirector

    return teamdirector


def _stamp(path: Path) -> float:
    """When the file was last written (0 when it cannot be read: a save in progress, a rename)."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _reason(error: Exception, lang: str) -> str:
    if isinstance(error, SaveError):
        return error.problem.format(lang)
    if isinstance(error, ScenarioError):
        return error.problems[0].format(lang)
    return str(error)


def frame(app: App) -> pygame.Surface:
    """The current picture (for screenshots and tests)."""
    return app.surface
