"""Scenarios that cost nothing (an opening with polls only) show no meters: there is nothing to spend."""

from __future__ import annotations

from typing import TypeVar

from msgspec.structs import replace

from incluzo.engine.play.views import BriefingView, CardView, DebriefView, OutcomeView, View
from incluzo.engine.scenario.model import Scenario

ViewT = TypeVar("ViewT", bound=View)


def has_costs(scenario: Scenario) -> bool:
    """Whether any choice or event card of the scenario spends from a meter."""
    return any(any(card.cost) or any(any(c.cost) for c in card.choices) for card in scenario.cards)


def without_meters(view: ViewT) -> ViewT:
    """The view with its meters left out, so the screens draw no meter bar, budget or spending."""
    if isinstance(view, BriefingView | CardView):
        return replace(view, meters=())
    if isinstance(view, OutcomeView):
        decision = replace(view.decision, meters_before=(), meters_after=())
        return replace(view, meters=(), decision=decision)
    if isinstance(view, DebriefView):
        return replace(view, meters=(), spent=(), empty=())
    return view
