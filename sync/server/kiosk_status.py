"""Kiosk status reports: keeping the latest one per device (POST /v1/status) and reading them for
the console's kiosks page, with the two warnings it gives: an outdated app and a clock that is off.

Outdated: a kiosk whose app version is older than the newest version this installation knows of,
which is the newest of the server's own version (kiosk and server are one release, sync/version.py)
and the versions reported by kiosks that are not revoked. So a kiosk left behind after a rollout is
flagged, and so is every kiosk once the server was upgraded first. A version that cannot be read
(a source checkout's "0+unknown" counts as the oldest) is shown but never sets the bar.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from packaging.version import InvalidVersion, Version
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sync.protocol import StatusReport
from sync.server.models import Device, DeviceStatus
from sync.version import __version__

CLOCK_WARNING = timedelta(minutes=2)  # the console flags a kiosk clock further off than this
# A kiosk reports after every sync that reaches the server: a report this much older than its last
# contact means its reports stop arriving (say, a value this server refuses), and the page says so.
STALE_REPORT = timedelta(hours=1)
_MAX_AGE = timedelta(days=3650)  # an error "older" than this is a kiosk clock gone wrong: not dated


def store_report(session: Session, device_id: str, report: StatusReport, received_at: datetime) -> None:
    """Keep `report` as the device's latest status. The clock offset is the kiosk's clock minus the
    server's at receipt (the request's travel time is in it: well under the 2 minutes that matter).
    The error's time is moved to the server's clock by its age on the kiosk's, so a kiosk clock that
    is off does not misdate it."""
    offset = report.kiosk_time - received_at
    error_at = None
    if report.last_error is not None and report.last_error_at is not None:
        age = report.kiosk_time - report.last_error_at
        if timedelta(0) <= age <= _MAX_AGE:
            error_at = received_at - age
    values = {
        "received_at": received_at, "report_version": report.report_version,
        "clock_offset_seconds": offset.total_seconds(), "app_version": report.app_version,
        "content_version": report.content_version, "content_error": report.content_error,
        "schema_version": report.schema_version, "records_waiting": report.records_waiting,
        "records_parked": report.records_parked, "last_error": report.last_error, "last_error_at": error_at,
    }
    # One statement, so two server processes taking a kiosk's first reports at once cannot collide.
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(insert(DeviceStatus).values(device_id=device_id, **values)
                    .on_conflict_do_update(index_elements=["device_id"], set_=values))


def parse_version(text: str | None) -> Version | None:
    if not text:
        return None
    try:
        return Version(text)
    except InvalidVersion:
        return None


def span_text(seconds: float) -> str:
    """A length of time in words: '40 s', '2 min 30 s', '12 min', '3 uur', '5 dagen'. Seconds count
    up to 10 minutes, so a clock just past the 2-minute warning does not read as '2 min'."""
    seconds = abs(seconds)
    if seconds < 90:
        return f"{round(seconds)} s"
    if seconds < 600:
        minutes, rest = divmod(round(seconds), 60)
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    if seconds < 48 * 3600:
        return f"{round(seconds / 3600)} uur"
    return f"{round(seconds / 86400)} dagen"


def clock_text(offset_seconds: float) -> str:
    """How a kiosk's clock compares with the server's, in words: 'klopt', '12 min voor', '3 uur achter'."""
    if abs(offset_seconds) < 30:
        return "klopt"
    return f"{span_text(offset_seconds)} {'voor' if offset_seconds > 0 else 'achter'}"


@dataclass(frozen=True)
class KioskRow:
    """One kiosk as the console's kiosks page shows it; `status` is None before its first report."""

    device: Device
    status: DeviceStatus | None
    outdated: bool  # its app version is older than `newest`
    clock_off: bool  # its clock is more than CLOCK_WARNING off the server's

    @property
    def report_stale(self) -> bool:
        seen = self.device.last_seen_at
        return self.status is not None and seen is not None and self.status.received_at < seen - STALE_REPORT

    @property
    def clock(self) -> str:
        return "" if self.status is None else clock_text(self.status.clock_offset_seconds)


@dataclass(frozen=True)
class KioskTable:
    rows: list[KioskRow]
    newest: str | None  # the version a kiosk should run (see the module docstring)


def newest_version(session: Session, server_version: str = __version__) -> str | None:
    """The newest version among the server's own and the non-revoked kiosks' reports."""
    reported = session.scalars(select(DeviceStatus.app_version).join(Device, Device.id == DeviceStatus.device_id)
                               .where(Device.revoked_at.is_(None), DeviceStatus.app_version.is_not(None)).distinct())
    known = [(v, text) for text in (server_version, *reported) if (v := parse_version(text)) is not None]
    return max(known)[1] if known else None


def kiosk_table(session: Session, devices: list[Device], server_version: str = __version__) -> KioskTable:
    """`devices` (those the viewer may see) with their latest status and warnings."""
    ids = [d.id for d in devices]
    statuses = {s.device_id: s for s in session.scalars(select(DeviceStatus).where(DeviceStatus.device_id.in_(ids)))}
    newest = newest_version(session, server_version)
    bar = parse_version(newest)
    rows = []
    for device in devices:
        status = statuses.get(device.id)
        version = parse_version(status.app_version) if status is not None else None
        outdated = device.revoked_at is None and bar is not None and version is not None and version < bar
        clock_off = status is not None and abs(status.clock_offset_seconds) > CLOCK_WARNING.total_seconds()
        rows.append(KioskRow(device, status, outdated, clock_off))
    return KioskTable(rows, newest)
