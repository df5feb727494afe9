"""Feedback for a solo player on the outcome screen, in words.

Always: which way the profile shifted. With the scenario's `hints: direction`: whether the choice
brought the profile closer to the desired one; with `hints: exact`: by how many points.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from incluzo.engine.play.views import DecisionView, MapView, QuadrantView

Say = Callable[..., str]
SAME = 0.5  # less than half a point of change counts as no change


def distance(a: Sequence[QuadrantView], b: Sequence[QuadrantView]) -> float:
    """Points that would have to move to turn profile a into b."""
    return sum(abs(x.exact - y.exact) for x, y in zip(a, b, strict=True)) / 2


def shift(decision: DecisionView, say: Say) -> str | None:
    """'Your profile shifted toward Professionalisering (+15).'"""
    gains = [
        (after.exact - before.exact, after)
        for before, after in zip(decision.position_before, decision.position_after, strict=True)
    ]
    gain, quadrant = max(gains, key=lambda pair: pair[0])
    if gain < SAME:
        return None
    return say("feedback.shift", name=quadrant.name, points=round(gain))


def solo_feedback(decision: DecisionView, map_view: MapView, say: Say) -> list[str]:
    lines = [line for line in [shift(decision, say)] if line]
    desired = map_view.desired
    if desired is None or map_view.hints == "none":
        return lines
    before = distance(decision.position_before, desired)
    after = distance(decision.position_after, desired)
    if map_view.hints == "exact":
        lines.append(say("feedback.exact", before=round(before), after=round(after)))
    elif after < before - SAME:
        lines.append(say("feedback.closer"))
    elif after > before + SAME:
        lines.append(say("feedback.further"))
    else:
        lines.append(say("feedback.same"))
    return lines
