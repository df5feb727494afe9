"""Installed like any Python application: a wheel built offline, installed into a fresh virtual
environment, runs every file-reading command from another working directory (fonts, shipped
scenarios and questionnaires come from the installed package, never from this repository)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest
from testsupport import ROOT, route

from incluzo.engine.scenario.loader import load_file

TIMEOUT = 120  # seconds per step, only to stop a hang
SOURCES = ("incluzo", "assets", "scenarios", "questionnaires", "pyproject.toml", "setup.py", "README.md")


@dataclass(frozen=True)
class Installed:
    python: Path
    incluzo: Path
    package: Path  # the installed incluzo package folder
    work: Path  # a working directory outside the repository
    env: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.incluzo), *args],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )


def step(
    args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        args, capture_output=True, text=True, timeout=TIMEOUT, check=False, env=env, cwd=cwd
    )
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the wheel offline from a clean copy, install it into a new venv that borrows only the
    test environment's third-party packages (so nothing downloads)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    for name in SOURCES:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(origin, source / name)
    offline = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    pip = [sys.executable, "-m", "pip"]
    step(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(base / "dist"), str(source)],
        env=offline,
    )
    wheel = next((base / "dist").glob("incluzo-*.whl"))
    venv = base / "venv"
    step([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    step([*pip, "--python", str(python), "install", "--no-deps", str(wheel)], env=offline)
    site = Path(
        step([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip()
    )
    # the dependencies (pygame-ce, PyYAML, ...) from the test environment, after the venv's own
    (site / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    work = base / "elsewhere"
    work.mkdir()
    env = {
        **offline,
        "INCLUZO_HOME": str(base / "home"),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYTHONPATH": "",
    }
    found = step([str(python), "-c", "import incluzo; print(incluzo.__file__)"], cwd=work, env=env)
    package = Path(found.stdout.strip()).parent
    script = venv / ("Scripts/incluzo.exe" if os.name == "nt" else "bin/incluzo")
    return Installed(python, script, package, work, env)


def test_the_installed_package_carries_its_fonts_scenarios_and_questionnaires(installed: Installed) -> None:
    assert not installed.package.is_relative_to(ROOT)
    for shipped in ("assets/fonts/AtkinsonHyperlegible-Bold.ttf", "questionnaires/welke-bril.yaml"):
        assert (installed.package / shipped).is_file(), shipped
    assert sorted(p.name for p in (installed.package / "scenarios").glob("*.yaml")) == sorted(
        p.name for p in (ROOT / "scenarios").glob("*.yaml")
    )
    where = step(
        [
            str(installed.python),
            "-c",
            "from incluzo import shipped; print(shipped.ASSETS, shipped.checkout())",
        ],
        cwd=installed.work,
        env=installed.env,
    )
    assert where.stdout.split() == [str(installed.package / "assets"), "None"]


def test_every_file_reading_command_runs_from_another_folder(installed: Installed) -> None:
    scenario = installed.package / "scenarios" / "te-veel-prikkels.yaml"
    work = installed.work

    checked = installed.run("check", str(scenario), "--lang", "en")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    played = installed.run(
        "play",
        str(scenario),
        "--headless",
        "--choices",
        ",".join(route(load_file(scenario))),
        "--screenshots",
        "shots",
        "--size",
        "640x360",
    )
    assert played.returncode == 0, played.stdout + played.stderr
    assert len(list((work / "shots").glob("*.png"))) >= 4

    profiled = installed.run(
        "profile", str(ROOT / "tests" / "fixtures" / "antwoorden.csv"), "--png", "profiel.png"
    )
    assert profiled.returncode == 0, profiled.stdout + profiled.stderr
    assert (work / "profiel.png").stat().st_size > 0

    simulated = installed.run("simulate", str(scenario), "--runs", "50", "--png", "kaart.png")
    assert simulated.returncode == 0, simulated.stdout + simulated.stderr
    assert (work / "kaart.png").stat().st_size > 0

    reported = installed.run("report", "--out", "rapport")  # the saves folder: the headless game above
    assert reported.returncode == 0, reported.stdout + reported.stderr
    assert "te-veel-prikkels" in (work / "rapport" / "summary.md").read_text(encoding="utf-8")

    made = installed.run("new", "mijn-scenario")
    assert made.returncode == 0, made.stdout + made.stderr
    assert (
        (work / "mijn-scenario.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=scenario.schema.json")
    )
    assert (work / "scenario.schema.json").is_file()
    rechecked = installed.run("check", "mijn-scenario.yaml", "--strict")
    assert rechecked.returncode == 0, rechecked.stdout + rechecked.stderr


def test_from_this_checkout_the_shipped_folders_are_the_repositorys_own() -> None:
    from incluzo import shipped
    from incluzo.commands import new

    assert (shipped.ASSETS, shipped.SCENARIOS, shipped.QUESTIONNAIRES) == (
        ROOT / "assets",
        ROOT / "scenarios",
        ROOT / "questionnaires",
    )
    assert shipped.checkout() == ROOT
    assert new.schema_reference(ROOT / "scenarios") == "../docs/scenario.schema.json"
