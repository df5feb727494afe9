"""Everything `incluzo check` reports about a scenario file, as one list of problems."""

from __future__ import annotations

from pathlib import Path

from incluzo.engine.analysis import tone
from incluzo.engine.analysis.explore import analyse
from incluzo.engine.scenario.loader import load_file
from incluzo.engine.scenario.locate import Locator, card_path
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.problems import Problem, ScenarioError, Severity
from incluzo.engine.scenario.yamlsource import decode, read_file


def check_file(path: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """Load a scenario and collect every problem: the loader's errors, or its warnings and analysis."""
    try:
        scenario = load_file(path)
        text = decode(read_file(Path(path)), str(path))
    except ScenarioError as error:
        return None, list(error.problems)
    locator = Locator(scenario, text)
    found = [
        *scenario.warnings,
        *image_problems(scenario, Path(path).parent, locator),
        *analyse(scenario, text),
        *tone.problems(scenario, locator),
    ]
    return scenario, sorted(found, key=lambda p: (p.line, p.column, p.code))


ERROR = Severity.ERROR


def image_problems(scenario: Scenario, folder: Path, locator: Locator | None = None) -> list[Problem]:
    """Pictures that do not exist, or that a symlink takes outside the scenario's folder.

    The loader already refuses absolute paths and '..'; only the file system can tell the rest.
    """
    where = locator or Locator(scenario)
    found: list[Problem] = []
    inside = folder.resolve()
    for card in scenario.cards:
        if card.image is None:
            continue
        path = f"{card_path(scenario, card.id)}.image"
        target = (folder / card.image).resolve()
        if not target.is_relative_to(inside):
            found.append(where.problem("INC022", path, "inside_folder", severity=ERROR, value=card.image))
        elif not target.is_file():
            found.append(where.problem("INC044", path, "image_place", severity=ERROR, image=card.image))
    return found


LIMITS = frozenset({"INC046"})  # the analysis' own limit: said, but never a reason to fail --strict


def has_errors(problems: list[Problem], *, strict: bool = False) -> bool:
    return any(p.severity is Severity.ERROR or (strict and p.code not in LIMITS) for p in problems)
