"""The quarantine page: city admins see why a record was kept aside, fix it or throw it away."""
from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from sqlalchemy import select

from sync.protocol import canonical_json, content_hash, record_payload
from sync.server import admin
from sync.server.db import utcnow
from sync.server.models import AuditEntry, Location, QuarantinedRecord, StoredRecord
from tests.sync_support import help_request


def _quarantine(console, **changes) -> tuple[str, dict]:
    place = console.places["Bibliotheek Leuven"]
    payload = {k: v for k, v in record_payload(help_request(place, when=datetime(2026, 11, 10, tzinfo=UTC))).items()
               if k != "outcome"} | changes
    device_id = console.server.admin(lambda s: admin.redeem_enroll_code(
        s, admin.create_enroll_code(s, s.get(Location, place))[0], "pc")[0].id)
    console.server.admin(lambda s: s.add(QuarantinedRecord(
        id=payload["id"], kind="help_request", content_hash=content_hash(payload), payload=canonical_json(payload),
        device_id=device_id, received_at=utcnow(), reason="help_request.outcome: Field required",
        quarantined_at=utcnow())))
    return payload["id"], payload


def test_an_admin_restores_a_fixed_record_and_discards_another(console):
    fixable, payload = _quarantine(console, note="<script>alert(1)</script>")
    hopeless, _ = _quarantine(console)
    client = console.as_user("admin")
    page = client.get("/console/quarantaine").text
    assert fixable in page and "Field required" in page and "<script>alert" not in page
    refused = client.post(f"/console/quarantaine/{fixable}/herstellen", {"payload": json.dumps(payload)})
    assert refused.status_code == 200 and "Niet hersteld" in refused.text  # still no outcome
    fixed = json.dumps(payload | {"outcome": "solved", "note": "uitleg gegeven"})
    assert client.post(f"/console/quarantaine/{fixable}/herstellen", {"payload": fixed}).status_code == 303
    assert client.post(f"/console/quarantaine/{hopeless}/weggooien").status_code == 303
    restored = select(StoredRecord.id).where(StoredRecord.id == fixable)
    assert console.server.admin(lambda s: s.scalars(restored).first()) is not None
    assert console.server.admin(lambda s: s.query(QuarantinedRecord).count()) == 0
    log = console.server.admin(lambda s: {(a.username, a.action, a.target) for a in s.query(AuditEntry)})
    assert {("admin", "quarantine-restore", fixable), ("admin", "quarantine-discard", hopeless)} <= log
    assert re.search(r"Er staat niets in quarantaine", client.get("/console/quarantaine").text)


def test_only_a_city_admin_sees_the_quarantine(console):
    record_id, _ = _quarantine(console)
    for user in ("coord", "lezer", "stad"):
        client = console.as_user(user)
        assert client.get("/console/quarantaine").status_code == 403, user
        assert client.post(f"/console/quarantaine/{record_id}/weggooien").status_code == 403, user
    assert console.server.admin(lambda s: s.get(QuarantinedRecord, record_id)) is not None
