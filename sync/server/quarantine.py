"""Records kept aside because they no longer pass the protocol's checks.

Before the server validated and normalised every item (issue 20), it stored payloads as received:
a help request without `status`, a shift with Unix timestamps or a year-9999 date could break
every export. Migration s0005 re-checks every stored record with `records.validate_record` (the
same check ingest runs now) and moves the failures here: kept, never deleted, never counted. The
valid ones are rewritten in their normalised form. An admin then fixes each quarantined record
(`restore` with a corrected payload, checked the same way) or discards it; both are audit-logged.
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Row, Select, Table, delete, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from sync.protocol import canonical_json, hash_canonical, record_payload
from sync.server import summaries
from sync.server.models import AuditEntry, QuarantinedRecord, StoredRecord
from sync.server.records import occurred_at, validate_record


class QuarantineError(ValueError):
    """A fix the server refuses; the message says why."""


def _records() -> Table:
    return cast(Table, StoredRecord.__table__)


def recheck_stored(conn: Connection, now: datetime, chunk: int = 1000) -> int:
    """Move every stored record that fails the checks into quarantine and normalise the others.
    Reads only id, kind and payload text (a year-10000 timestamp column could not be read at all).
    Returns how many were quarantined."""
    records = _records()
    quarantined = 0
    for rows in _chunks(conn, select(records.c.id, records.c.kind, records.c.payload).order_by(records.c.id), chunk):
        for row in rows:
            rid, kind, payload = row[0], row[1], row[2]
            try:
                raw = json.loads(payload)
            except ValueError:
                raw = None
            record, reason = validate_record(kind, raw) if isinstance(raw, dict) else (None, "not a JSON object")
            if record is not None and str(record.id) != rid:
                record, reason = None, "the payload's id differs from the record's id"
            if record is None:
                _move_to_quarantine(conn, rid, reason or "invalid", now)
                quarantined += 1
                continue
            normalised = canonical_json(record_payload(record))
            if normalised != payload:
                conn.execute(records.update().where(records.c.id == rid).values(payload=normalised))
    return quarantined


def _chunks(conn: Connection, query: Select[Any], size: int) -> Iterator[Sequence[Row[str, str, str]]]:
    """`query` (ordered by id) page by page, each after the last id seen: rows may be moved meanwhile."""
    ids = _records().c.id
    last = None
    while page := conn.execute((query if last is None else query.where(ids > last)).limit(size)).all():
        yield page
        last = page[-1][0]


def _move_to_quarantine(conn: Connection, rid: str, reason: str, now: datetime) -> None:
    records = _records()
    quarantine = cast(Table, QuarantinedRecord.__table__)
    kind, content_hash, payload, device_id, received_at = conn.execute(
        select(records.c.kind, records.c.content_hash, records.c.payload, records.c.device_id,
               records.c.received_at).where(records.c.id == rid)).one()
    conn.execute(quarantine.insert().values(id=rid, kind=kind, content_hash=content_hash, payload=payload,
                                            device_id=device_id, received_at=received_at, reason=reason[:2000],
                                            quarantined_at=now))
    conn.execute(delete(records).where(records.c.id == rid))


def quarantined(session: Session) -> list[QuarantinedRecord]:
    return list(session.scalars(select(QuarantinedRecord).order_by(QuarantinedRecord.quarantined_at,
                                                                   QuarantinedRecord.id)))


def discard(session: Session, record_id: str, actor: str, now: datetime) -> QuarantinedRecord:
    row = _get(session, record_id)
    session.delete(row)
    _audit(session, actor, "quarantine-discard", row, {"reason": row.reason}, now)
    return row


def restore(session: Session, record_id: str, payload_json: str, actor: str, now: datetime) -> StoredRecord:
    """Store a corrected version of a quarantined record (the same id, checked like any item)."""
    row = _get(session, record_id)
    try:
        raw = json.loads(payload_json)
    except ValueError:
        raise QuarantineError("the corrected payload is not JSON") from None
    record, reason = validate_record(row.kind, raw)
    if record is None:
        raise QuarantineError(f"the corrected payload is still invalid: {reason}")
    if str(record.id) != row.id:
        raise QuarantineError("the corrected payload must keep the record's id")
    normalised = canonical_json(record_payload(record))
    stored = StoredRecord(id=row.id, kind=row.kind, content_hash=hash_canonical(normalised), payload=normalised,
                          device_id=row.device_id, received_at=row.received_at, location_id=str(record.location_id),
                          occurred_at=occurred_at(record),
                          supersedes=str(getattr(record, "supersedes", None) or "") or None)
    session.add(stored)
    session.flush()
    summaries.stored(session, [{"id": stored.id, "kind": stored.kind, "location_id": stored.location_id,
                                "occurred_at": stored.occurred_at, "supersedes": stored.supersedes,
                                "payload": stored.payload}], stored.device_id, stored.received_at)
    session.delete(row)
    _audit(session, actor, "quarantine-restore", row, {"reason": row.reason}, now)
    return stored


def _get(session: Session, record_id: str) -> QuarantinedRecord:
    row = session.get(QuarantinedRecord, record_id)
    if row is None:
        raise QuarantineError(f"no quarantined record {record_id}")
    return row


def _audit(session: Session, actor: str, action: str, row: QuarantinedRecord, detail: dict[str, Any],
           now: datetime) -> None:
    session.add(AuditEntry(at=now, user_id=None, username=actor[:64], action=action, target=row.id,
                           detail=json.dumps(detail, ensure_ascii=False, sort_keys=True)))
