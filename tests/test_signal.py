"""A request that carries nothing (Help, Quit, the engine's Skip) behaves as the frozen dataclass it was."""

from __future__ import annotations

import pytest

from incluzo.engine.play import session, teams
from incluzo.scenes import actions


def test_signals_of_one_kind_are_equal_and_hash_alike_and_other_kinds_are_not() -> None:
    assert actions.Help() == actions.Help() and hash(actions.Help()) == hash(actions.Help())
    assert actions.Help() != actions.Quit()
    assert session.Skip() != teams.Skip()  # the same name in two modes: two kinds
    assert len({actions.Help(), actions.Help(), actions.Quit()}) == 2
    assert actions.Help() != "Help()"


def test_a_signal_prints_as_its_call_and_cannot_be_changed() -> None:
    assert repr(actions.Home()) == "Home()" and str(session.Finish()) == "Finish()"
    with pytest.raises(AttributeError, match="cannot be changed"):
        setattr(actions.Home(), "x", 1)  # noqa: B010 (the assignment a typo would make)
    with pytest.raises(AttributeError, match="cannot be changed"):
        delattr(actions.Home(), "x")


def test_a_signal_matches_its_class_pattern_only() -> None:
    def kind(action: object) -> str:
        match action:
            case actions.Help():
                return "help"
            case session.Skip():
                return "skip"
            case _:
                return "other"

    assert [kind(a) for a in (actions.Help(), session.Skip(), teams.Skip(), actions.Quit())] == [
        "help",
        "skip",
        "other",
        "other",
    ]
