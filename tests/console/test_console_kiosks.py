"""The kiosks page's status columns: versions (outdated in words), records waiting and refused, the
clock, the last error and a refused content bundle, per role and location."""
from __future__ import annotations

import re
from datetime import timedelta

from sync.protocol import StatusReport
from sync.server import admin
from sync.server.db import utcnow
from sync.server.kiosk_status import store_report
from sync.server.models import Device
from sync.version import __version__


def _kiosk(console, place: str, name: str, **report) -> str:
    """A kiosk of `place`; with `report` fields, its status report as the server took it `ago` before now."""
    device, _ = console.server.admin(admin.redeem_enroll_code, console.server.enroll_code(place), name)
    if report:
        ago, ahead = report.pop("ago", timedelta(0)), report.pop("ahead", timedelta(0))
        received = utcnow() - ago
        console.server.admin(store_report, device.id,
                             StatusReport(kiosk_time=received + ahead, **report), received)
    return device.id


def _row(html: str, name: str) -> str:
    """The table row of the kiosk called `name`."""
    rows = re.findall(r"<tr>.*?</tr>", html, re.S)
    return next(row for row in rows if f'<th scope="row">{name}' in row)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _setup(console) -> None:
    _kiosk(console, "Bibliotheek Leuven", "PC balie", app_version="99.0.0", content_version="2026-11-30.1",
           schema_version="0003", records_waiting=0, records_parked=0)
    _kiosk(console, "Bibliotheek Leuven", "PC raam", app_version="0.0.1", content_version="2026-11-01.1",
           records_waiting=12, records_parked=3, ahead=timedelta(minutes=12),
           last_error="geen verbinding [offline]: HTTPConnectionPool", last_error_at=utcnow() - timedelta(hours=3),
           content_error="bundel 2026-12-01: handtekening klopt niet")
    _kiosk(console, "Digibus Noord", "Bus laptop", app_version="0.0.1", records_waiting=5, records_parked=0,
           ahead=-timedelta(minutes=3), last_error="de server heeft een probleem [server]: HTTP 502")
    _kiosk(console, "Bibliotheek Leuven", "PC oud")  # a kiosk from before status reports


def test_the_kiosks_page_shows_each_kiosks_status_and_flags_in_words(console):
    _setup(console)
    page = console.as_user("admin").get("/console/kiosks").text
    balie, raam = _text(_row(page, "PC balie")), _text(_row(page, "PC raam"))
    bus, old = _text(_row(page, "Bus laptop")), _text(_row(page, "PC oud"))

    assert "app 99.0.0" in balie and "verouderd" not in balie and "inhoud 2026-11-30.1" in balie
    assert "0 wachten 0 geweigerd" in balie and "klopt" in balie and "geen" in balie
    assert "app 0.0.1 verouderd" in raam and "inhoud 2026-11-01.1" in raam
    assert "12 wachten 3 geweigerd" in raam and "12 min voor" in raam
    assert "geen verbinding [offline]: HTTPConnectionPool (3 uur geleden)" in raam
    assert "Inhoud geweigerd: bundel 2026-12-01: handtekening klopt niet" in raam
    assert "verouderd" in bus and "3 min achter" in bus and "HTTP 502" in bus
    assert "Nog geen statusrapport" in old and "verouderd" not in old
    assert "nieuwste versie: 99.0.0" in page
    notices = _text(page[page.index('id="aandacht"'):page.index("</section>", page.index('id="aandacht"'))])
    assert "Verouderde versie: Bus laptop, PC raam draaien een oudere versie dan 99.0.0" in notices
    assert "Klok verkeerd: de klok van Bus laptop, PC raam wijkt meer dan 2 min af" in notices
    assert page.count('class="badge warn"') == 5  # two outdated, two clocks, one with refused records


def test_the_newest_version_is_at_least_the_servers_own(console):
    _kiosk(console, "Bibliotheek Leuven", "PC balie", app_version="0.0.1")
    page = console.as_user("admin").get("/console/kiosks").text
    assert f"nieuwste versie: {__version__}" in page and "app 0.0.1 verouderd" in _text(_row(page, "PC balie"))


def test_a_coordinator_sees_only_the_status_of_their_own_kiosks(console):
    _setup(console)
    for user in ("coord", "lezer"):
        page = console.as_user(user).get("/console/kiosks").text
        assert "PC raam" in page and "12 min voor" in page
        assert "Bus laptop" not in page and "HTTP 502" not in page and "3 min achter" not in page, user
    viewer = console.as_user("lezer").get("/console/kiosks").text
    assert "Naam wijzigen" not in viewer and "Intrekken" not in viewer  # read-only: no actions
    assert "Naam wijzigen" in console.as_user("coord").get("/console/kiosks").text


def test_a_report_much_older_than_the_last_contact_says_its_age(console):
    device = _kiosk(console, "Bibliotheek Leuven", "PC stil", app_version=__version__, ago=timedelta(hours=5))
    console.server.admin(lambda s: admin.note_seen(s, s.get(Device, device), utcnow()))  # it synced just now
    row = _text(_row(console.as_user("admin").get("/console/kiosks").text, "PC stil"))
    assert "net nu" in row and "rapport van 5 uur geleden" in row


def test_a_revoked_kiosk_is_not_flagged_as_outdated(console):
    device = _kiosk(console, "Bibliotheek Leuven", "PC weg", app_version="0.0.1")
    console.server.admin(admin.revoke_device, device)
    row = _text(_row(console.as_user("admin").get("/console/kiosks").text, "PC weg"))
    assert "ingetrokken" in row and "app 0.0.1" in row and "verouderd" not in row
