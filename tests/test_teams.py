"""Team play: the room faces one card, teams pick in secret, reveal together, and undo exactly."""

from __future__ import annotations

from fractions import Fraction

from scenario_text import SMALL, load
from testsupport import ROOT

from incluzo.engine.logs import savelog, workshoplog
from incluzo.engine.play import rules, teams
from incluzo.engine.play.phases import Mode
from incluzo.engine.play.rules import Refusal
from incluzo.engine.play.teams import TeamPlay, Timer
from incluzo.engine.play.teamviews import TeamPresenter
from incluzo.engine.questionnaire.themes import Result
from incluzo.engine.scenario.loader import load_file
from incluzo.engine.scenario.model import Scenario

SHIPPED = ROOT / "scenarios" / "niet-schoolrijp.yaml"

# SMALL with a jump: 'werkplek' goes straight to 'evaluatie', past the event card 'bezuiniging'.
JUMP = SMALL.replace(
    "        outcome: Rust, maar buiten de groep.",
    "        outcome: Rust, maar buiten de groep.\n        next: evaluatie",
).replace(
    "    text: Een leerling raakt overprikkeld.", "    text: Een leerling raakt overprikkeld.\n    timer: 90"
)


def ok(result: TeamPlay | Refusal) -> TeamPlay:
    assert isinstance(result, TeamPlay), result
    return result


def three() -> tuple[teams.Team, ...]:
    made = teams.make_teams(["Rood", "", "De Uilen"])
    assert isinstance(made, tuple)
    return made


def round_of(scenario: Scenario, play: TeamPlay, picks: dict[int, str]) -> TeamPlay:
    for number, choice in picks.items():
        play = ok(teams.pick(scenario, play, number, choice))
    return ok(teams.go_on(scenario, ok(teams.reveal(scenario, play))))


def test_teams_get_distinct_colours_shapes_and_default_names() -> None:
    made = three()
    assert [t.name for t in made] == ["Rood", "Team 2", "De Uilen"]
    assert len({t.colour for t in made}) == 3 and len({t.symbol for t in made}) == 3
    assert [t.number for t in made] == [1, 2, 3]


def test_team_lists_that_cannot_play_are_refused_with_the_reason() -> None:
    scenario = load()
    assert teams.make_teams([]) == Refusal("team_count", "6")
    assert teams.make_teams(["a"] * 7) == Refusal("team_count", "6")
    twice = teams.make_teams(["Uilen", "uilen"])
    assert twice == Refusal("team_twice", "uilen")
    assert isinstance(twice, Refusal) and twice.message(scenario, "nl") == "twee teams heten 'uilen'"
    assert teams.make_teams(["x" * 31]) == Refusal("team_name", "x" * 30)
    assert teams.make_teams(["Rood\x1b[31m"]) == Refusal("team_name", "Rood\x1b[31m")


def test_picks_stay_hidden_and_the_reveal_waits_for_every_playing_team() -> None:
    scenario = load()
    play = ok(teams.pick(scenario, teams.begin(scenario, three()), 2, "strategie"))
    assert teams.reveal(scenario, play) == Refusal("picks_missing", "Rood, De Uilen")
    view = TeamPresenter(scenario, "nl").round(play)
    assert [(t.badge.name, t.picked) for t in view.teams] == [
        ("Rood", False),
        ("Team 2", True),
        ("De Uilen", False),
    ]
    assert view.waiting_for == ("Rood", "De Uilen")
    assert all(t.plays for t in view.teams)


def test_the_reveal_applies_every_pick_at_once_and_shows_them_side_by_side() -> None:
    scenario = load()
    play = teams.begin(scenario, three())
    for number, choice in ((1, "werkplek"), (2, "strategie"), (3, "werkplek")):
        play = ok(teams.pick(scenario, play, number, choice))
    play = ok(teams.reveal(scenario, play))
    assert play.phase == "outcome"
    view = TeamPresenter(scenario, "nl").reveal(play)
    shown = [(t.badge.name, t.decision.choice.id) for t in view.teams if t.decision and t.decision.choice]
    assert shown == [("Rood", "werkplek"), ("Team 2", "strategie"), ("De Uilen", "werkplek")]
    assert view.split
    assert [s.game.meters for s in play.seats] == [(3, 4, 2), (1, 4, 4), (3, 4, 2)]


def test_a_pick_is_checked_against_that_teams_own_budget() -> None:
    scenario = load(SMALL.replace("kwaliteit: 4,", "kwaliteit: 2,", 1))
    play = teams.begin(scenario, three())
    refused = teams.pick(scenario, play, 1, "strategie")
    assert (
        isinstance(refused, Refusal)
        and refused.message(scenario, "nl") == "te weinig kwaliteit: 3 nodig, 2 over"
    )
    assert teams.pick(scenario, play, 4, "werkplek") == Refusal("unknown_team", "4")


def test_a_team_whose_flow_jumps_ahead_sits_out_the_card_it_skipped() -> None:
    scenario = load(JUMP)
    play = round_of(scenario, teams.begin(scenario, three()), {1: "werkplek", 2: "strategie", 3: "strategie"})
    assert teams.room_card(scenario, play).id == "bezuiniging"  # type: ignore[union-attr]
    assert teams.playing(scenario, play) == (2, 3)
    assert teams.pick(scenario, play, 1, "doorgaan") == Refusal("team_waits", "Rood")
    play = ok(teams.reveal(scenario, play))  # an event card needs no picks
    assert play.last is not None and play.last.decisions[0] is None
    play = ok(teams.go_on(scenario, play))
    assert teams.playing(scenario, play) == (1, 2, 3)


def test_three_teams_play_a_whole_shipped_scenario_each_exactly_as_alone() -> None:
    scenario = load_file(SHIPPED)
    play = teams.begin(scenario, three())
    order = {1: 0, 2: -1, 3: 1}  # each team's taste: first, last or second affordable choice
    steps: dict[int, list[rules.Step]] = {1: [], 2: [], 3: []}
    rounds = 0
    while play.phase != "debrief":
        card = teams.room_card(scenario, play)
        assert card is not None
        current = [s.game.card for s in play.seats if not s.game.over]
        assert card.id == min(current, key=scenario.index.__getitem__)
        for number in teams.playing(scenario, play):
            game = play.seats[number - 1].game
            if card.is_event:
                steps[number].append(None)
                continue
            options = [c.id for c in rules.offered(scenario, game, card) if rules.affordable(game, c)]
            choice = options[order[number]] if len(options) > 1 else options[0]
            steps[number].append(choice)
            play = ok(teams.pick(scenario, play, number, choice))
        play = ok(teams.go_on(scenario, ok(teams.reveal(scenario, play))))
        rounds += 1
    assert play.over and rounds >= len(scenario.cards) - 2
    for seat in play.seats:
        assert seat.game == rules.replay(scenario, steps[seat.team.number])
    assert len({s.game.position for s in play.seats}) == 3  # three tastes, three end positions


def test_undo_of_one_team_restores_its_exact_earlier_state_several_levels_deep() -> None:
    scenario = load()
    play = teams.begin(scenario, three())
    before_first = play.seats[1].game
    play = round_of(scenario, play, {1: "werkplek", 2: "strategie", 3: "werkplek"})
    before_second = play.seats[1].game
    play = ok(teams.go_on(scenario, ok(teams.reveal(scenario, play))))  # the event card
    undone = ok(teams.undo_team(scenario, play, 2))
    assert undone.seats[1].game == before_second
    assert undone.seats[0].game == play.seats[0].game  # the other teams keep their games
    assert teams.playing(scenario, undone) == (2,)  # the room goes back to the card team 2 faces
    undone = ok(teams.undo_team(scenario, undone, 2))
    assert undone.seats[1].game == before_first
    assert teams.undo_team(scenario, undone, 2) == Refusal("nothing_to_undo")


def test_undo_of_the_room_takes_back_the_latest_round_for_every_team_in_it() -> None:
    scenario = load(JUMP)
    start = teams.begin(scenario, three())
    play = round_of(scenario, start, {1: "werkplek", 2: "strategie", 3: "strategie"})
    after_first = play
    play = ok(teams.go_on(scenario, ok(teams.reveal(scenario, play))))  # bezuiniging: teams 2 and 3
    undone = ok(teams.undo(scenario, play))
    assert [s.game for s in undone.seats] == [s.game for s in after_first.seats]
    assert undone.phase == "card" and teams.playing(scenario, undone) == (2, 3)
    undone = ok(teams.undo(scenario, undone))
    assert [s.game for s in undone.seats] == [s.game for s in start.seats]


def test_the_timer_counts_only_the_time_the_shell_passes_in() -> None:
    scenario = load(JUMP)
    play = teams.begin(scenario, three(), default_seconds=60)
    assert play.timer == Timer(90_000)  # the card's own timer
    play = teams.tick(play, 30_500)
    view = TeamPresenter(scenario, "en").round(play).timer
    assert (view.limit, view.remaining, view.expired) == (90, 60, False)
    timer = play.timer.add(-70)
    assert (timer.remaining_ms, timer.expired) == (0, True)
    assert play.timer.pause().tick(10_000).used_ms == 30_500
    assert play.timer.skip().expired


def test_the_reveal_records_the_time_used_and_the_next_card_gets_the_default_timer() -> None:
    scenario = load(JUMP)
    play = teams.tick(teams.begin(scenario, three(), default_seconds=60), 42_000)
    for number in (1, 2, 3):
        play = ok(teams.pick(scenario, play, number, "strategie"))
    play = ok(teams.reveal(scenario, play))
    assert play.last is not None and play.last.deliberation_ms == 42_000
    assert teams.tick(play, 5_000).timer.used_ms == 42_000  # no time counts on the outcome screen
    assert ok(teams.go_on(scenario, play)).timer == Timer(60_000)


def test_a_poll_in_team_play_counts_one_vote_per_team_unless_the_room_counts_are_typed() -> None:
    scenario = load(
        SMALL.replace(
            "    text: De gemeente bezuinigt.\n    cost: {betaalbaarheid: 1}",
            "    text: Wat vindt de zaal?\n    poll:\n"
            "      question: Herken je dit?\n      options:\n        - {id: ja, label: Ja}\n"
            "        - {id: nee, label: Nee}",
        )
    )
    play = round_of(scenario, teams.begin(scenario, three()), {1: "werkplek", 2: "werkplek", 3: "strategie"})
    voted = ok(teams.pick(scenario, play, 1, "ja"))
    voted = ok(teams.pick(scenario, voted, 3, "ja"))
    assert teams.pick(scenario, voted, 2, "misschien") == Refusal("unknown_option", "misschien")
    revealed = ok(teams.reveal(scenario, voted))
    assert revealed.last is not None and revealed.last.counts == (2, 0)
    assert revealed.seats[1].game.decisions[-1].counts == (2, 0)
    typed = ok(teams.reveal(scenario, play, counts=(14, 9)))
    assert typed.last is not None and typed.last.counts == (14, 9)


def test_the_debrief_compares_end_positions_spending_tallies_and_splits() -> None:
    scenario = load()
    play = round_of(scenario, teams.begin(scenario, three()), {1: "werkplek", 2: "strategie", 3: "strategie"})
    play = ok(teams.go_on(scenario, ok(teams.reveal(scenario, play))))
    play = round_of(scenario, play, {1: "doorgaan", 2: "doorgaan", 3: "specialist"})
    assert play.phase == "debrief"
    view = TeamPresenter(scenario, "nl").debrief(play)
    assert [(t.badge.name, t.spent_total, t.tally) for t in view.teams] == [
        ("Rood", 6, (1, 1)),
        ("Team 2", 6, (0, 2)),
        ("De Uilen", 9, (1, 1)),
    ]
    assert [q.points for q in view.teams[1].end] == [20, 20, 33, 27]
    assert [s.card_id for s in view.splits] == ["drukte", "evaluatie"]
    first = view.splits[0]
    assert [(b.name, c.letter if c else None) for b, c in first.picks] == [
        ("Rood", "A"),
        ("Team 2", "B"),
        ("De Uilen", "B"),
    ]
    assert not view.ended_early


def test_ending_early_keeps_every_decision_and_undo_reopens_the_game() -> None:
    scenario = load()
    play = round_of(scenario, teams.begin(scenario, three()), {1: "werkplek", 2: "strategie", 3: "werkplek"})
    ended = teams.end_early(play)
    assert ended.phase == "debrief" and ended.ended_early
    assert [s.game for s in ended.seats] == [s.game for s in play.seats]
    view = TeamPresenter(scenario, "nl").debrief(ended)
    assert view.ended_early and view.teams[0].ending_title is None
    reopened = ok(teams.undo(scenario, ended))
    assert reopened.phase == "card" and not reopened.ended_early


def test_the_map_shows_every_teams_kite_and_trail() -> None:
    scenario = load()
    play = round_of(scenario, teams.begin(scenario, three()), {1: "werkplek", 2: "strategie", 3: "werkplek"})
    maps = TeamPresenter(scenario, "nl").maps(play)
    assert [m.badge.colour for m in maps] == ["#EE6677", "#4477AA", "#228833"]  # "Rood" is red
    assert [len(m.map.trail) for m in maps] == [2, 2, 2]
    assert [q.points for q in maps[1].map.now] == [21, 22, 35, 22]


def test_a_logged_team_game_replays_to_the_same_games_and_rounds() -> None:
    scenario = load(JUMP)
    made = three()
    log = savelog.new_log(scenario, seed=0, mode=Mode.TEAMS.save_name, teams=tuple(t.name for t in made))
    play = teams.begin(scenario, made)
    actions: list[teams.TeamAction] = [
        teams.Pick(1, "werkplek"),
        teams.Pick(2, "strategie"),
        teams.Pick(3, "werkplek"),
        teams.Unpick(3),
        teams.Pick(3, "strategie"),
        teams.Reveal(),
        teams.GoOn(),
        teams.Reveal(),
        teams.GoOn(),
        teams.UndoTeam(2),
        teams.Reveal(),
        teams.GoOn(),
        teams.UndoRound(),
        teams.EndEarly(),
    ]
    for action in actions:
        play = teams.tick(play, 1_500)
        result, entry = workshoplog.perform(scenario, play, action)
        assert isinstance(result, TeamPlay) and entry is not None, (action, result)
        play, log = result, log.appended(entry)
    text = log.text()
    assert '"type":"team-reveal","card":"drukte","ms":9000' in text
    replayed = workshoplog.replay(scenario, savelog.read(text.encode("utf-8")))
    assert replayed.misfit is None and replayed.steps == len(actions) and replayed.log == log
    assert replayed.state.seats == play.seats
    assert (replayed.state.phase, replayed.state.rounds, replayed.state.ended_early) == ("debrief", 3, True)


def test_a_profile_note_keeps_the_exact_fractions() -> None:
    found = Result(
        (Fraction(240, 7), Fraction(230, 7), Fraction(150, 7), Fraction(80, 7)), (Fraction(25),) * 4, 3
    )
    entry = workshoplog.profile_entry(found, "welke-bril", "Rood")
    decoded = savelog.decode_line(savelog.encode(entry))
    assert isinstance(decoded, savelog.ProfileEntry) and decoded.current[0] == "240/7"
    assert workshoplog.profile_of(decoded) == found


def test_a_team_log_stops_where_a_changed_scenario_no_longer_fits() -> None:
    scenario = load(JUMP)
    made = three()
    log = savelog.new_log(scenario, seed=0, mode=Mode.TEAMS.save_name, teams=tuple(t.name for t in made))
    play = teams.begin(scenario, made)
    for action in (
        teams.Pick(1, "werkplek"),
        teams.Pick(2, "strategie"),
        teams.Pick(3, "strategie"),
        teams.Reveal(),
    ):
        result, entry = workshoplog.perform(scenario, play, action)
        assert isinstance(result, TeamPlay) and entry is not None
        play, log = result, log.appended(entry)
    changed = load(JUMP.replace("id: drukte", "id: drukte-in-de-klas"))
    replayed = workshoplog.replay(changed, log)
    assert replayed.steps == 0 and replayed.misfit is not None
    assert (replayed.misfit.step, replayed.misfit.dropped) == (1, 3)
    assert replayed.misfit.reason.text("nl") == (
        "deze stap hoort bij kaart 'drukte', maar het spel toont nu een andere kaart"
    )
