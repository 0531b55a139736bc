"""Record ids are scoped per device: a kiosk cannot claim an id that another kiosk has not sent yet,
while a resend of the same record is still a duplicate and corrections still work within a
location. A real server on 127.0.0.1, on SQLite and PostgreSQL."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, select, text

from sync.protocol import content_hash, record_payload
from sync.server.db import MIGRATIONS_DIR, make_server_engine
from sync.server.export import ZONE, monthly_report
from sync.server.models import StoredRecord
from tests.sync_support import help_request
from tests.test_sync_server import enroll, item, post_batch

NOW = datetime.now(UTC).replace(microsecond=0)
MONTH = NOW.astimezone(ZONE).strftime("%Y-%m")  # the report's month, in Brussels


def statuses(server, device: dict, *records) -> list[str]:
    response = post_batch(server, device["token"], [item(r) for r in records])
    assert response.status_code == 200, response.text
    return [r["status"] for r in response.json()["results"]]


def help_requests_counted(server) -> int:
    report = server.admin(monthly_report, MONTH)
    return report.locations[-1].help_requests  # the total


def test_a_kiosk_that_sends_another_kiosks_id_first_does_not_take_it(live_server):
    owner, other = enroll(live_server), enroll(live_server)  # two kiosks of one location
    place = owner["location_id"]
    record = help_request(place, when=NOW)
    squatted = help_request(place, when=NOW, id=record.id, duration_min=99)  # the same id, other content
    assert statuses(live_server, other, squatted) == ["created"]

    assert statuses(live_server, owner, record) == ["created"]  # not a conflict: the id is the owner's
    assert statuses(live_server, owner, record) == ["duplicate"]  # a retry after a lost answer
    assert statuses(live_server, other, squatted) == ["duplicate"]
    changed = help_request(place, when=NOW, id=record.id, duration_min=5)
    assert statuses(live_server, owner, changed) == ["conflict"]  # its own id with other content

    rows = live_server.admin(lambda s: s.execute(select(StoredRecord.device_id, StoredRecord.payload)
                                                 .where(StoredRecord.id == str(record.id))).all())
    assert {device: '"duration_min":99' in payload for device, payload in rows} == {
        owner["device_id"]: False, other["device_id"]: True}
    assert help_requests_counted(live_server) == 2  # each stored record once

    # The owner's correction replaces the owner's version, not the other kiosk's.
    correction = help_request(place, when=NOW, supersedes=record.id, duration_min=30)
    assert statuses(live_server, owner, correction) == ["created"]
    assert help_requests_counted(live_server) == 2
    cancel = help_request(place, when=NOW, supersedes=correction.id, status="cancelled")
    assert statuses(live_server, owner, cancel) == ["created"]
    assert help_requests_counted(live_server) == 1  # the other kiosk's record still counts


def test_the_same_record_from_another_kiosk_is_a_duplicate_stored_once(live_server):
    """A kiosk enrolled again (a new device id, the same outbox) resends what the server already
    has: a duplicate, not a second record."""
    first, again = enroll(live_server), enroll(live_server)
    record = help_request(first["location_id"], when=NOW)
    assert statuses(live_server, first, record) == ["created"]
    assert statuses(live_server, again, record, record) == ["duplicate", "duplicate"]
    assert live_server.admin(lambda s: s.scalars(select(StoredRecord.device_id)).all()) == [first["device_id"]]
    assert help_requests_counted(live_server) == 1


def test_a_correction_on_another_kiosk_of_the_location_still_replaces_the_record(live_server):
    first, second = enroll(live_server), enroll(live_server)
    place = first["location_id"]
    record = help_request(place, when=NOW)
    assert statuses(live_server, first, record) == ["created"]
    correction = help_request(place, when=NOW, supersedes=record.id, duration_min=45)
    assert statuses(live_server, second, correction) == ["created"]
    assert help_requests_counted(live_server) == 1

    elsewhere = enroll(live_server, live_server.enroll_code("Digibus Noord", "digibus"))
    cancel = help_request(elsewhere["location_id"], when=NOW, supersedes=record.id, status="cancelled")
    assert statuses(live_server, elsewhere, cancel) == ["invalid"]  # only within its own location
    assert help_requests_counted(live_server) == 1


def test_one_id_twice_in_a_batch_with_other_content_is_a_conflict_for_the_second(live_server):
    device = enroll(live_server)
    record = help_request(device["location_id"], when=NOW)
    other = record_payload(help_request(device["location_id"], when=NOW, id=record.id, duration_min=7))
    results = post_batch(live_server, device["token"], [
        item(record), {"id": str(record.id), "kind": "help_request", "content_hash": content_hash(other),
                       "payload": other}, item(help_request(device["location_id"], when=NOW, id=uuid.uuid4()))])
    assert [r["status"] for r in results.json()["results"]] == ["created", "conflict", "created"]


def test_the_upgrade_keeps_every_stored_record_and_adds_the_device_scoped_keys(tmp_path):
    """Migration s0012 on a database with a record stored by the server before it."""
    engine = make_server_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))

    def upgrade(revision: str) -> None:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    upgrade("s0006")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO locations VALUES ('L', 'Bib', 'fixed', 1)"))
        conn.execute(text("INSERT INTO devices (id, name, location_id, token_hash, enrolled_at) "
                          "VALUES ('D', 'pc', 'L', 'h', '2026-11-01 10:00:00')"))
        payload = ('{"channel":"spreekuur","helper_id":"E","location_id":"L","outcome":"solved","status":"active",'
                   '"topics":["itsme"]}')  # what the summary table (s0008) reads of it
        conn.execute(text("INSERT INTO records VALUES ('R', 'help_request', 'H', :payload, 'D', '2026-11-01 10:00:00', "
                          "'L', '2026-11-01 10:00:00', NULL)"), {"payload": payload})
    upgrade("head")
    schema = inspect(engine)
    assert schema.get_pk_constraint("records")["constrained_columns"] == ["id", "device_id"]
    assert {index["name"]: index["unique"] for index in schema.get_indexes("records")} == {
        "ix_records_kind_occurred_at": False, "uq_records_id_content_hash": True, "ix_records_supersedes": False}
    assert [fk["referred_table"] for fk in schema.get_foreign_keys("records")] == ["devices"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id, device_id, content_hash FROM records")).all() == [("R", "D", "H")]
        assert conn.execute(text("SELECT id, device_id, versions FROM help_request_heads")).all() == [("R", "D", 1)]
    engine.dispose()
