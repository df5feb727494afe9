"""Play as you write: carry the decisions made so far over to a new version of the scenario.

API (for a game's reload on F5 or when the file changes):

    scenario, problems = checked(path)  # load and check the file again (problems: also its warnings)
    if scenario is None:                # the file has errors: keep playing the old version
        show(p.format(lang) for p in problems)
    else:
        result = rebase(scenario, session.log, session.scenario)
        session = result.session        # a fresh Session of the new version with the actions that still apply
        if result.stop is not None:     # replay stopped at action number result.stop.index
            show(result.stop.message(lang))   # e.g. "card 'x' no longer offers choice 'y'"

`rebase` never raises for a changed scenario: it replays the log (incluzo.engine.play.session Actions:
Start, Choose, Advance, Skip, Finish) action by action onto `Session(new_scenario)` and stops at the first
action the new version refuses, or, when `old_scenario` is given, at the first action that would now be
taken on a different card than before (a choice id that happens to exist on another card is not the same
decision; a skipped card replays as a skip of that same card). `applied` actions were replayed; the
session is left in the phase they lead to, ready to play on.

A team game carries over the same way through `workshoplog.rebase`, after `checked(path)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from incluzo.engine.play.phases import Phase
from incluzo.engine.play.rules import Refusal
from incluzo.engine.play.session import Action, Advance, Choose, Finish, Session
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.problems import Problem

# code: (English, Dutch). Parameters: card, choice, expected (the card of the old version), detail.
STOPS: dict[str, tuple[str, str]] = {
    "choice_gone": (
        "card '{card}' no longer offers choice '{choice}'",
        "kaart '{card}' heeft geen keuze '{choice}' meer",
    ),
    "not_offered": (
        "choice '{choice}' on card '{card}' is not offered now: its condition does not hold",
        "keuze '{choice}' op kaart '{card}' wordt nu niet aangeboden: de voorwaarde geldt niet",
    ),
    "unaffordable": (
        "choice '{choice}' on card '{card}' is no longer affordable: {detail}",
        "keuze '{choice}' op kaart '{card}' is niet meer te betalen: {detail}",
    ),
    "now_event": (
        "card '{card}' has no choices any more, so '{choice}' cannot be made",
        "kaart '{card}' heeft geen keuzes meer, dus '{choice}' kan niet",
    ),
    "now_choice": ("card '{card}' now asks for a choice", "kaart '{card}' vraagt nu om een keuze"),
    "other_card": (
        "the game now shows card '{card}' here instead of '{expected}'",
        "het spel toont hier nu kaart '{card}' in plaats van '{expected}'",
    ),
    "ended": ("the game now ends before this step", "het spel eindigt nu voor deze stap"),
    "refused": ("card '{card}': {detail}", "kaart '{card}': {detail}"),
}
REFUSED_AS = {
    "unknown_choice": "choice_gone",
    "not_offered": "not_offered",
    "unaffordable": "unaffordable",
    "event_card": "now_event",
    "choice_card": "now_choice",
    "game_over": "ended",
}


@dataclass(frozen=True)
class Stop:
    """Why the action at `index` of the log could not be replayed."""

    index: int
    code: str  # a key of STOPS
    card: str = ""  # the card the new version shows at that point ('' when the game is over)
    choice: str = ""
    expected: str = ""  # the card the action was taken on before, when known
    refusal: Refusal | None = None

    def message(self, lang: str = "nl", scenario: Scenario | None = None) -> str:
        english, dutch = STOPS[self.code]
        detail = self.refusal.message(scenario, lang) if self.refusal and scenario else ""
        return (dutch if lang == "nl" else english).format(
            card=self.card, choice=self.choice, expected=self.expected, detail=detail
        )


@dataclass(frozen=True)
class Rebased:
    """A session of the new version and how far the old decisions carried over."""

    session: Session
    applied: int
    total: int
    stop: Stop | None

    def message(self, lang: str = "nl") -> str:
        """The reason replay stopped, or '' when every action carried over."""
        return self.stop.message(lang, self.session.scenario) if self.stop else ""


def cards_played_on(scenario: Scenario, actions: Sequence[Action]) -> list[str | None]:
    """For each action, the card shown when it was taken (None outside the card phase)."""
    session = Session(scenario)
    cards: list[str | None] = []
    for action in actions:
        cards.append(session.game.card if session.phase == Phase.CARD else None)
        if session.dispatch(action) is not None:
            break
    return cards + [None] * (len(actions) - len(cards))


def rebase(scenario: Scenario, actions: Sequence[Action], old: Scenario | None = None) -> Rebased:
    """Replay `actions` (an old session's log) onto `scenario`; see the module docstring."""
    expected = cards_played_on(old, actions) if old is not None else [None] * len(actions)
    session = Session(scenario)
    for index, (action, before) in enumerate(zip(actions, expected, strict=True)):
        stop = carry(session, index, action, before)
        if stop is not None:
            return Rebased(session, index, len(actions), stop)
    return Rebased(session, len(actions), len(actions), None)


def carry(session: Session, index: int, action: Action, before: str | None) -> Stop | None:
    """Take one old action (the `index`th, taken on card `before`) on `session`, or say why it no longer fits.

    Also used by savelog.replay, whose logs hold undos between the actions.
    """
    return _moved(session, index, before) or _refused(session, index, action, before)


def _moved(session: Session, index: int, before: str | None) -> Stop | None:
    """The game is no longer on the card this action was taken on."""
    if before is None or (session.phase == Phase.CARD and session.game.card == before):
        return None
    if session.game.over or session.phase != Phase.CARD:
        return Stop(index, "ended", expected=before)
    return Stop(index, "other_card", session.game.card or "", expected=before)


def _refused(session: Session, index: int, action: Action, before: str | None) -> Stop | None:
    card = session.game.card or ""
    refusal = session.dispatch(action)
    if refusal is None:
        return None
    choice = action.choice if isinstance(action, Choose) else ""
    if isinstance(action, Advance | Finish) and refusal.code == "wrong_phase" and session.game.over:
        return Stop(index, "ended", expected=before or "")
    code = REFUSED_AS.get(refusal.code, "refused")
    return Stop(index, code, card, choice, before or "", refusal)


def checked(path: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """The file at `path` loaded and checked again: the scenario (None when it has errors) and what check
    found (on success, its warnings)."""
    from incluzo.engine.analysis.checks import (  # the analysis is only needed on a reload
        check_file,
        has_errors,
    )

    scenario, problems = check_file(path)
    return (None if has_errors(problems) else scenario), problems
