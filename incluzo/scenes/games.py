"""Starting and resuming a game of any mode: the one place that knows which `Game` plays which mode.

Starting a game writes its save (its header, durable before the first screen); resuming reads one back.
Team play loads on first use, so the first frame of a group game waits for none of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from msgspec.structs import replace

from incluzo import persistence
from incluzo.engine.logs.savelog import Rebuilt
from incluzo.engine.play.phases import Mode, Phase
from incluzo.engine.play.session import Advance, Session, Skip
from incluzo.engine.scenario.problems import ScenarioError
from incluzo.scenariocache import load_file
from incluzo.scenes.game import Game
from incluzo.scenes.kit.base import Context
from incluzo.scenes.screens.director import Director, new_save

if TYPE_CHECKING:
    from incluzo.scenes.screens.profile import StartProfile


class Opened(Struct, frozen=True):
    """A game started or resumed (None when it could not be), and what to tell the room."""

    game: Game | None
    notice: str = ""


def start(
    path: str,
    mode: Mode,
    ctx: Context,
    *,
    names: Sequence[str] = (),
    profile: StartProfile | None = None,
) -> Opened:
    """A new game of the scenario at `path` in `mode` (competing teams: with these `names`), its save begun;
    with a "Welke bril?" profile it starts from there (recorded first in the save)."""
    if mode is Mode.TEAMS:
        from incluzo.scenes.teams import director as teamdirector

        team, notice = teamdirector.start(path, names, ctx, profile)
        return Opened(team, notice)
    try:
        scenario = load_file(path)
    except ScenarioError as error:
        return Opened(None, "\n".join(p.format(ctx.lang) for p in error.problems[:3]))
    if profile is not None:
        scenario = profile.apply(scenario)
    save, failed = new_save(scenario, mode, str(Path(path).resolve()), ctx)
    group = _director(Session(scenario), replace(ctx, mode=mode), save, Path(path), profile)
    for entry in profile.entries() if profile is not None else ():
        group.record(entry)  # first in the log: a resume starts from it too
    return Opened(group, failed)


SKIPPABLE = (Phase.CARD, Phase.OUTCOME)  # where a crash that came back can be stepped past (crash page K)


def resume(path: Path, ctx: Context, given: str | Path | None = None, *, skip: bool = False) -> Opened:
    """The game a save holds, rebuilt by replaying its log, in the mode it was played in, on the
    scenario file `given` (else the one the save names, an untrusted path: persistence.named_scenario).
    With `skip`, a one-group game goes on past the card or outcome it stood on, before its screen is
    built again (the crash guard's K after the same crash came back).
    Raises SaveError, ScenarioError or OSError when it cannot be read or replayed."""
    from incluzo.scenes.screens.profile import scenario_for, start_profile_of

    scenario = scenario_for(path, given)
    if is_team_save(path):
        from incluzo.engine.logs import workshoplog
        from incluzo.scenes.teams import director as teamdirector

        file, teams = persistence.resume(path, scenario, workshoplog.replay)
        team = teamdirector.resumed(file, teams, ctx, source_of(file, given))
        if teams.state.phase == Phase.DEBRIEF:  # killed between its last step and the mark
            persistence.finish(file, None)
        return Opened(team, told(file, teams, ctx))
    file, rebuilt = persistence.resume(path, scenario)
    source = source_of(file, given)
    header = file.log.header
    mode = Mode.of_save(header.mode, header.teams)
    profile = start_profile_of(path)  # a reload keeps the start the game was played from
    group = _director(rebuilt.state, replace(ctx, mode=mode), file, source, profile)
    if group.session.phase == Phase.DEBRIEF:  # killed between its last step and the mark
        persistence.finish(file, group.session.game.ending)
    if skip and group.session.phase in SKIPPABLE:
        group.apply(Skip() if group.session.phase == Phase.CARD else Advance())
    return Opened(group, told(file, rebuilt, ctx))


def source_of(file: persistence.SaveFile, given: str | Path | None) -> Path | None:
    """The scenario file a resumed game watches: the one given, else the one its save names."""
    named = given or file.log.header.source
    return Path(named) if named else None


def told(file: persistence.SaveFile, rebuilt: Rebuilt[Any], ctx: Context) -> str:
    """What the room is told about a resumed game: damage found in its save, and what no longer fits."""
    found = (file.damage,) if file.damage else ()
    return "\n".join(p.text(ctx.lang) for p in (*found, *rebuilt.warnings()))


def is_team_save(path: Path) -> bool:
    log = persistence.peek(path)
    return log is not None and Mode.of_save(log.header.mode, log.header.teams) is Mode.TEAMS


def _director(
    session: Session,
    ctx: Context,
    save: persistence.SaveFile | None,
    source: Path | None,
    profile: StartProfile | None,
) -> Director:
    """The director for the mode: solo play is practice (tips, retries, runs compared)."""
    if ctx.mode == Mode.SOLO:
        from incluzo.scenes.screens.practice import PracticeDirector

        return PracticeDirector(session, ctx, save, source=source, profile=profile)
    return Director(session, ctx, save, source=source, profile=profile)
