"""The home screen's information area, as a visitor sees it (real widgets, offscreen): this
location's spreekuur or the digibus's next stops, notices in the visitor's language beside Dutch,
the words moving with the clock, and the guides still in view."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from kiosk.core.secrets import SecretStore
from kiosk.sync.engine import SyncEngine
from sync.server import schedule as server_schedule
from sync.server.models import Location
from tests.keyrings import MemoryKeyring
from tools.screenshots import home_info


def shown(window) -> list[str]:
    window.db_tasks.wait()
    for _ in range(3):
        QApplication.processEvents()
    layout = window.home.info.card.layout()
    return [layout.itemAt(i).widget().text() for i in range(layout.count()) if layout.itemAt(i).widget()]


def first_row_in_view(window) -> bool:
    home = window.home
    fold = home.tiles_area.viewport().mapToGlobal(home.tiles_area.viewport().rect().bottomLeft()).y()
    return all(tile.mapToGlobal(tile.rect().bottomLeft()).y() <= fold for tile, _texts in home._tiles[:home.COLUMNS])


def test_the_home_screen_shows_the_spreekuur_and_a_notice(window, clock):
    assert not window.home.info.isVisible()  # the demo kiosk has no schedule
    home_info.seed(window.runtime.store, clock.now, "fixed", notices=1)  # Tuesday 24 November, 10:00
    window.go_home()
    assert shown(window) == ["Vandaag is er een digihelper van 14:00 tot 16:00", "Gesloten op 11 november"]
    assert window.home.info.isVisible()

    window.prefs.set(language="fr")
    assert shown(window) == ["Aujourd'hui, un digihelper est là de 14:00 à 16:00", "Fermé le 11 novembre",
                             "Gesloten op 11 november"]
    window.prefs.set(language="uk")
    clock.advance(hours=6)  # 16:00 in Brussels: today's session is over
    window.home.info.refresh()
    assert shown(window)[0] == "Наступна консультація: завтра, 14:00"

    clock.advance(days=9)  # the notice ran a week: gone
    window.home.info.refresh()
    assert shown(window) == ["Наступна консультація: завтра, 14:00"]


def test_on_the_digibus_the_next_stops_and_the_guides_stay_in_view(window, clock):
    home_info.seed(window.runtime.store, clock.now, "digibus", notices=2)
    window.prefs.set(language="ar", text_size="extra-large", high_contrast=True)
    window.go_home()
    lines = shown(window)
    assert lines[:3] == ["تأتي الحافلة الرقمية إلى:", "اليوم من 10:00 إلى 12:30: Markt, Kessel-Lo",
                         "غدًا من 10:00 إلى 12:30: Dorpsplein, Wilsele"]
    assert "Gesloten op 11 november" in lines and "مغلق يوم 11 نوفمبر" in lines
    home = window.home
    assert first_row_in_view(window)
    assert home.info.lines_area.verticalScrollBar().maximum() > 0  # the rest of the lines scroll inside the area


def test_at_the_largest_text_the_intro_gives_way_before_the_guides_move(window, clock):
    window.prefs.set(language="fr", text_size="extra-large")
    window.go_home()
    window.db_tasks.wait()
    QApplication.processEvents()
    assert window.home.intro.isVisible()  # nothing to show: the screen as it always was
    home_info.seed(window.runtime.store, clock.now, "digibus", notices=2)
    window.home.info.refresh()
    shown(window)
    home = window.home
    assert not home.intro.isVisible() and home.info.height() >= home.info.first_line_height() > 0
    assert first_row_in_view(window)


def test_what_the_console_sets_reaches_the_home_screen_through_a_real_sync(window, clock, live_server, data_dir):
    """A real server on 127.0.0.1: its schedule and notice, pulled by this kiosk's own sync, on screen."""
    clock.now = datetime.now(UTC)
    today = server_schedule.today()
    code = live_server.enroll_code("Bibliotheek Leuven")

    def publish(session):
        leuven = session.scalar(select(Location).where(Location.name == "Bibliotheek Leuven"))
        server_schedule.add_entry(session, leuven, "weekly", weekday=str((today.weekday() + 1) % 7), start="14:00",
                                  end="16:00")
        server_schedule.add_notice(session, {"nl": "Gesloten op 11 november", "ar": "مغلق يوم 11 نوفمبر"},
                                   today.isoformat(), (today + timedelta(days=1)).isoformat(), [leuven.id])
    live_server.admin(publish)
    engine = SyncEngine(window.runtime.store, SecretStore(data_dir, backend=MemoryKeyring()))
    engine.enroll(live_server.url, code, "balie-pc")  # enrolling pulls the reference data
    window.prefs.set(language="ar")
    window.go_home()
    assert shown(window) == ["موعد الاستشارة القادم: غدًا، 14:00", "مغلق يوم 11 نوفمبر", "Gesloten op 11 november"]


def test_the_help_call_and_the_printout_name_the_next_spreekuur_from_the_same_schedule(window, clock):
    from kiosk.ui.visitor import printout
    from kiosk.ui.visitor.home_info import next_spreekuur_sentence

    assert next_spreekuur_sentence(window) is None  # no schedule: never a guess
    home_info.seed(window.runtime.store, clock.now, "fixed", notices=1)  # Tuesday 24 November, 10:00
    window.go_home()
    shown(window)
    window.prefs.set(language="fr")
    assert next_spreekuur_sentence(window) == "Aujourd'hui, un digihelper est là de 14:00 à 16:00"
    assert printout.next_spreekuur_text(window, "fr") == "Aujourd'hui, un digihelper est là de 14:00 à 16:00"
    assert printout.next_spreekuur_text(window, "nl") == "Vandaag is er een digihelper van 14:00 tot 16:00"
    # "No digihelper now": what to do, then when one is next here.
    assert window.call_banner._nobody_text().endswith(" Aujourd'hui, un digihelper est là de 14:00 à 16:00")


def test_the_next_workshops_show_in_the_visitors_language_beside_dutch(window, clock):
    """This location's next three workshops (of four planned), after the spreekuur and the
    notices; a workshop that started is gone at the next refresh."""
    home_info.seed(window.runtime.store, clock.now, "fixed", notices=1, workshops=4)  # Tuesday 24 November, 10:00
    window.go_home()
    assert shown(window) == [
        "Vandaag is er een digihelper van 14:00 tot 16:00", "Gesloten op 11 november",
        "Vormingen hier:", "Morgen om 10:00: Veilig online bankieren met itsme",
        "Vrijdag 27 november om 14:00: Je smartphone: foto's en berichten",
        "Woensdag 2 december om 10:00: Een afspraak maken bij de dokter via internet"]
    window.prefs.set(language="fr")
    assert shown(window)[3:7] == ["Ateliers ici :", "Demain à 10:00 : Veilig online bankieren met itsme",
                                  "Morgen om 10:00: Veilig online bankieren met itsme",
                                  "Vendredi 27 novembre à 14:00 : Je smartphone: foto's en berichten"]
    clock.advance(days=1, minutes=1)  # Wednesday 10:01: the first one started
    window.home.info.refresh()
    lines = shown(window)
    assert "Veilig online bankieren met itsme" not in " ".join(lines)
    assert "Jeudi 3 décembre à 14:00 : E-mail voor beginners" in lines


def test_on_the_digibus_workshops_name_their_stop_and_the_guides_stay_in_view(window, clock):
    home_info.seed(window.runtime.store, clock.now, "digibus", notices=2, workshops=4)
    window.prefs.set(language="ar", text_size="extra-large", high_contrast=True)
    window.go_home()
    lines = shown(window)
    assert "غدًا الساعة 10:00 (Markt, Kessel-Lo): Veilig online bankieren met itsme" in lines
    assert "Morgen om 10:00 (Markt, Kessel-Lo): Veilig online bankieren met itsme" in lines
    assert first_row_in_view(window)
    assert window.home.info.height() >= window.home.info.first_line_height() > 0
