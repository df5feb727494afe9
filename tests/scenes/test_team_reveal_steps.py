"""The reveal in steps, the countdown ring and the pips, by keys, asserted on what the scenes lay out."""

from __future__ import annotations

import pygame
from scene_helpers import press
from team_helpers import enter, team_app, to_round

from incluzo.engine.play.views import MeterView
from incluzo.scenes.kit import theme
from incluzo.scenes.teams.panel import pips
from incluzo.scenes.teams.reveal import TeamRevealScene
from incluzo.scenes.teams.rounds import TeamRoundScene

PICKS = {1: "strategieen-met-klas", 2: "aparte-werkplek", 3: "strategieen-met-klas"}


def revealed(scene: TeamRevealScene) -> dict[str, bool]:
    return {choice.letter: scene.shown(choice) for choice in scene.choices}


def test_enter_reveals_the_chosen_columns_one_by_one_then_the_questions_then_the_next_card() -> None:
    app = team_app(size=(1920, 1080))
    to_round(app)
    enter(app, PICKS)
    press(app, "return")
    reveal = app.scene
    assert isinstance(reveal, TeamRevealScene)
    assert revealed(reveal) == {"A": True, "B": False, "C": False}  # A first: Blauw chose it
    assert [r.mark for r in reveal.team_rows()] == ["check", "A", "check"]  # B's teams still hidden
    assert reveal.team_rows()[0].meters == reveal.view.teams[0].decision.meters_before  # type: ignore[union-attr]
    plan = [(s.choice.letter if s.choice else None, s.focus) for s in reveal.plan]
    assert plan[-1][0] is None  # the discussion last
    assert [letter for letter, _ in plan[:-1]] == sorted(letter for letter, _ in plan[:-1])  # A, then B
    assert {letter for letter, _ in plan[:-1]} == {"A", "B"}  # C: nobody chose it, no step of its own
    said = []
    for number, (letter, _focus) in enumerate(plan, start=1):
        assert reveal.step == number and reveal.fits()
        lines = " ".join(reveal.paged.lines())  # type: ignore[union-attr]
        said.append(lines)
        if letter is not None:
            step = reveal.shown_step
            assert (f"Wat {letter} deed" in lines) == (step.band or step.focus)  # below, or on its own
            assert revealed(reveal)["B"] == (letter == "B") and not revealed(reveal)["C"]
        if letter == "B":
            assert [r.mark for r in reveal.team_rows()] == ["B", "A", "B"]
        press(app, "return")
    assert "De teams kozen verschillend. Waarom?" in said[-1]
    assert not plan[-1][1] or "geen team" in said[-2]  # C said 'geen team' once the reveal passed it
    assert isinstance(app.scene, TeamRoundScene)


def test_page_up_steps_back_through_the_reveal() -> None:
    app = team_app(size=(1920, 1080))
    to_round(app)
    enter(app, PICKS)
    press(app, "return", "return")
    reveal = app.scene
    assert isinstance(reveal, TeamRevealScene) and reveal.step == 2
    press(app, "page up")
    assert reveal.step == 1 and revealed(reveal) == {"A": True, "B": False, "C": False}
    press(app, "page up")
    assert reveal.step == 1 and app.scene is reveal


def test_the_steps_shown_stay_when_a_team_is_selected_and_a_look_back_shows_all() -> None:
    app = team_app(size=(1920, 1080))
    to_round(app)
    enter(app, PICKS)
    press(app, "return", "return")
    assert app.scene.step == 2  # type: ignore[attr-defined]
    press(app, "2")  # select a team on the reveal: the screen is built again
    assert isinstance(app.scene, TeamRevealScene) and app.scene.step == 2 and app.scene.selected == 2
    press(app, "escape")
    for _ in range(10):
        if isinstance(app.scene, TeamRoundScene):
            break
        press(app, "return")
    assert isinstance(app.scene, TeamRoundScene)
    press(app, "backspace")
    back = app.scene
    assert isinstance(back, TeamRevealScene) and back.review and back.step == back.steps


def test_the_ring_stands_large_in_the_corner_and_says_when_the_clock_stands_or_time_is_up() -> None:
    app = team_app(size=(1920, 1080))
    scene = to_round(app)
    ring = scene.ring
    assert ring is not None and ring.width >= 4 * scene.metrics.body  # a ring the back row can read
    assert ring.right <= 1920 and ring.top >= 0 and ring.left > scene.teams_box.left
    assert scene.how_text() == ("Teams: 1-3, dan A-C", "strong")
    press(app, "t")
    scene = app.scene
    assert isinstance(scene, TeamRoundScene) and not scene.view.timer.running
    assert scene.how_text() == ("Tijd 2:00 (klok staat stil)", "accent") and scene.how
    press(app, "t", "s")
    assert app.scene.how_text() == ("Tijd is om", "warning")  # type: ignore[attr-defined]
    rows = app.scene.team_rows()  # type: ignore[attr-defined]
    assert [len(r.meters) for r in rows] == [3, 3, 3]


def test_a_meters_pips_are_dark_while_there_is_enough_amber_when_low_and_red_at_0() -> None:
    surface = pygame.Surface((200, 40))
    colours = []
    for value in (8, 2, 0):
        surface.fill(theme.BACKGROUND)
        pips(surface, pygame.Rect(10, 10, 180, 20), MeterView("k", "Kwaliteit", "K", value, 9))
        colours.append(
            (surface.get_at((12, 20))[:3], surface.get_at((188, 20))[:3], surface.get_at((9, 20))[:3])
        )
    enough, low, empty = colours
    assert enough[0] == theme.BAR_FILL and enough[1] == theme.BAR_TRACK  # 8 of 9: the last pip empty
    assert low[0] == theme.BAR_LOW and low[1] == theme.BAR_TRACK
    assert empty[0] == theme.BAR_TRACK and empty[2] == theme.BAR_EMPTY  # 0: an empty row, outlined red
