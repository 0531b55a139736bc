"""A device a coordinator puts in repair or retires reaches the kiosks of its location with that
status, and their register refuses to lend it until it is available again (a real server and a
real kiosk store and sync engine)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.core import lending as kiosk_lending
from kiosk.core.lending import LendingError
from sync.server import lending
from sync.server.models import LoanDevice
from tests.test_lending import key_file, loan_input, setup  # noqa: F401 (fixtures)


def set_status(server, device_id: str, status: str, condition: str = "good") -> None:
    def change(session):
        lending.set_device_status(session, session.get(LoanDevice, device_id), status, condition,
                                  datetime.now(UTC))
    server.admin(change)


def test_a_device_in_repair_or_retired_is_not_lent_by_the_kiosk(setup):  # noqa: F811
    server, make = setup
    kiosk = make()
    device_id = kiosk_lending.register_device(kiosk.store, kiosk.user, "LPT-3", "laptop", kiosk.clock.clock)
    kiosk.sync()
    due = kiosk.clock.clock.today() + timedelta(days=14)

    # The kiosk changed the device offline before the coordinator did: the coordinator's change wins.
    kiosk_lending.register_device(kiosk.store, kiosk.user, "LPT-3", "laptop", kiosk.clock.clock, condition="worn")
    set_status(server, device_id, "repair", "damaged")
    assert kiosk.sync().sent.created == 1
    assert server.admin(lambda s: (s.get(LoanDevice, device_id).status, s.get(LoanDevice, device_id).condition)) \
        == ("repair", "damaged")
    with kiosk.store.read() as session:
        found = kiosk_lending.find_device(session, "LPT-3")
    assert (found.status, found.condition) == ("repair", "damaged")
    with pytest.raises(LendingError, match="Toestel LPT-3 is in herstelling en kan niet uitgeleend worden"):
        kiosk_lending.lend(kiosk.store, kiosk.user, loan_input("LPT-3", due_on=due), kiosk.clock.clock)

    set_status(server, device_id, "retired")
    kiosk.sync()
    with kiosk.store.read() as session:
        assert [d.tag for d in kiosk_lending.devices(session)] == []  # a retired device is not offered
    with pytest.raises(LendingError, match="kan niet uitgeleend worden"):
        kiosk_lending.lend(kiosk.store, kiosk.user, loan_input("LPT-3", due_on=due), kiosk.clock.clock)

    set_status(server, device_id, "available", "worn")
    kiosk.sync()
    loan_id = kiosk_lending.lend(kiosk.store, kiosk.user, loan_input("LPT-3", due_on=due), kiosk.clock.clock)
    kiosk.sync()
    # Now out: the server refuses to retire it, and the kiosk's copy stays lent.
    with pytest.raises(lending.LendingError, match="is uitgeleend .* Neem het eerst terug op de kiosk"):
        set_status(server, device_id, "retired")
    assert server.admin(lambda s: s.scalar(select(LoanDevice.status).where(LoanDevice.id == device_id))) == "available"
    with kiosk.store.read() as session:
        (device,) = kiosk_lending.devices(session)
    assert (device.status, device.open_loan_id) == ("lent", loan_id)


def test_a_kiosk_that_changes_a_repaired_devices_model_keeps_it_in_repair(setup):  # noqa: F811
    server, make = setup
    kiosk = make()
    device_id = kiosk_lending.register_device(kiosk.store, kiosk.user, "LPT-4", "laptop", kiosk.clock.clock)
    kiosk.sync()
    set_status(server, device_id, "repair", "damaged")
    kiosk.sync()

    kiosk.clock.advance(minutes=5)
    kiosk_lending.register_device(kiosk.store, kiosk.user, "LPT-4", "laptop", kiosk.clock.clock, model="HP 250 G9")
    assert kiosk.sync().sent.created == 1
    assert server.admin(lambda s: (s.get(LoanDevice, device_id).status, s.get(LoanDevice, device_id).model)) \
        == ("repair", "HP 250 G9")
    with kiosk.store.read() as session:
        assert kiosk_lending.find_device(session, "LPT-4").status == "repair"
