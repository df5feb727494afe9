"""Play as you write: carry the decisions made so far over to a new version of the scenario.

API (for a game's reload on F5 or when the file changes):

    scenario, problems = checked(path)  # load and check the file again (problems: also its warnings)
    if scenario is None:                # the file has errors: keep playing the old version
        show(p.format(lang) for p in problems)
    else:
        rebuilt = savelog.rebase(scenario, log)     # one group; workshoplog.rebase for competing teams
        state = rebuilt.state                       # the game the steps that still fit lead to
        save(rebuilt.log)                           # those steps, as a new session of the new version
        if rebuilt.misfit is not None:              # replay stopped at step rebuilt.misfit.step
            show(rebuilt.misfit.reason.text(lang))  # e.g. "card 'x' no longer offers choice 'y'"

A rebase never raises for a changed scenario: it replays the log step by step onto the new version and
stops at the first step the new version refuses, or that would now be taken on another card than before
(carry.py says why, in the catalogs' words). Both modes return the one `savelog.Rebuilt`.
"""

from __future__ import annotations

from pathlib import Path

from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.problems import Problem


def checked(path: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """The file at `path` loaded and checked again: the scenario (None when it has errors) and what check
    found (on success, its warnings)."""
    from incluzo.engine.analysis.checks import (  # the analysis is only needed on a reload
        check_file,
        has_errors,
    )

    scenario, problems = check_file(path)
    return (None if has_errors(problems) else scenario), problems
