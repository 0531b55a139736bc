"""Writing a synced record: the row and its outbox entry go into the same transaction.

The outbox payload is the validated wire record (sync.protocol.record_payload) as canonical JSON,
and its content hash is computed from that payload, so what the sync sender sends is exactly what
was saved. Callers pass the transaction that also writes the row: a Session, or the connection of
`Store.write`.
"""
from __future__ import annotations

from typing import Any, TypeVar
from uuid import UUID

from pydantic import ValidationError

from kiosk.core.store.models import OutboxEntry
from kiosk.core.store.rows import Db, Insert
from sync.errors import DutchError
from sync.protocol import (
    AnyRecord,
    HelpRequestRecord,
    LoanContactEraseRecord,
    LoanDeviceRecord,
    LoanExtensionRecord,
    LoanRecord,
    LoanReturnRecord,
    ShiftRecord,
    WorkshopSessionRecord,
    canonical_json,
    hash_canonical,
    record_payload,
)


class RecordError(DutchError):
    """A record cannot be saved. The Dutch message names fields, never their (possibly private) values."""


RecordT = TypeVar("RecordT", HelpRequestRecord, ShiftRecord, LoanDeviceRecord, LoanRecord, LoanReturnRecord,
                   LoanExtensionRecord, LoanContactEraseRecord, WorkshopSessionRecord)


def validated(model: type[RecordT], /, **fields: Any) -> RecordT:
    """Build a wire record. pydantic's own message repeats the input (a note!), so it is replaced
    by one naming only the fields, and `from None` keeps it out of logged tracebacks too."""
    try:
        return model(**fields)
    except ValidationError as exc:
        names = sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]})
        raise RecordError("Dit kan niet bewaard worden: controleer " + ", ".join(names) + ".") from None


def row_fields(record: HelpRequestRecord | ShiftRecord) -> dict[str, Any]:
    """The record's fields as the store's columns hold them (ids as text)."""
    data = record.model_dump(exclude={"kind"})
    return {k: str(v) if isinstance(v, UUID) else v for k, v in data.items()}


_outbox = Insert(OutboxEntry)


def enqueue(db: Db, record: AnyRecord) -> None:
    """Queue the record for sync in the transaction of `db` (a prepared INSERT, store/rows.py)."""
    payload = canonical_json(record_payload(record))
    _outbox(db, {"record_id": str(record.id), "kind": record.kind, "payload": payload,
                 "content_hash": hash_canonical(payload), "state": "pending", "attempts": 0})
