"""`incluzo schema`: the JSON Schema of the scenario format, for editors."""

from __future__ import annotations

import argparse
from pathlib import Path

from incluzo.engine.scenario.schema import render

HELP = """Print the JSON Schema of the scenario format. Editors use it for completion and inline errors
while you type: with VS Code's YAML extension (Red Hat), a scenario whose first line is
  # yaml-language-server: $schema=../docs/scenario.schema.json
is checked against it (see docs/authoring.md). docs/scenario.schema.json is a copy of this output.

exit code: 0 written, 2 usage error

examples:
  incluzo schema > scenario.schema.json
  incluzo schema --output docs/scenario.schema.json
"""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "schema",
        help="print the JSON Schema of the scenario format",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of printing")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.output:
        Path(args.output).write_text(render(), encoding="utf-8")
    else:
        print(render(), end="")
    return 0
