"""Real-browser support for the phone pages: Debian's Chromium driven by Playwright.

Nothing here downloads a browser: Playwright launches /usr/bin/chromium (`apt-get install chromium`);
without it the browser tests skip and say so. `FakeRoom` gives a page the package's static files with
the server's own headers (its Content-Security-Policy too) and plays the game's side of the socket
with real protocol messages, so every page state can be shown and checked without a game running.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, WebSocketRoute, sync_playwright
from testsupport import CHROMIUM, CHROMIUM_ARGS

from incluzo.phones import protocol
from incluzo.phones.server import PhoneServer

MISSING = (
    "the phone pages' browser tests need Debian's Chromium at /usr/bin/chromium: "
    "run `apt-get install chromium` (as root); nothing is downloaded at test time"
)
SIZES = ((360, 740), (768, 1024))
TIMEOUT_MS = 10_000  # only stops a hang

Message = dict[str, Any]


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless; the calling test skips (saying how to install it) when it is missing."""
    if not CHROMIUM.exists():
        pytest.skip(MISSING)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def watch_errors(page: Page) -> list[str]:
    """Script errors and console errors (a Content-Security-Policy violation is one) as they happen."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.on("console", lambda line: errors.append(f"console: {line.text}") if line.type == "error" else None)
    return errors


Answer = Callable[["FakeRoom", Message], None]


@cache
def files_server() -> PhoneServer:
    """The game's own server on loopback for the pages' files and headers (its socket is never reached:
    FakeRoom answers the page's socket itself). One per test process; it stops with the process."""
    server = PhoneServer("127.0.0.1", 0)
    server.start()
    return server


class FakeRoom:
    """The page's server: the shipped files, and a socket whose answers the test gives."""

    def __init__(self, page: Page, answer: Answer | None = None) -> None:
        self.page = page
        self.received: list[Message] = []
        self.sockets: list[WebSocketRoute] = []
        self.answer: Answer = answer or (lambda room, message: None)
        self.errors = watch_errors(page)
        self.origin = files_server().url.rstrip("/")
        page.set_default_timeout(TIMEOUT_MS)
        page.route_web_socket(self.origin.replace("http://", "ws://") + "/ws", self._open)

    def _open(self, socket: WebSocketRoute) -> None:
        self.sockets.append(socket)
        socket.on_message(lambda text: self._message(text))

    def _message(self, text: str | bytes) -> None:
        message = json.loads(text)
        self.received.append(message)
        self.answer(self, message)

    def open(self, query: str = "") -> None:
        self.page.goto(f"{self.origin}/{query}")

    def send(self, *messages: protocol.ServerMessage) -> None:
        """Messages from the game on the page's newest socket."""
        for message in messages:
            self.sockets[-1].send(protocol.encode(message))

    def drop(self) -> None:
        """The connection breaks (Wi-Fi gone, laptop asleep)."""
        self.sockets[-1].close()

    def sent(self, kind: str) -> list[Message]:
        return [m for m in self.received if m["type"] == kind]

    def wait_for(self, kind: str, count: int = 1) -> Message:
        """The `count`-th message of this type from the phone (waits for it)."""
        for _ in range(TIMEOUT_MS // 50):
            found = self.sent(kind)
            if len(found) >= count:
                return found[count - 1]
            self.page.wait_for_timeout(50)
        raise AssertionError(f"the phone sent no {kind} #{count}; it sent {self.received}")


def answer_hello(*replies: protocol.ServerMessage) -> Answer:
    """A room that answers every hello with these messages (a welcome and a view, or a PIN prompt)."""

    def answer(room: FakeRoom, message: Message) -> None:
        if message["type"] == "hello":
            room.send(*replies)

    return answer


# What every page must pass, measured in the browser on what it really drew: WCAG AA text contrast
# (4.5:1, 3:1 for large text), touch targets of at least 44 by 44 CSS pixels, a name for every control,
# a label for every field, and nothing wider than the screen or cut off.
AUDIT = (Path(__file__).parent / "audit.js").read_text(encoding="utf-8")


def audit(page: Page) -> list[str]:
    problems: list[str] = page.evaluate(AUDIT)
    return problems
