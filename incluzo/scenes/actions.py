"""What a scene asks for: one closed union, `Action`, of every request a screen can make.

Scenes return these from `handle()`. `GameAction`s go to the game of any mode (`Game.act`), `AppAction`s
are the window's, the start screen's and the overlays' (`App.act`); `Turn` a scene handles itself. Both
receivers dispatch with `match` and `assert_never`, so a new action that nobody handles fails mypy.
The engine's own actions (Start, Choose, Advance, Skip, Finish) are members, as is what only the team
screens ask for (teamactions).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from incluzo.engine.play.phases import Mode
from incluzo.engine.play.session import Advance, Choose, Finish, Skip, Start
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


@dataclass(frozen=True)
class Undo:
    """Take back the last decision (one group, solo: Backspace); in team play, after AskUndo, the last
    round (team None) or one team's last decision."""

    team: int | None = None


@dataclass(frozen=True)
class AskSkip:
    """Ask before skipping the card (K, the facilitator's); yes is the engine's Skip (every team's card in
    team play)."""


@dataclass(frozen=True)
class AskFinish:
    """Ask before ending the game early (X, the facilitator's); yes is the engine's Finish."""


@dataclass(frozen=True)
class ShowNotes:
    """The card's notes for the facilitator (N): an overlay for one group, shown or hidden in team play."""


@dataclass(frozen=True)
class OpenMap:
    """Show the quadrant map (M)."""


@dataclass(frozen=True)
class Help:
    """Show every key (H, F1)."""


@dataclass(frozen=True)
class Pause:
    """Blank the game for a conversation (P); a team round's countdown stands still until it closes."""


@dataclass(frozen=True)
class Menu:
    """The Esc menu: go on, help, back to the start screen, quit."""


@dataclass(frozen=True)
class Close:
    """Close the overlay on top."""


@dataclass(frozen=True)
class AskQuit:
    """Ask before quitting."""


@dataclass(frozen=True)
class AskHome:
    """Ask before leaving the game for the start screen."""


@dataclass(frozen=True)
class Quit:
    """Quit now (after confirmation)."""


@dataclass(frozen=True)
class Home:
    """Back to the start screen now (after confirmation)."""


@dataclass(frozen=True)
class ToggleFullscreen:
    """F11."""


@dataclass(frozen=True)
class TogglePresenter:
    """F2: the presenter view (the facilitator's keys, notes, countdown and next card) over the screen."""


@dataclass(frozen=True)
class Reload:
    """F5: read the scenario file again and replay the decisions so far onto it."""


@dataclass(frozen=True)
class Export:
    """Write the debrief as PNG and Markdown (E on the debrief)."""


@dataclass(frozen=True)
class Play:
    """Start a scenario from the start screen."""

    path: str
    mode: Mode
    lang: str


@dataclass(frozen=True)
class Resume:
    """Go on with a saved session (after a crash, or when asked at the start); with `skip`, past the
    card (or outcome) it stood on, after the same crash came back."""

    path: Path
    skip: bool = False


@dataclass(frozen=True)
class SetLanguage:
    lang: str


@dataclass(frozen=True)
class TogglePhones:
    """Let the room join with its phones, or stop that (O on the start screen)."""


@dataclass(frozen=True)
class ShowPhones:
    """Show the phones' join screen again (the menu, while the phones are on)."""


@dataclass(frozen=True)
class OpenQuestionnaire:
    """Fill in "Welke bril?" on screen (W on the start screen)."""


@dataclass(frozen=True)
class Profiled:
    """The questionnaire is filled in: show the profile (everyone's, and each team's when they are known)."""

    result: Result
    teams: tuple[tuple[str, Result], ...] = ()  # per team its name and result (the phones' sheets)


@dataclass(frozen=True)
class StartFrom:
    """Start scenarios from this profile (its current and desired position); None starts them as written."""

    result: Result | None
    label: str = ""  # whose profile it is: a team's name, '' for everyone's
    others: tuple[tuple[str, Result], ...] = ()  # the other profiles shown with it, recorded beside it


@dataclass(frozen=True)
class Turn:
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
