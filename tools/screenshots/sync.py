""""staff-sync": a kiosk not yet connected, and a connected one that is offline with records
waiting, refused records and a wrong clock, and one that is syncing."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.sync.status import ParkedRecord, SyncStatus
from kiosk.ui.shared.sync_service import SyncView
from tools.screenshots.common import demo_coordinator, grab


def render(window, outdir: Path) -> list[Path]:
    window.staff.logged_in(demo_coordinator(window))
    screen = window.show_screen("staff-sync")
    written = [grab(window, outdir / "staff-sync-enroll.png")]

    now = datetime.now(UTC)
    screen.view = SyncView(
        status=SyncStatus(server_url="https://sync.digipunt.be", enrolled=True, waiting=12,
                          last_success=now - timedelta(hours=3),
                          parked=[ParkedRecord("help_request", now - timedelta(days=1),
                                               "server: conflict: a record with this id and different content "
                                               "is already stored"),
                                  ParkedRecord("shift", now - timedelta(days=2),
                                               "server: invalid: ended_at: a shift cannot end before it starts")]),
        online=False, error="offline", clock_offset=timedelta(minutes=-13), clock_skewed=True)
    screen.render()
    written.append(grab(window, outdir / "staff-sync-offline.png"))
    screen.view = SyncView(status=SyncStatus(server_url="https://sync.digipunt.be", enrolled=True, waiting=340,
                                             last_success=now - timedelta(minutes=20)),
                           online=True, running=True, progress=(160, 500))
    screen.render()
    written.append(grab(window, outdir / "staff-sync-running.png"))
    screen.view = SyncView()
    window.staff.logout()
    return written
