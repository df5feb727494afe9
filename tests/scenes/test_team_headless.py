"""`incluzo play FILE --headless --teams A,B,C --choices a/b/c,...`: scripted team rounds, PNGs, export."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from team_helpers import PRIKKELS

from incluzo.cli import main

# Round 1 sends the three teams down three paths; each then plays its own follow-up card alone.
SCRIPT = (
    "aparte-werkplek/sensorisch-traject/strategieen-met-klas,"
    "werkplek-houden/-/-,-/-/tijdelijke-time-out,-/traject-uitbreiden/-,"
    "teamscholing/aanpak-met-de-wijk/teamscholing,opp-groei/opp-groei/onderzoek-autisme"
)


def play(*extra: str) -> int:
    return main(["play", str(PRIKKELS), "--headless", "--teams", "Rood,Blauw,Groen", *extra])


def test_scripted_team_play_writes_a_png_per_screen_the_map_and_the_export(
    tmp_path: Path, private_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shots = tmp_path / "shots"
    assert play("--choices", SCRIPT, "--screenshots", str(shots), "--size", "960x540") == 0
    pages = sorted(p.name for p in shots.iterdir() if re.search(r"-p\d+$", p.stem))
    assert "01-team-briefing-p2.png" in pages  # every page of a paged screen
    names = sorted(p.name for p in shots.iterdir() if p.name not in pages)
    assert names[:3] == [
        "01-team-briefing.png",
        "02-team-round-drukte-in-de-klas.png",
        "03-team-reveal-1.png",
    ]
    steps = [n for n in names if "-team-reveal-1-" in n]  # a picture per step of the reveal
    assert steps and steps[0] == "04-team-reveal-1-2.png"
    assert f"{4 + len(steps):02d}-team-round-het-kamertje.png" in names
    assert names[-2:] == [f"{len(names) - 1:02d}-team-debrief.png", f"{len(names):02d}-team-map.png"]
    exports = sorted(p.name for p in (private_data_dir / "exports").iterdir())
    assert [Path(e).suffix for e in exports] == [".md", ".png"] and "-teams-" in exports[0]
    report = (private_data_dir / "exports" / exports[0]).read_text("utf-8")
    assert "| Rood |" in report and "## Waar de teams verschillend kozen" in report
    assert "Opgeslagen:" in capsys.readouterr().out


def test_a_team_on_another_path_needs_a_dash_and_the_message_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    script = "aparte-werkplek/strategieen-met-klas/sensorisch-traject,werkplek-houden/stapsgewijs-terug/-"
    assert play("--choices", script) == 1
    err = capsys.readouterr().err
    assert "round 2 (card 'het-kamertje'): team 'Blauw' does not play this card; give '-' in its place" in err


def test_a_choice_the_card_does_not_offer_is_refused_with_what_it_offers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert play("--choices", "vliegen") == 1
    assert (
        "card 'drukte-in-de-klas' has no choice 'vliegen' (offers: aparte-werkplek,"
        in capsys.readouterr().err
    )


def test_running_out_of_rounds_says_where(capsys: pytest.CaptureFixture[str]) -> None:
    assert play("--choices", "aparte-werkplek") == 1
    assert "the choices ran out at round 2 (card 'het-kamertje')" in capsys.readouterr().err


def test_teams_with_solo_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", str(PRIKKELS), "--solo", "--teams", "A,B"]) == 2
    assert "--teams needs FILE, and not --solo" in capsys.readouterr().err


def test_the_help_explains_the_team_script(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["play", "--help"])
    out = capsys.readouterr().out
    assert "--teams" in out and '"a/b/a,c/c/b"' in out


def test_scripted_team_play_with_overlays_and_presenter_writes_them_too(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    assert play("--choices", SCRIPT, "--screenshots", str(shots), "--overlays", "--presenter") == 0
    names = {p.name for p in shots.iterdir()}
    round_one = "02-team-round-drukte-in-de-klas"
    assert {f"{round_one}-help.png", f"{round_one}-map.png", f"{round_one}-presenter.png"} <= names
    assert f"{round_one}-notes.png" in names  # N shows a team card's notes on the screen, N again hides them
    assert (shots / f"{round_one}-notes.png").read_bytes() != (shots / f"{round_one}.png").read_bytes()
