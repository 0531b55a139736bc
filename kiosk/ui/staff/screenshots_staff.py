"""Screenshots of the helper screens for `python -m kiosk.screenshots` (demo data, offscreen)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from kiosk.core import helpcalls, helplog, shifts
from kiosk.core.accounts import StaffUser
from kiosk.core.demo import DEMO_HELPER_NAME
from kiosk.core.helplog import HelpRequestInput
from kiosk.core.store.models import Helper, Location
from kiosk.screenshots import grab
from kiosk.ui.shared.dialogs import grab_with_dialog
from kiosk.ui.visitor.visitor_code_dialog import VisitorCodeDialog


def settle(window) -> None:
    """Let the store worker finish and its results reach the screens."""
    for _ in range(4):
        window.db_tasks.wait()
        QApplication.processEvents()


def _demo_data(window, user: StaffUser) -> None:
    store, clock = window.runtime.store, window.staff.clock
    with store.read() as session:
        fixed = session.scalar(select(Location.id).where(Location.kind == "fixed"))
    shifts.start_shift(store, user, fixed, None, clock)
    for topics, minutes, outcome in ((("itsme",), 30, "solved"), (("taxonweb", "email"), 45, "partly")):
        helplog.save_help_request(store, user, HelpRequestInput(topics=topics, channel="spreekuur", language="nl",
                                                                duration_min=minutes, outcome=outcome), clock)
    helpcalls.create_call(store, "itsme", 2, clock)


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
    login.message.say(login.tr("Deze pincode klopt niet. Je kunt het nog 4 keer proberen."))
    written.append(grab(window, outdir / "staff-login-wrong-pin.png"))

    store = window.runtime.store
    with store.read() as session:
        user = StaffUser.of(session.scalar(select(Helper).where(Helper.display_name == DEMO_HELPER_NAME)))
        bus = session.scalar(select(Location.id).where(Location.kind == "digibus"))
    staff.logged_in(user)
    window.show_screen("staff-shift")
    settle(window)
    shift_screen = window.screens["staff-shift"]
    shift_screen.location.set_selected(bus)
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
    grab_with_dialog(window, dialog, outdir / "staff-visitor-code.png")
    written.append(outdir / "staff-visitor-code.png")
    dialog.reject()
    for name in ("staff-today", "staff-shift", "staff-calls", "staff-overview"):
        window.show_screen(name)
        settle(window)
        written.append(grab(window, outdir / f"{name}.png"))
    window.screens["staff-calls"].take(window.screens["staff-calls"].calls[0])
    settle(window)
    written.append(grab(window, outdir / "staff-help-form-from-call.png"))

    staff.logout()
    staff.call_for_help("taxonweb", 3)
    settle(window)
    grab_with_dialog(window, staff.call_dialog, outdir / "visitor-help-called.png")
    written.append(outdir / "visitor-help-called.png")
    staff.call_dialog.reject()
    return written
