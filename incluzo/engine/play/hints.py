"""Practice tips, worked out before a choice is made: where each choice leans, and how far it would
leave the team from the desired profile. Pure: the scene only puts these numbers into words."""

from __future__ import annotations

from collections.abc import Sequence

from msgspec import Struct

from incluzo.engine.play import position, rules
from incluzo.engine.play.rules import GameState
from incluzo.engine.play.views import LETTERS, Amount, Presenter
from incluzo.engine.scenario.model import Scenario


class ChoiceHint(Struct, frozen=True):
    """What a choice would do to the profile."""

    letter: str
    toward: tuple[Amount, ...]  # the quadrants it moves toward, the largest move first
    before: float | None  # distance to the desired profile now (None without a goal)
    after: float | None  # and after this choice


def distance(a: Sequence[int], b: Sequence[int]) -> float:
    """Points that would have to move to turn position a into b (0 is the same, 100 the most)."""
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / 2 / position.UNIT


def choice_hints(scenario: Scenario, state: GameState, lang: str) -> tuple[ChoiceHint, ...]:
    """A hint per choice offered on the current card, in the order the card shows them (none when
    no card is up)."""
    card = rules.current_card(scenario, state)
    if card is None:
        return ()
    presenter = Presenter(scenario, lang)
    goal = scenario.desired
    hints = []
    for index, choice in enumerate(rules.offered(scenario, state, card)):
        toward = presenter.amounts(choice.move, of_meters=False, keep_zero=False)
        moved = position.move(state.position, choice.move)
        hints.append(
            ChoiceHint(
                LETTERS[index],
                tuple(sorted(toward, key=lambda a: -a.amount)),
                distance(state.position, goal) if goal else None,
                distance(moved, goal) if goal else None,
            )
        )
    return tuple(hints)
