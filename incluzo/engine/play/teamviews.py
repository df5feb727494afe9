"""Plain view data for team play: the round, the reveal side by side, every kite, the comparison.

Built on views.Presenter, so a team's card, choice and debrief data look exactly like solo play's.
"""

from __future__ import annotations

import math

from msgspec import Struct
from msgspec.structs import replace

from incluzo.engine.play import progress, rules, teams
from incluzo.engine.play.rules import GameState
from incluzo.engine.play.teams import Seat, TeamPlay
from incluzo.engine.play.views import (
    Amount,
    CardView,
    ChoiceView,
    DecisionView,
    ExhaustionView,
    MapView,
    MeterView,
    PollView,
    Presenter,
    QuadrantView,
)
from incluzo.engine.scenario.model import Scenario


class Badge(Struct, frozen=True):
    """How a team is shown: its number (key), name, colour and shape (never colour alone)."""

    number: int
    name: str
    colour: str
    symbol: str


class TimerView(Struct, frozen=True):
    limit: int  # seconds
    remaining: int  # seconds, rounded up (shows 1 until the last millisecond is gone)
    running: bool
    expired: bool


class TeamRoundView(Struct, frozen=True):
    badge: Badge
    plays: bool  # faces the room card; False: its own path skipped the card or is further on
    picked: bool  # has entered a choice (which one stays hidden until the reveal)
    choices: tuple[ChoiceView, ...]  # the card's choices as this team can afford them
    meters: tuple[MeterView, ...]
    position: tuple[QuadrantView, ...]
    finished: bool  # this team's game is over
    waits_for: str | None = None  # sitting out: the title of its own next card, which the room reaches later
    ran_out: tuple[str, ...] = ()  # its game ended on the budget: the meters (names) it was short of


class RoundView(Struct, frozen=True):
    round: int  # 1-based number of the round being played
    card: CardView  # the room card (meters and position in it: the first playing team's)
    teams: tuple[TeamRoundView, ...]
    waiting_for: tuple[str, ...]  # names of playing teams that have not chosen yet
    timer: TimerView
    ahead: progress.Ahead = progress.NONE_AHEAD  # cards still to come after this one, over the playing teams


class TeamDecisionView(Struct, frozen=True):
    badge: Badge
    decision: DecisionView | None  # None: the team sat this card out
    meters: tuple[MeterView, ...] = ()  # the team's meters now (after its decision, if it made one)
    ran_out: tuple[str, ...] = ()  # this decision ran its budget out: the meters (names) it is short of


class TeamOutView(Struct, frozen=True):
    """A team whose game ended on the budget, and how (the budget-out screen of a team game)."""

    badge: Badge
    exhaustion: ExhaustionView


class RevealView(Struct, frozen=True):
    round: int
    card_title: str
    teams: tuple[TeamDecisionView, ...]
    split: bool  # the teams that played chose differently
    poll: PollView | None  # a poll card, with the counts recorded
    deliberation: int  # seconds used


class TeamMapView(Struct, frozen=True):
    badge: Badge
    map: MapView


class TeamResultView(Struct, frozen=True):
    badge: Badge
    end: tuple[QuadrantView, ...]
    meters: tuple[MeterView, ...]
    spent: tuple[Amount, ...]
    spent_total: int
    tally: tuple[int, int]  # (affirmatief, transformatief)
    ending_title: str | None  # None when the game was ended before this team finished
    decisions: int
    ran_out: tuple[str, ...] = ()  # its game ended on the budget: the meters (names) it was short of
    empty: tuple[str, ...] = ()  # the meters (names) at 0 at its end, whatever its ending


class SplitView(Struct, frozen=True):
    """A card on which the teams that played it did not all choose the same."""

    card_id: str
    card_title: str
    picks: tuple[tuple[Badge, ChoiceView | None], ...]  # per team; None: it did not play the card


class TeamDebriefView(Struct, frozen=True):
    title: str
    start: tuple[QuadrantView, ...]
    desired: tuple[QuadrantView, ...] | None
    teams: tuple[TeamResultView, ...]
    splits: tuple[SplitView, ...]
    ended_early: bool
    reflect: tuple[str, ...] = ()  # the scenario's questions for the debrief


def badge(team: teams.Team) -> Badge:
    return Badge(team.number, team.name, team.colour, team.symbol)


def timer_view(timer: teams.Timer) -> TimerView:
    return TimerView(
        math.ceil(timer.limit_ms / 1000), math.ceil(timer.remaining_ms / 1000), timer.running, timer.expired
    )


class TeamPresenter:
    """Team play as view data in one language."""

    def __init__(self, scenario: Scenario, lang: str) -> None:
        self.scenario = scenario
        self.presenter = Presenter(scenario, lang)
        self.seen: dict[int, tuple[Seat, bool, TeamRoundView]] = {}  # per team: its last seat's view

    def round(self, play: TeamPlay) -> RoundView:
        card = teams.room_card(self.scenario, play)
        assert card is not None, "a round is open only while a game runs"
        numbers = teams.playing(self.scenario, play)
        first = play.seats[numbers[0] - 1].game
        spans = [progress.ahead(self.scenario, play.seats[n - 1].game) for n in numbers]
        return RoundView(
            play.rounds + 1,
            self.presenter.card(first),
            tuple(self._seat(seat, seat.team.number in numbers) for seat in play.seats),
            tuple(play.seats[n - 1].team.name for n in teams.waiting_for(self.scenario, play)),
            timer_view(play.timer),
            progress.Ahead(min(a.fewest for a in spans), max(a.most for a in spans)),
        )

    def _seat(self, seat: Seat, plays: bool) -> TeamRoundView:
        """A team's row; the same seat (a pick changes only its own) is not made again: a round's view is
        made anew on every team's pick."""
        seen = self.seen.get(seat.team.number)
        if seen is not None and seen[0].game is seat.game and seen[0].team is seat.team and seen[1] == plays:
            view = seen[2]
            picked = seat.pick is not None
            return view if view.picked == picked else replace(view, picked=picked)
        view = self._seat_view(seat, plays)
        self.seen[seat.team.number] = (seat, plays, view)
        return view

    def _seat_view(self, seat: Seat, plays: bool) -> TeamRoundView:
        game = seat.game
        card = rules.current_card(self.scenario, game) if plays else None
        own = rules.current_card(self.scenario, game)
        return TeamRoundView(
            badge(seat.team),
            plays,
            seat.pick is not None,
            self.presenter.choices(game, card) if card is not None else (),
            self.presenter.meters(game.meters),
            self.presenter.position(game.position),
            game.over,
            self.presenter.t(own.title) if own is not None and not plays else None,
            self.short_of(game),
        )

    def short_of(self, game: GameState) -> tuple[str, ...]:
        """The meters (names) a game that ended on the budget was short of; () for any other game."""
        exhaustion = self.presenter.exhaustion(game)
        return tuple(m.name for m in exhaustion.short) if exhaustion is not None else ()

    def ran_out(self, play: TeamPlay) -> tuple[TeamOutView, ...]:
        """The teams whose budget ran out in the round just revealed (none outside a reveal)."""
        last = play.last
        if last is None:
            return ()
        found = []
        for seat, made in zip(play.seats, last.decisions, strict=True):
            exhaustion = self.presenter.exhaustion(seat.game) if made is not None else None
            if exhaustion is not None:
                found.append(TeamOutView(badge(seat.team), exhaustion))
        return tuple(found)

    def reveal(self, play: TeamPlay) -> RevealView:
        last = play.last
        assert last is not None, "a reveal exists only in the outcome phase"
        card = self.scenario.card(last.card)
        decisions = tuple(
            TeamDecisionView(
                badge(seat.team),
                self._decision(seat.game, made) if made else None,
                self.presenter.meters(seat.game.meters),
                self.short_of(seat.game) if made else (),
            )
            for seat, made in zip(play.seats, last.decisions, strict=True)
        )
        chosen = {d.choice for d in last.decisions if d is not None}
        return RevealView(
            last.number,
            self.presenter.t(card.title),
            decisions,
            len(chosen) > 1,
            self.presenter.poll(card, last.counts),
            math.ceil(last.deliberation_ms / 1000),
        )

    def _decision(self, game: GameState, made: rules.Decision) -> DecisionView:
        states = rules.history(self.scenario, game)
        return self.presenter.decision(states, game.decisions.index(made))

    def maps(self, play: TeamPlay) -> tuple[TeamMapView, ...]:
        """Every team's kite and trail, for one shared quadrant map."""
        return tuple(TeamMapView(badge(s.team), self.presenter.map(s.game)) for s in play.seats)

    def debrief(self, play: TeamPlay) -> TeamDebriefView:
        s = self.scenario
        return TeamDebriefView(
            self.presenter.t(s.title),
            self.presenter.position(s.position),
            self.presenter.position(s.desired) if s.desired else None,
            tuple(self._result(seat) for seat in play.seats),
            self.splits(play),
            play.ended_early,
            tuple(self.presenter.t(q) for q in s.reflect),
        )

    def _result(self, seat: Seat) -> TeamResultView:
        game = seat.game
        spent = tuple(start - level for start, level in zip(self.scenario.budget, game.meters, strict=True))
        ending = rules.ending_of(self.scenario, game)
        return TeamResultView(
            badge(seat.team),
            self.presenter.position(game.position),
            self.presenter.meters(game.meters),
            self.presenter.amounts(spent, of_meters=True, keep_zero=True),
            sum(spent),
            game.tally,
            self.presenter.t(ending.title) if ending else None,
            len(game.decisions),
            self.short_of(game),
            self.presenter.empty(game),
        )

    def splits(self, play: TeamPlay) -> tuple[SplitView, ...]:
        """The cards, in list order, where the teams that played them chose differently."""
        found: list[SplitView] = []
        histories = [rules.history(self.scenario, seat.game) for seat in play.seats]
        for card in self.scenario.cards:
            picks: list[tuple[Badge, ChoiceView | None]] = []
            for seat, states in zip(play.seats, histories, strict=True):
                index = next((i for i, d in enumerate(seat.game.decisions) if d.card == card.id), None)
                made = None
                if index is not None and seat.game.decisions[index].choice is not None:
                    made = self.presenter.decision(states, index).choice
                picks.append((badge(seat.team), made))
            chosen = {view.id for _, view in picks if view is not None}
            if len(chosen) > 1:
                found.append(SplitView(card.id, self.presenter.t(card.title), tuple(picks)))
        return tuple(found)
