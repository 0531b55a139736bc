"""Help calls and the goodbye: the visitor's call banner (nl, ar, uk), "no helper now", the helper's
view of a call from another kiosk, the phone step's idle question, the goodbye reminder."""
from __future__ import annotations

from pathlib import Path

from kiosk.net.calls import CallMessage
from kiosk.ui.visitor.idle_dialog import IdleDialog
from tools.screenshots.common import demo_coordinator, grab, grab_with_dialog, settle


def _banner(window, state: str) -> None:
    """The banner as the call service leaves it (the network outcome is the tested part)."""
    window.call_banner._show(state)


def render(window, outdir: Path) -> list[Path]:
    written = []
    helper = demo_coordinator(window)
    if window.api.shift_context(helper).shift is not None:  # the staff screenshots left one running
        window.api.end_shift(helper)
    window.walkthroughs.open("itsme", 3)
    for language in ("nl", "ar", "uk"):
        window.prefs.set(language=language)
        _banner(window, "reached")
        written.append(grab(window, outdir / f"call-banner-{language}.png"))
    window.prefs.set(language="nl")
    window.call_for_help("itsme", 3)  # nobody has a shift in the demo data: the honest answer
    settle(window)
    written.append(grab(window, outdir / "call-no-helper-nl.png"))
    window.prefs.set(language="ar")
    written.append(grab(window, outdir / "call-no-helper-ar.png"))
    window.prefs.set(language="nl")
    window.call_banner.close_banner()

    dialog = IdleDialog(window, 30_000, works_elsewhere=True)
    dialog.open()
    written.append(grab_with_dialog(window, dialog, outdir / "idle-phone-step.png"))
    dialog.done(IdleDialog.KEEP)
    window.session.confirm_stop()
    written.append(grab_with_dialog(window, window.session.stop_dialog, outdir / "goodbye-reminder.png"))
    window.session.stop_dialog.reject()

    # The helper's kiosk: a call from "PC 3 bij het raam" arrives while a helper is logged in.
    window.reset_visitor_session()
    window.staff.logged_in(helper)
    now = window.api.clock.now().isoformat()
    window.calls.receive(CallMessage("made", "shot-call", "PC 3 bij het raam", now, "itsme", 3, "tr"))
    written.append(grab(window, outdir / "call-helper-alert.png"))
    window.show_screen("staff-calls")
    settle(window)
    written.append(grab(window, outdir / "call-helper-list.png"))
    calls = window.screens["staff-calls"]
    calls.take(calls.calls[0])  # taken: the helper goes over; "Hulp registreren" waits for after the help
    settle(window)
    written.append(grab(window, outdir / "call-helper-taken.png"))
    window.api.call_registered(helper, "shot-call")
    window.reset_visitor_session()
    return written
