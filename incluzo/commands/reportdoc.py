"""The report as a list of blocks (headings, paragraphs, tables, charts), written once and rendered twice:
as Markdown (`summary.md`, charts beside it) and as one self-contained HTML page (`report.html`: charts
embedded as data URIs, no script, no remote resource, printable, readable on a phone).

All text is plain text; both renderers escape it, so nothing from a scenario or a log becomes markup.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct

from incluzo.commands.reportout import md_table, md_text


class Heading(Struct, frozen=True):
    text: str
    level: int = 2


class Paragraph(Struct, frozen=True):
    text: str


class Items(Struct, frozen=True):
    items: tuple[str, ...]


class Table(Struct, frozen=True):
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    numeric: tuple[int, ...] = ()  # columns aligned right


class Chart(Struct, frozen=True):
    path: Path
    alt: str


Block = Heading | Paragraph | Items | Table | Chart


def markdown(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out += ["#" * block.level + " " + md_text(block.text, False), ""]
        elif isinstance(block, Paragraph):
            out += [md_text(block.text), ""]
        elif isinstance(block, Items):
            out += [*(f"- {md_text(item, False)}" for item in block.items), ""]
        elif isinstance(block, Table):
            out += md_table(block.header, block.rows)
        else:
            out += [f"![{md_text(block.alt, False)}]({block.path.name})", ""]
    return "\n".join(out)


STYLE = """
:root { color-scheme: light; }
body { font-family: "Atkinson Hyperlegible", system-ui, sans-serif; color: #1d1d29; background: #fff;
  margin: 0 auto; padding: 1rem; max-width: 60rem; line-height: 1.45; font-size: 1rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #d6d6e0; padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
th, td { border: 1px solid #c8c8d4; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eeeef4; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
img { max-width: 100%; height: auto; display: block; margin: 0.5rem 0 1rem; }
@media (max-width: 40rem) {
  /* a phone: each row a small card of "header: value" lines, nothing to scroll sideways */
  table, thead, tbody, tr, th, td { display: block; }
  thead { position: absolute; left: -9999px; }
  tr { border: 1px solid #c8c8d4; margin-bottom: 0.6rem; }
  td, td.n { border: none; border-bottom: 1px solid #eeeef4; text-align: left; white-space: normal;
    display: grid; grid-template-columns: 45% 1fr; gap: 0.5rem; }
  td::before { content: attr(data-label); font-weight: bold; }
}
@media print { body { max-width: none; padding: 0; } h2 { break-after: avoid; }
  table, img { break-inside: avoid; } }
"""


def page(blocks: Sequence[Block], title: str, lang: str) -> str:
    """One HTML page holding everything: the charts as data URIs, the style inline, no script."""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'\">",
        f"<title>{html.escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
    ]
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            out.append(f"<p>{html.escape(block.text)}</p>")
        elif isinstance(block, Items):
            out.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Table):
            out.append(_table(block))
        else:
            data = base64.b64encode(block.path.read_bytes()).decode("ascii")
            out.append(f'<img src="data:image/png;base64,{data}" alt="{html.escape(block.alt)}">')
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _table(table: Table) -> str:
    def cls(index: int) -> str:
        return ' class="n"' if index in table.numeric else ""

    head = "".join(f"<th{cls(i)}>{html.escape(str(h))}</th>" for i, h in enumerate(table.header))
    labels = [f' data-label="{html.escape(str(h))}"' for h in table.header]
    body = "".join(
        "<tr>"
        + "".join(f"<td{cls(i)}{labels[i]}>{html.escape(str(c))}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in table.rows
    )
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
