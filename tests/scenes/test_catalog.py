"""The UI message catalog: every key in Dutch and English, every key the code uses exists."""

from __future__ import annotations

import re
from pathlib import Path

from incluzo.i18n import LANGUAGES, Messages, catalog

CODE = Path(__file__).resolve().parents[2] / "incluzo"
LITERAL_KEY = re.compile(r"""say\(\s*["']([a-z_.]+)["']""")


def test_every_key_has_dutch_and_english_text() -> None:
    missing = [
        key
        for key, texts in catalog().items()
        if set(texts) != set(LANGUAGES) or not all(isinstance(t, str) and t for t in texts.values())
    ]
    assert missing == []


def test_every_key_the_screens_ask_for_is_in_the_catalog() -> None:
    used = {
        key
        for path in [*CODE.glob("scenes/*.py"), CODE / "app.py"]
        for key in LITERAL_KEY.findall(path.read_text("utf-8"))
    }
    assert len(used) > 40
    assert sorted(used - set(catalog())) == []


def test_messages_fill_in_their_values_in_each_language() -> None:
    assert Messages("nl")("card.progress", number=2, total=6) == "Kaart 2 van 6"
    assert Messages("en")("card.progress", number=2, total=6) == "Card 2 of 6"
