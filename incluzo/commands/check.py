"""`incluzo check FILE...`: every problem in each scenario, located, with a hint."""

from __future__ import annotations

import argparse
import json
import sys

from incluzo.commands import default_language
from incluzo.engine.checks import check_file, has_errors
from incluzo.engine.problems import Problem, Severity

HELP = """Check scenario files and print every problem as
  file:line:col: severity: key.path: message (hint)

exit code: 0 no errors (warnings allowed), 1 errors found, 2 usage error

examples:
  incluzo check scenarios/te-veel-prikkels.yaml
  incluzo check --json scenarios/*.yaml
  incluzo check --lang nl mijn-scenario.yaml
"""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "check",
        help="check scenario files for mistakes",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario YAML files")
    parser.add_argument("--json", action="store_true", help="print the problems as a JSON list")
    parser.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    parser.add_argument(
        "--lang",
        choices=("nl", "en"),
        default=default_language(),
        help="language of the messages (default: from INCLUZO_LANG or the system)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    found = []
    for path in args.files:
        found.extend(check_file(path)[1])
    if args.json:
        print(json.dumps([p.as_dict(args.lang) for p in found], ensure_ascii=False, indent=2))
    else:
        for problem in found:
            print(problem.format(args.lang))
        print(summary(found, len(args.files), args.lang), file=sys.stderr)
    return 1 if has_errors(found, strict=args.strict) else 0


def summary(found: list[Problem], files: int, lang: str) -> str:
    errors = sum(p.severity is Severity.ERROR for p in found)
    warnings = len(found) - errors
    if lang == "nl":
        return f"{errors} fout(en) en {warnings} waarschuwing(en) in {files} bestand(en)"
    return f"{errors} error(s) and {warnings} warning(s) in {files} file(s)"
