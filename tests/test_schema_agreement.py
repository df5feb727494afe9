"""The JSON Schema (for editors) and `incluzo check` give the same verdict, on every shipped scenario
and on about a hundred variants of each: one small change a schema can judge (tests/schema_variants.py).

What a schema cannot say stays with `check` alone and is not varied here: ids that exist (`next`, the
names in a condition), conditions' grammar, positions summing to 100, ids used twice, and every text
having the scenario's languages. Verdict means errors: warnings never make a file invalid.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator
from schema_variants import CHANGES, variants
from testsupport import SCENARIOS

from incluzo.engine.scenario import schema
from incluzo.engine.scenario.loader import load_text
from incluzo.engine.scenario.problems import ScenarioError

VALIDATOR = Draft7Validator(schema.schema())
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def by_check(data: Any) -> bool:
    try:
        load_text(yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False), "variant.yaml")
    except ScenarioError:
        return False
    return True


def by_schema(data: Any) -> list[str]:
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def test_the_schema_is_valid_draft_07() -> None:
    Draft7Validator.check_schema(schema.schema())


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_schema_and_check_agree_on_every_variant(path: Path) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    tried = [("as shipped", data), *variants(data)]
    verdicts = {name: (by_check(variant), VALIDATOR.is_valid(variant)) for name, variant in tried}
    assert {name: v for name, v in verdicts.items() if v[0] != v[1]} == {}
    assert len(tried) >= 60
    assert verdicts["as shipped"] == (True, True)
    # both verdicts occur: the variants are not all accepted, nor all refused
    assert {v[0] for v in verdicts.values()} == {True, False}


def variant(name: str, path: Path = SCENARIOS[-1]) -> Any:
    data = yaml.safe_load(path.read_text("utf-8"))
    changed = CHANGES[name]
    assert changed(data), name
    return data


@pytest.mark.parametrize(
    "name",
    ["card when empty list", "card notes empty map", "translations capital", "format as text", "author true"],
)
def test_what_check_accepts_the_editor_no_longer_marks(name: str) -> None:
    data = variant(name)
    assert by_check(data) and by_schema(data) == []


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("card with choices and a cost", "cards.0"),
        ("card with choices and next", "cards.0"),
        ("model ocai", "cards.0.choices.0.move"),
        ("ocai quadrants without model", "position"),
        ("choice next End", "cards.0.choices.0.next"),
        ("card image outside", "cards.0.image"),
        ("card image windows absolute", "cards.0.image"),
    ],
)
def test_what_check_refuses_the_editor_marks_where_it_is(name: str, where: str) -> None:
    data = variant(name)
    assert not by_check(data)
    assert [e for e in by_schema(data) if e.startswith(f"{where}")], by_schema(data)


def test_a_poll_card_with_choices_is_marked_at_the_card() -> None:
    opening = next(p for p in SCENARIOS if p.stem == "opening")
    data = variant("poll card with choices", opening)
    assert not by_check(data)
    assert any(e.startswith("cards.1: False schema does not allow [") for e in by_schema(data)), by_schema(
        data
    )
