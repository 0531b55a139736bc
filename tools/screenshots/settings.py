""""staff-settings": the form, and the Dutch errors of a save that was refused."""
from __future__ import annotations

from pathlib import Path

from kiosk.core.accounts import StaffUser
from tools.screenshots.common import grab


def render(window, outdir: Path) -> list[Path]:
    window.staff_user = StaffUser("screenshots", "Coördinator", "coordinator")
    screen = window.show_screen("staff-settings")
    written = [grab(window, outdir / "staff-settings.png")]
    screen.eloket_url.setText("http://leuven.be/e-loket")
    screen.official_domains.setPlainText("vlaanderen.be\nbelgium")
    screen.save()
    written.append(grab(window, outdir / "staff-settings-errors.png"))
    screen.load()
    window.go_home()  # logs the coordinator out
    return written
