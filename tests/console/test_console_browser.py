"""The console in a real browser: Debian's Chromium driven by Playwright (never `playwright
install`). Logging in, enrolling a kiosk whose real sync client then sends its records, the
figures that follow, an accessibility scan (axe-core) of every page, and a PNG of every page.

Screenshots go to $DIGIPUNT_CONSOLE_SHOTS when set (to look at them), else to the test's tmp dir."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sync.protocol import StatusReport
from sync.server import admin, content
from sync.server.db import utcnow
from sync.server.kiosk_status import store_report
from sync.server.models import ContentBundle
from sync.version import __version__
from tests.console.conftest import PASSWORD
from tests.console.guides import NEW_TITLE, guide_zip

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed (.ci/run installs it)")
PAGES = ["/console/overzicht", "/console/registraties", "/console/registraties?kind=shift", "/console/rapporten",
         "/console/kiosks", "/console/gebruikers", "/console/logboek", "/console/quarantaine"]
SIZES = {"laptop": (1366, 768), "tablet": (800, 1200)}


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("DIGIPUNT_CONSOLE_SHOTS", tmp_path / "shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_in(browser, base: str, username: str, size=SIZES["laptop"]):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(f"{base}/console/kiosks")
    assert page.url.startswith(f"{base}/console/login")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"{base}/console/kiosks")  # back where the browser wanted to go
    return page


def test_enroll_a_kiosk_and_its_records_reach_the_overview(console, chromium, tmp_path, shots):
    base = console.server.url
    console.server.admin(admin.add_helper, "Hanne Helper", "digihelper", "482915")
    page = log_in(chromium, base, "coord")
    page.get_by_label("Locatie").select_option(label="Bibliotheek Leuven")
    page.get_by_role("button", name="Koppelcode maken").click()
    code = page.locator(".bigcode").inner_text()
    assert page.get_by_role("img", name=f"QR-code met het serveradres en de koppelcode {code}").is_visible()
    page.screenshot(path=shots / "kiosks-new-code.png", full_page=True)

    kiosk = subprocess.run([sys.executable, "-m", "tests.console.kiosk_process", str(tmp_path / "kiosk"), base, code,
                            "Hanne Helper", "482915"], capture_output=True, text=True, timeout=120,
                           env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    assert kiosk.returncode == 0, kiosk.stderr[-2000:]
    assert json.loads(kiosk.stdout.splitlines()[-1])["created"] == 4  # three help requests and the shift

    page.goto(f"{base}/console/kiosks")
    row = page.get_by_role("row", name="PC 1 bij de deur")
    assert "Bibliotheek Leuven" in row.inner_text() and "net nu" in row.inner_text()
    # Its status report came with the sync: its version, its guides, nothing waiting, its clock.
    assert f"app {__version__}" in row.inner_text() and "inhoud sha256:" in row.inner_text()
    assert "0 wachten" in row.inner_text() and "klopt" in row.inner_text()
    page.goto(f"{base}/console/overzicht")
    tiles = page.locator(".tile").all_inner_texts()
    assert tiles[0].split()[0] == "3" and tiles[1].split()[0] == "2"  # three requests, two people
    leuven = page.get_by_role("row", name="Bibliotheek Leuven").first.inner_text().split()
    assert leuven[-4:-2] == ["3", "1"]  # help requests, spreekuren
    page.screenshot(path=shots / "overview-with-records.png", full_page=True)


@pytest.mark.parametrize("size", SIZES)
def test_every_page_passes_axe_and_is_rendered(console, console_records, chromium, shots, size):
    from axe_playwright_python.sync_playwright import Axe

    code = console.server.enroll_code("Digibus Noord", "digibus")
    bus, _ = console.server.admin(admin.redeem_enroll_code, code, "Bus")
    # Its status report with every warning the kiosks page has: outdated, clock, refused records, long errors.
    console.server.admin(store_report, bus.id, StatusReport(
        kiosk_time=utcnow() + timedelta(minutes=12), app_version="0.0.1", content_version="2026-11-30.1",
        records_waiting=4, records_parked=2, last_error="geen verbinding [offline]: " + "HTTPConnectionPool " * 8,
        last_error_at=utcnow(), content_error="bundel 2026-12-01.1: de handtekening klopt niet"), utcnow())
    page = log_in(chromium, console.server.url, "admin", SIZES[size])
    problems = {}
    for path in PAGES:
        page.goto(console.server.url + path)
        results = Axe().run(page)
        serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            problems[path] = serious
        name = path.strip("/").replace("/", "-").replace("?kind=", "-")
        page.screenshot(path=shots / f"{name}-{size}.png", full_page=True)
    page.context.clear_cookies()
    page.goto(console.server.url + "/console/login")
    assert not [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    page.screenshot(path=shots / f"login-{size}.png", full_page=True)
    assert problems == {}


def saved(download, folder: Path) -> Path:
    path = folder / download.suggested_filename
    download.save_as(path)
    return path


def test_records_follow_the_filters_into_a_download_and_a_report_downloads(console, console_records, chromium,
                                                                             shots, tmp_path):
    base = console.server.url
    page = log_in(chromium, base, "coord")
    page.goto(f"{base}/console/registraties?start=2026-11-01&end=2026-11-30")
    page.get_by_label("Onderwerp").select_option(label="Belastingen (Tax-on-web)")
    page.get_by_label("Toestand").select_option(label="Alleen actief")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url("**topic=taxonweb**")
    assert page.locator("table.records caption").inner_text().startswith("1 hulpvraag")
    with page.expect_download() as info:
        page.get_by_role("link", name="Excel (XLSX)").click()
    rows = list(load_workbook(saved(info.value, tmp_path)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][6] == "itsme en inloggen, Belastingen (Tax-on-web)"  # the filtered one
    assert rows[1][-1] == console_records.ids["corrected"]

    page.get_by_role("link", name="Details van de hulpvraag van 10-11-2026 15:00").click()  # htmx: the row opens
    history = page.locator(f"#d-{console_records.ids['corrected']}")
    history.get_by_text("Versie 2").wait_for()
    assert "/console/registraties?" in page.url  # stayed on the list
    assert history.locator("td.changed").count() >= 2  # topics and outcome changed
    page.screenshot(path=shots / "registraties-history.png", full_page=True)

    page.goto(f"{base}/console/rapporten?start=2026-10-01&end=2026-11-30")
    with page.expect_download() as info:
        page.get_by_role("link", name="Digibanken-rapport downloaden als Excel (XLSX)").click()
    assert info.value.suggested_filename == "digipunt-digibanken-2026-10-01-tot-2026-11-30.xlsx"
    book = load_workbook(saved(info.value, tmp_path))
    assert book.sheetnames == ["Samenvatting", "Doelstellingen", "Per locatie", "Onderwerpen"]
    assert [list(r) for r in book["Per locatie"].iter_rows(values_only=True)][1:] == [
        ["Bibliotheek Leuven", 122, 1, 1.5], ["Totaal", 122, 1, 1.5]]
    page.screenshot(path=shots / "rapporten-coordinator.png", full_page=True)


def serious_problems(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    return [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]


def bundle_kiosk(*args: str) -> dict:
    """A kiosk's guide-bundle install or state, as its own process (tests/bundle_child.py)."""
    root = Path(__file__).parents[2]
    done = subprocess.run([sys.executable, "-m", "tests.bundle_child", *args], cwd=root, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(root)})
    assert done.returncode in (0, 3), done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_publish_a_changed_and_a_new_guide_and_a_kiosk_installs_them(console, chromium, tmp_path, shots):
    """Stappenplannen: a coordinator uploads a changed guide and a new one and previews them, a city
    admin publishes both; a real kiosk process installs the bundle and has both, and refuses a bundle
    tampered with on the server."""
    key = tmp_path / "keys" / "content.pem"
    pinned = ",".join(content.init_keys(key))
    console.server.server.config.app.state.content_key = key
    base = console.server.url
    changed, new = tmp_path / "changed.zip", tmp_path / "new.zip"
    changed.write_bytes(guide_zip())
    new.write_bytes(guide_zip(rename="attest-nieuw", title="Een nieuw attest"))

    coord = log_in(chromium, base, "coord")
    admin_page = log_in(chromium, base, "admin")
    # A zip that fails the checks: not kept, each problem in Dutch with where it is.
    broken = tmp_path / "broken.zip"
    broken.write_bytes(guide_zip(drop="burgerprofiel-attest/images/03-login.svg"))
    coord.goto(f"{base}/console/stappenplannen")
    coord.get_by_label("Zip-bestand met één stappenplan", exact=False).set_input_files(str(broken))
    coord.get_by_role("button", name="Opladen en controleren").click()
    problems = coord.get_by_label("Fouten in het stappenplan").inner_text()
    assert ("Stappenplan 'burgerprofiel-attest', walkthrough.toml, stap 'login': De afbeelding images/03-login.svg "
            "ontbreekt.") in problems
    assert serious_problems(coord) == []
    coord.screenshot(path=shots / "guide-upload-refused.png")
    for upload, title in ((changed, NEW_TITLE), (new, "Een nieuw attest")):
        coord.goto(f"{base}/console/stappenplannen")
        assert serious_problems(coord) == []
        coord.get_by_label("Zip-bestand met één stappenplan", exact=False).set_input_files(str(upload))
        coord.get_by_role("button", name="Opladen en controleren").click()
        coord.wait_for_url(f"{base}/console/stappenplannen/concept/**")
        assert coord.get_by_role("heading", name=f"Voorbeeld: {title}").is_visible()
        assert coord.get_by_role("button", name="Publiceren naar alle kiosks").count() == 0  # admins publish
        assert serious_problems(coord) == []
        coord.get_by_role("link", name="Arabisch").click()
        assert coord.locator('section.kiosk-frame[dir="rtl"]').count() > 0
        coord.screenshot(path=shots / f"guide-preview-ar-{upload.stem}.png", full_page=True)
        admin_page.goto(coord.url)
        admin_page.get_by_role("button", name="Publiceren naar alle kiosks").click()
        admin_page.wait_for_url(f"{base}/console/stappenplannen?**")
        assert "Gepubliceerd als versie" in admin_page.get_by_role("status").inner_text()
    assert admin_page.get_by_role("table", name="Gepubliceerde versies").get_by_role("row").count() == 3  # 2 and 1
    assert serious_problems(admin_page) == []
    admin_page.screenshot(path=shots / "guides-published.png", full_page=True)

    code = console.server.enroll_code("Bibliotheek Leuven")
    token = console.server.admin(lambda s: admin.redeem_enroll_code(s, code, "PC 2")[1])
    data = str(tmp_path / "kiosk")
    assert bundle_kiosk("install", data, base, token, pinned) == {"installed": 2}
    state = bundle_kiosk("state", data, pinned)
    assert state["version"] == 2 and {"attest-nieuw", "burgerprofiel-attest"} <= set(state["guides"])

    # A bundle changed on the server after signing is refused; the kiosk keeps version 2.
    coord.goto(f"{base}/console/stappenplannen")
    coord.get_by_label("Zip-bestand met één stappenplan", exact=False).set_input_files(str(changed))
    coord.get_by_role("button", name="Opladen en controleren").click()
    coord.wait_for_url(f"{base}/console/stappenplannen/concept/**")
    admin_page.goto(coord.url)
    admin_page.get_by_role("button", name="Publiceren naar alle kiosks").click()
    admin_page.wait_for_url(f"{base}/console/stappenplannen?**")

    def tamper(session):
        row = session.get(ContentBundle, 3)
        row.manifest = row.manifest.replace('"expires_at":"', '"expires_at":"2', 1)
    console.server.admin(tamper)
    assert bundle_kiosk("install", data, base, token, pinned) == {"installed": None}
    state = bundle_kiosk("state", data, pinned)
    assert state["version"] == 2 and "onderweg veranderd" in state["error"]


def test_edit_a_published_guide_in_the_browser(console, chromium, tmp_path, shots):
    """The guide editor through its real forms: a published guide opened for editing, a French text
    and the Dutch title changed and saved, an error shown beside its field with what was typed kept,
    the pages pass axe; an admin publishes the result."""
    key = tmp_path / "keys" / "content.pem"
    content.init_keys(key)
    console.server.server.config.app.state.content_key = key
    base = console.server.url
    boss = console.as_user("admin")
    sent = boss.request("POST", "/console/stappenplannen/opladen", data={"csrf_token": boss.csrf},
                        files={"zip": ("gids.zip", guide_zip(), "application/zip")})
    assert sent.status_code == 303, sent.text
    assert boss.post(sent.headers["location"] + "/publiceren").status_code == 303

    coord = log_in(chromium, base, "coord")
    coord.goto(f"{base}/console/stappenplannen")
    coord.get_by_role("button", name=re.compile(rf"^Bewerken\W+{re.escape(NEW_TITLE)}$")).click()
    coord.wait_for_url(f"{base}/console/stappenplannen/concept/*/bewerken")
    assert serious_problems(coord) == []
    coord.screenshot(path=shots / "guide-edit-steps.png")
    coord.screenshot(path=shots / "guide-edit-steps-full.png", full_page=True)
    coord.get_by_role("link", name="Tekst Frans").click()
    french = coord.get_by_label("Titel", exact=True).nth(1)  # the first step's (the guide's title is first)
    french.fill("Ce qu'il vous faut")
    coord.get_by_role("button", name="Bewaren en controleren").first.click()
    coord.wait_for_url("**/tekst/fr?gedaan=bewaard")
    assert "Bewaard in het concept" in coord.get_by_role("status").inner_text()
    assert serious_problems(coord) == []
    coord.screenshot(path=shots / "guide-edit-fr.png")
    coord.get_by_role("link", name="Tekst Arabisch").click()
    assert coord.locator('textarea[dir="rtl"]').count() > 0
    assert serious_problems(coord) == []
    coord.screenshot(path=shots / "guide-edit-ar.png")

    # A Dutch label added: saved, with every translation of that step to correct listed on top.
    coord.get_by_role("link", name="Tekst Nederlands").click()
    body = coord.locator("textarea").first
    original = body.input_value()
    body.fill(original + "\n[[Een nieuw label]]")
    coord.get_by_label("Titel", exact=True).first.fill("Attest downloaden (in de browser)")
    coord.get_by_role("button", name="Bewaren en controleren").first.click()
    coord.wait_for_url("**/tekst/nl?gedaan=bewaard")
    todo = coord.locator("#nog-te-doen").inner_text()
    assert "Nog te doen voor het gepubliceerd kan worden" in todo
    assert "Tekst Frans, stap 1: Neem de schermlabels" in todo
    coord.screenshot(path=shots / "guide-edit-nl-todo.png")
    assert serious_problems(coord) == []
    coord.locator("#nog-te-doen a", has_text="Tekst Frans").click()
    coord.wait_for_url("**/tekst/fr#veld-need.body")
    beside = coord.locator('[id="fout-need.body"]')
    assert beside.is_visible() and "[[Een nieuw label]]" in beside.inner_text()
    coord.screenshot(path=shots / "guide-edit-fr-todo.png")
    assert serious_problems(coord) == []
    coord.get_by_role("link", name="Voorbeeld en publiceren").click()
    listed = coord.get_by_label("Fouten in het stappenplan").inner_text()
    assert "Stappenplan 'burgerprofiel-attest', tekst Frans, stap 'need': Neem de schermlabels" in listed
    assert coord.get_by_text("Nog niet klaar om te publiceren.").is_visible()
    assert serious_problems(coord) == []
    coord.screenshot(path=shots / "guide-preview-todo.png", full_page=True)
    coord.get_by_role("link", name="Dit concept bewerken").click()
    coord.get_by_role("link", name="Tekst Nederlands").click()
    coord.locator("textarea").first.fill(original)
    coord.get_by_role("button", name="Bewaren en controleren").first.click()
    coord.wait_for_url("**/tekst/nl?gedaan=bewaard")
    assert coord.locator("#nog-te-doen").count() == 0

    # A website without https: not saved, the checks' Dutch text beside the field, what was typed kept.
    coord.get_by_role("link", name="Stappen en instellingen").click()
    url = coord.locator('[id="veld-open.url"]')
    url.fill("http://www.vlaanderen.be")
    coord.get_by_role("button", name="Bewaren en controleren").first.click()
    alert = coord.get_by_role("alert")
    assert "Niet bewaard" in alert.inner_text() and "Stap 2: Een webadres begint met https://" in alert.inner_text()
    assert "Een webadres begint met https://" in coord.locator('[id="fout-open.url"]').inner_text()
    assert coord.locator('[id="veld-open.url"]').input_value() == "http://www.vlaanderen.be"
    coord.screenshot(path=shots / "guide-edit-steps-error.png")
    coord.screenshot(path=shots / "guide-edit-steps-error-full.png", full_page=True)
    assert serious_problems(coord) == []

    admin_page = log_in(chromium, base, "admin")
    admin_page.goto(coord.url.split("?")[0].removesuffix("/bewerken"))
    admin_page.get_by_role("button", name="Publiceren naar alle kiosks").click()
    admin_page.wait_for_url(f"{base}/console/stappenplannen?**")
    files = console.server.admin(lambda s: content.bundle_files(s, content.latest(s)))
    assert "Attest downloaden (in de browser)" in files["burgerprofiel-attest/text/nl.toml"].decode()
    assert "Ce qu'il vous faut" in files["burgerprofiel-attest/text/fr.toml"].decode()
