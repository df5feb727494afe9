"""Scripted team play without a window: the facilitator's keys for every team's choice, a PNG per screen
(and per step of a reveal).

The choices are given per round: rounds apart by commas, the teams of a round by slashes, in team
order ("a/b/a,c/c/b": round one team 1 chose a, team 2 b, team 3 a). A round with one entry gives every
team that plays it the same choice; a team that sits a round out gets '-' (or nothing) in its place.
Event and poll cards need no entry.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from incluzo.app import App
from incluzo.engine.play.phases import Mode
from incluzo.scenes.kit.base import Scene
from incluzo.scenes.kit.input import Key
from incluzo.scenes.screens.export import save_png
from incluzo.scenes.screens.headless import SETTLE, checked, pictures
from incluzo.scenes.teams.briefing import TeamBriefingScene
from incluzo.scenes.teams.debrief import TeamDebriefScene
from incluzo.scenes.teams.reveal import TeamRevealScene
from incluzo.scenes.teams.rounds import TeamRoundScene

SIT_OUT = ("", "-")
STEPS = 2000  # more key presses than any scenario needs: a script that loops is stopped


class ScriptError(Exception):
    """A scripted round that does not fit the card it meets (the message says where and why)."""


def parse_rounds(text: str) -> list[list[str]]:
    """'a/b/a,c/c/b' -> [['a', 'b', 'a'], ['c', 'c', 'b']]."""
    return [[part.strip() for part in group.split("/")] for group in text.split(",") if group.strip()]


def round_keys(scene: TeamRoundScene, group: Sequence[str], number: int) -> list[str]:
    """The keys that enter one round's choices: per playing team its number, then its choice's mark."""
    view = scene.view
    teams = view.teams
    card = view.card.id
    if len(group) == 1:
        group = [group[0] if t.plays else "" for t in teams]
    if len(group) != len(teams):
        raise ScriptError(f"round {number} (card '{card}'): give one choice per team ({len(teams)}), "
                          f"or one for all; found {len(group)}")  # fmt: skip
    options = {o.id: o.mark for o in scene.options()}
    keys: list[str] = []
    for team, wanted in zip(teams, group, strict=True):
        name = team.badge.name
        if not team.plays:
            if wanted not in SIT_OUT:
                raise ScriptError(f"round {number} (card '{card}'): team '{name}' does not play this card; "
                                  "give '-' in its place")  # fmt: skip
            continue
        if wanted in SIT_OUT:
            raise ScriptError(f"round {number} (card '{card}'): team '{name}' plays this card: give a choice")
        if wanted not in options:
            offered = ", ".join(options)
            raise ScriptError(f"round {number}: card '{card}' has no choice '{wanted}' (offers: {offered})")
        keys += [str(team.badge.number), options[wanted].lower()]
    return keys


def shot_name(scene: Scene) -> str:
    """A screen's picture name: its own, with the step after the reveal's first ('team-reveal-1-2')."""
    if isinstance(scene, TeamRevealScene) and scene.step > 1:
        return f"{scene.name}-{scene.step}"
    return scene.name


def play_teams_headless(
    path: str,
    names: Sequence[str],
    rounds: list[list[str]],
    shots: Path | None,
    size: tuple[int, int],
    lang: str,
    *,
    overlays: bool = False,
    presenter: bool = False,
) -> int:
    """Play the scripted rounds from the briefing to the team debrief, writing a PNG of every screen
    (and of the map with every team at the end) and the debrief export. 0 when the debrief was reached.
    Every page of a paged screen is written, and with `overlays` and `presenter` what `pictures` adds."""
    if checked(path, shots, lang) is None:
        return 1
    app = App.opened(
        size=size, lang=lang, mode=Mode.TEAMS, scenario=path, teams=tuple(names), presenter=presenter
    )
    if app.game is None:
        print(f"incluzo play: {app.notice}", file=sys.stderr)
        return 1
    pending = list(rounds)
    shown: set[str] = set()
    count = 0

    def shot(name: str) -> None:
        nonlocal count
        count += 1
        if shots is not None:
            for stem, image in pictures(app, f"{count:02d}-{name}", overlays=overlays):
                save_png(image, shots / f"{stem}.png")

    played = 0
    for _ in range(STEPS):
        app.step([], SETTLE)
        scene = app.scene
        fresh = shot_name(scene) not in shown
        shown.add(shot_name(scene))
        if isinstance(scene, TeamDebriefScene):
            shot(scene.name)
            app.step([Key("m")], 0.0)
            shot("team-map")
            app.step([Key("escape"), Key("e")], 0.0)
            return 0 if app.exports else 1
        if isinstance(scene, TeamRoundScene) and fresh and scene.options() and scene.view.card.poll is None:
            played += 1
            if not pending:
                print(f"incluzo play: the choices ran out at round {played} (card '{scene.view.card.id}')",
                      file=sys.stderr)  # fmt: skip
                return 1
            try:
                keys = round_keys(scene, pending.pop(0), played)
            except ScriptError as error:
                print(f"incluzo play: {error}", file=sys.stderr)
                return 1
            for key in keys:
                app.step([Key(key)], 0.0)
                if app.notice:
                    print(f"incluzo play: round {played}: {app.notice}", file=sys.stderr)
                    return 1
            app.step([], SETTLE)
            scene = app.scene
        if fresh:
            shot(shot_name(scene))
        app.step([Key("return")], 0.0)
        if app.notice and not isinstance(scene, TeamBriefingScene):
            print(f"incluzo play: {app.notice}", file=sys.stderr)
            return 1
    print("incluzo play: the debrief was never reached", file=sys.stderr)
    return 1
