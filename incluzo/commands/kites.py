"""PNG charts for `incluzo profile` and `incluzo report`: kites on the model's 2x2.

The map itself is the game's own (scenes.quadmap.QuadrantMap: tints, patterns, names, axes, OCAI
kites), so a chart in a report looks like the map on the big screen. This module only adds a title, a
legend and a frame around quadrants to point out, and writes the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct

import incluzo.scenes  # noqa: F401  (first: it quiets pygame's banner before pygame loads)

# isort: split
import pygame

from incluzo.commands.numbers import localised
from incluzo.engine.play import position
from incluzo.engine.play.views import QuadrantView
from incluzo.engine.scenario.model import QuadrantModel, Scenario
from incluzo.i18n import message
from incluzo.scenes.kit import theme
from incluzo.scenes.kit.quadmap import DASH_SCALE, Kite, MapAxes, QuadrantMap, dashed_line, frame_quadrants
from incluzo.scenes.kit.text import Style, draw_lines, line_height, wrap
from incluzo.scenes.kit.theme import Colour, Metrics
from incluzo.scenes.screens.export import save_png

SIZE = (1400, 1050)  # width, height of a chart; text scales with the height like a 1050p screen
MAP_SHARE = 0.68  # share of the width for the map; the legend takes the rest
LEGEND_SWATCH = 1.6  # legend line length in body units
SHADE_ALPHA_MIN = 60  # the faintest cell of a heat map still shows
HEATMAP_CELLS = 40  # cells per side of the heat map


class Line(Struct, frozen=True):
    """One kite: the label in the legend, points per quadrant (model order), and how it is drawn."""

    label: str
    points: Sequence[float]
    colour: Colour
    style: str = "solid"  # solid | dashed | dotted | shade (a legend entry for a heat map, no kite)


def quadrant_views(model: QuadrantModel, lang: str) -> tuple[QuadrantView, ...]:
    """The model's quadrants as the map needs them (names in `lang`; the points are not used)."""
    return tuple(
        QuadrantView(
            q.id, q.number, q.name.get(lang), q.short.get(lang), 0, 0.0, q.colour, q.pattern, q.corner
        )
        for q in model.quadrants
    )


def save_chart(
    path: Path,
    model: QuadrantModel,
    lang: str,
    title: str,
    lines: Sequence[Line],
    notes: Sequence[str] = (),
    marked: Sequence[str] = (),
    shades: Sequence[Sequence[int]] = (),
) -> Path:
    """Draw the kites on the 2x2 with a title, a legend and notes; frame the `marked` quadrants; shade
    the map's cells by `shades` (counts per cell, rows from the top), darker where the count is higher."""
    m = Metrics(*SIZE)
    image = pygame.Surface(SIZE)
    image.fill(theme.BACKGROUND)
    heading = Style("bold", m.title, theme.ACCENT)
    title_lines = wrap(title, heading, SIZE[0] - 2 * m.margin, lang)
    draw_lines(image, title_lines, heading, m.margin, m.margin)
    top = m.margin + len(title_lines) * line_height(heading) + m.gap
    side = min(round(SIZE[0] * MAP_SHARE) - 2 * m.margin, SIZE[1] - top - m.margin)
    axes = MapAxes(**{key: text.get(lang) for key, text in model.axes.items()})
    chart = QuadrantMap(quadrant_views(model, lang), axes, lang=lang)
    kites = [Kite(tuple(line.points), line.colour, line.style) for line in lines]
    square = chart.draw(
        image, pygame.Rect(m.margin, top, side, side), m, [k for k in kites if k.style != "shade"]
    )
    _shade(image, square, shades)
    frame_quadrants(image, square, [q.corner for q in model.quadrants if q.id in marked], m)
    x = m.margin * 2 + side
    width = SIZE[0] - x - m.margin
    y = top
    body = Style("regular", m.body, theme.INK)
    swatch = m.scaled(LEGEND_SWATCH)
    for line, kite in zip(lines, kites, strict=True):
        _stroke(image, kite, (x, y + line_height(body) // 2), swatch, m)
        texts = wrap(line.label, body, width - swatch - m.gap, lang)
        draw_lines(image, texts, body, x + swatch + m.gap, y)
        y += len(texts) * line_height(body) + m.gap
    muted = Style("regular", m.body, theme.MUTED)
    for note in notes:
        texts = wrap(note, muted, width, lang)
        draw_lines(image, texts, muted, x, y)
        y += len(texts) * line_height(muted) + m.gap
    save_png(image, path)
    return path


def _shade(image: pygame.Surface, square: pygame.Rect, grid: Sequence[Sequence[int]]) -> None:
    """Each cell with a count tinted, from faint (one) to full (the most)."""
    if not grid:
        return
    most = max(max(row) for row in grid) or 1
    cell = square.width / len(grid)
    for row, counts in enumerate(grid):
        for column, count in enumerate(counts):
            if count:
                patch = pygame.Surface((int(cell) + 1, int(cell) + 1), pygame.SRCALPHA)
                patch.fill((*theme.TRAIL, shade_alpha(count, most)))
                image.blit(patch, (square.x + column * cell, square.y + row * cell))


def shade_alpha(count: int, most: int) -> int:
    return SHADE_ALPHA_MIN + (255 - SHADE_ALPHA_MIN) * count // max(most, 1)


def _stroke(image: pygame.Surface, kite: Kite, start: tuple[int, int], length: int, m: Metrics) -> None:
    """A short stretch of a kite's line, solid or dashed, as its legend mark."""
    width = max(theme.MIN_STROKE, m.scaled(kite.width_scale))
    end = (start[0] + length, start[1])
    if kite.style == "shade":  # faint to full, as the map's cells
        steps = 4
        for step in range(steps):
            patch = pygame.Surface((length // steps + 1, m.scaled(1)), pygame.SRCALPHA)
            patch.fill((*kite.colour, shade_alpha(step + 1, steps)))
            image.blit(patch, (start[0] + step * length // steps, start[1] - m.scaled(1) // 2))
    elif kite.style == "solid":
        pygame.draw.line(image, kite.colour, start, end, width)
    else:
        dash = m.scaled(DASH_SCALE) // (1 if kite.style == "dashed" else 3)
        dashed_line(image, kite.colour, start, end, width, max(theme.MIN_STROKE, dash))


def save_heatmap(
    path: Path, scenario: Scenario, grid: Sequence[Sequence[int]], runs: int, lang: str, policy: str
) -> Path:
    """Where simulated games ended, on the 2x2: start dashed and desired dotted as in the game, the end
    points shaded, with a legend; numbers in the language's style (10.000 in Dutch)."""
    title = scenario.title.get(lang, scenario.language)
    most = max((max(row) for row in grid), default=0)
    lines = [
        Line(
            message("simulate.heatmap.start", lang),
            [u / position.UNIT for u in scenario.position],
            theme.KITE_START,
            "dashed",
        ),
    ]
    if scenario.desired:
        lines.append(
            Line(
                message("simulate.heatmap.desired", lang),
                [u / position.UNIT for u in scenario.desired],
                theme.KITE_DESIRED,
                "dotted",
            )
        )
    lines.append(
        Line(
            message("simulate.heatmap.ends", lang, **localised({"most": most}, lang)),
            (),
            theme.TRAIL,
            "shade",
        )
    )
    return save_chart(
        path, scenario.model, lang, heatmap_title(title, runs, lang, policy), lines, shades=grid
    )


def heatmap_title(title: str, runs: int, lang: str, policy: str) -> str:
    return message(
        "simulate.heatmap.title", lang, **localised({"title": title, "runs": runs, "policy": policy}, lang)
    )
