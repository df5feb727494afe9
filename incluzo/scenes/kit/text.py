"""Text on screen: fonts from assets/, wrapping with hyphenation, flows cut into visible pages.

A word is never hyphenated to fill a line: it moves whole to the next one (ragged right). Only a word
wider than the whole box (a long Dutch compound, "ondersteuningsonafhankelijkheid", in a narrow column)
is split, at the last hyphenation point (pyphen) that fits, and only as a last resort between letters.
So a screen with room never shows "te-kortschieten", and a word breaks only where its box is too small.
A flow of lines and widgets is cut into pages at line boundaries, so nothing is ever clipped: what does
not fit goes to the next page, which the scene announces. Each line is rendered once and cached.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pygame
from msgspec import Struct
from msgspec.structs import replace

from incluzo import parsecache
from incluzo.i18n import catalog_for
from incluzo.lazy import pyphen
from incluzo.scenes.kit import theme
from incluzo.scenes.kit.theme import Colour

HYPHEN = "-"
LONGEST_WORD = 60  # longer "words" (a pasted link, a slip of the keyboard) are cut between letters only
MEASURE_WHOLE = 480  # longer strings are first bounded by their narrowest letter before being measured
FILL_FROM = 9  # with `fill`, words at least this long are hyphenated to fill a line
RENDER_CACHE = 600  # rendered lines kept


class Style(Struct, frozen=True):
    face: str
    size: int
    colour: Colour


@cache
def font(face: str, size: int) -> pygame.font.Font:
    if not pygame.font.get_init():
        pygame.font.init()
    return pygame.font.Font(str(theme.FONT_DIR / theme.FONT_FILES[face]), size)


def line_height(style: Style) -> int:
    return round(font(style.face, style.size).get_linesize() * theme.LINE_SPACING)


def width_of(text: str, style: Style) -> int:
    return _width(text, style.face, style.size)


@lru_cache(maxsize=20_000)
def _width(text: str, face: str, size: int) -> int:
    return int(font(face, size).size(text)[0])


@lru_cache(maxsize=RENDER_CACHE)
def render(text: str, style: Style) -> pygame.Surface:
    """The text as an antialiased surface, rendered once per text and style."""
    return font(style.face, style.size).render(text, True, style.colour)


@cache
def _hyphenator(lang: str) -> pyphen.Pyphen:
    name = catalog_for(lang).hyphenation
    path = pyphen.LANGUAGES[name]
    if path not in pyphen.hdcache:
        _load_patterns(name, path)
    return pyphen.Pyphen(lang=name)


CODED = b"0123456789:"  # the characters of a coded pattern, "offset:values"
Coded = dict[str, Any]  # {"patterns": {pattern: "offset:values"}, "maxlen": int}


class _Patterns:
    """pyphen's pattern table in its coded form ("2:44" for (2, (4, 4))), each entry decoded on its first
    look-up: decoding all ~16,000 Dutch patterns as tuples took ~25 ms of the first frame, while a screen
    looks up a few hundred."""

    def __init__(self, coded: dict[str, str]) -> None:
        self.coded = coded
        self.decoded: dict[str, tuple[int, tuple[int, ...]]] = {}

    def get(self, key: str) -> tuple[int, tuple[int, ...]] | None:
        found = self.decoded.get(key)
        if found is None and (text := self.coded.get(key)) is not None:
            offset, values = text.split(":")
            found = self.decoded[key] = (int(offset), tuple(map(int, values)))
        return found


def _coded(parsed: pyphen.HyphDict) -> Coded | None:
    """pyphen's parse in coded form; None for a dictionary with more than digits in a pattern."""
    patterns: dict[str, tuple[int, tuple[object, ...]]] = parsed.patterns
    coded = {
        pattern: f"{offset}:{''.join(map(str, values))}"
        for pattern, (offset, values) in patterns.items()
        if all(isinstance(v, int) and 0 <= v <= 9 for v in values)
    }
    return {"patterns": coded, "maxlen": parsed.maxlen} if len(coded) == len(patterns) else None


def _well_coded(raw: object) -> Coded | None:
    """`raw` if it holds {'patterns': {str: 'offset:digits'}, 'maxlen': int}, else None. Checked in C, as
    sets and counts over the whole table: each entry is digits, one colon, digits, with at least one
    digit before the colon."""
    if not isinstance(raw, dict) or not isinstance(raw.get("maxlen"), int):
        return None
    patterns = raw.get("patterns")
    if not isinstance(patterns, dict) or not patterns or not set(map(type, patterns)) <= {str}:
        return None
    if not set(map(type, patterns.values())) <= {str}:
        return None
    joined = ("\n" + "\n".join(patterns.values())).encode("utf-8")
    well = (
        not joined.translate(None, CODED + b"\n")
        and joined.count(b":") == joined.count(b"\n") == len(patterns)
        and b"\n:" not in joined
    )
    return raw if well else None


def _load_patterns(name: str, source: Path) -> None:
    """Parsing a pyphen dictionary takes ~0.1 s; its coded copy (parsecache) loads in a few ms and
    `_Patterns` decodes what is looked up. A dictionary that cannot be coded is parsed every time."""
    own: list[pyphen.HyphDict] = []

    def parse() -> Coded | None:
        own.append(pyphen.HyphDict(source))
        return _coded(own[0])

    coded = parsecache.parsed(f"hyphenation-{name}", source.read_bytes(), parse, _well_coded)
    if own or coded is None:
        pyphen.hdcache[source] = own[0] if own else pyphen.HyphDict(source)
        return
    parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
    parsed.patterns = _Patterns(coded["patterns"])
    parsed.cache = {}
    parsed.maxlen = coded["maxlen"]
    pyphen.hdcache[source] = parsed


def _narrowest(word: str, style: Style) -> int:
    """The narrowest letter of `word` in pixels (at least 1)."""
    return max(1, min(width_of(letter, style) for letter in set(word)))


def _fits(word: str, width: int, style: Style) -> bool:
    """Whether `word` fits in `width` pixels; a very long word is ruled out without measuring it whole."""
    if len(word) > MEASURE_WHOLE and len(word) * _narrowest(word, style) > 2 * width:
        return False  # even at half its narrowest letter's width (kerning) it would not fit
    return width_of(word, style) <= width


def _cut(word: str, room: int, style: Style) -> tuple[str, str]:
    """A very long word cut between letters: the longest head (with a hyphen) that fits, found by halving
    among the heads short enough to fit at all, so each line costs about a line's worth of measuring."""
    low, high = 0, min(len(word) - 1, 2 * room // _narrowest(word, style) + 1)
    while low < high:
        middle = (low + high + 1) // 2
        if width_of(word[:middle] + HYPHEN, style) <= room:
            low = middle
        else:
            high = middle - 1
    return (word[:low] + HYPHEN, word[low:]) if low else (word[:1], word[1:])


def _split(word: str, room: int, style: Style, lang: str, *, whole: bool = True) -> tuple[str, str]:
    """The longest head of `word` (with a hyphen) that fits in `room` pixels, and the rest. A word wider
    than its box (`whole`) is cut anyway, between letters if no hyphenation point fits; else the head
    may be empty."""
    if len(word) > LONGEST_WORD:
        return _cut(word, room, style)
    for head, tail in _hyphenator(lang).iterate(word):
        shown = head if head.endswith(HYPHEN) else head + HYPHEN  # 'so-|expertise' keeps its own hyphen
        if width_of(shown, style) <= room:
            return shown, tail
    if not whole:
        return "", word
    for cut in range(len(word) - 1, 0, -1):  # no hyphenation point fits: split between letters
        if width_of(word[:cut] + HYPHEN, style) <= room:
            return word[:cut] + HYPHEN, word[cut:]
    return word[:1], word[1:]


def wrap(text: str, style: Style, width: int, lang: str = "nl", *, fill: bool = False) -> list[str]:
    """Lines of at most `width` pixels; paragraphs split on newlines. Words move whole to the next line;
    only a word wider than `width` itself is split (see the module's docstring). With `fill` (a box
    that cannot grow and would otherwise need a second page) a long word is hyphenated to fill a line."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if _fits(candidate, width, style):
                current = candidate
                continue
            if current and fill and FILL_FROM <= len(word) <= LONGEST_WORD:
                head, tail = _split(word, width - width_of(current + " ", style), style, lang, whole=False)
                if head:
                    current, word = f"{current} {head}", tail
            if current:
                lines.append(current)
            while not _fits(word, width, style):
                head, word = _split(word, width, style, lang)
                lines.append(head)
            current = word
        lines.append(current)
    return lines


def widest_word(text: str, style: Style) -> int:
    """The width of the widest word of `text`: a box at least this wide never splits a word."""
    return max((width_of(word, style) for word in text.split()), default=0)


def unbroken(text: str, style: Style, width: int, smallest: int) -> Style:
    """`style`, made smaller (down to `smallest` points) until no word of `text` is wider than `width`: a
    label in a small box (a quadrant's name) keeps its words whole instead of "Profes-sional". The first
    size tried is the one the widest word's width predicts, so a few sizes are measured, not every one."""
    widest = widest_word(text, style)
    if widest <= width or style.size <= smallest:
        return style

    def fits(size: int) -> bool:
        return widest_word(text, replace(style, size=size)) <= width

    size = max(smallest, min(style.size - 1, style.size * width // max(widest, 1)))
    while size > smallest and not fits(size):
        size -= 1
    while size + 1 < style.size and fits(size + 1):
        size += 1
    return replace(style, size=size)


Painter = Callable[[pygame.Surface, int, int], None]


@dataclasses.dataclass
class Item:
    """One unit of a flow: a line of text or a widget of fixed height, drawn at (x, y)."""

    height: int
    paint: Painter
    space_before: int = 0
    keep_with_next: bool = False
    text: str = ""  # the words it shows, for tests and reports


@dataclasses.dataclass
class Flow:
    """A column of items of one width that can be cut into pages of a given height."""

    width: int
    lang: str = "nl"
    items: list[Item] = dataclasses.field(default_factory=list)

    def text(
        self, text: str, style: Style, *, space_before: int = 0, indent: int = 0, keep_with_next: bool = False
    ) -> None:
        text = text.strip()  # YAML's folded style leaves a newline at the end
        if not text:
            return
        lines = wrap(text, style, self.width - indent, self.lang)
        height = line_height(style)
        for number, line in enumerate(lines):
            self.items.append(
                Item(
                    height,
                    _text_painter(line, style, indent),
                    space_before if number == 0 else 0,
                    keep_with_next,
                    line,
                )
            )

    def add(self, item: Item) -> None:
        self.items.append(item)

    @property
    def height(self) -> int:
        return sum(i.height + i.space_before for i in self.items) - (
            self.items[0].space_before if self.items else 0
        )

    def pages(self, height: int) -> list[list[tuple[int, Item]]]:
        """Cut into pages; each page lists (y offset, item). A heading moves on with what it heads."""
        pages: list[list[tuple[int, Item]]] = [[]]
        for item in self.items:
            page = pages[-1]
            gap = item.space_before if page else 0
            if page and _end(page) + gap + item.height > height:
                pages.append(list(_restack(_carry_kept(page))))
                page = pages[-1]
                gap = item.space_before if page else 0
            page.append((_end(page) + gap, item))
        return pages


def _end(page: list[tuple[int, Item]]) -> int:
    return page[-1][0] + page[-1][1].height if page else 0


def _carry_kept(page: list[tuple[int, Item]]) -> list[tuple[int, Item]]:
    """Take the trailing items marked keep_with_next (a heading) off the page, to start the next one."""
    carried: list[tuple[int, Item]] = []
    while len(page) > 1 and page[-1][1].keep_with_next:
        carried.insert(0, page.pop())
    return carried


def _restack(page: list[tuple[int, Item]]) -> Iterator[tuple[int, Item]]:
    y = 0
    for index, (_, item) in enumerate(page):
        y += item.space_before if index else 0
        yield y, item
        y += item.height


def _text_painter(line: str, style: Style, indent: int) -> Painter:
    def paint(surface: pygame.Surface, x: int, y: int) -> None:
        surface.blit(render(line, style), (x + indent, y))

    return paint


def draw_page(surface: pygame.Surface, page: list[tuple[int, Item]], x: int, y: int) -> None:
    for offset, item in page:
        item.paint(surface, x, y + offset)


def block_height(text: str, style: Style, width: int, lang: str) -> int:
    return len(wrap(text, style, width, lang)) * line_height(style)


def draw_lines(
    surface: pygame.Surface,
    lines: list[str],
    style: Style,
    x: int,
    y: int,
    *,
    centre_width: int | None = None,
) -> int:
    """Draw wrapped lines from (x, y), centred in `centre_width` if given; returns the height used."""
    height = line_height(style)
    for number, line in enumerate(lines):
        image = render(line, style)
        left = x + (centre_width - image.get_width()) // 2 if centre_width is not None else x
        surface.blit(image, (left, y + number * height))
    return height * len(lines)
