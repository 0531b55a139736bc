"""Consultation hours, the end-of-day close, help calls and the coordinator's figures."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.core.helpcalls import HelpCallError, create_call, open_calls, take_call
from kiosk.core.helplog import HelpRequestInput, cancel_help_request, save_help_request
from kiosk.core.shifts import ShiftError, auto_close_stale_shifts, current_shift, end_shift, recent_stops, start_shift
from kiosk.core.stats import overview, volunteer_hours
from kiosk.core.store.models import OutboxEntry, Shift
from sync.protocol import ShiftRecord, content_hash
from tests.staffdata import BRUSSELS_WINTER


def outbox(store) -> list[dict]:
    with store.read() as session:
        return [json.loads(e.payload) for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]


def test_shift_start_end_and_duration(store, staff, clock):
    started = start_shift(store, staff.helper, staff.fixed, "ignored for a fixed digipunt", clock.clock)
    assert started.stop_name is None and started.place == "Bib Kessel-Lo"
    with pytest.raises(ShiftError, match="loopt al"):
        start_shift(store, staff.helper, staff.fixed, None, clock.clock)
    assert outbox(store) == []  # an open shift is not a record yet
    clock.advance(hours=2, minutes=15)
    with store.read() as session:
        assert current_shift(session, staff.helper.id).duration(clock.clock) == timedelta(hours=2, minutes=15)
    ended = end_shift(store, staff.helper, clock.clock)
    assert ended.duration(clock.clock) == timedelta(hours=2, minutes=15) and not ended.auto_closed
    [payload] = outbox(store)
    record = ShiftRecord.model_validate(payload)
    assert str(record.id) == ended.id and record.ended_at == clock.now and not record.auto_closed
    with store.read() as session:
        entry = session.scalar(select(OutboxEntry))
        assert entry.kind == "shift" and entry.content_hash == content_hash(payload)
        assert current_shift(session, staff.helper.id) is None
    with pytest.raises(ShiftError, match="geen spreekuur"):
        end_shift(store, staff.helper, clock.clock)


def test_digibus_needs_a_stop_and_remembers_recent_ones(store, staff, clock):
    with pytest.raises(ShiftError, match="halte"):
        start_shift(store, staff.helper, staff.bus, "  ", clock.clock)
    for stop in ("Kerkplein", "Markt Heverlee", "Kerkplein"):
        start_shift(store, staff.helper, staff.bus, stop, clock.clock)
        clock.advance(hours=1)
        end_shift(store, staff.helper, clock.clock)
    with store.read() as session:
        assert recent_stops(session, staff.bus) == ["Kerkplein", "Markt Heverlee"]
        assert recent_stops(session, staff.fixed) == []


def test_open_shift_is_closed_at_the_end_of_its_day_and_marked(store, staff, clock):
    clock.now = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)  # 14:00 in Brussels
    start_shift(store, staff.helper, staff.fixed, None, clock.clock)
    clock.advance(hours=6)  # 20:00 the same evening: still today, left alone
    assert auto_close_stale_shifts(store, clock.clock) == 0
    clock.advance(hours=12)  # the next morning
    assert auto_close_stale_shifts(store, clock.clock) == 1
    assert auto_close_stale_shifts(store, clock.clock) == 0
    with store.read() as session:
        shift = session.scalar(select(Shift))
    midnight = datetime(2026, 11, 25, 0, 0, tzinfo=BRUSSELS_WINTER)
    assert shift.auto_closed and shift.ended_at == midnight
    [payload] = outbox(store)
    assert payload["auto_closed"] is True and ShiftRecord.model_validate(payload).ended_at == midnight
    # The helper can start today's shift afterwards.
    start_shift(store, staff.helper, staff.fixed, None, clock.clock)


def test_help_calls_are_listed_taken_once_and_expire(store, staff, clock):
    old = create_call(store, "itsme", 1, clock.clock)
    clock.advance(hours=3)
    call = create_call(store, "taxonweb", 4, clock.clock)
    anonymous = create_call(store, None, None, clock.clock)
    with store.read() as session:
        assert [c.id for c in open_calls(session, clock.clock)] == [call.id, anonymous.id]  # old one expired
    taken = take_call(store, call.id, staff.helper, clock.clock)
    assert (taken.walkthrough_id, taken.step_index) == ("taxonweb", 4)
    with pytest.raises(HelpCallError, match="al aangenomen"):
        take_call(store, call.id, staff.coordinator, clock.clock)
    with store.read() as session:
        assert [c.id for c in open_calls(session, clock.clock)] == [anonymous.id]
    assert old.id != call.id and outbox(store) == []  # calls never leave the kiosk


def test_coordinator_figures(store, staff, clock):
    clock.now = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    data = HelpRequestInput(topics=("itsme",), channel="walk-in", language="nl", duration_min=20,
                            outcome="solved", location_id=staff.fixed)
    start_shift(store, staff.helper, staff.fixed, None, clock.clock)
    save_help_request(store, staff.helper, data, clock.clock)
    cancelled = save_help_request(store, staff.helper, data, clock.clock)
    cancel_help_request(store, staff.helper, cancelled)
    clock.advance(hours=3)
    end_shift(store, staff.helper, clock.clock)
    clock.advance(days=-10)  # earlier this month
    save_help_request(store, staff.coordinator, HelpRequestInput(**{**data.__dict__, "duration_min": 45}), clock.clock)
    start_shift(store, staff.coordinator, staff.fixed, None, clock.clock)
    clock.advance(hours=1, minutes=30)
    end_shift(store, staff.coordinator, clock.clock)
    clock.advance(days=10)

    with store.read() as session:
        figures = overview(session, clock.clock)
        hours = volunteer_hours(session, clock.clock, 2026, 11)
        october = volunteer_hours(session, clock.clock, 2026, 10)
    assert (figures.today.requests, figures.today.help_minutes, figures.today.shift_minutes) == (1, 20, 180)
    assert (figures.month.requests, figures.month.help_minutes, figures.month.shift_minutes) == (2, 65, 270)
    assert figures.waiting_to_sync == 6  # 3 request versions, 1 more request, 2 shifts
    assert [(h.display_name, h.minutes, h.shifts) for h in hours] == [("An Helper", 180, 1),
                                                                       ("Cor Coördinator", 90, 1)]
    assert [h.minutes for h in october] == [0, 0]
