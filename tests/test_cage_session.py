"""The Linux single-app session for real: the built kiosk alone in cage (wlroots' headless backend),
as an unprivileged account with Chromium's sandbox on, and brought back after kill -9 by a loop that
restarts it the way digipunt-kiosk.service's Restart=always/RestartSec do. (systemd itself and the
tty1/logind part of the unit are not run here: no systemd as PID 1 in this container.)"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

UNIT = Path(__file__).resolve().parent.parent / "installer" / "linux" / "digipunt-kiosk.service"
DIST = os.environ.get("DIGIPUNT_TEST_DIST")
ACCOUNT = "nobody"

pytestmark = pytest.mark.skipif(
    not (DIST and shutil.which("cage") and shutil.which("Xwayland") and os.geteuid() == 0),
    reason="needs the built kiosk (DIGIPUNT_TEST_DIST), Debian's cage and xwayland (.ci/run installs them) "
           "and root to run it as an unprivileged account (cage refuses to run as root)")


@pytest.fixture
def session_dirs():
    base = Path(tempfile.mkdtemp(prefix="digipunt-cage-", dir="/tmp"))
    base.chmod(0o755)
    dirs = {name: base / name for name in ("runtime", "data")}
    for path in dirs.values():
        path.mkdir(mode=0o700)
        shutil.chown(path, ACCOUNT)
    yield dirs
    # A kiosk still starting when its cage went (the restart test ends on the second start) keeps
    # writing into the data directory (its icon cache) for a moment: end every process of this
    # session, found by the data directory in its environment, before removing the directories.
    deadline = time.monotonic() + 30
    while (left := session_processes(dirs["data"])) and time.monotonic() < deadline:
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.1)
    assert not left, f"processes of the session outlived it: {left}"
    shutil.rmtree(base)


def session_processes(data_dir: Path) -> list[int]:
    marker = f"DIGIPUNT_DATA_DIR={data_dir}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if marker in (proc / "environ").read_bytes().split(b"\0"):
                found.append(int(proc.name))
        except OSError:  # gone meanwhile, or a kernel thread
            continue
    return found


def cage_command(dirs, *kiosk_args: str) -> list[str]:
    env = {"HOME": str(dirs["data"]), "XDG_RUNTIME_DIR": str(dirs["runtime"]), "WLR_BACKENDS": "headless",
           "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1", "QT_QPA_PLATFORM": "wayland",
           "DIGIPUNT_DATA_DIR": str(dirs["data"]), "PATH": "/usr/bin:/bin"}
    program = str(Path(DIST).resolve() / "digipunt-kiosk")
    return ["runuser", "-u", ACCOUNT, "--", "env", "-i", *(f"{k}={v}" for k, v in env.items()),
            "cage", "-d", "--", program, *kiosk_args]


def test_the_kiosk_runs_alone_in_cage_on_wayland_with_the_sandbox_on(session_dirs):
    result = subprocess.run(cage_command(session_dirs, "--self-check"), capture_output=True, text=True,
                            timeout=180, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["ok"] is True and summary["platform"] == "wayland"
    assert summary["webengine"]["ok"] is True and summary["sandbox"] == "on"


def test_a_killed_kiosk_is_back_after_restart_sec(session_dirs):
    restart_sec = float(re.search(r"^RestartSec=(\d+)$", UNIT.read_text(), re.M).group(1))
    log = session_dirs["data"] / "digipunt.log"
    stop = threading.Event()
    sessions: list[subprocess.Popen] = []

    def supervise():  # Restart=always with StartLimitIntervalSec=0: start again, however it ended
        while not stop.is_set():
            sessions.append(subprocess.Popen(cage_command(session_dirs), stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL, start_new_session=True))
            sessions[-1].wait()
            stop.wait(restart_sec)

    def starts() -> int:
        return log.read_text().count("started: data dir") if log.exists() else 0

    def wait_for(condition, seconds=90.0):
        deadline = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < deadline, "timed out"
            time.sleep(0.2)

    def kiosk_pid() -> int:
        found = subprocess.run(["pgrep", "-u", ACCOUNT, "-x", "digipunt-kiosk"], capture_output=True, text=True,
                               check=False).stdout.split()
        return int(found[0]) if found else 0

    supervisor = threading.Thread(target=supervise, daemon=True)
    supervisor.start()
    try:
        wait_for(lambda: starts() == 1 and kiosk_pid())
        first = kiosk_pid()
        killed_at = time.monotonic()
        os.kill(first, signal.SIGKILL)
        wait_for(lambda: starts() == 2)
        back_after = time.monotonic() - killed_at
        assert kiosk_pid() not in (0, first)
        assert back_after >= restart_sec and len(sessions) == 2
    finally:
        stop.set()
        for session in sessions:
            if session.poll() is None:
                os.killpg(session.pid, signal.SIGTERM)
        supervisor.join(timeout=30)
