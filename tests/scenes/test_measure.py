"""Every card and outcome text of every shipped scenario fits its box on a small and a 4K screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from incluzo.engine.scenario.loader import load_file, load_text
from incluzo.scenes.screens.measure import all_overflows, overflows

SHIPPED = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))
PROEF = Path(__file__).parent / "data" / "proef.yaml"


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_card_of_a_shipped_scenario_fits_at_720p_and_4k(path: Path) -> None:
    found = all_overflows(load_file(path), ((1280, 720), (3840, 2160)))
    assert [o.describe() for o in found] == []


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_the_situation_text_of_every_shipped_card_fits_one_page_at_1080p(path: Path) -> None:
    found = all_overflows(load_file(path), ((1920, 1080),))
    assert [o.describe() for o in found if o.field == "text"] == []


def test_a_label_too_long_for_its_button_and_a_text_too_long_for_a_page_are_reported() -> None:
    text = PROEF.read_text("utf-8")
    long_label = " ".join(["Een hele lange keuze met veel woorden."] * 16)
    long_text = " ".join(["Een lange situatie in de klas."] * 60)
    text = text.replace(
        "label: {nl: Een aparte plek, en: A separate place}", f"label: {{nl: {long_label}, en: Short}}"
    )
    text = text.replace(
        "text: {nl: Nog een keuze., en: One more choice.}", f"text: {{nl: {long_text}, en: Short}}"
    )
    found = overflows(load_text(text), (1280, 720), "nl")
    fields = {(o.card, o.field) for o in found}
    assert ("eerste", "choices.apart.label") in fields
    assert ("tweede", "text") in fields
    label = next(o for o in found if o.field == "choices.apart.label")
    assert label.needed > label.available
    assert overflows(load_text(text), (1280, 720), "en") == []
