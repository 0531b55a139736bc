"""The kiosk's status report (sync.protocol.StatusReport, POST /v1/status): the protocol's rules, a
real kiosk engine sending it to a real server on every sync, and what the server keeps."""
from __future__ import annotations

import json
import socket
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import requests
from pydantic import ValidationError
from sqlalchemy import select

from kiosk.core.content import content_version, load_walkthroughs
from kiosk.core.paths import resources_dir
from kiosk.core.secrets import DEVICE_TOKEN, SecretStore
from kiosk.core.store import meta_keys, open_store
from kiosk.core.store.models import OutboxEntry
from kiosk.sync.engine import SyncEngine
from kiosk.sync.puller import set_meta
from kiosk.sync.status import ContentState
from sync.protocol import STATUS_TEXT_MAX, STATUS_TEXT_WITHHELD, StatusReport, content_hash, record_payload
from sync.server import admin
from sync.server.cli import main as server_cli
from sync.server.kiosk_status import kiosk_table, newest_version, store_report
from sync.server.models import Device, DeviceStatus
from sync.version import __version__
from tests.keyrings import MemoryKeyring
from tests.sync_support import FakeServer, help_request, json_reply, queue

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


# --- the protocol ---------------------------------------------------------------------------------
def test_error_texts_are_one_bounded_line_and_never_personal_data():
    report = StatusReport(kiosk_time=NOW, last_error="geen\x00 verbinding\n\u202e[offline]\t ", content_error="")
    assert report.last_error == "geen verbinding [offline]" and report.content_error is None
    long = StatusReport(kiosk_time=NOW, last_error="x" * 5000).last_error
    assert len(long) == STATUS_TEXT_MAX and long.endswith("…")
    for personal in ("bel mevrouw op 0470 12 34 56", "mail jan.peeters@telenet.be", "pincode 4821"):
        assert StatusReport(kiosk_time=NOW, last_error=personal).last_error == STATUS_TEXT_WITHHELD, personal
        assert StatusReport(kiosk_time=NOW, content_error=personal).content_error == STATUS_TEXT_WITHHELD
    # Personal data beyond the cut is still found: the guard reads before the text is shortened.
    assert StatusReport(kiosk_time=NOW, last_error="x " * 150 + "0470 12 34 56").last_error == STATUS_TEXT_WITHHELD


def test_a_newer_report_is_read_as_far_as_it_is_known_and_the_clock_is_required():
    newer = StatusReport.model_validate({"report_version": 2, "kiosk_time": NOW.isoformat(), "app_version": "0.3.0",
                                         "battery": 80, "printers": [{"name": "x"}]})
    assert newer.report_version == 2 and newer.app_version == "0.3.0"
    assert "battery" not in newer.model_dump()
    with pytest.raises(ValidationError):
        StatusReport.model_validate({"app_version": "0.3.0"})  # no kiosk_time: no offset to compute
    with pytest.raises(ValidationError):
        StatusReport(kiosk_time=NOW, app_version="0.1.0 <script>")
    with pytest.raises(ValidationError):
        StatusReport(kiosk_time=NOW, records_parked=-1)


def test_the_content_version_fingerprints_the_installed_guides(tmp_path):
    guides = load_walkthroughs(resources_dir() / "walkthroughs").walkthroughs
    version = content_version(guides)
    assert version.startswith("sha256:") and StatusReport(kiosk_time=NOW, content_version=version)
    assert content_version(list(reversed(guides))) == version  # the order they were loaded in does not count
    assert content_version(guides[1:]) != version


# --- a real kiosk engine and a real server ----------------------------------------------------------
def _engine(store, data_dir, **kwargs) -> SyncEngine:
    return SyncEngine(store, SecretStore(data_dir, backend=MemoryKeyring()), **kwargs)


def _status(server) -> DeviceStatus | None:
    return server.admin(lambda s: s.scalars(select(DeviceStatus)).one_or_none())


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_every_sync_reports_versions_records_and_clock(live_server, data_dir):
    ahead = timedelta(minutes=10)  # this computer's clock runs 10 minutes ahead
    store = open_store(data_dir)
    try:
        engine = _engine(store, data_dir, clock=lambda: datetime.now(UTC) + ahead,
                         content=lambda: ContentState("2026-11-30.1", "bundel 2026-12-01: handtekening klopt niet"))
        engine.enroll(live_server.url, live_server.enroll_code(), "balie-pc")
        assert _status(live_server) is None  # enrolling sends no report; the first sync does
        location = live_server.admin(lambda s: s.scalars(select(Device)).one().location_id)
        broken = record_payload(help_request(location)) | {"outcome": "maybe"}
        with store.transaction() as session:
            session.add(OutboxEntry(record_id=broken["id"], kind="help_request", payload=json.dumps(broken),
                                    content_hash=content_hash(broken), state="pending", attempts=0))
        queue(store, help_request(location), help_request(location))

        outcome = engine.sync()
        assert outcome.ok and outcome.status_sent and outcome.sent.created == 2
        status = _status(live_server)
        assert status.report_version == 1 and status.app_version == __version__
        assert (status.content_version, status.content_error) == ("2026-11-30.1",
                                                                  "bundel 2026-12-01: handtekening klopt niet")
        assert status.schema_version == store.schema_revision() and status.schema_version
        assert (status.records_waiting, status.records_parked) == (0, 1)  # after the push: one refused
        assert abs(status.clock_offset_seconds - ahead.total_seconds()) < 5
        assert status.last_error is None
        first_received = status.received_at

        queue(store, help_request(location))
        engine.requeue_parked()
        assert engine.sync(pull=False).status_sent  # one report per sync, replacing the last
        status = _status(live_server)
        assert status.received_at > first_received and status.records_parked == 1
        assert live_server.admin(lambda s: len(s.scalars(select(DeviceStatus)).all())) == 1
    finally:
        store.close()


def test_the_last_failure_is_reported_with_its_time_once_the_server_is_reached_again(live_server, data_dir):
    keyring = MemoryKeyring()
    behind = lambda: datetime.now(UTC) - timedelta(hours=1)  # noqa: E731  this computer's clock is an hour behind
    store = open_store(data_dir)
    try:
        engine = SyncEngine(store, SecretStore(data_dir, backend=keyring), clock=behind)
        engine.enroll(live_server.url, live_server.enroll_code(), "balie-pc")
        with store.transaction() as session:
            set_meta(session, meta_keys.SERVER_URL, _closed_port_url())
        failed = engine.sync()
        assert failed.error.kind == "offline" and not failed.status_sent  # nothing to send it to
        failed_at = datetime.now(UTC)
        with store.transaction() as session:
            set_meta(session, meta_keys.SERVER_URL, live_server.url)
    finally:
        store.close()
    store = open_store(data_dir)  # a restart in between: the failure is kept in the store
    try:
        outcome = SyncEngine(store, SecretStore(data_dir, backend=keyring), clock=behind).sync()
        assert outcome.ok and outcome.status_sent
        status = _status(live_server)
        assert status.last_error.startswith("geen verbinding [offline]: ")
        # Dated by the server's clock, though this kiosk's clock is an hour behind.
        assert abs((status.last_error_at - failed_at).total_seconds()) < 5
        assert abs(status.clock_offset_seconds + 3600) < 5
    finally:
        store.close()


def test_a_server_without_status_reports_syncs_as_before(data_dir):
    """A server from before POST /v1/status answers 404: the sync still succeeds."""
    def reply(method, path, body):
        if path.startswith("/v1/reference"):
            return json_reply(200, {"protocol": 1, "server_time": datetime.now(UTC).isoformat(), "cursor": 0,
                                    "has_more": False, "changes": []})
        return json_reply(404, {"error": "not-found", "detail": None})
    server = FakeServer(reply)
    store = open_store(data_dir)
    try:
        engine = _engine(store, data_dir)
        engine.secrets.set(DEVICE_TOKEN, "token")
        with store.transaction() as session:
            set_meta(session, meta_keys.SERVER_URL, server.url)
            set_meta(session, meta_keys.DEVICE_ID, str(uuid.uuid4()))
        outcome = engine.sync()
        assert outcome.ok and not outcome.status_sent
        assert [(m, p.split("?")[0]) for m, p, _ in server.requests] == [("GET", "/v1/reference"),
                                                                          ("POST", "/v1/status")]
    finally:
        store.close()
        server.close()


def test_a_sync_that_reached_a_failing_server_still_reports_it_and_an_offline_one_sends_nothing(data_dir):
    """The server takes the report but fails on the records (a JSON 500): the report says so, with
    the record still waiting. Offline, no report is tried at all."""
    def reply(method, path, body):
        if path == "/v1/status":
            return json_reply(200, {"protocol": 1, "server_time": datetime.now(UTC).isoformat()})
        return json_reply(500, {"error": "internal", "detail": "the server could not handle this"})
    server = FakeServer(reply)
    store = open_store(data_dir)
    try:
        engine = _engine(store, data_dir)
        engine.secrets.set(DEVICE_TOKEN, "token")
        with store.transaction() as session:
            set_meta(session, meta_keys.SERVER_URL, server.url)
            set_meta(session, meta_keys.DEVICE_ID, str(uuid.uuid4()))
        queue(store, help_request(str(uuid.uuid4())))
        outcome = engine.sync()
        assert outcome.error.kind == "server" and outcome.status_sent
        report = StatusReport.model_validate_json(server.requests[-1][2])
        assert server.requests[-1][1] == "/v1/status"
        assert report.last_error.startswith("de server heeft een probleem [server]: ")
        assert (report.records_waiting, report.records_parked) == (1, 0)

        sent = len(server.requests)
        with store.transaction() as session:
            set_meta(session, meta_keys.SERVER_URL, _closed_port_url())
        offline = engine.sync()
        assert offline.error.kind == "offline" and not offline.status_sent and len(server.requests) == sent
    finally:
        store.close()
        server.close()


def test_the_endpoint_needs_a_live_token_and_ignores_unknown_fields(live_server):
    device, token = live_server.admin(admin.redeem_enroll_code, live_server.enroll_code(), "pc")
    body = {"report_version": 7, "kiosk_time": datetime.now(UTC).isoformat(), "app_version": "9.0.0",
            "last_error": '<script>alert("x")</script>', "something_new": {"nested": [1, 2]}}
    url = f"{live_server.url}/v1/status"
    assert requests.post(url, json=body, timeout=10).status_code == 401
    answer = requests.post(url, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert answer.status_code == 200 and answer.json()["protocol"] == 1
    status = _status(live_server)
    assert (status.report_version, status.app_version) == (7, "9.0.0")
    assert status.last_error == '<script>alert("x")</script>'  # kept as text; the console escapes it
    bad = requests.post(url, json={"kiosk_time": "yesterday"}, headers={"Authorization": f"Bearer {token}"},
                        timeout=10)
    assert bad.status_code == 422 and bad.json()["error"] == "invalid-request"
    live_server.admin(admin.revoke_device, device.id)
    assert requests.post(url, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=10).status_code == 401


# --- the server's reading: outdated kiosks and clocks -----------------------------------------------
def test_outdated_is_older_than_the_newest_of_the_server_and_the_active_kiosks(live_server):
    def kiosk(session, name, version, *, revoked=False, offset=0.0):
        device, _ = admin.redeem_enroll_code(session, admin.create_enroll_code(
            session, admin.ensure_location(session, "Bibliotheek Leuven")[0])[0], name)
        store_report(session, device.id, StatusReport(kiosk_time=NOW + timedelta(seconds=offset),
                                                      app_version=version), NOW)
        if revoked:
            admin.revoke_device(session, device.id)
        return device

    def check(session):
        kiosk(session, "oud", "0.1.0")
        kiosk(session, "nieuw", "0.2.0", offset=-150)
        kiosk(session, "vreemd", "main-build", offset=119)
        kiosk(session, "weg", "0.9.0", revoked=True)  # a revoked kiosk sets no bar
        devices = list(session.scalars(select(Device).order_by(Device.name)))
        table = kiosk_table(session, devices, server_version="0.1.0")
        flags = {row.device.name: (row.outdated, row.clock_off, row.clock) for row in table.rows}
        assert table.newest == "0.2.0"
        assert flags == {"oud": (True, False, "klopt"), "nieuw": (False, True, "2 min 30 s achter"),
                         "vreemd": (False, False, "1 min 59 s voor"), "weg": (False, False, "klopt")}
        assert newest_version(session, server_version="0.3.0") == "0.3.0"  # the server upgraded first
        upgraded = kiosk_table(session, devices, server_version="0.3.0")
        assert [r.device.name for r in upgraded.rows if r.outdated] == ["nieuw", "oud"]
    live_server.admin(check)


def test_the_servers_device_list_shows_each_kiosks_version(live_server, capsys):
    def kiosks(session):
        for name, version in (("oud", "0.0.1"), ("nieuw", "99.0.0"), ("stil", None)):
            device, _ = admin.redeem_enroll_code(session, admin.create_enroll_code(
                session, admin.ensure_location(session, "Bibliotheek Leuven")[0])[0], name)
            if version:
                store_report(session, device.id, StatusReport(kiosk_time=NOW, app_version=version), NOW)
    live_server.admin(kiosks)
    assert server_cli(["--database-url", live_server.engine.url.render_as_string(hide_password=False), "devices"]) == 0
    lines = {line.split(" @ ")[0].split()[-1]: line for line in capsys.readouterr().out.splitlines()[1:]}
    assert "0.0.1 (outdated)" in lines["oud"] and "99.0.0" in lines["nieuw"] and "outdated" not in lines["nieuw"]
    assert " - " in lines["stil"]
