"""The phase machine: briefing -> card -> outcome -> ... -> debrief; bad actions refused, nothing changed."""

from __future__ import annotations

from scenario_text import load

from incluzo.engine.play import views
from incluzo.engine.play.session import Advance, Choose, Session, Start

SCENARIO = load()


def played(*actions: Start | Choose | Advance) -> Session:
    session = Session(SCENARIO)
    for action in actions:
        assert session.apply(action) is None, action
    return session


def test_a_session_walks_the_phases_to_the_debrief() -> None:
    session = played(Start())
    assert session.phase == "card"
    assert session.apply(Choose("werkplek")) is None and session.phase == "outcome"
    assert session.apply(Advance()) is None and (session.phase, session.game.card) == (
        "card",
        "bezuiniging",
    )
    assert session.apply(Advance()) is None and (session.phase, session.game.card) == ("card", "evaluatie")
    assert session.apply(Choose("doorgaan")) is None and session.phase == "outcome"
    assert session.apply(Advance()) is None and session.phase == "debrief"


def test_an_action_in_the_wrong_phase_is_refused_and_changes_nothing() -> None:
    session = Session(SCENARIO)
    refusal = session.apply(Choose("werkplek"))
    assert (
        refusal is not None
        and refusal.message(SCENARIO, "en") == "that is not possible now (in the briefing)"
    )
    assert session.phase == "briefing" and session.log == [] and session.game.decisions == ()


def test_an_unaffordable_choice_is_refused_with_the_reason_and_changes_nothing() -> None:
    session = played(Start(), Choose("werkplek"), Advance(), Advance())
    refusal = session.apply(Choose("specialist"))
    assert refusal is not None and refusal.code == "unaffordable"
    assert refusal.message(SCENARIO, "nl") == "te weinig betaalbaarheid: 3 nodig, 1 over"
    assert (session.phase, session.game.meters, len(session.log)) == ("card", (3, 4, 1), 4)


def test_undo_restores_exactly_the_state_before_the_last_decision() -> None:
    session = played(Start(), Choose("werkplek"))
    before = played(Start())
    assert session.undo()
    assert (session.phase, session.game, session.log) == (before.phase, before.game, before.log)


def test_undo_takes_back_an_event_card_too() -> None:
    session = played(Start(), Choose("werkplek"), Advance(), Advance())
    assert session.game.card == "evaluatie" and session.undo()
    assert (session.phase, session.game.card, session.game.meters) == ("card", "bezuiniging", (3, 4, 2))


def test_replay_of_the_log_rebuilds_the_same_session() -> None:
    session = played(Start(), Choose("werkplek"), Advance(), Advance(), Choose("doorgaan"))
    rebuilt, applied = Session.replay(SCENARIO, session.log)
    assert applied == len(session.log)
    assert (rebuilt.phase, rebuilt.game) == (session.phase, session.game)


def test_views_say_what_a_choice_gave_up() -> None:
    session = played(Start(), Choose("werkplek"))
    view = views.present(session, "nl")
    assert isinstance(view, views.OutcomeView)
    assert view.decision.choice is not None and view.decision.choice.label == "Aparte werkplek"
    assert [c.label for c in view.decision.gave_up] == ["Strategieën met de klas"]
    assert [m.value for m in view.meters] == [3, 4, 2]
    assert sum(q.points for q in view.position) == 100


def test_card_view_shows_unaffordable_choices_disabled_with_the_reason() -> None:
    session = played(Start(), Choose("werkplek"), Advance(), Advance())
    view = views.present(session, "nl")
    assert isinstance(view, views.CardView)
    by_id = {c.id: c for c in view.choices}
    assert by_id["doorgaan"].affordable
    assert not by_id["specialist"].affordable
    assert by_id["doorgaan"].shortfalls == ()
    assert by_id["specialist"].shortfalls == (
        views.ShortfallView("Betaalbaarheid", 3, 1),
    )  # the screens word it
    assert [c.letter for c in view.choices] == ["A", "B"]


def test_debrief_view_has_the_trail_spending_and_tally() -> None:
    session = played(Start(), Choose("werkplek"), Advance(), Advance(), Choose("doorgaan"), Advance())
    view = views.present(session, "en")
    assert isinstance(view, views.DebriefView)
    assert view.ending_id == "incluzo:einde" and view.ending_title == "End of the scenario"
    assert [a.amount for a in view.spent] == [2, 1, 3]
    assert view.tally == (1, 1)
    assert len(view.trail) == 4 and len(view.decisions) == 3
