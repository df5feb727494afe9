"""The loader: every kind of mistake gets a located error with key path and hint, all collected."""

from __future__ import annotations

from pathlib import Path

import pytest
from scenario_text import SMALL, load

from incluzo.engine.play import position
from incluzo.engine.scenario import loader
from incluzo.engine.scenario.problems import Problem, ScenarioError, Severity


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(ScenarioError) as caught:
        load(text)
    return list(caught.value.problems)


def only(text: str) -> Problem:
    found = [p for p in problems_of(text) if p.severity is Severity.ERROR]
    assert len(found) == 1, [p.format() for p in found]
    return found[0]


def test_small_scenario_loads_with_its_cards_in_order() -> None:
    scenario = load()
    assert [c.id for c in scenario.cards] == ["drukte", "bezuiniging", "evaluatie"]
    assert scenario.budget == (4, 4, 4)
    assert scenario.position == position.from_points((25, 25, 25, 25))
    assert scenario.cards[1].is_event and scenario.cards[1].cost == (0, 0, 1)
    assert scenario.cards[0].choices[1].move == (0, 0, 10, 0)


def test_unknown_key_names_line_column_path_and_suggests_the_right_key() -> None:
    problem = only(SMALL.replace("    text: Na zes weken.", "    tekst: Na zes weken."))
    assert problem.format() == (
        "test.yaml:29:5: error: cards[2].tekst: unknown key 'tekst' (did you mean 'text'?)"
    )


def test_missing_required_key_is_reported_on_its_map() -> None:
    found = problems_of(SMALL.replace("    text: Na zes weken.\n", ""))
    assert [p.format() for p in found] == ["test.yaml:27:5: error: cards[2]: missing required key 'text'"]


def test_duplicate_key_is_an_error_even_though_yaml_keeps_the_last() -> None:
    problem = only(SMALL.replace("title: Klein scenario\n", "title: Klein scenario\ntitle: Nog eens\n"))
    assert (problem.code, problem.line, problem.path) == ("INC005", 4, "title")
    assert "first on line 3" in problem.message()


def test_dangling_next_suggests_the_closest_card() -> None:
    text = SMALL.replace(
        "        outcome: Rust, maar buiten de groep.",
        "        outcome: Rust, maar buiten de groep.\n        next: evaluatie2",
    )
    assert only(text).format() == (
        "test.yaml:17:15: error: cards[0].choices[0].next: unknown card "
        "'evaluatie2' (did you mean 'evaluatie'?)"
    )


def test_bad_recognition_lists_what_is_allowed() -> None:
    problem = only(
        SMALL.replace(
            "recognition: affirmatief\n        outcome: Een", "recognition: bevestigend\n        outcome: Een"
        )
    )
    assert problem.path == "cards[2].choices[1].recognition"
    assert problem.hint_text() == "allowed: affirmatief, transformatief"


def test_cost_naming_an_unknown_meter_is_an_error_with_a_suggestion() -> None:
    problem = only(SMALL.replace("cost: {kwaliteit: 3,", "cost: {kwalitiet: 3,"))
    assert (problem.code, problem.path) == ("INC011", "cards[0].choices[1].cost.kwalitiet")
    assert problem.hint_text() == "did you mean 'kwaliteit'?"


def test_move_naming_an_unknown_quadrant_is_an_error() -> None:
    problem = only(SMALL.replace("move: {maatwerk: 10}", "move: {individueel: 10}"))
    assert problem.path == "cards[0].choices[0].move.individueel"
    assert problem.message() == "unknown quadrant 'individueel'"


def test_position_must_sum_to_100() -> None:
    text = SMALL.replace(
        "cards:\n",
        "position: {specialisme: 40, maatwerk: 30, professionalisering: 20, leergemeenschap: 20}\ncards:\n",
        1,
    )
    problem = only(text)
    assert (problem.code, problem.line, problem.path) == ("INC012", 6, "position")
    assert problem.message() == "the quadrants sum to 110, not 100"


def test_a_card_with_one_choice_is_an_error() -> None:
    start = SMALL.index("      - id: strategie")
    end = SMALL.index("  - id: bezuiniging")
    problem = only(SMALL[:start] + SMALL[end:])
    assert (problem.code, problem.line, problem.path) == ("INC014", 11, "cards[0].choices")


def test_duplicate_card_ids_point_at_the_first() -> None:
    problem = only(SMALL.replace("  - id: evaluatie", "  - id: drukte"))
    assert (problem.code, problem.line) == ("INC010", 27)
    assert problem.message() == "card id 'drukte' is used twice (first on line 7)"


def test_bad_id_form_gets_the_id_hint() -> None:
    problem = only(SMALL.replace("id: klein", "id: Klein Scenario"))
    assert problem.code == "INC009" and "lowercase" in (problem.hint_text() or "")


def test_negative_and_fractional_budgets_are_refused() -> None:
    found = problems_of(
        SMALL.replace("kwaliteit: 4, toegankelijkheid: 4", "kwaliteit: -1, toegankelijkheid: 2.5")
    )
    assert [(p.code, p.path) for p in found] == [
        ("INC013", "budget.kwaliteit"),
        ("INC007", "budget.toegankelijkheid"),
    ]


def test_condition_errors_point_into_the_condition() -> None:
    text = SMALL.replace(
        "    title: Evaluatie\n", "    title: Evaluatie\n    when: kwalitiet >= 2 and chosen werkplk\n"
    )
    found = problems_of(text)
    assert [(p.line, p.column, p.message()) for p in found] == [
        (29, 11, "unknown name 'kwalitiet'"),
        (29, 37, "unknown choice 'werkplk'"),
    ]


def test_condition_syntax_error_says_what_was_expected() -> None:
    problem = only(SMALL.replace("    title: Evaluatie\n", "    title: Evaluatie\n    when: kwaliteit >=\n"))
    assert problem.code == "INC015"
    assert problem.message() == "cannot read this condition: expected a whole number after '>='"


def test_every_problem_is_collected_not_only_the_first() -> None:
    text = SMALL.replace("recognition: affirmatief", "recognition: x").replace(
        "    text: De gemeente bezuinigt.", "    txt: De gemeente bezuinigt."
    )
    assert [(p.code, p.path) for p in problems_of(text)] == [
        ("INC008", "cards[0].choices[0].recognition"),
        ("INC004", "cards[1].txt"),
        ("INC008", "cards[2].choices[1].recognition"),
    ]


def test_missing_main_language_is_an_error_missing_translation_a_warning() -> None:
    text = SMALL.replace("language: nl\n", "language: nl\ntranslations: [en]\n").replace(
        "title: Klein scenario", "title: {en: Small scenario}"
    )
    found = problems_of(text)
    assert ("INC016", Severity.ERROR, "title") in [(p.code, p.severity, p.path) for p in found]
    warnings = [p for p in found if p.severity is Severity.WARNING]
    assert warnings and all(p.code == "INC016" for p in warnings)


def test_a_scenario_with_only_warnings_loads_and_carries_them() -> None:
    scenario = load(SMALL.replace("language: nl\n", "language: nl\ntranslations: [en]\n"))
    assert scenario.warnings and all(p.severity is Severity.WARNING for p in scenario.warnings)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"- een\n- twee\n", "a scenario is a map of keys, this file holds a list (- ...)"),
        (b"\xff\xfeg\x00", "cannot read the file: the file is UTF-16, not UTF-8"),
        (b"title: caf\xe9\n", "cannot read the file: byte 0xe9 is not UTF-8 (Latin-1 or Windows text?)"),
        (b"a: [1, 2\n", "this is not valid YAML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "cannot read the file: the file is binary, not text"),
    ],
)
def test_malformed_files_get_one_located_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_bytes(data)
    with pytest.raises(ScenarioError) as caught:
        loader.load_file(path)
    (problem,) = caught.value.problems
    assert problem.source == str(path) and problem.line >= 1
    assert problem.message().startswith(message)


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        loader.load_file(tmp_path / "weg.yaml")
    assert caught.value.problems[0].code == "INC001"


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL.encode())
    assert loader.load_file(path).id == "klein"


def test_aliases_are_refused_before_they_can_expand() -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    problem = only(bomb)
    assert problem.code == "INC018" and problem.line == 1


def test_a_newer_format_is_refused_with_advice() -> None:
    problem = only(SMALL.replace("format: 1", "format: 2"))
    assert problem.code == "INC019" and "update incluzo" in (problem.hint_text() or "")


def test_messages_exist_in_dutch() -> None:
    problem = only(SMALL.replace("    text: Na zes weken.", "    tekst: Na zes weken."))
    assert problem.format("nl") == (
        "test.yaml:29:5: error: cards[2].tekst: onbekende sleutel 'tekst' (bedoelde je 'text'?)"
    )
