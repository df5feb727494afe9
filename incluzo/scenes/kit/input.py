"""The one place that reads pygame events: it turns them into plain input events for the scenes."""

from __future__ import annotations

import pygame
from msgspec import Struct

from incluzo.engine.signal import Signal

KEYPAD = {f"[{d}]": str(d) for d in range(10)} | {
    "[+]": "+",
    "[-]": "-",
    "enter": "return",
    "keypad enter": "return",
}


class Key(Struct, frozen=True):
    """A key press by name: 'a', '1', 'return', 'space', 'escape', 'f11', 'page down', ..."""

    name: str


class Click(Struct, frozen=True):
    """A mouse click or a touch (touch boards send mouse events)."""

    pos: tuple[int, int]


class Point(Struct, frozen=True):
    """The pointer moved (for hover highlights)."""

    pos: tuple[int, int]


class Scroll(Struct, frozen=True):
    """The wheel turned: positive is up."""

    steps: int


class Resized(Struct, frozen=True):
    size: tuple[int, int]


class CloseWindow(Signal):
    """The window's close button."""


class Exposed(Signal):
    """The window must be drawn again (uncovered, restored)."""


class Typed(Struct, frozen=True):
    """Text typed on the keyboard (a name being entered), as the system composed it."""

    text: str


Input = Key | Click | Point | Scroll | Resized | CloseWindow | Exposed | Typed

EXPOSE_EVENTS = {pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN, pygame.WINDOWFOCUSGAINED}


def translate(event: pygame.event.Event) -> Input | None:
    """The input event for one pygame event, or None when the game does not care about it."""
    if event.type == pygame.KEYDOWN:
        name = pygame.key.name(event.key).lower()
        return Key(KEYPAD.get(name, name))
    if event.type == pygame.MOUSEBUTTONUP and event.button == pygame.BUTTON_LEFT:
        return Click(tuple(event.pos))
    if event.type == pygame.MOUSEMOTION:
        return Point(tuple(event.pos))
    if event.type == pygame.MOUSEWHEEL:
        return Scroll(int(event.y))
    if event.type == pygame.VIDEORESIZE:
        return Resized((int(event.w), int(event.h)))
    if event.type == pygame.QUIT:
        return CloseWindow()
    if event.type in EXPOSE_EVENTS:
        return Exposed()
    if event.type == pygame.TEXTINPUT:
        return Typed(str(event.text))
    return None
