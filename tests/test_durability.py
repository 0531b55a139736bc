"""Deterministic durability cases: a full disk while saving, an upgrade with a non-empty outbox,
a device clock that is days off. (A corrupt file at start-up: tests/test_store.py and test_app.py.)"""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import event, func, select
from sqlalchemy.orm import sessionmaker

from kiosk.core.demo import seed_topics
from kiosk.core.helplog import HelpRequestInput, save_help_request
from kiosk.core.secrets import SecretStore
from kiosk.core.store import open_store
from kiosk.core.store.db import DB_FILE, Store, StoreError, _alembic_config, head_revision
from kiosk.core.store.models import HelpRequest, OutboxEntry
from kiosk.sync.engine import SyncEngine
from sync.server import admin
from sync.sqlite import make_sqlite_engine
from tests.keyrings import MemoryKeyring
from tests.staffdata import MovableClock, add_staff
from tests.sync_support import help_request, outbox_states, queue

REQUEST = HelpRequestInput(topics=("itsme",), channel="walk-in", language="nl", duration_min=15, outcome="solved")


def counts(store) -> tuple[int, int]:
    with store.read() as session:
        return (session.scalar(select(func.count()).select_from(HelpRequest)),
                session.scalar(select(func.count()).select_from(OutboxEntry)))


def test_full_disk_while_saving_is_a_clear_message_and_loses_nothing(data_dir):
    store = open_store(data_dir)
    seed_topics(store)
    staff = add_staff(store)
    clock = MovableClock().clock
    data = replace(REQUEST, location_id=staff.fixed)
    saved = [save_help_request(store, staff.helper, data, clock) for _ in range(5)]

    # A disk with no room left: SQLite may not grow the file beyond its current pages.
    with store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    store.engine.dispose()
    event.listen(store.engine, "connect",
                 lambda dbapi_conn, _: dbapi_conn.execute(f"PRAGMA max_page_count={pages}"))
    with pytest.raises(StoreError, match="schijf van deze computer is vol"):
        for _ in range(2000):
            save_help_request(store, staff.helper, data, clock)

    full_counts = counts(store)
    assert full_counts[0] == full_counts[1] >= 5  # every record kept has its outbox entry, no half writes
    store.close()
    check = sqlite3.connect(data_dir / DB_FILE)
    assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    check.close()
    reopened = open_store(data_dir)  # room again: the same file opens and takes new records
    assert reopened.moved_aside is None
    with reopened.read() as session:
        assert set(saved) <= set(session.scalars(select(HelpRequest.id)))
    save_help_request(reopened, staff.helper, data, clock)
    assert counts(reopened)[0] == full_counts[0] + 1
    reopened.close()


def test_upgrade_with_a_non_empty_outbox_keeps_and_sends_every_entry(data_dir, live_server):
    engine = make_sqlite_engine(data_dir / DB_FILE)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")  # the schema of the previous release
    # open_store() would migrate: the previous release's rows are written through a bare Store.
    previous = Store(data_dir / DB_FILE, engine, sessionmaker(engine, expire_on_commit=False))
    place = live_server.admin(lambda s: admin.ensure_location(s, "Bibliotheek Leuven")[0].id)  # where it stands
    records = [help_request(place) for _ in range(4)]
    queue(previous, *records)
    with previous.read() as session:
        before = {r.record_id: (r.payload, r.content_hash) for r in session.scalars(select(OutboxEntry))}
    engine.dispose()

    store = open_store(data_dir)  # the new release starts: migrates to head
    assert store.schema_revision() == head_revision() != "0002"
    with store.read() as session:
        after = {r.record_id: (r.payload, r.content_hash) for r in session.scalars(select(OutboxEntry))}
    assert after == before
    sync = SyncEngine(store, SecretStore(data_dir, backend=MemoryKeyring()))
    sync.enroll(live_server.url, live_server.enroll_code(), "bus-laptop")
    assert sync.sync().ok
    assert set(outbox_states(store).values()) == {"sent"} and len(outbox_states(store)) == 4
    store.close()


def test_device_clock_days_off_warns_staff_and_loses_nothing(data_dir, live_server):
    behind = timedelta(days=-3)
    store = open_store(data_dir)
    sync = SyncEngine(store, SecretStore(data_dir, backend=MemoryKeyring()),
                      clock=lambda: datetime.now(UTC) + behind)
    enrolled = sync.enroll(live_server.url, live_server.enroll_code(), "bus-laptop")
    record = help_request(str(enrolled.location_id), when=datetime.now(UTC) + behind)
    queue(store, record)
    outcome = sync.sync()
    assert outcome.ok and outcome.clock_skewed
    assert outbox_states(store) == {str(record.id): "sent"}
    store.close()
