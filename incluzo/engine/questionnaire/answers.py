"""Questionnaire answers exported from a survey tool (CSV) to responses, every mistake located.

One row per respondent; a column per theme, part and quadrant, named `opp.huidig.specialisme` (see
`Questionnaire.columns()`) or as a Microsoft Forms or Google Forms export heads a grid question made
with `incluzo profile --form` (`OPP - huidige situatie [Situatie A]`, see forms.py). Optional columns
`respondent` (a number or role) and `team` (to score teams apart); any other column (a time stamp, an
e-mail address) is ignored. Comma, semicolon or tab separated.

A form cannot make each theme sum to 10, so by default a row with a mistake is refused on its own
(`Answers.refused`, located) and the others are scored; `strict=True` refuses the whole file instead.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from msgspec import Struct
from msgspec.structs import replace

from incluzo.engine.questionnaire.forms import by_position, column_for, form_header, grid_parts
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
from incluzo.engine.scenario.problems import Problem, ScenarioError, Severity, said, suggest

RESPONDENT, TEAM = "respondent", "team"
DELIMITERS = ",;\t"
MAX_ROWS = 10_000
MAX_PROBLEMS = 100  # a wholly wrong file stops here instead of printing thousands of lines
_WHOLE = re.compile(r"^[+-]?\d{1,6}$")


class Answers(Struct, frozen=True):
    responses: tuple[Response, ...]
    teams: tuple[str, ...]  # per response; '' when the file has no team column
    refused: tuple[Problem, ...] = ()  # the rows left out, each with its line and reason (warnings)
    rows: int = 0  # respondents' rows read (empty rows not counted)


def read_file(path: str | Path, questionnaire: Questionnaire, *, strict: bool = False) -> Answers:
    """Read a CSV file of answers. Raises ScenarioError when the file cannot be scored (a column
    missing, no valid row; with `strict`, any mistake), with every problem found."""
    path = Path(path)
    text = yamlsource.decode(yamlsource.read_file(path), str(path))
    return read_text(text, questionnaire, str(path), strict=strict)


def read_text(
    text: str, questionnaire: Questionnaire, source: str = "<csv>", *, strict: bool = False
) -> Answers:
    """Read CSV text of answers (see read_file)."""
    return _Sheet(questionnaire, source, _delimiter(text), strict).read(text)


def _delimiter(text: str) -> str:
    """The separator the header line uses most (Dutch spreadsheets write ';')."""
    header = text.split("\n", 1)[0]
    return max(DELIMITERS, key=header.count)


def _own_name(header: str, questionnaire: Questionnaire) -> str:
    """The name incluzo knows a column by: its own (`opp.huidig.specialisme`, `team`), or a form's."""
    if header.casefold() in (RESPONDENT, TEAM):
        return header.casefold()
    if header in questionnaire.columns():
        return header
    return column_for(header, questionnaire) or header


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
    strict: bool = False

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
            self.fail("INC003", 1, None, "", reason=said("problem.reason.no_header_row"))
            raise ScenarioError(self.problems) from None
        where = self.header(header)
        responses: list[Response] = []
        teams: list[str] = []
        refused: list[Problem] = []
        counted = 0
        last_line = rows.line_num
        try:
            for number, row in enumerate(rows, 1):
                line, last_line = last_line + 1, rows.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if number > MAX_ROWS:
                    self.fail(
                        "INC017", line, None, "", "limit", reason=said("problem.reason.rows", most=MAX_ROWS)
                    )
                    break
                if len(self.problems) >= MAX_PROBLEMS or len(refused) >= MAX_ROWS:
                    break
                counted += 1
                before = len(self.problems)
                found = self.row(row, number, line, header, where)
                if found is not None:
                    responses.append(found)
                    teams.append(row[where[TEAM]].strip() if TEAM in where else "")
                elif not self.strict:
                    refused += [replace(p, severity=Severity.WARNING) for p in self.problems[before:]]
                    del self.problems[before:]
        except csv.Error as error:
            self.fail("INC003", rows.line_num, None, "", reason=said("problem.reason.csv", error=str(error)))
        if not responses and not self.problems:
            reason = said("problem.reason.no_row_counted" if refused else "problem.reason.no_answers")
            self.fail("INC003", 1, None, "", reason=reason)
        if self.problems:
            raise ScenarioError([*refused, *self.problems])
        return Answers(tuple(responses), tuple(teams), tuple(refused), counted)

    def header(self, header: list[str]) -> dict[str, int]:
        """Column name -> field index; every missing or repeated column reported on line 1. A form's
        grid header (`OPP - huidige situatie [Situatie A]`) stands for its column's name."""
        where: dict[str, int] = {}
        positional = by_position(header, self.questionnaire)
        names = [positional.get(i) or _own_name(given, self.questionnaire) for i, given in enumerate(header)]
        for index, name in enumerate(names):
            if name in where:
                self.fail("INC010", 1, index, name, "unique_id", kind="column", value=name, first=1)
            else:
                where[name] = index
        wanted = self.questionnaire.columns()
        unknown = [
            given
            for given, name in zip(header, names, strict=True)
            if name not in (*wanted, RESPONDENT, TEAM)
        ]
        from_form = any(grid_parts(name) for name in unknown)
        for name in wanted:
            if name not in where:
                expected = form_header(self.questionnaire, name) if from_form else name
                close = suggest(expected, unknown)
                example = ("form_columns", {}) if from_form else ("columns", {"example": name})
                hint, params = ("did_you_mean", {"suggestion": close}) if close else example
                self.fail(
                    "INC104", 1, header.index(close) if close else None, name, hint, params, column=expected
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
                reason=said("problem.reason.row_values", count=len(row), columns=len(header)),
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
        if not cell:
            self.fail("INC106", line, index, path, points=POINTS)
            return None
        if not _WHOLE.match(cell) or not 0 <= int(cell) <= POINTS:
            self.fail("INC105", line, index, path, points=POINTS, value=yamlsource.shown(cell, 20))
            return None
        return int(cell)
