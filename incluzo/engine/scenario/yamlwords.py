"""PyYAML's syntax errors in plain words, for a facilitator who writes YAML.

PyYAML says "mapping values are not allowed here" or "expected <block end>, but found
'<block mapping start>'"; a facilitator needs to hear what is wrong on the line and how it is
usually caused. Each rule matches PyYAML's own text (its problem and context); the first that
matches explains it, as a phrase of the catalogs (`yaml.<name>`). The line and column stay PyYAML's.
"""

from __future__ import annotations

import re

from incluzo.engine.scenario.problems import Phrase, said

# (pattern over "context | problem", the catalog's words for it); the first match wins
RULES: tuple[tuple[str, str], ...] = (
    (r"'\\t'|tab character", "yaml.tab"),
    (r"mapping values are not allowed here", "yaml.colon"),
    (r"could not find expected ':'", "yaml.no_colon"),
    (r"quoted scalar.*unexpected end of stream", "yaml.open_quote"),
    (r"expected <block end>, but found '<scalar>'", "yaml.after_quote"),
    (r"expected <block end>|did not find expected (key|'-' indicator)", "yaml.alignment"),
    (r"expected ',' or '\]'", "yaml.list_open"),
    (r"expected ',' or '\}'", "yaml.map_open"),
    (r"found character '(.+?)' that cannot start any token", "yaml.start_character"),
    (r"block scalar.*expected a comment or a line break", "yaml.block_scalar"),
    (r"unknown escape character", "yaml.escape"),
    (r"document start|single document|another document", "yaml.document"),
)


def explain(context: str | None, problem: str | None) -> tuple[Phrase, str | None]:
    """PyYAML's `context` and `problem` as plain words, and the hint key to add: none when the words
    say what to do, the general YAML hint when no rule knows PyYAML's text (then shown as it is)."""
    said_by_yaml = " | ".join(str(part) for part in (context, problem) if part)
    for pattern, key in RULES:
        found = re.search(pattern, said_by_yaml)
        if found:
            return said(key, char=found.group(1)) if found.groups() else said(key), None
    return said("yaml.unknown", said=said_by_yaml), "yaml_syntax"


def forbidden_character(code: int | None) -> Phrase:
    """A character YAML does not allow in a file (a control character), by its code point."""
    if code is None:
        return said("yaml.forbidden_any")
    return said("yaml.forbidden", code=f"U+{code:04X}")
