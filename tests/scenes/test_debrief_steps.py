"""The debrief as a sequence of full screens, played by keyboard: the ending and the map, the budget,
the decisions, one question a screen; for one group, solo practice and teams; and the export of the
same steps (a tall PNG, a screen per step, and Markdown with the steps as headings, in order)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pygame
import pytest
from scene_helpers import press
from team_helpers import PRIKKELS, enter, reveal_and_go_on, team_app, to_round
from test_debrief_golden import GROUP_PLAY, PROEF, team_debrief

from incluzo.app import App
from incluzo.scenes.screens.debrief import DebriefScene
from incluzo.scenes.screens.export import EXPORT_SIZE
from incluzo.scenes.screens.steps import StepPages
from incluzo.scenes.teams.debrief import TeamDebriefScene

SIZES = [(1024, 768), (1280, 720), (1920, 1080), (3840, 2160)]


def debrief(make_app: Callable[..., App], **options: object) -> DebriefScene:
    """proef.yaml played to the debrief's first step: B on the first card, A on the last (every page
    of a long outcome read on a small window)."""
    app = make_app(PROEF, **options)
    picks = iter("ba")
    for _ in range(30):
        if isinstance(app.scene, DebriefScene):
            break
        view = getattr(app.scene, "view", None)
        on_card = getattr(view, "choices", ()) and app.scene.name != "outcome"
        press(app, next(picks) if on_card else "return")
    assert isinstance(app.scene, DebriefScene) and app.scene.stepped.step.key == "ending"
    return app.scene


def fits(stepped: StepPages) -> bool:
    """Every screen's text inside its box."""
    return all(
        not screen.items or screen.items[-1][0] + screen.items[-1][1].height <= screen.box.height
        for screen in stepped.screens
    )


def test_the_group_debrief_goes_step_by_step_with_enter_and_back_with_pgup(
    make_app: Callable[..., App],
) -> None:
    app = make_app(PROEF)
    press(app, *GROUP_PLAY)
    scene = app.scene
    assert isinstance(scene, DebriefScene)
    assert [s.key for s in scene.stepped.steps] == ["ending", "budget", "decisions", "reflect"]
    assert scene.stepped.count == 4 and scene.page_label() == "Stap 1 / 4"
    seen = []
    for _ in range(4):
        seen.append(scene.stepped.step.key)
        press(app, "return")
    assert seen == ["ending", "budget", "decisions", "reflect"]
    assert app.scene is scene and scene.page_label() == "Stap 4 / 4"  # the last: Enter stays
    press(app, "page up", "left")
    assert scene.stepped.step.key == "budget"


def test_the_map_is_beside_the_ending_only(make_app: Callable[..., App]) -> None:
    scene = debrief(make_app)
    assert [s.beside_map for s in scene.stepped.steps] == [True, False, False, False]
    assert scene.stepped.screens[1].box == scene.content  # the budget has the whole width


def test_the_ending_step_names_the_ending_and_the_profile(make_app: Callable[..., App]) -> None:
    lines = debrief(make_app).stepped.step_lines("ending")
    assert lines[:2] == ["Klaar", "Het spel is uit."]
    assert "Specialisme: start 40, einde 31, gewenst 15" in lines


def test_the_budget_step_shows_each_meter_from_start_to_end_and_what_ran_out(
    make_app: Callable[..., App],
) -> None:
    lines = debrief(make_app).stepped.step_lines("budget")
    assert lines == [
        "Het budget",
        "Kwaliteit: 3 naar 0 (\u22123) op",
        "Toegankelijkheid: 3 naar 2 (\u22121)",
        "Betaalbaarheid: 2 naar 1 (\u22121)",
        "Op: Kwaliteit.",
        "Erkenning",
        "0 keer affirmatief, 2 keer transformatief",
    ]


def test_the_decisions_step_says_what_each_choice_gave_up(make_app: Callable[..., App]) -> None:
    blocks = debrief(make_app, lang="en").stepped.step_lines("decisions")
    assert blocks[0] == "Your decisions"
    assert blocks[1] == (
        "1. The first card Chosen: B. Together in class (Transformative) "
        "Gave up: A. A separate place; C. An expensive specialist"
    )
    assert blocks[2] == "2. Someone falls ill An event, no choice"


def test_each_reflection_question_is_a_screen_of_its_own_in_large_type(make_app: Callable[..., App]) -> None:
    scene = debrief(make_app)
    page = scene.stepped.first_page("reflect")
    items = scene.stepped.screens[page].items
    assert [item.text for _, item in items] == ["Vraag 1 van 1", "Wat lieten jullie liggen?"]
    assert items[1][1].height > 1.5 * scene.metrics.body  # the question in large type


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_step_fits_its_screen_and_one_step_is_one_screen(
    make_app: Callable[..., App], size: tuple[int, int], lang: str
) -> None:
    scene = debrief(make_app, size=size, lang=lang)
    assert fits(scene.stepped) and scene.footer_fits()
    if size[0] * 9 == size[1] * 16:  # at 4:3 the legend of the map may go on over a second screen
        assert scene.stepped.count == len(scene.stepped.steps)  # nothing spills onto a second screen


def test_many_decisions_go_on_over_full_screens_never_splitting_one(make_app: Callable[..., App]) -> None:
    from testsupport import ROOT

    app = make_app(ROOT / "scenarios" / "te-veel-prikkels.yaml")
    for _ in range(80):
        if isinstance(app.scene, DebriefScene):
            break
        choices = getattr(getattr(app.scene, "view", None), "choices", ())
        payable = [c for c in choices if c.affordable]
        press(app, payable[-1].letter.lower() if payable else "return")
    scene = app.scene
    assert isinstance(scene, DebriefScene)
    screens = [s for s in scene.stepped.screens if scene.stepped.steps[s.step].key == "decisions"]
    shown = [item.text for screen in screens for _, item in screen.items]
    assert shown[1:] == [f"{n}. " + shown[n][len(f"{n}. ") :] for n in range(1, len(shown))]  # in order
    assert len(shown) - 1 == len(scene.view.decisions) and fits(scene.stepped)


def test_solo_practice_adds_its_feedback_as_the_step_after_the_ending(make_app: Callable[..., App]) -> None:
    app = make_app(PROEF, mode="solo")
    press(app, *GROUP_PLAY)
    scene = app.scene
    assert isinstance(scene, DebriefScene)
    assert [s.key for s in scene.stepped.steps][:2] == ["ending", "practice"]
    assert scene.stepped.steps[1].beside_map
    press(app, "return")
    assert scene.stepped.step.key == "practice" and "Nabespreking \u00b7 Jouw rondes" in (
        f"{scene.say('debrief.header')} \u00b7 {scene.stepped.step.title}"
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_export_holds_every_step_as_a_screen_and_the_report_has_the_steps_as_headings(
    make_app: Callable[..., App], lang: str
) -> None:
    app = make_app(PROEF, lang=lang)
    press(app, *GROUP_PLAY, "e")
    scene = app.scene
    assert isinstance(scene, DebriefScene)
    png, md = app.exports
    image = pygame.image.load(str(png))
    assert image.get_size() == (EXPORT_SIZE[0], EXPORT_SIZE[1] * 4)  # four steps, one 1080p screen each
    headings = re.findall(r"^## (.+)$", md.read_text("utf-8"), re.MULTILINE)
    assert headings == [step.title for step in scene.stepped.steps]
    assert scene.page == 0  # the export left the screen where it was


def test_the_team_debrief_steps_and_their_order() -> None:
    app = team_debrief((1280, 720), "nl")
    scene = app.scene
    assert isinstance(scene, TeamDebriefScene)
    assert [s.key for s in scene.stepped.steps] == ["ending", "compare", "budget", "splits", "reflect"]
    assert scene.stepped.count == 5 and scene.page_label() == "Stap 1 / 5"
    budget = scene.stepped.step_lines("budget")
    assert budget[0] == "Het budget"
    assert budget[1] == (
        "Rood Kwaliteit: 3 naar 0 Toegankelijkheid: 3 naar 2 Betaalbaarheid: 2 naar 1 Op: Kwaliteit. | "
        "Blauw Kwaliteit: 3 naar 1 Toegankelijkheid: 3 naar 2 Betaalbaarheid: 2 naar 0 Op: Betaalbaarheid."
    )
    press(app, "return", "return")
    assert scene.stepped.step.key == "budget"
    press(app, "page up")
    assert scene.stepped.step.key == "compare"


def test_six_teams_end_on_one_screen_and_the_export_follows_the_steps() -> None:
    names = ("Een", "Twee", "Drie", "Vier", "Vijf", "Zes")
    app = team_app(PRIKKELS, names)
    round_scene = to_round(app)
    assert round_scene.view.card.id == "drukte-in-de-klas"
    enter(app, {n: "strategieen-met-klas" for n in range(1, 7)})
    reveal_and_go_on(app)
    press(app, "x", "j")  # end early: to the debrief
    scene = app.scene
    assert isinstance(scene, TeamDebriefScene), app.notice
    assert scene.stepped.first_page("compare") == 1  # the ending and the map: one screen for six teams
    assert fits(scene.stepped)
    press(app, "e")
    png, md = app.exports
    at_export = TeamDebriefScene(scene.ctx, scene.view, scene.maps)
    at_export.resize(EXPORT_SIZE)
    assert pygame.image.load(str(png)).get_height() == EXPORT_SIZE[1] * at_export.stepped.count
    headings = re.findall(r"^## (.+)$", md.read_text("utf-8"), re.MULTILINE)
    assert headings == [step.title for step in scene.stepped.steps]
