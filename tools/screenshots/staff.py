"""The helper screens with demo data: login, shift, menu, help form, today, calls, overview."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton

from kiosk.core import helplog, shifts
from kiosk.core.accounts import StaffUser
from kiosk.core.helplog import HelpRequestInput
from kiosk.net.calls import CallMessage
from kiosk.ui.visitor.visitor_code_dialog import VisitorCodeDialog
from tools.screenshots.common import demo_coordinator, grab, grab_with_dialog, settle


def _location(window, kind: str) -> str:
    with window.runtime.store.read() as session:
        return next(location.id for location in shifts.active_locations(session) if location.kind == kind)


def _demo_data(window, user: StaffUser) -> None:
    store, clock = window.runtime.store, window.staff.clock
    shifts.start_shift(store, user, _location(window, "fixed"), None, clock)
    for topics, minutes, outcome in ((("itsme",), 30, "solved"), (("taxonweb", "email"), 45, "partly")):
        helplog.save_help_request(store, user, HelpRequestInput(topics=topics, channel="spreekuur", language="nl",
                                                                duration_min=minutes, outcome=outcome), clock)
    # A call from another kiosk of the location, as kiosk/net/calls.py delivers it.
    window.calls.receive(CallMessage("made", "demo-call", "PC 3 bij het raam", clock.now().isoformat(), "itsme", 2))


def render(window, outdir: Path) -> list[Path]:
    written = []
    staff = window.staff
    window.show_screen("staff-setup")
    written.append(grab(window, outdir / "staff-setup.png"))
    window.show_screen("staff-login")
    settle(window)
    written.append(grab(window, outdir / "staff-login.png"))
    login = window.screens["staff-login"]
    next(iter(login.name_buttons.values())).click()
    for digit in "1357":
        login.keypad.press(digit)
    login.message.say("Deze pincode klopt niet. Je kunt het nog 4 keer proberen.")
    written.append(grab(window, outdir / "staff-login-wrong-pin.png"))

    user = demo_coordinator(window)
    staff.logged_in(user)
    window.show_screen("staff-shift")
    settle(window)
    shift_screen = window.screens["staff-shift"]
    shift_screen.location.set_selected(_location(window, "digibus"))
    shift_screen.other_stop.setText("Kerkplein Kessel-Lo")
    written.append(grab(window, outdir / "staff-shift-start.png"))
    shift_screen.other_stop.clear()
    _demo_data(window, user)
    window.show_screen("staff-menu")
    settle(window)
    written.append(grab(window, outdir / "staff-menu.png"))
    form = window.screens["staff-help-form"]
    form.start_new()
    settle(window)
    form.topics.set_selected(["itsme"])
    form.duration.set_selected("15")
    written.append(grab(window, outdir / "staff-help-form.png"))
    dialog = VisitorCodeDialog(window)
    dialog.open()
    for digit in "0509":
        dialog.keypad.press(digit)
    written.append(grab_with_dialog(window, dialog, outdir / "staff-visitor-code.png"))
    dialog.reject()
    for name in ("staff-today", "staff-shift", "staff-calls", "staff-overview"):
        window.show_screen(name)
        settle(window)
        written.append(grab(window, outdir / f"{name}.png"))
    today = window.show_screen("staff-today")
    settle(window)
    cancel = next(b for b in today.findChildren(QPushButton) if b.text() == "Annuleren" and b.isVisible())
    cancel.click()
    written.append(grab_with_dialog(window, today.cancel_dialog, outdir / "staff-today-cancel.png"))
    today.cancel_dialog.reject()
    window.screens["staff-calls"].take(window.screens["staff-calls"].calls[0])
    settle(window)
    written.append(grab(window, outdir / "staff-help-form-from-call.png"))

    staff.logout()
    return written
