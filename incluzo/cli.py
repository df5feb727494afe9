"""The `incluzo` command: one subcommand per module in incluzo/commands.

Only the module of the command given is imported (start-up stays short; `--version` and `--help`
import none): the others are listed by their one-line summary, which tests/test_cli.py keeps equal
to each module's own `help`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from incluzo import __version__

SUMMARIES = {  # each command module's `help`, so the list needs no import
    "play": "play a scenario on screen (or headless with screenshots)",
    "check": "check scenario files for mistakes",
    "run": "play a scenario headless with given choices",
    "profile": 'score "Welke bril?" answers (CSV) into current and desired profiles',
    "report": "aggregate session logs into one report (HTML, Markdown, CSV)",
    "simulate": "play many seeded games and report how they end",
    "graph": "print the card flow as Mermaid or DOT",
    "new": "write a new scenario to start from",
    "schema": "print the JSON Schema of the scenario format",
}
COMMANDS = tuple(SUMMARIES)

EPILOG = """examples:
  incluzo play scenarios/te-veel-prikkels.yaml
  incluzo check scenarios/*.yaml
  incluzo run scenarios/te-veel-prikkels.yaml \
      --choices aparte-werkplek,stapsgewijs-terug,teamscholing,opp-groei
"""


def build_parser(only: str | None = None, *, every: bool = True) -> argparse.ArgumentParser:
    """The parser; with `every=False` only the module of command `only` is imported."""
    parser = argparse.ArgumentParser(
        prog="incluzo",
        description="incluzo: a serious game about the choices of inclusive education.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"incluzo {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        if every or name == only:
            importlib.import_module(f"incluzo.commands.{name}").add_parser(sub)
        else:
            sub.add_parser(name, help=SUMMARIES[name])
    return parser


def file_error(error: OSError) -> str:
    """An OSError as one line: what could not be done to which file, and why (the name cut short)."""
    from incluzo.engine.scenario.problems import echo

    reason = error.strerror or type(error).__name__
    name = error.filename if error.filename is not None else None
    return (
        f"cannot use '{echo(name, 120)}': {echo(reason)}"
        if name is not None
        else f"cannot do that: {echo(reason)}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    command = next((word for word in given if not word.startswith("-")), None)
    parser = build_parser(command, every=False)
    args = parser.parse_args(given)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:  # a file or folder named on the command line that cannot be used
        print(f"incluzo {args.command}: {file_error(error)}", file=sys.stderr)
        return 1
    except Exception:  # the last guard: no traceback reaches a facilitator
        import traceback  # only now: start-up stays short

        from incluzo.errorlog import write_crash_log

        path = write_crash_log(traceback.format_exc())
        print(
            f"incluzo: something went wrong. The details are in {path}; "
            "please send that file with your report.",
            file=sys.stderr,
        )
        return 1
