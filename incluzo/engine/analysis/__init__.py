"""The analysis tools: reachable-state checks, dependencies, the card graph, simulation."""
