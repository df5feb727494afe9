"""Golden images of the move drawn (issue 10): the outcome with its arrow, ghost arrows and changes, and
the team map with six teams, at 1280x720 and 1920x1080, in Dutch and English. Same tolerance and update
flag as test_golden (INCLUZO_UPDATE_GOLDEN=1 writes them)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from scene_helpers import finish_animations, go_on, press
from team_helpers import enter, reveal_and_go_on, team_app, to_round
from test_golden import check

from incluzo.app import App
from incluzo.scenes.screens.outcome import OutcomeScene
from incluzo.scenes.teams.maps import TeamMapOverlay
from incluzo.scenes.teams.rounds import TeamRoundScene

CASES = [(size, lang) for size in ((1280, 720), (1920, 1080)) for lang in ("nl", "en")]
IDS = [f"{w}x{h}-{lang}" for (w, h), lang in CASES]
SIX = ("Rood", "Blauw", "Groen", "De Uilen", "Geel", "Paars")
FIRST_ROUND = ("aparte-werkplek", "strategieen-met-klas", "sensorisch-traject")


@pytest.fixture(autouse=True)
def fixed_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCLUZO_HOME", "/tmp/incluzo-golden")


@pytest.mark.parametrize(("size", "lang"), CASES, ids=IDS)
def test_the_outcome_with_its_arrow_and_ghosts(
    make_app: Callable[..., App], size: tuple[int, int], lang: str
) -> None:
    app = make_app(size=size, lang=lang)
    go_on(app)
    press(app, "b")
    finish_animations(app)
    assert isinstance(app.scene, OutcomeScene)
    app.draw()
    check(f"outcome-move-{size[0]}x{size[1]}-{lang}", app.surface)


@pytest.mark.parametrize(("size", "lang"), CASES, ids=IDS)
def test_the_team_map_with_six_teams(size: tuple[int, int], lang: str) -> None:
    app = team_app(names=SIX, size=size, lang=lang)
    to_round(app)
    enter(app, {team: FIRST_ROUND[(team - 1) % 3] for team in range(1, 7)})
    reveal_and_go_on(app)
    assert isinstance(app.scene, TeamRoundScene)
    press(app, "m")
    assert isinstance(app.top, TeamMapOverlay)
    finish_animations(app)
    app.draw()
    check(f"team-map-6-{size[0]}x{size[1]}-{lang}", app.surface)
