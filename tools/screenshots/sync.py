""""staff-sync": a kiosk not yet connected, and a connected one that is offline with records
waiting, refused records and a wrong clock, one that is syncing and one that just synced; the sync
banner on other staff screens (revoked for a coordinator and a digihelper, long offline)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.core.accounts import StaffUser
from kiosk.sync.status import ParkedRecord, SyncStatus
from kiosk.sync.view import SyncResult, SyncView
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
        online=False, error="offline", clock_offset=timedelta(minutes=-13), clock_skewed=True,
        result=SyncResult(now - timedelta(minutes=2), "offline"))
    screen.render()
    written.append(grab(window, outdir / "staff-sync-offline.png"))
    screen.view = SyncView(status=SyncStatus(server_url="https://sync.digipunt.be", enrolled=True, waiting=340,
                                             last_success=now - timedelta(minutes=20)),
                           online=True, running=True, progress=(160, 500))
    screen.render()
    written.append(grab(window, outdir / "staff-sync-running.png"))
    screen.view = SyncView(status=SyncStatus(server_url="https://sync.digipunt.be", enrolled=True, waiting=0,
                                             last_success=now), online=True, result=SyncResult(now, None, 3))
    screen.render()
    written.append(grab(window, outdir / "staff-sync-done.png"))
    screen.view = SyncView()

    # The banner on every staff screen: revoked (a coordinator, then a digihelper), long offline
    revoked = SyncView(status=SyncStatus(server_url="https://sync.digipunt.be", enrolled=True, waiting=2,
                                         last_success=now - timedelta(hours=2)), online=True, error="unauthorized")
    menu = window.show_screen("staff-menu")
    menu.banner.paint(revoked)
    written.append(grab(window, outdir / "staff-banner-revoked-coordinator.png"))
    window.staff.logged_in(StaffUser("demo-helper", "An Helper", "digihelper"))
    form = window.screens["staff-help-form"]
    form.start_new()
    form.banner.paint(revoked)
    written.append(grab(window, outdir / "staff-banner-revoked-digihelper.png"))
    away = SyncView(status=SyncStatus(server_url="https://sync.digipunt.be", enrolled=True, waiting=7,
                                      last_success=now - timedelta(days=2)), online=False, error="offline")
    today = window.show_screen("staff-today")
    today.banner.paint(away)
    written.append(grab(window, outdir / "staff-banner-long-offline.png"))
    for name in ("staff-menu", "staff-help-form", "staff-today"):
        window.screens[name].banner.paint(None)
    window.staff.logout()
    return written
