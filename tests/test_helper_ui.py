"""The helper area in the real window: login, tap-only recording, help calls, logout on reset."""
from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select, text

from kiosk.core.accounts import StaffUser, create_helper
from kiosk.core.demo import DEMO_HELPER_PIN
from kiosk.core.secrets import SecretStore
from kiosk.core.store.models import HelpRequest
from kiosk.core.visitor_code import VisitorCoder, compute
from tests.keyrings import MemoryKeyring

OTHER_PIN = "975310"


def current(window) -> str:
    return window.current_screen_name()


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_pin(qtbot, window, pin: str) -> None:
    login = window.screens["staff-login"]
    for digit in pin:
        click(qtbot, login.keypad.keys[digit])


def log_in(qtbot, window, name: str | None = None, pin: str = DEMO_HELPER_PIN) -> None:
    window.request_staff_access()
    login = window.screens["staff-login"]
    qtbot.waitUntil(lambda: current(window) == "staff-login")
    if name is not None:
        click(qtbot, button_with_text(qtbot, login, name))
    qtbot.waitUntil(login.keypad.isEnabled)  # names loaded (a single helper is chosen for you)
    type_pin(qtbot, window, pin)
    click(qtbot, login.login_button)
    qtbot.waitUntil(lambda: current(window) == "staff-menu")


def open_form(qtbot, window):
    menu = window.screens["staff-menu"]
    click(qtbot, menu.buttons["form"])
    form = window.screens["staff-help-form"]
    qtbot.waitUntil(lambda: form.context is not None)
    return form


def rows(window, sql: str) -> list[tuple]:
    """Read with a separate plain connection: what is committed, nothing else."""
    conn = sqlite3.connect(window.runtime.store.path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def add_digihelper(window) -> StaffUser:
    with window.runtime.store.transaction() as session:
        return StaffUser.of(create_helper(session, "Bo Buur", "digihelper", OTHER_PIN))


def fill_required(qtbot, form, topic="health", duration="45", outcome="solved") -> None:
    for chips, code in ((form.topics, topic), (form.duration, duration), (form.outcome, outcome)):
        click(qtbot, chips.buttons[code])
    if form.location.isVisible():  # no shift running: say where the help was given
        click(qtbot, next(iter(form.location.buttons.values())))


def button_with_text(qtbot, screen, label: str) -> QPushButton:
    """A visible button on screen (rows added to a shown list appear at the next event-loop pass)."""
    def find():
        return next((b for b in screen.findChildren(QPushButton) if b.text() == label and b.isVisible()), None)
    qtbot.waitUntil(lambda: find() is not None)
    return find()


def test_login_by_name_and_keypad_shows_the_menu(qtbot, window):
    log_in(qtbot, window)
    assert window.staff_user is not None and window.staff_user.is_coordinator
    menu = window.screens["staff-menu"]
    offered = menu.offered()
    assert {"form", "today", "shift", "calls", "overview"} <= set(offered)
    assert menu.buttons["overview"].isVisible()


def test_keyboard_digits_and_lock_out_message(qtbot, window):
    window.request_staff_access()
    login = window.screens["staff-login"]
    qtbot.waitUntil(lambda: current(window) == "staff-login" and login.helper_id is not None)
    for attempt in range(4):
        qtbot.keyClicks(login.keypad, "000001")
        qtbot.keyClick(login.keypad, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda left=4 - attempt: f"nog {left} keer" in login.message.text())
    qtbot.keyClicks(login.keypad, "000001")
    qtbot.keyClick(login.keypad, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "vergrendeld" in login.message.text())
    assert "over 5 minuten" in login.message.text() and login.message.isVisible()
    # Even the right PIN is refused while locked.
    qtbot.keyClicks(login.keypad, DEMO_HELPER_PIN)
    qtbot.keyClick(login.keypad, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not login._busy)
    assert current(window) == "staff-login" and window.staff_user is None
    assert login.keypad.digits == ""  # the PIN does not linger in the widget


def test_record_a_request_with_taps_only(qtbot, window):
    log_in(qtbot, window)
    form = open_form(qtbot, window)
    assert not form.save_button.isEnabled() and "onderwerp" in form.message.text()
    fill_required(qtbot, form, topic="itsme", duration="15", outcome="partly")
    click(qtbot, form.referrals.buttons["digibuddy"])
    assert rows(window, "SELECT count(*) FROM help_requests") == [(0,)]
    with qtbot.waitSignal(window.record_saved, timeout=5000):
        click(qtbot, form.save_button)
    # The signal comes after the commit, and "Opgeslagen" with it.
    assert form.message.text().startswith("Opgeslagen")
    [(request_id, topics, duration, outcome, referrals)] = rows(
        window, "SELECT id, topics, duration_min, outcome, referrals FROM help_requests")
    assert (json.loads(topics), duration, outcome, json.loads(referrals)) == (["itsme"], 15, "partly", ["digibuddy"])
    [(record_id, state, payload)] = rows(window, "SELECT record_id, state, payload FROM outbox")
    assert record_id == request_id and state == "pending" and json.loads(payload)["duration_min"] == 15
    # The form is ready for the next visitor.
    assert form.topics.selected() == [] and form.duration.value() is None


def test_failed_save_keeps_the_form_and_never_says_saved(qtbot, window):
    log_in(qtbot, window)
    form = open_form(qtbot, window)
    with window.runtime.store.transaction() as session:
        session.execute(text("CREATE TRIGGER full_disk BEFORE INSERT ON outbox "
                             "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"))
    fill_required(qtbot, form, topic="email", duration="30")
    click(qtbot, form.save_button)
    qtbot.waitUntil(lambda: form.message.role == "banner")
    assert "Opgeslagen" not in form.message.text() and "Probeer het opnieuw" in form.message.text()
    assert form.topics.selected() == ["email"] and form.duration.value() == "30" and form.save_button.isEnabled()
    assert rows(window, "SELECT count(*) FROM help_requests") == [(0,)]


def test_note_with_personal_data_is_refused_and_not_logged(qtbot, window, data_dir):
    log_in(qtbot, window)
    form = open_form(qtbot, window)
    fill_required(qtbot, form, topic="banking", duration="10")
    note = "mail naar an.peeters@telenet.be"
    qtbot.keyClicks(form.note, note)
    click(qtbot, form.save_button)
    assert "e-mailadres" in form.message.text() and form.message.role == "banner"
    assert form.note.text() == note  # kept, so the helper can remove just that part
    window.db_tasks.wait()
    assert rows(window, "SELECT count(*) FROM help_requests") == [(0,)]
    stored = b"".join(p.read_bytes() for p in data_dir.iterdir() if p.is_file())
    assert b"telenet" not in stored  # not in the database, its WAL or the log


def test_visitor_code_is_kept_and_the_facts_are_not(qtbot, window, data_dir):
    backend = MemoryKeyring()
    window.staff.visitor_coder = VisitorCoder(SecretStore(data_dir, backend=backend))
    log_in(qtbot, window)
    form = open_form(qtbot, window)
    click(qtbot, form.code.button)
    dialog = form.code.dialog
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.initials, "j.p.")
    for digit in "05091948":
        click(qtbot, dialog.keypad.keys[digit])
    assert dialog.birth_display.text() == "05-09-1948"
    click(qtbot, dialog.make_button)
    assert dialog.initials.text() == "" and dialog.keypad.digits == ""  # cleared before hashing
    qtbot.waitUntil(lambda: form.code.code is not None)
    key = bytes.fromhex(backend.items[("digipunt", "visitor-code-key")])
    code = compute(key, "JP", date(1948, 9, 5))
    assert form.code.code == code and form.code.state.text() == "Code toegevoegd."
    fill_required(qtbot, form)
    with qtbot.waitSignal(window.record_saved, timeout=5000):
        click(qtbot, form.save_button)
    assert rows(window, "SELECT visitor_code FROM help_requests") == [(code,)]
    stored = b"".join(p.read_bytes() for p in data_dir.iterdir() if p.is_file())
    assert code.encode() in stored
    for fact in (b"1948-09-05", b"05091948", b"j.p.", b"05-09-1948"):
        assert fact not in stored


def test_impossible_birth_date_is_explained_to_the_visitor(qtbot, window, data_dir):
    window.staff.visitor_coder = VisitorCoder(SecretStore(data_dir, backend=MemoryKeyring()))
    log_in(qtbot, window)
    form = open_form(qtbot, window)
    click(qtbot, form.code.button)
    dialog = form.code.dialog
    qtbot.keyClicks(dialog.initials, "AB")
    for digit in "31021990":
        click(qtbot, dialog.keypad.keys[digit])
    click(qtbot, dialog.make_button)
    assert "bestaat niet" in dialog.error_line.text() and dialog.isVisible()
    assert form.code.code is None


def test_visitor_code_dialog_speaks_the_visitors_language_and_keeps_the_keypad_left_to_right(
        qtbot, window, data_dir):
    window.staff.visitor_coder = VisitorCoder(SecretStore(data_dir, backend=MemoryKeyring()))
    log_in(qtbot, window)
    form = open_form(qtbot, window)
    window.prefs.set(language="fr")
    click(qtbot, form.code.button)
    dialog = form.code.dialog
    assert dialog.birth_display.text() == "jj-mm-aaaa"
    qtbot.keyClicks(dialog.initials, "AB")
    for digit in "3102":
        click(qtbot, dialog.keypad.keys[digit])
    assert dialog.birth_display.text() == "31-02-aaaa"
    click(qtbot, dialog.make_button)
    assert dialog.error_line.text().startswith("Tapez votre date de naissance en 8 chiffres")
    for digit in "1990":
        click(qtbot, dialog.keypad.keys[digit])
    click(qtbot, dialog.make_button)
    assert dialog.error_line.text() == "Cette date n'existe pas. Vérifiez le jour, le mois et l'année."
    qtbot.waitUntil(lambda: all(key.height() >= 56 for key in dialog.keypad.keys.values()))  # room for the message
    dialog.reject()
    window.prefs.set(language="ar")
    click(qtbot, form.code.button)
    keys = form.code.dialog.keypad.keys
    assert form.code.dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert keys["1"].x() < keys["2"].x() < keys["3"].x()  # as on a phone, also in Arabic


def test_help_call_reaches_the_helper_who_registers_the_help_afterwards(qtbot, window):
    log_in(qtbot, window)  # a helper with a shift on this kiosk: the visitor's call reaches someone
    menu = window.screens["staff-menu"]
    places = window.api.shift_context(window.staff_user).locations
    window.api.start_shift(window.staff_user, next(loc for loc, _name, kind in places if kind != "digibus"), None)
    window.go_home()
    window.prefs.set(language="tr")  # a Turkish visitor
    window.walkthroughs.open("itsme")
    window.call_for_help("itsme", 2)
    banner = window.call_banner
    qtbot.waitUntil(lambda: banner.state == "reached" and banner.isVisible())
    window.call_for_help("itsme", 2)  # a second tap shows the open call, no second call
    assert banner.property("flash") and len(window.api.open_calls()) == 1
    assert banner.title.text() == "Bir dijital yardımcıya haber verildi"
    window.prefs.set(language="nl")  # the help's language is the call's, whatever this kiosk shows later
    log_in(qtbot, window)
    menu = window.screens["staff-menu"]
    qtbot.waitUntil(lambda: menu.buttons["calls"].text() == "Oproepen (1)")
    assert "wacht een bezoeker" in menu.status.text()
    click(qtbot, menu.buttons["calls"])
    calls = window.screens["staff-calls"]
    qtbot.waitUntil(lambda: len(calls.calls) == 1)
    what, _when = calls.describe(calls.calls[0])
    assert "stap 3 van 8" in what and window.staff.walkthrough("itsme").title("nl") in what
    # Taking the call sends the helper to the visitor: no form yet, nothing happened so far.
    click(qtbot, button_with_text(qtbot, calls, "Aannemen"))
    assert current(window) == "staff-calls" and window.api.open_calls() == () and banner.state == "taken"
    assert "Ga naar" in calls.message.text() and len(calls.taken) == 1
    click(qtbot, calls.menu_button)
    qtbot.waitUntil(lambda: "Registreer nog de hulp" in menu.status.text())
    click(qtbot, menu.buttons["calls"])
    click(qtbot, button_with_text(qtbot, calls, "Hulp registreren"))  # after the help
    form = window.screens["staff-help-form"]
    qtbot.waitUntil(lambda: current(window) == "staff-help-form" and form.context is not None)
    assert form.topics.selected() == ["itsme"] and "stap 3" in form.where.text()
    assert form.language.value() == "tr"  # the visitor's language, not Dutch
    fill_required(qtbot, form, topic="itsme", duration="15")
    form.topics.set_selected(["itsme"])
    with qtbot.waitSignal(window.record_saved, timeout=5000):
        click(qtbot, form.save_button)
    assert rows(window, "SELECT language FROM help_requests") == [("tr",)]
    assert window.api.taken_calls(window.staff_user) == ()  # registered: gone from the list
    tables = {name for (name,) in rows(window, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "help_calls" not in tables and "help_requests" in tables  # calls are never stored


def test_the_form_speaks_of_the_visitors_session_language(qtbot, window):
    window.prefs.set(language="uk")
    log_in(qtbot, window)
    assert open_form(qtbot, window).language.value() == "uk"
    window.reset_visitor_session()  # the next visitor's session is Dutch again
    log_in(qtbot, window)
    assert open_form(qtbot, window).language.value() == "nl"


def test_logging_out_gives_the_visitor_back_their_guide_at_its_step(qtbot, window):
    window.walkthroughs.open("itsme")
    view = window.walkthroughs.view
    click(qtbot, view.next_button)
    click(qtbot, view.choice_buttons[1])  # the bank's way
    log_in(qtbot, window)
    form = open_form(qtbot, window)
    fill_required(qtbot, form, topic="itsme", duration="10")
    with qtbot.waitSignal(window.record_saved, timeout=5000):
        click(qtbot, form.save_button)
    click(qtbot, form.logout_button)
    assert current(window) == "walkthrough" and window.staff_user is None
    assert view.walkthrough.meta.steps[view.index].id == "bank" and view.counter.text() == "Stap 3 van 6"
    window.go_home()
    click(qtbot, window.home._tiles[0][0])  # the itsme tile goes on at the same step
    assert current(window) == "walkthrough" and view.walkthrough.meta.steps[view.index].id == "bank"


def test_a_call_taken_by_a_colleague_says_so(qtbot, window):
    call, _new, _on_duty = window.api.call_for_help(None, None, "PC 1")
    log_in(qtbot, window)
    click(qtbot, window.screens["staff-menu"].buttons["calls"])
    calls = window.screens["staff-calls"]
    qtbot.waitUntil(lambda: len(calls.calls) == 1)
    window.api.take_call(call.id, add_digihelper(window))
    click(qtbot, button_with_text(qtbot, calls, "Aannemen"))
    qtbot.waitUntil(lambda: "al aangenomen" in calls.message.text())
    assert current(window) == "staff-calls"
    qtbot.waitUntil(lambda: not calls.calls)


def test_correct_and_cancel_from_todays_list(qtbot, window):
    log_in(qtbot, window)
    form = open_form(qtbot, window)
    fill_required(qtbot, form, topic="email", duration="10")
    with qtbot.waitSignal(window.record_saved, timeout=5000):
        click(qtbot, form.save_button)
    click(qtbot, form.menu_button)
    click(qtbot, window.screens["staff-menu"].buttons["today"])
    today = window.screens["staff-today"]
    qtbot.waitUntil(lambda: len(today.listed.requests) == 1)
    first_id = today.listed.requests[0].id
    click(qtbot, button_with_text(qtbot, today, "Corrigeren"))
    qtbot.waitUntil(lambda: form.context is not None and form.correcting is not None)
    assert form.title.text() == "Hulpvraag corrigeren" and form.duration.value() == "10"
    click(qtbot, form.duration.buttons["30"])
    with qtbot.waitSignal(window.record_saved, timeout=5000):
        click(qtbot, form.save_button)
    with window.runtime.store.read() as session:
        latest = session.scalar(select(HelpRequest).where(HelpRequest.supersedes == first_id))
        assert latest.duration_min == 30 and session.get(HelpRequest, first_id).duration_min == 10

    # Back on today's list, not on an empty form
    assert current(window) == "staff-today" and today.message.text() == "Gecorrigeerd."
    assert form.correcting is None and not form.topics.selected()
    qtbot.waitUntil(lambda: [r.id for r in today.listed.requests] == [latest.id])
    cancel = button_with_text(qtbot, today, "Annuleren")
    click(qtbot, cancel)
    dialog = today.cancel_dialog
    assert dialog is not None
    when = window.api.clock.local(latest.created_at).strftime("%H:%M")
    assert dialog.title.text() == f"Hulpvraag van {when} annuleren?"
    assert dialog.text.text().startswith("E-mail, 30 min.")
    qtbot.waitUntil(dialog.isVisible)
    row = cancel.parentWidget()
    row_rect = QRect(row.mapToGlobal(QPoint(0, 0)), row.size())
    assert not dialog.frameGeometry().intersects(row_rect)  # the row asked about stays in view
    with qtbot.waitSignal(window.record_saved, timeout=5000):
        today.cancel_dialog.accept()
    qtbot.waitUntil(lambda: not today.listed.requests)
    assert rows(window, "SELECT status FROM help_requests ORDER BY rowid") == [("active",), ("active",), ("cancelled",)]
    assert rows(window, "SELECT count(*) FROM outbox") == [(3,)]


def test_shift_at_a_digibus_stop(qtbot, window):
    log_in(qtbot, window)
    click(qtbot, window.screens["staff-menu"].buttons["shift"])
    shift = window.screens["staff-shift"]
    qtbot.waitUntil(lambda: bool(shift.location.buttons))
    bus = next(loc_id for loc_id, _name, kind in shift.context.locations if kind == "digibus")
    click(qtbot, shift.location.buttons[bus])
    assert not shift.start_button.isEnabled()  # which stop?
    qtbot.keyClicks(shift.other_stop, "Kerkplein")
    click(qtbot, shift.start_button)
    qtbot.waitUntil(lambda: shift.shift is not None)
    assert "Kerkplein" in shift.status.text() and shift.end_button.isVisible()
    with qtbot.waitSignal(window.record_saved, timeout=5000):
        click(qtbot, shift.end_button)
    qtbot.waitUntil(lambda: shift.shift is None)
    assert shift.message.text().startswith("Opgeslagen")
    [(stop, ended)] = rows(window, "SELECT stop_name, ended_at FROM shifts")
    assert stop == "Kerkplein" and ended is not None
    assert rows(window, "SELECT kind FROM outbox") == [("shift",)]


def test_digihelper_sees_no_coordinator_buttons(qtbot, window):
    add_digihelper(window)
    log_in(qtbot, window, name="Bo Buur", pin=OTHER_PIN)
    menu = window.screens["staff-menu"]
    assert not window.staff_user.is_coordinator
    assert not ({"overview", "settings", "exit"} & set(menu.offered()))
    assert not menu.buttons["overview"].isVisible()


def test_leaving_the_area_or_a_session_reset_logs_out(qtbot, window):
    log_in(qtbot, window)
    window.go_home()  # any visitor screen (the visitor bar itself is hidden on staff screens)
    assert window.staff_user is None and current(window) == "home"
    log_in(qtbot, window)
    window.show_screen("staff-overview")
    window.reset_visitor_session()
    assert window.staff_user is None and current(window) == "home"
    # A staff screen shown without a login sends to the login.
    window.show_screen("staff-overview")
    qtbot.waitUntil(lambda: current(window) == "staff-login")


def test_first_run_creates_the_coordinator(qtbot, tmp_path, qapp):
    from kiosk.core.runtime import bootstrap
    from kiosk.ui.main_window import MainWindow

    runtime = bootstrap(tmp_path / "fresh", demo=False)
    window = MainWindow(runtime, qapp)
    qtbot.addWidget(window)
    try:
        window.show()
        window.request_staff_access()
        setup = window.screens["staff-setup"]
        qtbot.waitUntil(lambda: current(window) == "staff-setup")
        click(qtbot, setup.create_tile)  # the other choice connects to a server (test_first_run_enroll.py)
        qtbot.keyClicks(setup.name, "Mia Peeters")
        qtbot.keyClicks(setup.location, "Digipunt Bib Kessel-Lo")
        qtbot.keyClicks(setup.pin, "482916")
        qtbot.keyClicks(setup.pin_again, "482961")
        click(qtbot, setup.create_button)
        assert "niet gelijk" in setup.message.text() and setup.pin.text() == ""
        qtbot.keyClicks(setup.pin, "482916")
        qtbot.keyClicks(setup.pin_again, "482916")
        click(qtbot, setup.create_button)
        qtbot.waitUntil(lambda: current(window) == "staff-menu")
        assert window.staff_user.display_name == "Mia Peeters" and window.staff_user.is_coordinator
        assert rows(window, "SELECT name, kind FROM locations") == [("Digipunt Bib Kessel-Lo", "fixed")]
    finally:
        window.close()
        runtime.close()


def test_an_enrolled_kiosk_offers_only_its_own_place_and_warns_of_a_shift_open_elsewhere(qtbot, window):
    from kiosk.core.store import meta_keys
    from kiosk.core.store.models import Location, Meta

    with window.runtime.store.read() as session:
        ids = {loc.kind: loc.id for loc in session.scalars(select(Location))}
    log_in(qtbot, window)
    window.api.start_shift(window.staff_user, ids["digibus"], "Markt")  # before this kiosk was enrolled
    with window.runtime.store.transaction() as session:
        session.add(Meta(key=meta_keys.LOCATION_ID, value=ids["fixed"]))
    click(qtbot, window.screens["staff-menu"].buttons["shift"])
    shift = window.screens["staff-shift"]
    qtbot.waitUntil(lambda: shift.shift is not None)
    assert list(shift.location.buttons) == [ids["fixed"]]
    assert shift.warning.isVisible() and "Digibus (demo): Markt loopt nog" in shift.warning.text()
    with qtbot.waitSignal(window.record_saved, timeout=5000):
        click(qtbot, shift.end_button)
    qtbot.waitUntil(lambda: shift.shift is None)
    assert not shift.warning.isVisible()
    assert [b.text() for b in shift.location.buttons.values()] == ["Digipunt Bibliotheek (demo)"]
    assert shift.location.value() == ids["fixed"] and shift.start_button.isEnabled()
    click(qtbot, shift.menu_button)
    form = open_form(qtbot, window)
    assert list(form.location.buttons) == [ids["fixed"]] and form.location.value() == ids["fixed"]


def test_staff_screens_show_staff_controls_only_and_the_logout_always(qtbot, window):
    bar = window.visitor_bar_frame
    assert bar.isVisible() and window.session.stop_button.isVisible()
    window.request_staff_access()
    qtbot.waitUntil(lambda: current(window) == "staff-login")
    assert not bar.isVisible() and window.screens["staff-login"].cancel_button.isVisible()
    log_in(qtbot, window)
    for name in ("staff-menu", "staff-help-form", "staff-today", "staff-shift", "staff-calls", "staff-overview",
                 "staff-accounts", "staff-settings", "staff-sync"):
        screen = window.show_screen(name)
        assert not bar.isVisible() and not window.session.stop_button.isVisible(), name
        assert not window.language_button.isVisible(), name
        assert screen.logout_button.isVisible() and screen.logout_button.text() == "Afmelden", name
    click(qtbot, window.screens["staff-sync"].logout_button)
    assert current(window) == "home" and bar.isVisible() and window.session.stop_button.isVisible()


def test_a_coordinator_makes_or_types_the_location_key_on_a_kiosk_without_a_server(qtbot, window, memory_keyring):
    from kiosk.core.helpcalls import LOCATION_KEY_NAME

    log_in(qtbot, window)  # the demo helper is a coordinator
    menu = window.screens["staff-menu"]
    click(qtbot, menu.buttons["call-key"])
    screen = window.screens["staff-call-key"]
    qtbot.waitUntil(lambda: screen.state is not None)
    assert screen.current.text() == "Nog geen sleutel: oproepen blijven op deze computer."
    screen.typed.setText("abc18")  # too short, and 1 and 8 are not in the alphabet
    click(qtbot, screen.save_button)
    qtbot.waitUntil(lambda: "24 letters" in screen.message.text())
    assert memory_keyring.get_password("digipunt", LOCATION_KEY_NAME) is None
    click(qtbot, screen.new_button)
    qtbot.waitUntil(lambda: screen.state.code is not None)
    made = screen.state.code
    assert screen.current.text() == f"Sleutel van deze computer: {made}" and len(made.replace(" ", "")) == 24
    screen.typed.setText("qrst qrst qrst qrst qrst qrst")  # the key of the location's other kiosks
    click(qtbot, screen.save_button)
    qtbot.waitUntil(lambda: screen.state.code == "QRST QRST QRST QRST QRST QRST")
    assert "Opgeslagen" in screen.message.text()
    assert [v for (_s, name), v in memory_keyring.items.items() if name == LOCATION_KEY_NAME] == [
        "QRSTQRSTQRSTQRSTQRSTQRST"]
    # A digihelper is not offered the screen, and the core refuses them too.
    helper = add_digihelper(window)
    menu.window_.staff_user = helper
    assert "call-key" not in menu.offered()
    with pytest.raises(Exception, match="Alleen een coördinator"):
        window.api.set_call_key(screen._secrets(), helper, "")
