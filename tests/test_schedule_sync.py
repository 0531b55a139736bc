"""The spreekuur schedule and notices travel with the reference data: a real server on 127.0.0.1,
a real kiosk store and puller. Only the kiosk's own location's schedule and notices arrive; an
older kiosk (no `?with=`) gets pages it can read; an updated kiosk pulls from the start once."""
from __future__ import annotations

from datetime import timedelta

import requests
from sqlalchemy import select

from kiosk.core.api import KioskApi
from kiosk.core.clock import Clock
from kiosk.core.secrets import DEVICE_TOKEN, SecretStore
from kiosk.core.store import meta_keys, open_store
from kiosk.core.store.models import Notice, Schedule
from kiosk.sync.engine import SyncEngine
from kiosk.sync.puller import set_meta
from sync.protocol import V1_REFERENCE_ENTITIES
from sync.server import schedule as server_schedule
from sync.server.models import Location
from sync.server.models import Notice as ServerNotice
from tests.keyrings import MemoryKeyring


def _place(session, name):
    return session.scalar(select(Location).where(Location.name == name))


def test_a_schedule_and_a_notice_reach_only_their_locations_kiosk(live_server, data_dir):
    store = open_store(data_dir)
    engine = SyncEngine(store, SecretStore(data_dir, backend=MemoryKeyring()))
    code = live_server.enroll_code("Bibliotheek Leuven")
    live_server.enroll_code("Digibus Noord", "digibus")
    engine.enroll(live_server.url, code, "balie-pc")
    today = live_server.admin(lambda s: server_schedule.today())

    def publish(session):
        leuven, bus = _place(session, "Bibliotheek Leuven"), _place(session, "Digibus Noord")
        server_schedule.add_entry(session, leuven, "weekly", weekday=str(today.weekday()), start="00:00", end="23:59")
        server_schedule.add_entry(session, bus, "stop", day=today.isoformat(), start="10:00", end="12:00",
                                  address="Markt, Kessel-Lo")
        here = server_schedule.add_notice(session, {"nl": "Gesloten op 11 november", "fr": "Fermé le 11 novembre"},
                                          today.isoformat(), (today + timedelta(days=3)).isoformat(), [leuven.id])
        server_schedule.add_notice(session, {"nl": "Alleen op de bus"}, today.isoformat(), today.isoformat(),
                                   [bus.id])
        return here.id
    notice_id = live_server.admin(publish)
    assert engine.sync().ok

    with store.read() as session:
        assert [n.id for n in session.scalars(select(Notice))] == [notice_id]
        assert len(session.scalars(select(Schedule)).all()) == 1
    api = KioskApi(store, Clock())
    home = api.home_info()
    assert home.kind == "fixed" and home.notices[0].text == {"nl": "Gesloten op 11 november",
                                                             "fr": "Fermé le 11 novembre"}
    assert api.next_spreekuur_text() == "Vandaag is er een digihelper van 00:00 tot 23:59"
    assert api.next_consultation_hours() is not None

    # The notice is withdrawn, the hours removed: the kiosk forgets both at its next sync.
    def withdraw(session):
        server_schedule.remove_notice(session, session.get(ServerNotice, notice_id))
        for entry in server_schedule.entries(session, _place(session, "Bibliotheek Leuven").id):
            server_schedule.remove_entry(session, entry)
    live_server.admin(withdraw)
    assert engine.sync().ok
    assert api.home_info().notices == () and api.next_spreekuur_text() is None
    store.close()


def test_an_older_kiosk_gets_only_what_it_understands_and_an_updated_one_starts_over(live_server, data_dir):
    store = open_store(data_dir)
    engine = SyncEngine(store, SecretStore(data_dir, backend=MemoryKeyring()))
    engine.enroll(live_server.url, live_server.enroll_code("Bibliotheek Leuven"), "balie-pc")

    def publish(session):
        leuven = _place(session, "Bibliotheek Leuven")
        day = server_schedule.today().isoformat()
        server_schedule.add_notice(session, {"nl": "Nieuw: workshop smartphone"}, day, day, [leuven.id])
    live_server.admin(publish)

    token = engine.secrets.get(DEVICE_TOKEN)
    headers = {"Authorization": f"Bearer {token}"}
    old = requests.get(f"{live_server.url}/v1/reference", headers=headers, timeout=10).json()
    assert {c["entity"] for c in old["changes"]} <= V1_REFERENCE_ENTITIES  # what a v1 kiosk validates
    new = requests.get(f"{live_server.url}/v1/reference", params={"with": ["notice", "schedule", "unheard-of"]},
                       headers=headers, timeout=10)
    assert new.status_code == 200 and "notice" in {c["entity"] for c in new.json()["changes"]}

    # This kiosk's cursor as an older version left it: past the notice, covering no newer entity.
    with store.transaction() as session:
        set_meta(session, meta_keys.REFERENCE_CURSOR, str(old["cursor"]))
        set_meta(session, meta_keys.REFERENCE_ENTITIES, None)
    assert engine.sync().ok
    with store.read() as session:
        assert [n.data for n in session.scalars(select(Notice))][0].count("workshop") == 1
    store.close()
