""""staff-accounts": the list, a new helper typing their PIN, a coordinator changing their own
PIN, the deactivate question, and the read-only view of an enrolled kiosk."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from kiosk.core import accounts
from kiosk.core.accounts import StaffUser
from kiosk.core.store import meta_keys
from kiosk.core.store.models import Helper, Meta
from tools.screenshots.common import demo_coordinator, grab, grab_with_dialog, settle

EXAMPLES = (("Bo Buur", "digihelper"), ("Lies Peeters", "coordinator"), ("Omar El Amrani", "digihelper"),
            ("Jan Janssens", "digihelper"))


def _example_helpers(window, user: StaffUser) -> None:
    """A few colleagues: one locked out, one who stopped."""
    store, clock = window.runtime.store, window.staff.clock
    added = {name: accounts.add_helper(store, user, name, role, "482916") for name, role in EXAMPLES}
    accounts.deactivate(store, user, added["Jan Janssens"].id)
    with store.transaction() as session:  # no core function locks an account but wrong PINs
        session.get(Helper, added["Omar El Amrani"].id).locked_until = clock.now() + timedelta(minutes=4)


def render(window, outdir: Path) -> list[Path]:
    store = window.runtime.store
    user = demo_coordinator(window)
    _example_helpers(window, user)
    window.staff.logged_in(user)
    screen = window.show_screen("staff-accounts")
    settle(window)
    written = [grab(window, outdir / "staff-accounts.png")]

    screen.start_new()
    screen.name.setText("Sara Vermeulen")
    for digit in "5820":
        screen.keypad.press(digit)
    written.append(grab(window, outdir / "staff-accounts-new.png"))
    for digit in "39":
        screen.keypad.press(digit)
    screen.next_step()
    for digit in "582":
        screen.keypad.press(digit)
    written.append(grab(window, outdir / "staff-accounts-new-again.png"))

    screen.back_to_list()
    own = next(h for h in screen.helpers if h.id == user.id)
    screen.start_pin(own)
    written.append(grab(window, outdir / "staff-accounts-own-pin.png"))
    screen.back_to_list()
    screen.message.say("De pincode van Omar El Amrani is gewijzigd.", "marker")
    written.append(grab(window, outdir / "staff-accounts-pin-changed.png"))

    screen.confirm_deactivate(next(h for h in screen.helpers if h.display_name == "Bo Buur"))
    written.append(grab_with_dialog(window, screen.confirm_dialog, outdir / "staff-accounts-deactivate.png"))
    screen.confirm_dialog.reject()

    with store.transaction() as session:  # as if enrolled, for the read-only view; undone below
        session.add(Meta(key=meta_keys.DEVICE_ID, value="screenshot"))
    screen.shown()
    settle(window)
    written.append(grab(window, outdir / "staff-accounts-enrolled.png"))
    with store.transaction() as session:
        session.delete(session.get(Meta, meta_keys.DEVICE_ID))
    window.staff.logout()
    return written
