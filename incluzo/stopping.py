"""A stop from outside ends the game at once: SIGTERM, SIGHUP or Ctrl-C (SIGINT) while the window is
open closes it without the quit question. Every decision is saved the moment it is made, so nothing
is lost; the handler only asks the loop to end after the frame in hand (never mid-save).

SDL turns SIGTERM into a window-close event (which only opens the quit question) unless a handler is
in place before it starts, so `on_signals` is called before the game is built.
"""

from __future__ import annotations

import signal
from types import FrameType
from typing import Any, Protocol

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))


class Running(Protocol):
    running: bool


class Stop:
    """Whether a signal asked to stop, and the game loop to end when it does."""

    def __init__(self) -> None:
        self.requested = False
        self.game: Running | None = None
        self.previous: dict[int, Any] = {}

    def attach(self, game: Running) -> None:
        """End `game`'s loop on a signal (at once if one came while it was being built)."""
        self.game = game
        if self.requested:
            game.running = False

    def restore(self) -> None:
        """Give the signals back to the handlers they had before."""
        for number, handler in self.previous.items():
            signal.signal(number, handler)
        self.previous = {}

    def handle(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True
        if self.game is not None:
            self.game.running = False


def on_signals() -> Stop:
    """From now on the stop signals end the attached game's loop, until `Stop.restore`."""
    stop = Stop()
    stop.previous = {number: signal.signal(number, stop.handle) for number in SIGNALS}
    return stop
