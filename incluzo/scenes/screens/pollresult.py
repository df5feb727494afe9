"""A poll's result, the same in every mode: a large bar per option with its count and share, the
leading answer marked (every one of them on a tie), then the card's discussion question on a screen of
its own. One group (poll.py), solo and the team reveal (teams/reveal.py) show it; the debrief and its
export show the same chart smaller.
"""

from __future__ import annotations

import pygame

from incluzo.engine.play.views import PollOptionView, PollView
from incluzo.i18n import Messages
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.text import Flow, Item, Style, draw_lines, line_height, render, width_of, wrap
from incluzo.scenes.kit.theme import Metrics
from incluzo.scenes.screens.steps import Step, question_steps

BIG_BAR = 1.1  # a bar's thickness on the result screen, in body units
SMALL_BAR = 0.6  # in the debrief
COUNT_SAMPLE = "000 \u00b7 100%"


def bar_colour(option: PollOptionView) -> theme.Colour:
    """The quadrant's colour when the option stands for one, else the meters' ink."""
    return theme.colour(option.colour) if option.colour else theme.BAR_FILL


def draw_bar(surface: pygame.Surface, track: pygame.Rect, option: PollOptionView, metrics: Metrics) -> int:
    """The option's share as a bar on its track; returns the filled width in pixels."""
    pygame.draw.rect(surface, theme.BAR_TRACK, track)
    filled = round(track.width * option.percent / 100)
    if filled:
        bar = pygame.Rect(track.x, track.y, filled, track.height)
        pygame.draw.rect(surface, bar_colour(option), bar)
        pygame.draw.rect(surface, theme.BORDER, bar, max(1, metrics.stroke // 2))
    return filled


def count_text(option: PollOptionView) -> str:
    """'12 · 40%' (or '0 · 0%' when nothing was typed)."""
    return f"{option.count or 0} \u00b7 {option.percent}%"


def lead_word(poll: PollView, say: Messages) -> str:
    """What marks a leading option: 'Meeste stemmen', or on a tie 'Gelijk: meeste stemmen'."""
    return say("poll.tie" if len(poll.leading) > 1 else "poll.lead")


def option_line(option: PollOptionView, poll: PollView, say: Messages) -> str:
    """An option's result in words: 'A. label: 12 · 40%', and the mark when it leads."""
    line = f"{option.mark}. {option.label}: {count_text(option)}"
    return f"{line} ({lead_word(poll, say)})" if option.id in poll.leading else line


def result_items(
    flow: Flow, poll: PollView, say: Messages, metrics: Metrics, width: int, *, compact: bool = False
) -> None:
    """The chart as flow items: the question, a row per option, the total. `compact` in body type (the
    debrief), else large (the result screen)."""
    s = widgets.styles(metrics)
    flow.text(poll.question, s["italic" if compact else "heading"], space_before=metrics.gap // 2)
    if flow.items and not compact:
        flow.items[-1].keep_with_next = True
    if poll.total is None:
        flow.text(say("debrief.poll.none"), s["muted"], space_before=metrics.gap // 2)
        return
    for option in poll.options:
        flow.add(option_row(option, poll, say, metrics, width, compact=compact))
    flow.text(say("poll.total", total=poll.total), s["muted"], space_before=metrics.gap)


def option_row(
    option: PollOptionView, poll: PollView, say: Messages, metrics: Metrics, width: int, *, compact: bool
) -> Item:
    """One option: its letter, its words (and the lead mark), below them its bar and '12 · 40%'."""
    m = metrics
    size = m.body if compact else m.heading
    label_style = Style("bold", size, theme.INK)
    number_style = Style("bold", size, theme.INK)
    tag_style = Style("bold", m.body, theme.ON_ACCENT)
    badge = widgets.badge_size(m)
    left = badge + m.gap
    leads = option.id in poll.leading
    tag = lead_word(poll, say)
    tag_w = width_of(tag, tag_style) + 2 * m.pad
    lines = wrap(option.label, label_style, width - left - (tag_w + m.gap if leads else 0), say.lang)
    line = line_height(label_style)
    thickness = m.scaled(SMALL_BAR if compact else BIG_BAR)
    numbers_w = width_of(COUNT_SAMPLE, number_style)
    bar_top = len(lines) * line + m.gap // 2
    bar_line = max(thickness, line)
    height = bar_top + bar_line + (m.pad if leads else 0)

    def paint(surface: pygame.Surface, x: int, y: int) -> None:
        if leads:
            back = pygame.Rect(x - m.pad // 2, y - m.pad // 2, width + m.pad, height)
            widgets.panel(surface, back, m, theme.HOVER, theme.ACCENT)
        widgets.letter_badge(surface, option.mark, (x, y + (min(bar_top, badge) - badge) // 2), m)
        draw_lines(surface, lines, label_style, x + left, y)
        if leads:
            plate = pygame.Rect(x + width - tag_w, y, tag_w, line_height(tag_style) + m.pad // 2)
            pygame.draw.rect(surface, theme.ACCENT, plate, border_radius=m.radius)
            image = render(tag, tag_style)
            surface.blit(image, image.get_rect(center=plate.center))
        middle = y + bar_top + bar_line // 2
        track = pygame.Rect(x + left, middle - thickness // 2, width - left - numbers_w - m.gap, thickness)
        draw_bar(surface, track, option, m)
        image = render(count_text(option), number_style)
        surface.blit(image, (x + width - image.get_width(), middle - image.get_height() // 2))

    return Item(height, paint, m.gap, text=option_line(option, poll, say))


def result_steps(poll: PollView, say: Messages, metrics: Metrics, title: str = "") -> list[Step]:
    """The result moment as steps: the chart large, then each discussion question on its own screen."""
    s = widgets.styles(metrics)

    def build(width: int, compact: bool = False) -> Flow:
        flow = Flow(width, say.lang)
        if title and not compact:  # smaller: the question says what the card asks
            flow.text(title, s["title"], keep_with_next=True)
        result_items(flow, poll, say, metrics, width, compact=compact)
        return flow

    chart = Step("result", say("poll.result"), build, smaller=lambda width: build(width, compact=True))
    return [
        chart,
        *question_steps(
            "discuss",
            poll.discuss,
            lambda number, count: say("poll.discuss", number=number, count=count),
            metrics,
            say.lang,
        ),
    ]
