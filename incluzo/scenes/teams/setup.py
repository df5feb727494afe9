"""Team set-up: the room types its team names (1 to 6), each team gets its colour, shape and number.

Typing goes into the name field; Enter adds the team, Enter on an empty field begins. Backspace on an
empty field takes the last team back into the field. Tab (or the button) adds a team with a standard
name, so a touch board needs no keyboard. With no teams at all, Enter plays with the room as one group.
"""

from __future__ import annotations

import pygame
from msgspec import Struct

from incluzo.engine.play import teams
from incluzo.engine.play.rules import Refusal
from incluzo.engine.play.teamviews import Badge, badge
from incluzo.engine.scenario.model import Scenario
from incluzo.scenes.actions import Action
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, Scene, Target
from incluzo.scenes.kit.bindings import (
    NEXT,
    SETUP_ADD,
    SETUP_BACK,
    SETUP_HELP,
    Binding,
    FooterKey,
    Local,
    Request,
)
from incluzo.scenes.kit.input import Input, Typed
from incluzo.scenes.kit.text import draw_lines, line_height, render, width_of, wrap
from incluzo.scenes.teams.actions import BeginTeams
from incluzo.scenes.teams.badge import draw_badge
from incluzo.scenes.teams.scene import fit_lines

CURSOR = "|"
SIDE_SHARE = 0.4  # share of the width for the explanation beside the list


class TeamSetupScene(Scene):
    name = "team-setup"
    map_key = False

    def __init__(self, ctx: Context, path: str, scenario: Scenario, names: tuple[str, ...] = ()) -> None:
        super().__init__(ctx)
        self.path = path
        self.scenario = scenario
        self.title = scenario.title.get(ctx.lang, scenario.language)
        self.names = list(names)
        self.field = ""
        self.error = ""

    # State ----------------------------------------------------------------------------------------
    def badges(self) -> list[Badge]:
        made = teams.make_teams(self.names) if self.names else ()
        return [badge(t) for t in made] if not isinstance(made, Refusal) else []

    def next_badge(self) -> Badge:
        number = len(self.names) + 1
        return Badge(number, "", teams.PALETTE[number - 1], teams.SYMBOLS[number - 1])

    @property
    def full(self) -> bool:
        return len(self.names) >= teams.MAX_TEAMS

    def add(self, typed: str) -> None:
        """Add a team (an empty name becomes 'Team N'), or say why it cannot be added."""
        if self.full:
            self.error = Refusal("team_count", str(teams.MAX_TEAMS)).message(self.scenario, self.ctx.lang)
            return
        made = teams.make_teams([*self.names, typed])
        if isinstance(made, Refusal):
            self.error = made.message(self.scenario, self.ctx.lang)
            return
        self.names.append(made[-1].name)
        self.field = ""
        self.error = ""

    def remove(self, number: int) -> None:
        if 1 <= number <= len(self.names):
            del self.names[number - 1]
            self.error = ""

    def changed(self) -> None:
        self.relayout()

    # Input ----------------------------------------------------------------------------------------
    def handle(self, event: Input) -> Action | None:
        if isinstance(event, Typed):
            if not self.full:
                text = "".join(ch for ch in event.text if ch.isprintable())
                self.field = (self.field + text)[: teams.MAX_NAME]
                self.error = ""
                self.changed()
            return None
        return super().handle(event)

    def local(self, request: Local) -> Action | None:
        if isinstance(request, Remove):
            self.remove(request.number)
        else:
            assert isinstance(request, Add), request
            self.add(request.name)
        self.changed()
        return None

    def _key(self, name: str) -> Request | None:
        """Letters, digits and the space arrive as typed text: only the editing keys count here."""
        if name in ("return", "keypad enter"):
            if self.field.strip():
                return Add(self.field)
            return self.begin()
        if name == "backspace":
            if self.field:
                self.field = self.field[:-1]
            elif self.names:
                self.field = self.names.pop()
            self.error = ""
            self.changed()
            return None
        return self.keys().get(name)

    def bindings(self) -> list[Binding]:
        return [*([] if self.full else [SETUP_ADD.to(Add(""))]), SETUP_HELP, SETUP_BACK]

    def global_bindings(self) -> tuple[Binding, ...]:
        return ()  # letters and digits are typed into the name

    def begin(self) -> Action:
        return BeginTeams(self.path, tuple(self.names))

    def primary(self) -> Action | None:
        return self.begin()

    def primary_key(self) -> FooterKey | None:
        if self.field.strip():
            return NEXT.to(Add(self.field)).labelled("team.setup.add_typed").footer_key(self.say)
        label = "team.setup.begin" if self.names else "team.setup.one_group"
        return NEXT.to(self.begin()).labelled(label).footer_key(self.say)

    # Layout ---------------------------------------------------------------------------------------
    def row_height(self) -> int:
        return line_height(self.styles["strong"]) + 2 * self.metrics.pad

    def layout(self) -> None:
        m, s, area = self.metrics, self.styles, self.content
        side_w = round(area.width * SIDE_SHARE) if m.wide else 0
        self.list_box = pygame.Rect(
            area.x, area.y, area.width - side_w - (m.margin if side_w else 0), area.height
        )
        self.side_box = (
            pygame.Rect(self.list_box.right + m.margin, area.y, side_w, area.height) if side_w else None
        )
        y = self.list_box.y + line_height(s["title"]) + m.gap
        self.intro = wrap(self.say("team.setup.intro"), s["body"], self.list_box.width, self.ctx.lang)
        y += len(self.intro) * line_height(s["body"]) + m.gap
        self.rows: list[tuple[Badge, pygame.Rect]] = []
        remove_w = widgets.keycap_width(self.say("team.setup.remove"), m) + 2 * m.pad
        for item in self.badges():
            rect = pygame.Rect(self.list_box.x, y, self.list_box.width, self.row_height())
            self.rows.append((item, rect))
            button = pygame.Rect(
                rect.right - remove_w - m.pad, rect.y + m.pad // 2, remove_w, rect.height - m.pad
            )
            self.targets.append(Target(f"remove-{item.number}", button, Remove(item.number)))
            y += rect.height + m.gap
        self.field_rect = (
            pygame.Rect(self.list_box.x, y, self.list_box.width, self.row_height()) if not self.full else None
        )
        self.layout_footer()

    # Drawing --------------------------------------------------------------------------------------
    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        m, s, say = self.metrics, self.styles, self.say
        self.draw_header(surface, say("team.setup.header", title=self.title), [])
        y = self.list_box.y
        y += draw_lines(surface, [say("team.setup.title")], s["title"], self.list_box.x, y) + m.gap
        draw_lines(surface, self.intro, s["body"], self.list_box.x, y)
        for item, rect in self.rows:
            widgets.panel(surface, rect, m, theme.PANEL)
            x = rect.x + m.pad
            x += draw_badge(surface, item, x, rect.centery, m) + m.gap
            remove = self.target(f"remove-{item.number}").rect
            name = fit_lines(item.name, s["strong"], remove.x - m.gap - x, self.ctx.lang, 1)
            draw_lines(surface, name, s["strong"], x, rect.centery - line_height(s["strong"]) // 2)
            if self.hover == f"remove-{item.number}":
                pygame.draw.rect(surface, theme.HOVER, remove, border_radius=m.radius)
            widgets.keycap(surface, say("team.setup.remove"), remove.x + m.pad, remove.centery, m)
        if self.field_rect is not None:
            self._draw_field(surface, self.field_rect)
        if self.side_box is not None:
            self._draw_side(surface, self.side_box)
        self.draw_footer(surface)

    def _draw_field(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        m, s = self.metrics, self.styles
        widgets.panel(surface, rect, m, theme.PANEL, theme.ACCENT)
        pygame.draw.rect(surface, theme.ACCENT, rect, 2 * m.stroke, border_radius=m.radius)
        x = rect.x + m.pad
        x += draw_badge(surface, self.next_badge(), x, rect.centery, m) + m.gap
        room = rect.right - m.pad - x
        shown = self.field + CURSOR
        while shown != CURSOR and width_of(shown, s["strong"]) > room:
            shown = shown[1:]  # a long name scrolls: its end (where the typing is) stays in view
        if self.field:
            image = render(shown, s["strong"])
        else:
            image = render(self.say("team.setup.placeholder", number=len(self.names) + 1), s["muted"])
        surface.blit(image, (x, rect.centery - image.get_height() // 2))
        if self.error:
            lines = wrap(self.error, s["warning"], rect.width, self.ctx.lang)
            draw_lines(surface, lines, s["warning"], rect.x, rect.bottom + m.gap)

    def _draw_side(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        m, s, say = self.metrics, self.styles, self.say
        y = box.y
        for key in ("team.setup.how", "team.setup.touch", "team.setup.none"):
            lines = wrap(say(key), s["muted"], box.width, self.ctx.lang)
            y += draw_lines(surface, lines, s["muted"], box.x, y) + m.gap


class Remove(Local, Struct, frozen=True):
    number: int


class Add(Local, Struct, frozen=True):
    name: str
