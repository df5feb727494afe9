"""Scenarios as they were loaded before, kept in the data folder (parsecache), so a start that plays a
file it played before does not parse its YAML again, nor load PyYAML (some 35 ms of the first frame).

A scenario is kept in msgpack and read back against the scenario's own types, so a copy holds nothing
but a scenario. Its name is a hash of the file's path and bytes and of the engine that loaded it (the
size and time of each file under incluzo/engine, its code and the model's data): an edited scenario or
an updated incluzo loads anew. Only a scenario that loaded without errors is kept, and only when its copy
reads back equal to it; a damaged or planted copy is ignored and written anew. The newest KEPT stay.
"""

from __future__ import annotations

import os
from contextlib import suppress
from functools import cache
from pathlib import Path

import msgspec

from incluzo import parsecache
from incluzo.engine.scenario import conditions, loader, yamlsource
from incluzo.engine.scenario.model import Scenario

KEPT = 32  # copies of scenarios kept, the newest; older ones are removed when one is written
ENGINE = Path(__file__).resolve().parent / "engine"  # the code and model data a scenario is loaded with
CONDITIONS = (
    conditions.Const
    | conditions.Exhausted
    | conditions.Compare
    | conditions.Chosen
    | conditions.Seen
    | conditions.Not
    | conditions.All
    | conditions.Any_
)


def load_file(path: str | Path) -> Scenario:
    """The scenario at `path` as `loader.load_file` gives it (a ScenarioError too), from its copy when
    this very file was loaded before by this very engine."""
    path = Path(path)
    data = yamlsource.read_file(path)  # the loader's own refusals: not a regular file, too large
    name = parsecache.digest(engine() + os.fsencode(path) + b"\0" + data)
    copy = parsecache.folder() / f"scenario-{name}.msgpack"

    def read(raw: bytes) -> Scenario:
        return msgspec.msgpack.decode(raw, type=Scenario, dec_hook=condition)

    def encode(scenario: Scenario) -> bytes | None:
        raw = msgspec.msgpack.encode(scenario)
        return raw if read(raw) == scenario else None

    def stale() -> list[Path]:
        copies = sorted(copy.parent.glob("scenario-*.msgpack"), key=age)
        return copies[: max(0, len(copies) - KEPT + 1)]

    return parsecache.kept(copy, read, lambda: loader.load_bytes(data, str(path)), encode, stale)


def condition(kind: type, raw: object) -> object:
    """A condition from its tagged form (its tag is its type's name: see conditions.py)."""
    if kind is conditions.Condition:
        return msgspec.convert(raw, CONDITIONS, dec_hook=condition)
    raise NotImplementedError(kind)


@cache
def engine() -> bytes:
    """The size and time of every file under incluzo/engine (bytecode left out), looked at once per
    process: the code running is the code imported (the start screen loads every scenario)."""
    marks = []
    for folder, folders, names in os.walk(ENGINE):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(names):
            status = os.stat(os.path.join(folder, name))
            marks.append(f"{folder}/{name}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join(marks).encode()


def age(copy: Path) -> float:
    with suppress(OSError):
        return copy.stat().st_mtime
    return 0.0
