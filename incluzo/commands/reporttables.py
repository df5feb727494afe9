"""The tables of `incluzo report`: every aggregate computed once, and the CSV files written from them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path

from incluzo.commands.reportout import Dialect, write_csv
from incluzo.engine.logs import aggregate
from incluzo.engine.logs.aggregate import LoggedSession
from incluzo.engine.questionnaire.themes import decimal_text


def points(value: Fraction, lang: str = "en", signed: bool = False) -> str:
    return decimal_text(value, lang, signed=signed)


def seconds(ms: Fraction | int, lang: str = "en") -> str:
    return decimal_text(Fraction(ms, 1000), lang, places=1)


def share(part: int, whole: int, lang: str = "en") -> str:
    return points(Fraction(100 * part, whole), lang) if whole else ""


class ReportData:
    """Every table of the report, computed once from the sessions."""

    def __init__(self, logs: Sequence[LoggedSession]) -> None:
        self.sessions = aggregate.session_rows(logs)
        self.endings = aggregate.ending_rows(logs)
        self.budget = aggregate.budget_rows(logs)
        self.choices = aggregate.choice_rows(logs)
        self.positions = aggregate.position_rows(logs)
        self.desired = aggregate.desired_rows(
            self.positions, {log.scenario.id: log.scenario for log in logs}.values()
        )
        self.recognition = aggregate.recognition_rows(logs)
        self.times = aggregate.time_rows(logs)
        self.polls = aggregate.poll_rows(logs)
        self.profiles = aggregate.profile_rows(logs)


def write_tables(folder: Path, data: ReportData, logs: Sequence[LoggedSession], dialect: Dialect) -> None:
    """The CSV files: ids and plain numbers, in the dialect's separator and decimal mark."""
    n = dialect.decimal

    def csv(name: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
        write_csv(folder / name, dialect, header, rows)

    csv(
        "sessions.csv",
        ("date", "log", "scenario", "mode", "team", "decisions", "ending", "ended_early"),
        (
            (r.date, r.source, r.scenario, r.mode, r.team, r.decisions, r.ending or "", int(r.ended_early))
            for r in data.sessions
        ),
    )
    csv(
        "endings.csv",
        ("scenario", "ending", "games", "of", "share"),
        ((r.scenario, r.ending or "", r.games, r.of, share(r.games, r.of, n)) for r in data.endings),
    )
    csv(
        "budget.csv",
        ("scenario", "meter", "games", "budget", "spent_mean", "spent_least", "spent_most"),
        ((r.scenario, r.meter, r.games, r.budget, points(r.spent, n), r.least, r.most) for r in data.budget),
    )
    csv(
        "choices.csv",
        ("scenario", "card", "choice", "recognition", "times", "of", "share"),
        (
            (r.scenario, r.card, r.choice, r.recognition, r.times, r.of, share(r.times, r.of, n))
            for r in data.choices
        ),
    )
    goals = {(r.scenario, r.quadrant): r.desired for r in data.desired}
    csv(
        "positions.csv",
        ("scenario", "quadrant", "games", "start", "end", "shift", "desired"),
        (
            (
                r.scenario,
                r.quadrant,
                r.games,
                points(r.start, n),
                points(r.end, n),
                points(r.shift, n, signed=True),
                points(goal, n) if (goal := goals.get((r.scenario, r.quadrant))) is not None else "",
            )
            for r in data.positions
        ),
    )
    csv(
        "recognition.csv",
        ("scenario", "games", "affirmatief", "transformatief", "transformative_share"),
        (
            (r.scenario, r.games, r.affirmative, r.transformative, points(100 * r.transformative_share, n))
            for r in data.recognition
        ),
    )
    csv(
        "times.csv",
        ("scenario", "card", "sessions", "mean_seconds", "least_seconds", "most_seconds"),
        (
            (
                r.scenario,
                r.card,
                r.sessions,
                seconds(r.mean_ms, n),
                seconds(r.low_ms, n),
                seconds(r.high_ms, n),
            )
            for r in data.times
        ),
    )
    csv(
        "polls.csv",
        ("scenario", "card", "option", "votes", "polls"),
        ((r.scenario, r.card, r.option, r.votes, r.polls) for r in data.polls),
    )
    quadrants = logs[0].scenario.model.quadrant_ids
    csv(
        "profiles.csv",
        ("log", "label", "respondents", "quadrant", "current", "desired", "difference"),
        (
            (
                r.source,
                r.label,
                r.result.respondents,
                q,
                points(c, n),
                points(d, n),
                points(d - c, n, signed=True),
            )
            for r in data.profiles
            for q, c, d in zip(quadrants, r.result.current, r.result.desired, strict=True)
        ),
    )
