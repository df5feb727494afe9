"""The outcome shows the move: what was given up on the first page at every size, the changes per
quadrant as on the map, and the choice's cost beside its recognition."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest
from scene_helpers import finish_animations, go_on, press

from incluzo.app import App
from incluzo.scenes.screens.outcome import OutcomeScene

SIZES = [(1024, 768), (1280, 720), (1920, 1080), (3840, 2160)]


def outcome(make_app: Callable[..., App], size: tuple[int, int], lang: str = "nl") -> OutcomeScene:
    app = make_app(size=size, lang=lang)
    go_on(app)
    press(app, "b")
    finish_animations(app)
    scene = app.scene
    assert isinstance(scene, OutcomeScene)
    app.draw()
    return scene


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_what_was_given_up_is_on_the_first_page_beside_nothing_it_covers(
    make_app: Callable[..., App], size: tuple[int, int]
) -> None:
    scene = outcome(make_app, size)
    assert scene.paged is not None and scene.paged.page == 0
    words = scene.given_up_text()
    assert len(words) == 2
    assert words[0].startswith("Een aparte plek") and "richting Individueel maatwerk +10" in words[0]
    assert words[1].startswith("Een dure specialist") and "Affirmatief" in words[1]
    band, text, map_box = scene.band_box, scene.paged.box, scene.map_box
    assert scene.content.contains(band) and scene.content.contains(map_box)
    assert not band.colliderect(text) and not band.colliderect(map_box) and not text.colliderect(map_box)
    assert scene.overflows() == []


def test_the_cost_stands_beside_the_recognition_in_words(make_app: Callable[..., App]) -> None:
    scene = outcome(make_app, (1920, 1080))
    assert scene.paged is not None
    lines = scene.paged.lines()
    assert "Transformatief; Kwaliteit 3 naar 1 (−2), Betaalbaarheid 2 naar 1 (−1)" in lines
    assert "Jullie kozen B: Samen in de klas" in lines


def test_the_english_outcome_says_the_same_in_english(make_app: Callable[..., App]) -> None:
    scene = outcome(make_app, (1280, 720), "en")
    words = scene.given_up_text()
    assert words[0].startswith("A separate place") and "Individual tailoring +10" in words[0]


def test_the_marker_glides_along_the_arrow(make_app: Callable[..., App]) -> None:
    app = make_app(size=(1280, 720))
    go_on(app)
    press(app, "b")
    scene = app.scene
    assert isinstance(scene, OutcomeScene) and scene.marks.chosen is not None
    square = pygame.Rect(0, 0, 200, 200)
    start = scene.map.marker(square, [q.exact for q in scene.decision.position_before])
    app.step([], 10.0)
    end = scene.map.marker(square, [q.exact for q in scene.decision.position_after])
    arrow = scene.marks.chosen
    assert (100 + arrow.start[0] * 100, 100 + arrow.start[1] * 100) == pytest.approx(start)
    assert (100 + arrow.end[0] * 100, 100 + arrow.end[1] * 100) == pytest.approx(end)
