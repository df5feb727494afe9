"""Untrusted bytes to a YAML node tree with line numbers, within fixed limits, or one located problem.

Safe loading only: nodes are composed by PyYAML's safe loader (libyaml's C one when PyYAML has it,
which reads a scenario several times faster) and never constructed into objects by
tag, so nothing in a file can run. A streaming pre-pass rejects aliases and deep nesting before the
(recursive) composer sees them, which bounds time and memory for hostile files.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from pathlib import Path

from msgspec import Struct

from incluzo.engine import files
from incluzo.engine.scenario import yamlwords
from incluzo.engine.scenario.problems import Phrase, Problem, ScenarioError, said
from incluzo.lazy import yaml

MAX_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_NODES = 50_000
# Control characters other than tab and newline, and the bidirectional embeddings, overrides and
# isolates: they can hide text or show it in another order than it is stored (CVE-2021-42574); and
# lone surrogates (an escaped "\ud83d"), which no screen or terminal can encode.
UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class Limits(Struct, frozen=True):
    bytes: int = MAX_BYTES
    depth: int = MAX_DEPTH
    nodes: int = MAX_NODES


DEFAULT_LIMITS = Limits()
Loader = type["yaml.SafeLoader"] | type["yaml.CSafeLoader"]


def fast_loader() -> Loader:
    """libyaml's C loader when PyYAML has it (looked up on use: yaml loads when first used)."""
    fast: Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return fast


def _problem(
    source: str, code: str, line: int = 1, column: int = 1, hint: str | None = None, **params: object
) -> ScenarioError:
    return ScenarioError([Problem(code, source, line, column, "", params, hint)])


def unsafe_character(text: str) -> int | None:
    """The index of the first control or direction-override character in `text`, if any."""
    found = UNSAFE_CHARACTERS.search(text)
    return found.start() if found else None


def describe_character(char: str) -> str | Phrase:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)' (Unicode's name), or for an unnamed one 'U+0007 (a control
    character)' in the catalogs' words."""
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    if name:
        return f"{code} ({name})"
    kind = "problem.char.surrogate" if "\ud800" <= char <= "\udfff" else "problem.char.control"
    return said("problem.char.unnamed", code=code, kind=said(kind))


def shown(value: str, width: int = 40) -> str:
    """A value from an untrusted file as a message may show it: escaped to ASCII, and short."""
    escaped = json.dumps(value, ensure_ascii=True)[1:-1]
    return escaped if len(escaped) <= width else escaped[: width - 3] + "..."


def decode(data: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """Bytes to text: UTF-8 only (a UTF-8 BOM is allowed and dropped)."""
    if len(data) > limits.bytes:
        raise _problem(
            source,
            "INC017",
            hint="limit",
            reason=said("problem.reason.file_bytes", count=len(data), most=limits.bytes),
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _problem(source, "INC001", hint="utf8", reason=said("problem.reason.utf16"))
    if b"\x00" in data:
        raise _problem(source, "INC001", hint="utf8", reason=said("problem.reason.binary"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise _problem(
            source,
            "INC001",
            line,
            column,
            hint="utf8",
            reason=said("problem.reason.not_utf8", byte=f"0x{data[error.start]:02x}"),
        ) from None
    return text.removeprefix("\ufeff")


def read_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """A file's bytes: a regular file only, read to at most the byte limit (engine/files.py)."""
    try:
        return files.read_limited(path, limits.bytes)
    except files.TooLarge as error:
        raise _problem(
            str(path), "INC017", hint="limit", reason=said("problem.reason.file_is", reason=error.reason)
        ) from None
    except files.Refused as error:
        raise _problem(str(path), "INC001", reason=error.reason) from None


def _prescan(text: str, source: str, limits: Limits, loader: Loader) -> None:
    """Stream the events once: refuse aliases, deep nesting and too many values before composing."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=loader):
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _problem(source, "INC018", line, column, hint="no_aliases")
        too_many = None
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            too_many = said("problem.reason.depth", most=limits.depth) if depth > limits.depth else None
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            too_many = too_many or (
                said("problem.reason.values", most=limits.nodes) if nodes > limits.nodes else None
            )
        if too_many is not None:
            raise _problem(source, "INC017", line, column, hint="limit", reason=too_many)


def compose(text: str, source: str, limits: Limits = DEFAULT_LIMITS) -> yaml.Node:
    """Text to one YAML node tree; every failure is a ScenarioError with a location.

    libyaml reads a good file fast; a file it refuses is read again by PyYAML's own parser, whose
    messages and locations are the ones facilitators see (and the tests pin down).
    """
    if len(text) > limits.bytes:
        raise _problem(
            source,
            "INC017",
            hint="limit",
            reason=said("problem.reason.text_size", count=len(text), most=limits.bytes),
        )
    fast = fast_loader()
    if fast is not yaml.SafeLoader:
        try:
            _prescan(text, source, limits, fast)
            node = yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
        else:
            if node is None:
                raise _problem(source, "INC003", hint="start_with", reason=said("problem.reason.empty"))
            return node
    return _compose_explained(text, source, limits)


def _compose_explained(text: str, source: str, limits: Limits) -> yaml.Node:
    try:
        _prescan(text, source, limits, yaml.SafeLoader)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason, hint = yamlwords.explain(error.context, error.problem)  # plain words, from the catalogs
        raise _problem(source, "INC002", line, column, hint=hint, reason=reason) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        raise _problem(
            source,
            "INC002",
            line,
            column,
            hint="yaml_syntax",
            reason=yamlwords.forbidden_character(
                error.character if isinstance(error.character, int) else None
            ),
        ) from None
    except yaml.YAMLError as error:
        raise _problem(source, "INC002", hint="yaml_syntax", reason=str(error)) from None
    if node is None:
        raise _problem(source, "INC003", hint="start_with", reason=said("problem.reason.empty"))
    return node
