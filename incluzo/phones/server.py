"""The room's web server: the phone pages and one WebSocket per phone, in a thread of its own.

aiohttp serves HTTP and WebSockets from one asyncio loop with no separate ASGI server. The loop runs
in a daemon thread beside the pygame loop and never touches the game: it reads each phone message,
checks it against the closed schema (`protocol.parse`; a malformed or oversized one closes that
socket with a logged reason), and puts it on `inbox`, a thread-safe queue the game drains once per
frame. The game answers through `send` / `drop`, which hand the work to the loop thread-safely.

Only files shipped in `incluzo/phones/static/` are served, looked up by name in a table made at
start-up (no path from a request ever reaches the file system, no directory listing).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import logging
import queue
import socket
import threading
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from importlib import resources
from typing import Any

from aiohttp import WSMsgType, web

from incluzo.phones import protocol

log = logging.getLogger("incluzo.phones")

DEFAULT_PORT = protocol.DEFAULT_PORT
COOKIE = "incluzo"  # the device token's cookie (the page also sends it in Hello)
MAX_PHONES = 300  # open sockets at once; more are turned away
HEARTBEAT = 20.0  # seconds between pings; a phone that stops answering is closed
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff2": "font/woff2",
    ".json": "application/json",
    ".ico": "image/x-icon",
}
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class Opened:
    """A phone opened its socket (token: from its cookie, if it sent a well-formed one)."""

    conn: int
    token: str | None


@dataclass(frozen=True)
class Received:
    """A message that passed the schema (the room still checks who may send it)."""

    conn: int
    message: protocol.ClientMessage


@dataclass(frozen=True)
class Closed:
    conn: int


Inbound = Opened | Received | Closed


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


def static_files() -> dict[str, tuple[bytes, str]]:
    """Every shipped page, script, style and font by its name: the only files the server gives out."""
    found: dict[str, tuple[bytes, str]] = {}
    folder = resources.files("incluzo.phones").joinpath("static")
    if not folder.is_dir():
        return found
    for item in folder.iterdir():
        suffix = "." + item.name.rsplit(".", 1)[-1] if "." in item.name else ""
        if item.is_file() and suffix in TYPES:
            found[item.name] = (item.read_bytes(), TYPES[suffix])
    return found


class PhoneServer:
    """The server on one address and port; `start` returns once it listens, `stop` when it is gone."""

    def __init__(self, host: str, port: int = 0) -> None:
        self.host = host
        self.port = port
        self.inbox: queue.SimpleQueue[Inbound] = queue.SimpleQueue()
        self.outbox: collections.deque[list[tuple[int, protocol.ServerMessage]]] = collections.deque()
        self.flushing = False  # the loop was woken to empty the outbox and has not begun yet
        self.files = static_files()
        self.sockets: dict[int, web.WebSocketResponse] = {}
        self.numbers = itertools.count(1)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.runner: web.AppRunner | None = None
        self.thread: threading.Thread | None = None
        self.failed: BaseException | None = None
        self.ready = threading.Event()
        self.tasks: set[asyncio.Future[None]] = set()
        self.wake: Callable[[], None] | None = None  # wakes the game's idle loop when a message is in
        self.woken = threading.Event()  # set once a wake is on its way; the game clears it as it drains

    # Life ---------------------------------------------------------------------------------------
    def start(self, timeout: float = 10.0) -> None:
        """Listen in a new thread; raises OSError when the address cannot be bound."""
        self.thread = threading.Thread(target=self._run, name="incluzo-phones", daemon=True)
        self.thread.start()
        if not self.ready.wait(timeout):
            raise OSError("the phone server did not start")
        if self.failed is not None:
            raise OSError(f"the phone server cannot listen on {self.host}:{self.port}: {self.failed}")

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self.loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._listen())
        except OSError as problem:
            self.failed = problem
            self.ready.set()
            loop.close()
            return
        self.ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self._shutdown())
            loop.close()

    async def _listen(self) -> None:
        app = web.Application(client_max_size=protocol.MAX_MESSAGE)
        app.router.add_get("/", self._index)
        app.router.add_get("/ws", self._socket)
        app.router.add_get("/{name}", self._file)
        app.on_response_prepare.append(self._headers)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, self.port, reuse_address=True)
        await site.start()
        if self.runner.addresses:
            self.port = int(self.runner.addresses[0][1])

    async def _shutdown(self) -> None:
        for ws in list(self.sockets.values()):
            await ws.close(code=1001, message=b"game stopped")
        if self.runner is not None:
            await self.runner.cleanup()

    def stop(self) -> None:
        """Close every socket and stop listening (the game stops)."""
        loop = self.loop
        if loop is not None and loop.is_running():
            loop.call_soon_threadsafe(loop.stop)
        if self.thread is not None:
            self.thread.join(timeout=5)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    # Sending, from the game's thread ---------------------------------------------------------------
    def send(self, conn: int, message: protocol.ServerMessage) -> None:
        """Send a message to one phone (thread-safe; a phone that left is skipped)."""
        self.send_many([(conn, message)])

    def send_many(self, messages: list[tuple[int, protocol.ServerMessage]]) -> None:
        """Send many messages in one hand-over; they are written as JSON in the server's thread, each
        message object once however many phones get it. The loop is woken (a system call) only when it
        has not been yet: while it is still writing, what comes next waits in the outbox for it."""
        if not messages or self.loop is None or self.loop.is_closed():
            return
        self.outbox.append(messages)
        if not self.flushing:
            self.flushing = True
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: the game is stopping
                self.loop.call_soon_threadsafe(self._flush)

    def _flush(self) -> None:
        self.flushing = False  # first: anything handed over from now on wakes the loop again
        while self.outbox:
            self._send_all(self.outbox.popleft())

    def drop(self, conn: int, reason: str) -> None:
        """Say Bye with the reason and close that phone's socket."""
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._drop_now, conn, reason)

    def _send_all(self, messages: list[tuple[int, protocol.ServerMessage]]) -> None:
        texts: dict[int, str] = {}
        for conn, message in messages:
            text = texts.get(id(message))
            if text is None:
                text = texts[id(message)] = protocol.encode(message)
            self._send_now(conn, text)

    def _send_now(self, conn: int, text: str) -> None:
        ws = self.sockets.get(conn)
        if ws is not None and not ws.closed:
            self._spawn(self._write(ws, text))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _write(self, ws: web.WebSocketResponse, text: str) -> None:
        # a phone that left while the message was on its way gets the view when it is back
        with contextlib.suppress(ConnectionError, RuntimeError):
            await ws.send_str(text)

    def _drop_now(self, conn: int, reason: str) -> None:
        ws = self.sockets.get(conn)
        if ws is not None:
            self._spawn(self._bye(ws, reason))

    async def _bye(self, ws: web.WebSocketResponse, reason: str) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError):
            await ws.send_str(protocol.encode(protocol.Bye(reason)))
        await ws.close(code=1008, message=reason.encode()[:100])

    def _put(self, item: Inbound) -> None:
        self.inbox.put(item)
        if self.wake is not None and not self.woken.is_set():
            self.woken.set()
            self.wake()

    # HTTP -------------------------------------------------------------------------------------------
    async def _headers(self, request: web.Request, response: web.StreamResponse) -> None:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)

    async def _index(self, request: web.Request) -> web.StreamResponse:
        return self._serve("index.html")

    async def _file(self, request: web.Request) -> web.StreamResponse:
        return self._serve(request.match_info["name"])

    def _serve(self, name: str) -> web.StreamResponse:
        found = self.files.get(name)
        if found is None:
            raise web.HTTPNotFound()
        body, content_type = found
        return web.Response(body=body, headers={"Content-Type": content_type})

    # The socket -------------------------------------------------------------------------------------
    async def _socket(self, request: web.Request) -> web.StreamResponse:
        if len(self.sockets) >= MAX_PHONES:
            raise web.HTTPServiceUnavailable(text="room full")
        ws = web.WebSocketResponse(max_msg_size=protocol.MAX_MESSAGE, heartbeat=HEARTBEAT)
        await ws.prepare(request)
        conn = next(self.numbers)
        self.sockets[conn] = ws
        token = request.cookies.get(COOKIE)
        self._put(Opened(conn, token if token and protocol.valid_token(token) else None))
        peer = request.remote or "?"
        try:
            async for frame in ws:
                if frame.type == WSMsgType.TEXT:
                    parsed = protocol.parse(frame.data)
                elif frame.type == WSMsgType.ERROR:
                    log.warning("phone %s (%s): socket error %s", conn, peer, ws.exception())
                    break
                else:
                    parsed = protocol.Refused("not-json", "binary frame")
                if isinstance(parsed, protocol.Refused):
                    log.warning("phone %s (%s) closed: %s %s", conn, peer, parsed.reason, parsed.detail)
                    await self._bye(ws, parsed.reason)
                    break
                self._put(Received(conn, parsed))
            if ws.close_code == 1009:
                log.warning("phone %s (%s) closed: too-big", conn, peer)
        finally:
            self.sockets.pop(conn, None)
            self._put(Closed(conn))
        return ws
