"""Does every card and outcome text of a scenario fit its box on the big screen?

`overflows()` lays out each card and each choice's outcome with the real scenes at a window size and
language and returns the blocks that do not fit: a card's situation text that needs a second page, a
choice label too long for its button, an outcome text that does not fit its first page. It needs no
window: it selects SDL's dummy display itself when there is none (`incluzo check` calls it).
"""

from __future__ import annotations

from msgspec import Struct

from incluzo.scenes import use_dummy_display_if_headless

use_dummy_display_if_headless()

from incluzo.engine.play import rules  # noqa: E402
from incluzo.engine.play.phases import Mode  # noqa: E402
from incluzo.engine.play.rules import Decision, GameState  # noqa: E402
from incluzo.engine.play.views import MapView, OutcomeView, Presenter  # noqa: E402
from incluzo.engine.scenario.model import Scenario  # noqa: E402
from incluzo.scenes.kit.base import Context  # noqa: E402
from incluzo.scenes.screens.card import CardScene  # noqa: E402
from incluzo.scenes.screens.outcome import OutcomeScene  # noqa: E402

SIZES = ((1280, 720), (3840, 2160))


class Overflow(Struct, frozen=True):
    """A text block that does not fit its box."""

    card: str
    field: str  # 'text', 'choices.<id>.label', 'choices', 'choices.<id>.outcome'
    needed: int  # pixels
    available: int
    size: tuple[int, int]
    lang: str

    def describe(self) -> str:
        width, height = self.size
        return (
            f"cards[{self.card}].{self.field}: needs {self.needed} px, has {self.available} px "
            f"at {width}x{height} ({self.lang})"
        )


def generous_state(scenario: Scenario, card_id: str) -> GameState:
    """A state on the card with every choice affordable, so labels are measured without reasons, and
    meters no wider than in play (their levels are printed in each choice's preview)."""
    costs = [cost for card in scenario.cards for choice in card.choices for cost in choice.cost]
    plenty = tuple(max(*scenario.budget, *costs, 9) for _ in scenario.budget)
    return GameState(meters=plenty, position=scenario.position, card=card_id)


def overflows(
    scenario: Scenario, size: tuple[int, int], lang: str, mode: Mode = Mode.GROUP
) -> list[Overflow]:
    """Every card and outcome block of `scenario` that does not fit at `size` in `lang`."""
    ctx = Context(lang, Mode(mode))
    presenter = Presenter(scenario, lang)
    found: list[Overflow] = []
    for card in scenario.cards:
        state = generous_state(scenario, card.id)
        scene = CardScene(ctx, presenter.card(state))
        scene.resize(size)
        found += [
            Overflow(card.id, name, needed, available, size, lang)
            for name, needed, available in scene.overflows()
        ]
        for choice in card.choices:
            result = rules.choose(scenario, state, choice.id)
            if not isinstance(result, rules.Outcome):
                continue
            outcome = _outcome_scene(ctx, presenter, state, result.decision)
            outcome.resize(size)
            found += [
                Overflow(card.id, f"choices.{choice.id}.outcome", needed, available, size, lang)
                for _, needed, available in outcome.overflows()
            ]
    return found


def _outcome_scene(ctx: Context, presenter: Presenter, before: GameState, decision: Decision) -> OutcomeScene:
    after = rules.choose(presenter.scenario, before, decision.choice or "")
    assert isinstance(after, rules.Outcome)
    view = OutcomeView(
        presenter.decision([before, after.state], 0),
        presenter.meters(after.state.meters),
        presenter.position(after.state.position),
    )
    map_view: MapView = presenter.map(after.state)
    return OutcomeScene(ctx, view, map_view)


def all_overflows(scenario: Scenario, sizes: tuple[tuple[int, int], ...] = SIZES) -> list[Overflow]:
    """Overflows at each size in every language the scenario has."""
    return [o for size in sizes for lang in scenario.languages for o in overflows(scenario, size, lang)]
