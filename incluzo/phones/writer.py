"""The phones' records written to the game's save in a thread of their own, then the replies sent.

A frame never waits on the disk for a phone: the hub hands each frame's records and replies over, and
the writer appends the records (`SaveFile.extend`: one write and fsync by the save's own thread, in
order with the game's steps) before it sends the replies, so a phone is told "accepted" only once its
vote is on disk. When the disk refuses, the phones are told their messages were not taken.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from typing import Protocol

from incluzo.engine.logs.savelog import Entry
from incluzo.phones.protocol import Accepted, RefusedReply, ServerMessage

log = logging.getLogger("incluzo.phones")

Replies = list[tuple[int, ServerMessage]]


class Sink(Protocol):
    """Where the records go: a game's save (`SaveFile`) or, before a game, the room's `Journal`."""

    def extend(self, entries: Sequence[Entry]) -> None: ...


Job = tuple[Sink, list[Entry], Replies, Callable[[], None] | None]


class SaveWriter:
    def __init__(self, send: Callable[[Replies], None]) -> None:
        self.send = send
        self.jobs: queue.Queue[Job | None] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="incluzo-phone-saves", daemon=True)
        self.thread.start()

    def write(
        self, save: Sink, entries: list[Entry], replies: Replies, then: Callable[[], None] | None = None
    ) -> None:
        """Append the records, then send the replies; `then` runs once they are on disk (not when the
        disk refused them)."""
        self.jobs.put((save, entries, replies, then))

    def _run(self) -> None:
        while (job := self.jobs.get()) is not None:
            save, entries, replies, then = job
            try:
                save.extend(entries)
            except OSError as problem:
                log.error("phones: %d records not saved: %s", len(entries), problem)
                replies = [(conn, not_saved(reply)) for conn, reply in replies]
            else:
                if then is not None:
                    then()
            self.send(replies)
            self.jobs.task_done()
        self.jobs.task_done()

    def wait(self) -> None:
        """Until everything handed over is written and answered."""
        self.jobs.join()

    def stop(self) -> None:
        self.jobs.put(None)
        self.thread.join(timeout=10)


def not_saved(reply: ServerMessage) -> ServerMessage:
    """An Accepted that could not be kept becomes a refusal (the phone may try again)."""
    if isinstance(reply, Accepted):
        return RefusedReply(reply.seq, "refused", "not saved")
    return reply
