"""Ending tones and a scenario's play length: read, checked with located hints, shown on the start screen."""

from __future__ import annotations

import pytest
from scenario_text import SMALL, load

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
