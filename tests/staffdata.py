"""Test data for the helper area: a movable clock and helpers and locations in a store (the
fixtures `store`, `staff` and `clock` in conftest.py are built on these)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

from kiosk.core.accounts import StaffUser, create_helper
from kiosk.core.clock import Clock
from kiosk.core.store.models import Location

BRUSSELS_WINTER = timezone(timedelta(hours=1))  # fixed offset: no tz database needed on Windows
PIN = "357913"
OTHER_PIN = "864202"


@dataclass
class MovableClock:
    """A Clock whose time only moves when the test says so."""

    now: datetime = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    clock: Clock = field(init=False)

    def __post_init__(self):
        self.clock = Clock(lambda: self.now, BRUSSELS_WINTER)

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@dataclass
class Staff:
    helper: StaffUser
    coordinator: StaffUser
    fixed: str  # location ids
    bus: str


def add_staff(store) -> Staff:
    with store.transaction() as session:
        helper = create_helper(session, "An Helper", "digihelper", PIN)
        coordinator = create_helper(session, "Cor Coördinator", "coordinator", OTHER_PIN)
        fixed = Location(id="00000000-0000-4000-8000-000000000001", name="Bib Kessel-Lo", kind="fixed", active=True)
        bus = Location(id="00000000-0000-4000-8000-000000000002", name="Digibus", kind="digibus", active=True)
        session.add_all([fixed, bus])
        return Staff(StaffUser.of(helper), StaffUser.of(coordinator), fixed.id, bus.id)
