"""`incluzo run FILE --choices ...`: play a scenario headless and print every step."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from incluzo.commands import default_language
from incluzo.engine.play import position, rules
from incluzo.engine.play.rules import GameState, Refusal
from incluzo.engine.scenario.loader import load_file
from incluzo.engine.scenario.model import Scenario
from incluzo.engine.scenario.problems import ScenarioError
from incluzo.i18n import languages

HELP = """Play a scenario without a screen, making the given choices in order (event cards need no
entry), and print each step (card, choice, meters, position, recognition) and the ending.

exit code: 0 played to an ending, 1 a choice was not allowed or the file has errors, 2 usage error

examples:
  incluzo run scenarios/te-veel-prikkels.yaml \
      --choices aparte-werkplek,stapsgewijs-terug,teamscholing,opp-groei
  incluzo run scenarios/te-veel-prikkels.yaml --json \
      --choices strategieen-met-klas,collegiale-consultatie,teamscholing,opp-voorzieningen
"""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "run",
        help="play a scenario headless with given choices",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help="a scenario YAML file")
    parser.add_argument("--choices", default="", metavar="ID,ID,...", help="choice ids in order")
    parser.add_argument("--json", action="store_true", help="print steps and result as JSON")
    parser.add_argument(
        "--lang", choices=languages(), default=default_language(), help="language of the messages"
    )
    parser.set_defaults(run=run)


def snapshot(scenario: Scenario, state: GameState) -> dict[str, Any]:
    model = scenario.model
    return {
        "budget": dict(zip(model.meter_ids, state.meters, strict=True)),
        "position": dict(zip(model.quadrant_ids, position.to_points(state.position), strict=True)),
        "position_exact": {
            q: round(position.exact_points(u), 6)
            for q, u in zip(model.quadrant_ids, state.position, strict=True)
        },
    }


def tally(state: GameState) -> dict[str, int]:
    return {"affirmatief": state.tally[0], "transformatief": state.tally[1]}


def play(scenario: Scenario, choices: list[str]) -> tuple[list[dict[str, Any]], GameState, str | None]:
    """Apply the choices, passing event cards; returns the steps, the last state and an error if any."""
    state = rules.begin(scenario)
    steps: list[dict[str, Any]] = []
    pending = list(choices)
    while not state.over:
        card = rules.current_card(scenario, state)
        assert card is not None
        if card.is_event:
            result: rules.Outcome | Refusal = rules.advance(scenario, state)
        elif not pending:
            offered = ", ".join(c.id for c in rules.offered(scenario, state, card))
            return steps, state, f"the choices ran out at card '{card.id}' (it offers: {offered})"
        else:
            result = rules.choose(scenario, state, pending.pop(0))
        if isinstance(result, Refusal):
            return steps, state, f"card '{card.id}': {result.message(scenario, 'en')}"
        state = result.state
        steps.append(
            {
                "card": card.id,
                "choice": result.decision.choice,
                "recognition": result.decision.recognition,
                **snapshot(scenario, state),
                "tally": tally(state),
            }
        )
    if pending:
        return steps, state, f"the game ended before these choices were used: {', '.join(pending)}"
    return steps, state, None


def run(args: argparse.Namespace) -> int:
    try:
        scenario = load_file(args.file)
    except ScenarioError as error:
        for problem in error.problems:
            print(problem.format(args.lang), file=sys.stderr)
        return 1
    choices = [c.strip() for c in args.choices.split(",") if c.strip()]
    steps, state, refused = play(scenario, choices)
    if args.json:
        final = {
            **snapshot(scenario, state),
            "recognition": tally(state),
            "ending": state.ending,
            "exhausted": state.exhausted,
            "exhausted_at": rules.exhausted_at(state),
            "short_of": {
                s.meter: {"left": s.left, "needed": s.needed} for s in rules.short_of(scenario, state)
            },
        }
        print(json.dumps({"steps": steps, "final": final, "error": refused}, ensure_ascii=False, indent=2))
    else:
        print_steps(scenario, steps, state, args.lang)
    if refused:
        print(f"incluzo run: {refused}", file=sys.stderr)
        return 1
    return 0


def print_steps(scenario: Scenario, steps: list[dict[str, Any]], state: GameState, lang: str) -> None:
    for number, step in enumerate(steps, 1):
        card = scenario.card(step["card"])
        made = f"{step['choice']} ({step['recognition']})" if step["choice"] else "(event)"
        print(f"{number}. {card.id}: {made}")
        print("   budget:   " + ", ".join(f"{k} {v}" for k, v in step["budget"].items()))
        print("   position: " + ", ".join(f"{k} {v}" for k, v in step["position"].items()))
        print("   tally:    " + ", ".join(f"{k} {v}" for k, v in step["tally"].items()))
    ending = rules.ending_of(scenario, state)
    if ending is not None:
        stuck = rules.exhausted_at(state)
        short = ", ".join(
            f"{s.meter} {s.left} left, {s.needed} needed" for s in rules.short_of(scenario, state)
        )
        extra = f", budget ran out at card '{stuck}': {short}" if stuck else ""
        print(f"ending: {ending.id} ({ending.title.get(lang, scenario.language)}{extra})")
