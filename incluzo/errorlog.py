"""Where tracebacks go instead of the screen: a log file in the user's data folder."""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """incluzo's folder for saves, logs and exports (INCLUZO_HOME overrides it, e.g. in tests)."""
    home = os.environ.get("INCLUZO_HOME")
    return Path(home) if home else Path(platformdirs.user_data_dir("incluzo", appauthor=False))


def write_crash_log(text: str) -> Path:
    """Append `text` to a new crash log in the data folder; never raises. When that folder cannot be
    written (INCLUZO_HOME names a file, a read-only disk), the log goes to the system's temporary
    folder instead, so the last guard itself never fails."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"crash-{stamp}.log"
    fallback = Path(tempfile.gettempdir()) / f"incluzo-{name}"
    for path in (data_dir() / "logs" / name, fallback):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as handle:
                handle.write(text + "\n")
        except (OSError, ValueError):
            continue
        return path
    return fallback
