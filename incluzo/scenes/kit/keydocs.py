"""The key tables in docs/playing.md, written from the bindings (scenes/kit/bindings.py) in English.

`python -m incluzo.scenes.kit.keydocs docs/playing.md` rewrites every table between its markers; the
suite fails while a table differs from the bindings.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

from incluzo.i18n import Messages
from incluzo.scenes.kit.bindings import GROUP_HELP, TEAM_HELP, Binding

COMMAND = "python -m incluzo.scenes.kit.keydocs docs/playing.md"
TABLES = {"group": GROUP_HELP, "teams": TEAM_HELP}
MARKED = re.compile(r"(<!-- keys: (\w+) [^>]*-->\n)(.*?)(<!-- /keys -->)", re.S)


def table(bindings: Sequence[Binding], lang: str = "en") -> str:
    """A Markdown table: each binding's keys as the help lists them, and its help text."""
    say = Messages(lang)
    rows = [f"| {b.listed_cap.replace('  ', ', ')} | {b.help_words(say)} |" for b in bindings if b.help]
    return "\n".join(["| key | does |", "|---|---|", *rows]) + "\n"


def rewrite(text: str) -> str:
    """The document with every marked table written afresh."""
    return MARKED.sub(lambda m: m.group(1) + table(TABLES[m.group(2)]) + m.group(4), text)


def main(argv: Sequence[str] | None = None) -> int:
    paths = list(argv if argv is not None else sys.argv[1:])
    if not paths:
        print(f"usage: {COMMAND}", file=sys.stderr)
        return 2
    for name in paths:
        path = Path(name)
        path.write_text(rewrite(path.read_text("utf-8")), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
