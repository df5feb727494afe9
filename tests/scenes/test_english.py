"""English complete: every screen and overlay of a game in English, in every mode, shows no Dutch word
of the Dutch catalog (a word the English catalog does not use too) and no catalog miss."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest
import yaml

from incluzo.engine.play.phases import Mode
from incluzo.engine.scenario.loader import load_file
from incluzo.i18n import catalogs
from incluzo.scenes.kit import text
from incluzo.scenes.screens.headless import play_headless
from incluzo.scenes.teams.headless import parse_rounds, play_teams_headless
from incluzo.shipped import SCENARIOS

SCENARIO = SCENARIOS / "te-veel-prikkels.yaml"
CHOICES = ["strategieen-met-klas", "collegiale-consultatie", "teamscholing", "opp-voorzieningen"]
WORD = re.compile(r"[a-zà-ÿ]{4,}")
SIZE = (1280, 720)


def words(texts: Iterator[str] | list[str]) -> set[str]:
    return {w for t in texts for w in WORD.findall(t.lower())}


def dutch_only() -> set[str]:
    """The Dutch catalog's words that its English one never uses."""
    nl, en = catalogs()["nl"].messages, catalogs()["en"].messages
    return words(list(nl.values())) - words(list(en.values()))


def english_of(node: object) -> Iterator[str]:
    """Every English text of a scenario file's YAML."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "en" and isinstance(value, str):
                yield value
            else:
                yield from english_of(value)
    elif isinstance(node, list):
        for value in node:
            yield from english_of(value)


def scenario_words(path: Path) -> set[str]:
    """What the author wrote in English (a Dutch name like 'groep 5' is the author's choice)."""
    return words(list(english_of(yaml.safe_load(path.read_text("utf-8")))))


class Recording:
    """A font that notes every text it renders."""

    def __init__(self, font: pygame.font.Font, seen: list[str]) -> None:
        self.font, self.seen = font, seen

    def render(self, words: str, *args: Any) -> pygame.Surface:
        self.seen.append(words)
        return self.font.render(words, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.font, name)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every text drawn on a screen while the test runs."""
    seen: list[str] = []
    real = text.font
    monkeypatch.setattr(text, "font", lambda face, size: Recording(real(face, size), seen))
    text.render.cache_clear()
    yield seen
    text.render.cache_clear()


@pytest.mark.parametrize("mode", [Mode.GROUP, Mode.SOLO])
def test_every_english_screen_and_overlay_of_a_game_is_english(
    shown: list[str], tmp_path: Path, mode: Mode
) -> None:
    assert play_headless(str(SCENARIO), CHOICES, tmp_path, SIZE, "en", mode, overlays=True) == 0
    assert len(list(tmp_path.iterdir())) > 40  # every screen, its pages and its overlays
    dutch = words(shown) & dutch_only() - scenario_words(SCENARIO)
    assert sorted(dutch) == []


def test_every_english_screen_of_a_team_game_is_english(shown: list[str], tmp_path: Path) -> None:
    rounds = parse_rounds(
        "aparte-werkplek/sensorisch-traject/strategieen-met-klas,werkplek-houden/-/-,-/-/tijdelijke-time-out,"
        "-/traject-uitbreiden/-,teamscholing/aanpak-met-de-wijk/teamscholing,opp-groei/opp-groei/onderzoek-autisme"
    )
    teams = ["Red", "Blue", "Green"]
    assert play_teams_headless(str(SCENARIO), teams, rounds, tmp_path, SIZE, "en") == 0
    dutch = words(shown) & dutch_only() - scenario_words(SCENARIO)
    assert sorted(dutch) == []


def test_the_scan_finds_a_dutch_word_on_a_screen(shown: list[str], tmp_path: Path) -> None:
    """The check itself works: the same game in Dutch shows the Dutch catalog's words."""
    assert play_headless(str(SCENARIO), CHOICES, None, SIZE, "nl", Mode.GROUP) == 0
    assert {"kaart", "verder"} <= words(shown) & dutch_only()
    assert load_file(SCENARIO).language == "nl"
