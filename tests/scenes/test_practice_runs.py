"""Solo runs are kept on this computer and compared: with the goal and with the runs before."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from scene_helpers import go_on, press

from incluzo import practice_history
from incluzo.app import App
from incluzo.engine.play.position import UNIT
from incluzo.engine.scenario.model import Scenario
from incluzo.scenes.actions import Play
from incluzo.scenes.screens.practice import PracticeDebriefScene


def play_through(make_app: Callable[..., App], first: str, second: str) -> PracticeDebriefScene:
    """Play proef.yaml solo: `first` on the first card, then the event card, then `second`."""
    app = make_app(mode="solo", size=(3840, 2160))
    press(app, "return", first)
    go_on(app)  # the outcome
    go_on(app)  # the event card
    press(app, second)
    go_on(app)
    assert isinstance(app.scene, PracticeDebriefScene)
    return app.scene


def flow_text(scene: PracticeDebriefScene) -> list[str]:
    assert scene.paged is not None
    return [item.text for item in scene.paged.flow.items]


def test_a_finished_run_is_kept_in_the_scenarios_history(make_app: Callable[..., App]) -> None:
    play_through(make_app, "b", "a")
    kept = practice_history.runs("proef")
    assert len(kept) == 1
    run = kept[0]
    assert run.choices == ("samen", "wijk")
    assert run.tally == (0, 2)
    assert run.spent == (3, 1, 1)  # samen 2/0/1, the event 1/0/0, wijk 0/1/0
    assert run.ending == "klaar"
    assert run.hints == "direction"
    assert sum(run.position) == 100 * UNIT


def test_the_first_run_says_it_is_the_first(make_app: Callable[..., App]) -> None:
    scene = play_through(make_app, "b", "a")
    assert scene.comparison is not None and scene.comparison.earlier == ()
    lines = flow_text(scene)
    assert any(line.startswith("Dit is je eerste ronde") for line in lines)


def test_a_second_run_is_compared_with_the_first_and_the_goal(make_app: Callable[..., App]) -> None:
    play_through(make_app, "a", "b")  # 'apart', 'niets': away from the goal
    scene = play_through(make_app, "b", "a")  # 'samen', 'wijk': toward it
    comparison = scene.comparison
    assert comparison is not None
    assert len(comparison.earlier) == 1
    assert comparison.start_distance == 30
    assert comparison.distance is not None and comparison.distance < comparison.distance_of(
        comparison.earlier[0]
    )  # type: ignore[operator]
    text = " ".join(flow_text(scene))
    assert "Dichter bij het gewenste profiel dan je vorige ronde" in text
    assert "Je beste ronde tot nu toe." in text
    assert "Eerdere rondes (1)" in text
    assert len(practice_history.runs("proef")) == 2


def test_the_comparison_is_the_step_right_after_the_ending(make_app: Callable[..., App]) -> None:
    scene = play_through(make_app, "b", "a")
    keys = [step.key for step in scene.stepped.steps]
    assert keys[:3] == ["ending", "practice", "budget"]
    assert scene.stepped.step_lines("practice")[0] == "Jouw rondes"
    assert "Profiel" in scene.stepped.step_lines("ending")


def test_r_on_the_debrief_plays_the_scenario_again(make_app: Callable[..., App]) -> None:
    scene = play_through(make_app, "b", "a")
    action = scene.keys()["r"]
    assert isinstance(action, Play)
    assert action.mode == "solo" and action.path.endswith("proef.yaml")


def test_earlier_runs_survive_a_damaged_last_line(make_app: Callable[..., App], proef: Scenario) -> None:
    play_through(make_app, "b", "a")
    play_through(make_app, "a", "b")
    path = practice_history.history_path("proef")
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"type": "practice-run", "at": ')  # a write cut off by a crash
    assert [r.choices for r in practice_history.runs("proef")] == [("samen", "wijk"), ("apart", "niets")]


@pytest.mark.parametrize(
    ("a", "b", "points"),
    [
        ((40, 30, 20, 10), (15, 25, 35, 25), 30),
        ((25, 25, 25, 25), (25, 25, 25, 25), 0),
        ((100, 0, 0, 0), (0, 0, 0, 100), 100),
    ],
)
def test_the_distance_between_profiles_is_the_points_that_must_move(
    a: tuple[int, ...], b: tuple[int, ...], points: int
) -> None:
    assert practice_history.distance([p * UNIT for p in a], [p * UNIT for p in b]) == points
