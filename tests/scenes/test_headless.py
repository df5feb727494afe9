"""`incluzo play --headless`: scripted choices, a PNG per screen in order, the export, exit codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from incluzo.cli import main

PROEF = Path(__file__).parent / "data" / "proef.yaml"


def test_headless_play_writes_a_numbered_png_per_screen_and_the_export(
    tmp_path: Path, private_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shots = tmp_path / "shots"
    code = main(
        [
            "play",
            str(PROEF),
            "--headless",
            "--choices",
            "samen,wijk",
            "--screenshots",
            str(shots),
            "--size",
            "960x540",
            "--lang",
            "en",
        ]
    )
    assert code == 0
    firsts = sorted(p.name for p in shots.iterdir() if not re.search(r"-p\d+$", p.stem))
    assert firsts == [
        "01-briefing.png",
        "02-card-eerste.png",
        "03-outcome-samen.png",
        "04-card-gebeurtenis.png",
        "05-card-tweede.png",
        "06-outcome-wijk.png",
        "07-debrief.png",
    ]
    assert (shots / "07-debrief-p2.png").exists()  # every page of a paged screen
    exports = sorted(p.suffix for p in (private_data_dir / "exports").iterdir())
    assert exports == [".md", ".png"]
    assert "Saved:" in capsys.readouterr().out


def test_headless_play_refuses_a_choice_the_card_does_not_offer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", str(PROEF), "--headless", "--choices", "vliegen"]) == 1
    assert "card 'eerste' has no choice 'vliegen' (it offers: apart, samen, duur)" in capsys.readouterr().err


def test_headless_play_refuses_an_unaffordable_choice(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", str(PROEF), "--headless", "--choices", "duur", "--lang", "nl"]) == 1
    assert "te weinig betaalbaarheid: 3 nodig, 2 over" in capsys.readouterr().err


def test_headless_play_of_a_broken_file_prints_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "kapot.yaml"
    broken.write_text("format: 1\nid: kapot\ntitle: Kapot\nlanguage: nl\nbudget: {kwaliteit: 1}\n", "utf-8")
    assert main(["play", str(broken), "--headless"]) == 1
    assert f"{broken}:" in capsys.readouterr().err


def test_headless_play_without_a_file_lists_the_shipped_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--headless"]) == 0
    assert "te-veel-prikkels.yaml" in capsys.readouterr().out


def test_the_headless_examples_in_the_help_reach_the_debrief(
    tmp_path: Path,
    private_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every `incluzo play ... --headless` example of `incluzo play --help` plays to the debrief (exit 0),
    its screenshots written to a scratch folder."""
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    with pytest.raises(SystemExit):
        main(["play", "--help"])
    text = capsys.readouterr().out.replace("\\\n", " ")  # join continued lines, as a shell does
    examples = [line.split()[1:] for line in text.splitlines() if line.strip().startswith("incluzo play ")]
    headless = [args for args in examples if "--headless" in args and len(args) > 2]
    assert len(headless) >= 2  # one group and competing teams
    for number, args in enumerate(headless):
        where = args.index("--screenshots") + 1
        args[where] = str(tmp_path / f"example-{number}")
        assert main(args) == 0, (args, capsys.readouterr().err)
        assert any((tmp_path / f"example-{number}").glob("*debrief*.png"))


def test_headless_play_writes_every_page_and_with_overlays_the_help_map_and_notes(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    argv = ["play", str(PROEF), "--headless", "--choices", "samen,wijk", "--screenshots", str(shots)]
    assert main([*argv, "--size", "960x540", "--lang", "en", "--overlays"]) == 0
    names = {p.name for p in shots.iterdir()}
    assert {"02-card-eerste-help.png", "02-card-eerste-map.png", "02-card-eerste-notes.png"} <= names
    assert "02-card-eerste-help-p2.png" in names  # the help has pages too, at this size
    assert "03-outcome-samen-map.png" in names and "03-outcome-samen-notes.png" not in names  # N: cards
    debrief = sorted(n for n in names if n.startswith("07-debrief") and "help" not in n and "map" not in n)
    assert debrief[0] == "07-debrief-p2.png" and debrief[-1] == "07-debrief.png" and len(debrief) > 2
    assert len({(shots / n).read_bytes() for n in debrief}) == len(debrief)  # each page its own picture
