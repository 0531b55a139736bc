"""Console fixtures: a live server with users of every role, and a client that logs in.

The session cookie is `Secure`, so `requests` would not send it over http://127.0.0.1: the client
keeps it itself and sends it as a header, as a browser on localhost does (Chromium treats
127.0.0.1 as a secure context; the browser tests show that)."""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
import requests

from sync.protocol import BatchItem, BatchRequest, content_hash, record_payload
from sync.server import admin
from sync.server.console import auth
from sync.server.db import utcnow
from sync.server.models import Location
from sync.server.records import ingest
from tests.sync_support import LiveServer, help_request, shift

PASSWORD = "een-lang-wachtwoord"


@dataclass
class Client:
    base: str
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(method, self.base + path, headers=headers, allow_redirects=False, **kwargs)
        for cookie in response.raw.headers.getlist("Set-Cookie"):
            name, value = cookie.split(";", 1)[0].split("=", 1)
            if value in ("", '""') or "Max-Age=0" in cookie:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict | None = None, *, csrf: bool = True, **kwargs) -> requests.Response:
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.csrf)
        return self.request("POST", path, data=data, **kwargs)

    def login(self, username: str, password: str = PASSWORD) -> requests.Response:
        form = self.get("/console/login")
        token = re.search(r'name="login_csrf" value="([^"]+)"', form.text).group(1)
        response = self.post("/console/login", {"username": username, "password": password, "login_csrf": token},
                             csrf=False)
        if response.status_code == 303:
            page = self.get("/console/overzicht")
            self.csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return response


@dataclass
class Console:
    server: LiveServer
    places: dict[str, str]  # name -> location id

    def client(self) -> Client:
        return Client(self.server.url)

    def as_user(self, username: str) -> Client:
        client = self.client()
        assert client.login(username).status_code == 303
        return client


@pytest.fixture
def console(live_server):
    """Two locations; users: admin, coordinator of Leuven only, viewer of Leuven only, viewer of all."""
    def setup(session):
        places = {}
        for name, kind in (("Bibliotheek Leuven", "fixed"), ("Digibus Noord", "digibus")):
            places[name] = admin.ensure_location(session, name, kind)[0].id
        now = utcnow()
        auth.create_user(session, "admin", "Ann Admin", PASSWORD, "admin", [], now=now)
        leuven = [places["Bibliotheek Leuven"]]
        auth.create_user(session, "coord", "Cor Leuven", PASSWORD, "coordinator", leuven, now=now)
        auth.create_user(session, "lezer", "Lea Lezer", PASSWORD, "viewer", [places["Bibliotheek Leuven"]], now=now)
        auth.create_user(session, "stad", "Stan Stad", PASSWORD, "viewer", [], all_locations=True, now=now)
        return places
    return Console(live_server, live_server.admin(setup))


# --- records, as kiosks send them (for the Registraties and Rapporten pages) ----------------------
NOV = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)
VISITOR = "b" * 64


@dataclass
class StoredRecords:
    """What `console_records` sent, by name: record ids, helper ids."""

    ids: dict[str, str]
    helpers: dict[str, str]


def send(server, location_id: str, *records) -> None:
    """Records through the server's own ingest, from a kiosk enrolled for their location."""
    def push(session):
        device, _ = admin.redeem_enroll_code(session, admin.create_enroll_code(session, session.get(
            Location, location_id))[0], "kiosk")
        items = []
        for record in records:
            payload = record_payload(record)
            items.append(BatchItem(id=record.id, kind=record.kind, content_hash=content_hash(payload), payload=payload))
        results = ingest(session, device.id, BatchRequest(device_time=utcnow(), items=items).items, utcnow())
        assert {r.status for r in results} == {"created"}, results
    server.admin(push)


@pytest.fixture
def console_records(console) -> StoredRecords:
    """November 2026 in Leuven (a request corrected once, one cancelled, one with a <script> note,
    a shift) and on the Digibus (a request, a shift); 120 more Leuven requests in October."""
    leuven, bus = console.places["Bibliotheek Leuven"], console.places["Digibus Noord"]

    def reference(session):
        admin.set_topic(session, "itsme", "itsme en inloggen")
        admin.set_topic(session, "taxonweb", "Belastingen (Tax-on-web)")
        return {"Hanne": admin.add_helper(session, "Hanne Helper", "digihelper", location_ids=[leuven]).id,
                "Bert": admin.add_helper(session, "Bert Bus", "digihelper", location_ids=[bus]).id}
    helpers = console.server.admin(reference)
    hanne, bert = helpers["Hanne"], helpers["Bert"]
    first = help_request(leuven, when=NOV, helper_id=hanne, topics=["itsme"], outcome="partly", duration_min=20,
                         visitor_code=VISITOR)
    corrected = first.model_copy(update={"id": uuid.uuid4(), "supersedes": first.id, "outcome": "solved",
                                         "topics": ["itsme", "taxonweb"]})
    doomed = help_request(leuven, when=NOV + timedelta(hours=1), helper_id=hanne, topics=["taxonweb"])
    cancelled = doomed.model_copy(update={"id": uuid.uuid4(), "supersedes": doomed.id, "status": "cancelled"})
    script = help_request(leuven, when=NOV + timedelta(hours=2), helper_id=hanne, topics=["itsme"],
                          outcome="not-solved", note='<script>alert("x")</script> & meer')
    bus_request = help_request(bus, when=NOV, helper_id=bert, topics=["taxonweb"], channel="digibus",
                               visitor_code=VISITOR, stop_name="Markt")
    october = [help_request(leuven, when=datetime(2026, 10, 1, 8, tzinfo=UTC) + timedelta(minutes=10 * n),
                            helper_id=hanne, topics=["itsme"]) for n in range(120)]
    send(console.server, leuven, first, corrected, doomed, cancelled, script, shift(leuven, NOV, 90), *october)
    send(console.server, bus, bus_request, shift(bus, NOV, 60))
    ids = {"first": str(first.id), "corrected": str(corrected.id), "doomed": str(doomed.id),
           "cancelled": str(cancelled.id), "script": str(script.id), "bus": str(bus_request.id)}
    return StoredRecords(ids, helpers)
