"""The calm page after an unexpected error: the progress is saved, R goes on from the save.

Shown by the app's crash guard instead of closing the window. It draws with the plainest means
(one fill, wrapped text), so it still appears when the error came from a richer screen. When the
same crash comes back after R (`repeated`), R is not offered again: K skips the card it stood on (one
group or solo), and S goes to the start screen, so the guard never rebuilds into the same crash twice.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from incluzo.scenes import actions as act
from incluzo.scenes.kit import theme
from incluzo.scenes.kit.base import Context, Scene, Target
from incluzo.scenes.kit.bindings import AGAIN, CRASH_HOME, CRASH_SKIP, Binding
from incluzo.scenes.kit.text import draw_lines, line_height, wrap


class CrashScene(Scene):
    name = "crash"
    map_key = False

    def __init__(
        self, ctx: Context, log: Path, save: Path | None, *, repeated: bool = False, can_skip: bool = False
    ) -> None:
        super().__init__(ctx)
        self.log = log
        self.save = save
        self.repeated = repeated  # the same crash again, right after going on from the save
        self.can_skip = can_skip and repeated and save is not None

    @property
    def again(self) -> act.Action:
        """R: back into the saved game, or to the start screen when there was none (or it crashed there
        twice)."""
        return act.Resume(self.save) if self.save is not None and not self.repeated else act.Home()

    def bindings(self) -> list[Binding]:
        if self.repeated:
            found = [CRASH_HOME.to(act.Home())]
            if self.can_skip and self.save is not None:
                found.append(CRASH_SKIP.to(act.Resume(self.save, skip=True)))
            return found
        return [AGAIN.to(self.again)]

    def primary(self) -> act.Action | None:
        return self.again

    def layout(self) -> None:
        m = self.metrics
        self.targets = [Target("again", pygame.Rect(0, 0, m.width, m.height), self.again)]

    def lines(self) -> list[tuple[str, str]]:
        """(style, text) of what the page says, in order."""
        say = self.say
        if self.repeated:
            text = say("crash.text.skip") if self.can_skip else say("crash.text.stuck")
        else:
            text = say("crash.text") if self.save is not None else say("crash.text.unsaved")
        log = say("crash.log", path=str(self.log))
        return [("title", say("crash.title")), ("body", text), ("muted", log)]

    def paint(self, surface: pygame.Surface) -> None:
        m = self.metrics
        surface.fill(theme.BACKGROUND)
        width = m.width - 2 * m.margin
        y = m.height // 3
        for style_name, text in self.lines():
            style = self.styles[style_name]
            wrapped = wrap(text, style, width, self.ctx.lang)
            y += draw_lines(surface, wrapped, style, m.margin, y, centre_width=width)
            y += line_height(style) // 2
