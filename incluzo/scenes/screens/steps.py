"""A sequence of full screens: the debriefs and a poll's result moment are told in steps, each step a
screen of its own with its own heading and text, and (where it has one) the map beside it.

A step is built for the width it gets; a step whose text does not fit its box goes on over a second
screen rather than shrinking. The footer counts the screens ('2 / 6'), Enter and PgDn go on, PgUp goes
back: the keys every long text already has.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame
from msgspec import Struct

from incluzo.i18n import Messages
from incluzo.scenes.kit import theme
from incluzo.scenes.kit.base import Paged
from incluzo.scenes.kit.text import Flow, Item, Style, draw_page
from incluzo.scenes.kit.theme import Metrics

QUESTION_SCALE = 1.6  # a reflection question on its own screen, in body units


class Step(Struct, frozen=True):
    """One step: what it is (`key`, for tests and the export), its heading, its text at a width."""

    key: str
    title: str
    build: Callable[[int], Flow]
    beside_map: bool = False
    smaller: Callable[[int], Flow] | None = None  # the same in smaller type, when the large does not fit


class Screen(Struct, frozen=True):
    """One screen of a step: the step's number, the box its text is drawn in, and that text."""

    step: int
    box: pygame.Rect
    items: list[tuple[int, Item]]


class StepPages(Paged):
    """The steps cut into screens; paged like any long text (Scene.turn, the footer's page count)."""

    def __init__(
        self, steps: Sequence[Step], beside_map: pygame.Rect, whole: pygame.Rect, page: int = 0
    ) -> None:
        self.steps = list(steps)
        self.screens: list[Screen] = []
        self.flows: list[Flow] = []
        for number, step in enumerate(self.steps):
            box = beside_map if step.beside_map else whole
            flow = step.build(box.width)
            if step.smaller is not None and flow.height > box.height:
                flow = step.smaller(box.width)
            self.flows.append(flow)
            self.screens += [Screen(number, box, items) for items in flow.pages(box.height)]
        self.pages = [screen.items for screen in self.screens]
        self.page = max(0, min(page, len(self.pages) - 1))
        self.flow = Flow(whole.width, flow.lang if self.flows else "nl")
        self.flow.items = [item for flow in self.flows for item in flow.items]
        self.box = whole

    @property
    def screen(self) -> Screen:
        return self.screens[self.page]

    @property
    def step(self) -> Step:
        """The step shown now."""
        return self.steps[self.screen.step]

    def draw(self, surface: pygame.Surface) -> None:
        draw_page(surface, self.screen.items, self.screen.box.x, self.screen.box.y)

    def step_lines(self, key: str) -> list[str]:
        """Every line of text of the steps called `key` (tests read a step whole)."""
        return [
            item.text
            for step, flow in zip(self.steps, self.flows, strict=True)
            if step.key == key
            for item in flow.items
            if item.text
        ]

    def first_page(self, key: str) -> int:
        """The screen a step starts on."""
        return next(i for i, s in enumerate(self.screens) if self.steps[s.step].key == key)


def question_steps(
    key: str, questions: Sequence[str], title: Callable[[int, int], str], metrics: Metrics, lang: str
) -> list[Step]:
    """One step per question, the question in large type under a small 'Vraag 1 van 3'."""
    big = Style("bold", metrics.scaled(QUESTION_SCALE), theme.INK)
    small = Style("bold", metrics.heading, theme.ACCENT)
    steps = []
    for number, question in enumerate(questions, 1):
        heading = title(number, len(questions))

        def build(width: int, heading: str = heading, question: str = question) -> Flow:
            flow = Flow(width, lang)
            flow.text(heading, small, keep_with_next=True)
            flow.text(question, big, space_before=metrics.margin)
            return flow

        steps.append(Step(key, heading, build))
    return steps


def flow_item(flow: Flow, *, space_before: int = 0, keep_with_next: bool = False) -> Item:
    """A whole flow as one item: a block that never splits over two screens."""
    height = flow.height

    def paint(surface: pygame.Surface, x: int, y: int) -> None:
        for page in flow.pages(height + 1)[:1]:
            draw_page(surface, page, x, y)

    words = " ".join(item.text for item in flow.items if item.text)
    return Item(height, paint, space_before, keep_with_next, words)


def step_label(stepped: StepPages, say: Messages, *, compact: bool) -> str:
    """'Stap 2 / 6' in the footer ('2/6' where the footer is short)."""
    if compact:
        return f"{stepped.page + 1}/{stepped.count}"
    return say("debrief.step_count", step=stepped.page + 1, steps=stepped.count)
