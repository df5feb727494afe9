"""The phases of a game and the modes it is played in, shared by one group, solo practice and teams.

Both are `StrEnum`s: a phase or mode is its word in the save and in the message keys ("card",
"briefing.mode.team"), so it compares equal to that word.
"""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    """Where a game stands. Team play has no briefing phase of its own: its screen shows the briefing
    before the first round, and the rules start at the first card."""

    BRIEFING = "briefing"
    CARD = "card"
    OUTCOME = "outcome"
    DEBRIEF = "debrief"


class Mode(StrEnum):
    """How the room plays: one player practising alone, one group together, or competing teams.

    The value is the word the screens' messages are keyed by. A save's header writes "solo" or "team"
    (and the teams' names for competing teams); `of_save` reads both old and new headers.
    """

    SOLO = "solo"
    GROUP = "team"
    TEAMS = "teams"

    @classmethod
    def of_save(cls, mode: str, teams: tuple[str, ...] = ()) -> Mode:
        """The mode a save's header stands for ("team" with teams named: competing teams)."""
        if mode in (cls.TEAMS, cls.GROUP) and teams:
            return cls.TEAMS
        return cls.SOLO if mode == cls.SOLO else cls.GROUP

    @property
    def save_name(self) -> str:
        """The word a save's header keeps for this mode (readable by every earlier incluzo)."""
        return "solo" if self is Mode.SOLO else "team"
