"""installer/linux/setup-kiosk-user.sh, really run as root against a throwaway root (--root): what
it writes is root-owned and read-only for the kiosk account, it follows no symlink the account (or
anyone but root) could plant, refuses dangerous prefixes and data directories, and an upgrade keeps
the data. The account it makes is real (and removed afterwards). With DIGIPUNT_TEST_DIST the real
build is installed and self-checks as the kiosk account, with Chromium's sandbox on, and an
upgrade of the running build stops it cleanly and keeps its queued records, which then all sync."""
from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import socket
import stat
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from keyring.backends import fail
from sqlalchemy import text

from kiosk.core.runtime import bootstrap
from kiosk.core.secrets import SecretStore
from kiosk.sync.engine import SyncEngine
from sync.server.db import make_server_engine, migrate
from tests.sync_support import help_request, queue, start_server

ROOT_DIR = Path(__file__).resolve().parent.parent
SCRIPT = ROOT_DIR / "installer" / "linux" / "setup-kiosk-user.sh"
USER = "dpsetuptest"
DIST = os.environ.get("DIGIPUNT_TEST_DIST")

pytestmark = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("useradd") or not shutil.which("runuser"),
                                reason="the setup script creates an account and root-owned files: it runs "
                                       "only as root (as here and in CI) with useradd and runuser")

# Stands in for the build when none is given: answers --self-check like the real one, as whoever runs it.
STUB = """#!/bin/sh
while [ $# -gt 0 ]; do
  case "$1" in --self-check-log) log="$2"; shift ;; esac; shift
done
printf '{"ok": true, "version": "%s", "user": "%s"}\\n' "$(cat "$(dirname "$0")/VERSION")" "$(id -un)" > "$log"
"""


@pytest.fixture(scope="module")
def account():
    yield USER
    subprocess.run(["userdel", "-r", USER], capture_output=True, check=False)


def make_dist(path: Path, version: str) -> Path:
    if DIST:
        shutil.copytree(DIST, path, symlinks=True)
        return path
    path.mkdir()
    (path / "digipunt-kiosk").write_text(STUB)
    (path / "digipunt-kiosk").chmod(0o755)
    (path / "VERSION").write_text(version + "\n")
    return path


@pytest.fixture
def root():
    """Not below pytest's tmp_path (mode 700): the kiosk account must reach its data directory."""
    path = Path(tempfile.mkdtemp(prefix="digipunt-root-", dir="/tmp"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path)


def setup(root: Path, dist: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT), "--user", USER, "--root", str(root), "--dist", str(dist), *args],
                          capture_output=True, text=True, timeout=300, check=False)


def assert_root_owned_and_read_only(path: Path) -> None:
    info = path.lstat()
    assert info.st_uid == 0 and info.st_gid == 0, path
    # A symlink's own mode is always 777 and means nothing; its owner (root) is what counts.
    assert stat.S_ISLNK(info.st_mode) or not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH), f"{path} is writable"


def test_installs_a_root_owned_single_app_session_and_upgrades_keeping_the_data(root, tmp_path, account):
    result = setup(root, make_dist(tmp_path / "dist1", "0.0.1"), "--secret-file")
    assert result.returncode == 0, result.stderr
    entry = pwd.getpwnam(account)
    assert entry.pw_shell == "/usr/sbin/nologin" and entry.pw_uid != 0

    for path in [root / "opt", *(root / "opt" / "digipunt-kiosk").rglob("*"), *(root / "etc").rglob("*")]:
        assert_root_owned_and_read_only(path)
    unit = (root / "etc/systemd/system/digipunt-kiosk.service").read_text()
    for line in (f"User={account}", "ExecStart=/usr/bin/cage -d -- /opt/digipunt-kiosk/digipunt-kiosk",
                 "Restart=always", "RestartSec=2", "StartLimitIntervalSec=0", "PAMName=digipunt-kiosk",
                 "Environment=XDG_SESSION_TYPE=wayland QT_QPA_PLATFORM=wayland DIGIPUNT_DATA_DIR=/var/lib/digipunt"):
        assert line in unit.splitlines(), line
    assert not re.search(r"@[A-Z_]+@", unit)  # every placeholder filled in
    wants = root / "etc/systemd/system/graphical.target.wants/digipunt-kiosk.service"
    assert os.readlink(wants) == "../digipunt-kiosk.service"

    data = root / "var/lib/digipunt"
    assert data.stat().st_uid == entry.pw_uid and stat.S_IMODE(data.stat().st_mode) == 0o700
    check = json.loads((data / "self-check.json").read_text())
    assert check["ok"] is True
    if DIST:  # the real build ran as the kiosk account: Chromium's sandbox was on and worked
        assert check["sandbox"] == "on" and check["webengine"]["ok"] is True
        assert check["keystore"]["state"] == "insecure"  # --secret-file, no Secret Service here
    else:
        assert check["user"] == account
        assert json.loads((data / "settings.json").read_text()) == {"allow_secret_file": True}

    # Upgrade in place: the program is replaced, the data stays.
    (data / "unsynced-records").write_text("kept")
    result = setup(root, make_dist(tmp_path / "dist2", "0.0.2"))
    assert result.returncode == 0, result.stderr
    assert (data / "unsynced-records").read_text() == "kept"
    if not DIST:
        assert (root / "opt/digipunt-kiosk/VERSION").read_text().strip() == "0.0.2"
    assert not list((root / "opt").glob("digipunt-kiosk.*"))  # no .new/.old left behind


def test_follows_no_planted_symlink(root, tmp_path, account):
    dist = make_dist(tmp_path / "dist", "0.0.1")
    assert setup(root, dist).returncode == 0
    victim = tmp_path / "victim"
    victim.write_text("untouched")
    # A symlink in place of a file the script writes is replaced, never written through.
    unit = root / "etc/systemd/system/digipunt-kiosk.service"
    unit.unlink()
    unit.symlink_to(victim)
    assert setup(root, dist).returncode == 0
    assert victim.read_text() == "untouched" and not unit.is_symlink()

    # A symlinked directory on the way is refused.
    pam = root / "etc/pam.d"
    shutil.rmtree(pam)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    pam.symlink_to(elsewhere)
    result = setup(root, dist)
    assert result.returncode != 0 and "symbolic link" in result.stderr
    assert not list(elsewhere.iterdir())
    pam.unlink()

    # The data directory as a symlink to somewhere the account wants to own: refused.
    data = root / "var/lib/digipunt"
    shutil.rmtree(data)
    data.symlink_to(elsewhere)
    result = setup(root, dist)
    assert result.returncode != 0 and elsewhere.stat().st_uid == 0
    data.unlink()

    # A directory on the way that the kiosk account owns (it could swap in a symlink): refused.
    owned = root / "srv-kiosk"
    owned.mkdir()
    os.chown(owned, pwd.getpwnam(account).pw_uid, -1)
    result = setup(root, dist, "--data-dir", "/srv-kiosk/data")
    assert result.returncode != 0 and "not owned by root" in result.stderr


def test_an_existing_data_dir_of_someone_else_is_not_taken_over(root, tmp_path, account):
    other = root / "var/lib/shared"
    other.mkdir(parents=True)
    (other / "their-file").write_text("x")
    result = setup(root, make_dist(tmp_path / "dist", "0.0.1"), "--data-dir", "/var/lib/shared")
    assert result.returncode != 0 and "does not belong to" in result.stderr
    assert other.stat().st_uid == 0 and stat.S_IMODE(other.stat().st_mode) == 0o755


@pytest.mark.parametrize(("option", "path"), [
    ("--prefix", "/"), ("--prefix", "/usr"), ("--prefix", "/opt"), ("--prefix", "/home"), ("--prefix", "/root"),
    ("--prefix", "opt/digipunt"), ("--prefix", "/opt/../usr"), ("--prefix", "/opt/digipunt/"),
    ("--data-dir", "/"), ("--data-dir", "/var/lib"), ("--data-dir", "/home"), ("--data-dir", "/etc"),
    ("--data-dir", "var/digipunt"), ("--data-dir", "/var/lib/../../etc"), ("--data-dir", "/opt/digipunt-kiosk/data"),
    ("--data-dir", "/var/lib/dp $(id)"),
])
def test_refuses_dangerous_prefixes_and_data_dirs(tmp_path, option, path):
    dist = make_dist(tmp_path / "dist", "0.0.1")
    # No --root: a path that got through would be the real one, so refusal must come first.
    result = subprocess.run(["bash", str(SCRIPT), "--user", USER, "--dist", str(dist), "--no-start", option, path],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0
    assert result.stderr.startswith("setup-kiosk-user: ") and "1. program" not in result.stdout


def test_refuses_to_replace_a_prefix_that_is_not_an_earlier_install(root, tmp_path):
    prefix = root / "opt/digipunt-kiosk"
    prefix.mkdir(parents=True)
    (prefix / "someone-elses-file").write_text("x")
    result = setup(root, make_dist(tmp_path / "dist", "0.0.1"))
    assert result.returncode != 0 and "not an earlier Digipunt install" in result.stderr
    assert (prefix / "someone-elses-file").exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening_socket(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(128)
    return sock


def server_record_ids(engine) -> set[str]:
    with engine.connect() as conn:
        return {str(row[0]) for row in conn.execute(text("SELECT id FROM records"))}


def run_kiosk_as(account: str, program: Path, data: Path) -> subprocess.Popen:
    """The installed program as the unit runs it (the account, its data directory), offscreen."""
    home = pwd.getpwnam(account).pw_dir
    return subprocess.Popen(["runuser", "-u", account, "--", "env", "-u", "QTWEBENGINE_CHROMIUM_FLAGS",
                             f"HOME={home}", "QT_QPA_PLATFORM=offscreen", f"DIGIPUNT_DATA_DIR={data}", str(program)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/")


def wait_until(condition, what: str, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        tail = log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"
        assert time.monotonic() < deadline, f"timed out waiting for {what}; the kiosk's log:\n{tail}"
        time.sleep(0.3)


@pytest.mark.skipif(not DIST, reason="an upgrade of a running kiosk needs the real build (DIGIPUNT_TEST_DIST)")
def test_upgrading_a_running_kiosk_stops_it_keeps_its_queue_and_every_record_syncs(root, tmp_path, account):
    assert setup(root, make_dist(tmp_path / "dist1", "0.0.1"), "--secret-file").returncode == 0
    data, program = root / "var/lib/digipunt", root / "opt/digipunt-kiosk/digipunt-kiosk"
    engine = make_server_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    migrate(engine)
    port = free_port()

    # Enrolled while the server is up; then the digibus drives off: 25 records wait in the outbox.
    server = start_server(engine, listening_socket(port))
    runtime = bootstrap(data)
    # The installed kiosk has no key store here and keeps its secrets in the file (--secret-file);
    # the tests' own keyring (tests/keyrings.py) must not take them.
    sync = SyncEngine(runtime.store, SecretStore(data, backend=fail.Keyring(), allow_file=True))
    location = sync.enroll(server.url, server.enroll_code(), "PC 1").location_id
    server.stop()
    queued = [help_request(location) for _ in range(25)]
    queue(runtime.store, *queued)
    runtime.close()
    subprocess.run(["chown", "-R", f"{account}:", str(data)], check=True)

    kiosk = run_kiosk_as(account, program, data)
    log = data / "digipunt.log"
    try:
        wait_until(lambda: log.exists() and "started in" in log.read_text(errors="replace"), "the kiosk to start", log)
        assert kiosk.poll() is None
        result = setup(root, make_dist(tmp_path / "dist2", "0.0.2"), "--secret-file")
        assert result.returncode == 0, result.stderr
        assert "stopping the kiosk that runs from" in result.stdout
        assert kiosk.wait(timeout=5) == 0, "the old kiosk was stopped with SIGTERM and left cleanly"
        assert "SIGTERM: stopping" in log.read_text(errors="replace")
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
    assert server_record_ids(engine) == set()  # the queue survived the upgrade unsent

    # Back online, the upgraded kiosk sends every queued record, once.
    server = start_server(engine, listening_socket(port))
    kiosk = run_kiosk_as(account, program, data)
    try:
        wait_until(lambda: len(server_record_ids(engine)) == len(queued), "every queued record on the server", log)
        assert server_record_ids(engine) == {str(record.id) for record in queued}
    finally:
        kiosk.terminate()
        kiosk.wait(timeout=30)
        server.stop()
        engine.dispose()
