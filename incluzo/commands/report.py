"""`incluzo report LOG...`: what many session logs say together, as CSV files, Markdown and kites."""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from incluzo.commands import default_language
from incluzo.engine import files
from incluzo.engine.logs import aggregate, savelog, workshoplog
from incluzo.engine.logs.aggregate import LoggedSession
from incluzo.engine.play import position
from incluzo.engine.questionnaire.themes import decimal_text
from incluzo.engine.scenario import yamlsource
from incluzo.engine.scenario.loader import load_file
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.problems import ScenarioError
from incluzo.i18n import Messages, languages, message
from incluzo.persistence import SUFFIX, read_leniently, saves_dir
from incluzo.shipped import SCENARIOS as ROOT_SCENARIOS

HELP = """Aggregate session logs (the JSON Lines files incluzo writes for every session, in the saves
folder) into CSV files and a Markdown summary with kite charts:

  choices.csv      per card how often each choice was made
  positions.csv    per scenario the mean start, end and shift per quadrant
  recognition.csv  per scenario the affirmative / transformative share
  times.csv        per card the time spent deliberating (mean, least, most)
  polls.csv        per poll the votes per option
  profiles.csv     the "Welke bril?" profiles recorded in the sessions
  summary.md       all of it in one readable page, with kites-<scenario>.png and profiles.png

A LOG may be a folder: its session logs are read (autosave copies left out). Each log is replayed on
its scenario, found by the path recorded in the log, else by id in --scenarios folders. A damaged log
is used up to its last good record, and the report says so.

exit code: 0 written, 1 no log could be used, 2 usage error

examples:
  incluzo report ~/.local/share/incluzo/saves --out rapport
  incluzo report sessie-1.jsonl sessie-2.jsonl --scenarios mijn-scenarios
"""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "report",
        help="aggregate session logs into CSV files and a Markdown summary",
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
        "--lang", choices=languages(), default=default_language(), help="language of the summary"
    )
    parser.set_defaults(run=run)


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


def run(args: argparse.Namespace) -> int:
    paths = list(log_files([Path(p) for p in args.logs] or [saves_dir()]))
    finder = ScenarioFinder([*args.scenarios, ROOT_SCENARIOS])
    logs: list[LoggedSession] = []
    skipped: list[Skipped] = []
    for path in paths:
        found = read_log(path, finder, args.lang)
        if isinstance(found, Skipped):
            skipped.append(found)
        else:
            logs.append(found)
    for skip in skipped:
        print(f"incluzo report: {skip.source}: {skip.reason}", file=sys.stderr)
    if not logs:
        print(f"incluzo report: {message('report.none', args.lang)}", file=sys.stderr)
        return 1
    write_report(args.out, logs, skipped, args.lang)
    print(message("report.written", args.lang, folder=args.out), file=sys.stderr)
    return 0


def log_files(paths: Iterable[Path]) -> Iterable[Path]:
    """Each file as given; each folder's session logs (no autosave copies), in name order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p
                for p in path.glob(f"*{SUFFIX}")
                if ".autosave-" not in p.name and not p.name.startswith(".")
            )
        else:
            yield path


class ScenarioFinder:
    """Scenarios by id: the file a log names first, else any file in the folders with that id."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = folders
        self.loaded: dict[Path, Scenario | None] = {}

    def load(self, path: Path) -> Scenario | None:
        if path not in self.loaded:
            try:
                self.loaded[path] = load_file(path) if path.is_file() else None
            except ScenarioError:
                self.loaded[path] = None
        return self.loaded[path]

    def find(self, scenario_id: str, source: str, content_hash: str) -> Scenario | None:
        named = self.load(Path(source)) if source else None
        if named is not None and named.id == scenario_id:
            return named
        paths = [
            p for folder in self.folders for p in sorted(folder.glob("*.yaml")) if _may_be(p, scenario_id)
        ]
        matching = [s for p in paths if (s := self.load(p)) is not None and s.id == scenario_id]
        return next(
            (s for s in matching if s.content_hash == content_hash), matching[0] if matching else None
        )


_ID_LINE = re.compile(r"^id:[ \t]*[\"']?([a-z][a-z0-9-]*)", re.MULTILINE)


def _may_be(path: Path, scenario_id: str) -> bool:
    """Whether a file may hold that scenario: a cheap look at its `id:` line before the full load."""
    try:
        text = files.read_limited(path, yamlsource.MAX_BYTES).decode("utf-8", errors="replace")
    except files.Refused:
        return False
    found = _ID_LINE.search(text)
    return found is None or found.group(1) == scenario_id


def read_log(path: Path, finder: ScenarioFinder, lang: str) -> LoggedSession | Skipped:
    """A log replayed on its scenario, as far as it is readable and still fits."""
    parsed = read_leniently(path)
    if parsed.log is None:
        problem = parsed.problem
        return Skipped(str(path), problem.format(lang) if problem else message("report.unreadable", lang))
    log = parsed.log
    if parsed.problem is not None:
        used = message("report.used", lang, line=parsed.problem.line - 1)
        print(f"incluzo report: {parsed.problem.format(lang)} ({used})", file=sys.stderr)
    header = log.header
    scenario = finder.find(header.scenario, header.source, header.content_hash)
    if scenario is None:
        return Skipped(str(path), message("report.not_found", lang, id=header.scenario))
    if workshoplog.is_team_game(header):
        team = workshoplog.replay(scenario, log)
        games = tuple((seat.team.name, seat.game) for seat in team.play.seats)
        notices = [team.refusal.message(scenario, lang)] if team.refusal else []
    else:
        solo = savelog.replay(scenario, log, str(path))
        games = (("", solo.session.game),)
        notices = solo.report(lang) if solo.misfit else []
    for notice in notices:
        print(f"incluzo report: {path}: {notice}", file=sys.stderr)
    times = tuple(
        (entry.card, entry.ms)
        for entry in log.entries
        if isinstance(entry, savelog.DeliberationEntry | savelog.TeamRevealEntry) and entry.card
    )
    profiles = tuple(
        (entry.label, result)
        for entry in log.entries
        if isinstance(entry, savelog.ProfileEntry) and (result := workshoplog.profile_of(entry)) is not None
    )
    return LoggedSession(str(path), scenario, header.mode, games, times, profiles)


# --- writing ---------------------------------------------------------------------------------------


def points(value: Fraction, lang: str = "en", signed: bool = False) -> str:
    return decimal_text(value, lang, signed=signed)


def seconds(ms: Fraction | int, lang: str = "en") -> str:
    return decimal_text(Fraction(ms, 1000), lang, places=1)


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_report(folder: Path, logs: Sequence[LoggedSession], skipped: Sequence[Skipped], lang: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    choices = aggregate.choice_rows(logs)
    positions = aggregate.position_rows(logs)
    recognition = aggregate.recognition_rows(logs)
    times = aggregate.time_rows(logs)
    polls = aggregate.poll_rows(logs)
    profiles = aggregate.profile_rows(logs)
    write_csv(
        folder / "choices.csv",
        ("scenario", "card", "choice", "recognition", "times", "of", "share"),
        ((r.scenario, r.card, r.choice, r.recognition, r.times, r.of, share(r.times, r.of)) for r in choices),
    )
    write_csv(
        folder / "positions.csv",
        ("scenario", "quadrant", "games", "start", "end", "shift"),
        (
            (r.scenario, r.quadrant, r.games, points(r.start), points(r.end), points(r.shift, signed=True))
            for r in positions
        ),
    )
    write_csv(
        folder / "recognition.csv",
        ("scenario", "games", "affirmatief", "transformatief", "transformative_share"),
        (
            (r.scenario, r.games, r.affirmative, r.transformative, points(100 * r.transformative_share))
            for r in recognition
        ),
    )
    write_csv(
        folder / "times.csv",
        ("scenario", "card", "sessions", "mean_seconds", "least_seconds", "most_seconds"),
        (
            (r.scenario, r.card, r.sessions, seconds(r.mean_ms), seconds(r.low_ms), seconds(r.high_ms))
            for r in times
        ),
    )
    write_csv(
        folder / "polls.csv",
        ("scenario", "card", "option", "votes", "polls"),
        ((r.scenario, r.card, r.option, r.votes, r.polls) for r in polls),
    )
    write_csv(
        folder / "profiles.csv",
        ("log", "label", "respondents", "quadrant", "current", "desired", "difference"),
        (
            (r.source, r.label, r.result.respondents, q, points(c), points(d), points(d - c, signed=True))
            for r in profiles
            for q, c, d in zip(
                logs[0].scenario.model.quadrant_ids, r.result.current, r.result.desired, strict=True
            )
        ),
    )
    summary = Summary(folder, logs, lang)
    text = summary.markdown(choices, positions, recognition, times, polls, profiles, skipped)
    (folder / "summary.md").write_text(text, encoding="utf-8")


def share(part: int, whole: int, lang: str = "en") -> str:
    return points(Fraction(100 * part, whole), lang) if whole else ""


class Summary:
    """The Markdown page and its kite charts."""

    def __init__(self, folder: Path, logs: Sequence[LoggedSession], lang: str) -> None:
        self.folder, self.logs, self.lang = folder, logs, lang
        self.say = Messages(lang)
        self.scenarios = {log.scenario.id: log.scenario for log in logs}

    def table(self, header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
        return [
            "| " + " | ".join(header) + " |",
            "|" + "---|" * len(header),
            *("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows),
            "",
        ]

    def markdown(
        self,
        choices: list[aggregate.ChoiceRow],
        positions: list[aggregate.PositionRow],
        recognition: list[aggregate.RecognitionRow],
        times: list[aggregate.TimeRow],
        polls: list[aggregate.PollRow],
        profiles: list[aggregate.ProfileRow],
        skipped: Sequence[Skipped],
    ) -> str:
        say, lang = self.say, self.lang
        games = sum(len(log.games) for log in self.logs)
        out = [f"# {say('report.title')}", "", say("report.counts", sessions=len(self.logs), games=games), ""]
        for scenario_id, scenario in sorted(self.scenarios.items()):
            t = scenario.title.get(lang, scenario.language)
            cards = {c.id: c for c in scenario.cards}
            mine = [r for r in positions if r.scenario == scenario_id]
            out += [
                f"## {t} (`{scenario_id}`)",
                "",
                f"![{t}]({self.kites(scenario, mine).name})",
                "",
                f"### {say('report.position_h')}",
                "",
            ]
            names = {q.id: f"{q.number}. {q.name.get(lang)}" for q in scenario.model.quadrants}
            out += self.table(
                (say("report.quadrant"), say("report.start"), say("report.end"), say("report.shift")),
                (
                    (
                        names[r.quadrant],
                        points(r.start, lang),
                        points(r.end, lang),
                        points(r.shift, lang, signed=True),
                    )
                    for r in mine
                ),
            )
            for r in recognition:
                if r.scenario == scenario_id:
                    out += [
                        say(
                            "report.recognition_line",
                            a=r.affirmative,
                            t=r.transformative,
                            share=points(100 * r.transformative_share, lang),
                        ),
                        "",
                    ]
            out += [f"### {say('report.choices_h')}", ""]
            out += self.table(
                (
                    say("report.card"),
                    say("report.choice"),
                    say("report.recognition"),
                    say("report.times"),
                    say("report.share"),
                ),
                (
                    (
                        cards[r.card].title.get(lang),
                        _choice_label(scenario, r.card, r.choice, lang),
                        r.recognition,
                        r.times,
                        share(r.times, r.of, lang),
                    )
                    for r in choices
                    if r.scenario == scenario_id
                ),
            )
            timed = [r for r in times if r.scenario == scenario_id]
            if timed:
                out += [f"### {say('report.time_h')}", ""]
                out += self.table(
                    (
                        say("report.card"),
                        say("report.timed"),
                        say("report.mean"),
                        say("report.least"),
                        say("report.most"),
                    ),
                    (
                        (
                            cards[r.card].title.get(lang),
                            r.sessions,
                            seconds(r.mean_ms, lang),
                            seconds(r.low_ms, lang),
                            seconds(r.high_ms, lang),
                        )
                        for r in timed
                    ),
                )
            voted = [r for r in polls if r.scenario == scenario_id]
            if voted:
                out += [f"### {say('report.polls_h')}", ""]
                out += self.table(
                    (say("report.card"), say("report.option"), say("report.votes")),
                    (
                        (
                            cards[r.card].title.get(lang),
                            _option_label(scenario, r.card, r.option, lang),
                            r.votes,
                        )
                        for r in voted
                    ),
                )
        if profiles:
            out += self.profiles(profiles)
        if skipped:
            out += [f"## {say('report.skipped')}", "", *(f"- `{s.source}`: {s.reason}" for s in skipped), ""]
        return "\n".join(out)

    def profiles(self, profiles: list[aggregate.ProfileRow]) -> list[str]:
        say, lang = self.say, self.lang
        model = self.logs[0].scenario.model
        out = [f"## {say('report.profiles_h')}", ""]
        rows = []
        for row in profiles:
            for quadrant, now, wanted in zip(
                model.quadrants, row.result.current, row.result.desired, strict=True
            ):
                rows.append(
                    (
                        row.label or Path(row.source).name,
                        row.result.respondents,
                        f"{quadrant.number}. {quadrant.name.get(lang)}",
                        points(now, lang),
                        points(wanted, lang),
                        points(wanted - now, lang, signed=True),
                    )
                )
        out += self.table(
            (
                say("report.label"),
                say("report.respondents"),
                say("report.quadrant"),
                say("report.current"),
                say("report.desired"),
                say("report.difference"),
            ),
            rows,
        )
        everyone = aggregate.pooled([r.result for r in profiles])
        if everyone is not None:
            from incluzo.commands.kites import Line, save_chart
            from incluzo.scenes import theme

            path = save_chart(
                self.folder / "profiles.png",
                model,
                lang,
                f"{say('report.everyone')} ({everyone.respondents})",
                [
                    Line(say("report.current"), [float(v) for v in everyone.current], theme.KITE_NOW),
                    Line(
                        say("report.desired"),
                        [float(v) for v in everyone.desired],
                        theme.KITE_DESIRED,
                        "dashed",
                    ),
                ],
            )
            out += [f"![{say('report.everyone')}]({path.name})", ""]
        return out

    def kites(self, scenario: Scenario, rows: list[aggregate.PositionRow]) -> Path:
        """Mean start (dotted), mean end (solid) and the scenario's desired position (dashed)."""
        from incluzo.commands.kites import Line, save_chart
        from incluzo.scenes import theme

        say = self.say
        lines = [
            Line(say("report.mean_start"), [float(r.start) for r in rows], theme.KITE_START, "dotted"),
            Line(say("report.mean_end"), [float(r.end) for r in rows], theme.KITE_NOW),
        ]
        if scenario.desired:
            lines.append(
                Line(
                    say("report.goal"),
                    [u / position.UNIT for u in scenario.desired],
                    theme.KITE_DESIRED,
                    "dashed",
                )
            )
        title = scenario.title.get(self.lang, scenario.language)
        games = rows[0].games if rows else 0
        return save_chart(
            self.folder / f"kites-{scenario.id}.png",
            scenario.model,
            self.lang,
            say("report.chart_title", title=title, games=games),
            lines,
        )


def _choice_label(scenario: Scenario, card: str, choice: str, lang: str) -> str:
    found = scenario.card(card).choice(choice)
    return found.label.get(lang, scenario.language) if found else choice


def _option_label(scenario: Scenario, card: str, option: str, lang: str) -> str:
    poll = scenario.card(card).poll
    found = next((o for o in poll.options if o.id == option), None) if poll else None
    return found.label.get(lang, scenario.language) if found else option
