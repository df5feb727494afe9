"""`incluzo play --questionnaire`: a broken themes file is refused before a window opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from incluzo.cli import main


def test_a_broken_themes_file_is_reported_located_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    themes = tmp_path / "kapot.yaml"
    themes.write_text("format: 1\nid: kapot\ntitle: K\nlanguage: nl\nthemes: []\n", encoding="utf-8")
    assert main(["play", "--lang", "en", "--questionnaire", str(themes)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{themes}:5:9: error: themes: a questionnaire needs at least one theme"
    ]


def test_the_questionnaire_is_not_played_headless(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--questionnaire", "--headless"]) == 2
    assert "--questionnaire is filled in on screen" in capsys.readouterr().err
