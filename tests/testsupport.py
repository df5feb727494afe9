"""Paths and small helpers shared by the tests (import this, never `conftest`: tests/scenes has its own)."""

from __future__ import annotations

import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")
