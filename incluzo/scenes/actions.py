"""What a scene asks for: one closed union, `Action`, of every request a screen can make.

Scenes return these from `handle()`. `GameAction`s go to the game of any mode (`Game.act`), `AppAction`s
are the window's, the start screen's and the overlays' (`App.act`); `Turn` a scene handles itself. Both
receivers dispatch with `match` and `assert_never`, so a new action that nobody handles fails mypy.
The engine's own actions (Start, Choose, Advance, Skip, Finish) are members, as is what only the team
screens ask for (teamactions).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from incluzo.engine.play.phases import Mode
from incluzo.engine.play.session import Advance, Choose, Finish, Skip, Start
from incluzo.engine.signal import Signal
from incluzo.scenes.teams.actions import (
    AddTime,
    AskUndo,
    Back,
    BackToNow,
    BeginRound,
    BeginTeams,
    ClearPick,
    EndTime,
    NextRound,
    PickFor,
    RevealPicks,
    SelectTeam,
    ToggleTimer,
)

if TYPE_CHECKING:
    from incluzo.engine.questionnaire.themes import Result


class Undo(Struct, frozen=True):
    """Take back the last decision (one group, solo: Backspace); in team play, after AskUndo, the last
    round (team None) or one team's last decision."""

    team: int | None = None


class AskSkip(Signal):
    """Ask before skipping the card (K, the facilitator's); yes is the engine's Skip (every team's card in
    team play)."""


class AskFinish(Signal):
    """Ask before ending the game early (X, the facilitator's); yes is the engine's Finish."""


class ShowNotes(Signal):
    """The card's notes for the facilitator (N): an overlay for one group, shown or hidden in team play."""


class OpenMap(Signal):
    """Show the quadrant map (M)."""


class Help(Signal):
    """Show every key (H, F1)."""


class Pause(Signal):
    """Blank the game for a conversation (P); a team round's countdown stands still until it closes."""


class Menu(Signal):
    """The Esc menu: go on, help, back to the start screen, quit."""


class Close(Signal):
    """Close the overlay on top."""


class AskQuit(Signal):
    """Ask before quitting."""


class AskHome(Signal):
    """Ask before leaving the game for the start screen."""


class Quit(Signal):
    """Quit now (after confirmation)."""


class Home(Signal):
    """Back to the start screen now (after confirmation)."""


class ToggleFullscreen(Signal):
    """F11."""


class TogglePresenter(Signal):
    """F2: the presenter view (the facilitator's keys, notes, countdown and next card) over the screen."""


class Reload(Signal):
    """F5: read the scenario file again and replay the decisions so far onto it."""


class Export(Signal):
    """Write the debrief as PNG and Markdown (E on the debrief)."""


class Play(Struct, frozen=True):
    """Start a scenario from the start screen."""

    path: str
    mode: Mode
    lang: str


class Resume(Struct, frozen=True):
    """Go on with a saved session (after a crash, or when asked at the start); with `skip`, past the
    card (or outcome) it stood on, after the same crash came back."""

    path: Path
    skip: bool = False


class SetLanguage(Struct, frozen=True):
    lang: str


class TogglePhones(Signal):
    """Let the room join with its phones, or stop that (O on the start screen)."""


class ShowPhones(Signal):
    """Show the phones' join screen again (the menu, while the phones are on)."""


class OpenQuestionnaire(Signal):
    """Fill in "Welke bril?" on screen (W on the start screen)."""


class Profiled(Struct, frozen=True):
    """The questionnaire is filled in: show the profile (everyone's, and each team's when they are known)."""

    result: Result
    teams: tuple[tuple[str, Result], ...] = ()  # per team its name and result (the phones' sheets)


class StartFrom(Struct, frozen=True):
    """Start scenarios from this profile (its current and desired position); None starts them as written."""

    result: Result | None
    label: str = ""  # whose profile it is: a team's name, '' for everyone's
    others: tuple[tuple[str, Result], ...] = ()  # the other profiles shown with it, recorded beside it


class Turn(Struct, frozen=True):
    """Turn the page of the scene's long text (a scene handles this itself)."""

    step: int


GameAction = (
    Start
    | Choose
    | Advance
    | Undo
    | Skip
    | AskSkip
    | Finish
    | AskFinish
    | ShowNotes
    | OpenMap
    | Pause
    | Export
    | AskUndo
    | BeginRound
    | SelectTeam
    | PickFor
    | ClearPick
    | RevealPicks
    | NextRound
    | AddTime
    | ToggleTimer
    | EndTime
    | Back
    | BackToNow
)
AppAction = (
    Help
    | Menu
    | Close
    | AskQuit
    | AskHome
    | Quit
    | Home
    | ToggleFullscreen
    | TogglePresenter
    | Reload
    | Play
    | BeginTeams
    | Resume
    | SetLanguage
    | OpenQuestionnaire
    | TogglePhones
    | ShowPhones
    | Profiled
    | StartFrom
)
Action = GameAction | AppAction | Turn
EngineAction = Start | Choose | Advance | Skip | Finish

__all__ = [
    "Action",
    "AddTime",
    "Advance",
    "AppAction",
    "AskFinish",
    "AskHome",
    "AskQuit",
    "AskSkip",
    "AskUndo",
    "Back",
    "BackToNow",
    "BeginRound",
    "BeginTeams",
    "Choose",
    "ClearPick",
    "Close",
    "EndTime",
    "EngineAction",
    "Export",
    "Finish",
    "GameAction",
    "Help",
    "Home",
    "Menu",
    "NextRound",
    "OpenMap",
    "OpenQuestionnaire",
    "Pause",
    "PickFor",
    "Play",
    "Profiled",
    "Quit",
    "Resume",
    "RevealPicks",
    "SelectTeam",
    "SetLanguage",
    "ShowNotes",
    "ShowPhones",
    "Skip",
    "Start",
    "StartFrom",
    "ToggleFullscreen",
    "TogglePhones",
    "TogglePresenter",
    "ToggleTimer",
    "Turn",
    "Undo",
]
