"""The debrief as files a facilitator can keep: one tall PNG with every step of the debrief as the room
saw it (each a 1920x1080 screen, in order, one under the other) and a Markdown report with the same
steps as its headings, in the same order."""

from __future__ import annotations

import datetime as _dt
import errno
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import pygame

from incluzo.engine.play.views import Amount, DebriefView, DecisionView, MapView, PollView
from incluzo.errorlog import data_dir
from incluzo.i18n import Messages
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context
from incluzo.scenes.screens.debrief import DebriefScene
from incluzo.scenes.screens.pollresult import option_line
from incluzo.scenes.screens.steps import Step, StepPages

EXPORT_SIZE = (1920, 1080)  # each step as a 1080p screen shows it
WHOLE_LINE = 10**6  # a width no paragraph wraps at: a step's words one paragraph a line


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


class Stepped(Protocol):
    """A screen told in steps (the debriefs): laid out for a size, drawn a step at a time."""

    stepped: StepPages
    page: int

    def resize(self, size: tuple[int, int]) -> None: ...

    def relayout(self) -> None: ...

    def draw_frame(self, surface: pygame.Surface) -> None: ...


def export(
    view: DebriefView,
    map_view: MapView,
    ctx: Context,
    folder: Path | None = None,
    *,
    scene: DebriefScene | None = None,
) -> tuple[Path, Path]:
    """Write <folder>/<title>-<time>.png and .md; returns both paths. `scene` is the debrief to draw
    (solo practice adds its step); by default the plain debrief of `view`."""
    scene = scene or DebriefScene(ctx, view, map_view)
    png, md = export_paths(view.title, folder)
    image = steps_image(scene)
    save_png(image, png)
    md.write_text(markdown(view, ctx.say, ctx.mode, scene.steps()), encoding="utf-8")
    return png, md


def steps_image(scene: Stepped) -> pygame.Surface:
    """Every screen of the steps at EXPORT_SIZE, one under the other in order, a rule between them;
    the keys along the bottom are left out (there is nothing to press on paper)."""
    scene.resize(EXPORT_SIZE)
    width, height = EXPORT_SIZE
    count = scene.stepped.count
    image = pygame.Surface((width, height * count))
    for page in range(count):
        scene.page = page
        scene.relayout()
        frame = image.subsurface(pygame.Rect(0, page * height, width, height))
        frame.fill(theme.BACKGROUND)
        scene.draw_frame(frame)
        if page:
            pygame.draw.line(frame, theme.BORDER, (0, 0), (width, 0), 2 * scene.stepped.box.y // 20 or 2)
    return image


def markdown(view: DebriefView, say: Messages, mode: str, steps: Sequence[Step] | None = None) -> str:
    """The debrief's steps as a Markdown report: a heading per step, in the order of the screens."""
    if steps is None:
        from incluzo.scenes.kit.theme import Metrics
        from incluzo.scenes.screens.debrief import debrief_steps

        steps = debrief_steps(view, Context(say.lang, mode), Metrics(*EXPORT_SIZE))  # type: ignore[arg-type]
    out = [f"# {cell(view.title)}", ""]
    for step in steps:
        out += [f"## {cell(step.title)}", ""]
        out += step_markdown(step, view, say, mode)
    return "\n".join(out)


def step_markdown(step: Step, view: DebriefView, say: Messages, mode: str) -> list[str]:
    """What one step says, in Markdown."""
    if step.key == "ending":
        return ending_markdown(view, say)
    if step.key == "budget":
        return budget_markdown(view, say)
    if step.key == "decisions":
        return decisions_markdown(view, say)
    return words_markdown(step)


def decisions_markdown(view: DebriefView, say: Messages) -> list[str]:
    """Every decision; first the tally when there is no budget step to give it (as on screen)."""
    tally = say("debrief.tally_line", affirmative=view.tally[0], transformative=view.tally[1])
    out = [f"{say('debrief.tally')}: {tally}", ""] if not view.meters and any(view.tally) else []
    for number, decision in enumerate(view.decisions, 1):
        out += decision_markdown(number, decision, say)
    return out


def words_markdown(step: Step) -> list[str]:
    """A step in its own words, a paragraph a line (the heading is the step's title, so it is left out)."""
    lines = [item.text for item in step.build(WHOLE_LINE).items if item.text]
    if lines and lines[0] == step.title:
        lines = lines[1:]
    return [line for text in lines for line in (md(text), "")]


def ending_markdown(view: DebriefView, say: Messages) -> list[str]:
    out = [f"### {cell(view.ending_title)}", "", md(view.ending_text), ""]
    if view.exhausted_at:
        out += [say("debrief.exhausted", card=cell(view.exhausted_at)), ""]
    if view.ended_early:
        out += [say("debrief.early"), ""]
    desired = {q.id: q.points for q in view.desired} if view.desired else None
    out += [f"### {say('debrief.profile')}", ""]
    columns = [say("report.quadrant"), say("map.start"), say("map.end")] + (
        [say("map.desired")] if desired else []
    )
    out += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for start, end in zip(view.start, view.end, strict=True):
        cells = [f"{end.number}. {cell(end.name)}", str(start.points), str(end.points)]
        out.append("| " + " | ".join(cells + ([str(desired[end.id])] if desired else [])) + " |")
    return [*out, ""]


def budget_markdown(view: DebriefView, say: Messages) -> list[str]:
    out = [
        f"| {say('report.meter')} | {say('map.start')} | {say('report.spent')} | {say('report.left')} |",
        "|---|---|---|---|",
    ]
    for spent, meter in zip(view.spent, view.meters, strict=True):
        out.append(
            f"| {cell(meter.symbol)} {cell(meter.name)} | {meter.start} | {spent.amount} | {meter.value} |"
        )
    empty = [v.name for v in view.meters if v.empty]
    out += [
        "",
        say("debrief.ran_out", meters=cell(widgets.listed(empty, say))) if empty else say("debrief.none_out"),
    ]
    out += [
        "",
        f"### {say('debrief.tally')}",
        "",
        say("debrief.tally_line", affirmative=view.tally[0], transformative=view.tally[1]),
        "",
    ]
    return out


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
        *(f"   - {cell(option_line(o, poll, say))}" for o in poll.options),
        f"   - {say('poll.total', total=poll.total)}",
    ]


def costs(amounts: tuple[Amount, ...]) -> str:
    return ", ".join(f"{cell(a.name)} {widgets.signed(-a.amount)}" for a in amounts)
