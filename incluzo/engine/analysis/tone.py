"""Does the scenario have a right answer? Which ending tones a team that always prefers one kind of
recognition can reach, found by playing every game it could play through the game's own rules.

A pure policy takes, on every card, a choice of its recognition whenever one is offered and affordable,
and otherwise any affordable choice (as `incluzo simulate --policy` does). Every such game is tried, so
"cannot reach" means never, not rarely. A scenario without right answer lets both pure policies reach a
`good` ending and a `hard` one. The engine's own ending "Het budget is op" counts as `hard`.
"""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct

from incluzo.engine.analysis import dependencies
from incluzo.engine.analysis.abstraction import Abstraction
from incluzo.engine.play import rules
from incluzo.engine.play.rules import GameState, Outcome
from incluzo.engine.scenario.locate import Locator
from incluzo.engine.scenario.model import AFFIRMATIEF, GOOD, HARD, TONES, TRANSFORMATIEF, Scenario
from incluzo.engine.scenario.problems import Problem

PURE_POLICIES = {"affirmative": AFFIRMATIEF, "transformative": TRANSFORMATIEF}
MAX_STATES = 100_000  # game states tried per policy before the check gives up (INC046 then says so)
UNTONED = "none"  # the share of games whose ending has no tone


class Reach(Struct, frozen=True):
    """The endings a pure policy can reach, and whether every game was tried."""

    policy: str
    endings: frozenset[str]
    complete: bool


def tone_of(scenario: Scenario, ending_id: str) -> str | None:
    """An ending's tone: the author's, `hard` for the engine's budget ending, else None."""
    if ending_id == rules.EXHAUSTED_ENDING:
        return HARD
    ending = scenario.ending(ending_id)
    return ending.tone if ending else None


def uses_tones(scenario: Scenario) -> bool:
    """Whether the author gave any ending a tone (the check says nothing about a scenario without)."""
    return any(e.tone for e in scenario.endings)


def reach(scenario: Scenario, policy: str, limit: int = MAX_STATES) -> Reach:
    """Every ending a team playing `policy` (a key of PURE_POLICIES) can reach."""
    want = PURE_POLICIES[policy]
    endings: set[str] = set()
    seen: set[GameState] = set()
    begin = rules.begin(scenario)
    # keyed on what the rest of the game can tell apart (as `explore`), so long scenarios stay small
    key = Abstraction(scenario, dependencies.of_flow(scenario) | dependencies.of_endings(scenario)).key
    todo = [key(begin, begin)]
    while todo:
        state = todo.pop()
        if state.over:
            endings.add(state.ending or "")
            continue
        if state in seen:
            continue
        if len(seen) >= limit:
            return Reach(policy, frozenset(endings), False)
        seen.add(state)
        card = scenario.card(state.card or "")
        steps: list[str | None] = [None]
        if not card.is_event:
            payable = [c for c in rules.offered(scenario, state, card) if rules.affordable(state, c)]
            steps = [c.id for c in ([c for c in payable if c.recognition == want] or payable)]
        for step in steps:
            result = rules.apply(scenario, state, step)
            assert isinstance(result, Outcome), result
            todo.append(key(result.state, begin))
    return Reach(policy, frozenset(endings), True)


def tones(scenario: Scenario, found: Reach) -> frozenset[str]:
    return frozenset(t for e in found.endings if (t := tone_of(scenario, e)))


def problems(scenario: Scenario, locator: Locator | None = None, limit: int = MAX_STATES) -> list[Problem]:
    """INC050 when a pure policy can reach no good ending, INC051 when it can never fail (no hard one);
    INC046 when the search stopped at `limit` states before it could tell (never a silent pass)."""
    if not uses_tones(scenario):
        return []
    where = locator or Locator(scenario)
    found: list[Problem] = []
    for policy in PURE_POLICIES:
        result = reach(scenario, policy, limit)
        if not result.complete:
            checks = f"INC050, INC051 ({PURE_POLICIES[policy]})"
            found.append(
                where.problem("INC046", "endings", "split_scenario", states=f"{limit:,}", checks=checks)
            )
            continue
        reached = tones(scenario, result)
        recognition, endings = PURE_POLICIES[policy], ", ".join(sorted(result.endings))
        for code, tone, hint in (("INC050", GOOD, "tone_good"), ("INC051", HARD, "tone_hard")):
            if tone not in reached:
                found.append(where.problem(code, "endings", hint, recognition=recognition, endings=endings))
    return found


def shares(scenario: Scenario, endings: Mapping[str, int]) -> dict[str, float]:
    """The share (0-1, rounded to 4 places) of games per tone, from counted ending ids."""
    total = sum(endings.values())
    counts = dict.fromkeys((*TONES, UNTONED), 0)
    for ending, count in endings.items():
        counts[tone_of(scenario, ending) or UNTONED] += count
    return {tone: round(count / total, 4) if total else 0.0 for tone, count in counts.items()}
