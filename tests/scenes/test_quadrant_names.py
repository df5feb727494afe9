"""A quadrant's name on the map is never broken inside a word: it stands beside its number badge, or under
it with the corner's whole width, in a size that keeps every word whole; a map too small for that shows
the numbers only (its legend names them). Checked for every map size the screens draw, in both languages."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from incluzo.commands.kites import quadrant_views
from incluzo.engine.scenario.model import load_model
from incluzo.scenes.kit import quadmap
from incluzo.scenes.kit.quadmap import QuadrantMap
from incluzo.scenes.kit.theme import Metrics

SIZES = [(1024, 768), (1280, 720), (1366, 768), (1920, 1080), (2560, 1440), (3840, 2160)]
SHARES = [0.3, 0.45, 0.6, 0.75, 0.9]  # the map's box in window heights: small maps up to the overlay's


def name_lines(monkeypatch: pytest.MonkeyPatch, lang: str, size: tuple[int, int], share: float) -> list[str]:
    """The lines of text the map's background draws in its quadrants' corners (axis labels left out)."""
    drawn: list[str] = []
    real = quadmap.draw_lines

    def spy(surface: pygame.Surface, lines: list[str], *args: object, **kwargs: object) -> object:
        if "centre_width" not in kwargs:  # the axis labels are centred; the names are not
            drawn.extend(lines)
        return real(surface, lines, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(quadmap, "draw_lines", spy)
    side = int(size[1] * share)
    chart = QuadrantMap(quadrant_views(load_model(), lang), lang=lang)
    chart.draw(pygame.Surface((side, side)), pygame.Rect(0, 0, side, side), Metrics(*size))
    return drawn


def words(lang: str) -> Iterator[set[str]]:
    for quadrant in quadrant_views(load_model(), lang):
        yield set(quadrant.name.split())


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_quadrant_name_breaks_inside_a_word(
    monkeypatch: pytest.MonkeyPatch, lang: str, size: tuple[int, int]
) -> None:
    whole = set().union(*words(lang))
    for share in SHARES:
        for line in name_lines(monkeypatch, lang, size, share):
            assert set(line.split()) <= whole, (share, line)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_map_of_half_the_screen_names_its_quadrants(
    monkeypatch: pytest.MonkeyPatch, lang: str, size: tuple[int, int]
) -> None:
    shown = " ".join(name_lines(monkeypatch, lang, size, 0.6)).split()
    assert sorted(shown) == sorted(word for names in words(lang) for word in names)
