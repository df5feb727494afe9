"""Every phone page, one after another, in a real browser: for the page audit and the screenshots."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from playwright.sync_api import Browser, Page

from incluzo.phones import protocol
from phones import samples
from phones.browser import FakeRoom, Message


@dataclass(frozen=True)
class Stop:
    """One page: what the room says on hello, then what the phone does before we look."""

    name: str
    replies: Callable[[str], tuple[protocol.ServerMessage, ...]]
    then: Callable[[FakeRoom], None] = field(default=lambda room: None)


def tap(selector: str, times: int = 1) -> Callable[[FakeRoom], None]:
    def act(room: FakeRoom) -> None:
        for _ in range(times):
            room.page.click(selector)

    return act


def wrong_pin(room: FakeRoom) -> None:
    room.page.fill("#pin", "1234")
    room.page.click("#join")
    join = room.wait_for("join")
    room.send(protocol.RefusedReply(join["seq"], "bad-pin"))
    room.page.wait_for_selector("#pin-error")


def lost(room: FakeRoom) -> None:
    room.answer = lambda room, message: None  # the game is away: the page keeps trying
    room.drop()
    room.page.wait_for_selector("#conn:not([hidden])")


def player(view: Callable[[str], protocol.View]) -> Callable[[str], tuple[protocol.ServerMessage, ...]]:
    return lambda lang: (samples.welcome(), view(lang))


STOPS = (
    Stop("pin", lambda lang: (protocol.AskPin(),)),
    Stop("pin-wrong", lambda lang: (protocol.AskPin(),), wrong_pin),
    Stop("team", lambda lang: (samples.welcome(None), samples.view(lang, "lobby", None))),
    Stop("lobby", player(lambda lang: samples.view(lang, "lobby"))),
    Stop("round", player(samples.round_view), tap("#option-strategieen-met-klas")),
    Stop("round-voted", player(lambda lang: samples.round_view(lang, voted="strategieen-met-klas"))),
    Stop("round-watching", player(lambda lang: samples.round_view(lang, plays=False))),
    Stop("round-stopped", player(lambda lang: samples.round_view(lang, running=False))),
    Stop("poll", player(samples.poll_view), tap("#option-soms")),
    Stop("poll-voted", player(lambda lang: samples.poll_view(lang, voted="soms"))),
    Stop("poll-closed", player(lambda lang: samples.poll_view(lang, open_=False))),
    Stop("bril", player(samples.bril_view), tap("#more-A", 3)),
    Stop("bril-done", player(lambda lang: samples.bril_view(lang, done=True))),
    Stop("bril-no-team", player(lambda lang: samples.bril_view(lang, team=None))),
    Stop("reveal", player(samples.reveal_view)),
    Stop("wait", player(lambda lang: samples.view(lang, "wait"))),
    Stop("done", player(lambda lang: samples.view(lang, "done"))),
    Stop("reconnecting", player(samples.round_view), lost),
    Stop("desk", lambda lang: (samples.welcome(None, "facilitator"), samples.desk_view(lang))),
    Stop("desk-reveal", lambda lang: (samples.welcome(None, "facilitator"), samples.desk_reveal_view(lang))),
    Stop(
        "desk-paused",
        lambda lang: (samples.welcome(None, "facilitator"), samples.desk_view(lang, paused=True)),
    ),
)


@contextmanager
def phone(browser: Browser, size: tuple[int, int], lang: str) -> Iterator[FakeRoom]:
    """A fresh phone of this screen size that has chosen this language."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, device_scale_factor=1)
    context.add_init_script(f"try {{ localStorage.setItem('incluzo-lang', '{lang}'); }} catch (e) {{}}")
    page = context.new_page()
    try:
        yield FakeRoom(page)
    finally:
        context.close()


def visit(room: FakeRoom, stop: Stop, lang: str) -> Page:
    """Open the page with the room answering as this stop says, and do the stop's taps."""
    replies = stop.replies(lang)

    def answer(room: FakeRoom, message: Message) -> None:
        if message["type"] == "hello":
            room.send(*replies)

    room.answer = answer
    room.received.clear()
    room.open()
    room.page.wait_for_selector("#main[data-screen]:not([data-screen='connecting'])")
    stop.then(room)
    return room.page
