"""Workshops on a kiosk: the planned sessions of this location (from the server) and, after one,
its attendance recorded offline as a WorkshopSessionRecord with its outbox entry (exactly once,
like a help request). Attendees may type their visitor code (the visitor-code dialog), so that
they count as distinct people; the note passes the note guard.

The home screen lists the next sessions (`home_lines`) with the spreekuur: the sentences below are
source texts of the Qt translation context "Schedule", like kiosk/core/schedule.py's; the title
and place stay as the coordinator typed them (Dutch)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.accounts import StaffUser
from kiosk.core.clock import Clock
from kiosk.core.records import enqueue, validated
from kiosk.core.schedule import QT_TRANSLATE_NOOP, ZONE, InfoLine, Translate, day_text, dutch
from kiosk.core.shifts import check_offered, offered_locations
from kiosk.core.store import Store
from kiosk.core.store.models import Workshop
from sync.errors import DutchError
from sync.privacy import guard_note
from sync.protocol import MAX_ATTENDEES, NOTE_MAX, WorkshopSessionRecord

RECORDABLE_DAYS = 14  # how long after a session staff can still record it
HOME_MAX = 3  # the next sessions on the home screen: the guides stay above the fold

HOME_TITLE = QT_TRANSLATE_NOOP("Schedule", "Vormingen hier:")
HOME_LINE = QT_TRANSLATE_NOOP("Schedule", "{date} om {start}: {title}")
HOME_LINE_AT = QT_TRANSLATE_NOOP("Schedule", "{date} om {start} ({place}): {title}")


class WorkshopError(DutchError):
    """Attendance that cannot be saved; Dutch, for staff."""


@dataclass(frozen=True)
class WorkshopInfo:
    id: str
    title: str
    topic: str
    starts_at: datetime
    place: str  # the digibus stop, or ""
    trainer: str
    max_places: int
    recorded: bool


def _info(row: Workshop) -> WorkshopInfo:
    return WorkshopInfo(row.id, row.title, row.topic, row.starts_at, row.stop_name or "", row.trainer,
                        row.max_places, row.recorded_id is not None)


def _here(session: Session) -> list[str]:
    return [loc.id for loc in offered_locations(session)]


def upcoming(session: Session, clock: Clock, days: int = 30) -> list[WorkshopInfo]:
    """Planned sessions at this location from now on (the home screen's hook), soonest first."""
    now = clock.now()
    rows = session.scalars(select(Workshop).where(Workshop.location_id.in_(_here(session)), ~Workshop.cancelled,
                                                  Workshop.starts_at >= now,
                                                  Workshop.starts_at < now + timedelta(days=days))
                           .order_by(Workshop.starts_at))
    return [_info(row) for row in rows]


def home_lines(coming: tuple[WorkshopInfo, ...], now: datetime, translate: Translate = dutch,
               language: str = "nl") -> tuple[InfoLine, ...]:
    """The home screen's lines for the next sessions: a title, then one line each, in the visitor's
    language with the Dutch line beside each session ("workshops-title", "workshop"); none without
    sessions."""
    today = now.astimezone(ZONE).date()

    def line(info: WorkshopInfo, words: Translate) -> str:
        start = info.starts_at.astimezone(ZONE)
        text = words(HOME_LINE_AT if info.place else HOME_LINE).format(
            date=day_text(start.date(), today, words), start=start.strftime("%H:%M"), place=info.place,
            title=info.title)
        return text[:1].upper() + text[1:]

    shown = [info for info in coming if info.starts_at >= now][:HOME_MAX]
    if not shown:
        return ()
    own = language != "nl"
    return (InfoLine("workshops-title", translate(HOME_TITLE)),
            *(InfoLine("workshop", line(info, translate), line(info, dutch) if own else "") for info in shown))


def to_record(session: Session, clock: Clock) -> list[WorkshopInfo]:
    """Sessions at this location that started in the last RECORDABLE_DAYS, newest first."""
    now = clock.now()
    rows = session.scalars(select(Workshop).where(Workshop.location_id.in_(_here(session)), ~Workshop.cancelled,
                                                  Workshop.starts_at <= now,
                                                  Workshop.starts_at > now - timedelta(days=RECORDABLE_DAYS))
                           .order_by(Workshop.starts_at.desc()))
    return [_info(row) for row in rows]


def record_session(store: Store, user: StaffUser, workshop_id: str, attendees: int, clock: Clock, *,
                   visitor_codes: tuple[str, ...] = (), note: str | None = None) -> str:
    """Save the attendance of a session; returns the record's id. Recording it again (a correction)
    makes a newer record; the server counts the newest."""
    if not 0 <= attendees <= MAX_ATTENDEES:
        raise WorkshopError(f"Het aantal deelnemers is 0 tot {MAX_ATTENDEES}.")
    if len(set(visitor_codes)) > attendees:
        raise WorkshopError("Er zijn meer bezoekerscodes dan deelnemers. Tel de deelnemers opnieuw.")
    note = guard_note(note)
    if note is not None and len(note) > NOTE_MAX:
        raise WorkshopError(f"De notitie is te lang: maximum {NOTE_MAX} tekens.")
    with store.transaction() as session:
        workshop = session.get(Workshop, workshop_id)
        if workshop is None or workshop.cancelled:
            raise WorkshopError("Deze vorming bestaat niet (meer). Synchroniseer en kies opnieuw.")
        location = check_offered(session, workshop.location_id, WorkshopError)
        record = validated(WorkshopSessionRecord, id=uuid.uuid4(), helper_id=user.id, location_id=location.id,
                           stop_name=workshop.stop_name, workshop_id=workshop.id, recorded_at=clock.now(),
                           held_at=workshop.starts_at, attendees=attendees,
                           visitor_codes=sorted(set(visitor_codes)), note=note)
        workshop.recorded_id = str(record.id)
        enqueue(session, record)
        return str(record.id)
