"""Scarcity in the view data: meter levels against their start, and what each choice leaves."""

from __future__ import annotations

from pathlib import Path

from incluzo.engine.play import rules
from incluzo.engine.play.views import MeterView, Presenter
from incluzo.engine.scenario.loader import load_file

PROEF = Path(__file__).parent / "scenes" / "data" / "proef.yaml"


def test_a_meter_is_low_at_a_third_of_its_start_and_empty_at_zero() -> None:
    assert not MeterView("k", "Kwaliteit", "K", 4, 9).low
    assert MeterView("k", "Kwaliteit", "K", 3, 9).low
    assert MeterView("k", "Kwaliteit", "K", 0, 9).empty
    assert not MeterView("k", "Kwaliteit", "K", 0, 9).low


def test_each_choice_previews_what_it_leaves_and_warns_when_it_empties_a_meter() -> None:
    scenario = load_file(PROEF)
    card = Presenter(scenario, "nl").card(rules.begin(scenario))
    apart = next(c for c in card.choices if c.id == "apart")
    assert [(c.name, c.before, c.after) for c in apart.leaves] == [
        ("Kwaliteit", 3, 2),
        ("Toegankelijkheid", 3, 2),
        ("Betaalbaarheid", 2, 0),
    ]
    assert apart.empties == ("Betaalbaarheid",)
    together = next(c for c in card.choices if c.id != "apart" and c.affordable)
    assert all(cost.amount for cost in together.costs)  # a free meter is not printed
    assert together.empties == ()


def test_english_screens_name_meters_in_full_without_dutch_letters() -> None:
    scenario = load_file(PROEF)
    card = Presenter(scenario, "en").card(rules.begin(scenario))
    assert [m.name for m in card.meters] == ["Quality", "Access", "Affordability"]
    assert {m.symbol for m in card.meters} == {""}
