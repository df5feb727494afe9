"""The UI's own words, one catalog per language: incluzo/data/messages/<lang>.yaml.

Scenario text comes from the scenario (via the engine's views); everything the screens and commands add
(buttons, headings, help, errors) comes from here, by key: `say("card.progress", number=2, ahead="nog 1-3")`.
A language is a catalog file, nothing else: the languages offered are the files found (Dutch, the
default, first). Besides its messages a catalog names its language, the key that picks it on the
start screen, its hyphenation dictionary, the key for "yes" and its plural rule.

Plural forms: a placeholder with forms after a colon, `{count:# time|# times}`, takes the first form
for the numbers the catalog's `plural.one` lists and the second for the rest; `#` is the number.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from msgspec import Struct

from incluzo import parsecache
from incluzo.lazy import yaml

DEFAULT_LANGUAGE = "nl"
FOLDER = ("data", "messages")


class Catalog(Struct, frozen=True):
    """One language's words and what the game needs to know about the language itself."""

    lang: str
    name: str  # the language's own name, as the start screen offers it
    key: str  # the key that picks it on the start screen
    hyphenation: str  # pyphen's dictionary for breaking long words
    yes_key: str  # the key that answers "yes" to a question
    no_key: str  # and "no"
    decimal_mark: str  # "," in 7,50
    plural_one: frozenset[int]  # numbers that take a plural placeholder's first form
    names: Mapping[str, str]  # other languages' names in this one (optional, shown beside their own)
    messages: Mapping[str, str]


def folder() -> Traversable:
    return resources.files("incluzo").joinpath(*FOLDER)


def read_catalog(lang: str, text: str) -> Catalog:
    """A catalog from its YAML text (`lang` is its file name without .yaml)."""
    return catalog_of(lang, parse(text))


def parse(text: str) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: a quicker start
    data: dict[str, Any] = yaml.load(text, Loader=loader)
    return data


def catalog_of(lang: str, data: dict[str, Any]) -> Catalog:
    """A catalog from its parsed YAML."""
    language = data["language"]
    return Catalog(
        lang,
        str(language["name"]),
        str(language["key"]),
        str(language["hyphenation"]),
        str(language["yes_key"]),
        str(language["no_key"]),
        str(language["decimal_mark"]),
        frozenset(int(n) for n in language["plural"]["one"]),
        {str(k): str(v) for k, v in (language.get("names") or {}).items()},
        {str(k): str(v) for k, v in data["messages"].items()},
    )


@cache
def languages() -> tuple[str, ...]:
    """The languages a player can choose: one per catalog file, Dutch first. Only the folder is listed;
    a catalog is read when its language is first used (a game in Dutch never parses English)."""
    found = (entry.name.removesuffix(".yaml") for entry in folder().iterdir() if entry.name.endswith(".yaml"))
    return tuple(sorted(found, key=lambda lang: (lang != DEFAULT_LANGUAGE, lang)))


@cache
def read_language(lang: str) -> Catalog:
    """The shipped catalog of `lang`, read once; its YAML is parsed only when the data folder has no
    parsed copy of this very file (parsecache: some 15 ms of the first frame saved)."""
    source = folder().joinpath(f"{lang}.yaml").read_bytes()

    def fits(raw: object) -> dict[str, Any] | None:
        return raw if isinstance(raw, dict) and _readable(lang, raw) else None

    return catalog_of(
        lang, parsecache.parsed(f"catalog-{lang}", source, lambda: parse(source.decode()), fits)
    )


def _readable(lang: str, data: dict[str, Any]) -> bool:
    """Whether a parsed copy makes a catalog (a damaged one is parsed again)."""
    try:
        catalog_of(lang, data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    return True


def catalogs() -> dict[str, Catalog]:
    """Every catalog shipped, by language; the default language first."""
    return {lang: read_language(lang) for lang in languages()}


def catalog_for(lang: str) -> Catalog:
    """The catalog of `lang`; the default language's for a language without one."""
    return read_language(lang if lang in languages() else DEFAULT_LANGUAGE)


class _Words(string.Formatter):
    """str.format with plural forms: `{count:# item|# items}`."""

    def __init__(self, plural_one: frozenset[int]) -> None:
        self.plural_one = plural_one

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" not in format_spec:
            return str(super().format_field(value, format_spec))
        one, other = format_spec.split("|", 1)
        form = one if isinstance(value, int) and value in self.plural_one else other
        return form.replace("#", str(value))


def message(key: str, lang: str, /, **params: Any) -> str:
    """The message `key` in `lang`, with {params} filled in and plural forms chosen."""
    found = catalog_for(lang)
    text = found.messages.get(key)
    if text is None:  # a catalog that lacks a key (the tests see that none does): the default's words
        found = catalog_for(DEFAULT_LANGUAGE)
        text = found.messages[key]
    return _Words(found.plural_one).format(text, **params)


def translations(key: str) -> tuple[tuple[str, str], ...]:
    """(language, words) of `key` in every catalog: the engine's own texts (its built-in endings) are
    built from these, so they exist in every language there is a catalog for."""
    return tuple((lang, found.messages[key]) for lang, found in catalogs().items())


def placeholders(text: str) -> set[str]:
    """The names a message fills in (its plural forms left out)."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


class Messages:
    """The catalog bound to one language: `say("key.next")`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **params: Any) -> str:
        return message(key, self.lang, **params)
