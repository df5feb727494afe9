"""The window and its loop. `App.step(events, dt)` is one frame, so tests and scripted play control time.

Loop: pygame event -> input event -> the top scene's handle() returns an action -> the app carries out
its own (window, overlays, start screen) and hands the rest to its one `game` (`Game.act` -> `Reply`) ->
the game's screen for the new phase draws. When
nothing moves and nothing happens the loop sleeps in pygame.event.wait, so an idle screen costs
almost no CPU.
"""

from __future__ import annotations

import gc
import time
import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, assert_never

from msgspec.structs import replace

from incluzo.scenes import use_dummy_display_if_headless

use_dummy_display_if_headless()

import pygame  # noqa: E402  (SDL drivers are chosen before pygame loads)

from incluzo import persistence  # noqa: E402
from incluzo.engine.logs import rebase  # noqa: E402
from incluzo.engine.logs.savelog import SaveError  # noqa: E402
from incluzo.engine.play.desk import DeskView  # noqa: E402
from incluzo.engine.play.phases import Mode  # noqa: E402
from incluzo.engine.scenario.problems import ScenarioError  # noqa: E402
from incluzo.errorlog import write_crash_log  # noqa: E402
from incluzo.scenariocache import load_file  # noqa: E402
from incluzo.scenes import games  # noqa: E402
from incluzo.scenes.actions import (  # noqa: E402
    Action,
    AppAction,
    AskHome,
    AskQuit,
    BeginTeams,
    Close,
    Help,
    Home,
    Menu,
    OpenQuestionnaire,
    Pause,
    Play,
    Profiled,
    Quit,
    Reload,
    Resume,
    SetLanguage,
    ShowPhones,
    StartFrom,
    ToggleFullscreen,
    TogglePhones,
    TogglePresenter,
    Turn,
)
from incluzo.scenes.game import Game, Reply  # noqa: E402
from incluzo.scenes.kit import theme, widgets  # noqa: E402
from incluzo.scenes.kit.base import Context, Scene  # noqa: E402
from incluzo.scenes.kit.input import (  # noqa: E402
    Click,
    CloseWindow,
    Exposed,
    Input,
    Key,
    Point,
    Resized,
    translate,
)
from incluzo.scenes.kit.layers import around  # noqa: E402
from incluzo.scenes.kit.text import draw_lines, line_height, wrap  # noqa: E402
from incluzo.scenes.screens.crash import CrashScene  # noqa: E402
from incluzo.scenes.screens.director import Director  # noqa: E402
from incluzo.scenes.screens.overlays import ButtonsOverlay, HelpOverlay, PauseOverlay, confirm, menu  # noqa: E402
from incluzo.scenes.screens.presenter import PresenterScene  # noqa: E402
from incluzo.scenes.screens.start import StartScene, entries, find_scenarios  # noqa: E402
from incluzo.shipped import SCENARIOS  # noqa: E402

if TYPE_CHECKING:
    from fractions import Fraction

    from incluzo.phones.hub import PhoneHub
    from incluzo.scenes.screens.profile import StartProfile

# Team play and the questionnaire, profile and practice screens load when first used (imports inside
# the methods and in games): the first frame waits for none of them.
NOTICE_WIDTH_SCALE = 36  # widest notice in body units
MIN_SIZE = (640, 360)
PRESENTER_TITLE = "incluzo: presenter view"
POLLING_DRIVERS = ("dummy", "offscreen")
# A frame whose handling took this share of its budget leaves its drawing to the next frame: a step of
# the game (the engine, its views, the phones' views) takes 1-3 ms, a key or a hover far less.
STEP_SHARE = 0.25
# A frame paints a new screen's still layer in parts until this share of its budget is spent (at least one
# part), the rest in the next frames: a new round or reveal at 1080p paints for 3-5 ms in one piece.
PAINT_SHARE = 0.5


class App:
    """The window: a start screen or one game of any mode, with overlays and a notice line on top.

    Making an App touches no save; `App.opened` (and `play`, `begin_teams`, `resume`) start or resume a
    game, and a started game writes its save's header before its first screen.
    """

    def __init__(
        self,
        *,
        size: tuple[int, int] = (1280, 720),
        lang: str = "nl",
        mode: Mode | str = Mode.GROUP,
        folder: Path = SCENARIOS,
        window: bool = False,
        fullscreen: bool = False,
        questionnaire: Path | None = None,
        threshold: Fraction | int | None = None,
        then_play: str | None = None,
        then_teams: Sequence[str] = (),
        phones: tuple[str, int] | None = None,
        home: bool = True,
        presenter: bool = False,
    ) -> None:
        """`home=False` leaves the start screen unbuilt: for a caller that shows a game at once."""
        self.ctx = Context(lang, Mode(mode))
        self.phones: PhoneHub | None = None  # the room's phones (--phones): a server beside the loop
        self.folder = folder
        self.window = window
        self.fullscreen = False
        self.size = size
        self.surface = self._open(size) if window else pygame.Surface(size)
        self.game: Game | None = None  # the game being played, of any mode
        self.overlays: list[Scene] = []
        self.notice = ""
        self.running = True
        self.dirty = True
        self.owed = False  # a frame whose work used up its budget left its drawing to the next one
        self.budgeted = False  # handling a frame of the window's loop: a new screen is laid out later
        self.laid = False  # this frame laid out a new screen (its paint may wait for the next frame)
        self.unlaid: Scene | None = None  # the screen shown whose layout that frame left to the next
        self.under: pygame.Surface | None = None  # the shaded scene behind overlays
        self.whole: Scene | None = None  # the scene whose last frame alone the window shows (Still.on)
        self.scene: Scene = Scene(self.ctx)  # the start screen reads every file: built only when shown
        self.source_stamp = 0.0  # when the game's scenario file was last read
        self.next_watch = 0.0
        self.questionnaire_file = questionnaire  # "Welke bril?" (W, --questionnaire); None: the deck's
        self.threshold = threshold
        self.profile: StartProfile | None = None  # its result, which scenarios then start from
        self.then_play = then_play  # the scenario named with --questionnaire
        self.then_teams = tuple(then_teams)  # and its teams (--teams): the phones choose them already
        self.crashed_at: tuple[Path, int] | None = None  # the save and its length at the last crash
        self.desk: PresenterScene | None = None  # the presenter view as last drawn (its clicks)
        self.desk_window: pygame.Window | None = None  # the presenter view's own window (--presenter)
        self.desk_surface: pygame.Surface | None = None  # ... or its picture, headless
        self.desk_shown = False  # F2: the presenter view over the room's screen (one screen)
        if presenter:
            self.open_presenter()
        if questionnaire is not None:
            self.open_questionnaire()
        elif home:
            self.show(self._start_scene())
        if phones is not None:
            self.start_phones(*phones)
        if fullscreen:
            self.toggle_fullscreen()

    @classmethod
    def opened(
        cls,
        *,
        scenario: str | Path | None = None,
        teams: Sequence[str] = (),
        resume: Path | None = None,
        ask_resume: bool = False,
        **options: Any,
    ) -> App:
        """An App with a game under way: `scenario` started in the mode given (competing teams with these
        `teams`, none: the set-up screen where the room types them), or the save `resume` goes on; with
        `ask_resume`, the newest unfinished session is offered. Starting a game writes its save."""
        teams_mode = Mode(options.get("mode", Mode.GROUP)) is Mode.TEAMS
        if options.get("questionnaire") is not None:
            options["then_play"] = str(scenario) if scenario is not None else None
            options["then_teams"] = tuple(teams) if teams_mode else ()
            scenario = None
        if teams_mode:
            options["mode"] = Mode.GROUP  # the start screen's words until the teams play
        # the start screen reads every scenario in the folder: not built when a game shows at once
        app = cls(**options, home=scenario is None and resume is None)
        if scenario is not None and resume is None:
            if teams_mode:
                app.begin_teams(str(scenario), tuple(teams))
            else:
                app.play(str(scenario))
        if resume is not None:
            app.resume(resume, scenario)  # onto the file given, when one was
        elif ask_resume:
            game = app.game
            app.offer_resume(game.save.log.header.scenario if game and game.save else None)
        return app

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
            shown = pygame.display.get_surface() if self.fullscreen else self._open(size)
            assert shown is not None, "a full-screen window always has a surface"
            self.surface = shown
            self.size = self.surface.get_size()
        else:
            self.surface = pygame.Surface(size)
        if self.desk_surface is not None:
            self.desk_surface = pygame.Surface(self.size)
        self.unlaid = None
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

    # The presenter view -------------------------------------------------------------------------
    def open_presenter(self) -> None:
        """The presenter view in a second window (its picture on a surface without a window); when the
        system cannot open one, over the room's screen instead (F2 hides it)."""
        if not self.window:
            self.desk_surface = pygame.Surface(self.size)
            return
        try:
            self.desk_window = pygame.Window(PRESENTER_TITLE, self.size, resizable=True)
        except pygame.error as error:
            self.desk_shown = True
            self.notice = str(error)

    def close_presenter(self) -> None:
        if self.desk_window is not None:
            self.desk_window.destroy()
        self.desk_window = None
        self.dirty = True

    @property
    def desk_target(self) -> pygame.Surface | None:
        """Where the presenter view is drawn besides the room's screen (None: nowhere else)."""
        if self.desk_window is not None:
            return self.desk_window.get_surface()
        return self.desk_surface

    def presenter_view(self, size: tuple[int, int], *, overlay: bool) -> PresenterScene:
        """The presenter view of the screen shown now, laid out for `size`."""
        view = self.game.desk() if self.game is not None else DeskView("", None, ())
        picture = None if overlay else self.surface
        pin = (
            self.ctx.say("phones.desk", url=self.phones.url, pin=self.phones.desk_pin)
            if self.phones is not None
            else ""
        )
        desk = PresenterScene(self.ctx, self.scene, view, picture=picture, overlay=overlay, desk_pin=pin)
        desk.resize(size)
        if self.desk is not None and self.desk.hover:
            desk.hover = self.desk.hover
        self.desk = desk
        return desk

    def desk_event(self, event: pygame.event.Event) -> bool:
        """Handle an event of the presenter's window (True) or leave it to the room's screen (False):
        its clicks press its buttons, its keys work as on the room's screen."""
        window = getattr(event, "window", None)
        if event.type == pygame.WINDOWCLOSE and self.desk_window is not None:
            if window is self.desk_window:
                self.close_presenter()
            else:
                self.feed(CloseWindow())  # the room's window: with two open, SDL sends no QUIT
            return True
        if window is None or window is not self.desk_window:
            return False
        inp = translate(event)
        if isinstance(inp, Click | Point):
            self.desk_input(inp)
        elif event.type != pygame.KEYDOWN:
            self.dirty = True  # resized, uncovered: drawn again
        return event.type != pygame.KEYDOWN

    def desk_input(self, inp: Click | Point) -> None:
        desk = self.desk
        if desk is None:
            return
        action = desk.handle(inp)
        if desk.dirty:
            self.dirty = True
        if action is not None:
            self.act(action)

    # Scenes -------------------------------------------------------------------------------------
    @property
    def top(self) -> Scene:
        return self.overlays[-1] if self.overlays else self.scene

    @property
    def exports(self) -> list[Path]:
        """The debrief's PNG and Markdown, once written."""
        return self.game.exports if self.game else []

    def show(self, scene: Scene) -> None:
        """Show `scene` from the next frame drawn. A frame of the window's loop that shows a new screen
        leaves its layout to the frame that draws it (`lay_out`): the step (the engine, its save, the
        new view) and the layout then fall in different frames."""
        if scene is not self.scene:
            self.scene.still.release()  # its layer's surface serves the next screen's
        self.scene = scene
        self.unlaid = scene
        if not self.budgeted:
            self.lay_out()
        self.dirty = True

    def lay_out(self) -> None:
        """Lay out the screen shown, if a frame left it unlaid (before any input reaches it)."""
        scene, self.unlaid = self.unlaid, None
        if scene is not None:
            scene.resize(self.size)
            self.laid = True

    def push(self, overlay: Scene) -> None:
        overlay.resize(self.size)
        self.overlays.append(overlay)
        self.dirty = True

    def _start_scene(self, selected: int = 0) -> StartScene:
        note = self.ctx.say("start.profile") if self.profile else ""
        return StartScene(self.ctx, entries(find_scenarios(self.folder), self.ctx.lang), selected, note=note)

    def home(self, notice: str = "") -> None:
        """Leave any game for the start screen (the notice says why, when it was not asked for)."""
        self.game = None
        self.overlays = []
        self.show(self.scene if isinstance(self.scene, StartScene) else self._start_scene())
        self.notice = notice

    def open_questionnaire(self) -> bool:
        """Show "Welke bril?" to fill in; False (with a notice) when the themes file has errors."""
        from incluzo.commands.profile import THEMES
        from incluzo.engine.questionnaire import themes as welke_bril
        from incluzo.scenes.screens.questionnaire import QuestionnaireScene

        try:
            self.questionnaire = welke_bril.load_file(self.questionnaire_file or THEMES)
        except ScenarioError as error:
            self.home("\n".join(p.format(self.ctx.lang) for p in error.problems[:3]))
            return False
        self.game = None
        self.overlays = []
        self.show(QuestionnaireScene(self.ctx, self.questionnaire))
        if self.phones is not None:
            self.show_phones()  # the room fills it in on the phones; the count of sheets in shows here
        return True

    # Phones -------------------------------------------------------------------------------------
    def start_phones(self, host: str, port: int = 0) -> bool:
        """Let the room join with its phones (a server on `host`); False (a notice) when it cannot listen."""
        from incluzo.phones.hub import PhoneHub

        if self.phones is not None:
            return True
        hub = PhoneHub(host, port)
        try:
            hub.start()
        except OSError as error:
            self.notice = str(error)
            return False
        self.phones = hub
        self.show_phones()
        return True

    def show_phones(self) -> None:
        """The join screen: QR code, address, PIN and the room in counts (Enter closes it)."""
        from incluzo.phones.panel import PhonesOverlay

        if self.phones is not None and not any(isinstance(o, PhonesOverlay) for o in self.overlays):
            self.push(PhonesOverlay(self.ctx, self.phones))

    def stop_phones(self) -> None:
        """Close the phones' server (the game stops, or the facilitator turned phones off). A game that
        never turned phones on imports nothing of them (aiohttp costs a quarter second of CPU)."""
        if self.phones is None:
            return
        from incluzo.phones.panel import PhonesOverlay

        self.phones.stop()
        self.phones = None
        self.overlays = [o for o in self.overlays if not isinstance(o, PhonesOverlay)]
        self.dirty = True

    # Games --------------------------------------------------------------------------------------
    def play(self, path: str) -> bool:
        """Start a game of one group or solo at its briefing (its save written); False (with a notice) when
        the file has errors."""
        return self.enter(games.start(path, Mode(self.ctx.mode), self.ctx, profile=self.profile))

    def begin_teams(self, path: str, names: Sequence[str]) -> bool:
        """Start a game of competing teams: with names straight away, without them at the set-up screen
        where the room types its teams. False (with the reason as a notice) when it cannot begin: then
        the set-up screen shows, for the room to put the names right."""
        if not names:
            return self.setup_teams(path)
        opened = games.start(path, Mode.TEAMS, self.ctx, names=names, profile=self.profile)
        if opened.game is None:
            self.setup_teams(path)
            self.notice = opened.notice
            return False
        return self.enter(opened)

    def setup_teams(self, path: str) -> bool:
        """The set-up screen where the room types its teams; False (a notice) when the file has errors."""
        from incluzo.scenes.teams.setup import TeamSetupScene

        try:
            scenario = load_file(path)
        except ScenarioError as error:
            self.home("\n".join(p.format(self.ctx.lang) for p in error.problems[:3]))
            return False
        self.game = None
        self.overlays = []
        self.show(TeamSetupScene(self.ctx, path, scenario))
        return True

    def resume(self, path: Path, given: str | Path | None = None, *, skip: bool = False) -> bool:
        """Go on with a saved game of any mode where it stood, on the scenario file `given` (else the
        one the save names); with `skip`, past the card or outcome it stood on (a crash there came
        back). False (with a notice) when that cannot be."""
        try:
            opened = games.resume(path, self.ctx, given, skip=skip)
        except (SaveError, ScenarioError, OSError) as error:
            self.home(self.ctx.say("resume.failed", reason=_reason(error, self.ctx.lang)))
            return False
        from incluzo.scenes.screens.profile import start_profile_of

        self.profile = start_profile_of(path)
        return self.enter(opened)

    def enter(self, opened: games.Opened) -> bool:
        """Play the game just opened (False, with its notice, when there is none)."""
        if opened.game is None:
            self.home(opened.notice)
            return False
        self.game = opened.game
        self.ctx = replace(self.ctx, mode=self.game.mode)
        self.overlays = []
        self.show(self.game.screen)
        if self.phones is not None:
            self.show_phones()  # the room joins its teams on the phones
        self.notice = opened.notice
        self.source_stamp = _stamp(self.game.source) if self.game.source else 0.0
        return True

    def offer_resume(self, scenario_id: str | None = None) -> None:
        """Ask whether to go on with the newest unfinished session (of this scenario, when playing one)."""
        found = persistence.find_unfinished(scenario_id)
        log = persistence.peek(found) if found else None
        if found is None or log is None:
            return
        say = self.ctx.say
        text = say("resume.text", scenario=log.header.scenario, steps=log.steps)
        self.push(confirm(self.ctx, say("resume.question"), text, Resume(found)))

    # Play as you write --------------------------------------------------------------------------
    def watch(self, now: float) -> bool:
        """Reload when the scenario file was saved since it was read (checked at most twice a second)."""
        source = self.game.source if self.game else None
        if source is None or now < self.next_watch:
            return False
        self.next_watch = now + theme.WATCH_INTERVAL_S
        if _stamp(source) == self.source_stamp:
            return False
        self.reload()
        return True

    def reload(self) -> None:
        """Read the scenario file again, check it, and let the game carry its decisions over to the new
        version (in a new save). A file with errors keeps the old version playing and shows the errors."""
        if self.game is None or self.game.source is None:
            return
        self.source_stamp = _stamp(self.game.source)
        self.dirty = True
        scenario, problems = rebase.checked(self.game.source)
        if scenario is None:
            errors = [p.format(self.ctx.lang) for p in problems if p.severity == "error"]
            self.notice = "\n".join([self.ctx.say("reload.errors"), *errors[:3]])
            return
        self.answer(self.game.reload(scenario))

    def crash(self, details: str) -> Path:
        """The crash guard: log the traceback, show the calm crash page; every decision is already saved."""
        log = write_crash_log(details)
        if isinstance(self.scene, CrashScene):  # the page itself failed: keep the window, plainly
            self.whole = None
            self.surface.fill(theme.BACKGROUND)
            self.scene.dirty = self.dirty = False
            return log
        save = self.game.save if self.game else None
        at = (save.path, len(save.log.entries)) if save else None
        repeated, self.crashed_at = at is not None and at == self.crashed_at, at
        can_skip = repeated and isinstance(self.game, Director) and self.game.session.phase in games.SKIPPABLE
        self.game = None
        self.overlays = []
        self.notice = ""
        self.show(
            CrashScene(self.ctx, log, save.path if save else None, repeated=repeated, can_skip=can_skip)
        )
        return log

    # One frame ----------------------------------------------------------------------------------
    def step(
        self,
        events: Iterable[pygame.event.Event | Input],
        dt: float,
        wall: float | None = None,
        *,
        budget: float | None = None,
    ) -> bool:
        """Handle the events, move animations on by dt seconds, draw if anything changed. `wall` is the
        time that really passed when it differs from dt (the game's clock counts it). With `budget` (the
        window's loop: seconds a frame may take), no frame does more than one heavy piece of work:
        - a frame whose handling alone took STEP_SHARE of it (a step of the game: the engine, its
          views) leaves the drawing to the next frame, which takes no phone messages in (they wait a
          frame more);
        - a new screen shown by such a frame is laid out by the frame that draws it (`show`), and when
          that layout took PAINT_SHARE of the budget, the paint begins in the next frame;
        - the still layer is painted in parts until PAINT_SHARE of the budget is spent, the rest owed
          to the next frames, and it is shown only once the game's last step is on disk (see draw).
        Returns False once the player has quit."""
        began = time.perf_counter()
        self.laid = False
        self.lay_out()
        self.budgeted = budget is not None
        try:
            self.handle(events, dt, wall)
        finally:
            self.budgeted = False
        moving = self.unlaid is None and self.scene.update(dt)  # a new screen moves once laid out
        for overlay in self.overlays:
            overlay.update(dt)
        if self.dirty or moving or self.owed or any(s.dirty for s in [self.scene, *self.overlays]):
            spent = time.perf_counter() - began
            self.owed = budget is not None and not self.owed and spent > budget * STEP_SHARE
            if not self.owed:
                self.lay_out()
                paint_by = None if budget is None else began + budget * PAINT_SHARE
                if self.laid and paint_by is not None and time.perf_counter() > paint_by:
                    self.owed = True  # a layout took this frame's share: the paint begins in the next
                else:
                    self.draw(paint_by)
        return self.running

    def handle(self, events: Iterable[pygame.event.Event | Input], dt: float, wall: float | None) -> None:
        """A frame's input: the game's clock, the phones' messages, the window's events."""
        if self.game is not None:
            self.game.tick(dt if wall is None else wall, self.overlays)
        if self.phones is not None and not self.owed and self.phones.pump(self, time.monotonic()):
            self.dirty = True  # (a frame that owes a drawing leaves the phones' messages to the next)
        for event in events:
            if isinstance(event, pygame.event.Event) and self.desk_event(event):
                continue
            inp = event if not isinstance(event, pygame.event.Event) else translate(event)
            if inp is not None:
                self.feed(inp)

    def guarded_step(
        self,
        events: Iterable[pygame.event.Event | Input],
        dt: float,
        *,
        watch: bool = False,
        wall: float | None = None,
        budget: float | None = None,
    ) -> bool:
        """One frame behind the crash guard: an unexpected error shows the crash page, the window stays.
        With `watch`, a scenario file saved since it was read is reloaded first."""
        try:
            if watch:
                self.watch(time.monotonic())
            return self.step(events, dt, wall, budget=budget)
        except Exception:
            self.crash(traceback.format_exc())
            return self.running

    def unsaved(self, *, wait: bool) -> bool:
        """Whether the game's last step is not on disk yet, so the window may not show it (its save is
        written by a thread of its own: persistence.Writer). With `wait` (tests, headless play: no
        frames to spare) it waits until it is. Raises the OSError that stopped the save (the crash
        guard shows it; the save holds every step before)."""
        save = self.game.save if self.game is not None else None
        if save is None:
            return False
        if wait and save.behind:
            save.wait(save.stepped)
        save.check()
        return save.behind

    @property
    def animating(self) -> bool:
        """Whether the next frame is due at the frame rate: something moves, a drawing is owed, or a
        step waits to be on disk before it is drawn."""
        behind = self.game is not None and self.game.save is not None and self.game.save.behind
        return self.owed or self.unlaid is not None or behind or self.scene.update(0.0)

    def feed(self, inp: Input) -> None:
        self.lay_out()  # input reaches a screen laid out
        if isinstance(inp, Resized):
            self.resize(inp.size)
            return
        if isinstance(inp, Exposed):
            self.dirty = True
            self.whole = None  # the window's picture may be lost: the next frame paints it whole
            return
        if isinstance(inp, CloseWindow):
            top = self.overlays[-1] if self.overlays else None
            if isinstance(top, ButtonsOverlay) and isinstance(top.enter, Quit):  # closed twice: quit
                self.running = False
            else:
                self.act(AskQuit())
            return
        if self.notice and isinstance(inp, Key | Click):
            self.notice = ""
            self.dirty = True
        if self.desk_shown and not self.overlays and isinstance(inp, Click | Point):
            self.desk_input(inp)  # the presenter view over the screen takes its clicks
            return
        action = self.top.handle(inp)
        if action is not None:
            self.act(action)

    def act(self, action: Action) -> None:
        """Carry out what a scene asked for: the window's, the start screen's and the overlays' own
        actions here, every other one by the game."""
        self.dirty = True
        if isinstance(action, Turn):
            return  # a scene turns its own pages
        if not isinstance(action, AppAction):
            if self.phones is not None:
                action = self.phones.amend(action)
            if self.game is not None:
                self.answer(self.game.act(action))
            elif isinstance(action, Pause):
                self.push(PauseOverlay(self.ctx))
            return
        self.act_app(action)

    def answer(self, reply: Reply) -> None:
        """Follow a game's reply: close the dialogs, say something, show a dialog, show the new screen."""
        assert self.game is not None
        if reply.close:
            self.overlays = []
        if reply.notice:
            self.notice = reply.notice
        if reply.overlay is not None:
            self.push(reply.overlay)
        if self.game.screen is not self.scene:
            self.show(self.game.screen)

    def act_app(self, action: AppAction) -> None:
        match action:
            case Help():
                self.push(self.game.help() if self.game else HelpOverlay(self.ctx))
            case Menu():
                self.push(menu(self.ctx, in_game=self.game is not None, phones=self.phones is not None))
            case Close():
                self.overlays.pop()
            case AskQuit() | AskHome():
                self.ask(action)
            case Quit():
                self.running = False
            case Home():
                self.home()
            case ToggleFullscreen():
                self.toggle_fullscreen()
            case TogglePresenter():
                self.desk_shown = not self.desk_shown
            case Reload():
                self.reload()
            case Play(path, mode, lang):
                self.ctx = Context(lang, Mode(mode))
                if self.ctx.mode == Mode.GROUP:
                    self.setup_teams(path)  # the room types its teams first (none: one group)
                else:
                    self.play(path)
            case BeginTeams(path, names):
                if names:
                    self.begin_teams(path, names)
                else:
                    self.ctx = replace(self.ctx, mode=Mode.GROUP)
                    self.play(path)  # no teams: the room plays as one group
            case Resume(path, skip):
                self.resume(path, skip=skip)
            case OpenQuestionnaire():
                self.open_questionnaire()
            case ShowPhones():
                self.show_phones()
            case TogglePhones():
                if self.phones is not None:
                    self.stop_phones()
                else:
                    from incluzo.phones.server import DEFAULT_PORT, lan_address

                    if self.start_phones(lan_address(), DEFAULT_PORT) and self.phones is not None:
                        print(self.ctx.say("phones.desk", url=self.phones.url, pin=self.phones.desk_pin))
            case Profiled(result, teams):
                from incluzo.scenes.screens.profile import ProfileScene, scenario_title

                then = scenario_title(self.then_play, self.ctx.lang) if self.then_play else ""
                self.overlays = []
                self.show(ProfileScene(self.ctx, self.questionnaire, result, self.threshold, then, teams))
            case StartFrom(result, label, others):
                from incluzo.scenes.screens.profile import StartProfile

                found = StartProfile(self.questionnaire.id, result, label, others) if result else None
                self.profile = found
                if found is not None and self.then_play is not None and self.then_teams:
                    self.ctx = replace(self.ctx, mode=Mode.TEAMS)
                    self.begin_teams(self.then_play, self.then_teams)  # the teams named with --teams
                elif found is not None and self.then_play is not None:
                    self.act(Play(self.then_play, Mode(self.ctx.mode), self.ctx.lang))
                else:
                    self.show(self._start_scene())
            case SetLanguage(lang):
                self.ctx = replace(self.ctx, lang=lang)
                selected = self.scene.selected if isinstance(self.scene, StartScene) else 0
                mode = self.scene.mode if isinstance(self.scene, StartScene) else self.ctx.mode
                self.ctx = replace(self.ctx, mode=Mode(mode))
                self.show(self._start_scene(selected))
            case _:
                assert_never(action)

    def ask(self, action: AskQuit | AskHome) -> None:
        say = self.ctx.say
        if isinstance(action, AskQuit):
            text = say("confirm.quit.text") if self.game else ""
            overlay = confirm(self.ctx, say("confirm.quit"), text, Quit())
            overlay.name = "confirm-quit"
        else:
            overlay = confirm(self.ctx, say("confirm.home"), say("confirm.home.text"), Home())
        self.push(overlay)

    # Drawing ------------------------------------------------------------------------------------
    def draw(self, until: float | None = None) -> None:
        """One frame on the window. `until` (time.perf_counter): a screen alone on the window (no
        dialog, no presenter view) paints its new still layer in parts until then and owes the rest
        to the next frames, while the window goes on showing its last frame (layers.py). A frame is
        shown only once the game's last step is on disk (`unsaved`): till then the next frames draw
        it again (without `until` this one waits for the disk)."""
        whole, self.whole = self.whole, None
        for scene in [self.scene, *self.overlays]:
            scene.still.on = self.surface if scene is whole else None
        self.scene.still.until = None if self.overlays or self.desk_shown else until
        self._draw_scene()
        if self.scene.still.parts and self.scene.still.until is not None:
            self.owed = True  # nothing is flipped: the window keeps the last frame until the paint ends
            return
        for overlay in self.overlays:
            overlay.draw(self.surface)
            overlay.dirty = False
        if self.notice:
            self._draw_notice()
        elif not self.desk_shown:
            self.whole = self.top
        if self.unsaved(wait=until is None):
            self.owed = True  # the window keeps its last frame until the step is on disk
            return
        self.dirty = False
        if self.window:
            pygame.display.flip()
        target = self.desk_target
        if target is not None:
            self.presenter_view(target.get_size(), overlay=False).draw(target)
            if self.desk_window is not None:
                self.desk_window.flip()

    def _draw_scene(self) -> None:
        """The scene; under an overlay it is drawn and shaded once, then reused while it does not change.
        With F2 the presenter view stands in for it."""
        if self.desk_shown:
            self.presenter_view(self.size, overlay=True).draw(self.surface)
            self.under = None
            for overlay in self.overlays:
                overlay.beneath = None
            if self.overlays:
                self.surface.fill(theme.SHADE, special_flags=pygame.BLEND_MULT)
            self.scene.dirty = False
            return
        for number, overlay in enumerate(self.overlays):
            overlay.beneath = self.under if number == 0 else None  # the first one's still layer holds it
        if not self.overlays:
            self.scene.draw(self.surface)
            self.under = None
        elif self.under is None or self.scene.dirty or self.under.get_size() != self.surface.get_size():
            self.scene.draw(self.surface)
            self.surface.fill(theme.SHADE, special_flags=pygame.BLEND_MULT)
            self.under = self.overlays[0].beneath = self.surface.copy()
        elif not self.overlays[0].holds_still(self.surface.get_size()):  # else its still layer has it
            cover = self.overlays[0].covers()  # the shaded scene only where the overlay lets it show
            for area in around(self.surface.get_rect(), cover) if cover else [self.surface.get_rect()]:
                self.surface.blit(self.under, area, area)
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
        if self.phones is not None:
            self.phones.server.wake = wake_loop
        steady()
        try:
            self._loop(clock)
        finally:
            self.stop_phones()
            self.close_presenter()
            persistence.flush()  # a clean quit leaves the newest autosave copy on disk

    def _loop(self, clock: pygame.time.Clock) -> None:
        self.guarded_step([], 0.0)
        while self.running:
            if self.animating:
                events = pygame.event.get()
                dt = clock.tick(theme.FRAME_RATE) / 1000
            else:
                wait = self.game.wake_ms(theme.IDLE_WAIT_MS) if self.game else theme.IDLE_WAIT_MS
                phones = self.phones.wait_ms() if self.phones is not None else None
                if phones is not None:
                    wait = min(wait, phones)  # messages wait to be judged, or views to go out
                events = idle_wait(wait)
                wall = clock.tick() / 1000
                self.guarded_step(events, 0.0, watch=True, wall=wall, budget=theme.FRAME_BUDGET)
                continue
            self.guarded_step(events, dt, watch=True, budget=theme.FRAME_BUDGET)


def steady() -> None:
    """Before the window's loop: what start-up made (modules, fonts, the scenario) is left out of every
    later collection (`gc.freeze`, itself no work), so a full collection in a frame looks only at what
    play made since (one took 30-37 ms of a frame in the phones' load test)."""
    gc.freeze()


def wake_loop() -> None:
    """Wake the idle loop from another thread (a phone's message came in); safe from any thread."""
    if pygame.display.get_init():
        pygame.event.post(pygame.event.Event(pygame.USEREVENT, phones=True))


def idle_wait(timeout: int = theme.IDLE_WAIT_MS) -> list[pygame.event.Event]:
    """Sleep until something happens. SDL's dummy and offscreen drivers cannot block and would poll
    every millisecond inside event.wait, so there the loop sleeps in short slices instead."""
    if pygame.display.get_driver() in POLLING_DRIVERS:
        time.sleep(theme.IDLE_SLICE_MS / 1000)
        return pygame.event.get()
    first = pygame.event.wait(timeout)
    return [first, *pygame.event.get()] if first.type != pygame.NOEVENT else []


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
