"""The game's frame loop in a thread of its own with its phones' server on loopback, as `incluzo play
--phones` runs it: for the tests that let phones (real browsers or simulated ones) play against it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from incluzo.app import App
from incluzo.phones.hub import PhoneHub
from incluzo.scenes import actions

FRAME = 1 / 60
TIMEOUT = 10.0  # seconds; only stops a hang

T = TypeVar("T")


class BigScreen:
    """The game's frame loop in a thread of its own, as `incluzo play` runs it; the test reads the big
    screen's view data and presses its keys between frames."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.failed: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="big-screen", daemon=True)

    def _run(self) -> None:
        try:
            while not self.stopped.is_set():
                with self.lock:
                    self.app.step([], FRAME)
                time.sleep(FRAME / 2)
        except BaseException as problem:  # the test reports it
            self.failed = problem

    def read(self, look: Callable[[App], T]) -> T:
        with self.lock:
            return look(self.app)

    def act(self, action: actions.Action) -> None:
        with self.lock:
            self.app.act(action)

    def until(self, look: Callable[[App], bool], what: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            assert self.failed is None, self.failed
            if self.read(look):
                return
            time.sleep(0.02)
        raise AssertionError(f"the big screen never showed {what}")

    @property
    def hub(self) -> PhoneHub:
        assert self.app.phones is not None
        return self.app.phones


@contextmanager
def big_screen(**options: object) -> Iterator[BigScreen]:
    app = App.opened(**options)  # type: ignore[arg-type]
    assert app.start_phones("127.0.0.1", 0), app.notice
    screen = BigScreen(app)
    screen.thread.start()
    try:
        yield screen
    finally:
        screen.stopped.set()
        screen.thread.join(timeout=5)
        app.stop_phones()
    assert screen.failed is None, screen.failed
