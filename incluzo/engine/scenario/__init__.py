"""The scenario language: YAML in, a frozen Scenario out, every problem located."""
