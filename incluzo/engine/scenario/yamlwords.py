"""PyYAML's syntax errors in plain words, in Dutch and English, for a facilitator who writes YAML.

PyYAML says "mapping values are not allowed here" or "expected <block end>, but found
'<block mapping start>'"; a facilitator needs to hear what is wrong on the line and how it is
usually caused. Each rule matches PyYAML's own text (its problem and context); the first that
matches explains it. The line and column stay PyYAML's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from incluzo.engine.scenario.problems import Words

Rule = tuple[str, Callable[[re.Match[str]], Words]]


def _fixed(en: str, nl: str) -> Callable[[re.Match[str]], Words]:
    return lambda _: Words(en, nl)


def _start_character(found: re.Match[str]) -> Words:
    char = found.group(1)
    return Words(
        f"a text cannot start with '{char}': put the whole text in quotes (\"...\")",
        f"een tekst kan niet beginnen met '{char}': zet de hele tekst tussen aanhalingstekens (\"...\")",
    )


# (pattern over "context | problem", explanation); the first match wins
RULES: tuple[Rule, ...] = (
    (
        r"'\\t'|tab character",
        _fixed(
            "this line is indented with a tab; YAML indents with spaces only",
            "deze regel springt in met een tab; YAML springt alleen in met spaties",
        ),
    ),
    (
        r"mapping values are not allowed here",
        _fixed(
            "a ':' stands where no key can begin: a text with ': ' in it must be in quotes (or written "
            "on the next lines after '>'), or this line is indented deeper than the key above it",
            "hier staat een ':' waar geen sleutel kan beginnen: een tekst met ': ' erin moet tussen "
            "aanhalingstekens (of op de volgende regels na '>'), of deze regel springt verder in dan de "
            "sleutel erboven",
        ),
    ),
    (
        r"could not find expected ':'",
        _fixed(
            "a line without 'key: value' where a key was expected; a text that goes on to the next line "
            "must be indented under its key",
            "een regel zonder 'sleutel: waarde' waar een sleutel hoort; een tekst die doorloopt op de "
            "volgende regel moet onder zijn sleutel inspringen",
        ),
    ),
    (
        r"quoted scalar.*unexpected end of stream",
        _fixed(
            "a quote (\" or ') is opened and never closed",
            "een aanhalingsteken (\" of ') wordt geopend en nergens gesloten",
        ),
    ),
    (
        r"expected <block end>, but found '<scalar>'",
        _fixed(
            "a text goes on after its closing quote; inside a '...' text write an apostrophe twice ('')",
            "een tekst gaat door na het sluitende aanhalingsteken; binnen een '...'-tekst schrijf je een "
            "apostrof dubbel ('')",
        ),
    ),
    (
        r"expected <block end>|did not find expected (key|'-' indicator)",
        _fixed(
            "this line does not line up with the lines above it: the keys of one map, and the items "
            "(- ...) of one list, start in the same column",
            "deze regel staat niet recht onder de regels erboven: de sleutels van één map en de "
            "onderdelen (- ...) van één lijst beginnen in dezelfde kolom",
        ),
    ),
    (
        r"expected ',' or '\]'",
        _fixed(
            "a list in [ ] is not closed with ']', or an item in it holds ':' or ',' and needs quotes",
            "een lijst tussen [ ] wordt niet gesloten met ']', of een onderdeel erin bevat ':' of ',' en "
            "moet tussen aanhalingstekens",
        ),
    ),
    (
        r"expected ',' or '\}'",
        _fixed(
            "a map in { } is not closed with '}', or a value in it holds ':' or ',' and needs quotes",
            "een map tussen { } wordt niet gesloten met '}', of een waarde erin bevat ':' of ',' en moet "
            "tussen aanhalingstekens",
        ),
    ),
    (r"found character '(.+?)' that cannot start any token", _start_character),
    (
        r"block scalar.*expected a comment or a line break",
        _fixed(
            "after '>' or '|' the text begins on the next line, indented; nothing may follow on this line",
            "na '>' of '|' begint de tekst op de volgende regel, ingesprongen; op deze regel mag niets "
            "meer volgen",
        ),
    ),
    (
        r"unknown escape character",
        _fixed(
            "a backslash (\\) in a \"...\" text starts a code; write \\\\ for a backslash, or use '...'",
            'een backslash (\\) in een "..."-tekst begint een code; schrijf \\\\ voor een backslash, of '
            "gebruik '...'",
        ),
    ),
    (
        r"document start|single document|another document",
        _fixed(
            "the file goes on after the scenario has ended: a line '---' or '...', or a line indented "
            "less than the one before it",
            "het bestand gaat door na het einde van het scenario: een regel '---' of '...', of een regel "
            "die minder inspringt dan de regel ervoor",
        ),
    ),
)


def explain(context: str | None, problem: str | None) -> tuple[Words, str | None]:
    """PyYAML's `context` and `problem` as plain words, and the hint key to add: none when the words
    say what to do, the general YAML hint when no rule knows PyYAML's text (then shown as it is)."""
    said = " | ".join(str(part) for part in (context, problem) if part)
    for pattern, words in RULES:
        found = re.search(pattern, said)
        if found:
            return words(found), None
    return Words(f"YAML cannot read this ({said})", f"YAML kan dit niet lezen ({said})"), "yaml_syntax"


def forbidden_character(code: int | None) -> Words:
    """A character YAML does not allow in a file (a control character), by its code point."""
    if code is None:
        return Words("a character is not allowed in YAML text", "een teken mag niet in YAML-tekst staan")
    return Words(
        f"character U+{code:04X} is not allowed in YAML text",
        f"het teken U+{code:04X} mag niet in YAML-tekst staan",
    )
