"""A stop from outside (SIGTERM, Ctrl-C) ends a game in its window at once: exit 0, the saved line,
and the save intact. A real process, the window on SDL's dummy driver."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from testsupport import ROOT

from incluzo.engine.logs import savelog

TIMEOUT = 60  # seconds, only to stop a hang


def wait_for_save(home: Path, process: subprocess.Popen[str]) -> Path:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        saves = [p for p in (home / "saves").glob("*.jsonl") if ".autosave-" not in p.name]
        if saves:
            return saves[0]
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    raise AssertionError("no save appeared")


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_ends_the_game_at_once_with_exit_0_and_the_saved_line(
    number: signal.Signals, private_data_dir: Path
) -> None:
    env = {**os.environ, "INCLUZO_HOME": str(private_data_dir), "SDL_VIDEODRIVER": "dummy"}
    process = subprocess.Popen(
        [sys.executable, "-m", "incluzo", "play", str(ROOT / "scenarios" / "opening.yaml"), "--solo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        save = wait_for_save(private_data_dir, process)
        process.send_signal(number)
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Je voortgang is bewaard" in out
    assert "Traceback" not in err
    parsed = savelog.parse(save.read_bytes())
    assert parsed.problem is None
    assert parsed.log is not None and parsed.log.header.scenario == "opening"
