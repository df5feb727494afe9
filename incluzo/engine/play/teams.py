"""Team play: 1 to 6 teams face the same card, choose in secret and reveal together.

The room rule (docs/workshop.md): every team plays its own game by the ordinary rules, so a team's
game is exactly the game it would have played alone. The room shows the card that comes first in the
scenario's card list among the teams' current cards. Teams on that card choose; a team whose own
flow skipped the card (a `when` that fails for it, or a `next` that jumped past it) sits this round
out and watches, and plays when the room reaches its card. So nobody is ever ahead of the room's
discussion, and every round has at least one team choosing.

All functions are pure: they take the scenario and a TeamPlay and return a new TeamPlay or a
rules.Refusal. The deliberation timer is data too: the shell passes the elapsed time in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, assert_never

from msgspec import Struct
from msgspec.structs import replace

from incluzo.engine.play import rules
from incluzo.engine.play.phases import Phase
from incluzo.engine.play.rules import Decision, GameState, Outcome, Refusal
from incluzo.engine.scenario.model import Card, Scenario
from incluzo.engine.signal import Signal

MAX_TEAMS = 6
MAX_NAME = 30
DEFAULT_SECONDS = 120  # deliberation time when a card has no `timer`

# Paul Tol's "bright" scheme: told apart with every common colour-vision deficiency. Each team also has
# a number (its key) and a shape, so colour never carries the meaning alone.
PALETTE = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377")
COLOUR_NAMES = (
    ("blauw", "blue"),
    ("rood", "red"),
    ("groen", "green"),
    ("geel", "yellow"),
    ("cyaan", "cyan"),
    ("paars", "purple"),
)
SYMBOLS = ("circle", "triangle", "square", "diamond", "star", "cross")

CARD, OUTCOME, DEBRIEF = Phase.CARD, Phase.OUTCOME, Phase.DEBRIEF  # a team game's phases


class Team(Struct, frozen=True):
    number: int  # 1 to 6: the key that selects the team
    name: str
    colour: str
    symbol: str


def make_teams(names: Sequence[str]) -> tuple[Team, ...] | Refusal:
    """Teams for the names the room typed ('' gives 'Team N'), or why they cannot play.

    A team named after a colour of the palette ('Rood', 'blue') gets that colour and its shape; the
    others get the colours left, in palette order.
    """
    if not 1 <= len(names) <= MAX_TEAMS:
        return Refusal("team_count", str(MAX_TEAMS))
    cleaned: list[str] = []
    for number, typed in enumerate(names, 1):
        name = " ".join(typed.split()) or f"Team {number}"
        if len(name) > MAX_NAME or not name.isprintable():
            return Refusal("team_name", name[:MAX_NAME])
        if any(other.casefold() == name.casefold() for other in cleaned):
            return Refusal("team_twice", name)
        cleaned.append(name)
    named = [_colour_named(name) for name in cleaned]
    free = iter(i for i in range(MAX_TEAMS) if i not in named)
    slots = [i if i is not None and named.index(i) == n else next(free) for n, i in enumerate(named)]
    return tuple(
        Team(number, name, PALETTE[slot], SYMBOLS[slot])
        for number, (name, slot) in enumerate(zip(cleaned, slots, strict=True), 1)
    )


def _colour_named(name: str) -> int | None:
    """The palette place of the colour a team name is (Dutch or English), if it is one."""
    word = name.casefold()
    return next((i for i, pair in enumerate(COLOUR_NAMES) if word in pair), None)


# --- the deliberation timer ----------------------------------------------------------------------


class Timer(Struct, frozen=True):
    """Deliberation time in milliseconds; the shell ticks it with the time that passed."""

    limit_ms: int
    used_ms: int = 0
    running: bool = True

    @property
    def remaining_ms(self) -> int:
        return max(0, self.limit_ms - self.used_ms)

    @property
    def expired(self) -> bool:
        return self.used_ms >= self.limit_ms

    def tick(self, elapsed_ms: int) -> Timer:
        """`elapsed_ms` more time has passed (counted only while running)."""
        return replace(self, used_ms=self.used_ms + max(0, elapsed_ms)) if self.running else self

    def add(self, seconds: int) -> Timer:
        """More (or, negative, less) time to deliberate; never less than none at all."""
        return replace(self, limit_ms=max(self.used_ms, self.limit_ms + seconds * 1000, 0))

    def pause(self) -> Timer:
        return replace(self, running=False)

    def resume(self) -> Timer:
        return replace(self, running=True)

    def skip(self) -> Timer:
        """End the deliberation now: no time left, the time used so far kept."""
        return replace(self, limit_ms=self.used_ms, running=False)


def timer_for(card: Card | None, default_seconds: int = DEFAULT_SECONDS) -> Timer:
    """A fresh timer for a card: its own `timer`, else the session's default."""
    seconds = card.timer if card is not None and card.timer else default_seconds
    return Timer(seconds * 1000)


# --- the state of a team game --------------------------------------------------------------------


class Seat(Struct, frozen=True):
    """One team's own game."""

    team: Team
    game: GameState
    rounds: tuple[int, ...] = ()  # the round in which each of its decisions was revealed
    pick: str | None = None  # its hidden choice (or poll option) for the card it faces


class Round(Struct, frozen=True):
    """What one reveal did: the card, and per team its decision (None: the team sat it out)."""

    number: int
    card: str
    decisions: tuple[Decision | None, ...]
    deliberation_ms: int
    counts: tuple[int, ...] | None = None


class TeamPlay(Struct, frozen=True):
    seats: tuple[Seat, ...]
    timer: Timer
    phase: Phase = CARD
    rounds: int = 0  # rounds revealed so far (never reused, so undo can find the latest)
    last: Round | None = None  # the round just revealed (shown on the outcome screen)
    default_seconds: int = DEFAULT_SECONDS
    ended_early: bool = False

    @property
    def over(self) -> bool:
        return all(seat.game.over for seat in self.seats)


def begin(scenario: Scenario, teams: Sequence[Team], default_seconds: int = DEFAULT_SECONDS) -> TeamPlay:
    """Every team at the scenario's start; the room at the first card."""
    game = rules.begin(scenario)
    play = TeamPlay(tuple(Seat(team, game) for team in teams), Timer(0), default_seconds=default_seconds)
    return _arrive(scenario, play)


def room_card(scenario: Scenario, play: TeamPlay) -> Card | None:
    """The card the room faces: the first in list order among the teams' current cards."""
    current = {seat.game.card for seat in play.seats if seat.game.card is not None}
    return min((scenario.card(c) for c in current), key=lambda c: scenario.index[c.id], default=None)


def playing(scenario: Scenario, play: TeamPlay) -> tuple[int, ...]:
    """The numbers of the teams that face the room card now (the others sit this round out)."""
    card = room_card(scenario, play)
    return tuple(s.team.number for s in play.seats if card is not None and s.game.card == card.id)


def waiting_for(scenario: Scenario, play: TeamPlay) -> tuple[int, ...]:
    """Teams that play this round and have not chosen yet (none on an event or poll card)."""
    card = room_card(scenario, play)
    if card is None or card.is_event:
        return ()
    return tuple(n for n in playing(scenario, play) if _seat(play, n).pick is None)


def _seat(play: TeamPlay, number: int) -> Seat:
    return play.seats[number - 1]


def _with_seat(play: TeamPlay, seat: Seat) -> TeamPlay:
    seats = list(play.seats)
    seats[seat.team.number - 1] = seat
    return replace(play, seats=tuple(seats))


def _arrive(scenario: Scenario, play: TeamPlay) -> TeamPlay:
    """Open the next round: a fresh timer for the room card, or the debrief when every game is over."""
    if play.over:
        return replace(play, phase=DEBRIEF, timer=Timer(0, running=False))
    return replace(play, phase=CARD, timer=timer_for(room_card(scenario, play), play.default_seconds))


# --- a round: pick in secret, reveal together -----------------------------------------------------


def pick(scenario: Scenario, play: TeamPlay, number: int, choice: str) -> TeamPlay | Refusal:
    """Enter a team's choice (on a poll: its option), hidden until the reveal; a new pick replaces it."""
    if play.phase != CARD:
        return Refusal("wrong_phase", play.phase)
    if not 1 <= number <= len(play.seats):
        return Refusal("unknown_team", str(number))
    seat = _seat(play, number)
    card = room_card(scenario, play)
    if card is None or seat.game.card != card.id:
        return Refusal("team_waits", seat.team.name)
    if card.poll is not None:
        if all(option.id != choice for option in card.poll.options):
            return Refusal("unknown_option", choice)
    else:
        checked = rules.check_choice(scenario, seat.game, choice)
        if isinstance(checked, Refusal):
            return checked
    return _with_seat(play, replace(seat, pick=choice))


def unpick(play: TeamPlay, number: int) -> TeamPlay | Refusal:
    """Clear a team's hidden pick."""
    if not 1 <= number <= len(play.seats):
        return Refusal("unknown_team", str(number))
    return _with_seat(play, replace(_seat(play, number), pick=None))


def poll_counts(card: Card, picks: Sequence[str]) -> tuple[int, ...]:
    """One vote per team: how many teams picked each option."""
    assert card.poll is not None
    return tuple(sum(p == option.id for p in picks) for option in card.poll.options)


def reveal(
    scenario: Scenario,
    play: TeamPlay,
    counts: Sequence[int] | None = None,
    deliberation_ms: int | None = None,
) -> TeamPlay | Refusal:
    """Apply every playing team's pick at once (an event card: every playing team goes on).

    On a poll, `counts` are the room's counts as typed; without them each team that picked is one vote.
    `deliberation_ms` defaults to the timer's time used (a replayed log passes the recorded value).
    """
    if play.phase != CARD:
        return Refusal("wrong_phase", play.phase)
    card = room_card(scenario, play)
    assert card is not None  # the phase is CARD only while a game is running
    missing = waiting_for(scenario, play)
    if missing:
        return Refusal("picks_missing", ", ".join(_seat(play, n).team.name for n in missing))
    numbers = playing(scenario, play)
    if card.poll is not None and counts is None:
        picks = [p for n in numbers if (p := _seat(play, n).pick) is not None]
        counts = poll_counts(card, picks) if picks else None
    refused = rules.check_counts(card, counts)
    if refused:
        return refused
    number = play.rounds + 1
    decisions: list[Decision | None] = []
    for seat in play.seats:
        if seat.team.number not in numbers:
            decisions.append(None)
            continue
        result = (
            rules.advance(scenario, seat.game, counts)
            if card.is_event
            else rules.choose(scenario, seat.game, seat.pick or "")
        )
        assert isinstance(result, Outcome), result  # picks were checked when entered
        decisions.append(result.decision)
        play = _with_seat(play, replace(seat, game=result.state, rounds=(*seat.rounds, number), pick=None))
    used = play.timer.used_ms if deliberation_ms is None else deliberation_ms
    typed = tuple(counts) if counts is not None else None
    last = Round(number, card.id, tuple(decisions), used, typed)
    return replace(play, phase=OUTCOME, rounds=number, last=last, timer=play.timer.pause())


def go_on(scenario: Scenario, play: TeamPlay) -> TeamPlay | Refusal:
    """From the revealed outcome to the next round (or the debrief)."""
    if play.phase != OUTCOME:
        return Refusal("wrong_phase", play.phase)
    return _arrive(scenario, replace(play, last=None))


def skip(scenario: Scenario, play: TeamPlay) -> TeamPlay | Refusal:
    """The facilitator skips the room card: every team on it passes it untouched (rules.skip), hidden
    picks are dropped, and the next round opens. It counts as a round, so undo brings the card back."""
    if play.phase != CARD:
        return Refusal("wrong_phase", play.phase)
    number = play.rounds + 1
    for seat_number in playing(scenario, play):
        seat = _seat(play, seat_number)
        result = rules.skip(scenario, seat.game)
        assert isinstance(result, Outcome), result  # the phase is CARD only while the seat's game runs
        play = _with_seat(play, replace(seat, game=result.state, rounds=(*seat.rounds, number), pick=None))
    return _arrive(scenario, replace(play, rounds=number, last=None))


def end_early(play: TeamPlay) -> TeamPlay:
    """The facilitator closes the game: straight to the debrief, every decision kept."""
    return replace(play, phase=DEBRIEF, ended_early=True, timer=play.timer.pause())


def tick(play: TeamPlay, elapsed_ms: int) -> TeamPlay:
    """Time passed in the shell; only the open round's timer counts it."""
    return replace(play, timer=play.timer.tick(elapsed_ms)) if play.phase == CARD else play


# --- undo ------------------------------------------------------------------------------------------


def undo_team(scenario: Scenario, play: TeamPlay, number: int) -> TeamPlay | Refusal:
    """Take back one team's last decision: its game is exactly what it was before it."""
    if not 1 <= number <= len(play.seats):
        return Refusal("unknown_team", str(number))
    seat = _seat(play, number)
    if not seat.game.decisions:
        return Refusal("nothing_to_undo")
    before = rules.history(scenario, seat.game)[-2]
    play = _with_seat(play, replace(seat, game=before, rounds=seat.rounds[:-1], pick=None))
    return _arrive(scenario, replace(play, last=None, ended_early=False))


def undo(scenario: Scenario, play: TeamPlay) -> TeamPlay | Refusal:
    """Take back the latest round: every team whose last decision was made in it."""
    latest = max((seat.rounds[-1] for seat in play.seats if seat.rounds), default=None)
    if latest is None:
        return Refusal("nothing_to_undo")
    for seat in play.seats:
        if seat.rounds and seat.rounds[-1] == latest:
            undone = undo_team(scenario, play, seat.team.number)
            assert isinstance(undone, TeamPlay)
            play = undone
    return play


# --- actions: what a facilitator does, as data (the session log records them) --------------------


class Pick(Struct, frozen=True):
    team: int
    choice: str


class Unpick(Struct, frozen=True):
    team: int


class Reveal(Struct, frozen=True):
    counts: tuple[int, ...] | None = None
    deliberation_ms: int | None = None  # None: the timer's time used


class GoOn(Signal):
    pass


class UndoTeam(Struct, frozen=True):
    team: int


class UndoRound(Signal):
    pass


class EndEarly(Signal):
    pass


class Skip(Signal):
    pass


TeamAction = Pick | Unpick | Reveal | GoOn | UndoTeam | UndoRound | EndEarly | Skip


# The team flow in the session machine's table format (session.TRANSITIONS): which action may be taken in
# which phase, and where it leads. `apply` refuses an action its phase has no row for; the pure functions
# decide which of the rows' destinations is reached. docs/architecture.md draws it with transitions.
TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "pick", "source": CARD.value, "dest": CARD.value},
    {"trigger": "unpick", "source": CARD.value, "dest": CARD.value},
    {"trigger": "reveal", "source": CARD.value, "dest": OUTCOME.value},
    {"trigger": "go_on", "source": OUTCOME.value, "dest": CARD.value, "conditions": "has_card"},
    {"trigger": "go_on", "source": OUTCOME.value, "dest": DEBRIEF.value, "unless": "has_card"},
    {"trigger": "skip", "source": CARD.value, "dest": CARD.value, "conditions": "has_card"},
    {"trigger": "skip", "source": CARD.value, "dest": DEBRIEF.value, "unless": "has_card"},
    {"trigger": "end_early", "source": [CARD.value, OUTCOME.value], "dest": DEBRIEF.value},
    {
        "trigger": "undo",
        "source": [CARD.value, OUTCOME.value, DEBRIEF.value],
        "dest": CARD.value,
        "conditions": "has_card",
    },
    {
        "trigger": "undo",
        "source": [CARD.value, OUTCOME.value, DEBRIEF.value],
        "dest": DEBRIEF.value,
        "unless": "has_card",
    },
]
TRIGGERS: dict[type[TeamAction], str] = {
    Pick: "pick",
    Unpick: "unpick",
    Reveal: "reveal",
    GoOn: "go_on",
    Skip: "skip",
    EndEarly: "end_early",
    UndoTeam: "undo",
    UndoRound: "undo",
}


def allowed(play: TeamPlay, action: TeamAction) -> bool:
    """Whether the team flow has a row for `action` in the play's phase."""
    trigger = TRIGGERS[type(action)]
    for row in TRANSITIONS:
        sources = row["source"] if isinstance(row["source"], list) else [row["source"]]
        if row["trigger"] == trigger and play.phase in sources:
            return True
    return False


def apply(scenario: Scenario, play: TeamPlay, action: TeamAction) -> TeamPlay | Refusal:
    """Apply one facilitator action: the game after it, or why it cannot be taken (nothing changed)."""
    if not allowed(play, action):
        return Refusal("wrong_phase", play.phase)
    match action:
        case Pick(team, choice):
            return pick(scenario, play, team, choice)
        case Unpick(team):
            return unpick(play, team)
        case Reveal(counts, deliberation_ms):
            return reveal(scenario, play, counts, deliberation_ms)
        case GoOn():
            return go_on(scenario, play)
        case UndoTeam(team):
            return undo_team(scenario, play, team)
        case UndoRound():
            return undo(scenario, play)
        case Skip():
            return skip(scenario, play)
        case EndEarly():
            return end_early(play)
        case _:
            assert_never(action)
