"""The save format: a decision log of typed records, read back leniently, replayed into a session."""

from __future__ import annotations

import msgspec
import pytest
from scenario_text import SMALL, load

from incluzo.engine.logs import savelog
from incluzo.engine.logs.savelog import (
    AdvanceEntry,
    ChooseEntry,
    FinishedEntry,
    SaveLog,
    StartEntry,
    TakeBack,
    UndoEntry,
)
from incluzo.engine.play.session import Advance, Choose, Session, Start

SCENARIO = load()


def played(*steps: savelog.Step) -> tuple[Session, SaveLog]:
    """Play steps live, logging each one that was done, as the game does."""
    session = Session(SCENARIO)
    log = savelog.new_log(SCENARIO, seed=7, mode="solo", teams=("Team A", "Team B"), source="klein.yaml")
    for step in steps:
        refusal, entry = savelog.perform(session, step)
        assert refusal is None, refusal
        assert entry is not None
        log = log.appended(entry)
    return session, log


def test_a_log_is_one_json_record_per_line_header_first() -> None:
    _, log = played(Start(), Choose("werkplek"))
    lines = log.text().splitlines()
    assert lines[0] == (
        '{"type":"header","format":1,"incluzo":"0.1.0","scenario":"klein","content_hash":"'
        + SCENARIO.content_hash
        + '","seed":7,"mode":"solo","teams":["Team A","Team B"],"source":"klein.yaml"}'
    )
    assert lines[1:] == ['{"type":"start"}', '{"type":"choose","choice":"werkplek","card":"drukte"}']


def test_each_record_type_survives_encoding_and_decoding() -> None:
    _, log = played(Start())
    entries = (
        StartEntry(),
        ChooseEntry(savelog.Id("werkplek"), savelog.Id("drukte")),
        AdvanceEntry(savelog.Id("drukte")),
        AdvanceEntry(None),
        UndoEntry(),
        FinishedEntry(savelog.Id("einde")),
    )
    for entry in (log.header, *entries):
        assert savelog.decode_line(savelog.encode(entry)) == entry


def test_perform_records_the_card_a_choice_was_made_on_and_the_card_left_after_an_outcome() -> None:
    _, log = played(Start(), Choose("werkplek"), Advance(), Advance())
    assert log.entries == (
        StartEntry(),
        ChooseEntry(savelog.Id("werkplek"), savelog.Id("drukte")),
        AdvanceEntry(savelog.Id("drukte")),
        AdvanceEntry(savelog.Id("bezuiniging")),
    )


def test_a_refused_step_gives_no_record() -> None:
    session = Session(SCENARIO)
    savelog.perform(session, Start())
    refusal, entry = savelog.perform(session, Choose("bestaat-niet"))
    assert (refusal and refusal.code, entry) == ("unknown_choice", None)
    assert savelog.perform(Session(SCENARIO), TakeBack()) == (
        savelog.Refusal("wrong_phase", "briefing"),
        None,
    )


def test_replay_rebuilds_the_live_state_and_phase() -> None:
    live, log = played(Start(), Choose("werkplek"), Advance(), Advance(), Choose("doorgaan"))
    replayed = savelog.replay(SCENARIO, savelog.read(log.text().encode("utf-8")))
    assert (replayed.state.game, replayed.state.phase) == (live.game, "outcome")
    assert (replayed.changed, replayed.misfit, replayed.warnings()) == (False, None, ())


def test_an_undo_record_replays_as_undo() -> None:
    live, log = played(Start(), Choose("werkplek"), Advance(), Advance(), TakeBack())
    replayed = savelog.replay(SCENARIO, log)
    assert replayed.state.game == live.game
    assert (replayed.state.phase, replayed.state.game.card) == ("card", "bezuiniging")
    assert [d.card for d in replayed.state.game.decisions] == ["drukte"]


def test_a_changed_scenario_where_everything_still_fits_says_so() -> None:
    _, log = played(Start(), Choose("werkplek"), Advance())
    cheaper = load(SMALL.replace("kwaliteit: 4,", "kwaliteit: 5,"))
    replayed = savelog.replay(cheaper, log)
    assert replayed.state.game.meters == (4, 4, 2)
    assert [p.text("nl") for p in replayed.warnings()] == [
        "Het scenario is aangepast sinds deze sessie is opgeslagen.",
        "Alle 3 stappen passen nog.",
    ]
    assert [p.text("en") for p in replayed.warnings()] == [
        "The scenario has changed since this session was saved.",
        "All 3 steps still fit.",
    ]
    assert replayed.log.header.content_hash == cheaper.content_hash  # the header to go on writing with


def test_a_changed_scenario_replays_up_to_the_first_step_that_no_longer_fits() -> None:
    _, log = played(Start(), Choose("werkplek"), Advance(), Advance(), Choose("doorgaan"), Advance())
    renamed = load(SMALL.replace("id: doorgaan", "id: verder"))
    replayed = savelog.replay(renamed, log)
    assert (replayed.state.phase, replayed.state.game.card) == ("card", "evaluatie")
    assert len(replayed.log.entries) == 4
    assert replayed.misfit is not None and (replayed.misfit.step, replayed.misfit.dropped) == (5, 1)
    assert replayed.warnings()[1].text("nl") == (
        "Stap 5 past niet meer: kaart 'evaluatie' heeft geen keuze 'doorgaan' meer. De sessie gaat verder na "
        "stap 4; 1 latere stap vervalt."
    )
    assert replayed.warnings()[1].text("en") == (
        "Step 5 no longer fits: card 'evaluatie' no longer offers choice 'doorgaan'. The session continues "
        "after step 4; 1 later step was dropped."
    )


def test_a_removed_card_is_named_in_the_report_with_the_card_shown_instead() -> None:
    _, log = played(Start(), Choose("werkplek"), Advance(), Advance())
    without_event = load(
        SMALL.replace(
            "  - id: bezuiniging\n    title: Bezuiniging\n    text: De gemeente "
            "bezuinigt.\n    cost: {betaalbaarheid: 1}\n",
            "",
        )
    )
    replayed = savelog.replay(without_event, log)
    assert replayed.misfit is not None and replayed.misfit.code == "other_card"
    assert (replayed.misfit.reason.text("en"), replayed.misfit.reason.text("nl")) == (
        "the game now shows card 'evaluatie' here instead of 'bezuiniging'",
        "het spel toont hier nu kaart 'evaluatie' in plaats van 'bezuiniging'",
    )


def test_a_save_of_another_scenario_is_refused() -> None:
    _, log = played(Start())
    other = load(SMALL.replace("id: klein", "id: ander"))
    with pytest.raises(savelog.SaveError) as caught:
        savelog.replay(other, log, "s.jsonl")
    assert caught.value.problem.format("nl") == (
        "s.jsonl:1:1: error: scenario: deze opslag hoort bij scenario 'klein', niet bij 'ander' "
        "(open de opslag met het eigen scenariobestand)"
    )


def test_a_truncated_last_line_keeps_every_record_before_it() -> None:
    _, log = played(Start(), Choose("werkplek"))
    parsed = savelog.parse(log.text().encode("utf-8")[:-7], "s.jsonl")
    assert parsed.truncated
    assert parsed.log is not None and parsed.log.entries == (StartEntry(),)
    assert parsed.problem is not None and parsed.problem.line == 3


def test_a_damaged_middle_line_keeps_the_records_before_it_and_is_not_called_truncated() -> None:
    _, log = played(Start(), Choose("werkplek"), Advance())
    lines = log.text().splitlines(keepends=True)
    lines[2] = '{"type":"choose","choice":42}\n'
    parsed = savelog.parse("".join(lines).encode("utf-8"), "s.jsonl")
    assert not parsed.truncated
    assert parsed.log is not None and parsed.log.entries == (StartEntry(),)
    assert parsed.problem is not None
    assert parsed.problem.format() == "s.jsonl:3:1: error: choice: expected an id, found 42"


def test_a_header_after_the_first_line_is_refused() -> None:
    _, log = played(Start())
    data = (log.text() + savelog.encode(log.header) + "\n").encode("utf-8")
    with pytest.raises(savelog.SaveError) as caught:
        savelog.read(data, "s.jsonl")
    assert caught.value.problem.format() == "s.jsonl:3:1: error: type: only the first record is the header"


@savelog.record("test-note")
class Note(savelog.Entry, frozen=True):
    """A record type another part of incluzo might add: it rides along without changing the game."""

    card: savelog.Id
    counts: tuple[int, ...]
    seconds: float | None = None
    profile: dict[str, int] | None = None


def test_a_registered_record_type_is_validated_kept_and_skipped_by_replay() -> None:
    live, log = played(Start())
    note = Note(savelog.Id("drukte"), (3, 4), 12.5, {"specialisme": 40})
    log = log.appended(note)
    read_back = savelog.read(log.text().encode("utf-8"))
    assert read_back.entries[-1] == note
    replayed = savelog.replay(SCENARIO, read_back)
    assert (replayed.state.game, replayed.notes) == (live.game, (note,))
    bad = log.text().replace('"counts":[3,4]', '"counts":[3,"vier"]').encode("utf-8")
    with pytest.raises(savelog.SaveError) as caught:
        savelog.read(bad)
    assert caught.value.problem.message() == 'expected a whole number, found "vier"'
    assert caught.value.problem.path == "counts[1]"


def test_a_record_type_with_a_field_a_save_cannot_hold_fails_when_its_hints_are_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(savelog, "RECORDS", dict(savelog.RECORDS))

    @savelog.record("test-bad")
    class Bad(savelog.Entry, frozen=True):
        when: set[str]

    with pytest.raises(TypeError, match="cannot hold values of type"):
        savelog.field_hints("test-bad")


def test_replaying_too_many_undos_stops_with_a_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(savelog, "MAX_REPLAY_STEPS", 10)
    steps: list[savelog.Step] = [Start()]
    steps += [Choose("werkplek"), TakeBack()] * 5
    _, log = played(*steps)
    replayed = savelog.replay(SCENARIO, log)
    assert replayed.misfit is not None
    reason = replayed.misfit.reason
    assert (reason.text("en"), reason.text("nl")) == (
        "too many undos to replay",
        "te veel stappen terug om over te doen",
    )


def test_finished_tells_whether_the_game_reached_its_debrief() -> None:
    _, log = played(Start())
    assert not log.finished
    assert log.appended(FinishedEntry(savelog.Id("einde"))).finished


def test_every_record_s_fields_are_types_a_log_line_can_be_checked_against() -> None:
    """The hints are resolved on first read, so this asks every record type now (an unsupported field
    type is a programming error, caught here rather than by the first log that holds the record)."""
    for name in savelog.RECORDS:
        assert set(savelog.field_hints(name)) == {
            f.name for f in msgspec.structs.fields(savelog.RECORDS[name])
        }
