"""The calm page after an unexpected error: the progress is saved, R goes on from the save.

Shown by the app's crash guard instead of closing the window. It draws with the plainest means
(one fill, wrapped text), so it still appears when the error came from a richer screen.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from incluzo.scenes import actions as act
from incluzo.scenes import theme
from incluzo.scenes.base import Context, Scene, Target
from incluzo.scenes.bindings import AGAIN, Binding
from incluzo.scenes.text import draw_lines, line_height, wrap


class CrashScene(Scene):
    name = "crash"
    map_key = False

    def __init__(self, ctx: Context, log: Path, save: Path | None) -> None:
        super().__init__(ctx)
        self.log = log
        self.save = save

    @property
    def again(self) -> act.Action:
        """R: back into the saved game, or to the start screen when there was none."""
        return act.Resume(self.save) if self.save is not None else act.Home()

    def bindings(self) -> list[Binding]:
        return [AGAIN.to(self.again)]

    def primary(self) -> act.Action | None:
        return self.again

    def layout(self) -> None:
        m = self.metrics
        self.targets = [Target("again", pygame.Rect(0, 0, m.width, m.height), self.again)]

    def lines(self) -> list[tuple[str, str]]:
        """(style, text) of what the page says, in order."""
        say = self.say
        text = say("crash.text") if self.save is not None else say("crash.text.unsaved")
        log = say("crash.log", path=str(self.log))
        return [("title", say("crash.title")), ("body", text), ("muted", log)]

    def draw(self, surface: pygame.Surface) -> None:
        m = self.metrics
        surface.fill(theme.BACKGROUND)
        width = m.width - 2 * m.margin
        y = m.height // 3
        for style_name, text in self.lines():
            style = self.styles[style_name]
            wrapped = wrap(text, style, width, self.ctx.lang)
            y += draw_lines(surface, wrapped, style, m.margin, y, centre_width=width)
            y += line_height(style) // 2
