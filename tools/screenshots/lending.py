"""The lending screen ("staff-lending") with demo devices: lend (filled in, with the borrower's
visitor code), take back, extend, the list of devices out with an overdue one, erasing a contact
(with its question); then the workshop attendance screen. Each in Dutch at the normal size, and at
A++ in high contrast with the visitor's language Arabic (staff screens stay Dutch, left to right)."""
from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QDialog
from sqlalchemy import select, update

from kiosk.core import lending
from kiosk.core.lending import LoanInput
from kiosk.core.store import meta_keys
from kiosk.core.store.models import LoanDevice, Location, Meta, Workshop
from sync.sealed import new_private_key, public_key_of
from tools.screenshots.common import demo_coordinator, grab, grab_with_dialog, settle


def _demo_devices(window, user) -> None:
    """Devices as a coordinator would add them, the server's key (a throwaway one), and two loans,
    one of them lent long ago so that it is overdue."""
    store, clock = window.runtime.store, window.staff.clock
    with store.transaction() as session:
        if session.get(Meta, meta_keys.LENDING_PUBLIC_KEY) is None:
            session.add(Meta(key=meta_keys.LENDING_PUBLIC_KEY, value=public_key_of(new_private_key())))
    for tag, kind, model in (("LPT-001", "laptop", "Lenovo ThinkPad T14"), ("LPT-002", "laptop", "HP 250 G9"),
                             ("TAB-007", "tablet", "Samsung Galaxy Tab A9"), ("GSM-003", "smartphone", "Fairphone 4")):
        lending.register_device(store, user, tag, kind, clock, model=model, accessories=("charger",))
    for tag, due in (("TAB-007", clock.today() - timedelta(days=4)), ("GSM-003", clock.today() + timedelta(days=12))):
        lending.lend(store, user, LoanInput(tag=tag, due_on=max(due, clock.today()), eligibility="social-services",
                                            contact_name="Demo Ontlener", contact_phone="0400 00 00 00"), clock)
        if due < clock.today():  # overdue: the core only allows a due date from today, so move it back
            with store.transaction() as session:
                session.execute(update(LoanDevice).where(LoanDevice.tag == tag).values(due_on=due))
    # Lent and taken back: its borrower's contact can still be erased (LPT-001 was never lent).
    lending.lend(store, user, LoanInput(tag="LPT-002", due_on=clock.today(), eligibility="social-services",
                                        contact_name="Demo Ontlener", contact_phone="0400 00 00 00"), clock)
    lending.return_device(store, user, "LPT-002", "good", ("charger",), clock)


STATES = (("nl", "normal", False, ""), ("ar", "extra-large", True, "-ar-extra-large-hc"))


def render(window, outdir: Path) -> list[Path]:
    written = []
    user = demo_coordinator(window)
    window.staff.logged_in(user)
    _demo_devices(window, user)
    screen = window.show_screen("staff-lending")
    settle(window)
    for lang, size, contrast, suffix in STATES:
        window.prefs.set(language=lang, text_size=size, high_contrast=contrast)
        written += _lending_states(window, screen, outdir, suffix)
    window.prefs.reset()
    written += _workshops(window, outdir)
    window.staff.logout()
    return written


def _lending_states(window, screen, outdir: Path, suffix: str) -> list[Path]:
    written = []
    screen.mode.set_selected("lend")
    screen.tag.setText("LPT-001")
    screen.look_up()
    settle(window)
    screen.eligibility.set_selected("uitpas-reduced")
    screen.name.setText("Rachida El Amrani")
    screen.phone.setText("0486 55 44 33")
    screen.code.set("d" * 64)  # what the visitor-code dialog hands over
    screen._update()
    written.append(grab(window, outdir / f"staff-lending-lend{suffix}.png"))
    screen.forget()
    screen.mode.set_selected("return")
    screen.tag.setText("GSM-003")
    screen.look_up()
    settle(window)
    screen.condition.set_selected("worn")
    screen._update()
    written.append(grab(window, outdir / f"staff-lending-return{suffix}.png"))
    screen.mode.set_selected("extend")
    written.append(grab(window, outdir / f"staff-lending-extend{suffix}.png"))
    screen.mode.set_selected("out")
    settle(window)
    written.append(grab(window, outdir / f"staff-lending-out{suffix}.png"))
    screen.mode.set_selected("erase")
    screen.tag.setText("GSM-003")
    screen.look_up()
    settle(window)
    written.append(grab(window, outdir / f"staff-lending-erase{suffix}.png"))
    screen.ask_erase()
    settle(window)
    written.append(grab_with_dialog(window, screen.erase_dialog, outdir / f"staff-lending-erase-question{suffix}.png"))
    screen.erase_dialog.done(QDialog.DialogCode.Rejected)
    for tag, name in (("LPT-002", "returned"), ("LPT-001", "nothing")):
        screen.tag.setText(tag)
        screen.look_up()
        settle(window)
        written.append(grab(window, outdir / f"staff-lending-erase-{name}{suffix}.png"))
    screen.forget()
    return written


def _workshops(window, outdir: Path) -> list[Path]:
    """The attendance screen with a session of this morning, two codes typed, the count set."""
    store, clock = window.runtime.store, window.staff.clock
    with store.transaction() as session:
        place = session.scalar(select(Location).where(Location.kind == "fixed"))
        session.add(Workshop(id=str(uuid.uuid4()), title="Veilig online bankieren", topic="Bankieren",
                             starts_at=clock.now() - timedelta(hours=2), location_id=place.id, trainer="Lies",
                             max_places=12, cancelled=False))
    screen = window.show_screen("staff-workshops")
    settle(window)
    written = []
    for lang, size, contrast, suffix in STATES:
        window.prefs.set(language=lang, text_size=size, high_contrast=contrast)
        screen.session.set_selected(next(iter(screen.session.buttons)))
        for code in ("a" * 64, "b" * 64):
            screen._add_code(code)
        screen.set_attendees(9)
        screen.note.setText("Veel vragen over itsme")
        written.append(grab(window, outdir / f"staff-workshops{suffix}.png"))
        screen.forget()
    window.prefs.reset()
    return written
