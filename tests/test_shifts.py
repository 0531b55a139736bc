"""Consultation hours, the end-of-day close, help calls and the coordinator's figures."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.core.helplog import HelpLogError, HelpRequestInput, cancel_help_request, form_context, save_help_request
from kiosk.core.shifts import (
    ShiftError,
    auto_close_stale_shifts,
    current_shift,
    end_shift,
    recent_stops,
    shift_context,
    start_shift,
)
from kiosk.core.stats import overview, volunteer_hours
from kiosk.core.store import meta_keys
from kiosk.core.store.models import Meta, OutboxEntry, Shift
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


# --- a kiosk records only for its own location; no second open shift -------------------------------
def enroll_at(store, location_id: str) -> None:
    """What kiosk/sync/engine.py writes at enrollment: the location the code was made for."""
    with store.transaction() as session:
        session.merge(Meta(key=meta_keys.LOCATION_ID, value=location_id))


def request_at(location_id: str | None = None) -> HelpRequestInput:
    return HelpRequestInput(topics=("email",), channel="walk-in", language="nl", duration_min=10,
                            outcome="solved", location_id=location_id)


def places(store, staff, clock) -> tuple[list[str], list[str]]:
    """(shift screen's places, help form's places)."""
    with store.read() as session:
        shift = shift_context(session, staff.helper.id, clock.clock)
        form = form_context(session, staff.helper, clock.clock)
    return [loc_id for loc_id, _n, _k in shift.locations], [loc_id for loc_id, _n, _k in form.locations]


def test_a_kiosk_without_a_server_offers_every_place_its_coordinator_set_up(store, staff, clock):
    assert places(store, staff, clock) == ([staff.bus, staff.fixed], [staff.bus, staff.fixed])
    start_shift(store, staff.helper, staff.bus, "Markt", clock.clock)
    end_shift(store, staff.helper, clock.clock)
    save_help_request(store, staff.helper, request_at(staff.fixed), clock.clock)


def test_an_enrolled_library_kiosk_records_only_for_the_library(store, staff, clock):
    enroll_at(store, staff.fixed)
    assert places(store, staff, clock) == ([staff.fixed], [staff.fixed])
    with pytest.raises(ShiftError, match="registreert alleen voor Bib Kessel-Lo"):
        start_shift(store, staff.helper, staff.bus, "Markt", clock.clock)
    with pytest.raises(HelpLogError, match="registreert alleen voor Bib Kessel-Lo"):
        save_help_request(store, staff.helper, request_at(staff.bus), clock.clock)
    assert outbox(store) == []
    save_help_request(store, staff.helper, request_at(staff.fixed), clock.clock)
    assert outbox(store)[0]["location_id"] == staff.fixed


def test_an_enrolled_digibus_kiosk_records_for_the_bus_at_its_stops(store, staff, clock):
    enroll_at(store, staff.bus)
    assert places(store, staff, clock) == ([staff.bus], [staff.bus])
    with pytest.raises(ShiftError, match="registreert alleen voor Digibus"):
        start_shift(store, staff.helper, staff.fixed, None, clock.clock)
    for stop in ("Markt", "Station"):
        start_shift(store, staff.helper, staff.bus, stop, clock.clock)
        clock.advance(hours=1)
        end_shift(store, staff.helper, clock.clock)
    with store.read() as session:
        assert shift_context(session, staff.helper.id, clock.clock).stops(staff.bus) == ("Station", "Markt")


def test_an_enrolled_kiosk_whose_location_has_not_arrived_offers_none_and_says_why(store, staff, clock):
    enroll_at(store, "00000000-0000-4000-8000-00000000000f")  # the first pull failed
    with store.read() as session:
        context = shift_context(session, staff.helper.id, clock.clock)
    assert context.locations == () and "nog niet van de server gekomen" in context.warning
    with pytest.raises(ShiftError, match="nog niet van de server gekomen"):
        start_shift(store, staff.helper, staff.fixed, None, clock.clock)


def test_a_second_start_is_refused_naming_the_open_shift(store, staff, clock):
    start_shift(store, staff.helper, staff.bus, "Markt", clock.clock)  # 10:00 in Brussels
    clock.advance(minutes=30)
    with pytest.raises(ShiftError, match=r"Je spreekuur op Digibus: Markt loopt al sinds 10:00\. Beëindig het eerst"):
        start_shift(store, staff.helper, staff.fixed, None, clock.clock)
    with store.read() as session:
        assert len(session.scalars(select(Shift).where(Shift.helper_id == staff.helper.id)).all()) == 1
    end_shift(store, staff.helper, clock.clock)
    start_shift(store, staff.helper, staff.fixed, None, clock.clock)  # after the end: one at a time


def test_a_shift_left_open_elsewhere_is_shown_and_blocks_records_until_ended(store, staff, clock):
    """A helper started at the digibus on this kiosk before it was enrolled for the library."""
    start_shift(store, staff.helper, staff.bus, "Markt", clock.clock)
    enroll_at(store, staff.fixed)
    clock.advance(hours=1)
    with store.read() as session:
        context = shift_context(session, staff.helper.id, clock.clock)
        form = form_context(session, staff.helper, clock.clock)
    assert context.shift.place == "Digibus: Markt"
    assert context.warning.startswith("Je spreekuur op Digibus: Markt loopt nog sinds 10:00.")
    assert form.warning == context.warning
    with pytest.raises(HelpLogError, match="loopt nog sinds 10:00"):
        save_help_request(store, staff.helper, request_at(staff.fixed), clock.clock)
    end_shift(store, staff.helper, clock.clock)
    with store.read() as session:
        assert shift_context(session, staff.helper.id, clock.clock).warning == ""
    start_shift(store, staff.helper, staff.fixed, None, clock.clock)
    save_help_request(store, staff.helper, request_at(), clock.clock)
    kinds = [(p.get("location_id"), "ended_at" in p) for p in outbox(store)]
    assert kinds == [(staff.bus, True), (staff.fixed, False)]


def test_a_shift_open_yesterday_never_overlaps_today(store, staff, clock):
    start_shift(store, staff.helper, staff.fixed, None, clock.clock)
    clock.advance(days=1)
    assert auto_close_stale_shifts(store, clock.clock) == 1
    start_shift(store, staff.helper, staff.fixed, None, clock.clock)  # no refusal: yesterday's is closed
