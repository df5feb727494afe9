"""Key paths like `cards[2].choices[1].cost` to a line and column in the scenario file."""

from __future__ import annotations

import re
from functools import cached_property

from incluzo.engine.scenario.model import Card, Ending, Scenario
from incluzo.engine.scenario.problems import Problem, ScenarioError, Severity
from incluzo.engine.scenario.yamlsource import compose
from incluzo.lazy import yaml

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_MODEL_PATH = re.compile(r"^(cards|endings)\[(\d+)\](?:\.choices\[(\d+)\])?")


def steps(path: str) -> list[str | int]:
    """`cards[2].choices[1]` -> ['cards', 2, 'choices', 1]."""
    return [int(index) if index else key for key, index in _STEP.findall(path)]


class Locator:
    """Finds where a key path sits in the scenario text (parsed only when first asked).

    Without the text, the line numbers kept on cards, choices and endings are used, at column 1.
    """

    def __init__(self, scenario: Scenario, text: str | None = None) -> None:
        self.scenario = scenario
        self.text = text

    @cached_property
    def root(self) -> yaml.Node | None:
        if self.text is None:
            return None
        try:
            return compose(self.text, self.scenario.source)
        except ScenarioError:
            return None

    def where(self, path: str) -> tuple[int, int]:
        """The line and column (1-based) of the deepest node of `path` found in the file."""
        node = self.root
        if node is None:
            return self._from_model(path), 1
        for step in steps(path):
            child = _child(node, step)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _from_model(self, path: str) -> int:
        found = _MODEL_PATH.match(path)
        if found is None:
            return 1
        kind, index, choice = found.groups()
        items: tuple[Card | Ending, ...] = self.scenario.cards if kind == "cards" else self.scenario.endings
        if int(index) >= len(items):
            return 1
        item = items[int(index)]
        if choice is not None and isinstance(item, Card) and int(choice) < len(item.choices):
            return item.choices[int(choice)].line or 1
        return item.line or 1

    def problem(
        self,
        code: str,
        path: str,
        hint: str | None = None,
        hint_params: dict[str, object] | None = None,
        severity: Severity = Severity.WARNING,
        **params: object,
    ) -> Problem:
        """A problem located at `path` (a warning unless told otherwise)."""
        line, column = self.where(path)
        return Problem(
            code, self.scenario.source, line, column, path, params, hint, hint_params or {}, severity
        )


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(step, int):
        return node.value[step] if isinstance(node, yaml.SequenceNode) and step < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        return next(
            (
                value
                for key, value in node.value
                if isinstance(key, yaml.ScalarNode) and str(key.value) == step
            ),
            None,
        )
    return None


def card_path(scenario: Scenario, card_id: str) -> str:
    return f"cards[{scenario.index[card_id]}]"


def choice_path(scenario: Scenario, card_id: str, choice_id: str) -> str:
    card = scenario.card(card_id)
    return f"{card_path(scenario, card_id)}.choices[{[c.id for c in card.choices].index(choice_id)}]"


def ending_path(scenario: Scenario, ending_id: str) -> str:
    return f"endings[{[e.id for e in scenario.endings].index(ending_id)}]"
