"""Paths and small helpers shared by the tests (import this, never `conftest`: tests/scenes has its own)."""

from __future__ import annotations

import os
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from incluzo import persistence
from incluzo.engine.play import rules
from incluzo.engine.scenario.model import Scenario

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def route(scenario: Scenario) -> list[str]:
    """The choices of one whole game: the first affordable choice on every card."""
    state, choices = rules.begin(scenario), []
    while not state.over:
        card = rules.current_card(scenario, state)
        assert card is not None
        if card.is_event:
            outcome = rules.advance(scenario, state)
        else:
            choice = next(c for c in rules.offered(scenario, state, card) if rules.affordable(state, c))
            choices.append(choice.id)
            outcome = rules.choose(scenario, state, choice.id)
        assert isinstance(outcome, rules.Outcome)
        state = outcome.state
    return choices


def within(seconds: float, work: Callable[[], T]) -> T:
    """`work()`, failing the test when it has not finished after `seconds`: a guard against a hang (or
    a quadratic blow-up), never a speed test; benchmarks/ measures speed."""
    done: list[T] = []
    thread = threading.Thread(target=lambda: done.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert done, f"still running after {seconds} s"
    return done[0]


CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium, the one browser the browser tests use (nothing downloads one at test time)."""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Flags for a closed network: no background connections, no updates, no sync."""


class SlowDisk:
    """os.fsync held up for the save writer's thread until `go` is set (a slow disk); counts its calls."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail: OSError | None = None) -> None:
        self.entered, self.go, self.fail = threading.Event(), threading.Event(), fail
        self.calls = 0
        real = os.fsync

        def fsync(handle: int) -> None:
            if threading.current_thread().name == "incluzo-saves":
                self.calls += 1
                self.entered.set()
                assert self.go.wait(10)
                if self.fail is not None:
                    raise self.fail
            real(handle)

        monkeypatch.setattr(persistence.os, "fsync", fsync)
