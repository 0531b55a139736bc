"""The lending (Uitlenen) and workshop (Vormingen) pages in a real browser: Debian's Chromium driven
by Playwright. A coordinator adds devices by the form and from a CSV, puts one in repair, plans a
workshop, and sees them on the pages; the pages (and Rapporten with its workshop table) pass an
axe-core scan and are rendered to PNG at laptop and tablet width.

Screenshots go to $DIGIPUNT_CONSOLE_SHOTS when set (to look at them), else to the test's tmp dir."""
from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from sync.protocol import WorkshopSessionRecord
from sync.server import lending, workshops
from sync.server.console.web import ZONE
from tests.console.conftest import send
from tests.console.test_console_browser import CHROMIUM, SIZES, chromium, log_in, serious_problems, shots  # noqa: F401
from tests.console.test_console_lending import NAME, PHONE, give_back, keyed, lend  # noqa: F401

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed (.ci/run installs it)")
PAGES = ["/console/uitlenen", "/console/vormingen", "/console/rapporten"]


def test_add_devices_put_one_in_repair_and_plan_a_workshop(console, keyed, chromium, shots, tmp_path):  # noqa: F811
    base = console.server.url
    page = log_in(chromium, base, "coord")
    page.goto(f"{base}/console/uitlenen")
    page.get_by_label("Inventarisnummer").fill("LPT-100")
    page.get_by_label("Soort (kies, of typ een nieuwe)").fill("laptop")
    page.get_by_label("Model").fill("Lenovo ThinkPad E14")
    page.get_by_label("Serienummer").fill("PF3X9K2")
    page.locator("#device_location").select_option(label="Bibliotheek Leuven")
    page.get_by_role("checkbox", name="Lader").check()
    page.get_by_role("button", name="Toestel toevoegen").click()
    page.wait_for_url("**/console/uitlenen?gedaan=toestel")
    assert "Het toestel is toegevoegd" in page.get_by_role("status").inner_text()

    upload = tmp_path / "toestellen.csv"
    upload.write_text("inventarisnummer;soort;model;serienummer;locatie;toebehoren\n"
                      "TAB-200;tablet;Samsung Galaxy Tab A9;R9XW;Bibliotheek Leuven;lader; hoes\n"
                      "ER-300;e-reader;Kobo Clara;;Bibliotheek Leuven;\n", encoding="utf-8")
    page.get_by_label("CSV-bestand").set_input_files(str(upload))
    page.get_by_role("button", name="Toestellen toevoegen").click()
    page.get_by_text("2 toestellen toegevoegd uit het bestand.").wait_for()

    page.goto(f"{base}/console/uitlenen")
    page.get_by_role("row", name="LPT-100").locator("summary").click()
    page.get_by_label("Staat van toestel LPT-100", exact=True).select_option(label="In herstelling")
    page.get_by_label("Toestand van toestel LPT-100", exact=True).select_option(label="Beschadigd")
    page.get_by_role("row", name="LPT-100").get_by_role("button", name="Staat bewaren").click()
    page.wait_for_url("**/console/uitlenen?gedaan=staat")
    row = page.get_by_role("row", name="LPT-100")
    assert "In herstelling" in row.inner_text() and "Beschadigd" in row.inner_text()
    tablet = page.get_by_role("row", name="TAB-200")
    assert "Tablet" in tablet.inner_text() and "Lader, Hoes" in tablet.inner_text()
    assert "e-reader" in page.get_by_role("row", name="ER-300").inner_text()  # a kind of the coordinator's own
    leuven = page.get_by_role("region", name="Toestellen per locatie").get_by_role("row", name="Bibliotheek Leuven")
    assert leuven.inner_text().split()[-6:] == ["3", "2", "0", "0", "1", "0"]
    assert serious_problems(page) == []
    page.screenshot(path=shots / "lending-devices-added.png", full_page=True)

    # A loan reaches the history; the filters pick it, and its CSV has no contact.
    device_id = console.server.admin(lambda s: lending.add_device(s, "GSM-400", "smartphone",
                                                                  console.places["Bibliotheek Leuven"]).id)
    first = lend(console, keyed, device_id, "Bibliotheek Leuven", days_ago=20)
    page.goto(f"{base}/console/uitlenen")
    page.get_by_label("Soort toestel").select_option(label="Smartphone")
    page.get_by_label("Toestand", exact=True).select_option(label="Te laat")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url("**toestand=te-laat**")
    history = page.get_by_role("region", name="Uitleningen")
    assert history.locator("caption").inner_text() == "1 uitlening"
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(info.value.path().read_text(encoding="utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["GSM-400"] and NAME not in str(rows) and PHONE not in str(rows)
    page.screenshot(path=shots / "lending-history-filtered.png", full_page=True)

    # That borrower asks to be forgotten after the device was lent again: found by its number,
    # a question first, then erased.
    give_back(console, first, "Bibliotheek Leuven", days_ago=2)
    lend(console, keyed, device_id, "Bibliotheek Leuven", days_ago=1, name="Karel Claes")
    page.goto(f"{base}/console/uitlenen")
    page.get_by_label("Toestelnummer").fill("GSM-400")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url("**toestel=GSM-400**")
    history = page.get_by_role("region", name="Uitleningen")
    assert history.locator("caption").inner_text() == "2 uitleningen"
    history.get_by_role("link", name="Contact nu wissen").last.click()  # newest first: the older loan
    page.wait_for_url(f"**/console/uitlenen/{first.id}/wissen?toestel=GSM-400")
    assert page.get_by_role("heading", name="Naam en telefoonnummer nu wissen?").is_visible()
    assert serious_problems(page) == [] and NAME not in page.content()
    page.screenshot(path=shots / "lending-erase-question.png", full_page=True)
    page.get_by_role("button", name="Ja, contact wissen").click()
    page.wait_for_url("**/console/uitlenen?toestel=GSM-400&gedaan=gewist*")  # the list as it was filtered
    assert "Het contact van de ontlener is gewist" in page.get_by_role("status").inner_text()
    erased = page.get_by_role("region", name="Uitleningen").get_by_role("row").filter(has_text="gewist op")
    assert erased.count() == 1 and "GSM-400" in erased.inner_text()
    page.screenshot(path=shots / "lending-contact-erased.png", full_page=True)

    page.goto(f"{base}/console/vormingen")
    day = (datetime.now(ZONE) + timedelta(days=10)).date().isoformat()
    page.get_by_label("Titel").fill("Veilig online bankieren")
    page.get_by_label("Onderwerp").fill("Bankieren")
    page.get_by_label("Datum").fill(day)
    page.get_by_label("Uur").fill("14:00")
    page.get_by_label("Locatie").select_option(label="Bibliotheek Leuven")
    page.get_by_label("Lesgever").fill("Lies Peeters")
    page.get_by_label("Aantal plaatsen").fill("12")
    page.get_by_role("button", name="Plannen").click()
    page.wait_for_url("**/console/vormingen?gedaan=gepland")
    planned = page.get_by_role("row", name="Veilig online bankieren")
    assert "Lies Peeters" in planned.inner_text() and "nog niet ingevuld" in planned.inner_text()
    assert planned.get_by_role("button", name="Afgelasten").is_visible()
    assert serious_problems(page) == []
    page.screenshot(path=shots / "workshops-planned.png", full_page=True)


@pytest.mark.parametrize("size", SIZES)
def test_the_lending_and_workshop_pages_pass_axe_and_are_rendered(console, keyed, chromium, shots, size):  # noqa: F811
    leuven = console.places["Bibliotheek Leuven"]
    now = datetime.now(UTC).replace(microsecond=0)

    def fill(session):
        ids = [lending.add_device(session, tag, kind, leuven, model=model, accessories=("charger",)).id
               for tag, kind, model in (("LPT-001", "laptop", "HP 250 G9"), ("LPT-002", "laptop", "HP 250 G9"),
                                        ("TAB-001", "tablet", "Samsung Galaxy Tab A9"),
                                        ("HOT-001", "hotspot", "Huawei E5576"))]
        lending.add_device(session, "BUS-001", "laptop", console.places["Digibus Noord"])
        lending.set_device_status(session, session.get(lending.LoanDevice, ids[3]), "repair", "damaged", now)
        held = workshops.plan_workshop(session, "Mails sturen met Gmail", now - timedelta(days=2), leuven, 8,
                                       topic="E-mail", trainer="Lies")
        workshops.plan_workshop(session, "Werken met itsme", now + timedelta(days=5), console.places["Digibus Noord"],
                                10, topic="itsme", trainer="Karim", stop_name="Markt Wilsele")
        return ids, held.id
    (laptop, other, tablet, _hotspot), held = console.server.admin(fill)
    late = lend(console, keyed, laptop, "Bibliotheek Leuven", days_ago=20)
    lend(console, keyed, tablet, "Bibliotheek Leuven", days_ago=3)
    lend(console, keyed, other, "Bibliotheek Leuven", days_ago=4)
    lend(console, keyed, other, "Bibliotheek Leuven", days_ago=2)  # two kiosks offline: a conflict
    send(console.server, leuven, WorkshopSessionRecord(
        id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=leuven, workshop_id=held, recorded_at=now,
        held_at=now - timedelta(days=2), attendees=7, visitor_codes=["e" * 64]))

    page = log_in(chromium, console.server.url, "admin", SIZES[size])
    problems = {}
    for path in [*PAGES, f"/console/uitlenen/{late.id}/wissen"]:  # and the question before an erase
        page.goto(console.server.url + path)
        if serious := serious_problems(page):
            problems[path] = serious
        page.screenshot(path=shots / f"{path.strip('/').replace('/', '-')}-{size}.png", full_page=True)
    assert problems == {}
    assert "Conflicten (1)" in page.goto(console.server.url + "/console/uitlenen").text()
