"""A smaller game state that plays on exactly like the full one: what `explore` and `simulate` key on.

`dependencies.relevant` drops the facts no condition reads anywhere. This goes further, per state:

- `seen` keeps only the cards a later scan of the card list can still meet (cards before every place
  the game can still jump to are never shown again) and the cards a `seen` condition names;
- `chosen` keeps only the choices a condition that can still be evaluated asks about: the endings',
  the current card's choices', and those of the cards a later scan can still meet;
- a meter is capped at what the rest of the game could still cost on it plus the highest number a
  meter condition compares with (when `next` only jumps forward): above that, no affordability test
  and no condition can tell two levels apart. `Graph` keeps every state's true lowest and highest
  levels beside it, for the messages that quote them.

Two full states with the same key have the same futures (the same choices offered and affordable, the
same cards and endings), so every check gives the same answer on the smaller graph; tests/test_abstraction.py
compares the findings with and without it on every shipped scenario and on generated ones.
"""

from __future__ import annotations

from incluzo.engine.analysis.dependencies import Dependencies, atoms, of, relevant
from incluzo.engine.play.rules import GameState
from incluzo.engine.scenario.conditions import Compare, Condition
from incluzo.engine.scenario.model import END, Card, Scenario


class Abstraction:
    """The per-scenario tables behind `key`; `pinned` facts are always kept (for a check that reads them)."""

    def __init__(
        self, scenario: Scenario, needs: Dependencies, *, pinned: Dependencies | None = None, cap: bool = True
    ) -> None:
        self.scenario = scenario
        self.needs = needs
        cards = scenario.cards
        count = len(cards)
        self.index = scenario.index
        self.targets = [_starts(scenario, i, card) for i, card in enumerate(cards)]
        self.forward = all(t > i for i, starts in enumerate(self.targets) for t in starts)
        self.lowest_start = [min(starts, default=count) for starts in self.targets]
        kept = pinned or Dependencies()
        self.ending_chosen = of(e.when for e in scenario.endings).chosen | kept.chosen
        self.seen_asked = needs.seen | kept.seen
        self.own_chosen = [of(c.when for c in card.choices).chosen for card in cards]
        self.later_chosen: list[frozenset[tuple[str, str]]] = [frozenset()] * (count + 1)
        for i in range(count - 1, -1, -1):
            self.later_chosen[i] = self.later_chosen[i + 1] | of([cards[i].when]).chosen | self.own_chosen[i]
        self.caps = self._caps(scenario) if cap and self.forward else None

    def _caps(self, scenario: Scenario) -> list[tuple[int, ...]]:
        """Per card (and one more for a finished game), the level from which a meter never matters."""
        meters = len(scenario.budget)
        numbers = [
            atom.number for atom in _compares(scenario) if isinstance(atom, Compare) and atom.kind == "meter"
        ]
        above = max([0, *numbers]) + 1
        cards = scenario.cards
        spend: list[tuple[int, ...]] = [(0,) * meters] * (len(cards) + 1)  # most a card and what follows cost
        after: list[tuple[int, ...]] = [(0,) * meters] * (len(cards) + 2)  # most any card from here on costs
        for i in range(len(cards) - 1, -1, -1):
            card = cards[i]
            steps = [(c.cost, c.next) for c in card.choices] or [(card.cost, card.next)]
            best = [0] * meters
            for cost, target in steps:
                if target is None:
                    rest = after[i + 1]
                else:
                    rest = after[self.index[target]] if target != END else (0,) * meters
                for m in range(meters):
                    best[m] = max(best[m], max(0, cost[m]) + rest[m])
            spend[i] = tuple(best)
            after[i] = tuple(map(max, spend[i], after[i + 1]))
        return [tuple(level + above for level in levels) for levels in spend]

    def start_from(self, state: GameState, at: int) -> int:
        """The first list position a later scan can start from (card `at` being shown now)."""
        start = self.lowest_start[at]
        if self.forward:
            return start
        changed = True
        while changed:
            changed = False
            for j in range(start, len(self.targets)):
                if self.lowest_start[j] < start and self.scenario.cards[j].id not in state.seen:
                    start, changed = self.lowest_start[j], True
                    break
        return start

    def key(self, state: GameState, neutral: GameState, ran_out_on: str | None = None) -> GameState:
        """`state` without what its future cannot tell apart (see the module's docstring).

        A game that ran out of budget is asked what its last card offered (INC033, INC034, INC041):
        `ran_out_on` names that card, so its choices' facts and levels are kept as on the card."""
        base = relevant(state, self.needs, neutral)
        if state.card is None:
            seen = base.seen & self.seen_asked
            if ran_out_on is None:
                chosen = base.chosen & self.ending_chosen
                caps = self.caps[-1] if self.caps else None
            else:
                at = self.index[ran_out_on]
                seen |= {ran_out_on}  # games that ran out on different cards stay apart
                chosen = base.chosen & (self.own_chosen[at] | self.ending_chosen)
                caps = self.caps[at] if self.caps else None
        else:
            at = self.index[state.card]
            start = self.start_from(state, at)
            asked = self.later_chosen[min(start, len(self.later_chosen) - 1)] | self.own_chosen[at]
            chosen = base.chosen & (asked | self.ending_chosen)
            index = self.index
            seen = frozenset(c for c in base.seen if index[c] >= start or c in self.seen_asked)
            caps = self.caps[at] if self.caps else None
        meters = base.meters if caps is None else tuple(map(min, base.meters, caps))
        return base.but(chosen=chosen, seen=seen, meters=meters)


def _starts(scenario: Scenario, at: int, card: Card) -> tuple[int, ...]:
    """Where in the list the scan for the next card can start after card `at` (none for `end`)."""
    targets = {c.next for c in card.choices} if card.choices else {card.next}
    return tuple(sorted(at + 1 if t is None else scenario.index[t] for t in targets if t != END))


def _compares(scenario: Scenario) -> list[Condition]:
    conditions = [card.when for card in scenario.cards]
    conditions += [c.when for card in scenario.cards for c in card.choices]
    conditions += [e.when for e in scenario.endings]
    return [atom for condition in conditions if condition is not None for atom in atoms(condition)]
