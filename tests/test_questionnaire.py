"""The "Welke bril?" questionnaire: themes from YAML and OCAI scoring, exact to the last digit."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from scenario_text import load
from testsupport import ROOT, dedent

from incluzo.engine.play import position, rules
from incluzo.engine.questionnaire import themes as questionnaire
from incluzo.engine.questionnaire.themes import Response, Sheet
from incluzo.engine.scenario.problems import ScenarioError

WELKE_BRIL = ROOT / "questionnaires" / "welke-bril.yaml"

# The worked example of the domain brief: 7 themes, points per theme for S / IM / P / L.
CURRENT = ((4, 3, 2, 1), (3, 4, 2, 1), (5, 3, 1, 1), (2, 4, 3, 1), (3, 3, 3, 1), (4, 2, 2, 2), (3, 4, 2, 1))
DESIRED = ((1, 2, 4, 3), (1, 3, 3, 3), (2, 2, 3, 3), (1, 2, 4, 3), (1, 2, 4, 3), (2, 2, 3, 3), (1, 3, 3, 3))

TWO_THEMES = """\
format: 1
id: proef
title: Proef
language: nl
themes:
  - id: opp
    title: OPP
    situations:
      specialisme: S
      maatwerk: M
      professionalisering: P
      leergemeenschap: L
  - id: basis
    title: Basis
    situations:
      specialisme: S
      maatwerk: M
      professionalisering: P
      leergemeenschap: L
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        questionnaire.load_text(dedent(text), "q.yaml")
    return [p.format() for p in caught.value.problems]


def test_the_worked_example_scores_exactly_as_the_domain_brief_says() -> None:
    assert questionnaire.score(CURRENT) == (
        Fraction(240, 7),
        Fraction(230, 7),
        Fraction(150, 7),
        Fraction(80, 7),
    )
    assert questionnaire.score(DESIRED) == (Fraction(90, 7), Fraction(160, 7), Fraction(240, 7), Fraction(30))


def test_the_worked_example_shows_the_briefs_rounded_numbers() -> None:
    found = questionnaire.result([Response(CURRENT, DESIRED)])
    view = questionnaire.present(questionnaire.load_text(TWO_THEMES), found, "en")
    assert [s.current_text for s in view.scores] == ["34.29", "32.86", "21.43", "11.43"]
    assert [s.desired_text for s in view.scores] == ["12.86", "22.86", "34.29", "30.00"]
    assert [s.difference_text for s in view.scores] == ["-21.43", "-10.00", "+12.86", "+18.57"]


def test_a_difference_of_exactly_ten_counts_as_meaningful() -> None:
    found = questionnaire.result([Response(CURRENT, DESIRED)])
    assert found.differences[1] == -10
    assert found.meaningful() == (True, True, True, True)
    assert found.meaningful(threshold=11) == (True, False, True, True)


def test_floats_would_miss_the_threshold_where_fractions_do_not() -> None:
    assert 70 / 6 - 130 / 6 != -10  # the trap the brief warns about
    assert questionnaire.meaningful(Fraction(70, 6) - Fraction(130, 6))


def test_a_team_profile_is_the_mean_of_its_respondents_profiles() -> None:
    one = Response(((10, 0, 0, 0), (0, 10, 0, 0)), ((0, 0, 10, 0), (0, 0, 0, 10)))
    two = Response(((4, 3, 2, 1), (4, 3, 2, 1)), ((1, 2, 3, 4), (1, 2, 3, 4)))
    # one: current 50/50/0/0, desired 0/0/50/50; two: current 40/30/20/10, desired 10/20/30/40
    found = questionnaire.result([one, two])
    assert found.current == (45, 40, 10, 5)
    assert found.desired == (5, 10, 40, 45)
    assert found.respondents == 2
    assert found.differences == (-40, -30, 30, 40)


def test_each_team_has_the_mean_of_its_own_respondents_and_no_teams_gives_none() -> None:
    one = Response(((10, 0, 0, 0),), ((0, 0, 0, 10),))
    two = Response(((0, 10, 0, 0),), ((0, 0, 10, 0),))
    three = Response(((0, 0, 10, 0),), ((0, 10, 0, 0),))
    found = questionnaire.team_results([one, two, three], ["Blauw", "Rood", "Blauw"])
    assert [(team, r.current, r.respondents) for team, r in found] == [
        ("Blauw", (50, 0, 50, 0), 2),
        ("Rood", (0, 100, 0, 0), 1),
    ]
    assert found[0][1] == questionnaire.result([one, three])  # scored as everyone's is
    assert questionnaire.team_results([one, two], ["", ""]) == ()


def test_a_profile_becomes_an_exact_start_position_by_largest_remainder() -> None:
    units = questionnaire.to_position(questionnaire.score(CURRENT))
    assert units == (34_285_714, 32_857_143, 21_428_572, 11_428_571)
    assert sum(units) == position.TOTAL


def test_a_scenario_can_start_at_the_rooms_current_profile_and_aim_at_its_desired_one() -> None:
    found = questionnaire.result([Response(CURRENT, DESIRED)])
    scenario = questionnaire.start_from(load(), found)
    assert scenario.position == questionnaire.to_position(found.current)
    assert scenario.desired == (12_857_143, 22_857_143, 34_285_714, 30_000_000)
    assert rules.begin(scenario).position == scenario.position
    assert scenario.card("evaluatie").id == "evaluatie"  # the card index still works


def test_points_that_do_not_sum_to_ten_are_refused_with_the_reason() -> None:
    problem = questionnaire.check_points((3, 3, 2, 1))
    assert problem is not None
    assert problem.message("nl") == "de punten tellen op tot 9, niet 10"
    assert problem.hint_text("en") == "distribute exactly 10 points over the four situations"
    too_many = questionnaire.check_points((11, 0, 0, 0))
    assert too_many is not None and too_many.message() == "11 is out of range: 0 to 10"
    assert questionnaire.check_points((10, 0, 0, 0)) is None


def test_a_sheet_asks_every_current_theme_then_every_desired_one() -> None:
    sheet = Sheet(themes=2)
    assert (sheet.part, sheet.theme) == ("huidig", 0)
    refused = sheet.answer((5, 5, 1, 0))
    assert not isinstance(refused, Sheet) and refused.code == "INC103"
    for points in ((4, 3, 2, 1), (2, 2, 3, 3), (1, 2, 3, 4)):
        answered = sheet.answer(points)
        assert isinstance(answered, Sheet)
        sheet = answered
    assert (sheet.part, sheet.theme) == ("gewenst", 1)
    assert sheet.back().desired == ()
    done = sheet.answer((0, 0, 5, 5))
    assert isinstance(done, Sheet) and done.complete
    assert done.response() == Response(((4, 3, 2, 1), (2, 2, 3, 3)), ((1, 2, 3, 4), (0, 0, 5, 5)))


def test_the_shipped_questionnaire_has_the_decks_two_themes_in_dutch_and_english() -> None:
    found = questionnaire.load_file(WELKE_BRIL)
    assert [t.id for t in found.themes] == ["opp", "basisondersteuning"]
    assert found.translations == ("en",)
    opp = found.themes[0]
    assert opp.situations[1].get("nl").startswith("Het OPP is een afstemmingsinstrument")
    assert all(s.languages == ("nl", "en") for t in found.themes for s in t.situations)
    assert found.columns()[:2] == ("opp.huidig.specialisme", "opp.huidig.maatwerk")
    assert len(found.columns()) == 16


def test_a_missing_situation_is_a_located_error() -> None:
    text = TWO_THEMES.replace("      leergemeenschap: L\n  - id: basis", "  - id: basis")
    assert problems_of(text) == [
        "q.yaml:9:7: error: themes[0].situations: missing required key 'leergemeenschap'"
    ]


def test_a_misspelt_quadrant_and_a_repeated_theme_id_are_reported_together() -> None:
    text = TWO_THEMES.replace("      maatwerk: M\n  ", "      maatwrk: M\n  ", 1).replace(
        "id: basis", "id: opp"
    )
    assert problems_of(text) == [
        "q.yaml:10:7: error: themes[0].situations.maatwrk: unknown key 'maatwrk' (did you mean 'maatwerk'?)",
        "q.yaml:13:9: error: themes[1].id: theme id 'opp' is used twice (first on line 6) "
        "(give each one its own id)",
    ]


def test_a_questionnaire_that_is_a_list_says_how_to_start() -> None:
    assert problems_of("- opp\n") == [
        "q.yaml:1:1: error: a questionnaire is a map of keys, this file holds a list (- ...) "
        "(a questionnaire starts with 'format: 1' and has 'id', 'title', 'language' and 'themes' "
        "(see docs/questionnaire.md))"
    ]


def test_decimals_round_half_away_from_zero_in_the_languages_style() -> None:
    assert questionnaire.decimal_text(Fraction(12345, 1000), "nl") == "12,35"
    assert questionnaire.decimal_text(Fraction(-12345, 1000), "en") == "-12.35"
    assert questionnaire.decimal_text(Fraction(0), "en", signed=True) == "+0.00"


def test_the_files_are_read_from_disk_with_their_path_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "leeg.yaml"
    path.write_text("format: 1\nid: leeg\ntitle: Leeg\nlanguage: nl\nthemes: []\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        questionnaire.load_file(path)
    assert (
        caught.value.problems[0].format()
        == f"{path}:5:9: error: themes: a questionnaire needs at least one theme"
    )


def test_a_text_in_the_wrong_form_gets_the_text_form_hint_with_its_braces() -> None:
    text = TWO_THEMES.replace("    title: OPP\n", "    title: [OPP]\n")
    assert problems_of(text) == [
        "q.yaml:7:12: error: themes[0].title: expected a text, found a list (- ...) "
        "(write one string, or a map per language like {nl: ..., en: ...})"
    ]
