"""A scene's still layer: the picture of what stays put while its view does (panels, wrapped text, the
header and footer, maps), painted once and kept in a surface of the window's size.

A frame blits the layer and paints only what moves over it (the hovered target, a countdown, an
animation): one blit instead of dozens of rects, texts and the Python that places them. When the window
still shows this scene's last frame and nothing else (`on`, set by the app), the frame blits back only
the areas the last frame's moving parts covered (`moved`) rather than the whole window (at 4K a whole
blit is ~6 ms of memory traffic). The layer is painted on the frame's own surface and then copied, so an
overlay's layer holds the shaded scene it was painted over (`key` names that picture). See Scene.draw
for when a layer is dropped.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame


class Still:
    """One kept layer and the key it was painted for."""

    def __init__(self) -> None:
        self.image: pygame.Surface | None = None
        self.key: object = None
        self.valid = False
        self.painted = 0  # how often the layer was painted (tests, benchmarks)
        self.on: pygame.Surface | None = None  # the surface that shows our last frame alone, untouched
        self.moved: list[pygame.Rect] = []  # where the last frame painted over the layer

    def holds(self, key: object, size: tuple[int, int]) -> bool:
        """Whether the layer kept is the one for `key` at `size`."""
        image = self.image
        return self.valid and image is not None and self.key == key and image.get_size() == size

    def forget(self) -> None:
        """The view changed: paint the layer again on the next frame (its surface is reused)."""
        self.valid = False

    def draw(self, surface: pygame.Surface, key: object, paint: Callable[[pygame.Surface], None]) -> bool:
        """Blit the layer for `key` (only where the last frame moved, when `surface` still shows it), or
        paint it on `surface` and keep a copy; True when painted."""
        if self.holds(key, surface.get_size()):
            assert self.image is not None
            if self.on is surface:
                for area in self.moved:
                    surface.blit(self.image, area, area)
            else:
                surface.blit(self.image, (0, 0))
            return False
        paint(surface)
        if self.image is None or self.image.get_size() != surface.get_size():
            self.image = pygame.Surface(surface.get_size(), 0, surface)  # the window's pixel format
        self.image.blit(surface, (0, 0))
        self.key, self.valid = key, True
        self.painted += 1
        return True
