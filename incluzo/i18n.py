"""The UI's own words in Dutch and English, from one catalog: incluzo/data/messages.yaml.

Scenario text comes from the scenario (via the engine's views); everything the screens add
(buttons, headings, help) comes from here. Dutch is the default.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


@cache
def catalog() -> dict[str, dict[str, str]]:
    """Every message key with its text per language."""
    text = resources.files("incluzo").joinpath("data", "messages.yaml").read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: a quicker start
    loaded: dict[str, dict[str, str]] = yaml.load(text, Loader=loader)
    return loaded


def message(key: str, lang: str, **params: Any) -> str:
    """The message `key` in `lang` (Dutch when missing), with {params} filled in."""
    texts = catalog()[key]
    return texts.get(lang, texts[DEFAULT_LANGUAGE]).format(**params)


class Messages:
    """The catalog bound to one language: `say("next")`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **params: Any) -> str:
        return message(key, self.lang, **params)
