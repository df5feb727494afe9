"""Play as you write: the decisions made so far carry over to a new version, or say where they stop."""

from __future__ import annotations

from pathlib import Path

import msgspec
from scenario_text import SMALL, load
from scenario_text import played as played_on

from incluzo.engine.logs.rebase import checked
from incluzo.engine.logs.savelog import Rebuilt, SaveLog, rebase
from incluzo.engine.play.session import Action, Advance, Choose, Session, Start

# Start, choose on 'drukte', go on to 'bezuiniging' (an event card), pass it, choose on 'evaluatie'.
PLAYED: list[Action] = [Start(), Choose("werkplek"), Advance(), Advance(), Choose("doorgaan")]


def played() -> tuple[Session, SaveLog]:
    """The steps taken live on SMALL and logged, as the game does."""
    return played_on(*PLAYED)


def stopped(result: Rebuilt[Session], lang: str = "nl") -> str:
    """Why the replay stopped, in `lang`; '' when every step carried over."""
    return result.misfit.reason.text(lang) if result.misfit else ""


def test_an_unchanged_scenario_replays_every_decision() -> None:
    old, log = played()
    result = rebase(load(), log)
    assert (result.steps, log.steps, result.misfit) == (5, 5, None)
    assert result.state.game == old.game and result.state.phase == "outcome"
    assert stopped(result) == ""


def test_a_removed_choice_stops_replay_there_and_says_so() -> None:
    _old, log = played()
    result = rebase(load(SMALL.replace("id: werkplek", "id: eigen-plek")), log)
    assert result.steps == 1 and result.misfit is not None and result.misfit.code == "choice_gone"
    assert stopped(result, "en") == "card 'drukte' no longer offers choice 'werkplek'"
    assert stopped(result, "nl") == "kaart 'drukte' heeft geen keuze 'werkplek' meer"
    assert result.state.phase == "card" and result.state.game.card == "drukte"


def test_a_choice_that_became_too_dear_names_the_short_meter() -> None:
    _old, log = played()
    dearer = SMALL.replace(
        "cost: {kwaliteit: 1, toegankelijkheid: 0, betaalbaarheid: 2}",
        "cost: {kwaliteit: 1, toegankelijkheid: 0, betaalbaarheid: 5}",
    )
    result = rebase(load(dearer), log)
    assert result.misfit is not None and result.misfit.code == "unaffordable"
    assert stopped(result, "en") == (
        "choice 'werkplek' on card 'drukte' is no longer affordable: "
        "not enough affordability: 5 needed, 4 left"
    )


def test_a_choice_whose_new_condition_fails_is_not_offered() -> None:
    _old, log = played()
    text = SMALL.replace(
        "outcome: Rust, maar buiten de groep.",
        "outcome: Rust, maar buiten de groep.\n        when: seen evaluatie",
    )
    result = rebase(load(text), log)
    assert result.steps == 1 and result.misfit is not None
    assert stopped(result, "en") == (
        "choice 'werkplek' on card 'drukte' is not offered now: its condition does not hold"
    )


def test_a_card_inserted_before_a_decision_is_noticed_even_with_a_choice_of_the_same_id() -> None:
    _old, log = played()
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
    result = rebase(load(inserted), log)
    assert result.steps == 4 and result.misfit is not None
    assert stopped(result, "en") == "the game now shows card 'tussendoor' here instead of 'evaluatie'"
    # a log that does not name the cards its steps were taken on: the same id passes for the same choice
    blind = SaveLog(
        log.header,
        tuple(msgspec.structs.replace(e, card=None) if hasattr(e, "card") else e for e in log.entries),
    )
    carried = rebase(load(inserted), blind)
    assert carried.misfit is None and carried.state.game.card == "evaluatie"


def test_a_game_that_now_ends_earlier_stops_where_it_ends() -> None:
    _old, log = played()
    shorter = SMALL[: SMALL.index("  - id: evaluatie")]
    result = rebase(load(shorter), log)
    assert result.steps == 4 and result.misfit is not None and result.misfit.code == "ended"
    assert result.state.phase == "debrief"
    assert stopped(result, "en") == "the game now ends before this step"


def test_an_event_card_that_now_asks_for_a_choice() -> None:
    _old, log = played()
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
    result = rebase(load(text), log)
    assert result.steps == 3 and result.misfit is not None
    assert stopped(result, "en") == "card 'bezuiniging' now asks for a choice"


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
    _old, log = played()
    rebased = rebase(scenario, log)
    assert rebased.steps == 1
    assert stopped(rebased, "en") == "card 'drukte' no longer offers choice 'werkplek'"
    assert {p.code for p in problems} == {"INC040", "INC041"}  # the analysis' warnings, for a notice
