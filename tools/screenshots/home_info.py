"""A spreekuur schedule, digibus stops, workshops and notices in a demo store, as the server would send them
(through the kiosk's own puller), for the home screen's screenshots and its layout tests."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from kiosk.core.schedule import ZONE
from kiosk.core.store import Store, meta_keys
from kiosk.core.store.models import Location, Notice, Schedule, Workshop
from kiosk.sync.puller import Puller, read_cursor, set_meta
from sync.protocol import (
    BusStop,
    NoticeData,
    ReferenceChange,
    ReferencePage,
    ScheduleData,
    WeeklyHours,
    WorkshopData,
)

NOTICES = (
    {"nl": "Gesloten op 11 november", "fr": "Fermé le 11 novembre", "en": "Closed on 11 November",
     "ar": "مغلق يوم 11 نوفمبر", "uk": "Зачинено 11 листопада", "tr": "11 Kasım'da kapalı"},
    {"nl": "Nieuw: workshop smartphone, elke donderdag om 10 uur in de bibliotheek",
     "fr": "Nouveau : atelier smartphone, chaque jeudi à 10 heures à la bibliothèque",
     "en": "New: smartphone workshop, every Thursday at 10 in the library",
     "ar": "جديد: ورشة عن الهاتف الذكي، كل يوم خميس الساعة 10 في المكتبة",
     "uk": "Нове: майстер-клас зі смартфона, щочетверга о 10 годині в бібліотеці",
     "tr": "Yeni: akıllı telefon atölyesi, her perşembe saat 10'da kütüphanede"},
)
ADDRESSES = ("Markt, Kessel-Lo", "Dorpsplein, Wilsele", "Sint-Jansplein, Heverlee")
# (days ahead, hour in Brussels, title): more than the home screen shows (kiosk.core.workshops.HOME_MAX)
WORKSHOPS = ((1, 10, "Veilig online bankieren met itsme"), (3, 14, "Je smartphone: foto's en berichten"),
             (8, 10, "Een afspraak maken bij de dokter via internet"), (9, 14, "E-mail voor beginners"))


def seed(store: Store, now: datetime, kind: str = "fixed", notices: int = 1, workshops: int = 0) -> str:
    """This kiosk placed at the demo location of `kind`, with a schedule (a fixed place: every day
    14:00-16:00; the digibus: a stop on each of the next days), `notices` notices and `workshops`
    planned workshops there (on the digibus at its stops); its id."""
    today = now.astimezone(ZONE).date()
    with store.transaction() as session:
        location = session.scalars(select(Location).where(Location.kind == kind, Location.active)
                                   .order_by(Location.name)).first()
        assert location is not None, f"the demo data has no {kind} location"
        set_meta(session, meta_keys.LOCATION_ID, location.id)
        since = read_cursor(session)
    if kind == "digibus":
        data = ScheduleData(stops=[BusStop(day=today + timedelta(days=n), start="10:00", end="12:30", address=address)
                                   for n, address in enumerate(ADDRESSES)])
    else:
        data = ScheduleData(weekly=[WeeklyHours(weekday=day, start="14:00", end="16:00") for day in range(7)])
    changes = [_change("schedule", location.id, data)]
    changes += [_change("notice", f"notice-{n}", NoticeData(text=text, first_day=today, last_day=today + timedelta(7)))
                for n, text in enumerate(NOTICES[:notices])]
    for n, (days, hour, title) in enumerate(WORKSHOPS[:workshops]):
        starts = datetime.combine(today + timedelta(days=days), time(hour), ZONE)
        stop = ADDRESSES[n % len(ADDRESSES)] if kind == "digibus" else None
        changes.append(_change("workshop", f"workshop-{n}", WorkshopData(
            title=title, topic="", starts_at=starts, location_id=location.id, stop_name=stop, max_places=12)))
    page = ReferencePage(server_time=now, cursor=since + 1, has_more=False, changes=changes)
    Puller(store, None).apply(page, since)  # type: ignore[arg-type]  # apply() never calls the server
    return location.id


def _change(entity: Any, key: str, data: ScheduleData | NoticeData | WorkshopData) -> ReferenceChange:
    return ReferenceChange(entity=entity, key=key, data=data.model_dump(mode="json"))


def clear(store: Store) -> None:
    """Back to a kiosk without a place, schedule, workshops or notices (the demo's own state)."""
    with store.transaction() as session:
        for model in (Notice, Schedule, Workshop):
            for row in session.scalars(select(model)):
                session.delete(row)
        set_meta(session, meta_keys.LOCATION_ID, None)
