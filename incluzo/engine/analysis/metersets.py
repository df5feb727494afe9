"""Every reachable meter level at once: one bit set of meter vectors per flow state, for long scenarios.

`explore` memoises on whole states, meters included, so a scenario whose games can spend their budget
in many ways has millions of states (3 meters of 0-164 at 160 cards). When no card or choice condition
reads a meter (and none compares a quadrant, whose rounding check needs concrete positions), the flow
(which card comes next, which choices it offers) does not depend on the meters at all, and a meter
level is only read by affordability and by endings. Then a *flow state* (the abstraction's key without
its meters) carries the set of every meter vector any game has in it, as a Python integer with one bit
per vector of the grid [0, budget + gains] per meter. A choice maps a set to its image in a few integer
operations: the vectors that can pay (a box mask), shifted by the cost. Where the rules go next is
asked of the rules themselves, once per flow state and step, on a representative with ample meters; only
the two things meters decide are split by masks: whether the budget runs out on arrival (no offered
choice affordable: the complement of the union of their boxes) and which ending closes the game
(regions cut at every number an ending compares a meter with, the rules' `close` asked once per region).

Nothing is approximated: the sets hold exactly the meter vectors of the exhaustive exploration, and
tests/test_abstraction.py compares every finding with it on the shipped and on generated scenarios.
"""

from __future__ import annotations

import dataclasses
import heapq
from collections.abc import Callable, Iterator
from dataclasses import field
from itertools import pairwise, product

from incluzo.engine.analysis import dependencies
from incluzo.engine.analysis.abstraction import Abstraction
from incluzo.engine.play import rules
from incluzo.engine.play.rules import GameState, Outcome
from incluzo.engine.scenario.conditions import Compare
from incluzo.engine.scenario.model import TRANSFORMATIEF, Scenario

MAX_CELLS = 1 << 24  # meter vectors per set (2 MB); a larger grid is left to `explore`
MAX_NODES = 50_000  # flow states; more are left to `explore`
RICH = 10**9  # the representative's meters: every choice is affordable with them


class Grid:
    """Meter vectors as bits, each meter counted down from its highest level (so sets of games that spent
    little are small integers): the last meter in a byte-aligned row, the others as planes of rows."""

    def __init__(self, dims: tuple[int, ...]) -> None:
        self.dims = dims
        self.top = tuple(d - 1 for d in dims)
        self.row = (dims[-1] + 7) // 8  # bytes per row of the last meter
        strides = [1]
        size = self.row * 8
        for d in reversed(dims[:-1]):
            strides.append(size)
            size *= d
        self.strides = tuple(reversed(strides))
        self.bytes = size // 8
        self.boxes: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}
        self.full = self.box((0,) * len(dims), self.top)

    def offset(self, cost: tuple[int, ...]) -> int:
        """How far paying `cost` moves a vector's bit (to the left: meters count down)."""
        return sum(c * s for c, s in zip(cost, self.strides, strict=True))

    def bit(self, meters: tuple[int, ...]) -> int:
        return 1 << sum((t - m) * s for m, t, s in zip(meters, self.top, self.strides, strict=True))

    def box(self, low: tuple[int, ...], high: tuple[int, ...], keep: bool = True) -> int:
        """The vectors with low[k] <= meter k <= high[k] (bounds clipped to the grid); cached if `keep`."""
        key = (low, high)
        if key in self.boxes:
            return self.boxes[key]
        # counted down: meter k in [low, high] is position [top - high, top - low]
        first = tuple(max(0, t - hi) for hi, t in zip(high, self.top, strict=True))
        last = tuple(min(t, t - lo) for lo, t in zip(low, self.top, strict=True))
        if any(a > b for a, b in zip(first, last, strict=True)):
            self.boxes[key] = 0
            return 0
        block = (((1 << (last[-1] - first[-1] + 1)) - 1) << first[-1]).to_bytes(self.row, "little")
        size = self.row
        for k in range(len(self.dims) - 2, -1, -1):
            zero = bytes(size)
            block = zero * first[k] + block * (last[k] - first[k] + 1) + zero * (self.top[k] - last[k])
            size *= self.dims[k]
        found = int.from_bytes(block.rstrip(b"\0"), "little")
        if keep:
            self.boxes[key] = found
        return found

    def at_least(self, cost: tuple[int, ...]) -> int:
        """The vectors that can pay `cost` and stay inside the grid after paying it."""
        low = tuple(max(c, 0) for c in cost)
        return self.box(low, tuple(t + min(c, 0) for t, c in zip(self.top, cost, strict=True)))

    def axis(self, k: int, low: int, high: int, keep: bool = True) -> int:
        """The vectors whose meter k lies in [low, high]."""
        lows = tuple(low if i == k else 0 for i in range(len(self.top)))
        return self.box(lows, tuple(high if i == k else t for i, t in enumerate(self.top)), keep)

    def pay(
        self, vectors: int, cost: tuple[int, ...], mask: int | None = None, shift: int | None = None
    ) -> int:
        """The image of `vectors` under a choice's cost (those that cannot pay it dropped): `rules.pay`.
        `mask` and `shift` are `at_least(cost)` and `offset(cost)`, when the caller keeps them."""
        paying = vectors & (self.at_least(cost) if mask is None else mask)
        offset = self.offset(cost) if shift is None else shift
        return paying << offset if offset >= 0 else paying >> -offset

    def pay_event(self, vectors: int, cost: tuple[int, ...]) -> int:
        """The image under an event card's cost, each meter stopping at zero: `rules.pay_event`."""
        for k, c in enumerate(cost):
            stride, top = self.strides[k], self.top[k]
            if c > 0:
                kept = (vectors & self.axis(k, c, top)) << (c * stride)
                for level in range(min(c, top + 1)):  # these stop at zero
                    kept |= (vectors & self.axis(k, level, level)) << (level * stride)
                vectors = kept
            elif c < 0:
                vectors = (vectors & self.axis(k, 0, top + c)) >> (-c * stride)
        return vectors

    def extent(self, vectors: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The lowest and highest level of each meter among `vectors` (not empty)."""
        data = vectors.to_bytes(self.bytes, "little")
        first: list[int] = []
        last: list[int] = []
        size = self.bytes
        for d in self.dims[:-1]:
            size //= d
            zero = bytes(size)
            used = (vectors.bit_length() + 8 * size - 1) // (8 * size) if not first else d
            levels = [i for i in range(min(d, used)) if data[i * size : (i + 1) * size] != zero]
            first.append(levels[0])
            last.append(levels[-1])
            folded = 0
            for i in levels:
                folded |= int.from_bytes(data[i * size : (i + 1) * size], "little")
            data = folded.to_bytes(size, "little")
        rest = int.from_bytes(data, "little")
        first.append((rest & -rest).bit_length() - 1)
        last.append(rest.bit_length() - 1)
        lows = tuple(t - x for t, x in zip(self.top, last, strict=True))
        return lows, tuple(t - x for t, x in zip(self.top, first, strict=True))

    def one(self, vectors: int) -> tuple[int, ...]:
        """One vector of a non-empty set (the highest bit's)."""
        index = vectors.bit_length() - 1
        found = []
        for k, stride in enumerate(self.strides):
            position, index = divmod(index, stride)
            found.append(self.top[k] - position)
        return tuple(found)


Costs = tuple[tuple[int, ...], ...]
Spec = tuple[Costs | None, int]
"""A part's mask: the costs the next card offers (None: the game closes there) and -1 for the vectors
that can pay one of them (the game goes on), else the index of the ending region of those that cannot."""
MASKS_KEPT = 48  # masks `MeterGraph.payable` keeps made (the least recently used goes first)


@dataclasses.dataclass
class Edge:
    """One step from a flow state: a choice (None passes an event card), its cost, and where the meter
    vectors after paying go: (mask, flow state) parts that split them by running out and by ending (the
    masks by their `Spec`, made when needed: a few hundred full masks would not fit in memory)."""

    choice: str | None
    cost: tuple[int, ...]
    event: bool
    parts: list[tuple[Spec, GameState]]
    mask: int = 0  # the vectors that can pay (a choice)
    shift: int = 0  # how far paying moves them


@dataclasses.dataclass
class MeterGraph:
    """Flow states (keys without meters), their steps, and per state the set of meter vectors games reach."""

    scenario: Scenario
    grid: Grid
    start: GameState
    edges: dict[GameState, list[Edge]] = field(default_factory=dict)
    order: list[GameState] = field(default_factory=list)  # every flow state before those it leads to
    ran_out_on: dict[GameState, str] = field(default_factory=dict)  # exhausted end -> its card
    regions: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)  # (mask, its lowest vector)
    highs: list[tuple[int, ...]] = field(default_factory=list)  # per region its highest vector
    masks: dict[Costs | None, int] = field(default_factory=dict)  # see `payable`

    def payable(self, costs: Costs | None) -> int:
        """The vectors that can pay one of these costs (none when the game closes; all for an event),
        made again when not among the last few made."""
        found = self.masks.pop(costs, None)
        if found is None:
            grid = self.grid
            found = 0 if costs is None else grid.full if not costs else _union(grid, costs)
            if len(self.masks) >= MASKS_KEPT:
                del self.masks[next(iter(self.masks))]  # the least recently used
        self.masks[costs] = found
        return found

    def pieces(self, after: int, parts: list[tuple[Spec, GameState]]) -> Iterator[tuple[int, GameState]]:
        """The non-empty parts of the vectors `after` one step, with the flow state each goes to: those
        that can pay on the next card (once per set of costs), the rest split by ending region."""
        done: dict[Costs | None, tuple[int, int]] = {}
        single = len(self.regions) == 1
        for (costs, region), child in parts:
            if costs not in done:
                payable = after if costs == () else after & self.payable(costs) if costs else 0
                done[costs] = (payable, after ^ payable if payable else after)
            going, rest = done[costs]
            part = going if region < 0 else rest if single or not rest else rest & self.regions[region][0]
            if part:
                yield part, child

    def successors(
        self, node: GameState, meters: tuple[int, ...]
    ) -> list[tuple[str | None, tuple[GameState, tuple[int, ...]]]]:
        """The steps one concrete game (flow state and meters) can take, in the rules' order."""
        found = []
        for edge in self.edges.get(node, []):
            if edge.event:
                after = rules.pay_event(meters, edge.cost)
            elif rules.payable(meters, edge.cost):
                after = rules.pay(meters, edge.cost)
            else:
                continue
            found.append((edge.choice, (self._part(after, edge.parts), after)))
        return found

    def _part(self, after: tuple[int, ...], parts: list[tuple[Spec, GameState]]) -> GameState:
        """The flow state one vector goes to after a step (as `pieces`, for one vector)."""
        for (costs, region), child in parts:
            pays = costs is not None and _pays(after, costs)
            if region < 0 and pays:
                return child
            if region >= 0 and not pays:
                low, high = self.regions[region][1], self.highs[region]
                if all(lo <= m <= hi for lo, m, hi in zip(low, after, high, strict=True)):
                    return child
        raise AssertionError("every vector goes somewhere")


def applies(scenario: Scenario) -> bool:
    """Whether meter sets can stand in for whole states: no card or choice condition reads a meter, and
    no condition compares a quadrant (their rounding check reads concrete positions)."""
    flow = dependencies.of_flow(scenario)
    return not flow.meters and not (flow | dependencies.of_endings(scenario)).quadrants


def _dims(scenario: Scenario) -> tuple[int, ...]:
    """Per meter the highest level a game can have, plus one: the budget and every gain on the way."""
    gains = [0] * len(scenario.budget)
    for card in scenario.cards:
        costs = [c.cost for c in card.choices] or [card.cost]
        for k in range(len(gains)):
            gains[k] += max(0, -min(cost[k] for cost in costs))
    return tuple(b + g + 1 for b, g in zip(scenario.budget, gains, strict=True))


def _regions(scenario: Scenario, grid: Grid) -> list[tuple[int, tuple[int, ...]]]:
    """The grid cut at every number an ending compares a meter with: each ending holds on all or none of
    a region. (mask, its lowest vector) per region."""
    cuts: list[set[int]] = [{0} for _ in grid.dims]
    for ending in scenario.endings:
        for atom in dependencies.atoms(ending.when) if ending.when is not None else ():
            if isinstance(atom, Compare) and atom.kind == "meter":
                cuts[atom.index] |= {atom.number, atom.number + 1}
    spans = []
    for k, d in enumerate(grid.dims):
        bounds = [*sorted(c for c in cuts[k] if 0 <= c < d), d]
        spans.append([(lo, hi - 1) for lo, hi in pairwise(bounds) if lo < hi])
    return [
        (grid.box(tuple(lo for lo, _ in box), tuple(hi for _, hi in box)), tuple(lo for lo, _ in box))
        for box in product(*spans)
    ]


def _highs(regions: list[tuple[int, tuple[int, ...]]], top: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Per region its highest vector: the next region's lowest level on a meter, less one, else the top."""
    found = []
    for _, low in regions:
        above = [[other[k] for _, other in regions if other[k] > low[k]] for k in range(len(top))]
        found.append(tuple(min(a) - 1 if a else t for a, t in zip(above, top, strict=True)))
    return found


def build(
    scenario: Scenario, pinned: dependencies.Dependencies | None = None, max_nodes: int = MAX_NODES
) -> MeterGraph | None:
    """The flow states and their steps, or None when the grid or the flow is too large for sets."""
    dims = _dims(scenario)
    cells = 1
    for d in dims:
        cells *= d
    if cells > MAX_CELLS or not applies(scenario):
        return None
    grid = Grid(dims)
    needs = dependencies.of_flow(scenario) | dependencies.of_endings(scenario)
    if pinned is not None:
        needs = needs | pinned
    abstraction = Abstraction(scenario, needs, pinned=pinned, cap=False)
    begin = rules.begin(scenario)
    rich = (RICH,) * len(dims)

    def key(state: GameState, ran_out_on: str | None = None) -> GameState:
        return abstraction.key(state, begin, ran_out_on).but(meters=())

    first = next(iter(begin.seen)) if begin.exhausted else None
    regions = _regions(scenario, grid)
    graph = MeterGraph(scenario, grid, key(begin, first), regions=regions, highs=_highs(regions, grid.top))
    if first is not None:
        graph.ran_out_on[graph.start] = first
    splits: dict[Costs | None, tuple[bool, list[int]]] = {}
    todo = [graph.start]
    while todo:
        node = todo.pop()
        if node in graph.edges or node.over:
            continue
        if len(graph.edges) >= max_nodes:
            return None
        graph.edges[node] = edges = []
        here = node.but(meters=rich)
        card = scenario.card(node.card or "")
        steps = (
            [(None, card.cost)]
            if card.is_event
            else [(c.id, c.cost) for c in rules.offered(scenario, here, card)]
        )
        for choice, cost in steps:
            result = rules.apply(scenario, here, choice)
            assert isinstance(result, Outcome), result
            parts = _parts(scenario, graph, result.state, splits, key)
            edges.append(Edge(choice, cost, choice is None, parts, grid.at_least(cost), grid.offset(cost)))
            todo += [child for _, child in parts if child not in graph.edges]
    graph.order = _order(graph)
    return graph


Key = Callable[..., GameState]


def _parts(
    scenario: Scenario,
    graph: MeterGraph,
    after: GameState,
    splits: dict[Costs | None, tuple[bool, list[int]]],
    key: Key,
) -> list[tuple[Spec, GameState]]:
    """Where the meter vectors after one step go (see `Edge`). Which parts are not empty depends only on
    the costs the next card offers, so that is found once per such set of costs (`splits`)."""
    found: dict[GameState, list[Spec]] = {}
    card = None if after.over else scenario.card(after.card or "")
    costs: Costs | None = None
    if card is not None:
        before = after.but(seen=after.seen - {card.id})  # the rules ask before the card is seen
        costs = () if card.is_event else tuple(c.cost for c in rules.offered(scenario, before, card))
    if costs not in splits:  # upward closed, so one corner tells (no mask needed)
        top = graph.grid.top
        splits[costs] = (
            costs is not None and _pays(top, costs),
            [r for r, (_, low) in enumerate(graph.regions) if costs is None or not _pays(low, costs)],
        )
    goes_on, regions = splits[costs]
    if goes_on:
        found[key(after)] = [(costs, -1)]
    ran_out_on = card.id if card is not None else None
    for region in regions:
        state = rules.close(scenario, after.but(meters=graph.regions[region][1]), exhausted=card is not None)
        end = key(state, ran_out_on)
        found.setdefault(end, []).append((costs, region))
        if ran_out_on is not None:
            graph.ran_out_on[end] = ran_out_on
    return [(spec, child) for child, specs in found.items() for spec in specs]


def _pays(meters: tuple[int, ...], costs: Costs) -> bool:
    """Whether these meters can pay one of these costs (an event card's none: always)."""
    return not costs or any(all(m >= c for m, c in zip(meters, cost, strict=True)) for cost in costs)


def _union(grid: Grid, costs: tuple[tuple[int, ...], ...]) -> int:
    """The vectors that can pay at least one of these costs."""
    union = 0
    for cost in costs:
        union |= grid.at_least(cost)
    return union


def _order(graph: MeterGraph) -> list[GameState]:
    """Every flow state, each before the states it leads to (the flow has no cycles: see rules), and
    otherwise in card order, so the masks of one card's next cards are made once (see `MASKS_KEPT`)."""
    scenario = graph.scenario
    waiting: dict[GameState, int] = {graph.start: 0}
    for node in graph.edges:
        for child in set(_children(graph, node)):
            waiting[child] = waiting.get(child, 0) + 1
    rank = {
        node: (scenario.index[node.card] if node.card else len(scenario.index), i)
        for i, node in enumerate(waiting)
    }
    ready = [(rank[graph.start], graph.start)]
    order: list[GameState] = []
    while ready:
        _, node = heapq.heappop(ready)
        order.append(node)
        for child in set(_children(graph, node)):
            waiting[child] -= 1
            if not waiting[child]:
                heapq.heappush(ready, (rank[child], child))
    return order


def _children(graph: MeterGraph, node: GameState) -> Iterator[GameState]:
    return (child for edge in graph.edges.get(node, []) for _, child in edge.parts)


@dataclasses.dataclass
class Reached:
    """What the forward pass found: per reached flow state its meter extent and a few vectors in it."""

    extent: dict[GameState, tuple[tuple[int, ...], tuple[int, ...]]] = field(default_factory=dict)
    witnesses: dict[GameState, list[tuple[int, ...]]] = field(default_factory=dict)
    payable: dict[tuple[GameState, str | None], tuple[int, ...]] = field(default_factory=dict)  # a vector
    escapes: list[bool] = field(default_factory=list)  # per meter: a game never empties it (INC042)
    taken: dict[GameState, list[tuple[str | None, GameState]]] = field(
        default_factory=dict
    )  # steps games take
    transformative: bool = False  # a game affords every transformative choice on 2+ cards (INC040)


def propagate(graph: MeterGraph, alive_meters: tuple[int, ...] = (), transformative: bool = False) -> Reached:
    """One pass in flow order: the meter vectors of every flow state, and beside them, when asked, the
    vectors of games that have not emptied meter k (INC042, for k in `alive_meters`) and of games that
    took and afforded every transformative choice, counted up to 2 cards (INC040). The checks ask for
    these only when a search for one such game gave up (see explore.SEARCH_LIMIT)."""
    scenario, grid = graph.scenario, graph.grid
    meters = len(grid.dims)
    budget = grid.bit(scenario.budget)
    reach: dict[GameState, int] = {graph.start: budget}
    alive: list[dict[GameState, int]] = [
        {graph.start: budget} if k in alive_meters else {} for k in range(meters)
    ]
    valid: list[dict[GameState, int]] = [{graph.start: budget} if transformative else {}, {}, {}]
    found = Reached(escapes=[False] * meters)
    nonzero = [grid.axis(k, 1, grid.dims[k] - 1) for k in range(meters)]
    for node in graph.order:
        vectors = reach.pop(node, 0)
        lives = [track.pop(node, 0) for track in alive]
        counts = [track.pop(node, 0) for track in valid]
        if not vectors:
            continue
        low, high = grid.extent(vectors)
        found.extent[node] = (low, high)
        found.witnesses[node] = _witnesses(grid, graph.regions, vectors)
        if node.over:
            for k, live in enumerate(lives):
                found.escapes[k] |= bool(live if not node.exhausted else live & nonzero[k])
            found.transformative |= bool(counts[2]) and not node.exhausted
            continue
        lives = [live & nonzero[k] for k, live in enumerate(lives)]
        card = scenario.card(node.card or "")
        wanted = {c.id for c in card.choices if c.recognition == TRANSFORMATIEF} & {
            e.choice for e in graph.edges[node]
        }
        if wanted and any(counts):
            can = grid.full
            for edge in graph.edges[node]:
                if edge.choice in wanted:
                    can &= grid.at_least(edge.cost)
            counts = [c & can for c in counts]
        for edge in graph.edges[node]:
            if edge.event:
                pay = grid.pay_event
            else:

                def pay(vectors: int, cost: tuple[int, ...], edge: Edge = edge) -> int:
                    return grid.pay(vectors, cost, edge.mask, edge.shift)

            after = pay(vectors, edge.cost)
            if not after:
                continue
            if not edge.event:
                found.payable[(node, edge.choice)] = grid.one(vectors & edge.mask)
            sets = [(reach, after)] + [(alive[k], pay(live, edge.cost)) for k, live in enumerate(lives)]
            if not wanted:
                sets += [(valid[n], pay(c, edge.cost)) for n, c in enumerate(counts)]
            elif edge.choice in wanted:
                sets += [(valid[min(n + 1, 2)], pay(c, edge.cost)) for n, c in enumerate(counts)]
            sets = [(track, moved) for track, moved in sets if moved]
            for track, moved in sets:
                for part, child in graph.pieces(moved, edge.parts):
                    track[child] = track.get(child, 0) | part
                    if track is reach:
                        found.taken.setdefault(node, []).append((edge.choice, child))
    return found


def _witnesses(grid: Grid, regions: list[tuple[int, tuple[int, ...]]], vectors: int) -> list[tuple[int, ...]]:
    """Concrete vectors standing for a set: its highest and one per ending region it meets (and, added
    by explore.from_sets, one that can pay each choice). With the set's extent as their levels, every
    check read on them answers as on the whole set."""
    found = {grid.one(vectors)}
    for mask, _ in regions if len(regions) > 1 else ():
        if vectors & mask:
            found.add(grid.one(vectors & mask))
    return sorted(found)
