"""The page of `incluzo report`: its blocks (rendered as Markdown and as HTML by reportdoc) and kites."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from incluzo.commands.reportdoc import Block, Chart, Heading, Items, Paragraph, Table
from incluzo.commands.reportlogs import Skipped
from incluzo.commands.reporttables import ReportData, points, seconds, share
from incluzo.engine.logs import aggregate
from incluzo.engine.logs.aggregate import LoggedSession
from incluzo.engine.play import position, rules
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.text import Text
from incluzo.i18n import Messages, catalog_for

MAX_LISTED = 100  # profiles listed one by one on the page; the CSV has every one
MAX_LABEL = 80  # characters of a label shown on the page


def shortened(text: str) -> str:
    """A label as the page shows it: at most MAX_LABEL characters."""
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "\u2026"


class Summary:
    """The report's blocks (rendered as Markdown and HTML) and its kite charts."""

    def __init__(self, folder: Path, logs: Sequence[LoggedSession], lang: str) -> None:
        self.folder, self.logs, self.lang = folder, logs, lang
        self.say = Messages(lang)
        self.scenarios = {log.scenario.id: log.scenario for log in logs}

    def t(self, scenario: Scenario, text: Text) -> str:
        return text.get(self.lang, scenario.language)

    def blocks(
        self, data: ReportData, skipped: Sequence[Skipped], notes: Sequence[str], files: int
    ) -> list[Block]:
        say = self.say
        games = sum(len(log.games) for log in self.logs)
        out: list[Block] = [
            Heading(say("report.title"), 1),
            Paragraph(say("report.counted", sessions=len(self.logs), games=games, files=files)),
        ]
        out += self.overview(data.sessions)
        for scenario_id, scenario in sorted(self.scenarios.items()):
            out += self.scenario_blocks(scenario_id, scenario, data)
        if data.profiles:
            out += self.profiles(data.profiles)
        if notes:
            out += [Heading(say("report.notes_h")), Items(tuple(notes))]
        if skipped:
            out += [Heading(say("report.skipped")), Items(tuple(f"{s.source}: {s.reason}" for s in skipped))]
        return out

    def ending_name(self, scenario: Scenario, ending: str | None, early: bool = False) -> str:
        if ending is None:
            return self.say("report.unfinished")
        found = scenario.ending(ending) or next((e for e in rules.engine_endings() if e.id == ending), None)
        name = self.t(scenario, found.title) if found else ending
        return f"{name} ({self.say('report.ended_early')})" if early else name

    def overview(self, rows: Sequence[aggregate.SessionRow]) -> list[Block]:
        say = self.say
        known = catalog_for(self.lang).messages
        return [
            Heading(say("report.overview_h")),
            Table(
                (
                    say("report.date"),
                    say("report.scenario"),
                    say("report.mode"),
                    say("report.team"),
                    say("report.decisions"),
                    say("report.ending"),
                ),
                tuple(
                    (
                        r.date,
                        self.t(self.scenarios[r.scenario], self.scenarios[r.scenario].title),
                        say(f"report.mode.{r.mode}") if f"report.mode.{r.mode}" in known else r.mode,
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
            Heading(say("report.endings_h"), 3),
            Table(
                (say("report.ending"), say("report.games_col"), say("report.share_pct")),
                tuple(
                    (self.ending_name(scenario, r.ending), r.games, share(r.games, r.of, lang))
                    for r in data.endings
                    if r.scenario == scenario_id
                ),
                (1, 2),
            ),
        ]
        goals = {r.quadrant: r for r in data.desired if r.scenario == scenario_id}
        goal_header = (say("report.desired"), say("report.gap")) if goals else ()
        out += [
            Heading(say("report.position_h"), 3),
            Table(
                (
                    say("report.quadrant"),
                    say("report.start"),
                    say("report.end"),
                    say("report.shift"),
                    *goal_header,
                ),
                tuple(
                    (
                        names[r.quadrant],
                        points(r.start, lang),
                        points(r.end, lang),
                        points(r.shift, lang, True),
                        *(
                            (
                                points(goals[r.quadrant].desired, lang),
                                points(goals[r.quadrant].gap, lang, True),
                            )
                            if goals
                            else ()
                        ),
                    )
                    for r in mine
                ),
                (1, 2, 3, 4, 5),
            ),
        ]
        meters = {m.id: m.name.get(lang) for m in scenario.model.meters}
        out += [
            Heading(say("report.budget_h"), 3),
            Table(
                (
                    say("report.meter"),
                    say("report.budget"),
                    say("report.spent_mean"),
                    say("report.spent_least"),
                    say("report.spent_most"),
                ),
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
                    Heading(say("report.recognition_h"), 3),
                    Paragraph(
                        say(
                            "report.recognition_line",
                            a=r.affirmative,
                            t=r.transformative,
                            share=points(100 * r.transformative_share, lang),
                        )
                    ),
                ]
        out += [
            Heading(say("report.choices_h"), 3),
            Table(
                (
                    say("report.card"),
                    say("report.choice"),
                    say("report.recognition"),
                    say("report.times"),
                    say("report.share_pct"),
                ),
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
                Heading(say("report.polls_h"), 3),
                Table(
                    (say("report.card"), say("report.option"), say("report.votes")),
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
                Heading(say("report.time_h"), 3),
                Table(
                    (
                        say("report.card"),
                        say("report.timed"),
                        say("report.mean"),
                        say("report.least"),
                        say("report.most"),
                    ),
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
            Heading(say("report.profiles_h")),
            Table(
                (
                    say("report.label"),
                    say("report.respondents"),
                    say("report.quadrant"),
                    say("report.current"),
                    say("report.desired"),
                    say("report.difference"),
                ),
                rows,
                (1, 3, 4, 5),
            ),
        ]
        if len(profiles) > MAX_LISTED:
            out.append(Paragraph(say("report.more", count=len(profiles) - MAX_LISTED)))
        everyone = aggregate.pooled([r.result for r in profiles])
        if everyone is not None:
            from incluzo.commands.kites import Line, save_chart
            from incluzo.scenes.kit import theme

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
                        "dotted",
                    ),
                ],
            )
            out.append(Chart(path, say("report.everyone")))
        return out

    def kites(self, scenario: Scenario, rows: list[aggregate.PositionRow]) -> Path:
        """As in the game's debrief: mean start dashed, mean end solid, the desired position dotted."""
        from incluzo.commands.kites import Line, save_chart
        from incluzo.scenes.kit import theme

        say = self.say
        lines = [
            Line(say("report.mean_start"), [float(r.start) for r in rows], theme.KITE_START, "dashed"),
            Line(say("report.mean_end"), [float(r.end) for r in rows], theme.KITE_NOW),
        ]
        if scenario.desired:
            lines.append(
                Line(
                    say("report.goal"),
                    [u / position.UNIT for u in scenario.desired],
                    theme.KITE_DESIRED,
                    "dotted",
                )
            )
        title = self.t(scenario, scenario.title)
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
