"""The word catalogs: one file per language, the same keys and placeholders in each, plurals, and a
new language that is nothing but a new file."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from scene_helpers import press

from incluzo import i18n
from incluzo.app import App
from incluzo.engine.play import rules
from incluzo.engine.scenario.loader import load_file
from incluzo.i18n import Messages, catalogs, languages, placeholders, read_catalog
from incluzo.scenes.screens.start import StartScene

PROEF = Path(__file__).parent / "data" / "proef.yaml"
CODE = Path(__file__).resolve().parents[2] / "incluzo"
LITERAL_KEY = re.compile(r"""(?:say|message)\(\s*["']([a-z_.]+)["']""")


def test_dutch_comes_first_and_english_is_offered() -> None:
    assert languages()[:1] == ("nl",)
    assert "en" in languages()


def test_every_catalog_has_every_key_with_the_same_placeholders() -> None:
    default = catalogs()["nl"].messages
    for lang, found in catalogs().items():
        assert sorted(set(default) ^ set(found.messages)) == [], lang
        differ = [k for k, text in found.messages.items() if placeholders(text) != placeholders(default[k])]
        assert differ == [], lang
        assert all(text.strip() for text in found.messages.values()), lang


def test_no_catalog_says_a_key_twice() -> None:
    """YAML keeps the last of two equal keys without a word: a key said twice is a merge left behind."""
    for entry in i18n.folder().iterdir():
        if entry.name.endswith(".yaml"):
            keys = re.findall(r"^  ([A-Za-z0-9_.]+):", entry.read_text("utf-8"), re.M)
            assert sorted({k for k in keys if keys.count(k) > 1}) == [], entry.name


def test_every_key_the_code_asks_for_is_in_the_catalog() -> None:
    shell = [
        *CODE.glob("scenes/**/*.py"),
        *CODE.glob("phones/*.py"),
        *CODE.glob("commands/*.py"),
        *CODE.glob("*.py"),
    ]
    used = {key for path in shell for key in LITERAL_KEY.findall(path.read_text("utf-8"))}
    assert len(used) > 40
    assert sorted(used - set(catalogs()["nl"].messages)) == []


def test_messages_fill_in_their_values_in_each_language() -> None:
    assert Messages("nl")("card.progress", number=2, ahead="nog 1-3") == "Kaart 2 \u00b7 nog 1-3"
    assert Messages("en")("progress.range", fewest=1, most=3) == "1-3 to go"


@pytest.mark.parametrize(
    ("lang", "count", "words"),
    [("nl", 1, "1 stap"), ("nl", 2, "2 stappen"), ("en", 1, "1 step"), ("en", 0, "0 steps")],
)
def test_a_plural_takes_the_form_its_number_needs(lang: str, count: int, words: str) -> None:
    text = Messages(lang)("resume.text", scenario="Proef", steps=count)
    assert f"{words} " in text


# --- a third language ---------------------------------------------------------------------------

FRISIAN = "fy"


def fake_catalog() -> str:
    """A complete catalog for a third language: every message marked, so the screens show it is used."""
    english = catalogs()["en"]
    lines = [
        "language:",
        "  name: Frysk",
        "  key: f",
        "  hyphenation: nl_NL",
        "  yes_key: j",
        "  no_key: n",
        '  decimal_mark: ","',
        "  plural: {one: [1]}",
        "messages:",
    ]
    lines += [f"  {key}: {json.dumps('FY ' + text)}" for key, text in english.messages.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture
def third_language(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """The shipped catalogs and one more file beside them, nothing else."""
    for shipped in i18n.folder().iterdir():
        (tmp_path / shipped.name).write_text(shipped.read_text("utf-8"), "utf-8")
    (tmp_path / f"{FRISIAN}.yaml").write_text(fake_catalog(), "utf-8")
    monkeypatch.setattr(i18n, "folder", lambda: tmp_path)
    i18n.languages.cache_clear()
    i18n.read_language.cache_clear()
    yield
    i18n.languages.cache_clear()
    i18n.read_language.cache_clear()


@pytest.mark.usefixtures("third_language")
def test_a_new_catalog_file_is_a_new_language(make_app: Callable[..., App]) -> None:
    assert languages() == ("nl", "en", FRISIAN)
    assert Messages(FRISIAN)("progress.exact", count=2) == "FY 2 to go"
    app = make_app(None)  # the start screen offers it, its key picks it, the screens speak it
    assert isinstance(app.scene, StartScene)
    assert any(t.name == f"lang-{FRISIAN}" for t in app.scene.targets)
    press(app, "f")
    assert app.ctx.lang == FRISIAN and app.scene.say("key.help") == "FY Help"
    press(app, "return", "return")
    assert app.game is not None
    assert app.scene.paged is not None
    assert [line for line in app.scene.paged.lines() if line.startswith("FY ")] != []


def test_a_catalog_reads_its_language_settings() -> None:
    found = read_catalog(FRISIAN, fake_catalog())
    assert (found.name, found.key, found.yes_key, found.plural_one) == ("Frysk", "f", "j", frozenset({1}))
    assert found.messages["key.help"] == "FY Help"


def test_every_refusal_of_the_engine_has_its_words() -> None:
    words = catalogs()["nl"].messages
    assert [
        code for code in rules.REFUSALS if code != "unaffordable" and f"refusal.{code}" not in words
    ] == []
    refusal = rules.Refusal("unknown_choice", "z")
    assert refusal.message(load_file(PROEF), "en") == "there is no choice 'z' on this card"


def test_the_engines_own_endings_exist_in_every_language() -> None:
    endings = rules.engine_endings()
    assert [ending.id for ending in endings] == [rules.EXHAUSTED_ENDING, rules.DEFAULT_ENDING]
    for ending in endings:
        assert ending.title.languages == ending.text.languages == languages()
    assert endings[1].title.get("en") == "End of the scenario"
