"""Play every reachable game of a scenario and report what does not work as a lesson (INC030-INC046).

The exploration runs the pure rules on every affordable choice of every reachable state, memoised on
the facts the rest of the game can still tell apart (`abstraction.Abstraction`; `abstract=False` keys
on `dependencies.relevant` alone, the exhaustive reference the tests compare with). It is breadth
first, so the route a message quotes is the shortest (first in card order on ties) whichever key is
used. Each finding is a located `Problem`; docs/check-codes.md explains them.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import field
from functools import cached_property
from operator import ge
from typing import TypeVar

from incluzo.engine.analysis import dependencies, metersets, rounding
from incluzo.engine.analysis.abstraction import Abstraction
from incluzo.engine.analysis.metersets import MeterGraph
from incluzo.engine.play import rules
from incluzo.engine.play.rules import GameState, Outcome, Refusal
from incluzo.engine.scenario.locate import Locator, card_path, choice_path, ending_path
from incluzo.engine.scenario.model import TRANSFORMATIEF, Card, Choice, Ending, Scenario
from incluzo.engine.scenario.problems import Problem

MAX_STATES = 50_000  # far beyond a sensible scenario (the shipped ones have at most a few hundred)
UPWARD_SHARE = 5  # a stopped analysis tries the undominated states up to MAX_STATES / UPWARD_SHARE
Node = TypeVar("Node", bound=Hashable)
Step = tuple[str | None, GameState]  # a choice id (None passes an event card) and the state it leads to
Levels = tuple[tuple[int, ...], tuple[int, ...]]  # the lowest and highest true meter levels of a state
UNCHECKED: tuple[str, ...] = tuple(f"INC0{n}" for n in (30, 31, 32, 33, 34, 35, 36, 37, 39, 40, 41, 42, 43))
"""What a stopped analysis leaves unchecked (dead ends, INC038, found so far are still reported)."""


@dataclasses.dataclass
class Graph:
    """Every reachable game state (memoised) and the steps between them."""

    scenario: Scenario
    start: GameState
    steps: dict[GameState, list[Step]] = field(default_factory=dict)  # states at a card
    parent: dict[GameState, tuple[GameState, str | None] | None] = field(default_factory=dict)
    ran_out_at: dict[GameState, str] = field(default_factory=dict)  # exhausted end -> card it ran out on
    complete: bool = True
    upward: bool = False  # states more meters dominate were left out (see `explore`)
    sets: MeterGraph | None = None  # meter sets stand behind these states (see `from_sets`)
    known_levels: dict[GameState, Levels] | None = None  # given with the meter sets
    unchecked: list[str] = field(default_factory=list)  # checks that gave up (see ROUTE_LIMIT)
    unshown: dict[str, tuple[bool, bool]] | None = None  # with meter sets: see `_unshown`
    taken: dict[GameState, list[Step]] = field(default_factory=dict)  # with meter sets: flow steps games take

    @property
    def states(self) -> Iterator[GameState]:
        return iter(self.parent)

    @cached_property
    def ends(self) -> list[GameState]:
        return [state for state in self.parent if state.over]

    @cached_property
    def levels(self) -> dict[GameState, Levels]:
        """Per state, the lowest and highest meter levels games really have in it (keys may cap them)."""
        scenario = self.scenario
        if self.known_levels is not None:
            return self.known_levels
        if self.upward:  # meters are never capped there
            return {state: (state.meters, state.meters) for state in self.parent}
        found: dict[GameState, Levels] = {self.start: (scenario.budget, scenario.budget)}
        for state in _topological(self):
            low, high = found[state]
            card = scenario.card(state.card or "")
            for choice_id, child in self.steps[state]:
                choice = card.choice(choice_id) if choice_id is not None else None
                cost = choice.cost if choice is not None else card.cost
                floor = 0 if choice is None else -(10**18)  # an event card's cost stops at zero
                after_low = tuple(max(floor, a - c) for a, c in zip(low, cost, strict=True))
                after_high = tuple(max(floor, a - c) for a, c in zip(high, cost, strict=True))
                if child in found:
                    was_low, was_high = found[child]
                    after_low, after_high = (
                        tuple(map(min, was_low, after_low)),
                        tuple(map(max, was_high, after_high)),
                    )
                found[child] = (after_low, after_high)
        return found

    @cached_property
    def shown(self) -> dict[str, list[GameState]]:
        """Per card, the states in which it is shown (including those where the budget ran out on it)."""
        found: dict[str, list[GameState]] = defaultdict(list)
        for state in self.steps:
            found[state.card or ""].append(state)
        for state, card in self.ran_out_at.items():
            found[card].append(state)
        return found

    def follow(self, state: GameState) -> list[Step]:
        """The steps a game in `state` can take, in the rules' order (concrete meters with meter sets)."""
        if self.sets is None:
            return self.steps.get(state, [])
        return [
            (choice, child.but(meters=meters))
            for choice, (child, meters) in self.sets.successors(state.but(meters=()), state.meters)
        ]

    def ran_out_card(self, state: GameState) -> str | None:
        if self.sets is None:
            return self.ran_out_at.get(state)
        return self.sets.ran_out_on.get(state.but(meters=()))

    def path_to(self, state: GameState) -> list[str]:
        """The choices of one game that reaches `state` (event cards left out)."""
        choices: list[str] = []
        link = self.parent.get(state)
        while link is not None:
            state, choice = link
            if choice is not None:
                choices.append(choice)
            link = self.parent[state]
        return choices[::-1]


def explore(
    scenario: Scenario,
    max_states: int = MAX_STATES,
    *,
    abstract: bool = True,
    pinned: dependencies.Dependencies | None = None,
    upward: bool = False,
) -> Graph:
    """Every state reachable with the rules, each affordable choice tried once per distinct state.

    `pinned` facts are never left out of a state (a check that reads them outside the flow).
    `upward` (only when no card or choice condition reads a meter) leaves out a state when another
    with the same facts and at least as much on every meter was met: every state left out is then
    below one kept, which plays on at least as freely, so the checks of MONOTONE (is a card shown, a
    choice offered or affordable anywhere, and the highest levels there) answer as on every state.
    """
    needs = dependencies.of_flow(scenario) | dependencies.of_endings(scenario)
    if pinned is not None:
        needs = needs | pinned
    begin = rules.begin(scenario)
    frontier: dict[GameState, list[tuple[int, ...]]] = defaultdict(list)
    if abstract:
        key = Abstraction(scenario, needs, pinned=pinned, cap=not upward).key
    else:

        def key(state: GameState, neutral: GameState, ran_out_on: str | None = None) -> GameState:
            return dependencies.relevant(state, needs, neutral)

    first = next(iter(begin.seen)) if begin.exhausted else None
    start = key(begin, begin, first)
    graph = Graph(scenario, start, upward=upward)
    graph.parent[start] = None
    if first is not None:
        graph.ran_out_at[start] = first
    todo = deque([start])
    while todo:
        state = todo.popleft()
        if state.over:
            continue
        card = scenario.card(state.card or "")
        steps: list[Step] = []
        for choice_id, outcome in _outcomes(scenario, state, card):
            ran_out_on = next(iter(outcome.state.seen - state.seen)) if outcome.state.exhausted else None
            child = key(outcome.state, begin, ran_out_on)
            if upward:
                kept = frontier[child.but(meters=())]
                if any(all(map(ge, other, child.meters)) for other in kept):
                    continue
                kept.append(child.meters)
            steps.append((choice_id, child))
            if child in graph.parent:
                continue
            if len(graph.parent) >= max_states:
                graph.complete = False
                return graph
            graph.parent[child] = (state, choice_id)
            if ran_out_on is not None:
                graph.ran_out_at[child] = ran_out_on
            todo.append(child)
        graph.steps[state] = steps
    return graph


def _topological(graph: Graph) -> list[GameState]:
    """The states at a card, each before every state it leads to (the graph has no cycles: see rules)."""
    order: list[GameState] = []
    done: set[GameState] = set()
    for root in graph.steps:
        if root in done:
            continue
        stack = [(root, iter(graph.steps[root]))]
        done.add(root)
        while stack:
            state, children = stack[-1]
            for _, child in children:
                if child not in done and child in graph.steps:
                    done.add(child)
                    stack.append((child, iter(graph.steps[child])))
                    break
            else:
                stack.pop()
                order.append(state)
    return order[::-1]


def _outcomes(scenario: Scenario, state: GameState, card: Card) -> Iterator[tuple[str | None, Outcome]]:
    results: list[tuple[str | None, Outcome | Refusal]] = [(None, rules.advance(scenario, state))]
    if not card.is_event:
        results = [
            (c.id, rules.choose(scenario, state, c.id))
            for c in rules.offered(scenario, state, card)
            if rules.affordable(state, c)
        ]
    for choice_id, result in results:
        assert isinstance(result, Outcome), "the rules refused a step they offered"
        yield choice_id, result


def analyse(
    scenario: Scenario,
    text: str | None = None,
    *,
    max_states: int = MAX_STATES,
    abstract: bool = True,
    sets: bool = True,
) -> list[Problem]:
    """Every finding about how the scenario plays, located in `text` (the file's contents) when given.

    Meter sets (`metersets`) are used where they apply (`sets=False`: never), else states are explored.
    `abstract=False` explores every distinct state the conditions can read (slow; the tests' reference).
    """
    graph = (abstract and sets and set_graph(scenario)) or complete_graph(
        scenario, max_states, abstract=abstract
    )
    where = Locator(scenario, text)
    if not graph.complete:
        return partial(scenario, graph, where, max_states)
    found: list[Problem] = []
    for check in CHECKS:
        found.extend(p for p in check(graph, where) if p.code not in graph.unchecked)
    if graph.unchecked:
        found.append(
            where.problem(
                "INC046",
                "cards",
                "split_scenario",
                states=f"{ROUTE_LIMIT:,}",
                checks=", ".join(graph.unchecked),
            )
        )
    return sorted(found, key=lambda p: (p.line, p.column, p.code))


def set_graph(scenario: Scenario) -> Graph | None:
    """The graph of `metersets` (every meter vector of every flow state at once) as representative
    states the checks read, or None where meter sets do not apply (see `metersets.applies`). As with
    `complete_graph`, the facts the conditions of cards never shown read are then kept."""
    meter_graph = metersets.build(scenario)
    if meter_graph is None:
        return None
    graph = from_sets(meter_graph)
    unshown = [card for card in scenario.cards if card.id not in graph.shown]
    pinned = dependencies.of(
        [card.when for card in unshown] + [c.when for card in unshown for c in card.choices]
    )
    if not pinned.chosen:
        return graph
    decided = _unshown(graph, unshown)
    if decided is not None:
        graph.unshown = decided
        return graph
    nodes = len(meter_graph.edges)
    if nodes > PINNED_FLOOR and 2 ** len(pinned.chosen) > PINNED_GROWTH:  # would most likely outgrow it
        graph.unchecked += UNSHOWN
        return graph
    again = metersets.build(
        scenario, pinned, max_nodes=max(PINNED_GROWTH * len(meter_graph.edges), PINNED_FLOOR)
    )
    if again is not None:
        return from_sets(again)
    graph.unchecked += UNSHOWN  # which of the three these cards get needs the facts left out
    return graph


def _unshown(graph: Graph, unshown: list[Card]) -> dict[str, tuple[bool, bool]] | None:
    """Per card never shown: whether its `when` holds in some state games reach, and whether some state
    offers one of its choices (what INC030 and INC031 ask), found by searching for one such game (see
    `_somewhere`); None when a search gave up."""
    scenario = graph.scenario
    found: dict[str, tuple[bool, bool]] = {}
    for card in unshown:
        when = card.when
        holds = True
        if when is not None:
            holds_when = _somewhere(graph, when.holds, dependencies.of([when]).chosen)
            if holds_when is None:
                return None
            holds = holds_when
        offers = True
        if card.choices and (when is None or holds):
            asked = dependencies.of([c.when for c in card.choices]).chosen

            def offered(state: GameState, card: Card = card) -> bool:
                return bool(rules.offered(scenario, state, card))

            offers_any = _somewhere(graph, offered, asked)
            if offers_any is None:
                return None
            offers = offers_any
        found[card.id] = (holds, offers)
    return found


def _somewhere(
    graph: Graph, holds: Callable[[GameState], bool], asked: frozenset[tuple[str, str]]
) -> bool | None:
    """Whether some game reaches a state where `holds` is true, the choices in `asked` kept as the game
    makes them (flow states leave out choices no later condition reads). First over the flow states
    alone, along every step some game takes (`Graph.taken`) in any order: more games than there are, so
    none there is none at all. Then, with meters, one game depth first (SEARCH_LIMIT); None when that
    gives up."""
    sets = graph.sets
    assert sets is not None
    Made = frozenset[tuple[str, str]]

    def after(state: GameState, choice: str | None, made: Made) -> Made:
        return made | ({(state.card or "", choice)} & asked) if choice is not None else made

    def goal(node: tuple[GameState, Made]) -> bool:
        state, made = node
        return holds(state.but(chosen=state.chosen | made))

    def loose(node: tuple[GameState, Made]) -> list[tuple[str | None, tuple[GameState, Made]]]:
        state, made = node
        return [(choice, (child, after(state, choice, made))) for choice, child in graph.taken.get(state, [])]

    def follow(node: tuple[GameState, Made]) -> list[tuple[str | None, tuple[GameState, Made]]]:
        state, made = node
        return [(choice, (child, after(state, choice, made))) for choice, child in graph.follow(state)]

    nothing: Made = frozenset()
    hopeful = _leading_to((sets.start, nothing), loose, goal)
    if not hopeful:
        return False

    def guided(node: tuple[GameState, Made]) -> list[tuple[str | None, tuple[GameState, Made]]]:
        return [
            (c, (child, made)) for c, (child, made) in follow(node) if (child.but(meters=()), made) in hopeful
        ]

    try:
        return first_route((graph.start, nothing), guided, goal, SEARCH_LIMIT) is not None
    except SearchLimit:
        return None


def _leading_to(
    start: Node, follow: Callable[[Node], Sequence[tuple[str | None, Node]]], goal: Callable[[Node], bool]
) -> set[Node]:
    """The nodes reachable from `start` from which a node `goal` accepts can be reached (empty: none)."""
    seen = {start}
    todo = [start]
    back: dict[Node, list[Node]] = {}
    found: list[Node] = []
    while todo:
        node = todo.pop()
        if goal(node):
            found.append(node)
        for _, child in follow(node):
            back.setdefault(child, []).append(node)
            if child not in seen:
                seen.add(child)
                todo.append(child)
    leading = set(found)
    while found:
        node = found.pop()
        for parent in back.get(node, []):
            if parent not in leading:
                leading.add(parent)
                found.append(parent)
    return leading


def from_sets(meter_graph: MeterGraph) -> Graph:
    """A Graph of concrete states standing for the meter sets: per reached flow state a few vectors
    (`metersets._witnesses`, and one that can pay each choice), each with the set's true extent as
    its levels, so the checks that read states answer as on all of them. The first witnesses carry the
    steps games take (for `graph`); the checks that follow games use `Graph.follow`."""
    reached = metersets.propagate(meter_graph)
    _grid, scenario = meter_graph.grid, meter_graph.scenario
    start = meter_graph.start.but(meters=scenario.budget)
    levels: dict[GameState, Levels] = {}
    graph = Graph(scenario, start, sets=meter_graph, known_levels=levels)
    for node in meter_graph.order:
        if node not in reached.extent:
            continue
        witnesses = list(reached.witnesses[node])
        for edge in meter_graph.edges.get(node, []):
            paying = reached.payable.get((node, edge.choice))
            if paying is not None:
                witnesses.append(paying)
        for meters in witnesses:
            state = node.but(meters=meters)
            graph.parent[state] = None
            levels[state] = reached.extent[node]
            if not node.over:
                graph.steps[state] = []
            elif node in meter_graph.ran_out_on:
                graph.ran_out_at[state] = meter_graph.ran_out_on[node]
    graph.taken = reached.taken
    for node, taken in reached.taken.items():  # the steps games take, between first witnesses (graph.py)
        graph.steps[node.but(meters=reached.witnesses[node][0])] = [
            (choice, child.but(meters=reached.witnesses[child][0])) for choice, child in taken
        ]
    return graph


def partial(scenario: Scenario, graph: Graph, where: Locator, max_states: int) -> list[Problem]:
    """What a stopped analysis can still say: the dead ends found so far, and, when no card or choice
    condition reads a meter, the checks MONOTONE answers from an exploration of the states no other
    state dominates; INC046 names the checks left undone."""
    found = list(dead_ends(graph, where))
    undone = UNCHECKED
    if not dependencies.of_flow(scenario).meters:
        upward = complete_graph(scenario, max_states // UPWARD_SHARE, upward=True)
        if upward.complete:
            found += [p for check in MONOTONE for p in check(upward, where)]
            done = {"INC030", "INC031", "INC032", "INC033", "INC034", "INC039"}
            undone = tuple(code for code in UNCHECKED if code not in done)
    stopped = where.problem(
        "INC046", "cards", "split_scenario", states=f"{max_states:,}", checks=", ".join(undone)
    )
    return sorted([stopped, *found], key=lambda p: (p.line, p.column, p.code))


def complete_graph(
    scenario: Scenario, max_states: int = MAX_STATES, *, abstract: bool = True, upward: bool = False
) -> Graph:
    """The explored graph every check can read: when a card is never shown, its conditions are asked of
    every state (INC030, INC031), so the facts they read are kept in a second exploration."""
    graph = explore(scenario, max_states, abstract=abstract, upward=upward)
    if not graph.complete or not abstract:
        return graph
    unshown = [card for card in scenario.cards if card.id not in graph.shown]
    pinned = dependencies.of(
        [card.when for card in unshown] + [c.when for card in unshown for c in card.choices]
    )
    if not pinned.chosen:
        return graph
    del graph  # the second exploration replaces it: never both in memory
    return explore(scenario, max_states, pinned=pinned, upward=upward)


def unreached_cards(graph: Graph, where: Locator) -> Iterator[Problem]:
    scenario = graph.scenario
    for card in scenario.cards:
        if card.id in graph.shown:
            continue
        path = card_path(scenario, card.id)
        known = graph.unshown.get(card.id) if graph.unshown is not None else None
        if card.when is not None and not (
            known[0] if known else any(card.when.holds(s) for s in graph.states)
        ):
            yield where.problem("INC030", f"{path}.when", "loosen_when", card=card.id)
        elif card.choices and not (
            known[1] if known else any(rules.offered(scenario, s, card) for s in graph.states)
        ):
            yield where.problem("INC031", path, "offer_a_choice", card=card.id)
        else:
            yield where.problem("INC032", path, "reach_card", card=card.id)


def unreached_choices(graph: Graph, where: Locator) -> Iterator[Problem]:
    scenario = graph.scenario
    meters = scenario.model.meter_ids
    for card in scenario.cards:
        shown = graph.shown.get(card.id, [])
        for choice in card.choices if shown else ():
            offered_in = [s for s in shown if choice in rules.offered(scenario, s, card)]
            path = choice_path(scenario, card.id, choice.id)
            if not offered_in:
                yield where.problem("INC033", f"{path}.when", "loosen_when", choice=choice.id)
            elif not any(rules.affordable(s, choice) for s in offered_in):
                most = [max(graph.levels[s][1][i] for s in offered_in) for i in range(len(meters))]
                left = ", ".join(f"{m} {level}" for m, level in zip(meters, most, strict=True))
                yield where.problem("INC034", f"{path}.cost", "lower_cost", {"left": left}, choice=choice.id)


def unreached_endings(graph: Graph, where: Locator) -> Iterator[Problem]:
    reached = {end.ending for end in graph.ends}
    for ending in graph.scenario.endings:
        if ending.id in reached:
            continue
        holds = [end for end in graph.ends if _may_close(ending, end)]
        path = ending_path(graph.scenario, ending.id)
        if holds:
            earlier = ", ".join(sorted({end.ending or "" for end in holds}))
            yield where.problem("INC035", path, "order_endings", ending=ending.id, earlier=earlier)
        elif ending.when is not None and ending.when.mentions_exhausted() and not graph.ran_out_at:
            yield where.problem("INC037", f"{path}.when", "budget_lasts", ending=ending.id)
        else:
            yield where.problem("INC036", f"{path}.when", "loosen_when", ending=ending.id)


def _may_close(ending: Ending, end: GameState) -> bool:
    """Whether `ending` holds for this finished game and may close it (see rules: exhausted games)."""
    if end.exhausted and (ending.when is None or not ending.when.mentions_exhausted()):
        return False
    return ending.when is None or ending.when.holds(end)


def dead_ends(graph: Graph, where: Locator) -> Iterator[Problem]:
    """Cards where the budget can run out while no ending is written for that (docs: No affordable choice).
    The route quoted is the first such game in the order the cards list their choices."""
    if any(e.when is not None and e.when.mentions_exhausted() for e in graph.scenario.endings):
        return
    cards = sorted(set(graph.ran_out_at.values()), key=graph.scenario.index.__getitem__)
    for card in cards:

        def ran_out_here(state: GameState, card: str = card) -> bool:
            return graph.ran_out_card(state) == card

        try:
            route = first_route(graph.start, graph.follow, ran_out_here)
        except SearchLimit:
            graph.unchecked.append("INC038")
            return
        assert route is not None, "the budget runs out there in some game"
        yield where.problem(
            "INC038",
            card_path(graph.scenario, card),
            "add_exhausted_ending",
            {"route": " > ".join(c for c in route if c) or "-"},
            card=card,
        )


PINNED_GROWTH = 2  # keeping the facts unshown cards ask about may grow the flow states this much
PINNED_FLOOR = 600  # flow states a small scenario may always grow to
UNSHOWN = ["INC030", "INC031", "INC032"]  # the checks of cards never shown
SEARCH_LIMIT = 20_000  # with meter sets: games a search tries before the sets decide (INC040, INC042)
ROUTE_LIMIT = 200_000  # states a route search tries before it gives up (INC046 then names its check)


class SearchLimit(Exception):
    """A search for one game gave up (see `first_route`)."""


def first_route(
    start: Node,
    follow: Callable[[Node], Sequence[tuple[str | None, Node]]],
    goal: Callable[[Node], bool],
    limit: int | None = None,
) -> tuple[str | None, ...] | None:
    """The choices of the first game, depth first in the rules' order of choices, from `start` to a node
    `goal` accepts; () when `start` is one; None when there is none. Past `limit` nodes given up on (by
    default ROUTE_LIMIT) it raises SearchLimit."""
    most = ROUTE_LIMIT if limit is None else limit
    if goal(start):
        return ()
    failed: set[Node] = set()
    path: list[str | None] = []
    stack = [(start, iter(follow(start)))]
    while stack:
        if len(failed) >= most:
            raise SearchLimit
        node, children = stack[-1]
        for choice, child in children:
            if child in failed:
                continue
            if goal(child):
                return (*path, choice)
            path.append(choice)
            stack.append((child, iter(follow(child))))
            break
        else:
            stack.pop()
            failed.add(node)
            if path:
                path.pop()
    return None


def dominated_choices(graph: Graph, where: Locator) -> Iterator[Problem]:
    """A choice another choice on the card beats or equals on every meter, pointing the same way."""
    scenario = graph.scenario
    asked = (dependencies.of_flow(scenario) | dependencies.of_endings(scenario)).chosen
    for card in scenario.cards:
        shown = graph.shown.get(card.id, [])
        offers = [rules.offered(scenario, s, card) for s in shown]
        for i, worse in enumerate(card.choices):
            for j, better in enumerate(card.choices):
                if i == j or not _no_better(worse, better) or (worse.cost == better.cost and i < j):
                    continue
                if {(card.id, worse.id), (card.id, better.id)} & asked:
                    continue
                if any(worse in offer for offer in offers) and all(better in o for o in offers if worse in o):
                    yield where.problem(
                        "INC039",
                        choice_path(scenario, card.id, worse.id),
                        "make_trade_off",
                        choice=worse.id,
                        other=better.id,
                    )
                    break


def _no_better(worse: Choice, better: Choice) -> bool:
    """`worse` costs at least as much as `better`, leads to the same place and points the same way."""
    return (
        worse.recognition == better.recognition
        and worse.next == better.next
        and [bool(m) for m in worse.move] == [bool(m) for m in better.move]
        and all(a >= b for a, b in zip(worse.cost, better.cost, strict=True))
    )


def budget_not_limiting(graph: Graph, where: Locator) -> Iterator[Problem]:
    """A game that takes transformative choices wherever offered, can always afford all of them and meets
    them on at least two cards; the route quoted is the first such game in the order of choices."""
    scenario = graph.scenario
    Counted = tuple[GameState, int]  # a state of the search and the transformative cards met (up to 2)

    def follow(node: Counted) -> list[tuple[str | None, Counted]]:
        state, met = node
        if state.over:
            return []
        card = scenario.card(state.card or "")
        wanted = {c.id for c in rules.offered(scenario, state, card) if c.recognition == TRANSFORMATIEF}
        if not all(rules.affordable(state, card.choice(c)) for c in wanted):  # type: ignore[arg-type]
            return []
        more = min(met + bool(wanted), 2)
        return [
            (choice, (child, more)) for choice, child in graph.follow(state) if not wanted or choice in wanted
        ]

    def done(node: Counted) -> bool:
        return node[0].over and not node[0].exhausted and node[1] >= 2

    try:
        route = first_route((graph.start, 0), follow, done, SEARCH_LIMIT if graph.sets else None)
    except SearchLimit:
        assert graph.sets is not None
        if metersets.propagate(graph.sets, transformative=True).transformative:
            graph.unchecked.append("INC040")  # such a game exists, but the first was not found
        return
    if route is None:
        return
    yield where.problem("INC040", "budget", "tighten_budget", route=" > ".join(c for c in route if c))


def meters_never_low(graph: Graph, where: Locator) -> Iterator[Problem]:
    scenario = graph.scenario
    if not any(not card.is_event for card in scenario.cards):
        return
    for i, meter in enumerate(scenario.model.meter_ids):
        levels = graph.levels
        short = any(
            choice.cost[i] > levels[state][0][i]  # the lowest level games have in this state
            for card_id, shown in graph.shown.items()
            for state in shown
            for choice in rules.offered(scenario, state, scenario.card(card_id))
        )
        lowest = min(low[i] for low, _ in graph.levels.values())
        if not short and lowest > 0:
            yield where.problem(
                "INC041",
                f"budget.{meter}",
                "weigh_meter",
                meter=meter,
                lowest=lowest,
                start=scenario.budget[i],
            )


def meters_always_out(graph: Graph, where: Locator) -> Iterator[Problem]:
    for i, meter in enumerate(graph.scenario.model.meter_ids):
        if graph.sets is not None:
            if not _escapes(graph, i):
                yield where.problem("INC042", f"budget.{meter}", "ease_meter", meter=meter)
            continue
        memo: dict[GameState, bool] = {}

        def runs_out(state: GameState, i: int = i, memo: dict[GameState, bool] = memo) -> bool:
            if state not in memo:
                empty = state.meters[i] == 0 and (not state.over or state.exhausted)
                memo[state] = empty or (not state.over and all(runs_out(c) for _, c in graph.steps[state]))
            return memo[state]

        if runs_out(graph.start):
            yield where.problem("INC042", f"budget.{meter}", "ease_meter", meter=meter)


def _escapes(graph: Graph, meter: int) -> bool:
    """With meter sets: whether some game never empties `meter` (on a card, or at an exhausted end).
    A search for one such game first; when it gives up, the meter sets of such games."""

    def follow(state: GameState) -> list[Step]:
        return [] if state.over or state.meters[meter] == 0 else graph.follow(state)

    def done(state: GameState) -> bool:
        return state.over and not (state.exhausted and state.meters[meter] == 0)

    assert graph.sets is not None
    try:
        return first_route(graph.start, follow, done, SEARCH_LIMIT) is not None
    except SearchLimit:
        return metersets.propagate(graph.sets, alive_meters=(meter,)).escapes[meter]


def always_exhausted(graph: Graph, where: Locator) -> Iterator[Problem]:
    if graph.ends and all(end.exhausted for end in graph.ends):
        yield where.problem("INC043", "budget", "ease_budget")


CHECKS: tuple[Callable[[Graph, Locator], Iterator[Problem]], ...] = (
    unreached_cards,
    unreached_choices,
    unreached_endings,
    dead_ends,
    dominated_choices,
    budget_not_limiting,
    meters_never_low,
    meters_always_out,
    always_exhausted,
    rounding.near_thresholds,  # INC049, its own module
)
MONOTONE: tuple[Callable[[Graph, Locator], Iterator[Problem]], ...] = (
    unreached_cards,
    unreached_choices,
    dominated_choices,
)
"""The checks an `upward` exploration answers exactly (INC030-INC034, INC039)."""
