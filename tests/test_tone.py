"""Ending tones and a scenario's play length: read, checked with located hints, shown on the start screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scenario_text import SMALL, load

from incluzo.cli import main
from incluzo.engine.analysis import tone
from incluzo.engine.analysis.checks import has_errors
from incluzo.engine.scenario.locate import Locator
from incluzo.engine.scenario.problems import ScenarioError

ENDINGS = """\
endings:
  - id: op
    when: exhausted
    tone: hard
    title: Op
    text: Het budget is op.
  - id: samen
    when: leergemeenschap > 25
    tone: good
    title: Samen
    text: Samen verder.
  - id: anders
    title: Anders
    text: Een andere weg.
"""


def test_tone_and_minutes_are_read_and_both_stay_optional() -> None:
    scenario = load(SMALL.replace("language: nl\n", "language: nl\nminutes: 10\n") + ENDINGS)
    assert scenario.minutes == 10
    assert [(e.id, e.tone) for e in scenario.endings] == [("op", "hard"), ("samen", "good"), ("anders", None)]
    plain = load()
    assert plain.minutes is None and plain.endings == ()


def test_a_misspelt_tone_is_located_with_a_suggestion() -> None:
    with pytest.raises(ScenarioError) as caught:
        load(SMALL + ENDINGS.replace("tone: good", "tone: goed"))
    [problem] = caught.value.problems
    assert problem.format() == (
        "test.yaml:51:11: error: endings[1].tone: 'goed' is not allowed here (did you mean 'good'?)"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "0 is out of range: 1 to 480"),
        ("tien", "expected a whole number, found 'tien'"),
    ],
)
def test_bad_minutes_are_located_with_what_they_mean(value: str, message: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        load(SMALL.replace("language: nl\n", f"language: nl\nminutes: {value}\n"))
    [problem] = caught.value.problems
    assert problem.format() == (
        f"test.yaml:5:10: error: minutes: {message} "
        "(about how long one game takes, in whole minutes, e.g. 'minutes: 10')"
    )


TOON = """\
format: 1
id: toon
title: Toon
language: nl
budget: {kwaliteit: 3, toegankelijkheid: 3, betaalbaarheid: 3}
cards:
  - id: vraag
    title: Vraag
    text: Een vraag.
    choices:
      - id: expert
        label: Expert
        cost: {betaalbaarheid: 2}
        move: {specialisme: 20}
        recognition: affirmatief
        outcome: Expert.
      - id: plek
        label: Plek
        cost: {toegankelijkheid: 1}
        move: {maatwerk: 20}
        recognition: affirmatief
        outcome: Plek.
      - id: team
        label: Team
        cost: {kwaliteit: 2}
        move: {professionalisering: 20}
        recognition: transformatief
        outcome: Team.
  - id: vervolg
    title: Vervolg
    text: Daarna.
    choices:
      - id: nog-een-expert
        label: Nog een expert
        cost: {betaalbaarheid: 2}
        move: {specialisme: 10}
        recognition: affirmatief
        outcome: Nog een.
      - id: team-leert-door
        label: Team leert door
        cost: {kwaliteit: 2}
        move: {professionalisering: 10}
        recognition: transformatief
        outcome: Door.
endings:
  - id: op
    when: exhausted
    tone: hard
    title: Op
    text: Op.
  - id: sterk
    when: professionalisering >= 35
    tone: good
    title: Sterk
    text: Sterk.
  - id: specialistisch
    when: specialisme >= 35
    tone: good
    title: Specialistisch
    text: Specialistisch.
  - id: anders
    tone: mixed
    title: Anders
    text: Anders.
"""


def found(text: str) -> list[tuple[str, object]]:
    return [(p.code, p.params["recognition"]) for p in tone.problems(load(text))]


def test_each_pure_policy_reaches_exactly_the_endings_its_games_can_end_in() -> None:
    scenario = load(TOON)
    # affirmative: expert (betaalbaarheid 1 left), then no affirmative is affordable: team-leert-door,
    # specialisme 39.5 -> specialistisch; or plek, then nog-een-expert -> anders
    affirmative = tone.reach(scenario, "affirmative")
    assert affirmative == tone.Reach("affirmative", frozenset({"specialistisch", "anders"}), True)
    assert tone.tones(scenario, affirmative) == {"good", "mixed"}
    # transformative: team (kwaliteit 1 left), then only nog-een-expert is affordable; professionalisering
    # 45 - 10 * 45 / 81.67 = 39.5 -> sterk
    transformative = tone.reach(scenario, "transformative")
    assert transformative.endings == {"sterk"} and tone.tones(scenario, transformative) == {"good"}


def test_a_policy_that_cannot_fail_is_reported_for_each_recognition() -> None:
    assert found(TOON) == [("INC051", "affirmatief"), ("INC051", "transformatief")]
    scenario = load(TOON)
    problem = tone.problems(scenario, Locator(scenario, TOON))[1]
    assert problem.format() == (
        "test.yaml:46:3: warning: endings: a team that chooses transformatief whenever it can never fails: "
        "no hard ending is reachable (it reaches: sterk) (let this route fail somewhere (it chafes too "
        "much, the bill arrives), or give a reachable ending 'tone: hard')"
    )


def test_a_policy_with_no_good_ending_is_a_right_answer_for_the_other() -> None:
    text = TOON.replace(
        "    when: specialisme >= 35\n    tone: good", "    when: specialisme >= 35\n    tone: mixed"
    )
    assert found(text) == [
        ("INC050", "affirmatief"),
        ("INC051", "affirmatief"),
        ("INC051", "transformatief"),
    ]


def test_a_budget_that_runs_out_is_a_hard_ending_even_the_engines_own() -> None:
    # kwaliteit 2: after team nothing is affordable on vervolg (betaalbaarheid 1, kwaliteit 0)
    tight = TOON.replace(
        "kwaliteit: 3, toegankelijkheid: 3, betaalbaarheid: 3",
        "kwaliteit: 2, toegankelijkheid: 3, betaalbaarheid: 1",
    )
    assert tone.reach(load(tight), "transformative").endings == {"op"}
    without = load(
        tight.replace("  - id: op\n    when: exhausted\n    tone: hard\n    title: Op\n    text: Op.\n", "")
    )
    reached = tone.reach(without, "transformative")
    assert reached.endings == {"incluzo:budget-op"} and tone.tones(without, reached) == {"hard"}
    # affirmative: expert is unaffordable, plek; then only team-leert-door: maatwerk 45 -> anders
    assert tone.reach(without, "affirmative").endings == {"anders"}
    assert found(tight) == [
        ("INC050", "affirmatief"),
        ("INC051", "affirmatief"),
        ("INC050", "transformatief"),
    ]


def test_a_scenario_whose_endings_have_no_tone_is_not_checked() -> None:
    assert (
        tone.problems(
            load(
                TOON.replace("    tone: good\n", "")
                .replace("    tone: hard\n", "")
                .replace("    tone: mixed\n", "")
            )
        )
        == []
    )


def test_a_search_that_hits_its_limit_says_which_checks_it_left_undone() -> None:
    assert tone.reach(load(TOON), "affirmative", limit=1).complete is False
    stopped = tone.problems(load(TOON), limit=1)
    assert [(p.code, p.params["checks"]) for p in stopped] == [
        ("INC046", "INC050, INC051 (affirmatief)"),
        ("INC046", "INC050, INC051 (transformatief)"),
    ]
    assert not has_errors(stopped, strict=True)  # the tool's own limit never fails --strict


def test_shares_count_games_per_tone_with_untoned_endings_apart() -> None:
    scenario = load(TOON)
    counted = {"sterk": 3, "anders": 1, "incluzo:budget-op": 1, "incluzo:einde": 5}
    assert tone.shares(scenario, counted) == {"good": 0.3, "mixed": 0.1, "hard": 0.1, "none": 0.5}
    assert tone.shares(scenario, {}) == {"good": 0.0, "mixed": 0.0, "hard": 0.0, "none": 0.0}


def test_check_strict_fails_on_a_right_answer_and_simulate_reports_tone_shares(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "toon.yaml"
    path.write_text(TOON, encoding="utf-8")
    assert main(["check", "--no-fit", "--json", str(path)]) == 0
    codes = [p["code"] for p in json.loads(capsys.readouterr().out) if p["code"] in ("INC050", "INC051")]
    assert codes == ["INC051", "INC051"]
    assert main(["check", "--no-fit", "--strict", str(path)]) == 1
    capsys.readouterr()
    assert main(["simulate", str(path), "--runs", "200", "--policy", "transformative", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["endings"] == {"sterk": 200}
    assert report["tones"] == {"good": 1.0, "mixed": 0.0, "hard": 0.0, "none": 0.0}
