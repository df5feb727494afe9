"""Golden images of the debrief's first step (the ending and the map) for one group and for teams, and
of a poll's result, at 1280x720 and 1920x1080 in Dutch and English. The numbers and words are asserted
on view data in test_debrief_steps.py; these guard the layout. Regenerate with INCLUZO_UPDATE_GOLDEN=1."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from scene_helpers import finish_animations, press
from team_helpers import enter, reveal_and_go_on, team_app, to_round
from test_golden import DATA, check, fixed_data_dir  # noqa: F401 - the fixture: the same data folder

from incluzo.app import App
from incluzo.scenes.screens.debrief import DebriefScene
from incluzo.scenes.screens.poll import PollScene
from incluzo.scenes.teams.debrief import TeamDebriefScene

PROEF = DATA / "proef.yaml"
SIZES = [(1280, 720), (1920, 1080)]
LANGS = ["nl", "en"]
GROUP_PLAY = ("return", "b", "return", "return", "return", "a", "return")  # to the debrief's first step
TEAM_PICKS = ({1: "samen", 2: "apart"}, {1: "wijk", 2: "niets"})  # the teams split on both cards


def group_debrief(make_app: Callable[..., App], size: tuple[int, int], lang: str) -> App:
    app = make_app(PROEF, size=size, lang=lang)
    press(app, *GROUP_PLAY)
    assert isinstance(app.scene, DebriefScene) and app.scene.stepped.step.key == "ending"
    return app


def team_debrief(size: tuple[int, int], lang: str) -> App:
    app = team_app(PROEF, ("Rood", "Blauw"), size=size, lang=lang)
    to_round(app)
    enter(app, TEAM_PICKS[0])
    reveal_and_go_on(app)
    reveal_and_go_on(app)  # the event card: no choice, its reveal
    enter(app, TEAM_PICKS[1])
    reveal_and_go_on(app)
    assert isinstance(app.scene, TeamDebriefScene) and app.scene.stepped.step.key == "ending"
    return app


def shot(app: App, name: str) -> None:
    finish_animations(app)
    app.draw()
    check(name, app.surface)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_first_debrief_step_matches_its_golden_image(
    make_app: Callable[..., App], size: tuple[int, int], lang: str
) -> None:
    shot(group_debrief(make_app, size, lang), f"debrief-step1-{size[0]}x{size[1]}-{lang}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_first_team_debrief_step_matches_its_golden_image(size: tuple[int, int], lang: str) -> None:
    shot(team_debrief(size, lang), f"team-debrief-step1-{size[0]}x{size[1]}-{lang}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_poll_result_matches_its_golden_image(
    make_app: Callable[..., App], size: tuple[int, int], lang: str
) -> None:
    from testsupport import ROOT

    app = make_app(ROOT / "scenarios" / "opening.yaml", size=size, lang=lang)
    press(app, "return", "return", "a", "1", "2", "c", "1", "2", "d", "3", "return")
    assert isinstance(app.scene, PollScene) and app.scene.showing
    shot(app, f"poll-result-{size[0]}x{size[1]}-{lang}")
