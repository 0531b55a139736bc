"""A brand-new kiosk connected to the central server from the first-run screen, against a real server
(uvicorn on 127.0.0.1; SQLite, and PostgreSQL when DIGIPUNT_TEST_PG_URL is set)."""
from __future__ import annotations

import json
import logging
import socket

import keyring
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from kiosk.core import accounts
from kiosk.core.store.models import Location
from sync.server import admin
from sync.server.models import Device
from tests.test_helper_ui import button_with_text, click, type_pin

WAIT = 10_000
SARA_PIN = "592817"


def staff_gesture(window) -> None:
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)


def open_enrollment(qtbot, window):
    staff_gesture(window)
    qtbot.waitUntil(lambda: window.current_screen_name() == "staff-setup")
    setup = window.screens["staff-setup"]
    assert setup.pages.currentWidget() is setup.choice_page
    assert setup.connect_tile.isVisible() and setup.create_tile.isVisible()
    click(qtbot, setup.connect_tile)
    assert setup.pages.currentWidget() is setup.enroll_page and setup.title.text() == "Verbinden met de centrale server"
    return setup, setup.enroll_form


def enroll(qtbot, form, url: str, code: str) -> None:
    form.url_input.clear()
    qtbot.keyClicks(form.url_input, url)
    qtbot.keyClicks(form.code_input, code)
    click(qtbot, form.submit_button)


def first_run(window) -> bool:
    with window.runtime.store.read() as session:
        return accounts.needs_first_run(session)


def devices(server) -> list:
    return server.admin(lambda s: s.scalars(select(Device.id)).all())


def test_new_kiosk_connects_from_first_run_and_a_helper_from_the_server_logs_in(
        qtbot, fresh_window, live_server, memory_keyring):
    window = fresh_window
    live_server.admin(admin.add_helper, "Sara Janssens", "coordinator", SARA_PIN)
    live_server.admin(admin.add_helper, "Tom Peeters", "digihelper", "731864")
    code = live_server.enroll_code("Bibliotheek Leuven")
    assert window.sync is None  # a kiosk without a server runs no sync service

    setup, form = open_enrollment(qtbot, window)
    enroll(qtbot, form, live_server.url, code)
    assert not setup.enroll_back.isEnabled()  # no way to the coordinator form while the server answers
    qtbot.waitUntil(lambda: window.current_screen_name() == "staff-login", timeout=WAIT)

    login = window.screens["staff-login"]
    button_with_text(qtbot, login, "Sara Janssens")
    assert sorted(b.text() for b in login.name_buttons.values()) == ["Sara Janssens", "Tom Peeters"]
    with window.runtime.store.read() as session:
        assert [h.display_name for h in accounts.active_helpers(session)] == ["Sara Janssens", "Tom Peeters"]
        assert session.scalars(select(Location.name)).all() == ["Bibliotheek Leuven"]
    assert not first_run(window) and len(devices(live_server)) == 1
    assert memory_keyring.get_password("digipunt", "device-token")  # the token went to the key store

    # The sync service runs from now on (and starts at the next start-up: the enrollment is stored).
    from kiosk.ui.shared.screen import has_server
    assert window.sync is not None and has_server(window)
    qtbot.waitUntil(lambda: window.sync.view.status is not None and window.sync.view.status.enrolled
                    and window.sync.view.online and not window.sync.view.running, timeout=WAIT)
    assert window.sync.view.error is None

    click(qtbot, button_with_text(qtbot, login, "Sara Janssens"))
    type_pin(qtbot, window, SARA_PIN)
    click(qtbot, login.login_button)
    qtbot.waitUntil(lambda: window.current_screen_name() == "staff-menu", timeout=WAIT)
    assert window.staff_user.display_name == "Sara Janssens" and window.staff_user.is_coordinator

    window.staff.logout()
    staff_gesture(window)  # first run is over: the gesture opens the login
    qtbot.waitUntil(lambda: window.current_screen_name() == "staff-login")


def test_wrong_code_no_server_or_bad_address_say_so_and_keep_the_first_run_screen(
        qtbot, fresh_window, live_server, memory_keyring):
    window = fresh_window
    setup, form = open_enrollment(qtbot, window)

    enroll(qtbot, form, live_server.url, "NOPE-NOPE-NOPE")
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    assert form.message.text() == ("Deze code klopt niet, is al gebruikt of is verlopen (een code is 24 uur geldig). "
                                   "Vraag de coördinator een nieuwe code.")
    assert window.current_screen_name() == "staff-setup" and setup.pages.currentWidget() is setup.enroll_page
    assert form.code_input.text() == "NOPE-NOPE-NOPE"  # to correct a typo, not to type it all again
    assert first_run(window) and devices(live_server) == []

    with socket.socket() as sock:  # a port where nothing listens
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    form.code_input.clear()
    enroll(qtbot, form, closed, "K7QX-M2PA-9RTD")
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    assert form.message.text().startswith("Digipunt vindt de server niet. Kijk of het internet werkt")

    form.code_input.clear()
    enroll(qtbot, form, "http://sync.digipunt.be", "K7QX-M2PA-9RTD")
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    assert form.message.text() == "Dit serveradres kan niet: het moet een https://-adres zijn. Bijvoorbeeld: " \
                                  "https://sync.digipunt.be"

    # Still a first run: back to the choice, and the coordinator path is open.
    assert setup.enroll_back.isEnabled()
    click(qtbot, setup.enroll_back)
    assert setup.pages.currentWidget() is setup.choice_page and setup.title.text() == "Eerste keer instellen"
    click(qtbot, setup.create_tile)
    assert setup.pages.currentWidget() is setup.coordinator_page and setup.name.isVisible()
    assert first_run(window)


def test_without_a_secure_key_store_staff_are_told_the_folder_and_can_allow_the_file_right_there(
        qtbot, fresh_window, live_server, caplog):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        window = fresh_window
        data_dir = window.runtime.data_dir
        _setup, form = open_enrollment(qtbot, window)
        code = live_server.enroll_code()
        enroll(qtbot, form, live_server.url, code)
        qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
        assert form.message.text().startswith("Deze computer heeft geen veilige sleutelbos")
        assert f"in de gegevensmap {data_dir} " in form.message.text()  # the real folder
        assert devices(live_server) == [] and first_run(window)  # the single-use code was not spent
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]  # calm: no traceback
        assert any("no secure key store" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)

        # The documented fallback, ticked on this screen: settings.json, then on without a restart
        assert form.allow_file.isVisible() and not form.allow_file.isChecked()
        click(qtbot, form.allow_file)
        qtbot.waitUntil(lambda: form.message.text().startswith("Toegestaan."), timeout=WAIT)
        assert json.loads((data_dir / "settings.json").read_text())["allow_secret_file"] is True
        assert window.runtime.settings.allow_secret_file
        click(qtbot, form.submit_button)  # the code is still in the field
        qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
        qtbot.waitUntil(lambda: len(devices(live_server)) == 1, timeout=WAIT)
        qtbot.waitUntil(lambda: window.current_screen_name() == "staff-login", timeout=WAIT)  # connected
        assert json.loads((data_dir / "secrets.json").read_text())["device-token"]
        assert not form.allow_file.isVisible()
    finally:
        keyring.set_keyring(previous)


def test_a_kiosk_that_got_a_helper_meanwhile_is_not_enrolled_from_first_run(
        qtbot, fresh_window, live_server, memory_keyring):
    window = fresh_window
    _setup, form = open_enrollment(qtbot, window)
    with window.runtime.store.transaction() as session:  # e.g. set up in the meantime
        accounts.create_helper(session, "Mia", "coordinator", "482916")
    enroll(qtbot, form, live_server.url, live_server.enroll_code())
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    assert form.message.text() == "Deze computer is al ingesteld. Meld je aan met je naam en pincode."
    assert devices(live_server) == [] and window.current_screen_name() == "staff-setup"
