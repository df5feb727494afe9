"""The questionnaire as a survey form (Microsoft Forms, Google Forms) and the way back from its export.

A form cannot ask "distribute 10 points", so each theme and part becomes one grid question (Google:
"Meerkeuzeraster", Microsoft: "Likert"): its title is the theme's title and the part
(`OPP - huidige situatie`), its rows are `Situatie A` to `Situatie D` (the situations in the model's
quadrant order, their texts in the question's description), its columns the points 0 to 10. Both
tools export a grid as one column per row, headed `Question [Row]` (some exports write `Question.Row`),
so every header names its theme, part and quadrant, and `column_for` finds them again: by the theme's
title in any language or its id, a part word (huidig/gewenst, current/desired) and the row letter (or
the quadrant's id or name). A question number the tool puts in front (`3. `) is ignored.
"""

from __future__ import annotations

import re
import unicodedata

from msgspec import Struct

from incluzo.engine.questionnaire.themes import CURRENT, DESIRED, PARTS, POINTS, Questionnaire, column_name

LETTERS = "ABCDEFGH"
PART_TITLES = {
    "nl": {CURRENT: "huidige situatie", DESIRED: "gewenste situatie"},
    "en": {CURRENT: "current situation", DESIRED: "desired situation"},
}
ROW_WORD = {"nl": "Situatie", "en": "Situation"}
PART_WORDS = {
    CURRENT: ("huidig", "huidige", "current", "now", "nu"),
    DESIRED: ("gewenst", "gewenste", "desired", "wanted", "future"),
}
_NUMBERED = re.compile(r"^\s*(?:vraag\s*|question\s*|q)?\d+\s*[.):]\s*", re.IGNORECASE)
_BRACKETS = re.compile(r"^(?P<question>.*)\[(?P<row>[^\[\]]*)\]\s*$", re.DOTALL)
_BARE_ROW = re.compile(r"^(?:situatie|situation) ([a-h])$")
_ROW_LETTER = re.compile(r"^(?:situatie|situation|stelling|statement)?\s*([a-h])\s*[.):]?(?:\s.*)?$")


def normal(text: str) -> str:
    """Text compared loosely: case, accents, dashes, punctuation and spacing do not matter."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


class FormQuestion(Struct, frozen=True):
    """One grid question to put in the form."""

    title: str  # `OPP - huidige situatie`
    description: str  # the situations, one per row letter
    rows: tuple[str, ...]  # `Situatie A` ...
    columns: tuple[str, ...]  # `0` ... `10`


def form_questions(questionnaire: Questionnaire, lang: str) -> list[FormQuestion]:
    """The grid questions, current part first, in the themes file's order."""
    fallback = questionnaire.language
    letters = LETTERS[: len(questionnaire.model.quadrant_ids)]
    rows = tuple(f"{ROW_WORD.get(lang, 'Situatie')} {letter}" for letter in letters)
    words = PART_TITLES.get(lang, PART_TITLES["nl"])
    return [
        FormQuestion(
            f"{theme.title.get(lang, fallback)} - {words[part]}",
            "\n".join(
                f"{row}: {' '.join(text.get(lang, fallback).split())}"
                for row, text in zip(rows, theme.situations, strict=True)
            ),
            rows,
            tuple(str(n) for n in range(POINTS + 1)),
        )
        for part in PARTS
        for theme in questionnaire.themes
    ]


def grid_parts(header: str) -> tuple[str, str] | None:
    """A grid header's question and row: `Q [Row]`, or `Q.Row` when the row is a letter row."""
    found = _BRACKETS.match(header)
    if found:
        return found.group("question"), found.group("row")
    question, dot, row = header.rpartition(".")
    if dot and _ROW_LETTER.match(row.strip().casefold()):
        return question, row
    return None


def form_header(questionnaire: Questionnaire, column: str) -> str:
    """How a form made with `form_questions` heads an answers column, in the questionnaire's language."""
    theme_id, part, quadrant = column.split(".")
    lang = questionnaire.language
    theme = next(t for t in questionnaire.themes if t.id == theme_id)
    letter = LETTERS[questionnaire.model.quadrant_ids.index(quadrant)]
    words = PART_TITLES.get(lang, PART_TITLES["nl"])
    return f"{theme.title.get(lang)} - {words[part]} [{ROW_WORD.get(lang, 'Situatie')} {letter}]"


def column_for(header: str, questionnaire: Questionnaire) -> str | None:
    """The answers column (`opp.huidig.specialisme`) a form's grid header stands for, or None."""
    parts = grid_parts(_NUMBERED.sub("", header, count=1))
    if parts is None:
        return None
    question, row = normal(parts[0]), normal(parts[1])
    quadrant = _quadrant(row, questionnaire)
    if quadrant is None:
        return None
    best: tuple[int, str, str] | None = None  # (length matched, theme id, the rest of the question)
    for theme in questionnaire.themes:
        names = {normal(theme.id.replace("-", " "))} | {normal(text) for _, text in theme.title.values}
        for name in names:
            matches = name and (question == name or question.startswith(name + " "))
            if matches and (best is None or len(name) > best[0]):
                best = (len(name), theme.id, question[len(name) :])
    if best is None:
        return None
    rest = set(best[2].split())
    part = next((p for p, words in PART_WORDS.items() if rest & set(words)), None)
    return column_name(best[1], part, quadrant) if part else None


def by_position(headers: list[str], questionnaire: Questionnaire) -> dict[int, str]:
    """Columns headed by the row alone (`Situatie A`, as an export may head a Likert statement), told
    apart by their order: the n-th run of `Situatie A` to `D` is the n-th question `--form` printed.
    Only when every row of every question is there, in that order; else none."""
    columns = questionnaire.columns()  # per part, per theme, per quadrant: the form's order
    quadrants = len(questionnaire.model.quadrant_ids)
    bare = [
        (index, LETTERS.lower().index(found.group(1)))
        for index, header in enumerate(headers)
        if (found := _BARE_ROW.match(normal(_NUMBERED.sub("", header, count=1))))
    ]
    if [letter for _, letter in bare] != [n % quadrants for n in range(len(columns))]:
        return {}
    return {index: column for (index, _), column in zip(bare, columns, strict=True)}


def _quadrant(row: str, questionnaire: Questionnaire) -> str | None:
    """The quadrant a grid row stands for: its letter, or the quadrant's id or name."""
    quadrants = questionnaire.model.quadrants
    letter = _ROW_LETTER.match(row)
    if letter:
        index = LETTERS.lower().index(letter.group(1))
        return quadrants[index].id if index < len(quadrants) else None
    for quadrant in quadrants:
        names = {normal(quadrant.id)} | {normal(text) for _, text in quadrant.name.values}
        if row in names:
            return quadrant.id
    return None
