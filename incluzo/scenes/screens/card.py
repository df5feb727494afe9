"""The card: the situation on the left, the choices A-D as large targets on the right.

Each choice shows what it leaves of each meter it costs ("Kwaliteit 7 naar 4"; free meters are left
out) and warns when it would empty one; one that cannot be paid is drawn disabled with the engine's
reason. An event card shows its effect and a button to go on.
The header says where the team is on its path: the card's number and how many cards may still come
("Kaart 4 · nog 1-3"), never a total that branches make wrong.
The card on which the budget runs out (`out`) is shown once more with every choice greyed and the
meters each is short of; Enter goes on to the budget-out screen.
When the room plays as one group, the facilitator's keys: K asks to skip the card, N shows its notes,
X asks to end the game.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from incluzo.engine.play.progress import Ahead
from incluzo.engine.play.views import CardView, ChoiceView
from incluzo.i18n import Messages
from incluzo.scenes.actions import Action, Advance, Choose
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, Scene, Target, heading_item
from incluzo.scenes.kit.bindings import CHOOSE, END, NEXT, NOTES, SKIP, UNDO, Binding, FooterKey
from incluzo.scenes.kit.text import Flow, Style, draw_lines, line_height, wrap
from incluzo.scenes.kit.theme import Metrics
from incluzo.scenes.kit.widgets import empties_text, packed, preview_items, shortfall_text

NUMBER_KEYS = "1234"


def ahead_text(ahead: Ahead, say: Messages) -> str:
    """How many cards may still come after this one: 'nog 1-3', 'nog 2', 'laatste kaart'."""
    if ahead.last:
        return say("progress.last")
    if ahead.fewest == ahead.most:
        return say("progress.exact", count=ahead.most)
    return say("progress.range", fewest=ahead.fewest, most=ahead.most)


@dataclass
class ChoiceBox:
    """A choice as laid out: its button and its wrapped lines."""

    choice: ChoiceView
    rect: pygame.Rect
    label: list[str]
    preview: list[str]
    reason: list[str]

    def needed(self, metrics: Metrics, styles: dict[str, Style]) -> int:
        return choice_height(self.label, self.preview, self.reason, metrics, styles)


def choice_height(
    label: list[str], preview: list[str], reason: list[str], metrics: Metrics, styles: dict[str, Style]
) -> int:
    text = len(label) * line_height(styles["strong"])
    text += len(preview) * line_height(styles["body"])
    text += len(reason) * line_height(styles["warning"]) + (metrics.gap if reason else 0)
    return max(text, widgets.badge_size(metrics)) + 2 * metrics.pad


class CardScene(Scene):
    name = "card"
    layered = True

    def __init__(
        self,
        ctx: Context,
        view: CardView,
        *,
        can_undo: bool = False,
        can_skip: bool = False,
        out: bool = False,
    ) -> None:
        super().__init__(ctx)
        self.view = view
        self.can_undo = can_undo
        self.can_skip = can_skip and not out
        self.out = out  # the card on which the budget ran out: nothing can be chosen, Enter goes on
        self.boxes: list[ChoiceBox] = []
        self.name = f"card-out-{view.id}" if out else f"card-{view.id}"

    # Layout -------------------------------------------------------------------------------------
    def columns(self) -> tuple[pygame.Rect, pygame.Rect]:
        """The text box and the choices box."""
        m, area = self.metrics, self.content
        if m.wide:
            for share in theme.CARD_TEXT_SHARES:  # long choices get a wider column before they overflow
                text_w = round(area.width * share) - m.margin // 2
                text = pygame.Rect(area.x, area.y, text_w, area.height)
                left = text.right + m.margin
                choices = pygame.Rect(left, area.y, area.right - left, area.height)
                needed = sum(self._needed(c, choices.width) + m.gap for c in self.view.choices) - m.gap
                if needed <= choices.height:
                    break
            return text, choices
        needed = sum(self._needed(c, area.width) for c in self.view.choices) + m.gap * len(self.view.choices)
        choices_h = min(area.height * 2 // 3, needed) if self.view.choices else area.height // 3
        text = pygame.Rect(area.x, area.y, area.width, area.height - choices_h - m.gap)
        return text, pygame.Rect(area.x, text.bottom + m.gap, area.width, choices_h)

    def text_flow(self, width: int) -> Flow:
        flow = Flow(width, self.ctx.lang)
        heading_item(flow, self.view.title, self.styles["title"], 0)
        if self.out:
            flow.text(self.say("card.out.lead"), self.styles["warning"], space_before=self.metrics.gap)
        flow.text(self.view.text, self.styles["body"], space_before=self.metrics.gap)
        if self.view.is_event and self.view.effect:
            m = self.metrics
            heading_item(flow, self.say("card.effect"), self.styles["heading"], m.margin)
            flow.add(
                widgets.chips_item(
                    self.view.effect,
                    [v.id for v in self.view.meters],
                    self.styles["strong"],
                    m,
                    space_before=m.gap,
                )
            )
        return flow

    def _label_width(self, box_width: int) -> int:
        m = self.metrics
        return box_width - 3 * m.pad - widgets.badge_size(m)

    def _wrapped(self, choice: ChoiceView, box_width: int) -> tuple[list[str], list[str], list[str]]:
        """The label, what the choice leaves of each meter, and a warning (cannot pay / empties a meter)."""
        width, lang, s = self._label_width(box_width), self.ctx.lang, self.styles
        items = packed(preview_items(choice, self.say), s["body"], width) if choice.affordable else []
        preview = [line for item in items for line in wrap(item, s["body"], width, lang)]
        warning = (
            shortfall_text(choice, self.say) if not choice.affordable else empties_text(choice, self.say)
        )
        reason = wrap(warning, s["warning"], width, lang) if warning else []
        return wrap(choice.label, s["strong"], width, lang), preview, reason

    def _needed(self, choice: ChoiceView, box_width: int) -> int:
        return choice_height(*self._wrapped(choice, box_width), self.metrics, self.styles)

    def layout(self) -> None:
        m = self.metrics
        text_box, choice_box = self.columns()
        self.text_box, self.choice_box = text_box, choice_box
        self.paged = self.pager(self.text_flow(text_box.width), text_box)
        self.boxes = []
        if self.view.choices:
            wrapped = [self._wrapped(c, choice_box.width) for c in self.view.choices]
            needed = [choice_height(*lines, m, self.styles) for lines in wrapped]
            count = len(needed)
            even = (choice_box.height - m.gap * (count - 1)) // count
            heights = [max(needed)] * count if max(needed) <= even else needed
            y = choice_box.y
            for choice, lines, height in zip(self.view.choices, wrapped, heights, strict=True):
                rect = pygame.Rect(choice_box.x, y, choice_box.width, height)
                self.boxes.append(ChoiceBox(choice, rect, *lines))
                self.targets.append(Target(f"choice-{choice.id}", rect, Choose(choice.id), choice.affordable))
                y += height + m.gap
        self.layout_footer()

    # Input --------------------------------------------------------------------------------------
    def bindings(self) -> list[Binding]:
        letters = [choice.letter for choice in self.view.choices]
        choose = CHOOSE.for_letters(letters) if letters else CHOOSE
        own = [
            choose.to(Choose(choice.id), choice.letter.lower(), NUMBER_KEYS[index])
            for index, choice in enumerate(self.view.choices)
            if not self.out
        ]
        if self.can_undo:
            own.append(UNDO)
        if self.can_skip:  # one group: the facilitator's keys
            own += [SKIP, NOTES, END]
        return own

    def primary(self) -> Action | None:
        return Advance() if self.view.is_event or self.out else None

    def primary_key(self) -> FooterKey | None:
        return NEXT.to(Advance()).footer_key(self.say) if self.view.is_event or self.out else None

    # Drawing ------------------------------------------------------------------------------------
    def header_text(self) -> str:
        if self.out:
            return self.say("card.out.progress", number=self.view.number)
        return self.say("card.progress", number=self.view.number, ahead=ahead_text(self.view.ahead, self.say))

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        self.draw_header(surface, self.header_text(), self.view.meters)
        assert self.paged is not None
        self.paged.draw(surface)
        for box in self.boxes:
            self._draw_choice(surface, box)
        self.draw_footer(surface)

    def paint_target(self, surface: pygame.Surface, target: Target) -> None:
        box = next((b for b in self.boxes if f"choice-{b.choice.id}" == target.name), None)
        if box is None:
            super().paint_target(surface, target)
        else:
            self._draw_choice(surface, box)

    def _draw_choice(self, surface: pygame.Surface, box: ChoiceBox) -> None:
        m, s = self.metrics, self.styles
        enabled = box.choice.affordable
        widgets.panel(surface, box.rect, m, self.fill_for(f"choice-{box.choice.id}", enabled))
        badge = widgets.letter_badge(
            surface, box.choice.letter, (box.rect.x + m.pad, box.rect.y + m.pad), m, enabled=enabled
        )
        x = box.rect.x + 2 * m.pad + badge
        y = box.rect.y + m.pad
        y += draw_lines(surface, box.label, s["strong"] if enabled else s["disabled"], x, y)
        if box.preview:
            y += draw_lines(surface, box.preview, s["body"], x, y)
        if box.reason:
            draw_lines(surface, box.reason, s["warning"], x, y + m.gap)

    # Measuring ----------------------------------------------------------------------------------
    def overflows(self) -> list[tuple[str, int, int]]:
        """Blocks that do not fit their box: (field, needed px, available px)."""
        found: list[tuple[str, int, int]] = []
        flow = self.text_flow(self.text_box.width)
        if flow.height > self.text_box.height:
            found.append(("text", flow.height, self.text_box.height))
        if self.boxes and self.boxes[-1].rect.bottom > self.choice_box.bottom:
            count = len(self.boxes)
            share = (self.choice_box.height - self.metrics.gap * (count - 1)) // count
            long = [box for box in self.boxes if box.needed(self.metrics, self.styles) > share]
            found += [
                (f"choices.{box.choice.id}.label", box.needed(self.metrics, self.styles), share)
                for box in long
            ]
            if not long:
                found.append(
                    ("choices", self.boxes[-1].rect.bottom - self.choice_box.y, self.choice_box.height)
                )
        return found
