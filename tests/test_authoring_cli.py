"""The authoring commands: new, check (analysis, text fit), simulate, graph, schema; exit codes, help."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest
from scenario_text import SMALL
from testsupport import ROOT

from incluzo.cli import main
from incluzo.commands.check import fit_problems
from incluzo.engine.scenario import loader
from incluzo.engine.scenario.loader import load_file
from incluzo.engine.scenario.schema import render

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "klein.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def run(capsys: Capture, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", ["simulate", "graph", "new", "schema", "check"])
def test_every_authoring_command_explains_itself_with_examples(command: str, capsys: Capture) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([command, "--help"])
    assert stopped.value.code == 0
    assert f"examples:\n  incluzo {command}" in capsys.readouterr().out


def test_new_writes_a_scenario_that_passes_a_strict_check(tmp_path: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "new", "Mijn Eerste Scenario", "--dir", str(tmp_path), "--lang", "en")
    path = tmp_path / "mijn-eerste-scenario.yaml"
    assert code == 0 and out.startswith(f"wrote {path}")
    assert load_file(path).id == "mijn-eerste-scenario"
    code, _, err = run(capsys, "check", "--strict", "--lang", "en", str(path))
    assert (code, err) == (0, "0 errors and 0 warnings in 1 file\n")


def test_new_explains_every_key_the_loader_knows(tmp_path: Path, capsys: Capture) -> None:
    run(capsys, "new", "uitleg", "--dir", str(tmp_path))
    text = (tmp_path / "uitleg.yaml").read_text("utf-8")
    tables = (
        loader.SCENARIO_KEYS,
        loader.CARD_KEYS,
        loader.CHOICE_KEYS,
        loader.ENDING_KEYS,
        loader.POLL_KEYS,
        loader.OPTION_KEYS,
    )
    assert [key for table in tables for key in table if f"{key}:" not in text] == []


def test_new_elsewhere_writes_the_schema_beside_the_file(tmp_path: Path, capsys: Capture) -> None:
    run(capsys, "new", str(tmp_path / "eigen.yaml"))
    assert (
        (tmp_path / "eigen.yaml")
        .read_text("utf-8")
        .startswith("# yaml-language-server: $schema=scenario.schema.json\n")
    )
    assert (tmp_path / "scenario.schema.json").read_text("utf-8") == render()


def test_new_never_overwrites_without_force(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "bestaand.yaml"
    path.write_text("mijn werk", encoding="utf-8")
    code, _, err = run(capsys, "new", str(path), "--lang", "nl")
    assert code == 1 and "bestaat al" in err and path.read_text("utf-8") == "mijn werk"
    assert run(capsys, "new", str(path), "--force")[0] == 0
    assert path.read_text("utf-8") != "mijn werk"


def test_check_reports_what_playing_every_game_finds(small: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "check", "--no-fit", "--lang", "en", str(small))
    assert code == 0
    assert out.splitlines() == [
        f"{small}:5:9: warning[INC040]: budget: the budget never limits a transformative team: the path "
        "strategie > doorgaan affords every transformative choice it meets (lower the budget or raise the "
        "costs of transformative choices, so no path can afford everything)",
        f"{small}:5:42: warning[INC041]: budget.toegankelijkheid: meter 'toegankelijkheid' never runs "
        "low: no choice is ever short of it (lowest level 2 of 4) (lower its start level or raise its "
        "costs, so it weighs in the choices)",
    ]
    assert run(capsys, "check", "--no-fit", "--strict", str(small))[0] == 1


def test_check_json_carries_the_stable_codes(small: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "check", "--no-fit", "--json", str(small))
    assert code == 0
    assert [(p["code"], p["severity"], p["path"]) for p in json.loads(out)] == [
        ("INC040", "warning", "budget"),
        ("INC041", "warning", "budget.toegankelijkheid"),
    ]


def test_check_finds_a_situation_too_long_for_the_card(tmp_path: Path) -> None:
    path = tmp_path / "lang.yaml"
    long = "text: " + "Een leerling raakt overprikkeld in de klas. " * 40
    path.write_text(SMALL.replace("text: Een leerling raakt overprikkeld.", long), encoding="utf-8")
    problems = fit_problems(load_file(path), path)
    assert [(p.code, p.path, p.line, p.column) for p in problems] == [("INC045", "cards[0].text", 9, 11)]
    assert problems[0].message("en").startswith("this text does not fit on the big screen at 1280x720 (")


def test_simulate_json_is_the_same_for_one_seed_and_any_number_of_jobs(small: Path, capsys: Capture) -> None:
    args = ("simulate", str(small), "--runs", "5000", "--seed", "3", "--json")
    code, first, _ = run(capsys, *args)
    _, again, _ = run(capsys, *args, "--jobs", "2")
    report, other = json.loads(first), json.loads(again)
    speed, other_speed = report.pop("throughput"), other.pop("throughput")  # the only part that may differ
    assert code == 0 and report == other
    assert speed["runs_per_second"] > 0 and (speed["jobs"], other_speed["jobs"]) == (1, 2)
    assert (report["runs"], report["seed"], report["policy"]) == (5000, 3, "random")
    assert sum(report["endings"].values()) == 5000
    assert report["coverage"]["cards"] == {"drukte": 5000, "bezuiniging": 5000, "evaluatie": 5000}


def test_simulate_prints_a_replay_line_for_runs_that_ran_out(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "krap.yaml"
    path.write_text(
        SMALL.replace(
            "budget: {kwaliteit: 4, toegankelijkheid: 4, betaalbaarheid: 4}",
            "budget: {kwaliteit: 3, toegankelijkheid: 4, betaalbaarheid: 3}",
        ),
        "utf-8",
    )
    code, out, _ = run(capsys, "simulate", str(path), "--runs", "200", "--lang", "en")
    assert code == 0 and "ran out of budget:" in out
    replay = next(line for line in out.splitlines() if "replay: " in line).split("replay: ")[1]
    assert replay.startswith(f"incluzo run {path} --choices ")
    code, steps, _ = run(capsys, *replay.split()[1:], "--lang", "en")
    assert code == 0 and "budget ran out at card 'evaluatie'" in steps


def test_simulate_text_report_names_every_card_and_ending(small: Path, capsys: Capture) -> None:
    code, out, _ = run(
        capsys, "simulate", str(small), "--runs", "300", "--policy", "transformative", "--lang", "nl"
    )
    assert code == 0
    assert out.startswith("300 spellen van 'klein', seed 0, strategie transformative (")
    assert "  drukte " in out and "    strategie " in out and "incluzo:einde" in out


def test_simulate_writes_a_heat_map(small: Path, tmp_path: Path, capsys: Capture) -> None:
    image = tmp_path / "warmte.png"
    assert run(capsys, "simulate", str(small), "--runs", "100", "--png", str(image))[0] == 0
    assert pygame.image.load(str(image)).get_size() == (1400, 1050)  # the size of every incluzo chart


def test_simulate_a_broken_file_exits_1_with_located_errors(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text(SMALL.replace("recognition: affirmatief", "recognition: bevestigend", 1), "utf-8")
    code, out, err = run(capsys, "simulate", str(path), "--lang", "en")
    assert (code, out) == (1, "")
    assert err.startswith(f"{path}:15:22: error: cards[0].choices[0].recognition:")


@pytest.mark.parametrize("args", [["--runs", "0"], ["--policy", "greedy"], ["--jobs", "zero"]])
def test_simulate_usage_errors_exit_2(small: Path, args: list[str], capsys: Capture) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["simulate", str(small), *args])
    assert stopped.value.code == 2


def test_graph_draws_the_flow_as_mermaid(small: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "graph", str(small))
    assert code == 0
    assert out.splitlines() == [
        "flowchart TD",
        '    start0(["Start"])',
        '    c0["Drukte in de klas<br/><small>drukte</small>"]',
        '    c1["Bezuiniging<br/><small>bezuiniging</small>"]',
        '    c2["Evaluatie<br/><small>evaluatie</small>"]',
        '    e0(["Einde van het scenario"])',
        "    start0 --> c0",
        '    c0 -->|"werkplek, strategie"| c1',
        "    c1 --> c2",
        '    c2 -->|"doorgaan, specialist"| e0',
    ]


def test_graph_draws_the_flow_as_dot_with_unreached_cards_dashed(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        SMALL.replace(
            "    text: De gemeente bezuinigt.\n",
            "    text: De gemeente bezuinigt.\n    when: kwaliteit > 9\n",
        ),
        "utf-8",
    )
    code, out, _ = run(capsys, "graph", str(path), "--format", "dot", "--lang", "en")
    assert code == 0 and out.startswith('digraph "klein" {')
    assert '    "bezuiniging" [label="Bezuiniging\\n(bezuiniging)", style=dashed];' in out
    assert '    "drukte" -> "evaluatie" [label="werkplek, strategie"];' in out


def test_schema_prints_the_stored_schema(capsys: Capture) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0 and out == (ROOT / "docs" / "scenario.schema.json").read_text("utf-8")


def test_every_check_code_is_documented() -> None:
    from incluzo.i18n import catalog_for

    page = (ROOT / "docs" / "check-codes.md").read_text("utf-8")
    keys = catalog_for("en").messages
    codes = [key.removeprefix("problem.") for key in keys if key.startswith("problem.INC")]
    assert len(codes) > 40 and [code for code in codes if code < "INC100" and f"## {code}" not in page] == []
