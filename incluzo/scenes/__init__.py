"""The pygame shell: one scene per phase, drawn from the engine's view data.

Importing this package keeps pygame quiet and, when there is no screen at all, makes SDL use its
dummy video and audio drivers, so screenshots, tests and `incluzo check` work on a server.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def use_dummy_display_if_headless() -> None:
    """Select SDL's dummy drivers when no display exists (call before pygame opens a window)."""
    has_screen = sys.platform in ("win32", "darwin") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if not has_screen:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
