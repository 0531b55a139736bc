"""The digihelper's phone page (/hulp, sync/server/phone.py): a one-time phone code, a session of
its own, only the helper's locations, "Ik kom eraan" once with its CSRF token, escaping, the rate
limit on codes; and the kiosk learns that its call was taken. Real server on 127.0.0.1."""
from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from sync.protocol import CallReport
from sync.server import admin, helpcalls, phone
from sync.server.models import Device, Helper, Location
from tests.console.conftest import Client

CHROMIUM = Path("/usr/bin/chromium")


def place(server, name: str, kind: str = "fixed") -> str:
    return server.admin(lambda s: admin.ensure_location(s, name, kind)[0].id)


def device_at(server, location_id: str) -> str:
    def make(session):
        device, _token = admin.redeem_enroll_code(session, admin.create_enroll_code(
            session, session.get(Location, location_id))[0], "pc")
        return device.id
    return server.admin(make)


def report(server, device_id: str, kiosk_name: str, what: str = "itsme aanmaken, stap 3 van 8") -> str:
    call_id = str(uuid.uuid4())
    server.admin(helpcalls.report, device_id, CallReport(id=call_id, state="open", kiosk_name=kiosk_name,
                                                         walkthrough_id="itsme", step_index=2, what=what,
                                                         created_at=datetime.now(UTC)), datetime.now(UTC))
    return call_id


def phone_code(server, helper_id: str) -> str:
    return server.admin(lambda s: phone.make_phone_code(s, s.get(Helper, helper_id), datetime.now(UTC)))


def signed_in(server, code: str) -> Client:
    client = Client(server.url)
    answer = client.post("/hulp/aanmelden", {"code": code.lower().replace("-", " ")}, csrf=False)
    assert answer.status_code == 303 and "digipunt_hulp" in client.cookies
    flags = {f.strip().lower() for f in answer.headers["set-cookie"].split(";")[1:]}
    assert {"httponly", "samesite=strict", "path=/hulp"} <= flags
    return client


def csrf_of(page: str) -> str:
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def test_a_helper_signs_in_once_sees_their_locations_calls_and_takes_one(live_server):
    library, bus = place(live_server, "Bibliotheek Leuven"), place(live_server, "Digibus Noord", "digibus")
    pc, bus_pc = device_at(live_server, library), device_at(live_server, bus)
    bart = live_server.admin(admin.add_helper, "Bart Bib", "digihelper", "975310", [library]).id
    call = report(live_server, pc, "PC 3 <script>alert(1)</script>")
    report(live_server, bus_pc, "Bus-pc", "eloket, stap 2")

    anonymous = Client(live_server.url)
    page = anonymous.get("/hulp")
    assert page.status_code == 200 and "Gsm-code" in page.text and "PC 3" not in page.text
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")

    code = phone_code(live_server, bart)
    helper = signed_in(live_server, code)
    assert Client(live_server.url).post("/hulp/aanmelden", {"code": code}, csrf=False).status_code == 403  # once
    page = helper.get("/hulp").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page  # escaped
    assert "itsme aanmaken, stap 3 van 8" in page and "Bus-pc" not in page  # only Bart's location
    token = csrf_of(page)
    assert helper.post(f"/hulp/oproepen/{call}", {"csrf_token": "wrong"}, csrf=False).status_code == 403
    answer = helper.post(f"/hulp/oproepen/{call}", {"csrf_token": token}, csrf=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/hulp?genomen=ja"
    assert "Genomen." in helper.get("/hulp?genomen=ja").text and "PC 3" not in helper.get("/hulp").text
    assert helper.post(f"/hulp/oproepen/{call}", {"csrf_token": token}, csrf=False).headers["location"] == \
        "/hulp?genomen=al"
    # The kiosk's next question finds its call taken.
    assert live_server.admin(helpcalls.closed_calls, pc, datetime.now(UTC)) == [call]
    assert live_server.admin(helpcalls.closed_calls, bus_pc, datetime.now(UTC)) == []

    # Deactivated: the phone is out at its next request.
    live_server.admin(lambda s: setattr(s.get(Helper, bart), "active", False))
    assert "Gsm-code" in helper.get("/hulp").text


def test_wrong_codes_are_rate_limited_and_a_bus_call_is_not_takeable_from_the_library(live_server):
    library, bus = place(live_server, "Bibliotheek Leuven"), place(live_server, "Digibus Noord", "digibus")
    bus_call = report(live_server, device_at(live_server, bus), "Bus-pc")
    bart = live_server.admin(admin.add_helper, "Bart Bib", "digihelper", "975310", [library]).id
    helper = signed_in(live_server, phone_code(live_server, bart))
    token = csrf_of(helper.get("/hulp").text)
    assert helper.post(f"/hulp/oproepen/{bus_call}", {"csrf_token": token}, csrf=False).headers["location"] == \
        "/hulp?genomen=al"
    assert live_server.admin(lambda s: helpcalls.open_calls(s, [bus], datetime.now(UTC)))[0].id == bus_call

    stranger = Client(live_server.url)
    answers = [stranger.post("/hulp/aanmelden", {"code": f"WRONG{i}"}, csrf=False).status_code for i in range(7)]
    assert answers[:5] == [403] * 5 and answers[-1] == 429
    good = phone_code(live_server, bart)
    assert stranger.post("/hulp/aanmelden", {"code": good}, csrf=False).status_code == 429  # even the right one


def test_signing_out_ends_the_phones_session(live_server):
    bart = live_server.admin(admin.add_helper, "Bart Bib", "digihelper", "975310").id  # city-wide
    helper = signed_in(live_server, phone_code(live_server, bart))
    page = helper.get("/hulp").text
    assert "Er wacht nu niemand" in page
    token = live_server.admin(lambda s: s.scalars(select(Device.id)).all())  # (no kiosks needed)
    assert token == []
    helper.post("/hulp/afmelden", {"csrf_token": csrf_of(page)}, csrf=False)
    assert "Gsm-code" in helper.get("/hulp").text


def test_a_coordinator_makes_the_phone_code_in_the_console(console):
    leuven = console.places["Bibliotheek Leuven"]
    helper_id = console.server.admin(admin.add_helper, "Bart Bib", "digihelper", "975310", [leuven]).id
    client = console.as_user("coord")
    page = client.get("/console/digihelpers").text
    assert f'action="/console/digihelpers/{helper_id}/gsmcode"' in page
    assert client.post(f"/console/digihelpers/{helper_id}/gsmcode", csrf=False).status_code == 403  # CSRF
    answer = client.post(f"/console/digihelpers/{helper_id}/gsmcode")
    assert answer.status_code == 200 and "Gsm-code voor" in answer.text and "/hulp" in answer.text
    code = answer.text.split('<p class="bigcode">', 1)[1].split("<", 1)[0]
    assert len(code) == 14 and signed_in(console.server, code).get("/hulp").status_code == 200


def test_a_disabled_helper_gets_neither_a_phone_code_nor_a_setup_code(console):
    leuven = console.places["Bibliotheek Leuven"]
    helper_id = console.server.admin(admin.add_helper, "Bart Bib", "digihelper", "975310", [leuven]).id
    console.server.admin(lambda s: setattr(s.get(Helper, helper_id), "active", False))
    client = console.as_user("coord")
    for route in ("gsmcode", "instelcode"):
        answer = client.post(f"/console/digihelpers/{helper_id}/{route}")
        assert answer.status_code == 409 and "Bart Bib is uitgeschakeld" in answer.text
        assert "Gsm-code voor" not in answer.text and 'class="bigcode"' not in answer.text


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_the_phone_page_in_a_real_browser_at_phone_width(live_server, tmp_path):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    shots = Path(os.environ.get("DIGIPUNT_CONSOLE_SHOTS", tmp_path / "shots"))
    shots.mkdir(parents=True, exist_ok=True)
    library = place(live_server, "Bibliotheek Leuven")
    pc = device_at(live_server, library)
    bart = live_server.admin(admin.add_helper, "Bart Bib", "digihelper", "975310", [library]).id
    report(live_server, pc, "PC 3 bij het raam", "itsme aanmaken en gebruiken, stap 4 van 8: Onderteken met je pincode")
    report(live_server, pc, "PC 1 bij de deur", "Attest aanvragen bij de stad, stap 2 van 6: Meld je aan")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
            page.goto(f"{live_server.url}/hulp")
            page.screenshot(path=str(shots / "phone-code.png"), full_page=True)
            page.get_by_label("Gsm-code").fill(phone_code(live_server, bart))
            page.get_by_role("button", name="Aanmelden").click()
            page.wait_for_url(f"{live_server.url}/hulp")
            assert page.get_by_role("button", name="Ik kom eraan").count() == 2
            assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sideways
            axe = Axe().run(page)
            assert axe.violations_count == 0, axe.generate_report()
            page.screenshot(path=str(shots / "phone-calls.png"), full_page=True)
            page.get_by_role("button", name="Ik kom eraan").first.click()
            page.wait_for_url(f"{live_server.url}/hulp?genomen=ja")
            assert page.get_by_role("button", name="Ik kom eraan").count() == 1
            page.screenshot(path=str(shots / "phone-taken.png"), full_page=True)
        finally:
            browser.close()
