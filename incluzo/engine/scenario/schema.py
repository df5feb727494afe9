"""A JSON Schema of the scenario format, for editors (completion, inline errors).

The keys and which are required come from the loader's own tables, the limits from its constants, so
the schema cannot drift from what `incluzo check` accepts: building it fails when a key has no
description here, or a description has no key. The checker stays the authority for what a schema
cannot say (ids that exist, conditions, positions summing to 100).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from incluzo.engine.scenario import loader
from incluzo.engine.scenario.model import (
    DEFAULT_MODEL,
    HINT_LEVELS,
    MAX_MINUTES,
    POLL_MARKS,
    POLL_OPTIONS,
    RECOGNITIONS,
    TONES,
    available_models,
    load_model,
)

Schema = dict[str, Any]
DRAFT = "http://json-schema.org/draft-07/schema#"
# YAML reads `title: 2030` as a number and `title: yes` as a boolean; the loader takes any scalar as text
SCALAR = ["string", "number", "boolean"]
# a relative path that stays inside the scenario's folder: no root, no drive, no '..' (loader.image)
INSIDE_FOLDER = r"^(?![/\\])(?![A-Za-z]:)(?!(.*[/\\])?\.\.([/\\]|$))"
# keys a card may not have beside `choices` or `poll` (the loader's INC004 and poll errors)
NOT_BESIDE = {"choices": ("cost", "move", "next", "poll"), "poll": ("choices", "cost", "move")}
CHOICES = (2, 4)  # fewest and most choices on a card (loader._card)
TIMER = (10, loader.MAX_TIMER)


def _ref(name: str, description: str) -> Schema:
    return {"$ref": f"#/definitions/{name}", "description": description}


def _list(item: Schema, description: str, low: int | None = None, high: int | None = None) -> Schema:
    bounds = {"minItems": low} if low is not None else {}
    return {
        "type": "array",
        "items": item,
        "description": description,
        **bounds,
        **({"maxItems": high} if high is not None else {}),
    }


def _object(keys: Mapping[str, bool], fields: Mapping[str, Schema], description: str) -> Schema:
    """A map with exactly the loader's keys: every key described, no description without a key."""
    missing, extra = set(keys) - set(fields), set(fields) - set(keys)
    if missing or extra:
        raise ValueError(
            f"schema out of step with the loader: missing {sorted(missing)}, extra {sorted(extra)}"
        )
    return {
        "type": "object",
        "description": description,
        "properties": {k: fields[k] for k in keys},
        "required": [k for k, required in keys.items() if required],
        "additionalProperties": False,
    }


def _numbers(
    ids: tuple[str, ...], low: int, high: int, description: str, *, all_required: bool = False
) -> Schema:
    number = {"type": "integer", "minimum": low, "maximum": high}
    return {
        "type": "object",
        "description": description,
        "properties": {i: number for i in ids},
        "additionalProperties": False,
        **({"required": list(ids)} if all_required else {}),
    }


def _quadrant_ids() -> tuple[str, ...]:
    """The quadrant ids of every shipped model (a scenario's `model` picks one; `check` knows which)."""
    ids: dict[str, None] = {}
    for model in available_models():
        ids.update(dict.fromkeys(load_model(model).quadrant_ids))
    return tuple(ids)


def _definitions() -> dict[str, Schema]:
    text_value = {"type": SCALAR, "maxLength": loader.MAX_TEXT_LENGTH}
    meters, quadrants = load_model().meter_ids, _quadrant_ids()
    text = "#/definitions/text"
    return {
        "text": {
            "description": "één tekst, of een per taal / one text, or one per language: {nl: .., en: ..}",
            "anyOf": [
                text_value,
                {
                    "type": "object",
                    "additionalProperties": text_value,
                    "propertyNames": {"pattern": loader.LANGUAGE_PATTERN.pattern},
                },
            ],
        },
        "id": {
            "type": "string",
            "pattern": loader.ID_PATTERN.pattern,
            "maxLength": loader.MAX_ID_LENGTH,
            "description": "kleine letters, cijfers en '-' / lowercase letters, digits and '-'",
        },
        "condition": {
            "description": "een voorwaarde zoals 'betaalbaarheid >= 2 and not chosen x', of een lijst die "
            "allemaal moeten gelden / a condition, or a list that must all hold",
            "anyOf": [
                {"type": ["string", "boolean"]},
                {"type": "array", "items": {"type": ["string", "boolean"]}},
            ],
        },
        "cost": _numbers(
            meters,
            -loader.MAX_LEVEL,
            loader.MAX_LEVEL,
            "af van de meters, negatief: terug / taken from the meters, negative: gives back",
        ),
        "move": _numbers(
            quadrants, 1, 100, "punten naar deze kwadranten / points moved toward these quadrants"
        ),
        "points": _numbers(
            quadrants, 0, 100, "punten per kwadrant, samen 100 / points per quadrant, summing to 100"
        ),
        "card": _object(
            loader.CARD_KEYS,
            {
                "id": {"$ref": "#/definitions/id"},
                "title": _ref("text", "titel van de kaart / the card's title"),
                "text": _ref("text", "de situatie / the situation"),
                "notes": _ref("text", "voor de begeleider / facilitator notes"),
                "reflect": _list({"$ref": text}, "vragen na de uitkomst / questions after the outcome"),
                "image": {
                    "type": "string",
                    "pattern": INSIDE_FOLDER,
                    "description": "plaatje in de map van het scenario / a picture in "
                    "the scenario's folder, e.g. images/klas.png",
                },
                "timer": {
                    "type": "integer",
                    "minimum": TIMER[0],
                    "maximum": TIMER[1],
                    "description": "bedenktijd in seconden / deliberation time in seconds",
                },
                "when": _ref(
                    "condition", "de kaart speelt alleen als dit geldt / the card plays only when this holds"
                ),
                "choices": _list(
                    {"$ref": "#/definitions/choice"},
                    "2 tot 4 keuzes; zonder keuzes een "
                    "gebeurtenis / 2 to 4 choices; without choices an event card",
                    *CHOICES,
                ),
                "cost": _ref(
                    "cost", "gebeurteniskaart: kosten (niet onder 0) / event card: cost (stops at 0)"
                ),
                "move": _ref("move", "gebeurteniskaart: verschuiving / event card: move"),
                "next": _ref(
                    "id", "gebeurteniskaart: volgende kaart of 'end' / event card: the next card or 'end'"
                ),
                "poll": {"$ref": "#/definitions/poll"},
            },
            "een kaart / a card",
        ),
        "choice": _object(
            loader.CHOICE_KEYS,
            {
                "id": {"$ref": "#/definitions/id"},
                "label": _ref("text", "de keuze zoals spelers hem zien / the choice as players see it"),
                "cost": _ref("cost", "kosten per meter / cost per meter"),
                "move": _ref("move", "verschuiving naar kwadranten / move toward quadrants"),
                "recognition": {"enum": list(RECOGNITIONS), "description": "erkenning / recognition"},
                "outcome": _ref("text", "wat er gebeurt / what happens"),
                "when": _ref("condition", "alleen aangeboden als dit geldt / only offered when this holds"),
                "next": _ref("id", "volgende kaart of 'end' / the next card or 'end'"),
            },
            "een keuze / a choice",
        ),
        "poll": _object(
            loader.POLL_KEYS,
            {
                "question": _ref("text", "de vraag aan de zaal / the question to the room"),
                "options": _list({"$ref": "#/definitions/option"}, "de opties / the options", *POLL_OPTIONS),
                "marks": {"enum": list(POLL_MARKS), "description": "A-F of 1-6 / A-F or 1-6"},
            },
            "een peiling: verandert niets / a poll: changes nothing",
        ),
        "option": _object(
            loader.OPTION_KEYS,
            {
                "id": {"$ref": "#/definitions/id"},
                "label": _ref("text", "de optie / the option"),
                "quadrant": {
                    "enum": list(quadrants),
                    "description": "kleur van dit kwadrant / this quadrant's colour",
                },
            },
            "een optie / an option",
        ),
        "ending": _object(
            loader.ENDING_KEYS,
            {
                "id": {"$ref": "#/definitions/id"},
                "when": _ref("condition", "dit einde als dit geldt / this ending when this holds"),
                "tone": {
                    "enum": list(TONES),
                    "description": "toon: good (goed), mixed (gemengd), hard (pijnlijk) / "
                    "tone, for the tone check and simulate",
                },
                "title": _ref("text", "titel / title"),
                "text": _ref("text", "tekst / text"),
            },
            "een einde: het eerste dat geldt sluit af / an ending: the first that holds closes the game",
        ),
    }


def schema() -> Schema:
    """The JSON Schema (draft-07, the version editors support best) of scenario format 1."""
    language = {"type": "string", "pattern": loader.LANGUAGE_PATTERN.pattern}
    top = _object(
        loader.SCENARIO_KEYS,
        {
            "format": {
                "enum": [loader.FORMAT, str(loader.FORMAT)],
                "description": "versie van het formaat / format version",
            },
            "id": {"$ref": "#/definitions/id"},
            "title": _ref("text", "titel / title"),
            "language": {**language, "description": "hoofdtaal, bijv. nl / main language, e.g. nl"},
            "translations": _list(
                {"type": SCALAR}, "andere talen die elke tekst heeft / other languages every text has"
            ),
            "description": _ref("text", "op het startscherm / on the start screen"),
            "author": {"type": SCALAR, "description": "auteur / author"},
            "notes": _ref("text", "voor de begeleider / facilitator notes"),
            "reflect": _list(
                {"$ref": "#/definitions/text"}, "vragen voor de nabespreking / debrief questions"
            ),
            "hints": {"enum": list(HINT_LEVELS), "description": "hulp bij solo spel / solo hint level"},
            "minutes": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_MINUTES,
                "description": "speelduur in minuten, op het startscherm / "
                "play length in minutes, on the start screen",
            },
            "model": {"enum": list(available_models()), "description": "het 2x2-model / the 2x2 model"},
            "budget": _numbers(
                load_model().meter_ids,
                0,
                loader.MAX_LEVEL,
                "de meters bij de start / the meters at the start",
                all_required=True,
            ),
            "position": _ref("points", "startpositie (standaard 25 elk) / start position (default 25 each)"),
            "desired": _ref("points", "gewenste positie / desired position"),
            "cards": _list(
                {"$ref": "#/definitions/card"},
                "de kaarten, in speelvolgorde / the cards, in play order",
                1,
                loader.MAX_CARDS,
            ),
            "endings": _list({"$ref": "#/definitions/ending"}, "eindes / endings"),
        },
        "Een incluzo-scenario / an incluzo scenario (docs/scenario-format.md)",
    )
    definitions = _definitions()
    definitions["card"]["dependencies"] = {
        key: {"properties": dict.fromkeys(others, False)} for key, others in NOT_BESIDE.items()
    }
    return {
        "$schema": DRAFT,
        "title": "incluzo scenario, format 1",
        **top,
        "allOf": [_model_quadrants(model) for model in available_models()],
        "definitions": definitions,
    }


def _model_quadrants(model: str) -> Schema:
    """With `model: <model>` (or none, for the default model) every quadrant name is one of its own."""
    ids = list(load_model(model).quadrant_ids)
    names = {"propertyNames": {"enum": ids}}
    chosen: Schema = {"properties": {"model": {"const": model}}}
    if model != DEFAULT_MODEL:
        chosen["required"] = ["model"]
    card = {
        "move": names,
        "choices": {"items": {"properties": {"move": names}}},
        "poll": {"properties": {"options": {"items": {"properties": {"quadrant": {"enum": ids}}}}}},
    }
    return {
        "if": chosen,
        "then": {
            "properties": {"position": names, "desired": names, "cards": {"items": {"properties": card}}}
        },
    }


def render() -> str:
    """The schema as the text `incluzo schema` prints and docs/scenario.schema.json holds."""
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
