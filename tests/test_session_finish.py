"""Ending a one-group game early: rules.finish, the session's `finish` trigger, its record, undo, replay
and rebase."""

from __future__ import annotations

from scenario_text import SMALL, load, played

from incluzo import persistence
from incluzo.engine.logs import savelog
from incluzo.engine.logs.savelog import EndEarlyEntry, TakeBack
from incluzo.engine.play import rules
from incluzo.engine.play.rules import DEFAULT_ENDING, Refusal
from incluzo.engine.play.session import Advance, Choose, Finish, Session, Start
from incluzo.engine.play.views import DebriefView, present

SCENARIO = load()
ENDED = load(
    SMALL
    + """
endings:
  - id: weinig-gedaan
    title: Weinig gedaan
    text: Er is maar een keuze gemaakt.
    when: "transformatief < 1"
"""
)


def test_finish_on_a_card_goes_to_the_debrief_keeping_every_decision() -> None:
    session, _ = played(Start(), Choose("werkplek"), Advance(), Finish())
    game = session.game
    assert (session.phase, game.over, game.ended_early) == ("debrief", True, True)
    assert game.ending == DEFAULT_ENDING
    assert [d.card for d in game.decisions] == ["drukte"]
    assert game.meters == (3, 4, 2) and session.log[-1] == Finish()


def test_finish_on_an_outcome_goes_to_the_debrief() -> None:
    session, _ = played(Start(), Choose("strategie"), Finish())
    assert (session.phase, session.game.ended_early, len(session.game.decisions)) == ("debrief", True, 1)


def test_the_ending_is_chosen_by_the_ordinary_rules() -> None:
    session, _ = played(Start(), Choose("werkplek"), Finish(), scenario=ENDED)
    assert session.game.ending == "weinig-gedaan"


def test_finish_is_refused_on_the_briefing_and_in_the_debrief() -> None:
    assert Session(SCENARIO).apply(Finish()) == Refusal("wrong_phase", "briefing")
    session, _ = played(Start(), Finish())
    before = (session.game, list(session.log))
    assert session.apply(Finish()) == Refusal("wrong_phase", "debrief")
    assert (session.game, session.log) == before
    assert rules.finish(SCENARIO, session.game) == Refusal("game_over")


def test_the_debrief_of_a_game_ended_early_says_so() -> None:
    session, _ = played(Start(), Choose("werkplek"), Advance(), Finish())
    view = present(session, "nl")
    assert isinstance(view, DebriefView)
    assert view.ended_early and len(view.decisions) == 1 and view.ending_id == DEFAULT_ENDING
    done, _ = played(Start(), Choose("werkplek"), Advance(), Advance(), Choose("doorgaan"), Advance())
    ordinary = present(done, "nl")
    assert isinstance(ordinary, DebriefView) and not ordinary.ended_early


def test_undo_takes_back_only_the_finish() -> None:
    session, _ = played(Start(), Choose("werkplek"), Advance(), Finish())
    before, _ = played(Start(), Choose("werkplek"), Advance())
    assert session.can_undo() and session.undo()
    assert (session.phase, session.game, session.log) == (before.phase, before.game, before.log)
    on_outcome, _ = played(Start(), Choose("werkplek"), Finish())
    assert on_outcome.undo() and on_outcome.phase == "outcome" and not on_outcome.game.ended_early


def test_a_finish_is_saved_with_its_card_and_replays_as_a_finish() -> None:
    live, log = played(Start(), Choose("werkplek"), Advance(), Finish())
    assert log.entries[-1] == EndEarlyEntry(savelog.Id("bezuiniging"))
    assert log.text().splitlines()[-1] == '{"type":"end_early","card":"bezuiniging"}'
    replayed = savelog.replay(SCENARIO, savelog.read(log.text().encode("utf-8")))
    assert replayed.misfit is None and replayed.state.phase == "debrief"
    assert savelog.fingerprint(replayed.state) == savelog.fingerprint(live)
    assert savelog.fingerprint(live)["ended_early"] is True


def test_an_undone_finish_replays_as_undone() -> None:
    live, log = played(Start(), Choose("werkplek"), Finish(), TakeBack(), Advance())
    replayed = savelog.replay(SCENARIO, log)
    assert replayed.state.game == live.game and replayed.state.phase == "card"
    assert not replayed.state.game.ended_early


def test_rebase_carries_a_finish_over() -> None:
    _, log = played(Start(), Choose("werkplek"), Advance(), Finish())
    changed = load(SMALL.replace("text: Na zes weken.", "text: Na acht weken."))
    result = savelog.rebase(changed, log)
    assert (result.steps, result.misfit) == (4, None)
    assert result.state.phase == "debrief" and result.state.game.ended_early


def test_rebase_stops_at_a_finish_the_new_version_ends_before() -> None:
    _, log = played(Start(), Choose("werkplek"), Advance(), Advance(), Finish())
    shorter = load(SMALL.replace("id: evaluatie", 'id: evaluatie\n    when: "affirmatief > 5"'))
    result = savelog.rebase(shorter, log)
    assert result.steps == 4 and result.misfit is not None and result.misfit.code == "ended"


def test_a_save_ended_early_resumes_to_the_same_debrief_and_is_not_offered_to_resume() -> None:
    file = persistence.start(ENDED, mode="team", source="klein.yaml")
    session = Session(ENDED)
    for step in (Start(), Choose("werkplek"), Finish()):
        _, entry = savelog.perform(session, step)
        assert entry is not None
        file.append(entry)
    persistence.finish(file, session.game.ending)
    _, resumed = persistence.resume(file.path, ENDED)
    assert savelog.fingerprint(resumed.state) == savelog.fingerprint(session)
    assert resumed.state.game.ended_early and persistence.find_unfinished("klein") is None


def test_a_game_closed_with_the_engines_own_ending_is_not_offered_to_resume() -> None:
    file = persistence.start(SCENARIO, mode="team", source="klein.yaml")
    session, log = played(Start(), Finish())
    for entry in log.entries:
        file.append(entry)
    persistence.finish(file, session.game.ending)
    file.wait()  # the record is handed to the save's thread: on disk once this returns
    assert session.game.ending == DEFAULT_ENDING
    assert file.path.read_text().splitlines()[-1] == '{"type":"finished","ending":null}'
    assert persistence.find_unfinished("klein") is None
