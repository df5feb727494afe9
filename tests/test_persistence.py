"""Saves on disk: durable appends, autosave copies, and reading back after a crash or damage."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from scenario_text import SMALL, load
from testsupport import SlowDisk

from incluzo import persistence
from incluzo.engine.logs import savelog
from incluzo.engine.logs.savelog import ChooseEntry, Id, StartEntry
from incluzo.engine.play.session import Advance, Choose, Session, Start

SCENARIO = load()


def playing(*steps: savelog.Step) -> tuple[Session, persistence.SaveFile]:
    """A new session on disk with these steps taken and saved, as the game does it, each step's autosave
    copy written before the next step (as when the room takes its time; see the copier's own tests)."""
    file = persistence.start(SCENARIO, mode="solo", seed=3, source="klein.yaml")
    session = Session(SCENARIO)
    for step in steps:
        refusal, entry = savelog.perform(session, step)
        assert refusal is None and entry is not None
        file.append(entry)
        persistence.flush()
    return session, file


def test_saves_live_in_the_data_folder_shown_by_the_help(private_data_dir: Path) -> None:
    _, file = playing()
    assert persistence.folder_text() == str(private_data_dir / "saves")
    assert file.path.parent == private_data_dir / "saves"
    assert file.path.name.startswith("klein-") and file.path.suffix == ".jsonl"


def test_a_new_save_holds_its_header_durably_before_the_first_step() -> None:
    _, file = playing()
    assert savelog.read(file.path.read_bytes()).header == file.log.header


def test_append_syncs_the_record_to_disk_before_it_returns(monkeypatch: pytest.MonkeyPatch) -> None:
    _, file = playing(Start())
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(handle: int) -> None:
        synced.append(len(file.path.read_bytes()))
        real_fsync(handle)

    monkeypatch.setattr(persistence.os, "fsync", fsync)
    size_before = len(file.path.read_bytes())
    file.append(ChooseEntry(Id("werkplek"), Id("drukte")))
    assert synced[0] > size_before  # the log itself, with the new line, is synced first
    assert file.path.read_bytes().endswith(b'{"type":"choose","choice":"werkplek","card":"drukte"}\n')


def test_the_last_few_states_are_kept_as_autosave_copies() -> None:
    _, file = playing(Start(), Choose("werkplek"), Advance(), Advance())
    copies = sorted(len(savelog.read(p.read_bytes()).entries) for p in persistence.autosave_paths(file.path))
    assert copies == [2, 3, 4]


def test_autosave_copies_wait_for_nobody_and_only_the_newest_waiting_one_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session, file = playing(Start())
    entered, gate = threading.Event(), threading.Event()
    copied: list[int] = []
    real_write = persistence.write_atomic

    def held_up(path: Path, text: str) -> None:  # a slow disk: each copy waits for the gate
        entered.set()
        assert gate.wait(10)
        copied.append(len(savelog.read(text.encode()).entries))
        real_write(path, text)

    monkeypatch.setattr(persistence, "write_atomic", held_up)
    for number, step in enumerate((Choose("werkplek"), Advance(), Advance())):
        _, entry = savelog.perform(session, step)
        assert entry is not None
        file.append(entry)  # returns with the record durable in the log, the copy still to come
        if number == 0:
            assert entered.wait(10)  # the copier is writing the copy after record 2
    assert len(savelog.read(file.path.read_bytes()).entries) == 4 and copied == []
    gate.set()
    persistence.flush()
    assert copied == [2, 4]  # the copy after record 3 was replaced by a newer one before it was written
    slots = [savelog.read(p.read_bytes()) for p in persistence.autosave_paths(file.path) if p.exists()]
    assert [len(copy.entries) for copy in slots] == [4, 2] and slots[0] == file.log  # slots 2 and 3


def test_an_interrupted_last_write_falls_back_to_the_step_before_and_repairs_the_file() -> None:
    _, file = playing(Start(), Choose("werkplek"))
    with file.path.open("ab") as handle:
        handle.write(b'{"type":"adv')
    restored = persistence.restore(file.path)
    assert restored.log.entries == file.log.entries
    assert restored.damage is not None and restored.damage.text("nl") == (
        "Het laatste opslaan is onderbroken. Het spel gaat verder na stap 2, de "
        "laatste die helemaal bewaard was."
    )
    assert restored.damage.text("en") == (
        "The last save was interrupted. The game continues after step 2, the "
        "last one that was saved completely."
    )
    assert savelog.read(file.path.read_bytes()) == file.log  # repaired: the next append starts a clean line


def test_a_damaged_log_falls_back_to_the_newest_good_autosave() -> None:
    _, file = playing(Start(), Choose("werkplek"), Advance())
    file.path.write_bytes(b"\x00" * 100)
    restored = persistence.restore(file.path)
    assert restored.log == file.log
    assert restored.read_from.name.endswith(".autosave-1.jsonl")
    assert restored.damage is not None
    notice = restored.damage.text("en")
    assert notice.startswith(f"The save is damaged ({file.path}:1:1: error: cannot read")
    assert notice.endswith(f"The game continues from the autosave {restored.read_from.name}, after step 3.")


def test_a_damaged_middle_line_keeps_the_part_before_it_when_no_autosave_has_more() -> None:
    _, file = playing(Start(), Choose("werkplek"), Advance())
    for slot in persistence.autosave_paths(file.path):
        slot.unlink(missing_ok=True)
    lines = file.path.read_bytes().split(b"\n")
    lines[2] = b"garbage"
    file.path.write_bytes(b"\n".join(lines))
    restored = persistence.restore(file.path)
    assert restored.log.entries == (StartEntry(),)
    assert restored.damage is not None and restored.damage.text("nl") == (
        f"De opslag is beschadigd ({file.path}:3:1: error: deze regel is geen geldige JSON: "
        "Expecting value). Het spel gaat verder vanuit het deel ervoor, na stap 1."
    )


def test_a_save_with_nothing_usable_left_is_an_error() -> None:
    _, file = playing(Start())
    for slot in persistence.autosave_paths(file.path):
        slot.unlink(missing_ok=True)
    file.path.write_bytes(b"")
    with pytest.raises(savelog.SaveError) as caught:
        persistence.restore(file.path)
    assert caught.value.problem.message() == "the save is empty"


def test_find_unfinished_returns_the_newest_unfinished_session_of_a_scenario() -> None:
    _, older = playing(Start(), Choose("werkplek"))
    _, finished = playing(Start(), Choose("werkplek"))
    persistence.finish(finished, "einde")
    os.utime(older.path, ns=(1, 1))
    assert persistence.find_unfinished() == older.path
    assert persistence.find_unfinished("klein") == older.path
    assert persistence.find_unfinished("ander") is None


def test_no_saves_folder_means_nothing_to_resume() -> None:
    assert persistence.find_unfinished() is None


def test_a_session_left_before_its_first_decision_is_not_offered() -> None:
    playing(Start())
    assert persistence.find_unfinished() is None


def test_trace_is_told_before_a_record_is_written_and_after_it_is_durable() -> None:
    _, file = playing(Start())
    told: list[tuple[str, int, int]] = []
    file.trace = lambda event, number: told.append((event, number, len(file.path.read_bytes().splitlines())))
    file.append(ChooseEntry(Id("werkplek"), Id("drukte")))
    persistence.flush()  # the autosave copy follows in the copier's thread
    assert told == [
        ("saving", 2, 2),
        ("written", 2, 3),
        ("synced", 2, 3),
        ("autosaving", 2, 3),
        ("saved", 2, 3),
    ]


def test_a_step_is_handed_over_at_once_and_is_behind_until_its_thread_wrote_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, file = playing(Start())
    disk = SlowDisk(monkeypatch)
    file.step([ChooseEntry(Id("werkplek"), Id("drukte"))])  # returns while the disk is held up
    assert disk.entered.wait(10)
    assert file.behind and len(file.log.entries) == 2 and file.synced == 1
    disk.go.set()
    file.wait()
    assert not file.behind
    assert savelog.read(file.path.read_bytes()) == file.log


def test_records_handed_over_during_a_write_go_together_in_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    session, file = playing(Start())
    disk = SlowDisk(monkeypatch)
    told: list[tuple[str, int]] = []
    file.trace = lambda event, number: told.append((event, number))
    for number, step in enumerate((Choose("werkplek"), Advance(), Advance())):
        _, entry = savelog.perform(session, step)
        assert entry is not None
        file.step([entry])
        if number == 0:
            assert disk.entered.wait(10)  # the first is being written: the others wait for it
    disk.go.set()
    persistence.flush()
    assert disk.calls == 2
    writer = [event for event in told if event[0] in ("saving", "written", "synced")]
    first = [("saving", 2), ("written", 2), ("synced", 2)]
    together = [("saving", 3), ("written", 4), ("synced", 4)]  # records 3 and 4: one write, one fsync
    assert writer == first + together
    assert savelog.read(file.path.read_bytes()) == file.log and len(file.log.entries) == 4


def test_a_write_the_disk_refuses_stops_the_file_and_is_raised_to_the_game(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, file = playing(Start())
    disk = SlowDisk(monkeypatch, OSError(28, "No space left on device"))
    disk.go.set()
    file.step([ChooseEntry(Id("werkplek"), Id("drukte"))])
    with pytest.raises(OSError, match="No space left"):
        file.wait()
    assert file.behind, "a step that was never written is never shown"
    with pytest.raises(OSError, match="No space left"):
        file.step([ChooseEntry(Id("werkplek"), Id("drukte"))])  # nothing more after a gap
    assert disk.calls == 1


def test_resume_loads_the_scenario_file_its_header_names(tmp_path: Path) -> None:
    source = tmp_path / "klein.yaml"
    source.write_text(SMALL, encoding="utf-8")
    scenario = load(SMALL)
    file = persistence.start(scenario, mode="solo", source=str(source))
    session = Session(scenario)
    for step in (Start(), Choose("werkplek")):
        _, entry = savelog.perform(session, step)
        assert entry is not None
        file.append(entry)
    _, resumed = persistence.resume(file.path)
    assert savelog.fingerprint(resumed.state) == savelog.fingerprint(session)


def test_resume_continues_exactly_where_the_session_stood() -> None:
    live, file = playing(Start(), Choose("werkplek"), Advance())
    saved, resumed = persistence.resume(file.path, SCENARIO)
    assert (resumed.state.game, resumed.state.phase) == (live.game, live.phase)
    assert (saved.damage, resumed.warnings()) == (None, ())
    refusal, entry = savelog.perform(resumed.state, Advance())
    assert refusal is None and entry is not None
    saved.append(entry)
    assert persistence.resume(file.path, SCENARIO)[1].state.game == resumed.state.game


def test_resume_on_a_changed_scenario_rewrites_the_log_to_what_still_fits() -> None:
    _, file = playing(Start(), Choose("werkplek"), Advance(), Advance(), Choose("doorgaan"))
    renamed = load(SMALL.replace("id: doorgaan", "id: verder"))
    _, resumed = persistence.resume(file.path, renamed)
    told = [p.text("en") for p in resumed.warnings()]
    assert told[1].startswith("Step 5 no longer fits: card 'evaluatie' no longer offers")
    saved, again = persistence.resume(file.path, renamed)
    assert (saved.damage, again.warnings()) == (None, ())
    assert saved.log.header.content_hash == renamed.content_hash
    assert len(saved.log.entries) == 4
