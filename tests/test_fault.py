"""Faults: the game killed at random moments never loses a completed decision, and a crash in the loop
shows a calm page from which R goes on.

The kill test plays a shipped scenario headless in a separate process (`incluzo play --headless
--resume --trace`), kills it with SIGKILL at a random moment (during start-up, during play, or just
as it writes a save), starts it again with --resume, and checks that every decision it had reported
durable is still there and that the state it restored equals the state rebuilt from the log. The
default run makes 20 kills; `pytest -m slow tests/test_fault.py` makes 200 and prints its figures.
"""

from __future__ import annotations

import json
import os
import random
import selectors
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from testsupport import route

from incluzo import persistence
from incluzo.app import App
from incluzo.engine.logs import savelog
from incluzo.engine.scenario.loader import load_file
from incluzo.engine.scenario.model import Scenario
from incluzo.scenes.kit.input import Key
from incluzo.scenes.screens.crash import CrashScene
from incluzo.scenes.screens.headless import STOP_VARIABLE
from incluzo.scenes.screens.overlays import HelpOverlay

ROOT = Path(__file__).resolve().parent.parent
SCENARIO_FILE = ROOT / "scenarios" / "te-veel-prikkels.yaml"
WAIT = 60.0  # seconds a process may take to report (start-up on a busy machine included)


class Lines:
    """A child's stdout read line by line, without blocking past a deadline."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        self.stream = process.stdout
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.stream, selectors.EVENT_READ)
        self.buffer = b""
        self.closed = False

    def next(self, deadline: float) -> dict[str, Any] | None:
        """The next trace event, or None at the deadline or the end of the output."""
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if self.closed or left <= 0 or not self.selector.select(left):
                return None
            chunk = os.read(self.stream.fileno(), 65536)
            self.closed = not chunk
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line) if line.startswith(b"{") else self.next(deadline)


@dataclass
class Figures:
    kills: Counter[str] = field(default_factory=Counter)
    during_save: int = 0  # kills inside a save, at one of SAVE_STEPS
    before_durable: int = 0  # of those, before the record's fsync
    resumed: int = 0
    games: int = 0
    restored_steps: list[int] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)  # save kills that landed outside a save: what was told

    @property
    def every_save_kill_in_a_save(self) -> bool:
        return self.during_save == self.kills["save"]


@dataclass
class Run:
    """One process: what it reported before it was killed or ended."""

    events: list[dict[str, Any]]
    killed: bool
    returncode: int
    stderr: str

    @property
    def ready(self) -> dict[str, Any] | None:
        return next((e for e in self.events if e["event"] == "ready"), None)

    @property
    def durable(self) -> int:
        """Records this process reported durable: fsynced in the log itself ('synced', before the game
        shows the step; the autosave copies follow in a thread of their own), restored ones included."""
        synced = [e["entries"] for e in self.events if e["event"] == "synced"]
        return max([*synced, self.ready["entries"] if self.ready else 0])


SAVE_STEPS = ("saving", "written", "synced", "autosaving")  # the kill points inside a save (persistence)


def play_once(home: Path, choices: list[str], rng: random.Random) -> tuple[Run, str]:
    """Start the game with --resume and kill it at a random moment (or let it end). A kill in a save is
    placed by design: the child stops itself at a chosen step of its n-th save (INCLUZO_TRACE_STOP),
    and is killed there."""
    moment = rng.choice(["start-up", "play", "play", "save", "save"])
    stage, savings = rng.choice(SAVE_STEPS), rng.randint(1, 4)
    env = {**os.environ, "INCLUZO_HOME": str(home), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    if moment == "save":
        env[STOP_VARIABLE] = f"{stage}:{savings}"
    command = [
        sys.executable,
        "-m",
        "incluzo",
        "play",
        str(SCENARIO_FILE),
        "--headless",
        "--resume",
        "--trace",
        "--lang",
        "nl",
        "--choices",
        ",".join(choices),
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = Lines(process)
    events: list[dict[str, Any]] = []
    started = time.monotonic()
    deadline = started + (rng.uniform(0.0, 1.5) if moment == "start-up" else WAIT)
    while (event := lines.next(deadline)) is not None:
        events.append(event)
        if event["event"] == "ready" and moment == "play":
            deadline = time.monotonic() + rng.uniform(0.0, 1.5)
        if event["event"] == stage and moment == "save":
            savings -= 1
            if savings == 0:
                break  # the child has stopped itself right here, inside the save
    killed = not lines.closed and process.poll() is None  # a closed output is a process ending by itself
    if killed and time.monotonic() >= deadline and moment == "save":  # quiet: where does it stand?
        process.send_signal(signal.SIGUSR1)  # its threads' stacks to stderr (faulthandler)
        time.sleep(0.5)
    if killed:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=WAIT)
    while (event := lines.next(time.monotonic() + WAIT)) is not None:  # what it wrote before it died
        events.append(event)
    assert process.stderr is not None
    return Run(events, killed, process.returncode, process.stderr.read().decode("utf-8", "replace")), moment


def rebuilt(scenario: Scenario, path: Path, entries: int) -> dict[str, Any]:
    """The state the log's first `entries` records describe, rebuilt from scratch."""
    parsed = savelog.parse(path.read_bytes(), str(path))
    assert parsed.log is not None and len(parsed.log.entries) >= entries
    log = savelog.SaveLog(parsed.log.header, parsed.log.entries[:entries])
    return savelog.fingerprint(savelog.replay(scenario, log).state)


def finished(path: Path) -> bool:
    """The session reached its debrief (it may have been killed after that, while exporting)."""
    log = savelog.parse(path.read_bytes()).log
    return log is not None and log.finished


def kill_and_resume(home: Path, kills: int, seed: int, resumes: int = 0, save_kills: int = 0) -> Figures:
    """Kill `kills` times, and go on (up to three times as many kills) until the session was resumed
    `resumes` times and killed inside a save `save_kills` times: a loaded machine plays slower, so a
    kill lands earlier, and the coverage asked for must not depend on the machine's speed."""
    scenario = load_file(SCENARIO_FILE)
    choices = route(scenario)
    rng = random.Random(seed)
    figures = Figures()
    durable: tuple[Path, list[str]] | None = None  # the open session and the records it reported durable

    def covered() -> bool:
        return figures.resumed >= resumes and figures.kills["save"] >= save_kills

    while (done := sum(figures.kills.values())) < kills or (not covered() and done < 3 * kills):
        run, moment = play_once(home, choices, rng)
        ready = run.ready
        if ready is not None:
            path = Path(ready["save"])
            if durable is not None and len(durable[1]) > 1 and not finished(durable[0]):
                assert ready["resumed"] and path == durable[0], durable[0].read_text("utf-8")
                figures.resumed += 1
            assert ready["state"] == rebuilt(scenario, path, ready["entries"])
            figures.restored_steps.append(ready["entries"])
            log = savelog.parse(path.read_bytes()).log
            assert log is not None
            records = [savelog.encode(e) for e in log.entries]
            if durable is not None and durable[0] == path:
                assert records[: len(durable[1])] == durable[1], "a completed decision was lost"
            durable = (path, records[: run.durable])
        if not run.killed:
            assert run.returncode == 0, run.stderr
            figures.games += 1
            durable = None
            continue
        figures.kills[moment] += 1
        last = run.events[-1]["event"] if run.events else ""
        figures.during_save += moment == "save" and last in SAVE_STEPS
        if moment == "save" and last not in SAVE_STEPS:
            told = [f"{e['event']}:{e.get('entries')}" for e in run.events[-8:]]
            figures.missed.append(f"{' '.join(told)} (exit {run.returncode}) {run.stderr[-4000:]}")
        figures.before_durable += moment == "save" and last in ("saving", "written")
    return figures


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL needs POSIX")
def test_killed_twenty_times_no_completed_decision_is_lost(private_data_dir: Path) -> None:
    figures = kill_and_resume(private_data_dir, 20, seed=6, resumes=3, save_kills=3)
    assert sum(figures.kills.values()) >= 20
    assert figures.resumed >= 3
    assert figures.every_save_kill_in_a_save, figures.missed  # every save kill lands inside a save
    assert figures.kills["save"] >= 3


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL needs POSIX")
def test_killed_two_hundred_times_no_completed_decision_is_lost(private_data_dir: Path) -> None:
    started = time.monotonic()
    figures = kill_and_resume(private_data_dir, 200, seed=2026, save_kills=20)
    print(
        f"\n{sum(figures.kills.values())} kills in {time.monotonic() - started:.0f} s: "
        f"{dict(figures.kills)}; "
        f"{figures.during_save} during a save ({figures.before_durable} before its fsync); "
        f"{figures.resumed} resumes; {figures.games} games finished; "
        f"restored up to {max(figures.restored_steps)} records"
    )
    assert figures.every_save_kill_in_a_save, figures.missed
    assert figures.kills["save"] >= 20


# --- the crash guard, in process ------------------------------------------------------------------


def playing_app(choose: int = 1) -> App:
    """The game on its first card's outcome, after `choose` choices, as a player would get there."""
    app = App.opened(scenario=SCENARIO_FILE)
    while app.game is not None and app.game.session.phase in ("briefing", "card") and choose:
        before = len(app.game.session.game.decisions)
        app.step([], 10.0)
        scene = app.scene
        letter = (
            scene.view.choices[0].letter.lower()
            if getattr(scene, "view", None) and getattr(scene.view, "choices", None)
            else "return"
        )
        app.step([Key(letter)], 0.0)
        choose -= len(app.game.session.game.decisions) - before
    return app


def test_a_decision_is_on_disk_before_the_next_screen_is_shown() -> None:
    app = playing_app()
    assert app.game is not None and app.game.save is not None
    on_disk = savelog.read(app.game.save.path.read_bytes())
    assert app.scene.name.startswith("outcome-")
    steps = [e for e in on_disk.entries if isinstance(e, savelog.ChooseEntry)]
    assert steps == [savelog.ChooseEntry(savelog.Id("aparte-werkplek"), savelog.Id("drukte-in-de-klas"))]


def test_an_error_in_the_loop_shows_the_calm_page_and_r_goes_on_from_the_save() -> None:
    app = playing_app()
    assert app.game is not None
    state = savelog.fingerprint(app.game.session)

    def broken(surface: object) -> None:
        raise RuntimeError("a bug")

    app.scene.draw = broken  # type: ignore[method-assign]
    app.dirty = True
    assert app.guarded_step([], 0.0)
    assert isinstance(app.scene, CrashScene)
    title, text, log = (line for _, line in app.scene.lines())
    assert title == "Er ging iets mis"
    assert text == "Er ging iets mis. Je voortgang is bewaard. Druk op R om verder te gaan."
    assert log == f"De details staan in {app.scene.log}. Stuur dat bestand mee als je dit meldt."
    assert "RuntimeError: a bug" in app.scene.log.read_text("utf-8")
    app.guarded_step([Key("r")], 0.0)
    assert app.game is not None and savelog.fingerprint(app.game.session) == state


def test_the_crash_page_speaks_english_when_the_game_does() -> None:
    app = App(lang="en")
    app.crash("Traceback: test")
    assert isinstance(app.scene, CrashScene)
    title, text, _ = (line for _, line in app.scene.lines())
    assert title == "Something went wrong"
    assert text == "Something went wrong. Press R to go to the start screen."
    app.guarded_step([Key("r")], 0.0)
    assert app.scene.name == "start"


def test_the_start_asks_to_continue_an_unfinished_session_and_yes_restores_it() -> None:
    first = playing_app()
    assert first.game is not None
    state = savelog.fingerprint(first.game.session)
    app = App.opened(ask_resume=True)
    question = app.overlays[-1]
    assert (question.name, question.title, question.text) == (  # type: ignore[attr-defined]
        "confirm",
        "Verder met de onderbroken sessie?",
        "Scenario 'te-veel-prikkels', 2 stappen gespeeld. Met Nee begin je opnieuw.",
    )
    app.step([Key("j")], 0.0)
    assert app.game is not None and savelog.fingerprint(app.game.session) == state


def test_a_finished_game_is_not_offered_again() -> None:
    app = playing_app()
    assert app.game is not None and app.game.save is not None
    persistence.finish(app.game.save, None)
    assert App.opened(ask_resume=True).overlays == []


def test_the_help_shows_where_the_saves_are(private_data_dir: Path) -> None:
    app = App()
    app.step([Key("h")], 0.0)
    assert isinstance(app.top, HelpOverlay)
    assert app.top.paged is not None
    shown = " ".join(text for page in app.top.paged.pages for _, item in page if (text := item.text))
    assert f"Elke keuze wordt meteen bewaard in {private_data_dir / 'saves'}" in shown


def test_the_same_crash_after_r_is_not_rebuilt_again_k_skips_the_card() -> None:
    app = App.opened(scenario=SCENARIO_FILE)
    for _ in range(10):  # past the briefing (Enter also reads on through its pages), to the first card
        if app.game is None or app.game.session.phase == "card":
            break
        app.step([], 10.0)
        app.step([Key("return")], 0.0)
    assert app.game is not None and app.game.session.phase == "card"
    card = app.game.session.game.card
    scene_type = type(app.scene)
    original = scene_type.draw

    def broken(self: object, surface: object) -> None:  # this card's screen always fails
        raise RuntimeError("a bug on this card")

    scene_type.draw = broken  # type: ignore[method-assign]
    try:
        app.dirty = True
        app.guarded_step([], 0.0)
        assert isinstance(app.scene, CrashScene) and not app.scene.repeated
        app.guarded_step([Key("r")], 0.0)  # R rebuilds onto the same card: the same crash
        assert isinstance(app.scene, CrashScene) and app.scene.repeated
        _, text, _ = (line for _, line in app.scene.lines())
        assert "Druk op K om deze kaart over te slaan, of op S voor het startscherm" in text
        app.guarded_step([Key("r")], 0.0)  # R is no longer offered: nothing is rebuilt
        assert isinstance(app.scene, CrashScene)
    finally:
        scene_type.draw = original  # type: ignore[method-assign]
    app.guarded_step([Key("k")], 0.0)
    assert app.game is not None and not isinstance(app.scene, CrashScene)
    assert app.game.session.game.card != card
    on_disk = savelog.read(app.game.save.path.read_bytes())  # type: ignore[union-attr]
    assert any(isinstance(e, savelog.SkipEntry) and e.card == card for e in on_disk.entries)


def test_the_same_crash_twice_offers_the_start_screen_with_s() -> None:
    app = playing_app()  # on the first card's outcome
    app.crash("Traceback: first")
    app.step([Key("r")], 0.0)
    assert app.game is not None  # rebuilt from the save
    app.crash("Traceback: second")
    assert isinstance(app.scene, CrashScene) and app.scene.repeated
    app.step([Key("s")], 0.0)
    assert app.scene.name == "start"
