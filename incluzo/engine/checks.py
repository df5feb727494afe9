"""Everything `incluzo check` reports about a scenario file, as one list of problems."""

from __future__ import annotations

from pathlib import Path

from incluzo.engine.loader import load_file
from incluzo.engine.model import Scenario
from incluzo.engine.problems import Problem, ScenarioError, Severity


def check_file(path: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """Load a scenario and collect every problem: the loader's errors, or its warnings and analysis."""
    try:
        scenario = load_file(path)
    except ScenarioError as error:
        return None, list(error.problems)
    return scenario, list(scenario.warnings)


def has_errors(problems: list[Problem], *, strict: bool = False) -> bool:
    return any(p.severity is Severity.ERROR or strict for p in problems)
