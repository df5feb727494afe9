"""The phone server's own process: aiohttp serving the phone pages and one WebSocket per phone.

`server.PhoneServer` spawns this process and talks to it over a pipe (wire.py). Here a phone's message
is read, checked against the closed schema (`protocol.parse`; a malformed or oversized one closes that
socket with a logged reason) and sent up the pipe; the game's batches come down and are written as
JSON, each message object encoded once however many phones get it. None of it costs the game's
process a moment of Python. The process ends when the game says Stop and when the game's end of the
pipe closes (the game stopped, crashed or was killed), which frees the port at once.

Only files shipped in `incluzo/phones/static/` are served, looked up by name in a table made at
start-up (no path from a request ever reaches the file system, no directory listing).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import logging.handlers
import os
import signal
import threading
from collections.abc import Coroutine
from importlib import resources
from multiprocessing.connection import Connection
from typing import Any

from aiohttp import WSMsgType, web

from incluzo.phones import protocol
from incluzo.phones.wire import Closed, Drop, Failed, Opened, Ready, Received, Send, Stop, Up, pack, unpack

log = logging.getLogger("incluzo.phones")

COOKIE = "incluzo"  # the device token's cookie (the page also sends it in Hello)
MAX_PHONES = 300  # open sockets at once; more are turned away
HEARTBEAT = 20.0  # seconds between pings; a phone that stops answering is closed
LAST_WRITES = 2.0  # seconds the writes handed over before a Stop may take to go out
NICENESS = 10  # the server's priority below the game's: when the cores are busy, the frame goes first
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


class Upward:
    """The pipe to the game, written from the loop and from any thread that logs."""

    def __init__(self, pipe: Connection[Any, Any]) -> None:
        self.pipe = pipe
        self.lock = threading.Lock()

    def send(self, items: list[Up]) -> None:
        with self.lock, contextlib.suppress(OSError):  # the game is gone: the pipe's EOF stops us
            self.pipe.send_bytes(pack(items))


class PipeHandler(logging.handlers.QueueHandler):
    """Log records up the pipe, formatted here (no arguments or tracebacks to pickle), so the game's
    log, and pytest's caplog, get them as if they were its own."""

    def __init__(self, up: Upward) -> None:
        logging.Handler.__init__(self)
        self.up = up

    def enqueue(self, record: logging.LogRecord) -> None:
        self.up.send([record])


def serve(pipe: Connection[Any, Any], host: str, port: int, level: int) -> None:
    """The process's work (from `server.serve`): listen on host:port, say Ready (or Failed), serve until
    the game says Stop or its end of the pipe closes. It runs below the game's priority: a phone's
    message may wait a millisecond, a frame of the big screen may not."""
    for name in ("SIGINT", "SIGHUP"):  # the game decides when it stops (a Ctrl-C reaches us both)
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    if hasattr(os, "nice"):  # POSIX; elsewhere the server keeps the game's priority
        with contextlib.suppress(OSError):
            os.nice(NICENESS)
    up = Upward(pipe)
    root = logging.getLogger()
    root.handlers = [PipeHandler(up)]
    root.setLevel(level)
    asyncio.run(Site(host, port, up).run(pipe))


class Site:
    def __init__(self, host: str, port: int, up: Upward) -> None:
        self.host = host
        self.port = port
        self.up = up
        self.files = static_files()
        self.sockets: dict[int, web.WebSocketResponse] = {}
        self.numbers = itertools.count(1)
        self.runner: web.AppRunner | None = None
        self.tasks: set[asyncio.Future[None]] = set()
        self.pending: list[Up] = []  # what goes up at the end of this turn of the loop, in one write
        self.stopped = asyncio.Event()

    async def run(self, pipe: Connection[Any, Any]) -> None:
        try:
            await self._listen()
        except OSError as problem:
            self.up.send([Failed(str(problem))])
            return
        self.up.send([Ready(self.port)])
        loop = asyncio.get_running_loop()
        down = threading.Thread(target=self._down, args=(pipe, loop), name="incluzo-phones-pipe", daemon=True)
        down.start()
        await self.stopped.wait()
        await self._shutdown()

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
        if self.tasks:  # the last replies handed over before the Stop
            await asyncio.wait(list(self.tasks), timeout=LAST_WRITES)
        for ws in list(self.sockets.values()):
            await ws.close(code=1001, message=b"game stopped")
        if self.runner is not None:
            await self.runner.cleanup()

    # The game's side of the pipe --------------------------------------------------------------------
    def _down(self, pipe: Connection[Any, Any], loop: asyncio.AbstractEventLoop) -> None:
        """Blocks on the pipe in a thread of its own; hands each batch to the loop. EOF: the game is gone."""
        while True:
            try:
                items = unpack(pipe.recv_bytes())
            except (EOFError, OSError):
                break
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(self._handle, items)
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(self.stopped.set)

    def _handle(self, items: list[Any]) -> None:
        texts: dict[int, str] = {}  # id(message) -> its JSON: each message object encoded once
        for item in items:
            match item:
                case Send(messages):
                    for conn, message in messages:
                        text = texts.get(id(message))
                        if text is None:
                            text = texts[id(message)] = protocol.encode(message)
                        self._send_now(conn, text)
                case Drop(conn, reason):
                    ws = self.sockets.get(conn)
                    if ws is not None:
                        self._spawn(self._bye(ws, reason))
                case Stop():
                    self.stopped.set()

    def _put(self, item: Up) -> None:
        """Up to the game at the end of this turn of the loop, with whatever else came in meanwhile."""
        if not self.pending:
            asyncio.get_running_loop().call_soon(self._flush)
        self.pending.append(item)

    def _flush(self) -> None:
        items, self.pending = self.pending, []
        self.up.send(items)

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

    async def _bye(self, ws: web.WebSocketResponse, reason: str) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError):
            await ws.send_str(protocol.encode(protocol.Bye(reason)))
        await ws.close(code=1008, message=reason.encode()[:100])

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
