"""`incluzo report LOG...`: what many session logs say together, as CSV files, Markdown, one HTML page
and kites."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from pathlib import Path

from incluzo.commands import default_language
from incluzo.commands.reportdoc import Block, Chart, Heading, Items, Paragraph, Table, markdown, page
from incluzo.commands.reportlogs import ScenarioFinder, Skipped, log_files, read_session, sessions
from incluzo.commands.reportout import DIALECTS, Dialect, dialect_for, write_csv
from incluzo.engine.logs import aggregate
from incluzo.engine.logs.aggregate import LoggedSession
from incluzo.engine.play import position, rules
from incluzo.engine.questionnaire.themes import decimal_text
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.text import Text
from incluzo.persistence import saves_dir

MAX_LISTED = 100  # profiles listed one by one on the page; the CSV has every one
MAX_LABEL = 80  # characters of a label shown on the page
ROOT_SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"

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
folders. A damaged log is used up to its last good record, a bad record (a profile or a time that
cannot be right) is left out, and the report says so.

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

WORDS = {
    "nl": {
        "title": "Rapport van de sessies",
        "sessions": "sessie(s)",
        "games": "spel(len)",
        "skipped": "Overgeslagen",
        "notes_h": "Opmerkingen bij het lezen",
        "quadrant": "Kwadrant",
        "start": "Start",
        "end": "Eind",
        "shift": "Verschuiving",
        "card": "Kaart",
        "choice": "Keuze",
        "recognition": "Erkenning",
        "times": "Keer",
        "share": "Aandeel (%)",
        "timed": "Sessies",
        "mean": "Gemiddeld (s)",
        "least": "Minst (s)",
        "most": "Meest (s)",
        "option": "Optie",
        "votes": "Stemmen",
        "choices_h": "Keuzes per kaart",
        "time_h": "Tijd per kaart",
        "polls_h": "Peilingen",
        "position_h": "Positie (gemiddeld, in punten)",
        "recognition_h": "Affirmatief en transformatief",
        "recognition_line": "Affirmatief {a}, transformatief {t}: {share}% transformatief.",
        "profiles_h": 'Profielen "Welke bril?"',
        "label": "Groep",
        "respondents": "Respondenten",
        "current": "Huidig",
        "desired": "Gewenst",
        "mean_start": "Start (gemiddeld)",
        "mean_end": "Eind (gemiddeld)",
        "goal": "Gewenst (scenario)",
        "everyone": "Alle respondenten samen",
        "written": "rapport geschreven in {folder}",
        "none": "geen enkel sessielog was bruikbaar",
        "difference": "Verschil",
        "overview_h": "Sessies",
        "games_col": "Spellen",
        "more": "En nog {count} profiel(en): zie profiles.csv.",
        "date": "Datum",
        "scenario": "Scenario",
        "mode": "Vorm",
        "team": "Team",
        "decisions": "Besluiten",
        "ending": "Einde",
        "unfinished": "niet afgemaakt",
        "ended_early": "vroeg beëindigd",
        "endings_h": "Bereikte eindes",
        "budget_h": "Besteed budget per meter",
        "meter": "Meter",
        "budget": "Budget",
        "spent": "Besteed (gemiddeld)",
        "spent_least": "Minst",
        "spent_most": "Meest",
        "desired_h": "Eindpositie en gewenste positie (in punten)",
        "gap": "Nog te gaan",
        "counted": "{sessions} {s_word}, {games} {g_word}; {files} bestand(en) gelezen.",
    },
    "en": {
        "title": "Report of the sessions",
        "sessions": "session(s)",
        "games": "game(s)",
        "skipped": "Skipped",
        "notes_h": "Notes on reading",
        "quadrant": "Quadrant",
        "start": "Start",
        "end": "End",
        "shift": "Shift",
        "card": "Card",
        "choice": "Choice",
        "recognition": "Recognition",
        "times": "Times",
        "share": "Share (%)",
        "timed": "Sessions",
        "mean": "Mean (s)",
        "least": "Least (s)",
        "most": "Most (s)",
        "option": "Option",
        "votes": "Votes",
        "choices_h": "Choices per card",
        "time_h": "Time per card",
        "polls_h": "Polls",
        "position_h": "Position (mean, in points)",
        "recognition_h": "Affirmative and transformative",
        "recognition_line": "Affirmative {a}, transformative {t}: {share}% transformative.",
        "profiles_h": 'Profiles "Welke bril?"',
        "label": "Group",
        "respondents": "Respondents",
        "current": "Current",
        "desired": "Desired",
        "mean_start": "Start (mean)",
        "mean_end": "End (mean)",
        "goal": "Desired (scenario)",
        "everyone": "All respondents together",
        "written": "report written to {folder}",
        "none": "no session log could be used",
        "difference": "Difference",
        "overview_h": "Sessions",
        "games_col": "Games",
        "more": "And {count} more profile(s): see profiles.csv.",
        "date": "Date",
        "scenario": "Scenario",
        "mode": "Mode",
        "team": "Team",
        "decisions": "Decisions",
        "ending": "Ending",
        "unfinished": "not finished",
        "ended_early": "ended early",
        "endings_h": "Endings reached",
        "budget_h": "Budget spent per meter",
        "meter": "Meter",
        "budget": "Budget",
        "spent": "Spent (mean)",
        "spent_least": "Least",
        "spent_most": "Most",
        "desired_h": "End position and desired position (in points)",
        "gap": "Still to go",
        "counted": "{sessions} {s_word}, {games} {g_word}; {files} file(s) read.",
    },
}

MODES = {
    "nl": {"solo": "alleen", "group": "één groep", "team": "teams", "practice": "oefenen"},
    "en": {"solo": "solo", "group": "one group", "team": "teams", "practice": "practice"},
}


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
        choices=("nl", "en"),
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
        print(f"incluzo report: {WORDS[args.lang]['none']}", file=sys.stderr)
        return 1
    dialect = dialect_for(args.csv_dialect, args.lang)
    write_report(args.out, logs, skipped, args.lang, dialect, notes, len(files))
    print(WORDS[args.lang]["written"].format(folder=args.out), file=sys.stderr)
    return 0


def points(value: Fraction, lang: str = "en", signed: bool = False) -> str:
    return decimal_text(value, lang, signed=signed)


def seconds(ms: Fraction | int, lang: str = "en") -> str:
    return decimal_text(Fraction(ms, 1000), lang, places=1)


def share(part: int, whole: int, lang: str = "en") -> str:
    return points(Fraction(100 * part, whole), lang) if whole else ""


def shortened(text: str) -> str:
    """A label as the page shows it: at most MAX_LABEL characters."""
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "\u2026"


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
    (folder / "report.html").write_text(page(blocks, WORDS[lang]["title"], lang), encoding="utf-8")


class ReportData:
    """Every table of the report, computed once from the sessions."""

    def __init__(self, logs: Sequence[LoggedSession]) -> None:
        self.sessions = aggregate.session_rows(logs)
        self.endings = aggregate.ending_rows(logs)
        self.budget = aggregate.budget_rows(logs)
        self.choices = aggregate.choice_rows(logs)
        self.positions = aggregate.position_rows(logs)
        self.desired = aggregate.desired_rows(
            self.positions, {log.scenario.id: log.scenario for log in logs}.values()
        )
        self.recognition = aggregate.recognition_rows(logs)
        self.times = aggregate.time_rows(logs)
        self.polls = aggregate.poll_rows(logs)
        self.profiles = aggregate.profile_rows(logs)


def write_tables(folder: Path, data: ReportData, logs: Sequence[LoggedSession], dialect: Dialect) -> None:
    """The CSV files: ids and plain numbers, in the dialect's separator and decimal mark."""
    n = dialect.decimal

    def csv(name: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
        write_csv(folder / name, dialect, header, rows)

    csv(
        "sessions.csv",
        ("date", "log", "scenario", "mode", "team", "decisions", "ending", "ended_early"),
        (
            (r.date, r.source, r.scenario, r.mode, r.team, r.decisions, r.ending or "", int(r.ended_early))
            for r in data.sessions
        ),
    )
    csv(
        "endings.csv",
        ("scenario", "ending", "games", "of", "share"),
        ((r.scenario, r.ending or "", r.games, r.of, share(r.games, r.of, n)) for r in data.endings),
    )
    csv(
        "budget.csv",
        ("scenario", "meter", "games", "budget", "spent_mean", "spent_least", "spent_most"),
        ((r.scenario, r.meter, r.games, r.budget, points(r.spent, n), r.least, r.most) for r in data.budget),
    )
    csv(
        "choices.csv",
        ("scenario", "card", "choice", "recognition", "times", "of", "share"),
        (
            (r.scenario, r.card, r.choice, r.recognition, r.times, r.of, share(r.times, r.of, n))
            for r in data.choices
        ),
    )
    goals = {(r.scenario, r.quadrant): r.desired for r in data.desired}
    csv(
        "positions.csv",
        ("scenario", "quadrant", "games", "start", "end", "shift", "desired"),
        (
            (
                r.scenario,
                r.quadrant,
                r.games,
                points(r.start, n),
                points(r.end, n),
                points(r.shift, n, signed=True),
                points(goal, n) if (goal := goals.get((r.scenario, r.quadrant))) is not None else "",
            )
            for r in data.positions
        ),
    )
    csv(
        "recognition.csv",
        ("scenario", "games", "affirmatief", "transformatief", "transformative_share"),
        (
            (r.scenario, r.games, r.affirmative, r.transformative, points(100 * r.transformative_share, n))
            for r in data.recognition
        ),
    )
    csv(
        "times.csv",
        ("scenario", "card", "sessions", "mean_seconds", "least_seconds", "most_seconds"),
        (
            (
                r.scenario,
                r.card,
                r.sessions,
                seconds(r.mean_ms, n),
                seconds(r.low_ms, n),
                seconds(r.high_ms, n),
            )
            for r in data.times
        ),
    )
    csv(
        "polls.csv",
        ("scenario", "card", "option", "votes", "polls"),
        ((r.scenario, r.card, r.option, r.votes, r.polls) for r in data.polls),
    )
    quadrants = logs[0].scenario.model.quadrant_ids
    csv(
        "profiles.csv",
        ("log", "label", "respondents", "quadrant", "current", "desired", "difference"),
        (
            (
                r.source,
                r.label,
                r.result.respondents,
                q,
                points(c, n),
                points(d, n),
                points(d - c, n, signed=True),
            )
            for r in data.profiles
            for q, c, d in zip(quadrants, r.result.current, r.result.desired, strict=True)
        ),
    )


class Summary:
    """The report's blocks (rendered as Markdown and HTML) and its kite charts."""

    def __init__(self, folder: Path, logs: Sequence[LoggedSession], lang: str) -> None:
        self.folder, self.logs, self.lang = folder, logs, lang
        self.say: Callable[[str], str] = WORDS[lang].__getitem__
        self.scenarios = {log.scenario.id: log.scenario for log in logs}

    def t(self, scenario: Scenario, text: Text) -> str:
        return text.get(self.lang, scenario.language)

    def blocks(
        self, data: ReportData, skipped: Sequence[Skipped], notes: Sequence[str], files: int
    ) -> list[Block]:
        say = self.say
        games = sum(len(log.games) for log in self.logs)
        out: list[Block] = [
            Heading(say("title"), 1),
            Paragraph(
                say("counted").format(
                    sessions=len(self.logs),
                    s_word=say("sessions"),
                    games=games,
                    g_word=say("games"),
                    files=files,
                )
            ),
        ]
        out += self.overview(data.sessions)
        for scenario_id, scenario in sorted(self.scenarios.items()):
            out += self.scenario_blocks(scenario_id, scenario, data)
        if data.profiles:
            out += self.profiles(data.profiles)
        if notes:
            out += [Heading(say("notes_h")), Items(tuple(notes))]
        if skipped:
            out += [Heading(say("skipped")), Items(tuple(f"{s.source}: {s.reason}" for s in skipped))]
        return out

    def ending_name(self, scenario: Scenario, ending: str | None, early: bool = False) -> str:
        if ending is None:
            return self.say("unfinished")
        found = scenario.ending(ending) or next(
            (e for e in (rules.EXHAUSTED_ENDING, rules.DEFAULT_ENDING) if e.id == ending), None
        )
        name = self.t(scenario, found.title) if found else ending
        return f"{name} ({self.say('ended_early')})" if early else name

    def overview(self, rows: Sequence[aggregate.SessionRow]) -> list[Block]:
        say = self.say
        modes = MODES[self.lang]
        return [
            Heading(say("overview_h")),
            Table(
                (say("date"), say("scenario"), say("mode"), say("team"), say("decisions"), say("ending")),
                tuple(
                    (
                        r.date,
                        self.t(self.scenarios[r.scenario], self.scenarios[r.scenario].title),
                        modes.get(r.mode, r.mode),
                        r.team or "-",
                        r.decisions,
                        self.ending_name(self.scenarios[r.scenario], r.ending, r.ended_early),
                    )
                    for r in rows
                ),
                (4,),
            ),
        ]

    def scenario_blocks(self, scenario_id: str, scenario: Scenario, data: ReportData) -> list[Block]:
        say, lang = self.say, self.lang
        t = self.t(scenario, scenario.title)
        cards = {c.id: c for c in scenario.cards}
        mine = [r for r in data.positions if r.scenario == scenario_id]
        names = {q.id: f"{q.number}. {q.name.get(lang)}" for q in scenario.model.quadrants}
        out: list[Block] = [
            Heading(f"{t} ({scenario_id})"),
            Chart(self.kites(scenario, mine), t),
            Heading(say("endings_h"), 3),
            Table(
                (say("ending"), say("games_col"), say("share")),
                tuple(
                    (self.ending_name(scenario, r.ending), r.games, share(r.games, r.of, lang))
                    for r in data.endings
                    if r.scenario == scenario_id
                ),
                (1, 2),
            ),
            Heading(say("position_h"), 3),
            Table(
                (say("quadrant"), say("start"), say("end"), say("shift")),
                tuple(
                    (
                        names[r.quadrant],
                        points(r.start, lang),
                        points(r.end, lang),
                        points(r.shift, lang, True),
                    )
                    for r in mine
                ),
                (1, 2, 3),
            ),
        ]
        goals = [r for r in data.desired if r.scenario == scenario_id]
        if goals:
            out += [
                Heading(say("desired_h"), 3),
                Table(
                    (say("quadrant"), say("end"), say("desired"), say("gap")),
                    tuple(
                        (
                            names[r.quadrant],
                            points(r.end, lang),
                            points(r.desired, lang),
                            points(r.gap, lang, True),
                        )
                        for r in goals
                    ),
                    (1, 2, 3),
                ),
            ]
        meters = {m.id: m.name.get(lang) for m in scenario.model.meters}
        out += [
            Heading(say("budget_h"), 3),
            Table(
                (say("meter"), say("budget"), say("spent"), say("spent_least"), say("spent_most")),
                tuple(
                    (meters[r.meter], r.budget, points(r.spent, lang), r.least, r.most)
                    for r in data.budget
                    if r.scenario == scenario_id
                ),
                (1, 2, 3, 4),
            ),
        ]
        for r in data.recognition:
            if r.scenario == scenario_id:
                out += [
                    Heading(say("recognition_h"), 3),
                    Paragraph(
                        say("recognition_line").format(
                            a=r.affirmative,
                            t=r.transformative,
                            share=points(100 * r.transformative_share, lang),
                        )
                    ),
                ]
        out += [
            Heading(say("choices_h"), 3),
            Table(
                (say("card"), say("choice"), say("recognition"), say("times"), say("share")),
                tuple(
                    (
                        self.t(scenario, cards[r.card].title),
                        _choice_label(scenario, r.card, r.choice, lang),
                        r.recognition,
                        r.times,
                        share(r.times, r.of, lang),
                    )
                    for r in data.choices
                    if r.scenario == scenario_id
                ),
                (3, 4),
            ),
        ]
        voted = [r for r in data.polls if r.scenario == scenario_id]
        if voted:
            out += [
                Heading(say("polls_h"), 3),
                Table(
                    (say("card"), say("option"), say("votes")),
                    tuple(
                        (
                            self.t(scenario, cards[r.card].title),
                            _option_label(scenario, r.card, r.option, lang),
                            r.votes,
                        )
                        for r in voted
                    ),
                    (2,),
                ),
            ]
        timed = [r for r in data.times if r.scenario == scenario_id]
        if timed:
            out += [
                Heading(say("time_h"), 3),
                Table(
                    (say("card"), say("timed"), say("mean"), say("least"), say("most")),
                    tuple(
                        (
                            self.t(scenario, cards[r.card].title),
                            r.sessions,
                            seconds(r.mean_ms, lang),
                            seconds(r.low_ms, lang),
                            seconds(r.high_ms, lang),
                        )
                        for r in timed
                    ),
                    (1, 2, 3, 4),
                ),
            ]
        return out

    def profiles(self, profiles: list[aggregate.ProfileRow]) -> list[Block]:
        """Each profile recorded (the first MAX_LISTED; profiles.csv has them all), then everyone pooled."""
        say, lang = self.say, self.lang
        model = self.logs[0].scenario.model
        rows = tuple(
            (
                shortened(row.label or Path(row.source).name),
                row.result.respondents,
                f"{quadrant.number}. {quadrant.name.get(lang)}",
                points(now, lang),
                points(wanted, lang),
                points(wanted - now, lang, signed=True),
            )
            for row in profiles[:MAX_LISTED]
            for quadrant, now, wanted in zip(
                model.quadrants, row.result.current, row.result.desired, strict=True
            )
        )
        out: list[Block] = [
            Heading(say("profiles_h")),
            Table(
                (
                    say("label"),
                    say("respondents"),
                    say("quadrant"),
                    say("current"),
                    say("desired"),
                    say("difference"),
                ),
                rows,
                (1, 3, 4, 5),
            ),
        ]
        if len(profiles) > MAX_LISTED:
            out.append(Paragraph(say("more").format(count=len(profiles) - MAX_LISTED)))
        everyone = aggregate.pooled([r.result for r in profiles])
        if everyone is not None:
            from incluzo.commands.kites import Line, save_chart
            from incluzo.scenes import theme

            path = save_chart(
                self.folder / "profiles.png",
                model,
                lang,
                f"{say('everyone')} ({everyone.respondents})",
                [
                    Line(say("current"), [float(v) for v in everyone.current], theme.KITE_NOW),
                    Line(say("desired"), [float(v) for v in everyone.desired], theme.KITE_DESIRED, "dotted"),
                ],
            )
            out.append(Chart(path, say("everyone")))
        return out

    def kites(self, scenario: Scenario, rows: list[aggregate.PositionRow]) -> Path:
        """As in the game's debrief: mean start dashed, mean end solid, the desired position dotted."""
        from incluzo.commands.kites import Line, save_chart
        from incluzo.scenes import theme

        say = self.say
        lines = [
            Line(say("mean_start"), [float(r.start) for r in rows], theme.KITE_START, "dashed"),
            Line(say("mean_end"), [float(r.end) for r in rows], theme.KITE_NOW),
        ]
        if scenario.desired:
            lines.append(
                Line(say("goal"), [u / position.UNIT for u in scenario.desired], theme.KITE_DESIRED, "dotted")
            )
        title = self.t(scenario, scenario.title)
        games = rows[0].games if rows else 0
        return save_chart(
            self.folder / f"kites-{scenario.id}.png",
            scenario.model,
            self.lang,
            f"{title} ({games} {say('games')})",
            lines,
        )


def _choice_label(scenario: Scenario, card: str, choice: str, lang: str) -> str:
    found = scenario.card(card).choice(choice)
    return found.label.get(lang, scenario.language) if found else choice


def _option_label(scenario: Scenario, card: str, option: str, lang: str) -> str:
    poll = scenario.card(card).poll
    found = next((o for o in poll.options if o.id == option), None) if poll else None
    return found.label.get(lang, scenario.language) if found else option
