"""Three teams play a whole shipped scenario on the big screen by keyboard only; assertions on view data."""

from __future__ import annotations

from msgspec.structs import replace
from scene_helpers import press
from team_helpers import PRIKKELS, director, enter, reveal_and_go_on, team_app, to_round

from incluzo.engine.play import rules, teams
from incluzo.engine.play.teamviews import TeamPresenter
from incluzo.engine.scenario.loader import load_file
from incluzo.scenes.teams.debrief import TeamDebriefScene, comparison_rows
from incluzo.scenes.teams.reveal import TeamRevealScene
from incluzo.scenes.teams.rounds import TeamRoundScene

TASTE = {1: 0, 2: -1, 3: 1}  # team 1 the first affordable choice, team 2 the last, team 3 the second


def taste(scene: TeamRoundScene, number: int) -> str:
    affordable = [c.id for c in scene.team(number).choices if c.affordable]
    return affordable[TASTE[number] % len(affordable)]


def test_three_teams_play_a_whole_shipped_scenario_by_keyboard_only() -> None:
    scenario = load_file(PRIKKELS)
    app = team_app()
    to_round(app)
    steps: dict[int, list[rules.Step]] = {1: [], 2: [], 3: []}
    played: list[tuple[str, dict[int, str]]] = []
    for _ in range(40):
        scene = app.scene
        if isinstance(scene, TeamDebriefScene):
            break
        assert isinstance(scene, TeamRoundScene)
        card = scene.view.card
        playing = [t.badge.number for t in scene.view.teams if t.plays]
        picks = {n: taste(scene, n) for n in playing} if card.choices else {}
        enter(app, picks)
        for n in playing:
            steps[n].append(picks.get(n))
        assert all(t.picked for t in app.scene.view.teams if t.plays) or not card.choices  # type: ignore[attr-defined]
        press(app, "return")
        reveal = app.scene
        if card.is_event and card.poll is None:  # an event card is its own moment: no reveal after it
            assert not isinstance(reveal, TeamRevealScene)
            continue
        assert isinstance(reveal, TeamRevealScene)
        shown = {
            t.badge.number: t.decision.choice.id
            for t in reveal.view.teams
            if t.decision and t.decision.choice
        }
        assert shown == picks  # every pick revealed at once, each with its own team
        assert reveal.view.split == (len(set(picks.values())) > 1)
        if picks:
            played.append((card.id, picks))
        while app.scene is reveal:
            press(app, "return")
    scene = app.scene
    assert isinstance(scene, TeamDebriefScene)
    view = scene.view
    presenter = TeamPresenter(scenario, "nl").presenter
    for result in view.teams:
        alone = rules.replay(scenario, steps[result.badge.number])
        assert isinstance(alone, rules.GameState)
        assert result.spent_total == sum(scenario.budget) - sum(alone.meters)
        assert result.tally == alone.tally
        assert [q.points for q in result.end] == [q.points for q in presenter.position(alone.position)]
    split_cards = [card for card, picks in played if len(set(picks.values())) > 1]
    assert [s.card_id for s in view.splits] == [c.id for c in scenario.cards if c.id in split_cards]
    first_split = view.splits[0]
    assert [(b.number, c.id if c else None) for b, c in first_split.picks] == [
        (n, dict(played)[first_split.card_id].get(n)) for n in (1, 2, 3)
    ]
    rows = comparison_rows(view, scene.say)
    assert rows[1][0] == "Rood" and rows[1][1][4] == str(view.teams[0].spent_total)


def test_the_round_looks_the_same_whatever_the_teams_picked() -> None:
    app = team_app()
    to_round(app)
    enter(app, {1: "aparte-werkplek", 2: "strategieen-met-klas", 3: "sensorisch-traject"})
    team = director(app)
    other = team.play
    for number, choice in ((1, "sensorisch-traject"), (2, "aparte-werkplek"), (3, "strategieen-met-klas")):
        changed = teams.pick(team.scenario, other, number, choice)
        assert isinstance(changed, teams.TeamPlay)
        other = changed
    assert [s.pick for s in other.seats] != [s.pick for s in team.play.seats]
    assert team.presenter.round(other) == team.presenter.round(team.play)  # nothing on screen tells a pick
    scene = app.scene
    assert isinstance(scene, TeamRoundScene)
    assert [scene.status(t)[0] for t in scene.view.teams] == ["heeft gekozen"] * 3


def test_the_reveal_waits_until_every_playing_team_has_chosen() -> None:
    app = team_app()
    to_round(app)
    enter(app, {2: "strategieen-met-klas"})
    press(app, "return")
    assert isinstance(app.scene, TeamRoundScene)
    assert app.notice == "nog niet gekozen: Rood, De Uilen"
    assert app.scene.primary_key().label == "Wacht op 2 teams"  # type: ignore[union-attr]


def test_a_team_that_cannot_pay_a_choice_is_refused_with_its_own_reason() -> None:
    app = team_app()
    team = director(app)
    poor = replace(team.play.seats[0].game, meters=(0, 0, 0))
    team.play = replace(team.play, seats=(replace(team.play.seats[0], game=poor), *team.play.seats[1:]))
    team.show()
    app.show(team.screen)
    to_round(app)
    press(app, "1", "a")
    assert app.notice.startswith("te weinig")
    scene = app.scene
    assert isinstance(scene, TeamRoundScene)
    assert scene.selected == 1 and not scene.view.teams[0].picked
    assert all("te weinig" in o.reason for o in scene.options() if o.costs and any(a.amount for a in o.costs))


def test_teams_on_other_paths_sit_the_round_out_and_cannot_be_picked() -> None:
    app = team_app()
    to_round(app)
    enter(app, {1: "aparte-werkplek", 2: "strategieen-met-klas", 3: "sensorisch-traject"})
    reveal_and_go_on(app)
    scene = app.scene
    assert isinstance(scene, TeamRoundScene) and scene.view.card.id == "het-kamertje"
    assert [t.plays for t in scene.view.teams] == [True, False, False]
    press(app, "2")
    assert app.notice == "team Blauw speelt deze kaart niet: het eigen pad sloeg haar over of ging verder"
