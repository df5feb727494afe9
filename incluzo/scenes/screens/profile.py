"""The "Welke bril?" result: current and desired as two kites on one 2x2, the differences that matter
framed, and the step to a scenario that starts where the room stands and aims where it wants to go.

A scenario started from the profile takes the current profile as its start position and the desired
one as its goal (questionnaire.start_from). The profile is the first record of that session's log, so
resuming the session starts from it again and `incluzo report` lists it.
"""

from __future__ import annotations

import datetime as _dt
from fractions import Fraction
from pathlib import Path

import pygame
from msgspec import Struct

from incluzo import persistence
from incluzo.commands.kites import Line, quadrant_views, save_chart
from incluzo.engine.logs import workshoplog
from incluzo.engine.logs.savelog import ProfileEntry
from incluzo.engine.questionnaire import themes as welke_bril
from incluzo.engine.questionnaire.themes import ProfileView, Questionnaire, Result
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.problems import ScenarioError
from incluzo.i18n import Messages
from incluzo.scenariocache import load_file
from incluzo.scenes.actions import Action, StartFrom
from incluzo.scenes.kit import theme
from incluzo.scenes.kit.base import Context, Scene, heading_item
from incluzo.scenes.kit.bindings import (
    LOWER,
    NEXT,
    PROFILE_EXPORT,
    PROFILE_GROUP,
    RAISE,
    Binding,
    FooterKey,
    Local,
)
from incluzo.scenes.kit.mapinfo import legend, quadrant_rows
from incluzo.scenes.kit.quadmap import Kite, MapAxes, QuadrantMap, frame_quadrants
from incluzo.scenes.kit.text import Flow
from incluzo.scenes.screens.export import export_dir, slug

THRESHOLD_RANGE = (1, 50)  # the threshold the + and - keys can set


class StartProfile(Struct, frozen=True):
    """A questionnaire result that scenarios start from (a team's, or everyone's), and the other
    profiles of the same answers (each team's and everyone's), recorded beside it."""

    questionnaire: str  # its id
    result: Result
    label: str = ""  # a team's name; '' for everyone's
    others: tuple[tuple[str, Result], ...] = ()

    def entry(self) -> ProfileEntry:
        return workshoplog.profile_entry(self.result, self.questionnaire, self.label)

    def entries(self) -> list[ProfileEntry]:
        """The records a session starts with: this profile first (a resume starts from it), then the rest."""
        rest = [workshoplog.profile_entry(found, self.questionnaire, label) for label, found in self.others]
        return [self.entry(), *rest]

    def apply(self, scenario: Scenario) -> Scenario:
        return welke_bril.start_from(scenario, self.result)


def start_profile_of(path: Path) -> StartProfile | None:
    """The profile a saved session was started from: a profile recorded before its first step."""
    log = persistence.peek(path)
    first = log.entries[0] if log and log.entries else None
    if not isinstance(first, ProfileEntry):
        return None
    found = workshoplog.profile_of(first)
    return StartProfile(first.questionnaire or "", found) if found else None


def scenario_for(path: Path, given: str | Path | None = None) -> Scenario | None:
    """The scenario to resume a save on: the file given (else the one the save names), started from
    the profile the session began with. None when neither a file nor a profile asks for one."""
    profile = start_profile_of(path)
    log = persistence.peek(path)
    if given is None and (profile is None or log is None):
        return None
    if given is not None:
        base = load_file(given)
    else:
        assert log is not None
        base = persistence.named_scenario(log, path)
    return profile.apply(base) if profile is not None else base


def scenario_title(path: str, lang: str) -> str:
    """A scenario file's title, for saying what follows (its file name when it cannot be read)."""
    try:
        scenario = load_file(path)
    except ScenarioError:
        return Path(path).stem
    return scenario.title.get(lang, scenario.language)


def kites(view: ProfileView, say: Messages) -> list[tuple[str, Kite]]:
    current = tuple(float(s.current) for s in view.scores)
    desired = tuple(float(s.desired) for s in view.scores)
    return [
        (say("profile.current"), Kite(current, theme.KITE_NOW, "solid")),
        (say("profile.desired"), Kite(desired, theme.KITE_DESIRED, "dotted")),
    ]


class ProfileScene(Scene):
    name = "profile"
    map_key = False

    def __init__(
        self,
        ctx: Context,
        questionnaire: Questionnaire,
        found: Result,
        threshold: Fraction | int | None = None,
        then: str = "",
        teams: tuple[tuple[str, Result], ...] = (),
    ) -> None:
        super().__init__(ctx)
        self.questionnaire = questionnaire
        self.groups = (("", found), *teams)  # everyone's profile, then each team's (0, 1, ...)
        self.shown = 0  # the group on screen
        self.result = found
        self.then = then  # the scenario that follows, when one was named
        self.export_note = ""
        self.set_threshold(Fraction(welke_bril.DEFAULT_THRESHOLD if threshold is None else threshold))
        model = questionnaire.model
        axes = MapAxes(**{side: text.get(ctx.lang) for side, text in model.axes.items()})
        self.map = QuadrantMap(quadrant_views(model, ctx.lang), axes, lang=ctx.lang)

    def set_threshold(self, threshold: Fraction) -> None:
        self.threshold = threshold
        self.view = welke_bril.present(self.questionnaire, self.result, self.ctx.lang, threshold)

    def show_group(self, number: int) -> None:
        """Show everyone's profile (0) or a team's (its place in the list, from 1)."""
        self.shown = number
        self.result = self.groups[number][1]
        self.set_threshold(self.threshold)

    @property
    def label(self) -> str:
        """Whose profile is on screen: a team's name, '' for everyone's."""
        return self.groups[self.shown][0]

    def title(self) -> str:
        """The profile's title: whose it is when it is a team's."""
        if self.label:
            return self.say("profile.title.team", title=self.view.title, team=self.label)
        return self.say("profile.title", title=self.view.title)

    @property
    def marked(self) -> list[str]:
        """The quadrants whose difference reaches the threshold."""
        return [s.id for s in self.view.scores if s.meaningful]

    # Layout -------------------------------------------------------------------------------------
    def flow(self, width: int) -> Flow:
        m, s, say, v = self.metrics, self.styles, self.say, self.view
        flow = Flow(width, self.ctx.lang)
        heading_item(flow, self.title(), s["title"], 0)
        count = (
            say("profile.respondents.one")
            if v.respondents == 1
            else say("profile.respondents", count=v.respondents)
        )
        flow.text(count, s["muted"], space_before=m.gap // 2)
        if len(self.groups) > 1:
            names = [f"{n} {label or say('profile.everyone')}" for n, (label, _) in enumerate(self.groups)]
            flow.text(say("profile.groups", groups=" \u00b7 ".join(names)), s["body"], space_before=m.gap)
        if self.export_note:
            flow.text(self.export_note, s["accent"], space_before=m.gap)
        quadrants = {q.id: q for q in self.map.quadrants}
        rows = []
        for score in v.scores:
            words = say(
                "profile.row",
                name=score.name,
                current=score.current_text,
                desired=score.desired_text,
                difference=score.difference_text,
            )
            if score.meaningful:
                words += " " + say("profile.meaningful")
            rows.append((quadrants[score.id], words))
        first = len(flow.items)
        quadrant_rows(flow, rows, s["body"], m)
        flow.items[first].space_before = m.margin
        legend(flow, kites(v, say), s["body"], m)
        threshold = welke_bril.decimal_text(self.threshold, self.ctx.lang).rstrip("0").rstrip(",.")
        flow.text(say("profile.frame", threshold=threshold), s["body"], space_before=m.gap // 2)
        flow.text(say("profile.threshold_keys"), s["muted"], space_before=m.gap // 2)
        heading_item(flow, say("profile.next"), s["heading"], m.margin)
        step = say("profile.then", scenario=self.then) if self.then else say("profile.choose")
        flow.text(step, s["body"], space_before=m.gap // 2)
        return flow

    def layout(self) -> None:
        text_box, self.map_box = self.map_and_text()  # as the debrief: the map left, the words beside it
        self.paged = self.pager(self.flow(text_box.width), text_box)
        self.layout_footer()

    # Input --------------------------------------------------------------------------------------
    def bindings(self) -> list[Binding]:
        groups = [PROFILE_GROUP.to(ShowGroup(n), str(n)) for n in range(len(self.groups))]
        return [PROFILE_EXPORT.to(ExportProfile()), RAISE.to(Threshold(1)), LOWER.to(Threshold(-1)), *groups]

    def primary(self) -> Action | None:
        return self.start()

    def primary_key(self) -> FooterKey | None:
        return NEXT.to(self.start()).footer_key(self.say)

    def start(self) -> StartFrom:
        """Start from the profile on screen; the others are recorded beside it."""
        others = tuple(group for n, group in enumerate(self.groups) if n != self.shown)
        return StartFrom(self.result, self.label, others if len(self.groups) > 1 else ())

    def local(self, request: Local) -> Action | None:
        if isinstance(request, ShowGroup):
            self.show_group(request.number)
            self.relayout()
            return None
        if isinstance(request, Threshold):
            low, high = THRESHOLD_RANGE
            self.set_threshold(max(Fraction(low), min(Fraction(high), self.threshold + request.step)))
            self.relayout()
            return None
        assert isinstance(request, ExportProfile), request
        png, md = self.export()
        self.export_note = self.say("export.done", png=str(png), md=md.name)
        print(self.export_note, flush=True)
        self.relayout()
        return None

    # Export -------------------------------------------------------------------------------------
    def export(self, folder: Path | None = None) -> tuple[Path, Path]:
        """The two kites as a PNG and the numbers as Markdown, in the exports folder."""
        folder = folder or export_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        base = folder / f"{slug(self.questionnaire.id)}{'-' + slug(self.label) if self.label else ''}-{stamp}"
        lines = [
            Line(label, kite.points, kite.colour, kite.style) for label, kite in kites(self.view, self.say)
        ]
        png = save_chart(
            base.with_suffix(".png"),
            self.questionnaire.model,
            self.ctx.lang,
            self.title(),
            lines,
            [self.say("profile.frame", threshold=float(self.threshold))],
            self.marked,
        )
        md = base.with_suffix(".md")
        md.write_text(self.markdown(), encoding="utf-8")
        return png, md

    def markdown(self) -> str:
        say, v = self.say, self.view
        out = [
            f"# {self.title()}",
            "",
            say("profile.respondents", count=v.respondents),
            "",
        ]
        out += [
            f"| {say('report.quadrant')} | {say('profile.current')} | {say('profile.desired')} | "
            f"{say('profile.difference')} |",
            "|---|---|---|---|",
        ]
        for score in v.scores:
            mark = " *" if score.meaningful else ""
            out.append(
                f"| {score.number}. {score.name} | {score.current_text} | {score.desired_text} | "
                f"{score.difference_text}{mark} |"
            )
        threshold = welke_bril.decimal_text(self.threshold, self.ctx.lang)
        out += ["", f"\\* {say('profile.frame', threshold=threshold)}", ""]
        return "\n".join(out)

    # Drawing ------------------------------------------------------------------------------------
    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        self.draw_header(surface, self.say("questionnaire.header"), [])
        assert self.paged is not None
        self.paged.draw(surface)
        square = self.map.draw(
            surface, self.map_box, self.metrics, [k for _, k in kites(self.view, self.say)]
        )
        corners = [q.corner for q in self.map.quadrants if q.id in self.marked]
        frame_quadrants(surface, square, corners, self.metrics)
        self.draw_footer(surface)


class Threshold(Local, Struct, frozen=True):
    step: int


class ShowGroup(Local, Struct, frozen=True):
    """0-6: everyone's profile or a team's."""

    number: int


class ExportProfile(Local, Struct, frozen=True):
    """E: write the profile as PNG and Markdown."""
