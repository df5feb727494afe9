"""Fuzzing: mutated shipped scenarios and generated YAML through `load_file` and `check_file`.

Whatever the bytes, only the engine's own ScenarioError may escape the loader, `check` returns
problems instead of raising, every problem is located (line and column from 1), and each input
is done within a time limit. The default run feeds 100 scenarios and 300 saves; the slow run
(`pytest -m slow tests/test_fuzz.py`) feeds 10,000 scenarios and 10,000 saves.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_text import SMALL
from test_hardening import POSIX, many_references, special, unfinished_save, within

from incluzo.engine.analysis.checks import check_file
from incluzo.engine.logs import savelog
from incluzo.engine.play.session import Advance, Choose, Session, Start
from incluzo.engine.scenario.loader import load_file, load_text
from incluzo.engine.scenario.problems import ScenarioError
from incluzo.engine.scenario.yamlsource import UNSAFE_CHARACTERS as UNSAFE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [p.read_bytes() for p in sorted((ROOT / "scenarios").glob("*.yaml"))] or [SMALL.encode("utf-8")]
TIME_LIMIT = 5.0  # seconds of this process's CPU per input, loading and checking together
# (CPU time, not wall time: on a machine shared by many jobs the wall clock measures the others)

# Fragments that break YAML or the scenario's rules in the ways people (and attackers) do.
TOKENS = [
    b":",
    b": ",
    b"- ",
    b"-",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"\t",
    b"\n",
    b"\n  ",
    b"'",
    b'"',
    b"#",
    b"|",
    b">",
    b"? ",
    b"<<: ",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xe9",
    b"\xc3",
    "\u202e".encode(),
    "\u2066".encode(),
    b"\x07",
    b"1e309",
    b".nan",
    b"-.inf",
    b"-1",
    b"99999999999999999999999",
    b"0x1F",
    b"1:30:00",
    b"~",
    b"null",
    b"yes",
    b"../../etc/passwd",
    b"/etc/passwd",
    b"end",
    b"not not (",
    b"chosen",
    b"exhausted",
    b"kwaliteit >= ",
    "\u0435".encode(),
    b"A" * 6000,
    # issue 12: scalar tags, escaped lone surrogates, terminal escapes, complex keys, long words
    b"!!int ",
    b"!!int abc",
    b"!!float ",
    b"!!bool ",
    b"!!binary ",
    b"!eigen ",
    b'"\\ud83d"',
    b'"\\udfff x"',
    b'"\\e]0;titel\\a"',
    b'"\\e[2J"',
    b"\x1b[2J",
    b"? [a, b]\n: c\n",
    b"? {a: b}\n",
    b"W" * 4999,
    b"chosen onbekende-keuze-" * 40,
]
ECHO_LIMIT = 2_000  # characters one printed problem may have (every value in it is echo()ed)


def _mutate(data: bytes, draw: Any) -> bytes:
    """One random edit of the bytes, the way a text editor, e-mail or a bad disk would make it."""
    kind = draw(st.sampled_from(["flip", "delete", "insert", "insert", "truncate", "lines", "lines"]))
    at = draw(st.integers(0, max(len(data) - 1, 0)))
    if kind == "flip" and data:
        return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    if kind == "delete":
        return data[:at] + data[at + draw(st.integers(1, 64)) :]
    if kind == "insert":
        return data[:at] + draw(st.sampled_from(TOKENS)) + data[at:]
    if kind == "truncate":
        return data[:at]
    lines = data.split(b"\n")
    i, j = (draw(st.integers(0, len(lines) - 1)) for _ in range(2))
    edit = draw(st.sampled_from(["swap", "duplicate", "drop", "dedent", "indent"]))
    if edit == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif edit == "duplicate":
        lines.insert(j, lines[i])
    elif edit == "drop":
        del lines[i]
    else:
        lines[i] = lines[i][2:] if edit == "dedent" else b"  " + lines[i]
    return b"\n".join(lines)


@st.composite
def mutated_scenarios(draw: Any) -> bytes:
    data = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        data = _mutate(data, draw)
    return data


LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from([t.decode("utf-8", "replace") for t in TOKENS]),
    st.sampled_from(["drukte", "end", "kwaliteit", "maatwerk", "affirmatief", "images/x.png", "true"]),
)
KEYS = st.text(max_size=12) | st.sampled_from(["id", "cost", "when", "next"])
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


def _replace_somewhere(tree: Any, draw: Any, depth: int = 0) -> Any:
    """The tree with one value, somewhere, replaced by a generated one (or a key dropped)."""
    if isinstance(tree, dict) and tree and depth < 8:
        key = draw(st.sampled_from(sorted(tree, key=str)))
        copy = dict(tree)
        if draw(st.integers(0, 5)) == 0:
            del copy[key]
        else:
            copy[key] = _replace_somewhere(tree[key], draw, depth + 1)
        return copy
    if isinstance(tree, list) and tree and depth < 8:
        index = draw(st.integers(0, len(tree) - 1))
        return [*tree[:index], _replace_somewhere(tree[index], draw, depth + 1), *tree[index + 1 :]]
    return draw(VALUES)


@st.composite
def structured_scenarios(draw: Any) -> bytes:
    """A shipped scenario with values swapped for generated ones: valid YAML, invalid content."""
    tree = yaml.safe_load(draw(st.sampled_from(SEEDS)).decode("utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        tree = _replace_somewhere(tree, draw)
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode("utf-8")


@st.composite
def referencing_scenarios(draw: Any) -> bytes:
    """Many cards and many misspelt `chosen` references: the suggestions must stay bounded."""
    return many_references(draw(st.integers(1, 150)), draw(st.integers(1, 400))).encode("utf-8")


ANY_SCENARIO = st.one_of(
    mutated_scenarios(),
    referencing_scenarios(),
    structured_scenarios(),
    st.binary(max_size=2000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


SLOWEST: list[float] = [0.0]  # the longest time one input took in this process, for the long run's report


def assert_handled(path: Path, data: bytes) -> None:
    """The properties every input must have (see the module docstring)."""
    path.write_bytes(data)
    started = time.process_time()
    try:
        load_file(path)
    except ScenarioError as error:
        assert error.problems
        assert all(p.line >= 1 and p.column >= 1 and p.source == str(path) for p in error.problems)
    _, problems = check_file(path)
    assert all(p.line >= 1 and p.column >= 1 for p in problems), problems
    for problem in problems:  # nothing a terminal would act on, nothing unbounded
        printed = problem.format()
        assert len(printed) <= ECHO_LIMIT and not UNSAFE.search(printed), printed[:300]
    took = time.process_time() - started
    SLOWEST[0] = max(SLOWEST[0], took)
    assert took < TIME_LIMIT, f"{took:.2f} s for {data[:200]!r}"


FUZZ = settings(deadline=None, suppress_health_check=list(HealthCheck), database=None)


def fuzz_scenarios(folder: Path, examples: int) -> None:
    @settings(FUZZ, max_examples=examples)
    @given(ANY_SCENARIO)
    def run(data: bytes) -> None:
        assert_handled(folder / "s.yaml", data)

    run()


def test_fuzzed_scenarios_give_located_errors_only(tmp_path: Path) -> None:
    fuzz_scenarios(tmp_path, 100)


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(4))
def test_fuzzed_scenarios_long_run(tmp_path: Path, shard: int) -> None:
    """10,000 scenarios in four shards of 2,500, so `-n 2` spreads them."""
    started = time.perf_counter()
    fuzz_scenarios(tmp_path, 2_500)
    print(
        f"shard {shard}: 2,500 scenarios in {time.perf_counter() - started:.0f} s, "
        f"slowest input {SLOWEST[0]:.3f} s"
    )


# --- saves ----------------------------------------------------------------------------------------

SCENARIO = load_text(SMALL, "klein.yaml")


def _save_seed() -> bytes:
    log = savelog.new_log(SCENARIO, seed=1, mode="solo", teams=("Team A",))
    session = Session(SCENARIO)
    for step in (Start(), Choose("werkplek"), Advance(), Advance(), savelog.TakeBack(), Advance()):
        _, entry = savelog.perform(session, step)
        assert entry is not None
        log = log.appended(entry)
    return log.text().encode("utf-8")


SAVE = _save_seed()


@st.composite
def mutated_saves(draw: Any) -> bytes:
    data = SAVE
    for _ in range(draw(st.integers(1, 4))):
        data = _mutate(data, draw)
    return data


def assert_save_handled(data: bytes) -> None:
    """Reading never raises but SaveError, its problems are located, and a good part replays."""
    started = time.process_time()
    try:
        parsed = savelog.parse(data, "s.jsonl")
        problem = parsed.problem
    except savelog.SaveError as error:  # a newer format is refused outright
        parsed, problem = None, error.problem
    if problem is not None:
        assert problem.line >= 1 and problem.column >= 1
    if parsed is not None and parsed.log is not None:
        try:
            savelog.replay(SCENARIO, parsed.log)
        except savelog.SaveError as error:
            assert error.problem.code == "SAV013"  # the scenario id was mutated
    assert time.process_time() - started < TIME_LIMIT


@settings(FUZZ, max_examples=300)
@given(st.one_of(mutated_saves(), st.binary(max_size=500)))
def test_fuzzed_saves_give_located_errors_only(data: bytes) -> None:
    assert_save_handled(data)


@pytest.mark.slow
@settings(FUZZ, max_examples=10_000)
@given(st.one_of(mutated_saves(), st.binary(max_size=500)))
def test_fuzzed_saves_long_run(data: bytes) -> None:
    assert_save_handled(data)


# --- special files and concurrent instances (issue 12) ---------------------------------------------


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "zero", "folder"])
def test_special_files_in_every_folder_incluzo_reads(tmp_path: Path, kind: str) -> None:
    """A FIFO, /dev/zero or a folder named like a scenario or a save, wherever incluzo looks."""
    from incluzo import persistence
    from incluzo.scenes.screens.start import entries, find_scenarios

    saves = persistence.saves_dir()
    saves.mkdir(parents=True)
    special(saves, kind, "klein-20260101-000000.jsonl")
    special(saves, kind, "klein-20260101-000000.autosave-1.jsonl")
    special(tmp_path, kind, "s.yaml")
    assert within(persistence.find_unfinished) is None
    listed = within(lambda: entries(find_scenarios(tmp_path), "en"))
    reason = f"cannot read the file: this is {REASON[kind]}, not a regular file"
    assert len(listed) == 1 and listed[0].error.endswith(reason)
    assert_handled_special(tmp_path / "s.yaml")


REASON = {"fifo": "a pipe (FIFO)", "zero": "a device", "folder": "a folder"}


def assert_handled_special(path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        within(lambda: load_file(path))
    assert caught.value.problems[0].line == 1
    found, problems = within(lambda: check_file(path))
    assert found is None and problems


SCENARIO_FILE = ROOT / "scenarios" / "te-veel-prikkels.yaml"


def two_at_once(home: Path) -> list[subprocess.CompletedProcess[str]]:
    """Start two `play --resume` on the same unfinished session at the same moment."""
    env = {**os.environ, "INCLUZO_HOME": str(home), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    choices = "aparte-werkplek,werkplek-houden,teamscholing,opp-groei"
    command = [sys.executable, "-m", "incluzo", "play", str(SCENARIO_FILE), "--headless", "--resume",
               "--lang", "en", "--choices", choices]  # fmt: skip
    both = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]  # fmt: skip
    results = []
    for process in both:
        out, err = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return results


def concurrent_trials(home: Path, trials: int) -> None:
    from incluzo import persistence

    for _ in range(trials):
        save = unfinished_save(SCENARIO_FILE)
        for run in two_at_once(home):
            assert "Traceback" not in run.stderr and "something went wrong" not in run.stderr, run.stderr
        for path in (home / "saves").glob("*.jsonl"):
            if ".autosave-" in path.name:
                continue
            parsed = savelog.parse(path.read_bytes(), str(path))
            assert parsed.problem is None, parsed.problem.format()  # never interleaved
            assert parsed.log is not None
            savelog.replay(load_file(SCENARIO_FILE), parsed.log)
        assert persistence.peek(save) is not None


@pytest.mark.skipif(sys.platform == "win32", reason="the trial starts processes with POSIX paths")
def test_two_instances_on_one_save_never_interleave(private_data_dir: Path) -> None:
    concurrent_trials(private_data_dir, 1)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="the trial starts processes with POSIX paths")
def test_two_instances_on_one_save_never_interleave_long_run(private_data_dir: Path) -> None:
    started = time.perf_counter()
    concurrent_trials(private_data_dir, 8)
    print(f"8 trials of two instances at once in {time.perf_counter() - started:.0f} s")
