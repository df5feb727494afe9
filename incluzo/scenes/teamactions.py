"""What the team screens ask for. Scenes return these; only the team director acts on them.

Every class derives from TeamCommand, so the app hands all of them to the team director in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

TIME_STEP = 30  # seconds added or taken away per key press


@dataclass(frozen=True)
class TeamCommand:
    """Base of every team action."""


# --- the set-up screen -------------------------------------------------------------------------


@dataclass(frozen=True)
class BeginTeams(TeamCommand):
    """Play the scenario with these teams (none: the room plays as one group)."""

    path: str
    names: tuple[str, ...]


# --- play --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BeginRound(TeamCommand):
    """Leave the briefing for the first card."""


@dataclass(frozen=True)
class SelectTeam(TeamCommand):
    """The facilitator pressed a team's number (None: no team selected)."""

    number: int | None


@dataclass(frozen=True)
class PickFor(TeamCommand):
    """Enter a hidden choice (or poll option) for a team; None: for the selected team."""

    team: int | None
    choice: str


@dataclass(frozen=True)
class ClearPick(TeamCommand):
    """Take a team's hidden pick away again (nothing is decided before the reveal)."""

    team: int


@dataclass(frozen=True)
class RevealPicks(TeamCommand):
    """Show every team's choice at once (Enter once all are in)."""


@dataclass(frozen=True)
class NextRound(TeamCommand):
    """From the reveal to the next card (or the debrief)."""


@dataclass(frozen=True)
class AddTime(TeamCommand):
    seconds: int


@dataclass(frozen=True)
class ToggleTimer(TeamCommand):
    """Stop or restart the countdown."""


@dataclass(frozen=True)
class EndTime(TeamCommand):
    """End the deliberation now (the choices can still be entered)."""


@dataclass(frozen=True)
class AskSkip(TeamCommand):
    """Ask before skipping the card."""


@dataclass(frozen=True)
class SkipCard(TeamCommand):
    """Skip the card for every team on it (after confirmation)."""


@dataclass(frozen=True)
class AskUndo(TeamCommand):
    """Ask before taking back the last round (team None) or one team's last decision."""

    team: int | None = None


@dataclass(frozen=True)
class UndoLast(TeamCommand):
    team: int | None = None


@dataclass(frozen=True)
class AskEnd(TeamCommand):
    """Ask before ending the game early."""


@dataclass(frozen=True)
class EndGame(TeamCommand):
    """Straight to the debrief, every decision kept (after confirmation)."""


@dataclass(frozen=True)
class Back(TeamCommand):
    """Look at the previous screen again (nothing changes)."""


@dataclass(frozen=True)
class BackToNow(TeamCommand):
    """Leave the look back: the screen of the game as it stands."""


@dataclass(frozen=True)
class ToggleNotes(TeamCommand):
    """Show or hide the card's notes for the facilitator."""


@dataclass(frozen=True)
class ShowMap(TeamCommand):
    """The quadrant map with every team's kite and trail."""


@dataclass(frozen=True)
class ShowHelp(TeamCommand):
    """Every key, the facilitator's first."""


@dataclass(frozen=True)
class PauseAll(TeamCommand):
    """The pause screen; the countdown stands still until it closes."""


@dataclass(frozen=True)
class ExportTeams(TeamCommand):
    """Write the team debrief as PNG and Markdown."""
