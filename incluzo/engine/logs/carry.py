"""One old step carried over onto a session of (perhaps another version of) its scenario, or why it no
longer fits: the rule under one group's replay and rebase (`savelog.replay`, `savelog.rebase`).

A step fits when the new version takes it on the card it was taken on before (a choice id that happens
to exist on another card is not the same decision; a skipped card replays as a skip of that same card)
and its rules accept it. Why not is said as a `Phrase` of the catalogs (`rebase.<code>`).
"""

from __future__ import annotations

from incluzo.engine.play.phases import Phase
from incluzo.engine.play.session import Action, Advance, Choose, Finish, Session
from incluzo.engine.scenario.problems import Phrase, said

# a refusal's code: the code of the words that say why an old step no longer fits (else "refused")
REFUSED_AS = {
    "unknown_choice": "choice_gone",
    "not_offered": "not_offered",
    "unaffordable": "unaffordable",
    "event_card": "now_event",
    "choice_card": "now_choice",
    "game_over": "ended",
}


def carry(session: Session, action: Action, before: str | None) -> Phrase | None:
    """Take one old action (taken on card `before`, None when not on a card or unknown) on `session`, or
    say why it no longer fits."""
    return _moved(session, before) or _refused(session, action, before)


def _moved(session: Session, before: str | None) -> Phrase | None:
    """The game is no longer on the card this action was taken on."""
    if before is None or (session.phase == Phase.CARD and session.game.card == before):
        return None
    if session.game.over or session.phase != Phase.CARD:
        return said("rebase.ended")
    return said("rebase.other_card", card=session.game.card or "", expected=before)


def _refused(session: Session, action: Action, before: str | None) -> Phrase | None:
    card = session.game.card or ""
    refusal = session.apply(action)
    if refusal is None:
        return None
    if isinstance(action, Advance | Finish) and refusal.code == "wrong_phase" and session.game.over:
        return said("rebase.ended")
    code = REFUSED_AS.get(refusal.code, "refused")
    choice = action.choice if isinstance(action, Choose) else ""
    return said(f"rebase.{code}", card=card, choice=choice, detail=refusal.said(session.scenario))
