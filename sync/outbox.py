"""The sender: drains the kiosk's outbox to the server, oldest first, exactly once.

Entry states: pending -> inflight (claimed for a request) -> sent | parked, and inflight -> pending
when the request fails or at start-up (a crash mid-request). An entry becomes `sent` only when a
well-formed BatchResponse names it as created or duplicate; the server de-duplicates by record id,
so sending an entry twice is harmless and the only way to lose one would be to mark it sent early.
`parked` entries (conflict, invalid, or refused on their own) are skipped, never block the rest,
and stay in the store for coordinators to see (and retry).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.core.store import Store
from kiosk.core.store.models import OutboxEntry
from sync.client import RejectedError, ServerApi, TransientError, utcnow
from sync.protocol import MAX_BATCH_BYTES, MAX_BATCH_ITEMS, BatchItem, BatchResponse, content_hash

# Reasons stored in last_error start with where they came from: "server:", "local:".
NOT_ACKNOWLEDGED = "server: no answer for this record in the acknowledgement"


@dataclass
class SendReport:
    created: int = 0
    duplicates: int = 0
    parked: int = 0
    batches: int = 0

    @property
    def sent(self) -> int:
        return self.created + self.duplicates


@dataclass
class _Batch:
    seqs: dict[str, int] = field(default_factory=dict)  # record id -> outbox seq
    body: bytes = b""
    remaining: int = 0  # pending entries after this batch


def _set_state(session: Session, seqs: list[int], **values) -> None:
    if seqs:
        session.execute(update(OutboxEntry).where(OutboxEntry.seq.in_(seqs), OutboxEntry.state == "inflight")
                        .values(**values))


def recover_inflight(store: Store) -> int:
    """At start-up: entries left inflight by a crash go back to pending (resending is safe)."""
    with store.transaction() as session:
        return session.execute(update(OutboxEntry).where(OutboxEntry.state == "inflight")
                               .values(state="pending")).rowcount


def requeue_parked(store: Store) -> int:
    """A coordinator's "try again": parked entries go back to the queue."""
    with store.transaction() as session:
        return session.execute(update(OutboxEntry).where(OutboxEntry.state == "parked")
                               .values(state="pending")).rowcount


class Sender:
    """Usable from a plain script: `Sender(open_store(dir), ServerApi(url, token)).send_pending()`.
    One sender per store at a time; call recover_inflight() once when the process starts."""

    def __init__(self, store: Store, api: ServerApi, *, max_items: int = MAX_BATCH_ITEMS,
                 max_bytes: int = MAX_BATCH_BYTES, clock: Callable[[], datetime] = utcnow):
        self.store, self.api, self.clock = store, api, clock
        self.max_items, self.max_bytes = max_items, max_bytes

    def send_pending(self, *, should_stop: Callable[[], bool] = lambda: False,
                     on_progress: Callable[[int, int], None] | None = None) -> SendReport:
        """Send until nothing is pending, including entries written meanwhile. Raises
        TransientError or AuthError (after putting the current batch back to pending)."""
        report, limit = SendReport(), self.max_items
        while not should_stop():
            batch = self._claim(limit)
            if not batch.seqs:
                break
            try:
                response = self.api.post_batch(batch.body)
            except RejectedError as exc:
                # Our server refused the request as a whole. Halve the batch until the entry that
                # causes it is alone, then park that one: one bad entry never wedges the queue.
                if len(batch.seqs) > 1:
                    self._release(batch, str(exc))
                    limit = max(1, len(batch.seqs) // 2)
                    continue
                self._park_all(batch, f"server: {exc.detail}")
                report.parked += 1
                continue
            except Exception as exc:
                self._release(batch, str(exc))
                raise
            unanswered = self._settle(batch, response, report)
            report.batches += 1
            if unanswered:  # a broken acknowledgement: back off instead of resending in a loop
                raise TransientError("server", f"{unanswered} records missing from the acknowledgement")
            limit = min(self.max_items, limit * 2)
            if on_progress:
                on_progress(report.sent + report.parked, report.sent + report.parked + batch.remaining)
        return report

    def _claim(self, limit: int) -> _Batch:
        """Oldest pending entries, bounded by count and request bytes, marked inflight in one
        transaction. Entries that cannot be sent at all are parked here."""
        batch, parts = _Batch(), []
        envelope = f'{{"device_time":"{self.clock().isoformat()}","items":[]}}'.encode()
        size = len(envelope)
        with self.store.transaction() as session:
            entries = session.scalars(select(OutboxEntry).where(OutboxEntry.state == "pending")
                                      .order_by(OutboxEntry.seq).limit(limit)).all()
            for entry in entries:
                try:
                    payload = json.loads(entry.payload)
                    item = BatchItem(id=entry.record_id, kind=entry.kind, content_hash=entry.content_hash,
                                     payload=payload)
                    if content_hash(payload) != entry.content_hash:
                        raise ValueError("the stored content hash does not match the payload")
                except (ValueError, ValidationError) as exc:
                    entry.state, entry.last_error = "parked", f"local: cannot be sent ({exc})"[:1000]
                    continue
                part = item.model_dump_json().encode()
                if size + len(part) + 1 > self.max_bytes:
                    if parts:
                        break
                    entry.state, entry.last_error = "parked", "local: too large for one request"
                    continue
                parts.append(part)
                size += len(part) + 1
                batch.seqs[entry.record_id] = entry.seq
                entry.state, entry.attempts = "inflight", entry.attempts + 1
            batch.remaining = session.scalar(select(func.count()).select_from(OutboxEntry)
                                             .where(OutboxEntry.state == "pending"))
        batch.body = envelope[:-2] + b",".join(parts) + b"]}"
        return batch

    def _settle(self, batch: _Batch, response: BatchResponse, report: SendReport) -> int:
        """Apply the acknowledgement: only entries it names leave inflight for sent or parked.
        Returns how many entries of the batch it did not name (they are pending again)."""
        sent, unanswered = [], dict(batch.seqs)
        with self.store.transaction() as session:
            for result in response.results:
                seq = unanswered.pop(str(result.id), None)
                if seq is None:
                    continue  # not in this batch (or named twice): ignore
                if result.status in ("created", "duplicate"):
                    sent.append(seq)
                    report.created += result.status == "created"
                    report.duplicates += result.status == "duplicate"
                else:
                    _set_state(session, [seq], state="parked",
                               last_error=f"server: {result.status}: {result.reason or ''}"[:1000])
                    report.parked += 1
            _set_state(session, sent, state="sent", sent_at=self.clock(), last_error=None)
            _set_state(session, list(unanswered.values()), state="pending", last_error=NOT_ACKNOWLEDGED)
        return len(unanswered)

    def _release(self, batch: _Batch, error: str) -> None:
        with self.store.transaction() as session:
            _set_state(session, list(batch.seqs.values()), state="pending", last_error=error[:1000])

    def _park_all(self, batch: _Batch, reason: str) -> None:
        with self.store.transaction() as session:
            _set_state(session, list(batch.seqs.values()), state="parked", last_error=reason[:1000])
