"""The room, pure: PINs, tokens, teams, one vote per device, the team rule, refusals, restore."""

from __future__ import annotations

import itertools

import msgspec
import pytest
from msgspec.structs import replace

from incluzo.engine.logs.savelog import PhoneAnswersEntry, PhoneJoinEntry, PhoneVoteEntry
from incluzo.engine.play.teamviews import Badge
from incluzo.phones import protocol
from incluzo.phones.protocol import (
    Accepted,
    AskPin,
    ChooseTeam,
    Hello,
    Join,
    Pick,
    RefusedReply,
    Vote,
    Welcome,
)
from incluzo.phones.room import (
    WAIT,
    WRONG_PER_DEVICE,
    PollOpen,
    Room,
    RoundOpen,
    Shown,
    TeamChoice,
    device_id,
    majority,
)

TEAMS = (Badge(1, "Rood", "#EE6677", "triangle"), Badge(2, "Blauw", "#4477AA", "circle"))
A = protocol.Choice("a", "A", "Aparte werkplek")
B = protocol.Choice("b", "B", "Strategie")
DEAR = protocol.Choice("c", "C", "Duur", affordable=False, reason="te weinig betaalbaarheid: 3 nodig, 2 over")


def make_room() -> Room:
    counter = itertools.count()
    return Room("12345", "654321", TEAMS, lambda: f"{next(counter):043d}")


def round_open(
    ask: str = "r0-drukte", *, picked: frozenset[int] = frozenset(), expired: bool = False
) -> RoundOpen:
    return RoundOpen(
        ask=ask,
        card="Drukte",
        text="Een leerling raakt overprikkeld.",
        choices={1: (A, B, DEAR), 2: (A, B, DEAR)},
        meters={},
        picked=picked,
        remaining=60,
        expired=expired,
        running=True,
    )


class Phones:
    """Sockets on a room, each with its own seq, like the pages."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.seqs: dict[int, int] = {}
        self.tokens: dict[int, str] = {}

    def send(self, conn: int, make: object, *fields: object, now: float = 0.0) -> protocol.ServerMessage:
        self.seqs[conn] = self.seqs.get(conn, 0) + 1
        message = make(self.seqs[conn], *fields)  # type: ignore[operator]
        outcome = self.room.handle(conn, message, now)
        self.last = outcome
        replies = [reply for c, reply in outcome.replies if c == conn]
        assert replies, outcome
        if isinstance(replies[-1], Welcome):
            self.tokens[conn] = replies[-1].token
            self.seqs[conn] = max(self.seqs[conn], replies[-1].seq)
        return replies[-1]

    def join(self, conn: int, team: int | None = None, pin: str = "12345") -> None:
        self.room.opened(conn)
        assert isinstance(self.send(conn, Hello, None, "nl"), AskPin)
        assert isinstance(self.send(conn, Join, pin), Welcome)
        if team is not None:
            assert isinstance(self.send(conn, ChooseTeam, team), Accepted)


def refused(reply: protocol.ServerMessage) -> str:
    assert isinstance(reply, RefusedReply), reply
    return reply.reason


def test_a_phone_joins_with_the_pin_and_chooses_a_team() -> None:
    room = make_room()
    phones = Phones(room)
    phones.join(1, team=2)
    device = room.devices[device_id(phones.tokens[1])]
    assert device.team == 2 and device.role == "player"
    assert [b.phones for b in room.badges()] == [0, 1]
    assert phones.last.records == [PhoneJoinEntry(device.id, 2)]  # type: ignore[arg-type]


def test_the_token_is_never_kept_only_its_digest() -> None:
    room = make_room()
    phones = Phones(room)
    phones.join(1, team=1)
    token = phones.tokens[1]
    assert token not in room.devices and device_id(token) in room.devices
    assert token not in repr(phones.last.records)


def test_a_wrong_pin_is_refused_and_guessing_is_slowed_down() -> None:
    room = make_room()
    phones = Phones(room)
    room.opened(1)
    phones.send(1, Hello, None, "nl")
    for attempt in range(WRONG_PER_DEVICE):
        assert refused(phones.send(1, Join, "99999", now=float(attempt))) == "bad-pin"
    reply = phones.send(1, Join, "12345", now=float(WRONG_PER_DEVICE))
    assert refused(reply) == "slow-down"  # even the right PIN waits
    assert isinstance(reply, RefusedReply) and 0 < int(reply.detail) <= WAIT
    assert isinstance(phones.send(1, Join, "12345", now=WRONG_PER_DEVICE + WAIT + 1.0), Welcome)


def test_many_sockets_guessing_slow_down_the_whole_room() -> None:
    room = make_room()
    phones = Phones(room)
    for conn in range(1, 40):
        room.opened(conn)
        phones.send(conn, Hello, None, "nl")
        reply = phones.send(conn, Join, "99999", now=1.0)
        if refused(reply) == "slow-down":
            break
    else:
        pytest.fail("the room never slowed the guessing down")


def test_the_facilitator_pin_gives_a_facilitator_device() -> None:
    room = make_room()
    phones = Phones(room)
    phones.join(1, pin="654321")
    assert room.devices[device_id(phones.tokens[1])].role == "facilitator"
    assert isinstance(phones.send(1, protocol.Control, "reveal"), Accepted)
    assert phones.last.commands == ["reveal"]
    phones.join(2, team=1)
    assert refused(phones.send(2, protocol.Control, "skip")) == "not-facilitator"


def test_a_replayed_message_is_refused() -> None:
    room = make_room()
    phones = Phones(room)
    phones.join(1, team=1)
    room.show(round_open())
    seq = phones.seqs[1]
    outcome = room.handle(1, Pick(seq, "r0-drukte", "a"), 0.0)
    assert [refused(r) for _, r in outcome.replies] == ["replay"]
    assert outcome.refused and "replay" in outcome.refused[0]


def test_one_vote_per_device_and_never_counted_twice() -> None:
    room = make_room()
    phones = Phones(room)
    phones.join(1, team=1)
    phones.join(2, team=1)
    room.show(round_open())
    assert isinstance(phones.send(1, Pick, "r0-drukte", "a"), Accepted)
    assert refused(phones.send(1, Pick, "r0-drukte", "b")) == "already"
    assert room.ballots["r0-drukte"].votes == {device_id(phones.tokens[1]): "a"}


def test_a_message_for_a_round_that_closed_or_another_question_is_refused() -> None:
    room = make_room()
    phones = Phones(room)
    phones.join(1, team=1)
    room.show(round_open("r3-evaluatie"))
    assert refused(phones.send(1, Pick, "r0-drukte", "a")) == "closed"
    assert refused(phones.send(1, Vote, "r3-evaluatie", "a")) == "closed"
    assert refused(phones.send(1, Pick, "r3-evaluatie", "zz")) == "unknown-choice"


def test_an_unaffordable_choice_is_refused_with_its_reason() -> None:
    room = make_room()
    phones = Phones(room)
    phones.join(1, team=1)
    room.show(round_open())
    reply = phones.send(1, Pick, "r0-drukte", "c")
    assert refused(reply) == "unaffordable"
    assert isinstance(reply, RefusedReply) and "betaalbaarheid" in reply.detail


def test_a_team_that_sits_the_card_out_or_is_in_cannot_vote() -> None:
    room = make_room()
    phones = Phones(room)
    phones.join(1, team=1)
    phones.join(2, team=2)
    phones.join(3)
    stage = round_open(picked=frozenset({2}))
    room.show(RoundOpen(**{**msgspec.structs.asdict(stage), "choices": {2: (A, B)}}))
    assert refused(phones.send(1, Pick, "r0-drukte", "a")) == "not-your-team"
    assert refused(phones.send(2, Pick, "r0-drukte", "a")) == "already"  # typed in on the keyboard
    assert refused(phones.send(3, Pick, "r0-drukte", "a")) == "no-team"


def test_the_team_choice_is_placed_once_every_connected_phone_voted() -> None:
    room = make_room()
    phones = Phones(room)
    for conn in (1, 2, 3):
        phones.join(conn, team=1)
    room.show(round_open())
    phones.send(1, Pick, "r0-drukte", "b")
    assert phones.last.picks == []
    phones.send(2, Pick, "r0-drukte", "a")
    assert phones.last.picks == []
    assert room.closed(3).picks == [TeamChoice(1, "b")]  # the third left: tie, b was first to 1 vote


def test_time_up_places_the_choice_of_a_team_with_a_vote() -> None:
    room = make_room()
    phones = Phones(room)
    phones.join(1, team=1)
    phones.join(2, team=1)
    room.show(round_open())
    phones.send(1, Pick, "r0-drukte", "a")
    assert room.show(round_open(expired=True)).picks == [TeamChoice(1, "a")]
    assert room.show(round_open(expired=True)).picks == []  # once


@pytest.mark.parametrize(
    ("votes", "choice"),
    [(["a"], "a"), (["a", "b", "b"], "b"), (["b", "a", "a", "b"], "a"), (["b", "a"], "b"), ([], None)],
)
def test_majority_with_the_tie_rule(votes: list[str], choice: str | None) -> None:
    assert majority(votes) == choice


def test_a_reconnecting_phone_keeps_its_team_and_its_vote() -> None:
    room = make_room()
    phones = Phones(room)
    phones.join(1, team=2)
    phones.join(2, team=2)
    room.show(round_open())
    phones.send(1, Pick, "r0-drukte", "a")
    room.closed(1)
    room.opened(9)
    welcome = room.handle(9, Hello(phones.seqs[1] + 1, phones.tokens[1], "en"), 0.0).replies[0][1]
    assert isinstance(welcome, Welcome) and welcome.team == 2 and welcome.seq == phones.seqs[1] + 1
    device = room.devices[device_id(phones.tokens[1])]
    view = room.view(device, "en", "rule")
    assert view.round is not None and view.round.voted == "a" and view.round.team_votes == 1
    outcome = room.handle(9, Pick(welcome.seq + 1, "r0-drukte", "b"), 0.0)
    assert [refused(r) for _, r in outcome.replies] == ["already"]


def test_a_view_never_shows_another_teams_vote() -> None:
    room = make_room()
    phones = Phones(room)
    phones.join(1, team=1)
    phones.join(2, team=2)
    phones.join(3, team=2)
    room.show(round_open())
    phones.send(2, Pick, "r0-drukte", "b")
    other = room.view(room.devices[device_id(phones.tokens[1])], "nl", "rule")
    assert other.round is not None and other.round.voted is None and other.round.team_votes == 0
    assert '"b"' not in protocol.encode(other).replace('"id":"b"', "")


def test_a_poll_counts_every_phone_once() -> None:
    room = make_room()
    phones = Phones(room)
    for conn in range(1, 6):
        phones.join(conn)
    poll = PollOpen("p2-peiling", "Peiling", "", "Wat herken je?", (A, B))
    room.show(poll)
    for conn, option in zip(range(1, 6), "aabab", strict=True):
        assert isinstance(phones.send(conn, Vote, "p2-peiling", option), Accepted)
    assert refused(phones.send(1, Vote, "p2-peiling", "b")) == "already"
    assert room.counts() == (3, 2)
    view = room.view(room.devices[device_id(phones.tokens[1])], "nl", "")
    assert view.poll is not None and [b.percent for b in view.poll.options] == [60, 40]
    assert view.poll.open


def test_a_poll_the_game_moved_on_from_shows_closed_and_refuses_late_votes() -> None:
    room = make_room()
    phones = Phones(room)
    for conn in range(1, 4):
        phones.join(conn)
    room.show(PollOpen("p2-peiling", "Peiling", "", "Wat herken je?", (A, B)))
    phones.send(1, Vote, "p2-peiling", "a")
    room.show(Shown("wait", "Drukte"))  # the facilitator closed the poll: the outcome is on the big screen
    view = room.view(room.devices[device_id(phones.tokens[2])], "nl", "")
    assert view.stage == "poll" and view.ask == "p2-peiling"
    assert view.poll is not None and not view.poll.open and view.poll.total == 1 and view.poll.voted is None
    assert refused(phones.send(2, Vote, "p2-peiling", "b")) == "closed"
    assert room.ballots["p2-peiling"].count(("a", "b")) == (1, 0)
    room.show(Shown("wait", "Drukte", notes="verder"))  # still no new question: still the closed poll
    assert room.view(room.devices[device_id(phones.tokens[2])], "nl", "").stage == "poll"
    room.show(round_open())  # the next question replaces it
    assert room.view(room.devices[device_id(phones.tokens[2])], "nl", "").poll is None
    room.show(PollOpen("p4-peiling", "Peiling", "", "Nog een?", (A, B)))
    room.show(Shown("done", "Drukte"))  # the game ended: the phones say so, not the poll
    assert room.view(room.devices[device_id(phones.tokens[2])], "nl", "").stage == "done"


def test_a_team_poll_card_closes_at_the_reveal() -> None:
    room = make_room()
    phones = Phones(room)
    phones.join(1, team=1)
    room.show(replace(round_open("p3-peiling"), poll="Wat herken je?", choices={1: (A, B), 2: (A, B)}))
    shown = room.view(room.devices[device_id(phones.tokens[1])], "nl", "")
    assert shown.poll is not None and shown.poll.open
    phones.send(1, Vote, "p3-peiling", "b")
    room.show(Shown("reveal", "Drukte"))
    closed = room.view(room.devices[device_id(phones.tokens[1])], "nl", "")
    assert closed.poll is not None and not closed.poll.open and closed.poll.voted == "b"
    assert [bar.count for bar in closed.poll.options] == [0, 1]


def test_the_round_says_whether_the_clock_runs_and_which_card_it_is() -> None:
    room = make_room()
    phones = Phones(room)
    phones.join(1, team=1)
    room.show(replace(round_open(), running=False, number=3, total=7))
    shown = room.view(room.devices[device_id(phones.tokens[1])], "nl", "").round
    assert shown is not None and (shown.running, shown.number, shown.total) == (False, 3, 7)


def test_the_room_comes_back_from_the_save_records() -> None:
    room = make_room()
    phones = Phones(room)
    phones.join(1, team=1)
    room.show(round_open())
    phones.send(1, Pick, "r0-drukte", "a")
    device = device_id(phones.tokens[1])
    again = make_room()
    again.restore([PhoneJoinEntry(device, 1), PhoneVoteEntry(device, "r0-drukte", "a")])  # type: ignore[arg-type]
    again.show(round_open())
    again.opened(5)
    welcome = again.handle(5, Hello(1, phones.tokens[1], "nl"), 0.0).replies[0][1]
    assert isinstance(welcome, Welcome) and welcome.team == 1
    outcome = again.handle(5, Pick(2, "r0-drukte", "b"), 0.0)
    assert [refused(r) for _, r in outcome.replies] == ["already"]


def test_sheets_come_back_from_the_records_and_a_damaged_one_is_left_out() -> None:
    room = make_room()
    good = PhoneAnswersEntry(
        "d1", "bril1-welke-bril", ("1,2,3,4", "10,0,0,0"), ("4,3,2,1", "0,0,0,10"), "Rood"
    )  # type: ignore[arg-type]
    torn = PhoneAnswersEntry("d2", "bril1-welke-bril", ("1,2,3",), ("4,3,2,1",), "Blauw")  # type: ignore[arg-type]
    wrong = PhoneAnswersEntry("d3", "bril1-welke-bril", ("5,5,5,5",), ("4,3,2,1",))  # type: ignore[arg-type]
    room.restore([PhoneJoinEntry("d1", 1), good, torn, wrong])  # type: ignore[arg-type]
    sheets = room.sheets["bril1-welke-bril"]
    assert list(sheets) == ["d1"]
    assert sheets["d1"].current == ((1, 2, 3, 4), (10, 0, 0, 0)) and sheets["d1"].label == "Rood"
