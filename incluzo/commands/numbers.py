"""Numbers in the reader's language: 10.000 and 2,5 in Dutch, 10,000 and 2.5 in English."""

from __future__ import annotations

from typing import Any

_DUTCH = str.maketrans(",.", ".,")


class Localised:
    """A number that formats with the language's separators (`f"{Localised(10000, 'nl'):,}"` is 10.000)."""

    def __init__(self, value: float, lang: str) -> None:
        self.value, self.lang = value, lang

    def __format__(self, spec: str) -> str:
        text = format(self.value, spec)
        return text.translate(_DUTCH) if self.lang == "nl" else text


def localised(values: dict[str, Any], lang: str) -> dict[str, Any]:
    """Format values: every number formats in `lang` (texts as they are)."""
    return {
        key: Localised(value, lang)
        if isinstance(value, int | float) and not isinstance(value, bool)
        else value
        for key, value in values.items()
    }
