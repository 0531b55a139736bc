"""Issue 20, defect 1: a record stored before the server checked every item can no longer break a
report. Migration s0005 re-checks what is stored and moves the failures into quarantine; an admin
fixes or discards each one, audit-logged. Reproduced on SQLite and PostgreSQL."""
from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import select, text
from sqlalchemy.orm import sessionmaker

from sync.protocol import canonical_json, content_hash, record_payload
from sync.server import admin, quarantine
from sync.server.cli import main as server_cli
from sync.server.db import MIGRATIONS_DIR, migrate, utcnow
from sync.server.export import monthly_report, to_csv, to_xlsx
from sync.server.models import AuditEntry, QuarantinedRecord, StoredRecord
from tests.sync_support import help_request, shift

NOV = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)


def _back_to(engine, revision: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def _store_raw(engine, device_id: str, location_id: str, payload: dict, occurred: str) -> str:
    """A row as the old server stored it: the payload as received, unchecked."""
    text_payload = canonical_json(payload)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO records (id, kind, content_hash, payload, device_id, received_at, location_id, "
                          "occurred_at, supersedes) VALUES (:id, :kind, :hash, :payload, :device, :received, "
                          ":location, :occurred, NULL)"),
                     {"id": payload["id"], "kind": payload.get("kind", "help_request"),
                      "hash": content_hash(payload), "payload": text_payload, "device": device_id,
                      "received": utcnow(), "location": location_id, "occurred": occurred})
    return payload["id"]


@pytest.fixture
def old_server(server_engine):
    """A server database at s0004 holding a device, good records and the payloads that broke reports."""
    sessions = sessionmaker(server_engine, expire_on_commit=False)
    with sessions.begin() as session:
        place, _ = admin.ensure_location(session, "Bibliotheek Leuven")
        device, _ = admin.redeem_enroll_code(session, admin.create_enroll_code(session, place)[0], "pc")
        place_id, device_id = place.id, device.id
    _back_to(server_engine, "s0004")
    good = help_request(place_id, when=NOV)
    good_raw = record_payload(good)
    del good_raw["status"], good_raw["referrals"]  # defaults left out: valid, stored normalised
    bad = {
        "no status, a note with an e-mail": record_payload(help_request(place_id, when=NOV)) | {
            "note": "mail jan.peeters@telenet.be"},
        "unix times": {**record_payload(shift(place_id, NOV, 60)), "started_at": 1763000000, "ended_at": 1763003600},
        "year 9999": record_payload(help_request(place_id, when=NOV)) | {"created_at": "9999-12-31T23:59:59-14:00"},
        "no outcome": {k: v for k, v in record_payload(help_request(place_id, when=NOV)).items() if k != "outcome"},
    }
    ids = {name: _store_raw(server_engine, device_id, place_id, payload,
                            "9999-12-31T23:59:59-14:00" if name == "year 9999" else NOV.isoformat())
           for name, payload in bad.items()}
    good_id = _store_raw(server_engine, device_id, place_id, good_raw, NOV.isoformat())
    return sessions, ids, good_id


def test_the_migration_moves_what_breaks_reports_into_quarantine_and_every_report_works(old_server, server_engine):
    sessions, bad_ids, good_id = old_server
    migrate(server_engine)  # to head: s0005 re-checks every stored record
    with sessions.begin() as session:
        stored = {r.id: r for r in session.scalars(select(StoredRecord))}
        kept_aside = {r.id: r for r in quarantine.quarantined(session)}
        assert set(stored) == {good_id} and set(kept_aside) == set(bad_ids.values())
        assert json.loads(stored[good_id].payload)["status"] == "active"  # normalised: defaults filled in
        assert "e-mailadres" in kept_aside[bad_ids["no status, a note with an e-mail"]].reason
        assert "ISO 8601" in kept_aside[bad_ids["unix times"]].reason
        assert "2020 and 2100" in kept_aside[bad_ids["year 9999"]].reason
        for month in ("2026-11", "2026-10", "2025-01"):  # every month exports, none raises
            report = monthly_report(session, month)
            to_csv(report)
            to_xlsx(report)
        assert monthly_report(session, "2026-11").locations[-1].help_requests == 1


def test_an_admin_fixes_or_discards_each_quarantined_record_and_both_are_logged(old_server, server_engine, tmp_path,
                                                                                 capsys):
    sessions, bad_ids, _good = old_server
    migrate(server_engine)
    url = server_engine.url.render_as_string(hide_password=False)
    assert server_cli(["--database-url", url, "quarantine", "list"]) == 0
    listing = capsys.readouterr().out
    assert all(rid in listing for rid in bad_ids.values()) and "e-mailadres" in listing

    broken = bad_ids["no outcome"]
    with sessions() as session:
        payload = json.loads(session.get(QuarantinedRecord, broken).payload)
    fixed = tmp_path / "fixed.json"
    fixed.write_text(json.dumps(payload | {"outcome": "partly"}), encoding="utf-8")
    still_wrong = tmp_path / "wrong.json"
    still_wrong.write_text(json.dumps(payload | {"outcome": "maybe"}), encoding="utf-8")
    assert server_cli(["--database-url", url, "quarantine", "restore", broken, str(still_wrong)]) == 1
    assert "still invalid" in capsys.readouterr().err
    assert server_cli(["--database-url", url, "quarantine", "restore", broken, str(fixed)]) == 0
    assert server_cli(["--database-url", url, "quarantine", "discard", bad_ids["unix times"]]) == 0
    with sessions() as session:
        fixed = session.scalars(select(StoredRecord.payload).where(StoredRecord.id == broken)).one()
        assert json.loads(fixed)["outcome"] == "partly"
        assert session.get(QuarantinedRecord, broken) is None
        assert session.get(QuarantinedRecord, bad_ids["unix times"]) is None
        actions = {(a.action, a.target) for a in session.scalars(select(AuditEntry))}
        assert {("quarantine-restore", broken), ("quarantine-discard", bad_ids["unix times"])} <= actions
        assert monthly_report(session, "2026-11").locations[-1].help_requests == 2


def test_restoring_keeps_the_records_id(old_server, server_engine):
    sessions, bad_ids, _good = old_server
    migrate(server_engine)
    with sessions.begin() as session:
        row = session.get(QuarantinedRecord, bad_ids["no outcome"])
        other = json.loads(row.payload) | {"outcome": "solved", "id": str(uuid.uuid4())}
        with pytest.raises(quarantine.QuarantineError, match="keep the record's id"):
            quarantine.restore(session, row.id, json.dumps(other), "admin", utcnow())
