"""The team debrief: the teams compared. Where each ended on the map and in numbers, what each spent,
how often each chose affirmatief or transformatief, the ending each reached, and every card on which the
teams split, with who chose what. E exports it (PNG and Markdown)."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from incluzo.engine.play.teamviews import TeamDebriefView, TeamMapView, TeamResultView
from incluzo.engine.play.views import QuadrantView
from incluzo.i18n import Messages
from incluzo.scenes.actions import Action
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, bullet_list, heading_item
from incluzo.scenes.kit.bindings import EXPORT, TEAM_BACK, TEAM_EXPORT, Binding, FooterKey
from incluzo.scenes.kit.mapinfo import DISC_SCALE
from incluzo.scenes.kit.quadmap import QuadrantMap
from incluzo.scenes.kit.text import Flow, Item, Style, draw_lines, line_height, render, width_of
from incluzo.scenes.kit.theme import Metrics
from incluzo.scenes.screens.briefing import map_axes, positions
from incluzo.scenes.teams.badge import badge_line, badge_width, draw_badge
from incluzo.scenes.teams.maps import draw_teams_map, teams_legend
from incluzo.scenes.teams.scene import TeamScene, fit_lines

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


def spent_item(team: TeamResultView, metrics: Metrics, order: list[str]) -> Item:
    """A team's badge and what it spent per meter, as chips."""
    s = widgets.styles(metrics)
    height = max(widgets.icon_size(metrics), line_height(s["strong"]))

    def paint(surface: pygame.Surface, x: int, y: int) -> None:
        width = draw_badge(surface, team.badge, x, y + height // 2, metrics)
        widgets.chips(surface, team.spent, order, x + width + metrics.gap, y, s["strong"], metrics)

    words = ", ".join(f"{a.name} {a.amount}" for a in team.spent)
    return Item(height, paint, metrics.gap // 2, text=f"{team.badge.name}: {words}")


def debrief_flow(
    view: TeamDebriefView,
    maps: tuple[TeamMapView, ...],
    ctx: Context,
    metrics: Metrics,
    width: int,
    *,
    note: str = "",
) -> Flow:
    """Everything the team debrief says, as one flow (paged on screen, whole in the PNG export)."""
    m, s, say = metrics, widgets.styles(metrics), ctx.say
    flow = Flow(width, ctx.lang)
    heading_item(flow, view.title, s["title"], 0)
    flow.text(
        say("team.debrief.early" if view.ended_early else "team.debrief.intro"), s["body"], space_before=m.gap
    )
    if note:
        flow.text(note, s["accent"], space_before=m.gap)
    heading_item(flow, say("team.debrief.compare"), s["heading"], m.margin)
    table = table_item(view, say, m, width, ctx.lang)
    if table is not None:
        flow.add(table)
        flow.text(say("team.table.legend"), s["muted"], space_before=m.gap // 2)
    else:
        for team in view.teams:
            a, t = team.tally
            text = say("team.debrief.row", position=positions(team.end), spent=team.spent_total, a=a, t=t)
            badge_line(flow, team.badge, f"{team.badge.name}: {text}", s["body"], m, space_before=m.gap // 2)
    if any(team.spent for team in view.teams) and view.teams[0].meters:
        heading_item(flow, say("debrief.spent"), s["heading"], m.margin)
        order = [v.id for v in view.teams[0].meters]
        for team in view.teams:
            flow.add(spent_item(team, m, order))
    heading_item(flow, say("team.debrief.endings"), s["heading"], m.margin)
    for team in view.teams:
        ending = team.ending_title or say("team.debrief.unfinished")
        badge_line(flow, team.badge, f"{team.badge.name}: {ending}", s["body"], m, space_before=m.gap // 2)
    heading_item(flow, say("team.debrief.splits"), s["heading"], m.margin)
    if not view.splits:
        flow.text(say("team.debrief.no_splits"), s["body"], space_before=m.gap // 2)
    for split in view.splits:
        flow.text(split.card_title, s["strong"], space_before=m.gap, keep_with_next=True)
        for badge, choice in split.picks:
            made = f"{choice.letter}. {choice.label}" if choice else say("team.debrief.not_played")
            badge_line(flow, badge, f"{badge.name}: {made}", s["body"], m, space_before=m.gap // 3)
    heading_item(flow, say("team.map.title"), s["heading"], m.margin)
    teams_legend(flow, maps, ctx, m)
    if view.reflect:
        heading_item(flow, say("debrief.reflect"), s["heading"], m.margin)
        bullet_list(flow, view.reflect, s["body"], m, space_before=m.gap)
    return flow


class TeamDebriefScene(TeamScene):
    name = "team-debrief"
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

    def layout(self) -> None:
        text_box, self.map_box = self.map_and_text()  # as in solo play
        flow = debrief_flow(
            self.view, self.maps, self.ctx, self.metrics, text_box.width, note=self.export_note
        )
        self.paged = self.pager(flow, text_box)
        self.layout_footer()

    def controls(self) -> list[Binding]:
        return [TEAM_EXPORT, TEAM_BACK]

    def primary_key(self) -> FooterKey | None:
        return EXPORT.footer_key(self.say)

    def primary(self) -> Action | None:
        return None

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.draw_team_header(surface, self.say("team.debrief.header", teams=len(self.view.teams)))
        assert self.paged is not None
        self.paged.draw(surface)
        draw_teams_map(surface, self.map, self.map_box, self.metrics, self.maps, self.say)
        self.draw_bar(surface)
        self.draw_footer(surface)
