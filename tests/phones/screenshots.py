"""Screenshots of every phone page at 360x740 and 768x1024, in Dutch and English, in Debian's Chromium.

    .venv/bin/python tests/phones/screenshots.py [FOLDER]    (default: out/phones, git-ignored)

Each page is shot as the screen shows it (the first screenful) and, when it is longer, as a whole.
The audit's findings (contrast, targets, labels, cut-off text) are printed; the exit code is 1 if any.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: tests/ holds `phones`

from phones.browser import SIZES, audit, chromium
from phones.tour import STOPS, phone, visit

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "out" / "phones"
    folder.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with chromium() as browser:
        for lang in ("nl", "en"):
            for width, height in SIZES:
                with phone(browser, (width, height), lang) as room:
                    for stop in STOPS:
                        page = visit(room, stop, lang)
                        stem = f"{stop.name}-{lang}-{width}x{height}"
                        page.screenshot(path=str(folder / f"{stem}.png"))
                        whole = page.evaluate("document.documentElement.scrollHeight")
                        if whole > height:  # the whole page on a screen that tall: the sticky line at its end
                            page.set_viewport_size({"width": width, "height": whole})
                            page.screenshot(path=str(folder / f"{stem}-whole.png"))
                            page.set_viewport_size({"width": width, "height": height})
                        problems += [f"{stem}: {p}" for p in audit(page)]
                    problems += room.errors
    print("\n".join(problems) or f"every page passed the audit; screenshots in {folder}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
