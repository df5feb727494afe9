"""The team debrief as files: one PNG with the map and the whole comparison, and a Markdown report."""

from __future__ import annotations

from pathlib import Path

import pygame

from incluzo.engine.play.teamviews import TeamDebriefView, TeamMapView
from incluzo.i18n import Messages
from incluzo.scenes.kit import theme
from incluzo.scenes.kit.base import Context
from incluzo.scenes.kit.quadmap import QuadrantMap
from incluzo.scenes.kit.text import draw_page
from incluzo.scenes.kit.theme import Metrics
from incluzo.scenes.screens.briefing import map_axes
from incluzo.scenes.screens.export import EXPORT_SIZE, MAP_COLUMN_SHARE, cell, export_paths, save_png
from incluzo.scenes.teams.debrief import comparison_rows, debrief_flow
from incluzo.scenes.teams.maps import draw_teams_map


def export_teams(
    view: TeamDebriefView, maps: tuple[TeamMapView, ...], ctx: Context, folder: Path | None = None
) -> tuple[Path, Path]:
    """Write <folder>/<title>-teams-<time>.png and .md; returns both paths."""
    png, md = export_paths(view.title, folder, "teams")
    save_png(debrief_image(view, maps, ctx), png)
    md.write_text(markdown(view, ctx.say), encoding="utf-8")
    return png, md


def debrief_image(view: TeamDebriefView, maps: tuple[TeamMapView, ...], ctx: Context) -> pygame.Surface:
    """Map on the left, every word of the comparison on the right, nothing paged."""
    m = Metrics(*EXPORT_SIZE)
    side = round(m.width * MAP_COLUMN_SHARE)
    flow = debrief_flow(view, maps, ctx, m, m.width - side - 3 * m.margin)
    height = max(m.height, flow.height + 2 * m.margin)
    image = pygame.Surface((m.width, height))
    image.fill(theme.BACKGROUND)
    quadrants = QuadrantMap(view.start, map_axes(maps[0].map), lang=ctx.lang)
    box = pygame.Rect(m.margin, m.margin, side, min(side, height - 2 * m.margin))
    draw_teams_map(image, quadrants, box, m, maps, ctx.say)
    draw_page(image, flow.pages(height)[0], side + 2 * m.margin, m.margin)
    return image


def markdown(view: TeamDebriefView, say: Messages) -> str:
    """The same comparison as the screen, as a Markdown report."""
    out = [
        f"# {cell(view.title)}",
        "",
        say("team.debrief.early" if view.ended_early else "team.debrief.intro"),
        "",
    ]
    quadrants = [f"{q.number}. {cell(q.name)}" for q in view.start]
    heads = [say("report.team"), *quadrants, say("team.table.spent"), say("team.table.affirmative"),
             say("team.table.transformative")]  # fmt: skip
    out += [
        f"## {say('team.debrief.compare')}",
        "",
        "| " + " | ".join(heads) + " |",
        "|" + "---|" * len(heads),
    ]
    out += [
        "| " + " | ".join(cell(c) for c in (name, *cells)) + " |"
        for name, cells in comparison_rows(view, say)
    ]
    if view.teams and view.teams[0].meters:
        out += ["", f"## {say('debrief.spent')}", ""]
        meters = [f"{cell(v.symbol)} {cell(v.name)}" for v in view.teams[0].meters]
        out += ["| " + " | ".join([say("report.team"), *meters]) + " |", "|" + "---|" * (len(meters) + 1)]
        for team in view.teams:
            out.append(
                "| " + " | ".join([cell(team.badge.name), *(str(a.amount) for a in team.spent)]) + " |"
            )
    out += ["", f"## {say('team.debrief.endings')}", ""]
    out += [
        f"- {cell(t.badge.name)}: {cell(t.ending_title or say('team.debrief.unfinished'))}"
        for t in view.teams
    ]
    out += ["", f"## {say('team.debrief.splits')}", ""]
    if not view.splits:
        out.append(say("team.debrief.no_splits"))
    for split in view.splits:
        out += [f"### {cell(split.card_title)}", ""]
        for badge, choice in split.picks:
            made = f"{choice.letter}. {cell(choice.label)}" if choice else say("team.debrief.not_played")
            out.append(f"- {cell(badge.name)}: {made}")
        out.append("")
    if view.reflect:
        out += ["", f"## {say('debrief.reflect')}", ""] + [f"- {cell(q)}" for q in view.reflect]
    return "\n".join(out) + "\n"
