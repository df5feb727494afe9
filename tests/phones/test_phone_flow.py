"""The phone pages as a player uses them, in Debian's Chromium, against a room that answers with real
protocol messages: joining, a round, a poll, "Welke bril?", reconnecting, the language switch, the desk."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from msgspec.structs import replace
from playwright.sync_api import Browser, Page, expect

from incluzo.phones import protocol
from phones import samples
from phones.browser import FakeRoom, Message, answer_hello, chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as found:
        yield found


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


def joined(page: Page, view: protocol.View, team: int | None = 1) -> FakeRoom:
    room = FakeRoom(page, answer_hello(samples.welcome(team), view))
    room.open()
    page.wait_for_selector("#main[data-screen]:not([data-screen='connecting'])")
    return room


def test_a_phone_joins_by_pin_and_picks_its_team(page: Page) -> None:
    def answer(room: FakeRoom, message: Message) -> None:
        if message["type"] == "hello":
            room.send(protocol.AskPin())
        elif message["type"] == "join" and message["pin"] != "482913":
            room.send(protocol.RefusedReply(message["seq"], "bad-pin"))
        elif message["type"] == "join":
            room.send(samples.welcome(None), samples.view("nl", "lobby", None))

    room = FakeRoom(page, answer)
    room.open()
    expect(page.locator("h1")).to_have_text("Meedoen")
    page.get_by_label("Pincode").fill("12")
    page.get_by_role("button", name="Meedoen").click()
    expect(page.locator("#pin-error")).to_have_text("Een pincode is 4 tot 6 cijfers.")
    assert room.sent("join") == []
    page.get_by_label("Pincode").fill("111111")
    page.get_by_role("button", name="Meedoen").click()
    expect(page.locator("#pin-error")).to_have_text("Deze pincode klopt niet. Kijk op het grote scherm.")
    expect(page.get_by_label("Pincode")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Pincode").fill("482913")
    page.get_by_role("button", name="Meedoen").click()
    expect(page.locator("h1")).to_have_text("Kies je team")
    teams = page.locator(".team-button")
    expect(teams).to_have_count(3)
    expect(teams.nth(0)).to_contain_text("3 telefoons")
    expect(teams.nth(1)).to_contain_text("Team 2: De Zonnebloemen van groep 5, blauw, cirkel")
    teams.nth(1).click()
    assert room.wait_for("team")["team"] == 2
    room.send(protocol.Accepted(room.sent("team")[0]["seq"]), samples.view("nl", "lobby", 2))
    expect(page.locator("h1")).to_have_text("Je doet mee")
    expect(page.locator(".bar-badge")).to_contain_text("De Zonnebloemen van groep 5")
    token = next(c for c in page.context.cookies() if c["name"] == "incluzo")
    assert token["value"] == samples.TOKEN and token["sameSite"] == "Strict"
    assert [m["seq"] for m in room.received] == sorted({m["seq"] for m in room.received})
    assert room.errors == []


def test_the_pin_from_the_qr_code_is_filled_in(page: Page) -> None:
    room = FakeRoom(page, answer_hello(protocol.AskPin()))
    room.open("?pin=482913")
    expect(page.get_by_label("Pincode")).to_have_value("482913")


def test_too_many_wrong_pins_make_the_phone_wait(page: Page) -> None:
    room = FakeRoom(page, answer_hello(protocol.AskPin(wait=30)))
    room.open()
    expect(page.locator("#pin-wait")).to_contain_text("Te veel pogingen. Wacht")
    expect(page.get_by_role("button", name="Meedoen")).to_be_disabled()


def test_a_round_shows_costs_and_meters_refuses_the_unaffordable_and_confirms_the_pick(page: Page) -> None:
    room = joined(page, samples.round_view("nl"))
    expect(page.locator("h1")).to_have_text("Drukte in groep 5")
    expect(page.locator(".meters")).to_contain_text("Betaalbaarheid: 1 van 7")
    expect(page.locator("#clock")).to_have_text("Tijd 1:35")
    too_dear = page.locator("#option-aparte-werkplek")
    expect(too_dear).to_be_disabled()
    expect(too_dear).to_contain_text("Te duur: Betaalbaarheid: nodig 3, over 1")
    expect(page.locator("#option-strategieen-met-klas")).to_contain_text(
        "kost: Kwaliteit −3, Betaalbaarheid −1"
    )
    confirm = page.locator("#confirm")
    expect(confirm).to_have_attribute("aria-disabled", "true")
    confirm.click(force=True)  # aria-disabled: it stays in reach, says what to do, and sends nothing
    expect(page.locator("#say")).to_have_text("Kies eerst een keuze hierboven.")
    assert room.sent("pick") == []
    page.locator("#option-strategieen-met-klas").click()
    expect(page.locator("#option-strategieen-met-klas")).to_have_attribute("aria-pressed", "true")
    expect(confirm).to_have_text("Stem op B")
    confirm.click()
    pick = room.wait_for("pick")
    assert (pick["ask"], pick["choice"]) == ("round-1", "strategieen-met-klas")
    room.send(protocol.Accepted(pick["seq"]), samples.round_view("nl", voted="strategieen-met-klas"))
    expect(page.locator(".notice-done").first).to_contain_text("Je stem is doorgegeven: B")
    expect(page.locator("#confirm")).to_have_count(0)
    expect(page.locator("#option-strategieen-met-klas")).to_be_disabled()
    expect(page.locator("body")).to_contain_text("Jullie team heeft gekozen. Wacht op de andere teams.")


def test_a_refused_pick_says_why(page: Page) -> None:
    room = joined(page, samples.round_view("nl"))
    page.locator("#option-sensorisch-traject").click()
    page.locator("#confirm").click()
    pick = room.wait_for("pick")
    room.send(protocol.RefusedReply(pick["seq"], "already", "team"))
    expect(page.locator(".notice-error")).to_have_text("Je hebt hier al gestemd; je stem telt één keer.")


def test_a_team_that_sits_the_card_out_watches(page: Page) -> None:
    joined(page, samples.round_view("nl", plays=False))
    expect(page.locator(".option")).to_have_count(0)
    expect(page.locator("body")).to_contain_text("Jullie team kijkt deze kaart mee")


def test_only_the_clock_moving_leaves_the_page_as_it_is(page: Page) -> None:
    room = joined(page, samples.round_view("nl"))
    page.locator("#option-strategieen-met-klas").focus()
    page.evaluate("document.getElementById('option-strategieen-met-klas').dataset.kept = 'yes'")
    view = samples.round_view("nl")
    assert view.round is not None
    room.send(replace(view, round=replace(view.round, remaining=94)))
    expect(page.locator("#clock")).to_have_text("Tijd 1:34")
    expect(page.locator("#option-strategieen-met-klas")).to_have_attribute("data-kept", "yes")
    expect(page.locator("#option-strategieen-met-klas")).to_be_focused()


def test_a_poll_takes_one_vote_and_shows_it_counted(page: Page) -> None:
    room = joined(page, samples.poll_view("nl"))
    expect(page.locator("h1")).to_have_text("Peiling")
    page.locator("#option-soms").click()
    page.locator("#confirm").click()
    vote = room.wait_for("vote")
    assert (vote["ask"], vote["option"]) == ("poll-1", "soms")
    room.send(protocol.Accepted(vote["seq"]), samples.poll_view("nl", voted="soms"))
    expect(page.locator(".notice-done")).to_have_text("Je stem telt mee: B.")
    expect(page.locator(".option")).to_have_count(0)
    expect(page.locator(".results")).to_contain_text("B Soms, bij een verwijzing: 3 stemmen, 30 procent")
    expect(page.locator("body")).to_contain_text("Totaal: 10")


def points_left(page: Page) -> str:
    return page.locator("#left").inner_text()


def test_welke_bril_never_lets_a_theme_go_over_10_and_sends_the_whole_sheet(page: Page) -> None:
    room = joined(page, samples.bril_view("nl"))
    expect(page.locator("h1")).to_have_text("Welke bril?")
    expect(page.locator("body")).to_contain_text("Huidige situatie")
    expect(page.locator("#left")).to_have_text("Nog 10 punten te verdelen.")
    expect(page.locator("#less-A")).to_be_disabled()
    page.locator("#next").click(force=True)  # not yet: it says why, and nothing moves
    expect(page.locator("#say")).to_have_text("Eerst precies 10 verdelen. Nog 10 punten te verdelen.")
    expect(page.locator("body")).to_contain_text("thema 1 van 2")
    for _ in range(7):
        page.locator("#more-A").click()
    for _ in range(3):
        page.locator("#more-C").click()
    expect(page.locator("#left")).to_have_text("Alle 10 punten zijn verdeeld.")
    for mark in "ABCD":
        expect(page.locator(f"#more-{mark}")).to_be_disabled()
    expect(page.locator("#points-A")).to_have_text("7 punten")
    expect(page.locator("#say")).to_have_text("C: 3 punten. Alle 10 punten zijn verdeeld.")
    page.locator("#next").click()
    expect(page.locator("body")).to_contain_text("thema 2 van 2")
    for _ in range(10):
        page.locator("#more-B").click()
    page.reload()  # a reloaded page keeps the sheet it was filling in
    expect(page.locator("#points-B")).to_have_text("10 punten")
    page.locator("#next").click()
    expect(page.locator("body")).to_contain_text("Nu de gewenste situatie")
    expect(page.locator("body")).to_contain_text("Gewenste situatie, over 5 tot 10 jaar")
    for _ in range(10):
        page.locator("#more-D").click()
    page.locator("#next").click()
    for _ in range(5):
        page.locator("#more-A").click()
        page.locator("#more-B").click()
    page.locator("#send").click()
    answers = room.wait_for("answers")
    assert answers["ask"] == "welke-bril"
    assert answers["current"] == [[7, 0, 3, 0], [0, 10, 0, 0]]
    assert answers["desired"] == [[0, 0, 0, 10], [5, 5, 0, 0]]
    room.send(protocol.Accepted(answers["seq"]), samples.bril_view("nl", done=True))
    expect(page.locator(".notice-done")).to_have_text("Dank je! Je antwoorden zijn binnen.")
    assert page.evaluate("localStorage.getItem('incluzo-bril-welke-bril')") is None


def test_a_phone_that_loses_the_connection_says_so_and_comes_back_to_its_team_and_card(page: Page) -> None:
    room = joined(page, samples.round_view("nl"))
    room.answer = lambda room, message: None  # the laptop is away for a moment
    room.drop()
    banner = page.locator("#conn")
    expect(banner).to_be_visible()
    expect(banner).to_have_attribute("role", "alert")
    expect(banner).to_contain_text("Verbinding herstellen…")
    hellos = len(room.sent("hello"))
    room.answer = answer_hello(samples.welcome(1), samples.round_view("nl"))
    page.locator("#retry").click()
    hello = room.wait_for("hello", hellos + 1)
    assert hello["token"] == samples.TOKEN
    expect(banner).to_be_hidden()
    expect(page.locator("h1")).to_have_text("Drukte in groep 5")
    expect(page.locator(".bar-badge")).to_contain_text("Rood")
    expect(page.locator("#say")).to_have_text("Verbinding hersteld.")


def test_a_reloaded_page_says_hello_with_its_token_above_its_last_message(page: Page) -> None:
    room = joined(page, samples.round_view("nl"))
    page.locator("#option-strategieen-met-klas").click()
    page.locator("#confirm").click()
    last = room.wait_for("pick")["seq"]
    page.reload()
    hello = room.wait_for("hello", 2)
    assert hello["token"] == samples.TOKEN and hello["seq"] > last


def test_the_language_switch_turns_the_page_english_and_asks_the_game_for_english(page: Page) -> None:
    def answer(room: FakeRoom, message: Message) -> None:
        if message["type"] == "hello":
            room.send(samples.welcome(1), samples.round_view(message["lang"]))

    room = FakeRoom(page, answer)
    room.open()
    expect(page.locator("h1")).to_have_text("Drukte in groep 5")
    page.get_by_role("button", name="Switch to English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Bustle in groep 5")
    expect(page.locator("#lang")).to_have_text("Nederlands")
    assert room.wait_for("hello", 2)["lang"] == "en"


def test_the_facilitators_desk_offers_only_the_commands_that_apply(page: Page) -> None:
    room = FakeRoom(page, answer_hello(samples.welcome(None, "facilitator"), samples.desk_view("nl")))
    room.open()
    expect(page.locator("h1")).to_have_text("Begeleider")
    expect(page.locator("#cmd-next")).to_be_disabled()
    expect(page.locator("#cmd-close-poll")).to_be_disabled()
    expect(page.locator("body")).to_contain_text("Vraag na de keuze: welke bril zetten jullie op")
    expect(page.locator(".reveal")).to_contain_text("2 telefoons · heeft gekozen")
    page.locator("#cmd-reveal").click()
    assert room.wait_for("control")["command"] == "reveal"
    room.send(samples.welcome(None, "facilitator"), samples.desk_view("nl", paused=True))
    expect(page.locator("#cmd-pause")).to_have_text("klok verder")
    expect(page.locator("#clock")).to_have_text("Tijd 1:20 (klok staat stil)")


def test_the_desk_after_the_reveal_shows_every_choice_and_no_clock(page: Page) -> None:
    room = FakeRoom(page, answer_hello(samples.welcome(None, "facilitator"), samples.desk_reveal_view("nl")))
    room.open()
    expect(page.locator(".reveal").first).to_contain_text("B: Sem leert strategieën met de klas")
    expect(page.locator("#clock")).to_have_count(0)
    expect(page.locator("#cmd-next")).to_be_enabled()
    expect(page.locator("#cmd-reveal")).to_be_disabled()
