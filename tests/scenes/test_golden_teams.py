"""Golden images of the team reveal with six teams: every column revealed, the discussion below them,
every team's meters in the panel, at 1280x720 and 1920x1080 in both languages (see test_golden)."""

from __future__ import annotations

import pytest
from scene_helpers import press
from team_helpers import enter, team_app, to_round
from test_golden import check

from incluzo.scenes.teams.reveal import TeamRevealScene
from incluzo.scenes.teams.rounds import TeamRoundScene

SIX = ("Rood", "Blauw", "Groen", "De Uilen van groep acht", "Vossen", "Team met een erg lange naam")
SIZES = ((1280, 720), (1920, 1080))


@pytest.fixture(autouse=True)
def fixed_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCLUZO_HOME", "/tmp/incluzo-golden")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_reveal_with_six_teams_matches_its_golden_image(size: tuple[int, int], lang: str) -> None:
    app = team_app(names=SIX, size=size, lang=lang)
    scene = to_round(app)
    assert isinstance(scene, TeamRoundScene)
    choices = [option.id for option in scene.options()]
    enter(app, {n: choices[n % len(choices)] for n in range(1, 7)})  # two teams on each choice
    press(app, "return")
    reveal = app.scene
    assert isinstance(reveal, TeamRevealScene)
    press(app, *["page down"] * (reveal.steps - 1))  # every step: all revealed, the discussion below
    assert reveal.step == reveal.steps and reveal.fits()
    app.draw()
    check(f"team-reveal-6-{lang}-{size[0]}x{size[1]}", app.surface)
