"""INC049: `check` warns where a condition on the exact position decides against what the screen shows."""

from __future__ import annotations

from testsupport import SCENARIOS, dedent

from incluzo.engine.analysis.explore import analyse
from incluzo.engine.play import position
from incluzo.engine.scenario.loader import load_text

# From 25 each: x moves 10 toward maatwerk, so professionalisering ends at 21.67 (shown 22); y moves 5
# toward specialisme, so it ends at 23.33 (shown 23).
SCENARIO = dedent("""
    format: 1
    id: r
    title: R
    language: nl
    budget: {kwaliteit: 2, toegankelijkheid: 2, betaalbaarheid: 2}
    cards:
      - id: a
        title: A
        text: T
        choices:
          - {id: x, label: X, cost: {kwaliteit: 1}, move: {maatwerk: 10}, recognition: affirmatief,
             outcome: O}
          - {id: y, label: Y, cost: {betaalbaarheid: 1}, move: {specialisme: 5}, recognition: transformatief,
             outcome: O}
      - id: b
        title: B
        text: T
        choices:
          - {id: p, label: P, cost: {kwaliteit: 1}, move: {leergemeenschap: 5}, recognition: affirmatief,
             outcome: O}
          - {id: q, label: Q, when: professionalisering >= 22, cost: {betaalbaarheid: 1},
             move: {specialisme: 5}, recognition: transformatief, outcome: O}
    endings:
      - id: sterk
        when: WHEN
        title: S
        text: S
      - id: anders
        title: A
        text: A
""")


def findings(when: str, text: str = SCENARIO) -> list[str]:
    scenario = load_text(text.replace("WHEN", when), "r.yaml")
    return [
        f"{p.path}|{p.format('en')}|{p.format('nl')}"
        for p in analyse(scenario, text.replace("WHEN", when))
        if p.code == "INC049"
    ]


def test_the_displayed_value_is_the_screens_rounding() -> None:
    after_x = position.move(position.even(4), (0, 10, 0, 0))
    assert position.to_points(after_x)[2] == 22 and position.exact_points(after_x[2]) < 22


def test_an_ending_missed_by_a_value_shown_as_its_threshold_is_named_with_the_game() -> None:
    found = findings("professionalisering >= 22 and leergemeenschap < 50")
    ending = [f for f in found if f.startswith("endings[0].when|")]
    assert len(ending) == 1
    english, dutch = ending[0].split("|")[1:]
    assert "'professionalisering >= 22' in ending 'sterk' is decided on exact points" in english
    assert (
        "on the path y > p professionalisering is 21.81, shown as 22, and the condition does not hold"
        in english
    )
    assert "'professionalisering >= 22' bij einde 'sterk'" in dutch
    assert (
        "op het pad y > p is professionalisering 21,81, getoond als 22, en de voorwaarde geldt niet" in dutch
    )
    assert english.startswith("r.yaml:25:11: warning: ")


def test_a_condition_that_holds_on_a_value_shown_above_it_is_named_too() -> None:
    (ending,) = [f for f in findings("professionalisering < 22") if f.startswith("endings[0]")]
    assert "professionalisering is 21.81, shown as 22, and the condition holds" in ending


def test_a_choice_condition_on_a_shown_card_is_checked() -> None:
    choice = [f for f in findings("seen a") if f.startswith("cards[1].choices[1].when|")]
    assert (
        len(choice) == 1 and "in choice 'q'" in choice[0] and "on the path x professionalisering" in choice[0]
    )


def test_thresholds_clear_of_every_reached_value_give_no_warning() -> None:
    text = SCENARIO.replace("when: professionalisering >= 22, ", "")
    assert findings("professionalisering >= 20", text) == []
    assert findings("professionalisering > 23", text) == []  # 23.33 shows 23 and passes: the other way
    assert findings("professionalisering >= 23 or true", text) == []  # the verdict cannot change


def test_the_shipped_scenarios_end_clear_of_their_thresholds() -> None:
    for path in SCENARIOS:
        text = path.read_text(encoding="utf-8")
        found = [p.format("en") for p in analyse(load_text(text, str(path)), text) if p.code == "INC049"]
        assert found == [], path.name


def test_a_cards_own_condition_is_checked_where_the_rules_read_it() -> None:
    text = SCENARIO.replace("  - id: b\n", "  - id: b\n    when: professionalisering >= 22\n")
    (card,) = [f for f in findings("seen a", text) if f.startswith("cards[1].when|")]
    assert "'professionalisering >= 22' in card 'b'" in card
    assert "on the path x professionalisering is 21.67, shown as 22, and the condition does not hold" in card
    assert "bij kaart 'b'" in card
