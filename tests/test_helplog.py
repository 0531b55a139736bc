"""The help-request log: one transaction for record + outbox, the supersede chain, the note guard."""
from __future__ import annotations

import json
import uuid
from datetime import datetime

import pytest
from sqlalchemy import func, select, text

from kiosk.core.accounts import StaffUser, create_helper
from kiosk.core.helplog import (
    HelpLogError,
    HelpRequestInput,
    cancel_help_request,
    correct_help_request,
    save_help_request,
    todays_requests,
    version_chain,
)
from kiosk.core.records import RecordError
from kiosk.core.shifts import start_shift
from kiosk.core.store.db import DB_FILE
from kiosk.core.store.models import HelpRequest, OutboxEntry
from sync.privacy import NoteRefused
from sync.protocol import HelpRequestRecord, content_hash, record_payload


def request(staff, **changes) -> HelpRequestInput:
    base = dict(topics=("itsme", "email"), channel="walk-in", language="ar", duration_min=15, outcome="solved",
                referrals=("digibuddy",), first_visit="yes", target_groups=("newcomer",), location_id=staff.fixed)
    return HelpRequestInput(**{**base, **changes})


def today(store, user, clock):
    with store.read() as session:
        return todays_requests(session, user, clock.clock)


def counts(store) -> tuple[int, int]:
    with store.read() as session:
        return (session.scalar(select(func.count()).select_from(HelpRequest)),
                session.scalar(select(func.count()).select_from(OutboxEntry)))


def test_request_and_its_outbox_entry_are_saved_together(store, staff, clock):
    request_id = save_help_request(store, staff.helper, request(staff), clock.clock)
    with store.read() as session:
        row = session.get(HelpRequest, request_id)
        entry = session.scalar(select(OutboxEntry).where(OutboxEntry.record_id == request_id))
    assert row.topics == ["itsme", "email"] and row.location_id == staff.fixed and row.shift_id is None
    assert row.created_at == clock.now and row.helper_id == staff.helper.id and row.status == "active"
    assert entry.kind == "help_request" and entry.state == "pending"
    payload = json.loads(entry.payload)
    # The payload is the validated wire record of exactly the saved row, hashed as the protocol says.
    record = HelpRequestRecord.model_validate(payload)
    assert record_payload(record) == payload and entry.content_hash == content_hash(payload)
    assert str(record.id) == request_id and record.language == "ar" and record.referrals == ["digibuddy"]


@pytest.mark.parametrize("failing_table", ["outbox", "help_requests"])
def test_a_failure_inside_the_transaction_leaves_neither(store, staff, clock, failing_table):
    with store.transaction() as session:  # a real SQLite failure, as a full disk would give
        session.execute(text(f"CREATE TRIGGER fail_insert BEFORE INSERT ON {failing_table} "
                             "BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END"))
    with pytest.raises(Exception, match="simulated write failure"):
        save_help_request(store, staff.helper, request(staff), clock.clock)
    assert counts(store) == (0, 0)


def test_refused_note_saves_nothing_anywhere(store, staff, clock, data_dir):
    note = "gebeld naar 0470 12 34 56"
    with pytest.raises(NoteRefused, match="telefoonnummer"):
        save_help_request(store, staff.helper, request(staff, note=note), clock.clock)
    assert counts(store) == (0, 0)
    raw = b"".join(p.read_bytes() for p in data_dir.glob(DB_FILE + "*"))
    assert b"0470 12 34 56" not in raw


def test_a_clean_note_is_kept(store, staff, clock):
    request_id = save_help_request(store, staff.helper, request(staff, note="  volgende week terug  "), clock.clock)
    with store.read() as session:
        assert session.get(HelpRequest, request_id).note == "volgende week terug"


def test_supersede_chain_never_edits_a_saved_row(store, staff, clock):
    first = save_help_request(store, staff.helper, request(staff), clock.clock)
    with store.read() as session:
        original = dict(session.execute(text("SELECT * FROM help_requests WHERE id = :id"), {"id": first})
                        .mappings().one())
    clock.advance(minutes=20)
    second = correct_help_request(store, staff.helper, first, request(staff, duration_min=30, outcome="partly"))
    third = correct_help_request(store, staff.helper, second, request(staff, duration_min=45, outcome="partly"))
    with pytest.raises(HelpLogError, match="al aangepast"):
        correct_help_request(store, staff.helper, first, request(staff, duration_min=5))
    [shown] = today(store, staff.helper, clock)
    assert shown.id == third and shown.data.duration_min == 45
    cancelled = cancel_help_request(store, staff.helper, third)
    assert today(store, staff.helper, clock) == []
    with pytest.raises(HelpLogError, match="geannuleerd"):
        correct_help_request(store, staff.helper, cancelled, request(staff))

    with store.read() as session:
        chain = version_chain(session, second)
        assert [r.id for r in chain] == [first, second, third, cancelled]
        assert [r.supersedes for r in chain] == [None, first, second, third]
        assert [r.status for r in chain] == ["active", "active", "active", "cancelled"]
        assert {r.created_at for r in chain} == {datetime.fromisoformat(original["created_at"])}  # help's time
        assert chain[3].duration_min == 45  # a cancellation carries the last version's content
        unchanged = dict(session.execute(text("SELECT * FROM help_requests WHERE id = :id"), {"id": first})
                         .mappings().one())
        assert unchanged == original
        payloads = [json.loads(p) for p in session.scalars(select(OutboxEntry.payload).order_by(OutboxEntry.seq))]
    assert [p["id"] for p in payloads] == [first, second, third, cancelled]
    assert [p["supersedes"] for p in payloads] == [None, first, second, third]


def test_only_the_author_or_a_coordinator_may_correct(store, staff, clock):
    with store.transaction() as session:
        other = StaffUser.of(create_helper(session, "Bo Buur", "digihelper", "246913"))
    request_id = save_help_request(store, staff.helper, request(staff), clock.clock)
    with pytest.raises(HelpLogError, match="coördinator"):
        cancel_help_request(store, other, request_id)
    assert today(store, other, clock) == []  # a helper sees only their own
    assert [r.id for r in today(store, staff.coordinator, clock)] == [request_id]
    new_id = correct_help_request(store, staff.coordinator, request_id, request(staff, duration_min=60))
    with store.read() as session:
        assert session.get(HelpRequest, new_id).helper_id == staff.helper.id  # still who helped


def test_an_open_shift_sets_where_the_help_was_given(store, staff, clock):
    shift = start_shift(store, staff.helper, staff.bus, "Kerkplein", clock.clock)
    request_id = save_help_request(store, staff.helper, request(staff, channel="digibus", location_id=None),
                                   clock.clock)
    with store.read() as session:
        row = session.get(HelpRequest, request_id)
    assert (row.shift_id, row.location_id, row.stop_name) == (shift.id, staff.bus, "Kerkplein")


def test_todays_list_is_today_in_local_time(store, staff, clock):
    clock.now = clock.now.replace(hour=22, minute=30)  # 23:30 in Brussels
    late = save_help_request(store, staff.helper, request(staff), clock.clock)
    clock.advance(hours=1)  # 00:30 in Brussels: a new day
    assert today(store, staff.helper, clock) == []
    clock.advance(hours=-1, minutes=10)
    assert [r.id for r in today(store, staff.helper, clock)] == [late]


@pytest.mark.parametrize("changes, message", [
    (dict(topics=()), "minstens één onderwerp"),
    (dict(topics=("no-such-topic",)), "onderwerp bestaat niet"),
    (dict(location_id=None), "locatie"),
    (dict(location_id=str(uuid.uuid4())), "locatie"),
    (dict(note="x" * 300), "te lang"),
])
def test_invalid_requests_are_refused_in_dutch(store, staff, clock, changes, message):
    with pytest.raises(HelpLogError, match=message):
        save_help_request(store, staff.helper, request(staff, **changes), clock.clock)
    assert counts(store) == (0, 0)


def test_wire_validation_names_the_field_not_the_value(store, staff, clock):
    with pytest.raises(RecordError) as caught:
        save_help_request(store, staff.helper, request(staff, channel="telepathy", duration_min=0), clock.clock)
    assert "channel" in str(caught.value) and "duration_min" in str(caught.value)
    assert "telepathy" not in str(caught.value) and caught.value.__suppress_context__
    assert counts(store) == (0, 0)
