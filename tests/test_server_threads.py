"""`create_app(threads=N)` (`serve --threads`): at most N requests are worked on at once in a
process; the rest wait their turn. Shown with two batches held up by the database's write lock."""
from __future__ import annotations

import socket
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import uvicorn
from sqlalchemy import make_url

from sync.server.app import create_app
from sync.server.db import make_server_engine, migrate
from tests.sync_support import LiveServer, help_request
from tests.test_sync_server import enroll, item, post_batch


@pytest.mark.parametrize("threads", [2, 3])
def test_requests_beyond_the_threads_wait_their_turn(tmp_path, threads):
    engine = make_server_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    migrate(engine)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    server = uvicorn.Server(uvicorn.Config(create_app(engine=engine, threads=threads), log_level="warning"))
    runner = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    runner.start()
    while not server.started:
        time.sleep(0.01)
    live = LiveServer(f"http://127.0.0.1:{sock.getsockname()[1]}", engine, server, runner)
    try:
        device = enroll(live)
        lock = sqlite3.connect(make_url(str(engine.url)).database, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")  # the batches wait for the write lock, each in its thread
        with ThreadPoolExecutor(2) as pool:
            batches = [pool.submit(post_batch, live, device["token"], [item(help_request(device["location_id"]))])
                       for _ in range(2)]
            time.sleep(1.0)
            try:
                answered = requests.get(f"{live.url}/v1/health", timeout=2).status_code == 200
            except requests.Timeout:
                answered = False
            lock.execute("ROLLBACK")
            assert [b.result(timeout=30).status_code for b in batches] == [200, 200]
        # Two threads are both taken by the waiting batches; a third one answers at once.
        assert answered == (threads > 2)
        assert requests.get(f"{live.url}/v1/health", timeout=10).status_code == 200
    finally:
        live.stop()
        engine.dispose()
