"""The server keeps each location's reference pages (reference.PageCache) while the change log has
no newer change: a cached answer must be exactly the page built afresh for that device, per
location, and a change must reach the very next pull. Real server, real HTTP, SQLite and PostgreSQL."""
from __future__ import annotations

import json
from datetime import datetime

import requests
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from sync.server import admin
from sync.server.models import Helper, Location, LocationCallKey
from sync.server.reference import PageCache, reference_page


class Kiosk:
    def __init__(self, server, place: str):
        self.server = server
        answer = requests.post(f"{server.url}/v1/enroll", json={"code": server.enroll_code(place)})
        assert answer.status_code == 200, answer.text
        self.device_id = answer.json()["device_id"]
        self.headers = {"Authorization": f"Bearer {answer.json()['token']}"}

    def page(self, since: int = 0, **params) -> dict:
        answer = requests.get(f"{self.server.url}/v1/reference", params={"since": since, **params},
                              headers=self.headers)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def fresh(self, since: int = 0, extra: frozenset[str] = frozenset()) -> dict:
        """The same page built without the cache, as a dict."""
        page = self.server.admin(reference_page, since, 500, self.device_id, extra)
        return page.model_dump(mode="json")


def same(cached: dict, fresh: dict) -> bool:
    return {k: v for k, v in cached.items() if k != "server_time"} == {
        k: v for k, v in fresh.items() if k != "server_time"}


def helpers(page: dict) -> dict[str, str | None]:
    return {c["key"]: c["data"]["display_name"] if c["data"] else None
            for c in page["changes"] if c["entity"] == "helper"}


def test_cached_pages_are_each_locations_own_and_follow_every_change(live_server):
    library, bus = Kiosk(live_server, "Bibliotheek Leuven"), Kiosk(live_server, "Digibus Noord")
    place = {name: live_server.admin(lambda s, n=name: s.scalar(select(Location.id).where(Location.name == n)))
             for name in ("Bibliotheek Leuven", "Digibus Noord")}
    bart = live_server.admin(admin.add_helper, "Bart Bib", "digihelper", "975310",
                             [place["Bibliotheek Leuven"]]).id
    keys = dict(live_server.admin(lambda s: s.execute(select(LocationCallKey.location_id, LocationCallKey.key)).all()))

    first = library.page()
    for _ in range(2):  # built, then from the cache: the same page, for each location its own
        for kiosk, name, shown in ((library, "Bibliotheek Leuven", "Bart Bib"), (bus, "Digibus Noord", None)):
            page = kiosk.page()
            assert helpers(page) == {bart: shown} and page["call_key"] == keys[place[name]]
            assert same(page, kiosk.fresh())
    again = library.page()
    assert datetime.fromisoformat(again["server_time"]) > datetime.fromisoformat(first["server_time"])
    # Another cursor, limit and set of entities are other pages.
    assert same(library.page(first["cursor"]), library.fresh(first["cursor"]))
    assert library.page(limit=1)["has_more"]
    with_all = library.page(**{"with": ["schedule", "notice"]})
    assert same(with_all, library.fresh(extra=frozenset({"schedule", "notice"})))

    # Bart moves to the digibus: the next pull of either kiosk, from the start, says so.
    live_server.admin(lambda s: admin.set_helper_locations(s, s.get(Helper, bart), [place["Digibus Noord"]]))
    assert helpers(library.page()) == {bart: None} and helpers(bus.page()) == {bart: "Bart Bib"}
    assert same(library.page(), library.fresh()) and same(bus.page(), bus.fresh())


def test_the_cache_keeps_within_its_bytes_and_answers_the_same_after_evicting(server_engine):
    sessions = sessionmaker(server_engine, expire_on_commit=False)
    with sessions.begin() as session:
        place, _ = admin.ensure_location(session, "Bibliotheek Leuven")
        admin.add_helper(session, "Bart Bib", "digihelper", "975310", [place.id])
        place_id = place.id
    cache = PageCache()
    cache.MAX_BYTES = 3000  # a page or two
    with sessions() as session:
        cursors = [0, 1, 2, 3, 0, 2]
        first = {since: json.loads(cache.page_json(session, since, 500, place_id, frozenset())) for since in cursors}
        again = {since: json.loads(cache.page_json(session, since, 500, place_id, frozenset())) for since in cursors}
    assert len(first[0]["changes"]) > len(first[3]["changes"]) > 0
    for since in cursors:
        assert same(first[since], again[since])
    assert 1 <= len(cache._pages) < len(set(cursors)) and (cache._bytes <= cache.MAX_BYTES or len(cache._pages) == 1)
