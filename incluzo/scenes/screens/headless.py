"""Scripted play without a window: press the keys a player would, save a PNG of every screen shown."""

from __future__ import annotations

import faulthandler
import json
import os
import signal
import sys
import threading
from pathlib import Path

import pygame

from incluzo import persistence
from incluzo.app import App
from incluzo.engine.logs import savelog
from incluzo.engine.play.phases import Mode
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.problems import ScenarioError
from incluzo.scenariocache import load_file
from incluzo.scenes.actions import Help, OpenMap, ShowNotes
from incluzo.scenes.kit import theme
from incluzo.scenes.kit.base import Scene
from incluzo.scenes.kit.input import Key
from incluzo.scenes.screens.card import CardScene
from incluzo.scenes.screens.debrief import DebriefScene
from incluzo.scenes.screens.director import Director
from incluzo.scenes.screens.export import save_png
from incluzo.scenes.screens.start import entries, find_scenarios
from incluzo.shipped import SCENARIOS

SETTLE = theme.ANIMATION_SECONDS * 2  # seconds of game time given to a screen before its picture
OVERLAYS = (("help", "h", Help), ("map", "m", OpenMap), ("notes", "n", ShowNotes))  # --overlays, in order


def pictures(app: App, stem: str, *, overlays: bool = False) -> list[tuple[str, pygame.Surface]]:
    """What the room would see of the screen shown: every page of it (`stem`, `stem-p2`, ...) and, with
    `overlays`, each overlay the screen offers (help, map, notes: `stem-help`, `stem-help-p2`, ...).
    With the presenter view on (`App(presenter=True)`), its picture beside the first page (`stem-presenter`).
    The screen is left as it was found: its first page, no overlay open."""
    shots = _pages(app, app.scene, stem)
    if app.desk_surface is not None:
        shots.insert(1, (f"{stem}-presenter", app.desk_surface.copy()))
    if overlays and not app.overlays:
        keys = app.scene.keys()
        for name, key, action in OVERLAYS:
            if not isinstance(keys.get(key), action):
                continue
            before = app.scene
            app.step([Key(key)], 0.0)
            if app.overlays:
                shots += _pages(app, app.overlays[-1], f"{stem}-{name}")
                app.step([Key("escape")], 0.0)
            elif app.scene is not before:  # shown on the screen itself (a team card's notes): N again hides
                shots += _pages(app, app.scene, f"{stem}-{name}")
                app.step([Key(key)], 0.0)
    return shots


def _pages(app: App, scene: Scene, stem: str) -> list[tuple[str, pygame.Surface]]:
    """Each page of `scene` (the screen or the overlay on top) as the app draws it, back to page 1."""
    app.step([], SETTLE)
    shots = [(stem, app.surface.copy())]
    count = scene.paged.count if scene.paged else 1
    for page in range(2, count + 1):
        app.step([Key("page down")], 0.0)
        app.step([], SETTLE)
        shots.append((f"{stem}-p{page}", app.surface.copy()))
    if count > 1:
        app.step([Key("page up")] * (count - 1), 0.0)
    return shots


def _trace(game: Director, *, resumed: bool) -> None:
    save = game.save
    if save is not None:
        save.wait()  # what resuming added (a `finished` record) is on disk before "ready" counts it
    entries = len(save.log.entries) if save else 0
    state = savelog.fingerprint(game.session)
    print(
        json.dumps(
            {
                "event": "ready",
                "resumed": resumed,
                "entries": entries,
                "save": str(save.path if save else ""),
                "state": state,
            }
        ),
        flush=True,
    )
    if save is not None:
        save.trace = _Tracer(os.environ.get(STOP_VARIABLE, ""))
    if hasattr(signal, "SIGUSR1"):  # the fault test asks a process that went quiet where it stands
        faulthandler.register(signal.SIGUSR1, all_threads=True)


STOP_VARIABLE = "INCLUZO_TRACE_STOP"


class _Tracer:
    """Prints each save step as a JSON line. `INCLUZO_TRACE_STOP=written:2` (a step and a count) makes
    the process stop itself (SIGSTOP, POSIX) right after the 2nd 'written': the fault test then kills
    it at exactly that point inside the save, by design instead of by timing luck. Steps come from the
    save's writer thread and the autosave copier's, one at a time, while the game's thread prints
    too (where its export went): each line goes out in one write to the file descriptor, past
    sys.stdout's buffer, so no line is torn or lands inside another, and nothing is printed after the
    stop."""

    def __init__(self, stop: str) -> None:
        stage, _, count = stop.partition(":")
        self.stage, self.left = stage, int(count) if count.isdigit() else 0
        self.lock = threading.Lock()

    def __call__(self, event: str, number: int) -> None:
        line = json.dumps({"event": event, "entries": number}) + "\n"
        with self.lock:
            os.write(sys.stdout.fileno(), line.encode("utf-8"))  # atomic on a pipe (< PIPE_BUF)
            if event == self.stage and self.left > 0:
                self.left -= 1
                if self.left == 0 and hasattr(signal, "SIGSTOP"):
                    # to this very thread: a signal to the process goes to its main thread, and this
                    # thread (the save's writer) would go on printing until that one had stopped them all
                    signal.pthread_kill(threading.get_ident(), signal.SIGSTOP)


def list_scenarios(lang: str) -> int:
    for entry in entries(find_scenarios(SCENARIOS), lang):
        state = f"  ({entry.error})" if entry.error else f"  ({entry.cards} cards)"
        print(f"{entry.path}: {entry.title}{state}")
    return 0


def checked(path: str, shots: Path | None, lang: str) -> Scenario | None:
    """The scenario to play headless, its screenshot folder made; None (every problem printed) when
    the file has errors. Only the load: the analysis (`incluzo check`) never delays play."""
    try:
        scenario = load_file(path)
    except ScenarioError as error:
        for problem in error.problems:
            print(problem.format(lang), file=sys.stderr)
        return None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    return scenario


def play_headless(
    path: str,
    choices: list[str],
    shots: Path | None,
    size: tuple[int, int],
    lang: str,
    mode: Mode,
    *,
    resume: bool = False,
    trace: bool = False,
    overlays: bool = False,
    presenter: bool = False,
) -> int:
    """Play `choices` in order from the briefing to the debrief; 0 when the debrief was reached.

    With `resume`, an unfinished session of the scenario goes on where it stood, and the choices it
    already made are skipped. With `trace`, JSON lines on stdout tell when play starts (with the
    state) and around every save; the fault test reads them. Every page of a paged screen is written,
    and with `overlays` the help, map and notes over each screen that offers them, with `presenter` the
    presenter view beside it (see `pictures`).
    """
    scenario = checked(path, shots, lang)
    if scenario is None:
        return 1
    found = persistence.find_unfinished(scenario.id) if resume else None
    app = App.opened(size=size, lang=lang, mode=mode, scenario=path, resume=found, presenter=presenter)
    game = app.game
    if not isinstance(game, Director):
        print(f"incluzo play: {app.notice}", file=sys.stderr)
        return 1
    made = sum(1 for d in game.session.game.decisions if d.choice is not None)
    if trace:
        _trace(game, resumed=found is not None)
    pending = list(choices)[made:]
    number = 0
    seen: object = None
    while True:
        app.step([], SETTLE)
        scene = app.scene
        if scene is not seen:
            seen = scene
            number += 1
            if shots is not None:
                for stem, image in pictures(app, f"{number:02d}-{scene.name}", overlays=overlays):
                    save_png(image, shots / f"{stem}.png")
        if isinstance(scene, DebriefScene):
            app.step([Key("e")], 0.0)
            return 0 if app.exports else 1
        key = "return"
        if isinstance(scene, CardScene) and not scene.view.is_event and not scene.out:
            if not pending:
                offered = ", ".join(c.id for c in scene.view.choices)
                print(
                    f"incluzo play: the choices ran out at card '{scene.view.id}' (it offers: {offered})",
                    file=sys.stderr,
                )
                return 1
            wanted = pending.pop(0)
            choice = next((c for c in scene.view.choices if c.id == wanted), None)
            if choice is None:
                offered = ", ".join(c.id for c in scene.view.choices)
                print(
                    f"incluzo play: card '{scene.view.id}' has no choice '{wanted}' (it offers: {offered})",
                    file=sys.stderr,
                )
                return 1
            key = choice.letter.lower()
        app.step([Key(key)], 0.0)
        if app.notice:
            print(f"incluzo play: {app.notice}", file=sys.stderr)
            return 1
