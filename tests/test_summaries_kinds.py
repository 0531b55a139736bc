"""A help request's versions are help requests only: another kiosk's record of another kind that
happens to carry the same id (ids are per device) never joins its chain (summaries.linked_versions)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from sync.protocol import BatchItem, content_hash, record_payload
from sync.server.models import HelpRequestHead
from sync.server.records import ingest
from tests.sync_support import help_request, kiosks_at_one_place, shift


def test_another_kiosks_shift_with_the_same_id_is_not_a_version_of_the_help_request(server_engine):
    sessions = sessionmaker(server_engine, expire_on_commit=False)
    place_id, (owner, other) = kiosks_at_one_place(sessions, "pc-1", "pc-2")
    when = datetime(2026, 10, 5, 10, tzinfo=UTC)
    record = help_request(place_id, when=when)
    correction = help_request(place_id, when=when + timedelta(hours=1), supersedes=record.id, outcome="partly")
    same_id = shift(place_id, when, 60).model_copy(update={"id": record.id})

    def send(device: str, sent, moment: datetime) -> None:
        payload = record_payload(sent)
        item = BatchItem(id=sent.id, kind=sent.kind, content_hash=content_hash(payload), payload=payload)
        with sessions.begin() as session:
            assert [r.status for r in ingest(session, device, [item], moment)] == ["created"]

    received = datetime(2026, 10, 7, 9, tzinfo=UTC)
    send(other, same_id, received)
    send(owner, record, received + timedelta(minutes=1))
    send(owner, correction, received + timedelta(minutes=2))
    with sessions() as session:
        heads = session.execute(select(HelpRequestHead.id, HelpRequestHead.device_id, HelpRequestHead.versions,
                                       HelpRequestHead.outcome)).all()
    assert [tuple(h) for h in heads] == [(str(correction.id), owner, 2, "partly")]
