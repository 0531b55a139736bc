"""durable_write: saving a help request with its outbox entry (kiosk.core.helplog), p50/p99,
against raw sqlite3 doing the same INSERTs and COMMIT with the same pragmas.

The baseline inserts the rows one save stored (read back from the file: the help request and its
outbox entry, every column as stored), with a fresh id each time, on a copy of the same database
file: same schema, indexes and rows, WAL and synchronous=FULL (one fsync per commit). Subject and
baseline alternate, so disk noise hits both alike.
"""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import select

from bench.common import Result, percentile
from kiosk.core.accounts import StaffUser
from kiosk.core.clock import Clock
from kiosk.core.helplog import HelpRequestInput, save_help_request
from kiosk.core.runtime import bootstrap
from kiosk.core.store import open_store
from kiosk.core.store.db import DB_FILE
from kiosk.core.store.models import Helper, Location, Topic

SAVES = 1000
PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=30000")


def _inserts_of(path: Path, record_id: str) -> list[tuple[str, tuple]]:
    """INSERTs writing the rows one save stored, as stored: the help request and its outbox entry
    (whose seq SQLite numbers)."""
    conn = sqlite3.connect(path)
    try:
        statements = []
        for table, key in (("help_requests", "id"), ("outbox", "record_id")):
            cursor = conn.execute(f"SELECT * FROM {table} WHERE {key} = ?", (record_id,))
            stored = [(column[0], value) for column, value in zip(cursor.description, cursor.fetchone(), strict=True)
                      if column[0] != "seq"]
            statements.append((f"INSERT INTO {table} ({', '.join(name for name, _ in stored)}) "
                               f"VALUES ({', '.join('?' * len(stored))})", tuple(value for _, value in stored)))
        return statements
    finally:
        conn.close()


def run(saves: int = SAVES) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="digipunt-bench-") as tmp:
        subject_dir, baseline_dir = Path(tmp) / "subject", Path(tmp) / "baseline"
        runtime = bootstrap(subject_dir, demo=True)
        store = runtime.store
        with store.read() as session:
            user = StaffUser.of(session.scalars(select(Helper)).first())
            location_id = session.scalars(select(Location.id)).first()
            topics = tuple(session.scalars(select(Topic.code).limit(2)))
        data = HelpRequestInput(topics=topics, channel="walk-in", language="nl", duration_min=20, outcome="solved",
                                referrals=("digibuddy",), target_groups=("senior",), location_id=location_id)
        clock = Clock()

        def save() -> str:
            return save_help_request(store, user, data, clock)

        record_id = save()
        runtime.close()  # copy a quiescent file: checkpointed, no -wal beside it
        inserts = _inserts_of(subject_dir / DB_FILE, record_id)
        baseline_dir.mkdir()
        shutil.copy(subject_dir / DB_FILE, baseline_dir / DB_FILE)
        store = open_store(subject_dir)

        raw = sqlite3.connect(baseline_dir / DB_FILE, isolation_level=None)
        for pragma in PRAGMAS:
            raw.execute(pragma)

        def raw_save() -> None:
            fresh = str(uuid.uuid4())
            raw.execute("BEGIN IMMEDIATE")
            for statement, params in inserts:
                raw.execute(statement, tuple(fresh if p == record_id else p for p in params)).fetchall()
            raw.execute("COMMIT")

        subject_ms: list[float] = []
        baseline_ms: list[float] = []
        for _ in range(saves):
            for fn, samples in ((save, subject_ms), (raw_save, baseline_ms)):
                started = time.perf_counter()
                fn()
                samples.append((time.perf_counter() - started) * 1000)
        raw.close()
        store.close()

    p99, base99 = percentile(subject_ms, 99), percentile(baseline_ms, 99)
    return [Result("durable_write", p99, base99, "ms", "p99 ratio <= 2", p99 / base99 <= 2, p99 / base99,
                   {"saves": saves, "statements": len(inserts), "p50_ms": percentile(subject_ms, 50),
                    "baseline_p50_ms": percentile(baseline_ms, 50),
                    "p50_ratio": percentile(subject_ms, 50) / percentile(baseline_ms, 50)})]
