"""Which facts of the game state a scenario's conditions look at, so explorers can leave the rest out.

Two game states that differ only in facts no condition reads (the decision history, choices nobody asks
about, the position when no condition names a quadrant) play on exactly alike. `analysis` and `simulate`
use this to memoise on a small key instead of the whole history.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from msgspec import Struct

from incluzo.engine.play.rules import GameState
from incluzo.engine.scenario.conditions import All, Chosen, Compare, Condition, Exhausted, Not, Seen
from incluzo.engine.scenario.model import Scenario


class Dependencies(Struct, frozen=True):
    """The facts some conditions read."""

    meters: bool = False
    quadrants: bool = False
    tally: bool = False
    exhausted: bool = False
    chosen: frozenset[tuple[str, str]] = frozenset()
    seen: frozenset[str] = frozenset()

    def __or__(self, other: Dependencies) -> Dependencies:
        return Dependencies(
            self.meters or other.meters,
            self.quadrants or other.quadrants,
            self.tally or other.tally,
            self.exhausted or other.exhausted,
            self.chosen | other.chosen,
            self.seen | other.seen,
        )


def atoms(condition: Condition) -> Iterator[Condition]:
    """The leaves of a condition (comparisons, chosen, seen, exhausted, true/false)."""
    if isinstance(condition, Not):
        yield from atoms(condition.inner)
    elif isinstance(condition, All):  # Any_ is an All with another `holds`
        for part in condition.parts:
            yield from atoms(part)
    else:
        yield condition


def of(conditions: Iterable[Condition | None]) -> Dependencies:
    """The facts these conditions read together."""
    kinds: set[str] = set()
    chosen: set[tuple[str, str]] = set()
    seen: set[str] = set()
    for condition in conditions:
        for atom in atoms(condition) if condition is not None else ():
            if isinstance(atom, Compare):
                kinds.add(atom.kind)
            elif isinstance(atom, Chosen):
                chosen.add((atom.card, atom.choice))
            elif isinstance(atom, Seen):
                seen.add(atom.card)
            elif isinstance(atom, Exhausted):
                kinds.add("exhausted")
    return Dependencies(
        "meter" in kinds,
        "quadrant" in kinds,
        "tally" in kinds,
        "exhausted" in kinds,
        frozenset(chosen),
        frozenset(seen),
    )


def of_flow(scenario: Scenario) -> Dependencies:
    """What decides which card comes next and which choices it offers."""
    return of(
        [card.when for card in scenario.cards]
        + [choice.when for card in scenario.cards for choice in card.choices]
    )


def of_endings(scenario: Scenario) -> Dependencies:
    """What decides which ending closes the game."""
    return of(ending.when for ending in scenario.endings)


def relevant(state: GameState, needs: Dependencies, neutral: GameState) -> GameState:
    """`state` without the facts `needs` does not read: those are taken from `neutral`.

    The decision history is always dropped; `seen`, the meters, the card and the ending are always kept
    (they decide the flow and what is affordable). Chosen choices are kept only when a condition asks.
    """
    return state.but(
        decisions=(),
        chosen=state.chosen & needs.chosen,
        position=state.position if needs.quadrants else neutral.position,
        tally=state.tally if needs.tally else neutral.tally,
    )
