"""`check`'s text output names each finding's INC code, and docs/check-codes.md shows it the same way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from testsupport import ROOT, dedent

from incluzo.cli import main

PAGE = (ROOT / "docs" / "check-codes.md").read_text("utf-8")


def test_check_prints_the_code_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mijn.yaml"
    path.write_text(
        dedent("""
        format: 1
        id: x
        titel: y
    """)
    )
    for lang in ("en", "nl"):
        assert main(["check", "--lang", lang, str(path)]) == 1
        lines = capsys.readouterr().out.splitlines()
        assert any(re.match(rf"{re.escape(str(path))}:3:1: error\[INC004\]: ", line) for line in lines), lines
        for line in lines:
            code = re.search(r": (?:error|warning)\[(INC\d{3})\]: ", line)
            assert code and f"## {code.group(1)}" in PAGE, line


def test_every_example_in_check_codes_carries_the_code_of_its_section() -> None:
    section = None
    shown = 0
    for line in PAGE.splitlines():
        if heading := re.match(r"## (INC\d{3})$", line):
            section = heading.group(1)
        example = re.match(r"\s+\S+\.ya?ml:\d+:\d+: (?:error|warning)(\[(INC\d{3})\])?: ", line)
        if example and section:
            shown += 1
            assert example.group(2) == section, line
    assert shown >= 30
