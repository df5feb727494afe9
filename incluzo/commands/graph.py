"""`incluzo graph FILE`: the card flow as Mermaid or DOT, for a facilitator's overview."""

from __future__ import annotations

import argparse

from incluzo.commands import default_language, load_or_report
from incluzo.engine.analysis.graph import FORMATS, RENDERERS
from incluzo.i18n import languages

HELP = """Print the flow of a scenario: which card follows which, by which choice, and where games end.
The arrows are the steps games really take (conditions and 'next' included); cards no game reaches
are drawn dashed. Mermaid renders on GitHub and in many editors; DOT with Graphviz (dot -Tsvg).

exit code: 0 printed, 1 the file has errors, 2 usage error

examples:
  incluzo graph scenarios/te-veel-prikkels.yaml
  incluzo graph scenarios/te-veel-prikkels.yaml --format dot | dot -Tsvg > flow.svg
  incluzo graph scenarios/te-veel-prikkels.yaml --lang en
"""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "graph",
        help="print the card flow as Mermaid or DOT",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help="a scenario YAML file")
    parser.add_argument(
        "--format", choices=FORMATS, default="mermaid", help="output format (default mermaid)"
    )
    parser.add_argument(
        "--lang",
        choices=languages(),
        default=None,
        help="language of the titles (default: the scenario's own)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    scenario = load_or_report(args.file, args.lang or default_language())
    if scenario is None:
        return 1
    print(RENDERERS[args.format](scenario, args.lang), end="")
    return 0
