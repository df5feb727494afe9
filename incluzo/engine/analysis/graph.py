"""The card flow of a scenario as Mermaid or DOT text, for a facilitator's overview.

The arrows are the steps games really take (from `analysis.explore`, or its meter sets where they
apply, so conditions, `next` and skipped cards are all accounted for), each labelled with the choice
that takes it; cards no game reaches are drawn dashed.
"""

from __future__ import annotations

from collections.abc import Callable

from msgspec import Struct

from incluzo.engine.analysis.explore import Graph, explore, set_graph
from incluzo.engine.play import rules
from incluzo.engine.scenario.model import Card, Ending, Scenario
from incluzo.i18n import message

START = "start"
FORMATS = ("mermaid", "dot")


class Flow(Struct, frozen=True):
    """Nodes (cards, then endings) with labels, and arrows between them."""

    cards: tuple[tuple[str, str, bool], ...]  # id, label, reached
    endings: tuple[tuple[str, str], ...]  # id, label
    arrows: tuple[tuple[str, str, str], ...]  # from, to, label ('' for an event card or the start)
    complete: bool


def flow(scenario: Scenario, lang: str | None = None) -> Flow:
    """The flow of every reachable game, with titles in `lang` (default: the scenario's language).

    Choices that lead from the same card to the same place share one arrow.
    """
    language = lang or scenario.language
    graph = set_graph(scenario) or explore(scenario)
    endings = (*scenario.endings, *rules.engine_endings())
    rank = {START: -1, **scenario.index, **{e.id: len(scenario.cards) + i for i, e in enumerate(endings)}}
    labels: dict[tuple[str, str], list[str]] = {}
    for source, target, label in sorted(
        _arrows(graph, message("graph.ran_out", language)),
        key=lambda a: (rank[a[0]], rank[a[1]], _choice_rank(scenario, *a)),
    ):
        labels.setdefault((source, target), []).append(label)
    arrows = tuple(
        (source, target, ", ".join(filter(None, names))) for (source, target), names in labels.items()
    )
    reached = {card for card, _, _ in arrows} | {to for _, to, _ in arrows}
    items: tuple[Card | Ending, ...] = (*scenario.cards, *endings)
    title = {item.id: item.title.get(language, scenario.language) for item in items}
    return Flow(
        tuple((c.id, title[c.id], c.id in reached) for c in scenario.cards),
        tuple((e.id, title[e.id]) for e in endings if e.id in reached),
        arrows,
        graph.complete,
    )


def _choice_rank(scenario: Scenario, source: str, target: str, label: str) -> int:
    """Labels in the order the card lists its choices (the budget running out last)."""
    choices = [c.id for c in scenario.card(source).choices] if source in scenario.index else []
    return choices.index(label) if label in choices else len(choices)


def _arrows(graph: Graph, ran_out: str) -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    start = graph.start
    found.add((START, start.card or graph.ran_out_at.get(start, start.ending or ""), ""))
    for state, steps in graph.steps.items():
        for choice, child in steps:
            card = graph.ran_out_at.get(child) or child.card or child.ending or ""
            found.add((state.card or "", card, choice or ""))
    for end, card in graph.ran_out_at.items():
        found.add((card, end.ending or "", ran_out))
    return found


def mermaid(scenario: Scenario, lang: str | None = None) -> str:
    """A Mermaid flowchart (renders on GitHub and in many editors)."""
    shown = flow(scenario, lang)
    names = _names(shown, "c", "e")
    lines = ["flowchart TD", f'    {names[START]}(["{_mermaid(START.capitalize())}"])']
    lines += [f'    {names[c]}["{_mermaid(label)}<br/><small>{c}</small>"]' for c, label, _ in shown.cards]
    lines += [f'    {names[e]}(["{_mermaid(label)}"])' for e, label in shown.endings]
    for source, target, label in shown.arrows:
        edge = f' -->|"{_mermaid(label)}"| ' if label else " --> "
        lines.append(f"    {names[source]}{edge}{names[target]}")
    unreached = [names[c] for c, _, reached in shown.cards if not reached]
    if unreached:
        lines += [
            "    classDef unreached stroke-dasharray: 5 5",
            f"    class {','.join(unreached)} unreached",
        ]
    if not shown.complete:
        lines.append("    %% partial: the scenario has more states than the analysis explores")
    return "\n".join(lines) + "\n"


def dot(scenario: Scenario, lang: str | None = None) -> str:
    """A Graphviz DOT digraph (`dot -Tsvg`)."""
    shown = flow(scenario, lang)
    lines = [
        f"digraph {_dot_quote(scenario.id)} {{",
        "    rankdir=TB;",
        "    node [shape=box];",
        f"    {_dot_quote(START)} [shape=oval, label={_dot_quote(START.capitalize())}];",
    ]
    for card, label, reached in shown.cards:
        style = "" if reached else ", style=dashed"
        text = _dot_quote(f"{label}\n({card})")
        lines.append(f"    {_dot_quote(card)} [label={text}{style}];")
    lines += [f"    {_dot_quote(e)} [shape=oval, label={_dot_quote(label)}];" for e, label in shown.endings]
    for source, target, label in shown.arrows:
        extra = f" [label={_dot_quote(label)}]" if label else ""
        lines.append(f"    {_dot_quote(source)} -> {_dot_quote(target)}{extra};")
    if not shown.complete:
        lines.append("    // partial: the scenario has more states than the analysis explores")
    return "\n".join([*lines, "}"]) + "\n"


RENDERERS: dict[str, Callable[[Scenario, str | None], str]] = {"mermaid": mermaid, "dot": dot}


def _names(shown: Flow, card: str, ending: str) -> dict[str, str]:
    """Short node names (Mermaid reserves words like 'end', and ids may clash with them)."""
    names = {START: "start0"}
    names.update({c: f"{card}{i}" for i, (c, _, _) in enumerate(shown.cards)})
    names.update({e: f"{ending}{i}" for i, (e, _) in enumerate(shown.endings)})
    return names


def _mermaid(text: str) -> str:
    """Text inside a quoted Mermaid label: one line, with Mermaid's entity codes for special characters."""
    text = " ".join(text.split())
    return text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def _dot_quote(text: str) -> str:
    """A DOT string: quotes and backslashes escaped, line breaks as \\n."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
