"""The phone server on loopback: serves only shipped files, passes good messages on, closes bad sockets."""

from __future__ import annotations

import asyncio
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import aiohttp
import pytest

from incluzo.phones import protocol
from incluzo.phones.server import Closed, Inbound, Opened, PhoneServer, Received, lan_address

TIMEOUT = aiohttp.ClientTimeout(total=10)


@pytest.fixture
def server() -> Iterator[PhoneServer]:
    running = PhoneServer("127.0.0.1", 0)
    running.start()
    yield running
    running.stop()


def next_inbound(server: PhoneServer) -> Inbound:
    return server.inbox.get(timeout=10)


async def fetch(url: str) -> tuple[int, bytes, dict[str, str]]:
    async with aiohttp.ClientSession(timeout=TIMEOUT) as http, http.get(url) as response:
        return response.status, await response.read(), dict(response.headers)


def test_it_listens_on_the_address_it_was_told_and_serves_the_page(server: PhoneServer) -> None:
    assert server.port > 0
    status, body, headers = asyncio.run(fetch(server.url))
    assert status == 200
    assert b"<html" in body
    assert headers["Content-Type"].startswith("text/html")
    assert "default-src 'self'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path",
    [
        "../pyproject.toml",
        "..%2f..%2fpyproject.toml",
        "%2e%2e/%2e%2e/etc/passwd",
        "static/",
        "protocol.py",
        "__init__.py",
        "etc/passwd",
        "/etc/passwd",
        "..\\..\\pyproject.toml",
    ],
)
def test_no_path_on_the_laptop_is_reachable(server: PhoneServer, path: str) -> None:
    status, body, _ = asyncio.run(fetch(server.url + path))
    assert status == 404
    assert b"[project]" not in body and b"root:" not in body


def test_the_lan_address_is_an_ipv4_address_found_without_traffic() -> None:
    parts = lan_address().split(".")
    assert len(parts) == 4 and all(part.isdigit() for part in parts)


async def talk(url: str, frames: list[str]) -> list[dict[str, object]]:
    """Send frames on one socket; return what came back until the server closed it (or 1 s of quiet)."""
    got: list[dict[str, object]] = []
    async with aiohttp.ClientSession(timeout=TIMEOUT) as http, http.ws_connect(url + "ws") as ws:
        for frame in frames:
            await ws.send_str(frame)
        while True:
            try:
                message = await ws.receive(timeout=1)
            except TimeoutError:
                break
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            got.append(json.loads(message.data))
    return got


def test_a_good_message_reaches_the_game_queue(server: PhoneServer) -> None:
    hello = protocol.client_json(protocol.Hello(1, None, "nl"))
    asyncio.run(talk(server.url, [hello]))
    opened, received, closed = next_inbound(server), next_inbound(server), next_inbound(server)
    assert isinstance(opened, Opened) and opened.token is None
    assert isinstance(received, Received) and received.message == protocol.Hello(1, None, "nl")
    assert isinstance(closed, Closed) and closed.conn == opened.conn


@pytest.mark.parametrize(
    ("frame", "reason"),
    [
        ("garbage", "not-json"),
        ('{"type": "join", "seq": 1, "pin": "1234", "sudo": 1}', "schema"),
    ],
)
def test_a_malformed_message_closes_only_that_socket_with_a_logged_reason(
    server: PhoneServer, frame: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    got = asyncio.run(talk(server.url, [frame, protocol.client_json(protocol.Hello(2, None, "nl"))]))
    assert got == [{"type": "bye", "reason": reason}]
    inbound = [next_inbound(server), next_inbound(server)]
    assert not any(isinstance(item, Received) for item in inbound)  # the Hello after it never arrived
    # the server's process logged the reason before the socket's Closed went up the same pipe, so the
    # reader thread has passed it to the game's log by now (the phone's Bye can arrive sooner)
    assert reason in caplog.text
    # the server still serves others
    status, _, _ = asyncio.run(fetch(server.url))
    assert status == 200


def test_an_oversized_message_closes_the_socket(server: PhoneServer) -> None:
    big = json.dumps({"type": "join", "seq": 1, "pin": "1234", "pad": "x" * (protocol.MAX_MESSAGE * 2)})
    asyncio.run(talk(server.url, [big]))
    inbound = [next_inbound(server), next_inbound(server)]
    assert [type(item) for item in inbound] == [Opened, Closed]
    with pytest.raises(queue.Empty):
        server.inbox.get(timeout=0.2)


def test_the_game_can_send_to_a_phone(server: PhoneServer) -> None:
    async def scenario() -> dict[str, object]:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http, http.ws_connect(server.url + "ws") as ws:
            opened = await asyncio.to_thread(next_inbound, server)
            assert isinstance(opened, Opened)
            server.send(opened.conn, protocol.AskPin())
            message = await ws.receive(timeout=5)
            return dict(json.loads(message.data))

    assert asyncio.run(scenario()) == {"type": "pin", "wait": 0}


def test_stop_closes_the_sockets_and_the_port() -> None:
    running = PhoneServer("127.0.0.1", 0)
    running.start()
    url = running.url

    async def scenario() -> aiohttp.WSMessage:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http, http.ws_connect(url + "ws") as ws:
            await asyncio.to_thread(next_inbound, running)
            await asyncio.to_thread(running.stop)
            return await ws.receive(timeout=5)

    assert asyncio.run(scenario()).type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    with pytest.raises(aiohttp.ClientConnectionError):
        asyncio.run(fetch(url))


def test_a_busy_port_is_a_clear_error(server: PhoneServer) -> None:
    second = PhoneServer("127.0.0.1", server.port)
    with pytest.raises(OSError, match="cannot listen"):
        second.start()


GAME = """
import sys, time
from incluzo.phones.server import PhoneServer
server = PhoneServer("127.0.0.1", 0)
server.start()
assert server.process is not None
print(server.port, server.process.pid, flush=True)
time.sleep(60)
"""


def listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_the_server_stops_when_its_game_is_killed_and_frees_the_port() -> None:
    game = subprocess.Popen([sys.executable, "-c", GAME], stdout=subprocess.PIPE, text=True)
    try:
        assert game.stdout is not None
        port, child = (int(word) for word in game.stdout.readline().split())
        assert child != game.pid and listening(port)
        os.kill(game.pid, signal.SIGKILL)  # no goodbye, no atexit: only the pipe's end tells the server
        game.wait(10)
        deadline = time.monotonic() + 5
        while listening(port) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not listening(port)
        resumed = PhoneServer("127.0.0.1", port)  # a resumed game listens on the same port at once
        resumed.start()
        resumed.stop()
    finally:
        game.kill()
        game.wait()


ALONE = """
import os, sys
from incluzo.phones.server import PhoneServer
server = PhoneServer("127.0.0.1", 0)
server.start()
assert server.process is not None
pid = server.process.pid
below = os.getpriority(os.PRIO_PROCESS, pid) > os.getpriority(os.PRIO_PROCESS, 0)
print(pid != os.getpid(), "aiohttp" in sys.modules, below)
server.stop()
"""


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="process priorities are POSIX")
def test_the_server_runs_in_a_process_of_its_own_below_the_game_which_never_imports_aiohttp() -> None:
    done = subprocess.run([sys.executable, "-c", ALONE], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["True", "False", "True"], done.stderr


def test_an_address_not_on_this_machine_is_a_clear_error() -> None:
    elsewhere = PhoneServer("192.0.2.1", 0)  # TEST-NET-1: no interface of this machine has it
    with pytest.raises(OSError, match=r"cannot listen on 192\.0\.2\.1:0"):
        elsewhere.start()
