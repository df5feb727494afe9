"""Variants of a scenario, each one small change a schema can judge: for tests that hold the JSON
Schema and `incluzo check` to the same verdict (tests/test_schema_agreement.py)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

Data = dict[str, Any]
Change = Callable[[Data], bool]  # edits the data in place; False when it does not apply to this scenario

OCAI = {"clan": 25, "adhocracy": 25, "hierarchy": 25, "market": 25}


def _cards(data: Data, kind: str) -> list[Data]:
    cards = [c for c in data.get("cards", []) if isinstance(c, dict)]
    if kind == "choices":
        return [c for c in cards if "choices" in c]
    if kind == "poll":
        return [c for c in cards if "poll" in c]
    return [c for c in cards if "choices" not in c and "poll" not in c]


def on_card(kind: str, edit: Callable[[Data], None]) -> Change:
    def change(data: Data) -> bool:
        cards = _cards(data, kind)
        if cards:
            edit(cards[0])
        return bool(cards)

    return change


def on_choice(edit: Callable[[Data], None]) -> Change:
    def change(data: Data) -> bool:
        cards = _cards(data, "choices")
        if cards:
            edit(cards[0]["choices"][0])
        return bool(cards)

    return change


def on_ending(edit: Callable[[Data], None]) -> Change:
    def change(data: Data) -> bool:
        if data.get("endings"):
            edit(data["endings"][0])
        return bool(data.get("endings"))

    return change


def on_option(edit: Callable[[Data], None]) -> Change:
    def change(data: Data) -> bool:
        cards = _cards(data, "poll")
        if cards:
            edit(cards[0]["poll"]["options"][0])
        return bool(cards)

    return change


def top(key: str, value: Any) -> Change:
    def change(data: Data) -> bool:
        data[key] = copy.deepcopy(value)
        return True

    return change


def without(key: str) -> Change:
    def change(data: Data) -> bool:
        return data.pop(key, None) is not None

    return change


def setting(key: str, value: Any) -> Callable[[Data], None]:
    return lambda item: item.__setitem__(key, copy.deepcopy(value))


def dropping(key: str) -> Callable[[Data], None]:
    return lambda item: item.pop(key, None)  # type: ignore[func-returns-value]


def ocai_with(edit: Callable[[Data], None] | None = None) -> Change:
    """`model: ocai` with the position in ocai's quadrants; `edit` then changes something more."""

    def change(data: Data) -> bool:
        data["model"] = "ocai"
        for key in ("position", "desired"):
            if key in data:
                data[key] = dict(OCAI)
        if edit is not None:
            edit(data)
        return True

    return change


CHANGES: dict[str, Change] = {
    # the top level
    "unknown key": top("auteur", "x"),
    "format 2": top("format", 2),
    "format as text": top("format", "1"),
    "id with capitals": top("id", "Mijn_Scenario"),
    "id empty": top("id", ""),
    "id a number": top("id", 12),
    "title empty map": top("title", {}),
    "title a number": top("title", 2030),
    "title a list": top("title", ["x"]),
    "title true": top("title", True),
    "title null": top("title", None),
    "title in a language not in the scenario": top("title", {"nl": "x", "fr": "y"}),
    "title with a capital language": top("title", {"NL": "x"}),
    "no title": without("title"),
    "language capital": top("language", "NL"),
    "language region": top("language", "nl-BE"),
    "language a number": top("language", 1),
    "translations capital": top("translations", ["EN"]),
    "translations empty": top("translations", []),
    "translations a string": top("translations", "en"),
    "translations a number": top("translations", [1]),
    "translations a region": top("translations", ["en-GB"]),
    "notes empty map": top("notes", {}),
    "notes empty text": top("notes", ""),
    "notes null": top("notes", None),
    "reflect empty": top("reflect", []),
    "reflect a string": top("reflect", "waarom?"),
    "author a number": top("author", 7),
    "author true": top("author", True),
    "author a map": top("author", {"nl": "x"}),
    "hints unknown": top("hints", "all"),
    "minutes zero": top("minutes", 0),
    "minutes as text": top("minutes", "25"),
    "minutes a fraction": top("minutes", 25.5),
    "minutes too many": top("minutes", 10_000),
    "model unknown": top("model", "quinn"),
    "model ocai": ocai_with(),
    "model ocai, a move toward specialisme": ocai_with(
        on_choice(setting("move", {"specialisme": 10}))  # type: ignore[arg-type]
    ),
    "model ocai, a move toward clan": ocai_with(on_choice(setting("move", {"clan": 10}))),  # type: ignore[arg-type]
    "ocai quadrants without model": top("position", dict(OCAI)),
    "budget missing a meter": top("budget", {"kwaliteit": 3, "toegankelijkheid": 3}),
    "budget negative": top("budget", {"kwaliteit": -1, "toegankelijkheid": 3, "betaalbaarheid": 3}),
    "budget a fraction": top("budget", {"kwaliteit": 2.5, "toegankelijkheid": 3, "betaalbaarheid": 3}),
    "budget unknown meter": top(
        "budget", {"kwaliteit": 3, "toegankelijkheid": 3, "betaalbaarheid": 3, "tijd": 3}
    ),
    "budget too high": top("budget", {"kwaliteit": 100_000, "toegankelijkheid": 3, "betaalbaarheid": 3}),
    "position negative": top(
        "position", {"specialisme": -10, "maatwerk": 40, "professionalisering": 40, "leergemeenschap": 30}
    ),
    "position unknown quadrant": top("position", {"specialisme": 50, "markt": 50}),
    "position a list": top("position", [25, 25, 25, 25]),
    "desired empty": top("desired", {}),
    "no cards": top("cards", []),
    "cards a map": top("cards", {}),
    "endings empty": top("endings", []),
    "no endings": without("endings"),
    # a card with choices
    "card when empty list": on_card("choices", setting("when", [])),
    "card when true": on_card("choices", setting("when", True)),
    "card when a number": on_card("choices", setting("when", 5)),
    "card when a list of conditions": on_card("choices", setting("when", ["true", True])),
    "card notes empty map": on_card("choices", setting("notes", {})),
    "card image outside": on_card("choices", setting("image", "../x.png")),
    "card image absolute": on_card("choices", setting("image", "/tmp/x.png")),
    "card image windows absolute": on_card("choices", setting("image", "C:\\x.png")),
    "card image inside": on_card("choices", setting("image", "images/x.png")),
    "card image with dots in a name": on_card("choices", setting("image", "images/a..b.png")),
    "card image empty": on_card("choices", setting("image", "")),
    "card timer too short": on_card("choices", setting("timer", 5)),
    "card timer a fraction": on_card("choices", setting("timer", 60.5)),
    "card with choices and a cost": on_card("choices", setting("cost", {"kwaliteit": 1})),
    "card with choices and a move": on_card("choices", setting("move", {"maatwerk": 5})),
    "card with choices and next": on_card("choices", setting("next", "end")),
    "card with choices and a poll": on_card(
        "choices",
        setting("poll", {"question": "q", "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]}),
    ),
    "card with one choice": on_card("choices", lambda card: card.__setitem__("choices", card["choices"][:1])),
    "card with five choices": on_card(
        "choices", lambda card: card.__setitem__("choices", copy.deepcopy((card["choices"] * 5)[:5]))
    ),
    "card choices empty": on_card("choices", setting("choices", [])),
    "card reflect empty": on_card("choices", setting("reflect", [])),
    "card without text": on_card("choices", dropping("text")),
    "card id with capitals": on_card("choices", setting("id", "Kaart")),
    # a choice
    "choice next End": on_choice(setting("next", "End")),
    "choice next end": on_choice(setting("next", "end")),
    "choice next with capitals": on_choice(setting("next", "Volgende-Kaart")),
    "choice when empty list": on_choice(setting("when", [])),
    "choice cost empty": on_choice(setting("cost", {})),
    "choice without cost": on_choice(dropping("cost")),
    "choice cost unknown meter": on_choice(setting("cost", {"tijd": 1})),
    "choice cost a fraction": on_choice(setting("cost", {"kwaliteit": 0.5})),
    "choice cost negative": on_choice(setting("cost", {"kwaliteit": -2})),
    "choice move zero": on_choice(setting("move", {"maatwerk": 0})),
    "choice move too much": on_choice(setting("move", {"maatwerk": 101})),
    "choice move empty": on_choice(setting("move", {})),
    "choice move unknown quadrant": on_choice(setting("move", {"markt": 5})),
    "choice move an ocai quadrant": on_choice(setting("move", {"clan": 5})),
    "choice recognition unknown": on_choice(setting("recognition", "bevestigend")),
    "choice label empty map": on_choice(setting("label", {})),
    "choice outcome a list": on_choice(setting("outcome", ["x"])),
    "choice without outcome": on_choice(dropping("outcome")),
    "choice unknown key": on_choice(setting("kosten", {"kwaliteit": 1})),
    # an event card
    "event card next End": on_card("event", setting("next", "End")),
    "event card cost empty": on_card("event", setting("cost", {})),
    "event card move an ocai quadrant": on_card("event", setting("move", {"market": 5})),
    # a poll card
    "poll card with choices": on_card(
        "poll",
        setting(
            "choices",
            [
                {"id": "a", "label": "A", "cost": {}, "recognition": "affirmatief", "outcome": "o"},
                {"id": "b", "label": "B", "cost": {}, "recognition": "affirmatief", "outcome": "o"},
            ],
        ),
    ),
    "poll card with a cost": on_card("poll", setting("cost", {"kwaliteit": 1})),
    "poll card with next": on_card("poll", setting("next", "end")),
    "poll card with a move": on_card("poll", setting("move", {"maatwerk": 5})),
    "poll marks unknown": on_card("poll", lambda card: card["poll"].__setitem__("marks", "roman")),
    "poll with one option": on_card(
        "poll", lambda card: card["poll"].__setitem__("options", card["poll"]["options"][:1])
    ),
    "poll option quadrant of ocai": on_option(setting("quadrant", "clan")),
    "poll option quadrant unknown": on_option(setting("quadrant", "markt")),
    # an ending
    "ending when empty list": on_ending(setting("when", [])),
    "ending tone unknown": on_ending(setting("tone", "sad")),
    "ending without title": on_ending(dropping("title")),
    "ending text empty map": on_ending(setting("text", {})),
    "ending unknown key": on_ending(setting("next", "end")),
}


def variants(data: Data) -> Iterator[tuple[str, Data]]:
    """Each applicable change, applied to a fresh copy of `data`."""
    for name, change in CHANGES.items():
        copied = copy.deepcopy(data)
        if change(copied):
            yield name, copied
