"""Play as you write for team games: workshoplog.rebase carries a team log over to a new version."""

from __future__ import annotations

from scenario_text import SMALL, load

from incluzo.engine.logs import savelog, workshoplog
from incluzo.engine.logs.savelog import FinishedEntry, SaveLog
from incluzo.engine.play import teams
from incluzo.engine.play.phases import Mode
from incluzo.engine.play.teams import TeamAction, TeamPlay

SCENARIO = load()
NAMES = ("Uilen", "Vossen")


def played(*actions: TeamAction) -> tuple[TeamPlay, SaveLog]:
    """Two teams, these actions taken and logged as the team director does."""
    made = teams.make_teams(NAMES)
    assert isinstance(made, tuple)
    play = teams.begin(SCENARIO, made)
    log = savelog.new_log(SCENARIO, seed=0, mode=Mode.TEAMS.save_name, teams=NAMES, source="klein.yaml")
    for action in actions:
        result, entry = workshoplog.perform(SCENARIO, play, action)
        assert isinstance(result, TeamPlay) and entry is not None, result
        play, log = result, log.appended(entry)
    return play, log


FIRST_ROUND = (teams.Pick(1, "werkplek"), teams.Pick(2, "strategie"), teams.Reveal(deliberation_ms=900))


def test_every_step_carries_over_to_a_changed_text_under_the_new_versions_header() -> None:
    play, log = played(*FIRST_ROUND, teams.GoOn())
    changed = load(SMALL.replace("text: Na zes weken.", "text: Na acht weken."))
    result = workshoplog.rebase(changed, log)
    assert result.misfit is None and result.stopped() is None
    assert result.steps == 4 and result.log.entries == log.entries
    assert [seat.game for seat in result.state.seats] == [seat.game for seat in play.seats]
    header = result.log.header
    assert (header.scenario, header.content_hash) == ("klein", changed.content_hash)
    assert (header.teams, header.mode, header.source) == (NAMES, "team", "klein.yaml")


def test_a_choice_that_is_gone_stops_the_replay_at_its_pick_and_says_why() -> None:
    _, log = played(*FIRST_ROUND, teams.GoOn())
    renamed = load(SMALL.replace("id: strategie", "id: samen-leren"))
    result = workshoplog.rebase(renamed, log)
    assert result.steps == 1 and len(result.log.entries) == 1
    assert result.misfit is not None and (result.misfit.step, result.misfit.dropped) == (2, 2)
    assert result.misfit.reason.text("en") == "there is no choice 'strategie' on this card"
    assert result.state.seats[0].pick == "werkplek" and result.state.seats[1].pick is None


def test_a_step_taken_on_a_card_that_moved_stops_the_replay_there() -> None:
    _, log = played(teams.Skip())
    renamed = load(SMALL.replace("id: drukte", "id: rumoer"))
    result = workshoplog.rebase(renamed, log)
    assert result.steps == 0 and result.misfit is not None
    assert result.misfit.reason.text("nl") == (
        "deze stap hoort bij kaart 'drukte', maar het spel toont nu een andere kaart"
    )


def test_the_finished_mark_is_left_out_of_the_carried_log() -> None:
    _, log = played(teams.EndEarly())
    finished = log.appended(FinishedEntry(None))
    result = workshoplog.rebase(SCENARIO, finished)
    assert not result.log.finished and result.state.phase == teams.DEBRIEF
    assert result.log.entries == log.entries
