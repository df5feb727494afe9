"""The phase diagrams as Mermaid, drawn by transitions' own diagram support from the flows' tables (the
session machine's `session.TRANSITIONS` and team play's `teams.TRANSITIONS`); Mermaid needs no graphviz.

`python -m incluzo.engine.play.diagram` prints the block docs/architecture.md holds (a test keeps the two
the same).
"""

from __future__ import annotations

from typing import Any

from transitions.extensions import GraphMachine

from incluzo.engine.play import session, teams
from incluzo.engine.play.phases import Phase

STYLE = ("classDef ", "Class ")  # transitions' colouring of the active state: not part of the flow


def mermaid(states: list[Phase], table: list[dict[str, Any]]) -> str:
    """One flow as a Mermaid state diagram, its first state the initial one."""

    class Drawn:
        """A model that is only drawn, never moved."""

    model = Drawn()
    GraphMachine(
        model=model,
        states=[state.value for state in states],
        transitions=table,
        initial=states[0].value,
        auto_transitions=False,
        graph_engine="mermaid",
        show_conditions=True,
    )
    drawn: str = getattr(model, "get_graph")().draw(None)  # noqa: B009  (bound by the machine)
    lines = [line.rstrip() for line in drawn.splitlines()]
    start = lines.index("stateDiagram-v2")  # after transitions' title block, which Mermaid reads otherwise
    return "\n".join(line for line in lines[start:] if line.strip() and not line.strip().startswith(STYLE))


def diagrams() -> str:
    """Both flows as Markdown: one group and solo (the session machine), then competing teams."""
    group = mermaid(list(Phase), session.TRANSITIONS)
    team = mermaid([Phase.CARD, Phase.OUTCOME, Phase.DEBRIEF], teams.TRANSITIONS)
    return (
        f"One group and solo (`session.TRANSITIONS`):\n\n```mermaid\n{group}\n```\n\n"
        f"Competing teams (`teams.TRANSITIONS`):\n\n```mermaid\n{team}\n```\n"
    )


if __name__ == "__main__":
    print(diagrams(), end="")
