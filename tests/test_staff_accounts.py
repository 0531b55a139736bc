"""Managing helpers on a kiosk that was never enrolled: the rules in kiosk/core/accounts.py against a
real store, and the "staff-accounts" screen in the real window."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QPushButton
from sqlalchemy import select

from kiosk.core import accounts, shifts
from kiosk.core.accounts import (
    ENROLLED_MESSAGE,
    MAX_FAILED_PINS,
    AccountError,
    HelperList,
    HelperRow,
    StaffUser,
    active_helpers,
    add_helper,
    create_helper,
    deactivate,
    helper_rows,
    login,
    reset_pin,
)
from kiosk.core.demo import DEMO_HELPER_NAME
from kiosk.core.store import meta_keys, open_store
from kiosk.core.store.db import DB_FILE
from kiosk.core.store.models import Helper, Meta, Shift
from sync.pins import secret_matches
from tests.staffdata import OTHER_PIN, PIN, MovableClock, add_staff
from tests.test_helper_ui import click, current, log_in, rows

NEW_PIN = "604817"


@pytest.fixture
def store(data_dir):
    s = open_store(data_dir)
    yield s
    s.close()


def pin_hash(store, helper_id: str) -> str:
    with store.read() as session:
        return session.get(Helper, helper_id).pin_hash


def enroll(store) -> None:
    with store.transaction() as session:
        session.add(Meta(key=meta_keys.DEVICE_ID, value="device-1"))


# --- core rules --------------------------------------------------------------------------------
def test_a_coordinator_adds_a_helper_with_an_argon2id_hash_who_can_log_in(store, data_dir):
    staff, clock = add_staff(store), MovableClock()
    added = add_helper(store, staff.coordinator, "  Sara Vermeulen ", "digihelper", NEW_PIN)
    assert added.display_name == "Sara Vermeulen" and added.role == "digihelper"
    stored = pin_hash(store, added.id)
    assert stored.startswith("$argon2id$") and NEW_PIN not in stored
    assert login(store, added.id, NEW_PIN, clock.clock).user == added
    store.close()
    raw = b"".join(p.read_bytes() for p in data_dir.glob(DB_FILE + "*"))
    assert NEW_PIN.encode() not in raw  # not in the database file or its WAL


def test_only_a_coordinator_manages_helpers(store):
    staff = add_staff(store)
    before = pin_hash(store, staff.coordinator.id)
    with pytest.raises(AccountError, match="Alleen een coördinator"):
        add_helper(store, staff.helper, "Sara", "digihelper", NEW_PIN)
    with pytest.raises(AccountError, match="Alleen een coördinator"):
        reset_pin(store, staff.helper, staff.coordinator.id, NEW_PIN, MovableClock().clock)
    with pytest.raises(AccountError, match="Alleen een coördinator"):
        deactivate(store, staff.helper, staff.coordinator.id)
    with store.read() as session:
        assert [h.display_name for h in active_helpers(session)] == ["An Helper", "Cor Coördinator"]
    assert pin_hash(store, staff.coordinator.id) == before  # the refused reset changed nothing
    assert secret_matches(before, OTHER_PIN)


def test_the_role_is_checked_in_the_store_not_taken_from_the_login(store):
    staff = add_staff(store)
    second = add_helper(store, staff.coordinator, "Lies", "coordinator", NEW_PIN)
    deactivate(store, second, staff.coordinator.id)
    # The StaffUser still says "coordinator", but that account no longer exists.
    with pytest.raises(AccountError, match="Alleen een coördinator"):
        add_helper(store, staff.coordinator, "Sara", "digihelper", NEW_PIN)


@pytest.mark.parametrize("pin", ["12345", "12a456", "111111", "123456", "987654"])
def test_pin_rules_hold_for_new_helpers_and_new_pins(store, pin):
    staff = add_staff(store)
    with pytest.raises(AccountError, match="pincode"):
        add_helper(store, staff.coordinator, "Sara", "digihelper", pin)
    before = pin_hash(store, staff.helper.id)
    with pytest.raises(AccountError, match="pincode"):
        reset_pin(store, staff.coordinator, staff.helper.id, pin, MovableClock().clock)
    assert pin_hash(store, staff.helper.id) == before
    with store.read() as session:
        assert len(active_helpers(session)) == 2


def test_names_must_be_given_short_enough_and_not_taken(store):
    staff = add_staff(store)
    for name, message in (("   ", "naam"), ("x" * 81, "hoogstens 80"), ("an helper", "al een medewerker")):
        with pytest.raises(AccountError, match=message):
            add_helper(store, staff.coordinator, name, "digihelper", NEW_PIN)
    with pytest.raises(AccountError, match="rol"):
        add_helper(store, staff.coordinator, "Sara", "admin", NEW_PIN)
    # A name of someone who stopped may be used again.
    deactivate(store, staff.coordinator, staff.helper.id)
    assert add_helper(store, staff.coordinator, "An Helper", "digihelper", NEW_PIN).display_name == "An Helper"


def test_a_coordinator_reset_sets_the_pin_and_unlocks_the_account(store):
    staff, clock = add_staff(store), MovableClock()
    for _ in range(MAX_FAILED_PINS):
        login(store, staff.helper.id, "000001", clock.clock)
    assert login(store, staff.helper.id, PIN, clock.clock).locked_minutes == 5
    assert helper_rows_by_name(store, clock)["An Helper"].locked_minutes == 5
    reset_pin(store, staff.coordinator, staff.helper.id, NEW_PIN, clock.clock)
    with store.read() as session:
        helper = session.get(Helper, staff.helper.id)
        assert helper.locked_until is None and helper.failed_pins == 0
    assert not login(store, staff.helper.id, PIN, clock.clock).ok  # the old PIN is gone
    assert login(store, staff.helper.id, NEW_PIN, clock.clock).ok  # no waiting for the lock


def test_own_pin_change_needs_the_current_pin_and_counts_wrong_ones(store):
    staff, clock = add_staff(store), MovableClock()
    with pytest.raises(AccountError, match="huidige pincode"):
        reset_pin(store, staff.helper, staff.helper.id, NEW_PIN, clock.clock)  # none given
    with pytest.raises(AccountError, match="nog 4 keer"):
        reset_pin(store, staff.helper, staff.helper.id, NEW_PIN, clock.clock, current_pin="000001")
    with store.read() as session:
        assert session.get(Helper, staff.helper.id).failed_pins == 1  # kept although it raised
    assert login(store, staff.helper.id, "000002", clock.clock).attempts_left == 3  # one counter with login
    reset_pin(store, staff.helper, staff.helper.id, NEW_PIN, clock.clock, current_pin=PIN)
    assert login(store, staff.helper.id, NEW_PIN, clock.clock).ok
    # A coordinator changing their own PIN types the current one too.
    with pytest.raises(AccountError, match="huidige pincode"):
        reset_pin(store, staff.coordinator, staff.coordinator.id, NEW_PIN, clock.clock)


def test_own_pin_change_locks_after_too_many_wrong_current_pins(store):
    staff, clock = add_staff(store), MovableClock()
    for _ in range(MAX_FAILED_PINS - 1):
        with pytest.raises(AccountError, match="klopt niet"):
            reset_pin(store, staff.helper, staff.helper.id, NEW_PIN, clock.clock, current_pin="000001")
    with pytest.raises(AccountError, match="vergrendeld.*over 5 minuten"):
        reset_pin(store, staff.helper, staff.helper.id, NEW_PIN, clock.clock, current_pin="000001")
    with pytest.raises(AccountError, match="vergrendeld"):  # even the right one, while locked
        reset_pin(store, staff.helper, staff.helper.id, NEW_PIN, clock.clock, current_pin=PIN)
    assert login(store, staff.helper.id, PIN, clock.clock).locked_minutes == 5


def test_deactivated_helpers_stay_for_their_records_but_cannot_log_in(store):
    staff, clock = add_staff(store), MovableClock()
    shift = shifts.start_shift(store, staff.helper, staff.fixed, None, clock.clock)
    deactivate(store, staff.coordinator, staff.helper.id)
    with pytest.raises(AccountError, match="niet meer actief"):  # e.g. a second tap
        deactivate(store, staff.coordinator, staff.helper.id)
    with store.read() as session:
        helper = session.get(Helper, staff.helper.id)
        assert helper is not None and not helper.active
        assert session.scalar(select(Shift.helper_id).where(Shift.id == shift.id)) == staff.helper.id
        assert [h.display_name for h in active_helpers(session)] == ["Cor Coördinator"]
    with pytest.raises(AccountError, match="bestaat niet meer"):
        login(store, staff.helper.id, PIN, clock.clock)
    with pytest.raises(AccountError, match="niet meer actief"):
        reset_pin(store, staff.coordinator, staff.helper.id, NEW_PIN, clock.clock)
    assert helper_rows_by_name(store, clock)["An Helper"].active is False


def test_the_last_active_coordinator_cannot_be_deactivated(store):
    staff = add_staff(store)
    with pytest.raises(AccountError, match="laatste coördinator"):
        deactivate(store, staff.coordinator, staff.coordinator.id)
    second = add_helper(store, staff.coordinator, "Lies", "coordinator", NEW_PIN)
    deactivate(store, staff.coordinator, staff.coordinator.id)  # another one is left
    with pytest.raises(AccountError, match="laatste coördinator"):
        deactivate(store, second, second.id)
    with store.read() as session:
        assert [(h.display_name, h.role) for h in active_helpers(session)] == [("An Helper", "digihelper"),
                                                                              ("Lies", "coordinator")]


def test_an_enrolled_kiosk_refuses_every_change(store):
    staff, clock = add_staff(store), MovableClock()
    before = pin_hash(store, staff.helper.id)
    enroll(store)
    for change in (lambda: add_helper(store, staff.coordinator, "Sara", "digihelper", NEW_PIN),
                   lambda: reset_pin(store, staff.coordinator, staff.helper.id, NEW_PIN, clock.clock),
                   lambda: reset_pin(store, staff.helper, staff.helper.id, NEW_PIN, clock.clock, current_pin=PIN),
                   lambda: deactivate(store, staff.coordinator, staff.helper.id)):
        with pytest.raises(AccountError) as refused:
            change()
        assert str(refused.value) == ENROLLED_MESSAGE
    assert pin_hash(store, staff.helper.id) == before
    with store.read() as session:
        assert len(active_helpers(session)) == 2 and accounts.is_enrolled(session)


def test_helper_rows_list_active_helpers_first(store):
    staff, clock = add_staff(store), MovableClock()
    add_helper(store, staff.coordinator, "bea", "digihelper", NEW_PIN)
    deactivate(store, staff.coordinator, staff.helper.id)
    with store.read() as session:
        listed = [(r.display_name, r.role, r.active) for r in helper_rows(session, clock.clock)]
    assert listed == [("bea", "digihelper", True), ("Cor Coördinator", "coordinator", True),
                      ("An Helper", "digihelper", False)]


def helper_rows_by_name(store, clock) -> dict:
    with store.read() as session:
        return {row.display_name: row for row in helper_rows(session, clock.clock)}


# --- the screen ----------------------------------------------------------------------------------
def open_accounts(qtbot, window):
    log_in(qtbot, window, DEMO_HELPER_NAME)
    click(qtbot, window.screens["staff-menu"].buttons["accounts"])
    screen = window.screens["staff-accounts"]
    qtbot.waitUntil(lambda: current(window) == "staff-accounts" and bool(screen.helpers))
    return screen


def row_button(qtbot, screen, accessible_name: str) -> QPushButton:
    """A row's button, once shown (rows added to a shown list appear at the next event-loop pass)."""
    def find():
        return next((b for b in screen.findChildren(QPushButton)
                     if b.accessibleName() == accessible_name and b.isVisible()), None)
    qtbot.waitUntil(lambda: find() is not None)
    return find()


def type_on_keypad(qtbot, screen, pin: str) -> None:
    for digit in pin:
        click(qtbot, screen.keypad.keys[digit])


def test_coordinator_adds_a_helper_who_then_logs_in(qtbot, window):
    screen = open_accounts(qtbot, window)
    click(qtbot, screen.add_button)
    assert "typt zelf een pincode van minstens 6 cijfers" in screen.hand_over.text()  # hand it over
    qtbot.keyClicks(screen.name, "Sara Vermeulen")
    click(qtbot, screen.role.buttons["digihelper"])
    type_on_keypad(qtbot, screen, NEW_PIN)
    click(qtbot, screen.next_button)
    assert "nog eens" in screen.step_label.text() and screen.keypad.digits == ""
    type_on_keypad(qtbot, screen, NEW_PIN)
    assert screen.next_button.text() == "Opslaan"
    click(qtbot, screen.next_button)
    qtbot.waitUntil(lambda: screen.message.role == "marker")
    assert "Sara Vermeulen is toegevoegd" in screen.message.text()
    qtbot.waitUntil(lambda: "Sara Vermeulen" in [h.display_name for h in screen.helpers])  # listed
    [(stored,)] = rows(window, "SELECT pin_hash FROM helpers WHERE display_name = 'Sara Vermeulen'")
    assert stored.startswith("$argon2id$") and screen.entered == {}

    window.staff.logout()
    log_in(qtbot, window, "Sara Vermeulen", NEW_PIN)
    assert window.staff_user.display_name == "Sara Vermeulen" and not window.staff_user.is_coordinator

    # A digihelper changes their own PIN: only their own account, no other button
    menu = window.screens["staff-menu"]
    assert menu.buttons["accounts"].text() == "Mijn pincode"
    click(qtbot, menu.buttons["accounts"])
    qtbot.waitUntil(lambda: current(window) == "staff-accounts" and screen.rows.count() == 2)  # a row + stretch
    assert len(screen.helpers) == 2  # the kiosk has two; she sees hers
    assert [h.display_name for h in screen.listed.rows_for(window.staff_user)] == ["Sara Vermeulen"]
    assert not screen.add_button.isVisible()
    qtbot.waitUntil(lambda: row_button(qtbot, screen, "Pincode wijzigen van Sara Vermeulen") is not None)
    assert not [b for b in screen.findChildren(QPushButton) if b.isVisible() and (
        "Deactiveren" in b.text() or b.accessibleName() == f"Pincode wijzigen van {DEMO_HELPER_NAME}")]
    click(qtbot, row_button(qtbot, screen, "Pincode wijzigen van Sara Vermeulen"))
    for pin in (NEW_PIN, "604818", "604818"):  # current, new, new again
        type_on_keypad(qtbot, screen, pin)
        click(qtbot, screen.next_button)
    qtbot.waitUntil(lambda: screen.message.text() == "Je pincode is gewijzigd.")
    window.staff.logout()
    log_in(qtbot, window, "Sara Vermeulen", "604818")


def test_a_second_pin_that_differs_starts_the_pin_over(qtbot, window):
    screen = open_accounts(qtbot, window)
    click(qtbot, screen.add_button)
    qtbot.keyClicks(screen.name, "Sara")
    type_on_keypad(qtbot, screen, NEW_PIN)
    click(qtbot, screen.next_button)
    type_on_keypad(qtbot, screen, "604818")
    click(qtbot, screen.next_button)
    assert "niet gelijk" in screen.editor_message.text()
    assert "nieuwe pincode" in screen.step_label.text() and "new" not in screen.entered
    # A PIN that is too easy is refused before it has to be typed twice.
    type_on_keypad(qtbot, screen, "111111")
    click(qtbot, screen.next_button)
    assert "te makkelijk" in screen.editor_message.text() and "nieuwe pincode" in screen.step_label.text()
    assert rows(window, "SELECT count(*) FROM helpers") == [(1,)]


def test_a_coordinator_gives_a_locked_helper_a_new_pin(qtbot, window):
    window.db_tasks.wait()  # the window's start-up store work
    with window.runtime.store.transaction() as session:
        bo = create_helper(session, "Bo Buur", "digihelper", OTHER_PIN)
        bo.locked_until = window.staff.clock.now() + timedelta(minutes=5)  # as after 5 wrong PINs
    screen = open_accounts(qtbot, window)
    new_pin = row_button(qtbot, screen, "Pincode wijzigen van Bo Buur")
    assert any("vergrendeld" in label.text() for label in screen.findChildren(QLabel) if label.isVisible())
    click(qtbot, new_pin)
    assert "Geef de computer aan Bo Buur" in screen.hand_over.text() and not screen.name.isVisible()
    for _ in range(2):
        type_on_keypad(qtbot, screen, NEW_PIN)
        click(qtbot, screen.next_button)
    qtbot.waitUntil(lambda: screen.message.role == "marker")
    assert screen.message.text() == "De pincode van Bo Buur is gewijzigd."
    window.staff.logout()
    log_in(qtbot, window, "Bo Buur", NEW_PIN)


def test_deactivating_asks_once_and_takes_the_name_off_the_login(qtbot, window):
    with window.runtime.store.transaction() as session:
        create_helper(session, "Bo Buur", "digihelper", OTHER_PIN)
    screen = open_accounts(qtbot, window)
    off = row_button(qtbot, screen, "Bo Buur deactiveren")
    click(qtbot, off)
    assert screen.confirm_dialog is not None and screen.confirm_dialog.isVisible()
    screen.confirm_dialog.done(QDialog.DialogCode.Rejected)
    assert rows(window, "SELECT active FROM helpers WHERE display_name = 'Bo Buur'") == [(1,)]
    click(qtbot, off)
    screen.confirm_dialog.done(QDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: screen.message.role == "marker")
    assert rows(window, "SELECT active FROM helpers WHERE display_name = 'Bo Buur'") == [(0,)]
    window.staff.logout()
    window.request_staff_access()
    login_screen = window.screens["staff-login"]
    # The login reloads its names when shown; before that it still holds the earlier list.
    qtbot.waitUntil(lambda: current(window) == "staff-login"
                    and [b.text() for b in login_screen.name_buttons.values()] == [DEMO_HELPER_NAME])


def test_an_enrolled_kiosk_shows_the_helpers_read_only(qtbot, window):
    enroll(window.runtime.store)
    screen = open_accounts(qtbot, window)
    assert screen.intro.text() == ENROLLED_MESSAGE
    assert not screen.add_button.isVisible()
    labels = {b.text() for b in screen.findChildren(QPushButton) if b.isVisible()}
    assert not labels & {"Pincode wijzigen", "Deactiveren", "Nieuwe medewerker"}
    assert [h.display_name for h in screen.helpers] == [DEMO_HELPER_NAME]


def test_a_session_reset_logs_out_and_forgets_the_typed_pin(qtbot, window):
    screen = open_accounts(qtbot, window)
    click(qtbot, screen.add_button)
    qtbot.keyClicks(screen.name, "Sara")
    type_on_keypad(qtbot, screen, NEW_PIN)
    click(qtbot, screen.next_button)
    assert screen.entered == {"new": NEW_PIN}
    type_on_keypad(qtbot, screen, "60")
    window.reset_visitor_session()
    assert window.staff_user is None and current(window) == "home"
    assert screen.entered == {} and screen.keypad.digits == "" and screen.name.text() == ""
    assert screen.helpers == () and screen.pages.currentIndex() == 0


def test_everyone_changes_their_own_pin_a_coordinator_anyones_and_nobody_on_an_enrolled_kiosk():
    rows = (HelperRow("c", "Cor", "coordinator", True, 0), HelperRow("h", "An", "digihelper", True, 0),
            HelperRow("o", "Bo", "digihelper", True, 0))
    cor, an = StaffUser("c", "Cor", "coordinator"), StaffUser("h", "An", "digihelper")
    local = HelperList(False, rows)
    assert local.rows_for(cor) == rows and local.rows_for(an) == (rows[1],) and local.rows_for(None) == ()
    assert local.may_change_pin(an, "h") and not local.may_change_pin(an, "o") and local.may_change_pin(cor, "o")
    assert not local.may_change_pin(None, "h")
    enrolled = HelperList(True, rows)
    assert not enrolled.may_change_pin(an, "h") and not enrolled.may_change_pin(cor, "c")
