"""Fixtures for the sync tests: a real central server (uvicorn on 127.0.0.1, port 0, in a thread) on
SQLite or PostgreSQL, and helpers that queue records in a kiosk outbox the way the help log does.

PostgreSQL: DIGIPUNT_TEST_PG_URL names a server (`.ci/run` starts one); each test session creates
its own database there and drops it at the end. Import the fixtures you use into the test module.
"""
from __future__ import annotations

import json
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from datetime import datetime, timedelta, timezone

import pytest
import uvicorn
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from kiosk.core.store import Store
from kiosk.core.store.models import OutboxEntry
from sync.protocol import HelpRequestRecord, ShiftRecord, canonical_json, content_hash, record_payload
from sync.server import admin
from sync.server.app import create_app
from sync.server.db import make_server_engine, migrate
from sync.server.models import Base

PG_ENV = "DIGIPUNT_TEST_PG_URL"


def _pg_admin_engine() -> tuple[Engine | None, str]:
    url = os.environ.get(PG_ENV)
    if not url:
        return None, f"PostgreSQL variant skipped: {PG_ENV} is not set (.ci/run starts a server and sets it)"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            pass
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable" here
        engine.dispose()
        return None, f"PostgreSQL variant skipped: {PG_ENV}={url} is not reachable ({type(exc).__name__})"
    return engine, ""


@pytest.fixture(scope="session")
def pg_database_url():
    """A fresh, migrated PostgreSQL database for this test session (None when unreachable)."""
    engine, reason = _pg_admin_engine()
    if engine is None:
        yield None, reason
        return
    name = f"digipunt_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(os.environ[PG_ENV]).set(database=name).render_as_string(hide_password=False)
    server_engine = make_server_engine(url)
    migrate(server_engine)
    server_engine.dispose()
    yield url, ""
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def _reset_pg(engine: Engine) -> None:
    """Back to the state right after migration (which seeds the visitor-code key), quickly."""
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        seeded = conn.execute(text("SELECT entity, key, deleted, data, changed_at FROM reference_changes "
                                   "WHERE seq <= (SELECT min(seq) FROM reference_changes) ORDER BY seq")).all()
        settings = conn.execute(text("SELECT key, value FROM settings WHERE key = 'visitor_code_key'")).all()
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        for row in settings:
            conn.execute(text("INSERT INTO settings (key, value) VALUES (:key, :value)"), row._asdict())
        for row in seeded:
            conn.execute(text("INSERT INTO reference_changes (entity, key, deleted, data, changed_at) "
                              "VALUES (:entity, :key, :deleted, :data, :changed_at)"), row._asdict())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_engine(request, tmp_path):
    """A migrated, empty server database: a SQLite file, or the session's PostgreSQL database."""
    if request.param == "sqlite":
        engine = make_server_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
        migrate(engine)
    else:
        url, reason = request.getfixturevalue("pg_database_url")
        if url is None:
            pytest.skip(reason)
        engine = make_server_engine(url)
        _reset_pg(engine)
    yield engine
    engine.dispose()


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


@pytest.fixture
def live_server(server_engine):
    server = start_server(server_engine)
    yield server
    server.stop()


# --- records in a kiosk outbox ----------------------------------------------------------------
def help_request(location_id: str, *, when: datetime | None = None, **fields) -> HelpRequestRecord:
    values = dict(id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=location_id,
                  created_at=when or datetime.now(timezone.utc), channel="spreekuur", topics=["itsme"],
                  language="nl", duration_min=15, outcome="solved")
    return HelpRequestRecord(**(values | fields))


def shift(location_id: str, start: datetime, minutes: int) -> ShiftRecord:
    return ShiftRecord(id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=location_id, started_at=start,
                       ended_at=start + timedelta(minutes=minutes))


def queue(store: Store, *records: HelpRequestRecord | ShiftRecord) -> None:
    """Write outbox entries as the help log does: payload as canonical JSON, hash from it."""
    with store.transaction() as session:
        for record in records:
            payload = record_payload(record)
            session.add(OutboxEntry(record_id=str(record.id), kind=record.kind, payload=canonical_json(payload),
                                    content_hash=content_hash(payload), state="pending", attempts=0))


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
