"""The functional core stays pure: no pygame, no clock, no eval in incluzo/engine."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "incluzo" / "engine"


def test_importing_the_engine_does_not_import_pygame() -> None:
    code = (
        "import sys, incluzo.engine, incluzo.engine.scenario.loader, incluzo.engine.play.rules, "
        "incluzo.engine.play.session, incluzo.engine.play.views; print('pygame' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_engine_never_reads_the_clock_or_evaluates_code() -> None:
    forbidden = re.compile(r"^\s*(import|from)\s+(time|datetime|pygame)\b|\beval\(|\bexec\(", re.M)
    offenders = [p.name for p in ENGINE.rglob("*.py") if forbidden.search(p.read_text("utf-8"))]
    assert offenders == []
