"""store/rows.py: the write path's prepared INSERTs store what an ORM flush stores, and its statements
belong to the session's transaction."""
from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from kiosk.core.store import open_store
from kiosk.core.store.db import DB_FILE
from kiosk.core.store.models import Helper, HelpRequest, Location, OutboxEntry
from kiosk.core.store.rows import Insert, dbapi


def _stored(store, table: str, key: str, value: str) -> tuple:
    with store.engine.connect() as conn:
        row = conn.exec_driver_sql(f"SELECT * FROM {table} WHERE {key} = ?", (value,)).one()
        types = conn.exec_driver_sql(
            f"SELECT {', '.join(f'typeof({c})' for c in row._fields)} FROM {table} WHERE {key} = ?", (value,)).one()
    return tuple(zip(row._fields, row, types, strict=True))


@pytest.fixture
def store(data_dir):
    store = open_store(data_dir)
    with store.transaction() as session:
        session.add(Location(id="loc", name="Bib", kind="fixed"))
        session.add(Helper(id="h", display_name="An", role="digihelper", pin_hash="x"))
    yield store
    store.close()


def test_an_insert_stores_exactly_what_an_orm_flush_stores(store):
    brussels = timezone(timedelta(hours=1))
    fields = dict(created_at=datetime(2026, 11, 30, 9, 15, 1, 5, tzinfo=brussels), helper_id="h", location_id="loc",
                  shift_id=None, stop_name=None, status="active", channel="walk-in", topics=["itsme", "café"],
                  language="nl", duration_min=20, outcome="solved", referrals=[], first_visit="unknown",
                  target_groups=["senior"], note="Één vraag", visitor_code=None, supersedes=None)
    with store.transaction() as session:
        session.add(HelpRequest(id="orm", **fields))
    with store.transaction() as session:
        Insert(HelpRequest)(session, {"id": "fast", **fields})

    orm, fast = _stored(store, "help_requests", "id", "orm"), _stored(store, "help_requests", "id", "fast")
    assert orm[1:] == fast[1:] and fast[0][1] == "fast"
    assert dict((name, value) for name, value, _type in fast)["created_at"] == "2026-11-30T08:15:01.000005+00:00"


def test_a_column_left_out_gets_its_python_default(store):
    before = datetime.now(UTC)
    with store.transaction() as session:
        Insert(OutboxEntry)(session, {"record_id": "r", "kind": "help_request", "payload": "{}",
                                      "content_hash": "0" * 64})
        Insert(Location)(session, {"id": "bus", "name": "Digibus", "kind": "digibus"})
    with store.read() as session:
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == "r")).one()
        assert (entry.state, entry.attempts, entry.last_error, entry.sent_at) == ("pending", 0, None, None)
        assert before <= entry.created_at <= datetime.now(UTC)
        assert session.get_one(Location, "bus").active is True


def test_statements_follow_pending_orm_changes_and_roll_back_with_the_session(store):
    with pytest.raises(RuntimeError), store.transaction() as session:
        session.add(Location(id="new", name="Nieuw", kind="fixed"))  # pending: flushed before the statement
        assert dbapi(session).execute("SELECT name FROM locations WHERE id = 'new'").fetchone() == ("Nieuw",)
        Insert(OutboxEntry)(session, {"record_id": str(uuid.uuid4()), "kind": "help_request", "payload": "{}",
                                      "content_hash": "0" * 64})
        raise RuntimeError("the save fails after its statements")
    with store.read() as session:
        assert session.get(Location, "new") is None
        assert session.scalars(select(OutboxEntry)).all() == []


def test_a_bare_write_commits_on_success_and_keeps_nothing_on_error(store):
    def entry(record_id: str) -> dict:
        return {"record_id": record_id, "kind": "help_request", "payload": "{}", "content_hash": "0" * 64}

    with pytest.raises(RuntimeError), store.write() as db:
        Insert(OutboxEntry)(db, entry("lost"))
        raise RuntimeError("the save fails after its statements")
    with store.write() as db:  # the pooled connection is back out of its transaction
        Insert(OutboxEntry)(db, entry("kept"))
    with store.read() as session:
        assert session.scalars(select(OutboxEntry.record_id)).all() == ["kept"]


def test_closing_the_store_closes_the_write_connection_too(data_dir):
    """Store.write keeps its connection; closing the store closes it, so SQLite checkpoints the WAL
    into the file and removes it, as with pooled connections only."""
    store = open_store(data_dir)
    with store.write() as db:
        Insert(Location)(db, {"id": "loc", "name": "Bib", "kind": "fixed"})
    store.close()
    assert not (data_dir / f"{DB_FILE}-wal").exists()
    alone = sqlite3.connect(data_dir / DB_FILE)
    assert alone.execute("SELECT name FROM locations").fetchall() == [("Bib",)]
    alone.close()
