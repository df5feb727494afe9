"""The rules of play: positions, pure rules, the session machine, teams and view data."""
