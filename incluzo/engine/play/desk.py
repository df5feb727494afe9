"""What the facilitator sees beside the room's screen (the presenter view): the card on screen, its
notes, and where each choice leads (as a slide deck's presenter view shows the next slide).

Plain data from the rules, pure: the ways on are found by taking each step on a copy of the state.
"""

from __future__ import annotations

from collections.abc import Callable

from msgspec import Struct

from incluzo.engine.play import rules
from incluzo.engine.play.phases import Phase
from incluzo.engine.play.rules import GameState, Outcome
from incluzo.engine.play.views import LETTERS
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.text import Text

Say = Callable[[Text], str]


class Upcoming(Struct, frozen=True):
    """One way on: the choice that takes it ("" when there is one way) and the card it leads to."""

    via: str
    title: str
    ending: bool = False  # the game ends there (`title` is the ending's)


class DeskView(Struct, frozen=True):
    """The facilitator's side of the screen as it stands."""

    title: str  # the card on screen (the one just decided on an outcome; the scenario's on the
    # briefing, the ending's on the debrief)
    notes: str | None  # its notes for the facilitator ("" none written; None: no card on screen)
    upcoming: tuple[Upcoming, ...]  # where the game goes from here


def desk_of(scenario: Scenario, state: GameState, phase: Phase, lang: str) -> DeskView:
    """The desk for a game of one group in `phase` with `state` (after the decision on an outcome)."""

    def t(text: Text) -> str:
        return text.get(lang, scenario.language)

    card = rules.current_card(scenario, state)
    if phase is Phase.BRIEFING:
        return DeskView(t(scenario.title), None, (_leads_to(scenario, state, "", t),))
    if phase is Phase.OUTCOME and state.decisions:
        decided = scenario.card(state.decisions[-1].card)
        return DeskView(t(decided.title), t(decided.notes), (_leads_to(scenario, state, "", t),))
    if card is None:
        ending = rules.ending_of(scenario, state)
        return DeskView(t(ending.title) if ending else "", None, ())
    ways: list[Upcoming] = []
    if card.is_event:
        counts = (0,) * len(card.poll.options) if card.poll else None
        outcome = rules.advance(scenario, state, counts)
        if isinstance(outcome, Outcome):
            ways.append(_leads_to(scenario, outcome.state, "", t))
    else:
        for index, choice in enumerate(rules.offered(scenario, state, card)):
            taken = rules.choose(scenario, state, choice.id)
            if isinstance(taken, Outcome):  # an unaffordable choice leads nowhere
                ways.append(_leads_to(scenario, taken.state, LETTERS[index], t))
    return DeskView(t(card.title), t(card.notes), tuple(ways))


def _leads_to(scenario: Scenario, state: GameState, via: str, t: Say) -> Upcoming:
    """The card `state` stands on, or the ending it reached."""
    card = rules.current_card(scenario, state)
    if card is not None:
        return Upcoming(via, t(card.title))
    ending = rules.ending_of(scenario, state)
    return Upcoming(via, t(ending.title) if ending else "", ending=True)
