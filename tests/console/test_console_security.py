"""The console's doors: every route needs a login, every change a CSRF token and the right role
and location, output is escaped, logins are rate-limited, sessions live in the database."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import create_engine, update
from sqlalchemy.orm import Session

from sync.protocol import StatusReport
from sync.server import admin, ratelimit
from sync.server.app import create_app
from sync.server.db import utcnow
from sync.server.kiosk_status import store_report
from sync.server.models import Device, RateLimit
from tests.console.conftest import PASSWORD, Client
from tests.sync_support import start_server


def all_routes(routes) -> list[APIRoute]:
    """Every endpoint of the app, also those of included routers (FastAPI nests those)."""
    found = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found += all_routes(route.original_router.routes)
    return found


def console_routes() -> list[tuple[str, str]]:
    app = create_app(engine=create_engine("sqlite://"))  # the routes only; no database is used
    return [(method, route.path) for route in all_routes(app.routes) if route.path.startswith("/console")
            for method in sorted(route.methods)]


PUBLIC = {("GET", "/console/login"), ("POST", "/console/login")}
ROUTES = console_routes()
MUTATIONS = [(m, p) for m, p in ROUTES if m == "POST" and (m, p) not in PUBLIC]


def concrete(path: str, device_id: str = "00000000-0000-0000-0000-000000000000") -> str:
    return re.sub(r"\{[a-z_]+\}", device_id, path)


def test_the_route_list_is_what_the_console_serves():
    assert ("GET", "/console/overzicht") in ROUTES and ("POST", "/console/kiosks/koppelcode") in ROUTES
    assert len(MUTATIONS) >= 5


def test_no_page_or_download_without_login(console):
    anonymous = console.client()
    for method, path in ROUTES:
        if (method, path) in PUBLIC:
            continue
        response = anonymous.request(method, concrete(path))
        if method == "GET":
            assert response.status_code == 303, (method, path)
            assert response.headers["location"].startswith("/console/login?next="), path
        else:
            assert response.status_code == 401, (method, path)
    assert anonymous.get("/console/static/console.css").status_code == 200  # static files are public


def test_the_session_cookie_is_secure_httponly_strict(console):
    login = console.client().login("admin")
    assert login.status_code == 303
    cookie = next(c for c in login.raw.headers.getlist("Set-Cookie") if c.startswith("digipunt_console="))
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "samesite=strict", "path=/console"} <= flags


@pytest.mark.parametrize(("method", "path"), MUTATIONS)
def test_every_change_needs_the_csrf_token(console, method, path):
    client = console.as_user("admin")
    assert client.post(concrete(path), csrf=False).status_code == 403
    assert client.post(concrete(path), {"csrf_token": "forged"}).status_code == 403


def test_login_form_needs_its_own_token(console):
    client = console.client()
    response = client.post("/console/login", {"username": "admin", "password": PASSWORD}, csrf=False)
    assert response.status_code == 403 and "verlopen" in response.text


@pytest.mark.parametrize(("method", "path"), MUTATIONS)
def test_a_viewer_changes_nothing(console, method, path):
    device = _device(console, "Bibliotheek Leuven")
    client = console.as_user("lezer")
    response = client.post(concrete(path, device), {"location_id": console.places["Bibliotheek Leuven"],
                                                    "name": "x", "active": "0", "username": "x"})
    if path == "/console/logout":
        assert response.status_code == 303
    else:
        assert response.status_code == 403, path


def _device(console, place: str) -> str:
    code = console.server.enroll_code(place)
    device, _ = console.server.admin(admin.redeem_enroll_code, code, f"kiosk {place}")
    return device.id


def test_a_coordinator_is_kept_to_their_own_locations(console):
    own, other = _device(console, "Bibliotheek Leuven"), _device(console, "Digibus Noord")
    client = console.as_user("coord")
    kiosks = client.get("/console/kiosks").text
    assert "kiosk Bibliotheek Leuven" in kiosks and "kiosk Digibus Noord" not in kiosks
    assert "Digibus Noord" not in kiosks  # not even as a choice for a new code
    for path, data in ((f"/console/kiosks/{other}/naam", {"name": "overgenomen"}),
                       (f"/console/kiosks/{other}/intrekken", {}),
                       ("/console/kiosks/koppelcode", {"location_id": console.places["Digibus Noord"]})):
        assert client.post(path, data).status_code == 403, path
    assert console.server.admin(lambda s: s.get(Device, other).name) == "kiosk Digibus Noord"
    assert console.server.admin(lambda s: s.get(Device, other).revoked_at) is None
    assert client.post(f"/console/kiosks/{own}/naam", {"name": "PC 3 bij het raam"}).status_code == 303
    for admin_only in ("/console/gebruikers", "/console/logboek", "/console/logboek.csv"):
        assert client.get(admin_only).status_code == 403, admin_only


def test_free_text_is_escaped_on_every_page(console):
    script = '<script>alert("x")</script>'
    device = _device(console, "Bibliotheek Leuven")
    console.server.admin(admin.rename_device, device, script)
    console.server.admin(admin.ensure_location, script)
    # The kiosk's status report: its free texts come from the kiosk (kiosk_status.store_report). Outdated,
    # with its clock off: the name is also in the notices above the table.
    console.server.admin(store_report, device, StatusReport(
        kiosk_time=utcnow() + timedelta(minutes=10), app_version="0.0.1", last_error=script + " fout",
        content_error=script + " inhoud"), utcnow())
    client = console.as_user("admin")
    assert client.post("/console/gebruikers", {"username": "nieuw", "display_name": script, "password": PASSWORD,
                                              "role": "viewer", "all": "1"}).status_code == 303
    for path in ("/console/overzicht", "/console/kiosks", "/console/gebruikers", "/console/logboek"):
        text = client.get(path).text
        assert "<script>alert" not in text, path
    kiosks = client.get("/console/kiosks").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; fout" in kiosks
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; inhoud" in kiosks
    assert "Verouderde versie:</strong> &lt;script&gt;alert" in kiosks and "Klok verkeerd" in kiosks
    assert "&lt;script&gt;alert" in client.get("/console/gebruikers").text


def test_wrong_passwords_make_the_next_try_wait(console):
    client = console.client()
    for _ in range(ratelimit.LOGIN_PER_USER.free + 1):
        response = client.login("coord", "fout-wachtwoord")
        assert response.status_code in (401, 429)
    row = console.server.admin(lambda s: s.get(RateLimit, "login-user:coord"))
    assert row.failures == ratelimit.LOGIN_PER_USER.free + 1 and row.blocked_until is not None
    with Session(console.server.engine) as session, session.begin():  # more failures: a wait no test outruns
        for _ in range(4):
            ratelimit.note_failure(session, ratelimit.login_keys("coord", "elders"), utcnow())
    waiting = client.login("coord")  # the right password, but too soon
    assert waiting.status_code == 429 and "Wacht" in waiting.text
    console.server.admin(lambda s: s.execute(update(RateLimit).values(blocked_until=utcnow())))  # time passes
    assert client.login("coord").status_code == 303
    assert "login-refused" in console.as_user("admin").get("/console/logboek?action=login-refused").text


def test_an_unknown_user_and_a_wrong_password_get_the_same_answer(console):
    unknown, wrong = console.client().login("niemand"), console.client().login("coord", "fout-wachtwoord")
    assert unknown.status_code == wrong.status_code == 401
    alert = re.compile(r'role="alert">([^<]*)<')
    assert alert.search(unknown.text).group(1) == alert.search(wrong.text).group(1)


def test_a_login_works_on_every_server_process_and_logout_ends_it(console):
    client = console.as_user("admin")
    other = start_server(console.server.engine)  # a second server on the same database
    try:
        elsewhere = Client(other.url, dict(client.cookies), client.csrf)
        assert elsewhere.get("/console/overzicht").status_code == 200
        assert client.post("/console/logout").status_code == 303
        assert elsewhere.get("/console/overzicht").status_code == 303  # logged out there too
    finally:
        other.stop()


def test_deactivating_a_user_logs_them_out(console):
    coord = console.as_user("coord")
    boss = console.as_user("admin")
    users = boss.get("/console/gebruikers").text
    coord_row = users[users.index(">coord<"):]
    user_id = re.search(r"/console/gebruikers/([0-9a-f-]{36})/actief", coord_row).group(1)
    assert boss.post(f"/console/gebruikers/{user_id}/actief", {"active": "0"}).status_code == 303
    assert coord.get("/console/overzicht").status_code == 303
    assert console.client().login("coord").status_code == 401
