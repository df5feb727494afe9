"""Every shipped scenario loads without errors and every one of its endings paths can be played."""

from __future__ import annotations

from pathlib import Path

import pytest
from testsupport import SCENARIOS

from incluzo.cli import main
from incluzo.engine.analysis.checks import check_file
from incluzo.engine.play import rules
from incluzo.engine.scenario.loader import load_file
from incluzo.engine.scenario.model import AFFIRMATIEF, TRANSFORMATIEF, Card, Choice, Scenario
from incluzo.engine.scenario.problems import Severity

# The cases of issue 11, and the short versions (3 cards, about 10 minutes) for a workshop.
CASES = ["wat-vraagt-de-wet", "pro-of-lwoo", "verveeld-en-lastig", "ouders-in-bezwaar", "hoe-niet-waar"]
SHORT = [f"{name}-kort" for name in CASES]


def endings_reached(scenario: Scenario, prefer: str | None = None) -> set[str]:
    """Every ending some sequence of choices reaches (depth-first over the pure rules).

    With `prefer` (a recognition) a pure policy plays: on each card only the affordable choices of
    that recognition, or, when there are none, any affordable choice.
    """
    found: set[str] = set()
    seen: set[rules.GameState] = set()
    stack = [rules.begin(scenario)]
    while stack:
        state = stack.pop()
        if state in seen:
            continue
        seen.add(state)
        if state.over:
            found.add(state.ending or "")
            continue
        card = rules.current_card(scenario, state)
        assert card is not None
        results = (
            [rules.advance(scenario, state)]
            if card.is_event
            else [rules.choose(scenario, state, c.id) for c in policy(scenario, state, card, prefer)]
        )
        stack.extend(r.state for r in results if isinstance(r, rules.Outcome))
    return found


def policy(scenario: Scenario, state: rules.GameState, card: Card, prefer: str | None) -> list[Choice]:
    """The choices a pure policy may take on this card (all offered ones without a preference)."""
    offered = list(rules.offered(scenario, state, card))
    if prefer is None:
        return offered
    payable = [c for c in offered if rules.affordable(state, c)]
    return [c for c in payable if c.recognition == prefer] or payable or offered


def test_there_are_shipped_scenarios() -> None:
    assert len(SCENARIOS) >= 2


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenario_checks_without_errors_and_reaches_an_ending(path: Path) -> None:
    scenario, problems = check_file(path)
    assert [p.format() for p in problems if p.severity is Severity.ERROR] == []
    assert scenario is not None
    assert endings_reached(scenario)


def case_path(name: str) -> Path:
    return SCENARIOS[0].parent / f"{name}.yaml"


@pytest.mark.parametrize("name", CASES + SHORT)
def test_case_passes_check_strict(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", "--lang", "en", str(case_path(name))]) == 0
    printed = capsys.readouterr()
    assert ": warning:" not in printed.out + printed.err
    assert ": error:" not in printed.out + printed.err


@pytest.mark.parametrize("name", SHORT)
def test_short_version_has_three_cards_and_takes_ten_minutes(name: str) -> None:
    scenario = load_file(case_path(name))
    assert len(scenario.cards) == 3
    assert scenario.minutes == 10


@pytest.mark.parametrize("name", CASES + SHORT)
@pytest.mark.parametrize("prefer", [AFFIRMATIEF, TRANSFORMATIEF])
def test_case_has_no_right_answer(name: str, prefer: str) -> None:
    """Under each pure policy a good ending and a hard ending can both be reached."""
    scenario = load_file(case_path(name))
    tones = {ending.id: ending.tone for ending in scenario.endings} | {"incluzo:budget-op": "hard"}
    reached = {tones.get(ending) for ending in endings_reached(scenario, prefer)}
    assert {"good", "hard"} <= reached
