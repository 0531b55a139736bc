"""When a digihelper is here, where the digibus stops next, and the notices: the home screen's
information lines, Qt-free.

The server sends this location's `ScheduleData` and its notices (kiosk/sync/puller.py); `read()`
turns them into `HomeInfo`, plain data: the sessions (or digibus stops) of the coming weeks as
Belgian wall-clock times, and the notices not yet over. `home_lines()` and `next_session_text()`
then word them for a moment and a language. Every time of the schedule is Europe/Brussels time,
whatever zone the computer is in, so the last Sundays of March and October change nothing.

Words: the Dutch sentences, weekday and month names below are the source texts of the Qt
translation context "Schedule" (resources/i18n/*.ts; `make lupdate` reads this file too, through
its `QT_TRANSLATE_NOOP` marks). The caller passes `translate`, which maps a Dutch source text to
the visitor's language (the UI: `QCoreApplication.translate("Schedule", text)`); the default keeps
Dutch. Day and month names come from that table, not from the system locale, so every screen and
printout says them alike.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.store import meta_keys
from kiosk.core.store.models import Location, Meta, Notice, Schedule
from sync.protocol import SCHEDULE_ZONE, NoticeData, ScheduleData

ZONE = ZoneInfo(SCHEDULE_ZONE)
HORIZON = timedelta(days=62)  # how far ahead the home screen looks for the next session
MAX_STOPS = 3  # the digibus's next stops on the home screen

Translate = Callable[[str], str]


def dutch(text: str) -> str:
    """The `translate` that keeps the Dutch source."""
    return text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a source text for lupdate (context "Schedule"); translating happens in `translate`."""
    return text


TODAY_SESSION = QT_TRANSLATE_NOOP("Schedule", "Vandaag is er een digihelper van {start} tot {end}")
NEXT_SESSION = QT_TRANSLATE_NOOP("Schedule", "Volgende spreekuur: {date}, {start}")
STOPS_TITLE = QT_TRANSLATE_NOOP("Schedule", "De digibus komt:")
STOP_LINE = QT_TRANSLATE_NOOP("Schedule", "{date} van {start} tot {end}: {address}")
NEXT_STOP = QT_TRANSLATE_NOOP("Schedule", "Volgende halte van de digibus: {date}, {start}, {address}")
TODAY = QT_TRANSLATE_NOOP("Schedule", "vandaag")
TOMORROW = QT_TRANSLATE_NOOP("Schedule", "morgen")
DATE = QT_TRANSLATE_NOOP("Schedule", "{weekday} {day} {month}")  # "dinsdag 3 december"
WEEKDAYS = (
    QT_TRANSLATE_NOOP("Schedule", "maandag"), QT_TRANSLATE_NOOP("Schedule", "dinsdag"),
    QT_TRANSLATE_NOOP("Schedule", "woensdag"), QT_TRANSLATE_NOOP("Schedule", "donderdag"),
    QT_TRANSLATE_NOOP("Schedule", "vrijdag"), QT_TRANSLATE_NOOP("Schedule", "zaterdag"),
    QT_TRANSLATE_NOOP("Schedule", "zondag"),
)
MONTHS = (
    QT_TRANSLATE_NOOP("Schedule", "januari"), QT_TRANSLATE_NOOP("Schedule", "februari"),
    QT_TRANSLATE_NOOP("Schedule", "maart"), QT_TRANSLATE_NOOP("Schedule", "april"),
    QT_TRANSLATE_NOOP("Schedule", "mei"), QT_TRANSLATE_NOOP("Schedule", "juni"),
    QT_TRANSLATE_NOOP("Schedule", "juli"), QT_TRANSLATE_NOOP("Schedule", "augustus"),
    QT_TRANSLATE_NOOP("Schedule", "september"), QT_TRANSLATE_NOOP("Schedule", "oktober"),
    QT_TRANSLATE_NOOP("Schedule", "november"), QT_TRANSLATE_NOOP("Schedule", "december"),
)


@dataclass(frozen=True)
class Slot:
    """A spreekuur session or a digibus stop: a Belgian date and wall-clock hours."""

    day: date
    start: str  # "14:00"
    end: str
    address: str = ""  # a digibus stop's

    @property
    def starts_at(self) -> datetime:
        return _at(self.day, self.start)

    @property
    def ends_at(self) -> datetime:
        return _at(self.day, self.end)


def _at(day: date, clock: str) -> datetime:
    """The instant, in UTC: a wall-clock time in the doubled hour of October is the first one
    (fold 0), and a UTC instant compares equal across zones (an ambiguous local one never does)."""
    hours, minutes = clock.split(":")
    return datetime.combine(day, time(int(hours), int(minutes)), ZONE).astimezone(UTC)


@dataclass(frozen=True)
class HomeNotice:
    text: dict[str, str]  # language -> text; "nl" always
    first_day: date
    last_day: date


@dataclass(frozen=True)
class HomeInfo:
    """What the home screen knows of this location: its kind ("fixed", "digibus"; "" without a
    location), the sessions or stops from the day asked on, and the notices not over by then."""

    kind: str = ""
    sessions: tuple[Slot, ...] = ()
    notices: tuple[HomeNotice, ...] = ()


@dataclass(frozen=True)
class InfoLine:
    """One line of the home screen's information area. `kind`: "schedule", "stops-title", "stop",
    "notice" (more kinds may come, e.g. workshops). `dutch`: the Dutch text shown beside a
    translated notice; empty when `text` is Dutch already."""

    kind: str
    text: str
    dutch: str = ""


def sessions(schedule: ScheduleData, kind: str, first: date, last: date) -> tuple[Slot, ...]:
    """The sessions (fixed place: weekly hours minus closed days, plus extra sessions) or the stops
    (digibus) from `first` to `last`, in time order."""
    found: list[Slot] = []
    if kind == "digibus":
        found = [Slot(s.day, s.start, s.end, s.address) for s in schedule.stops if first <= s.day <= last]
    else:
        closed = set(schedule.closed)
        day = first
        while day <= last:
            if day not in closed:
                found += [Slot(day, w.start, w.end) for w in schedule.weekly if w.weekday == day.weekday()]
            day += timedelta(days=1)
        found += [Slot(e.day, e.start, e.end) for e in schedule.extra if first <= e.day <= last]
    return tuple(sorted(set(found), key=lambda s: (s.day, s.start, s.end, s.address)))


def read(session: Session, now: datetime) -> HomeInfo:
    """What the server sent for this kiosk's location (none before enrollment)."""
    today = now.astimezone(ZONE).date()
    own = session.get(Meta, meta_keys.LOCATION_ID)
    location = session.get(Location, own.value) if own is not None else None
    if location is None or not location.active:
        return HomeInfo()
    row = session.get(Schedule, location.id)
    found: tuple[Slot, ...] = ()
    if row is not None:
        found = sessions(ScheduleData.model_validate_json(row.data), location.kind, today, today + HORIZON)
    notices = []
    for notice in session.scalars(select(Notice).where(Notice.last_day >= today).order_by(Notice.id)):
        data = NoticeData.model_validate_json(notice.data)
        notices.append(HomeNotice({str(k): v for k, v in data.text.items()}, data.first_day, data.last_day))
    notices.sort(key=lambda n: (n.first_day, n.text["nl"]))
    return HomeInfo(location.kind, found, tuple(notices))


# --- words --------------------------------------------------------------------------------------
def day_text(day: date, today: date, translate: Translate = dutch) -> str:
    """"vandaag", "morgen", or "dinsdag 3 december", in the visitor's language."""
    if day == today:
        return translate(TODAY)
    if day == today + timedelta(days=1):
        return translate(TOMORROW)
    return translate(DATE).format(weekday=translate(WEEKDAYS[day.weekday()]), day=day.day,
                                  month=translate(MONTHS[day.month - 1]))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def upcoming(info: HomeInfo, now: datetime) -> tuple[Slot, ...]:
    """The sessions or stops not over yet at `now`."""
    return tuple(s for s in info.sessions if s.ends_at > now)


def next_session_text(info: HomeInfo, now: datetime, translate: Translate = dutch) -> str | None:
    """One sentence on when a digihelper is next here, or None when the schedule says nothing:
    "Vandaag is er een digihelper van 14:00 tot 16:00", "Volgende spreekuur: dinsdag 3 december,
    14:00", on the digibus "Volgende halte van de digibus: ...". For the home screen, the help
    call's "no helper now" message and the take-home printout."""
    coming = upcoming(info, now)
    if not coming:
        return None
    first, today = coming[0], now.astimezone(ZONE).date()
    if info.kind == "digibus":
        return translate(NEXT_STOP).format(date=day_text(first.day, today, translate), start=first.start,
                                           address=first.address)
    if first.day == today:
        return translate(TODAY_SESSION).format(start=first.start, end=first.end)
    return translate(NEXT_SESSION).format(date=day_text(first.day, today, translate), start=first.start)


def home_lines(info: HomeInfo, now: datetime, translate: Translate = dutch,
               language: str = "nl") -> tuple[InfoLine, ...]:
    """The home screen's information lines at `now`: the schedule (a fixed place: one sentence; the
    digibus: its next stops), then each notice running today, in `language` with Dutch beside it."""
    today = now.astimezone(ZONE).date()
    lines: list[InfoLine] = []
    if info.kind == "digibus":
        stops = upcoming(info, now)[:MAX_STOPS]
        if stops:
            lines.append(InfoLine("stops-title", translate(STOPS_TITLE)))
        lines += [InfoLine("stop", _sentence(translate(STOP_LINE).format(
            date=day_text(s.day, today, translate), start=s.start, end=s.end, address=s.address))) for s in stops]
    else:
        text = next_session_text(info, now, translate)
        if text:
            lines.append(InfoLine("schedule", text))
    for notice in info.notices:
        if notice.first_day <= today <= notice.last_day:
            own = notice.text.get(language)
            if language == "nl" or not own:
                lines.append(InfoLine("notice", notice.text["nl"]))
            else:
                lines.append(InfoLine("notice", own, notice.text["nl"]))
    return tuple(lines)
