"""The team debrief, the teams compared as a sequence of full screens: the ending each reached and the
map, where each ended in numbers (with how often each chose affirmatief or transformatief), what each
spent of every meter, every card on which the teams split, then one reflection question a screen.
E exports every step (PNG and Markdown)."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from incluzo.engine.play.teamviews import TeamDebriefView, TeamMapView, TeamResultView
from incluzo.engine.play.views import MeterView, QuadrantView
from incluzo.i18n import Messages
from incluzo.scenes.actions import Action
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import FOOTER_LEVELS, Context, heading_item
from incluzo.scenes.kit.bindings import EXPORT, TEAM_BACK, TEAM_EXPORT, Binding, FooterKey
from incluzo.scenes.kit.mapinfo import DISC_SCALE, legend
from incluzo.scenes.kit.quadmap import QuadrantMap
from incluzo.scenes.kit.text import Flow, Item, Style, draw_lines, line_height, render, width_of
from incluzo.scenes.kit.theme import Metrics
from incluzo.scenes.kit.widgets import listed
from incluzo.scenes.screens.briefing import map_axes, positions
from incluzo.scenes.screens.debrief import export_line
from incluzo.scenes.screens.steps import Step, StepPages, flow_item, question_steps, step_label
from incluzo.scenes.teams.badge import badge_line, badge_width, draw_badge
from incluzo.scenes.teams.maps import draw_teams_map, under_kites
from incluzo.scenes.teams.scene import TeamScene, block_columns, block_row, block_width, fit_lines

NUMBER_SAMPLE = "100"  # the widest number in a table cell
MIN_NAME_COLUMN = 5  # body units: a narrower name column turns the table into lines of text


def comparison_rows(view: TeamDebriefView, say: Messages) -> list[tuple[str, tuple[str, ...]]]:
    """The comparison as text rows (label, cells): start, each team, desired. Cells: the four
    quadrants' points, the budget spent, the affirmative and the transformative count."""
    rows: list[tuple[str, tuple[str, ...]]] = [(say("map.start"), (*_points(view.start), "", "", ""))]
    for team in view.teams:
        a, t = team.tally
        rows.append((team.badge.name, (*_points(team.end), str(team.spent_total), str(a), str(t))))
    if view.desired:
        rows.append((say("map.desired"), (*_points(view.desired), "", "", "")))
    return rows


def _points(quadrants: Sequence[QuadrantView]) -> tuple[str, ...]:
    return tuple(str(q.points) for q in quadrants)


def table_item(view: TeamDebriefView, say: Messages, metrics: Metrics, width: int, lang: str) -> Item | None:
    """The comparison as a table: one row per team, a column per quadrant, the budget spent and the tally;
    a long team name takes two lines. None when even then the table is wider than `width` (the caller
    writes the rows as text instead)."""
    s = widgets.styles(metrics)
    heads = [say("team.table.spent"), say("team.table.affirmative"), say("team.table.transformative")]
    rows = comparison_rows(view, say)
    number = max(width_of(NUMBER_SAMPLE, s["strong"]), metrics.scaled(DISC_SCALE))
    cells = [number] * 4 + [max(number, width_of(h, s["strong"])) for h in heads]
    badges = max(badge_width(t.badge, metrics) for t in view.teams) + metrics.gap
    room = width - sum(cells) - metrics.gap * len(cells)
    label = min(max(width_of(name, s["strong"]) for name, _ in rows) + badges, room)
    if label < metrics.body * MIN_NAME_COLUMN:
        return None
    names = [fit_lines(name, s["strong"], label - badges, lang, 2) for name, _ in rows]
    line = line_height(s["body"])
    heights = [line + metrics.gap // 2] + [len(n) * line + metrics.gap // 2 for n in names]
    total = label + sum(cells) + metrics.gap * len(cells)
    by_name = {t.badge.name: t for t in view.teams}
    quadrants = view.start

    def paint(surface: pygame.Surface, x: int, y: int) -> None:
        left = x + label + metrics.gap
        for index, cell in enumerate(cells):
            centre = left + cell // 2
            if index < len(quadrants):
                _disc(surface, quadrants[index], (centre, y + heights[0] // 2), metrics)
            else:
                image = render(heads[index - len(quadrants)], s["strong"])
                surface.blit(image, (centre - image.get_width() // 2, y))
            left += cell + metrics.gap
        top = y + heights[0]
        for number_row, ((name, values), lines, height) in enumerate(
            zip(rows, names, heights[1:], strict=True)
        ):
            team = by_name.get(name)
            style: Style = s["strong"] if team else s["muted"]
            if number_row % 2 == 0:
                pygame.draw.rect(surface, theme.PANEL, pygame.Rect(x, top, total, height))
            middle = top + height // 2
            if team:
                draw_badge(surface, team.badge, x, top + (line + metrics.gap // 2) // 2, metrics)
            draw_lines(surface, lines, style, x + badges, middle - len(lines) * line // 2)
            left = x + label + metrics.gap
            for cell, value in zip(cells, values, strict=True):
                shown = render(value, style)
                surface.blit(
                    shown, (left + (cell - shown.get_width()) // 2, middle - shown.get_height() // 2)
                )
                left += cell + metrics.gap
            top += height

    words = "; ".join(f"{name}: {' '.join(values)}" for name, values in rows)
    return Item(sum(heights), paint, metrics.gap, text=words)


def _disc(surface: pygame.Surface, quadrant: QuadrantView, centre: tuple[int, int], metrics: Metrics) -> None:
    """A quadrant's number on a disc of its colour (the column heads of the table)."""
    base = theme.colour(quadrant.colour)
    radius = metrics.scaled(DISC_SCALE) // 2
    pygame.draw.circle(surface, base, centre, radius)
    image = render(str(quadrant.number), Style("bold", metrics.body, theme.ink_on(base)))
    surface.blit(image, image.get_rect(center=centre))


def meter_item(meter: MeterView, order: list[str], metrics: Metrics, width: int, say: Messages) -> Item:
    """One meter of a team: its icon, its pips against the start level, 'start -> end' (and 'op')."""
    s = widgets.styles(metrics)
    size = widgets.icon_size(metrics)
    numbers = say("debrief.from_to", start=meter.start, end=meter.value)
    style = s["warning" if meter.empty else "strong"]
    numbers_w = width_of(say("debrief.from_to", start=NUMBER_SAMPLE, end=NUMBER_SAMPLE), style)
    thickness = widgets.bar_thickness(metrics) * 2

    def paint(surface: pygame.Surface, x: int, y: int) -> None:
        widgets.meter_icon(
            surface, order.index(meter.id), meter.symbol, (x + size // 2, y + size // 2), metrics
        )
        left = x + size + metrics.gap
        track = pygame.Rect(
            left, y + (size - thickness) // 2, width - size - numbers_w - 2 * metrics.gap, thickness
        )
        widgets.meter_bar(surface, track, meter.value, meter, meter.scale)
        image = render(numbers, style)
        surface.blit(image, (x + width - image.get_width(), y + (size - image.get_height()) // 2))

    return Item(size, paint, metrics.gap // 2, text=f"{meter.name}: {numbers}")


def team_budget(team: TeamResultView, metrics: Metrics, width: int, say: Messages, lang: str) -> Flow:
    """A team's block on the budget step: its name, each meter from start to end, what ran out."""
    s = widgets.styles(metrics)
    flow = Flow(width, lang)
    badge_line(flow, team.badge, team.badge.name, s["strong"], metrics)
    order = [v.id for v in team.meters]
    for meter in team.meters:
        flow.add(meter_item(meter, order, metrics, width, say))
    empty = [v.name for v in team.meters if v.empty]
    if empty:
        flow.text(
            say("debrief.ran_out", meters=listed(empty, say)), s["warning"], space_before=metrics.gap // 2
        )
    return flow


def debrief_steps(
    view: TeamDebriefView, maps: tuple[TeamMapView, ...], ctx: Context, metrics: Metrics, *, note: str = ""
) -> list[Step]:
    """The team debrief as steps: the endings and the map, the teams compared in numbers, the budget each
    spent, the cards on which they chose differently, then each reflection question on its own screen."""
    m, s, say = metrics, widgets.styles(metrics), ctx.say

    def start(width: int, title: str, heading: str = "title") -> Flow:
        flow = Flow(width, ctx.lang)
        export_line(flow, note, metrics)
        heading_item(flow, title, s[heading], 0)
        return flow

    def ending(width: int) -> Flow:
        flow = start(width, view.title)
        early = "team.debrief.early" if view.ended_early else "team.debrief.intro"
        flow.text(say(early), s["body"], space_before=m.gap)
        heading_item(flow, say("team.debrief.endings"), s["heading"], m.margin)
        for team in view.teams:
            words = f"{team.badge.name}: {team.ending_title or say('team.debrief.unfinished')}"
            badge_line(flow, team.badge, words, s["body"], m, space_before=m.gap // 2)
        legend(flow, under_kites(maps[0].map, say), s["body"], m)  # each team's points: the next step
        return flow

    def compare(width: int) -> Flow:
        flow = start(width, say("team.debrief.compare"))
        table = table_item(view, say, m, width, ctx.lang)
        if table is not None:
            flow.add(table)
            flow.text(say("team.table.legend"), s["muted"], space_before=m.gap // 2)
            return flow
        for team in view.teams:
            a, t = team.tally
            text = say("team.debrief.row", position=positions(team.end), spent=team.spent_total, a=a, t=t)
            badge_line(flow, team.badge, f"{team.badge.name}: {text}", s["body"], m, space_before=m.gap // 2)
        return flow

    def budget(width: int) -> Flow:
        flow = start(width, say("debrief.step.budget"))
        columns = block_columns(width, len(view.teams), m)
        each = block_width(width, columns, m)
        for first in range(0, len(view.teams), columns):
            blocks = [
                (theme.colour(t.badge.colour), team_budget(t, m, each - 2 * m.pad, say, ctx.lang))
                for t in view.teams[first : first + columns]
            ]
            flow.add(block_row(blocks, each, m, space_before=m.margin if first == 0 else m.gap))
        return flow

    def splits(width: int) -> Flow:
        flow = start(width, say("team.debrief.splits"))
        if not view.splits:
            flow.text(say("team.debrief.no_splits"), s["body"], space_before=m.gap)
        for split in view.splits:
            block = Flow(width, ctx.lang)
            block.text(split.card_title, s["heading"])
            for badge, choice in split.picks:
                made = f"{choice.letter}. {choice.label}" if choice else say("team.debrief.not_played")
                badge_line(block, badge, f"{badge.name}: {made}", s["body"], m, space_before=m.gap // 3)
            flow.add(flow_item(block, space_before=m.margin))
        return flow

    steps = [
        Step("ending", say("debrief.step.ending"), ending, beside_map=True),
        Step("compare", say("team.debrief.compare"), compare),
    ]
    if view.teams and view.teams[0].meters:
        steps.append(Step("budget", say("debrief.step.budget"), budget))
    steps.append(Step("splits", say("team.debrief.splits"), splits))
    return steps + question_steps(
        "reflect",
        view.reflect,
        lambda number, count: say("debrief.question", number=number, count=count),
        metrics,
        ctx.lang,
    )


class TeamDebriefScene(TeamScene):
    """The teams compared, a step a screen (see screens/steps.py); E exports every step."""

    name = "team-debrief"
    layered = True  # only a lit control moves: each step is laid out (and its layer painted) anew
    keep_primary = True

    def __init__(self, ctx: Context, view: TeamDebriefView, maps: tuple[TeamMapView, ...]) -> None:
        super().__init__(ctx)
        self.view = view
        self.maps = maps
        self.map = QuadrantMap(view.start, map_axes(maps[0].map), lang=ctx.lang)
        self.export_note = ""

    def show_export(self, note: str) -> None:
        self.export_note = note
        self.relayout()

    def steps(self) -> list[Step]:
        return debrief_steps(self.view, self.maps, self.ctx, self.metrics, note=self.export_note)

    def layout(self) -> None:
        text_box, self.map_box = self.map_and_text()  # as in solo play
        self.paged = self.stepped = StepPages(self.steps(), text_box, self.content, self.page)
        self.page = self.paged.page
        self.layout_footer()

    def page_label(self) -> str:
        return step_label(self.stepped, self.say, compact=self.compact >= FOOTER_LEVELS - 1)

    def controls(self) -> list[Binding]:
        return [TEAM_EXPORT, TEAM_BACK]

    def primary_key(self) -> FooterKey | None:
        return EXPORT.footer_key(self.say)

    def primary(self) -> Action | None:
        return None

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        self.draw_frame(surface)
        self.draw_bar(surface)
        self.draw_footer(surface)

    def draw_frame(self, surface: pygame.Surface) -> None:
        """The header naming the step, its text, and the teams' map where the step has it."""
        header = self.say("team.debrief.header", teams=len(self.view.teams))
        self.draw_team_header(surface, f"{header} \u00b7 {self.stepped.step.title}")
        self.stepped.draw(surface)
        if self.stepped.step.beside_map:
            self.draw_map(surface)

    def draw_map(self, surface: pygame.Surface) -> None:
        """The teams' map (the one place the team debrief draws it)."""
        draw_teams_map(surface, self.map, self.map_box, self.metrics, self.maps, self.say)
