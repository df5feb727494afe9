"""Team play at six teams: the round of every shipped card and every step of its reveal fit one screen
at 1920x1080 with body text at 1/30 of the height, and six teams played by keyboard through a shipped
scenario see each reveal on one screen, each team once, and every team's meters in the panel."""

from __future__ import annotations

from pathlib import Path

import pytest
from scene_helpers import press
from team_helpers import PRIKKELS, SHIPPED, team_app, to_round

from incluzo.engine.scenario.loader import load_file
from incluzo.scenes.kit.theme import BODY_SHARE
from incluzo.scenes.teams.debrief import TeamDebriefScene
from incluzo.scenes.teams.measure import NAMES, reveal_overflows, round_overflows
from incluzo.scenes.teams.reveal import TeamRevealScene
from incluzo.scenes.teams.rounds import TeamRoundScene

SCENARIOS = sorted(SHIPPED.glob("*.yaml"))
FULL_HD = (1920, 1080)


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_round_of_a_shipped_scenario_fits_one_screen_with_six_teams(path: Path) -> None:
    scenario = load_file(path)
    found = [m for lang in scenario.languages for m in round_overflows(scenario, FULL_HD, lang, 6)]
    assert [m.describe() for m in found] == []


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_reveal_step_of_a_shipped_scenario_fits_one_screen_with_six_teams(path: Path) -> None:
    found = reveal_overflows(load_file(path), FULL_HD, "nl", 6)
    assert [m.describe() for m in found] == []


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1280, 720), (3840, 2160)], ids=["720p", "4k"])
@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_round_and_reveal_fit_at_other_sizes_of_16_to_9(path: Path, size: tuple[int, int]) -> None:
    scenario = load_file(path)
    found = [m for lang in scenario.languages for m in round_overflows(scenario, size, lang, 6)]
    found += reveal_overflows(scenario, size, "en", 6)
    assert [m.describe() for m in found] == []


def check_panel(scene: TeamRoundScene | TeamRevealScene) -> None:
    """Six rows, one per team, each with its three meters, inside the panel and above the bar."""
    rows = scene.team_rows()
    assert [r.badge.number for r in rows] == [1, 2, 3, 4, 5, 6]
    assert all(len(r.meters) == 3 for r in rows), [r.badge.name for r in rows if len(r.meters) != 3]
    bar = min((rect.y for row in scene.bar_rows for _, rect in row), default=scene.metrics.height)
    for rect in scene.team_rects.values():
        assert scene.teams_box.contains(rect) and rect.bottom <= bar, (scene.name, rect)


def test_six_teams_play_a_shipped_scenario_by_keyboard_and_each_reveal_fits_one_screen() -> None:
    app = team_app(PRIKKELS, NAMES, size=FULL_HD)
    scene = to_round(app)
    reveals = 0
    for number in range(40):
        scene = app.scene
        if isinstance(scene, TeamDebriefScene):
            break
        assert isinstance(scene, TeamRoundScene)
        assert scene.paged is not None and scene.paged.count == 1, scene.view.card.id  # text whole
        assert scene.styles["body"].size >= FULL_HD[1] / BODY_SHARE
        check_panel(scene)
        for team in scene.view.teams:  # the teams spread over the choices they can pay
            affordable = [c.id for c in team.choices if c.affordable]
            if team.plays and affordable:
                mark = next(
                    o.mark
                    for o in scene.options()
                    if o.id == affordable[(team.badge.number + number) % len(affordable)]
                )
                press(app, str(team.badge.number), mark.lower())
                assert not app.notice, app.notice
        press(app, "return")
        reveal = app.scene
        assert isinstance(reveal, TeamRevealScene), app.notice
        reveals += 1
        playing = sorted(t.badge.number for t in reveal.played if t.decision and t.decision.choice)
        for step in range(1, reveal.steps + 1):
            assert reveal.step == step and reveal.fits(), (reveal.name, step)
            check_panel(reveal)
            placed = sorted(t.badge.number for c in reveal.choices for t in reveal.teams_of(c.id))
            assert placed == playing  # each team once, under the choice it made
            if not reveal.shown_step.focus and reveal.choices:
                columns = " ".join(item.text for item in reveal.columns)
                for team in reveal.played:
                    assert columns.count(team.badge.name) == 1, (team.badge.name, columns)
            press(app, "return")
        assert app.scene is not reveal
    assert isinstance(app.scene, TeamDebriefScene)
    assert reveals >= 5
