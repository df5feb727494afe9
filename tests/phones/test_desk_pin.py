"""The facilitator's own PIN is printed in the terminal that started the game, never on the shared screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from incluzo.app import App
from incluzo.cli import main

SCENARIO = Path(__file__).parent / "telefoons.yaml"


def test_play_with_phones_prints_the_facilitators_pin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, str] = {}

    def run(app: App) -> None:  # the window's loop, left at once; it stops the phones as the real one does
        assert app.phones is not None
        seen.update(pin=app.phones.pin, desk=app.phones.desk_pin, url=app.phones.url)
        app.stop_phones()

    monkeypatch.setattr(App, "run", run)
    argv = ["play", str(SCENARIO), "--teams", "Rood,Blauw", "--phones", "--phones-host", "127.0.0.1"]
    assert main([*argv, "--phones-port", "0"]) == 0
    out = capsys.readouterr().out
    assert f"Begeleiderspincode (alleen voor jou): {seen['desk']}" in out
    assert seen["url"] in out and seen["pin"] != seen["desk"] and len(seen["desk"]) == 6


def test_the_questionnaire_with_teams_lets_the_phones_choose_them_already(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, object] = {}

    def run(app: App) -> None:
        app.step([], 1 / 60)  # the first frame: the phones see the questionnaire and the teams to come
        assert app.phones is not None
        seen.update(teams=[b.name for b in app.phones.room.teams], open=app.phones.bril_open())
        app.stop_phones()

    monkeypatch.setattr(App, "run", run)
    argv = ["play", str(SCENARIO), "--questionnaire", "--teams", "Rood,Blauw", "--phones"]
    assert main([*argv, "--phones-host", "127.0.0.1", "--phones-port", "0"]) == 0
    assert seen == {"teams": ["Rood", "Blauw"], "open": True}
