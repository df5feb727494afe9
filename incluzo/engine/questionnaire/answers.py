"""Questionnaire answers exported from a survey tool (CSV) to responses, every mistake located.

One row per respondent; a column per theme, part and quadrant (`opp.huidig.specialisme`), see
`Questionnaire.columns()`. Optional columns `respondent` (a number or role) and `team` (to score teams
apart); any other column (a time stamp, an e-mail address) is ignored. Comma, semicolon or tab separated.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from incluzo.engine.questionnaire.themes import (
    PARTS,
    POINTS,
    Points,
    Questionnaire,
    Response,
    check_points,
    column_name,
)
from incluzo.engine.scenario import yamlsource
from incluzo.engine.scenario.problems import Problem, ScenarioError, suggest

RESPONDENT, TEAM = "respondent", "team"
DELIMITERS = ",;\t"
MAX_ROWS = 10_000
MAX_PROBLEMS = 100  # a wholly wrong file stops here instead of printing thousands of lines
_WHOLE = re.compile(r"^[+-]?\d{1,6}$")


@dataclass(frozen=True)
class Answers:
    responses: tuple[Response, ...]
    teams: tuple[str, ...]  # per response; '' when the file has no team column

    def by_team(self) -> dict[str, tuple[Response, ...]]:
        """The responses per team, in the order teams first appear."""
        grouped: dict[str, list[Response]] = {}
        for team, response in zip(self.teams, self.responses, strict=True):
            grouped.setdefault(team, []).append(response)
        return {team: tuple(found) for team, found in grouped.items()}


def read_file(path: str | Path, questionnaire: Questionnaire) -> Answers:
    """Read a CSV file of answers. Raises ScenarioError with every problem found."""
    path = Path(path)
    text = yamlsource.decode(yamlsource.read_file(path), str(path))
    return read_text(text, questionnaire, str(path))


def read_text(text: str, questionnaire: Questionnaire, source: str = "<csv>") -> Answers:
    """Read CSV text of answers. Raises ScenarioError with every problem found."""
    return _Sheet(questionnaire, source, _delimiter(text)).read(text)


def _delimiter(text: str) -> str:
    """The separator the header line uses most (Dutch spreadsheets write ';')."""
    header = text.split("\n", 1)[0]
    return max(DELIMITERS, key=header.count)


def _columns(line: str, delimiter: str) -> list[int]:
    """The character column where each field of an unquoted line starts (1-based); [] when quoted."""
    if '"' in line:
        return []
    starts, offset = [], 1
    for field in line.split(delimiter):
        starts.append(offset)
        offset += len(field) + 1
    return starts


@dataclass
class _Sheet:
    questionnaire: Questionnaire
    source: str
    delimiter: str

    def __post_init__(self) -> None:
        self.problems: list[Problem] = []
        self.lines: list[str] = []

    def report(self, problem: Problem, line: int, field: int | None, path: str) -> None:
        starts = _columns(self.lines[line - 1], self.delimiter) if line <= len(self.lines) else []
        column = starts[field] if field is not None and field < len(starts) else 1
        self.problems.append(replace(problem, source=self.source, line=line, column=column, path=path))

    def fail(
        self,
        code: str,
        line: int,
        field: int | None,
        path: str,
        hint: str | None = None,
        hint_params: Mapping[str, object] | None = None,
        **params: object,
    ) -> None:
        self.report(Problem(code, "", 0, 0, "", params, hint, hint_params or {}), line, field, path)

    def read(self, text: str) -> Answers:
        self.lines = text.splitlines()
        rows = csv.reader(text.splitlines(keepends=True), delimiter=self.delimiter)
        try:
            header = [name.strip() for name in next(rows)]
        except (StopIteration, csv.Error):
            self.fail("INC003", 1, None, "", reason="the file has no header row naming the columns")
            raise ScenarioError(self.problems) from None
        where = self.header(header)
        responses: list[Response] = []
        teams: list[str] = []
        last_line = rows.line_num
        try:
            for number, row in enumerate(rows, 1):
                line, last_line = last_line + 1, rows.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if number > MAX_ROWS:
                    self.fail("INC017", line, None, "", "limit", reason=f"more than {MAX_ROWS:,} rows")
                    break
                if len(self.problems) >= MAX_PROBLEMS:
                    break
                found = self.row(row, number, line, header, where)
                if found is not None:
                    responses.append(found)
                    teams.append(row[where[TEAM]].strip() if TEAM in where else "")
        except csv.Error as error:
            self.fail("INC003", rows.line_num, None, "", reason=f"cannot read this CSV line: {error}")
        if not responses and not self.problems:
            self.fail("INC003", 1, None, "", reason="the file has a header but no answers")
        if self.problems:
            raise ScenarioError(self.problems)
        return Answers(tuple(responses), tuple(teams))

    def header(self, header: list[str]) -> dict[str, int]:
        """Column name -> field index; every missing or repeated column reported on line 1."""
        where: dict[str, int] = {}
        for index, name in enumerate(header):
            if name in where:
                self.fail("INC010", 1, index, name, "unique_id", kind="column", value=name, first=1)
            else:
                where[name] = index
        wanted = self.questionnaire.columns()
        unknown = [name for name in header if name not in wanted and name not in (RESPONDENT, TEAM)]
        for name in wanted:
            if name not in where:
                close = suggest(name, unknown)
                hint, params = (
                    ("did_you_mean", {"suggestion": close}) if close else ("columns", {"example": wanted[0]})
                )
                self.fail(
                    "INC104", 1, header.index(close) if close else None, name, hint, params, column=name
                )
        if self.problems:
            raise ScenarioError(self.problems)
        return where

    def row(
        self, row: list[str], number: int, line: int, header: list[str], where: dict[str, int]
    ) -> Response | None:
        """One respondent's row, or None when it has problems (reported)."""
        if len(row) < len(header):
            self.fail(
                "INC003",
                line,
                None,
                f"row {number}",
                reason=f"this row has {len(row)} values, the header names {len(header)} columns",
            )
            return None
        parts: dict[str, list[Points]] = {part: [] for part in PARTS}
        ok = True
        for part in PARTS:
            for theme in self.questionnaire.themes:
                names = [column_name(theme.id, part, q) for q in self.questionnaire.model.quadrant_ids]
                values = [self.value(row, number, line, name, where[name]) for name in names]
                if any(v is None for v in values):
                    ok = False
                    continue
                points = tuple(v for v in values if v is not None)
                problem = check_points(points)
                if problem is not None:
                    self.report(problem, line, where[names[0]], f"row {number}, {theme.id}.{part}")
                    ok = False
                parts[part].append(points)
        if not ok:
            return None
        label = row[where[RESPONDENT]].strip() if RESPONDENT in where else str(number)
        return Response(tuple(parts[PARTS[0]]), tuple(parts[PARTS[1]]), label)

    def value(self, row: list[str], number: int, line: int, name: str, index: int) -> int | None:
        """One cell as points 0-10, or None (reported)."""
        cell = row[index].strip()
        path = f"row {number}, {name}"
        if not _WHOLE.match(cell):
            found = f"'{cell[:20]}'" if cell else "an empty cell"
            self.fail("INC007", line, index, path, expected=f"a whole number from 0 to {POINTS}", found=found)
            return None
        value = int(cell)
        if not 0 <= value <= POINTS:
            self.fail("INC013", line, index, path, value=value, range=f"0 to {POINTS}")
            return None
        return value
