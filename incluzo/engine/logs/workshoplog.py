"""Session-log records of a workshop, on the save log's mechanism (savelog.record, JSON Lines).

Team play logs each facilitator action (pick, reveal, go on, skip, undo, end) and rebuilds the TeamPlay by
replaying them, as a solo save replays its steps; `rebase` carries a game over to a new version of its
scenario (play as you write). Two notes carry what the rules never see: the time
a card was deliberated (the engine never reads the clock, so the shell writes it) and a questionnaire
profile (exact fractions written as text, "240/7").
"""

from __future__ import annotations

from fractions import Fraction

from incluzo.engine.logs.savelog import (
    Entry,
    Header,
    Id,
    ProfileEntry,
    Rebuilt,
    SaveLog,
    TeamEndEntry,
    TeamGoOnEntry,
    TeamPickEntry,
    TeamRevealEntry,
    TeamSkipEntry,
    TeamUndoEntry,
    TeamUnpickEntry,
    rebuilt,
)
from incluzo.engine.play import teams
from incluzo.engine.play.phases import Mode
from incluzo.engine.play.rules import Refusal
from incluzo.engine.play.teams import TeamAction, TeamPlay
from incluzo.engine.questionnaire.themes import Profile, Result
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.problems import Phrase, said


def is_team_game(header: Header) -> bool:
    """Whether a log is of competing teams (replay it here), not of one group or one player (savelog)."""
    return Mode.of_save(header.mode, header.teams) is Mode.TEAMS


def profile_entry(found: Result, questionnaire: str | None = None, label: str = "") -> ProfileEntry:
    return ProfileEntry(
        found.respondents,
        tuple(str(v) for v in found.current),
        tuple(str(v) for v in found.desired),
        Id(questionnaire) if questionnaire else None,
        label,
    )


def profile_of(entry: ProfileEntry) -> Result | None:
    """The result a profile record holds, or None when its numbers are not valid fractions."""
    try:
        current: Profile = tuple(Fraction(v) for v in entry.current)
        desired: Profile = tuple(Fraction(v) for v in entry.desired)
    except (ValueError, ZeroDivisionError):
        return None
    return Result(current, desired, entry.respondents)


def entry_for(scenario: Scenario, play: TeamPlay, action: TeamAction) -> Entry:
    """The record of an action taken on `play` (before it was applied)."""
    card = teams.room_card(scenario, play)
    card_id = Id(card.id) if card is not None else None
    if isinstance(action, teams.Pick):
        return TeamPickEntry(action.team, Id(action.choice), card_id)
    if isinstance(action, teams.Unpick):
        return TeamUnpickEntry(action.team)
    if isinstance(action, teams.Reveal):
        used = play.timer.used_ms if action.deliberation_ms is None else action.deliberation_ms
        return TeamRevealEntry(card_id, used, action.counts)
    if isinstance(action, teams.GoOn):
        return TeamGoOnEntry()
    if isinstance(action, teams.UndoTeam):
        return TeamUndoEntry(action.team)
    if isinstance(action, teams.UndoRound):
        return TeamUndoEntry(None)
    if isinstance(action, teams.Skip):
        return TeamSkipEntry(card_id, play.timer.used_ms)
    return TeamEndEntry()


def action_of(entry: Entry) -> TeamAction | None:
    """The action a record stands for; None for a note or another kind of record."""
    if isinstance(entry, TeamPickEntry):
        return teams.Pick(entry.team, entry.choice)
    if isinstance(entry, TeamUnpickEntry):
        return teams.Unpick(entry.team)
    if isinstance(entry, TeamRevealEntry):
        return teams.Reveal(entry.counts, entry.ms)
    if isinstance(entry, TeamGoOnEntry):
        return teams.GoOn()
    if isinstance(entry, TeamUndoEntry):
        return teams.UndoRound() if entry.team is None else teams.UndoTeam(entry.team)
    if isinstance(entry, TeamEndEntry):
        return teams.EndEarly()
    if isinstance(entry, TeamSkipEntry):
        return teams.Skip()
    return None


def perform(
    scenario: Scenario, play: TeamPlay, action: TeamAction
) -> tuple[TeamPlay | Refusal, Entry | None]:
    """Take one action; when it was done, also the record to append to the log."""
    result = teams.apply(scenario, play, action)
    return result, (entry_for(scenario, play, action) if isinstance(result, TeamPlay) else None)


def replay(
    scenario: Scenario, log: SaveLog, default_seconds: int = teams.DEFAULT_SECONDS
) -> Rebuilt[TeamPlay]:
    """Rebuild a team game from its log; stops at the first action that no longer fits the scenario.

    The timer of the open round starts afresh: time is not replayed, only the recorded reveals.
    """
    made = teams.make_teams(log.header.teams)
    if isinstance(made, Refusal):
        return rebuilt(scenario, teams.begin(scenario, (), default_seconds), log, 0, _refused(scenario, made))
    play = teams.begin(scenario, made, default_seconds)
    for number, entry in enumerate(log.entries):
        action = action_of(entry)
        if action is None:
            continue
        card = teams.room_card(scenario, play)
        expected = getattr(entry, "card", None)
        if expected is not None and (card is None or card.id != expected):
            return rebuilt(scenario, play, log, number, _refused(scenario, Refusal("other_card", expected)))
        result = teams.apply(scenario, play, action)
        if isinstance(result, Refusal):
            return rebuilt(scenario, play, log, number, _refused(scenario, result))
        play = result
    return rebuilt(scenario, play, log, len(log.entries))


def rebase(
    scenario: Scenario, log: SaveLog, default_seconds: int = teams.DEFAULT_SECONDS
) -> Rebuilt[TeamPlay]:
    """A team game carried over to a new version of its scenario (play as you write), as far as its log
    still fits, as a new session of that version (`Rebuilt.rebased`: notes such as the start profile
    carry over too)."""
    return replay(scenario, log, default_seconds).rebased()


def _refused(scenario: Scenario, refusal: Refusal) -> Phrase:
    return said("replay.refused", detail=refusal.said(scenario))
