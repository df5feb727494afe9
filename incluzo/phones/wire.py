"""What crosses the pipe between the game and its phone server's process (server.py, site.py).

Both ends write one pickled list per hand-over (`pack`, `unpack`): upward what the phones did
(`Opened`, `Received`, `Closed`), the server's log records and whether it listens (`Ready`, `Failed`);
downward the game's batches (`Send`: each message object pickled once however many phones get it, as
pickle keeps shared objects shared) and `Drop`, `Stop`. The pipe is the game's own: pickle is safe here,
nothing a phone sent is ever unpickled (the server parses a phone's JSON against the closed schema first).
"""

from __future__ import annotations

import logging
import pickle
from typing import Any

from msgspec import Struct

from incluzo.phones import protocol


class Opened(Struct, frozen=True):
    """A phone opened its socket (token: from its cookie, if it sent a well-formed one)."""

    conn: int
    token: str | None


class Received(Struct, frozen=True):
    """A message that passed the schema (the room still checks who may send it)."""

    conn: int
    message: protocol.ClientMessage


class Closed(Struct, frozen=True):
    conn: int


Inbound = Opened | Received | Closed


class Ready(Struct, frozen=True):
    """The server listens, on this port (the one asked for, or the one the system gave for 0)."""

    port: int


class Failed(Struct, frozen=True):
    """The server cannot listen: the OSError's words (address in use, no such address)."""

    reason: str


Up = Inbound | Ready | Failed | logging.LogRecord


class Send(Struct, frozen=True):
    messages: list[tuple[int, protocol.ServerMessage]]


class Drop(Struct, frozen=True):
    """Say Bye with the reason and close that phone's socket."""

    conn: int
    reason: str


class Stop(Struct, frozen=True):
    """Close every socket and stop listening."""


Down = Send | Drop | Stop


def pack(items: list[Any]) -> bytes:
    return pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(data: bytes) -> list[Any]:
    items = pickle.loads(data)
    assert isinstance(items, list)
    return items
