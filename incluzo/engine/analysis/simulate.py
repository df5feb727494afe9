"""Many seeded playthroughs of a scenario, fast, through the same pure rules the game uses.

The rules decide the flow: which card comes next and which choices it offers. That flow depends only on
the facts conditions can still read, so the simulator asks the rules once per distinct *flow state*
(the key of `abstraction.Abstraction`: card, the cards a later scan can meet, the choices a remaining
condition asks about, and meters, position or tally only when a card or choice condition reads them)
and caches the answer as a node with one edge per offered choice. A playthrough then walks the nodes,
carrying its own meters, position and tally through the rules' own small steps (`rules.pay`,
`rules.pay_event`, `rules.counted`, `position.move`), and ends the game when no offered choice is
affordable, exactly where `rules` would. Endings that read facts outside the node are decided by
`rules.close` on the concrete state. tests/test_simulate.py replays thousands of simulated games
through `rules` and compares every result.

Memory stays flat in the number of runs: the results are counters over bounded values (per quadrant in
hundredths of a point, per meter, end points on a fixed grid; a batch of CHUNK runs is counted
exactly first), and the node cache starts afresh past MAX_NODES. Moves are not memoised: with
`position.move_one` a move costs about what a memo lookup did.

Run k of a simulation with seed S uses `random.Random(S + k)`, so any run can be replayed alone with
seed S + k; the result does not depend on how runs are spread over processes (`jobs`).
"""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import field
from itertools import groupby
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from incluzo.engine.analysis import dependencies
from incluzo.engine.analysis.abstraction import Abstraction
from incluzo.engine.play import position, rules
from incluzo.engine.play.rules import GameState, Outcome
from incluzo.engine.scenario.model import AFFIRMATIEF, TRANSFORMATIEF, Choice, Scenario

UNLIMITED = 10**9  # meters of the representative state when no condition reads the meters
CHUNK = 2_000  # runs per task: the unit of progress reports and of work for other processes
MAX_NODES = 100_000  # flow states cached before the cache starts afresh (memory stays bounded)
PROBLEM_RUNS = 3  # replayable runs kept per card where the budget ran out
HUNDREDTH = position.UNIT // 100  # end positions are counted in hundredths of a point
GRID = 240  # end points are counted on a GRID x GRID grid (heat maps of 8, 40, 60, 80, 120 cells are exact)

# A policy ranks the offered choices; the player takes a random affordable one of the best rank.
POLICIES: dict[str, Callable[[Choice], int]] = {
    "random": lambda choice: 0,
    "cautious": lambda choice: sum(choice.cost),
    "transformative": lambda choice: choice.recognition != TRANSFORMATIEF,
    "affirmative": lambda choice: choice.recognition != AFFIRMATIEF,
}


class _Edge:
    """One way on from a node: a choice (None passes an event card) and, once asked, where it leads."""

    __slots__ = ("child", "choice", "cost", "hits", "move", "one", "ran_out_at", "recognition")

    def __init__(
        self, choice: str | None, cost: tuple[int, ...], move: tuple[int, ...], recognition: str | None
    ) -> None:
        self.choice = choice
        self.cost = cost
        self.move = move if any(move) else None
        named = [i for i, points in enumerate(move) if points]
        # a move toward one quadrant: (its index, the units wanted), for position.move_one
        self.one = (named[0], move[named[0]] * position.UNIT) if len(named) == 1 else None
        self.recognition = recognition  # counted by rules.counted (None: an event card)
        self.child: _Node | None = None
        self.ran_out_at: str | None = None  # the card the rules ran out on when following this edge
        self.hits = 0


class _Node:
    """A flow state: its card and the ways on (or the ending the rules gave, when the game is over)."""

    __slots__ = ("dearest", "edges", "event", "ran_out_ending", "state", "tiers")

    def __init__(
        self, state: GameState, edges: tuple[_Edge, ...], tiers: tuple[tuple[_Edge, ...], ...], event: bool
    ) -> None:
        self.state = state
        self.edges = edges
        self.tiers = tiers
        self.event = event
        # per meter the highest cost on offer: with at least this much, every choice is affordable
        self.dearest = (
            tuple(map(max, *(e.cost for e in edges))) if len(edges) > 1 else edges[0].cost if edges else ()
        )
        self.ran_out_ending: str | None = None  # the ending when the budget runs out here (cached)


class Game(Struct, frozen=True):
    """How one playthrough ended."""

    seed: int
    ending: str
    meters: tuple[int, ...]
    position: tuple[int, ...]
    tally: tuple[int, int]
    ran_out_at: str | None
    steps: tuple[str | None, ...] = ()  # the choices made (None: an event card passed), when recorded


@dataclasses.dataclass
class Results:
    """What many playthroughs add up to; results of separate batches merge."""

    runs: int = 0
    cards: Counter[str] = field(default_factory=Counter)
    choices: Counter[tuple[str, str]] = field(default_factory=Counter)
    endings: Counter[str] = field(default_factory=Counter)
    positions: Counter[tuple[int, int]] = field(default_factory=Counter)  # (quadrant, hundredths): games
    meters: Counter[tuple[int, int]] = field(default_factory=Counter)  # (meter, level at the end): games
    points: Counter[tuple[int, int]] = field(default_factory=Counter)  # (row, column) on the GRID: games
    tallies: Counter[tuple[int, int]] = field(default_factory=Counter)
    ran_out: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (seed, card) of runs that ran out

    def merge(self, other: Results) -> Results:
        self.runs += other.runs
        for name in (f.name for f in dataclasses.fields(self)):
            mine = getattr(self, name)
            if isinstance(mine, Counter):
                mine.update(getattr(other, name))
        self.problems = _first_per_card(self.problems + other.problems)
        return self


def _first_per_card(problems: list[tuple[int, str]]) -> list[tuple[int, str]]:
    ordered = sorted(problems, key=lambda p: (p[1], p[0]))
    kept = [p for _, group in groupby(ordered, key=lambda p: p[1]) for p in list(group)[:PROBLEM_RUNS]]
    return sorted(kept)


class Simulator:
    """Plays seeded games of one scenario with one policy; keeps its flow cache between batches."""

    def __init__(self, scenario: Scenario, policy: str = "random") -> None:
        if policy not in POLICIES:
            raise ValueError(f"unknown policy '{policy}': one of {', '.join(POLICIES)}")
        self.scenario = scenario
        self.rank = POLICIES[policy]
        flow, ends = dependencies.of_flow(scenario), dependencies.of_endings(scenario)
        self.needs = replace(flow, chosen=flow.chosen | ends.chosen, seen=flow.seen | ends.seen)
        self.exact_end = (
            (ends.meters and not flow.meters)
            or (ends.quadrants and not flow.quadrants)
            or (ends.tally and not flow.tally)
        )
        # Without meter conditions the rules play a representative with unlimited meters; the walk pays.
        self.rules_scenario = (
            scenario if flow.meters else replace(scenario, budget=(UNLIMITED,) * len(scenario.budget))
        )
        begin = rules.begin(self.rules_scenario)
        self.neutral = begin
        self.abstraction = Abstraction(self.rules_scenario, self.needs, cap=flow.meters)
        self.nodes: dict[GameState, _Node] = {}
        self.start_ran_out = next(iter(begin.seen)) if begin.exhausted else None
        self.start = self._node(self._key(begin, self.start_ran_out))
        self.corners = [
            (q.corner.endswith("right"), q.corner.startswith("bottom")) for q in scenario.model.quadrants
        ]
        self.rng = random.Random()

    def _key(self, state: GameState, ran_out_on: str | None = None) -> GameState:
        key = self.abstraction.key(state, self.neutral, ran_out_on)
        return key if self.needs.meters else replace(key, meters=self.neutral.meters)

    def _node(self, key: GameState) -> _Node:
        node = self.nodes.get(key)
        if node is not None:
            return node
        if key.over:
            node = _Node(key, (), (), False)
        else:
            card = self.scenario.card(key.card or "")
            if card.is_event:
                edges: tuple[_Edge, ...] = (_Edge(None, card.cost, card.move, None),)
                tiers: tuple[tuple[_Edge, ...], ...] = (edges,)
            else:
                offered = sorted(rules.offered(self.scenario, key, card), key=self.rank)
                edges = tuple(_Edge(c.id, c.cost, c.move, c.recognition) for c in offered)
                by_id = {e.choice: e for e in edges}
                tiers = tuple(
                    tuple(by_id[c.id] for c in group) for _, group in groupby(offered, key=self.rank)
                )
            node = _Node(key, edges, tiers, card.is_event)
        self.nodes[key] = node
        return node

    def _follow(self, node: _Node, edge: _Edge) -> _Node:
        """Ask the rules where an edge leads (once per edge)."""
        result = rules.apply(self.rules_scenario, node.state, edge.choice)
        assert isinstance(result, Outcome), result
        if result.state.exhausted:  # only when conditions read the meters: the rules ran out on arrival
            edge.ran_out_at = next(iter(result.state.seen - node.state.seen))
        edge.child = self._node(self._key(result.state, edge.ran_out_at))
        return edge.child

    def play_one(self, seed: int, *, record: bool = False) -> Game:
        """One game, its choices drawn with random.Random(seed)."""
        self.rng.seed(seed)
        draw = self.rng.random
        pay, pay_event, counted, payable = rules.pay, rules.pay_event, rules.counted, rules.payable
        move, move_one = position.move, position.move_one
        node = self.start
        meters = self.scenario.budget
        units = self.scenario.position
        tally = (0, 0)
        steps: list[str | None] | None = [] if record else None
        ran_out = self.start_ran_out
        edge: _Edge | None = None
        while node.edges:
            if node.event:
                edge = node.edges[0]
                meters = pay_event(meters, edge.cost)
            else:
                if payable(meters, node.dearest):  # everything on offer is affordable
                    tier = node.tiers[0]
                    edge = tier[int(draw() * len(tier))] if len(tier) > 1 else tier[0]
                else:
                    edge = None
                    for tier in node.tiers:
                        can = [e for e in tier if payable(meters, e.cost)]
                        if can:
                            edge = can[int(draw() * len(can))] if len(can) > 1 else can[0]
                            break
                    if edge is None:  # the budget ran out on this card
                        ran_out = node.state.card
                        break
                meters = pay(meters, edge.cost)
                tally = counted(tally, edge.recognition)
            edge.hits += 1
            if steps is not None:
                steps.append(edge.choice)
            one = edge.one
            if one is not None:
                units = move_one(units, *one)
            elif edge.move is not None:
                units = move(units, edge.move)
            node = edge.child or self._follow(node, edge)
            ran_out = edge.ran_out_at
        return Game(
            seed,
            self._ending(node, meters, units, tally, ran_out is not None),
            meters,
            units,
            tally,
            ran_out,
            tuple(steps or ()),
        )

    def _ending(
        self,
        node: _Node,
        meters: tuple[int, ...],
        units: tuple[int, ...],
        tally: tuple[int, int],
        exhausted: bool,
    ) -> str:
        """The ending: from the rules' own end state, or by `rules.close` on this game's facts."""
        if node.state.over and not self.exact_end:
            return node.state.ending or ""
        if node.ran_out_ending is not None and not self.exact_end:
            return node.ran_out_ending
        concrete = GameState(meters, units, node.state.card, tally, node.state.chosen, node.state.seen)
        ending = rules.close(self.scenario, concrete, exhausted=exhausted).ending or ""
        if not node.state.over:
            node.ran_out_ending = ending
        return ending

    def play(self, first_seed: int, runs: int) -> Results:
        """Runs with seeds first_seed .. first_seed + runs - 1, added up."""
        results = Results(runs=runs)
        ends: Counter[tuple[tuple[int, ...], tuple[int, ...]]] = Counter()  # this batch's (position, meters)
        for seed in range(first_seed, first_seed + runs):
            game = self.play_one(seed)
            results.endings[game.ending] += 1
            ends[(game.position, game.meters)] += 1
            results.tallies[game.tally] += 1
            if game.ran_out_at is not None:
                if results.ran_out[game.ran_out_at] < PROBLEM_RUNS:
                    results.problems.append((seed, game.ran_out_at))
                results.ran_out[game.ran_out_at] += 1
            if len(self.nodes) > MAX_NODES:
                self._forget(results)
        self._count_ends(results, ends)
        self._collect(results)
        return results

    def _count_ends(self, results: Results, ends: Counter[tuple[tuple[int, ...], tuple[int, ...]]]) -> None:
        """A batch's end positions and meters into the bounded counters (per quadrant, meter, grid cell)."""
        corners = self.corners
        for (units, meters), count in ends.items():
            for i, part in enumerate(units):
                results.positions[(i, (part + HUNDREDTH // 2) // HUNDREDTH)] += count
            for i, level in enumerate(meters):
                results.meters[(i, level)] += count
            total = sum(units) or 1
            x = sum(u for u, (right, _) in zip(units, corners, strict=True) if right)
            y = sum(u for u, (_, bottom) in zip(units, corners, strict=True) if bottom)
            results.points[(min(y * GRID // total, GRID - 1), min(x * GRID // total, GRID - 1))] += count

    def _forget(self, results: Results) -> None:
        """Start the flow cache afresh (its hit counts kept in `results` first)."""
        self._collect(results, shown_on_running_out=False)
        self.nodes.clear()
        self.start = self._node(self._key(self.neutral, self.start_ran_out))

    def _collect(self, results: Results, *, shown_on_running_out: bool = True) -> None:
        """Move the hit counts from the edges into `results` (and zero them for the next batch)."""
        for node in self.nodes.values():
            card = node.state.card or ""
            for edge in node.edges:
                if edge.hits:
                    results.cards[card] += edge.hits
                    if edge.choice is not None:
                        results.choices[(card, edge.choice)] += edge.hits
                edge.hits = 0
        if shown_on_running_out:
            results.cards.update(results.ran_out)  # a card the budget ran out on was shown too


_WORKER: Simulator | None = None


def _start_worker(scenario: Scenario, policy: str) -> None:
    global _WORKER
    _WORKER = Simulator(scenario, policy)


def _work(first_seed: int, runs: int) -> Results:
    assert _WORKER is not None
    return _WORKER.play(first_seed, runs)


def simulate(
    scenario: Scenario,
    runs: int,
    seed: int = 0,
    policy: str = "random",
    *,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Results:
    """Play `runs` games (seeds seed .. seed + runs - 1) on `jobs` processes; `progress(done)` per batch."""
    batches = [(seed + start, min(CHUNK, runs - start)) for start in range(0, runs, CHUNK)]
    total = Results()
    done = 0
    if jobs <= 1 or len(batches) == 1:
        simulator = Simulator(scenario, policy)
        for first, count in batches:
            total.merge(simulator.play(first, count))
            done += count
            if progress:
                progress(done)
        return total
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only for jobs > 1: a quick start

    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(scenario, policy)) as pool:
        for future in as_completed([pool.submit(_work, first, count) for first, count in batches]):
            batch = future.result()
            total.merge(batch)
            done += batch.runs
            if progress:
                progress(done)
    return total


def playthrough(scenario: Scenario, seed: int, policy: str = "random") -> Game:
    """Replay one run by its seed, with the choices it made (for `incluzo run --choices`)."""
    return Simulator(scenario, policy).play_one(seed, record=True)


def quartiles(values: Counter[int]) -> tuple[int, float, float, float, int]:
    """Min, first quartile, median, third quartile and max of counted values (linear interpolation)."""
    ordered = sorted(values.items())
    total = sum(values.values())

    def at(rank: int) -> int:
        seen = 0
        for value, count in ordered:
            seen += count
            if rank < seen:
                return value
        return ordered[-1][0]

    def quantile(fraction: float) -> float:
        exact = fraction * (total - 1)
        low = int(exact)
        return at(low) + (at(min(low + 1, total - 1)) - at(low)) * (exact - low)

    return ordered[0][0], quantile(0.25), quantile(0.5), quantile(0.75), ordered[-1][0]


def plane_point(scenario: Scenario, units: tuple[int, ...]) -> tuple[float, float]:
    """A position as a point (x, y) on the 2x2 from the top-left, 0..1: each corner weighted by its points."""
    total = sum(units) or 1
    x = sum(u for q, u in zip(scenario.model.quadrants, units, strict=True) if q.corner.endswith("right"))
    y = sum(u for q, u in zip(scenario.model.quadrants, units, strict=True) if q.corner.startswith("bottom"))
    return x / total, y / total


def heatmap(scenario: Scenario, results: Results, size: int = 40) -> list[list[int]]:
    """End points counted on a size x size grid over the 2x2 (rows from the top); exact when `size`
    divides GRID, else each GRID cell counts where its corner falls."""
    grid = [[0] * size for _ in range(size)]
    for (row, column), count in results.points.items():
        grid[row * size // GRID][column * size // GRID] += count
    return grid


def report(scenario: Scenario, results: Results, *, seed: int, policy: str) -> dict[str, Any]:
    """Everything `incluzo simulate` prints, as plain JSON-able data."""
    model = scenario.model
    runs = max(results.runs, 1)
    endings = [*(e.id for e in scenario.endings), rules.EXHAUSTED_ENDING, rules.DEFAULT_ENDING]
    return {
        "scenario": scenario.id,
        "runs": results.runs,
        "seed": seed,
        "policy": policy,
        "coverage": {
            "cards": {card.id: results.cards[card.id] for card in scenario.cards},
            "choices": {
                f"{card.id}.{c.id}": results.choices[(card.id, c.id)]
                for card in scenario.cards
                for c in card.choices
            },
            "cards_never_shown": [card.id for card in scenario.cards if not results.cards[card.id]],
            "choices_never_made": [
                f"{card.id}.{c.id}"
                for card in scenario.cards
                if results.cards[card.id]
                for c in card.choices
                if not results.choices[(card.id, c.id)]
            ],
        },
        "endings": {e: results.endings[e] for e in endings if results.endings[e]},
        "end_position": {q: _spread(results.positions, i, 100) for i, q in enumerate(model.quadrant_ids)}
        if results.runs
        else {},
        "end_meters": {m: _spread(results.meters, i) for i, m in enumerate(model.meter_ids)}
        if results.runs
        else {},
        "recognition": {
            AFFIRMATIEF: round(sum(a * n for (a, _), n in results.tallies.items()) / runs, 2),
            TRANSFORMATIEF: round(sum(t * n for (_, t), n in results.tallies.items()) / runs, 2),
        },
        "ran_out": dict(sorted(results.ran_out.items(), key=lambda item: scenario.index[item[0]])),
        "problem_runs": _problem_runs(scenario, results.problems, policy),
    }


def _spread(counted: Counter[tuple[int, int]], index: int, scale: int = 1) -> dict[str, float]:
    """Min, quartiles and max of the values counted for part `index` (quadrant or meter), over `scale`."""
    values: Counter[int] = Counter()
    for (part, value), count in counted.items():
        if part == index:
            values[value] += count
    names = ("min", "q1", "median", "q3", "max")
    return {name: round(v / scale, 2) for name, v in zip(names, quartiles(values), strict=True)}


def _problem_runs(scenario: Scenario, problems: list[tuple[int, str]], policy: str) -> list[dict[str, Any]]:
    """The kept runs that ran out of budget, replayed for their choices; one per distinct game."""
    runs: dict[tuple[str, ...], dict[str, Any]] = {}
    for seed, card in problems:
        game = playthrough(scenario, seed, policy)
        choices = tuple(step for step in game.steps if step is not None)
        runs.setdefault(
            choices,
            {
                "seed": seed,
                "problem": "ran_out",
                "card": card,
                "ending": game.ending,
                "choices": list(choices),
            },
        )
    return list(runs.values())


def games(scenario: Scenario, seeds: range, policy: str = "random") -> Iterator[Game]:
    """The games of these seeds one by one, with their steps (for tests and replay)."""
    simulator = Simulator(scenario, policy)
    for seed in seeds:
        yield simulator.play_one(seed, record=True)
