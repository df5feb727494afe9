"""`incluzo new NAME`: a commented scenario to start from, which passes `incluzo check`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from incluzo.commands import default_language
from incluzo.engine.scenario.schema import render
from incluzo.engine.scenario.skeleton import scenario_id, skeleton
from incluzo.i18n import languages, message
from incluzo.shipped import checkout

HELP = """Write a new scenario to start from: three cards (two with choices, one event) and three endings,
in Dutch with English beside it, every key explained in a comment. It passes `incluzo check` with no
errors or warnings, so every message you see later comes from your own changes.

The file's first line points editors at the JSON Schema (completion and inline errors): inside the
incluzo repository at its docs/scenario.schema.json, elsewhere at a scenario.schema.json written next
to the new file.

exit code: 0 written, 1 the file exists already (use --force), 2 usage error

examples:
  incluzo new mijn-scenario                 # writes ./mijn-scenario.yaml
  incluzo new scenarios/thuiszitter-2.yaml
  incluzo new drukte --dir scenarios
"""

SCHEMA_FILE = "scenario.schema.json"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "new",
        help="write a new scenario to start from",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", metavar="NAME", help="a name (becomes the id) or a file path ending in .yaml")
    parser.add_argument("--dir", default=".", metavar="DIR", help="folder for the new file (default: here)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.add_argument(
        "--lang", choices=languages(), default=default_language(), help="language of the messages"
    )
    parser.set_defaults(run=run)


def target(name: str, folder: str) -> Path:
    """NAME.yaml in `folder`, or NAME itself when it is a .yaml/.yml path."""
    path = Path(name)
    if path.suffix.lower() in (".yaml", ".yml"):
        return path
    return Path(folder) / f"{scenario_id(name)}.yaml"


def schema_reference(folder: Path) -> str:
    """A path from `folder` to a schema: the repository's when inside it, else one written into `folder`."""
    repository = checkout()
    schema = repository / "docs" / SCHEMA_FILE if repository else None
    if repository and schema and schema.is_file() and folder.resolve().is_relative_to(repository):
        return Path(os.path.relpath(schema, folder.resolve())).as_posix()
    local = folder / SCHEMA_FILE
    if not local.exists():
        local.write_text(render(), encoding="utf-8")
    return SCHEMA_FILE


def run(args: argparse.Namespace) -> int:
    path = target(args.name, args.dir)
    if path.exists() and not args.force:
        print(message("new.exists", args.lang, path=path), file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(path.stem, path.name, schema_reference(path.parent)), encoding="utf-8")
    print(message("new.done", args.lang, path=path))
    return 0
