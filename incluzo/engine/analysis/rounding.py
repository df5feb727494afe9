"""INC049: a quadrant comparison that decides on exact points while the screen shows whole ones.

The engine keeps the position in millionths of a point; the screens show it rounded to whole points
(summing to 100). A game ending at professionalisering 24.82 shows "25" yet fails
`professionalisering >= 25`, and the room sees an ending that seems to contradict the map. This pass
looks at every reachable finished game (for endings), every state a card's own condition is read in
(as the rules look for the next card), and every state a card is shown in (for its choices'
conditions), and warns where a condition holds on the exact position but not on the shown one,
or the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from msgspec import Struct
from msgspec.structs import replace

from incluzo.engine.play.position import UNIT, exact_points, to_points
from incluzo.engine.play.rules import GameState
from incluzo.engine.scenario.conditions import OPERATORS, All, Compare, Condition, Not
from incluzo.engine.scenario.locate import Locator, card_path, choice_path, ending_path
from incluzo.engine.scenario.model import END, Scenario
from incluzo.engine.scenario.problems import Problem, said
from incluzo.i18n import catalog_for

Step = tuple[str | None, GameState]


class Graph(Protocol):
    """What this pass reads of explore's Graph (explore runs it among its checks, so no import back)."""

    scenario: Scenario
    steps: dict[GameState, list[Step]]
    ran_out_at: dict[GameState, str]

    @property
    def ends(self) -> list[GameState]: ...

    @property
    def shown(self) -> dict[str, list[GameState]]: ...

    def path_to(self, state: GameState) -> list[str]: ...


def shown(state: GameState) -> GameState:
    """`state` with the position the screen shows: whole points, in the engine's units."""
    return replace(state, position=tuple(points * UNIT for points in to_points(state.position)))


def comparisons(condition: Condition) -> Iterator[Compare]:
    """Every quadrant comparison inside `condition`."""
    if isinstance(condition, Compare):
        if condition.kind == "quadrant":
            yield condition
    elif isinstance(condition, Not):
        yield from comparisons(condition.inner)
    elif isinstance(condition, All):  # Any_ too
        for part in condition.parts:
            yield from comparisons(part)


def _flips(condition: Condition, states: Iterable[GameState]) -> Iterator[GameState]:
    for state in states:
        if condition.holds(state) != condition.holds(shown(state)):
            yield state


class Decimal(Struct, frozen=True):
    """Exact points as a message parameter: two decimals (24.82), more when two would look whole (24.998,
    not 25.00), with the decimal mark of the message's language."""

    value: float

    def text(self, lang: str = "en") -> str:
        value = self.value
        text = next(
            (t for t in (f"{value:.{d}f}" for d in range(2, 7)) if float(t) != round(value)), f"{value:.6f}"
        )
        return text.replace(".", catalog_for(lang).decimal_mark)


def _problem(
    graph: Graph, where: Locator, path: str, kind: str, name: str, condition: Condition, state: GameState
) -> Problem:
    quadrants = graph.scenario.model.quadrant_ids
    display = shown(state)
    flipped = next(
        c
        for c in comparisons(condition)
        if OPERATORS[c.op](state.position[c.index], c.number * UNIT)
        != OPERATORS[c.op](display.position[c.index], c.number * UNIT)
    )
    choices = " > ".join(graph.path_to(state))
    route = said("rounding.path", choices=choices) if choices else said("rounding.start")
    exact = exact_points(state.position[flipped.index])
    holds = condition.holds(state)
    return where.problem(
        "INC049",
        path,
        "clear_of_rounding",
        kind=kind,
        name=name,
        comparison=f"{quadrants[flipped.index]} {flipped.op} {flipped.number}",
        route=route,
        quadrant=quadrants[flipped.index],
        exact=Decimal(exact),
        shown=display.position[flipped.index] // UNIT,
        verdict=said("rounding.holds" if holds else "rounding.fails"),
    )


def _first(graph: Graph, states: Iterable[GameState]) -> list[GameState]:
    """The shortest (then alphabetically first) game among `states`: the example a message names."""
    return sorted(states, key=lambda s: (len(graph.path_to(s)), graph.path_to(s)))[:1]


def _card_conditions(graph: Graph) -> dict[str, list[GameState]]:
    """Per card with a quadrant comparison in its `when`, the states that condition was read in: after
    each step, every card from where the game goes on (the next in order, or the `next` named) up to
    and including the one it arrives at, as the rules look for the next playable card."""
    scenario = graph.scenario
    watched = {c.id for c in scenario.cards if c.when is not None and any(comparisons(c.when))}
    found: dict[str, list[GameState]] = {card_id: [] for card_id in watched}
    for state, steps in graph.steps.items() if watched else ():
        card = scenario.card(state.card or "")
        for choice_id, child in steps:
            chosen = card.choice(choice_id) if choice_id else None
            target = chosen.next if chosen else card.next
            if target == END:
                continue
            arrived = child.card or graph.ran_out_at.get(child)
            read = replace(child, seen=child.seen - {arrived}) if arrived else child
            start = scenario.index[target] if target else scenario.index[card.id] + 1
            for later in scenario.cards[start:]:
                if later.id in watched and later.id not in read.seen:
                    found[later.id].append(read)
                if later.id == arrived:
                    break
    return {card_id: states for card_id, states in found.items() if states}


def near_thresholds(graph: Graph, where: Locator) -> Iterator[Problem]:
    """INC049 for each ending, card and choice condition whose verdict the display rounding would change."""
    scenario = graph.scenario
    for ending in scenario.endings:
        if ending.when is None or not any(comparisons(ending.when)):
            continue
        closable = [e for e in graph.ends if not e.exhausted or ending.when.mentions_exhausted()]
        for state in _first(graph, _flips(ending.when, closable)):
            path = f"{ending_path(scenario, ending.id)}.when"
            yield _problem(graph, where, path, "ending", ending.id, ending.when, state)
    for card_id, states in _card_conditions(graph).items():
        card = scenario.card(card_id)
        assert card.when is not None
        for state in _first(graph, _flips(card.when, states)):
            yield _problem(
                graph, where, f"{card_path(scenario, card_id)}.when", "card", card_id, card.when, state
            )
    for card in scenario.cards:
        for choice in card.choices:
            if choice.when is None or not any(comparisons(choice.when)):
                continue
            for state in _first(graph, _flips(choice.when, graph.shown.get(card.id, []))):
                path = f"{choice_path(scenario, card.id, choice.id)}.when"
                yield _problem(graph, where, path, "choice", choice.id, choice.when, state)
