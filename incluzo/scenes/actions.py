"""What a scene asks for: the engine's actions (Start, Choose, Advance, Skip, Finish) or a UI action.

Scenes return these from `handle()`; only the app and the director act on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from incluzo.engine.play.session import Advance, Choose, Finish, Skip, Start

if TYPE_CHECKING:
    from incluzo.engine.questionnaire.themes import Result


@dataclass(frozen=True)
class Undo:
    """Take back the last decision (Backspace)."""


@dataclass(frozen=True)
class AskSkip:
    """Ask before skipping the card (K, the facilitator's); yes is the engine's Skip."""


@dataclass(frozen=True)
class AskFinish:
    """Ask before ending the game early (X, the facilitator's); yes is the engine's Finish."""


@dataclass(frozen=True)
class ShowNotes:
    """Show the card's notes for the facilitator (N)."""


@dataclass(frozen=True)
class OpenMap:
    """Show the quadrant map (M)."""


@dataclass(frozen=True)
class Help:
    """Show every key (H, F1)."""


@dataclass(frozen=True)
class Pause:
    """Blank the game for a conversation (P)."""


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
class Reload:
    """F5: read the scenario file again and replay the decisions so far onto it."""


@dataclass(frozen=True)
class Export:
    """Write the debrief as PNG and Markdown (E on the debrief)."""


@dataclass(frozen=True)
class Play:
    """Start a scenario from the start screen."""

    path: str
    mode: str
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
class OpenQuestionnaire:
    """Fill in "Welke bril?" on screen (W on the start screen)."""


@dataclass(frozen=True)
class Profiled:
    """The questionnaire is filled in: show the profile."""

    result: Result


@dataclass(frozen=True)
class StartFrom:
    """Start scenarios from this profile (its current and desired position); None starts them as written."""

    result: Result | None


@dataclass(frozen=True)
class Turn:
    """Turn the page of the scene's long text (a scene handles this itself)."""

    step: int


Action = (
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
    | Help
    | Pause
    | Menu
    | Close
    | AskQuit
    | AskHome
    | Quit
    | Home
    | ToggleFullscreen
    | Reload
    | Export
    | Play
    | Resume
    | SetLanguage
    | OpenQuestionnaire
    | Profiled
    | StartFrom
    | Turn
)
EngineAction = Start | Choose | Advance | Skip | Finish

__all__ = [
    "Action",
    "Advance",
    "AskFinish",
    "AskHome",
    "AskQuit",
    "AskSkip",
    "Choose",
    "Close",
    "EngineAction",
    "Export",
    "Finish",
    "Help",
    "Home",
    "Menu",
    "OpenMap",
    "OpenQuestionnaire",
    "Pause",
    "Play",
    "Profiled",
    "Quit",
    "Resume",
    "SetLanguage",
    "ShowNotes",
    "Skip",
    "Start",
    "StartFrom",
    "ToggleFullscreen",
    "Turn",
    "Undo",
]
