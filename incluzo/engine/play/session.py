"""The game's phases as a `transitions` state machine: the only mutable object of the engine.

The machine owns the phase (briefing, card, outcome, debrief). The data (meters, position, history)
lives in an immutable GameState that the pure rules replace. Every accepted action is appended to
`log`, so a session can always be rebuilt by replaying it.
"""

from __future__ import annotations

from typing import Any, assert_never

from msgspec import Struct
from transitions import EventData, Machine

from incluzo.engine.play import rules
from incluzo.engine.play.phases import Phase
from incluzo.engine.play.rules import Decision, GameState, Outcome, Refusal
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.signal import Signal

PHASES = [
    phase.value for phase in Phase
]  # transitions names an Enum state by its name: the machine keeps the words


class Start(Signal):
    """Leave the briefing."""


class Choose(Struct, frozen=True):
    choice: str


class Advance(Struct, frozen=True):
    """Go on: past an event card, or from an outcome to the next card. On a poll: the counts typed."""

    counts: tuple[int, ...] | None = None


class Skip(Signal):
    """Pass the card on screen untouched (the facilitator's K): no choice, no cost, no move (rules.skip)."""


class Finish(Signal):
    """End the game now, from a card or an outcome, into the debrief (the facilitator's X; rules.finish)."""


Action = Start | Choose | Advance | Skip | Finish

TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "start", "source": Phase.BRIEFING.value, "dest": Phase.CARD.value, "conditions": "has_card"},
    {"trigger": "start", "source": Phase.BRIEFING.value, "dest": Phase.DEBRIEF.value, "unless": "has_card"},
    {
        "trigger": "choose",
        "source": Phase.CARD.value,
        "dest": Phase.OUTCOME.value,
        "prepare": "attempt_choice",
        "conditions": "is_accepted",
        "before": "commit",
    },
    {
        "trigger": "advance",
        "source": Phase.CARD.value,
        "dest": Phase.CARD.value,
        "prepare": "attempt_event",
        "conditions": ["is_accepted", "leads_to_card"],
        "before": "commit",
    },
    {
        "trigger": "advance",
        "source": Phase.CARD.value,
        "dest": Phase.DEBRIEF.value,
        "prepare": "attempt_event",
        "conditions": "is_accepted",
        "unless": "leads_to_card",
        "before": "commit",
    },
    {
        "trigger": "skip",
        "source": Phase.CARD.value,
        "dest": Phase.CARD.value,
        "prepare": "attempt_skip",
        "conditions": ["is_accepted", "leads_to_card"],
        "before": "commit",
    },
    {
        "trigger": "skip",
        "source": Phase.CARD.value,
        "dest": Phase.DEBRIEF.value,
        "prepare": "attempt_skip",
        "conditions": "is_accepted",
        "unless": "leads_to_card",
        "before": "commit",
    },
    {
        "trigger": "finish",
        "source": [Phase.CARD.value, Phase.OUTCOME.value],
        "dest": Phase.DEBRIEF.value,
        "prepare": "attempt_finish",
        "conditions": "is_accepted",
        "before": "commit",
    },
    {"trigger": "advance", "source": Phase.OUTCOME.value, "dest": Phase.CARD.value, "conditions": "has_card"},
    {"trigger": "advance", "source": Phase.OUTCOME.value, "dest": Phase.DEBRIEF.value, "unless": "has_card"},
]


class Session:
    """One game of one scenario: apply actions, read `phase`, `state` and `last`."""

    state: str  # the phase, kept by transitions under its default attribute name

    # Trigger stubs: declared so type checkers see them; the machine binds the real ones.
    def start(self) -> bool:
        raise NotImplementedError

    def choose(self, choice_id: str) -> bool:
        raise NotImplementedError

    def advance(self, counts: tuple[int, ...] | None = None) -> bool:
        raise NotImplementedError

    def skip(self) -> bool:
        raise NotImplementedError

    def finish(self) -> bool:
        raise NotImplementedError

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.game: GameState = rules.begin(scenario)
        self.last: Decision | None = None
        self.log: list[Action] = []
        self._decisions_after: list[int] = []  # decisions made after each logged action
        self._pending: Outcome | GameState | Refusal | None = None  # GameState: a game ended early
        self.machine = Machine(
            model=self,
            states=PHASES,
            transitions=TRANSITIONS,
            initial=Phase.BRIEFING.value,
            auto_transitions=False,
            model_override=True,
            send_event=True,
            ignore_invalid_triggers=True,
        )

    @property
    def phase(self) -> Phase:
        return Phase(self.state)

    # Conditions and callbacks, in transitions' vocabulary.
    def has_card(self, event: EventData) -> bool:
        return not self.game.over

    def attempt_choice(self, event: EventData) -> None:
        self._pending = rules.choose(self.scenario, self.game, str(next(iter(event.args))))

    def attempt_event(self, event: EventData) -> None:
        self._pending = rules.advance(self.scenario, self.game, *event.args)

    def attempt_skip(self, event: EventData) -> None:
        self._pending = rules.skip(self.scenario, self.game)

    def attempt_finish(self, event: EventData) -> None:
        self._pending = rules.finish(self.scenario, self.game)

    def is_accepted(self, event: EventData) -> bool:
        return isinstance(self._pending, Outcome | GameState)

    def leads_to_card(self, event: EventData) -> bool:
        return isinstance(self._pending, Outcome) and not self._pending.state.over

    def commit(self, event: EventData) -> None:
        if isinstance(self._pending, GameState):  # ended early: no new decision, `last` stays
            self.game = self._pending
            return
        assert isinstance(self._pending, Outcome)
        self.game = self._pending.state
        self.last = self._pending.decision

    def apply(self, action: Action) -> Refusal | None:
        """Apply one action; None when it was done, else the reason it was refused (nothing changed)."""
        self._pending = None
        match action:
            case Choose():
                done = self.choose(action.choice)
            case Advance():
                done = self.advance(action.counts)
            case Skip():
                done = self.skip()
            case Finish():
                done = self.finish()
            case Start():
                done = self.start()
            case _:
                assert_never(action)
        if done:
            self.log.append(action)
            self._decisions_after.append(len(self.game.decisions))
            return None
        if isinstance(self._pending, Refusal):
            return self._pending
        return Refusal("wrong_phase", self.phase)

    def can_undo(self) -> bool:
        return bool(self.game.decisions) or self.game.ended_early

    def undo(self) -> bool:
        """Take back the last decision (a skip too): replay the log up to the action that made it; its card
        shows again. A game ended early is opened again: only the Finish is taken back."""
        if not self.can_undo():
            return False
        made_by = (
            len(self.log) - 1
            if self.game.ended_early
            else self._decisions_after.index(len(self.game.decisions))
        )
        kept = self.log[:made_by]
        self._reset()
        for action in kept:
            self.apply(action)
        return True

    def _reset(self) -> None:
        self.game = rules.begin(self.scenario)
        self.last = None
        self.log = []
        self._decisions_after = []
        self.machine.set_state(Phase.BRIEFING.value, model=self)

    @classmethod
    def replay(cls, scenario: Scenario, actions: list[Action]) -> tuple[Session, int]:
        """Rebuild a session from its log; returns it and how many actions applied before one failed."""
        session = cls(scenario)
        for applied, action in enumerate(actions):
            if session.apply(action) is not None:
                return session, applied
        return session, len(actions)
