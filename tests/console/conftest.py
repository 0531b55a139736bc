"""Console fixtures: a live server with users of every role, and a client that logs in.

The session cookie is `Secure`, so `requests` would not send it over http://127.0.0.1: the client
keeps it itself and sends it as a header, as a browser on localhost does (Chromium treats
127.0.0.1 as a secure context; the browser tests show that)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
import requests

from sync.server import admin
from sync.server.console import auth
from sync.server.db import utcnow
from tests.sync_support import LiveServer

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
