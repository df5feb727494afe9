"""The `incluzo` command: one subcommand per module in incluzo/commands."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence

from incluzo import __version__
from incluzo.errorlog import write_crash_log

COMMANDS = ("play", "check", "run", "profile", "report", "simulate", "graph", "new", "schema")

EPILOG = """examples:
  incluzo play scenarios/te-veel-prikkels.yaml
  incluzo check scenarios/*.yaml
  incluzo run scenarios/te-veel-prikkels.yaml \
      --choices aparte-werkplek,stapsgewijs-terug,teamscholing,opp-groei
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="incluzo",
        description="incluzo: a serious game about the choices of inclusive education.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"incluzo {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"incluzo.commands.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
    except Exception:  # the last guard: no traceback reaches a facilitator
        path = write_crash_log(traceback.format_exc())
        print(
            f"incluzo: something went wrong. The details are in {path}; "
            "please send that file with your report.",
            file=sys.stderr,
        )
        return 1
