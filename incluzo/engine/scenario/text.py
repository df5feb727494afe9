"""Texts that exist in one or more languages."""

from __future__ import annotations

from msgspec import Struct


class Text(Struct, frozen=True):
    """A text per language, e.g. Text((("nl", "Kaart"), ("en", "Card")))."""

    values: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, value: str | dict[str, str], language: str = "nl") -> Text:
        if isinstance(value, str):
            return cls(((language, value),))
        return cls(tuple(value.items()))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.values)

    def get(self, language: str, fallback: str | None = None) -> str:
        """The text in `language`, else in `fallback`, else the first one given."""
        found = dict(self.values)
        if language in found:
            return found[language]
        if fallback is not None and fallback in found:
            return found[fallback]
        return self.values[0][1] if self.values else ""

    def __len__(self) -> int:
        return max((len(text) for _, text in self.values), default=0)


EMPTY = Text(())
