"""What the phones may see of the game as it stands: the room's `Stage`, built from the games' view data.

A team round (`TeamRoundView`), a reveal (`RevealView`), one group's poll card (`CardView`) and the
questionnaire on screen become `room.RoundOpen`, `Shown`, `PollOpen` and `BrilOpen`; anything else is
`Shown` with the stage the phone pages wait on. The open question's id (`ask`) is made from the save
log's steps so it stays the same when the session is resumed, and changes after an undo.
"""

from __future__ import annotations

import re

from incluzo.engine.logs.savelog import STEP_RECORDS, SaveLog, TeamPickEntry, TeamUnpickEntry
from incluzo.engine.play import teams
from incluzo.engine.play.phases import Phase
from incluzo.engine.play.rules import Refusal
from incluzo.engine.play.teamviews import Badge, RevealView, RoundView, badge
from incluzo.engine.play.views import CardView, ChoiceView, MeterView, PollOptionView, present
from incluzo.engine.questionnaire.themes import POINTS, Questionnaire
from incluzo.engine.scenario.text import Text
from incluzo.i18n import Messages
from incluzo.phones import protocol
from incluzo.phones.room import BrilOpen, Lobby, PollOpen, RoundOpen, Shown, Stage
from incluzo.scenes.game import Game
from incluzo.scenes.kit.widgets import shortfall_text
from incluzo.scenes.screens.card import ahead_text
from incluzo.scenes.screens.director import Director
from incluzo.scenes.teams.director import TeamDirector

_NOT_ID = re.compile(r"[^a-z0-9-]")


def steps(log: SaveLog) -> int:
    """The steps of play the log holds (a team's hidden pick is not one: the round stays open)."""
    return sum(
        1
        for entry in log.entries
        if type(entry) in STEP_RECORDS and not isinstance(entry, TeamPickEntry | TeamUnpickEntry)
    )


def ask_id(prefix: str, step: int, card: str) -> str:
    """The open question's id: its kind, the step it opened at, the card (a save-log Id)."""
    return f"{prefix}{step}-{_NOT_ID.sub('-', card)}"[: protocol.MAX_ID]


def choice(view: ChoiceView, say: Messages) -> protocol.Choice:
    costs = tuple(protocol.Cost(a.name, a.symbol, a.amount) for a in view.costs)
    return protocol.Choice(
        view.id, view.letter, view.label, costs, view.affordable, shortfall_text(view, say)
    )


def option(view: PollOptionView) -> protocol.Choice:
    return protocol.Choice(view.id, view.mark, view.label)


def meters(views: tuple[MeterView, ...]) -> tuple[protocol.Meter, ...]:
    return tuple(protocol.Meter(m.name, m.symbol, m.value, m.start) for m in views)


def team_round(game: TeamDirector, view: RoundView, notes: str) -> RoundOpen:
    card = view.card
    poll = card.poll
    playing = [t for t in view.teams if t.plays]
    say = Messages(game.ctx.lang)
    if poll is not None:
        choices = {t.badge.number: tuple(option(o) for o in poll.options) for t in playing}
    else:
        choices = {t.badge.number: tuple(choice(c, say) for c in t.choices) for t in playing}
    return RoundOpen(
        ask=ask_id("p" if poll else "r", steps(game.log), card.id),
        card=card.title,
        text=card.text,
        choices=choices,
        meters={t.badge.number: meters(t.meters) for t in playing},
        picked=frozenset(t.badge.number for t in playing if t.picked),
        remaining=view.timer.remaining,
        expired=view.timer.expired,
        running=view.timer.running,
        notes=notes,
        poll=poll.question if poll else None,
        number=card.number,
        total=card.total,
        progress=say("card.progress", number=card.number, ahead=ahead_text(view.ahead, say)),
    )


def reveal(view: RevealView) -> protocol.Reveal:
    picks = tuple(
        (
            t.badge.number,
            t.decision.choice.label if t.decision is not None and t.decision.choice is not None else None,
        )
        for t in view.teams
    )
    return protocol.Reveal(view.card_title, picks)


def of_teams(game: TeamDirector) -> Stage:
    title = game.scenario.title.get(game.ctx.lang)
    if not game.briefed:
        return Lobby(title)
    play = game.play
    if play.phase == Phase.CARD:
        view = game.round_view()
        card = game.scenario.card(view.card.id)
        return team_round(game, view, game.presenter.presenter.t(card.notes))
    if play.phase == Phase.OUTCOME:
        return Shown("reveal", title, reveal(game.reveal_view()))
    return Shown("done", title)


def of_group(game: Director) -> Stage:
    session = game.session
    view = present(session, game.ctx.lang)
    shown = session.scenario.title.get(game.ctx.lang)
    if session.phase == Phase.BRIEFING:
        return Lobby(shown)
    if isinstance(view, CardView) and view.poll is not None:
        step = steps(game.save.log) if game.save is not None else len(session.log)
        return PollOpen(
            ask=ask_id("p", step, view.id),
            card=view.title,
            text=view.text,
            question=view.poll.question,
            options=tuple(option(o) for o in view.poll.options),
            notes=view.notes,
        )
    if session.phase == Phase.DEBRIEF:
        return Shown("done", shown)
    return Shown("wait", shown, notes=view.notes if isinstance(view, CardView) else "")


def of_game(game: Game) -> Stage:
    if isinstance(game, TeamDirector):
        return of_teams(game)
    if isinstance(game, Director):
        return of_group(game)
    return Shown("wait", "")


def ahead(names: tuple[str, ...]) -> tuple[Badge, ...]:
    """The teams of the game that follows the questionnaire, as it will make them (none: no names, or
    names it would refuse)."""
    made = teams.make_teams(list(names)) if names else ()
    return () if isinstance(made, Refusal) else tuple(badge(team) for team in made)


def bril(questionnaire: Questionnaire, lang: str, number: int) -> BrilOpen:
    """The questionnaire to fill in on the phones (`number`: how many times it was opened this session)."""

    def t(text: Text) -> str:
        return text.get(lang)

    model = questionnaire.model
    shown = protocol.Bril(
        title=t(questionnaire.title),
        quadrants=tuple(t(q.name) for q in model.quadrants),
        themes=tuple(
            protocol.Theme(th.id, t(th.title), t(th.question), tuple(t(s) for s in th.situations))
            for th in questionnaire.themes
        ),
        points=POINTS,
        done=False,
        finished=0,
    )
    return BrilOpen(f"bril{number}-{_NOT_ID.sub('-', questionnaire.id)}"[: protocol.MAX_ID], shown)
