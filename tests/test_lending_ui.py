"""The "staff-lending" screen in the real window: scan (type + Enter), lend in a few taps with the
contact sealed and cleared (the borrower's visitor code with it), take back, see what is out and
overdue, erase a borrower's contact on request."""
from __future__ import annotations

import json
import sqlite3
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select

from kiosk.core import lending
from kiosk.core.accounts import StaffUser
from kiosk.core.demo import DEMO_HELPER_PIN
from kiosk.core.store import meta_keys
from kiosk.core.store.models import Helper, Loan, Meta, OutboxEntry
from sync.sealed import new_private_key, open_sealed, public_key_of

NAME, PHONE = "Rachida El Amrani", "0486 55 44 33"


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def log_in(qtbot, window) -> None:
    window.request_staff_access()
    login = window.screens["staff-login"]
    qtbot.waitUntil(lambda: window.current_screen_name() == "staff-login")
    qtbot.waitUntil(login.keypad.isEnabled)
    for digit in DEMO_HELPER_PIN:
        click(qtbot, login.keypad.keys[digit])
    click(qtbot, login.login_button)
    qtbot.waitUntil(lambda: window.current_screen_name() == "staff-menu")


def scan(qtbot, screen, tag: str) -> None:
    """What a USB barcode scanner does: type the tag, press Enter."""
    screen.tag.clear()
    qtbot.keyClicks(screen.tag, tag)
    qtbot.keyClick(screen.tag, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.device is not None and screen.device.tag == tag)


def test_lend_return_and_overdue_on_the_staff_screen(qtbot, window, clock):
    store, key = window.runtime.store, new_private_key()
    with store.transaction() as session:
        session.add(Meta(key=meta_keys.LENDING_PUBLIC_KEY, value=public_key_of(key)))
        coordinator = session.scalar(select(Helper).where(Helper.role == "coordinator"))
        user = StaffUser.of(coordinator)
    lending.register_device(store, user, "LPT-001", "laptop", clock.clock, model="Lenovo T14",
                            accessories=("charger", "mouse"))
    log_in(qtbot, window)
    click(qtbot, window.screens["staff-menu"].buttons["lending"])
    screen = window.screens["staff-lending"]
    qtbot.waitUntil(lambda: screen.context is not None)
    assert screen.context.can_lend and screen.due.date().toPython() == screen.context.default_due_on

    scan(qtbot, screen, "LPT-001")
    assert "Lenovo T14" in screen.device_text.text()
    assert set(screen.accessories.selected()) == {"charger", "mouse"}  # the device's own, ticked
    assert not screen.lend_button.isEnabled()
    click(qtbot, screen.eligibility.buttons["uitpas-reduced"])
    qtbot.keyClicks(screen.name, NAME)
    qtbot.keyClicks(screen.phone, PHONE)
    click(qtbot, screen.code.button)  # the borrower types initials and birth date in the dialog
    qtbot.waitUntil(lambda: screen.code.dialog is not None and screen.code.dialog.isVisible())
    screen.code.dialog.code_ready.emit("d" * 64)  # what the dialog hands over: only the hash
    screen.code.dialog.reject()
    assert screen.code.state.text() == "Code toegevoegd." and screen.code.remove.isVisible()
    click(qtbot, screen.lend_button)
    qtbot.waitUntil(lambda: screen.message.text() == "Uitgeleend.")
    assert screen.name.text() == screen.phone.text() == screen.tag.text() == ""
    assert screen.code.code is None and screen.code.button.isVisible()

    conn = sqlite3.connect(store.path)
    try:
        (sealed, eligibility), = conn.execute("SELECT contact_sealed, eligibility FROM loans").fetchall()
    finally:
        conn.close()
    assert eligibility == "uitpas-reduced" and NAME not in sealed and NAME in open_sealed(key, sealed)
    with store.read() as session:
        (payload,) = session.scalars(select(OutboxEntry.payload).where(OutboxEntry.kind == "loan"))
    assert json.loads(payload)["visitor_code"] == "d" * 64  # the borrower counts as a distinct person

    clock.advance(days=30)  # past the default 21 days
    click(qtbot, screen.mode.buttons["out"])
    qtbot.waitUntil(lambda: "LPT-001" in screen.out_list.text())
    assert "dagen te laat" in screen.out_list.text()

    click(qtbot, screen.mode.buttons["return"])
    scan(qtbot, screen, "LPT-001")
    click(qtbot, screen.condition.buttons["worn"])
    click(qtbot, screen.return_button)
    qtbot.waitUntil(lambda: screen.message.text() == "Teruggenomen.")
    click(qtbot, screen.mode.buttons["out"])
    qtbot.waitUntil(lambda: "geen toestel" in screen.out_list.text())

    # The borrower asks to be forgotten before the retention ends: a question first, then erased.
    click(qtbot, screen.mode.buttons["erase"])
    # A borrower of an earlier loan than the latest is not stuck: the hint says who erases it.
    assert screen.erase_hint.isVisible()
    assert "Het contact van een eerdere uitlening wist de coördinator in de Digipunt-console, bij Uitlenen." \
           in screen.erase_hint.text()
    scan(qtbot, screen, "LPT-001")
    lent, returned = (clock.clock.local(moment).strftime("%d/%m/%Y") for moment in (clock.now - timedelta(days=30),
                                                                                   clock.now))
    assert f"laatste uitlening van {lent} tot {returned}" in screen.device_text.text()  # the loan it reaches
    click(qtbot, screen.erase_button)
    qtbot.waitUntil(lambda: screen.erase_dialog is not None and screen.erase_dialog.isVisible())
    assert "LPT-001" in screen.erase_dialog.title.text()
    screen.erase_dialog.done(QDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: screen.message.text() == "Contact gewist.")
    with store.read() as session:
        (erased,) = session.scalars(select(OutboxEntry.payload).where(OutboxEntry.kind == "loan_contact_erase"))
        (payload,) = session.scalars(select(OutboxEntry.payload).where(OutboxEntry.kind == "loan"))
        assert session.scalars(select(Loan.contact_sealed)).all() == [None]
    assert json.loads(erased)["loan_id"] == json.loads(payload)["id"]
    assert json.loads(payload)["contact_sealed"] is None  # never posted: it leaves without it
    scan(qtbot, screen, "LPT-001")  # asked again: nothing is left, and the screen says so at once
    qtbot.waitUntil(lambda: "is er geen contact meer bewaard" in screen.message.text())
    assert screen.erase_hint.isVisible() and "eerdere uitlening" not in screen.message.text()  # said once
    assert not screen.erase_button.isEnabled() and "teruggebracht" not in screen.device_text.text()

    click(qtbot, screen.mode.buttons["lend"])
    screen.tag.clear()
    qtbot.keyClicks(screen.tag, "XYZ-9")
    qtbot.keyClick(screen.tag, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Geen toestel met nummer XYZ-9" in screen.message.text())


def test_record_a_workshop_on_the_staff_screen(qtbot, window, clock):

    from kiosk.core.store.models import Location, Workshop

    store = window.runtime.store
    with store.transaction() as session:
        place = session.scalar(select(Location).where(Location.kind == "fixed"))
        session.add(Workshop(id="11111111-1111-4111-8111-111111111111", title="Werken met itsme", topic="itsme",
                             starts_at=clock.now - timedelta(hours=3), location_id=place.id, trainer="Lies",
                             max_places=10, cancelled=False))
    log_in(qtbot, window)
    click(qtbot, window.screens["staff-menu"].buttons["workshops"])
    screen = window.screens["staff-workshops"]
    qtbot.waitUntil(lambda: bool(screen.sessions))
    assert not screen.save_button.isEnabled()
    click(qtbot, next(iter(screen.session.buttons.values())))
    screen._add_code("a" * 64)  # what the visitor-code dialog hands over: only the hash
    assert screen.count.text() == "1"  # at least one attendee per code typed
    for _ in range(5):
        click(qtbot, screen.more)
    click(qtbot, screen.fewer)
    click(qtbot, screen.more)
    assert screen.count.text() == "6"
    qtbot.keyClicks(screen.note, f"bel {PHONE}")
    click(qtbot, screen.save_button)
    assert "telefoonnummer" in screen.message.text()
    screen.note.clear()
    qtbot.keyClicks(screen.note, "Veel vragen over de app")
    click(qtbot, screen.save_button)
    qtbot.waitUntil(lambda: screen.message.text() == "Opgeslagen.")
    with store.read() as session:
        (payload,) = session.scalars(select(OutboxEntry.payload).where(OutboxEntry.kind == "workshop_session"))
    record = json.loads(payload)
    assert (record["attendees"], record["visitor_codes"], record["note"]) == (6, ["a" * 64], "Veel vragen over de app")
    qtbot.waitUntil(lambda: "(al geregistreerd)" in next(iter(screen.session.buttons.values())).text())


def test_the_lending_and_workshop_screens_fit_at_the_largest_text(qtbot, window, clock):
    """A++ in high contrast with Arabic chosen by the last visitor: every lending mode and the
    attendance screen lay out without cut text or overlaps (what does not fit scrolls), in Dutch
    and left to right."""

    from kiosk.core.store.models import Location, Workshop
    from tests.layoutcheck import layout_problems as problems_now

    def layout_problems(widget) -> list[str]:
        for _ in range(4):  # let Qt lay out what changed
            QApplication.processEvents()
        return problems_now(widget)
    from tools.screenshots.common import demo_coordinator
    from tools.screenshots.lending import _demo_devices

    store = window.runtime.store
    with store.transaction() as session:
        place = session.scalar(select(Location).where(Location.kind == "fixed"))
        session.add(Workshop(id="22222222-2222-4222-8222-222222222222", title="Een afspraak maken bij de dokter",
                             starts_at=clock.now - timedelta(hours=1), location_id=place.id, max_places=10,
                             cancelled=False))
    user = demo_coordinator(window)
    window.staff.logged_in(user)
    _demo_devices(window, user)
    window.prefs.set(language="ar", text_size="extra-large", high_contrast=True)
    screen = window.show_screen("staff-lending")
    qtbot.waitUntil(lambda: screen.context is not None)
    problems = {}
    for mode, tag in (("lend", "LPT-001"), ("return", "GSM-003"), ("extend", "GSM-003"), ("out", ""),
                      ("erase", "GSM-003")):
        click(qtbot, screen.mode.buttons[mode])
        if tag:
            scan(qtbot, screen, tag)
        else:
            qtbot.waitUntil(lambda: "TAB-007" in screen.out_list.text())
        for widget in (screen, screen.code.button):
            assert widget.layoutDirection() == Qt.LayoutDirection.LeftToRight
        problems[mode] = layout_problems(screen)
    screen.code.set("d" * 64)
    click(qtbot, screen.mode.buttons["lend"])
    problems["lend with a code"] = layout_problems(screen)
    workshops = window.show_screen("staff-workshops")
    qtbot.waitUntil(lambda: bool(workshops.sessions))
    chip = next(iter(workshops.session.buttons.values()))
    assert chip.text().startswith("Een afspraak maken bij de dokter, ")
    problems["workshops"] = layout_problems(workshops)
    assert not any(problems.values()), problems
