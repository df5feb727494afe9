"""Solo practice: tips before choosing, feedback after, a card tried again, the scenario replayed, and
a debrief that holds this run beside the goal and the player's earlier runs.

Tips come at three levels (the scenario's `hints:`, I switches): none; direction, the quadrants each
choice leans toward; exact, how many points each choice moves and what that does to the distance to
the desired profile (a choice's costs are always on its button). The outcome's feedback follows the
level chosen. R on an outcome plays the card again; R on the debrief plays the scenario again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from msgspec import Struct
from msgspec.structs import replace

from incluzo import practice_history
from incluzo.engine.logs.savelog import SaveError
from incluzo.engine.play import position
from incluzo.engine.play.hints import ChoiceHint, choice_hints
from incluzo.engine.play.phases import Mode, Phase
from incluzo.engine.play.session import Session
from incluzo.engine.play.views import CardView, DebriefView, MapView, OutcomeView
from incluzo.engine.scenario.model import HINT_LEVELS
from incluzo.i18n import Messages
from incluzo.persistence import SaveFile
from incluzo.practice_history import Comparison, PracticeRun
from incluzo.scenes.actions import Action, Play, Undo
from incluzo.scenes.kit import theme, widgets
from incluzo.scenes.kit.base import Context, Scene, bullet_list, heading_item
from incluzo.scenes.kit.bindings import REPLAY, RETRY, TIPS, Binding, Local
from incluzo.scenes.kit.mapinfo import legend
from incluzo.scenes.kit.quadmap import Kite
from incluzo.scenes.kit.text import Flow
from incluzo.scenes.screens import steps
from incluzo.scenes.screens.card import CardScene
from incluzo.scenes.screens.debrief import DebriefScene
from incluzo.scenes.screens.director import Director, Step
from incluzo.scenes.screens.outcome import OutcomeScene

SAME = 0.5  # less than half a point closer or further counts as the same


@dataclass
class Practice:
    """What a solo run keeps beside the session: the tip level, cards tried again, when it began."""

    level: str = "none"
    retries: int = 0
    started: float = 0.0  # the game's clock when the run began (Director.clock)

    def next_level(self) -> None:
        self.level = HINT_LEVELS[(HINT_LEVELS.index(self.level) + 1) % len(HINT_LEVELS)]


def hint_lines(hints: Sequence[ChoiceHint], level: str, say: Messages) -> list[str]:
    """The tip for each choice in words: its direction, or its exact moves and the distance they make."""
    lines = []
    for hint in hints:
        if not hint.toward:
            lines.append(say("practice.still", letter=hint.letter))
            continue
        if level == "direction":
            names = say("practice.and").join(f"{a.symbol} {a.name}" for a in hint.toward)
            lines.append(say("practice.toward", letter=hint.letter, names=names))
            continue
        moves = ", ".join(f"{a.name} +{a.amount}" for a in hint.toward)
        line = say("practice.moves", letter=hint.letter, moves=moves)
        if hint.before is not None and hint.after is not None:
            line += ", " + say("practice.goal_change", before=round(hint.before), after=round(hint.after))
        lines.append(line)
    return lines


class NextLevel(Local, Struct, frozen=True):
    """Switch the tips to the next level (I)."""


class PracticeCardScene(CardScene):
    """A card with the tips of the level chosen below the situation, and I to switch the level."""

    def __init__(
        self, ctx: Context, view: CardView, practice: Practice, hints: Sequence[ChoiceHint], *, can_undo: bool
    ) -> None:
        super().__init__(ctx, view, can_undo=can_undo)
        self.practice = practice
        self.hints = tuple(hints)

    def tip_lines(self) -> list[str]:
        return [] if self.practice.level == "none" else hint_lines(self.hints, self.practice.level, self.say)

    def text_flow(self, width: int) -> Flow:
        flow = super().text_flow(width)
        lines = self.tip_lines()
        if lines:
            m = self.metrics
            heading_item(
                flow, self.say(f"practice.tip.{self.practice.level}"), self.styles["heading"], m.margin
            )
            bullet_list(flow, lines, self.styles["body"], m, space_before=m.gap)
        return flow

    def bindings(self) -> list[Binding]:
        tips = TIPS.to(NextLevel()).labelled(f"practice.level.{self.practice.level}")
        return [*super().bindings(), tips]

    def local(self, request: Local) -> Action | None:
        assert isinstance(request, NextLevel), request
        self.practice.next_level()
        self.page = 0
        self.relayout()
        return None


class PracticeOutcomeScene(OutcomeScene):
    """The outcome with R to try the card again."""

    def bindings(self) -> list[Binding]:
        return [*super().bindings(), *([RETRY] if self.can_undo else [])]


def units_points(units: Sequence[int]) -> tuple[float, ...]:
    return tuple(u / position.UNIT for u in units)


def practice_flow(
    flow: Flow, comparison: Comparison, say: Messages, metrics: theme.Metrics, *, not_kept: str = ""
) -> None:
    """The run beside the goal and the earlier runs, in words, at the end of the debrief."""
    s = widgets.styles(metrics)
    m, this = metrics, comparison.this
    heading_item(flow, say("practice.heading"), s["heading"], m.margin)
    if not_kept:
        flow.text(say("practice.not_kept", reason=not_kept), s["warning"], space_before=m.gap // 2)
    if comparison.distance is not None and comparison.start_distance is not None:
        flow.text(
            say("practice.goal", distance=round(comparison.distance), start=round(comparison.start_distance)),
            s["body"],
            space_before=m.gap // 2,
        )
    else:
        flow.text(say("practice.no_goal"), s["muted"], space_before=m.gap // 2)
    flow.text(
        say(
            "practice.this",
            affirmative=this.tally[0],
            transformative=this.tally[1],
            spent=sum(this.spent),
            retries=this.retries,
        ),
        s["body"],
        space_before=m.gap // 2,
    )
    if not comparison.earlier:
        flow.text(say("practice.first"), s["italic"], space_before=m.gap // 2)
        return
    verdict = _verdict(comparison, say)
    if verdict:
        flow.text(verdict, s["italic"], space_before=m.gap // 2)
    legend(flow, [(say("practice.previous_kite"), previous_kite(comparison.earlier[0]))], s["body"], m)
    heading_item(flow, say("practice.earlier", count=len(comparison.earlier)), s["heading"], m.margin)
    lines = [_run_line(run, comparison, say) for run in comparison.earlier[: practice_history.SHOWN_RUNS]]
    bullet_list(flow, lines, s["body"], m, space_before=m.gap // 2)


def _verdict(comparison: Comparison, say: Messages) -> str:
    """Closer to or further from the goal than the run before, and whether it is the best so far."""
    now, previous = comparison.distance, comparison.previous
    if now is None or previous is None:
        return ""
    before = comparison.distance_of(previous)
    assert before is not None
    key = (
        "practice.closer"
        if now < before - SAME
        else "practice.further"
        if now > before + SAME
        else "practice.same"
    )
    words = say(key, before=round(before), after=round(now))
    best = comparison.best_earlier
    if best is not None and now < best - SAME:
        words += " " + say("practice.best")
    return words


def _run_line(run: PracticeRun, comparison: Comparison, say: Messages) -> str:
    when = run.at.replace("T", " ")
    distance = comparison.distance_of(run)
    tally = {"affirmative": run.tally[0], "transformative": run.tally[1], "spent": sum(run.spent)}
    if distance is None:
        return say("practice.run", when=when, **tally)
    return say("practice.run.goal", when=when, distance=round(distance), **tally)


def previous_kite(run: PracticeRun) -> Kite:
    return Kite(units_points(run.position), theme.KITE_PREVIOUS, "dotted")


class PracticeDebriefScene(DebriefScene):
    """The debrief with the run compared (and the previous run's kite), and R to play again."""

    def __init__(
        self,
        ctx: Context,
        view: DebriefView,
        map_view: MapView,
        comparison: Comparison | None,
        replay: Play | None,
        not_kept: str = "",
    ) -> None:
        super().__init__(ctx, view, map_view)
        self.comparison = comparison
        self.replay = replay
        self.not_kept = not_kept

    def extra_steps(self) -> list[steps.Step]:
        """The run compared is the step right after the ending: it is what a solo player looks for."""
        comparison = self.comparison
        if comparison is None:
            return []

        def build(width: int) -> Flow:
            flow = Flow(width, self.ctx.lang)
            practice_flow(flow, comparison, self.say, self.metrics, not_kept=self.not_kept)
            return flow

        return [steps.Step("practice", self.say("practice.heading"), build, beside_map=True)]

    def bindings(self) -> list[Binding]:
        return [*super().bindings(), *([REPLAY.to(self.replay)] if self.replay else [])]

    def earlier_kites(self) -> list[Kite]:
        """The previous run's end kite, under this run's."""
        if self.comparison is not None and self.comparison.earlier:
            return [previous_kite(self.comparison.earlier[0])]
        return []


class PracticeDirector(Director):
    """The director of a solo run: practice scenes, retries counted, the finished run kept."""

    def begin(self, session: Session, save: SaveFile | None) -> None:
        """A run begins (at the start and after a reload): no retries yet, nothing kept."""
        self.practice = Practice(session.scenario.hints, started=self.clock)
        self.comparison: Comparison | None = None
        self.not_kept = ""  # why the run could not be kept, if it could not
        super().begin(session, save)

    def card_scene(self, view: CardView) -> Scene:
        hints = choice_hints(self.session.scenario, self.session.game, self.ctx.lang)
        return PracticeCardScene(self.ctx, view, self.practice, hints, can_undo=self.session.can_undo())

    def outcome_scene(self, view: OutcomeView) -> Scene:
        map_view = replace(self.map_view(), hints=self.practice.level)  # feedback at the level chosen
        return PracticeOutcomeScene(self.ctx, view, map_view, can_undo=self.session.can_undo())

    def debrief_scene(self, view: DebriefView) -> Scene:
        comparison = self.comparison or practice_history.compare(
            self.session.scenario, self.run(), practice_history.runs(self.session.scenario.id)
        )
        return PracticeDebriefScene(self.ctx, view, self.map_view(), comparison, self.replay(), self.not_kept)

    def replay(self) -> Play | None:
        """Play the same scenario file again, solo."""
        source = self.save.log.header.source if self.save is not None else ""
        return Play(source, Mode.SOLO, self.ctx.lang) if source else None

    def run(self) -> PracticeRun:
        return practice_history.run_of(
            self.session.scenario,
            self.session.game,
            retries=self.practice.retries,
            hints=self.practice.level,
            seconds=round(self.clock - self.practice.started),
        )

    def apply(self, action: Step) -> str | None:
        retry = isinstance(action, Undo) and self.session.phase == Phase.OUTCOME
        refused = super().apply(action)
        if retry and refused is None:
            self.practice.retries += 1
        return refused

    def reached_debrief(self) -> None:
        """Keep the run and compare it with the runs before it."""
        scenario = self.session.scenario
        earlier = practice_history.runs(scenario.id)
        this = self.run()
        try:
            practice_history.keep(scenario, this)
        except (OSError, SaveError) as error:
            self.not_kept = str(error)
        self.comparison = practice_history.compare(scenario, this, earlier)
