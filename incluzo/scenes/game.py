"""The one game the App talks to, whatever the mode: the `Game` protocol and its one `Reply`.

A game owns the screen of the game as it stands and its save. It takes a `GameAction` and answers with
a `Reply`; it is told the time that passed (`tick`); it carries itself over to an edited scenario
(`reload`). One group and solo practice (`director.Director`) and competing teams
(`teamdirector.TeamDirector`) implement it; `games.start` and `games.resume` make one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from msgspec import Struct

from incluzo.engine.play.desk import DeskView
from incluzo.engine.play.phases import Mode
from incluzo.engine.scenario.model import Scenario
from incluzo.persistence import SaveFile
from incluzo.scenes.actions import Finish, GameAction, Skip
from incluzo.scenes.kit.base import Context, Scene
from incluzo.scenes.screens.overlays import confirm


class Reply(Struct, frozen=True):
    """What the app should do after an action: say something, show a dialog, close the dialogs. The
    game's `screen` is what to show; the app shows it when it changed."""

    notice: str = ""
    overlay: Scene | None = None
    close: bool = False


class Game(Protocol):
    mode: Mode
    ctx: Context
    screen: Scene  # the screen of the game as it stands (or looked back at)
    save: SaveFile | None  # None when the disk refused: the game goes on unsaved
    source: Path | None  # the scenario file, watched for edits (play as you write)
    exports: list[Path]  # the debrief's PNG and Markdown once written

    def act(self, action: GameAction) -> Reply:
        """Carry out what a screen asked for; every decision is handed to `save` (on disk before the
        window shows it: App.draw)."""
        ...

    def tick(self, seconds: float, overlays: Sequence[Scene]) -> None:
        """Time passed (the game never reads the clock itself); `overlays` are the dialogs up."""
        ...

    def reload(self, scenario: Scenario) -> Reply:
        """Carry the decisions so far over to an edited, checked version of the scenario, in a new save."""
        ...

    def help(self) -> Scene:
        """The help overlay for this mode's keys."""
        ...

    def wake_ms(self, idle_ms: int) -> int:
        """How long the idle loop may sleep (a running countdown wakes it sooner)."""
        ...

    def desk(self) -> DeskView:
        """The facilitator's side of the game as it stands: the card, its notes, where it goes next
        (the presenter view shows it)."""
        ...


# The facilitator's questions, the same in every mode (the text under them says what happens in it).


def ask_skip(ctx: Context, card: str, text_key: str) -> Scene:
    """K: skip the card `card` on screen? Yes is Skip."""
    return confirm(ctx, ctx.say("ask.skip", card=card), ctx.say(text_key), Skip())


def ask_end(ctx: Context, text_key: str) -> Scene:
    """X: end the game now? Yes is Finish."""
    return confirm(ctx, ctx.say("ask.end"), ctx.say(text_key), Finish())
