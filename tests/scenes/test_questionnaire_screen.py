"""'Welke bril?' on screen: 10 points per theme or no going on, the result as two kites, and scenarios
that start from the room's profile."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import pytest
from scene_helpers import click, press
from testsupport import ROOT

from incluzo import persistence
from incluzo.app import App
from incluzo.engine.logs.savelog import ProfileEntry
from incluzo.engine.questionnaire import themes as questionnaire
from incluzo.scenes.actions import Profiled
from incluzo.scenes.screens.briefing import BriefingScene
from incluzo.scenes.screens.profile import ProfileScene
from incluzo.scenes.screens.questionnaire import QuestionnaireScene
from incluzo.scenes.screens.start import StartScene

WELKE_BRIL = ROOT / "questionnaires" / "welke-bril.yaml"  # two themes: opp, basisondersteuning
PROEF = ROOT / "tests" / "scenes" / "data" / "proef.yaml"


def open_questionnaire(
    make_app: Callable[..., App], scenario: object = None, **options: object
) -> tuple[App, QuestionnaireScene]:
    app = make_app(scenario, questionnaire=WELKE_BRIL, **options)
    assert isinstance(app.scene, QuestionnaireScene)
    return app, app.scene


def answer(app: App, *themes: tuple[int, int, int, int]) -> None:
    """Type each theme's points for A-D and press Enter (a note before a part is passed first)."""
    for points in themes:
        scene = app.scene
        assert isinstance(scene, QuestionnaireScene)
        if scene.filling.pause is not None:
            press(app, "return")
        for mark, value in zip("abcd", points, strict=True):
            press(app, mark, *str(value))
        press(app, "return")


def test_the_screen_refuses_to_go_on_until_the_points_sum_to_10(make_app: Callable[..., App]) -> None:
    app, scene = open_questionnaire(make_app)
    press(app, "return")  # the introduction: the team as a whole
    press(app, "a", "4", "b", "3", "return")
    assert scene.filling.sheet.current == ()  # still the first theme
    assert scene.status() == ("Nog 3 punten te verdelen. Eerst precies 10 verdelen.", "warning")
    press(app, "c", "5")
    assert scene.status() == ("2 punten te veel.", "warning")
    press(app, "backspace", "3")
    assert scene.status() == ("Alle 10 punten zijn verdeeld: Enter gaat verder.", "accent")
    press(app, "return")
    assert scene.filling.sheet.current == ((4, 3, 3, 0),)


def test_the_status_speaks_english_too(make_app: Callable[..., App]) -> None:
    app, scene = open_questionnaire(make_app, lang="en")
    press(app, "return", "a", "7")
    assert scene.status() == ("3 points left to distribute.", "warning")
    press(app, "b", "2")
    assert scene.status() == ("1 point left to distribute.", "warning")


def test_plus_and_minus_buttons_give_and_take_points(make_app: Callable[..., App]) -> None:
    app, scene = open_questionnaire(make_app)
    press(app, "return")
    for _ in range(3):
        click(app, "plus-C")
    click(app, "minus-C")
    assert scene.filling.entry.numbers == (0, 0, 2, 0)


def test_backspace_on_an_empty_theme_goes_back_with_its_points(make_app: Callable[..., App]) -> None:
    app, scene = open_questionnaire(make_app)
    press(app, "return")
    answer(app, (4, 3, 2, 1))
    press(app, "backspace")
    assert scene.filling.sheet.current == ()
    assert scene.filling.entry.numbers == (4, 3, 2, 1)


# Worked out by hand for the two shipped themes (OPP, basisondersteuning), points S/M/P/L:
# respondent 1 current 4-3-2-1 and 2-4-3-1 -> 30/35/25/10; desired 1-2-4-3 and 1-3-3-3 -> 10/25/35/30.
# respondent 2 current 5-5-0-0 and 3-3-2-2 -> 40/40/10/10; desired 0-0-5-5 and 2-2-3-3 -> 10/10/40/40.
# The team: current 35/37.5/17.5/10, desired 10/17.5/37.5/35, differences -25/-20/+20/+25.
def fill_two_respondents(app: App) -> None:
    press(app, "r")  # separate respondents: two
    press(app, "return")
    answer(app, (4, 3, 2, 1), (2, 4, 3, 1), (1, 2, 4, 3), (1, 3, 3, 3))
    answer(app, (5, 5, 0, 0), (3, 3, 2, 2), (0, 0, 5, 5), (2, 2, 3, 3))


def test_two_respondents_give_the_team_profile_computed_by_hand(make_app: Callable[..., App]) -> None:
    app, _ = open_questionnaire(make_app)
    fill_two_respondents(app)
    scene = app.scene
    assert isinstance(scene, ProfileScene)
    assert scene.result.respondents == 2
    assert scene.result.current == (35, Fraction(75, 2), Fraction(35, 2), 10)
    assert scene.result.desired == (10, Fraction(35, 2), Fraction(75, 2), 35)
    kites = {kite.style: kite.points for _, kite in scene_kites(scene)}
    assert kites == {"solid": (35.0, 37.5, 17.5, 10.0), "dotted": (10.0, 17.5, 37.5, 35.0)}
    assert scene.marked == ["specialisme", "maatwerk", "professionalisering", "leergemeenschap"]


def scene_kites(scene: ProfileScene) -> list[tuple[str, object]]:
    from incluzo.scenes.screens.profile import kites

    return kites(scene.view, scene.say)  # type: ignore[return-value]


def test_a_difference_of_exactly_the_threshold_is_framed(make_app: Callable[..., App]) -> None:
    app, _ = open_questionnaire(make_app)
    press(app, "return")  # the team as a whole
    answer(app, (4, 3, 2, 1), (2, 4, 3, 1), (1, 2, 4, 3), (1, 3, 3, 3))
    scene = app.scene
    assert isinstance(scene, ProfileScene)
    assert [s.difference for s in scene.view.scores] == [-20, -10, 10, 20]
    assert scene.marked == ["specialisme", "maatwerk", "professionalisering", "leergemeenschap"]
    press(app, "+")  # threshold 11
    assert scene.marked == ["specialisme", "leergemeenschap"]
    lines = [item.text for item in scene.paged.flow.items]  # type: ignore[union-attr]
    assert "Omkaderd: een verschil van 11 punten of meer." in lines


def test_a_scenario_starts_from_the_profile_and_logs_it(make_app: Callable[..., App]) -> None:
    app, _ = open_questionnaire(make_app, folder=PROEF.parent, mode="solo")
    press(app, "return")
    answer(app, (4, 3, 2, 1), (2, 4, 3, 1), (1, 2, 4, 3), (1, 3, 3, 3))
    press(app, "return", "return")  # read the profile, then on to the scenarios
    assert isinstance(app.scene, StartScene)
    assert app.scene.note.startswith("Scenario's starten nu vanuit het profiel")
    press(app, "return")  # proef.yaml, the only scenario in its folder
    assert app.game is not None and app.game.save is not None
    scenario = app.game.session.scenario
    found = app.profile.result if app.profile else None
    assert found is not None
    assert scenario.position == questionnaire.to_position(found.current)
    assert scenario.desired == questionnaire.to_position(found.desired)
    first = app.game.save.log.entries[0]
    assert isinstance(first, ProfileEntry)
    assert first.current == ("30", "35", "25", "10") and first.questionnaire == "welke-bril"
    press(app, "return", "a")  # a decision, so the session can be resumed
    resumed = make_app(None, resume=app.game.save.path, mode="solo")
    assert resumed.game is not None
    assert resumed.game.session.scenario.position == scenario.position
    assert persistence.find_unfinished("proef") == app.game.save.path


def test_naming_a_scenario_plays_it_right_after_the_profile(make_app: Callable[..., App]) -> None:
    app, _ = open_questionnaire(make_app, PROEF, mode="solo")
    press(app, "return")
    answer(app, (4, 3, 2, 1), (2, 4, 3, 1), (1, 2, 4, 3), (1, 3, 3, 3))
    scene = app.scene
    assert isinstance(scene, ProfileScene) and scene.then == "Proefscenario"
    press(app, "return", "return")
    assert isinstance(app.scene, BriefingScene)
    assert [q.points for q in app.scene.view.position] == [30, 35, 25, 10]


def test_w_on_the_start_screen_opens_it_and_x_drops_the_profile(make_app: Callable[..., App]) -> None:
    app = make_app(None, folder=PROEF.parent)
    press(app, "w")
    assert isinstance(app.scene, QuestionnaireScene)
    press(app, "return")
    answer(app, (10, 0, 0, 0), (10, 0, 0, 0), (0, 0, 0, 10), (0, 0, 0, 10))
    press(app, "return", "return")
    assert app.profile is not None and isinstance(app.scene, StartScene)
    press(app, "x")
    assert app.profile is None and isinstance(app.scene, StartScene) and app.scene.note == ""


def test_a_themes_file_with_errors_is_refused_with_its_location(
    make_app: Callable[..., App], tmp_path: object
) -> None:
    bad = tmp_path / "kapot.yaml"  # type: ignore[operator]
    bad.write_text("format: 1\nid: kapot\ntitle: Kapot\nlanguage: nl\nthemes: []\n", encoding="utf-8")
    app = make_app(None, questionnaire=bad)
    assert isinstance(app.scene, StartScene)
    assert "kapot.yaml:5" in app.notice


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (3840, 2160)])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_shipped_theme_fits_one_page(
    make_app: Callable[..., App], size: tuple[int, int], lang: str
) -> None:
    app, scene = open_questionnaire(make_app, size=size, lang=lang)
    press(app, "return")
    assert scene.overflows() == []
    answer(app, (10, 0, 0, 0))
    assert scene.overflows() == []


def test_respondents_take_turns_from_two_up_and_the_team_is_one(make_app: Callable[..., App]) -> None:
    app, scene = open_questionnaire(make_app)
    press(app, "r", "-")
    assert (scene.filling.team, scene.filling.respondents) == (False, 2)
    press(app, "+", "+")
    assert scene.filling.respondents == 4
    press(app, "t")
    assert (scene.filling.team, scene.filling.respondents) == (True, 1)


def test_the_profile_screen_shows_each_teams_profile_and_starts_from_the_one_shown(
    make_app: Callable[..., App],
) -> None:
    app, _ = open_questionnaire(make_app, PROEF, mode="solo")
    everyone = questionnaire.result([questionnaire.Response(((4, 3, 2, 1),) * 2, ((1, 2, 3, 4),) * 2)] * 2)
    rood = questionnaire.Result((Fraction(70), Fraction(10), Fraction(10), Fraction(10)), everyone.desired, 1)
    blauw = questionnaire.Result(
        (Fraction(10), Fraction(10), Fraction(10), Fraction(70)), everyone.desired, 1
    )
    app.act(Profiled(everyone, (("Rood", rood), ("Blauw", blauw))))  # as the phones' sheets give it
    scene = app.scene
    assert isinstance(scene, ProfileScene) and scene.label == "" and scene.result == everyone
    text = " ".join(item.text for item in scene.paged.flow.items)  # type: ignore[union-attr]
    assert "Profielen: 0 iedereen · 1 Rood · 2 Blauw. Het cijfer toont er een; Enter start met het" in text
    press(app, "1")
    assert scene.label == "Rood" and scene.result == rood
    assert scene.paged is not None and scene.paged.flow.items[0].text == "Profiel van Rood: Welke bril?"
    assert [s.current_text for s in scene.view.scores] == ["70,00", "10,00", "10,00", "10,00"]
    png, md = scene.export()  # E: Rood's profile, named as Rood's
    assert "-rood-" in png.name and md.read_text(encoding="utf-8").startswith(
        "# Profiel van Rood: Welke bril?"
    )
    press(app, "return", "return")  # read on, then play Proefscenario from Rood's profile
    assert isinstance(app.scene, BriefingScene)
    assert [q.points for q in app.scene.view.position] == [70, 10, 10, 10]
    assert app.game is not None and app.game.save is not None
    saved = [(e.label, e.current[0]) for e in app.game.save.log.entries if isinstance(e, ProfileEntry)]
    assert saved == [
        ("Rood", "70"),
        ("", "40"),
        ("Blauw", "10"),
    ]  # the one played first: a resume starts there
