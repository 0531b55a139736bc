"""Help calls through the central server (sync/server/helpcalls.py, POST/GET /v1/calls): enrolled
kiosks report their visitors' calls, and a call taken there (as the helpers' phone page will) clears
on the kiosk. Real server on 127.0.0.1, real kiosk stores and window; SQLite and PostgreSQL."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
import requests
from sqlalchemy import select

from kiosk.core.clock import Clock
from kiosk.core.secrets import SecretStore
from kiosk.core.store import meta_keys, open_store
from kiosk.core.store.models import Helper, Meta, Shift
from kiosk.sync.engine import SyncEngine
from kiosk.ui.shared.sync_service import SyncService
from sync.protocol import CallReport
from sync.server import helpcalls
from sync.server.models import Location, ServerHelpCall
from tests.keyrings import MemoryKeyring


def engine_at(server, tmp_path, name: str, place: str) -> SyncEngine:
    data_dir = tmp_path / name
    data_dir.mkdir()
    store = open_store(data_dir)
    engine = SyncEngine(store, SecretStore(data_dir, backend=MemoryKeyring()))
    engine.enroll(server.url, server.enroll_code(place), name)
    return engine


def location(server, name: str) -> str:
    return server.admin(lambda s: s.scalar(select(Location.id).where(Location.name == name)))


def report(call_id: str, state: str = "open") -> CallReport:
    return CallReport(id=call_id, state=state, kiosk_name="PC 3 bij het raam", walkthrough_id="itsme",
                      step_index=2, created_at=datetime.now(UTC))


def test_a_call_reported_by_a_kiosk_is_taken_once_and_only_its_location_sees_it(live_server, tmp_path):
    door = engine_at(live_server, tmp_path, "pc-1", "Bibliotheek Leuven")
    window = engine_at(live_server, tmp_path, "pc-2", "Bibliotheek Leuven")
    bus = engine_at(live_server, tmp_path, "bus-1", "Digibus Noord")
    call = str(uuid.uuid4())
    assert door.report_call(report(call)) == set() and door.report_call(report(call)) == set()  # idempotent
    library = location(live_server, "Bibliotheek Leuven")
    shown = live_server.admin(lambda s: [(c.id, c.kiosk_name, c.walkthrough_id, c.step_index)
                                         for c in helpcalls.open_calls(s, [library], datetime.now(UTC))])
    assert shown == [(call, "PC 3 bij het raam", "itsme", 2)]
    # Taken on a helper's phone: one helper only, even when two ask at once.
    assert live_server.admin(helpcalls.take, call, [library], "helper-a", datetime.now(UTC))
    assert not live_server.admin(helpcalls.take, call, [library], "helper-b", datetime.now(UTC))
    assert door.report_call(None) == {call} and window.report_call(None) == {call}
    assert bus.report_call(None) == set()  # another location never sees it
    # A kiosk of another location can neither end it nor take it over.
    with pytest.raises(Exception, match="409"):
        bus.report_call(report(call, "withdrawn"))
    assert live_server.admin(lambda s: s.get(ServerHelpCall, call).taken_by) == "helper-a"
    bus_place = location(live_server, "Digibus Noord")
    assert not live_server.admin(helpcalls.take, call, [bus_place], "helper-c", datetime.now(UTC))


def test_the_api_refuses_strangers_and_bad_reports(live_server):
    assert requests.get(f"{live_server.url}/v1/calls").status_code == 401
    token = requests.post(f"{live_server.url}/v1/enroll", json={"code": live_server.enroll_code()}).json()["token"]
    bad = report(str(uuid.uuid4())).model_dump(mode="json") | {"kiosk_name": "PC\n1"}
    answer = requests.post(f"{live_server.url}/v1/calls", json=bad, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 422
    extra = report(str(uuid.uuid4())).model_dump(mode="json") | {"visitor": "Jan"}  # no identity, ever
    answer = requests.post(f"{live_server.url}/v1/calls", json=extra, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 422


def test_a_call_taken_on_the_server_clears_the_visitors_banner(qtbot, window, live_server, memory_keyring):
    window.api.clock = Clock()  # the server keeps calls of the last hours: real time here
    secrets = SecretStore(window.runtime.data_dir, backend=MemoryKeyring())
    SyncEngine(window.runtime.store, secrets).enroll(live_server.url, live_server.enroll_code(), "pc")
    service = SyncService(window, secrets=secrets)
    window.sync = service
    with window.runtime.store.transaction() as session:  # a helper's shift here: the call stays open
        helper = session.scalars(select(Helper)).first()
        place_id = session.get(Meta, meta_keys.LOCATION_ID).value
        session.add(Shift(id=str(uuid.uuid4()), helper_id=helper.id, location_id=place_id,
                          started_at=datetime.now(UTC)))
    try:
        window.walkthroughs.open("itsme")
        window.call_for_help("itsme", 2)
        qtbot.waitUntil(lambda: window.api.calls.own_call() is not None)
        call = window.api.calls.own_call()
        qtbot.waitUntil(lambda: live_server.admin(lambda s: s.get(ServerHelpCall, call.id)) is not None,
                        timeout=10_000)
        what = live_server.admin(lambda s: s.get(ServerHelpCall, call.id).what)
        assert what.startswith("itsme aanmaken en gebruiken, stap 3 van 8: ")  # the helpers' words, no identity
        place = location(live_server, "Bibliotheek Leuven")
        assert live_server.admin(helpcalls.take, call.id, [place], "helper-a", datetime.now(UTC))
        window.calls.poll_server()  # (every 10 s while a call is open)
        qtbot.waitUntil(lambda: window.call_banner.state == "taken", timeout=10_000)
        assert window.api.open_calls() == ()
    finally:
        window.calls.net_tasks.wait()
        service.stop()
        service.runner.wait()
        window.sync = None
