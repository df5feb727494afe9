"""What only the team screens ask for; members of the one action union in `actions` (as `GameAction`s,
`BeginTeams` as an `AppAction`). The facilitator's actions both modes share (AskSkip and Skip, AskFinish
and Finish, Undo, ShowNotes, OpenMap, Pause, Export) are there, once.
"""

from __future__ import annotations

from msgspec import Struct

from incluzo.engine.signal import Signal

TIME_STEP = 30  # seconds added or taken away per key press


# --- the set-up screen -------------------------------------------------------------------------


class BeginTeams(Struct, frozen=True):
    """Play the scenario with these teams (none: the room plays as one group)."""

    path: str
    names: tuple[str, ...]


# --- play --------------------------------------------------------------------------------------


class BeginRound(Signal):
    """Leave the briefing for the first card."""


class SelectTeam(Struct, frozen=True):
    """The facilitator pressed a team's number (None: no team selected)."""

    number: int | None


class PickFor(Struct, frozen=True):
    """Enter a hidden choice (or poll option) for a team; None: for the selected team."""

    team: int | None
    choice: str


class ClearPick(Struct, frozen=True):
    """Take a team's hidden pick away again (nothing is decided before the reveal)."""

    team: int


class RevealPicks(Struct, frozen=True):
    """Show every team's choice at once (Enter once all are in); on a poll card, with the room's counts
    (the phones' votes; None: each team's pick is one vote)."""

    counts: tuple[int, ...] | None = None


class NextRound(Signal):
    """From the reveal to the next card (or the debrief)."""


class AddTime(Struct, frozen=True):
    seconds: int


class ToggleTimer(Signal):
    """Stop or restart the countdown."""


class EndTime(Signal):
    """End the deliberation now (the choices can still be entered)."""


class AskUndo(Struct, frozen=True):
    """Ask before taking back the last round (team None) or one team's last decision; yes is Undo."""

    team: int | None = None


class Back(Signal):
    """Look at the previous screen again (nothing changes)."""


class BackToNow(Signal):
    """Leave the look back: the screen of the game as it stands."""
