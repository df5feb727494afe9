"""The phone pages as files: ES5 scripts an old phone runs, words for everything the protocol can say,
the game's own words where the two overlap, and nothing the server's Content-Security-Policy blocks."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
from calmjs.parse import es5
from calmjs.parse.exceptions import ECMASyntaxError

from incluzo.engine.play import teams
from incluzo.i18n import catalog_for
from incluzo.phones import protocol

STATIC = Path(str(resources.files("incluzo.phones").joinpath("static")))
SCRIPTS = ("phone.js", "words.js")
WORDS_START = "window.INCLUZO_WORDS ="

# APIs an old phone browser lacks (ES2015 and later, or fetch): the page uses none of them.
MODERN = {
    r"\bfetch\s*\(": "fetch",
    r"\bPromise\b": "Promise",
    r"\bObject\.(assign|entries|values)\b": "Object.assign/entries/values",
    r"\bArray\.(from|of)\b": "Array.from/of",
    r"\.(includes|startsWith|endsWith|padStart|find|findIndex)\s*\(": "ES2015 string/array methods",
    r"\bnew\s+(Map|Set|WeakMap|Proxy)\b": "Map/Set/Proxy",
    r"\bclassList\b": "classList",
    r"\bSymbol\b": "Symbol",
    r"\brequestIdleCallback\b": "requestIdleCallback",
}

# The phone's word and the big screen's catalog key that must say the same.
SAME_AS_GAME = {
    "poll.title": "poll.header",
    "poll.total": "poll.total",
    "bril.title": "start.questionnaire",
    "bril.current": "questionnaire.part.current",
    "bril.desired": "questionnaire.part.desired",
    "bril.desired.title": "questionnaire.desired.title",
    "bril.desired.text": "questionnaire.desired.text",
    "bril.progress": "questionnaire.progress",
    "bril.left": "questionnaire.left",
    "bril.left.one": "questionnaire.left.one",
    "bril.first": "questionnaire.refused",
    "round.time": "team.time",
    "round.time_up": "team.time_up",
    "round.card": "card.progress",
    "status.choosing": "team.status.choosing",
    "status.picked": "team.status.picked",
    "reveal.none": "team.debrief.not_played",
    "cmd.pause": "team.key.clock_off",
    "cmd.resume": "team.key.clock_on",
    "cmd.reveal": "team.key.reveal",
    "cmd.skip": "team.key.skip",
}


def source(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def words() -> dict[str, dict[str, str]]:
    """words.js is strict JSON from `window.INCLUZO_WORDS =` to its last ';'."""
    text = source("words.js")
    start = text.index(WORDS_START) + len(WORDS_START)
    loaded: dict[str, dict[str, str]] = json.loads(text[start : text.rindex(";")])
    return loaded


@pytest.mark.parametrize("name", SCRIPTS)
def test_the_scripts_are_es5(name: str) -> None:
    try:
        es5(source(name))
    except ECMASyntaxError as problem:  # pragma: no cover - the failure's message is the point
        pytest.fail(f"{name} is not ES5, so an old phone browser cannot run it: {problem}")


def test_the_es5_check_catches_modern_syntax() -> None:
    with pytest.raises(ECMASyntaxError):
        es5("const f = (x) => `${x}`;")


@pytest.mark.parametrize("pattern", sorted(MODERN))
def test_the_page_script_uses_no_api_an_old_browser_lacks(pattern: str) -> None:
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source("phone.js"), flags=re.S)
    assert not re.search(pattern, code), f"phone.js uses {MODERN[pattern]}"


def test_both_languages_have_the_same_words_and_placeholders() -> None:
    found = words()
    assert set(found) == {"nl", "en"}
    assert set(found["nl"]) == set(found["en"])
    for key, text in found["nl"].items():
        assert set(re.findall(r"\{(\w+)\}", text)) == set(re.findall(r"\{(\w+)\}", found["en"][key])), key


def test_every_word_the_script_asks_for_exists() -> None:
    asked = set(re.findall(r"\bt\('([a-z_.-]+)'", source("phone.js")))
    asked |= {f"{k}.one" for k in re.findall(r"\bcounted\('([a-z_.-]+)'", source("phone.js"))}
    asked |= set(re.findall(r"\bcounted\('([a-z_.-]+)'", source("phone.js")))
    asked = {key for key in asked if not key.endswith(".")}  # t('cmd.' + command): checked below
    assert asked, "the script asks for its words with t('key')"
    assert asked - set(words()["nl"]) == set()


def test_every_refusal_command_shape_and_colour_has_words() -> None:
    nl = words()["nl"]
    for reason in protocol.REASONS:
        assert f"refused.{reason}" in nl, reason
    for command in protocol.COMMANDS:
        assert f"cmd.{command}" in nl, command
    for symbol in teams.SYMBOLS:
        assert f"shape.{symbol}" in nl, symbol


def test_the_colour_names_are_the_games() -> None:
    found = words()
    for colour, (nl, en) in zip(teams.PALETTE, teams.COLOUR_NAMES, strict=True):
        assert (found["nl"][f"colour.{colour}"], found["en"][f"colour.{colour}"]) == (nl, en)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_words_the_big_screen_also_shows_are_the_same(lang: str) -> None:
    phone, game = words()[lang], catalog_for(lang).messages
    for key, game_key in SAME_AS_GAME.items():
        assert phone[key] == game[game_key], f"{key} says {phone[key]!r}, the game {game[game_key]!r}"


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1][0] == "script" and data.strip():
            self.inline_script = True


def test_the_page_is_dutch_first_zoomable_and_loads_only_shipped_files() -> None:
    page = Page()
    page.feed(source("index.html"))
    tags = dict(page.tags)
    assert tags["html"]["lang"] == "nl"
    viewport = next(a["content"] or "" for t, a in page.tags if t == "meta" and a.get("name") == "viewport")
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport
    assert not page.inline_script and "style" not in tags, "inline script or style: the CSP blocks it"
    assert all("style" not in attrs and not any(k.startswith("on") for k in attrs) for _, attrs in page.tags)
    loaded = [a.get("src") or a.get("href") for t, a in page.tags if t in ("script", "link")]
    assert loaded == ["data:,", "phone.css", "words.js", "phone.js"]  # data:, : no favicon request
    assert all((STATIC / name).is_file() for name in loaded[1:] if name)


def test_the_pages_words_are_shipped_with_the_package() -> None:
    for name in ("index.html", "phone.css", *SCRIPTS):
        assert (STATIC / name).stat().st_size > 0
