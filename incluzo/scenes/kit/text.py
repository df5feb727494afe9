"""Text on screen: fonts from assets/, wrapping with hyphenation, flows cut into visible pages.

A word is never hyphenated to fill a line: it moves whole to the next one (ragged right). Only a word
wider than the whole box (a long Dutch compound, "ondersteuningsonafhankelijkheid", in a narrow column)
is split, at the last hyphenation point (pyphen) that fits, and only as a last resort between letters.
So a screen with room never shows "te-kortschieten", and a word breaks only where its box is too small.
A flow of lines and widgets is cut into pages at line boundaries, so nothing is ever clipped: what does
not fit goes to the next page, which the scene announces. Each line is rendered once and cached.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import chain
from operator import itemgetter

import pygame
import pyphen

from incluzo.engine import files
from incluzo.errorlog import data_dir
from incluzo.i18n import catalog_for
from incluzo.scenes.kit import theme
from incluzo.scenes.kit.theme import Colour

HYPHEN = "-"
LONGEST_WORD = 60  # longer "words" (a pasted link, a slip of the keyboard) are cut between letters only
MEASURE_WHOLE = 480  # longer strings are first bounded by their narrowest letter before being measured
FILL_FROM = 9  # with `fill`, words at least this long are hyphenated to fill a line
RENDER_CACHE = 600  # rendered lines kept


@dataclass(frozen=True)
class Style:
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


CACHE_BYTES = 4_000_000  # the Dutch patterns take some 300 KB


def _well_typed(raw: object) -> bool:
    """Whether a cache file holds what pyphen's parse gives: {'patterns': {str: (int, (int, ...))},
    'maxlen': int}. Anything else (a damaged or planted file) falls back to parsing the dictionary.
    The ~16,000 patterns are checked by type sets built in C (a loop per pattern took ~80 ms of the
    start-up)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("maxlen"), int):
        return False
    patterns = raw.get("patterns")
    if not isinstance(patterns, dict):
        return False
    values = list(patterns.values())
    if not set(map(type, patterns)) <= {str} or not set(map(type, values)) <= {tuple}:
        return False
    if not set(map(len, values)) <= {2}:
        return False
    firsts, rests = list(map(itemgetter(0), values)), list(map(itemgetter(1), values))
    return (
        set(map(type, firsts)) <= {int}
        and set(map(type, rests)) <= {tuple}
        and set(map(type, chain.from_iterable(rests))) <= {int}
    )


def _load_patterns(name: str, source: object) -> None:
    """Parsing a pyphen dictionary takes ~0.1 s of the start-up; a marshal copy of the parsed patterns
    in the data folder (plain dicts, tuples and ints: marshal runs no code) loads in a few ms. Any
    trouble with the copy falls back to pyphen's own."""
    copy = data_dir() / "cache" / f"hyphenation-{name}-{pyphen.VERSION}.marshal"
    try:
        raw = marshal.loads(files.read_limited(copy, CACHE_BYTES))
        if _well_typed(raw):
            parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
            parsed.patterns = raw["patterns"]
            parsed.cache = {}
            parsed.maxlen = raw["maxlen"]
            pyphen.hdcache[source] = parsed
            return
    except (files.Refused, ValueError, EOFError, TypeError):
        pass
    parsed = pyphen.HyphDict(source)
    pyphen.hdcache[source] = parsed
    if all(isinstance(v, int) for _, values in parsed.patterns.values() for v in values):
        with suppress(OSError):
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(marshal.dumps({"patterns": parsed.patterns, "maxlen": parsed.maxlen}))


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
    label in a small box (a quadrant's name) keeps its words whole instead of "Profes-sional"."""
    size = style.size
    while size > smallest and widest_word(text, replace(style, size=size)) > width:
        size -= 1
    return replace(style, size=size)


Painter = Callable[[pygame.Surface, int, int], None]


@dataclass
class Item:
    """One unit of a flow: a line of text or a widget of fixed height, drawn at (x, y)."""

    height: int
    paint: Painter
    space_before: int = 0
    keep_with_next: bool = False
    text: str = ""  # the words it shows, for tests and reports


@dataclass
class Flow:
    """A column of items of one width that can be cut into pages of a given height."""

    width: int
    lang: str = "nl"
    items: list[Item] = field(default_factory=list)

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
