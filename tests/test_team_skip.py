"""Skipping a card (rules.skip, teams.skip) and team colours by name: pure engine behaviour."""

from __future__ import annotations

from scenario_text import load

from incluzo.engine.logs import savelog, workshoplog
from incluzo.engine.play import rules, teams
from incluzo.engine.play.phases import Mode
from incluzo.engine.play.rules import SKIP, Outcome, Refusal
from incluzo.engine.play.teams import TeamPlay
from incluzo.engine.play.teamviews import TeamPresenter


def ok(result: TeamPlay | Refusal) -> TeamPlay:
    assert isinstance(result, TeamPlay), result
    return result


def two() -> tuple[teams.Team, ...]:
    made = teams.make_teams(["Uilen", "Vossen"])
    assert isinstance(made, tuple)
    return made


def test_a_skipped_card_costs_nothing_moves_nothing_and_goes_to_the_next_card() -> None:
    scenario = load()
    start = rules.begin(scenario)
    result = rules.skip(scenario, start)
    assert isinstance(result, Outcome)
    assert result.state.card == "bezuiniging"
    assert result.state.meters == start.meters and result.state.position == start.position
    assert result.state.tally == (0, 0)
    assert result.decision.skipped and result.decision.choice is None


def test_a_game_with_a_skip_replays_to_the_same_state() -> None:
    scenario = load()
    state = rules.replay(scenario, ["werkplek", SKIP, "doorgaan"])
    assert isinstance(state, rules.GameState) and state.over
    assert [d.skipped for d in state.decisions] == [False, True, False]
    assert rules.history(scenario, state)[-1] == state


def test_skipping_is_refused_when_the_game_is_over() -> None:
    scenario = load()
    over = rules.replay(scenario, ["werkplek", None, "doorgaan"])
    assert isinstance(over, rules.GameState)
    assert rules.skip(scenario, over) == Refusal("game_over")


def test_a_team_skip_passes_the_card_for_every_team_on_it_and_undo_brings_it_back() -> None:
    scenario = load()
    play = ok(teams.pick(scenario, teams.begin(scenario, two()), 1, "werkplek"))
    skipped = ok(teams.skip(scenario, play))
    assert teams.room_card(scenario, skipped).id == "bezuiniging"  # type: ignore[union-attr]
    assert [s.pick for s in skipped.seats] == [None, None]  # the hidden pick was dropped
    assert [s.game.meters for s in skipped.seats] == [scenario.budget, scenario.budget]
    back = ok(teams.undo(scenario, skipped))
    assert [s.game for s in back.seats] == [s.game for s in play.seats]
    assert teams.room_card(scenario, back).id == "drukte"  # type: ignore[union-attr]


def test_a_skipped_card_is_no_split_in_the_debrief() -> None:
    scenario = load()
    play = ok(teams.skip(scenario, teams.begin(scenario, two())))
    assert TeamPresenter(scenario, "nl").splits(play) == ()


def test_a_skip_is_logged_and_replays() -> None:
    scenario = load()
    play = teams.begin(scenario, two())
    log = savelog.new_log(scenario, seed=0, mode=Mode.TEAMS.save_name, teams=("Uilen", "Vossen"))
    result, entry = workshoplog.perform(scenario, play, teams.Skip())
    assert isinstance(result, TeamPlay) and isinstance(entry, savelog.TeamSkipEntry)
    assert entry.card == "drukte"
    text = log.appended(entry).text()
    assert '"type":"team-skip"' in text
    replayed = workshoplog.replay(scenario, savelog.read(text.encode()))
    assert replayed.misfit is None and replayed.state == result


def test_a_team_named_after_a_colour_gets_that_colour_and_the_others_the_rest() -> None:
    made = teams.make_teams(["Rood", "Uilen", "blue"])
    assert isinstance(made, tuple)
    assert [(t.name, t.colour, t.symbol) for t in made] == [
        ("Rood", "#EE6677", "triangle"),
        ("Uilen", "#228833", "square"),
        ("blue", "#4477AA", "circle"),
    ]


def test_two_teams_named_after_one_colour_get_two_colours() -> None:
    made = teams.make_teams(["Rood", "Red"])
    assert isinstance(made, tuple)
    assert len({t.colour for t in made}) == 2 and made[0].colour == "#EE6677"


def test_only_a_log_that_names_its_teams_is_a_team_game() -> None:
    scenario = load()
    group = savelog.new_log(scenario, seed=0, mode="team")
    competing = savelog.new_log(scenario, seed=0, mode="team", teams=("A", "B"))
    assert not workshoplog.is_team_game(group.header)
    assert workshoplog.is_team_game(competing.header)
