"""Labels on the map, tested on geometry: trail numbers never pile up or go missing, and no number, letter
or change covers another label or a quadrant's name, at every window size."""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scene_helpers import finish_animations, go_on, press

from incluzo.app import App
from incluzo.engine.play.moves import move_view, trail_arrows
from incluzo.engine.play.views import DebriefView
from incluzo.scenes.kit.labels import Wanted, merged, place
from incluzo.scenes.kit.mapmarks import Label, Marks
from incluzo.scenes.kit.quadmap import QuadrantMap
from incluzo.scenes.kit.theme import Metrics
from incluzo.scenes.screens.debrief import DebriefScene
from incluzo.scenes.screens.outcome import OutcomeScene

SIZES = [(1024, 768), (1280, 720), (1920, 1080), (3840, 2160)]
SQUARE = pygame.Rect(100, 100, 400, 400)
PLATES = [pygame.Rect(105, 105, 180, 40), pygame.Rect(315, 105, 180, 80), pygame.Rect(105, 455, 190, 40)]

anchors = st.lists(
    st.tuples(st.floats(SQUARE.left, SQUARE.right), st.floats(SQUARE.top, SQUARE.bottom)), max_size=14
)


def assert_apart(rects: list[pygame.Rect], names: list[pygame.Rect], bounds: pygame.Rect) -> None:
    for a, b in combinations(rects, 2):
        assert not a.colliderect(b), (a, b)
    for rect in rects:
        assert bounds.contains(rect), rect
        assert not any(rect.colliderect(name) for name in names), rect


@settings(max_examples=60, deadline=None)
@given(anchors)
def test_placed_labels_never_overlap_each_other_or_a_name(spots: list[tuple[float, float]]) -> None:
    wanted = [Wanted(str(n), spot, (30, 26)) for n, spot in enumerate(spots, 1)]
    placed = place(wanted, SQUARE, PLATES)
    assert [p.text for p in placed] == [w.text for w in wanted]  # none goes missing
    assert_apart([p.rect for p in placed], PLATES, SQUARE)


def test_labels_at_one_spot_become_one_label() -> None:
    wanted = [Wanted("2", (200.0, 200.0), (30, 26)), Wanted("3", (200.2, 200.0), (30, 26))]
    wanted.append(Wanted("5", (300.0, 300.0), (30, 26)))
    joined = merged(wanted, lambda text: (len(text) * 12, 26))
    assert [w.text for w in joined] == ["2, 3", "5"]


def test_a_free_label_sits_on_its_anchor_and_a_crowded_one_moves_away() -> None:
    first, second = place([Wanted("1", (200, 300), (30, 26)), Wanted("2", (200, 300), (30, 26))], SQUARE)
    assert not first.moved and second.moved
    assert not first.rect.colliderect(second.rect)


def labels_on(
    quadrant_map: QuadrantMap, size: tuple[int, int], marks: Marks
) -> tuple[list[Label], list[pygame.Rect], pygame.Rect]:
    """The labels, the quadrant names and the square of the map drawn in a box of three fifths of the
    window's height (as the screens draw it)."""
    metrics = Metrics(*size)
    box = pygame.Rect(0, 0, size[1] * 3 // 5, size[1] * 3 // 5)
    plates = list(quadrant_map.plates(box, metrics))
    square = quadrant_map.square(box, metrics)
    return quadrant_map.labels(square, plates, metrics, marks), [r for _, r in plates], square


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_debrief_trail_numbers_every_decision_and_covers_no_name(
    make_app: Callable[..., App], size: tuple[int, int]
) -> None:
    app = make_app(size=size)
    go_on(app)  # the briefing, however many pages
    press(app, "b")
    go_on(app)
    go_on(app)  # the event card
    press(app, "a")
    go_on(app)
    scene = app.scene
    assert isinstance(scene, DebriefScene)
    view: DebriefView = scene.view
    labels, names, square = labels_on(scene.map, size, Marks(trail=trail_arrows(view.trail)))
    numbers = sorted(int(n) for label in labels for n in label.placed.text.split(", "))
    assert numbers == list(range(1, len(view.decisions) + 1))  # every decision once, none missing
    assert "1, 2" in [label.placed.text for label in labels]  # the event card moved nothing: one label
    assert_apart([label.placed.rect for label in labels], names, square)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_outcome_shows_each_change_and_each_ghost_clear_of_the_names(
    make_app: Callable[..., App], size: tuple[int, int]
) -> None:
    app = make_app(size=size)
    go_on(app)
    press(app, "b")
    finish_animations(app)
    scene = app.scene
    assert isinstance(scene, OutcomeScene)
    move = move_view(scene.decision)
    labels, names, square = labels_on(scene.map, size, scene.marks)
    kinds = ("shift", "ghost", "chosen")
    by_kind = {kind: [label.placed.text for label in labels if label.kind == kind] for kind in kinds}
    assert by_kind["chosen"] == ["B"]
    assert by_kind["ghost"] == ["A", "C"]
    assert by_kind["shift"] == ["−5", "−4", "+10", "−1"]  # Specialisme ... Leergemeenschap, as on screen
    assert [s.change for s in move.shifts] == [-5, -4, 10, -1]
    assert_apart([label.placed.rect for label in labels], names, square)
