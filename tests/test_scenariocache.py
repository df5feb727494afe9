"""A scenario played before is read from its loaded copy: equal to what the loader gives, loaded anew when
the file or the engine changes, never kept with errors, and a damaged copy only costs a parse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from incluzo import scenariocache
from incluzo.engine.scenario import loader
from incluzo.engine.scenario.problems import ScenarioError

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [*sorted((ROOT / "scenarios").glob("*.yaml")), ROOT / "incluzo" / "phones" / "kamer.yaml"]


def copies(home: Path) -> list[Path]:
    return sorted((home / "cache").glob("scenario-*.msgpack"))


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources the loader parsed (the copies read leave no trace here)."""
    seen: list[str] = []
    real = loader.load_bytes

    def counted(data: bytes, source: str, **options: object) -> object:
        seen.append(source)
        return real(data, source, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "load_bytes", counted)
    return seen


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_scenario_reads_back_from_its_copy_as_the_loader_gives_it(
    private_data_dir: Path, parses: list[str], path: Path
) -> None:
    first = scenariocache.load_file(path)
    again = scenariocache.load_file(path)
    assert parses == [str(path)]
    assert len(copies(private_data_dir)) == 1
    assert first == again == loader.load_file(path)
    assert again.index == first.index and again.source == str(path)


def test_an_edited_file_or_another_engine_loads_anew(
    private_data_dir: Path, parses: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.yaml"
    text = (ROOT / "scenarios" / "te-veel-prikkels.yaml").read_text("utf-8")
    path.write_text(text, "utf-8")
    scenariocache.load_file(path)
    path.write_text(text.replace("Te veel prikkels", "Te veel prikkels (bewerkt)", 1), "utf-8")
    assert "bewerkt" in dict(scenariocache.load_file(path).title.values)["nl"]
    monkeypatch.setattr(scenariocache, "engine", lambda: b"an updated incluzo")
    scenariocache.load_file(path)
    assert parses == [str(path)] * 3


def test_a_scenario_with_errors_is_refused_as_the_loader_refuses_it_and_never_kept(
    private_data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\ncards: [\n", "utf-8")
    with pytest.raises(ScenarioError) as cached:
        scenariocache.load_file(path)
    with pytest.raises(ScenarioError) as direct:
        loader.load_file(path)
    assert cached.value.problems == direct.value.problems
    with pytest.raises(ScenarioError):
        scenariocache.load_file(tmp_path)  # a folder, refused by the loader's own reading
    assert copies(private_data_dir) == []


@pytest.mark.parametrize(
    "damage",
    [b"", b"\xc1garbage", msgspec.msgpack.encode({"id": 1}), msgspec.msgpack.encode([1, 2, 3])],
    ids=["empty", "garbage", "wrong-types", "wrong-shape"],
)
def test_a_damaged_copy_is_ignored_and_written_anew(
    private_data_dir: Path, parses: list[str], damage: bytes
) -> None:
    path = ROOT / "scenarios" / "te-veel-prikkels.yaml"
    scenariocache.load_file(path)
    (copy,) = copies(private_data_dir)
    copy.write_bytes(damage)
    assert scenariocache.load_file(path) == scenariocache.load_file(path)
    assert len(parses) == 2, "read once more, and then from the copy written anew"


def test_only_the_newest_copies_are_kept(private_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scenariocache, "KEPT", 3)
    for path in SHIPPED[:5]:
        scenariocache.load_file(path)
    assert len(copies(private_data_dir)) == 3


def test_a_folder_that_cannot_be_written_only_means_parsing_each_time(
    private_data_dir: Path, parses: list[str]
) -> None:
    (private_data_dir / "cache").write_text("a file where the folder should be", "utf-8")
    path = ROOT / "scenarios" / "te-veel-prikkels.yaml"
    assert scenariocache.load_file(path) == scenariocache.load_file(path)
    assert len(parses) == 2


def test_a_start_from_copies_loads_neither_pyyaml_nor_pyphen(private_data_dir: Path) -> None:
    code = (
        "import sys\n"
        "from incluzo.app import App\n"
        f"App.opened(size=(1920, 1080), scenario={str(SHIPPED[0])!r}, window=False).draw()\n"
        "print(sorted(n for n in ('yaml', 'pyphen') if type(sys.modules[n]).__name__ != '_LazyModule'))\n"
    )
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert first.stdout.split()[-1] != "[]"  # the first start parsed: it needed PyYAML
    assert again.stdout.strip().splitlines()[-1] == "[]"
