"""`incluzo simulate FILE`: many seeded games through the game's own rules, and how they end."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from incluzo.commands import default_language, load_or_report
from incluzo.commands.numbers import Localised
from incluzo.engine.analysis import simulate, tone
from incluzo.engine.scenario.model import Scenario
from incluzo.i18n import languages, message

HELP = """Play many seeded games of a scenario through the game's own rules and report how they end:
how often each card is shown and each choice made, the endings and the share of each ending tone
(good, mixed, hard, none; see docs/authoring.md), the end position per quadrant (min,
quartiles, max), the meters at the end, and the seed of runs that ran out of budget, so you can replay
them (run k uses seed S+k: `incluzo simulate FILE --runs 1 --seed S+k`, or the printed `incluzo run`).

policies: random (any affordable choice), cautious (the cheapest), transformative (a transformative
choice whenever one is affordable), affirmative (an affirmative one whenever affordable)

exit code: 0 done, 1 the file has errors, 2 usage error

examples:
  incluzo simulate scenarios/te-veel-prikkels.yaml
  incluzo simulate scenarios/te-veel-prikkels.yaml --runs 100000 --jobs 2 --policy transformative
  incluzo simulate scenarios/te-veel-prikkels.yaml --json > simulatie.json
  incluzo simulate scenarios/te-veel-prikkels.yaml --png eindposities.png
"""

PROGRESS_FROM = 4 * simulate.CHUNK  # runs from which a progress bar is worth showing
BAR = 30
HEATMAP_CELLS = 40
QUARTILES = ("min", "q1", "median", "q3", "max")


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "simulate",
        help="play many seeded games and report how they end",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help="a scenario YAML file")
    parser.add_argument(
        "--runs", type=positive, default=10_000, metavar="N", help="games to play (default 10000)"
    )
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the first game (default 0)")
    parser.add_argument(
        "--policy",
        choices=tuple(simulate.POLICIES),
        default="random",
        help="how the simulated team chooses (default random)",
    )
    parser.add_argument(
        "--jobs",
        type=positive,
        default=1,
        metavar="N",
        help=f"processes to use (this machine has {os.cpu_count()} cores)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--png", metavar="OUT", help="write a heat map of the end positions on the 2x2")
    parser.add_argument(
        "--lang", choices=languages(), default=default_language(), help="language of the report"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    scenario = load_or_report(args.file, args.lang)
    if scenario is None:
        return 1
    show = _progress_bar(args.runs) if args.runs >= PROGRESS_FROM and sys.stderr.isatty() else None
    started = time.perf_counter()
    results = simulate.simulate(scenario, args.runs, args.seed, args.policy, jobs=args.jobs, progress=show)
    elapsed = time.perf_counter() - started
    if show:
        print("\r" + " " * (BAR + 40) + "\r", end="", file=sys.stderr)
    report = simulate.report(scenario, results, seed=args.seed, policy=args.policy)
    report["tones"] = tone.shares(scenario, results.endings)  # good | mixed | hard | none, shares 0-1
    report["throughput"] = {
        "seconds": round(elapsed, 3),
        "runs_per_second": round(args.runs / max(elapsed, 1e-9)),
        "jobs": args.jobs,
    }
    for problem in report["problem_runs"]:
        problem["replay"] = f"incluzo run {args.file} --choices {','.join(problem['choices'])}"
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_report(report, args.lang, args.runs / max(elapsed, 1e-9))
    if args.png:
        write_heatmap(scenario, results, Path(args.png), args.lang, args.policy)
        print(message("simulate.png", args.lang, path=args.png), file=sys.stderr)
    return 0


def _progress_bar(total: int) -> Any:
    def show(done: int) -> None:
        filled = BAR * done // total
        bar = "#" * filled + "-" * (BAR - filled)
        print(f"\r[{bar}] {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

    return show


def print_report(report: dict[str, Any], lang: str, rate: float) -> None:
    runs = max(report["runs"], 1)

    def n(value: float) -> Localised:  # a number in the reader's language: 10.000 and 12,5 in Dutch
        return Localised(value, lang)

    print(
        message(
            "simulate.head",
            lang,
            runs=n(report["runs"]),
            id=report["scenario"],
            seed=report["seed"],
            policy=report["policy"],
            rate=n(rate),
        )
    )
    print(f"\n{message('simulate.endings', lang)}")
    for ending, count in sorted(report["endings"].items(), key=lambda item: -item[1]):
        print(f"  {ending:<40} {n(count):>10,} {n(100 * count / runs):6.1f}%")
    print(f"\n{message('simulate.cards', lang)}")
    coverage = report["coverage"]
    for card, shown in coverage["cards"].items():
        print(f"  {card:<40} {n(shown):>10,} {n(100 * shown / runs):6.1f}%")
        for key, made in coverage["choices"].items():
            if key.startswith(f"{card}."):
                print(f"    {key.split('.', 1)[1]:<38} {n(made):>10,} {n(100 * made / max(shown, 1)):6.1f}%")
    for title, spreads in (("position", report["end_position"]), ("meters", report["end_meters"])):
        print(f"\n{message(f'simulate.{title}', lang):<32}" + "".join(f"{k:>8}" for k in QUARTILES))
        for name, spread in spreads.items():
            print(f"  {name:<30}" + "".join(f"{n(spread[k]):>8g}" for k in QUARTILES))
    tally = report["recognition"]
    print(
        "\n" + message("simulate.recognition", lang, a=n(tally["affirmatief"]), t=n(tally["transformatief"]))
    )
    shares = ", ".join(f"{name} {n(100 * share):.1f}%" for name, share in report["tones"].items() if share)
    print(message("simulate.tones", lang, shares=shares or "-"))
    if report["ran_out"]:
        print("\n" + message("simulate.ran_out", lang, count=n(sum(report["ran_out"].values()))))
        for card, count in report["ran_out"].items():
            print(f"  {card:<40} {n(count):>10,}")
        for problem in report["problem_runs"]:
            replay = message("simulate.replay", lang)
            print(f"    seed {problem['seed']} ({problem['card']}): {replay}{problem['replay']}")
    if coverage["cards_never_shown"]:
        print("\n" + message("simulate.never", lang, cards=", ".join(coverage["cards_never_shown"])))
    if coverage["choices_never_made"]:
        print("\n" + message("simulate.unchosen", lang, choices=", ".join(coverage["choices_never_made"])))


def write_heatmap(scenario: Scenario, results: simulate.Results, path: Path, lang: str, policy: str) -> None:
    """The end points of all games on the quadrant map, darker where more games ended (see kites.py)."""
    from incluzo.commands.kites import save_heatmap

    save_heatmap(
        path, scenario, simulate.heatmap(scenario, results, HEATMAP_CELLS), results.runs, lang, policy
    )
