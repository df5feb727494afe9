"""Plain view data for screens, the CLI and reports: everything already in the player's language.

Scenes never look at the scenario or the state directly; they draw what `present()` gives them.
"""

from __future__ import annotations

from collections.abc import Sequence

from msgspec import Struct

from incluzo.engine.play import position as positions
from incluzo.engine.play import progress, rules
from incluzo.engine.play.phases import Phase
from incluzo.engine.play.rules import GameState
from incluzo.engine.play.session import Session
from incluzo.engine.scenario.model import Card, Choice, Scenario
from incluzo.engine.scenario.text import Text

LETTERS = "ABCD"
LOW_SHARE = 3  # a meter at a third of its start level or less is low


class MeterView(Struct, frozen=True):
    id: str
    name: str
    symbol: str
    value: int
    start: int

    @property
    def empty(self) -> bool:
        """Nothing left: drawn red."""
        return self.value <= 0

    @property
    def low(self) -> bool:
        """A third of the start level or less, not yet empty: drawn amber."""
        return self.value > 0 and self.value * LOW_SHARE <= self.start

    @property
    def scale(self) -> int:
        """What a bar or a row of pips is drawn against: the start level (or more, after a gift)."""
        return max(1, self.start, self.value)


class LevelChange(Struct, frozen=True):
    """What a choice leaves of one meter it costs: 'Kwaliteit 7 -> 4' (in the player's language)."""

    id: str
    name: str
    before: int
    after: int


class QuadrantView(Struct, frozen=True):
    id: str
    number: int
    name: str
    short: str
    points: int  # rounded for display; the four always sum to 100
    exact: float
    colour: str
    pattern: str
    corner: str


class Amount(Struct, frozen=True):
    """A cost per meter or a move per quadrant, with its label."""

    id: str
    name: str
    symbol: str
    amount: int


class ShortfallView(Struct, frozen=True):
    """A meter a choice cannot pay: its name (in the player's language), what it needs and what is left.
    The screens put it into words (`shortfall` in the catalog)."""

    meter: str
    needed: int
    left: int


class ChoiceView(Struct, frozen=True):
    id: str
    letter: str
    label: str
    costs: tuple[Amount, ...]  # the meters it costs (or gives back), in model order; free ones left out
    moves: tuple[Amount, ...]  # only the quadrants it moves toward
    recognition: str
    affordable: bool
    shortfalls: tuple[ShortfallView, ...]  # why not affordable, () when it is
    outcome: str
    leaves: tuple[LevelChange, ...] = ()  # per meter it costs: the level now and after the choice
    empties: tuple[str, ...] = ()  # the meters (names) the choice would bring to 0
    lands: tuple[QuadrantView, ...] = ()  # the position the choice leads to (the outcome's ghost arrows)


class PollOptionView(Struct, frozen=True):
    id: str
    mark: str  # A-F, or 1-6 when the poll is numbered
    label: str
    count: int | None  # as typed by the facilitator; None before the counts are in
    percent: int  # share of all votes, rounded so the options sum to 100 (0 when nobody voted)
    colour: str | None  # the colour of the quadrant the option stands for, if any
    pattern: str | None


class PollView(Struct, frozen=True):
    question: str
    options: tuple[PollOptionView, ...]
    total: int | None  # all votes, None before the counts are in
    discuss: tuple[str, ...] = ()  # the card's questions for the talk after the result

    @property
    def leading(self) -> tuple[str, ...]:
        """The options with the most votes (more than one on a tie); none before anyone voted."""
        most = max((o.count or 0 for o in self.options), default=0)
        return tuple(o.id for o in self.options if most and o.count == most)


class BriefingView(Struct, frozen=True):
    title: str
    description: str
    meters: tuple[MeterView, ...]
    position: tuple[QuadrantView, ...]
    desired: tuple[QuadrantView, ...] | None
    cards: int  # cards in the scenario file
    played: progress.Ahead = progress.NONE_AHEAD  # cards one game plays, fewest and most over its paths


class CardView(Struct, frozen=True):
    id: str
    number: int  # 1-based count of cards shown so far
    total: int  # cards in the scenario (not the length of this path: see `ahead`)
    title: str
    text: str
    notes: str
    image: str | None
    is_event: bool
    choices: tuple[ChoiceView, ...]
    effect: tuple[Amount, ...]  # an event card's cost, shown before it applies
    meters: tuple[MeterView, ...]
    position: tuple[QuadrantView, ...]
    poll: PollView | None = None  # a poll card (an event card with a question to the room)
    ahead: progress.Ahead = progress.NONE_AHEAD  # cards still to be played after this one, fewest-most


class ShortMeterView(Struct, frozen=True):
    """A meter the card where the budget ran out could not be paid from."""

    id: str
    name: str
    left: int
    needed: int  # the least any choice on the card asks of it
    meaning: str  # what it means for the team when this meter runs short (the model's `short` text)

    @property
    def empty(self) -> bool:
        return self.left <= 0


class ExhaustionView(Struct, frozen=True):
    """The budget ran out: the card no choice of which could be paid, and the meters that stopped it."""

    card: CardView  # every choice greyed, each with the meters it is short of
    short: tuple[ShortMeterView, ...]  # the meters some choice needed more of than was left, model order
    empty: tuple[str, ...]  # the names of the meters at 0 (may be fewer than `short`)


class DecisionView(Struct, frozen=True):
    card_title: str
    choice: ChoiceView | None  # None for an event card
    gave_up: tuple[ChoiceView, ...]  # the other choices offered, and what they would have done
    meters_before: tuple[MeterView, ...]
    meters_after: tuple[MeterView, ...]
    position_before: tuple[QuadrantView, ...]
    position_after: tuple[QuadrantView, ...]
    reflect: tuple[str, ...]
    poll: PollView | None = None  # a poll card, with the counts recorded for it
    skipped: bool = False  # the facilitator skipped the card: nothing was chosen, nothing changed

    @property
    def changes(self) -> tuple[Amount, ...]:
        """What the step took from each meter it changed, as costs (a gain is negative): an event's effect."""
        return tuple(
            Amount(a.id, a.name, a.symbol, b.value - a.value)
            for b, a in zip(self.meters_before, self.meters_after, strict=True)
            if b.value != a.value
        )


class OutcomeView(Struct, frozen=True):
    decision: DecisionView
    meters: tuple[MeterView, ...]
    position: tuple[QuadrantView, ...]


class DebriefView(Struct, frozen=True):
    title: str
    ending_id: str
    ending_title: str
    ending_text: str
    exhausted_at: str | None  # the card title where the budget ran out
    start: tuple[QuadrantView, ...]
    end: tuple[QuadrantView, ...]
    desired: tuple[QuadrantView, ...] | None
    trail: tuple[tuple[QuadrantView, ...], ...]
    meters: tuple[MeterView, ...]
    spent: tuple[Amount, ...]
    tally: tuple[int, int]
    decisions: tuple[DecisionView, ...]
    reflect: tuple[str, ...]
    ended_early: bool = False  # the facilitator ended the game before its last card
    exhaustion: ExhaustionView | None = None  # how the budget ran out, if it did
    empty: tuple[str, ...] = ()  # the names of the meters at 0 at the end, whatever the ending


class MapView(Struct, frozen=True):
    """The quadrant map at any moment: start, now, desired, the trail per decision, the axis labels."""

    start: tuple[QuadrantView, ...]
    now: tuple[QuadrantView, ...]
    desired: tuple[QuadrantView, ...] | None
    trail: tuple[tuple[QuadrantView, ...], ...]
    axes: tuple[tuple[str, str], ...]  # (side, label): top, bottom, left, right
    hints: str  # the scenario's solo hint level: none | direction | exact


View = BriefingView | CardView | OutcomeView | DebriefView


def quadrants(scenario: Scenario, units: tuple[int, ...], lang: str) -> tuple[QuadrantView, ...]:
    rounded = positions.to_points(units)
    return tuple(
        QuadrantView(
            q.id,
            q.number,
            q.name.get(lang, scenario.language),
            q.short.get(lang, scenario.language),
            points,
            positions.exact_points(exact),
            q.colour,
            q.pattern,
            q.corner,
        )
        for q, points, exact in zip(scenario.model.quadrants, rounded, units, strict=True)
    )


class Presenter:
    """Turns scenario and state into views in one language."""

    def __init__(self, scenario: Scenario, lang: str) -> None:
        self.scenario = scenario
        self.lang = lang

    def t(self, text: Text) -> str:
        return text.get(self.lang, self.scenario.language)

    def symbol(self, symbol: str) -> str:
        """A meter's letter, only in the scenario's own language (K/T/B mean nothing in English):
        elsewhere the icon's shape and the full word beside it tell the meters apart."""
        return symbol if self.lang == self.scenario.language else ""

    def meters(self, levels: tuple[int, ...]) -> tuple[MeterView, ...]:
        model = self.scenario.model
        return tuple(
            MeterView(m.id, self.t(m.name), self.symbol(m.symbol), level, start)
            for m, level, start in zip(model.meters, levels, self.scenario.budget, strict=True)
        )

    def position(self, units: tuple[int, ...]) -> tuple[QuadrantView, ...]:
        return quadrants(self.scenario, units, self.lang)

    def amounts(self, values: tuple[int, ...], *, of_meters: bool, keep_zero: bool) -> tuple[Amount, ...]:
        model = self.scenario.model
        items = (
            [(m.id, self.t(m.name), self.symbol(m.symbol)) for m in model.meters]
            if of_meters
            else [(q.id, self.t(q.name), str(q.number)) for q in model.quadrants]
        )
        return tuple(
            Amount(i, name, symbol, value)
            for (i, name, symbol), value in zip(items, values, strict=True)
            if value or keep_zero
        )

    def choice(self, state: GameState, choice: Choice, index: int) -> ChoiceView:
        short = rules.shortfalls(self.scenario, state, choice)
        model = self.scenario.model
        reasons = tuple(ShortfallView(self.t(model.meter(s.meter).name), s.needed, s.left) for s in short)
        leaves = tuple(
            LevelChange(m.id, self.t(m.name), level, level - cost)
            for m, level, cost in zip(model.meters, state.meters, choice.cost, strict=True)
            if cost
        )
        return ChoiceView(
            choice.id,
            LETTERS[index],
            self.t(choice.label),
            self.amounts(choice.cost, of_meters=True, keep_zero=False),
            self.amounts(choice.move, of_meters=False, keep_zero=False),
            choice.recognition,
            not short,
            reasons,
            self.t(choice.outcome),
            leaves,
            tuple(c.name for c in leaves if c.before > 0 and c.after == 0) if not short else (),
            self.position(positions.move(state.position, choice.move)),
        )

    def choices(self, state: GameState, card: Card) -> tuple[ChoiceView, ...]:
        return tuple(
            self.choice(state, c, i) for i, c in enumerate(rules.offered(self.scenario, state, card))
        )

    def briefing(self, state: GameState) -> BriefingView:
        s = self.scenario
        return BriefingView(
            self.t(s.title),
            self.t(s.description),
            self.meters(state.meters),
            self.position(state.position),
            self.position(s.desired) if s.desired else None,
            len(s.cards),
            progress.played(s, state),
        )

    def card(self, state: GameState) -> CardView:
        card = rules.current_card(self.scenario, state)
        assert card is not None
        return CardView(
            card.id,
            len(state.decisions) + 1,
            len(self.scenario.cards),
            self.t(card.title),
            self.t(card.text),
            self.t(card.notes),
            card.image,
            card.is_event,
            self.choices(state, card),
            self.amounts(card.cost, of_meters=True, keep_zero=False),
            self.meters(state.meters),
            self.position(state.position),
            self.poll(card),
            progress.ahead(self.scenario, state),
        )

    def exhaustion(self, state: GameState) -> ExhaustionView | None:
        """How the budget ran out: the card no choice of which could be paid, and per meter that stopped
        it what was left, what the cheapest choice short of it needed, and what that means for the team.
        None when the game did not end on the budget."""
        stuck = rules.exhausted_at(state)
        if stuck is None:
            return None
        card = self.card(state.but(card=stuck, exhausted=False))  # as it stood when the card was reached
        model = self.scenario.model
        short = tuple(
            ShortMeterView(
                s.meter,
                self.t(model.meter(s.meter).name),
                s.left,
                s.needed,
                self.t(model.meter(s.meter).short),
            )
            for s in rules.short_of(self.scenario, state)
        )
        return ExhaustionView(card, short, self.empty(state))

    def empty(self, state: GameState) -> tuple[str, ...]:
        """The names of the meters at 0."""
        return tuple(v.name for v in self.meters(state.meters) if v.empty)

    def poll(self, card: Card, counts: Sequence[int] | None = None) -> PollView | None:
        """A poll card's question and options, with counts as typed so far (a bar chart's data)."""
        if card.poll is None:
            return None
        model = self.scenario.model
        typed = tuple(counts) if counts is not None else None
        percents = positions.split(100, typed) if typed else (0,) * len(card.poll.options)
        quadrants = [model.quadrant(o.quadrant) if o.quadrant else None for o in card.poll.options]
        return PollView(
            self.t(card.poll.question),
            tuple(
                PollOptionView(
                    option.id,
                    card.poll.mark(i),
                    self.t(option.label),
                    typed[i] if typed is not None else None,
                    percents[i],
                    quadrant.colour if quadrant else None,
                    quadrant.pattern if quadrant else None,
                )
                for i, (option, quadrant) in enumerate(zip(card.poll.options, quadrants, strict=True))
            ),
            sum(typed) if typed is not None else None,
            tuple(self.t(q) for q in card.reflect),
        )

    def decision(self, states: list[GameState], index: int) -> DecisionView:
        """Decision `index` with what it gave up: the choices offered in the state before it."""
        before, decision = states[index], states[-1].decisions[index]
        card = self.scenario.card(decision.card)
        offered = self.choices(before, card)
        made = next((c for c in offered if c.id == decision.choice), None)
        return DecisionView(
            self.t(card.title),
            made,
            tuple(c for c in offered if c.id != decision.choice),
            self.meters(decision.meters_before),
            self.meters(decision.meters_after),
            self.position(decision.position_before),
            self.position(decision.position_after),
            tuple(self.t(q) for q in card.reflect),
            self.poll(card, decision.counts),
            decision.skipped,
        )

    def map(self, state: GameState) -> MapView:
        s = self.scenario
        trail = (s.position, *(d.position_after for d in state.decisions))
        desired = self.position(s.desired) if s.desired else None
        return MapView(
            self.position(s.position),
            self.position(state.position),
            desired,
            tuple(self.position(p) for p in trail),
            tuple((side, self.t(label)) for side, label in s.model.axes.items()),
            s.hints,
        )

    def debrief(self, states: list[GameState]) -> DebriefView:
        s = self.scenario
        state = states[-1]
        ending = rules.ending_of(s, state)
        assert ending is not None
        stuck = rules.exhausted_at(state)
        spent = tuple(start - level for start, level in zip(s.budget, state.meters, strict=True))
        trail = (s.position, *(d.position_after for d in state.decisions))
        return DebriefView(
            self.t(s.title),
            ending.id,
            self.t(ending.title),
            self.t(ending.text),
            self.t(s.card(stuck).title) if stuck else None,
            self.position(s.position),
            self.position(state.position),
            self.position(s.desired) if s.desired else None,
            tuple(self.position(p) for p in trail),
            self.meters(state.meters),
            self.amounts(spent, of_meters=True, keep_zero=True),
            state.tally,
            tuple(self.decision(states, i) for i in range(len(state.decisions))),
            tuple(self.t(q) for q in s.reflect),
            state.ended_early,
            self.exhaustion(state),
            self.empty(state),
        )


def history(session: Session) -> list[GameState]:
    """The state before each decision, then the current one: states[i] led to decisions[i]."""
    return rules.history(session.scenario, session.game)


def map_of(session: Session, lang: str | None = None) -> MapView:
    """The quadrant map of the session as it stands (callable in every phase)."""
    return Presenter(session.scenario, lang or session.scenario.language).map(session.game)


def present(session: Session, lang: str | None = None) -> View:
    """The view of the session's current phase."""
    presenter = Presenter(session.scenario, lang or session.scenario.language)
    if session.phase == Phase.BRIEFING:
        return presenter.briefing(session.game)
    if session.phase == Phase.CARD:
        return presenter.card(session.game)
    states = history(session)
    if session.phase == Phase.OUTCOME:
        assert session.last is not None
        return OutcomeView(
            presenter.decision(states, len(states) - 2),
            presenter.meters(session.game.meters),
            presenter.position(session.game.position),
        )
    return presenter.debrief(states)
