"""The `when` language: a small closed grammar, parsed and checked at load time, never eval'd.

expr    := and ('or' and)*
and     := unary ('and' unary)*
unary   := 'not' unary | atom
atom    := '(' expr ')' | NAME OP NUMBER | 'chosen' REF | 'seen' ID | 'exhausted' | 'true' | 'false'
NAME    := a meter, a quadrant, 'affirmatief' or 'transformatief'
REF     := choice-id | card-id '.' choice-id
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from msgspec import Struct, field

from incluzo.engine.play.position import UNIT
from incluzo.engine.scenario.problems import Phrase, said


class Facts(Protocol):
    """What a condition may look at: the game state exposes exactly these."""

    @property
    def meters(self) -> tuple[int, ...]: ...
    @property
    def position(self) -> tuple[int, ...]: ...
    @property
    def tally(self) -> tuple[int, int]: ...
    @property
    def chosen(self) -> frozenset[tuple[str, str]]: ...
    @property
    def seen(self) -> frozenset[str]: ...
    @property
    def exhausted(self) -> bool: ...


OPERATORS: dict[str, Callable[[int, int], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    ">": operator.gt,
}
MAX_NESTING = 32  # 'not' and '(' inside each other; the parser recurses, a file must not exhaust it
MAX_DIGITS = 9
KEYWORDS = ("and", "or", "not", "chosen", "seen", "exhausted", "true", "false")
TALLIES = ("affirmatief", "transformatief")
_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+)|(?P<op><=|>=|==|!=|<|>)|(?P<paren>[()])"
    r"|(?P<word>[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z][A-Za-z0-9-]*)?)|(?P<bad>\S))"
)


class Condition:
    """A parsed condition; `holds(facts)` evaluates it."""

    def holds(self, facts: Facts) -> bool:
        raise NotImplementedError

    def mentions_exhausted(self) -> bool:
        return False

    def references(self) -> frozenset[tuple[str, str]]:
        """The (card, choice) pairs this condition asks about."""
        return frozenset()


class Const(Condition, Struct, frozen=True, tag=True):
    value: bool

    def holds(self, facts: Facts) -> bool:
        return self.value


class Exhausted(Condition, Struct, frozen=True, tag=True):
    def holds(self, facts: Facts) -> bool:
        return facts.exhausted

    def mentions_exhausted(self) -> bool:
        return True


class Compare(Condition, Struct, frozen=True, tag=True):
    kind: str  # meter | quadrant | tally
    index: int
    op: str
    number: int

    def holds(self, facts: Facts) -> bool:
        if self.kind == "meter":
            return OPERATORS[self.op](facts.meters[self.index], self.number)
        if self.kind == "quadrant":
            return OPERATORS[self.op](facts.position[self.index], self.number * UNIT)
        return OPERATORS[self.op](facts.tally[self.index], self.number)


class Chosen(Condition, Struct, frozen=True, tag=True):
    card: str
    choice: str

    def holds(self, facts: Facts) -> bool:
        return (self.card, self.choice) in facts.chosen

    def references(self) -> frozenset[tuple[str, str]]:
        return frozenset({(self.card, self.choice)})


class Seen(Condition, Struct, frozen=True, tag=True):
    card: str

    def holds(self, facts: Facts) -> bool:
        return self.card in facts.seen


class Not(Condition, Struct, frozen=True, tag=True):
    inner: Condition

    def holds(self, facts: Facts) -> bool:
        return not self.inner.holds(facts)

    def mentions_exhausted(self) -> bool:
        return self.inner.mentions_exhausted()

    def references(self) -> frozenset[tuple[str, str]]:
        return self.inner.references()


class All(Condition, Struct, frozen=True, tag=True):
    parts: tuple[Condition, ...]
    source: str = ""  # the text as written: shown by str(), left out of equality and hash

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.parts == self.parts

    def __hash__(self) -> int:
        return hash((type(self), self.parts))

    def holds(self, facts: Facts) -> bool:
        return all(p.holds(facts) for p in self.parts)

    def mentions_exhausted(self) -> bool:
        return any(p.mentions_exhausted() for p in self.parts)

    def references(self) -> frozenset[tuple[str, str]]:
        return frozenset().union(*(p.references() for p in self.parts))

    def __str__(self) -> str:
        return self.source


class Any_(All, frozen=True):
    def holds(self, facts: Facts) -> bool:
        return any(p.holds(facts) for p in self.parts)


class Vocabulary(Struct, frozen=True):
    """The names a condition may use, from the scenario being loaded."""

    meters: Sequence[str]
    quadrants: Sequence[str]
    cards: Sequence[str]
    choices: Mapping[str, Sequence[str]]  # card id -> its choice ids
    # "did you mean": the loader passes its budgeted one (problems.Suggester); None is problems.suggest
    suggest: Callable[[str, Sequence[str]], str | None] | None = None


class ConditionIssue(Struct, frozen=True):
    """A problem at `offset` in the condition text: a problem code and its parameters (catalog words)."""

    offset: int
    code: str
    params: dict[str, Any]
    hint: str | None = None
    hint_params: dict[str, Any] = field(default_factory=dict)


class _Stop(Exception):
    def __init__(self, issue: ConditionIssue) -> None:
        self.issue = issue


def _suggestion(
    word: str, options: Sequence[str], finder: Callable[[str, Sequence[str]], str | None] | None
) -> tuple[str | None, dict[str, Any]]:
    from incluzo.engine.scenario.problems import suggest

    close = (finder or suggest)(word, options)
    return ("did_you_mean", {"suggestion": close}) if close else (None, {})


class _Parser:
    def __init__(self, text: str, vocabulary: Vocabulary) -> None:
        self.text = text
        self.vocab = vocabulary
        self.tokens: list[tuple[str, str, int]] = []
        for match in _TOKEN.finditer(text):
            kind = match.lastgroup or "bad"
            self.tokens.append((kind, match.group(kind), match.start(kind)))
        self.pos = 0
        self.depth = 0
        self.issues: list[ConditionIssue] = []

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("eof", "", len(self.text))

    def take(self) -> tuple[str, str, int]:
        token = self.peek()
        self.pos += 1
        return token

    def unknown(self, offset: int, kind: str, value: str, options: Sequence[str]) -> None:
        hint, params = _suggestion(value, options, self.vocab.suggest)
        self.issues.append(ConditionIssue(offset, "INC011", {"kind": kind, "value": value}, hint, params))

    def fail(self, offset: int, reason: Phrase) -> _Stop:
        return _Stop(ConditionIssue(offset, "INC015", {"reason": reason}, "condition"))

    def expr(self) -> Condition:
        parts = [self.conj()]
        while self.peek()[1] == "or":
            self.take()
            parts.append(self.conj())
        return parts[0] if len(parts) == 1 else Any_(tuple(parts))

    def conj(self) -> Condition:
        parts = [self.unary()]
        while self.peek()[1] == "and":
            self.take()
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def nest(self, offset: int, delta: int) -> None:
        self.depth += delta
        if self.depth > MAX_NESTING:
            raise self.fail(offset, said("problem.reason.depth", most=MAX_NESTING))

    def unary(self) -> Condition:
        if self.peek()[1] == "not":
            self.nest(self.take()[2], 1)
            inner = Not(self.unary())
            self.nest(0, -1)
            return inner
        return self.atom()

    def atom(self) -> Condition:
        kind, value, offset = self.take()
        if kind == "paren" and value == "(":
            self.nest(offset, 1)
            inner = self.expr()
            if self.take()[1] != ")":
                raise self.fail(offset, said("condition.unclosed"))
            self.nest(0, -1)
            return inner
        if kind == "eof":
            raise self.fail(offset, said("condition.too_early"))
        if kind != "word":
            raise self.fail(offset, said("condition.unexpected", value=value))
        if value in ("true", "false"):
            return Const(value == "true")
        if value == "exhausted":
            return Exhausted()
        if value == "chosen":
            return self.chosen()
        if value == "seen":
            return self.seen()
        return self.compare(value, offset)

    def compare(self, name: str, offset: int) -> Condition:
        kind, index = self.operand(name, offset)
        op_kind, op, op_offset = self.take()
        if op_kind != "op":
            raise self.fail(op_offset, said("condition.comparison", name=name))
        num_kind, number, num_offset = self.take()
        if num_kind != "num":
            raise self.fail(num_offset, said("condition.number", op=op))
        if len(number) > MAX_DIGITS:
            raise self.fail(num_offset, said("condition.digits", most=MAX_DIGITS))
        return Compare(kind, index, op, int(number))

    def operand(self, name: str, offset: int) -> tuple[str, int]:
        for kind, names in (
            ("meter", self.vocab.meters),
            ("quadrant", self.vocab.quadrants),
            ("tally", TALLIES),
        ):
            if name in names:
                return kind, list(names).index(name)
        self.unknown(offset, "name", name, [*self.vocab.meters, *self.vocab.quadrants, *TALLIES, *KEYWORDS])
        return "meter", 0

    def chosen(self) -> Condition:
        kind, ref, offset = self.take()
        if kind != "word":
            raise self.fail(offset, said("condition.chosen"))
        if "." in ref:
            card, choice = ref.split(".", 1)
            if card not in self.vocab.choices:
                self.unknown(offset, "card", card, self.vocab.cards)
            elif choice not in self.vocab.choices[card]:
                self.unknown(offset + len(card) + 1, "choice", choice, self.vocab.choices[card])
            return Chosen(card, choice)
        owners = [card for card, ids in self.vocab.choices.items() if ref in ids]
        if len(owners) > 1:
            options = " or ".join(f"{card}.{ref}" for card in owners)
            self.issues.append(
                ConditionIssue(offset, "INC020", {"value": ref}, "qualified_choice", {"options": options})
            )
        elif not owners:
            self.unknown(
                offset, "choice", ref, sorted({c for ids in self.vocab.choices.values() for c in ids})
            )
            return Chosen("", ref)
        return Chosen(owners[0], ref)

    def seen(self) -> Condition:
        kind, card, offset = self.take()
        if kind != "word":
            raise self.fail(offset, said("condition.seen"))
        if card not in self.vocab.cards:
            self.unknown(offset, "card", card, self.vocab.cards)
        return Seen(card)


Located = list[tuple[int, ConditionIssue]]


def parse(texts: Sequence[str], vocabulary: Vocabulary) -> tuple[Condition | None, Located]:
    """Parse one or more condition strings (all must hold); issues come with the index of their string."""
    parts: list[Condition] = []
    issues: Located = []
    for number, text in enumerate(texts):
        parser = _Parser(text, vocabulary)
        try:
            condition = parser.expr()
            kind, value, offset = parser.peek()
            if kind != "eof":
                raise parser.fail(offset, said("condition.unexpected", value=value))
        except _Stop as stop:
            issues.append((number, stop.issue))
            continue
        issues.extend((number, issue) for issue in parser.issues)
        parts.append(condition)
    if issues:
        return None, issues
    return All(tuple(parts), " and ".join(f"({t})" if len(texts) > 1 else t for t in texts)), []
