"""Every phone page in a real browser at a phone's and a tablet's size, in Dutch and English: WCAG AA
contrast, 44 px targets, names and labels, nothing cut off or wider than the screen, no script error."""

from __future__ import annotations

import pytest

from phones.browser import SIZES, audit, chromium
from phones.tour import STOPS, phone, visit


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_passes_the_audit(lang: str, size: tuple[int, int]) -> None:
    found: list[str] = []
    with chromium() as browser, phone(browser, size, lang) as room:
        for stop in STOPS:
            page = visit(room, stop, lang)
            assert page.get_attribute("html", "lang") == lang
            found += [f"{stop.name}: {p}" for p in audit(page)]
        found += room.errors
    assert found == []


@pytest.mark.parametrize(("lang", "costs"), [("nl", "T −1 · B −3"), ("en", "Access −1 · Affordability −3")])
def test_costs_name_their_meter_where_the_language_has_no_letters(lang: str, costs: str) -> None:
    """The game sends a meter's letter only in the scenario's own language (as the big screen shows
    it); in another language a cost names its meter instead of standing bare ("−1")."""
    round_stop = next(stop for stop in STOPS if stop.name == "round")
    with chromium() as browser, phone(browser, SIZES[0], lang) as room:
        page = visit(room, round_stop, lang)
        assert costs in page.inner_text("#option-aparte-werkplek")
        assert room.errors == []
