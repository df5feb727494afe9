"""Every colour, size and spacing of the screens, in one place.

Sizes scale with the window height: body text is at least 1/30 of it (36 px at 1080p), so a room can
read it from the back. Colours are chosen for a light projector image; `TEXT_PAIRS` lists every
text/background pair the scenes use, and a test holds each to a WCAG contrast of at least 4.5:1.
"""

from __future__ import annotations

import math

from msgspec import Struct

from incluzo.shipped import ASSETS

Colour = tuple[int, int, int]

FONT_DIR = ASSETS / "fonts"
FONT_FILES = {
    "regular": "AtkinsonHyperlegible-Regular.ttf",
    "bold": "AtkinsonHyperlegible-Bold.ttf",
    "italic": "AtkinsonHyperlegible-Italic.ttf",
}


def colour(code: str) -> Colour:
    """'#RRGGBB' as an RGB tuple."""
    code = code.lstrip("#")
    return int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16)


def mix(a: Colour, b: Colour, share_of_b: float) -> Colour:
    """A blend of two colours (0.0 is all a, 1.0 all b)."""
    red, green, blue = (round(x + (y - x) * share_of_b) for x, y in zip(a, b, strict=True))
    return red, green, blue


def luminance(rgb: Colour) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Colour, b: Colour) -> float:
    """WCAG 2 contrast ratio, 1.0 to 21.0."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# Palette: warm paper, near-black ink, one blue accent.
BACKGROUND = colour("#F6F3EA")
PANEL = colour("#FFFFFF")
INK = colour("#17172B")
MUTED = colour("#45455A")
ACCENT = colour("#0A4A85")
ON_ACCENT = colour("#FFFFFF")
HOVER = colour("#DCE9F6")
BORDER = colour("#77766E")
DISABLED_PANEL = colour("#E4E2DB")
DISABLED_INK = colour("#4F4F58")
WARNING = colour("#9B1B10")
AFFIRMATIVE_PANEL = colour("#FBE7C3")
AFFIRMATIVE_INK = colour("#5A3600")
TRANSFORMATIVE_PANEL = colour("#D3EEE4")
TRANSFORMATIVE_INK = colour("#0B4A37")
SHADE = (70, 70, 80)  # multiplied into the scene behind an overlay to darken it
BAR_TRACK = colour("#D6D3C8")
BAR_FILL = colour("#2E2E48")
BAR_LOW = colour("#C77700")  # amber: a meter at a third of its start or less
BAR_EMPTY = colour("#C0261A")  # red: a meter at 0
WHITE = colour("#FFFFFF")
BLACK = colour("#000000")

# The quadrant map: a light tint of each quadrant's colour with its pattern in a darker tone.
TINT_SHARE = 0.82  # share of white in a quadrant's background tint
PATTERN_SHARE = 0.45  # share of white in the pattern strokes
KITE_NOW = INK
KITE_START = colour("#5C5C6E")
KITE_DESIRED = ACCENT
KITE_PREVIOUS = colour("#7A4A00")  # a solo player's previous run (practice)
TRAIL = colour("#8C1C60")


def quadrant_tint(quadrant_colour: Colour) -> Colour:
    return mix(quadrant_colour, WHITE, TINT_SHARE)


def ink_on(background: Colour) -> Colour:
    """INK or WHITE, whichever reads better on `background`."""
    return INK if contrast(INK, background) >= contrast(WHITE, background) else WHITE


# Every text colour on every background the scenes draw it on (the contrast test checks them all).
TEXT_PAIRS: dict[str, tuple[Colour, Colour]] = {
    "body": (INK, BACKGROUND),
    "body on panel": (INK, PANEL),
    "muted": (MUTED, BACKGROUND),
    "muted on panel": (MUTED, PANEL),
    "title": (ACCENT, BACKGROUND),
    "accent on panel": (ACCENT, PANEL),
    "button hover": (INK, HOVER),
    "accent on hover": (ACCENT, HOVER),
    "letter badge": (ON_ACCENT, ACCENT),
    "disabled": (DISABLED_INK, DISABLED_PANEL),
    "disabled reason": (WARNING, DISABLED_PANEL),
    "warning": (WARNING, BACKGROUND),
    "warning on panel": (WARNING, PANEL),
    "affirmative badge": (AFFIRMATIVE_INK, AFFIRMATIVE_PANEL),
    "transformative badge": (TRANSFORMATIVE_INK, TRANSFORMATIVE_PANEL),
    "overlay text": (INK, PANEL),
}

# Proportions of the layout, in units of body text height or of the window.
BODY_SHARE = 30  # body text is window height / BODY_SHARE
TITLE_SCALE = 1.45
HEADING_SCALE = 1.15
LINE_SPACING = 1.12  # line advance as a share of the font's own line size
MARGIN_SCALE = 0.9
GAP_SCALE = 0.45
PAD_SCALE = 0.45
BORDER_SCALE = 0.07
RADIUS_SCALE = 0.3
HEADER_SCALE = 2.0  # top bar height in body units
FOOTER_SCALE = 1.7  # bottom bar height in body units
MIN_STROKE = 2
WIDE_ASPECT = 1.2  # at least this width/height ratio: columns side by side
CARD_TEXT_SHARES = (0.5, 0.4, 0.32, 0.27)  # share of the width for a card's text; less when choices are long
MAP_SHARE = 0.42  # share of the content width for a map beside text
CHOICE_LABEL_LINES = 3  # lines a choice label may take on its button
ANIMATION_SECONDS = 0.9  # meters and marker glide from old to new
IDLE_WAIT_MS = 1000  # the window sleeps this long at most when nothing happens
IDLE_SLICE_MS = 20  # where SDL cannot block (dummy driver), the idle loop sleeps this long at a time
WATCH_INTERVAL_S = 0.5  # how often the played scenario file is checked for a new save
FRAME_RATE = 60  # while something moves
FRAME_BUDGET = 0.25 / FRAME_RATE  # seconds a frame may take (benchmarks/: p99 at 1080p); see App.step


class Metrics(Struct, frozen=True):
    """Pixel sizes for one window size."""

    width: int
    height: int

    @property
    def body(self) -> int:
        return math.ceil(self.height / BODY_SHARE)

    def scaled(self, factor: float) -> int:
        return max(1, round(self.body * factor))

    @property
    def title(self) -> int:
        return self.scaled(TITLE_SCALE)

    @property
    def heading(self) -> int:
        return self.scaled(HEADING_SCALE)

    @property
    def margin(self) -> int:
        return self.scaled(MARGIN_SCALE)

    @property
    def gap(self) -> int:
        return self.scaled(GAP_SCALE)

    @property
    def pad(self) -> int:
        return self.scaled(PAD_SCALE)

    @property
    def stroke(self) -> int:
        return max(MIN_STROKE, self.scaled(BORDER_SCALE))

    @property
    def radius(self) -> int:
        return self.scaled(RADIUS_SCALE)

    @property
    def header(self) -> int:
        return self.scaled(HEADER_SCALE)

    @property
    def footer(self) -> int:
        return self.scaled(FOOTER_SCALE)

    @property
    def wide(self) -> bool:
        return self.width >= self.height * WIDE_ASPECT
