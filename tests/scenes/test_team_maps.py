"""Team maps as small multiples: one map per team, apart and inside their box, as large as the box allows,
from one team to six, at every window size."""

from __future__ import annotations

from itertools import combinations

import pygame
import pytest

from incluzo.scenes.kit.theme import Metrics
from incluzo.scenes.teams.maps import cells

SIZES = [(1024, 768), (1280, 720), (1920, 1080), (3840, 2160)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("teams", range(1, 7))
def test_each_team_gets_its_own_map_apart_from_the_others(size: tuple[int, int], teams: int) -> None:
    metrics = Metrics(*size)
    box = pygame.Rect(metrics.margin, metrics.margin, size[0] * 6 // 10, size[1] * 8 // 10)
    found = cells(teams, box, metrics)
    assert len(found) == teams
    squares = [square for _, square in found]
    for caption, square in found:
        assert box.contains(caption) and box.contains(square)
        assert caption.bottom == square.top and caption.width == square.width
        assert square.width == square.height == squares[0].width
    for a, b in combinations([r for pair in found for r in pair], 2):
        assert not a.colliderect(b)
    # six maps still get a side of at least seven lines of body text: a kite stays readable
    assert squares[0].width >= 7 * metrics.body


def test_fewer_teams_get_larger_maps() -> None:
    metrics = Metrics(1920, 1080)
    box = pygame.Rect(0, 0, 1100, 860)
    sides = [cells(n, box, metrics)[0][1].width for n in range(1, 7)]
    assert sides == sorted(sides, reverse=True) and sides[0] > 2 * sides[-1]
