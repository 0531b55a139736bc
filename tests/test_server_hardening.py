"""Server hardening (issue 20): the enrollment rate limit, control characters, private data files,
logs without SQL parameters, and an OpenAPI that lists every answer. Against a real uvicorn server
on SQLite and PostgreSQL."""
from __future__ import annotations

import functools
import logging
import os
import stat
import time
import uuid

import pytest
import requests
from sqlalchemy import text
from sqlalchemy.orm import Session

from kiosk.core.runtime import bootstrap
from kiosk.sync.client import ServerApi
from kiosk.sync.status import TransientError
from sync.private_files import PrivateRotatingFileHandler
from sync.protocol import MAX_BATCH_BYTES
from sync.server import ratelimit
from sync.server.db import make_server_engine, migrate, utcnow
from tests.sync_support import start_server


def try_code(server, code: str) -> requests.Response:
    return requests.post(f"{server.url}/v1/enroll", json={"code": code, "device_name": "pc 1"})


def test_wrong_codes_are_slowed_down_per_client_and_a_valid_code_works_after_the_wait(live_server):
    valid = live_server.enroll_code()
    for _ in range(ratelimit.ENROLL_PER_CLIENT.free + 1):  # the free tries, then the first that costs 1 s
        assert try_code(live_server, "AAAA-BBBB-CCCC").status_code == 403
    refused = try_code(live_server, valid)  # even the right code waits: no oracle while blocked
    assert refused.status_code == 429 and refused.json()["error"] == "too-many-attempts"
    assert int(refused.headers["Retry-After"]) >= 1
    time.sleep(float(refused.headers["Retry-After"]) + 0.1)
    assert try_code(live_server, valid).status_code == 200


def test_the_wait_doubles_and_is_shared_by_every_server_process(server_engine):
    first, second = start_server(server_engine), start_server(server_engine)  # two servers, one database
    try:
        for _ in range(ratelimit.ENROLL_PER_CLIENT.free):
            sent = time.monotonic()
            assert try_code(first, "AAAA-BBBB-CCCC").status_code == 403
        waits = []
        for _ in range(3):
            # A block starts when the server refuses a code: after the client sent that request,
            # however long its answer took to come back (a busy machine once made a 1 s block look
            # like 0.66 s when timed from the answer).
            blocked_from = sent
            sent = time.monotonic()
            response = try_code(second, "AAAA-BBBB-CCCC")
            while response.status_code == 429:  # wait out the block, then fail again
                time.sleep(0.2)
                sent = time.monotonic()
                response = try_code(first if len(waits) % 2 else second, "AAAA-BBBB-CCCC")
            assert response.status_code == 403
            waits.append(time.monotonic() - blocked_from)
        assert try_code(second, "AAAA-BBBB-CCCC").status_code == 429  # blocked, seen by the other process
        assert waits[1] >= 0.95 and waits[2] >= 1.9 and waits[2] > waits[1]  # 1 s, then 2 s: growing
    finally:
        first.stop()
        second.stop()


def test_global_limit_blocks_everyone_briefly_and_then_lets_a_valid_code_in(server_engine):
    now = utcnow()
    with Session(server_engine) as session, session.begin():
        for n in range(ratelimit.ENROLL_GLOBAL.free + 1):  # an attack spread over many addresses
            ratelimit.note_failure(session, ratelimit.enroll_keys(f"10.0.{n // 250}.{n % 250}"), now)
        assert ratelimit.wait_seconds(session, ratelimit.enroll_keys("192.0.2.7"), now) > 0  # a new client waits too
        later = now + ratelimit.ENROLL_GLOBAL.max_wait
        # The attack stopped: free again.
        assert ratelimit.wait_seconds(session, ratelimit.enroll_keys("192.0.2.7"), later) == 0


@pytest.mark.parametrize("name", ["pc\x001", "pc\n1", "\x7f"])
def test_control_characters_in_the_device_name_are_refused_not_a_500(live_server, name):
    code = live_server.enroll_code()
    response = requests.post(f"{live_server.url}/v1/enroll", json={"code": code, "device_name": name})
    assert response.status_code == 422 and response.json()["error"] == "invalid-request"
    assert try_code(live_server, code).status_code == 200  # the code was not spent


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_kiosk_data_files_are_private(tmp_path):
    data_dir = tmp_path / "data"
    runtime = bootstrap(data_dir, demo=True)
    try:
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        for name in ("digipunt.sqlite3", "digipunt.sqlite3-wal"):
            assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o600, name
    finally:
        runtime.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_log_and_its_rotated_files_are_private(tmp_path):
    # The handler bootstrap() installs once per process (tests share one process, so use our own).
    handler = PrivateRotatingFileHandler(tmp_path / "digipunt.log", maxBytes=200, backupCount=2, encoding="utf-8")
    try:
        for n in range(60):
            handler.emit(logging.LogRecord("t", logging.INFO, __file__, 1, "line %d of the log", (n,), None))
    finally:
        handler.close()
    files = sorted(tmp_path.glob("digipunt.log*"))
    assert len(files) == 3  # rolled over: the new files were made by the handler too
    assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_loose_existing_data_dir_is_made_private(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    (data_dir / "digipunt.sqlite3").touch(mode=0o644)
    bootstrap(data_dir).close()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "digipunt.sqlite3").stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_server_sqlite_file_is_private(tmp_path):
    path = tmp_path / "server" / "server.sqlite3"
    engine = make_server_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_database_in_a_shared_sticky_folder_leaves_the_folder_open_and_the_file_private(tmp_path):
    """A server database (or kiosk data) in /tmp must not close /tmp to every other program."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    path = shared / "server.sqlite3"
    engine = make_server_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_database_error_is_logged_without_values_and_answered_as_json(live_server, caplog):
    """A forced failure inside enrollment: the log names the error, never the row's values."""
    secret_name = f"naam-{uuid.uuid4().hex}"
    with live_server.engine.begin() as conn:  # make every new device fail, as a bug would
        if conn.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE devices ADD CONSTRAINT forced CHECK (name NOT LIKE 'naam-%')"))
        else:
            conn.execute(text("CREATE TRIGGER forced BEFORE INSERT ON devices "
                              "BEGIN SELECT RAISE(ABORT, 'forced failure'); END"))
    code = live_server.enroll_code()
    with caplog.at_level(logging.INFO):
        response = requests.post(f"{live_server.url}/v1/enroll", json={"code": code, "device_name": secret_name})
    assert response.status_code == 500 and response.json()["error"] == "internal"
    assert secret_name not in response.text
    assert "database error in POST /v1/enroll" in caplog.text
    assert secret_name not in caplog.text and "Failing row" not in caplog.text


def test_the_kiosk_hears_how_long_to_wait(live_server):
    api = ServerApi(live_server.url)
    for _ in range(ratelimit.ENROLL_PER_CLIENT.free + 1):
        assert try_code(live_server, "AAAA-BBBB-CCCC").status_code == 403
    with pytest.raises(TransientError) as refused:
        api.enroll("AAAA-BBBB-CCCC", "pc 1")
    assert refused.value.kind == "too-many-attempts" and int(refused.value.detail) >= 1


# --- the OpenAPI tells the truth (schemathesis checks the same in CI: .ci/schemathesis) ------------
def documented(spec: dict, method: str, path: str) -> set[int]:
    return {int(status) for status in spec["paths"][path][method]["responses"]}


def test_every_answer_to_bad_input_is_documented_and_json(live_server):
    """What each route answers to a body that is not UTF-8, no token, a body over the limit and a
    schema violation is among its documented responses, as a JSON error."""
    spec = requests.get(f"{live_server.url}/v1/openapi.json").json()
    token = requests.post(f"{live_server.url}/v1/enroll",
                          json={"code": live_server.enroll_code(), "device_name": "pc 1"}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    too_big = b"x" * (MAX_BATCH_BYTES + 1)
    seen = set()
    for path, methods in spec["paths"].items():
        for method in methods:
            url = f"{live_server.url}{path}"
            tries = [requests.request(method, url, data=too_big, headers=auth)]
            if method == "post":
                as_json = auth | {"Content-Type": "application/json"}
                tries += [requests.request(method, url, data=b'{"code": "\xff\xfe"}', headers=as_json),
                          requests.request(method, url, json={"unknown": 1}, headers=auth)]
            if any(s.get("HTTPBearer") is not None for s in methods[method].get("security", [])):
                tries.append(requests.request(method, url, json={}))
            for answer in tries:
                assert answer.status_code in documented(spec, method, path), (method, path, answer.status_code)
                assert set(answer.json()) == {"error", "detail"}
                seen.add(answer.status_code)
    assert seen == {400, 401, 413, 422}


def test_the_batch_schema_says_what_is_refused_and_what_is_answered_per_item(live_server):
    """A device time that is a number is refused (the schema says ISO text); an item that only
    names its id is answered `invalid` on its own, as the schema's item shape says."""
    token = requests.post(f"{live_server.url}/v1/enroll",
                          json={"code": live_server.enroll_code(), "device_name": "pc 1"}).json()["token"]
    post = functools.partial(requests.post, f"{live_server.url}/v1/records:batch",
                             headers={"Authorization": f"Bearer {token}"})
    assert post(json={"device_time": 0, "items": []}).status_code == 422
    item_id = str(uuid.uuid4())
    answer = post(json={"device_time": "2026-11-30T01:00:00+01:00", "items": [{"id": item_id}]})
    assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "invalid"
    spec = requests.get(f"{live_server.url}/v1/openapi.json").json()
    assert spec["components"]["schemas"]["InvalidItem"]["required"] == ["id"]
