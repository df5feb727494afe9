"""The README's set-up lines stay true: the test command CI runs, activation, and the data folder."""

from __future__ import annotations

import re
from pathlib import Path

from testsupport import ROOT

from incluzo import errorlog, persistence, practice_history
from incluzo.scenes.screens import export

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_finds_the_readme_test_command_the_way_ci_run_does() -> None:
    lines = README.splitlines()
    marker = next(i for i, line in enumerate(lines) if line.startswith("<!-- test-command"))
    assert lines[marker + 2] == (
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest -n 2"
    )
    assert "sed -n '3p'" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_activation_is_given_for_posix_and_windows() -> None:
    assert "source .venv/bin/activate" in README
    assert ".venv\\Scripts\\activate" in README


def test_the_folders_the_readme_names_are_the_ones_incluzo_writes_under_incluzo_home(
    private_data_dir: Path,
) -> None:
    written = {
        persistence.saves_dir(),
        export.export_dir(),
        practice_history.history_path("x").parent,
        errorlog.data_dir() / "logs",
    }
    assert {folder.parent for folder in written} == {private_data_dir}
    named = set(re.findall(r"`(\w+)/`", README.split("**Where files go.**")[1].split("##")[0]))
    assert {folder.name for folder in written} <= named
    assert "INCLUZO_HOME" in README
