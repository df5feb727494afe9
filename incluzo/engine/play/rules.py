"""The rules of play as pure functions: a state and an action in, a new state out. Nothing mutates."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from operator import ge, sub

from msgspec import Struct
from msgspec.structs import replace

from incluzo.engine.play import position
from incluzo.engine.scenario.model import AFFIRMATIEF, END, Card, Choice, Ending, Scenario
from incluzo.engine.scenario.text import Text
from incluzo.i18n import message, translations

EXHAUSTED_ENDING = "incluzo:budget-op"  # the engine's ending when no choice of a card can be paid
DEFAULT_ENDING = "incluzo:einde"  # and when no ending of the scenario holds


@cache
def engine_endings() -> tuple[Ending, Ending]:
    """The engine's own two endings, in every language there is a catalog for (built on first use, so a
    game reads a catalog only when it needs it)."""

    def said(ending: str, key: str) -> Ending:
        return Ending(
            ending, Text(translations(f"ending.{key}.title")), Text(translations(f"ending.{key}.text"))
        )

    return said(EXHAUSTED_ENDING, "exhausted"), said(DEFAULT_ENDING, "default")


class Decision(Struct, frozen=True):
    """One step of a game: a choice made on a card, or an event card passed (a poll with its counts)."""

    card: str
    choice: str | None
    recognition: str | None
    meters_before: tuple[int, ...]
    meters_after: tuple[int, ...]
    position_before: tuple[int, ...]
    position_after: tuple[int, ...]
    counts: tuple[int, ...] | None = None  # a poll's counts per option, as typed; recorded, never scored
    skipped: bool = False  # the facilitator passed the card: no choice, no effect (see `skip`)


class GameState(Struct, frozen=True):
    """Everything that changes during one game; hashable, so it can be compared and cached."""

    meters: tuple[int, ...]
    position: tuple[int, ...]
    card: str | None = None
    tally: tuple[int, int] = (0, 0)  # (affirmatief, transformatief)
    chosen: frozenset[tuple[str, str]] = frozenset()
    seen: frozenset[str] = frozenset()
    decisions: tuple[Decision, ...] = ()
    ending: str | None = None
    exhausted: bool = False
    ended_early: bool = False  # the facilitator closed the game before its last card (see `finish`)

    @property
    def over(self) -> bool:
        return self.card is None

    def but(self, **changes: object) -> GameState:
        """A copy with some fields changed (msgspec's `replace`, made in C: the paths every explored or
        simulated step takes use it)."""
        return replace(self, **changes)


class Shortfall(Struct, frozen=True):
    meter: str
    needed: int
    left: int


class Refusal(Struct, frozen=True):
    """Why an action is not allowed now. `code` is one of REFUSALS."""

    code: str
    detail: str = ""
    shortfalls: tuple[Shortfall, ...] = ()

    def message(self, scenario: Scenario, lang: str = "nl") -> str:
        """The refusal in words, from the catalogs (refusal.<code>)."""
        if self.code == "unaffordable":
            return "; ".join(shortfall_text(scenario, s, lang) for s in self.shortfalls)
        return message(f"refusal.{self.code}", lang, detail=self.detail)

    def said(self, scenario: Scenario) -> RefusalWords:
        """The refusal as a parameter of another message (`problems.Phrase`), said in its language."""
        return RefusalWords(self, scenario)


class RefusalWords(Struct, frozen=True):
    """A refusal with the scenario that names its meters: words for a `Phrase` parameter."""

    refusal: Refusal
    scenario: Scenario

    def text(self, lang: str = "nl") -> str:
        return self.refusal.message(self.scenario, lang)


REFUSALS = (  # every code a refusal can have; its words are the catalogs' refusal.<code>
    "game_over",
    "event_card",
    "choice_card",
    "unknown_choice",
    "not_offered",
    "unaffordable",
    "wrong_phase",
    "not_poll",
    "poll_counts",
    "team_count",
    "team_name",
    "team_twice",
    "unknown_team",
    "team_waits",
    "unknown_option",
    "picks_missing",
    "nothing_to_undo",
    "other_card",
)
MAX_COUNT = 100_000  # more votes than any room holds: a typing slip


def shortfall_text(scenario: Scenario, shortfall: Shortfall, lang: str = "nl") -> str:
    name = scenario.model.meter(shortfall.meter).name.get(lang).lower()
    return message("shortfall", lang, meter=name, needed=shortfall.needed, left=shortfall.left)


class Outcome(Struct, frozen=True):
    state: GameState
    decision: Decision


def begin(scenario: Scenario) -> GameState:
    """The state before the first card is shown: start budget and position, first playable card."""
    state = GameState(meters=scenario.budget, position=scenario.position)
    return _arrive(scenario, state, 0)


def offered(scenario: Scenario, state: GameState, card: Card) -> tuple[Choice, ...]:
    """The choices of a card whose condition holds now (affordable or not)."""
    return tuple(c for c in card.choices if c.when is None or c.when.holds(state))


def shortfalls(scenario: Scenario, state: GameState, choice: Choice) -> tuple[Shortfall, ...]:
    """The meters a choice would take below zero; empty when it is affordable."""
    return tuple(
        Shortfall(meter, cost, level)
        for meter, level, cost in zip(scenario.model.meter_ids, state.meters, choice.cost, strict=True)
        if level - cost < 0
    )


def pay(meters: tuple[int, ...], cost: tuple[int, ...]) -> tuple[int, ...]:
    """The meters after paying an affordable choice's cost (a negative cost gives back)."""
    return tuple(map(sub, meters, cost))


def pay_event(meters: tuple[int, ...], cost: tuple[int, ...]) -> tuple[int, ...]:
    """The meters after an event card's cost: they stop at zero."""
    return tuple([level - c if level > c else 0 for level, c in zip(meters, cost, strict=True)])


def counted(tally: tuple[int, int], recognition: str | None) -> tuple[int, int]:
    """The (affirmatief, transformatief) tally after a choice of this recognition."""
    affirmative, transformative = tally
    if recognition == AFFIRMATIEF:
        return affirmative + 1, transformative
    return affirmative, transformative + 1


def payable(meters: tuple[int, ...], cost: tuple[int, ...]) -> bool:
    """Whether these meters can pay this cost (no meter below zero after)."""
    return all(map(ge, meters, cost))


def affordable(state: GameState, choice: Choice) -> bool:
    return payable(state.meters, choice.cost)


def current_card(scenario: Scenario, state: GameState) -> Card | None:
    return scenario.card(state.card) if state.card is not None else None


def check_choice(scenario: Scenario, state: GameState, choice_id: str) -> Refusal | Choice:
    """The choice if it may be made now, else why not."""
    card = current_card(scenario, state)
    if card is None:
        return Refusal("game_over")
    if card.is_event:
        return Refusal("event_card")
    choice = card.choice(choice_id)
    if choice is None:
        return Refusal("unknown_choice", choice_id)
    if choice not in offered(scenario, state, card):
        return Refusal("not_offered", choice_id)
    short = shortfalls(scenario, state, choice)
    if short:
        return Refusal("unaffordable", choice_id, short)
    return choice


def choose(scenario: Scenario, state: GameState, choice_id: str) -> Outcome | Refusal:
    """Make a choice on the current card: pay its cost, make its move, go on to the next card."""
    checked = check_choice(scenario, state, choice_id)
    if isinstance(checked, Refusal):
        return checked
    card = scenario.card(state.card or "")
    meters = pay(state.meters, checked.cost)
    moved = position.move(state.position, checked.move)
    tally = counted(state.tally, checked.recognition)
    decision = Decision(card.id, checked.id, checked.recognition, state.meters, meters, state.position, moved)
    after = state.but(
        meters=meters,
        position=moved,
        tally=tally,
        chosen=state.chosen | {(card.id, checked.id)},
        decisions=(*state.decisions, decision),
    )
    return Outcome(_go_on(scenario, after, card, checked.next), decision)


def check_counts(card: Card, counts: Sequence[int] | None) -> Refusal | None:
    """Why these poll counts cannot be recorded on this card, or None when they can (None always can)."""
    if counts is None:
        return None
    if card.poll is None:
        return Refusal("not_poll")
    options = len(card.poll.options)
    if len(counts) != options or not all(isinstance(n, int) and 0 <= n <= MAX_COUNT for n in counts):
        return Refusal("poll_counts", str(options))
    return None


def advance(scenario: Scenario, state: GameState, counts: Sequence[int] | None = None) -> Outcome | Refusal:
    """Pass an event card: apply its effect (meters stop at zero) and go on.

    On a poll card, `counts` (one per option, as the facilitator typed them) are recorded in the decision.
    """
    card = current_card(scenario, state)
    if card is None:
        return Refusal("game_over")
    if not card.is_event:
        return Refusal("choice_card")
    refused = check_counts(card, counts)
    if refused:
        return refused
    meters = pay_event(state.meters, card.cost)
    moved = position.move(state.position, card.move)
    typed = tuple(counts) if counts is not None else None
    decision = Decision(card.id, None, None, state.meters, meters, state.position, moved, typed)
    after = state.but(meters=meters, position=moved, decisions=(*state.decisions, decision))
    return Outcome(_go_on(scenario, after, card, card.next), decision)


def skip(scenario: Scenario, state: GameState) -> Outcome | Refusal:
    """Pass the current card untouched: no choice, no cost, no move; on to the card that follows it.

    A skip is a decision of its own (`skipped`), so replaying a game and undoing a step treat it like
    any other. An event card's own `next` is followed; after a choice card, the next card in the list.
    """
    card = current_card(scenario, state)
    if card is None:
        return Refusal("game_over")
    decision = Decision(
        card.id, None, None, state.meters, state.meters, state.position, state.position, skipped=True
    )
    after = state.but(decisions=(*state.decisions, decision))
    return Outcome(_go_on(scenario, after, card, card.next if card.is_event else None), decision)


def finish(scenario: Scenario, state: GameState) -> GameState | Refusal:
    """Close the game now (the facilitator's X), every decision kept: the ordinary ending selection on the
    state as it stands, marked as ended early. The card on screen, if any, stays undecided."""
    if state.over:
        return Refusal("game_over")
    return close(scenario, replace(state, ended_early=True), exhausted=False)


def _go_on(scenario: Scenario, state: GameState, card: Card, target: str | None) -> GameState:
    if target == END:
        return close(scenario, state, exhausted=False)
    start = scenario.index[target] if target else scenario.index[card.id] + 1
    return _arrive(scenario, state, start)


def _arrive(scenario: Scenario, state: GameState, start: int) -> GameState:
    """Find the first playable card from `start` in list order and stop there (or finish)."""
    for card in scenario.cards[start:]:
        if card.id in state.seen or (card.when is not None and not card.when.holds(state)):
            continue
        choices = offered(scenario, state, card)
        if not card.is_event and not choices:
            continue
        arrived = state.but(card=card.id, seen=state.seen | {card.id})
        if choices and not any(affordable(state, c) for c in choices):
            return close(scenario, arrived, exhausted=True)
        return arrived
    return close(scenario, state, exhausted=False)


def close(scenario: Scenario, state: GameState, *, exhausted: bool) -> GameState:
    """Close the game with the first ending that holds (only `exhausted` endings when the budget ran out)."""
    final = state.but(card=None, exhausted=exhausted)
    for ending in scenario.endings:
        if exhausted and (ending.when is None or not ending.when.mentions_exhausted()):
            continue
        if ending.when is None or ending.when.holds(final):
            return final.but(ending=ending.id)
    return final.but(ending=EXHAUSTED_ENDING if exhausted else DEFAULT_ENDING)


def ending_of(scenario: Scenario, state: GameState) -> Ending | None:
    """The ending the game closed with, the scenario's own or the engine's."""
    if state.ending is None:
        return None
    return scenario.ending(state.ending) or next(e for e in engine_endings() if e.id == state.ending)


def exhausted_at(state: GameState) -> str | None:
    """The card on which the budget ran out, if it did."""
    return next(iter(state.seen - {d.card for d in state.decisions}), None) if state.exhausted else None


def short_of(scenario: Scenario, state: GameState) -> tuple[Shortfall, ...]:
    """Why the budget ran out: per meter that some choice on the stuck card needed more of than was left
    (model order), what was left and the least such a choice needed. () when it did not run out."""
    stuck = exhausted_at(state)
    if stuck is None:
        return ()
    at = state.but(card=stuck, exhausted=False)  # as it stood when the card was reached
    needs: dict[str, int] = {}
    for choice in offered(scenario, at, scenario.card(stuck)):
        for lack in shortfalls(scenario, at, choice):
            needs[lack.meter] = min(needs.get(lack.meter, lack.needed), lack.needed)
    return tuple(
        Shortfall(meter, needs[meter], level)
        for meter, level in zip(scenario.model.meter_ids, state.meters, strict=True)
        if meter in needs
    )


class SkipCard(Struct, frozen=True):
    """The step that skips the current card (see `skip`)."""


SKIP = SkipCard()
Step = str | tuple[int, ...] | SkipCard | None  # a choice id; a poll's counts; SKIP; None passes an event


def apply(scenario: Scenario, state: GameState, action: Step) -> Outcome | Refusal:
    """Apply one step: choose, pass an event card, pass a poll with its counts, or skip the card."""
    if isinstance(action, SkipCard):
        return skip(scenario, state)
    return choose(scenario, state, action) if isinstance(action, str) else advance(scenario, state, action)


def step_of(decision: Decision) -> Step:
    """The step that made a decision (replaying it makes the same decision again)."""
    return SKIP if decision.skipped else decision.choice or decision.counts


def history(scenario: Scenario, game: GameState) -> list[GameState]:
    """The state before each decision of `game`, then `game` itself: states[i] led to decisions[i].

    A game ended early (`finish`) ends with `game` itself: its decisions alone do not close it."""
    state = begin(scenario)
    states = [state]
    for decision in game.decisions:
        result = apply(scenario, state, step_of(decision))
        assert isinstance(result, Outcome), result
        state = result.state
        states.append(state)
    return [*states[:-1], game] if game.ended_early else states


def replay(scenario: Scenario, steps: Sequence[Step]) -> GameState | Refusal:
    """Apply steps in order. Used by saves, tests and `incluzo run`."""
    state = begin(scenario)
    for action in steps:
        result = apply(scenario, state, action)
        if isinstance(result, Refusal):
            return result
        state = result.state
    return state
