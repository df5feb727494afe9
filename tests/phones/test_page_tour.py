"""Every phone page in a real browser at a phone's and a tablet's size, in Dutch and English: WCAG AA
contrast, 44 px targets, names and labels, nothing cut off or wider than the screen, no script error."""

from __future__ import annotations

import pytest

from phones.browser import SIZES, audit, chromium
from phones.tour import STOPS, phone, visit


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_passes_the_audit_at_both_sizes(lang: str) -> None:
    found: list[str] = []
    with chromium() as browser:
        for size in SIZES:
            with phone(browser, size, lang) as room:
                for stop in STOPS:
                    page = visit(room, stop, lang)
                    assert page.get_attribute("html", "lang") == lang
                    found += [f"{stop.name} {size[0]}x{size[1]}: {p}" for p in audit(page)]
                found += room.errors
    assert found == []
