"""The facilitator's controls in team play, each by its key (and the picks by mouse)."""

from __future__ import annotations

from scene_helpers import click, press
from team_helpers import director, enter, reveal_and_go_on, team_app, to_round

from incluzo.engine.logs import savelog
from incluzo.scenes.kit.input import Click
from incluzo.scenes.screens.overlays import PauseOverlay
from incluzo.scenes.teams.debrief import TeamDebriefScene
from incluzo.scenes.teams.director import TeamHelpOverlay
from incluzo.scenes.teams.maps import TeamMapOverlay
from incluzo.scenes.teams.reveal import TeamRevealScene
from incluzo.scenes.teams.rounds import TeamRoundScene

FIRST = {1: "aparte-werkplek", 2: "strategieen-met-klas", 3: "sensorisch-traject"}


def round_scene(app: object) -> TeamRoundScene:
    scene = app.scene  # type: ignore[attr-defined]
    assert isinstance(scene, TeamRoundScene)
    return scene


def test_plus_and_minus_add_and_take_away_deliberation_time() -> None:
    app = team_app()
    to_round(app)
    press(app, "+", "+")
    assert director(app).play.timer.limit_ms == 180_000
    press(app, "-")
    assert round_scene(app).view.timer.limit == 150


def test_the_countdown_runs_with_the_time_that_passes_and_t_stops_it() -> None:
    app = team_app()
    to_round(app)
    app.step([], 10.0)
    assert round_scene(app).timer_text() == ("Tijd 1:50", False)
    press(app, "t")
    app.step([], 30.0)
    assert round_scene(app).timer_text() == ("Tijd 1:50 (klok staat stil)", False)
    press(app, "t")
    app.step([], 5.0)
    assert round_scene(app).view.timer.remaining == 105


def test_s_ends_the_deliberation_and_choosing_is_still_possible() -> None:
    app = team_app()
    to_round(app)
    press(app, "s")
    assert round_scene(app).timer_text() == ("Tijd is om", True)
    enter(app, {1: "aparte-werkplek"})
    assert round_scene(app).view.teams[0].picked


def test_p_pauses_the_screen_and_the_countdown_until_it_closes() -> None:
    app = team_app()
    to_round(app)
    press(app, "p")
    assert isinstance(app.top, PauseOverlay)
    app.step([], 60.0)
    assert director(app).play.timer.remaining_ms == 120_000
    press(app, "p")
    app.step([], 20.0)
    assert director(app).play.timer.remaining_ms == 100_000


def test_n_shows_the_cards_notes_only_when_asked() -> None:
    app = team_app()
    to_round(app)
    hidden = " ".join(round_scene(app).paged.lines())  # type: ignore[union-attr]
    assert "Notities voor de begeleider" not in hidden
    press(app, "n")
    shown = " ".join(round_scene(app).paged.lines())  # type: ignore[union-attr]
    assert "Notities voor de begeleider" in shown and "De drie keuzes volgen" in shown
    press(app, "n")
    assert "Notities" not in " ".join(round_scene(app).paged.lines())  # type: ignore[union-attr]


def test_k_skips_the_card_after_a_yes_and_no_keeps_it() -> None:
    app = team_app()
    to_round(app)
    press(app, "k", "n")
    assert round_scene(app).view.card.id == "drukte-in-de-klas"
    press(app, "k", "j")
    team = director(app)
    assert round_scene(app).view.card.id == "meer-kinderen-zoals-sem"
    assert all(seat.game.decisions[-1].skipped for seat in team.play.seats)
    assert team.save is not None and isinstance(team.save.log.entries[-1], savelog.TeamSkipEntry)


def test_u_takes_back_the_last_round_exactly_after_a_yes() -> None:
    app = team_app()
    to_round(app)
    before = [seat.game for seat in director(app).play.seats]
    enter(app, FIRST)
    reveal_and_go_on(app)
    assert [seat.game for seat in director(app).play.seats] != before
    press(app, "u", "j")
    team = director(app)
    assert [seat.game for seat in team.play.seats] == before
    assert [seat.pick for seat in team.play.seats] == [None, None, None]
    assert round_scene(app).view.card.id == "drukte-in-de-klas"


def test_a_team_number_then_u_takes_back_only_that_teams_last_decision() -> None:
    app = team_app()
    to_round(app)
    enter(app, FIRST)
    press(app, "return")
    kept = [seat.game for seat in director(app).play.seats]
    press(app, "2", "u", "j")
    games = [seat.game for seat in director(app).play.seats]
    assert games[0] == kept[0] and games[2] == kept[2]
    assert games[1].decisions == () and round_scene(app).view.card.id == "drukte-in-de-klas"
    assert [t.plays for t in round_scene(app).view.teams] == [False, True, False]


def test_a_team_number_then_backspace_clears_its_hidden_pick() -> None:
    app = team_app()
    to_round(app)
    enter(app, {3: "sensorisch-traject"})
    press(app, "3", "backspace")
    assert director(app).play.seats[2].pick is None and not app.notice


def test_backspace_looks_back_at_the_previous_screen_and_enter_returns_changing_nothing() -> None:
    app = team_app()
    to_round(app)
    enter(app, FIRST)
    reveal_and_go_on(app)
    play = director(app).play
    press(app, "backspace")
    assert isinstance(app.scene, TeamRevealScene) and app.scene.review
    press(app, "backspace")
    assert isinstance(app.scene, TeamRoundScene) and app.scene.review
    press(app, "1")  # a look back takes no picks
    press(app, "return")
    assert isinstance(app.scene, TeamRoundScene) and not app.scene.review
    assert director(app).play == play


def test_x_ends_the_game_early_into_the_debrief_keeping_every_decision() -> None:
    app = team_app()
    to_round(app)
    enter(app, FIRST)
    reveal_and_go_on(app)
    games = [seat.game for seat in director(app).play.seats]
    press(app, "x", "j")
    scene = app.scene
    assert isinstance(scene, TeamDebriefScene) and scene.view.ended_early
    assert [seat.game for seat in director(app).play.seats] == games
    assert [t.decisions for t in scene.view.teams] == [1, 1, 1]
    save = director(app).save
    assert save is not None and save.log.finished


def test_h_lists_the_facilitators_keys_and_m_shows_every_team_on_the_map() -> None:
    app = team_app()
    to_round(app)
    press(app, "h")
    assert isinstance(app.top, TeamHelpOverlay)
    assert "Meer of minder bedenktijd (30 seconden per druk)" in " ".join(app.top.paged.lines())  # type: ignore[union-attr]
    press(app, "escape", "m")
    assert isinstance(app.top, TeamMapOverlay)
    assert [m.badge.name for m in app.top.maps] == ["Rood", "Blauw", "De Uilen"]


def test_a_team_and_its_choice_can_be_tapped() -> None:
    app = team_app()
    to_round(app)
    click(app, "team-2")
    assert round_scene(app).selected == 2
    click(app, "option-strategieen-met-klas")
    assert director(app).play.seats[1].pick == "strategieen-met-klas"
    press(app, "f2")  # the facilitator's controls are buttons in the presenter view, not on the room's screen
    assert app.desk is not None
    app.step([Click(app.desk.target("desk-bar-skip").rect.center)], 0.0)
    assert app.top.name == "confirm"


def test_nothing_but_an_undo_changes_a_decision_already_made() -> None:
    app = team_app()
    to_round(app)
    enter(app, FIRST)
    reveal_and_go_on(app)
    games = [seat.game for seat in director(app).play.seats]
    for key in (
        "+",
        "-",
        "t",
        "t",
        "s",
        "n",
        "n",
        "backspace",
        "return",
        "m",
        "escape",
        "h",
        "escape",
        "p",
        "p",
    ):
        press(app, key)
    press(app, "k", "n", "u", "n", "x", "n")
    assert [seat.game for seat in director(app).play.seats] == games
