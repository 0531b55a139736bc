"""Workshops (vormingen): coordinators plan them in the console; the kiosks of the location get
them as reference data ("workshop"); after a session staff record the attendance on a kiosk,
offline, as a workshop_session record (exactly once, like a help request). The Digibanken report
counts them under "skills" (`skills_between`); the console shows the sessions and attendees per
month, location and topic (`per_month`) on the Vormingen and Rapporten pages."""
from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import MAX_ATTENDEES, WorkshopData, WorkshopSessionRecord
from sync.server.models import Location, StoredRecord, Workshop
from sync.server.reference import record_change


class WorkshopError(ValueError):
    """A plan the console refuses; the message is Dutch."""


def _text(value: str, what: str, *, required: bool = False, limit: int = 120) -> str:
    value = " ".join(value.split())
    if required and not value:
        raise WorkshopError(f"Vul {what} in.")
    if len(value) > limit or not value.isprintable():
        raise WorkshopError(f"{what[0].upper() + what[1:]} is te lang (hoogstens {limit} tekens) "
                            "of bevat vreemde tekens.")
    return value


def plan_workshop(session: Session, title: str, starts_at: datetime, location_id: str, max_places: int, *,
                  topic: str = "", trainer: str = "", stop_name: str | None = None) -> Workshop:
    if not 1 <= max_places <= MAX_ATTENDEES:
        raise WorkshopError(f"Het aantal plaatsen is 1 tot {MAX_ATTENDEES}.")
    workshop = Workshop(id=str(uuid.uuid4()), title=_text(title, "de titel", required=True),
                        topic=_text(topic, "het onderwerp"), starts_at=starts_at, location_id=location_id,
                        stop_name=_text(stop_name or "", "de halte") or None, trainer=_text(trainer, "de lesgever"),
                        max_places=max_places, cancelled=False)
    session.add(workshop)
    session.flush()
    publish(session, workshop)
    return workshop


def cancel_workshop(session: Session, workshop: Workshop) -> None:
    workshop.cancelled = True
    publish(session, workshop)


def publish(session: Session, workshop: Workshop) -> None:
    record_change(session, "workshop", workshop.id, WorkshopData(
        title=workshop.title, topic=workshop.topic, starts_at=workshop.starts_at,
        location_id=workshop.location_id, stop_name=workshop.stop_name,
        trainer=workshop.trainer, max_places=workshop.max_places, cancelled=workshop.cancelled))


@dataclass(frozen=True)
class Skills:
    """The Digibanken objective "skills" over a period: sessions held, attendees, and the visitor
    codes attendees typed (distinct people across help, lending and workshops)."""

    sessions: int = 0
    attendees: int = 0
    visitor_codes: frozenset[str] = frozenset()


def _latest(session: Session, start: datetime | None = None, end: datetime | None = None,
            location_ids: frozenset[str] | None = None) -> dict[str, WorkshopSessionRecord]:
    """The newest attendance record of each workshop held in [start, end) at `location_ids`: a
    session recorded on two kiosks counts once."""
    query = select(StoredRecord.payload).where(StoredRecord.kind == "workshop_session")
    if start is not None and end is not None:
        query = query.where(StoredRecord.occurred_at >= start, StoredRecord.occurred_at < end)
    if location_ids is not None:
        query = query.where(StoredRecord.location_id.in_(sorted(location_ids)))
    latest: dict[str, WorkshopSessionRecord] = {}
    for payload in session.scalars(query):
        record = WorkshopSessionRecord.model_validate_json(payload)
        key = str(record.workshop_id)
        if key not in latest or record.recorded_at > latest[key].recorded_at:
            latest[key] = record
    return latest


def skills_between(session: Session, start: datetime, end: datetime,
                   location_ids: frozenset[str] | None = None) -> Skills:
    """Recorded sessions held in [start, end) at `location_ids` (None: everywhere)."""
    latest = _latest(session, start, end, location_ids).values()
    return Skills(len(latest), sum(r.attendees for r in latest),
                  frozenset(code for r in latest for code in r.visitor_codes))


def attendance(session: Session) -> dict[str, int]:
    """Attendees recorded per workshop id."""
    return {key: record.attendees for key, record in _latest(session).items()}


@dataclass(frozen=True)
class MonthRow:
    month: str  # yyyy-mm, Belgian time
    place: str  # the location, with the digibus stop
    topic: str
    sessions: int
    attendees: int


def per_month(session: Session, zone: ZoneInfo, location_ids: frozenset[str] | None = None,
              start: datetime | None = None, end: datetime | None = None) -> list[MonthRow]:
    """Recorded sessions and their attendees per month, place and topic, newest month first; the
    same sessions `skills_between` counts (held in [start, end), or ever)."""
    latest = _latest(session, start, end, location_ids)
    plans = {w.id: w for w in session.scalars(select(Workshop).where(Workshop.id.in_(sorted(latest))))}
    names = {location_id: name for location_id, name in session.execute(select(Location.id, Location.name))}
    sessions: Counter[tuple[str, str, str]] = Counter()
    attendees: Counter[tuple[str, str, str]] = Counter()
    for key, record in latest.items():
        plan = plans.get(key)
        place = names.get(str(record.location_id), "?") + (f", {plan.stop_name}" if plan and plan.stop_name else "")
        group = (record.held_at.astimezone(zone).strftime("%Y-%m"), place, (plan.topic if plan else "") or "—")
        sessions[group] += 1
        attendees[group] += record.attendees
    groups = sorted(sessions, key=lambda g: (g[1].casefold(), g[2].casefold()))
    return [MonthRow(*group, sessions[group], attendees[group])
            for group in sorted(groups, key=lambda g: g[0], reverse=True)]
