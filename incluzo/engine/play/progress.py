"""Where a game is on its path: the fewest and the most cards still to be played after the current one.

A branching scenario has no fixed length, so "card 5 of 7" can be wrong on the last card. `ahead` plays
every way on from the state by the rules (conditions, cards seen, affordability, an event card's
`next`) and counts the cards on the shortest and the longest. The facilitator's skip is not a way on:
it is a step outside the game. A card on which the budget runs out is not counted: it is shown, but
nothing is played on it.

States that differ only in their history give the same answer, so the search keeps one answer per
state (meters, position, tally, cards seen, choices made, card) for each scenario object.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from incluzo.engine.play import rules
from incluzo.engine.play.rules import GameState, Outcome
from incluzo.engine.scenario.model import Scenario

Key = tuple[object, ...]
Span = tuple[int, int]
MAX_STATES = 50_000  # a scenario with more ways on than this gets the safe answer (see `ahead`)


class _TooMany(Exception):
    """The search met more states than MAX_STATES."""


@dataclass(frozen=True)
class Ahead:
    """Cards still to be played after the current one: at fewest and at most."""

    fewest: int
    most: int

    @property
    def last(self) -> bool:
        """No path goes on after this card."""
        return self.most == 0


NONE_AHEAD = Ahead(0, 0)  # the last card, or a game that is over


class _Cache:
    """The answers found so far for one scenario object (it lives as long as the scenario does)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = weakref.ref(scenario)
        self.spans: dict[Key, Span] = {}


_caches: dict[int, _Cache] = {}


def _cache_for(scenario: Scenario) -> dict[Key, Span]:
    cache = _caches.get(id(scenario))
    if cache is None or cache.scenario() is not scenario:
        cache = _Cache(scenario)
        _caches[id(scenario)] = cache
        weakref.finalize(scenario, _caches.pop, id(scenario), None)
    return cache.spans


def _key(state: GameState) -> Key:
    return (state.card, state.meters, state.position, state.tally, state.chosen, state.seen)


def _span(scenario: Scenario, state: GameState, spans: dict[Key, Span]) -> Span:
    """(fewest, most) cards played from `state` on, its current card included."""
    key = _key(state)
    found = spans.get(key)
    if found is not None:
        return found
    if len(spans) >= MAX_STATES:
        raise _TooMany
    card = rules.current_card(scenario, state)
    assert card is not None
    if card.is_event:
        steps = [rules.advance(scenario, state)]
    else:
        steps = [
            rules.choose(scenario, state, c.id)
            for c in rules.offered(scenario, state, card)
            if rules.affordable(state, c)
        ]
    fewest, most = -1, 0
    for result in steps:
        assert isinstance(result, Outcome), result
        after = result.state
        low, high = (0, 0) if after.over else _span(scenario, after.but(decisions=()), spans)
        fewest = low if fewest < 0 else min(fewest, low)
        most = max(most, high)
    span = (1 + max(fewest, 0), 1 + most)
    spans[key] = span
    return span


def ahead(scenario: Scenario, state: GameState) -> Ahead:
    """The fewest and the most cards still to be played after the current card (0, 0 when over).

    A scenario too large to search (more than MAX_STATES ways on) gets a range that is never wrong,
    only wide: from none to every card not yet seen."""
    if state.over:
        return NONE_AHEAD
    try:
        fewest, most = _span(scenario, state.but(decisions=()), _cache_for(scenario))
    except _TooMany:
        return Ahead(0, sum(card.id not in state.seen for card in scenario.cards))
    return Ahead(fewest - 1, most - 1)


def played(scenario: Scenario, state: GameState) -> Ahead:
    """The cards a game from `state` plays, its current card included: fewest and most (the briefing's
    "4-5 kaarten")."""
    if state.over:
        return NONE_AHEAD
    still = ahead(scenario, state)
    return Ahead(still.fewest + 1, still.most + 1)
