"""The scenario as frozen data: what the loader builds and the rules read."""

from __future__ import annotations

from functools import cache, cached_property
from importlib import resources
from typing import Any

from msgspec import Struct

from incluzo.engine.scenario.conditions import Condition
from incluzo.engine.scenario.problems import Problem
from incluzo.engine.scenario.text import EMPTY, Text
from incluzo.lazy import yaml

AFFIRMATIEF = "affirmatief"
TRANSFORMATIEF = "transformatief"
RECOGNITIONS = (AFFIRMATIEF, TRANSFORMATIEF)
HINT_LEVELS = ("none", "direction", "exact")
GOOD, MIXED, HARD = "good", "mixed", "hard"
TONES = (GOOD, MIXED, HARD)  # an ending's optional tone: how it feels to the team that reached it
MAX_MINUTES = 480  # a scenario's optional play length, in whole minutes (a full workshop day)
END = "end"
DEFAULT_MODEL = "concurrerende-waarden"


class Meter(Struct, frozen=True):
    id: str
    name: Text
    symbol: str
    short: Text = EMPTY  # what it means for the team when this meter runs short (the budget-out screen)


class Quadrant(Struct, frozen=True):
    id: str
    number: int
    name: Text
    short: Text
    corner: str  # top-left | top-right | bottom-left | bottom-right
    colour: str
    pattern: str
    recognition: str | None = None


class QuadrantModel(Struct, frozen=True):
    """A 2x2 values model (names, axes, colours) and its three budget meters, shipped as data."""

    id: str
    title: Text
    meters: tuple[Meter, ...]
    quadrants: tuple[Quadrant, ...]
    axes: dict[str, Text]

    @property
    def meter_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.meters)

    @property
    def quadrant_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.quadrants)

    def quadrant(self, quadrant_id: str) -> Quadrant:
        return next(q for q in self.quadrants if q.id == quadrant_id)

    def meter(self, meter_id: str) -> Meter:
        return next(m for m in self.meters if m.id == meter_id)


def available_models() -> tuple[str, ...]:
    files = resources.files("incluzo.engine").joinpath("data").iterdir()
    return tuple(sorted(f.name.removesuffix(".yaml") for f in files if f.name.endswith(".yaml")))


@cache
def load_model(model_id: str = DEFAULT_MODEL) -> QuadrantModel:
    """Read a shipped model definition (trusted package data)."""
    raw: dict[str, Any] = yaml.load(  # a safe loader, libyaml's when present
        resources.files("incluzo.engine").joinpath("data", f"{model_id}.yaml").read_text("utf-8"),
        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
    )
    return QuadrantModel(
        id=raw["id"],
        title=Text.of(raw["title"]),
        meters=tuple(
            Meter(m["id"], Text.of(m["name"]), m["symbol"], Text.of(m["short"]) if "short" in m else EMPTY)
            for m in raw["meters"]
        ),
        quadrants=tuple(
            Quadrant(
                q["id"],
                q["number"],
                Text.of(q["name"]),
                Text.of(q["short"]),
                q["corner"],
                q["colour"],
                q["pattern"],
                q.get("recognition"),
            )
            for q in raw["quadrants"]
        ),
        axes={side: Text.of(label) for side, label in raw["axes"].items()},
    )


class Choice(Struct, frozen=True):
    id: str
    label: Text
    cost: tuple[int, ...]  # per meter, in model order
    move: tuple[int, ...]  # points toward each quadrant, in model order
    recognition: str
    outcome: Text
    when: Condition | None = None
    next: str | None = None  # card id, END, or None for the next card in the list
    line: int = 0


POLL_MARKS = ("letters", "numbers")
POLL_OPTIONS = (2, 6)  # fewest and most options of a poll


class PollOption(Struct, frozen=True):
    id: str
    label: Text
    quadrant: str | None = None  # optional: the quadrant this option stands for (colour on the chart)


class Poll(Struct, frozen=True):
    """A question to the room; the facilitator types the counts. It never changes meters or position."""

    question: Text
    options: tuple[PollOption, ...]
    marks: str = "letters"  # letters | numbers: how options are marked (A-F or 1-6)

    def mark(self, index: int) -> str:
        return "ABCDEF"[index] if self.marks == "letters" else str(index + 1)


class Card(Struct, frozen=True):
    id: str
    title: Text
    text: Text
    choices: tuple[Choice, ...] = ()
    notes: Text = EMPTY
    reflect: tuple[Text, ...] = ()
    image: str | None = None
    timer: int | None = None
    when: Condition | None = None
    cost: tuple[int, ...] = (0, 0, 0)  # event cards only
    move: tuple[int, ...] = (0, 0, 0, 0)  # event cards only
    next: str | None = None  # event cards only
    poll: Poll | None = None  # a poll card is an event card with a question to the room
    line: int = 0

    @property
    def is_event(self) -> bool:
        return not self.choices

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)


class Ending(Struct, frozen=True):
    id: str
    title: Text
    text: Text
    when: Condition | None = None
    line: int = 0
    tone: str | None = None  # good | mixed | hard; None when the author gave none


class Scenario(Struct, frozen=True, dict=True, weakref=True):
    id: str
    title: Text
    language: str
    budget: tuple[int, ...]
    position: tuple[int, ...]  # exact units (see position.py)
    cards: tuple[Card, ...]
    model: QuadrantModel
    translations: tuple[str, ...] = ()
    description: Text = EMPTY
    author: str = ""
    notes: Text = EMPTY
    reflect: tuple[Text, ...] = ()
    hints: str = "none"
    desired: tuple[int, ...] | None = None
    minutes: int | None = None  # about how long one game takes (start screen); None when not given
    endings: tuple[Ending, ...] = ()
    source: str = "<string>"
    content_hash: str = ""
    warnings: tuple[Problem, ...] = ()

    @cached_property
    def index(self) -> dict[str, int]:
        """Each card's place in `cards`, by id (kept on the instance: `dict=True` gives it a __dict__)."""
        return {card.id: i for i, card in enumerate(self.cards)}

    @property
    def languages(self) -> tuple[str, ...]:
        return (self.language, *self.translations)

    def card(self, card_id: str) -> Card:
        return self.cards[self.index[card_id]]

    def ending(self, ending_id: str) -> Ending | None:
        return next((e for e in self.endings if e.id == ending_id), None)
