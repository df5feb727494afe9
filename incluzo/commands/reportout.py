"""Safe cells for `incluzo report`: CSV that a spreadsheet opens in columns and never runs, Markdown that
shows scenario text as text.

Scenario text and team names reach these files, so a cell may start with `=`, `+`, `-`, `@`, a tab or
a carriage return and be taken for a formula (CSV injection): such a cell gets a leading apostrophe,
unless it is a plain number the report wrote itself (`-1,16`). In Markdown every character that could
start markup (`<script>`, `![](beacon)`, a heading, a `|` that splits a table cell) is escaped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from msgspec import Struct

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?%?$")
_MARKDOWN = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^([#+-]|\d+[.)])")


class Dialect(Struct, frozen=True):
    """How a CSV file is written: separator and decimal mark."""

    name: str
    delimiter: str
    decimal: str  # the language the numbers are written in: 'nl' (comma) or 'en' (point)


DIALECTS = {
    "excel": Dialect("excel", ",", "en"),
    "excel-nl": Dialect("excel-nl", ";", "nl"),
}


def dialect_for(name: str | None, lang: str) -> Dialect:
    """The dialect asked for, else the one a spreadsheet in that language expects."""
    return DIALECTS[name] if name else DIALECTS["excel-nl" if lang == "nl" else "excel"]


def safe_cell(value: object) -> str:
    """A cell as text that no spreadsheet will run as a formula."""
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def write_csv(path: Path, dialect: Dialect, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A CSV file with a byte-order mark (so Excel reads UTF-8), every cell neutralised."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=dialect.delimiter, lineterminator="\r\n")
        writer.writerow([safe_cell(h) for h in header])
        writer.writerows([safe_cell(cell) for cell in row] for row in rows)


def md_text(value: object, line_start: bool = True) -> str:
    """Text shown as itself in Markdown: on one line, HTML characters as entities, markup escaped
    (with `line_start`, also what would start a heading or a list at the start of a line)."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN.sub(r"\\\1", text)
    if not line_start:
        return text
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


def md_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """A Markdown table, every cell escaped (a `|` in a cell stays in that cell)."""
    return [
        "| " + " | ".join(md_text(h, False) for h in header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(md_text(cell, False) for cell in row) + " |" for row in rows),
        "",
    ]
