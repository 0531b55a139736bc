"""Running the server as several processes: `migrate` before `serve --no-migrate`, /healthz,
`serve --workers N` restarting a killed worker, X-Forwarded-For believed only from trusted proxies,
and the shipped nginx config in front of real server processes."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from sync.protocol import MAX_BATCH_BYTES
from sync.server.console.routes_content import LARGE_REQUEST_PATHS
from sync.server.db import make_server_engine, migrate
from sync.server.models import RateLimit
from tests.reliability.harness import ROOT, ServerProc, child_env
from tests.reliability.nginx import SITE, Nginx, missing


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sync.server.cli", *args], cwd=ROOT, env=child_env(),
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def migrated(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    engine = make_server_engine(url)
    migrate(engine)
    engine.dispose()
    return url


def serve(tmp_path: Path, url: str, *options: str) -> ServerProc:
    server = ServerProc(url, child_env(), tmp_path / f"server-{uuid.uuid4().hex[:6]}.log", options=options)
    server.start()
    return server


def rate_limit_keys(url: str) -> set[str]:
    engine = make_server_engine(url)
    with engine.connect() as conn:
        keys = set(conn.scalars(select(RateLimit.key)))
    engine.dispose()
    return keys


def test_serve_no_migrate_refuses_a_database_that_migrate_has_not_brought_up_to_date(tmp_path):
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    refused = cli("--database-url", url, "serve", "--no-migrate", "--port", "0")
    assert refused.returncode == 2
    assert "run `digipunt-server migrate` first" in refused.stderr
    done = cli("--database-url", url, "migrate")
    assert done.returncode == 0 and "up to date" in done.stdout, done.stderr
    server = serve(tmp_path, url)  # serve --no-migrate now starts
    try:
        answer = requests.get(f"{server.url}/healthz", timeout=5)
        assert (answer.status_code, answer.text) == (200, "ok\n")
    finally:
        server.stop()


@pytest.mark.postgres
def test_healthz_says_503_when_the_database_is_gone(tmp_path, pg_database_url):
    url, reason = pg_database_url
    if url is None:
        pytest.skip(reason)
    admin = create_engine(os.environ["DIGIPUNT_TEST_PG_URL"], isolation_level="AUTOCOMMIT")
    name = f"digipunt_healthz_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    own = make_url(url).set(database=name).render_as_string(hide_password=False)
    assert cli("--database-url", own, "migrate").returncode == 0
    server = serve(tmp_path, own)
    try:
        assert requests.get(f"{server.url}/healthz", timeout=5).status_code == 200
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        answer = requests.get(f"{server.url}/healthz", timeout=10)
        assert (answer.status_code, answer.text) == (503, "database unavailable\n")
        assert name not in answer.text and "postgres" not in answer.text
    finally:
        server.stop()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _workers(pid: int) -> set[int]:
    """uvicorn's spawned workers (multiprocessing also starts its resource tracker: not a worker)."""
    return {child for child in _children(pid)
            if "resource_tracker" not in Path(f"/proc/{child}/cmdline").read_bytes().decode(errors="replace")}


def test_serve_with_workers_replaces_a_worker_killed_with_kill_9(tmp_path, migrated):
    server = serve(tmp_path, migrated, "--workers", "2")
    try:
        deadline = time.monotonic() + 60
        while len(workers := _workers(server.popen.pid)) < 2:
            assert time.monotonic() < deadline, "two workers did not start"
            time.sleep(0.1)
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        # The other one answers; on a loaded machine it may still be starting: the request waits in
        # the shared socket's queue (a slow answer is fine here, a refused or failed one is not).
        assert requests.get(f"{server.url}/healthz", timeout=30).status_code == 200
        deadline = time.monotonic() + 60
        while len(_workers(server.popen.pid) - {victim}) < 2:
            assert time.monotonic() < deadline, "the killed worker was not replaced"
            time.sleep(0.1)
        assert requests.get(f"{server.url}/v1/health", timeout=30).status_code == 200
    finally:
        server.stop()


def test_x_forwarded_for_counts_only_from_a_trusted_proxy(tmp_path, migrated):
    forged = {"X-Forwarded-For": "203.0.113.7"}
    trusting = serve(tmp_path, migrated)  # default: 127.0.0.1 is the proxy (nginx on the same host)
    try:
        assert requests.post(f"{trusting.url}/v1/enroll", json={"code": "AAAA-BBBB-CCCC", "device_name": "pc"},
                             headers=forged, timeout=5).status_code == 403
    finally:
        trusting.stop()
    assert "enroll:203.0.113.7" in rate_limit_keys(migrated)
    wary = serve(tmp_path, migrated, "--forwarded-allow-ips", "192.0.2.1")
    try:
        assert requests.post(f"{wary.url}/v1/enroll", json={"code": "AAAA-BBBB-CCCC", "device_name": "pc"},
                             headers={"X-Forwarded-For": "198.51.100.9"}, timeout=5).status_code == 403
    finally:
        wary.stop()
    keys = rate_limit_keys(migrated)
    assert "enroll:127.0.0.1" in keys and "enroll:198.51.100.9" not in keys


def test_nginx_allows_a_little_more_than_the_server_so_the_kiosk_gets_the_servers_json_413():
    limit = re.search(r"^\s*client_max_body_size (\d+)([km]?);", SITE.read_text().split("location")[0], re.M)
    assert limit is not None
    assert int(limit.group(1)) * {"": 1, "k": 1024, "m": 1024 ** 2}[limit.group(2)] >= MAX_BATCH_BYTES


def test_nginx_lets_through_the_console_requests_the_server_lets_be_large():
    large = re.findall(r"location (= )?(\S+) \{\s*client_max_body_size 17m;", SITE.read_text())
    assert sorted(path for _exact, path in large) == sorted(LARGE_REQUEST_PATHS)
    assert all(bool(exact) != path.endswith("/") for exact, path in large)  # exact paths, or a prefix


def test_through_the_shipped_nginx_config_a_client_cannot_forge_its_address_and_big_bodies_get_json(
        tmp_path, migrated):
    if (reason := missing()) is not None:
        pytest.skip(reason)
    servers = [serve(tmp_path, migrated), serve(tmp_path, migrated)]
    balancer = Nginx(tmp_path / "nginx", [server.port for server in servers])
    balancer.start()
    try:
        assert requests.get(f"{balancer.url}/healthz", timeout=5).text == "ok\n"
        refused = requests.post(f"{balancer.url}/v1/enroll", json={"code": "AAAA-BBBB-CCCC", "device_name": "pc"},
                                headers={"X-Forwarded-For": "203.0.113.8"}, timeout=5)
        assert refused.status_code == 403
        too_big = requests.post(f"{balancer.url}/v1/records:batch", data=b"x" * (MAX_BATCH_BYTES + 1),
                                headers={"Content-Type": "application/json"}, timeout=10)
        assert too_big.status_code == 413 and too_big.json()["error"] == "request-too-large"
        servers[0].kill()  # nginx goes on with the other process, even for a POST
        for _ in range(4):
            assert requests.post(f"{balancer.url}/v1/enroll", json={"code": "AAAA-BBBB-CCCC", "device_name": "pc"},
                                 timeout=5).status_code == 403
    finally:
        balancer.stop()
        for server in servers:
            server.kill()
    keys = rate_limit_keys(migrated)
    assert "enroll:127.0.0.1" in keys and "enroll:203.0.113.8" not in keys  # nginx overwrote the header
