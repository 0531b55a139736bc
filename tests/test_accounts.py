"""Helper accounts: argon2id PIN hashes, login with a lock-out that survives a restart, first run."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.core.accounts import (
    LOCK_DURATION,
    MAX_FAILED_PINS,
    AccountError,
    create_first_coordinator,
    hash_pin,
    login,
    needs_first_run,
)
from kiosk.core.store import meta_keys, open_store
from kiosk.core.store.db import DB_FILE
from kiosk.core.store.models import Helper, Location, Meta
from tests.staffdata import PIN, MovableClock, add_staff


@pytest.fixture
def store(data_dir):
    s = open_store(data_dir)
    yield s
    s.close()


def test_pin_is_stored_only_as_an_argon2id_hash(store, data_dir):
    staff = add_staff(store)
    with store.read() as session:
        stored = session.get(Helper, staff.helper.id).pin_hash
    assert stored.startswith("$argon2id$") and PIN not in stored
    store.close()
    raw = b"".join(p.read_bytes() for p in data_dir.glob(DB_FILE + "*"))
    assert PIN.encode() not in raw  # not in the database file or its WAL


@pytest.mark.parametrize("pin", ["12345", "12a456", "111111", "123456", "987654"])
def test_weak_or_short_pins_are_refused(pin):
    with pytest.raises(AccountError):
        hash_pin(pin)


def test_right_pin_logs_in_and_resets_the_counter(store):
    staff, clock = add_staff(store), MovableClock()
    assert login(store, staff.helper.id, "000001", clock.clock).attempts_left == MAX_FAILED_PINS - 1
    result = login(store, staff.helper.id, PIN, clock.clock)
    assert result.ok and result.user == staff.helper and not result.user.is_coordinator
    with store.read() as session:
        assert session.get(Helper, staff.helper.id).failed_pins == 0


def test_five_wrong_pins_lock_the_account_across_a_restart(data_dir):
    store = open_store(data_dir)
    staff, clock = add_staff(store), MovableClock()
    for attempt in range(1, MAX_FAILED_PINS):
        result = login(store, staff.helper.id, "000001", clock.clock)
        assert not result.ok and result.attempts_left == MAX_FAILED_PINS - attempt and not result.locked_minutes
    locked = login(store, staff.helper.id, "000001", clock.clock)
    assert not locked.ok and locked.locked_minutes == 5
    # The other account is not affected.
    assert login(store, staff.coordinator.id, "864202", clock.clock).ok
    store.close()

    store = open_store(data_dir)  # the kiosk restarts
    clock.advance(minutes=2, seconds=30)
    still = login(store, staff.helper.id, PIN, clock.clock)  # even the right PIN waits
    assert not still.ok and still.locked_minutes == 3
    clock.advance(seconds=LOCK_DURATION.total_seconds() - 150)
    assert login(store, staff.helper.id, PIN, clock.clock).ok
    with store.read() as session:
        helper = session.get(Helper, staff.helper.id)
        assert helper.failed_pins == 0 and helper.locked_until is None
    store.close()


def test_inactive_helper_cannot_log_in(store):
    staff, clock = add_staff(store), MovableClock()
    with store.transaction() as session:
        session.get(Helper, staff.helper.id).active = False
    with pytest.raises(AccountError):
        login(store, staff.helper.id, PIN, clock.clock)


def test_first_run_creates_one_coordinator_and_a_location_once(store):
    with store.read() as session:
        assert needs_first_run(session)
    user = create_first_coordinator(store, "  Mia Coördinator ", "482916", "Digipunt Bib", "fixed")
    assert user.is_coordinator and user.display_name == "Mia Coördinator"
    with store.read() as session:
        assert not needs_first_run(session)
        assert session.scalars(select(Location.name)).all() == ["Digipunt Bib"]
    with pytest.raises(AccountError, match="al medewerkers"):
        create_first_coordinator(store, "Someone Else", "482916", "Elders", "fixed")
    assert login(store, user.id, "482916", MovableClock().clock).ok


def test_no_first_run_on_an_enrolled_kiosk_without_helpers(store):
    with store.transaction() as session:
        session.add(Meta(key=meta_keys.DEVICE_ID, value="3f1c"))
    with store.read() as session:
        assert not needs_first_run(session)


def test_first_run_checks_its_input(store):
    with pytest.raises(AccountError, match="naam van deze digipunt"):
        create_first_coordinator(store, "Mia", "482916", "  ", "fixed")
    with pytest.raises(AccountError, match="pincode"):
        create_first_coordinator(store, "Mia", "1234", "Bib", "fixed")
    with store.read() as session:
        assert needs_first_run(session)  # nothing half-written
