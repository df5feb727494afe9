"""Poll cards: a question to the room with 2-6 options; counts are recorded, never scored."""

from __future__ import annotations

import pytest
from scenario_text import load

from incluzo.engine.logs import savelog
from incluzo.engine.play import rules, views
from incluzo.engine.play.rules import Outcome, Refusal
from incluzo.engine.play.session import Advance, Session, Start
from incluzo.engine.scenario.problems import ScenarioError

POLL = """\
format: 1
id: peiling
title: Peiling
language: nl
budget: {kwaliteit: 3, toegankelijkheid: 3, betaalbaarheid: 3}
cards:
  - id: opp-ervaring
    title: Het OPP
    text: Wat zegt de zaal?
    poll:
      question: Hoe wordt het OPP ervaren?
      options:
        - {id: verplicht, label: een verplicht document}
        - {id: gesprek, label: een startpunt voor gesprek}
        - {id: kompas, label: een kompas voor ontwikkeling}
  - id: model
    title: Welk model?
    text: Kies een kwadrant.
    poll:
      question: Welk model herken jij?
      marks: numbers
      options:
        - {id: specialisme, label: Specialisme, quadrant: specialisme}
        - {id: maatwerk, label: Individueel maatwerk, quadrant: maatwerk}
"""


def errors_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load(text)
    return [p.format() for p in caught.value.problems]


def test_a_poll_card_loads_its_question_options_and_marks() -> None:
    scenario = load(POLL)
    first, second = scenario.cards
    assert first.poll is not None and second.poll is not None
    assert first.is_event and not first.choices
    assert [o.id for o in first.poll.options] == ["verplicht", "gesprek", "kompas"]
    assert [first.poll.mark(i) for i in range(3)] == ["A", "B", "C"]
    assert [second.poll.mark(i) for i in range(2)] == ["1", "2"]
    assert second.poll.options[1].quadrant == "maatwerk"


def test_a_poll_with_one_option_is_a_located_error() -> None:
    text = POLL.replace("        - {id: specialisme, label: Specialisme, quadrant: specialisme}\n", "")
    assert errors_of(text) == [
        "test.yaml:23:9: error: cards[1].poll.options: a poll has 2 to 6 options, this one has 1 "
        "(give the poll 2 to 6 options)"
    ]


def test_a_poll_card_with_choices_or_cost_is_an_error_naming_the_key() -> None:
    text = POLL.replace(
        "    text: Wat zegt de zaal?\n", "    text: Wat zegt de zaal?\n    cost: {kwaliteit: 1}\n"
    )
    assert errors_of(text) == [
        "test.yaml:10:11: error: cards[0].cost: a poll card cannot have 'cost' (a poll changes nothing: "
        "put choices, costs and moves on a card of their own)"
    ]


def test_option_ids_are_unique_and_quadrants_must_exist() -> None:
    text = POLL.replace("{id: gesprek,", "{id: verplicht,").replace(
        "quadrant: maatwerk}", "quadrant: maatwrk}"
    )
    found = errors_of(text)
    assert found == [
        "test.yaml:14:16: error: cards[0].poll.options[1].id: option id 'verplicht' is used twice "
        "(first on line 13) (give each one its own id)",
        "test.yaml:24:65: error: cards[1].poll.options[1].quadrant: 'maatwrk' is not allowed here "
        "(did you mean 'maatwerk'?)",
    ]


def test_passing_a_poll_records_the_counts_and_changes_no_meter_or_position() -> None:
    scenario = load(POLL)
    start = rules.begin(scenario)
    result = rules.advance(scenario, start, (4, 11, 7))
    assert isinstance(result, Outcome)
    assert result.decision.counts == (4, 11, 7)
    assert result.state.meters == start.meters and result.state.position == start.position
    assert result.state.tally == (0, 0) and result.state.card == "model"


def test_a_poll_may_be_passed_without_counts() -> None:
    scenario = load(POLL)
    result = rules.advance(scenario, rules.begin(scenario))
    assert isinstance(result, Outcome) and result.decision.counts is None


def test_counts_of_the_wrong_length_or_negative_are_refused() -> None:
    scenario = load(POLL)
    start = rules.begin(scenario)
    assert rules.advance(scenario, start, (1, 2)) == Refusal("poll_counts", "3")
    assert rules.advance(scenario, start, (1, -2, 3)) == Refusal("poll_counts", "3")
    refused = rules.advance(scenario, start, (1, 2))
    assert isinstance(refused, Refusal)
    assert refused.message(scenario, "nl") == "geef voor elk van de 3 opties één heel aantal van 0 of meer"


def test_counts_on_an_event_card_that_is_not_a_poll_are_refused() -> None:
    scenario = load()
    state = rules.begin(scenario)
    state = rules.choose(scenario, state, "werkplek").state  # type: ignore[union-attr]
    assert rules.advance(scenario, state, (1, 2)) == Refusal("not_poll")


def test_the_card_view_shows_the_poll_with_marks_and_quadrant_colours() -> None:
    session = Session(load(POLL))
    session.apply(Start())
    session.apply(Advance((4, 11, 7)))
    view = views.present(session)
    assert isinstance(view, views.CardView) and view.poll is not None
    assert view.poll.question == "Welk model herken jij?"
    assert [(o.mark, o.label, o.colour) for o in view.poll.options] == [
        ("1", "Specialisme", "#0072B2"),
        ("2", "Individueel maatwerk", "#E69F00"),
    ]
    assert view.poll.total is None and view.poll.options[0].count is None


def test_the_chart_data_holds_the_typed_counts_and_percentages_summing_to_100() -> None:
    scenario = load(POLL)
    presenter = views.Presenter(scenario, "nl")
    chart = presenter.poll(scenario.cards[0], (4, 11, 7))
    assert chart is not None
    assert [(o.mark, o.count, o.percent) for o in chart.options] == [
        ("A", 4, 18),
        ("B", 11, 50),
        ("C", 7, 32),
    ]
    assert chart.total == 22


def test_the_debrief_keeps_each_polls_counts_and_undo_takes_them_back() -> None:
    session = Session(load(POLL))
    session.apply(Start())
    assert session.apply(Advance((4, 11, 7))) is None
    assert session.apply(Advance((9, 3))) is None
    debrief = views.present(session)
    assert isinstance(debrief, views.DebriefView)
    assert [[o.count for o in d.poll.options] for d in debrief.decisions if d.poll] == [[4, 11, 7], [9, 3]]
    assert session.undo()
    assert [d.counts for d in session.game.decisions] == [(4, 11, 7)]
    assert session.game.card == "model"


def test_replay_takes_poll_counts_as_steps() -> None:
    scenario = load(POLL)
    state = rules.replay(scenario, [(1, 2, 3), None])
    assert isinstance(state, rules.GameState)
    assert [d.counts for d in state.decisions] == [(1, 2, 3), None]


def test_a_saved_session_restores_the_poll_counts_it_recorded() -> None:
    scenario = load(POLL)
    session = Session(scenario)
    log = savelog.new_log(scenario, seed=1, mode="solo")
    for step in (Start(), Advance((4, 11, 7)), Advance((9, 3))):
        refusal, entry = savelog.perform(session, step)
        assert refusal is None and entry is not None
        log = log.appended(entry)
    restored = savelog.replay(scenario, savelog.read(log.text().encode("utf-8"))).state
    assert [d.counts for d in restored.game.decisions] == [(4, 11, 7), (9, 3)]
    assert restored.game == session.game


def test_the_leading_options_are_those_with_the_most_votes_every_one_on_a_tie() -> None:
    from incluzo.engine.play.views import PollOptionView, PollView

    def poll(*counts: int | None) -> PollView:
        options = tuple(
            PollOptionView(f"o{i}", "ABC"[i], f"optie {i}", c, 0, None, None) for i, c in enumerate(counts)
        )
        return PollView("Vraag?", options, None if counts[0] is None else sum(c or 0 for c in counts))

    assert poll(3, 7, 2).leading == ("o1",)
    assert poll(5, 1, 5).leading == ("o0", "o2")  # a tie: both lead
    assert poll(0, 0, 0).leading == ()  # nobody voted: nothing leads
    assert poll(None, None, None).leading == ()  # before the counts are in


def test_a_poll_view_carries_the_cards_discussion_questions() -> None:
    from testsupport import ROOT

    from incluzo.engine.play.views import Presenter
    from incluzo.engine.scenario.loader import load_file

    scenario = load_file(ROOT / "scenarios" / "opening.yaml")
    card = scenario.card("opp-in-de-praktijk")
    poll = Presenter(scenario, "en").poll(card, (1, 2, 0, 0, 0))
    assert poll is not None and poll.discuss == (
        "What does it take to turn a required document into a compass for development?",
    )
