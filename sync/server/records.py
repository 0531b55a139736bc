"""Receiving a batch of records: validate each item, insert-or-ignore by record id, compare hashes.

Record ids are scoped per device: a row is keyed by (id, sending device), so a kiosk that sends an
id before its owner does takes nothing from the owner. One content is stored once per id, whoever
sends it (a kiosk enrolled again, with a new device id, resends what the server already has).

Each item gets its own answer; one bad item never fails the others:
- created: stored now; duplicate: this id with this content hash is already stored (by any device);
- conflict: this device already stored this id with another content hash (the stored one is kept);
- invalid: not stored, with the reason: the payload does not validate against the protocol's
  models, the hash does not match it, its time is more than FUTURE_TOLERANCE ahead of the server,
  its note holds personal data (the kiosk's own guard, sync/privacy.py), it is for another location
  than the sending device's, or it supersedes a record of another location.

What is stored is the record as the protocol's model normalises it (defaults filled in), so that a
report never meets a missing field; `content_hash` stays the hash of what the kiosk sent, which is
what a resend is recognised by.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

import orjson
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Table, select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from sync.privacy import find_personal_data, refusal_message
from sync.protocol import (
    RECORD_KINDS,
    AnyRecord,
    BatchItem,
    HelpRequestRecord,
    InvalidItem,
    ItemResult,
    Record,
    ShiftRecord,
    WorkshopSessionRecord,
    canonical_json,
    hash_canonical,
    record_payload,
    validation_reason,
)
from sync.server import lending, summaries
from sync.server.admin import note_seen
from sync.server.models import Device, StoredRecord

_records = TypeAdapter(Record)
_table = cast(Table, StoredRecord.__table__)  # typed FromClause by declarative; a mapped class has a Table


# A kiosk's clock may run ahead; a record from further in the future than this is refused (parked on
# the kiosk with the reason), so that it cannot sit in a report of a month still to come.
FUTURE_TOLERANCE = timedelta(days=7)


def validate_record(kind: str, payload: Any) -> tuple[AnyRecord | None, str | None]:
    """The record as the protocol's model reads it, or why not: the schema, and the note guard.
    Used at ingest and to re-check what is stored (the quarantine)."""
    if kind not in RECORD_KINDS:
        return None, f"unknown record kind {kind!r}"
    try:
        record = _records.validate_python(payload)
    except ValidationError as exc:
        return None, validation_reason(exc, tag=kind)
    note = getattr(record, "note", None)  # help requests, loans and returns: one note guard
    if note and (found := find_personal_data(note)):
        return None, refusal_message(found)
    return record, None


_TIME_FIELDS: dict[type, str] = {HelpRequestRecord: "created_at", ShiftRecord: "started_at"}


def occurred_at(record: AnyRecord) -> datetime:
    """When it happened, by the kiosk's clock: the time reports file a record under (the lending
    and workshop records name it `occurred_at` themselves)."""
    when: datetime = getattr(record, _TIME_FIELDS.get(type(record), "occurred_at"))
    return when


def stored_json(content: dict[str, Any]) -> str:
    """`canonical_json(content)` for a record's normal form (`record_payload` of a validated record),
    made by orjson in a sixth of the time: the text is the same, byte for byte (tests/test_records_json.py
    proves it for every record kind and any Unicode text). A normal form holds only text, integers,
    booleans, null, lists and objects with text keys: no float, where the two encoders would write
    other digits. What orjson refuses (an integer beyond 64 bits, a lone surrogate) takes the standard
    encoder, as before."""
    try:
        return orjson.dumps(content, option=orjson.OPT_SORT_KEYS).decode()
    except orjson.JSONEncodeError:
        return canonical_json(content)


def _check(item: BatchItem, location_id: str | None, latest: datetime,
           parsed: dict[str, dict[str, Any]]) -> tuple[dict[str, Any] | None, str | None]:
    """The row to store, or the reason the item is invalid (`latest`: the last moment a record may
    be of). The stored payload's JSON goes into `parsed` (its text -> the dict), so the summaries
    do not parse it again."""
    record, reason = validate_record(item.kind, item.payload)
    if record is None:
        return None, reason
    if record.id != item.id:
        return None, "the payload's id differs from the item's id"
    if record.kind != item.kind:
        return None, "the payload's kind differs from the item's kind"
    content = record_payload(lending.stored_form(record))
    stored = stored_json(content)
    # A kiosk sends the normal form, so the text stored is the text it hashed: one canonical JSON
    # per item, not two. Only a payload stored in another form is hashed as sent.
    digest = item.content_hash
    if hash_canonical(stored) != digest and hash_canonical(canonical_json(item.payload)) != digest:
        return None, "the content hash does not match the payload"
    # The ids as text are those of `content` (the JSON form of a UUID is its normal text).
    if content["location_id"] != location_id:
        return None, "this kiosk is enrolled for another location; it cannot send records for this one"
    when = occurred_at(record)
    if when > latest:
        return None, "the record's time is more than 7 days ahead of the server's clock; set the kiosk's clock right"
    parsed[stored] = content
    return {
        "id": content["id"], "kind": item.kind, "content_hash": digest, "payload": stored,
        "location_id": content["location_id"], "occurred_at": when,
        "supersedes": content.get("supersedes") if item.kind == "help_request" else None,
    }, None


# PostgreSQL: the batch travels as ONE json parameter and json_to_recordset unpacks it. (A multi-row
# VALUES list has ~4,500 placeholders that psycopg re-parses on every batch, and text[] parameters
# are escaped element by element in Python: both cost more than the insert itself.) The payload
# travels as a JSON string: as a json value (kept verbatim) PostgreSQL spent longer parsing it.
_PG_INSERT = text("""
    INSERT INTO records (id, kind, content_hash, payload, location_id, occurred_at, supersedes, device_id, received_at)
    SELECT r.id, r.kind, r.content_hash, r.payload, r.location_id, r.occurred_at, r.supersedes, :device_id, :received_at
    FROM json_to_recordset(CAST(:rows AS json)) AS r(id text, kind text, content_hash text, payload text,
                                                      location_id text, occurred_at timestamptz, supersedes text)
    ON CONFLICT DO NOTHING
    RETURNING id""")


def _pg_row(row: dict[str, Any]) -> str:
    """A row as a JSON object for _PG_INSERT (orjson: a third of the time of framing it by hand;
    the time as RFC 3339 with its offset, which PostgreSQL reads as a timestamptz)."""
    return orjson.dumps(row).decode()


def _insert_or_ignore(session: Session, rows: list[dict[str, Any]], device_id: str, received_at: datetime,
                      framed: dict[str, str]) -> set[str]:
    """Insert rows new for this device and new in content; return the ids actually inserted. ON
    CONFLICT DO NOTHING is PostgreSQL's insert-or-ignore and SQLite's upsert form of INSERT OR
    IGNORE; it covers only the two unique keys of `records`, (id, device_id) and (id, content_hash):
    any other violation (a foreign key, a NULL) is an error, not a silently dropped record.
    `framed`: on PostgreSQL, each row's `_pg_row` by id."""
    if not rows:
        return set()
    if session.get_bind().dialect.name == "postgresql":
        params = {"rows": "[" + ",".join(framed[row["id"]] for row in rows) + "]", "device_id": device_id,
                  "received_at": received_at}
        return set(session.execute(_PG_INSERT, params).scalars().all())  # all(): one fetch, not one per row
    stmt = sqlite.insert(_table).on_conflict_do_nothing().returning(_table.c.id)
    stamped = [row | {"device_id": device_id, "received_at": received_at} for row in rows]
    return set(session.execute(stmt, stamped).scalars())


def _apply_lending(session: Session, batch: list[BatchItem | InvalidItem], inserted: set[str]) -> None:
    """Loans and devices follow the lending records stored now (never a duplicate's second copy)."""
    first = {str(item.id): item for item in reversed(batch)
             if isinstance(item, BatchItem) and lending.is_lending(item.kind) and str(item.id) in inserted}
    records = [_records.validate_python(item.payload) for item in first.values()]
    if records:
        lending.apply(session, [r for r in records if not isinstance(r, HelpRequestRecord | ShiftRecord
                                                                     | WorkshopSessionRecord)])


def _superseding_elsewhere(session: Session, rows: Any) -> list[str]:
    """Ids of rows that supersede a stored record of another location only (an id may be held by
    devices of several locations; a version of the row's own location is the one it supersedes)."""
    wanted = {row["supersedes"]: row for row in rows if row["supersedes"]}
    if not wanted:
        return []
    places: dict[str, set[str]] = {}
    for old, location in session.execute(select(StoredRecord.id, StoredRecord.location_id)
                                         .where(StoredRecord.id.in_(list(wanted)))):
        places.setdefault(old, set()).add(location)
    return [wanted[old]["id"] for old, held in places.items() if wanted[old]["location_id"] not in held]


def ingest(session: Session, device_id: str, batch: list[BatchItem | InvalidItem],
           received_at: datetime) -> list[ItemResult]:
    """Store a batch (BatchRequest.items) in the caller's transaction; one result per item, in order."""
    answers: list[ItemResult | BatchItem] = []  # a BatchItem: valid, answered once stored
    rows: dict[str, dict[str, Any]] = {}  # first valid item per id, to insert
    stored_text: dict[int, str] = {}  # answer index -> the payload as `records` would keep it
    ids: dict[int, str] = {}  # answer index -> the valid item's id as text
    parsed: dict[str, dict[str, Any]] = {}  # stored payload text -> its JSON, for the summaries
    # The route's token check loaded the device into this session: no query here, and "last seen"
    # is the ORM attribute it keeps (written at most once a minute), not an UPDATE per batch.
    device = session.get(Device, device_id)
    device_location = device.location_id if device is not None else None
    postgres = session.get_bind().dialect.name == "postgresql"
    latest = received_at + FUTURE_TOLERANCE
    for item in batch:
        if isinstance(item, InvalidItem):
            answers.append(ItemResult(id=item.id, status="invalid", reason=item.reason))
            continue
        row, reason = _check(item, device_location, latest, parsed)
        answers.append(item if row else ItemResult(id=item.id, status="invalid", reason=reason))
        if row:
            rows.setdefault(row["id"], row)
            stored_text[len(answers) - 1] = row["payload"]
            ids[len(answers) - 1] = row["id"]
    # Made before the lock below: what runs under it is one device's critical path.
    created = {index: ItemResult(id=answers[index].id, status="created") for index in ids}  # the usual answer
    framed = {rid: _pg_row(row) for rid, row in rows.items()} if postgres else {}
    ready = (summaries.lone_heads(summaries.versions(rows.values(), device_id, received_at), parsed)
             if postgres else None)
    elsewhere = set(_superseding_elsewhere(session, rows.values()))  # a correction only of its own place
    for rid in elsewhere:
        del rows[rid]
    if elsewhere:
        answers = [ItemResult(id=a.id, status="invalid", reason="it corrects a record of another location")
                   if ids.get(index) in elsewhere else a for index, a in enumerate(answers)]

    # The records go in before the lock below: their unique keys settle a race on an id by
    # themselves (an INSERT that meets another transaction's uncommitted row waits for it to end,
    # and this one holds nothing yet that the other could wait for). In id order: two batches
    # sharing ids then lock them in the same order and cannot deadlock.
    inserted = _insert_or_ignore(session, sorted(rows.values(), key=lambda row: row["id"]), device_id, received_at,
                                 framed)
    # One batch of a device at a time from here on: a kiosk keeps two batches with the server at
    # once (kiosk/sync/outbox.py), and two that each derived the head row of one request from a
    # snapshot without the other's version would both keep theirs. The lock is taken after the
    # other's records went in and is held to its commit, so the second derivation sees all of the
    # first's versions, and its own were invisible to the first. Validation and the records INSERT
    # above run unlocked, so one batch is checked and stored while the other derives its summary.
    # (SQLite: BEGIN IMMEDIATE already serialises every writer.)
    if device is not None and postgres:
        session.execute(select(Device.id).where(Device.id == device_id).with_for_update(key_share=True))
    summaries.stored(session, [rows[rid] for rid in inserted], device_id, received_at, parsed, ready)
    others = [rid for rid in rows if rid not in inserted]
    stored: dict[str, set[str]] = {}  # id -> the content hashes stored under it (by any device)
    kept: dict[str, set[str]] = {}  # id -> the payloads stored under it by this device
    if others:
        for rid, digest, payload, owner in session.execute(
                select(StoredRecord.id, StoredRecord.content_hash, StoredRecord.payload, StoredRecord.device_id)
                .where(StoredRecord.id.in_(others))):
            stored.setdefault(rid, set()).add(digest)
            if owner == device_id:
                kept.setdefault(rid, set()).add(payload)
    if device is not None:
        note_seen(session, device, received_at)
    _apply_lending(session, batch, inserted)

    results = []
    for index, answer in enumerate(answers):
        if isinstance(answer, BatchItem):
            item, rid = answer, ids[index]
            if rid in inserted:
                answer = created[index]
                inserted.discard(rid)  # a repeat of this id later in the batch is a duplicate
                stored[rid] = {item.content_hash}
            elif item.content_hash in stored[rid] or stored_text[index] in kept.get(rid, ()):
                # The same record, or this device's loan resent after its retention took the sealed
                # contact off (`lending.stored_form`: records never keep the contact).
                answer = ItemResult(id=item.id, status="duplicate")
            else:  # not inserted and not this content: this device holds the id with other content
                answer = ItemResult(id=item.id, status="conflict",
                                    reason="a record with this id and different content is already stored")
        results.append(answer)
    return results
