"""The HTML report opened in a real browser: headless Chromium from Debian's packages, driven by Playwright.

Nothing downloads a browser (never `playwright install`): the test uses /usr/bin/chromium and skips,
saying how to install it, when it is missing. It checks the page's text (counts, escaped content, no
script ran, no request left the page) and saves a screenshot at phone and desktop width in
INCLUZO_SCREENSHOTS (default: the test's temporary folder) to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from test_report_board import FIXTURES, hostile_logs, saves
from testsupport import CHROMIUM, CHROMIUM_ARGS

from incluzo.cli import main

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's Chromium: as root, apt-get update && apt-get install -y chromium",
)


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    folder = saves(root / "saves")
    for log in hostile_logs(root / "hostile").glob("*.jsonl"):
        log.rename(folder / log.name)
    out = root / "out"
    assert main(["report", str(folder), "--scenarios", str(FIXTURES), "--out", str(out), "--lang", "nl"]) == 0
    return out / "report.html"


def test_the_html_report_reads_in_chromium_at_phone_and_desktop_width(page_file: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    shots = Path(os.environ.get("INCLUZO_SCREENSHOTS", page_file.parent))
    shots.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for name, (width, height) in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                requests: list[str] = []
                dialogs: list[str] = []
                page.on("request", lambda request, seen=requests: seen.append(request.url))
                page.on(
                    "dialog", lambda dialog, seen=dialogs: (seen.append(dialog.message), dialog.dismiss())
                )
                page.goto(page_file.as_uri())
                page.wait_for_load_state("load")
                text = page.inner_text("body")
                assert text.startswith("Rapport van de sessies")
                assert "4 sessies, 10 spellen; 10 bestanden gelezen." in text
                assert "<script>alert(1)</script>" in text  # a team name, shown as text
                assert "<img src=x onerror=alert(1)>" in text  # a profile label, shown as text
                assert page.evaluate("document.querySelectorAll('script').length") == 0
                assert page.evaluate("document.querySelectorAll('img').length") == 2
                assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth === 1400)")
                assert not dialogs
                assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"the page is {overflow} px wider than the {name} screen"
                page.screenshot(path=str(shots / f"report-{name}.png"), full_page=True)
                if name == "desktop":  # printable: the browser's own print to PDF
                    pdf = page.pdf(format="A4", print_background=True)
                    assert pdf.startswith(b"%PDF")
                    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= 3  # the whole report, on A4 pages
                    (shots / "report.pdf").write_bytes(pdf)
                page.close()
        finally:
            browser.close()
    assert (shots / "report-phone.png").stat().st_size > 0
