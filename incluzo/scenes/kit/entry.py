"""Numbers typed into rows, the way a facilitator types them: pick a row, type digits, correct.

Used by the poll (votes per option) and the questionnaire (points per situation). A row is empty
(None) until something is typed; an empty row counts as 0. A digit that would make a number larger
than the limit starts that number afresh, so a slip never locks a row.
"""

from __future__ import annotations

import dataclasses

from msgspec import Struct

from incluzo.scenes.kit.bindings import Local

DIGIT_KEYS = {str(d): d for d in range(10)}
PLUS_KEYS = ("+", "=")  # "=" is the unshifted "+" key on most keyboards
MINUS_KEYS = ("-",)


class Pick(Local, Struct, frozen=True):
    """Pick a row (a tap on it)."""

    index: int


class Bump(Local, Struct, frozen=True):
    """One more or one less in a row (its + and - buttons)."""

    index: int
    step: int


class Submit(Local, Struct, frozen=True):
    """The footer's Enter button: do what Enter does, with the numbers as they stand when it is tapped."""


@dataclasses.dataclass
class NumberEntry:
    size: int
    limit: int
    values: list[int | None] = dataclasses.field(default_factory=list)
    selected: int = 0
    fresh: bool = True  # the next digit starts a new number in the selected row

    def __post_init__(self) -> None:
        self.values = list(self.values) or [None] * self.size

    @property
    def numbers(self) -> tuple[int, ...]:
        """Every row as a number (an empty row is 0)."""
        return tuple(v or 0 for v in self.values)

    @property
    def typed(self) -> bool:
        """Whether anything is typed in any row."""
        return any(v is not None for v in self.values)

    @property
    def total(self) -> int:
        return sum(self.numbers)

    def select(self, index: int) -> None:
        self.selected = index % self.size
        self.fresh = True

    def digit(self, digit: int) -> None:
        current = self.values[self.selected]
        value = digit if self.fresh or current is None else current * 10 + digit
        self.values[self.selected] = value if value <= self.limit else min(digit, self.limit)
        self.fresh = False

    def backspace(self) -> bool:
        """Take the last digit off the selected row; False when the row was already empty."""
        current = self.values[self.selected]
        if current is None:
            return False
        self.values[self.selected] = current // 10 if current >= 10 else None
        self.fresh = False
        return True

    def bump(self, index: int, step: int) -> None:
        """One more or one less in a row (the + and - buttons), within 0 and the limit."""
        self.selected = index
        self.values[index] = max(0, min(self.limit, (self.values[index] or 0) + step))
        self.fresh = True

    def key(self, name: str) -> bool:
        """Apply a typing key (a digit, + or -, Up, Down, Tab); False when `name` is none of them."""
        if name in DIGIT_KEYS:
            self.digit(DIGIT_KEYS[name])
        elif name in PLUS_KEYS:
            self.bump(self.selected, 1)
        elif name in MINUS_KEYS:
            self.bump(self.selected, -1)
        elif name in ("down", "tab"):
            self.select(self.selected + 1)
        elif name == "up":
            self.select(self.selected - 1)
        else:
            return False
        return True
