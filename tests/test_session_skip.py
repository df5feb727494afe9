"""Skipping a card in one-group play: the session's `skip` trigger, its record, undo, replay and rebase."""

from __future__ import annotations

from scenario_text import SMALL, load, played

from incluzo import persistence
from incluzo.engine.logs import savelog
from incluzo.engine.logs.savelog import SkipEntry, TakeBack
from incluzo.engine.play.rules import Refusal
from incluzo.engine.play.session import Advance, Choose, Session, Skip, Start

SCENARIO = load()


def test_a_skip_passes_the_card_untouched_and_shows_the_next_card() -> None:
    session, _ = played(Start(), Skip())
    assert (session.phase, session.game.card) == ("card", "bezuiniging")
    assert session.game.meters == SCENARIO.budget and session.game.position == SCENARIO.position
    decision = session.game.decisions[-1]
    assert (decision.card, decision.choice, decision.skipped) == ("drukte", None, True)
    assert session.log == [Start(), Skip()]


def test_skipping_the_last_card_leads_to_the_debrief() -> None:
    session, _ = played(Start(), Choose("werkplek"), Advance(), Advance(), Skip())
    assert session.phase == "debrief" and session.game.over
    assert session.game.tally == (1, 0)


def test_a_skip_outside_the_card_phase_is_refused_and_changes_nothing() -> None:
    session, _ = played(Start(), Choose("werkplek"))
    before = (session.phase, session.game, list(session.log))
    assert session.apply(Skip()) == Refusal("wrong_phase", "outcome")
    assert (session.phase, session.game, session.log) == before
    assert Session(SCENARIO).apply(Skip()) == Refusal("wrong_phase", "briefing")


def test_undo_takes_back_a_skip_exactly() -> None:
    session, _ = played(Start(), Choose("werkplek"), Advance(), Skip())
    before, _ = played(Start(), Choose("werkplek"), Advance())
    assert session.undo()
    assert (session.phase, session.game, session.log) == (before.phase, before.game, before.log)
    assert session.game.card == "bezuiniging"


def test_a_skip_is_saved_with_its_card_and_replays_as_a_skip() -> None:
    live, log = played(Start(), Skip(), Advance())
    assert log.entries[1] == SkipEntry(savelog.Id("drukte"))
    assert log.text().splitlines()[2] == '{"type":"skip","card":"drukte"}'
    assert log.steps == 3
    replayed = savelog.replay(SCENARIO, savelog.read(log.text().encode("utf-8")))
    assert (replayed.state.game, replayed.state.phase) == (live.game, "card")
    assert replayed.state.log == [Start(), Skip(), Advance()] and replayed.misfit is None


def test_an_undone_skip_replays_as_undone() -> None:
    live, log = played(Start(), Skip(), TakeBack(), Choose("strategie"))
    replayed = savelog.replay(SCENARIO, log)
    assert replayed.state.game == live.game
    assert [d.skipped for d in replayed.state.game.decisions] == [False]


def test_a_skip_recorded_on_another_card_than_the_game_shows_is_a_misfit() -> None:
    _, log = played(Start(), Choose("werkplek"), Advance(), Skip())
    moved = log.appended(SkipEntry(savelog.Id("drukte")))  # a hand-edited save: 'drukte' is long gone
    replayed = savelog.replay(SCENARIO, moved)
    assert replayed.misfit is not None and replayed.misfit.step == 5
    assert replayed.misfit.reason.text("en") == "the game now shows card 'evaluatie' here instead of 'drukte'"
    assert replayed.state.game.card == "evaluatie"


def test_rebase_replays_a_skipped_card_as_a_skip() -> None:
    old, log = played(Start(), Skip(), Advance(), Choose("doorgaan"))
    changed = load(SMALL.replace("text: Na zes weken.", "text: Na acht weken."))
    result = savelog.rebase(changed, log)
    assert (result.steps, result.misfit) == (4, None)
    assert [d.skipped for d in result.state.game.decisions] == [True, False, False]
    assert result.state.game.meters == old.game.meters


def test_rebase_stops_at_a_skip_whose_card_is_gone() -> None:
    _, log = played(Start(), Choose("werkplek"), Advance(), Advance(), Skip())
    renamed = load(SMALL.replace("id: evaluatie", "id: terugblik"))
    result = savelog.rebase(renamed, log)
    assert result.steps == 4 and result.misfit is not None
    assert (
        result.misfit.reason.text("en") == "the game now shows card 'terugblik' here instead of 'evaluatie'"
    )


def test_a_save_with_a_skip_resumes_to_the_same_game_and_is_offered_to_resume() -> None:
    file = persistence.start(SCENARIO, mode="team", source="klein.yaml")
    session = Session(SCENARIO)
    for step in (Start(), Skip()):
        _, entry = savelog.perform(session, step)
        assert entry is not None
        file.append(entry)
    saved, resumed = persistence.resume(file.path, SCENARIO)
    assert savelog.fingerprint(resumed.state) == savelog.fingerprint(session)
    assert resumed.state.game.decisions[-1].skipped and (saved.damage, resumed.warnings()) == (None, ())
    assert persistence.find_unfinished("klein") == file.path


def test_the_fingerprint_tells_a_skipped_event_card_from_a_passed_one() -> None:
    skipped, _ = played(Start(), Choose("werkplek"), Advance(), Skip())
    passed, _ = played(Start(), Choose("werkplek"), Advance(), Advance())
    assert savelog.fingerprint(skipped)["decisions"][-1] == ["bezuiniging", None, None, True]
    assert savelog.fingerprint(passed)["decisions"][-1] == ["bezuiniging", None, None, False]
