"""A scene's still layer: the picture of what stays put while its view does (panels, wrapped text, the
header and footer, maps), painted once and kept in a surface of the window's size.

A frame blits the layer and paints only what moves over it (the hovered target, a countdown, an
animation): one blit instead of dozens of rects, texts and the Python that places them. When the window
still shows this scene's last frame and nothing else (`on`, set by the app), the frame blits back only
the areas the last frame's moving parts covered (`moved`) rather than the whole window (at 4K a whole
blit is ~6 ms of memory traffic). The layer is painted on the frame's own surface and then copied, so an
overlay's layer holds the shaded scene it was painted over (`key` names that picture). See Scene.draw
for when a layer is dropped.

The copy is spread over the frames after the paint, one band of rows a frame (`BAND_PIXELS`): a page
turn at 4K would otherwise pay a whole-window copy on top of its paint. Until the last band is copied
the layer is whole only where a frame saved it: each frame saves the areas its moving parts are about to
cover (`keep`), while the window still shows the still picture there. A frame that finds the window's
picture lost before the layer is whole paints it again.

A scene may hand its paint over in parts (`Scene.paint_parts`). Given a deadline (`until`, set by the
window's loop), a frame paints parts until the deadline has passed, at least one, and leaves the rest to
the next frames (`parts`): meanwhile nothing is shown, the window keeps the last frame it showed, and
the first frame that finishes the paint shows the new screen whole. Without a deadline every part is
painted at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import pygame

BAND_PIXELS = 1 << 21  # pixels copied per frame while a new layer is saved: ~1.4 ms at 4K on a slow VM
SPARE: dict[tuple[int, int], pygame.Surface] = {}  # per size, the surface of a layer whose scene left
Paint = Callable[[pygame.Surface], None]  # a part of a still layer's paint


def around(whole: pygame.Rect, hole: pygame.Rect) -> list[pygame.Rect]:
    """`whole` but for `hole`, as up to four bands: above, below, left and right of it."""
    hole = hole.clip(whole)
    if not hole.width or not hole.height:
        return [whole]
    bands = [
        pygame.Rect(whole.x, whole.y, whole.width, hole.y - whole.y),
        pygame.Rect(whole.x, hole.bottom, whole.width, whole.bottom - hole.bottom),
        pygame.Rect(whole.x, hole.y, hole.x - whole.x, hole.height),
        pygame.Rect(hole.right, hole.y, whole.right - hole.right, hole.height),
    ]
    return [band for band in bands if band.width and band.height]


class Still:
    """One kept layer and the key it was painted for."""

    def __init__(self) -> None:
        self.image: pygame.Surface | None = None
        self.key: object = None
        self.valid = False
        self.painted = 0  # how often the layer was painted (tests, benchmarks)
        self.on: pygame.Surface | None = None  # the surface that shows our last frame alone, untouched
        self.moved: list[pygame.Rect] = []  # where the last frame painted over the layer
        self.unsaved: list[pygame.Rect] = []  # bands of the window not yet copied into the layer
        self.until: float | None = None  # a frame paints parts until then (time.perf_counter), see draw
        self.parts: list[Paint] = []  # what is left to paint of a layer painted over several frames
        self.painting: tuple[object, pygame.Surface] | None = None  # the key and surface of that paint

    def holds(self, key: object, size: tuple[int, int]) -> bool:
        """Whether the layer kept is the one for `key` at `size`, and this frame can draw from it: it
        is whole, or the window still shows the last frame, whose still parts fill in the rest."""
        image = self.image
        return (
            self.valid
            and image is not None
            and self.key == key
            and image.get_size() == size
            and (not self.unsaved or self.on is not None)
        )

    def forget(self) -> None:
        """The view changed: paint the layer again on the next frame (its surface is reused); a paint
        under way starts over."""
        self.valid = False
        self.parts, self.painting = [], None

    def draw(self, surface: pygame.Surface, key: object, parts: Sequence[Paint]) -> bool:
        """Blit the layer for `key` (only where the last frame moved, when `surface` still shows it), or
        paint it on `surface` (`parts` in turn: see the module's docstring) and start saving it; True
        when painted. Afterwards `surface` shows the still picture alone, unless parts are left."""
        if self.holds(key, surface.get_size()) and (not self.unsaved or self.on is surface):
            assert self.image is not None
            if self.on is surface:
                for area in self.moved:
                    surface.blit(self.image, area, area)
            else:
                surface.blit(self.image, (0, 0))
            if self.unsaved:
                self.save(surface, self.unsaved.pop())
            return False
        if not self.parts or self.painting != (key, surface):
            self.parts, self.painting, self.valid = list(parts), (key, surface), False
        while self.parts:
            self.parts.pop(0)(surface)
            if self.parts and self.until is not None and time.perf_counter() >= self.until:
                return False  # the rest in the next frames; the window shows none of it meanwhile
        self.painting = None
        if self.image is None or self.image.get_size() != surface.get_size():
            self.image = self.fresh(surface)
        width, height = surface.get_size()
        rows = max(1, BAND_PIXELS // max(1, width))
        self.unsaved = [pygame.Rect(0, top, width, min(rows, height - top)) for top in range(0, height, rows)]
        self.key, self.valid = key, True
        self.painted += 1
        return True

    @staticmethod
    def fresh(surface: pygame.Surface) -> pygame.Surface:
        """A surface for a layer of `surface`'s size and pixel format: the spare one a scene that left
        gave back when it fits (a new one costs a page fault per 4 KB on its first paint: ~8 ms of a
        1080p frame on a slow VM), else a new one."""
        spare = SPARE.pop(surface.get_size(), None)
        if spare is not None and spare.get_bitsize() == surface.get_bitsize():
            return spare
        return pygame.Surface(surface.get_size(), 0, surface)

    def release(self) -> None:
        """The scene left the window: its surface waits for the next scene's layer (`fresh`), and the
        layer is painted anew should the scene come back."""
        if self.image is not None:
            SPARE[self.image.get_size()] = self.image
        self.image, self.valid, self.unsaved, self.on, self.moved = None, False, [], None, []
        self.parts, self.painting = [], None

    def keep(self, surface: pygame.Surface, areas: list[pygame.Rect]) -> None:
        """Save the still picture under `areas` before moving parts cover it (while the layer is not
        whole yet); `surface` shows the still picture alone."""
        if self.unsaved:
            for area in areas:
                self.save(surface, area)
        self.moved = areas

    def save(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        assert self.image is not None
        self.image.blit(surface, area, area)
