"""A few golden images guard the layout of each screen at 1280x720.

Numbers and words are asserted on view data elsewhere; these catch moved, clipped or missing parts.
A pixel counts as different when a channel differs by more than TOLERANCE; a screen may have at most
BUDGET such pixels. Regenerate with INCLUZO_UPDATE_GOLDEN=1 (those runs skip, they never pass).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest
from scene_helpers import finish_animations, press

from incluzo.app import App

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
DATA = Path(__file__).parent / "data"
TOLERANCE = 8
BUDGET = 150  # pixels out of 921,600
UPDATE = os.environ.get("INCLUZO_UPDATE_GOLDEN") == "1"

SCREENS: dict[str, tuple[str, ...]] = {
    "briefing": (),
    "card": ("return",),
    "card-event": ("return", "b", "return"),
    "outcome": ("return", "b"),
    "map": ("return", "b", "m"),
    "help": ("h",),
    "menu": ("escape",),
}


@pytest.fixture(autouse=True)
def fixed_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    """The help names the saves folder: the same folder every run, so the picture is the same."""
    monkeypatch.setenv("INCLUZO_HOME", "/tmp/incluzo-golden")


def differing(actual: pygame.Surface, golden: pygame.Surface) -> int:
    """Pixels whose colour differs by more than TOLERANCE in some channel."""
    same = pygame.transform.threshold(
        None, actual, None, (TOLERANCE, TOLERANCE, TOLERANCE, 255), set_behavior=0, search_surf=golden
    )
    return actual.get_width() * actual.get_height() - int(same)


def check(name: str, surface: pygame.Surface) -> None:
    path = GOLDEN / f"{name}.png"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        pygame.image.save(surface, str(path))
        pytest.skip(f"golden image {path.name} written")
    assert path.exists(), f"no golden image {path.name}: run with INCLUZO_UPDATE_GOLDEN=1 once"
    golden = pygame.image.load(str(path))
    assert golden.get_size() == surface.get_size()
    assert differing(surface, golden) <= BUDGET


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_screen_matches_its_golden_image(make_app: Callable[..., App], name: str) -> None:
    app = make_app(folder=DATA)
    press(app, *SCREENS[name])
    finish_animations(app)
    app.draw()
    check(name, app.surface)


def test_start_screen_matches_its_golden_image(make_app: Callable[..., App]) -> None:
    app = make_app(None, folder=DATA)
    app.draw()
    check("start", app.surface)


def test_the_comparison_counts_the_pixels_a_changed_digit_makes() -> None:
    """Counted in pixels, not as a share, so the budget means the same at every size."""
    from incluzo.scenes.kit import theme
    from incluzo.scenes.kit.text import Style, render

    style = Style("bold", 24, theme.INK)
    base = pygame.Surface((1280, 720))
    other = pygame.Surface((1280, 720))
    for surface, text in ((base, "Budget 42"), (other, "Budget 43")):
        surface.fill(theme.BACKGROUND)
        surface.blit(render(text, style), (100, 100))
    assert differing(other, base) > 0
    assert differing(base, base) == 0
