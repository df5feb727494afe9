"""`incluzo check FILE...`: every problem in each scenario, located, with a hint."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from incluzo.commands import default_language
from incluzo.engine.analysis.checks import check_file, has_errors
from incluzo.engine.scenario.locate import Locator, card_path, choice_path
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.problems import Problem, Severity
from incluzo.engine.scenario.yamlsource import decode, read_file
from incluzo.i18n import languages, message

FIT_SIZE = (1280, 720)

HELP = """Check scenario files and print every problem as
  file:line:col: severity[CODE]: key.path: message (hint)
e.g. mijn.yaml:37:15: error[INC011]: cards[2].choices[0].next: unknown card 'evaluatie2' (...)

exit code: 0 no errors (warnings allowed), 1 errors found, 2 usage error

examples:
  incluzo check scenarios/te-veel-prikkels.yaml
  incluzo check --json scenarios/*.yaml
  incluzo check --lang nl mijn-scenario.yaml
  incluzo check --strict --no-fit scenarios/*.yaml

Beyond mistakes in the file, check plays every reachable game and reports cards, choices and endings
no game reaches, dead ends, choices without a trade-off, a budget that never limits, and texts too long
for the big screen. Every code is explained in docs/check-codes.md.
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
        "--no-fit",
        dest="fit",
        action="store_false",
        help="skip laying out every text on the 1280x720 screen (faster)",
    )
    parser.add_argument(
        "--lang",
        choices=languages(),
        default=default_language(),
        help="language of the messages (default: from INCLUZO_LANG or the system)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    found: list[Problem] = []
    for path in args.files:
        scenario, problems = check_file(path)
        found.extend(problems)
        if scenario is not None and args.fit:
            found.extend(fit_problems(scenario, Path(path)))
    if args.json:
        print(json.dumps([p.as_dict(args.lang) for p in found], ensure_ascii=False, indent=2))
    else:
        for problem in found:
            print(problem.format(args.lang, with_code=True))
        print(summary(found, len(args.files), args.lang), file=sys.stderr)
    return 1 if has_errors(found, strict=args.strict) else 0


def fit_problems(scenario: Scenario, path: Path) -> list[Problem]:
    """Texts too long for their box on the big screen at 1280x720 (INC045), in every language.

    The layout is the play screens' own (incluzo.scenes.screens.measure), so pygame is imported here, in the
    command, never in the engine.
    """
    from incluzo.scenes.screens.measure import overflows

    where = Locator(scenario, decode(read_file(path), str(path)))
    found: dict[str, Problem] = {}
    for lang in scenario.languages:
        for overflow in overflows(scenario, FIT_SIZE, lang):
            key = _fit_path(scenario, overflow.card, overflow.field)
            detail = f"{overflow.needed} px > {overflow.available} px, {lang}"
            if key not in found:
                found[key] = where.problem("INC045", key, "shorten_text", detail=detail)
    return list(found.values())


def _fit_path(scenario: Scenario, card_id: str, field: str) -> str:
    """measure's field names ('text', 'choices.<id>.label', ...) as key paths."""
    card = card_path(scenario, card_id)
    parts = field.split(".")
    if parts[0] == "choices" and len(parts) == 3:
        return f"{choice_path(scenario, card_id, parts[1])}.{parts[2]}"
    return f"{card}.{field}"


def summary(found: list[Problem], files: int, lang: str) -> str:
    errors = sum(p.severity is Severity.ERROR for p in found)
    warnings = len(found) - errors
    return message("check.summary", lang, errors=errors, warnings=warnings, files=files)
