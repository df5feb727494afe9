"""Problems found in a scenario: located and coded; their words are the catalogs', in the facilitator's
language (`Problem.message(lang)`, `Phrase` for a parameter that is words itself)."""

from __future__ import annotations

import difflib
import heapq
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, Protocol, runtime_checkable

from msgspec import Struct, field

from incluzo.i18n import message


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# Every problem's words are in the catalogs (incluzo/data/messages/<lang>.yaml): a code's message is
# `problem.<code>`, a hint's `problem.hint.<name>`. Codes are stable: docs/check-codes.md lists them.
KINDS = frozenset(
    ("card", "choice", "ending", "name", "meter", "quadrant", "option", "theme", "column")
)  # a `kind` parameter with one of these values is said as `problem.kind.<value>`


ECHO_WIDTH = 200  # characters of an untrusted value a message shows at most
# What a terminal or a screen must never receive raw from a file: control characters (ESC starts a
# terminal sequence, BEL rings), line and paragraph separators, zero-width and direction marks and
# overrides, the BOM, and lone surrogates (which cannot even be encoded).
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")


def _escape(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def echo(value: object, width: int = ECHO_WIDTH) -> str:
    """An untrusted value as a message or a terminal may show it: every hidden or control character
    escaped as \\uXXXX, and at most `width` characters (cut with '...'). The one function every echoed
    value passes through (`Problem` applies it to all its parameters, its file and its key path)."""
    text = value if isinstance(value, str) else str(value)
    head = _HIDDEN.sub(_escape, text[: width + 1])
    if len(head) <= width and len(text) <= width:
        return head
    cut = head[: width - 3]
    # never end inside an escape, which would show as a broken sequence
    broken = cut.rfind("\\u", max(0, len(cut) - 5))
    if broken != -1 and len(cut) - broken < 6:
        cut = cut[:broken]
    return cut + "..."


def echoed(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters with every text value passed through `echo` (numbers stay numbers for formatting)."""
    return {k: v if isinstance(v, int | float) else echo(v) for k, v in params.items()}


@runtime_checkable
class Said(Protocol):
    """Words that can be said in a language: a `Phrase`, or a value that needs more than the catalogs
    (a refusal names the scenario's meters)."""

    def text(self, lang: str = "en") -> str: ...


class Phrase(Struct, frozen=True):
    """Words from the catalogs as a code with parameters (a message, or a parameter of one, said in the
    language of the message around it): `Phrase("problem.reason.empty")`."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return render(self.key, self.params, lang)


def said(key: str, **params: Any) -> Phrase:
    """A phrase: `said("rebase.ended")`."""
    return Phrase(key, params)


def render(key: str, params: Mapping[str, Any], lang: str) -> str:
    """The catalog's message `key` in `lang` with `params`: a phrase said in the same language, a number
    kept for formatting, any other value echoed (it may come from an untrusted file)."""
    values: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, Said):
            values[name] = value.text(lang)
        elif isinstance(value, int | float):
            values[name] = value
        elif name == "kind" and value in KINDS:
            values[name] = message(f"problem.kind.{value}", lang)
        else:
            values[name] = echo(value)
    return message(key, lang, **values)


class Problem(Struct, frozen=True):
    """One located finding in a scenario file."""

    code: str
    source: str
    line: int
    column: int
    path: str
    params: Mapping[str, Any] = field(default_factory=dict)
    hint: str | None = None
    hint_params: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    HINTS: ClassVar[str] = "problem.hint"  # the catalog keys of this kind of problem's hints

    def message(self, lang: str = "en") -> str:
        return render(f"problem.{self.code}", self.params, lang)

    def hint_text(self, lang: str = "en") -> str | None:
        return render(f"{self.HINTS}.{self.hint}", self.hint_params, lang) if self.hint else None

    def text(self, lang: str = "en") -> str:
        """The problem in one line (`format`), so that a `Phrase` can say it as a parameter."""
        return self.format(lang)

    def format(self, lang: str = "en", *, with_code: bool = False) -> str:
        """`file:line:col: severity: key.path: message (hint)`, like a compiler; `with_code` writes
        the severity as `error[INC011]`, the code docs/check-codes.md is indexed by."""
        where = f"{echo(self.path)}: " if self.path else ""
        hint = self.hint_text(lang)
        tail = f" ({hint})" if hint else ""
        severity = f"{self.severity.value}[{self.code}]" if with_code else self.severity.value
        source = echo(self.source, 2 * ECHO_WIDTH)
        return f"{source}:{self.line}:{self.column}: {severity}: {where}{self.message(lang)}{tail}"

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "file": echo(self.source, 2 * ECHO_WIDTH),
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "path": echo(self.path),
            "message": self.message(lang),
            "hint": self.hint_text(lang),
        }


def capped(problems: Sequence[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS problems, and then one INC047 (at the first left out) saying how many more."""
    if len(problems) <= MAX_PROBLEMS:
        return list(problems)
    first = problems[MAX_PROBLEMS]
    more = Problem(
        "INC047", first.source, first.line, first.column, "", {"count": len(problems) - MAX_PROBLEMS}
    )
    return [*problems[:MAX_PROBLEMS], more]


class ScenarioError(Exception):
    """A scenario that cannot be loaded; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


MAX_PROBLEMS = 200  # problems one file reports at most; then one INC047 says how many more there are
MAX_SUGGESTIONS = 20  # "did you mean" hints per file; later misspellings get none (bounds `check`)
SUGGEST_LENGTH = 64  # longer words (and options) are no misspelt id and get no suggestion
_SHORTLIST = 8  # options compared in full, of those whose cheap upper bound is highest


def suggest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest option to a misspelt word, if one is close enough.

    Like `difflib.get_close_matches(word, options, 1, cutoff)`, but linear in the options: each gets
    difflib's cheap upper bounds, and only a short list of the most promising the full (quadratic)
    ratio, so a file of thousands of ids and hundreds of misspellings is still checked at once.
    """
    if not word or len(word) > SUGGEST_LENGTH:
        return None
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    bounds: list[tuple[float, str]] = []
    for option in options:
        if len(option) > SUGGEST_LENGTH:
            continue
        matcher.set_seq1(option)
        if matcher.real_quick_ratio() >= cutoff and (bound := matcher.quick_ratio()) >= cutoff:
            bounds.append((bound, option))
    best: tuple[float, str] | None = None
    for _, option in heapq.nlargest(_SHORTLIST, bounds):
        matcher.set_seq1(option)
        score = (matcher.ratio(), option)
        if score[0] >= cutoff and (best is None or score > best):
            best = score
    return best[1] if best else None


@dataclass
class Suggester:
    """`suggest` with a budget: one per file read, so the hints cost at most MAX_SUGGESTIONS searches."""

    left: int = MAX_SUGGESTIONS

    def __call__(self, word: str, options: Iterable[str]) -> str | None:
        if self.left <= 0:
            return None
        self.left -= 1
        return suggest(word, options)
