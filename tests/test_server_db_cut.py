"""A PostgreSQL primary that vanishes without a word: its host dies, or the network between them
is cut. Nothing reaches the server's pooled connections (no FIN, no RST), so only TCP keepalives
and a TCP user timeout notice (sync/server/db.py, PG_NETWORK_DEFAULTS).

Cut for real: the server's pool runs in its own network namespace (tests/db_cut_client.py), joined
to this one by a veth pair; a forwarder here carries its connections to the test PostgreSQL; the
link is then taken down, so its packets are dropped without an answer. A second client with the
settings switched off shows what happens without them: it is still waiting when the test ends."""
from __future__ import annotations

import contextlib
import json
import os
import random
import select
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from sync.server.db import PG_NETWORK_DEFAULTS, make_server_engine

ROOT = Path(__file__).resolve().parent.parent
FAST = {"keepalives_idle": "1", "keepalives_interval": "1", "keepalives_count": "2", "tcp_user_timeout": "2000"}
OFF = {"keepalives": "0", "tcp_user_timeout": "0"}


def test_a_database_url_gets_the_network_defaults_and_its_own_settings_win():
    engine = make_server_engine("postgresql://digipunt@db1:5432/digipunt?keepalives_idle=5")
    query = engine.url.query
    assert query["keepalives_idle"] == "5"
    assert {k: v for k, v in query.items() if k != "keepalives_idle"} == \
        {k: v for k, v in PG_NETWORK_DEFAULTS.items() if k != "keepalives_idle"}
    assert engine.dialect.create_connect_args(engine.url)[1]["tcp_user_timeout"] == "30000"  # what libpq gets


def _ip(*args: str, netns: str | None = None) -> None:
    command = ["ip", *(["netns", "exec", netns, "ip"] if netns else []), *args]
    subprocess.run(command, check=True, capture_output=True, text=True)


@pytest.fixture
def veth() -> Iterator[tuple[str, str, str]]:
    """A network namespace joined to this one by a veth pair: (namespace, this side's interface,
    this side's address)."""
    if os.geteuid() != 0 or not shutil.which("ip"):
        pytest.skip("needs root and iproute2 to make a network namespace and a veth pair")
    tag = f"{os.getpid() % 100000}"
    netns, here, there = f"dpcut{tag}", f"dpc{tag}a", f"dpc{tag}b"
    subnet = f"10.213.{random.randrange(256)}"
    try:
        _ip("netns", "add", netns)
    except subprocess.CalledProcessError as exc:
        pytest.skip(f"cannot make a network namespace here: {exc.stderr.strip()}")
    try:
        _ip("link", "add", here, "type", "veth", "peer", "name", there)
        _ip("link", "set", there, "netns", netns)
        _ip("addr", "add", f"{subnet}.1/30", "dev", here)
        _ip("link", "set", here, "up")
        _ip("addr", "add", f"{subnet}.2/30", "dev", there, netns=netns)
        _ip("link", "set", there, "up", netns=netns)
        _ip("link", "set", "lo", "up", netns=netns)
        yield netns, here, f"{subnet}.1"
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            _ip("link", "del", here)
        _ip("netns", "del", netns)


def _forward(listener: socket.socket, target: tuple[str, int], stop: threading.Event) -> None:
    """Carries each connection made to `listener` to `target`, both ways, until `stop`."""
    pairs: list[tuple[socket.socket, socket.socket]] = []
    while not stop.is_set():
        sockets = [listener] + [s for pair in pairs for s in pair]
        readable, _, _ = select.select(sockets, [], [], 0.1)
        for sock in readable:
            if sock is listener:
                client, _ = listener.accept()
                pairs.append((client, socket.create_connection(target)))
                continue
            pair = next(pair for pair in pairs if sock in pair)
            data = sock.recv(65536)
            if data:
                (pair[1] if sock is pair[0] else pair[0]).sendall(data)
            else:  # one side closed: so does the other, and select no longer wakes for it
                pairs.remove(pair)
                for end in pair:
                    end.close()
    for pair in pairs:
        for sock in pair:
            sock.close()


def test_a_silent_cut_fails_a_query_in_seconds_and_the_pool_drops_the_idle_connection(veth, pg_database_url):
    url, reason = pg_database_url
    if url is None:
        pytest.skip(reason)
    netns, here, address = veth
    database = make_url(url)
    listener = socket.create_server((address, 0))
    stop = threading.Event()
    forwarder = threading.Thread(target=_forward, args=(listener, (database.host, database.port), stop), daemon=True)
    forwarder.start()
    through_link = database.set(host=address, port=listener.getsockname()[1])

    def client(settings: dict[str, str]) -> subprocess.Popen:
        client_url = through_link.update_query_dict(settings).render_as_string(hide_password=False)
        return subprocess.Popen(["ip", "netns", "exec", netns, sys.executable, "-m", "tests.db_cut_client",
                                 client_url], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})

    clients = {"defaults": client(FAST), "off": client(OFF)}
    try:
        for process in clients.values():
            assert process.stdout.readline().strip() == "ready"
        _ip("link", "set", here, "down")  # from now on their packets are dropped without an answer
        for process in clients.values():
            process.stdin.write("cut\n")
            process.stdin.flush()
        figures = {name: {} for name in clients}
        deadline = time.monotonic() + 8  # long enough for the clients without the settings to fail too
        while time.monotonic() < deadline:
            readable, _, _ = select.select([p.stdout for p in clients.values()], [], [], 0.2)
            for name, process in clients.items():
                if process.stdout in readable:
                    figures[name].update(json.loads(process.stdout.readline()))
        # With the settings: the query fails once 2 s go unanswered, and keepalives (1 s idle, then
        # 2 probes 1 s apart) mark the idle connection dead, which the next checkout replaces.
        assert figures["defaults"]["query_failed_after"] < 6
        assert figures["defaults"]["idle_seen_dead_after"] < 6
        assert figures["off"] == {}  # without them both still wait (for about 15 minutes)
    finally:
        for process in clients.values():
            process.kill()
            process.wait()
        stop.set()
        forwarder.join()
        listener.close()
