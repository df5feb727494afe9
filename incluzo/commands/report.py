"""`incluzo report LOG...`: what many session logs say together, as CSV files, Markdown, one HTML page
and kites."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from incluzo.commands import default_language
from incluzo.commands.reportdoc import markdown, page
from incluzo.commands.reportlogs import ScenarioFinder, Skipped, log_files, read_session, sessions
from incluzo.commands.reportout import DIALECTS, Dialect, dialect_for
from incluzo.commands.reportpage import Summary
from incluzo.commands.reporttables import ReportData, write_tables
from incluzo.engine.logs.aggregate import LoggedSession
from incluzo.i18n import languages, message
from incluzo.persistence import saves_dir
from incluzo.shipped import SCENARIOS as ROOT_SCENARIOS

HELP = """Aggregate session logs (the JSON Lines files incluzo writes for every session, in the saves
folder) into one report a school board can read:

  report.html      everything on one page (charts embedded): open it in a browser, print it to PDF
  summary.md       the same in Markdown, with kites-<scenario>.png and profiles.png beside it
  sessions.csv     per session and team: date, scenario, mode, decisions, ending
  endings.csv      per scenario how many games reached each ending
  budget.csv       per scenario and meter the budget spent (mean, least, most)
  choices.csv      per card how often each choice was made
  positions.csv    per scenario the mean start, end, shift and the desired position per quadrant
  recognition.csv  per scenario the affirmative / transformative share
  times.csv        per card the time spent deliberating (mean, least, most)
  polls.csv        per poll the votes per option
  profiles.csv     the "Welke bril?" profiles recorded in the sessions

A LOG may be a folder. A session counts once, whatever files name it: its autosave copies (in a
folder, or named by a glob such as saves/*.jsonl) are read only when the log itself is damaged. Each
log is replayed on its scenario, found by the path recorded in the log, else by id in --scenarios
folders. A damaged log is read from its longest good autosave copy, else up to its last good
record; a bad record (a profile or a time that cannot be right) is left out; the report says so.

The CSV files open in columns in a spreadsheet: with --lang nl (the default) separated by ';' with a
decimal comma, as Dutch Excel expects; with --lang en by ',' with a decimal point; --csv-dialect
chooses either. A cell that a spreadsheet could take for a formula (starting with = + - @) gets a
leading apostrophe.

exit code: 0 written, 1 no log could be used, 2 usage error

examples:
  incluzo report ~/.local/share/incluzo/saves --out rapport
  incluzo report sessie-1.jsonl sessie-2.jsonl --scenarios mijn-scenarios
  incluzo report saves/*.jsonl --lang en --csv-dialect excel-nl
"""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "report",
        help="aggregate session logs into one report (HTML, Markdown, CSV)",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "logs", nargs="*", metavar="LOG", help=f"session logs or folders (default: {saves_dir()})"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("incluzo-report"),
        metavar="DIR",
        help="folder for the report (default: incluzo-report)",
    )
    parser.add_argument(
        "--scenarios",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="also look for scenarios here (default: the shipped scenarios/)",
    )
    parser.add_argument(
        "--lang",
        choices=languages(),
        default=default_language("nl"),
        help="language of the report (default: nl, or INCLUZO_LANG / the system's language)",
    )
    parser.add_argument(
        "--csv-dialect",
        choices=tuple(DIALECTS),
        help="excel-nl: ';' and decimal comma (default with --lang nl); excel: ',' and decimal point",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    files = list(log_files([Path(p) for p in args.logs] or [saves_dir()]))
    finder = ScenarioFinder([*args.scenarios, ROOT_SCENARIOS])
    logs: list[LoggedSession] = []
    skipped: list[Skipped] = []
    notes: list[str] = []
    for group in sessions(files):
        found = read_session(group, finder, args.lang, notes)
        if isinstance(found, Skipped):
            skipped.append(found)
        else:
            logs.append(found)
    for note in notes:
        print(f"incluzo report: {note}", file=sys.stderr)
    for skip in skipped:
        print(f"incluzo report: {skip.source}: {skip.reason}", file=sys.stderr)
    if not logs:
        print(f"incluzo report: {message('report.none', args.lang)}", file=sys.stderr)
        return 1
    dialect = dialect_for(args.csv_dialect, args.lang)
    write_report(args.out, logs, skipped, args.lang, dialect, notes, len(files))
    print(message("report.written", args.lang, folder=args.out), file=sys.stderr)
    return 0


def write_report(
    folder: Path,
    logs: Sequence[LoggedSession],
    skipped: Sequence[Skipped],
    lang: str,
    dialect: Dialect | None = None,
    notes: Sequence[str] = (),
    files: int = 0,
) -> None:
    dialect = dialect or dialect_for(None, lang)
    folder.mkdir(parents=True, exist_ok=True)
    data = ReportData(logs)
    write_tables(folder, data, logs, dialect)
    summary = Summary(folder, logs, lang)
    blocks = summary.blocks(data, skipped, notes, files or len(logs))
    (folder / "summary.md").write_text(markdown(blocks), encoding="utf-8")
    (folder / "report.html").write_text(page(blocks, message("report.title", lang), lang), encoding="utf-8")
