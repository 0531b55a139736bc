"""The set-up code flow end to end: the console adds a helper and shows a one-time code; on a real
kiosk window (connected to the live server through its first-run screen, syncing with the real sync
client) the helper types the code and a PIN twice and then logs in. The code works once, and a
kiosk of another location is refused."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from kiosk.core.secrets import SecretStore
from kiosk.core.store import open_store
from kiosk.sync.engine import SyncEngine
from kiosk.sync.status import SyncError
from sync.server.models import Helper
from tests.test_first_run_enroll import WAIT, enroll, open_enrollment
from tests.test_helper_ui import button_with_text, click

PIN = "582914"


def console_code(client, name: str, location_id: str) -> str:
    page = client.post("/console/digihelpers", {"name": name, "role": "digihelper", "location_id": location_id})
    assert page.status_code == 200, page.text[:500]
    return re.search(r'class="bigcode">([A-Z0-9-]{14})<', page.text).group(1)


def type_on(qtbot, keypad, digits: str) -> None:
    for digit in digits:
        click(qtbot, keypad.keys[digit])


def set_pin(qtbot, window, code: str, first: str = PIN, second: str = PIN):
    screen = window.screens["staff-pin-setup"]
    screen.code_input.clear()
    qtbot.keyClicks(screen.code_input, code)
    type_on(qtbot, screen.keypad, first)
    click(qtbot, screen.next_button)
    assert screen.step.text() == "Typ dezelfde pincode nog eens."
    type_on(qtbot, screen.keypad, second)
    click(qtbot, screen.next_button)
    return screen


def test_a_helper_sets_their_pin_on_a_kiosk_with_the_console_code_and_logs_in(
        qtbot, fresh_window, console, memory_keyring, tmp_path):
    window = fresh_window
    library = console.places["Bibliotheek Leuven"]
    coord = console.as_user("coord")
    code = console_code(coord, "Dina Nieuw", library)

    _setup, form = open_enrollment(qtbot, window)
    enroll(qtbot, form, console.server.url, console.server.enroll_code("Bibliotheek Leuven"))
    qtbot.waitUntil(lambda: window.current_screen_name() == "staff-login", timeout=WAIT)
    login = window.screens["staff-login"]
    qtbot.waitUntil(lambda: not login.setup_code_button.isHidden())
    assert "Dina Nieuw" not in [b.text() for b in login.name_buttons.values()]  # no PIN yet: not on the kiosk

    click(qtbot, login.setup_code_button)
    assert window.current_screen_name() == "staff-pin-setup"
    screen = window.screens["staff-pin-setup"]
    # PIN rules are said at once; two different PINs start the PIN over.
    qtbot.keyClicks(screen.code_input, code)
    type_on(qtbot, screen.keypad, "111111")
    click(qtbot, screen.next_button)
    assert screen.message.text() == "Deze pincode is te makkelijk te raden. Kies een andere reeks cijfers."
    type_on(qtbot, screen.keypad, PIN)
    click(qtbot, screen.next_button)
    type_on(qtbot, screen.keypad, "582915")
    click(qtbot, screen.next_button)
    assert screen.message.text().startswith("De twee pincodes zijn niet gelijk.")
    assert screen.first_pin is None and screen.step.text() == "Typ je nieuwe pincode."

    set_pin(qtbot, window, code.lower())  # typed loosely
    qtbot.waitUntil(lambda: window.current_screen_name() == "staff-login", timeout=WAIT)
    qtbot.waitUntil(lambda: login.message.text().startswith("Je pincode is ingesteld, Dina Nieuw."), timeout=WAIT)
    assert login.name_buttons[login.helper_id].text() == "Dina Nieuw"  # already chosen
    for digit in PIN:
        click(qtbot, login.keypad.keys[digit])
    click(qtbot, login.login_button)
    qtbot.waitUntil(lambda: window.current_screen_name() == "staff-menu", timeout=WAIT)
    assert window.staff_user.display_name == "Dina Nieuw" and not window.staff_user.is_coordinator
    assert console.server.admin(lambda s: s.query(Helper).filter_by(display_name="Dina Nieuw").one().pin_hash)

    # The code works once.
    window.staff.logout()
    window.request_staff_access()
    qtbot.waitUntil(lambda: window.current_screen_name() == "staff-login")
    click(qtbot, button_with_text(qtbot, login, "Ik heb een instelcode"))
    screen = set_pin(qtbot, window, code, "739164", "739164")
    qtbot.waitUntil(lambda: not screen.busy, timeout=WAIT)
    assert screen.message.text().startswith("Deze instelcode klopt niet, is al gebruikt of is verlopen")
    assert window.current_screen_name() == "staff-pin-setup"
    assert screen.code_input.text() == code  # to correct a typo, not to type it all again

    # A kiosk of another location (its real sync client) is refused for this helper's code.
    other_code = console_code(coord, "Eddy Elders", library)
    (tmp_path / "bus").mkdir()
    bus = SyncEngine(open_store(tmp_path / "bus"), SecretStore(tmp_path / "bus", allow_file=True))
    bus.enroll(console.server.url, console.server.enroll_code("Digibus Noord", "digibus"), "bus")
    with pytest.raises(SyncError) as refused:
        bus.setup_helper(other_code, PIN)
    assert refused.value.kind == "setup-other-location"
    bus.store.close()


def test_without_a_connection_the_screen_says_so(qtbot, fresh_window, console, memory_keyring):
    window = fresh_window
    code = console_code(console.as_user("admin"), "Fien", console.places["Bibliotheek Leuven"])
    _setup, form = open_enrollment(qtbot, window)
    enroll(qtbot, form, console.server.url, console.server.enroll_code("Bibliotheek Leuven"))
    qtbot.waitUntil(lambda: window.current_screen_name() == "staff-login", timeout=WAIT)
    console.server.stop()  # the server goes away
    click(qtbot, button_with_text(qtbot, window.screens["staff-login"], "Ik heb een instelcode"))
    screen = set_pin(qtbot, window, code)
    qtbot.waitUntil(lambda: not screen.busy, timeout=WAIT)
    assert screen.message.text().startswith("Dit kan alleen als de kiosk verbonden is met de server.")
    qtbot.keyClick(screen.code_input, Qt.Key.Key_A)  # still editable
