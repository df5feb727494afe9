"""docs/scenario-format.md names every top-level key the scenario schema knows, `model:` included."""

from __future__ import annotations

import json
import re

from testsupport import ROOT

from incluzo.engine.scenario.model import available_models

PAGE = (ROOT / "docs" / "scenario-format.md").read_text("utf-8")
SCHEMA = json.loads((ROOT / "docs" / "scenario.schema.json").read_text("utf-8"))


def test_every_top_level_key_is_in_the_overview() -> None:
    overview = PAGE.split("```yaml", 1)[1].split("```", 1)[0]
    top = set(re.findall(r"^([a-z_]+):", overview, flags=re.MULTILINE))
    assert set(SCHEMA["properties"]) - top == set()


def test_model_and_each_model_it_can_name_are_documented() -> None:
    assert "**`model:`**" in PAGE
    for model in available_models():
        assert f"`{model}`" in PAGE, model
