"""Six window sizes, from a 4:3 beamer to 4K: every text drawn lies inside the window, every paged text
inside its box, body text at least 1/30 of the height, in every screen and overlay of a game of one
group and of three teams, in both languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from incluzo.app import App
from incluzo.engine.play.phases import Mode
from incluzo.scenes.kit import text
from incluzo.scenes.kit.base import Scene
from incluzo.scenes.screens.headless import play_headless
from incluzo.scenes.teams.headless import parse_rounds, play_teams_headless

SIX = [(1024, 768), (1280, 720), (1366, 768), (1920, 1080), (2560, 1440), (3840, 2160)]
QUICK = {
    ((1024, 768), "nl"),
    ((1920, 1080), "en"),
    ((3840, 2160), "nl"),
}  # in the default suite; -m slow: all


def sized(langs: tuple[str, ...]) -> list[Any]:
    """Each size in each language; the combinations outside QUICK only with -m slow (a game takes ~10 s)."""
    return [
        pytest.param(
            size,
            lang,
            id=f"{size[0]}x{size[1]}-{lang}",
            marks=() if (size, lang) in QUICK else pytest.mark.slow,
        )
        for size in SIX
        for lang in langs
    ]


SHIPPED = Path(__file__).resolve().parents[2] / "scenarios" / "te-veel-prikkels.yaml"
CHOICES = ["strategieen-met-klas", "collegiale-consultatie", "teamscholing", "opp-voorzieningen"]
TEAM_SCRIPT = (  # three teams down three paths, each then on its own follow-up card
    "aparte-werkplek/sensorisch-traject/strategieen-met-klas,werkplek-houden/-/-,-/-/tijdelijke-time-out,"
    "-/traject-uitbreiden/-,teamscholing/aanpak-met-de-wijk/teamscholing,opp-groei/opp-groei/onderzoek-autisme"
)


class Drawn(pygame.Surface):
    """A window surface that notes where each rendered text lands."""

    def __init__(self, size: tuple[int, int], texts: dict[int, str]) -> None:
        super().__init__(size)
        self.texts, self.placed = texts, []  # type: ignore[var-annotated]

    def blit(self, source: pygame.Surface, dest: Any, *args: Any, **kwargs: Any) -> pygame.Rect:
        if id(source) in self.texts:
            x, y = (dest.x, dest.y) if isinstance(dest, pygame.Rect) else (dest[0], dest[1])
            self.placed.append((self.texts[id(source)], pygame.Rect(int(x), int(y), *source.get_size())))
        return super().blit(source, dest, *args, **kwargs)


class Noting:
    """A font that remembers the images of the texts it renders."""

    def __init__(self, font: pygame.font.Font, texts: dict[int, str], kept: list[pygame.Surface]) -> None:
        self.font, self.texts, self.kept = font, texts, kept

    def render(self, words: str, *args: Any) -> pygame.Surface:
        image = self.font.render(words, *args)
        self.texts[id(image)] = words
        self.kept.append(image)  # alive, so no other image takes its id
        return image

    def __getattr__(self, name: str) -> Any:
        return getattr(self.font, name)


@pytest.fixture
def texts(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[int, str]]:
    found: dict[int, str] = {}
    kept: list[pygame.Surface] = []
    real = text.font
    monkeypatch.setattr(text, "font", lambda face, size: Noting(real(face, size), found, kept))
    text.render.cache_clear()
    yield found
    text.render.cache_clear()


def check(app: App, size: tuple[int, int], seen: dict[str, int]) -> None:
    """The frame just drawn, and the scene (or overlay) on top: each text inside the window, each line of
    the page shown inside its box, each page's lines within the box's height."""
    surface = app.surface
    assert isinstance(surface, Drawn)
    window = pygame.Rect((0, 0), size)
    scene: Scene = app.top
    outside = [(words, rect) for words, rect in surface.placed if not window.contains(rect)]
    assert outside == [], (scene.name, size)
    assert scene.metrics.body >= size[1] / 30, scene.name
    if scene.paged is not None:
        box = scene.paged.box
        assert window.contains(box), (scene.name, box)
        for page in scene.paged.pages:
            assert all(offset + item.height <= box.height for offset, item in page), scene.name
        inside = {w for w, r in surface.placed if box.contains(r)}  # (the scene under an overlay draws too)
        spilled = [(w, r) for w, r in surface.placed if w in scene.paged.lines() and w not in inside]
        assert spilled == [], (scene.name, box, size)
    seen[scene.name] = seen.get(scene.name, 0) + len(surface.placed)
    surface.placed.clear()


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch, texts: dict[int, str]) -> dict[str, int]:
    """Every frame any App draws while the test runs is checked; the screens seen, with texts checked."""
    seen: dict[str, int] = {}
    step = App.step

    def checking(app: App, events: Any, dt: float, wall: float | None = None) -> bool:
        if not isinstance(app.surface, Drawn):
            app.surface = Drawn(app.size, texts)
        result = step(app, events, dt, wall)
        check(app, app.size, seen)
        return result

    monkeypatch.setattr(App, "step", checking)
    return seen


@pytest.mark.parametrize(("size", "lang"), sized(("nl", "en")))
def test_every_screen_page_and_overlay_of_a_group_game_fits_at_six_sizes(
    checked: dict[str, int], tmp_path: Path, size: tuple[int, int], lang: str
) -> None:
    assert play_headless(str(SHIPPED), CHOICES, tmp_path, size, lang, Mode.GROUP, overlays=True) == 0
    screens = ("briefing", "card", "outcome", "help", "map", "notes", "debrief")
    assert [name for name in screens if not shown(checked, name)] == [], checked


@pytest.mark.parametrize(("size", "lang"), sized(("nl",)))
def test_every_screen_page_and_overlay_of_a_team_game_fits_at_six_sizes(
    checked: dict[str, int], tmp_path: Path, size: tuple[int, int], lang: str
) -> None:
    teams = ["Rood", "Blauw", "Groen"]
    rounds = parse_rounds(TEAM_SCRIPT)
    assert play_teams_headless(str(SHIPPED), teams, rounds, tmp_path, size, lang, overlays=True) == 0
    screens = ("team-briefing", "team-round", "team-reveal", "team-debrief", "help", "team-map")
    assert [name for name in screens if not shown(checked, name)] == [], checked


def shown(checked: dict[str, int], prefix: str) -> bool:
    """Whether screens named so were drawn with texts that were checked."""
    return sum(count for name, count in checked.items() if name.startswith(prefix)) > 5
