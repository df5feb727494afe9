"""`incluzo profile FILE.csv`: score "Welke bril?" answers exported from a survey tool."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from fractions import Fraction
from pathlib import Path
from typing import Any

from incluzo.commands import default_language
from incluzo.engine.questionnaire import answers, forms
from incluzo.engine.questionnaire import themes as questionnaire
from incluzo.engine.questionnaire.themes import ProfileView, Questionnaire, Result
from incluzo.engine.scenario.problems import ScenarioError, echo
from incluzo.i18n import Messages, languages, message
from incluzo.shipped import QUESTIONNAIRES

WIDTH = 100  # characters per line of --form's text
THEMES = QUESTIONNAIRES / "welke-bril.yaml"

HELP = """Score the answers to the "Welke bril?" questionnaire, OCAI style: per quadrant the mean of its
points over the themes (x10, so 0-100), the team profile the mean of all respondents, for the
current and the desired situation. Differences of at least --threshold (default 10) are meaningful.

The CSV has one row per respondent and, for every theme in the themes file, one column per part and
quadrant, e.g. opp.huidig.specialisme ... opp.gewenst.leergemeenschap (see docs/questionnaire.md).
A Microsoft Forms or Google Forms export is read as it is when the form was made from --form: its
grid columns ("OPP - huidige situatie [Situatie A]") are recognised. Optional columns: respondent,
team (a profile per team as well). Other columns (time stamp, e-mail) are ignored and never printed.
Separated by comma, semicolon or tab; UTF-8, with or without a byte-order mark.

A row with a mistake (a theme that does not sum to 10, an empty cell) is left out with a warning that
names its line and reason, and the other respondents are scored; --strict refuses the whole file.

exit code: 0 scored (perhaps with rows left out), 1 the answers or the themes file have errors (with
--strict: any row), 2 usage error

examples:
  incluzo profile --form > formulier.txt
  incluzo profile antwoorden.csv
  incluzo profile Forms-export.csv --strict
  incluzo profile antwoorden.csv --themes mijn-thema-s.yaml --png profiel.png
  incluzo profile antwoorden.csv --json --threshold 7.5
"""


def threshold(text: str) -> Fraction:
    try:
        value = Fraction(text.replace(",", "."))
    except (ValueError, ZeroDivisionError):
        raise argparse.ArgumentTypeError(f"expected a number like 10 or 7.5, not '{text}'") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("the threshold is a number from 0 to 100")
    return value


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "profile",
        help='score "Welke bril?" answers (CSV) into current and desired profiles',
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file", metavar="FILE.csv", nargs="?", help="the answers, one row per respondent (not with --form)"
    )
    parser.add_argument(
        "--form",
        action="store_true",
        help="print the questions to put in a Microsoft or Google form, in words incluzo reads back",
    )
    parser.add_argument(
        "--strict", action="store_true", help="refuse the whole file when any row has a mistake"
    )
    parser.add_argument(
        "--themes",
        type=Path,
        default=THEMES,
        metavar="FILE.yaml",
        help="the questionnaire's themes (default: questionnaires/welke-bril.yaml)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the profiles as JSON (exact fractions too)"
    )
    parser.add_argument("--png", type=Path, metavar="OUT", help="save the two kites on the 2x2 as a PNG")
    parser.add_argument(
        "--threshold",
        type=threshold,
        default=Fraction(questionnaire.DEFAULT_THRESHOLD),
        metavar="N",
        help="a difference of at least N is meaningful (default 10)",
    )
    parser.add_argument(
        "--lang", choices=languages(), default=default_language(), help="language of the output"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.form == bool(args.file):
        print("incluzo profile: give either FILE.csv or --form (see incluzo profile --help)", file=sys.stderr)
        return 2
    try:
        themes = questionnaire.load_file(args.themes)
        if args.form:
            print(form_text(themes, args.lang))
            return 0
        found = answers.read_file(args.file, themes, strict=args.strict)
    except ScenarioError as error:
        for problem in error.problems:
            print(problem.format(args.lang), file=sys.stderr)
        return 1
    for problem in found.refused:
        print(problem.format(args.lang), file=sys.stderr)
    if found.refused:
        counted = len(found.responses)
        print(
            message(
                "profile.cli.counted",
                args.lang,
                counted=counted,
                rows=found.rows,
                refused=found.rows - counted,
            ),
            file=sys.stderr,
        )
    groups = groups_of(found, args.lang)
    views = [
        (name, questionnaire.present(themes, result, args.lang, args.threshold)) for name, result in groups
    ]
    if args.json:
        found_json = as_json(themes, views, args.threshold)
        found_json["rows"] = {
            "read": found.rows,
            "counted": len(found.responses),
            "left_out": [
                {"line": p.line, "column": p.column, "where": p.path, "reason": p.message(args.lang)}
                for p in found.refused
            ],
        }
        print(json.dumps(found_json, ensure_ascii=False, indent=2))
    else:
        print(as_text(views, args.threshold, args.lang))
    if args.png:
        path = save_png(args.png, themes, views[0][1], args.lang)
        print(message("profile.cli.saved", args.lang, path=path), file=sys.stderr)
    return 0


def form_text(themes: Questionnaire, lang: str) -> str:
    """The form's questions as text to copy into Microsoft Forms or Google Forms."""
    say = Messages(lang)
    out = [textwrap.fill(say("profile.cli.form_intro"), WIDTH), ""]
    for number, question in enumerate(forms.form_questions(themes, lang), 1):
        out += [
            f"{say('profile.cli.question')} {number}: {question.title}",
            f"  {say('profile.cli.description')}:",
            *(
                textwrap.fill(line, WIDTH, initial_indent="    ", subsequent_indent="      ")
                for line in question.description.splitlines()
            ),
            f"  {say('profile.cli.rows')}: {', '.join(question.rows)}",
            f"  {say('profile.cli.columns')}: {', '.join(question.columns)}",
            "",
        ]
    return "\n".join(out).rstrip()


def groups_of(found: answers.Answers, lang: str) -> list[tuple[str, Result]]:
    """Everyone first, then each team when the answers name teams."""
    groups = [(message("profile.cli.all", lang), questionnaire.result(found.responses))]
    teams = questionnaire.team_results(found.responses, found.teams)
    return groups + [(team or "-", found_result) for team, found_result in teams]


def as_text(views: list[tuple[str, ProfileView]], limit: Fraction, lang: str) -> str:
    say = Messages(lang)
    out: list[str] = []
    for name, view in views:
        out += [
            say("profile.cli.group", title=view.title, group=echo(name, 80), respondents=view.respondents),
            "",
        ]
        width = max(len(f"{s.number} {s.name}") for s in view.scores)
        quadrant, current = say("profile.cli.quadrant"), say("profile.cli.current")
        desired, difference = say("profile.cli.desired"), say("profile.cli.difference")
        out.append(f"{quadrant:<{width}}  {current:>8}  {desired:>8}  {difference:>9}")
        for s in view.scores:
            mark = " *" if s.meaningful else ""
            out.append(
                f"{f'{s.number} {s.name}':<{width}}  {s.current_text:>8}  {s.desired_text:>8}  "
                f"{s.difference_text:>9}{mark}"
            )
        out.append("")
    out.append(say("profile.cli.meaningful", threshold=number_text(limit, lang)))
    return "\n".join(out)


def number_text(value: Fraction, lang: str) -> str:
    """A whole number as is (10), anything else with two decimals (7,50)."""
    return str(value.numerator) if value.denominator == 1 else questionnaire.decimal_text(value, lang)


def _fraction(value: Fraction) -> dict[str, Any]:
    return {"exact": str(value), "value": round(float(value), 6)}


def as_json(themes: Questionnaire, views: list[tuple[str, ProfileView]], limit: Fraction) -> dict[str, Any]:
    def profile(name: str, view: ProfileView) -> dict[str, Any]:
        return {
            "group": name,
            "respondents": view.respondents,
            "quadrants": [
                {
                    "id": s.id,
                    "number": s.number,
                    "name": s.name,
                    "current": _fraction(s.current),
                    "desired": _fraction(s.desired),
                    "difference": _fraction(s.difference),
                    "meaningful": s.meaningful,
                }
                for s in view.scores
            ],
        }

    return {
        "questionnaire": themes.id,
        "themes": [t.id for t in themes.themes],
        "threshold": _fraction(limit),
        "profiles": [profile(name, view) for name, view in views],
    }


def save_png(path: Path, themes: Questionnaire, view: ProfileView, lang: str) -> Path:
    """Current (solid) and desired (dotted, as in the game) kites; meaningful quadrants framed."""
    from incluzo.commands.kites import Line, save_chart
    from incluzo.scenes.kit import theme

    say = Messages(lang)
    return save_chart(
        path,
        themes.model,
        lang,
        say("profile.cli.chart_title", title=view.title, respondents=view.respondents),
        [
            Line(
                say("profile.cli.current").capitalize(),
                [float(s.current) for s in view.scores],
                theme.KITE_NOW,
            ),
            Line(
                say("profile.cli.desired").capitalize(),
                [float(s.desired) for s in view.scores],
                theme.KITE_DESIRED,
                "dotted",
            ),
        ],
        chart_notes(view, lang),
        [s.id for s in view.scores if s.meaningful],
    )


def chart_notes(view: ProfileView, lang: str) -> list[str]:
    """The chart's notes in words (the chart font has no arrow glyph), and what its frames mean."""
    say = Messages(lang)
    return [
        f"{s.number} {s.name}: {say('profile.cli.current')} {s.current_text}, "
        f"{say('profile.cli.desired')} {s.desired_text} "
        f"({s.difference_text})"
        for s in view.scores
    ] + [say("profile.cli.meaningful_png", threshold=number_text(view.threshold, lang))]
