"""Helpers for the sync tests: a real central server (uvicorn on 127.0.0.1, port 0, in a thread),
records queued in a kiosk outbox the way the help log does, and stand-in HTTP servers. The fixtures
built on them (`server_engine`, `live_server`, `pg_database_url`) are in conftest.py.
"""
from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import uvicorn
from sqlalchemy import Engine, select
from sqlalchemy.orm import sessionmaker

from kiosk.core.records import enqueue
from kiosk.core.store import Store
from kiosk.core.store.models import OutboxEntry
from sync.protocol import HelpRequestRecord, ShiftRecord
from sync.server import admin
from sync.server.app import create_app


@dataclass
class LiveServer:
    url: str
    engine: Engine
    server: uvicorn.Server
    thread: threading.Thread

    def admin(self, fn, *args, **kwargs):
        """Run an admin function in its own committed transaction."""
        with sessionmaker(self.engine, expire_on_commit=False).begin() as session:
            return fn(session, *args, **kwargs)

    def enroll_code(self, location: str = "Bibliotheek Leuven", kind: str = "fixed") -> str:
        def make(session):
            place, _ = admin.ensure_location(session, location, kind)
            return admin.create_enroll_code(session, place)[0]
        return self.admin(make)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def start_server(engine: Engine, sock: socket.socket | None = None) -> LiveServer:
    """uvicorn on `sock` (default: a fresh one on 127.0.0.1, port 0) in a daemon thread."""
    if sock is None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP_NODELAY (cli.py)
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
    config = uvicorn.Config(create_app(engine=engine), log_level="warning", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    return LiveServer(f"http://127.0.0.1:{sock.getsockname()[1]}", engine, server, thread)


# --- records in a kiosk outbox ----------------------------------------------------------------
def help_request(location_id: str, *, when: datetime | None = None, **fields) -> HelpRequestRecord:
    values = dict(id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=location_id,
                  created_at=when or datetime.now(UTC), channel="spreekuur", topics=["itsme"],
                  language="nl", duration_min=15, outcome="solved")
    return HelpRequestRecord(**(values | fields))


def shift(location_id: str, start: datetime, minutes: int) -> ShiftRecord:
    return ShiftRecord(id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=location_id, started_at=start,
                       ended_at=start + timedelta(minutes=minutes))


def kiosks_at_one_place(sessions: sessionmaker, *names: str) -> tuple[str, list[str]]:
    """A location "Bibliotheek Leuven" with one enrolled kiosk per name: its id and theirs."""
    with sessions.begin() as session:
        place, _ = admin.ensure_location(session, "Bibliotheek Leuven")
        kiosks = [admin.redeem_enroll_code(session, admin.create_enroll_code(session, place)[0], name)[0].id
                  for name in names]
        return place.id, kiosks


def queue(store: Store, *records: HelpRequestRecord | ShiftRecord) -> None:
    """Outbox entries written by the help log's own `enqueue` (without the rows the sync tests
    do not need)."""
    with store.transaction() as session:
        for record in records:
            enqueue(session, record)


def outbox(store: Store) -> dict[str, OutboxEntry]:
    with store.read() as session:
        return {e.record_id: e for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))}


def outbox_states(store: Store) -> dict[str, str]:
    return {rid: entry.state for rid, entry in outbox(store).items()}


# --- stand-ins for what sits between a kiosk and its server -----------------------------------
Reply = tuple[int, str, bytes]  # status, content type, body


class FakeServer:
    """A real HTTP server on 127.0.0.1 whose answers a test decides: `reply(method, path, body)`
    returns (status, content type, body). Plays captive portals, proxies and odd servers."""

    def __init__(self, reply: Callable[[str, str, bytes], Reply]):
        self.requests: list[tuple[str, str, bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.requests.append((self.command, self.path, body))
                status, content_type, data = reply(self.command, self.path, body)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                if 300 <= status < 400:
                    self.send_header("Location", "http://portal.example/login")
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def json_reply(status: int, data: object) -> Reply:
    return status, "application/json", json.dumps(data).encode()


def batch_ids(body: bytes) -> list[str]:
    return [item["id"] for item in json.loads(body)["items"]]
