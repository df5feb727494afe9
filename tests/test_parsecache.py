"""Parsed copies of shipped files: used when they fit, parsed again when damaged, stale or unwritable."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from incluzo import i18n, parsecache


def dicts(raw: object) -> dict[str, int] | None:
    return raw if isinstance(raw, dict) and all(isinstance(v, int) for v in raw.values()) else None


def test_the_first_start_parses_and_the_next_one_reads_the_copy(private_data_dir: Path) -> None:
    parses: list[int] = []

    def parse() -> dict[str, int]:
        parses.append(1)
        return {"a": 1}

    assert parsecache.parsed("demo", b"source", parse, dicts) == {"a": 1}
    assert parsecache.parsed("demo", b"source", parse, dicts) == {"a": 1}
    assert len(parses) == 1
    assert [p.name.split("-")[0] for p in (private_data_dir / "cache").iterdir()] == ["demo"]


def test_an_edited_source_is_parsed_again_and_its_stale_copy_removed(private_data_dir: Path) -> None:
    parsecache.parsed("demo", b"one", lambda: {"v": 1}, dicts)
    assert parsecache.parsed("demo", b"two", lambda: {"v": 2}, dicts) == {"v": 2}
    copies = list((private_data_dir / "cache").glob("demo-*.json"))
    assert len(copies) == 1 and json.loads(copies[0].read_bytes()) == {"v": 2}


@pytest.mark.parametrize(
    "damage",
    [b"", b"\x00garbage", b"[" * 100_000, json.dumps({"v": "not a number"}).encode(), b"[1, 2]"],
    ids=["empty", "garbage", "too-deep", "wrong-type", "wrong-shape"],
)
def test_a_damaged_copy_is_ignored_and_written_anew(private_data_dir: Path, damage: bytes) -> None:
    parsecache.parsed("demo", b"source", lambda: {"v": 1}, dicts)
    (copy,) = (private_data_dir / "cache").glob("demo-*.json")
    copy.write_bytes(damage)
    assert parsecache.parsed("demo", b"source", lambda: {"v": 1}, dicts) == {"v": 1}
    assert json.loads(copy.read_bytes()) == {"v": 1}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_in_place_of_the_copy_does_not_hang_the_start(private_data_dir: Path) -> None:
    parsecache.parsed("demo", b"source", lambda: {"v": 1}, dicts)
    (copy,) = (private_data_dir / "cache").glob("demo-*.json")
    copy.unlink()
    os.mkfifo(copy)
    assert parsecache.parsed("demo", b"source", lambda: {"v": 1}, dicts) == {"v": 1}


def test_a_data_folder_that_cannot_be_written_only_means_parsing_each_time(
    private_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = private_data_dir / "a-file"
    blocked.write_text("not a folder", "utf-8")
    monkeypatch.setenv("INCLUZO_HOME", str(blocked))
    assert parsecache.parsed("demo", b"source", lambda: {"v": 1}, dicts) == {"v": 1}


def test_a_catalog_read_from_its_copy_is_the_catalog_parsed_from_its_yaml(private_data_dir: Path) -> None:
    for lang in i18n.languages():
        i18n.read_language.cache_clear()
        first = i18n.read_language(lang)  # parsed, copy written
        i18n.read_language.cache_clear()
        again = i18n.read_language(lang)  # from the copy
        assert (
            again
            == first
            == i18n.read_catalog(lang, i18n.folder().joinpath(f"{lang}.yaml").read_text("utf-8"))
        )
    assert len(list((private_data_dir / "cache").glob("catalog-*.json"))) == len(i18n.languages())
