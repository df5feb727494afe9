"""Keys are bound once: the footer, the key handling, the help and the docs' key tables all come from
scenes/kit/bindings.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scene_helpers import press

from incluzo.app import App
from incluzo.i18n import Messages, catalogs
from incluzo.scenes.actions import AskFinish, AskSkip, Help, Menu, OpenMap, ShowNotes
from incluzo.scenes.kit import bindings, keydocs
from incluzo.scenes.kit.bindings import CHOOSE, GROUP_HELP, TEAM_HELP, Binding
from incluzo.scenes.screens.card import CardScene

PLAYING = Path(__file__).resolve().parents[2] / "docs" / "playing.md"


def declared() -> list[Binding]:
    return [value for value in vars(bindings).values() if isinstance(value, Binding)]


def test_every_label_and_help_text_is_in_the_catalogs() -> None:
    words = set(catalogs()["nl"].messages)
    used = {key for b in declared() for key in (b.label, b.help) if key}
    assert len(used) > 30
    assert sorted(used - words) == []


def test_the_key_tables_in_the_docs_are_the_bindings() -> None:
    text = PLAYING.read_text("utf-8")
    assert text.count("<!-- keys: ") == 2
    assert keydocs.rewrite(text) == text, f"docs/playing.md is out of date: run {keydocs.COMMAND}"


def test_a_table_lists_each_binding_with_its_help_text() -> None:
    lines = keydocs.table(GROUP_HELP).splitlines()
    assert lines[2:4] == [
        "| A-D, 1-4 | Choose A to D |",
        "| Enter | Go on, or the next page (Space too) |",
    ]
    assert len(lines) == len(GROUP_HELP) + 2


def test_the_choice_keys_name_the_letters_a_card_shows() -> None:
    """A card of three lists A-C, not A-D; a card of one lists A alone."""
    nl, en = Messages("nl"), Messages("en")
    three, one = CHOOSE.for_letters("ABC"), CHOOSE.for_letters("A")
    assert (three.cap, three.listed_cap, three.help_words(nl), three.help_words(en)) == (
        "A-C",
        "A-C  1-3",
        "Kies A t/m C",
        "Choose A to C",
    )
    assert (one.cap, one.listed_cap, one.help_words(nl)) == ("A", "A  1", "Kies A")
    assert "| 1-6, U | Team number, then U: take back that team's last decision |" in keydocs.table(TEAM_HELP)


def test_a_card_answers_its_bindings_and_shows_their_labels(make_app: Callable[..., App]) -> None:
    app = make_app()
    press(app, "return")
    scene = app.scene
    assert isinstance(scene, CardScene)
    keys = scene.keys()
    assert (keys["k"], keys["n"], keys["x"]) == (AskSkip(), ShowNotes(), AskFinish())
    assert (keys["m"], keys["h"], keys["f1"], keys["escape"]) == (OpenMap(), Help(), Help(), Menu())
    assert [(k.key, k.label, k.name) for k in scene.footer_keys()] == [
        ("M", "Kaart", "map"),
        ("H", "Hulp", "help"),
        ("Esc", "Menu", "menu"),
    ]


def test_the_help_lists_the_bindings_help_in_the_players_language(make_app: Callable[..., App]) -> None:
    app = make_app(lang="en")
    press(app, "h")
    lines = [item.text for item in app.top.flow(6000).items]  # type: ignore[attr-defined]
    assert lines[0] == "Keys"
    assert lines[1 : 1 + len(GROUP_HELP)] == [b.help_words(Messages("en")) for b in GROUP_HELP]
    assert lines[1] == "Choose A to D"
