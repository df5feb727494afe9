"""Does every card of a scenario fit one screen in team play, for 1 to 6 teams?

`round_overflows` lays out each card's round with the real scene (the team panel full) and reports
the cards whose situation text or choices do not fit one screen; `reveal_overflows` lays out each
card's reveal, every team on one choice and the teams spread over the choices, at each step, and
reports the steps that need a second page. Like
`screens.measure`, it needs no window.
"""

from __future__ import annotations

from collections.abc import Iterator

from msgspec import Struct

from incluzo.scenes import use_dummy_display_if_headless

use_dummy_display_if_headless()

from incluzo.engine.play import rules  # noqa: E402
from incluzo.engine.play.phases import Mode  # noqa: E402
from incluzo.engine.play.teams import PALETTE, SYMBOLS  # noqa: E402
from incluzo.engine.play.teamviews import (  # noqa: E402
    Badge,
    RevealView,
    RoundView,
    TeamDecisionView,
    TeamRoundView,
    TimerView,
)
from incluzo.engine.play.views import Presenter  # noqa: E402
from incluzo.engine.scenario.model import Card, Scenario  # noqa: E402
from incluzo.scenes.kit.base import Context  # noqa: E402
from incluzo.scenes.screens.measure import generous_state  # noqa: E402
from incluzo.scenes.teams.reveal import TeamRevealScene  # noqa: E402
from incluzo.scenes.teams.rounds import TeamRoundScene  # noqa: E402

NAMES = ("Rood", "Blauw", "Groen", "De Uilen van groep acht", "Vossen", "Team met een erg lange naam")
TIMER = TimerView(120, 120, True, False)


class Misfit(Struct, frozen=True):
    """A team screen of one card that does not fit one screen."""

    card: str
    screen: str  # 'round', or 'reveal (all on A), step 2'
    size: tuple[int, int]
    lang: str
    teams: int

    def describe(self) -> str:
        width, height = self.size
        where = f"{width}x{height} ({self.lang}, {self.teams} teams)"
        return f"cards[{self.card}]: the {self.screen} does not fit one screen at {where}"


def badges(count: int) -> list[Badge]:
    return [Badge(n + 1, NAMES[n % len(NAMES)], PALETTE[n], SYMBOLS[n]) for n in range(count)]


def round_scene(scenario: Scenario, card: Card, ctx: Context, count: int) -> TeamRoundScene:
    """The round of `card` with `count` teams, every one with the scenario's budget, none chosen yet."""
    presenter = Presenter(scenario, ctx.lang)
    state = generous_state(scenario, card.id)
    view = presenter.card(state)
    teams = tuple(
        TeamRoundView(b, True, False, view.choices, presenter.meters(scenario.budget), view.position, False)
        for b in badges(count)
    )
    return TeamRoundScene(ctx, RoundView(1, view, teams, (), TIMER))


def reveal_scene(scenario: Scenario, card: Card, ctx: Context, picks: list[str]) -> TeamRevealScene:
    """The reveal of `card` where team n chose picks[n]."""
    presenter = Presenter(scenario, ctx.lang)
    state = generous_state(scenario, card.id)
    decisions = []
    for badge, pick in zip(badges(len(picks)), picks, strict=True):
        outcome = rules.choose(scenario, state, pick)
        assert isinstance(outcome, rules.Outcome), outcome
        decision = presenter.decision([state, outcome.state], 0)
        decisions.append(TeamDecisionView(badge, decision, presenter.meters(outcome.state.meters)))
    view = RevealView(1, presenter.t(card.title), tuple(decisions), len(set(picks)) > 1, None, 60)
    return TeamRevealScene(ctx, view)


def spreads(scenario: Scenario, card: Card, count: int) -> Iterator[tuple[str, list[str]]]:
    """Ways `count` teams may choose: all on each choice offered, and spread over them in turn."""
    ids = [c.id for c in rules.offered(scenario, generous_state(scenario, card.id), card)]
    for choice in ids:
        yield f"all on {choice}", [choice] * count
    yield "spread", [ids[n % len(ids)] for n in range(count)]


def round_overflows(scenario: Scenario, size: tuple[int, int], lang: str, count: int) -> list[Misfit]:
    """The cards whose round needs a second page (or cannot keep its choices in view)."""
    ctx = Context(lang, Mode.TEAMS)
    found = []
    for card in scenario.cards:
        scene = round_scene(scenario, card, ctx, count)
        scene.resize(size)
        assert scene.paged is not None
        if scene.paged.count > 1 or (scene.options() and not scene.choice_page):
            found.append(Misfit(card.id, "round", size, lang, count))
    return found


def reveal_overflows(scenario: Scenario, size: tuple[int, int], lang: str, count: int) -> list[Misfit]:
    """The reveal steps that need a second page."""
    ctx = Context(lang, Mode.TEAMS)
    found = []
    for card in scenario.cards:
        if not card.choices:
            continue
        for spread, picks in spreads(scenario, card, count):
            scene = reveal_scene(scenario, card, ctx, picks)
            scene.resize(size)
            for step in range(1, scene.steps + 1):
                scene.wanted = step
                scene.relayout()
                if not scene.fits():
                    found.append(Misfit(card.id, f"reveal ({spread}), step {step}", size, lang, count))
    return found
