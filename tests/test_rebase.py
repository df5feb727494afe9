"""Play as you write: the decisions made so far carry over to a new version, or say where they stop."""

from __future__ import annotations

from pathlib import Path

from scenario_text import SMALL, load

from incluzo.engine.logs.rebase import checked, rebase
from incluzo.engine.play.session import Action, Advance, Choose, Session, Start

# Start, choose on 'drukte', go on to 'bezuiniging' (an event card), pass it, choose on 'evaluatie'.
PLAYED: list[Action] = [Start(), Choose("werkplek"), Advance(), Advance(), Choose("doorgaan")]


def played() -> Session:
    session = Session(load())
    for action in PLAYED:
        assert session.dispatch(action) is None
    return session


def test_an_unchanged_scenario_replays_every_decision() -> None:
    old = played()
    result = rebase(load(), old.log, old.scenario)
    assert (result.applied, result.total, result.stop) == (5, 5, None)
    assert result.session.game == old.game and result.session.phase == "outcome"
    assert result.message() == ""


def test_a_removed_choice_stops_replay_there_and_says_so() -> None:
    old = played()
    result = rebase(load(SMALL.replace("id: werkplek", "id: eigen-plek")), old.log, old.scenario)
    assert result.applied == 1 and result.stop is not None and result.stop.code == "choice_gone"
    assert result.message("en") == "card 'drukte' no longer offers choice 'werkplek'"
    assert result.message("nl") == "kaart 'drukte' heeft geen keuze 'werkplek' meer"
    assert result.session.phase == "card" and result.session.game.card == "drukte"


def test_a_choice_that_became_too_dear_names_the_short_meter() -> None:
    old = played()
    dearer = SMALL.replace(
        "cost: {kwaliteit: 1, toegankelijkheid: 0, betaalbaarheid: 2}",
        "cost: {kwaliteit: 1, toegankelijkheid: 0, betaalbaarheid: 5}",
    )
    result = rebase(load(dearer), old.log, old.scenario)
    assert result.stop is not None and result.stop.code == "unaffordable"
    assert result.message("en") == (
        "choice 'werkplek' on card 'drukte' is no longer affordable: "
        "not enough affordability: 5 needed, 4 left"
    )


def test_a_choice_whose_new_condition_fails_is_not_offered() -> None:
    old = played()
    text = SMALL.replace(
        "outcome: Rust, maar buiten de groep.",
        "outcome: Rust, maar buiten de groep.\n        when: seen evaluatie",
    )
    result = rebase(load(text), old.log, old.scenario)
    assert result.applied == 1 and result.stop is not None
    assert result.message("en") == (
        "choice 'werkplek' on card 'drukte' is not offered now: its condition does not hold"
    )


def test_a_card_inserted_before_a_decision_is_noticed_even_with_a_choice_of_the_same_id() -> None:
    old = played()
    inserted = SMALL.replace(
        "  - id: evaluatie\n",
        """\
  - id: tussendoor
    title: Tussendoor
    text: Iets nieuws.
    choices:
      - id: doorgaan
        label: Doorgaan
        cost: {kwaliteit: 0, toegankelijkheid: 0, betaalbaarheid: 0}
        move: {maatwerk: 5}
        recognition: affirmatief
        outcome: Verder.
      - id: stoppen
        label: Stoppen
        cost: {kwaliteit: 0, toegankelijkheid: 1, betaalbaarheid: 0}
        move: {leergemeenschap: 5}
        recognition: transformatief
        outcome: Stop.
  - id: evaluatie
""",
    )
    result = rebase(load(inserted), old.log, old.scenario)
    assert result.applied == 4 and result.stop is not None
    assert result.message("en") == "the game now shows card 'tussendoor' here instead of 'evaluatie'"
    blind = rebase(load(inserted), old.log)  # without the old version, the same id passes for the same choice
    assert blind.stop is None and blind.session.game.card == "evaluatie"


def test_a_game_that_now_ends_earlier_stops_where_it_ends() -> None:
    old = played()
    shorter = SMALL[: SMALL.index("  - id: evaluatie")]
    result = rebase(load(shorter), old.log, old.scenario)
    assert result.applied == 4 and result.stop is not None and result.stop.code == "ended"
    assert result.session.phase == "debrief"
    assert result.message("en") == "the game now ends before this step"


def test_an_event_card_that_now_asks_for_a_choice() -> None:
    old = played()
    text = SMALL.replace(
        "    cost: {betaalbaarheid: 1}\n",
        """\
    choices:
      - id: bezuinigen
        label: Bezuinigen
        cost: {kwaliteit: 0, toegankelijkheid: 0, betaalbaarheid: 1}
        move: {maatwerk: 5}
        recognition: affirmatief
        outcome: Minder.
      - id: zoeken
        label: Geld zoeken
        cost: {kwaliteit: 1, toegankelijkheid: 0, betaalbaarheid: 0}
        move: {leergemeenschap: 5}
        recognition: transformatief
        outcome: Elders.
""",
    )
    result = rebase(load(text), old.log, old.scenario)
    assert result.applied == 3 and result.stop is not None
    assert result.message("en") == "card 'bezuiniging' now asks for a choice"


def test_reload_keeps_the_old_version_when_the_new_file_has_errors(tmp_path: Path) -> None:
    path = tmp_path / "klein.yaml"
    path.write_text(SMALL.replace("recognition: affirmatief", "recognition: bevestigend", 1), "utf-8")
    scenario, problems = checked(path)
    assert scenario is None
    assert [(p.code, p.path) for p in problems] == [("INC008", "cards[0].choices[0].recognition")]


def test_reload_carries_the_decisions_over_to_the_saved_file(tmp_path: Path) -> None:
    path = tmp_path / "klein.yaml"
    path.write_text(SMALL.replace("id: werkplek", "id: eigen-plek"), "utf-8")
    scenario, problems = checked(path)
    assert scenario is not None
    old = played()
    rebased = rebase(scenario, old.log, old.scenario)
    assert rebased.applied == 1
    assert rebased.message("en") == "card 'drukte' no longer offers choice 'werkplek'"
    assert {p.code for p in problems} == {"INC040", "INC041"}  # the analysis' warnings, for a notice
