"""How `check`, `simulate` and `graph` scale with a scenario's size (issue 13).

Generated branching scenarios (`skeleton.branching`, seeded) of 10, 20, 40, 80 and 160 cards with 3-4
choices, random costs, `next` jumps and `when` on earlier choices. Each measurement runs in a fresh
process (so peak memory is its own), bounded in time and address space so a blow-up is reported, not
suffered. Targets: `check` (the full analysis) under 2 s and 200 MB at 160 cards with every check
completed (`unchecked` names those INC046 says were not); 10,000 simulated games with 2 jobs under
10 s and 200 MB. Beside them, the slow legal
files of issue 12 (long `when` chains of 150 and 730 KB, a dense `next` graph). Run alone:
`python benchmarks/bench_scaling.py [CARDS ...]`.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from typing import Any

SIZES = (10, 20, 40, 80, 160)
SEED = 1
RUNS = 10_000
JOBS = 2
TIME_LIMIT = 60  # seconds per measurement
MEMORY_LIMIT = 3 * 2**30  # bytes of address space per measurement (its workers each get as much)
TARGETS = {"check": (2.0, 200), "simulate": (10.0, 200)}  # at 160 cards: seconds, MB

CASES = {  # issue 12 (8): the slow legal files, by generator and arguments
    "when_chain_150kb": ("when_chain", 200, 40),
    "when_chain_730kb": ("when_chain", 200, 430),
    "dense_next_80": ("dense_next", 80, 0),
}

MEASURE = """
import json, resource, sys, time
from incluzo.engine.scenario.loader import load_text
from incluzo.engine.scenario import skeleton
kind, cards, seed, runs, jobs = sys.argv[1], *map(int, sys.argv[2:6])
case, words = sys.argv[6], int(sys.argv[7])
if case == "branching":
    text = skeleton.branching(cards, seed)
elif case == "when_chain":
    text = skeleton.when_chain(cards, seed, words)
else:
    text = skeleton.dense_next(cards, seed)
scenario = load_text(text, f"{case}-{cards}.yaml")
figures = {"bytes": len(text.encode())}
started, cpu = time.perf_counter(), time.process_time()
if kind == "check":
    from incluzo.engine.analysis.explore import analyse
    problems = analyse(scenario, text)
    figures["findings"] = sorted(p.code for p in problems)
    figures["state_cap_hit"] = "INC046" in figures["findings"]
    figures["unchecked"] = [p.params["checks"] for p in problems if p.code == "INC046"]
elif kind == "simulate":
    from incluzo.engine.analysis.simulate import simulate
    results = simulate(scenario, runs, jobs=jobs)
    figures["endings"] = dict(sorted(results.endings.items()))
else:
    from incluzo.engine.analysis.graph import mermaid
    figures["lines"] = mermaid(scenario).count("\\n")
figures["seconds"] = round(time.perf_counter() - started, 3)
figures["cpu_seconds"] = round(time.process_time() - cpu, 3)  # this process only (simulate's workers aside)
peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
figures["peak_mb"] = round(peak / 1024, 1)
print(json.dumps(figures))
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def measure(kind: str, cards: int, case: str = "branching", words: int = 0) -> dict[str, Any]:
    """One measurement in a fresh, bounded process; its figures, or why it did not finish."""
    command = [
        sys.executable,
        "-c",
        MEASURE,
        kind,
        str(cards),
        str(SEED),
        str(RUNS),
        str(JOBS),
        case,
        str(words),
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=TIME_LIMIT, preexec_fn=_limit, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish in {TIME_LIMIT} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": f"exit {done.returncode}: {last[:200]}"}
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def run(sizes: tuple[int, ...] = SIZES) -> dict[str, Any]:
    """The measurements as JSON-able data (for benchmarks/run.py)."""
    found: dict[str, Any] = {kind: {} for kind in ("check", "simulate", "graph")}
    for cards in sizes:
        for kind in found:
            found[kind][str(cards)] = measure(kind, cards)
    cases = {
        name: {kind: measure(kind, cards, case, words) for kind in ("check", "graph")}
        for name, (case, cards, words) in CASES.items()
    }
    largest = str(max(sizes))
    verdicts, by_cpu = {}, {}
    for kind, (seconds, megabytes) in TARGETS.items():
        at = found[kind][largest]
        fits = "error" not in at and at["peak_mb"] < megabytes and not at.get("state_cap_hit", False)
        verdicts[kind] = fits and at["seconds"] < seconds
        if kind == "check":  # simulate's CPU is spent in its workers, not counted here
            by_cpu[kind] = fits and at["cpu_seconds"] < seconds
    return {
        "name": "scaling",
        "scenario": f"skeleton.branching(cards, seed={SEED}): 3-4 choices, next jumps, when on choices",
        "simulate_runs": RUNS,
        "simulate_jobs": JOBS,
        "targets_at_largest": {k: {"seconds": s, "peak_mb": m} for k, (s, m) in TARGETS.items()},
        **found,
        "issue_12_cases": cases,
        "meets_targets": verdicts,
        "meets_targets_by_cpu_seconds": by_cpu,  # steadier when other work shares the machine
        "cores": os.cpu_count(),
    }


if __name__ == "__main__":
    chosen = tuple(int(a) for a in sys.argv[1:]) or SIZES
    print(json.dumps(run(chosen), indent=2))
