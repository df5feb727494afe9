"""The start screen: pick a scenario, team or solo play, and the language."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pygame
from msgspec import Struct

from incluzo.engine.play.phases import Mode
from incluzo.engine.play.session import Session
from incluzo.engine.play.views import BriefingView, present
from incluzo.engine.scenario.problems import ScenarioError
from incluzo.i18n import catalog_for, languages
from incluzo.scenariocache import load_file
from incluzo.scenes.actions import Action, Play, SetLanguage
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, Scene, Target
from incluzo.scenes.kit.bindings import (
    FROM_SCRATCH,
    HELP,
    NEXT,
    PHONES,
    QUESTIONNAIRE,
    QUIT,
    START_LANGUAGE,
    START_MODE,
    START_PICK,
    Binding,
    FooterKey,
    Local,
)
from incluzo.scenes.kit.input import Input
from incluzo.scenes.kit.text import draw_lines, line_height, wrap

MODES = (Mode.GROUP, Mode.SOLO)
MODE_KEYS = {"t": Mode.GROUP, "s": Mode.SOLO}
NUMBERED = range(9)  # entries reachable with the keys 1-9
RADIO_SCALE = 0.4  # radio mark radius in body units
LIST_SHARE = 0.58  # share of the width for the scenario list


def language_label(lang: str, shown_in: str) -> str:
    """A language as offered: its own name, and its name in the language shown when that one has it."""
    own, there = catalog_for(lang).name, catalog_for(shown_in).names.get(lang)
    return f"{own} ({there})" if there else own


class Entry(Struct, frozen=True):
    """A scenario file as listed: its title, or why it cannot be played."""

    path: str
    title: str
    cards: int = 0
    error: str = ""
    minutes: int | None = None  # the scenario's play length, when it gives one


def find_scenarios(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))


def entries(paths: Sequence[Path], lang: str) -> list[Entry]:
    found = []
    for path in paths:
        try:
            scenario = load_file(path)
            view = present(Session(scenario), lang)
        except ScenarioError as error:
            found.append(Entry(str(path), path.stem, error=error.problems[0].format(lang)))
            continue
        assert isinstance(view, BriefingView)
        found.append(Entry(str(path), view.title, view.cards, minutes=scenario.minutes))
    return found


class StartScene(Scene):
    name = "start"
    map_key = False
    layered = True

    def __init__(self, ctx: Context, listed: Sequence[Entry], selected: int = 0, *, note: str = "") -> None:
        super().__init__(ctx)
        self.note = note  # under the title instead of the subtitle (scenarios start from a profile)
        self.entries = list(listed)
        self.selected = selected
        self.mode = ctx.mode
        self.first = 0  # first entry on the shown page of the list

    def layout(self) -> None:
        m, s, area = self.metrics, self.styles, self.content
        self.targets = []
        subtitle_h = len(self.subtitle(area.width)) * line_height(s["muted"])
        title_h = line_height(s["title"]) + subtitle_h + m.margin
        list_w = round(area.width * LIST_SHARE) if m.wide else area.width
        self.list_box = pygame.Rect(area.x, area.y + title_h, list_w, area.height - title_h)
        row = self.entry_height()
        self.per_page = max(1, (self.list_box.height + m.gap) // (row + m.gap))
        self.first = (self.selected // self.per_page) * self.per_page
        y = self.list_box.y
        for index in range(self.first, min(len(self.entries), self.first + self.per_page)):
            rect = pygame.Rect(self.list_box.x, y, self.list_box.width, row)
            self.targets.append(
                Target(f"scenario-{index}", rect, Select(index), not self.entries[index].error)
            )
            y += row + m.gap
        if m.wide:
            side = pygame.Rect(
                self.list_box.right + m.margin,
                self.list_box.y,
                area.right - self.list_box.right - m.margin,
                self.list_box.height,
            )
        else:
            side = pygame.Rect(area.x, y + m.gap, area.width, area.bottom - y - m.gap)
        self.side_box = side
        button = line_height(s["body"]) + 2 * m.pad
        y = side.y + line_height(s["heading"]) + m.gap
        for key, mode in MODE_KEYS.items():
            self.targets.append(
                Target(f"mode-{mode}", pygame.Rect(side.x, y, side.width, button), ChooseMode(mode))
            )
            y += button + m.gap
            del key
        y += line_height(s["heading"]) + m.gap
        for lang in languages():
            self.targets.append(
                Target(f"lang-{lang}", pygame.Rect(side.x, y, side.width, button), SetLanguage(lang))
            )
            y += button + m.gap
        self.layout_footer()

    def entry_height(self) -> int:
        m, s = self.metrics, self.styles
        return line_height(s["strong"]) + line_height(s["muted"]) + 2 * m.pad

    def play(self) -> Action | None:
        if not self.entries or self.entries[self.selected].error:
            return None
        return Play(self.entries[self.selected].path, self.mode, self.ctx.lang)

    def primary(self) -> Action | None:
        return self.play()

    def primary_key(self) -> FooterKey | None:
        play = NEXT.labelled("start.play").to(Play("", self.mode, self.ctx.lang))
        return play.footer_key(self.say)

    def footer_keys(self) -> list[FooterKey]:
        return [binding.footer_key(self.say) for binding in (HELP, QUIT, QUESTIONNAIRE, PHONES)]

    def subtitle(self, width: int) -> list[str]:
        """The note in full when there is one, else the first line of the subtitle."""
        if self.note:
            return wrap(self.note, self.styles["accent"], width, self.ctx.lang)
        return wrap(self.say("start.subtitle"), self.styles["muted"], width, self.ctx.lang)[:1]

    def bindings(self) -> list[Binding]:
        own = [
            QUIT,
            QUESTIONNAIRE,
            PHONES,
            START_PICK.to(Select(self.selected - 1), "up"),
            START_PICK.to(Select(self.selected + 1), "down"),
            *(START_PICK.to(Select(n), str(n + 1)) for n in NUMBERED if n < len(self.entries)),
            *(START_MODE.to(ChooseMode(mode), key) for key, mode in MODE_KEYS.items()),
            *(START_LANGUAGE.to(SetLanguage(lang), catalog_for(lang).key) for lang in languages()),
        ]
        return [*own, FROM_SCRATCH] if self.note else own

    def handle(self, event: Input) -> Action | None:
        action = super().handle(event)
        if isinstance(action, Play) and not action.path:
            return self.play()
        return action

    def local(self, request: Local) -> Action | None:
        if isinstance(request, Select):
            if 0 <= request.index < len(self.entries):
                self.selected = request.index
                self.layout()
                self.repaint()
            return None
        assert isinstance(request, ChooseMode), request
        self.mode = request.mode
        self.repaint()
        return None

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        s, say, area = self.styles, self.say, self.content
        self.draw_header(surface, say("start.header"), [])
        y = area.y
        y += draw_lines(surface, [say("start.title")], s["title"], area.x, y)
        draw_lines(surface, self.subtitle(area.width), s["accent" if self.note else "muted"], area.x, y)
        if not self.entries:
            lines = wrap(say("start.none"), s["body"], self.list_box.width, self.ctx.lang)
            draw_lines(surface, lines, s["body"], self.list_box.x, self.list_box.y)
        for target in self.targets:
            if target.name.startswith("scenario-"):
                self._entry(surface, target, int(target.name.split("-")[1]))
        self._settings(surface)
        self.draw_footer(surface)

    def paint_target(self, surface: pygame.Surface, target: Target) -> None:
        if target.name.startswith("scenario-"):
            self._entry(surface, target, int(target.name.split("-")[1]))
        elif target.name.startswith(("mode-", "lang-")):
            self._setting(surface, target)
        else:
            super().paint_target(surface, target)

    def _entry(self, surface: pygame.Surface, target: Target, index: int) -> None:
        m, s = self.metrics, self.styles
        entry = self.entries[index]
        chosen = index == self.selected
        widgets.panel(
            surface,
            target.rect,
            m,
            self.fill_for(target.name, target.enabled),
            theme.ACCENT if chosen else theme.BORDER,
        )
        if chosen:
            pygame.draw.rect(surface, theme.ACCENT, target.rect, 2 * m.stroke, border_radius=m.radius)
        x = target.rect.x + m.pad
        number = (
            widgets.keycap(
                surface, str(index + 1), x, target.rect.y + m.pad + line_height(s["strong"]) // 2, m
            )
            if index < len(NUMBERED)
            else 0
        )
        x += number + m.gap
        room = target.rect.right - m.pad - x
        title = wrap(entry.title, s["strong"], room, self.ctx.lang)[0]
        draw_lines(
            surface,
            [title + ("\u2026" if len(wrap(entry.title, s["strong"], room)) > 1 else "")],
            s["strong"] if target.enabled else s["disabled"],
            x,
            target.rect.y + m.pad,
        )
        detail = self.detail(entry)
        style = s["warning"] if entry.error else s["muted"]
        lines = wrap(detail, style, room, self.ctx.lang)
        text = lines[0] + ("\u2026" if len(lines) > 1 else "")
        draw_lines(surface, [text], style, x, target.rect.y + m.pad + line_height(s["strong"]))

    def detail(self, entry: Entry) -> str:
        """The line under an entry's title: cards, play length when known, file; or that it is broken."""
        file = Path(entry.path).name
        if entry.error:
            return self.say("start.broken")
        if entry.minutes:
            return self.say("start.cards.minutes", cards=entry.cards, minutes=entry.minutes, file=file)
        return self.say("start.cards", cards=entry.cards, file=file)

    def _settings(self, surface: pygame.Surface) -> None:
        m, s, say = self.metrics, self.styles, self.say
        side = self.side_box
        draw_lines(surface, [say("start.mode")], s["heading"], side.x, side.y)
        for target in self.targets:
            if target.name == f"lang-{languages()[0]}":
                heading_y = target.rect.y - m.gap - line_height(s["heading"])
                draw_lines(surface, [say("start.language")], s["heading"], side.x, heading_y)
            if target.name.startswith(("mode-", "lang-")):
                self._setting(surface, target)

    def _setting(self, surface: pygame.Surface, target: Target) -> None:
        """A mode or a language as a radio option."""
        if target.name.startswith("mode-"):
            mode = target.name.removeprefix("mode-")
            key = next(k for k, v in MODE_KEYS.items() if v == mode)
            self._option(surface, target, key.upper(), self.say(f"start.mode.{mode}"), mode == self.mode)
        else:
            lang = target.name.removeprefix("lang-")
            label = language_label(lang, self.ctx.lang)
            self._option(surface, target, catalog_for(lang).key.upper(), label, lang == self.ctx.lang)

    def _option(self, surface: pygame.Surface, target: Target, key: str, label: str, on: bool) -> None:
        """A radio option: a filled or empty ring (not colour alone), its key and its label."""
        m, s = self.metrics, self.styles
        widgets.panel(surface, target.rect, m, self.fill_for(target.name))
        radius = m.scaled(RADIO_SCALE)
        centre = (target.rect.x + m.pad + radius, target.rect.centery)
        pygame.draw.circle(surface, theme.INK, centre, radius, m.stroke)
        if on:
            pygame.draw.circle(surface, theme.ACCENT, centre, radius - 2 * m.stroke)
        x = centre[0] + radius + m.gap
        x += widgets.keycap(surface, key, x, target.rect.centery, m) + m.gap
        room = target.rect.right - m.pad - x
        lines = wrap(label, s["strong" if on else "body"], room, self.ctx.lang)
        text = lines[0] + ("\u2026" if len(lines) > 1 else "")
        draw_lines(
            surface,
            [text],
            s["strong" if on else "body"],
            x,
            target.rect.centery - line_height(s["body"]) // 2,
        )


class Select(Local, Struct, frozen=True):
    """Select the scenario at this index of the list."""

    index: int


class ChooseMode(Local, Struct, frozen=True):
    """Team or solo play."""

    mode: Mode
