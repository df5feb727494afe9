"""Where a game is on its path: the fewest and the most cards still to be played after the current one.

A branching scenario has no fixed length, so "card 5 of 7" can be wrong on the last card. `ahead` plays
every way on from the state by the rules (conditions, cards seen, affordability, an event card's
`next`) and counts the cards on the shortest and the longest. The facilitator's skip is not a way on:
it is a step outside the game. A card on which the budget runs out is not counted: it is shown, but
nothing is played on it.

States that no condition of the rest of the game can tell apart give the same answer, so the search
keys each state on the analysis' abstraction (`engine/analysis/abstraction.py`: facts no condition
reads dropped, meters capped where that changes no affordability) and keeps one answer per key for
each scenario object. Without it a 20-card branching scenario took 2.5 s to give up.
"""

from __future__ import annotations

import weakref

from msgspec import Struct

from incluzo.engine.analysis import dependencies
from incluzo.engine.analysis.abstraction import Abstraction
from incluzo.engine.play import rules
from incluzo.engine.play.rules import GameState, Outcome
from incluzo.engine.scenario.model import Scenario

Span = tuple[int, int]
MAX_STATES = 2_000  # more ways on than this: the safe answer (see `ahead`), found in about 0.1 s


class _TooMany(Exception):
    """The search met more states than MAX_STATES."""


class Ahead(Struct, frozen=True):
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
        self.spans: dict[GameState, Span] = {}
        self.abstraction = Abstraction(scenario, dependencies.of_flow(scenario))
        self.begin = rules.begin(scenario)

    def key(self, state: GameState) -> GameState:
        return self.abstraction.key(state.but(decisions=()), self.begin)


_caches: dict[int, _Cache] = {}


def _cache_for(scenario: Scenario) -> _Cache:
    cache = _caches.get(id(scenario))
    if cache is None or cache.scenario() is not scenario:
        cache = _Cache(scenario)
        _caches[id(scenario)] = cache
        weakref.finalize(scenario, _caches.pop, id(scenario), None)
    return cache


def _span(scenario: Scenario, state: GameState, cache: _Cache) -> Span:
    """(fewest, most) cards played from `state` (a key of `cache`) on, its current card included."""
    spans = cache.spans
    key = state
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
        low, high = (0, 0) if after.over else _span(scenario, cache.key(after), cache)
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
        cache = _cache_for(scenario)
        fewest, most = _span(scenario, cache.key(state), cache)
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
