"""incluzo's `simulate` beside ChoiceScript's randomtest on the same game, whole processes, same run.

The benchmark game is the 20-card, 3-choice synthetic scenario of bench_simulate. Given a ChoiceScript
checkout (`benchmarks/run.py peers --choicescript DIR`), the same game is written in ChoiceScript at run
time into DIR/web/incluzo-bench/ (costs, affordability, the position move, `next` jumps and the
ending), then `node randomtest.js` and `incluzo simulate` each play RUNS games, in turn, REPEATS times;
the medians and their ratio are reported (issue 13 asks for at least 10x), the wall-clock ratio and,
steadier when other work shares the machine, the ratio of CPU seconds. incluzo is byte-compiled first,
as an install leaves it (this machine sets PYTHONDONTWRITEBYTECODE, which would make every start
compile the sources). Nothing of ChoiceScript is kept in this repository.
"""

from __future__ import annotations

import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from incluzo.engine.scenario.loader import load_text
from incluzo.engine.scenario.model import END, Scenario
from incluzo.engine.scenario.skeleton import synthetic

CARDS, CHOICES, SEED = 20, 3, 1
RUNS = 10_000
REPEATS = 5
TARGET_RATIO = 10.0
GAME = "incluzo-bench"
RANDOMTEST = ("num={runs}", f"game={GAME}", "seed=0", "showCoverage=false", "showChoices=false")
RANDOMTEST_FIXED = ("avoidUsedOptions=false",)  # choices drawn uniformly, as incluzo's random policy


def choicescript(scenario: Scenario) -> str:
    """The scenario as one ChoiceScript scene: the same cards, choices, costs, moves, jumps and endings."""
    meters = scenario.model.meter_ids
    quadrants = scenario.model.quadrant_ids
    points = [p // 1_000_000 for p in scenario.position]
    lines = ["*title incluzo benchmark", "*scene_list", "  startup", ""]
    lines += [f"*create {m} {level}" for m, level in zip(meters, scenario.budget, strict=True)]
    lines += [f"*create {q} {p}" for q, p in zip(quadrants, points, strict=True)]
    lines += ["*create m 0", "*create taken 0", "*create givers 0"]
    lines += ["*create affirmatief 0", "*create transformatief 0", ""]
    label = {card.id: f"c{i}" for i, card in enumerate(scenario.cards)}
    for i, card in enumerate(scenario.cards):
        if card.when is not None or card.is_event or any(c.when for c in card.choices):
            raise ValueError("the benchmark game has no conditions and no event cards")
        lines += [f"*label {label[card.id]}", f"{card.title.get('nl')}", ""]
        tests = [_affordable(meters, choice.cost) for choice in card.choices]
        lines += [f"*if not({_any(tests)})", "  *goto ran_out", "*choice"]
        for choice, test in zip(card.choices, tests, strict=True):
            lines.append(f"  *if {test} #{choice.label.get('nl')}")
            for meter, cost in zip(meters, choice.cost, strict=True):
                if cost:
                    lines.append(f"    *set {meter} - {cost}")
            for q, amount in enumerate(choice.move):
                if amount:
                    lines += [f"    *set m {amount}", f"    *gosub move_{q}"]
            lines.append(f"    *set {choice.recognition} + 1")
            following = scenario.cards[i + 1].id if i + 1 < len(scenario.cards) else END
            target = choice.next or following
            lines.append(f"    *goto {label.get(target, 'ending')}")
        lines.append("")
    lines += ["*label ran_out", "Het budget is op.", "*finish", "", "*label ending"]
    for ending in scenario.endings:
        if ending.when is not None:
            lines += [f"*if {_condition(str(ending.when))}", f"  {ending.title.get('nl')}", "  *finish"]
        else:
            lines += [f"{ending.title.get('nl')}", "*finish"]
    for q, name in enumerate(quadrants):
        others = [o for o in quadrants if o != name]
        lines += [
            "",
            f"*label move_{q}",
            f"*set givers (100 - {name})",
            "*set taken m",
            "*if (taken > givers)",
            "  *set taken givers",
            "*if (givers > 0)",
            *(f"  *set {o} ({o} - (({o} * taken) / givers))" for o in others),
            f"*set {name} + taken",
            "*return",
        ]
    return "\n".join(lines) + "\n"


def _affordable(meters: tuple[str, ...], cost: tuple[int, ...]) -> str:
    tests = [f"({meter} >= {c})" for meter, c in zip(meters, cost, strict=True) if c > 0]
    return _join(tests, "and") if tests else "true"


def _any(tests: list[str]) -> str:
    return _join(tests, "or")


def _join(parts: list[str], word: str) -> str:
    """ChoiceScript takes two operands per `and`/`or`: nest them."""
    if len(parts) == 1:
        return parts[0]
    return f"({parts[0]} {word} {_join(parts[1:], word)})"


def _condition(when: str) -> str:
    """The benchmark game's ending condition (`a >= x or b >= y`) in ChoiceScript's parenthesised form."""
    parts = [f"({part.strip()})" for part in when.split(" or ")]
    return _join(parts, "or")


def _timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the process and its children) of one whole run."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - started
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (now.ru_utime - used.ru_utime) + (now.ru_stime - used.ru_stime)


def run(choicescript_dir: str | None = None) -> dict[str, Any]:
    """The side-by-side timing, or why it was skipped (no checkout given, or no node)."""
    base: dict[str, Any] = {"name": "peers", "runs": RUNS, "target_ratio": TARGET_RATIO}
    node = shutil.which("node")
    if choicescript_dir is None or node is None:
        return {**base, "skipped": "give --choicescript DIR (a ChoiceScript checkout) and install node"}
    checkout = Path(choicescript_dir).resolve()
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "incluzo", quiet=1)  # as installed
    text = synthetic(CARDS, CHOICES, seed=SEED)
    scenario = load_text(text, "benchmark.yaml")
    scenes = checkout / "web" / GAME / "scenes"
    scenes.mkdir(parents=True, exist_ok=True)
    (scenes / "startup.txt").write_text(choicescript(scenario), encoding="utf-8")
    randomtest = [node, "randomtest.js", *(a.format(runs=RUNS) for a in RANDOMTEST + RANDOMTEST_FIXED)]
    with tempfile.TemporaryDirectory() as folder:
        game = Path(folder) / "benchmark.yaml"
        game.write_text(text, encoding="utf-8")
        ours = [sys.executable, "-m", "incluzo", "simulate", str(game), "--runs", str(RUNS), "--json"]
        _timed(randomtest, checkout)  # a warm-up each: the first run reads files from disk
        _timed(ours, checkout)
        theirs_s, ours_s, ratios, cpu_ratios = [], [], [], []
        for _ in range(REPEATS):
            theirs, theirs_cpu = _timed(randomtest, checkout)
            mine, mine_cpu = _timed(ours, checkout)
            theirs_s.append(theirs)
            ours_s.append(mine)
            ratios.append(theirs / mine)
            cpu_ratios.append(theirs_cpu / max(mine_cpu, 1e-9))
    ratio = statistics.median(ratios)
    return {
        **base,
        "game": f"synthetic({CARDS}, {CHOICES}, seed={SEED}), written in ChoiceScript at run time",
        "randomtest": " ".join(["node", *randomtest[1:]]),
        "incluzo": f"incluzo simulate GAME --runs {RUNS} --json",
        "randomtest_seconds_median": round(statistics.median(theirs_s), 3),
        "incluzo_seconds_median": round(statistics.median(ours_s), 3),
        "ratio_median": round(ratio, 2),
        "ratio_min_max": [round(min(ratios), 2), round(max(ratios), 2)],
        "cpu_ratio_median": round(statistics.median(cpu_ratios), 2),  # steadier on a loaded machine
        "meets_target": ratio >= TARGET_RATIO,
        "cores": os.cpu_count(),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(sys.argv[1] if len(sys.argv) > 1 else None), indent=2))
