"""The app loop: actions reach the session, overlays come and go, nothing is drawn when nothing changes."""

from __future__ import annotations

from collections.abc import Callable

from scene_helpers import click, finish_animations, go_on, press

from incluzo.app import App
from incluzo.scenes.kit.input import CloseWindow, Key, Resized
from incluzo.scenes.screens.briefing import BriefingScene
from incluzo.scenes.screens.card import CardScene
from incluzo.scenes.screens.debrief import DebriefScene
from incluzo.scenes.screens.outcome import OutcomeScene
from incluzo.scenes.screens.start import StartScene


def test_enter_on_the_briefing_shows_the_first_card(make_app: Callable[..., App]) -> None:
    app = make_app()
    assert isinstance(app.scene, BriefingScene)
    press(app, "return")
    assert isinstance(app.scene, CardScene)
    assert app.scene.view.id == "eerste"


def test_choosing_shows_the_outcome_with_what_was_given_up(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "return", "b")
    assert isinstance(app.scene, OutcomeScene)
    decision = app.scene.decision
    assert decision.choice is not None and decision.choice.id == "samen"
    assert [c.id for c in decision.gave_up] == ["apart", "duur"]
    assert any("Jullie kozen B:" in line for line in app.scene.paged.lines())  # type: ignore[union-attr]


def test_an_unaffordable_choice_is_refused_with_the_reason_on_screen(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "return", "c")
    assert isinstance(app.scene, CardScene)
    assert app.notice == "te weinig betaalbaarheid: 3 nodig, 2 over"
    press(app, "a")
    assert app.notice == ""
    assert isinstance(app.scene, OutcomeScene)


def test_backspace_on_the_outcome_takes_the_choice_back(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "return", "a", "backspace")
    assert isinstance(app.scene, CardScene)
    assert app.scene.view.id == "eerste"
    assert app.game is not None and app.game.session.game.decisions == ()


def test_meters_glide_from_old_to_new_on_the_outcome(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "return", "a")
    scene = app.scene
    assert isinstance(scene, OutcomeScene)
    assert scene.shown_meters() == [3.0, 3.0, 2.0]
    app.step([], 0.3)
    middle = scene.shown_meters()
    assert 2.0 < middle[0] < 3.0
    finish_animations(app)
    assert scene.shown_meters() == [2.0, 2.0, 0.0]
    assert not app.animating


def test_nothing_is_drawn_when_nothing_changes(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "return")
    drawn = []
    original = app.draw
    app.draw = lambda *until: (drawn.append(1), original(*until))  # type: ignore[method-assign]
    for _ in range(5):
        app.step([], 0.5)
    assert drawn == []
    press(app, "m")
    assert drawn == [1]


def test_a_frame_whose_step_used_its_share_of_the_budget_draws_on_the_next_frame(
    make_app: Callable[..., App],
) -> None:
    """The window's loop gives each frame a budget: a step that took its share of it (here any step: the
    budget is a nanosecond) leaves its new screen's layout to the next frame, and a layout that took
    its share leaves the drawing to the frame after, which draws once the step is on disk."""
    app = make_app()
    drawn = []
    original = app.draw
    app.draw = lambda *until: (drawn.append(1), original(*until))  # type: ignore[method-assign]
    app.step([Key("return")], 0.0, budget=1e-9)
    assert isinstance(app.scene, CardScene) and drawn == [] and app.owed and app.animating
    app.step([], 0.0, budget=1e-9)
    assert app.unlaid is None and drawn == [] and app.owed and app.animating
    assert app.game is not None and app.game.save is not None
    app.game.save.wait()  # the save's thread has the step on disk
    app.step([], 0.0, budget=1e-9)
    assert drawn == [1] and not app.owed
    app.step([], 0.0, budget=1e-9)
    assert drawn == [1]  # nothing changed: nothing drawn, nothing owed
    app.step([Key("m")], 0.0)  # no budget (tests, headless, screenshots): drawn at once
    assert drawn == [1, 1]


def test_map_help_and_pause_open_over_the_game_and_close_again(make_app: Callable[..., App]) -> None:
    app = make_app()
    for key, name in (("m", "map"), ("h", "help"), ("p", "pause")):
        press(app, key)
        assert app.top.name == name
        press(app, "escape")
        assert app.overlays == []


def test_the_map_shows_start_now_and_desired(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "return", "b", "m")
    view = app.top.view  # type: ignore[attr-defined]
    assert [q.points for q in view.start] == [40, 30, 20, 10]
    assert [q.points for q in view.desired] == [15, 25, 35, 25]
    assert len(view.trail) == 2


def test_quitting_asks_first_and_no_keeps_playing(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "escape")
    assert app.top.name == "menu"
    press(app, "q")
    assert app.top.name == "confirm-quit"
    press(app, "n")
    assert app.running and app.top.name == "menu"
    press(app, "q", "j")
    assert not app.running


def test_closing_the_window_asks_and_a_second_close_quits(make_app: Callable[..., App]) -> None:
    app = make_app()
    app.step([CloseWindow()], 0.0)
    assert app.top.name == "confirm-quit" and app.running
    app.step([CloseWindow()], 0.0)
    assert not app.running


def test_back_to_the_start_screen_after_confirmation(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "escape", "s", "return")
    assert isinstance(app.scene, StartScene)
    assert app.game is None


def test_a_resized_window_lays_every_scene_out_again(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "return", "h")
    app.step([Resized((1920, 1080))], 0.0)
    assert app.surface.get_size() == (1920, 1080)
    assert app.scene.metrics.body == 36 and app.top.metrics.body == 36


def test_the_debrief_exports_a_png_and_a_report_and_says_where(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "return", "b")
    go_on(app)
    go_on(app)
    press(app, "a")
    go_on(app)
    assert isinstance(app.scene, DebriefScene)
    click(app, "export")
    png, md = app.exports
    assert png.exists() and png.stat().st_size > 10_000
    assert png.parent.name == "exports"
    report = md.read_text("utf-8")
    assert "## Klaar" in report and "Samen in de klas (Transformatief)" in report
    assert "Liet liggen: A. Een aparte plek" in report
    assert str(png) in app.scene.export_note


def test_solo_play_gives_feedback_toward_the_desired_profile(make_app: Callable[..., App]) -> None:
    app = make_app(mode="solo")
    press(app, "return", "b")
    lines = " ".join(app.scene.paged.lines())  # type: ignore[union-attr]
    assert "Je koos B:" in lines
    assert "dichter bij het gewenste profiel" in lines


def test_english_screens_use_the_english_texts(make_app: Callable[..., App]) -> None:
    app = make_app(lang="en")
    press(app, "return")
    assert app.scene.view.title == "The first card"  # type: ignore[attr-defined]
    press(app, "c")
    assert app.notice == "not enough affordability: 3 needed, 2 left"
