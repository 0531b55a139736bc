"""The first-run screen's two paths (the choice itself is staff-setup.png from staff.py):
connecting with a refused code, and the first coordinator's form."""
from __future__ import annotations

from pathlib import Path

from kiosk.sync.status import SyncError
from tools.screenshots.common import grab


def render(window, outdir: Path) -> list[Path]:
    window.staff.logout()  # an earlier module may have left someone logged in
    screen = window.show_screen("staff-setup")
    screen.show_page(screen.enroll_page)
    form = screen.enroll_form
    form.url_input.setText("https://sync.digipunt.be")
    form.code_input.setText("K7QX-M2PA-9RTX")
    form.message.say(form.error_text(SyncError("code-refused")))
    written = [grab(window, outdir / "staff-setup-connect-refused.png")]
    screen.show_page(screen.coordinator_page)
    written.append(grab(window, outdir / "staff-setup-coordinator.png"))
    screen.forget()
    form.url_input.clear()
    window.go_home()
    return written
