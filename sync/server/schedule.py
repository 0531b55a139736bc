"""The spreekuur schedule per location and the notices, as coordinators keep them and kiosks get them.

Each change republishes what kiosks hold: a location's whole schedule as one `ScheduleData`
(reference entity "schedule", key = location id; days before yesterday left out), a notice as one
`NoticeData` (entity "notice", key = notice id). A kiosk receives only its own location's schedule
and the notices for its location; any other one reaches it as a deletion, so a
notice taken away from a location disappears there (sync/server/reference.py). Every function works in the caller's
transaction; messages are Dutch, for the console.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sync.protocol import (
    NOTICE_MAX,
    SCHEDULE_ZONE,
    VISITOR_LANGUAGES,
    BusStop,
    ExtraSession,
    NoticeData,
    ScheduleData,
    WeeklyHours,
)
from sync.server.db import utcnow
from sync.server.models import Location, Notice, NoticeLocation, ScheduleEntry
from sync.server.reference import record_change

ZONE = ZoneInfo(SCHEDULE_ZONE)
KINDS = ("weekly", "closed", "extra", "stop")
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
KEEP_PAST = timedelta(days=1)  # yesterday still travels: a kiosk's clock may be a little behind


class ScheduleError(ValueError):
    """A schedule line or notice the server refuses; the message is Dutch and says what to do."""


def today() -> date:
    return utcnow().astimezone(ZONE).date()


# --- the schedule ------------------------------------------------------------------------------
def entries(session: Session, location_id: str) -> list[ScheduleEntry]:
    """A location's lines: weekly hours by weekday, then dated lines by day and hour."""
    rows = session.scalars(select(ScheduleEntry).where(ScheduleEntry.location_id == location_id)).all()
    return sorted(rows, key=lambda e: (e.kind != "weekly", e.weekday or 0, e.day or date.min, e.start or ""))


def _clock(text: str, what: str) -> str:
    text = text.strip().replace(".", ":").replace("u", ":")
    if text.isdigit() and len(text) <= 2:
        text += ":00"
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60 and len(minutes) == 2):
        raise ScheduleError(f"{what} is een uur zoals 14:00.")
    return f"{int(hours):02d}:{minutes}"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ScheduleError("Kies een datum, bijvoorbeeld 2026-12-03.") from None


def add_entry(session: Session, location: Location, kind: str, *, weekday: str = "", day: str = "",
              start: str = "", end: str = "", address: str = "") -> ScheduleEntry:
    """A new line from the console's form text. Refuses what kiosks could not show."""
    if kind not in KINDS:
        raise ScheduleError("Kies wat je toevoegt: vaste uren, gesloten, een extra spreekuur of een halte.")
    if kind == "stop" and location.kind != "digibus":
        raise ScheduleError("Haltes horen bij een digibus. Voor een vaste plaats: voeg uren toe.")
    entry = ScheduleEntry(id=str(uuid.uuid4()), location_id=location.id, kind=kind)
    _fill_entry(entry, weekday=weekday, day=day, start=start, end=end, address=address)
    session.add(entry)
    session.flush()
    publish_schedule(session, location.id)
    return entry


def update_entry(session: Session, entry: ScheduleEntry, *, weekday: str = "", day: str = "", start: str = "",
                 end: str = "", address: str = "") -> None:
    """A line changed in place (its kind stays), with the same checks as a new one."""
    _fill_entry(entry, weekday=weekday, day=day, start=start, end=end, address=address)
    session.flush()
    publish_schedule(session, entry.location_id)


def _fill_entry(entry: ScheduleEntry, *, weekday: str, day: str, start: str, end: str, address: str) -> None:
    """The form's text into the line, for its kind; nothing is changed when it is refused."""
    kind = entry.kind
    values: dict[str, object] = {"weekday": None, "day": None, "start": None, "end": None, "address": None}
    if kind == "weekly":
        if not weekday.isdigit() or not 0 <= int(weekday) <= 6:
            raise ScheduleError("Kies een dag van de week.")
        values["weekday"] = int(weekday)
    else:
        values["day"] = when = _day(day)
        if when < today():
            raise ScheduleError("Die dag is al voorbij. Kies vandaag of een dag later.")
    if kind != "closed":
        values["start"], values["end"] = _clock(start, "Het beginuur"), _clock(end, "Het einduur")
        if str(values["end"]) <= str(values["start"]):
            raise ScheduleError("Het einduur komt na het beginuur.")
    if kind == "stop":
        values["address"] = cleaned = " ".join(address.split())
        if not 1 <= len(cleaned) <= 160 or not cleaned.isprintable():
            raise ScheduleError("Geef het adres van de halte (hoogstens 160 tekens).")
    for name, value in values.items():
        setattr(entry, name, value)


def remove_entry(session: Session, entry: ScheduleEntry) -> None:
    location_id = entry.location_id
    session.delete(entry)
    session.flush()
    publish_schedule(session, location_id)


def schedule_data(session: Session, location_id: str, since: date | None = None) -> ScheduleData:
    """What kiosks hold of a location's schedule: weekly hours, and dated lines from `since` on."""
    since = since or today() - KEEP_PAST
    data = ScheduleData()
    for entry in entries(session, location_id):
        if entry.kind == "weekly" and entry.weekday is not None and entry.start and entry.end:
            data.weekly.append(WeeklyHours(weekday=entry.weekday, start=entry.start, end=entry.end))
        elif entry.day is None or entry.day < since:
            continue
        elif entry.kind == "closed":
            data.closed.append(entry.day)
        elif entry.kind == "extra" and entry.start and entry.end:
            data.extra.append(ExtraSession(day=entry.day, start=entry.start, end=entry.end))
        elif entry.kind == "stop" and entry.start and entry.end and entry.address:
            data.stops.append(BusStop(day=entry.day, start=entry.start, end=entry.end, address=entry.address))
    return ScheduleData.model_validate(data.model_dump())  # the list limits checked as a kiosk will


def publish_schedule(session: Session, location_id: str) -> None:
    try:
        data = schedule_data(session, location_id)
    except ValidationError:
        raise ScheduleError("Dit rooster is te lang voor de kiosks. Verwijder eerst lijnen die voorbij zijn.") from None
    record_change(session, "schedule", location_id, data)


# --- notices -----------------------------------------------------------------------------------
def notice_texts(notice: Notice) -> dict[str, str]:
    texts: dict[str, str] = json.loads(notice.text)
    return texts


def notice_location_ids(session: Session, notice_id: str) -> list[str]:
    return list(session.scalars(select(NoticeLocation.location_id).where(NoticeLocation.notice_id == notice_id)))


def add_notice(session: Session, texts: dict[str, str], first_day: str, last_day: str,
               location_ids: Iterable[str], now: datetime | None = None) -> Notice:
    """`texts`: the form's text per interface language; empty ones are left out, Dutch is needed."""
    notice = Notice(id=str(uuid.uuid4()), created_at=now or utcnow())
    _fill_notice(session, notice, texts, first_day, last_day, location_ids, new=True)
    return notice


def update_notice(session: Session, notice: Notice, texts: dict[str, str], first_day: str, last_day: str,
                  location_ids: Iterable[str]) -> None:
    """A notice changed in place (texts, days, locations), with the same checks as a new one."""
    _fill_notice(session, notice, texts, first_day, last_day, location_ids, new=False)


def _fill_notice(session: Session, notice: Notice, texts: dict[str, str], first_day: str, last_day: str,
                 location_ids: Iterable[str], *, new: bool) -> None:
    cleaned = {lang: " ".join(texts.get(lang, "").split()) for lang in VISITOR_LANGUAGES}
    cleaned = {lang: text for lang, text in cleaned.items() if text}
    if "nl" not in cleaned:
        raise ScheduleError("Schrijf de mededeling in het Nederlands. Vertalingen zijn er extra bij.")
    if any(len(text) > NOTICE_MAX for text in cleaned.values()):
        raise ScheduleError(f"Een mededeling is kort: hoogstens {NOTICE_MAX} tekens per taal.")
    first, last = _day(first_day), _day(last_day)
    if last < first:
        raise ScheduleError("De laatste dag komt op of na de eerste dag.")
    if last < today():
        raise ScheduleError("Die periode is al voorbij. Kies een laatste dag vanaf vandaag.")
    places = sorted(set(location_ids))
    if not places:
        raise ScheduleError("Kies minstens één locatie.")
    known = set(session.scalars(select(Location.id).where(Location.id.in_(places))))
    if known != set(places):
        raise ScheduleError("Een van de gekozen locaties bestaat niet (meer). Laad de pagina opnieuw.")
    try:
        data = NoticeData.model_validate({"text": cleaned, "first_day": first, "last_day": last})
    except ValidationError:
        raise ScheduleError("Een mededeling is gewone tekst zonder tekens als tabs.") from None
    notice.text, notice.first_day, notice.last_day = json.dumps(cleaned, ensure_ascii=False), first, last
    if new:
        session.add(notice)
    else:
        session.execute(delete(NoticeLocation).where(NoticeLocation.notice_id == notice.id))
    session.flush()
    session.add_all(NoticeLocation(notice_id=notice.id, location_id=loc) for loc in places)
    record_change(session, "notice", notice.id, data)


def remove_notice(session: Session, notice: Notice) -> None:
    session.execute(delete(NoticeLocation).where(NoticeLocation.notice_id == notice.id))
    session.delete(notice)
    record_change(session, "notice", notice.id, None)
