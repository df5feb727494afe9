"""A solo player's earlier runs of a scenario, kept on this computer to compare a new run with.

Each scenario has one file, `<data folder>/practice/<scenario-id>.jsonl`, in the save log's format (a
header, then one `practice-run` record per finished run). Records are appended with the saves'
own durable write (one write, fsync, an autosave copy), and read back with their recovery, so a
run the debrief has shown is never lost and a damaged file still yields its good runs.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct

from incluzo import persistence
from incluzo.engine.logs import savelog
from incluzo.engine.logs.savelog import Entry, Id, SaveError, record
from incluzo.engine.play.hints import distance
from incluzo.engine.play.rules import GameState
from incluzo.engine.scenario.model import Scenario
from incluzo.errorlog import data_dir

PRACTICE_MODE = "practice"
SHOWN_RUNS = 5  # earlier runs listed on the debrief, newest first


@record("practice-run")
class PracticeRun(Entry, frozen=True):
    """One finished solo run: where it ended and what it took to get there."""

    at: str  # local date and time the run ended, "2026-11-28T14:02"
    content_hash: str  # the scenario version played
    position: tuple[int, ...]  # end position, exact units
    spent: tuple[int, ...]  # per meter
    tally: tuple[int, ...]  # (affirmatief, transformatief)
    choices: tuple[Id, ...]
    ending: Id | None = None
    desired: tuple[int, ...] | None = None  # the goal it was played toward (a profile may set it)
    retries: int = 0  # cards played again after their outcome
    hints: str = "none"
    seconds: int = 0


def history_path(scenario_id: str) -> Path:
    return data_dir() / "practice" / f"{scenario_id}{persistence.SUFFIX}"


def runs(scenario_id: str) -> tuple[PracticeRun, ...]:
    """The runs kept for a scenario, oldest first (none when there is no readable file)."""
    path = history_path(scenario_id)
    if not path.exists():
        return ()
    try:
        log = persistence.restore(path).log
    except (SaveError, OSError):
        return ()
    return tuple(e for e in log.entries if isinstance(e, PracticeRun))


def keep(scenario: Scenario, run: PracticeRun) -> Path:
    """Append a run to the scenario's history; durable when this returns."""
    path = history_path(scenario.id)
    if path.exists():
        file = persistence.restore(path)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        log = savelog.new_log(scenario, seed=0, mode=PRACTICE_MODE)
        persistence.write_atomic(path, log.text())
        file = persistence.SaveFile(path, log)
    file.append(run)
    return path


def run_of(
    scenario: Scenario, game: GameState, *, retries: int = 0, hints: str = "none", seconds: int = 0
) -> PracticeRun:
    """The record of a finished game, stamped with the local time now."""
    return PracticeRun(
        _dt.datetime.now().isoformat(timespec="minutes"),
        scenario.content_hash,
        game.position,
        tuple(start - left for start, left in zip(scenario.budget, game.meters, strict=True)),
        game.tally,
        tuple(Id(d.choice) for d in game.decisions if d.choice),
        Id(game.ending) if game.ending else None,
        scenario.desired,
        retries,
        hints,
        seconds,
    )


class Comparison(Struct, frozen=True):
    """This run beside the goal and the runs before it."""

    this: PracticeRun
    earlier: tuple[PracticeRun, ...]  # newest first
    start_distance: float | None  # from the start position to the goal; None without a goal

    @property
    def distance(self) -> float | None:
        return distance(self.this.position, self.this.desired) if self.this.desired else None

    def distance_of(self, run: PracticeRun) -> float | None:
        """How far an earlier run ended from this run's goal (the goal may have changed since)."""
        return distance(run.position, self.this.desired) if self.this.desired else None

    @property
    def previous(self) -> PracticeRun | None:
        return self.earlier[0] if self.earlier else None

    @property
    def best_earlier(self) -> float | None:
        """The smallest distance to the goal among the earlier runs."""
        found = [d for run in self.earlier if (d := self.distance_of(run)) is not None]
        return min(found) if found else None


def compare(scenario: Scenario, this: PracticeRun, earlier: Sequence[PracticeRun]) -> Comparison:
    start = distance(scenario.position, this.desired) if this.desired else None
    return Comparison(this, tuple(reversed(earlier)), start)
