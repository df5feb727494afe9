"""`incluzo check` plays every reachable game: each finding (INC030-INC046) from a small inline scenario."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from testsupport import SCENARIOS

from incluzo.engine.analysis.checks import check_file, has_errors
from incluzo.engine.analysis.explore import UNCHECKED, analyse, explore
from incluzo.engine.scenario.loader import load_text
from incluzo.engine.scenario.problems import Severity

# Two cards, two choices each; the budget forces a trade-off and every card, choice and ending is reached.
BASE = textwrap.dedent("""\
    format: 1
    id: afweging
    title: Afweging
    language: nl
    budget: {kwaliteit: 3, toegankelijkheid: 3, betaalbaarheid: 3}
    cards:
      - id: start
        title: Start
        text: Wat doen we?
        choices:
          - id: team-leert
            label: Het team leert
            cost: {kwaliteit: 2, toegankelijkheid: 0, betaalbaarheid: 1}
            move: {professionalisering: 10}
            recognition: transformatief
            outcome: Het schuurt.
          - id: specialist
            label: Een specialist
            cost: {kwaliteit: 0, toegankelijkheid: 2, betaalbaarheid: 2}
            move: {specialisme: 10}
            recognition: affirmatief
            outcome: Een wachtlijst.
      - id: vervolg
        title: Vervolg
        text: En nu?
        choices:
          - id: samen
            label: Samen verder
            cost: {kwaliteit: 2, toegankelijkheid: 0, betaalbaarheid: 1}
            move: {leergemeenschap: 10}
            recognition: transformatief
            outcome: De wijk doet mee.
          - id: arrangement
            label: Een arrangement
            cost: {kwaliteit: 0, toegankelijkheid: 2, betaalbaarheid: 2}
            move: {maatwerk: 10}
            recognition: affirmatief
            outcome: Op maat.
    endings:
      - id: sterk
        when: professionalisering >= 30
        title: Sterk
        text: De basis groeit.
      - id: anders
        title: Anders
        text: Het is anders gelopen.
    """)

EXTRA_CARD = """\
  - id: extra
    title: Extra
    text: Nog iets.
    choices:
      - id: ja
        label: Ja
        cost: {kwaliteit: 0, toegankelijkheid: 0, betaalbaarheid: 0}
        move: {maatwerk: 5}
        recognition: affirmatief
        outcome: Ja.
      - id: nee
        label: Nee
        cost: {kwaliteit: 0, toegankelijkheid: 0, betaalbaarheid: 0}
        move: {leergemeenschap: 5}
        recognition: transformatief
        outcome: Nee.
"""


EXHAUSTED_ENDING = "  - id: op\n    when: exhausted\n    title: Op\n    text: Op.\n"
TIGHT = BASE.replace(
    "budget: {kwaliteit: 3, toegankelijkheid: 3, betaalbaarheid: 3}",
    "budget: {kwaliteit: 2, toegankelijkheid: 2, betaalbaarheid: 2}",
)


def findings(text: str) -> list[tuple[str, str]]:
    return [(p.code, p.path) for p in analyse(load_text(text, "s.yaml"), text)]


def with_card(card: str, before: str = "  - id: vervolg\n") -> str:
    """BASE with one more card, placed before `vervolg` unless told otherwise."""
    return BASE.replace(before, card + before, 1)


def after(text: str, line: str, added: str) -> str:
    """`text` with `added` as a new line after the (first) line ending in `line`."""
    indent = " " * len(text.split(line, 1)[0].rsplit("\n", 1)[1])
    return text.replace(line + "\n", f"{line}\n{indent}{added}\n", 1)


NEVER_CARD = with_card(after(EXTRA_CARD, "text: Nog iets.", "when: kwaliteit > 5"))


def test_a_balanced_scenario_has_no_findings() -> None:
    assert findings(BASE) == []


def test_exploration_reaches_every_state_and_ending() -> None:
    graph = explore(load_text(BASE))
    assert graph.complete
    assert sorted(end.ending or "" for end in graph.ends) == ["anders", "sterk"]
    assert len(graph.parent) == 5  # the start, two states after the first card, two ends


def test_games_that_differ_only_in_what_no_condition_reads_are_one_state() -> None:
    graph = explore(load_text(BASE.replace("when: professionalisering >= 30", "when: kwaliteit >= 2")))
    assert [end.ending for end in graph.ends] == ["anders"]  # both games end with the same meters
    assert len(graph.parent) == 4


def test_card_whose_condition_never_holds() -> None:
    assert findings(NEVER_CARD) == [("INC030", "cards[1].when")]


def test_card_none_of_whose_choices_is_offered() -> None:
    card = EXTRA_CARD.replace("        outcome: Ja.\n", "        outcome: Ja.\n        when: false\n")
    card = card.replace("        outcome: Nee.\n", "        outcome: Nee.\n        when: seen extra\n")
    assert findings(with_card(card)) == [("INC031", "cards[1]")]


def test_card_every_game_jumps_past() -> None:
    text = after(
        after(with_card(EXTRA_CARD), "outcome: Het schuurt.", "next: vervolg"),
        "outcome: Een wachtlijst.",
        "next: vervolg",
    )
    assert findings(text) == [("INC032", "cards[1]")]


def test_choice_never_offered_when_its_card_is_shown() -> None:
    text = after(BASE, "outcome: Op maat.", "when: chosen team-leert and chosen specialist")
    assert ("INC033", "cards[1].choices[1].when") in findings(text)


def test_choice_offered_but_never_affordable_names_what_is_left() -> None:
    text = BASE.replace(
        "cost: {kwaliteit: 2, toegankelijkheid: 0, betaalbaarheid: 1}\n        move: {leer",
        "cost: {kwaliteit: 4, toegankelijkheid: 0, betaalbaarheid: 1}\n        move: {leer",
    )
    problems = analyse(load_text(text, "s.yaml"), text)
    unaffordable = [p for p in problems if p.code == "INC034"]
    assert [(p.path, p.line, p.column) for p in unaffordable] == [("cards[1].choices[0].cost", 29, 15)]
    assert unaffordable[0].hint_params == {"left": "kwaliteit 3, toegankelijkheid 3, betaalbaarheid 2"}


def test_ending_after_one_that_always_holds_first() -> None:
    strong = BASE[BASE.index("  - id: sterk") : BASE.index("  - id: anders")]
    text = BASE.replace(strong, "") + strong
    problems = analyse(load_text(text, "s.yaml"), text)
    assert [(p.code, p.path) for p in problems] == [("INC035", "endings[1]")]
    assert problems[0].message("en") == (
        "ending 'sterk' is never reached: whenever it holds, an earlier ending (anders) closes the game"
    )


def test_ending_whose_condition_never_holds_at_the_end() -> None:
    text = BASE.replace("when: professionalisering >= 30", "when: leergemeenschap >= 90")
    assert findings(text) == [("INC036", "endings[0].when")]


def test_exhausted_ending_when_the_budget_never_runs_out() -> None:
    assert findings(BASE + EXHAUSTED_ENDING) == [("INC037", "endings[2].when")]


def test_dead_end_where_the_budget_runs_out_without_an_exhausted_ending() -> None:
    problems = analyse(load_text(TIGHT, "s.yaml"), TIGHT)
    dead = [p for p in problems if p.code == "INC038"]
    assert [(p.path, p.line, p.column) for p in dead] == [("cards[1]", 23, 5)]
    assert dead[0].hint_params["route"] in ("specialist", "team-leert")


def test_no_dead_end_when_the_scenario_writes_an_exhausted_ending() -> None:
    assert [code for code, _ in findings(TIGHT + EXHAUSTED_ENDING) if code == "INC038"] == []


def test_choice_dominated_by_a_cheaper_one_pointing_the_same_way() -> None:
    duplicate = """\
      - id: team-leert-duur
        label: Het team leert, duur
        cost: {kwaliteit: 2, toegankelijkheid: 1, betaalbaarheid: 1}
        move: {professionalisering: 15}
        recognition: transformatief
        outcome: Het schuurt meer.
"""
    text = BASE.replace("      - id: specialist\n", duplicate + "      - id: specialist\n", 1)
    problems = [p for p in analyse(load_text(text, "s.yaml"), text) if p.code == "INC039"]
    assert [(p.path, p.params) for p in problems] == [
        ("cards[0].choices[1]", {"choice": "team-leert-duur", "other": "team-leert"})
    ]


def test_a_choice_that_a_condition_asks_about_is_never_called_dominated() -> None:
    costly = "cost: {kwaliteit: 2, toegankelijkheid: 2, betaalbaarheid: 2}"
    text = BASE.replace("cost: {kwaliteit: 0, toegankelijkheid: 2, betaalbaarheid: 2}", costly, 1)
    text = text.replace(
        "move: {specialisme: 10}\n        recognition: affirmatief",
        "move: {professionalisering: 5}\n        recognition: transformatief",
    )
    assert ("INC039", "cards[0].choices[1]") in findings(text)
    asked = text.replace("when: professionalisering >= 30", "when: chosen specialist")
    assert ("INC039", "cards[0].choices[1]") not in findings(asked)


def test_budget_that_affords_every_transformative_choice() -> None:
    text = BASE.replace(
        "budget: {kwaliteit: 3, toegankelijkheid: 3, betaalbaarheid: 3}",
        "budget: {kwaliteit: 4, toegankelijkheid: 4, betaalbaarheid: 4}",
    )
    problems = analyse(load_text(text, "s.yaml"), text)
    limit = [p for p in problems if p.code == "INC040"]
    assert [(p.path, p.params) for p in limit] == [("budget", {"route": "team-leert > samen"})]


def test_meter_that_never_runs_low() -> None:
    text = BASE.replace("toegankelijkheid: 3, betaalbaarheid: 3}", "toegankelijkheid: 9, betaalbaarheid: 3}")
    problems = [p for p in analyse(load_text(text, "s.yaml"), text) if p.code == "INC041"]
    assert [(p.path, p.params) for p in problems] == [
        ("budget.toegankelijkheid", {"meter": "toegankelijkheid", "lowest": 7, "start": 9})
    ]


def test_meter_that_runs_out_before_the_end_of_every_game() -> None:
    text = BASE.replace("betaalbaarheid: 1}\n        move: {prof", "betaalbaarheid: 3}\n        move: {prof")
    text = text.replace(
        "toegankelijkheid: 2, betaalbaarheid: 2}\n        move: {spec",
        "toegankelijkheid: 2, betaalbaarheid: 3}\n        move: {spec",
    )
    text = text.replace(
        "toegankelijkheid: 0, betaalbaarheid: 1}\n        move: {leer",
        "toegankelijkheid: 0, betaalbaarheid: 0}\n        move: {leer",
    )
    text = text.replace(
        "toegankelijkheid: 2, betaalbaarheid: 2}\n        move: {maat",
        "toegankelijkheid: 1, betaalbaarheid: 0}\n        move: {maat",
    )
    assert ("INC042", "budget.betaalbaarheid") in findings(text)


def test_every_game_running_out_of_budget() -> None:
    found = findings(TIGHT + EXHAUSTED_ENDING)
    assert ("INC043", "budget") in found
    assert ("INC036", "endings[0].when") in found and ("INC036", "endings[1].when") in found


def test_a_state_limit_makes_the_analysis_say_it_is_partial_and_what_it_left_unchecked() -> None:
    problems = analyse(load_text(BASE, "s.yaml"), BASE, max_states=3)
    assert [(p.code, p.params["states"]) for p in problems] == [("INC046", "3")]
    assert problems[0].params["checks"] == ", ".join(UNCHECKED)
    assert "INC038" not in UNCHECKED and "INC030" in UNCHECKED  # dead ends found so far are reported
    assert not has_errors(problems, strict=True)  # the tool's own limit never fails --strict


def test_findings_are_warnings_told_in_dutch_too() -> None:
    problem = analyse(load_text(NEVER_CARD, "s.yaml"), NEVER_CARD)[0]
    assert problem.severity is Severity.WARNING
    assert problem.message("nl") == (
        "kaart 'extra' wordt nooit bereikt: de voorwaarde geldt in geen enkel spel"
    )
    assert problem.hint_text("nl") == "pas de 'when' aan, of haal hem weg"


def test_without_the_text_findings_fall_back_to_the_lines_on_the_model() -> None:
    text = BASE.replace("when: professionalisering >= 30", "when: leergemeenschap >= 90")
    problem = analyse(load_text(text, "s.yaml"))[0]
    assert (problem.line, problem.column) == (40, 1)  # the ending's own line


def test_check_file_reports_a_missing_image_as_an_error(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(after(BASE, "text: En nu?", "image: images/klas.png"), "utf-8")
    problems = check_file(path)[1]
    assert [(p.code, p.path, p.severity) for p in problems] == [("INC044", "cards[1].image", Severity.ERROR)]
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "klas.png").write_bytes(b"\x89PNG")
    assert check_file(path)[1] == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_check_file_refuses_an_image_a_symlink_takes_outside_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "geheim.png"
    outside.write_bytes(b"\x89PNG")
    folder = tmp_path / "scenario"
    folder.mkdir()
    (folder / "klas.png").symlink_to(outside)
    path = folder / "s.yaml"
    path.write_text(after(BASE, "text: En nu?", "image: klas.png"), "utf-8")
    assert [(p.code, p.path) for p in check_file(path)[1]] == [("INC022", "cards[1].image")]


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_shipped_scenario_is_explored_completely(path: Path) -> None:
    scenario, problems = check_file(path)
    assert scenario is not None
    assert explore(scenario).complete
    assert [p for p in problems if p.severity is Severity.ERROR] == []
