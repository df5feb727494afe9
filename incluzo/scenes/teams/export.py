"""The team debrief as files: one tall PNG with every step of the team debrief as the room saw it, and
a Markdown report with the same steps as its headings, in the same order."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from incluzo.engine.play.teamviews import TeamDebriefView, TeamMapView
from incluzo.i18n import Messages
from incluzo.scenes.kit.base import Context
from incluzo.scenes.kit.widgets import listed, signed
from incluzo.scenes.screens.briefing import positions
from incluzo.scenes.screens.export import cell, export_paths, save_png, steps_image, words_markdown
from incluzo.scenes.screens.steps import Step
from incluzo.scenes.teams.debrief import TeamDebriefScene, comparison_rows


def export_teams(
    view: TeamDebriefView, maps: tuple[TeamMapView, ...], ctx: Context, folder: Path | None = None
) -> tuple[Path, Path]:
    """Write <folder>/<title>-teams-<time>.png and .md; returns both paths. The PNG holds every step of
    the team debrief, a 1920x1080 screen each, in order."""
    png, md = export_paths(view.title, folder, "teams")
    scene = TeamDebriefScene(ctx, view, maps)
    save_png(steps_image(scene), png)
    md.write_text(markdown(view, ctx.say, scene.steps()), encoding="utf-8")
    return png, md


def markdown(view: TeamDebriefView, say: Messages, steps: Sequence[Step]) -> str:
    """The team debrief's steps as a Markdown report: a heading per step, in the order of the screens."""
    out = [f"# {cell(view.title)}", ""]
    for step in steps:
        out += [f"## {cell(step.title)}", ""]
        section = SECTIONS.get(step.key)
        out += section(view, say) if section else words_markdown(step)
    return "\n".join(out) + "\n"


def ending_markdown(view: TeamDebriefView, say: Messages) -> list[str]:
    out = [say("team.debrief.early" if view.ended_early else "team.debrief.intro"), ""]
    out += [f"### {say('team.debrief.endings')}", ""]
    for team in view.teams:
        ending = cell(team.ending_title or say("team.debrief.unfinished"))
        out.append(f"- {cell(team.badge.name)}: {ending} ({positions(team.end)})")
    return [*out, ""]


def compare_markdown(view: TeamDebriefView, say: Messages) -> list[str]:
    quadrants = [f"{q.number}. {cell(q.name)}" for q in view.start]
    heads = [say("report.team"), *quadrants, say("team.table.spent"), say("team.table.affirmative"),
             say("team.table.transformative")]  # fmt: skip
    out = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    out += [
        "| " + " | ".join(cell(c) for c in (name, *cells)) + " |"
        for name, cells in comparison_rows(view, say)
    ]
    return [*out, ""]


def budget_markdown(view: TeamDebriefView, say: Messages) -> list[str]:
    """Per team and meter: where it started, what was spent and what is left; what ran out."""
    meters = [f"{cell(v.symbol)} {cell(v.name)}".strip() for v in view.teams[0].meters]
    out = ["| " + " | ".join([say("report.team"), *meters]) + " |", "|" + "---|" * (len(meters) + 1)]
    for team in view.teams:
        spent = {a.id: a.amount for a in team.spent}
        levels = [
            f"{say('debrief.from_to', start=v.start, end=v.value)} ({signed(-spent.get(v.id, 0))})"
            for v in team.meters
        ]
        out.append("| " + " | ".join([cell(team.badge.name), *levels]) + " |")
    out.append("")
    for team in view.teams:
        empty = [v.name for v in team.meters if v.empty]
        if empty:
            out.append(
                f"- {cell(team.badge.name)}: {say('debrief.ran_out', meters=cell(listed(empty, say)))}"
            )
    return [*out, ""]


def splits_markdown(view: TeamDebriefView, say: Messages) -> list[str]:
    out = [say("team.debrief.no_splits"), ""] if not view.splits else []
    for split in view.splits:
        out += [f"### {cell(split.card_title)}", ""]
        for badge, choice in split.picks:
            made = f"{choice.letter}. {cell(choice.label)}" if choice else say("team.debrief.not_played")
            out.append(f"- {cell(badge.name)}: {made}")
        out.append("")
    return out


SECTIONS = {
    "ending": ending_markdown,
    "compare": compare_markdown,
    "budget": budget_markdown,
    "splits": splits_markdown,
}
