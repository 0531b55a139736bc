"""kiosk/core/schedule.py: which session or stop comes next and how the home screen words it, in
Belgian time across the daylight-saving changes (last Sunday of March and of October), without Qt."""
from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from kiosk.core import schedule
from kiosk.core.schedule import HomeInfo, HomeNotice, InfoLine, home_lines, next_session_text
from kiosk.core.store import meta_keys, open_store
from kiosk.core.store.models import Location, Meta, Notice, Schedule
from sync.protocol import BusStop, ExtraSession, NoticeData, ScheduleData, WeeklyHours

# Tuesday and Sunday afternoons; closed on Tuesday 1 December 2026; an extra Friday session.
WEEKLY = ScheduleData(weekly=[WeeklyHours(weekday=1, start="14:00", end="16:00"),
                              WeeklyHours(weekday=6, start="14:00", end="16:00")],
                      closed=[date(2026, 12, 1)],
                      extra=[ExtraSession(day=date(2026, 12, 4), start="09:30", end="12:00")])


def info(data: ScheduleData = WEEKLY, kind: str = "fixed", first: date = date(2026, 1, 1),
         notices: tuple[HomeNotice, ...] = ()) -> HomeInfo:
    return HomeInfo(kind, schedule.sessions(data, kind, first, date(2027, 1, 31)), notices)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_today_and_the_next_session_in_the_words_of_the_issue():
    # Tuesday 24 November 2026, 10:00 in Brussels (09:00 UTC, winter time)
    assert next_session_text(info(), utc(2026, 11, 24, 9)) == "Vandaag is er een digihelper van 14:00 tot 16:00"
    # still true during the session; after it, the next one is Sunday
    assert next_session_text(info(), utc(2026, 11, 24, 14, 59)) == "Vandaag is er een digihelper van 14:00 tot 16:00"
    assert next_session_text(info(), utc(2026, 11, 24, 15, 0)) == "Volgende spreekuur: zondag 29 november, 14:00"
    # closed on Tuesday 1 December: after Sunday the 29th comes the extra Friday session
    assert next_session_text(info(), utc(2026, 11, 29, 16)) == "Volgende spreekuur: vrijdag 4 december, 09:30"
    assert next_session_text(info(), utc(2026, 12, 3, 12)) == "Volgende spreekuur: morgen, 09:30"


def test_nothing_is_said_without_a_schedule():
    assert next_session_text(HomeInfo(), utc(2026, 11, 24, 9)) is None
    assert home_lines(HomeInfo(), utc(2026, 11, 24, 9)) == ()
    assert next_session_text(info(ScheduleData()), utc(2026, 11, 24, 9)) is None


@pytest.mark.parametrize(("now", "expected"), [
    # Sunday 29 March 2026: clocks go from 02:00 to 03:00. 14:00-16:00 CEST is 12:00-14:00 UTC.
    (utc(2026, 3, 29, 13, 59), "Vandaag is er een digihelper van 14:00 tot 16:00"),
    (utc(2026, 3, 29, 14, 30), "Volgende spreekuur: dinsdag 31 maart, 14:00"),  # 16:30 CEST: over
    # Saturday 23:30 UTC is already Sunday 00:30 in Brussels (winter time, before the change)
    (utc(2026, 3, 28, 23, 30), "Vandaag is er een digihelper van 14:00 tot 16:00"),
    # Sunday 25 October 2026: clocks go back from 03:00 to 02:00. 14:00-16:00 CET is 13:00-15:00 UTC.
    (utc(2026, 10, 25, 14, 30), "Vandaag is er een digihelper van 14:00 tot 16:00"),  # 15:30 CET: running
    (utc(2026, 10, 25, 15, 0), "Volgende spreekuur: dinsdag 27 oktober, 14:00"),
    # Saturday 22:30 UTC is Sunday 00:30 in Brussels (summer time, before the change)
    (utc(2026, 10, 24, 22, 30), "Vandaag is er een digihelper van 14:00 tot 16:00"),
    (utc(2026, 10, 24, 21, 59), "Volgende spreekuur: morgen, 14:00"),  # 23:59 Saturday
])
def test_belgian_time_across_the_daylight_saving_changes(now, expected):
    assert next_session_text(info(), now) == expected


def test_a_session_start_is_the_right_instant_on_both_sides_of_a_change():
    march = schedule.Slot(date(2026, 3, 29), "14:00", "16:00")
    assert march.starts_at == utc(2026, 3, 29, 12) and march.ends_at == utc(2026, 3, 29, 14)
    october = schedule.Slot(date(2026, 10, 25), "01:30", "02:30")  # 02:30 comes twice: the first (CEST)
    assert october.starts_at == utc(2026, 10, 24, 23, 30) and october.ends_at == utc(2026, 10, 25, 0, 30)


STOPS = ScheduleData(stops=[
    BusStop(day=date(2026, 11, 24), start="10:00", end="12:00", address="Markt, Kessel-Lo"),
    BusStop(day=date(2026, 11, 25), start="13:00", end="15:30", address="Dorpsplein, Wilsele"),
    BusStop(day=date(2026, 11, 27), start="09:00", end="11:00", address="Sint-Jansplein, Heverlee"),
    BusStop(day=date(2026, 12, 2), start="09:00", end="11:00", address="Ladeuzeplein, Leuven"),
])


def test_the_digibus_shows_its_next_stops():
    lines = home_lines(info(STOPS, "digibus"), utc(2026, 11, 24, 10))  # 11:00, at the first stop
    assert lines == (
        InfoLine("stops-title", "De digibus komt:"),
        InfoLine("stop", "Vandaag van 10:00 tot 12:00: Markt, Kessel-Lo"),
        InfoLine("stop", "Morgen van 13:00 tot 15:30: Dorpsplein, Wilsele"),
        InfoLine("stop", "Vrijdag 27 november van 09:00 tot 11:00: Sint-Jansplein, Heverlee"),
    )
    after = home_lines(info(STOPS, "digibus"), utc(2026, 11, 24, 11))  # 12:00: that stop is over
    assert [line.text for line in after][1].startswith("Morgen van 13:00")
    assert next_session_text(info(STOPS, "digibus"), utc(2026, 11, 24, 11)) == (
        "Volgende halte van de digibus: morgen, 13:00, Dorpsplein, Wilsele")


FRENCH = {"Volgende spreekuur: {date}, {start}": "Prochaine permanence : {date}, {start}",
          "{weekday} {day} {month}": "{weekday} {day} {month}", "dinsdag": "mardi", "december": "décembre",
          "Vandaag is er een digihelper van {start} tot {end}": "Aujourd'hui, un digihelper est là de {start} à {end}"}


def test_words_come_from_the_translation_given():
    french = FRENCH.get
    data = ScheduleData(weekly=[WeeklyHours(weekday=1, start="14:00", end="16:00")])

    def translate(text: str) -> str:
        return french(text) or text
    assert next_session_text(info(data), utc(2026, 11, 26, 9), translate) == (
        "Prochaine permanence : mardi 1 décembre, 14:00")
    assert next_session_text(info(data), utc(2026, 12, 1, 9), translate) == (
        "Aujourd'hui, un digihelper est là de 14:00 à 16:00")


CLOSED = HomeNotice({"nl": "Gesloten op 11 november", "fr": "Fermé le 11 novembre"}, date(2026, 11, 4),
                    date(2026, 11, 11))
WORKSHOP = HomeNotice({"nl": "Nieuw: workshop smartphone"}, date(2026, 11, 1), date(2026, 11, 30))


def test_notices_in_the_visitors_language_beside_dutch_only_while_they_run():
    home = info(notices=(WORKSHOP, CLOSED))
    at = utc(2026, 11, 10, 9)  # Tuesday 10 November 10:00
    assert home_lines(home, at, language="fr")[1:] == (
        InfoLine("notice", "Nieuw: workshop smartphone"),  # no French: Dutch alone
        InfoLine("notice", "Fermé le 11 novembre", "Gesloten op 11 november"))
    assert home_lines(home, at, language="nl")[1:] == (
        InfoLine("notice", "Nieuw: workshop smartphone"), InfoLine("notice", "Gesloten op 11 november"))
    assert [line.text for line in home_lines(home, utc(2026, 11, 11, 22, 59))[1:]] == [
        "Nieuw: workshop smartphone", "Gesloten op 11 november"]  # 23:59 on its last day
    assert [line.text for line in home_lines(home, utc(2026, 11, 11, 23, 0))[1:]] == ["Nieuw: workshop smartphone"]
    assert [line.kind for line in home_lines(home, utc(2026, 11, 3, 9))] == ["schedule", "notice"]


def test_the_store_gives_this_locations_schedule_and_the_notices_not_over(data_dir):
    store = open_store(data_dir)
    place = str(uuid.uuid4())
    at = utc(2026, 11, 24, 9)
    with store.transaction() as session:
        assert schedule.read(session, at) == HomeInfo()  # not enrolled: nothing
        session.add(Location(id=place, name="Bibliotheek Leuven", kind="fixed", active=True))
        session.add(Meta(key=meta_keys.LOCATION_ID, value=place))
        session.add(Schedule(location_id=place, data=WEEKLY.model_dump_json()))
        for key, first, last in (("old", date(2026, 11, 1), date(2026, 11, 23)),
                                 ("now", date(2026, 11, 20), date(2026, 11, 30))):
            data = NoticeData(text={"nl": key}, first_day=first, last_day=last)
            session.add(Notice(id=key, last_day=last, data=data.model_dump_json()))
    with store.read() as session:
        home = schedule.read(session, at)
    store.close()
    assert home.kind == "fixed" and [n.text["nl"] for n in home.notices] == ["now"]
    assert home.sessions[0] == schedule.Slot(date(2026, 11, 24), "14:00", "16:00")
    assert next_session_text(home, at) == "Vandaag is er een digihelper van 14:00 tot 16:00"
