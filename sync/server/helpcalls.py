"""Help calls on the server: what enrolled kiosks report, for the helpers' phone page.

A kiosk reports its visitor's call when it is made and when it ends (taken on a kiosk, withdrawn);
the kiosks of the location ask which of their calls are no longer open, so a call taken on a
helper's phone clears everywhere. Only the device's own location: a kiosk can neither report nor
see another location's calls. No identity is kept, and rows are deleted KEEP after the call.
State lives in the database: any server process answers the same.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from sync.errors import DutchError
from sync.protocol import CallReport
from sync.server.models import Device, ServerHelpCall

OPEN_FOR = timedelta(hours=2)  # as on the kiosks (kiosk/core/helpcalls.py CALL_MAX_AGE)
KEEP = timedelta(days=1)


class CallRefused(DutchError):
    """The device has no location, or the call belongs to another location."""


def _location_of(session: Session, device_id: str) -> str:
    location = session.scalar(select(Device.location_id).where(Device.id == device_id))
    if location is None:
        raise CallRefused("Deze computer hoort bij geen locatie: oproepen blijven op de computers zelf.")
    return location


def report(session: Session, device_id: str, call: CallReport, now: datetime) -> None:
    """A kiosk's call made (`open`) or ended; idempotent (a report sent twice changes nothing)."""
    location = _location_of(session, device_id)
    session.execute(delete(ServerHelpCall).where(ServerHelpCall.created_at < now - KEEP))
    row = session.get(ServerHelpCall, str(call.id))
    if row is None:
        row = ServerHelpCall(id=str(call.id), location_id=location, device_id=device_id,
                             kiosk_name=call.kiosk_name, walkthrough_id=call.walkthrough_id,
                             step_index=call.step_index, what=call.what, created_at=min(call.created_at, now),
                             state="open")
        session.add(row)
    elif row.location_id != location:
        raise CallRefused("Deze oproep hoort bij een andere locatie.")
    if call.state != "open" and row.state == "open":
        row.state, row.closed_at = call.state, now


def closed_calls(session: Session, device_id: str, now: datetime) -> list[str]:
    """Ids of the location's calls of the last OPEN_FOR that are taken or withdrawn."""
    location = _location_of(session, device_id)
    return list(session.scalars(select(ServerHelpCall.id).where(
        ServerHelpCall.location_id == location, ServerHelpCall.state != "open",
        ServerHelpCall.created_at >= now - OPEN_FOR)))


def open_calls(session: Session, location_ids: list[str], now: datetime) -> list[ServerHelpCall]:
    """What a helper's phone page lists: open calls at their locations, oldest first."""
    return list(session.scalars(select(ServerHelpCall).where(
        ServerHelpCall.location_id.in_(location_ids), ServerHelpCall.state == "open",
        ServerHelpCall.created_at >= now - OPEN_FOR).order_by(ServerHelpCall.created_at)))


def take(session: Session, call_id: str, location_ids: list[str], helper_id: str, now: datetime) -> bool:
    """A helper takes an open call of one of their locations; False when someone was first (one
    conditional UPDATE: two processes cannot both take it)."""
    result = session.execute(update(ServerHelpCall).where(
        ServerHelpCall.id == call_id, ServerHelpCall.location_id.in_(location_ids),
        ServerHelpCall.state == "open").values(state="taken", closed_at=now, taken_by=helper_id))
    return bool(result.rowcount)  # type: ignore[attr-defined]
