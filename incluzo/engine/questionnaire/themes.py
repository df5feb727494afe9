"""The "Welke bril?" questionnaire: themes from YAML, OCAI scoring in exact fractions.

Each theme has four situations, one per quadrant. A respondent distributes POINTS (10) over them, once
for the current situation and once for the desired one. As in OCAI, a quadrant's score is the mean of
its points over the themes, scaled to 100; a team's profile is the mean of its respondents' profiles.
Fractions keep every step exact, so a difference of exactly 10 is 10 and not 9.999999999999998.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from msgspec import Struct
from msgspec.structs import replace

from incluzo.engine.play import position
from incluzo.engine.scenario.loader import Reader, close, read_head
from incluzo.engine.scenario.model import QuadrantModel, Scenario, load_model
from incluzo.engine.scenario.problems import Problem, said
from incluzo.engine.scenario.text import EMPTY, Text
from incluzo.engine.scenario.yamlsource import DEFAULT_LIMITS, Limits, compose, decode, read_file
from incluzo.i18n import catalog_for
from incluzo.lazy import yaml

POINTS = 10  # points per theme and part
SCALE = 100  # a profile runs from 0 to 100 per quadrant
DEFAULT_THRESHOLD = 10  # OCAI: a current-desired difference of 10 or more is meaningful
CURRENT, DESIRED = "huidig", "gewenst"
PARTS = (CURRENT, DESIRED)
MAX_THEMES = 50

QUESTIONNAIRE_KEYS = {
    "format": True,
    "id": True,
    "title": True,
    "language": True,
    "translations": False,
    "description": False,
    "model": False,
    "themes": True,
}
THEME_KEYS = {"id": True, "title": True, "question": False, "situations": True}

Profile = tuple[Fraction, ...]  # one score per quadrant, 0 to 100, summing to 100
Points = tuple[int, ...]  # one theme's points per quadrant, 0 to 10, summing to 10


class Theme(Struct, frozen=True):
    id: str
    title: Text
    situations: tuple[Text, ...]  # one per quadrant, in model order
    question: Text = EMPTY
    line: int = 0


class Questionnaire(Struct, frozen=True):
    id: str
    title: Text
    language: str
    themes: tuple[Theme, ...]
    model: QuadrantModel
    translations: tuple[str, ...] = ()
    description: Text = EMPTY
    source: str = "<string>"
    content_hash: str = ""

    def columns(self) -> tuple[str, ...]:
        """The CSV column names, in order: per part, per theme, per quadrant (`opp.huidig.specialisme`)."""
        return tuple(
            column_name(theme.id, part, quadrant)
            for part in PARTS
            for theme in self.themes
            for quadrant in self.model.quadrant_ids
        )


def column_name(theme: str, part: str, quadrant: str) -> str:
    return f"{theme}.{part}.{quadrant}"


# --- loading ------------------------------------------------------------------------------------


def load_text(text: str, source: str = "<string>", *, limits: Limits = DEFAULT_LIMITS) -> Questionnaire:
    """A questionnaire from YAML text. Raises ScenarioError with every problem found."""
    root = compose(text, source, limits)
    return _build(root, source, hashlib.sha256(text.encode("utf-8")).hexdigest())


def load_file(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Questionnaire:
    """A questionnaire file. Raises ScenarioError with every problem found."""
    path = Path(path)
    return load_text(decode(read_file(path, limits), str(path), limits), str(path), limits=limits)


def _build(root: yaml.Node, source: str, digest: str) -> Questionnaire:
    reader = Reader(source, load_model())
    keys, translations = read_head(
        reader, root, QUESTIONNAIRE_KEYS, said("problem.type.questionnaire"), "questionnaire_start"
    )
    nodes = reader.sequence(keys["themes"], "themes") if "themes" in keys else []
    if "themes" in keys and isinstance(keys["themes"], yaml.SequenceNode) and not nodes:
        reader.report(keys["themes"], "themes", "INC003", reason=said("problem.reason.no_themes"))
    if len(nodes) > MAX_THEMES:
        reader.report(
            keys["themes"],
            "themes",
            "INC017",
            "limit",
            reason=said("problem.reason.themes", count=len(nodes), most=MAX_THEMES),
        )
    first_line: dict[str, int] = {}
    themes = tuple(
        theme
        for i, node in enumerate(nodes[:MAX_THEMES])
        if (theme := _theme(reader, node, f"themes[{i}]", first_line))
    )
    questionnaire_id = reader.ident(keys["id"], "id") if "id" in keys else None
    title = reader.text(keys.get("title"), "title")
    description = reader.text(keys.get("description"), "description")
    close(reader, root, translations)
    return Questionnaire(
        questionnaire_id or "",
        title,
        reader.language,
        themes,
        reader.model,
        translations,
        description,
        source,
        digest,
    )


def _theme(reader: Reader, node: yaml.Node, path: str, first_line: dict[str, int]) -> Theme | None:
    fields = reader.mapping(node, path, THEME_KEYS)
    if fields is None:
        return None
    theme_id = reader.unique_id(fields, path, "theme", first_line)
    quadrants = reader.model.quadrant_ids
    situations: dict[str, Text] = {}
    node_of = fields.get("situations")
    if node_of is not None:
        given = reader.mapping(node_of, f"{path}.situations", dict.fromkeys(quadrants, True)) or {}
        situations = {q: reader.text(given[q], f"{path}.situations.{q}") for q in quadrants if q in given}
    theme = Theme(
        theme_id or "",
        reader.text(fields.get("title"), f"{path}.title"),
        tuple(situations.get(q, EMPTY) for q in quadrants),
        reader.text(fields.get("question"), f"{path}.question"),
        node.start_mark.line + 1,
    )
    return theme if theme_id else None


# --- answers and scoring ------------------------------------------------------------------------


def check_points(points: Sequence[int], quadrants: int = 4) -> Problem | None:
    """Why one theme's points cannot be accepted (an unlocated problem), or None when they sum to 10."""
    if len(points) != quadrants:
        return Problem("INC013", "", 0, 0, "", {"value": len(points), "range": f"{quadrants} numbers"})
    for value in points:
        if not 0 <= value <= POINTS:
            return Problem("INC013", "", 0, 0, "", {"value": value, "range": f"0 to {POINTS}"})
    if sum(points) != POINTS:
        return Problem(
            "INC103", "", 0, 0, "", {"total": sum(points), "points": POINTS}, "points_sum", {"points": POINTS}
        )
    return None


def score(themes: Sequence[Sequence[int]]) -> Profile:
    """One respondent's profile for one part: per quadrant the mean of its points over the themes, x10."""
    if not themes:
        raise ValueError("a profile needs at least one theme")
    return tuple(Fraction(sum(column) * SCALE, POINTS * len(themes)) for column in zip(*themes, strict=True))


def mean(profiles: Sequence[Profile]) -> Profile:
    """A team's profile: the mean of its respondents' profiles, per quadrant."""
    if not profiles:
        raise ValueError("a team profile needs at least one respondent")
    return tuple(sum(column, Fraction(0)) / len(profiles) for column in zip(*profiles, strict=True))


def differences(current: Profile, desired: Profile) -> Profile:
    """Desired minus current, per quadrant: positive means the respondents want more of it."""
    return tuple(d - c for c, d in zip(current, desired, strict=True))


def meaningful(difference: Fraction, threshold: Fraction | int = DEFAULT_THRESHOLD) -> bool:
    """OCAI's rule of thumb: a difference of at least the threshold (exactly 10 counts) is meaningful."""
    return abs(difference) >= threshold


def to_position(profile: Profile) -> tuple[int, ...]:
    """A profile as an exact scenario position (units summing to 100 points), by largest remainder."""
    denominator = math.lcm(*(value.denominator for value in profile))
    weights = [int(value * denominator) for value in profile]
    return position.split(position.TOTAL, weights)


class Response(Struct, frozen=True):
    """One respondent's (or a whole team's) points: per theme, per quadrant, for both parts."""

    current: tuple[Points, ...]
    desired: tuple[Points, ...]
    label: str = ""  # a respondent number or role, never needed to be a name


class Result(Struct, frozen=True):
    """The scored profiles of one or more respondents."""

    current: Profile
    desired: Profile
    respondents: int

    @property
    def differences(self) -> Profile:
        return differences(self.current, self.desired)

    def meaningful(self, threshold: Fraction | int = DEFAULT_THRESHOLD) -> tuple[bool, ...]:
        return tuple(meaningful(d, threshold) for d in self.differences)


def result(responses: Sequence[Response]) -> Result:
    """Score every response and take the team mean of both parts."""
    return Result(
        mean([score(r.current) for r in responses]),
        mean([score(r.desired) for r in responses]),
        len(responses),
    )


def team_results(responses: Sequence[Response], teams: Sequence[str]) -> tuple[tuple[str, Result], ...]:
    """Each team's result (`teams`: per response its team's name, '' for none), in the order the teams
    first appear; none when no response names a team (then there is only everyone's result)."""
    grouped: dict[str, list[Response]] = {}
    for team, response in zip(teams, responses, strict=True):
        grouped.setdefault(team, []).append(response)
    if set(grouped) <= {""}:
        return ()
    return tuple((team, result(found)) for team, found in grouped.items())


def start_from(scenario: Scenario, found: Result) -> Scenario:
    """The scenario with the room's current profile as start position and its desired one as goal."""
    return replace(scenario, position=to_position(found.current), desired=to_position(found.desired))


# --- filling in, one theme at a time -------------------------------------------------------------


class Sheet(Struct, frozen=True):
    """A response being filled in: all themes for the current situation, then all for the desired one."""

    themes: int
    current: tuple[Points, ...] = ()
    desired: tuple[Points, ...] = ()
    label: str = ""

    @property
    def part(self) -> str | None:
        """The part being answered, None when the sheet is complete."""
        if len(self.current) < self.themes:
            return CURRENT
        return DESIRED if len(self.desired) < self.themes else None

    @property
    def theme(self) -> int:
        """The index of the theme being answered."""
        return len(self.current) if self.part == CURRENT else len(self.desired)

    @property
    def complete(self) -> bool:
        return self.part is None

    def answer(self, points: Sequence[int]) -> Sheet | Problem:
        """Accept one theme's points, or say why not (they must be whole numbers summing to 10)."""
        if self.complete:
            return Problem("INC003", "", 0, 0, "", {"reason": "every theme is answered"})
        problem = check_points(points)
        if problem is not None:
            return problem
        given = (tuple(points),)
        if self.part == CURRENT:
            return replace(self, current=self.current + given)
        return replace(self, desired=self.desired + given)

    def back(self) -> Sheet:
        """Take back the last answered theme (nothing when none is answered)."""
        if self.desired:
            return replace(self, desired=self.desired[:-1])
        return replace(self, current=self.current[:-1])

    def response(self) -> Response:
        if not self.complete:
            raise ValueError("the sheet is not complete")
        return Response(self.current, self.desired, self.label)


# --- view data ----------------------------------------------------------------------------------


class ScoreView(Struct, frozen=True):
    """One quadrant of a profile, ready to draw and print."""

    id: str
    number: int
    name: str
    colour: str
    pattern: str
    current: Fraction
    desired: Fraction
    difference: Fraction
    meaningful: bool
    current_text: str  # two decimals in the language's style: "34,29" (nl) or "34.29" (en)
    desired_text: str
    difference_text: str  # signed: "+12,86", "-10,00"


class ProfileView(Struct, frozen=True):
    title: str
    respondents: int
    threshold: Fraction
    scores: tuple[ScoreView, ...]


def decimal_text(value: Fraction, lang: str, *, signed: bool = False, places: int = 2) -> str:
    """A fraction rounded half away from zero to `places` decimals, with the language's decimal mark."""
    scale = 10**places
    numerator, denominator = abs(value.numerator), value.denominator  # integers only: a report prints
    magnitude = (numerator * scale * 2 + denominator) // (2 * denominator)  # thousands; round half up
    whole, part = divmod(magnitude, scale)
    sign = "-" if value < 0 and magnitude else ("+" if signed else "")
    mark = catalog_for(lang).decimal_mark
    return f"{sign}{whole}{mark}{part:0{places}d}"


def present(
    questionnaire: Questionnaire, found: Result, lang: str, threshold: Fraction | int = DEFAULT_THRESHOLD
) -> ProfileView:
    """The profile of a result in one language: per quadrant current, desired, difference and its weight."""
    fallback = questionnaire.language
    return ProfileView(
        questionnaire.title.get(lang, fallback),
        found.respondents,
        Fraction(threshold),
        tuple(
            ScoreView(
                q.id,
                q.number,
                q.name.get(lang, fallback),
                q.colour,
                q.pattern,
                now,
                wanted,
                wanted - now,
                meaningful(wanted - now, threshold),
                decimal_text(now, lang),
                decimal_text(wanted, lang),
                decimal_text(wanted - now, lang, signed=True),
            )
            for q, now, wanted in zip(
                questionnaire.model.quadrants, found.current, found.desired, strict=True
            )
        ),
    )
