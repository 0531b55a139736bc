"""The Spreekuren and Mededelingen pages: a coordinator keeps their own location's hours and
notices, a viewer only reads, everything is escaped and audit-logged, and what is set here
reaches a real kiosk's store at its next sync."""
from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.core.api import KioskApi
from kiosk.core.clock import Clock
from kiosk.core.secrets import SecretStore
from kiosk.core.store import open_store
from kiosk.core.store.models import Notice as KioskNotice
from kiosk.sync.engine import SyncEngine
from sync.server import schedule
from sync.server.models import AuditEntry, Location, Notice, ScheduleEntry
from tests.keyrings import MemoryKeyring

SCRIPT = '<script>alert("x")</script>'


def test_a_coordinator_sets_hours_and_a_notice_and_a_kiosk_shows_them(console, data_dir):
    leuven = console.places["Bibliotheek Leuven"]
    today = schedule.today()
    coord = console.as_user("coord")
    assert "Bibliotheek Leuven" in coord.get("/console/spreekuren").text
    assert "Digibus Noord" not in coord.get("/console/spreekuren").text
    added = coord.post(f"/console/spreekuren/{leuven}", {"kind": "weekly", "weekday": str(today.weekday()),
                                                         "start": "00:00", "end": "23:59"})
    assert added.status_code == 303
    closed = coord.post(f"/console/spreekuren/{leuven}", {"kind": "closed",
                                                          "day": (today + timedelta(days=7)).isoformat()})
    assert closed.status_code == 303
    wrong = coord.post(f"/console/spreekuren/{leuven}", {"kind": "weekly", "weekday": "1", "start": "16:00",
                                                         "end": "14:00"})
    assert wrong.status_code == 422 and "Het einduur komt na het beginuur." in wrong.text
    page = coord.get(f"/console/spreekuren/{leuven}").text
    assert "elke " + schedule.WEEKDAYS[today.weekday()] in page and "hele dag" in page

    notice = coord.post("/console/mededelingen", {
        "text_nl": "Gesloten op 11 november", "text_fr": "Fermé le 11 novembre", "first_day": today.isoformat(),
        "last_day": (today + timedelta(days=2)).isoformat(), "location_id": leuven})
    assert notice.status_code == 303
    assert "Fermé le 11 novembre" in coord.get("/console/mededelingen").text
    actions = console.server.admin(lambda s: [a.action for a in s.scalars(select(AuditEntry))])
    assert {"add-schedule-line", "add-notice"} <= set(actions)

    # A real kiosk of Leuven syncs: both are in its store, and its home screen's words say so.
    store = open_store(data_dir)
    engine = SyncEngine(store, SecretStore(data_dir, backend=MemoryKeyring()))
    engine.enroll(console.server.url, console.server.enroll_code("Bibliotheek Leuven"), "balie-pc")
    api = KioskApi(store, Clock())
    assert api.next_spreekuur_text() == "Vandaag is er een digihelper van 00:00 tot 23:59"
    assert [n.text for n in api.home_info().notices] == [{"nl": "Gesloten op 11 november",
                                                         "fr": "Fermé le 11 novembre"}]

    # Removed in the console: gone from the kiosk after its next sync.
    notice_id = console.server.admin(lambda s: s.scalar(select(Notice.id)))
    assert coord.post(f"/console/mededelingen/{notice_id}/verwijderen").status_code == 303
    assert engine.sync().ok
    with store.read() as session:
        assert session.scalars(select(KioskNotice)).all() == []
    store.close()


def test_a_coordinator_is_kept_to_their_own_locations_and_a_viewer_only_reads(console):
    leuven, bus = console.places["Bibliotheek Leuven"], console.places["Digibus Noord"]
    day = schedule.today().isoformat()
    boss = console.as_user("admin")
    assert boss.post(f"/console/spreekuren/{bus}", {"kind": "stop", "day": day, "start": "10:00", "end": "12:00",
                                                    "address": "Markt, Kessel-Lo"}).status_code == 303
    assert boss.post("/console/mededelingen", {"text_nl": "Voor iedereen", "first_day": day, "last_day": day,
                                               "location_id": [leuven, bus]}).status_code == 303
    assert "1 halte gepland" in boss.get("/console/spreekuren").text
    stop_id = console.server.admin(lambda s: s.scalar(select(ScheduleEntry.id)))
    shared = console.server.admin(lambda s: s.scalar(select(Notice.id)))

    coord = console.as_user("coord")
    assert coord.get(f"/console/spreekuren/{bus}").status_code == 403
    for path, data in ((f"/console/spreekuren/{bus}", {"kind": "closed", "day": day}),
                       (f"/console/spreekuren/{bus}/{stop_id}/verwijderen", {}),
                       (f"/console/spreekuren/{leuven}/{stop_id}/verwijderen", {}),
                       ("/console/mededelingen", {"text_nl": "x", "first_day": day, "last_day": day,
                                                  "location_id": [leuven, bus]}),
                       (f"/console/mededelingen/{shared}/verwijderen", {})):
        response = coord.post(path, data)
        assert response.status_code in (303, 403), path
        if response.status_code == 303:  # the Leuven path with the bus's line: nothing removed
            assert path.startswith(f"/console/spreekuren/{leuven}/")
    assert console.server.admin(lambda s: s.get(ScheduleEntry, stop_id)) is not None
    assert console.server.admin(lambda s: s.get(Notice, shared)) is not None
    assert "ook voor andere locaties" in coord.get("/console/mededelingen").text

    reader = console.as_user("lezer")
    assert reader.get(f"/console/spreekuren/{leuven}").status_code == 200
    assert 'action="/console/mededelingen"' not in reader.get("/console/mededelingen").text
    assert reader.post(f"/console/spreekuren/{leuven}", {"kind": "closed", "day": day}).status_code == 403


def test_notice_and_stop_texts_are_escaped(console):
    bus = console.places["Digibus Noord"]
    day = schedule.today().isoformat()
    boss = console.as_user("admin")
    assert boss.post(f"/console/spreekuren/{bus}", {"kind": "stop", "day": day, "start": "10:00", "end": "12:00",
                                                    "address": SCRIPT}).status_code == 303
    assert boss.post("/console/mededelingen", {"text_nl": SCRIPT, "text_ar": SCRIPT, "first_day": day,
                                               "last_day": day, "location_id": bus}).status_code == 303
    for path in (f"/console/spreekuren/{bus}", "/console/mededelingen", "/console/logboek"):
        text = boss.get(path).text
        assert "<script>alert" not in text and "&lt;script&gt;alert" in text, path


def test_a_notice_needs_dutch_a_place_and_a_period_not_over(console):
    leuven = console.places["Bibliotheek Leuven"]
    today = schedule.today()
    boss = console.as_user("admin")
    for data, message in (
        ({"text_fr": "Fermé", "first_day": today.isoformat(), "last_day": today.isoformat(), "location_id": leuven},
         "Schrijf de mededeling in het Nederlands"),
        ({"text_nl": "Gesloten", "first_day": today.isoformat(), "last_day": today.isoformat()},
         "Kies minstens één locatie"),
        ({"text_nl": "Gesloten", "first_day": today.isoformat(),
          "last_day": (today - timedelta(days=1)).isoformat(), "location_id": leuven},
         "De laatste dag komt op of na de eerste dag"),
    ):
        response = boss.post("/console/mededelingen", data)
        assert response.status_code == 422 and message in response.text, message
        assert re.search(r'value="Fermé"|value="Gesloten"', response.text)  # what was typed stays


def test_in_a_browser_a_coordinator_adds_a_notice_and_every_page_passes_axe(console, tmp_path):
    """Debian's Chromium (Playwright): the forms as a person fills them, axe-core on each page, a
    PNG of each in $DIGIPUNT_CONSOLE_SHOTS (else the test's tmp dir)."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    from tests.console.test_console_browser import log_in

    shots = Path(os.environ.get("DIGIPUNT_CONSOLE_SHOTS", tmp_path / "shots"))
    shots.mkdir(parents=True, exist_ok=True)
    base, leuven, bus = console.server.url, console.places["Bibliotheek Leuven"], console.places["Digibus Noord"]
    today = schedule.today()
    console.server.admin(lambda s: [schedule.add_entry(s, s.get(Location, bus), "stop",
                                                       day=(today + timedelta(days=n)).isoformat(), start="10:00",
                                                       end="12:30", address=address)
                                    for n, address in enumerate(("Markt, Kessel-Lo", "Dorpsplein, Wilsele"))])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=["--no-sandbox"])
        page = log_in(browser, base, "admin")
        page.goto(f"{base}/console/spreekuren/{leuven}")
        page.get_by_label("Elke").select_option(label="dinsdag")
        page.locator("#week-start").fill("14:00")
        page.locator("#week-end").fill("16:00")
        page.get_by_role("button", name="Uren toevoegen").click()
        page.wait_for_url("**gedaan=toegevoegd")
        assert "elke dinsdag" in page.locator("table").inner_text()
        page.goto(f"{base}/console/mededelingen")
        page.get_by_label("Tekst in het Nederlands").fill("Gesloten op 11 november")
        page.get_by_label("Arabisch (niet verplicht)").fill("مغلق يوم 11 نوفمبر")
        page.get_by_label("Laatste dag").fill((today + timedelta(days=7)).isoformat())
        page.get_by_label("Bibliotheek Leuven").check()
        page.get_by_role("button", name="Toevoegen").click()
        page.wait_for_url("**gedaan=toegevoegd")
        assert "Arabisch: مغلق يوم 11 نوفمبر" in page.locator("table").inner_text()
        page.get_by_role("link", name=re.compile(r"^Wijzigen\W+Gesloten op 11 november$")).click()
        page.get_by_label("Tekst in het Nederlands").fill("Gesloten op 11 en 12 november")
        page.get_by_role("button", name="Wijziging bewaren").click()
        page.wait_for_url("**gedaan=gewijzigd")
        assert "Gesloten op 11 en 12 november" in page.locator("table").inner_text()
        notice_edit = page.get_by_role("link", name=re.compile(r"^Wijzigen\W+Gesloten op 11 en 12"))\
            .get_attribute("href")
        page.goto(f"{base}/console/spreekuren/{bus}")
        page.get_by_role("link", name="Wijzigen").first.click()
        page.get_by_label("Adres").fill("Markt 1, Kessel-Lo")
        page.get_by_role("button", name="Wijziging bewaren").click()
        page.wait_for_url("**gedaan=gewijzigd")
        assert "Markt 1, Kessel-Lo" in page.locator("table").inner_text()
        stop_edit = page.get_by_role("link", name="Wijzigen").first.get_attribute("href")
        problems = {}
        for name, path in (("spreekuren", "/console/spreekuren"),
                           ("spreekuren-leuven", f"/console/spreekuren/{leuven}"),
                           ("spreekuren-digibus", f"/console/spreekuren/{bus}"),
                           ("halte-wijzigen", stop_edit),
                           ("mededelingen", "/console/mededelingen"),
                           ("mededeling-wijzigen", notice_edit)):
            page.goto(base + path)
            serious = [v["id"] for v in Axe().run(page).response["violations"]
                       if v["impact"] in ("serious", "critical")]
            if serious:
                problems[path] = serious
            page.screenshot(path=shots / f"{name}.png", full_page=True)
        browser.close()
    assert problems == {}


def test_lines_and_notices_are_changed_in_place_and_a_kiosk_follows(console, data_dir):
    """Editing keeps the id (the kiosk replaces the schedule and the notice), with the checks and the
    audit of adding; what a coordinator may not add, they may not change either."""
    leuven, bus = console.places["Bibliotheek Leuven"], console.places["Digibus Noord"]
    today = schedule.today()
    coord = console.as_user("coord")
    assert coord.post(f"/console/spreekuren/{leuven}", {"kind": "extra", "day": today.isoformat(),
                                                        "start": "10:00", "end": "11:00"}).status_code == 303
    line_id = console.server.admin(lambda s: s.scalar(select(ScheduleEntry.id)))
    listing = coord.get(f"/console/spreekuren/{leuven}").text
    edit_url = f"/console/spreekuren/{leuven}/{line_id}/bewerken"
    assert f'href="{edit_url}"' in listing
    form = coord.get(edit_url)
    assert form.status_code == 200 and 'value="10:00"' in form.text
    wrong = coord.post(edit_url, {"day": today.isoformat(), "start": "15:00", "end": "14:00"})
    assert wrong.status_code == 422 and "Het einduur komt na het beginuur." in wrong.text
    assert 'value="15:00"' in wrong.text  # what was typed stays
    assert console.server.admin(lambda s: s.get(ScheduleEntry, line_id).start) == "10:00"
    assert coord.post(edit_url, {"day": today.isoformat(), "start": "00:00", "end": "23:59"}).status_code == 303
    assert console.server.admin(lambda s: (s.get(ScheduleEntry, line_id).start, s.get(ScheduleEntry, line_id).end)) \
        == ("00:00", "23:59")

    first = {"text_nl": "Eerst zo", "first_day": today.isoformat(), "last_day": today.isoformat(),
             "location_id": leuven}
    assert coord.post("/console/mededelingen", first).status_code == 303
    notice_id = console.server.admin(lambda s: s.scalar(select(Notice.id)))
    notice_url = f"/console/mededelingen/{notice_id}/bewerken"
    assert f'href="{notice_url}"' in coord.get("/console/mededelingen").text
    assert 'value="Eerst zo"' in coord.get(notice_url).text
    empty = coord.post(notice_url, {"text_nl": "", "text_fr": "Typé", "first_day": today.isoformat(),
                                    "last_day": today.isoformat(), "location_id": leuven})
    assert empty.status_code == 422 and "in het Nederlands" in empty.text and 'value="Typé"' in empty.text
    changed = coord.post(notice_url, {"text_nl": "Nu anders", "text_fr": "Autrement", "first_day": today.isoformat(),
                                      "last_day": (today + timedelta(days=3)).isoformat(), "location_id": leuven})
    assert changed.status_code == 303
    assert schedule.notice_texts(console.server.admin(lambda s: s.get(Notice, notice_id))) == {
        "nl": "Nu anders", "fr": "Autrement"}
    assert coord.post(notice_url, {"text_nl": "Ook de bus", "first_day": today.isoformat(),
                                   "last_day": today.isoformat(), "location_id": [leuven, bus]}).status_code == 403
    actions = console.server.admin(lambda s: [a.action for a in s.scalars(select(AuditEntry))])
    assert actions.count("change-schedule-line") == 1 and actions.count("change-notice") == 1

    store = open_store(data_dir)
    engine = SyncEngine(store, SecretStore(data_dir, backend=MemoryKeyring()))
    engine.enroll(console.server.url, console.server.enroll_code("Bibliotheek Leuven"), "balie-pc")
    api = KioskApi(store, Clock())
    assert api.next_spreekuur_text() == "Vandaag is er een digihelper van 00:00 tot 23:59"
    assert [n.text for n in api.home_info().notices] == [{"nl": "Nu anders", "fr": "Autrement"}]
    store.close()


def test_changing_needs_the_right_role_and_escapes_what_is_typed(console):
    leuven = console.places["Bibliotheek Leuven"]
    day = schedule.today().isoformat()
    boss = console.as_user("admin")
    bus = console.places["Digibus Noord"]
    assert boss.post(f"/console/spreekuren/{bus}", {"kind": "stop", "day": day, "start": "10:00", "end": "12:00",
                                                    "address": "Markt"}).status_code == 303
    assert boss.post("/console/mededelingen", {"text_nl": "Voor Leuven", "first_day": day, "last_day": day,
                                               "location_id": leuven}).status_code == 303
    stop_id = console.server.admin(lambda s: s.scalar(select(ScheduleEntry.id)))
    notice_id = console.server.admin(lambda s: s.scalar(select(Notice.id)))
    reader, coord = console.as_user("lezer"), console.as_user("coord")
    assert reader.get(f"/console/mededelingen/{notice_id}/bewerken").status_code == 403
    assert reader.post(f"/console/mededelingen/{notice_id}/bewerken", {"text_nl": "x"}).status_code == 403
    assert coord.get(f"/console/spreekuren/{bus}/{stop_id}/bewerken").status_code == 403  # not their location
    stop = {"day": day, "start": "10:00", "end": "12:00", "address": "x"}
    assert coord.post(f"/console/spreekuren/{bus}/{stop_id}/bewerken", stop).status_code == 403
    assert coord.post(f"/console/mededelingen/{notice_id}/bewerken", {"text_nl": "x"}, csrf=False).status_code == 403
    edited = boss.post(f"/console/spreekuren/{bus}/{stop_id}/bewerken", {"day": day, "start": "10:00", "end": "12:00",
                                                                         "address": SCRIPT})
    assert edited.status_code == 303
    scripted = {"text_nl": SCRIPT, "text_ar": SCRIPT, "first_day": day, "last_day": day, "location_id": leuven}
    assert boss.post(f"/console/mededelingen/{notice_id}/bewerken", scripted).status_code == 303
    for path in (f"/console/spreekuren/{bus}", f"/console/spreekuren/{bus}/{stop_id}/bewerken", "/console/mededelingen",
                 f"/console/mededelingen/{notice_id}/bewerken", "/console/logboek"):
        text = boss.get(path).text
        assert "<script>alert" not in text and "&lt;script&gt;alert" in text, path
