"""The room's web server, seen from the game: a process of its own, reached over a pipe.

The server (site.py: aiohttp, the phone pages, one WebSocket per phone) runs in a child process started
with the spawn method (the game's process has SDL running: never fork it), so reading and checking the
phones' messages and writing JSON to a hundred phones never take Python away from the frame. The game
keeps what it always had: `start` returns once the server listens (an OSError when it cannot), `inbox`
holds what the phones did (`Opened`, `Received`, `Closed`), `send` / `send_many` / `drop` hand work
over, `wake` and `woken` wake the idle loop. One reader thread blocks on the pipe (Python is free
meanwhile), puts what comes up on `inbox` and passes the server's log records to the game's log.

The server stops with the game: on `stop`, and when the game's end of the pipe closes because the game
stopped, crashed or was killed (SIGKILL too), so a resumed game can listen on the same port at once.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import queue
import socket
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from incluzo.phones import protocol
from incluzo.phones.wire import (
    Closed,
    Drop,
    Failed,
    Inbound,
    Opened,
    Ready,
    Received,
    Send,
    Stop,
    pack,
    unpack,
)

__all__ = ["DEFAULT_PORT", "Closed", "Inbound", "Opened", "PhoneServer", "Received", "lan_address"]

log = logging.getLogger("incluzo.phones")

DEFAULT_PORT = protocol.DEFAULT_PORT
STOP_WAIT = 5.0  # seconds the server may take to close its sockets before it is killed


def lan_address() -> str:
    """The address other devices on the network reach this laptop at, found without sending anything
    (a UDP socket's `connect` only picks the route); 127.0.0.1 when there is no network."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere, no packet is sent
        address = str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()
    return "127.0.0.1" if address.startswith("0.") else address


def serve(pipe: Connection[Any, Any], host: str, port: int, level: int) -> None:
    """The server process's entry, found by module name (so it works from an installed wheel); aiohttp
    is imported there only, never in the game's process."""
    from incluzo.phones import site

    site.serve(pipe, host, port, level)


def forward(record: logging.LogRecord) -> None:
    """A log record of the server's process, given to the game's logger of the same name."""
    logger = logging.getLogger(record.name)
    if logger.isEnabledFor(record.levelno):
        logger.handle(record)


class PhoneServer:
    """The server on one address and port; `start` returns once it listens, `stop` when it is gone."""

    def __init__(self, host: str, port: int = 0) -> None:
        self.host = host
        self.port = port
        self.inbox: queue.SimpleQueue[Inbound] = queue.SimpleQueue()
        self.wake: Callable[[], None] | None = None  # wakes the game's idle loop when a message is in
        self.woken = threading.Event()  # set once a wake is on its way; the game clears it as it drains
        self.process: BaseProcess | None = None
        self.pipe: Connection[Any, Any] | None = None
        self.reader: threading.Thread | None = None
        self.sending = threading.Lock()  # the frame loop and the save writer's thread both send

    # Life ---------------------------------------------------------------------------------------
    def start(self, timeout: float = 10.0) -> None:
        """Start the server's process and wait until it listens; OSError when it cannot bind."""
        spawn = multiprocessing.get_context("spawn")
        here, there = spawn.Pipe()
        level = min(logging.getLogger().getEffectiveLevel(), log.getEffectiveLevel())
        process = spawn.Process(
            target=serve, args=(there, self.host, self.port, level), name="incluzo-phones", daemon=True
        )
        process.start()
        there.close()  # the server's end lives in its process only: its exit is our EOF, and ours its
        answer = self._first(here, timeout)
        if not isinstance(answer, Ready):
            self._end(process, here, wait=0.0 if answer is None else STOP_WAIT)
            if answer is None:
                raise OSError("the phone server did not start")
            raise OSError(f"the phone server cannot listen on {self.host}:{self.port}: {answer.reason}")
        self.port = answer.port
        self.process, self.pipe = process, here
        self.reader = threading.Thread(target=self._read, args=(here,), name="incluzo-phones", daemon=True)
        self.reader.start()
        atexit.register(self.stop)  # before multiprocessing's own exit handler would terminate it

    @staticmethod
    def _first(pipe: Connection[Any, Any], timeout: float) -> Ready | Failed | None:
        """The server's first word (its log records before it pass on); None: silence or a dead process."""
        try:
            while pipe.poll(timeout):
                for item in unpack(pipe.recv_bytes()):
                    if isinstance(item, Ready | Failed):
                        return item
                    if isinstance(item, logging.LogRecord):
                        forward(item)
        except (EOFError, OSError):
            pass
        return None

    def stop(self) -> None:
        """Close every socket and stop listening (the game stops)."""
        process, pipe = self.process, self.pipe
        if process is None or pipe is None:
            return
        atexit.unregister(self.stop)
        self._hand_over([Stop()])
        self.pipe = None  # nothing more is sent
        self._end(process, pipe, wait=STOP_WAIT, reader=self.reader)
        self.process = self.reader = None

    @staticmethod
    def _end(
        process: BaseProcess,
        pipe: Connection[Any, Any],
        *,
        wait: float,
        reader: threading.Thread | None = None,
    ) -> None:
        process.join(wait)
        if process.is_alive():
            process.kill()
            process.join(wait)
        if reader is not None:
            reader.join(wait)  # the pipe's EOF ended it
        pipe.close()
        with contextlib.suppress(ValueError):
            process.close()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    # Sending, from the game's threads ---------------------------------------------------------------
    def send(self, conn: int, message: protocol.ServerMessage) -> None:
        """Send a message to one phone (a phone that left is skipped)."""
        self.send_many([(conn, message)])

    def send_many(self, messages: list[tuple[int, protocol.ServerMessage]]) -> None:
        """Send many messages in one hand-over: one pickled batch down the pipe, in which a message
        object that goes to many phones is written once; the server's process writes each as JSON
        once, however many phones get it."""
        if messages:
            self._hand_over([Send(messages)])

    def drop(self, conn: int, reason: str) -> None:
        """Say Bye with the reason and close that phone's socket."""
        self._hand_over([Drop(conn, reason)])

    def _hand_over(self, items: list[Send | Drop | Stop]) -> None:
        pipe = self.pipe
        if pipe is None:
            return  # not started, or stopped: the phones get their views when it is back
        data = pack(items)
        with self.sending, contextlib.suppress(OSError):  # the server's process is gone
            pipe.send_bytes(data)

    # Receiving, in the reader thread ----------------------------------------------------------------
    def _read(self, pipe: Connection[Any, Any]) -> None:
        while True:
            try:
                items = unpack(pipe.recv_bytes())
            except (EOFError, OSError):
                break
            arrived = False
            for item in items:
                if isinstance(item, logging.LogRecord):
                    forward(item)
                elif isinstance(item, Opened | Received | Closed):
                    self.inbox.put(item)
                    arrived = True
            if arrived and self.wake is not None and not self.woken.is_set():
                self.woken.set()
                self.wake()
        if self.pipe is not None:
            log.error("phones: the phone server's process ended; the phones cannot reach the game")
