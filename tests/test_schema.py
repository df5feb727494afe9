"""The JSON Schema for editors: from the loader's tables, kept in docs/, accepting what check accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from scenario_text import SMALL
from testsupport import ROOT, SCENARIOS

from incluzo.engine.scenario import loader, schema
from incluzo.engine.scenario.skeleton import skeleton

STORED = ROOT / "docs" / "scenario.schema.json"
TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
}


def errors(value: Any, rule: dict[str, Any], root: dict[str, Any], path: str = "$") -> list[str]:
    """The draft-07 keywords the incluzo schema uses, checked (enough to prove it accepts and refuses)."""
    if "$ref" in rule:
        target = root
        for part in rule["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return errors(value, target, root, path)
    found: list[str] = []
    kinds = rule.get("type")
    if kinds is not None:
        names = kinds if isinstance(kinds, list) else [kinds]
        if not any(
            isinstance(value, TYPES[n]) and (n == "boolean") == isinstance(value, bool) for n in names
        ):
            return [f"{path}: {value!r} is not {kinds}"]
    if "enum" in rule and value not in rule["enum"]:
        found.append(f"{path}: {value!r} not in {rule['enum']}")
    if "anyOf" in rule and all(errors(value, option, root, path) for option in rule["anyOf"]):
        found.append(f"{path}: {value!r} matches no option")
    if isinstance(value, str):
        if "pattern" in rule and not re.search(rule["pattern"], value):
            found.append(f"{path}: {value!r} does not match {rule['pattern']}")
        if len(value) > rule.get("maxLength", len(value)):
            found.append(f"{path}: too long")
    if isinstance(value, int) and not rule.get("minimum", value) <= value <= rule.get("maximum", value):
        found.append(f"{path}: {value} out of range")
    if isinstance(value, list):
        if not rule.get("minItems", 0) <= len(value) <= rule.get("maxItems", len(value)):
            found.append(f"{path}: {len(value)} items")
        for i, item in enumerate(value):
            found += errors(item, rule.get("items", {}), root, f"{path}[{i}]")
    if isinstance(value, dict):
        found += [f"{path}: missing {key}" for key in rule.get("required", []) if key not in value]
        if len(value) < rule.get("minProperties", 0):
            found.append(f"{path}: empty")
        for key, item in value.items():
            if "propertyNames" in rule:
                found += errors(str(key), rule["propertyNames"], root, f"{path}.{key}")
            if key in rule.get("properties", {}):
                found += errors(item, rule["properties"][key], root, f"{path}.{key}")
            elif rule.get("additionalProperties") is False:
                found.append(f"{path}: unknown key {key}")
            elif isinstance(rule.get("additionalProperties"), dict):
                found += errors(item, rule["additionalProperties"], root, f"{path}.{key}")
    return found


def validate(text: str) -> list[str]:
    built = schema.schema()
    return errors(yaml.safe_load(text), built, built)


def test_the_stored_copy_is_what_incluzo_schema_prints() -> None:
    assert STORED.read_text("utf-8") == schema.render(), "run: incluzo schema -o docs/scenario.schema.json"


def test_the_schema_has_exactly_the_loaders_keys_and_required_keys() -> None:
    built = schema.schema()
    definitions = built["definitions"]
    tables = {
        "card": loader.CARD_KEYS,
        "choice": loader.CHOICE_KEYS,
        "ending": loader.ENDING_KEYS,
        "poll": loader.POLL_KEYS,
        "option": loader.OPTION_KEYS,
    }
    pairs = [(loader.SCENARIO_KEYS, built), *((keys, definitions[name]) for name, keys in tables.items())]
    for keys, rule in pairs:
        assert list(rule["properties"]) == list(keys)
        assert rule["required"] == [key for key, required in keys.items() if required]
        assert rule["additionalProperties"] is False


def test_a_key_without_a_description_stops_the_schema_from_being_built() -> None:
    with pytest.raises(ValueError, match=r"missing \['new-key'\], extra \['old-key'\]"):
        schema._object({"new-key": True}, {"old-key": {}}, "")


def test_the_schema_uses_the_loaders_limits() -> None:
    built = schema.schema()
    assert built["properties"]["cards"]["maxItems"] == loader.MAX_CARDS
    assert built["definitions"]["id"]["pattern"] == loader.ID_PATTERN.pattern
    assert built["definitions"]["card"]["properties"]["choices"]["minItems"] == 2


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_shipped_scenario_is_valid_and_points_editors_at_the_schema(path: Path) -> None:
    text = path.read_text("utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../docs/scenario.schema.json"
    assert validate(text) == []


def test_the_skeleton_and_the_test_scenario_are_valid() -> None:
    assert validate(skeleton("nieuw")) == []
    assert validate(SMALL) == []


def test_the_schema_refuses_what_check_refuses() -> None:
    broken = SMALL.replace("recognition: affirmatief", "recognition: bevestigend", 1).replace(
        "    text: Na zes weken.", "    tekst: Na zes weken."
    )
    assert validate(broken) == [
        "$.cards[0].choices[0].recognition: 'bevestigend' not in ['affirmatief', 'transformatief']",
        "$.cards[2]: missing text",
        "$.cards[2]: unknown key tekst",
    ]


def test_the_schema_is_json_an_editor_can_read() -> None:
    parsed = json.loads(schema.render())
    assert parsed["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert parsed["properties"]["format"]["enum"] == [1, "1"]  # YAML's `format: "1"` is read alike
