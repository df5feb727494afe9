"""Phases and modes are shared enums; both flows are tables in one format, and docs/architecture.md draws
them as they are."""

from __future__ import annotations

from testsupport import ROOT

from incluzo.engine.play import teams
from incluzo.engine.play.diagram import diagrams
from incluzo.engine.play.phases import Mode, Phase
from incluzo.engine.play.rules import Refusal
from incluzo.engine.play.session import Choose, Session, Start
from incluzo.engine.play.teams import TeamAction, TeamPlay
from incluzo.engine.scenario.loader import load_file

SHIPPED = ROOT / "scenarios" / "niet-schoolrijp.yaml"


def test_a_save_keeps_its_words_and_reads_old_headers() -> None:
    assert Mode.of_save("solo") is Mode.SOLO
    assert Mode.of_save("team") is Mode.GROUP  # one group: the header names no teams
    assert Mode.of_save("team", ("Rood", "Blauw")) is Mode.TEAMS  # competing teams, as saves always wrote
    assert Mode.of_save("teams", ("Rood",)) is Mode.TEAMS
    assert [m.save_name for m in Mode] == ["solo", "team", "team"]
    assert Mode.GROUP == "team" and Phase.CARD == "card"  # the words of the messages and the saves


def test_the_session_reports_its_phase_as_the_enum() -> None:
    scenario = load_file(SHIPPED)
    session = Session(scenario)
    assert session.phase is Phase.BRIEFING
    assert session.apply(Start()) is None and session.phase is Phase.CARD
    card = scenario.card(session.game.card or "")
    assert session.apply(Choose(card.choices[0].id)) is None and session.phase is Phase.OUTCOME


def destinations(trigger: str, phase: Phase) -> set[str]:
    found = set()
    for row in teams.TRANSITIONS:
        sources = row["source"] if isinstance(row["source"], list) else [row["source"]]
        if row["trigger"] == trigger and phase in sources:
            found.add(row["dest"])
    return found


def test_the_team_table_says_what_teams_apply_does_in_every_phase_of_a_whole_game() -> None:
    """At every state of a played game, each kind of action is refused for its phase exactly when the table
    has no row for it, and when it is taken it lands where a row leads."""
    scenario = load_file(SHIPPED)
    made = teams.make_teams(["Rood", "Blauw"])
    assert isinstance(made, tuple)
    play = teams.begin(scenario, made)
    seen: set[tuple[str, Phase]] = set()
    for _ in range(40):
        card = teams.room_card(scenario, play)
        choice = card.choices[0].id if card is not None and card.choices else ""
        tries: list[TeamAction] = [
            teams.Pick(1, choice),
            teams.Unpick(1),
            teams.Reveal(),
            teams.GoOn(),
            teams.Skip(),
            teams.EndEarly(),
            teams.UndoRound(),
        ]
        for action in tries:
            trigger = teams.TRIGGERS[type(action)]
            result = teams.apply(scenario, play, action)
            allowed = destinations(trigger, play.phase)
            if isinstance(result, Refusal) and result.code == "wrong_phase":
                assert not allowed, (trigger, play.phase)
            else:
                assert allowed, (trigger, play.phase, result)
                if isinstance(result, TeamPlay):
                    assert result.phase in allowed, (trigger, play.phase, result.phase)
                    seen.add((trigger, play.phase))
        if play.phase is Phase.DEBRIEF:
            break
        if play.phase is Phase.CARD:
            assert card is not None
            offered = [o.id for o in card.poll.options] if card.poll else [c.id for c in card.choices]
            for number in teams.playing(scenario, play):
                picks = (teams.apply(scenario, play, teams.Pick(number, option)) for option in offered)
                play = next((p for p in picks if isinstance(p, TeamPlay)), play)
            revealed = teams.apply(scenario, play, teams.Reveal())
            assert isinstance(revealed, TeamPlay), revealed
            play = revealed
        else:
            went = teams.apply(scenario, play, teams.GoOn())
            assert isinstance(went, TeamPlay), went
            play = went
    assert play.phase is Phase.DEBRIEF
    assert {("reveal", Phase.CARD), ("go_on", Phase.OUTCOME), ("undo", Phase.DEBRIEF)} <= seen


def test_docs_architecture_draws_both_flows_as_they_are() -> None:
    """docs/architecture.md ends with the diagrams; `python -m incluzo.engine.play.diagram` prints them."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert text.endswith(diagrams()), "run: python -m incluzo.engine.play.diagram, and put it at the end"
    assert "card --> outcome: choose [is_accepted]" in text and "card --> outcome: reveal" in text
