"""The debrief as files a facilitator can keep: one PNG with everything on it and a Markdown report."""

from __future__ import annotations

import datetime as _dt
import errno
import re
from pathlib import Path

import pygame

from incluzo.engine.play.views import Amount, DebriefView, DecisionView, MapView, PollView
from incluzo.errorlog import data_dir
from incluzo.i18n import Messages
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context
from incluzo.scenes.kit.quadmap import QuadrantMap, exact
from incluzo.scenes.kit.text import draw_page
from incluzo.scenes.kit.theme import Metrics
from incluzo.scenes.screens.briefing import map_axes
from incluzo.scenes.screens.budgetout import budget_notes
from incluzo.scenes.screens.debrief import debrief_flow, debrief_kites
from incluzo.scenes.screens.poll import count_text

EXPORT_SIZE = (1920, 1080)  # the text scale of a 1080p screen; the image grows as tall as needed
MAP_COLUMN_SHARE = 0.45


def save_png(image: pygame.Surface, path: Path | str) -> None:
    """Write a PNG; a path that cannot be written is an OSError naming it (not a pygame.error), which
    `incluzo`'s last guard reports as one line."""
    try:
        pygame.image.save(image, str(path))
    except pygame.error as error:
        folder = Path(path).parent
        reason = "no such folder" if not folder.is_dir() else str(error).rsplit(": ", 1)[-1]
        raise OSError(errno.EIO, reason, str(path)) from None


def export_dir() -> Path:
    return data_dir() / "exports"


NAME_LENGTH = 60  # characters of a title a file name keeps (a long title crashed the export)
# Markdown and HTML that scenario text must not become: emphasis, code, links and images (remote
# images are beacons), tags (<script>, <img onerror>, <iframe>), entities, table cells, strikethrough.
_MARKUP = re.compile(r"([\\`*_{}\[\]<>|~!#&])")
_LINE_START = re.compile(r"^(\s*[-+=]|\s*\d+)([.)]?)", re.MULTILINE)  # list items, setext rules


def slug(title: str) -> str:
    """A title as a file name: lowercase a-z, digits and '-', at most NAME_LENGTH characters."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()[: 4 * NAME_LENGTH])[:NAME_LENGTH].strip("-") or "incluzo"


def md(text: object) -> str:
    """Content (scenario text, team names) as literal Markdown text: every character that would be
    markup is escaped, so a title can never add a heading, a link, an image, a tag or a table cell."""
    escaped = _MARKUP.sub(lambda m: "&amp;" if m.group(1) == "&" else "\\" + m.group(1), str(text))
    return _LINE_START.sub(_line_start, escaped)


def _line_start(found: re.Match[str]) -> str:
    """'- item' -> '\\- item', '12. x' -> '12\\. x': never a list or a rule; other digits stay."""
    lead, mark = found.group(1), found.group(2)
    if lead.strip()[-1:].isdigit():
        return lead + ("\\" + mark if mark else "")
    return lead[:-1] + "\\" + lead[-1] + mark


def cell(text: object) -> str:
    """Content for one table cell: escaped, and on one line."""
    return " ".join(md(text).split())


def export_paths(title: str, folder: Path | None = None, tag: str = "") -> tuple[Path, Path]:
    """<folder>/<title>[-tag]-<time>.png and .md, the folder made (the exports folder by default)."""
    folder = folder or export_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    base = folder / "-".join(part for part in (slug(title), tag, stamp) if part)
    return base.with_suffix(".png"), base.with_suffix(".md")


def export(
    view: DebriefView, map_view: MapView, ctx: Context, folder: Path | None = None
) -> tuple[Path, Path]:
    """Write <folder>/<title>-<time>.png and .md; returns both paths."""
    png, md = export_paths(view.title, folder)
    save_png(debrief_image(view, map_view, ctx), png)
    md.write_text(markdown(view, ctx.say, ctx.mode), encoding="utf-8")
    return png, md


def debrief_image(view: DebriefView, map_view: MapView, ctx: Context) -> pygame.Surface:
    """The whole debrief on one image: the map on the left, all text on the right, nothing paged."""
    m = Metrics(*EXPORT_SIZE)
    side = round(m.width * MAP_COLUMN_SHARE)
    flow = debrief_flow(view, ctx, m, m.width - side - 3 * m.margin)
    height = max(m.height, flow.height + 2 * m.margin)
    image = pygame.Surface((m.width, height))
    image.fill(theme.BACKGROUND)
    quadrants = QuadrantMap(view.end, map_axes(map_view), lang=ctx.lang)
    quadrants.draw(
        image,
        pygame.Rect(m.margin, m.margin, side, min(side, height - 2 * m.margin)),
        m,
        [k for _, k in debrief_kites(view, ctx.say)],
        trail=[exact(p) for p in view.trail],
    )
    draw_page(image, flow.pages(height)[0], side + 2 * m.margin, m.margin)
    return image


def markdown(view: DebriefView, say: Messages, mode: str) -> str:
    """The same content as the debrief screen, as a Markdown report."""
    out = [f"# {cell(view.title)}", "", f"## {cell(view.ending_title)}", "", md(view.ending_text), ""]
    for note in budget_notes(view, say):
        out += [md(note), ""]
    if view.ended_early:
        out += [say("debrief.early"), ""]
    desired = {q.id: q.points for q in view.desired} if view.desired else None
    out += [f"## {say('debrief.profile')}", ""]
    columns = [say("report.quadrant"), say("map.start"), say("map.end")] + (
        [say("map.desired")] if desired else []
    )
    out += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for start, end in zip(view.start, view.end, strict=True):
        cells = [f"{end.number}. {cell(end.name)}", str(start.points), str(end.points)]
        out.append("| " + " | ".join(cells + ([str(desired[end.id])] if desired else [])) + " |")
    out += [
        "",
        f"## {say('debrief.spent')}",
        "",
        f"| {say('report.meter')} | {say('report.spent')} | {say('report.left')} |",
        "|---|---|---|",
    ]
    for spent, meter in zip(view.spent, view.meters, strict=True):
        out.append(f"| {cell(meter.symbol)} {cell(meter.name)} | {spent.amount} | {meter.value} |")
    out += [
        "",
        f"## {say('debrief.tally')}",
        "",
        say("debrief.tally_line", affirmative=view.tally[0], transformative=view.tally[1]),
        "",
        f"## {say(f'debrief.decisions.{mode}')}",
        "",
    ]
    for number, decision in enumerate(view.decisions, 1):
        out += decision_markdown(number, decision, say)
    if view.reflect:
        out += [f"## {say('debrief.reflect')}", ""] + [f"- {cell(q)}" for q in view.reflect] + [""]
    return "\n".join(out)


def decision_markdown(number: int, decision: DecisionView, say: Messages) -> list[str]:
    lines = [f"{number}. **{cell(decision.card_title)}**"]
    if decision.skipped:
        return [*lines, f"   - {say('debrief.skipped')}", ""]
    if decision.poll is not None:
        return [*lines, *poll_markdown(decision.poll, say), ""]
    if decision.choice is None:
        return [*lines, f"   - {say('debrief.event')}", ""]
    c = decision.choice
    lines.append(
        f"   - {say('report.chosen')}: {c.letter}. {cell(c.label)} ({say(f'recognition.{c.recognition}')}); "
        f"{costs(c.costs)}"
    )
    for other in decision.gave_up:
        lines.append(
            f"   - {say('report.left_choice')}: {other.letter}. {cell(other.label)} "
            f"({say(f'recognition.{other.recognition}')}); {costs(other.costs)}"
        )
    return [*lines, ""]


def poll_markdown(poll: PollView, say: Messages) -> list[str]:
    """A poll's question and the counts recorded per option, with their share."""
    if poll.total is None:
        return [f"   - {cell(poll.question)}", f"   - {say('debrief.poll.none')}"]
    return [
        f"   - {cell(poll.question)}",
        *(f"   - {o.mark}. {cell(o.label)}: {count_text(o)}" for o in poll.options),
        f"   - {say('poll.total', total=poll.total)}",
    ]


def costs(amounts: tuple[Amount, ...]) -> str:
    return ", ".join(f"{cell(a.name)} {widgets.signed(-a.amount)}" for a in amounts)
