"""The central server's API and CLI against a real uvicorn server, on SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import requests
from sqlalchemy import select

from sync.labels import DEFAULT_TOPICS
from sync.protocol import MAX_BATCH_BYTES, MAX_BATCH_ITEMS, content_hash, record_payload
from sync.server import admin
from sync.server.cli import main as server_cli
from sync.server.models import Device, StoredRecord
from tests.sync_support import help_request, shift


def enroll(server, code: str | None = None) -> dict:
    response = requests.post(f"{server.url}/v1/enroll",
                             json={"code": code or server.enroll_code(), "device_name": "pc 1"})
    assert response.status_code == 200, response.text
    return response.json()


def item(record, **changes) -> dict:
    payload = record_payload(record)
    return ({"id": str(record.id), "kind": record.kind, "content_hash": content_hash(payload), "payload": payload}
            | changes)


def post_batch(server, token: str, items: list[dict]) -> requests.Response:
    return requests.post(f"{server.url}/v1/records:batch", headers={"Authorization": f"Bearer {token}"},
                         json={"device_time": datetime.now(UTC).isoformat(), "items": items})


def test_enroll_code_is_single_use_expires_and_token_is_kept_hashed(live_server):
    code = live_server.enroll_code("Digibus Noord", "digibus")
    device = enroll(live_server, code.lower().replace("-", " "))  # typed loosely on a kiosk
    assert datetime.fromisoformat(device["server_time"]).tzinfo is not None
    again = requests.post(f"{live_server.url}/v1/enroll", json={"code": code})
    assert again.status_code == 403 and again.json()["error"] == "invalid-code"

    def stored(session):
        row = session.get(Device, device["device_id"])
        return row.token_hash, row.location_id
    token_hash, location_id = live_server.admin(stored)
    assert token_hash == admin.secret_hash(device["token"]) and device["token"] not in token_hash
    assert location_id == device["location_id"]

    def old_code(session):
        place, _ = admin.ensure_location(session, "Digibus Noord")
        return admin.create_enroll_code(session, place, now=datetime.now(UTC) - timedelta(hours=25))[0]
    expired = requests.post(f"{live_server.url}/v1/enroll", json={"code": live_server.admin(old_code)})
    assert expired.status_code == 403


def test_a_code_redeemed_concurrently_enrolls_one_device(live_server):
    code = live_server.enroll_code()
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(
            lambda _: requests.post(f"{live_server.url}/v1/enroll", json={"code": code}).status_code, range(8)))
    # The losers were told the code is spent, or (past the free tries) to slow down.
    assert statuses.count(200) == 1 and set(statuses) - {200} <= {403, 429}
    assert len(live_server.admin(lambda s: s.scalars(select(Device)).all())) == 1


def test_batch_answers_each_item_and_commits_before_answering(live_server):
    device = enroll(live_server)
    place = device["location_id"]  # a device sends records for its own location only
    first, second = help_request(place), shift(place, datetime.now(UTC), 90)
    response = post_batch(live_server, device["token"], [item(first), item(second)])
    assert response.status_code == 200
    body = response.json()
    assert [r["status"] for r in body["results"]] == ["created", "created"]
    assert datetime.fromisoformat(body["server_time"]).tzinfo is not None

    changed = record_payload(first) | {"duration_min": 45}
    bad_payload = record_payload(help_request(place)) | {"duration_min": 0}
    other = help_request(place)
    results = post_batch(live_server, device["token"], [
        item(first),                                                             # duplicate
        {"id": str(first.id), "kind": "help_request", "content_hash": content_hash(changed), "payload": changed},
        {"id": bad_payload["id"], "kind": "help_request", "content_hash": content_hash(bad_payload),
         "payload": bad_payload},                                                # fails the schema
        item(other, content_hash="0" * 64),                                      # hash does not match
        item(other, kind="shift"),                                               # kind differs
        {"id": str(uuid.uuid4()), "kind": "help_request", "content_hash": "x"},  # not a BatchItem
        item(other),                                                             # created
        item(other),                                                             # same id again: duplicate
    ]).json()["results"]
    assert [r["status"] for r in results] == ["duplicate", "conflict", "invalid", "invalid", "invalid", "invalid",
                                              "created", "duplicate"]
    assert "duration_min" in results[2]["reason"] and "0" not in results[2]["reason"].split(":")[0]
    assert "hash" in results[3]["reason"]

    rows = live_server.admin(lambda s: {r.id: r for r in s.scalars(select(StoredRecord))})
    assert set(rows) == {str(first.id), str(second.id), str(other.id)}
    kept = rows[str(first.id)]
    assert json.loads(kept.payload)["duration_min"] == first.duration_min  # a conflict never overwrites
    assert kept.device_id == device["device_id"] and kept.received_at.tzinfo is not None
    assert rows[str(second.id)].occurred_at == second.started_at


def test_the_same_batch_posted_at_once_is_stored_once(live_server):
    devices = [enroll(live_server) for _ in range(2)]  # two kiosks of one location
    tokens = [device["token"] for device in devices]
    records = [help_request(devices[0]["location_id"]) for _ in range(60)]
    batches = [[item(r) for r in records], [item(r) for r in reversed(records)]]  # also in other orders
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda n: post_batch(live_server, tokens[n % 2], batches[n % 2]), range(6)))
    assert [a.status_code for a in answers] == [200] * 6
    created = [r["id"] for a in answers for r in a.json()["results"] if r["status"] == "created"]
    statuses = {r["status"] for a in answers for r in a.json()["results"]}
    assert sorted(created) == sorted(str(r.id) for r in records) and statuses == {"created", "duplicate"}
    assert len(live_server.admin(lambda s: s.scalars(select(StoredRecord.id)).all())) == 60


def test_unknown_and_revoked_tokens_get_401(live_server):
    device = enroll(live_server)
    assert post_batch(live_server, "not-a-token", []).status_code == 401
    assert post_batch(live_server, device["token"], []).status_code == 200
    live_server.admin(admin.revoke_device, device["device_id"])
    for response in (post_batch(live_server, device["token"], []),
                     requests.get(f"{live_server.url}/v1/reference",
                                  headers={"Authorization": f"Bearer {device['token']}"})):
        assert response.status_code == 401
        assert response.json()["error"] == "unauthorized"
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_bad_input_gets_a_4xx_with_a_json_reason_never_a_500(live_server):
    device = enroll(live_server)
    auth = {"Authorization": f"Bearer {device['token']}"}
    batch = f"{live_server.url}/v1/records:batch"
    now = datetime.now(UTC).isoformat()
    too_many = [item(help_request(device["location_id"])) for _ in range(MAX_BATCH_ITEMS + 1)]
    cases = [
        ("POST", batch, {}, b"{}"),
        ("POST", batch, {"Authorization": "Basic abc"}, b"{}"),
        ("POST", batch, {"Authorization": "Bearer"}, b"{}"),
        ("POST", batch, auth, b"not json"),
        ("POST", batch, auth, b"\xff\xfe\x00"),
        ("POST", batch, auth, b"[]"),
        ("POST", batch, auth, b"[" * 100_000),
        ("POST", batch, auth, json.dumps({"device_time": "yesterday", "items": []}).encode()),
        ("POST", batch, auth, json.dumps({"device_time": "2026-11-01T10:00:00", "items": []}).encode()),
        ("POST", batch, auth, json.dumps({"device_time": now, "items": {}}).encode()),
        ("POST", batch, auth, json.dumps({"device_time": now, "items": [1]}).encode()),
        ("POST", batch, auth, json.dumps({"device_time": now, "items": [{"kind": "shift"}]}).encode()),
        ("POST", batch, auth, json.dumps({"device_time": now, "items": [], "extra": 1}).encode()),
        ("POST", batch, auth, json.dumps({"device_time": now, "items": too_many}).encode()),
        ("POST", batch, auth, b"{" + b" " * (MAX_BATCH_BYTES + 10) + b"}"),
        ("POST", batch, auth, iter([b"{", b" " * (MAX_BATCH_BYTES + 10), b"}"])),  # chunked: no length
        ("GET", f"{live_server.url}/v1/reference?since=-1", auth, None),
        ("GET", f"{live_server.url}/v1/reference?since=abc", auth, None),
        ("GET", f"{live_server.url}/v1/reference?since={2**70}", auth, None),
        ("GET", f"{live_server.url}/v1/reference?limit=0", auth, None),
        ("GET", f"{live_server.url}/v1/reference?limit=100000", auth, None),
        ("POST", f"{live_server.url}/v1/enroll", {}, b"{}"),
        ("POST", f"{live_server.url}/v1/enroll", {}, json.dumps({"code": 12345678}).encode()),
        ("POST", f"{live_server.url}/v1/enroll", {}, json.dumps({"code": "AAAA-BBBB-CCCC"}).encode()),
        ("POST", f"{live_server.url}/v1/enroll", {}, json.dumps({"code": "x" * 10_000}).encode()),
        ("DELETE", f"{live_server.url}/v1/enroll", {}, None),
        ("GET", f"{live_server.url}/v1/nothing-here", {}, None),
        ("GET", f"{live_server.url}/v2/health", {}, None),
    ]
    for method, url, headers, body in cases:
        response = requests.request(method, url, headers={"Content-Type": "application/json", **headers}, data=body)
        assert 400 <= response.status_code < 500, (method, url, body if not isinstance(body, bytes) else body[:40],
                                                   response.status_code, response.text[:200])
        assert response.headers["Content-Type"] == "application/json", response.text[:200]
        assert response.json()["error"], response.text[:200]
    big = requests.post(batch, headers=auth, data=b"{" + b" " * (MAX_BATCH_BYTES + 10) + b"}")
    assert big.status_code == 413


def test_odd_text_in_a_record_is_stored_exactly_or_answered_invalid_never_a_500(live_server):
    device = enroll(live_server)
    token, place = device["token"], device["location_id"]
    notes = ['quote " backslash \\ é ü 🚌 \u2028 tab\t', "nul \u0000 byte", "lone surrogate \ud800"]
    items, expected = [], {}
    for note in notes:
        record = help_request(place)
        payload = record_payload(record) | {"note": note}
        items.append({"id": str(record.id), "kind": "help_request", "content_hash": "0" * 64, "payload": payload})
        try:
            items[-1]["content_hash"] = content_hash(payload)
        except UnicodeEncodeError:  # no valid UTF-8 exists for it: the server must refuse it calmly
            continue
        if "\u0000" not in note:  # a NUL is refused: PostgreSQL text cannot hold it
            expected[str(record.id)] = payload
    body = json.dumps({"device_time": datetime.now(UTC).isoformat(), "items": items}, ensure_ascii=True)
    numbers = json.dumps({"device_time": datetime.now(UTC).isoformat(), "items": [
        item(help_request(place)) | {"payload": record_payload(help_request(place)) | {"duration_min": big}}
        for big in (10**400, float("nan"), float("inf"), 1.5, True)]})
    for data in (body, numbers):
        response = requests.post(f"{live_server.url}/v1/records:batch", data=data.encode(),
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        assert response.status_code == 200, response.text[:300]
        for result in response.json()["results"]:
            assert result["status"] == ("created" if result["id"] in expected else "invalid"), result
    stored = live_server.admin(lambda s: {r.id: r.payload for r in s.scalars(select(StoredRecord))})
    assert {rid: json.loads(text) for rid, text in stored.items()} == expected


def test_reference_pages_follow_a_cursor_with_deletions(live_server):
    token = enroll(live_server)["token"]  # creates the location

    def get(since: int, limit: int = 500) -> dict:
        response = requests.get(f"{live_server.url}/v1/reference", params={"since": since, "limit": limit},
                                headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, response.text
        return response.json()

    def everything(since: int, limit: int) -> tuple[list[dict], int]:
        changes, pages = [], 0
        while True:
            page = get(since, limit)
            changes += page["changes"]
            since, pages = page["cursor"], pages + 1
            if not page["has_more"]:
                return changes, since

    live_server.admin(admin.add_helper, "An", "coordinator", "135790")
    live_server.admin(admin.add_helper, "Bart", "digihelper", "975310")
    live_server.admin(admin.set_topic, "itsme", "itsme", 1)
    live_server.admin(admin.set_setting, "idle_seconds", "300")
    first, cursor = everything(0, 2)
    # A new server starts with the default topics; a page shows each key once, at its latest change.
    seeded = [("topic", code) for code, _ in DEFAULT_TOPICS if code != "itsme"]
    assert [(c["entity"], c["key"] if c["entity"] in ("topic", "setting") else "") for c in first] == [
        ("setting", "visitor_code_key"), *seeded, ("location", ""), ("helper", ""), ("helper", ""),
        ("topic", "itsme"), ("setting", "idle_seconds")]
    helpers = [c for c in first if c["entity"] == "helper"]
    assert helpers[0]["data"]["pin_hash"].startswith("$argon2id$") and "135790" not in json.dumps(first)
    quiet = get(cursor)
    assert quiet["changes"] == [] and quiet["cursor"] == cursor and not quiet["has_more"]

    live_server.admin(admin.remove_helper, "An")
    live_server.admin(admin.set_topic, "itsme", "itsme-app", 1)
    live_server.admin(admin.set_setting, "idle_seconds", "200")
    live_server.admin(admin.unset_setting, "idle_seconds")
    later, newer_cursor = everything(cursor, 500)
    assert newer_cursor > cursor
    assert [(c["entity"], c["deleted"]) for c in later] == [("helper", True), ("topic", False), ("setting", True)]
    assert later[0]["key"] == helpers[0]["key"] and later[0]["data"] is None
    # From the start, each key appears once, as its latest state.
    fresh, _ = everything(0, 3)
    assert len(fresh) == len({(c["entity"], c["key"]) for c in fresh}) == 6 + len(seeded)
    # A cursor from a replaced server database starts over instead of waiting forever.
    assert get(newer_cursor + 1000)["changes"] == fresh


def test_openapi_documents_the_v1_api(live_server):
    spec = requests.get(f"{live_server.url}/v1/openapi.json").json()
    assert {"/v1/enroll", "/v1/records:batch", "/v1/reference", "/v1/health"} <= set(spec["paths"])
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    assert "401" in spec["paths"]["/v1/records:batch"]["post"]["responses"]


def test_cli_administers_the_server(server_engine, capsys, monkeypatch):
    url = server_engine.url.render_as_string(hide_password=False)

    def run(*argv: str) -> tuple[int, str, str]:
        code = server_cli(["--database-url", url, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = run("enroll-code", "--location", "Digibus", "--kind", "digibus")
    assert code == 0 and "new location: Digibus (digibus)" in out and "single use" in out
    code_text = out.split("enrollment code for Digibus: ")[1].split()[0]
    monkeypatch.setattr("sys.stdin", io.StringIO("135790\n"))
    assert run("add-helper", "--name", "An", "--role", "coordinator", "--pin-from-stdin")[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("111111\n"))
    code, _, err = run("add-helper", "--name", "Bart", "--pin-from-stdin")
    assert code == 1 and "pincode" in err
    code, out, _ = run("locations")
    assert code == 0 and "Digibus" in out and "0 devices" in out
    assert run("set-setting", "idle_seconds", "5")[0] == 1
    assert run("set-setting", "server_url", '"https://x.be"')[0] == 1
    assert run("set-setting", "default_language", '"fr"')[0] == 0
    assert run("set-topic", "jobs", "Werk zoeken (VDAB)")[0] == 0

    device_id = live_code_enroll(server_engine, code_text)
    code, out, _ = run("devices")
    assert device_id in out and "active" in out
    assert run("revoke-device", device_id)[0] == 0
    assert "revoked" in run("devices")[1]
    assert run("revoke-device", str(uuid.uuid4()))[0] == 1
    code, out, _ = run("export", "--month", "2026-11", "--output", "-")
    assert code == 0 and list(csv.reader(io.StringIO(out)))[-1] == ["Totaal", "0", "0", "0.0", "0"]
    assert run("export", "--month", "2026-13", "--output", "-")[0] == 1
    assert server_cli(["--database-url", "postgresql://nobody@127.0.0.1:1/none", "locations"]) == 2


def live_code_enroll(engine, code: str) -> str:
    from sqlalchemy.orm import sessionmaker
    with sessionmaker(engine).begin() as session:
        return admin.redeem_enroll_code(session, code, "pc")[0].id


def test_serve_runs_as_a_process_on_a_free_port(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'server.sqlite3'}"}
    command = [sys.executable, "-m", "sync.server.cli", "serve", "--port", "0", "--log-level", "warning"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("digipunt-server: listening on http://127.0.0.1:"), line + process.stderr.read()
        url = line.split(" on ")[1].strip()
        health = requests.get(f"{url}/v1/health", timeout=10)
        assert health.status_code == 200 and health.json()["protocol"] == 1
    finally:
        process.send_signal(signal.SIGTERM)
        # uvicorn shuts down gracefully, then re-raises the signal: a normal stop for systemd.
        assert process.wait(15) in (0, -signal.SIGTERM)
