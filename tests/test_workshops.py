"""Workshops: planned on the server, seen only by the kiosks of their location, attendance
recorded offline and synced exactly once, counted under skills with distinct people."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.core import workshops as kiosk_workshops
from kiosk.core.accounts import StaffUser
from kiosk.core.secrets import SecretStore
from kiosk.core.store import open_store
from kiosk.sync.engine import SyncEngine
from sync.server import admin, workshops
from tests.keyrings import MemoryKeyring
from tests.staffdata import MovableClock


def kiosk(server, data_dir, location: str):
    data_dir.mkdir()
    store = open_store(data_dir)
    engine = SyncEngine(store, SecretStore(data_dir, backend=MemoryKeyring()))
    engine.enroll(server.url, server.enroll_code(location), data_dir.name)
    assert engine.sync().ok
    return store, engine


def test_a_workshop_is_planned_recorded_offline_and_counted_once(live_server, tmp_path):
    started = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    library, library_sync = kiosk(live_server, tmp_path / "k1", "Bibliotheek Leuven")
    bus, bus_sync = kiosk(live_server, tmp_path / "k2", "Digibus Noord")

    def plan(session):
        place = admin.ensure_location(session, "Bibliotheek Leuven")[0]
        helper = admin.add_helper(session, "Ann", "coordinator", "357913", []).id
        workshop = workshops.plan_workshop(session, "Veilig online bankieren", started, place.id, 12,
                                           topic="banking", trainer="Lies")
        return workshop.id, helper, place.id
    workshop_id, helper_id, location_id = live_server.admin(plan)
    assert library_sync.sync().ok and bus_sync.sync().ok
    clock = MovableClock(now=datetime.now(UTC).replace(microsecond=0))
    user = StaffUser(helper_id, "Ann", "coordinator")
    with library.read() as session:
        (planned,) = kiosk_workshops.to_record(session, clock.clock)
        assert kiosk_workshops.upcoming(session, clock.clock) == []
    with bus.read() as session:
        assert kiosk_workshops.to_record(session, clock.clock) == []  # another location's workshop
    assert (planned.id, planned.title, planned.max_places) == (workshop_id, "Veilig online bankieren", 12)

    with pytest.raises(Exception, match="telefoonnummer"):
        kiosk_workshops.record_session(library, user, workshop_id, 5, clock.clock, note="bel 0470 12 34 56")
    with pytest.raises(kiosk_workshops.WorkshopError, match="meer bezoekerscodes"):
        kiosk_workshops.record_session(library, user, workshop_id, 1, clock.clock, visitor_codes=("a" * 64, "b" * 64))
    kiosk_workshops.record_session(library, user, workshop_id, 4, clock.clock, visitor_codes=("a" * 64,))
    clock.advance(minutes=5)
    kiosk_workshops.record_session(library, user, workshop_id, 5, clock.clock, visitor_codes=("a" * 64, "b" * 64),
                                   note="Twee mensen kwamen later")
    outcome = library_sync.sync()
    assert outcome.ok and outcome.sent.created == 2
    skills = live_server.admin(workshops.skills_between, started - timedelta(days=1), started + timedelta(days=1))
    assert (skills.sessions, skills.attendees, skills.visitor_codes) == (1, 5, frozenset({"a" * 64, "b" * 64}))
    only_bus = live_server.admin(workshops.skills_between, started - timedelta(days=1), started + timedelta(days=1),
                                 frozenset({"elsewhere"}))
    assert only_bus.sessions == 0
    assert live_server.admin(workshops.attendance) == {workshop_id: 5}
    library.close()
    bus.close()
