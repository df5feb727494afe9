"""Every shipped scenario loads without errors and every one of its endings paths can be played."""

from __future__ import annotations

from pathlib import Path

import pytest
from testsupport import SCENARIOS

from incluzo.cli import main
from incluzo.engine.analysis import tone
from incluzo.engine.analysis.checks import check_file
from incluzo.engine.play import rules
from incluzo.engine.scenario.loader import load_file
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.problems import Severity

# The cases of issue 11, and their short versions (3 cards, about 10 minutes) for a workshop.
CASES = ["wat-vraagt-de-wet", "pro-of-lwoo", "verveeld-en-lastig", "ouders-in-bezwaar", "hoe-niet-waar"]
SHORT = [f"{name}-kort" for name in CASES]


def endings_reached(scenario: Scenario) -> set[str]:
    """Every ending some sequence of choices reaches (depth-first over the pure rules)."""
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
            else [rules.choose(scenario, state, c.id) for c in rules.offered(scenario, state, card)]
        )
        stack.extend(r.state for r in results if isinstance(r, rules.Outcome))
    return found


def test_there_are_shipped_scenarios() -> None:
    assert len(SCENARIOS) >= 2


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenario_checks_without_errors_and_reaches_an_ending(path: Path) -> None:
    scenario, problems = check_file(path)
    assert [p.format() for p in problems if p.severity is Severity.ERROR] == []
    assert scenario is not None
    assert endings_reached(scenario)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenario_passes_a_strict_check_with_the_tone_check(path: Path) -> None:
    scenario, problems = check_file(path)
    assert [p.format() for p in problems] == []  # --strict: no warnings either (INC050/INC051 included)
    assert scenario is not None


@pytest.mark.parametrize(
    "path",
    [p for p in SCENARIOS if any(card.choices for card in load_file(p).cards)],
    ids=lambda p: p.stem,
)
def test_shipped_scenario_has_no_right_answer(path: Path) -> None:
    """Under both pure policies a good ending and a hard one are reachable (the opening has no choices)."""
    scenario = load_file(path)
    for policy in tone.PURE_POLICIES:
        reached = tone.reach(scenario, policy)
        assert reached.complete
        assert {"good", "hard"} <= tone.tones(scenario, reached), (policy, sorted(reached.endings))


def case_path(name: str) -> Path:
    return SCENARIOS[0].parent / f"{name}.yaml"


@pytest.mark.parametrize("name", CASES + SHORT)
def test_case_passes_check_strict_with_the_fit_check(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The command a facilitator runs: no error, no warning, every text fits the screen at 1280x720."""
    assert main(["check", "--strict", "--lang", "en", str(case_path(name))]) == 0
    printed = capsys.readouterr()
    assert ": warning:" not in printed.out + printed.err
    assert ": error:" not in printed.out + printed.err


@pytest.mark.parametrize("name", SHORT)
def test_short_version_has_three_cards_and_takes_ten_minutes(name: str) -> None:
    scenario = load_file(case_path(name))
    assert len(scenario.cards) == 3
    assert scenario.minutes == 10
