"""YAML syntax errors in plain words, in the chosen language, at PyYAML's line and column."""

from __future__ import annotations

import pytest

from incluzo.engine.scenario.problems import ScenarioError
from incluzo.engine.scenario.yamlsource import compose

JARGON = ("mapping values", "block end", "block mapping", "scalar", "token", "stream", "simple key")

# (broken text, line, column, words in the English message, words in the Dutch one)
CASES = {
    "colon in a text": ("id: x\ntitle: Dit is: fout\n", 2, 14, "in quotes", "tussen aanhalingstekens"),
    "key indented deeper": ("id: x\n  title: y\n", 2, 8, "indented deeper", "verder in"),
    "key indented less": ("cards:\n  - id: a\n    title: b\n   text: c\n", 4, 4, "line up", "recht onder"),
    "tab": ("id: x\ncards:\n\t- id: a\n", 3, 1, "with a tab", "met een tab"),
    "line without colon": ("id: x\ntitle\nlanguage: nl\n", 3, 1, "'key: value'", "'sleutel: waarde'"),
    "quote never closed": ('id: x\ntitle: "abc\nlanguage: nl\n', 4, 1, "never closed", "nergens gesloten"),
    "list never closed": ("a: [1, 2\n", 2, 1, "not closed with ']'", "niet gesloten met ']'"),
    "map never closed": ("a: {b: 1\nc: 2\n", 2, 2, "not closed with '}'", "niet gesloten met '}'"),
    "text starting with @": ("title: @school\n", 1, 8, "start with '@'", "beginnen met '@'"),
    "text after >": ("text: > hallo\n  meer\n", 1, 9, "after '>'", "na '>'"),
    "apostrophe in a quoted text": ("title: 'it's fine'\n", 1, 12, "apostrophe twice", "apostrof dubbel"),
    "list item in a map": ("id: x\n- a\n", 2, 1, "line up", "recht onder"),
    "bad escape": ('a: "\\q"\n', 1, 6, "backslash", "backslash"),
    "second document": ("a: 1\n---\nb: 2\n", 2, 1, "goes on after", "gaat door na"),
    "control character": ("a: b\x07\n", 1, 5, "U+0007 is not allowed", "U+0007 mag niet"),
}


@pytest.mark.parametrize("name", CASES)
def test_a_syntax_error_is_said_plainly_in_both_languages_at_its_place(name: str) -> None:
    text, line, column, english, dutch = CASES[name]
    with pytest.raises(ScenarioError) as raised:
        compose(text, "s.yaml")
    (problem,) = raised.value.problems
    assert (problem.code, problem.line, problem.column) == ("INC002", line, column)
    said = {lang: problem.format(lang) for lang in ("en", "nl")}
    assert english in said["en"] and said["en"].startswith(
        f"s.yaml:{line}:{column}: error: this is not valid YAML"
    )
    assert dutch in said["nl"] and "dit is geen geldige YAML" in said["nl"]
    for lang, words in said.items():
        assert not any(term in words for term in JARGON), (lang, words)
