"""Where tracebacks go instead of the screen: a log file in the user's data folder."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """incluzo's folder for saves, logs and exports (INCLUZO_HOME overrides it, e.g. in tests)."""
    home = os.environ.get("INCLUZO_HOME")
    return Path(home) if home else Path(platformdirs.user_data_dir("incluzo", appauthor=False))


def write_crash_log(text: str) -> Path:
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}.log"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text + "\n")
    return path
