"""The closed schema: every phone message type parses, anything else is refused with its reason."""

from __future__ import annotations

import json

import pytest

from incluzo.phones import protocol
from incluzo.phones.protocol import (
    Answers,
    ChooseTeam,
    Control,
    Hello,
    Join,
    Leave,
    Pick,
    Refused,
    Vote,
    parse,
)

TOKEN = "a" * 43
SHEET = ((10, 0, 0, 0), (2, 3, 4, 1))

GOOD = [
    Hello(1, None, "nl"),
    Hello(2, TOKEN, "en"),
    Join(3, "123456"),
    ChooseTeam(4, 6),
    Pick(5, "r1:card-a", "choice_b"),
    Vote(6, "p2:poll", "a"),
    Answers(7, "bril:q", SHEET, SHEET),
    Control(8, "reveal"),
    Leave(9),
]


@pytest.mark.parametrize("message", GOOD, ids=lambda m: type(m).__name__)
def test_every_message_type_round_trips(message: protocol.ClientMessage) -> None:
    assert parse(protocol.client_json(message)) == message


def refusal(data: object) -> Refused:
    text = data if isinstance(data, str) else json.dumps(data)
    found = parse(text)
    assert isinstance(found, Refused), found
    return found


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("not json", "not-json"),
        ("[1, 2]", "not-json"),
        ("{" * 5000, "not-json"),
        ({"type": "shout", "seq": 1}, "schema"),
        ({"seq": 1}, "schema"),
        ({"type": "join", "seq": 1}, "schema"),
        ({"type": "join", "seq": 1, "pin": "1234", "admin": True}, "schema"),
        ({"type": "join", "seq": 1, "pin": 1234}, "schema"),
        ({"type": "join", "seq": 1, "pin": "12a4"}, "schema"),
        ({"type": "join", "seq": 0, "pin": "1234"}, "schema"),
        ({"type": "join", "seq": True, "pin": "1234"}, "schema"),
        ({"type": "join", "seq": 1.5, "pin": "1234"}, "schema"),
        ({"type": "hello", "seq": 1, "token": "../../etc/passwd", "lang": "nl"}, "schema"),
        ({"type": "hello", "seq": 1, "token": None, "lang": "de"}, "schema"),
        ({"type": "team", "seq": 1, "team": 7}, "schema"),
        ({"type": "pick", "seq": 1, "ask": "r1", "choice": "a b"}, "schema"),
        ({"type": "pick", "seq": 1, "ask": "r" * 65, "choice": "a"}, "schema"),
        ({"type": "control", "seq": 1, "command": "shutdown"}, "schema"),
        (
            {"type": "answers", "seq": 1, "ask": "q", "current": [[11, 0, 0, 0]], "desired": [[10, 0, 0, 0]]},
            "schema",
        ),
        (
            {"type": "answers", "seq": 1, "ask": "q", "current": [[5, 5, 0]], "desired": [[10, 0, 0, 0]]},
            "schema",
        ),
        ({"type": "answers", "seq": 1, "ask": "q", "current": [], "desired": []}, "schema"),
        (
            {"type": "answers", "seq": 1, "ask": "q", "current": [[5, 4, 0, 0]], "desired": [[10, 0, 0, 0]]},
            "points",
        ),
        (
            {
                "type": "answers",
                "seq": 1,
                "ask": "q",
                "current": [[10, 0, 0, 0]],
                "desired": [[10, 0, 0, 0]] * 2,
            },
            "points",
        ),
    ],
)
def test_anything_outside_the_schema_is_refused_with_a_reason(data: object, reason: str) -> None:
    found = refusal(data)
    assert found.reason == reason
    assert found.reason in protocol.REASONS


def test_an_oversized_message_is_refused_before_it_is_read() -> None:
    big = json.dumps({"type": "join", "seq": 1, "pin": "1234", "pad": "x" * protocol.MAX_MESSAGE})
    assert refusal(big).reason == "too-big"


def test_server_messages_encode_as_json_objects_with_their_type() -> None:
    view = protocol.View(
        "lobby", "Titel", "nl", (protocol.TeamBadge(1, "Rood", "#EE6677", "circle", 3, False),), None
    )
    decoded = json.loads(protocol.encode(view))
    assert decoded["type"] == "view"
    assert decoded["teams"][0] == {
        "number": 1,
        "name": "Rood",
        "colour": "#EE6677",
        "symbol": "circle",
        "phones": 3,
        "done": False,
    }
    assert json.loads(protocol.encode(protocol.RefusedReply(4, "replay")))["reason"] == "replay"
