"""What many session logs say together: choices per card, position shifts, recognition, time, polls.

Pure: it takes games already rebuilt from their logs (see `incluzo report`) and returns rows of plain
data with exact numbers (fractions), so a mean is never off by a float's last digit.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from fractions import Fraction

from msgspec import Struct

from incluzo.engine.play import position, rules
from incluzo.engine.play.rules import GameState
from incluzo.engine.questionnaire.themes import Result
from incluzo.engine.scenario.model import AFFIRMATIEF, Scenario


class LoggedSession(Struct, frozen=True):
    """One session log, replayed: its games (one per team, or one solo) and its notes."""

    source: str
    scenario: Scenario
    mode: str
    games: tuple[tuple[str, GameState], ...]  # (team name, '' in solo play; the game)
    times: tuple[tuple[str, int], ...] = ()  # (card id, milliseconds deliberated)
    profiles: tuple[tuple[str, Result], ...] = ()  # (label, questionnaire result)
    date: str = ""  # when the session was played (ISO date and time), as far as the shell knows it


class ChoiceRow(Struct, frozen=True):
    scenario: str
    card: str
    choice: str
    recognition: str
    times: int  # how often it was chosen
    of: int  # decisions made on the card in all games


class PollRow(Struct, frozen=True):
    scenario: str
    card: str
    option: str
    votes: int  # summed over every time the poll was counted
    polls: int  # times the poll was counted


class PositionRow(Struct, frozen=True):
    scenario: str
    quadrant: str
    games: int
    start: Fraction  # mean points
    end: Fraction
    shift: Fraction


class RecognitionRow(Struct, frozen=True):
    scenario: str
    games: int
    affirmative: int
    transformative: int

    @property
    def transformative_share(self) -> Fraction:
        total = self.affirmative + self.transformative
        return Fraction(self.transformative, total) if total else Fraction(0)


class TimeRow(Struct, frozen=True):
    scenario: str
    card: str
    sessions: int  # sessions that timed the card
    mean_ms: Fraction  # per session: all deliberation on the card in that session, summed
    low_ms: int
    high_ms: int


class SessionRow(Struct, frozen=True):
    """One game of one session: when, what, how, and where it ended (None: not finished)."""

    source: str
    date: str
    scenario: str
    mode: str
    team: str
    decisions: int
    ending: str | None
    ended_early: bool


class EndingRow(Struct, frozen=True):
    scenario: str
    ending: str | None  # None: games not (yet) finished
    games: int
    of: int


class BudgetRow(Struct, frozen=True):
    """Per scenario and meter: the budget at the start and the mean spent over every game."""

    scenario: str
    meter: str
    games: int
    budget: int
    spent: Fraction  # mean
    least: int
    most: int


class DesiredRow(Struct, frozen=True):
    """Per scenario and quadrant: the mean end position against the scenario's desired one (points)."""

    scenario: str
    quadrant: str
    end: Fraction
    desired: Fraction

    @property
    def gap(self) -> Fraction:
        return self.desired - self.end


class ProfileRow(Struct, frozen=True):
    source: str
    label: str
    result: Result


def _by_scenario(logs: Iterable[LoggedSession]) -> dict[str, list[LoggedSession]]:
    grouped: dict[str, list[LoggedSession]] = defaultdict(list)
    for log in logs:
        grouped[log.scenario.id].append(log)
    return dict(sorted(grouped.items()))


def choice_rows(logs: Sequence[LoggedSession]) -> list[ChoiceRow]:
    """Every choice of every card of the scenarios played, with how often it was made."""
    rows: list[ChoiceRow] = []
    for scenario_id, group in _by_scenario(logs).items():
        scenario = group[0].scenario
        made = Counter((d.card, d.choice) for log in group for _, game in log.games for d in game.decisions)
        for card in scenario.cards:
            total = sum(count for (card_id, choice), count in made.items() if card_id == card.id and choice)
            rows += [
                ChoiceRow(
                    scenario_id, card.id, choice.id, choice.recognition, made[(card.id, choice.id)], total
                )
                for choice in card.choices
            ]
    return rows


def poll_rows(logs: Sequence[LoggedSession]) -> list[PollRow]:
    """Each poll's votes per option, summed over the sessions (a team game counts a poll once)."""
    rows: list[PollRow] = []
    for scenario_id, group in _by_scenario(logs).items():
        scenario = group[0].scenario
        for card in scenario.cards:
            if card.poll is None:
                continue
            counted = [_room_counts(log, card.id) for log in group]
            counts = [c for c in counted if c is not None and len(c) == len(card.poll.options)]
            rows += [
                PollRow(scenario_id, card.id, option.id, sum(c[i] for c in counts), len(counts))
                for i, option in enumerate(card.poll.options)
            ]
    return rows


def _room_counts(log: LoggedSession, card: str) -> tuple[int, ...] | None:
    """The counts recorded for a poll in one session (every team carries the room's same counts)."""
    for _, game in log.games:
        for decision in game.decisions:
            if decision.card == card and decision.counts is not None:
                return decision.counts
    return None


def position_rows(logs: Sequence[LoggedSession]) -> list[PositionRow]:
    """Per scenario and quadrant: mean start, mean end and mean shift over every game, in points."""
    rows: list[PositionRow] = []
    for scenario_id, group in _by_scenario(logs).items():
        model = group[0].scenario.model
        games = [(log.scenario.position, game.position) for log in group for _, game in log.games]
        for index, quadrant in enumerate(model.quadrant_ids):
            start = Fraction(sum(s[index] for s, _ in games), len(games) * position.UNIT)
            end = Fraction(sum(e[index] for _, e in games), len(games) * position.UNIT)
            rows.append(PositionRow(scenario_id, quadrant, len(games), start, end, end - start))
    return rows


def recognition_rows(logs: Sequence[LoggedSession]) -> list[RecognitionRow]:
    """Per scenario: how many affirmative and transformative choices all games made."""
    rows: list[RecognitionRow] = []
    for scenario_id, group in _by_scenario(logs).items():
        decisions = [d for log in group for _, game in log.games for d in game.decisions if d.recognition]
        affirmative = sum(d.recognition == AFFIRMATIEF for d in decisions)
        games = sum(len(log.games) for log in group)
        rows.append(RecognitionRow(scenario_id, games, affirmative, len(decisions) - affirmative))
    return rows


def time_rows(logs: Sequence[LoggedSession]) -> list[TimeRow]:
    """Per card: the mean, least and most time a session spent deliberating it."""
    rows: list[TimeRow] = []
    for scenario_id, group in _by_scenario(logs).items():
        for card in group[0].scenario.cards:
            spent = [sum(ms for card_id, ms in log.times if card_id == card.id) for log in group]
            timed = [
                ms for log, ms in zip(group, spent, strict=True) if any(c == card.id for c, _ in log.times)
            ]
            if timed:
                rows.append(
                    TimeRow(
                        scenario_id,
                        card.id,
                        len(timed),
                        Fraction(sum(timed), len(timed)),
                        min(timed),
                        max(timed),
                    )
                )
    return rows


def session_rows(logs: Iterable[LoggedSession]) -> list[SessionRow]:
    """Every game of every session, oldest session first."""
    return [
        SessionRow(
            log.source,
            log.date,
            log.scenario.id,
            log.mode,
            team,
            len(game.decisions),
            game.ending if game.over else None,
            game.ended_early,
        )
        for log in sorted(logs, key=lambda found: (found.date, found.source))
        for team, game in log.games
    ]


def ending_rows(logs: Sequence[LoggedSession]) -> list[EndingRow]:
    """Per scenario how many games reached each ending, in the scenario's order; unfinished ones last."""
    rows: list[EndingRow] = []
    for scenario_id, group in _by_scenario(logs).items():
        scenario = group[0].scenario
        games = [game for log in group for _, game in log.games]
        reached = Counter(game.ending if game.over else None for game in games)
        order = [e.id for e in scenario.endings] + [rules.EXHAUSTED_ENDING, rules.DEFAULT_ENDING]
        order += sorted(str(e) for e in reached if e is not None and e not in order)
        rows += [EndingRow(scenario_id, e, reached[e], len(games)) for e in order if reached[e]]
        if reached[None]:
            rows.append(EndingRow(scenario_id, None, reached[None], len(games)))
    return rows


def budget_rows(logs: Sequence[LoggedSession]) -> list[BudgetRow]:
    """Per scenario and meter: the mean, least and most budget spent by a game."""
    rows: list[BudgetRow] = []
    for scenario_id, group in _by_scenario(logs).items():
        scenario = group[0].scenario
        games = [game for log in group for _, game in log.games]
        for index, meter in enumerate(scenario.model.meter_ids):
            spent = [scenario.budget[index] - game.meters[index] for game in games]
            rows.append(
                BudgetRow(
                    scenario_id,
                    meter,
                    len(games),
                    scenario.budget[index],
                    Fraction(sum(spent), len(spent)),
                    min(spent),
                    max(spent),
                )
            )
    return rows


def desired_rows(positions: Sequence[PositionRow], scenarios: Iterable[Scenario]) -> list[DesiredRow]:
    """The mean end per quadrant beside each scenario's desired position (scenarios without one: none)."""
    rows: list[DesiredRow] = []
    for scenario in scenarios:
        if not scenario.desired:
            continue
        quadrants = scenario.model.quadrant_ids
        rows += [
            DesiredRow(
                r.scenario,
                r.quadrant,
                r.end,
                Fraction(scenario.desired[quadrants.index(r.quadrant)], position.UNIT),
            )
            for r in positions
            if r.scenario == scenario.id
        ]
    return rows


def profile_rows(logs: Sequence[LoggedSession]) -> list[ProfileRow]:
    return [ProfileRow(log.source, label, result) for log in logs for label, result in log.profiles]


def pooled(results: Sequence[Result]) -> Result | None:
    """The profile of every respondent together: each result weighted by its respondents."""
    people = sum(r.respondents for r in results)
    if not people:
        return None

    def mean(part: Sequence[tuple[Fraction, ...]]) -> tuple[Fraction, ...]:
        return tuple(
            sum((r.respondents * p[i] for r, p in zip(results, part, strict=True)), Fraction(0)) / people
            for i in range(len(part[0]))
        )

    return Result(mean([r.current for r in results]), mean([r.desired for r in results]), people)
