"""Poll cards on screen: typed counts, the live chart, the result moment (the chart large, the lead
marked, then the discussion question), recording the counts, and the chart in the debrief."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from scene_helpers import click, go_on, press
from testsupport import ROOT

from incluzo.app import App
from incluzo.engine.logs.savelog import AdvanceEntry, DeliberationEntry
from incluzo.scenes.screens.card import CardScene
from incluzo.scenes.screens.debrief import DebriefScene
from incluzo.scenes.screens.poll import PollScene
from incluzo.scenes.screens.steps import StepPages

OPENING = ROOT / "scenarios" / "opening.yaml"


def at_first_poll(make_app: Callable[..., App], **options: object) -> App:
    app = make_app(OPENING, **options)
    press(app, "return", "return")  # briefing, the opening event card
    assert isinstance(app.scene, PollScene)
    assert app.scene.view.id == "opp-in-de-praktijk"
    return app


def poll_scene(app: App) -> PollScene:
    assert isinstance(app.scene, PollScene)
    return app.scene


def test_typed_counts_show_in_the_view_and_in_the_bars(make_app: Callable[..., App]) -> None:
    app = at_first_poll(make_app)
    press(app, "a", "1", "2", "b", "3", "c", "5")
    scene = poll_scene(app)
    assert [o.count for o in scene.poll.options] == [12, 3, 5, 0, 0]  # untyped counts as 0
    assert [o.percent for o in scene.poll.options] == [60, 15, 25, 0, 0]
    assert scene.poll.total == 20
    track = scene.rows[0].track.width
    assert scene.bar_values() == [
        ("verplicht-document", 12, 60, round(track * 0.60)),
        ("startpunt-voor-gesprek", 3, 15, round(track * 0.15)),
        ("kompas-voor-ontwikkeling", 5, 25, round(track * 0.25)),
        ("spiegel-van-ons-onderwijs", 0, 0, 0),
        ("anders", 0, 0, 0),
    ]


def test_enter_records_the_counts_in_the_session_and_the_save(make_app: Callable[..., App]) -> None:
    app = at_first_poll(make_app)
    press(app, "a", "7", "e", "2", "return")  # the result
    assert app.game is not None and app.game.session.game.decisions[-1].counts is None  # not yet
    press(app, "return", "return")  # the discussion question, then on
    assert app.game is not None and app.game.save is not None
    assert app.game.session.game.decisions[-1].counts == (7, 0, 0, 0, 2)
    entries = app.game.save.log.entries
    assert AdvanceEntry("opp-in-de-praktijk", (7, 0, 0, 0, 2)) in entries  # type: ignore[arg-type]
    timed = [e for e in entries if isinstance(e, DeliberationEntry)]
    assert [e.card for e in timed] == ["keuzes-maken", "opp-in-de-praktijk"]
    assert all(e.ms >= 0 for e in timed)


def test_backspace_corrects_the_last_digit(make_app: Callable[..., App]) -> None:
    app = at_first_poll(make_app)
    press(app, "a", "1", "2", "backspace", "5")
    assert poll_scene(app).poll.options[0].count == 15
    press(app, "backspace", "backspace")
    assert poll_scene(app).poll.options[0].count is None  # nothing typed anywhere: no counts at all


def test_backspace_with_nothing_typed_takes_back_the_card_before(make_app: Callable[..., App]) -> None:
    app = at_first_poll(make_app)
    press(app, "backspace")
    assert isinstance(app.scene, CardScene) and app.scene.view.id == "keuzes-maken"


def test_plus_and_minus_buttons_change_a_count(make_app: Callable[..., App]) -> None:
    app = at_first_poll(make_app)
    for _ in range(3):
        click(app, "plus-anders")
    click(app, "minus-anders")
    scene = poll_scene(app)
    assert scene.poll.options[4].count == 2
    assert scene.entry.selected == 4


def test_clicking_the_footer_button_records_the_counts_typed(make_app: Callable[..., App]) -> None:
    app = at_first_poll(make_app)
    press(app, "b", "4")
    for button in ("next", "next-page", "next"):  # the result, the discussion question, recorded
        click(app, button)
    assert app.game is not None
    assert app.game.session.game.decisions[-1].counts == (0, 4, 0, 0, 0)


def test_a_numbered_poll_types_digits_and_moves_with_the_arrows(make_app: Callable[..., App]) -> None:
    app = at_first_poll(make_app)
    go_on(app)  # no counts: the discussion question, then on
    press(app, "return", "return")  # the lenses and the roles cards
    scene = poll_scene(app)
    assert scene.view.id == "welk-model"
    press(app, "3", "down", "1", "0", "tab", "tab", "4")
    assert [o.count for o in scene.poll.options] == [3, 10, 0, 4]
    assert [o.mark for o in scene.poll.options] == ["1", "2", "3", "4"]


def test_enter_with_nothing_typed_passes_the_poll_without_counts(make_app: Callable[..., App]) -> None:
    app = at_first_poll(make_app)
    press(app, "return")
    scene = poll_scene(app)
    assert scene.result is not None and [s.key for s in scene.result.steps] == ["discuss"]  # no chart
    press(app, "return")
    assert app.game is not None
    decision = app.game.session.game.decisions[-1]
    assert decision.card == "opp-in-de-praktijk" and decision.counts is None


def test_the_debrief_shows_the_recorded_chart(make_app: Callable[..., App]) -> None:
    app = at_first_poll(make_app, size=(3840, 2160))
    press(app, "a", "8", "b", "2")
    go_on(app)  # the result and its question
    go_on(app)  # the second poll: no counts, its question
    press(app, "return", "return", "return")  # the lenses and the roles cards, the last poll
    assert isinstance(app.scene, DebriefScene)
    first, second = [
        b for b in app.scene.stepped.step_lines("decisions") if "organisatie" in b or "model" in b
    ]
    assert "A. een verplicht document: 8 \u00b7 80% (Meeste stemmen)" in first
    assert "B. een startpunt voor gesprek: 2 \u00b7 20% " in first
    assert first.endswith("Totaal: 10")
    assert second.endswith("Geen aantallen ingevoerd")  # the second poll was passed without counts


def test_a_scenario_that_costs_nothing_shows_no_meters(make_app: Callable[..., App]) -> None:
    app = at_first_poll(make_app)
    assert poll_scene(app).view.meters == ()
    other = make_app()
    press(other, "return")
    assert isinstance(other.scene, CardScene)
    assert [m.id for m in other.scene.view.meters] == ["kwaliteit", "toegankelijkheid", "betaalbaarheid"]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (3840, 2160)])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_shipped_polls_fit_their_boxes(
    make_app: Callable[..., App], size: tuple[int, int], lang: str
) -> None:
    app = at_first_poll(make_app, size=size, lang=lang)
    assert poll_scene(app).overflows() == []
    press(app, "a", "1", "2", "b", "1", "2", "return")  # a tie: both marked
    assert poll_scene(app).overflows() == []
    press(app, "return")
    assert poll_scene(app).overflows() == []  # the discussion question
    press(app, "return", "return", "return")
    assert poll_scene(app).overflows() == []


def test_enter_shows_the_result_with_the_lead_marked_then_the_discussion(
    make_app: Callable[..., App],
) -> None:
    app = at_first_poll(make_app)
    press(app, "a", "3", "c", "9", "d", "1", "return")
    scene = poll_scene(app)
    assert scene.showing and scene.result is not None and scene.result.step.key == "result"
    lines = scene.result.lines()
    assert "C. een kompas voor ontwikkeling: 9 \u00b7 69% (Meeste stemmen)" in lines
    assert "A. een verplicht document: 3 \u00b7 23%" in lines  # not leading: no mark
    assert "Totaal: 13" in lines
    assert "Uitslag" in scene.header_text()
    press(app, "return")
    assert scene.result.step.key == "discuss"
    assert scene.result.lines() == [
        "Bespreek (1 van 1)",
        *scene.result.lines()[1:],
    ] and "kompas voor ontwikkeling" in " ".join(scene.result.lines()[1:])
    press(app, "return")
    assert app.game is not None and app.game.session.game.decisions[-1].counts == (3, 0, 9, 1, 0)


def test_a_tie_marks_every_leading_option_as_tied(make_app: Callable[..., App]) -> None:
    app = at_first_poll(make_app, lang="en")
    press(app, "a", "4", "b", "4", "c", "2", "return")
    scene = poll_scene(app)
    assert scene.poll.leading == ("verplicht-document", "startpunt-voor-gesprek")
    lines = scene.result.lines() if scene.result else []
    assert [line for line in lines if "Tied: most votes" in line] == [
        "A. a required document: 4 \u00b7 40% (Tied: most votes)",
        "B. a starting point for conversation: 4 \u00b7 40% (Tied: most votes)",
    ]


def test_backspace_on_the_result_goes_back_to_the_counts_kept(make_app: Callable[..., App]) -> None:
    app = at_first_poll(make_app)
    press(app, "a", "5", "return", "return")  # the result, the discussion
    press(app, "backspace")
    scene = poll_scene(app)
    assert not scene.showing and scene.poll.options[0].count == 5
    press(app, "6", "return")  # 56: the result shows the corrected count
    assert "A. een verplicht document: 56 \u00b7 100% (Meeste stemmen)" in scene.result.lines()  # type: ignore[union-attr]
    assert app.game is not None and not app.game.session.game.decisions[-1].counts


def test_pgup_on_the_result_goes_back_a_step(make_app: Callable[..., App]) -> None:
    app = at_first_poll(make_app)
    press(app, "a", "5", "return", "return")
    scene = poll_scene(app)
    assert scene.result is not None and scene.result.step.key == "discuss"
    press(app, "page up")
    assert scene.result.step.key == "result"


def team_poll_revealed() -> App:
    """Three teams at the opening's first poll: two pick C, one A, and the facilitator reveals."""
    from team_helpers import team_app

    from incluzo.scenes.teams.rounds import TeamRoundScene

    app = team_app(OPENING, ("Rood", "Blauw", "Groen"))
    for _ in range(10):
        if isinstance(app.scene, TeamRoundScene) and app.scene.view.card.poll is not None:
            break
        press(app, "return")
    press(app, "1", "c", "2", "c", "3", "a", "return")
    return app


def test_a_team_poll_shows_the_same_result_moment_then_the_discussion() -> None:
    from incluzo.scenes.teams.reveal import TeamRevealScene
    from incluzo.scenes.teams.rounds import TeamRoundScene

    app = team_poll_revealed()
    reveal = app.scene
    assert isinstance(reveal, TeamRevealScene) and isinstance(reveal.paged, StepPages)
    assert reveal.paged.step.key == "result"
    lines = reveal.paged.lines()
    assert "C. een kompas voor ontwikkeling: 2 \u00b7 67% (Meeste stemmen)" in lines
    assert "A. een verplicht document: 1 \u00b7 33%" in lines
    go_on_to = [reveal.paged.steps[s.step].key for s in reveal.paged.screens]
    assert go_on_to[-1] == "discuss"
    for _ in range(len(go_on_to) - 1):
        press(app, "return")
    assert app.scene is reveal and reveal.paged.step.key == "discuss"
    press(app, "return")
    assert isinstance(app.scene, TeamRoundScene)  # on to the next round


def test_the_result_is_the_same_chart_in_one_group_and_in_teams(make_app: Callable[..., App]) -> None:
    """Both build their result screen from pollresult.result_steps: the same lines for the same counts."""
    app = at_first_poll(make_app)
    press(app, "a", "1", "c", "2", "return")
    group = poll_scene(app).result
    assert group is not None
    shown = team_poll_revealed().scene.paged
    assert isinstance(shown, StepPages)
    options = [line for line in group.lines() if line[:2] in ("A.", "C.")]
    assert options == [line for line in shown.lines() if line[:2] in ("A.", "C.")]


def test_counts_that_arrive_while_the_result_is_shown_redraw_it(make_app: Callable[..., App]) -> None:
    app = at_first_poll(make_app)
    press(app, "a", "2", "return")
    scene = poll_scene(app)
    scene.set_counts((2, 5, 0, 0, 0))  # the phones' votes
    assert scene.result is not None and scene.result.step.key == "result"
    assert "B. een startpunt voor gesprek: 5 \u00b7 71% (Meeste stemmen)" in scene.result.lines()
