"""`incluzo report`: session logs (solo, team, damaged, unknown scenario) aggregated with known results.

The logs in tests/fixtures/logs were played on tests/fixtures/rapport-proef.yaml (25 points per
quadrant at the start):
  solo-1   poll 5/3/0, werkplek, doorgaan; timed 20 s, 95 s, 40 s; a profile of 4 respondents
  solo-2   poll 2/6/1, strategie, specialist; timed 65 s and 30 s; a profile of 1 respondent
  team-1   Uilen and Vossen: poll 7/7/2 (15 s); werkplek / strategie (120 s); specialist / doorgaan
           (50 s), undone, then doorgaan / doorgaan (30 s)
  broken   poll 1/1/1, werkplek, then a record cut off mid-write
  other    a scenario that cannot be found
"""

from __future__ import annotations

import contextlib
import csv
import io
from pathlib import Path

import pygame
import pytest
from testsupport import ROOT

from incluzo.cli import main

FIXTURES = ROOT / "tests" / "fixtures"
LOGS = FIXTURES / "logs"


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    out = tmp_path_factory.mktemp("report")
    err = io.StringIO()  # a module-wide fixture cannot use capsys
    with contextlib.redirect_stderr(err):
        code = main(["report", str(LOGS), "--scenarios", str(FIXTURES), "--out", str(out), "--lang", "en"])
    return out, code, err.getvalue()


def test_every_usable_log_is_counted_and_the_others_are_named(report: tuple[Path, int, str]) -> None:
    out, code, err = report
    assert code == 0
    assert f"{LOGS / 'broken.jsonl'}:6:9: error: this line is not valid JSON" in err
    assert "(used up to line 5)" in err
    assert f"{LOGS / 'other.jsonl'}: scenario 'bestaat-niet' not found (use --scenarios DIR)" in err
    assert (
        (out / "summary.md")
        .read_text(encoding="utf-8")
        .startswith("# Report of the sessions\n\n4 sessions, 5 games; 5 files read.\n")
    )


def test_choices_per_card_count_every_game_and_leave_undone_choices_out(
    report: tuple[Path, int, str],
) -> None:
    assert rows(report[0] / "choices.csv") == [
        ["scenario", "card", "choice", "recognition", "times", "of", "share"],
        ["rapport-proef", "drukte", "werkplek", "affirmatief", "3", "5", "60.00"],
        ["rapport-proef", "drukte", "strategie", "transformatief", "2", "5", "40.00"],
        ["rapport-proef", "evaluatie", "doorgaan", "transformatief", "3", "4", "75.00"],
        ["rapport-proef", "evaluatie", "specialist", "affirmatief", "1", "4", "25.00"],
    ]


def test_the_mean_position_shift_is_exact_over_every_game(report: tuple[Path, int, str]) -> None:
    assert rows(report[0] / "positions.csv") == [
        ["scenario", "quadrant", "games", "start", "end", "shift", "desired"],
        ["rapport-proef", "specialisme", "5", "25.00", "23.84", "-1.16", "10.00"],
        ["rapport-proef", "maatwerk", "5", "25.00", "27.67", "+2.67", "20.00"],
        ["rapport-proef", "professionalisering", "5", "25.00", "24.66", "-0.34", "40.00"],
        ["rapport-proef", "leergemeenschap", "5", "25.00", "23.84", "-1.16", "30.00"],
    ]


def test_the_recognition_share_counts_every_choice_made(report: tuple[Path, int, str]) -> None:
    assert rows(report[0] / "recognition.csv")[1] == ["rapport-proef", "5", "4", "5", "55.56"]


def test_time_per_card_sums_a_sessions_deliberation_including_an_undone_round(
    report: tuple[Path, int, str],
) -> None:
    assert rows(report[0] / "times.csv")[1:] == [
        ["rapport-proef", "peiling", "2", "17.5", "15.0", "20.0"],
        ["rapport-proef", "drukte", "3", "93.3", "65.0", "120.0"],
        ["rapport-proef", "evaluatie", "3", "50.0", "30.0", "80.0"],
    ]


def test_poll_votes_add_up_over_sessions_and_a_team_game_counts_once(report: tuple[Path, int, str]) -> None:
    assert rows(report[0] / "polls.csv")[1:] == [
        ["rapport-proef", "peiling", "verplicht", "15", "4"],
        ["rapport-proef", "peiling", "gesprek", "17", "4"],
        ["rapport-proef", "peiling", "kompas", "4", "4"],
    ]


def test_profiles_are_listed_and_pooled_over_all_respondents(report: tuple[Path, int, str]) -> None:
    found = rows(report[0] / "profiles.csv")
    assert found[2][1:] == ["Team A", "4", "maatwerk", "30.00", "20.00", "-10.00"]
    assert len(found) == 9
    summary = (report[0] / "summary.md").read_text(encoding="utf-8")
    assert "![All respondents together](profiles.png)" in summary


def test_the_summary_shows_a_kite_chart_per_scenario(report: tuple[Path, int, str]) -> None:
    out = report[0]
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "![Report trial](kites-rapport-proef.png)" in summary
    assert "| 2. Individual tailoring | 25.00 | 27.67 | +2.67 |" in summary
    assert pygame.image.load(str(out / "kites-rapport-proef.png")).get_size() == (1400, 1050)


def test_no_usable_log_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "leeg.jsonl"
    empty.write_text("", encoding="utf-8")
    code = main(["report", str(empty), "--out", str(tmp_path / "r"), "--lang", "en"])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        f"incluzo report: {empty}: {empty}:1:1: error: the save is empty",
        "incluzo report: no session log could be used",
    ]
    assert not (tmp_path / "r").exists()
