"""The `incluzo` command line: check and run, exit codes, JSON, help texts."""

from __future__ import annotations

import glob
import json
import subprocess
import sys
from pathlib import Path

import pytest
from scenario_text import SMALL
from testsupport import ROOT

from incluzo import __version__
from incluzo.cli import build_parser, main


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "klein.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "kapot.yaml"
    path.write_text(
        SMALL.replace("recognition: affirmatief", "recognition: bevestigend", 1).replace(
            "    text: Na zes weken.", "    tekst: Na zes weken."
        ),
        encoding="utf-8",
    )
    return path


def test_check_ok_exits_0(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--lang", "en", str(small)]) == 0
    assert "0 errors and 2 warnings in 1 file" in capsys.readouterr().err  # warnings still exit 0


def test_check_prints_every_problem_like_a_compiler_and_exits_1(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--lang", "en", str(broken)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{broken}:15:22: error[INC008]: cards[0].choices[0].recognition: 'bevestigend' is not allowed here "
        "(allowed: affirmatief, transformatief)",
        f"{broken}:29:5: error[INC004]: cards[2].tekst: unknown key 'tekst' (did you mean 'text'?)",
    ]


def test_check_json_lists_the_same_problems(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", "--lang", "en", str(broken)]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert [(p["line"], p["column"], p["path"], p["severity"]) for p in problems] == [
        (15, 22, "cards[0].choices[0].recognition", "error"),
        (29, 5, "cards[2].tekst", "error"),
    ]
    assert problems[1]["hint"] == "did you mean 'text'?"


def test_check_several_files(small: Path, broken: Path) -> None:
    assert main(["check", str(small), str(broken)]) == 1


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == 2


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"incluzo {__version__}"


@pytest.mark.parametrize("command", ["check", "run"])
def test_every_command_has_help_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([command, "--help"])
    assert caught.value.code == 0
    assert "example" in capsys.readouterr().out


def test_run_prints_each_step_and_the_ending(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(small), "--choices", "werkplek,doorgaan", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "1. drukte: werkplek (affirmatief)" in out
    assert "   budget:   kwaliteit 3, toegankelijkheid 4, betaalbaarheid 2" in out
    assert "2. bezuiniging: (event)" in out
    assert out.rstrip().endswith("ending: incluzo:einde (End of the scenario)")


def test_run_json_has_steps_and_final(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(small), "--choices", "strategie,doorgaan", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [s["card"] for s in result["steps"]] == ["drukte", "bezuiniging", "evaluatie"]
    assert result["final"]["budget"] == {"kwaliteit": 0, "toegankelijkheid": 3, "betaalbaarheid": 3}
    assert result["final"]["recognition"] == {"affirmatief": 0, "transformatief": 2}
    assert result["final"]["ending"] == "incluzo:einde"
    assert sum(result["final"]["position"].values()) == 100


def test_run_stops_with_exit_1_and_says_why_when_a_choice_is_not_allowed(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", str(small), "--choices", "werkplek,specialist"]) == 1
    assert "card 'evaluatie': not enough affordability: 3 needed, 1 left" in capsys.readouterr().err


def test_run_on_a_broken_file_prints_its_problems(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(broken), "--choices", "werkplek"]) == 1
    assert "unknown key 'tekst'" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["check", "run"])
def test_the_examples_in_the_help_work(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out.replace("\\\n", " ")  # join continued lines, as a shell does
    examples = [
        line.split()[1:]
        for line in text.splitlines()
        if line.strip().startswith(f"incluzo {command} ") and "mijn-scenario" not in line
    ]
    assert examples
    for example in examples:
        args = [found for arg in example for found in (sorted(glob.glob(arg)) if "*" in arg else [arg])]
        assert main(args) == 0, example


def test_the_command_list_names_each_module_by_its_own_summary() -> None:
    """The list `incluzo --help` prints without importing the commands is the one they give themselves."""
    assert build_parser(every=False).format_help() == build_parser().format_help()


def test_version_and_help_import_no_command_module() -> None:
    code = (
        "import sys\n"
        "from incluzo.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('incluzo.commands.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
