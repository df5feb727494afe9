"""The pure core of incluzo: scenario model, loader, rules and session. Never imports pygame."""
