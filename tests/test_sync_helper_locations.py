"""Helpers work at locations: each kiosk receives only its own helpers, and a helper sets their own
PIN with a one-time set-up code. Real server (uvicorn on 127.0.0.1), real HTTP, SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import requests
from sqlalchemy import select

from sync.pins import hash_pin, secret_matches
from sync.server import admin
from sync.server.cli import main as server_cli
from sync.server.models import Helper, HelperSetupCode, Location


class Kiosk:
    """A device enrolled at one location, speaking the real HTTP API; keeps its reference cursor."""

    def __init__(self, server, place: str, kind: str = "fixed"):
        self.server = server
        answer = requests.post(f"{server.url}/v1/enroll", json={"code": server.enroll_code(place, kind)})
        assert answer.status_code == 200, answer.text
        self.headers = {"Authorization": f"Bearer {answer.json()['token']}"}
        self.cursor = 0
        self.helpers: dict[str, str] = {}  # id -> name, as a kiosk's store would have them

    def pull(self) -> dict[str, str]:
        while True:
            page = requests.get(f"{self.server.url}/v1/reference", params={"since": self.cursor},
                                headers=self.headers).json()
            for change in page["changes"]:
                if change["entity"] == "helper":
                    if change["deleted"]:
                        self.helpers.pop(change["key"], None)
                    else:
                        self.helpers[change["key"]] = change["data"]["display_name"]
            self.cursor = page["cursor"]
            if not page["has_more"]:
                return self.helpers

    def setup(self, code: str, pin: str = "582914") -> requests.Response:
        return requests.post(f"{self.server.url}/v1/helpers:setup", headers=self.headers,
                             json={"code": code, "pin_hash": hash_pin(pin)})


def place_id(server, name: str) -> str:
    return server.admin(lambda s: s.scalar(select(Location.id).where(Location.name == name)))


def test_each_kiosk_receives_only_the_helpers_of_its_location(live_server):
    library, bus = Kiosk(live_server, "Bibliotheek Leuven"), Kiosk(live_server, "Digibus Noord", "digibus")
    lib_id, bus_id = place_id(live_server, "Bibliotheek Leuven"), place_id(live_server, "Digibus Noord")
    live_server.admin(admin.add_helper, "An Stad", "coordinator", "135790")  # city-wide
    bart = live_server.admin(admin.add_helper, "Bart Bib", "digihelper", "975310", [lib_id]).id
    live_server.admin(admin.add_helper, "Cas Bus", "digihelper", "864209", [bus_id])
    assert sorted(library.pull().values()) == ["An Stad", "Bart Bib"]
    assert sorted(bus.pull().values()) == ["An Stad", "Cas Bus"]

    # Bart moves to the digibus: the library drops him, the bus gets him.
    live_server.admin(lambda s: admin.set_helper_locations(s, s.get(Helper, bart), [bus_id]))
    assert sorted(library.pull().values()) == ["An Stad"]
    assert sorted(bus.pull().values()) == ["An Stad", "Bart Bib", "Cas Bus"]
    # Both locations, then switched off.
    live_server.admin(lambda s: admin.set_helper_locations(s, s.get(Helper, bart), [bus_id, lib_id]))
    assert "Bart Bib" in library.pull().values()
    live_server.admin(lambda s: admin.set_helper_active(s, s.get(Helper, bart), False))
    assert "Bart Bib" not in library.pull().values() and "Bart Bib" not in bus.pull().values()

    # A fresh kiosk at the library (cursor 0) never sees the bus's helper, not even deleted data.
    fresh = Kiosk(live_server, "Bibliotheek Leuven")
    page = requests.get(f"{live_server.url}/v1/reference", headers=fresh.headers).json()
    cas = next(c for c in page["changes"] if c["entity"] == "helper" and c["key"] not in fresh.pull()
               and c["key"] != bart)
    assert cas["deleted"] and cas["data"] is None


def test_a_helper_sets_their_pin_with_a_set_up_code_once_at_their_location(live_server):
    library, bus = Kiosk(live_server, "Bibliotheek Leuven"), Kiosk(live_server, "Digibus Noord", "digibus")
    lib_id = place_id(live_server, "Bibliotheek Leuven")

    def new_helper(session):
        helper = admin.add_helper(session, "Dina Nieuw", "digihelper", None, [lib_id])
        return helper.id, admin.create_setup_code(session, helper)[0]
    helper_id, code = live_server.admin(new_helper)
    assert helper_id not in library.pull()  # no PIN yet: not sent to any kiosk

    refused = bus.setup(code)  # a kiosk of another location
    assert refused.status_code == 403 and refused.json()["error"] == "other-location"
    assert library.setup("AAAA-BBBB-CCCC").json()["error"] == "invalid-code"
    bad_hash = requests.post(f"{live_server.url}/v1/helpers:setup", headers=library.headers,
                             json={"code": code, "pin_hash": "582914"})  # a PIN, not a hash: refused
    assert bad_hash.status_code == 422

    done = library.setup(code.lower().replace("-", " "))  # typed loosely
    assert done.status_code == 200, done.text
    assert done.json()["helper_id"] == helper_id and done.json()["display_name"] == "Dina Nieuw"
    assert library.pull()[helper_id] == "Dina Nieuw" and helper_id not in bus.pull()
    stored = live_server.admin(lambda s: s.get(Helper, helper_id).pin_hash)
    assert secret_matches(stored, "582914")
    assert library.setup(code, "739164").json()["error"] == "invalid-code"  # single use
    assert secret_matches(live_server.admin(lambda s: s.get(Helper, helper_id).pin_hash), "582914")

    # A reset: the old PIN works until the new code is used; an older unused code stops working.
    first, _ = live_server.admin(lambda s: admin.create_setup_code(s, s.get(Helper, helper_id)))
    second, _ = live_server.admin(lambda s: admin.create_setup_code(s, s.get(Helper, helper_id)))
    assert secret_matches(live_server.admin(lambda s: s.get(Helper, helper_id).pin_hash), "582914")
    assert library.setup(first).json()["error"] == "invalid-code"
    assert library.setup(second, "739164").status_code == 200
    assert secret_matches(live_server.admin(lambda s: s.get(Helper, helper_id).pin_hash), "739164")

    # Expired after 7 days; a city-wide helper's code works anywhere.
    def old_code(session):
        helper = admin.add_helper(session, "Eli Oud", "digihelper")
        return admin.create_setup_code(session, helper, now=datetime.now(UTC) - timedelta(days=7, minutes=1))[0]
    assert library.setup(live_server.admin(old_code)).json()["error"] == "invalid-code"
    city_code = live_server.admin(
        lambda s: admin.create_setup_code(s, admin.add_helper(s, "Fien Stad", "coordinator"))[0])
    assert bus.setup(city_code).status_code == 200 and "Fien Stad" in bus.pull().values()
    used = live_server.admin(
        lambda s: s.execute(select(HelperSetupCode.used_at.is_not(None), HelperSetupCode.device_id)).all())
    assert sorted(u for u, _ in used) == [False, True, True, True]  # the replaced code is gone; Eli's expired
    assert all(device for u, device in used if u)  # a used code remembers the kiosk


def test_wrong_set_up_codes_are_rate_limited_per_device(live_server):
    kiosk = Kiosk(live_server, "Bibliotheek Leuven")
    answers = [kiosk.setup("ZZZZ-ZZZZ-ZZZZ").status_code for _ in range(7)]
    assert answers[:5] == [403] * 5 and answers[-1] == 429
    other = Kiosk(live_server, "Bibliotheek Leuven")  # another device is not held up
    assert other.setup("ZZZZ-ZZZZ-ZZZZ").status_code == 403


def test_add_helper_cli_takes_locations_and_can_print_a_set_up_code(live_server, capsys):
    live_server.enroll_code("Bibliotheek Leuven")
    url = live_server.engine.url.render_as_string(hide_password=False)
    assert server_cli(["--database-url", url, "add-helper", "--name", "Gert", "--location", "Bibliotheek Leuven",
                       "--setup-code"]) == 0
    out = capsys.readouterr().out
    assert "at Bibliotheek Leuven" in out and "set-up code: " in out
    assert server_cli(["--database-url", url, "add-helper", "--name", "Hans", "--location", "Nergens",
                       "--setup-code"]) == 1
    assert "no location called 'Nergens'" in capsys.readouterr().err

    def where(session):
        helper = session.scalar(select(Helper).where(Helper.display_name == "Gert"))
        return helper.pin_hash, admin.helper_location_ids(session, helper.id)
    pin_hash, places = live_server.admin(where)
    assert pin_hash is None and places == {place_id(live_server, "Bibliotheek Leuven")}
